"""Bytes to text: binary detection and encoding detection.

UTF-8 is tried first (strictly) because it is what nearly every modern source uses and a
strict UTF-8 decode that succeeds is almost never wrong. Otherwise charset-normalizer
guesses. Its guesses for short Western European text often tie between several single-byte
code pages (cp1250, cp1252, cp1257 decode plain ASCII plus a few accents equally well), so
among equally good candidates we prefer the code pages English-language news is actually
written in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from charset_normalizer import from_bytes

from accord.errors import IngestError

#: Tie-break order among candidates with the same chaos score (lower index wins).
PREFERRED_ENCODINGS = (
    "utf_8", "ascii", "cp1252", "latin_1", "iso8859_15", "utf_16", "utf_32", "cp1250",
    "iso8859_2", "cp1251",
)
#: charset-normalizer "chaos" (0 = clean text, 1 = noise) above which we refuse to guess.
MAX_CHAOS = 0.3
#: Share of control characters (other than whitespace) above which text is binary.
MAX_CONTROL_SHARE = 0.01


@dataclass
class Decoded:
    text: str
    encoding: str
    confidence: float  # 1 - chaos
    repaired: int = 0  # mojibake sequences repaired (UTF-8 that was read as cp1252 once)


def looks_binary(data: bytes) -> bool:
    """NUL bytes in the first 8 KiB mean binary, unless it is UTF-16/32 with a BOM."""
    head = data[:8192]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    return b"\x00" in head


def _control_share(text: str) -> float:
    if not text:
        return 0.0
    # a regex, not a loop over characters: a few MB of text is decoded in milliseconds
    return len(_CONTROL.findall(text)) / len(text)


#: C0 controls other than tab, newline, vertical tab, form feed and carriage return;
#: and the replacement character (an undecodable byte).
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\ufffd]")


def _same_as_cp1252(data: bytes, text: str) -> bool:
    try:
        return data.decode("cp1252") == text
    except UnicodeDecodeError:
        return False


def decode(data: bytes, path: str) -> Decoded:
    """Decode file bytes to text, or raise :class:`IngestError` saying why not."""
    if not data.strip():
        raise IngestError(path, "empty file")
    if looks_binary(data):
        raise IngestError(path, "binary file (contains NUL bytes), not text")
    try:
        text = data.decode("utf-8-sig")
        encoding, confidence = "utf_8", 1.0
    except UnicodeDecodeError:
        matches = list(from_bytes(data))
        if not matches:
            raise IngestError(path, "cannot decode text: not UTF-8 and no encoding fits") from None
        best = min(m.chaos for m in matches)

        def rank(m) -> tuple[int, float]:
            enc = m.encoding.lower()
            pref = PREFERRED_ENCODINGS.index(enc) if enc in PREFERRED_ENCODINGS else 99
            return (pref, m.chaos)

        tied = [m for m in matches if m.chaos <= best + 0.01]
        match = min(tied, key=rank)
        if match.chaos > MAX_CHAOS:
            reason = f"cannot decode text reliably (best guess {match.encoding} is garbled)"
            raise IngestError(path, reason) from None
        text, encoding, confidence = str(match), match.encoding, round(1 - match.chaos, 3)
        if encoding != "cp1252" and _same_as_cp1252(data, text):
            encoding = "cp1252"  # identical text: name the code page the file most likely used
    if _control_share(text) > MAX_CONTROL_SHARE:
        raise IngestError(path, f"binary file (control characters after decoding as {encoding})")
    if not text.strip():
        raise IngestError(path, "empty file (only whitespace)")
    text, repaired = repair_mojibake(text)
    return Decoded(text=text, encoding=encoding, confidence=confidence, repaired=repaired)


#: UTF-8 read as cp1252 (or latin-1) and saved again: "â€™" for "’", "Ã©" for "é".
#: A lead byte of a two- or three-byte UTF-8 sequence as cp1252 (Â-ß, à-ï) followed by
#: continuation bytes as cp1252 (0x80-0xBF: € ‚ ƒ ... ¿).
_CONT = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ" \
        "‘’“”•–—˜™š›œž" \
        "Ÿ -¿"
_MOJIBAKE = re.compile(f"[\u00c2-\u00df][{_CONT}]|[\u00e0-\u00ef][{_CONT}]{{2}}")
#: Sequences needed before a text is taken for double-encoded.
MIN_MOJIBAKE = 2


def _cp1252_byte(ch: str) -> int | None:
    try:
        return ch.encode("cp1252")[0]
    except UnicodeEncodeError:
        return ord(ch) if ord(ch) < 256 else None


def repair_mojibake(text: str) -> tuple[str, int]:
    """Undo one round of UTF-8 read as cp1252: each run "â€™" becomes "’" again.

    Only the runs that decode as UTF-8 are replaced, so a text mixing clean and damaged
    parts keeps its clean parts; nothing is done unless at least ``MIN_MOJIBAKE`` runs
    repair (one "Ã©" may be meant).
    """
    hits = list(_MOJIBAKE.finditer(text))
    if len(hits) < MIN_MOJIBAKE:
        return text, 0
    out: list[str] = []
    pos = repaired = 0
    for m in hits:
        raw = [_cp1252_byte(c) for c in m.group(0)]
        if any(b is None for b in raw):
            continue
        try:
            fixed = bytes(b for b in raw if b is not None).decode("utf-8")
        except UnicodeDecodeError:
            continue
        out.append(text[pos:m.start()])
        out.append(fixed)
        pos = m.end()
        repaired += 1
    if repaired < MIN_MOJIBAKE:
        return text, 0
    out.append(text[pos:])
    return "".join(out), repaired
