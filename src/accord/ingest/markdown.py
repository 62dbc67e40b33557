"""Markdown: YAML front matter and inline markup, expressed as deletions.

The cleaner never rewrites text; it copies runs of the original and deletes the rest, so
that every clean character has a known original position. Markdown syntax is therefore
described here as character ranges to delete (``#`` of a heading, ``**`` of bold, the
``](url)`` of a link) rather than by rendering the markdown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

_FRONT = re.compile(r"\A(?:\ufeff)?---[ \t]*\r?\n(.*?)(?:\r?\n)(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)",
                    re.S)

_HEADING = re.compile(r"^(\s{0,3}#{1,6}\s+)(.*?)(\s+#+\s*)?$")
_LIST = re.compile(r"^(\s*(?:[-*+]|\d{1,3}[.)])\s+)")
_QUOTE = re.compile(r"^(\s*(?:>\s?)+)")
_RULE = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")
_FENCE = re.compile(r"^\s*(```|~~~)")
_SETEXT = re.compile(r"^\s*(=+|-+)\s*$")
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]*)(?:\s+\"[^\"]*\")?\)")
_REFLINK = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
_LINKDEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s+\S+")
_EMPH = re.compile(r"(?<![\w*])(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1(?![\w*])")
_CODE = re.compile(r"`([^`]+)`")
_TAG = re.compile(r"</?[A-Za-z][^>]*>")


@dataclass
class FrontMatter:
    data: dict[str, Any] = field(default_factory=dict)
    end: int = 0  # original offset where the body starts
    error: str | None = None


def front_matter(text: str) -> FrontMatter:
    """Parse a leading ``---`` YAML block; a broken one is reported, not fatal."""
    m = _FRONT.match(text)
    if not m:
        return FrontMatter()
    try:
        data = yaml.safe_load(m.group(1)) or {}
    except yaml.YAMLError as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", None)
        where = f" (line {line + 2})" if line is not None else ""
        return FrontMatter(end=m.end(), error=f"front matter is not valid YAML{where}; ignored")
    if not isinstance(data, dict):
        return FrontMatter(end=m.end(), error="front matter is not a YAML mapping; ignored")
    return FrontMatter(data={str(k).lower(): v for k, v in data.items()}, end=m.end())


@dataclass
class LineMarkup:
    """How one markdown line contributes to the clean text."""

    drop: bool = False  # rule, fence, link definition, image-only line
    block: bool = False  # heading or list item: a paragraph of its own
    deletions: list[tuple[int, int]] = field(default_factory=list)  # line-relative ranges


def line_markup(line: str) -> LineMarkup:
    """Deletions that turn one markdown line into plain text."""
    if _RULE.match(line) or _FENCE.match(line) or _LINKDEF.match(line) or _SETEXT.match(line):
        return LineMarkup(drop=True)
    out = LineMarkup()
    dels = out.deletions
    m = _HEADING.match(line)
    if m:
        out.block = True
        dels.append((0, m.end(1)))
        if m.group(3):
            dels.append((m.start(3), m.end(3)))
    else:
        for rx in (_QUOTE, _LIST):
            m = rx.match(line)
            if m:
                if rx is _LIST:
                    out.block = True
                dels.append((m.start(1), m.end(1)))
                break
    for m in _IMAGE.finditer(line):
        dels.append((m.start(), m.end()))
    for m in _LINK.finditer(line):
        dels.append((m.start(), m.start() + 1))  # "["
        dels.append((m.end(1), m.end()))  # "](url)"
    for m in _REFLINK.finditer(line):
        dels.append((m.start(), m.start() + 1))
        dels.append((m.end(1), m.end()))
    for m in _EMPH.finditer(line):
        k = len(m.group(1))
        dels.append((m.start(), m.start() + k))
        dels.append((m.end() - k, m.end()))
    for m in _CODE.finditer(line):
        dels.append((m.start(), m.start() + 1))
        dels.append((m.end() - 1, m.end()))
    for m in _TAG.finditer(line):
        dels.append((m.start(), m.end()))
    out.deletions = _merge(dels)
    if not "".join(_keep(line, out.deletions)).strip():
        out.drop = True
    return out


def _merge(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sort and merge overlapping ranges (an image inside a link, say)."""
    merged: list[tuple[int, int]] = []
    for s, e in sorted(ranges):
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        elif e > s:
            merged.append((s, e))
    return merged


def _keep(line: str, dels: list[tuple[int, int]]) -> list[str]:
    parts, pos = [], 0
    for s, e in dels:
        parts.append(line[pos:s])
        pos = e
    parts.append(line[pos:])
    return parts


def strip_line(line: str) -> str:
    """The plain text of one markdown line (used for metadata, not for offsets)."""
    lm = line_markup(line)
    return "" if lm.drop else "".join(_keep(line, lm.deletions)).strip()
