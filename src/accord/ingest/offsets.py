"""Offset map between cleaned text and the original text.

Cleaning (joining hard-wrapped lines, repairing hyphenation, dropping page
furniture) changes offsets. Provenance demands that every span found in the
cleaned text can be shown in the original, so the cleaner builds the clean text
through :class:`OffsetMapBuilder`, which records for each run of clean text the
run of original text it came from.

Serialised form: a list of ``[clean_start, orig_start, clean_len, orig_len]``.
When ``clean_len == orig_len`` the run is a character-for-character copy;
otherwise it is a replacement (``"-\\n"`` -> ``""``, ``"\\n"`` -> ``" "``) and
spans map to its edges.
"""

from __future__ import annotations

from bisect import bisect_right


class OffsetMap:
    def __init__(self, segments: list[list[int]]):
        self.segments = segments
        self._starts = [s[0] for s in segments]
        self._ostarts = [s[1] for s in segments]

    @classmethod
    def identity(cls, length: int) -> OffsetMap:
        return cls([[0, 0, length, length]] if length else [])

    def to_json(self) -> list[list[int]]:
        return self.segments

    def _segment(self, pos: int) -> list[int]:
        i = bisect_right(self._starts, pos) - 1
        # Zero-length clean runs (deletions) share a start with the next run;
        # skip forward to the run that actually contains ``pos``.
        while i + 1 < len(self.segments) and self.segments[i][2] == 0 and \
                self.segments[i + 1][0] <= pos:
            i += 1
        return self.segments[max(i, 0)]

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map the clean span ``[start, end)`` to the original span."""
        if not self.segments:
            return start, end
        cs, os_, cl, ol = self._segment(start)
        ostart = os_ + (start - cs) if cl == ol else os_
        if end <= start:
            return ostart, ostart
        cs, os_, cl, ol = self._segment(end - 1)
        oend = os_ + (end - cs) if cl == ol else os_ + ol
        return ostart, max(oend, ostart)


    def to_clean(self, start: int, end: int) -> tuple[int, int]:
        """Map the original span ``[start, end)`` to the clean span that came from it.

        The inverse of :meth:`to_original` for spans that begin and end on copied
        characters; a span that starts or ends inside dropped text (furniture, markup) is
        narrowed to the clean text produced from inside it. Used to highlight an original
        span in the clean text, and by the round-trip property tests.
        """
        if not self.segments:
            return start, end
        segs = self.segments
        # first segment that ends after ``start``
        i = max(bisect_right(self._ostarts, start) - 1, 0)
        while i < len(segs) and segs[i][1] + segs[i][3] <= start:
            i += 1
        if i == len(segs):
            n = segs[-1][0] + segs[-1][2]
            return n, n
        cs, os_, cl, ol = segs[i]
        cstart = cs + max(start - os_, 0) if cl == ol else cs
        # last segment that starts before ``end``
        j = bisect_right(self._ostarts, end - 1) - 1 if end > start else -1
        if j < 0:
            return cstart, cstart
        cs, os_, cl, ol = segs[j]
        cend = cs + min(end - os_, cl) if cl == ol else cs + cl
        return cstart, max(cend, cstart)


class OffsetMapBuilder:
    """Build clean text and its offset map together."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.segments: list[list[int]] = []
        self.clean_len = 0

    def copy(self, original: str, ostart: int, oend: int) -> None:
        """Append ``original[ostart:oend]`` unchanged."""
        n = oend - ostart
        if n <= 0:
            return
        self.parts.append(original[ostart:oend])
        last = self.segments[-1] if self.segments else None
        if last and last[2] == last[3] and last[0] + last[2] == self.clean_len \
                and last[1] + last[3] == ostart:
            last[2] += n
            last[3] += n
        else:
            self.segments.append([self.clean_len, ostart, n, n])
        self.clean_len += n

    def replace(self, ostart: int, oend: int, new: str) -> None:
        """Append ``new`` standing for ``original[ostart:oend]``."""
        if len(new) == oend - ostart and new:
            # Same length: keep the run 1:1 so character offsets stay exact.
            self.parts.append(new)
            self.segments.append([self.clean_len, ostart, len(new), len(new)])
            self.clean_len += len(new)
            return
        self.parts.append(new)
        self.segments.append([self.clean_len, ostart, len(new), oend - ostart])
        self.clean_len += len(new)

    def build(self) -> tuple[str, OffsetMap]:
        return "".join(self.parts), OffsetMap(self.segments)
