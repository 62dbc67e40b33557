"""A document's original text as a reader should see it, with every offset still exact.

Evidence spans are offsets into the stored *original* text, which keeps Markdown
markup (``**``, ``#``, ``[text](url)``) and, for PDFs, words broken at line ends
("War- saw"). For display the markup becomes formatting and the broken words are
joined, only by *deleting* characters: :class:`Display` keeps, for every original
offset, its offset in the displayed text, so an annotation lands on exactly the
characters it covered (less the markup inside it). Nothing is inserted, so the
mapping is monotone and a span never moves onto other words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .annotate import Ann

__all__ = ["Display", "for_display"]

_HEADING = re.compile(r"^(#{1,6})[ \t]+(?=\S)", re.M)
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EM = re.compile(r"(?<![*\w])\*(?=[^\s*])([^*\n]+?)(?<=[^\s*])\*(?![*\w])")
_CODE = re.compile(r"`([^`\n]+)`")
_LINK = re.compile(r"(!?)\[([^\]\n]+)\]\(\s*(\S+?)(?:\s+\"[^\"\n]*\")?\s*\)")
#: A word a PDF broke at the end of a line: "War- saw", "War-\nsaw" (lower case both
#: sides, some white space after the hyphen; "anti-war" is left alone, and so is
#: "pro- and anti-", where the next word is a conjunction).
_BROKEN = re.compile(r"(?<=[a-zà-ÿ])-(?:[ \t]*\n[ \t]*|[ \t]+)"
                     r"(?!(?:and|or|nor|to|und|et)\b)(?=[a-zà-ÿ])")


@dataclass
class Display:
    """The displayed text, the display offset of each original offset, and formatting."""

    text: str
    pos: list[int]  # pos[i]: display offset of original offset i (len(original) + 1 entries)
    anns: list[Ann] = field(default_factory=list)  # formatting, in display offsets

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Display offsets of the original span ``[start, end)``."""
        return self.pos[start], self.pos[end]


def for_display(text: str, fmt: str | None) -> Display:
    """``text`` for reading: Markdown formatted (``md``), broken words joined (``pdf``)."""
    drop = bytearray(len(text))
    marks: list[tuple[int, int, str, str, dict[str, str]]] = []  # original offsets

    def delete(a: int, b: int) -> None:
        drop[a:b] = b"\x01" * (b - a)

    if fmt in ("md", "markdown"):
        for m in _HEADING.finditer(text):
            delete(m.start(1), m.end())
            line_end = text.find("\n", m.end())
            marks.append((m.end(), len(text) if line_end < 0 else line_end, "strong",
                          f"md-h{len(m.group(1))}", {}))
        for m in _LINK.finditer(text):
            delete(m.start(), m.start(2))  # "[" or "!["
            delete(m.end(2), m.end())  # "](url)"
            url = m.group(3)
            if url.startswith(("http://", "https://")) and not m.group(1):
                marks.append((m.start(2), m.end(2), "a", "md-link",
                              {"href": url, "rel": "noopener noreferrer nofollow"}))
        for rx, tag in ((_STRONG, "strong"), (_EM, "em"), (_CODE, "code")):
            for m in rx.finditer(text):
                inner = m.start(m.lastindex or 1), m.end(m.lastindex or 1)
                if any(drop[inner[0]:inner[1]]):
                    continue  # overlaps markup already taken (a link's URL...)
                delete(m.start(), inner[0])
                delete(inner[1], m.end())
                marks.append((inner[0], inner[1], tag, f"md-{tag}", {}))
    if fmt == "pdf":
        for m in _BROKEN.finditer(text):
            delete(m.start(), m.end())
    pos = [0] * (len(text) + 1)
    kept: list[str] = []
    for i, ch in enumerate(text):
        pos[i] = len(kept)
        if not drop[i]:
            kept.append(ch)
    pos[len(text)] = len(kept)
    anns = [Ann(pos[a], pos[b], tag, cls, attrs) for a, b, tag, cls, attrs in marks
            if pos[a] < pos[b]]
    return Display("".join(kept), pos, anns)
