"""What a copy changed in a sentence it took from its source.

Given an aligned pair (source sentence, copy sentence), report replaced
numbers, dates, names and modality markers. Only *replacements* count: a
copy that drops a number or adds a clause is shortening or commenting, not
altering. These are the strongest signal of a careless or tendentious reprint
("$2.6 billion" becoming "$6.2 billion", "may be preparing to use" becoming
"is using").
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from rapidfuzz import fuzz

_SCALE = {"thousand": 1e3, "million": 1e6, "mln": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9,
          "b": 1e9, "trillion": 1e12, "tn": 1e12}
_WORDNUM = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
            "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "dozen": 12,
            "twenty": 20, "hundred": 100}
_CURRENCY = {"$": "USD", "€": "EUR", "£": "GBP", "usd": "USD", "eur": "EUR", "gbp": "GBP",
             "dollars": "USD", "euros": "EUR", "pounds": "GBP", "won": "KRW", "zloty": "PLN"}
_NUM = re.compile(
    r"(?P<cur>[$€£])?\s?(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?:\s?(?P<scale>thousand|million|mln|billion|bn|trillion|tn|m|b)\b)?"
    r"(?:\s?(?P<pct>%|per\s?cent|percent))?"
    r"(?:\s(?P<cur2>dollars|euros|pounds|won|zloty|usd|eur|gbp)\b)?",
    re.IGNORECASE,
)
_WORDNUM_RE = re.compile(r"\b(" + "|".join(_WORDNUM) + r")\b", re.IGNORECASE)
_MONTHS = ("january february march april may june july august september october november "
           "december").split()
_WEEKDAYS = "monday tuesday wednesday thursday friday saturday sunday".split()
_RELATIVE = ("yesterday", "today", "tomorrow", "last week", "last month", "last year",
             "next week", "next month", "next year", "this week", "this month", "this year")
_DATE_RE = re.compile(
    r"\b(?:" + "|".join(m.capitalize() for m in _MONTHS if m != "may") + r"|May(?=\s+\d))\b"
    r"(?:\s+\d{1,2}(?:st|nd|rd|th)?)?(?:,?\s+\d{4})?"
    r"|\b(?:" + "|".join(_WEEKDAYS) + r")\b"
    r"|\b(?:" + "|".join(_RELATIVE) + r")\b",
    re.IGNORECASE,
)
_YEAR = re.compile(r"^(1[89]\d\d|20\d\d)$")
# Modality markers by the modality they signal (compared as presence sets).
MARKERS = {
    "hedge": ("may", "might", "could", "possibly", "perhaps", "likely", "preparing to",
              "considering"),
    "attribution": ("reportedly", "allegedly", "alleged", "suspected", "according to",
                    "said to", "claimed", "claims"),
    "negation": ("not", "no", "never", "denied", "denies", "deny", "rejected", "dismissed"),
}
_STOP_CAPS = {"the", "a", "an", "in", "on", "at", "and", "but", "as", "of", "for", "to", "by",
              "with", "from", "back", "after", "before", "both", "some", "this", "that", "it",
              "he", "she", "they", "we", "i", "his", "her", "its", "their", "our", "mr", "ms",
              "dr", "gen", "maj", "col", "brig", "read", "also", "then", "however", "thus",
              *_MONTHS, *_WEEKDAYS}


@dataclass(frozen=True)
class Change:
    kind: str  # number | date | name | modality
    source: str
    copy: str

    def describe(self) -> str:
        if self.kind == "modality":
            return f"modality {self.source} -> {self.copy}"
        return f"{self.kind} '{self.source}' -> '{self.copy}'"


def numbers(text: str) -> list[tuple[str, tuple[str, float]]]:
    """(surface text, (unit, value)) for every number that is not a year or a date day."""
    out: list[tuple[str, tuple[str, float]]] = []
    dated = [m.span() for m in _DATE_RE.finditer(text)]
    for m in _NUM.finditer(text):
        if any(s <= m.start() < e for s, e in dated):
            continue
        raw = m.group("num")
        if _YEAR.match(raw) and not (m.group("cur") or m.group("scale") or m.group("pct")):
            continue
        value = float(raw.replace(",", ""))
        scale = (m.group("scale") or "").lower()
        if scale in ("m", "b") and not m.group("cur"):
            scale = ""  # "5 m" is metres, "Group B" is not a billion
        value *= _SCALE.get(scale, 1.0)
        cur = m.group("cur") or m.group("cur2") or ""
        unit = "percent" if m.group("pct") else _CURRENCY.get(cur.lower(), "")
        surface = m.group(0).strip()
        if not scale and not unit and not m.group("pct"):
            surface = raw
        out.append((surface, (unit, round(value, 6))))
    for m in _WORDNUM_RE.finditer(text):
        out.append((m.group(0), ("", float(_WORDNUM[m.group(1).lower()]))))
    return out


def date_expressions(text: str) -> list[str]:
    out = [m.group(0).strip() for m in _DATE_RE.finditer(text)]
    out += [m.group(0) for m in _NUM.finditer(text)
            if _YEAR.match(m.group("num")) and not (m.group("cur") or m.group("scale"))]
    return out


def names(text: str) -> set[str]:
    """Capitalised words (not sentence-initial, not function words), lower-cased."""
    toks = re.findall(r"[A-Za-z][\w'-]*", text)
    out = set()
    for i, tok in enumerate(toks):
        if i == 0 or not tok[0].isupper() or tok.lower() in _STOP_CAPS:
            continue
        out.add(re.sub(r"'s$", "", tok.lower()))
    return out


def markers(text: str) -> dict[str, set[str]]:
    low = " " + re.sub(r"[^a-z' ]+", " ", text.lower()) + " "
    low = low.replace(" according to which ", " ")  # a relative clause, not a source
    return {k: {w for w in ws if f" {w} " in low} for k, ws in MARKERS.items()}


def _replaced(src: list[str], cpy: list[str]) -> list[tuple[str, str]]:
    removed = list((Counter(src) - Counter(cpy)).elements())
    added = list((Counter(cpy) - Counter(src)).elements())
    if not removed or not added:
        return []
    return list(zip(removed, added, strict=False))


def compare(source: str, copy: str, *, check_names: bool = True,
            name_variant: float = 75.0) -> list[Change]:
    """Changes from ``source`` to ``copy`` (two sentences already known to be aligned)."""
    changes: list[Change] = []
    ns, nc = numbers(source), numbers(copy)
    surf_s = {v: s for s, v in ns}
    surf_c = {v: s for s, v in nc}
    units_s = [v for _, v in ns]
    units_c = [v for _, v in nc]
    removed = list((Counter(units_s) - Counter(units_c)).elements())
    added = list((Counter(units_c) - Counter(units_s)).elements())
    for r in removed:
        # Pair each removed number with an added one of the same unit.
        same = [a for a in added if a[0] == r[0]]
        if same:
            a = same[0]
            added.remove(a)
            changes.append(Change("number", surf_s[r], surf_c[a]))
    ds = [d.lower() for d in date_expressions(source)]
    dc = [d.lower() for d in date_expressions(copy)]
    for a, b in _replaced(ds, dc):
        changes.append(Change("date", a, b))
    if check_names:
        gone = sorted(names(source) - names(copy))
        new = sorted(names(copy) - names(source))
        gone = [g for g in gone if not any(fuzz.ratio(g, n) >= name_variant for n in new)]
        new = [n for n in new if not any(fuzz.ratio(g, n) >= name_variant
                                         for g in names(source))]
        if gone and new:
            changes.append(Change("name", ", ".join(gone), ", ".join(new)))
    ms, mc = markers(source), markers(copy)
    for kind in ("negation", "hedge", "attribution"):
        if ms[kind] and not mc[kind]:
            changes.append(Change("modality", f"{kind} ({', '.join(sorted(ms[kind]))})",
                                  f"no {kind}"))
        elif mc[kind] and not ms[kind]:
            changes.append(Change("modality", f"no {kind}",
                                  f"{kind} ({', '.join(sorted(mc[kind]))})"))
    return changes


_CONTENT = re.compile(r"[a-z][a-z'-]+")
_FUNCTION = {"the", "a", "an", "of", "in", "on", "at", "to", "and", "or", "are", "is", "was",
             "were", "be", "been", "its", "their", "his", "her", "some", "about", "up", "than",
             "more", "less", "least", "over", "nearly", "almost", "roughly", "around", "who",
             "which", "that", "with", "for", "from", "by", *_SCALE}


def _context(text: str, end: int, n: int = 4) -> set[str]:
    """Content words among the ``n`` words after a number: what the number counts."""
    words = _CONTENT.findall(text[end:].lower())[:n]
    return {w.removesuffix("'s") for w in words if w not in _FUNCTION}


_QUALIFIER = re.compile(r"(?:up to|about|around|roughly|some|nearly|almost|more than|"
                        r"less than|at least|over|approximately)\s*$", re.IGNORECASE)


def counted_numbers(text: str) -> list[tuple[str, tuple[str, float], set[str]]]:
    """(surface with its qualifier, (unit, value), words it counts) for each number."""
    out = []
    for m in _NUM.finditer(text):
        found = numbers(m.group(0))
        if found:
            surface, value = found[0]
            q = _QUALIFIER.search(text[max(0, m.start() - 20):m.start()])
            if q:
                surface = f"{q.group(0).strip()} {surface}"
            out.append((surface, value, _context(text, m.end())))
    return out


def number_context_changes(source: str, copy: str, min_shared: int = 2) -> list[Change]:
    """Numbers that count the same thing (same unit, same words after them) but differ.

    Catches a changed figure in a sentence the copy rewrote too much to align
    ("up to 30 million Iranians are ethnic Azeris" -> "its 18 million ethnic Azeris").
    """
    out = []
    cs = counted_numbers(copy)
    for s_surface, (s_unit, s_val), s_ctx in counted_numbers(source):
        for c_surface, (c_unit, c_val), c_ctx in cs:
            if s_unit != c_unit or s_val == c_val or len(s_ctx & c_ctx) < min_shared:
                continue
            out.append(Change("number", s_surface, c_surface))
    return out
