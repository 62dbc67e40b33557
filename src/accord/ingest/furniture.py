"""Recognise page furniture lines, using the word lists in ``data/furniture.yaml``.

Furniture is decided per line because that is how it leaks into extracted text: a share
bar, a "Read more" link, a page number or a running header each occupy a line of their
own in txt exports, trafilatura output and PDF text layers alike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "furniture.yaml"
_URL_ONLY = re.compile(r"^(?:<)?(?:https?://|www\.)\S+(?:>)?$", re.I)
_LEAD = re.compile(r"^[\s>*#\-•·]+")


@dataclass(frozen=True)
class Furniture:
    prefixes: tuple[str, ...]
    exact: frozenset[str]
    pagination: tuple[re.Pattern[str], ...]
    tail_markers: tuple[str, ...]
    comment_markers: tuple[re.Pattern[str], ...]
    nav_separators: tuple[str, ...]
    nav_min_items: int
    nav_max_words: int
    lead_labels: tuple[str, ...]
    repeat_min_count: int
    repeat_max_chars: int
    title_patterns: tuple[re.Pattern[str], ...]
    inline_patterns: tuple[re.Pattern[str], ...] = ()
    stamp_patterns: tuple[re.Pattern[str], ...] = ()
    widget_words: frozenset[str] = frozenset()
    related_markers: tuple[str, ...] = ()
    related_max_words: int = 16
    comment_lines: tuple[re.Pattern[str], ...] = ()

    def normal(self, line: str) -> str:
        """Lower-cased line without leading bullets/markdown, for matching."""
        return _LEAD.sub("", line.strip()).strip().lower()

    def line_reason(self, line: str) -> str | None:
        """Why this line is furniture, or None when it may be article text."""
        n = self.normal(line)
        if not n:
            return None
        if n in self.exact:
            return "furniture"
        if any(n.startswith(p) for p in self.prefixes):
            return "furniture"
        if any(p.match(n) for p in self.pagination):
            return "page number"
        if _URL_ONLY.match(n):
            return "url"
        if self.is_nav(n):
            return "navigation"
        return None

    def is_nav(self, n: str) -> bool:
        for sep in self.nav_separators:
            items = [i.strip() for i in n.split(sep)]
            if len(items) >= self.nav_min_items and all(
                    i and len(i.split()) <= self.nav_max_words for i in items):
                return True
        return False

    def is_tail(self, line: str) -> bool:
        n = self.normal(line)
        return any(n.startswith(t) for t in self.tail_markers)

    def is_comments(self, line: str) -> bool:
        n = self.normal(line)
        return any(p.match(n) for p in self.comment_markers)

    def is_stamp(self, line: str) -> bool:
        """An "Updated:" stamp, a byline or a photo credit on a line of its own."""
        t = line.strip()
        return any(p.match(t) for p in self.stamp_patterns)

    def is_comment_line(self, line: str) -> bool:
        """A commenter's paragraph inside the page ("Comment by X: ...")."""
        n = self.normal(line)
        return any(p.match(n) for p in self.comment_lines)

    def is_widget(self, line: str) -> bool:
        """A share bar: only the names of networks and share actions."""
        words = [w for w in re.split(r"[\s|·•/,]+", self.normal(line)) if w]
        return bool(words) and len(words) <= 12 and all(w in self.widget_words for w in words)

    def is_related(self, line: str) -> bool:
        n = self.normal(line)
        return any(n == m or n.startswith(m.rstrip(":") + ":") or (
            n.startswith(m) and len(n.split()) <= len(m.split()) + 1)
            for m in self.related_markers)

    def inline_spans(self, text: str) -> list[tuple[int, int]]:
        """Character ranges of cross-references and photo credits inside a line."""
        return sorted(m.span() for p in self.inline_patterns for m in p.finditer(text))

    def strip_lead_label(self, text: str) -> str:
        low = text.lower()
        for label in self.lead_labels:
            if low.startswith(label + ":"):
                return text[len(label) + 1:].lstrip()
        return text


@lru_cache(maxsize=1)
def load() -> Furniture:
    raw = yaml.safe_load(DATA_FILE.read_text("utf-8"))
    return Furniture(
        prefixes=tuple(p.lower() for p in raw["line_prefixes"]),
        exact=frozenset(e.lower() for e in raw["exact_lines"]),
        pagination=tuple(re.compile(p, re.I) for p in raw["pagination_patterns"]),
        tail_markers=tuple(t.lower() for t in raw["tail_markers"]),
        comment_markers=tuple(re.compile(p, re.I) for p in raw["comment_markers"]),
        nav_separators=tuple(raw["nav_separators"]),
        nav_min_items=int(raw["nav_min_items"]),
        nav_max_words=int(raw["nav_max_words"]),
        lead_labels=tuple(x.lower() for x in raw["lead_labels"]),
        repeat_min_count=int(raw["repeat_min_count"]),
        repeat_max_chars=int(raw["repeat_max_chars"]),
        title_patterns=tuple(re.compile(p, re.I) for p in raw.get("title_patterns", [])),
        inline_patterns=tuple(re.compile(p, re.I) for p in raw.get("inline_patterns", [])),
        stamp_patterns=tuple(re.compile(p) for p in raw.get("stamp_patterns", [])),
        widget_words=frozenset(w.lower() for w in raw.get("widget_words", [])),
        related_markers=tuple(m.lower() for m in raw.get("related_markers", [])),
        related_max_words=int(raw.get("related_max_words", 16)),
        comment_lines=tuple(re.compile(p, re.I) for p in raw.get("comment_line_patterns", [])),
    )
