"""Partial dates (YYYY, YYYY-MM, YYYY-MM-DD): compatibility and ordering keys.

A stored date is a value plus the words it was read from. Most values say their
own precision; a week (stored as its Monday), a decade or a century (stored as
its first year) do not, so :func:`granularity` reads it back from the words and
:func:`relation` takes it into account ("later this week" contains Thursday).
"""

from __future__ import annotations

import datetime as dt
import re

_WEEK = re.compile(r"\bweek(?:end)?\b", re.I)
_DECADE = re.compile(r"\b(?:\d{3}0s|[’']?\d0s|decade)\b", re.I)
_CENTURY = re.compile(r"\bcentury\b", re.I)


def precision(value: str | None) -> int:
    """0 unknown, 1 year, 2 month, 3 day."""
    if not value:
        return 0
    return value.count("-") + 1


def granularity(value: str | None, text: str | None = None) -> str:
    """day | week | month | year | decade | century | none, from the value's shape and,
    for the coarse ones that share a shape with finer ones, the date's words."""
    if not value:
        return "none"
    if text and len(value) == 4 and _CENTURY.search(text):
        return "century"
    if text and len(value) == 4 and _DECADE.search(text):
        return "decade"
    if text and len(value) == 10 and _WEEK.search(text):
        return "week"
    return {10: "day", 7: "month", 4: "year"}.get(len(value), "none")


def _span(value: str, gran: str) -> tuple[str, str]:
    """First and last day (ISO) a date of this granularity covers."""
    if gran == "week":
        start = dt.date.fromisoformat(value)
        return start.isoformat(), (start + dt.timedelta(days=6)).isoformat()
    if gran in ("decade", "century"):
        n = 10 if gran == "decade" else 100
        return f"{value}-01-01", f"{int(value) + n - 1:04d}-12-31"
    return f"{value}-01-01"[:10] if len(value) == 4 else (value + "-01")[:10], \
        (value + "-31")[:10] if len(value) == 7 else (f"{value}-12-31" if len(value) == 4
                                                      else value)


def relation(a: str | None, b: str | None, a_text: str | None = None,
             b_text: str | None = None) -> str:
    """``equal``, ``contains`` (one is a coarser form of the other), ``unknown`` or ``conflict``.

    With the words of the dates, weeks, decades and centuries are compared as the
    periods they are ("later this week" contains that Thursday; "the 1990s" contains
    1994).
    """
    if not a or not b:
        return "unknown"
    if a == b and a_text is None and b_text is None:
        return "equal"
    ga, gb = granularity(a, a_text), granularity(b, b_text)
    if ga in ("week", "decade", "century") or gb in ("week", "decade", "century"):
        (sa, ea), (sb, eb) = _span(a, ga), _span(b, gb)
        if (sa, ea) == (sb, eb):
            return "equal"
        return "contains" if (sa <= sb and eb <= ea) or (sb <= sa and ea <= eb) else "conflict"
    if a == b:
        return "equal"
    n = min(len(a), len(b))
    return "contains" if a[:n] == b[:n] else "conflict"


def sort_key(value: str | None) -> str | None:
    """``date_value`` padded so that it sorts as a string (2024 -> 2024-00-00)."""
    if not value:
        return None
    parts = value.split("-")
    while len(parts) < 3:
        parts.append("00")
    return "-".join(parts)
