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
    )
