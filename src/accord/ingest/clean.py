"""Build the clean article text, and its offset map, from analysed lines.

Steps (all through :class:`~accord.ingest.offsets.OffsetMapBuilder`, so every clean
character keeps its original position):

1. keep the lines that :mod:`accord.ingest.lines` left as article text;
2. group them into paragraphs. Hard-wrapped text (PDF text layers, fixed-width exports)
   is detected from its line lengths and re-flowed: a line joins the previous one unless
   the previous one was a short, finished line (end of paragraph, heading). Otherwise
   every line is a paragraph. Markdown joins soft-wrapped lines within a block;
3. repair hyphenation at line ends: ``agree-\\nment`` -> ``agreement`` but
   ``Kosiniak-\\nKamysz`` -> ``Kosiniak-Kamysz`` (a capital after the break means a real
   hyphen, as does the hyphenated form occurring elsewhere in the document);
4. drop short paragraphs that repeat text found in a longer one (pull quotes);
5. separate paragraphs with ``"\\n\\n"`` so sentence splitting never runs across them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import furniture as furniture_mod
from .lines import PDF_HYPHEN, Line
from .offsets import OffsetMap, OffsetMapBuilder

_TERMINAL = ".!?:;\"'\u201d\u2019)]"
_WS = re.compile(r"\s+")
_FOOTNOTE_END = re.compile(r"(?:\[\d{1,3}\])+$")
_ABBREV_END = re.compile(r"(?:\b[A-Z][a-z]{0,2}|\b(?:[A-Za-z]\.)+[A-Za-z]|\bvs|\betc)\.$")
#: A finished sentence on a line shorter than this share of the wrap width ends a paragraph.
FINISHED_LINE_SHARE = 0.85
_NEW_ITEM = re.compile(r"^(?:\[\d{1,3}\]|\(\d{1,3}\)\s|[•▪●]\s|\d{1,3}\.\s+[A-Z])")

#: Op = ("copy", start, end) | ("rep", start, end, text)
Op = tuple


@dataclass
class Paragraph:
    lines: list[Line]
    ops: list[Op]
    text: str
    start: int  # original offset of the first kept character
    end: int  # original offset after the last kept character


def _kept_ranges(ln: Line) -> list[tuple[int, int]]:
    """Original ranges of the line that survive markup deletion and trimming."""
    ranges, pos = [], ln.start
    for s, e in ln.deletions:
        if s > pos:
            ranges.append((pos, s))
        pos = max(pos, e)
    if pos < ln.end:
        ranges.append((pos, ln.end))
    return ranges


def _trim(original: str, ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out = [list(r) for r in ranges]
    while out:
        s, e = out[0]
        while s < e and original[s].isspace():
            s += 1
        if s < e:
            out[0][0] = s
            break
        out.pop(0)
    while out:
        s, e = out[-1]
        while e > s and original[e - 1].isspace():
            e -= 1
        if e > s:
            out[-1][1] = e
            break
        out.pop()
    return [(s, e) for s, e in out]


def is_wrapped(lines: list[Line]) -> bool:
    """Hard-wrapped text: many lines, most of them close to one maximum width."""
    lengths = sorted(len(ln.text.rstrip()) for ln in lines if ln.drop is None and not ln.blank)
    if len(lengths) < 6:
        return False
    width = lengths[int(len(lengths) * 0.9) - 1]
    if width > 130:
        return False
    near = sum(1 for n in lengths if n >= 0.6 * width)
    return near >= 0.6 * len(lengths)


def _width(lines: list[Line]) -> int:
    lengths = sorted(len(ln.text.rstrip()) for ln in lines if ln.drop is None and not ln.blank)
    return lengths[int(len(lengths) * 0.9) - 1] if lengths else 0


class _Assembler:
    def __init__(self, original: str, hyphen_words: set[str]):
        self.original = original
        self.hyphen_words = hyphen_words

    def paragraph(self, lines: list[Line]) -> Paragraph | None:
        ops: list[Op] = []
        pieces: list[list[tuple[int, int]]] = [
            r for r in (_trim(self.original, _kept_ranges(ln)) for ln in lines) if r]
        if not pieces:
            return None
        for i, ranges in enumerate(pieces):
            if i:
                prev = pieces[i - 1]
                ps, pe = prev[-1]
                ns = ranges[0][0]
                if ops and ops[-1][0] == "copy" and ops[-1][2] == pe \
                        and self._dehyphenate(pe, ns):
                    # drop "-" plus the break: pull the hyphen out of the previous op
                    self._shrink_last(ops, pe - 1)
                    ops.append(("rep", pe - 1, ns, ""))
                elif self.original[pe - 1] == PDF_HYPHEN and ops and ops[-1][0] == "copy" \
                        and ops[-1][2] == pe:
                    self._shrink_last(ops, pe - 1)  # pdfium's line-end hyphen, kept as "-"
                    ops.append(("rep", pe - 1, pe, "-"))
                    if ns > pe:
                        ops.append(("rep", pe, ns, ""))
                elif self.original[pe - 1] == "-" and pe - ps > 1 \
                        and self.original[pe - 2].isalpha() and self.original[ns].isalpha():
                    ops.append(("rep", pe, ns, ""))  # real hyphen: keep it, drop the break
                else:
                    ops.append(("rep", pe, ns, " "))
            for j, (s, e) in enumerate(ranges):
                if j:
                    ops.append(("rep", ranges[j - 1][1], s, ""))
                self._copy_collapsing(ops, s, e)
        last = ops[-1] if ops else None
        if last and last[0] == "copy" and self.original[last[2] - 1] == PDF_HYPHEN:
            self._shrink_last(ops, last[2] - 1)  # a paragraph ending in pdfium's hyphen
            ops.append(("rep", last[2] - 1, last[2], "-"))
        text = "".join(self.original[o[1]:o[2]] if o[0] == "copy" else o[3] for o in ops)
        text = self._fix_double_spaces(ops, text)
        return Paragraph(lines, ops, text, pieces[0][0][0], pieces[-1][-1][1])

    def _dehyphenate(self, pe: int, ns: int) -> bool:
        o = self.original
        if pe < 3 or o[pe - 1] not in "-\u00ad" + PDF_HYPHEN or not o[pe - 2].isalpha():
            return False
        if not o[ns].isalpha() or not o[ns].islower():
            return False
        if o[pe - 1] in "\u00ad":
            return True
        left = re.search(r"[A-Za-z\u00c0-\u024f]+$", o[:pe - 1])
        right = re.match(r"[A-Za-z\u00c0-\u024f]+", o[ns:])
        if left and right:
            if f"{left.group(0)}-{right.group(0)}".lower() in self.hyphen_words:
                return False
        return True

    @staticmethod
    def _shrink_last(ops: list[Op], new_end: int) -> None:
        s = ops[-1][1]
        if new_end > s:
            ops[-1] = ("copy", s, new_end)
        else:
            ops.pop()

    def _copy_collapsing(self, ops: list[Op], s: int, e: int) -> None:
        """Copy ``original[s:e]``, turning runs of whitespace into one space."""
        if PDF_HYPHEN in self.original[s:e - 1]:
            # pdfium's hyphen inside a run (a line-end one is handled at the join)
            cut = self.original.index(PDF_HYPHEN, s, e - 1)
            self._copy_collapsing(ops, s, cut)
            ops.append(("rep", cut, cut + 1, "-"))
            self._copy_collapsing(ops, cut + 1, e)
            return
        pos = s
        for m in _WS.finditer(self.original, s, e):
            if m.group(0) == " ":
                continue
            if m.start() > pos:
                ops.append(("copy", pos, m.start()))
            ops.append(("rep", m.start(), m.end(), " "))
            pos = m.end()
        if e > pos:
            ops.append(("copy", pos, e))

    def _fix_double_spaces(self, ops: list[Op], text: str) -> str:
        """Markup deletion can leave "a  b"; drop the second space (still mapped)."""
        if "  " not in text:
            return text
        out: list[Op] = []
        last = ""
        for op in ops:
            if op[0] == "copy":
                s, e = op[1], op[2]
                if last == " " and self.original[s] == " ":
                    out.append(("rep", s, s + 1, ""))
                    s += 1
                if e > s:
                    out.append(("copy", s, e))
                    last = self.original[e - 1]
            else:
                new = op[3]
                if last == " " and new.startswith(" "):
                    new = new[1:]
                out.append(("rep", op[1], op[2], new))
                if new:
                    last = new[-1]
        ops[:] = out
        return "".join(self.original[o[1]:o[2]] if o[0] == "copy" else o[3] for o in ops)


def _group(lines: list[Line], mode: str) -> list[list[Line]]:
    """Paragraphs as lists of kept lines."""
    kept = [ln for ln in lines if ln.drop is None and not ln.blank]
    if not kept:
        return []
    width = _width(lines)
    groups: list[list[Line]] = [[kept[0]]]
    for prev, ln in zip(kept, kept[1:], strict=False):
        gap = any(x.blank or x.drop for x in lines[prev.index + 1:ln.index])
        if _broken_word(prev, ln, gap):
            join = True  # a word hyphenated across the break, whatever the mode
        elif mode == "lines":
            join = False
        elif mode == "md":
            join = not gap and not ln.block and not prev.block
        else:
            join = _wrapped_join(prev, ln, gap, width)
        if join:
            groups[-1].append(ln)
        else:
            groups.append([ln])
    return groups


def _broken_word(prev: Line, ln: Line, gap: bool) -> bool:
    a, b = prev.plain, ln.plain
    if not a or not b:
        return False
    if a[-1] == PDF_HYPHEN:
        return True
    return not gap and len(a) > 1 and a[-1] == "-" and a[-2].isalpha() and b[0].isalpha()


def _wrapped_join(prev: Line, ln: Line, gap: bool, width: int) -> bool:
    a, b = prev.plain, ln.plain
    if not a or not b:
        return False
    if _NEW_ITEM.match(b):
        return False  # a footnote or list item starts its own paragraph
    a = _FOOTNOTE_END.sub("", a) or a
    finished = a[-1] in _TERMINAL and not _ABBREV_END.search(a)
    starts_lower = b[0].islower() or (a[-1] == "-" and b[0].isalpha())
    if gap:
        # a blank line (or a dropped page header) splits a paragraph only when the text
        # before it is finished; "some\n\n\ncommentators" is one sentence across a page.
        full = len(prev.text.rstrip()) >= 0.6 * width
        return not finished and (starts_lower or b[0].isdigit() or (full and a[-1] in ",-"))
    if finished and len(prev.text.rstrip()) < FINISHED_LINE_SHARE * width:
        return False  # last line of a paragraph (PDF text layers have no blank lines)
    short = len(prev.text.rstrip()) < 0.6 * width
    if short and not finished and b[0].isupper() and a[-1] not in ",-":
        return False  # a heading
    return True


def _drop_pull_quotes(paras: list[Paragraph]) -> list[Paragraph]:
    """Drop a short paragraph (4-40 words) whose words occur, in a row, inside another
    paragraph: a pull quote repeats a sentence of the body. Paragraphs repeated whole
    are left to the copy detector.

    Linear in the document (a long PDF has thousands of paragraphs): the short
    paragraphs are indexed by their first four words, every paragraph is read once,
    and a short one is compared word for word only where its first four words occur.
    """
    normed = [_words(p.text) for p in paras]
    texts = list(dict.fromkeys(" ".join(ws) for ws in normed))  # each distinct text once
    words = [t.split() for t in texts]
    by_opening: dict[tuple[str, ...], list[int]] = {}
    for i, ws in enumerate(words):
        if _RUN <= len(ws) <= 40:
            by_opening.setdefault(tuple(ws[:_RUN]), []).append(i)
    quoted: set[int] = set()
    for k, ws in enumerate(words):
        for j in range(len(ws) - _RUN + 1):
            for i in by_opening.get(tuple(ws[j:j + _RUN]), ()):
                if i != k and i not in quoted and ws[j:j + len(words[i])] == words[i]:
                    quoted.add(i)
    drop = {texts[i] for i in quoted}
    return [p for p, ws in zip(paras, normed, strict=True) if " ".join(ws) not in drop]


#: Words in the runs :func:`_drop_pull_quotes` indexes (and the fewest a pull quote has).
_RUN = 4


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


#: Consecutive headline lines a "Related articles" block may hold.
_RELATED_MAX_LINES = 8


def mark_inline_furniture(lines: list[Line]) -> None:
    """Furniture inside the article, after metadata has read the lines.

    Stamps ("Updated: ..."), bylines and photo credits on lines of their own, share
    bars and the headlines of a "Related articles" block are dropped; cross-references
    "(see X - Y: 2 March 2024:)" and "(photo credit: ...)" inside a paragraph are
    deleted. Their dates and names would otherwise date or people the events of the
    sentence they sit in. Data: ``data/furniture.yaml``.
    """
    fur = furniture_mod.load()
    related = 0
    comment = False
    for i, ln in enumerate(lines):
        if ln.blank:
            comment = False
            continue
        if comment or (ln.drop is None and fur.is_comment_line(ln.plain)):
            ln.drop, comment = "comment", True
            continue
        if ln.drop is not None:
            related = 1 if fur.is_related(ln.plain) else 0
            continue
        plain = ln.plain
        nxt = lines[i + 1].plain if i + 1 < len(lines) else ""
        headline = (len(plain.split()) <= fur.related_max_words
                    and plain[-1] not in ".!?,;:-\"\u201d" and not nxt[:1].islower())
        if related and headline and related <= _RELATED_MAX_LINES:
            ln.drop = "related"
            related += 1
            continue
        related = 0
        if fur.is_related(plain):
            ln.drop = "related"
            related = 1
        elif fur.is_stamp(plain):
            ln.drop = "stamp"
        elif fur.is_widget(plain):
            ln.drop = "share"
        elif fur.inline_patterns:
            spans = fur.inline_spans(ln.text)
            if spans:
                ln.deletions = _merge([*ln.deletions,
                                       *((ln.start + s, ln.start + e) for s, e in spans)])


def _merge(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in sorted(ranges):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def build(original: str, lines: list[Line], mode: str) -> tuple[str, OffsetMap, dict]:
    """Clean text, its offset map, and statistics about what was dropped.

    ``mode`` is ``"lines"`` (every line a paragraph), ``"md"`` (markdown blocks),
    ``"wrapped"`` (re-flow hard-wrapped lines) or ``"auto"`` (wrapped if it looks so).
    """
    mark_inline_furniture(lines)
    if mode == "auto":
        mode = "wrapped" if is_wrapped(lines) else "lines"
    hyphen_words = {w.lower() for w in re.findall(r"\b[A-Za-z]+-[A-Za-z]+\b", original)}
    asm = _Assembler(original, hyphen_words)
    paras = [p for p in (asm.paragraph(g) for g in _group(lines, mode)) if p]
    before = len(paras)
    paras = _drop_pull_quotes(paras)
    b = OffsetMapBuilder()
    prev_end: int | None = None
    for p in paras:
        if prev_end is not None:
            b.replace(prev_end, p.start, "\n\n")
        for op in p.ops:
            if op[0] == "copy":
                b.copy(original, op[1], op[2])
            else:
                b.replace(op[1], op[2], op[3])
        prev_end = p.end
    clean, om = b.build()
    dropped: dict[str, int] = {}
    for ln in lines:
        if ln.drop:
            dropped[ln.drop] = dropped.get(ln.drop, 0) + 1
    if before != len(paras):
        dropped["pull quote"] = before - len(paras)
    return clean, om, {"mode": mode, "paragraphs": len(paras), "dropped_lines": dropped}
