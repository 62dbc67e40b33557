"""The line model shared by cleaning and metadata extraction.

Both work line by line on the *original* text: furniture, bylines, date lines and
markdown markup are properties of lines. Each :class:`Line` keeps its absolute offsets so
that whatever the cleaner keeps can be traced back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import furniture as furniture_mod
from .markdown import line_markup

#: Line breaks. pdfium reports a hyphen at the end of a PDF line as U+FFFE and drops the
#: break itself, so a (zero-width) break is also assumed right after U+FFFE.
_BREAK = re.compile(r"\r\n|\r|\n|\f|(?<=\ufffe)")
PDF_HYPHEN = "\ufffe"

#: Line states. ``None`` = article text candidate.
COMMENTS = "comments"  # below a comment marker: not text, not metadata
TAIL = "tail"  # below an end-of-article marker: not text, still metadata
HEADER = "header"  # title, byline, date line: metadata, not text
FRONT = "front matter"


@dataclass
class Line:
    index: int
    start: int  # absolute offset of the first character
    end: int  # absolute offset after the last character (terminator excluded)
    text: str
    drop: str | None = None  # why the line is not article text
    block: bool = False  # a paragraph of its own (markdown heading / list item)
    deletions: list[tuple[int, int]] = field(default_factory=list)  # absolute ranges

    @property
    def blank(self) -> bool:
        return not self.text.strip()

    @property
    def plain(self) -> str:
        """The line without deleted markup, trimmed (for matching, not for offsets)."""
        if not self.deletions:
            return self.text.strip()
        parts, pos = [], self.start
        for s, e in self.deletions:
            parts.append(self.text[pos - self.start:s - self.start])
            pos = e
        parts.append(self.text[pos - self.start:])
        return "".join(parts).strip()


def split_lines(text: str) -> list[Line]:
    """Split on any line break (``\\r\\n``, ``\\r``, ``\\n``, form feed), keeping offsets."""
    lines: list[Line] = []
    pos = 0
    for m in _BREAK.finditer(text):
        lines.append(Line(len(lines), pos, m.start(), text[pos:m.start()]))
        pos = m.end()
    if pos < len(text):
        lines.append(Line(len(lines), pos, len(text), text[pos:]))
    return lines


def _repeat_key(text: str) -> str:
    t = " ".join(text.split()).lower()
    return re.sub(r"\d+", "#", t) if len(t) <= 80 else t


def analyse(text: str, fmt: str, body_start: int = 0) -> list[Line]:
    """Split ``text`` into lines and mark furniture, comments, tail and markup."""
    fur = furniture_mod.load()
    lines = split_lines(text)
    seen_body = False
    cut: str | None = None
    for ln in lines:
        if ln.end <= body_start:
            ln.drop = FRONT
            continue
        if ln.blank:
            continue
        if fmt == "md":
            mk = line_markup(ln.text)
            if mk.drop:
                ln.drop = "markup"
                continue
            ln.block = mk.block
            ln.deletions = [(ln.start + s, ln.start + e) for s, e in mk.deletions]
        if cut is None and seen_body and fur.is_comments(ln.plain):
            cut = COMMENTS
        elif cut is None and seen_body and fur.is_tail(ln.plain):
            cut = TAIL
        elif cut == TAIL and fur.is_comments(ln.plain):
            cut = COMMENTS
        if cut:
            ln.drop = cut
            continue
        reason = fur.line_reason(ln.plain)
        if reason:
            ln.drop = reason
        elif len(ln.plain.split()) >= 8:
            seen_body = True
    _mark_repeats(lines, fur)
    _mark_running_heads(lines)
    _mark_references(lines)
    return lines


_REF_START = re.compile(r"^\[\d{1,3}\]\s*\S")
REFERENCES = "references"
#: A cited work: a quoted title or a URL.
_CITATION = re.compile(r"[\"\u201c\u201d]\s*\w[^\"\u201c\u201d]{3,}[\"\u201c\u201d]|https?://|www\.")
#: A reference entry may wrap onto this many continuation lines of at most this many words.
_REF_CONT_LINES, _REF_CONT_WORDS = 3, 20


def _mark_references(lines: list[Line]) -> None:
    """The list of numbered references at the end ("[42] Author, "Title," Outlet...") is
    not the article: its cited headlines would read as events. Inline markers stay, and so
    do notes in the author's own words (most entries cite no quoted title or URL)."""
    kept = [ln for ln in lines if ln.drop is None and not ln.blank]
    start = None
    pending = 0  # lines below the entry being looked at that wrap from an entry above
    for k in range(len(kept) - 1, -1, -1):
        t = kept[k].plain
        if _REF_START.match(t):
            start, pending = k, 0
        elif pending < _REF_CONT_LINES and len(t.split()) <= _REF_CONT_WORDS:
            pending += 1
        else:
            break
    if start is None or start == 0:
        return
    entries = [ln.plain for ln in kept[start:] if _REF_START.match(ln.plain)]
    cited = sum(1 for t in entries if _CITATION.search(t))
    if cited * 2 < len(entries):
        return  # notes in the author's words ("[1] Estimate based on ...") are text
    for ln in kept[start:]:
        ln.drop = REFERENCES


def _mark_running_heads(lines: list[Line]) -> None:
    """A short ALL-CAPS line next to a page number is a running header or footer, even
    on a document too short for it to repeat."""
    nonblank = [ln for ln in lines if not ln.blank]
    for k, ln in enumerate(nonblank):
        if ln.drop != "page number":
            continue
        for nb in nonblank[max(0, k - 1):k] + nonblank[k + 1:k + 2]:
            t = nb.plain
            letters = [c for c in t if c.isalpha()]
            if nb.drop is None and len(t.split()) <= 8 and len(letters) >= 4 \
                    and all(c.isupper() for c in letters) and t[-1] not in ".!?:":
                nb.drop = "running header"


def _ends_broken(text: str) -> bool:
    """A line ending in a word split by a hyphen is article text, never furniture."""
    return len(text) > 1 and text[-1] in "-\ufffe" and text[-2].isalpha()


def _mark_repeats(lines: list[Line], fur: furniture_mod.Furniture) -> None:
    """Drop repeated lines: running headers and doubled captions lose every copy, a
    paragraph pasted twice loses its later copies only."""
    groups: dict[str, list[Line]] = {}
    after_break = False
    for ln in lines:
        if ln.blank:
            continue
        broken = _ends_broken(ln.plain)
        if ln.drop is None and not broken and not after_break:
            groups.setdefault(_repeat_key(ln.plain), []).append(ln)
        after_break = broken
    for group in groups.values():
        if len(group) < fur.repeat_min_count:
            continue
        text = group[0].plain
        sentence = len(text.split()) >= 8 and text[-1] in ".!?\"'”’)"
        close = len(group) == 2 and group[1].index - group[0].index <= 3
        furniture = len(group) >= 3 or close or (len(text) <= fur.repeat_max_chars
                                                   and not sentence)
        for ln in group if furniture else group[1:]:
            ln.drop = "repeated"
