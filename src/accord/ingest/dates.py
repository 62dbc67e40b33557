"""Publication dates: find them in text, parse them, normalise them.

Dates are parsed with dateparser, configured so that it can never fill a missing part
from today's date: a year is required, only absolute expressions are accepted ("last
Monday" is an event date for the extractor to resolve, not a publication date), and the
relative base is pinned far in the past. The granularity dateparser reports (day, month,
year) decides the output form: ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from dateparser.date import DateDataParser

_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|"
          r"Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)")
#: A month name or its abbreviation (datelines write "Feb 26" without a year).
MONTH = _MONTH
_WEEKDAY = r"(?:(?:Mon|Tue|Tues|Wed|Wednes|Thu|Thurs|Fri|Sat|Satur|Sun)(?:day)?\.?,?\s+)"
#: A date written out: "7 March 2024", "March 8, 2024", "January 2024", "2024-03-06",
#: "12.04.2023", each optionally after a weekday.
DATE = re.compile(
    rf"(?:{_WEEKDAY})?(?:"
    rf"\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}\.?,?\s+\d{{4}}"
    rf"|{_MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|{_MONTH}\.?,?\s+\d{{4}}"
    r"|\d{4}-\d{2}-\d{2}(?:[T ][\d:.+\-Z]+)?"
    r"|\d{1,2}\.\d{1,2}\.\d{4}"
    r")\b",
    re.I,
)
_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:[T ].*)?$")
_DOTTED = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
_TIME = re.compile(
    r"\b(?:at\s*:?\s*)?\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\s*(?:[ap]\.?m\.?)?(?:\s*\(?[A-Z]{2,5}\)?)?",
    re.I)
_SEPARATORS = re.compile(r"[|·•,;:()\[\]\-–—/]+")


@lru_cache(maxsize=1)
def _parser() -> DateDataParser:
    return DateDataParser(
        languages=["en"],
        settings={
            "REQUIRE_PARTS": ["year"],
            "PARSERS": ["custom-formats", "absolute-time"],
            "PREFER_DATES_FROM": "past",
            "RELATIVE_BASE": dt.datetime(1900, 1, 1),
            "RETURN_TIME_AS_PERIOD": False,
        },
    )


def _fmt(year: int, month: int | None = None, day: int | None = None) -> str | None:
    try:
        if day is not None and month is not None:
            return dt.date(year, month, day).isoformat()
        if month is not None:
            dt.date(year, month, 1)
            return f"{year:04d}-{month:02d}"
        return f"{year:04d}"
    except ValueError:
        return None


def parse_date(text: str) -> str | None:
    """``YYYY-MM-DD`` / ``YYYY-MM`` / ``YYYY`` for an absolute date, else None."""
    t = text.strip().rstrip(".").strip()
    if not t:
        return None
    m = _ISO.match(t)
    if m:
        y, mo, d = m.groups()
        return _fmt(int(y), int(mo) if mo else None, int(d) if d else None)
    m = _DOTTED.match(t)
    if m:
        d, mo, y = (int(x) for x in m.groups())
        return _fmt(y, mo, d)
    data = _parser().get_date_data(t)
    if data is None or data.date_obj is None:
        return None
    d = data.date_obj
    if data.period == "year":
        return _fmt(d.year)
    if data.period == "month":
        return _fmt(d.year, d.month)
    return _fmt(d.year, d.month, d.day)


def normalise(value: object) -> str | None:
    """A date from a sidecar, front matter or HTML meta (string, date or year number)."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int) and 1000 <= value <= 9999:
        return f"{value:04d}"
    return parse_date(str(value))


def find_date(text: str) -> tuple[str, str] | None:
    """The first written-out date in ``text``: (normalised value, matched text)."""
    for m in DATE.finditer(text):
        value = parse_date(m.group(0))
        if value:
            return value, m.group(0)
    return None


def date_only(line: str) -> str | None:
    """The date when the line says nothing but a date (plus weekday, time, zone)."""
    m = DATE.search(line)
    if not m:
        return None
    rest = (line[:m.start()] + " " + line[m.end():])
    rest = _TIME.sub(" ", rest)
    rest = re.sub(r"\b(?:updated|at|on|CET|CEST|GMT|UTC|EST|EDT|BST)\b", " ", rest, flags=re.I)
    if _SEPARATORS.sub(" ", rest).strip(" .\t"):
        return None
    return parse_date(m.group(0))


def month_day(text: str | None, published: str | None) -> str | None:
    """A dateline's "Feb 26" in the year of the publication date (the year before when
    that would put it after publication): ``YYYY-MM-DD``, or None."""
    if not text or not published or len(published) < 4:
        return None
    year = int(published[:4])
    value = parse_date(f"{text.strip().rstrip('.')} {year}")
    if value and len(value) == 10 and len(published) == 10 and value > published:
        value = parse_date(f"{text.strip().rstrip('.')} {year - 1}")
    return value if value and len(value) == 10 else None
