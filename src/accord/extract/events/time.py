"""When: finding date expressions, normalising them and resolving relative ones.

Candidates are the pipeline's DATE entities (no extra spaCy pass) plus a few
regular expressions for what the small model misses. Each is normalised to
``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` with a basis (see ``data/time.yaml``).
Explicit dates and publication-relative ones go through dateparser with
``RELATIVE_BASE`` set to the publication date (cached: the same phrase and
base are parsed once per process); narrative phrases ("two years later", "the
following month") are resolved here against the previous date of the
document, which dateparser cannot know. Without a publication date,
publication-relative phrases stay unresolved: accord never guesses "today".
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

DATA = Path(__file__).resolve().parent.parent.parent / "data" / "time.yaml"

MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
MONTHS["sept"] = 9
WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
_MONTH_RE = "|".join(sorted((m for m in MONTHS if len(m) > 3 or m == "may"), key=len,
                            reverse=True))
#: Three-letter abbreviations count only with their period ("Nov. 9"; "mar" is a verb).
_ABBR_DOT = re.compile(r"\b(jan|feb|mar|apr|jun|jul|aug|sep|oct|nov|dec)\.", re.I)
#: ... or without it beside a day number ("Jan 12", "12 Jan 2023"), capitalised.
_ABBR_NUM = re.compile(r"\b(Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b(?=\s+\d)|"
                       r"(?<=\d\s)(Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b")
_MONTH_RE_DOT = rf"{_MONTH_RE}|(?:jan|feb|mar|apr|jun|jul|aug|sep|oct|nov|dec)(?=\.|\s+\d)"
_WEEKDAY_RE = "|".join(WEEKDAYS)
_YEAR = r"(?:1[89]\d\d|20\d\d)"
#: Date-like phrases the small NER model tends to miss.
EXTRA_PATTERNS = [
    re.compile(rf"\b(?:in|since|by|until|from|during|early|late|mid-?)\s+{_YEAR}\b", re.I),
    re.compile(rf"\b(?:\d{{1,2}}(?:st|nd|rd|th)?\s+)?(?:{_MONTH_RE})\.?\s+(?:\d{{1,2}},?\s+)?"
               rf"{_YEAR}\b", re.I),
    re.compile(rf"\b(?:this|last|next)\s+(?:{_MONTH_RE}|"
               rf"{'|'.join(WEEKDAYS)}|year|month|week)\b", re.I),
    re.compile(r"\b(?:the\s+)?(?:following|next|previous|same)\s+(?:day|week|month|year)\b", re.I),
    re.compile(r"\b(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|a few|several|\d+)"
               r"\s+(?:days?|weeks?|months?|years?)\s+(?:later|earlier|ago|after|before)\b", re.I),
    re.compile(rf"\bon\s+(?:{'|'.join(WEEKDAYS)})\b", re.I),
    # a year modifying a noun: "the 2022 framework agreement"
    re.compile(rf"\b(?:the|its|their) ({_YEAR})(?= [a-z])", re.I),
    # days and day ranges without a year: "on February 20-21", "20 and 21 March", "Jan. 12"
    re.compile(rf"\b(?:{_MONTH_RE_DOT})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?"
               rf"(?:\s*(?:-|–|to|and)\s*\d{{1,2}}(?:st|nd|rd|th)?)?(?:,?\s+{_YEAR})?\b", re.I),
    re.compile(rf"\b\d{{1,2}}(?:st|nd|rd|th)?(?:\s*(?:-|–|to|and)\s*\d{{1,2}}(?:st|nd|rd|th)?)?"
               rf"\s+(?:of\s+)?(?:{_MONTH_RE}|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b"
               rf"(?:,?\s+{_YEAR})?", re.I),
    # "earlier in March", "later this month", "late last year"
    re.compile(rf"\b(?:earlier|later|early|late)\s+(?:in\s+|this\s+|last\s+|next\s+)?"
               rf"(?:{_MONTH_RE}|year|month|week|decade)\b", re.I),
    # numeric dates: "15/01/2023", "15.01.2023"
    re.compile(r"\b\d{1,2}[/.]\d{1,2}[/.](?:19|20)\d\d\b"),
    re.compile(r"\b(?:19|20)\d\d[-/]\d\d[-/]\d\d\b"),
    # "last night", "this past Sunday", "in two weeks", "the day before", "in 2023-24"
    re.compile(rf"\blast\s+night\b|\bthis\s+past\s+(?:{_WEEKDAY_RE}|weekend|week|month)\b|"
               r"\bin\s+(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d+)\s+"
               r"(?:days?|weeks?|months?|years?)(?:[’']s?\s+time)?\b|"
               r"\bthe\s+(?:day|week|month|year)\s+(?:before|after)\b"
               r"(?!\s+(?:yesterday|tomorrow|the|a|an|his|her|its|their|this|that)\b)",
               re.I),
    re.compile(rf"\b{_YEAR}[-/–](?:\d\d)\b(?!-)"),
    re.compile(r"\bthe\s+(?:early\s+|late\s+|mid-?)?(?:nineteen\s+)?(?:twenties|thirties|forties|"
               r"fifties|sixties|seventies|eighties|nineties)\b", re.I),
    # "over the weekend", "this weekend"
    re.compile(r"\b(?:over|at)?\s*(?:the|this|last|next)\s+weekend\b", re.I),
    re.compile(r"\b(?:a|one|two|three|\d+)\s+decades?\s+ago\b", re.I),
    # "this spring", "this morning", "earlier today"
    re.compile(r"\b(?:this|last|next)\s+(?:spring|summer|autumn|fall|winter|morning|afternoon|"
               r"evening)\b|\b(?:earlier|later)\s+today\b", re.I),
    # eras: "this century", "the 21st century", "the 1990s", "this decade"
    re.compile(r"\b(?:this|the current|the last|the previous|last|the \w+(?:-\w+)?)\s+"
               r"(?:century|decade)\b", re.I),
    re.compile(r"\b(?:the\s+)?(?:early\s+|late\s+|mid-?)?\d{3}0s\b", re.I),
    # year ranges: "between 2015 and 2018", "from 2015 to 2018" (dated by the first year)
    re.compile(rf"\b(?:between|from)\s+{_YEAR}\s+(?:and|to|until)\s+{_YEAR}\b", re.I),
    # quarters and halves: "Q3 2023", "in the third quarter", "the first half of 2024"
    re.compile(rf"\b(?:Q[1-4]|H[12])(?:\s+{_YEAR})?\b|\b(?:the\s+)?(?:first|second|third|"
               rf"fourth|final|last)\s+(?:quarter|half)(?:\s+of\s+(?:the\s+year|this\s+year|"
               rf"last\s+year|next\s+year|{_YEAR}))?\b"),
    # fiscal years: "fiscal 2024", "fiscal year 2024-25", "FY2024", "FY24"
    re.compile(rf"\b(?:fiscal(?:\s+year)?|financial\s+year)\s+{_YEAR}(?:[-/]\d{{2,4}})?\b|"
               r"\bFY\s?(?:20)?\d\d(?:[-/]\d{2,4})?\b", re.I),
    # "the end of the year", "by the end of next month", "the start of this year"
    re.compile(r"\b(?:the\s+)?(?:end|start|beginning|middle|turn)\s+of\s+(?:the|this|last|next)"
               r"\s+(?:year|month|week)\b", re.I),
    # "the day before yesterday", "the day after tomorrow"
    re.compile(r"\bthe\s+day\s+(?:before\s+yesterday|after\s+tomorrow)\b", re.I),
    # "the early hours of Wednesday", "Tuesday, March 5"
    re.compile(rf"\b(?:the\s+)?(?:early|small|late)\s+hours\s+of\s+(?:{_WEEKDAY_RE})\b", re.I),
    re.compile(r"\b(?:New Year[’']s (?:Day|Eve)|Christmas (?:Day|Eve))\b", re.I),
    re.compile(rf"\b(?:{_WEEKDAY_RE}),?\s+(?:(?:{_MONTH_RE_DOT})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?|"
               rf"\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTH_RE_DOT}))\b", re.I),
]
GRAN_ORDER = {"century": -2, "decade": -1, "year": 0, "month": 1, "week": 1, "day": 2}
#: Granularities an expression can have (``none``: unresolved).
GRANULARITIES = ("day", "week", "month", "year", "decade", "century", "none")
_ORDINAL = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
            "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11,
            "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
            "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
            "twentieth": 20, "twenty-first": 21, "twenty first": 21}


class AbsurdDate(ValueError):
    """A date that cannot exist ("February 30"): dropped and counted, never stored."""


@lru_cache(maxsize=1)
def config() -> dict[str, Any]:
    with open(DATA, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


@dataclass
class Point:
    """A resolved date with its granularity (century | decade | year | month | week | day).

    The value of a week is its Monday (YYYY-MM-DD), of a decade its first year
    ("1990"), of a century its first year as written in dates ("2000" for the
    twenty-first): the granularity says how much of it to read.
    """

    date: dt.date
    gran: str

    @property
    def value(self) -> str:
        if self.gran == "century":
            return f"{self.date.year // 100 * 100:04d}"
        if self.gran == "decade":
            return f"{self.date.year // 10 * 10:04d}"
        if self.gran == "week":
            return (self.date - dt.timedelta(days=self.date.weekday())).isoformat()
        if self.gran == "year":
            return f"{self.date.year:04d}"
        if self.gran == "month":
            return f"{self.date.year:04d}-{self.date.month:02d}"
        return self.date.isoformat()


@dataclass
class DateExpr:
    start: int  # clean-text char offsets
    end: int
    text: str
    value: str | None
    basis: str  # explicit | relative | none
    governor: int | None  # token index of the word the expression modifies
    sentence: int
    point: Point | None = None
    end_value: str | None = None  # the last day of a range ("February 20-21")

    @property
    def granularity(self) -> str:
        return self.point.gran if self.point is not None else "none"


def parse_published(published: str | None) -> Point | None:
    if not published:
        return None
    m = re.match(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", published)
    if not m:
        return None
    y, mo, d = int(m.group(1)), m.group(2), m.group(3)
    if d:
        return Point(dt.date(y, int(mo), int(d)), "day")
    if mo:
        return Point(dt.date(y, int(mo), 15), "month")
    return Point(dt.date(y, 7, 1), "year")


def _add_months(d: dt.date, n: int) -> dt.date:
    m = d.month - 1 + n
    y = d.year + m // 12
    m = m % 12 + 1
    return dt.date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


def _shift(p: Point, n: int, unit: str) -> Point:
    if GRAN_ORDER[p.gran] < 0:
        p = Point(p.date, "year")
    if unit == "year":
        return Point(dt.date(p.date.year + n, p.date.month, min(p.date.day, 28)), "year")
    if unit == "month":
        gran = "month" if GRAN_ORDER[p.gran] >= 1 else "year"
        return Point(_add_months(p.date, n), gran)
    days = n * (7 if unit == "week" else 1)
    # "the following week", "two weeks later" after a day or a week: that ISO week
    # (as "this week" is one); after a month or a year the coarser reading stays.
    if unit == "week" and p.gran in ("day", "week"):
        return Point(p.date + dt.timedelta(days=days), "week")
    gran = p.gran if GRAN_ORDER[p.gran] < 2 else "day"
    return Point(p.date + dt.timedelta(days=days), gran)


def _strip(text: str) -> str:
    t = text.lower().strip().strip(".,;:()\"'")
    t = re.sub(r"[’']s$", "", t)
    t = t.replace("mid-", "mid ")
    prefixes = set(config()["prefixes"])
    words = t.split()
    while len(words) > 1 and words[0] in prefixes:
        words = words[1:]
    return " ".join(words)


def _number(word: str) -> int | None:
    nums = config()["numbers"]
    if word.isdigit():
        return int(word)
    return nums.get(word)


@lru_cache(maxsize=4096)
def _dateparser(text: str, base: dt.date | None) -> tuple[dt.date, str] | None:
    """dateparser on one phrase, cached by (phrase, base)."""

    settings: dict[str, Any] = {"PREFER_DATES_FROM": "past", "STRICT_PARSING": False,
                                "REQUIRE_PARTS": []}
    if base is not None:
        settings["RELATIVE_BASE"] = dt.datetime(base.year, base.month, base.day)
    try:
        data = _ddp(tuple(sorted((k, str(v)) for k, v in settings.items())), settings)\
            .get_date_data(text)
    except Exception:  # dateparser raises assorted errors on odd input
        return None
    if data is None or data.date_obj is None:
        return None
    period = data.period or "day"
    gran = {"year": "year", "month": "month"}.get(period, "day")
    return data.date_obj.date(), gran


_DDP_CACHE: dict[tuple[Any, ...], Any] = {}


def _ddp(key: tuple[Any, ...], settings: dict[str, Any]) -> Any:
    from dateparser.date import DateDataParser

    if key not in _DDP_CACHE:
        _DDP_CACHE[key] = DateDataParser(languages=["en"], settings=settings)
    return _DDP_CACHE[key]


_NARR = re.compile(r"^(?P<n>a few|a couple of|[a-z]+|\d+)\s+(?P<unit>day|week|month|year)s?\s+"
                   r"(?P<dir>later|after|afterwards|afterward|earlier|before)$")
_NARR_NEXT = re.compile(r"^(?:the\s+)?(?P<dir>following|next|subsequent|previous|preceding|prior|"
                        r"same)\s+(?P<unit>day|week|month|year)$")
_NARR_THAT = re.compile(r"^(?:(?:later|earlier)\s+)?(?:in\s+)?that\s+"
                        r"(?P<unit>day|week|month|year)$")
_AGO = re.compile(r"^(?P<n>a few|a couple of|[a-z]+|\d+)\s+(?P<unit>day|week|month|year|decade)s?"
                  r"\s+ago$")
_WEEKEND = re.compile(r"^(?:(?P<which>this|last|next|past|the)\s+)?weekend$")
_NUMERIC = re.compile(r"\b(?P<a>\d{1,2})[/.](?P<b>\d{1,2})[/.](?P<y>(?:19|20)\d\d)\b")
_THIS = re.compile(r"^(?:(?:earlier|later)\s+)?(?P<which>this|last|next|past)\s+"
                   r"(?P<unit>year|month|week)$")
_YEAR_RE = re.compile(rf"\b({_YEAR})\b")
_DECADE = re.compile(r"\b\d{3}0s\b")
_MONTH_ONLY = re.compile(rf"^(?:(?P<which>this|last|next|in|early|late|mid)\s+)?"
                         rf"(?P<m>{_MONTH_RE})$")
_MONTH_DAY = re.compile(rf"^(?:(?P<m>{_MONTH_RE})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?|"
                        rf"(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m2>{_MONTH_RE}))$")
_WEEKDAY = re.compile(rf"^(?:(?P<which>this|last|next|on|past)\s+)?(?P<d>{'|'.join(WEEKDAYS)})$")


_RANGE = re.compile(r"(?<![\d-])(\d{1,2})(?:st|nd|rd|th)?\s*(?:-|–|to|and)\s*(\d{1,2})"
                    r"(?:st|nd|rd|th)?(?![\d-])")
_ERA_CENTURY = re.compile(r"^(?:(?P<which>this|current|present|last|previous|past)|"
                          r"(?P<ord>\w+(?:[- ]\w+)?))\s+century$")
_ERA_DECADE = re.compile(r"^(?P<y>\d{2,3}0)s$|^[’']?(?P<yy>\d0)s$|^(?P<which>this)\s+decade$")
_SEASON = re.compile(r"^(?P<which>this|last|next|past)\s+(?:spring|summer|autumn|fall|winter)$")
_TODAY = re.compile(r"^(?:(?:earlier|later)\s+)?(?:this\s+(?:morning|afternoon|evening)|"
                    r"tonight|today)$")
_EARLIER_IN = re.compile(rf"^(?:earlier|later)\s+(?:in\s+)?(?=(?:{_MONTH_RE})$)")


def normalise(text: str, published: Point | None, prev: Point | None,
              future: bool = False) -> tuple[Point | None, str] | None:
    """Normalise one expression. Returns (point, basis) or None if it is not a date.

    ``published`` anchors publication-relative phrases, ``prev`` (the previous
    date of the narrative) anchors "two years later". A date that cannot exist
    ("February 30") is None, like a phrase that is no date.
    """
    try:
        return _normalise(text, published, prev, future)
    except AbsurdDate:
        return None


def _day(year: int, month: int, day: int) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError as exc:
        raise AbsurdDate(f"{year}-{month}-{day}") from exc


def _era(t: str, published: Point | None) -> tuple[Point | None, str] | None:
    """Centuries and decades: a coarse granularity, or unresolved; never a made-up year."""
    if m := _ERA_CENTURY.match(t):
        which, ordinal = m["which"], m["ord"]
        if which:
            if published is None:
                return None, "none"
            back = 100 if which in ("last", "previous", "past") else 0
            return Point(dt.date(published.date.year - back, 7, 1), "century"), "relative"
        n = _ORDINAL.get(ordinal) or (int(ordinal[:-2]) if re.fullmatch(r"\d{1,2}(?:st|nd|rd|th)",
                                                                         ordinal) else None)
        if n is None or not 1 <= n <= 21:
            return None
        return Point(dt.date((n - 1) * 100 + 1, 7, 1), "century"), "explicit"
    if m := _ERA_DECADE.match(t):
        if m["which"]:
            if published is None:
                return None, "none"
            return Point(published.date, "decade"), "relative"
        year = int(m["y"]) if m["y"] else 1900 + int(m["yy"])
        if not 1000 <= year <= 2090:
            return None
        return Point(dt.date(year, 7, 1), "decade"), "explicit"
    return None


_QUARTER = re.compile(r"\b(?:(?P<ord>first|second|third|fourth|final|last)\s+(?P<part>quarter|half)"
                      r"|q(?P<q>[1-4])|h(?P<h>[12]))\b(?:\s+of\s+(?:the\s+)?(?P<which>this|last|"
                      r"next|the)?\s*year)?")
_FISCAL = re.compile(r"^(?:fiscal(?:\s+year)?|financial\s+year|fy)\s?(?P<y>(?:19|20)?\d\d)"
                     r"(?:[-/]\d{2,4})?$")
_LEAD_WEEKDAY = re.compile(rf"^(?:{_WEEKDAY_RE}),?\s+(?=\S)")
_YEAR_SPAN = re.compile(rf"^(?P<a>{_YEAR})\s*(?:-|–|and|to|until)\s*(?P<b>{_YEAR})$")


_NIGHT_OF = re.compile(r"^(?:night|morning|evening|afternoon)\s+of\s+(?P<rest>.+)$")
_DECADE_WORDS = {"twenties": 20, "thirties": 30, "forties": 40, "fifties": 50, "sixties": 60,
                 "seventies": 70, "eighties": 80, "nineties": 90}
_DECADE_WORD = re.compile(rf"^(?:nineteen\s+)?(?P<w>{'|'.join(_DECADE_WORDS)})$")
_SPLIT_YEAR = re.compile(rf"^(?P<y>{_YEAR})[-/–](?P<yy>\d\d)$")
_IN_N = re.compile(r"^(?P<n>a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d+)\s+"
                   r"(?P<unit>day|week|month|year)s?(?:[’']s?\s+time)?$")
_IN_N_TEXT = re.compile(r"in\s+\S+\s+(?:days?|weeks?|months?|years?)\b", re.I)
_BEFORE_AFTER = re.compile(r"^(?P<unit>day|week|month|year)\s+(?P<dir>before|after)$")


def _coarse(raw: str, t: str, published: Point | None,
            future: bool) -> tuple[Point | None, str] | None:
    """Quarters, halves and fiscal years: a date of year granularity (accord has no
    quarter granularity; "Q3 2023" is 2023, "in the third quarter" the year it falls in)."""
    if m := _FISCAL.match(t):
        y = int(m["y"])
        return Point(dt.date(y if y > 99 else 2000 + y, 7, 1), "year"), "explicit"
    m = _QUARTER.search(raw)
    if m is None or _YEAR_RE.search(raw):
        return None
    if published is None:
        return None, "none"
    shift = {"last": -1, "next": 1}.get(m["which"] or "", 0)
    year = published.date.year + shift
    if not m["which"]:  # a quarter of the current year: past tense looks back to the last one
        n = int(m["q"]) if m["q"] else 2 * int(m["h"]) if m["h"] else \
            {"first": 1, "second": 2, "third": 3, "fourth": 4, "final": 4, "last": 4}[m["ord"]]
        if m["part"] == "half":
            n *= 2
        first_month = (n - 1) * 3 + 1 if m["part"] != "half" and not m["h"] else \
            (1 if n <= 2 else 7)
        if not future and first_month > published.date.month:
            year -= 1
    return Point(dt.date(year, 7, 1), "year"), "relative"


def _normalise(text: str, published: Point | None, prev: Point | None,
               future: bool = False) -> tuple[Point | None, str] | None:
    got = _normalise_one(text, published, prev, future)
    if got is None and (m := re.match(rf"^(?:between|from)?\s*(?P<a>.*?\b(?:{_MONTH_RE})\b.*?)"
                                      r"\s+(?:and|to|until|through)\s+\S", text, re.I)):
        got = _normalise_one(m["a"], published, prev, future)  # "between March 1 and March 3"
    return got


def _normalise_one(text: str, published: Point | None, prev: Point | None,
                   future: bool = False) -> tuple[Point | None, str] | None:
    text = _ABBR_DOT.sub(lambda m: calendar.month_name[MONTHS[m.group(1).lower()]], text)
    text = _ABBR_NUM.sub(lambda m: calendar.month_name[MONTHS[(m.group(1) or m.group(2))
                                                              .lower()]], text)
    raw = text.lower().strip()
    if raw.startswith("the day before yesterday") or raw.startswith("the day after tomorrow"):
        if published is None:
            return None, "none"
        delta = -2 if "yesterday" in raw else 2
        return Point(published.date + dt.timedelta(days=delta), "day"), "relative"
    t = _strip(text)
    t = re.sub(r"^hours\s+of\s+", "", t)  # "the early hours of Wednesday"
    if re.search(rf"\b(?:{_MONTH_RE})\b", t):
        t = _LEAD_WEEKDAY.sub("", t)  # "Tuesday, March 5"
    if (hol := config().get("holidays", {}).get(re.sub(r"[’']", "'", t))) is not None:
        t = f"{int(hol[3:])} {calendar.month_name[int(hol[:2])].lower()}"
    if t in ("year", "month", "week") and re.search(r"\b(?:end|start|beginning|middle|turn)\s+of"
                                                   r"\s+the\s+(?:year|month|week)\b", raw):
        t = f"this {t}"  # "by the end of the year": the current one
    if m := _NIGHT_OF.match(t):  # "the night of 5 March"
        t = m["rest"]
    if m := _DECADE_WORD.match(t):  # "the nineties"
        return Point(dt.date(1900 + _DECADE_WORDS[m["w"]], 7, 1), "decade"), "explicit"
    if (m := _SPLIT_YEAR.match(t)) and int(m["yy"]) == (int(m["y"]) + 1) % 100:
        return Point(dt.date(int(m["y"]), 7, 1), "year"), "explicit"  # "in 2023-24"
    if m := _YEAR_SPAN.match(t):
        if int(m["a"]) < int(m["b"]):
            return Point(dt.date(int(m["a"]), 7, 1), "year"), "explicit"  # dated by its start
    if coarse := _coarse(raw, t, published, future):
        return coarse
    t = re.sub(r"^this past ", "last ", t)  # "this past Sunday", "this past weekend"
    raw = re.sub(r"\bthis past ", "last ", raw)
    if m := _BEFORE_AFTER.match(t):  # "the day before", "the week after": the narrative's
        if prev is None:
            return None, "none"
        return _shift(prev, 1 if m["dir"] == "after" else -1, m["unit"]), "relative"
    if t in ("last night", "overnight last night"):
        return (Point(published.date - dt.timedelta(days=1), "day"), "relative") \
            if published is not None else (None, "none")
    if raw.startswith("in ") and (m := _IN_N.match(t)):  # "will meet in two weeks"
        n = _number(m["n"])
        if not future or n is None:
            return None  # "took the city in two weeks": how long, not when
        if published is None:
            return None, "none"
        return Point(_shift(Point(published.date, "day"), n, m["unit"]).date,
                     m["unit"]), "relative"
    t = _RANGE.sub(lambda m: m.group(1), t)  # a range dates from its first day
    t = _EARLIER_IN.sub("", t)
    cfg = config()
    words = t.split()
    if len(words) > 1 and words[-1] in cfg["day_parts"] and words[0] != "this":
        t = " ".join(words[:-1])  # "Sunday evening"
    if era := _era(t, published):
        return era
    if t in cfg["vague_periods"] or raw in cfg["vague_periods"] or \
            raw.removeprefix("in ").removeprefix("over ") in cfg["vague_periods"]:
        return None, "none"  # "in recent years": a period with no date
    if m := _SEASON.match(t):
        if published is None:
            return None, "none"
        shift = {"this": 0, "last": -1, "next": 1, "past": -1}[m["which"]]
        return Point(dt.date(published.date.year + shift, 7, 1), "year"), "relative"
    if published is not None and (m := _TODAY.match(t)):
        return Point(published.date, "day"), "relative"
    if not t or t in config()["ignore"] or raw in config()["ignore"] or _DECADE.search(t):
        return None
    # Narrative phrases first: they contain no year and dateparser gets them wrong.
    if m := _NARR.match(t):
        n = _number(m.group("n"))
        if n is None:
            return None
        if prev is None:
            return None, "none"
        sign = -1 if m.group("dir") in ("earlier", "before") else 1
        return _shift(prev, sign * n, m.group("unit")), "relative"
    m = _NARR_NEXT.match(raw.removeprefix("the ").strip()) if raw.startswith("the ") else None
    if m or (m := _NARR_THAT.match(t)):
        if prev is None:
            return None, "none"
        d = m.groupdict().get("dir")
        unit = m.group("unit")
        if d in (None, "same"):
            p = Point(prev.date, unit if GRAN_ORDER[unit] <= GRAN_ORDER[prev.gran] else prev.gran)
            return (p if unit != "week" else prev), "relative"
        sign = -1 if d in ("previous", "preceding", "prior") else 1
        return _shift(prev, sign, unit), "relative"
    if _YEAR_RE.search(t):
        return _explicit(t), "explicit"
    # Publication-relative phrases.
    if published is None:
        if _relative_shape(t):
            return None, "none"
        return None
    base = published.date
    if m := _AGO.match(t):
        n = _number(m.group("n"))
        if n is None:
            return None
        if m.group("unit") == "decade":  # "a decade ago": a year, roughly
            return Point(dt.date(base.year - 10 * n, 7, 1), "year"), "relative"
        # "two weeks ago" is that week, "three months ago" that month
        return Point(_shift(Point(base, "day"), -n, m.group("unit")).date,
                     m.group("unit")), "relative"
    if m := _WEEKEND.match(raw.removeprefix("over ").removeprefix("at ").strip()):
        # the weekend: Saturday and Sunday, a date of week granularity (its Monday)
        ahead = future or m["which"] in ("this", "next")
        sat = base + dt.timedelta(days=(5 - base.weekday()) % 7) if ahead else \
            base - dt.timedelta(days=(base.weekday() - 5) % 7)
        if ahead and m["which"] == "next" and sat - base < dt.timedelta(days=2):
            sat += dt.timedelta(days=7)
        return Point(sat, "week"), "relative"
    if m := _THIS.match(t):
        unit, which = m.group("unit"), m.group("which")
        n = {"this": 0, "last": -1, "past": -1, "next": 1}[which]
        p = _shift(Point(base, "day"), n, unit)
        return Point(p.date, unit), "relative"
    if m := _MONTH_ONLY.match(t):
        month = MONTHS[m.group("m")]
        which = m.group("which")
        year = base.year
        if which == "next" or (future and which != "last"):
            year = base.year + (1 if month < base.month else 0)
        elif which == "this":
            year = base.year
        elif month > base.month or (which == "last" and month >= base.month):
            year = base.year - 1
        return Point(dt.date(year, month, 15), "month"), "relative"
    if m := _MONTH_DAY.match(t):
        month, day = MONTHS[m["m"] or m["m2"]], int(m["d"] or m["d2"])
        d = _day(base.year, month, day) if not (month == 2 and day == 29) else \
            dt.date(base.year, 3, 1)
        if month == 2 and day == 29:  # a leap day: the nearest leap year on the tense's side
            y = base.year
            while not calendar.isleap(y):
                y += 1 if future else -1
            return Point(dt.date(y, 2, 29), "day"), "relative"
        if d > base and not future:
            d = _day(base.year - 1, month, day)
        elif d < base and future:
            d = _day(base.year + 1, month, day)
        return Point(d, "day"), "relative"
    if m := _WEEKDAY.match(t):
        wd = WEEKDAYS[m.group("d")]
        if future or m.group("which") == "next":
            delta = (wd - base.weekday()) % 7 or 7
        else:  # up to publication: a story dated Friday says "on Friday" of that day
            delta = -((base.weekday() - wd) % 7
                      or (7 if m.group("which") in ("last", "past") else 0))
        return Point(base + dt.timedelta(days=delta), "day"), "relative"
    if t in ("yesterday", "today", "tomorrow"):
        delta = {"yesterday": -1, "today": 0, "tomorrow": 1}[t]
        return Point(base + dt.timedelta(days=delta), "day"), "relative"
    got = _dateparser(t, base)
    if got is None:
        return None
    if not _relative_shape(t):
        return None  # something dateparser reads as a date but we cannot vouch for
    return Point(got[0], got[1]), "relative"


def _relative_shape(t: str) -> bool:
    return bool(_AGO.match(t) or _THIS.match(t) or _MONTH_ONLY.match(t) or _WEEKDAY.match(t)
                or _MONTH_DAY.match(t)
                or t in ("yesterday", "today", "tomorrow")
                or re.match(r"^(?:last|this|next|past)\s+\w+$", t))


def _explicit(t: str) -> Point | None:
    m = re.search(rf"\b(?P<m>{_MONTH_RE})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+"
                  rf"(?P<y>{_YEAR})\b", t)
    if m:
        return Point(_day(int(m["y"]), MONTHS[m["m"]], int(m["d"])), "day")
    m = re.search(rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m>{_MONTH_RE})\.?,?\s+"
                  rf"(?P<y>{_YEAR})\b", t)
    if m:
        return Point(_day(int(m["y"]), MONTHS[m["m"]], int(m["d"])), "day")
    m = re.search(r"\b(?P<y>\d{4})([-/])(?P<mo>\d{2})(?:\2(?P<d>\d{2}))?\b", t)
    if m:
        if m["d"]:
            return Point(_day(int(m["y"]), int(m["mo"]), int(m["d"])), "day")
        if not 1 <= int(m["mo"]) <= 12:
            raise AbsurdDate(m.group(0))
        return Point(dt.date(int(m["y"]), int(m["mo"]), 15), "month")
    m = re.search(rf"\b(?P<m>{_MONTH_RE})\.?,?\s+(?:of\s+)?(?P<y>{_YEAR})\b", t)
    if m:
        return Point(dt.date(int(m["y"]), MONTHS[m["m"]], 15), "month")
    if m := _NUMERIC.search(t):
        a, b, y = int(m["a"]), int(m["b"]), int(m["y"])
        if a > 12 and b <= 12:  # 15/01/2023: day first
            return Point(_day(y, b, a), "day")
        if b > 12 and a <= 12:  # 01/15/2023: month first
            return Point(_day(y, a, b), "day")
        if a == b:
            return Point(_day(y, a, b), "day")
        if a > 12 and b > 12:
            raise AbsurdDate(m.group(0))
        return Point(dt.date(y, 7, 1), "year")  # 03/04/2023: only the year is certain
    years = _YEAR_RE.findall(t)
    if len(years) == 1:
        return Point(dt.date(int(years[0]), 7, 1), "year")
    return None


def _governor(doc: Doc, start: int, end: int) -> int | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    root = span.root
    head = root.head
    if head.i == root.i:
        return None
    for _ in range(6):
        while head.dep_ in ("prep", "agent") or head.pos_ == "ADP":
            if head.head.i == head.i:
                break
            head = head.head
        # A date at the end of "accused X of jamming signals on 31 January" is hung on the
        # gerund by the parser; it dates the finite verb (or the noun) the gerund depends on.
        if head.tag_ == "VBG" and head.dep_ in ("pcomp", "acl", "advcl") \
                and not any(c.dep_ == "aux" for c in head.children) and head.head.i != head.i:
            head = head.head
            continue
        # "talks are scheduled to resume on October 4": the date is the plan's (not for heads
        # that are events of their own: "threatened to close the border on Friday")
        if head.dep_ == "xcomp" and _future_head(head.head) and \
                head.head.lemma_.lower() not in _EVENT_HEADS:
            head = head.head
        break
    return head.i


def _overlapping(cands: list[tuple[int, int]], a: int, b: int) -> list[tuple[int, int]]:
    """The spans of sorted, non-overlapping ``cands`` that overlap ``[a, b)``."""
    i = bisect.bisect_left(cands, (a, -1))
    lo = i
    while lo > 0 and cands[lo - 1][1] > a:
        lo -= 1
    hi = i
    while hi < len(cands) and cands[hi][0] < b:
        hi += 1
    return cands[lo:hi]


def find_dates(doc: Doc, sent_of_token: list[int], published: str | None,
               future_tokens: set[int] | None = None, text: str | None = None) -> list[DateExpr]:
    """Every date expression of ``doc`` in order, resolved with narrative context."""
    full = doc.text if text is None else text  # doc.text joins every token: read it once
    cands: list[tuple[int, int]] = []
    for e in doc.ents:
        if e.label_ != "DATE":
            continue
        # The small model runs datelines into the next words: "January 15, 2024 - North Korea".
        cut = re.search(r"\s[-–—]\s|\n", e.text)
        end = e.start_char + cut.start() if cut else e.end_char
        start = e.start_char
        # "5 September 2022" sometimes comes as "September 2022": take the day back.
        if e.start > 0 and doc[e.start - 1].like_num and doc[e.start - 1].text.isdigit() \
                and 1 <= int(doc[e.start - 1].text) <= 31 and e.text[:1].isalpha():
            start = doc[e.start - 1].idx
        cands.append((start, end))
    cands.sort()
    for pat in EXTRA_PATTERNS:
        for m in pat.finditer(full):
            a, b = m.span(1) if m.re.groups else m.span()
            # Only candidates near [a, b) can overlap it: look them up in the sorted
            # list instead of scanning all (a long text has thousands of dates).
            near = _overlapping(cands, a, b)
            inside = [(ta, tb) for ta, tb in near if a <= ta and tb <= b]
            if any(a < tb and ta < b for ta, tb in near if (ta, tb) not in inside):
                continue  # overlaps a candidate it does not contain
            first = min((ta for ta, _ in inside), default=b)
            if inside and not _RANGE.search(full[a:b]) and not _IN_N_TEXT.match(full[a:b]) \
                    and all((w in config()["prefixes"] and a + i < first)
                            or any(ta <= a + i < tb for ta, tb in inside)
                            for i, w in ((mm.start(), mm.group(0).lower())
                                         for mm in re.finditer(r"[\w-]+", full[a:b]))):
                continue  # "in 2011" around "2011": keep the model's span (not "the day"
                # inside "the day after", nor "two weeks" inside "in two weeks")
            for x in inside:
                cands.remove(x)  # "February 20-21" replaces "February 20"
            bisect.insort(cands, (a, b))
    cands.sort()
    pub = parse_published(published)
    prev: Point | None = None
    out: list[DateExpr] = []
    stats: dict[str, Any] = doc.user_data.setdefault("accord_stats", {})
    for a, b in cands:
        text = full[a:b]
        gov = _governor(doc, a, b)
        tok = doc.char_span(a, b, alignment_mode="expand")
        sent = sent_of_token[tok.start] if tok is not None and len(tok) else 0
        future = bool(future_tokens and gov in future_tokens) or (
            gov is not None and _future(doc[gov]))
        read = text
        if out and out[-1].sentence == sent and re.fullmatch(r"\s*,\s*", full[out[-1].end:a]):
            read = _clause_anchored(text, full, b)
        try:
            res = _normalise(read, pub, prev, future=future)
        except AbsurdDate:
            stats["absurd_dates"] = stats.get("absurd_dates", 0) + 1
            continue
        if res is None:
            continue
        point, basis = res
        if point is not None:
            prev = point
        out.append(DateExpr(a, b, text, point.value if point else None,
                            basis if point else "none", gov, sent, point,
                            _range_end(text, point)))
    out = _parenthesised(out, full)
    doc.user_data["accord_dates"] = out  # for claims: the year a figure is stated for
    return out


_ANCHORED = re.compile(r"\b(?P<dir>after|before)$", re.I)


def _clause_anchored(text: str, full: str, end: int) -> str:
    """ "on Friday, a day after protesters stormed parliament": the phrase dates what follows.

    Set beside a date of its sentence, "N days after <clause or noun>" says that
    what follows happened N days before that date (the storming on Thursday), so
    the direction is turned. Alone ("two days after, ...", or "three days after
    the vote, X ..." in a narrative) it counts forward as before.
    """
    m = _ANCHORED.search(text)
    if m is None or not re.match(r"[ \t]+[\w\"'‘“]", full[end:end + 3]):
        return text
    return text[:m.start()] + ("before" if m["dir"].lower() == "after" else "after")


#: Words that put the verb they govern in the future ("is due to meet", "plans to sign").
_FUTURE_HEADS = {"due", "set", "scheduled", "schedule", "expected", "expect", "plan", "going",
                 "go", "intend", "slate", "slated", "poised", "hope", "aim", "prepare",
                 # "agreed to meet on 12 March": the meeting lies ahead of the agreement
                 "agree", "promise", "pledge", "vow", "threaten", "decide", "invite"}
#: Future heads that are events themselves: a date below them is not theirs.
_EVENT_HEADS = {"agree", "promise", "pledge", "vow", "threaten", "decide", "invite", "plan",
                "intend", "hope", "aim", "prepare"}


def _future(tok: Token) -> bool:
    """Is ``tok`` (the word a date modifies) in the future: "will meet", "is due to sign"?"""
    for t in (tok, tok.head):
        if any(c.dep_ == "aux" and c.lower_ in ("will", "shall", "'ll", "wo") for c in t.children):
            return True
        if t.dep_ == "xcomp" and _future_head(t.head):
            return True
        if _future_head(t) and t.lemma_.lower() not in _EVENT_HEADS and any(
                c.dep_ == "xcomp" for c in t.children):
            return True  # "talks are scheduled to resume on October 4" (not "agreed on
            # Monday to restore flights": the agreement is past)
        if t.tag_ in ("VBD", "VBN"):
            return False
    return False


def _future_head(t: Token) -> bool:
    """ "due", "scheduled", "expected", "going" (not "went"): a head that announces a plan."""
    lemma = t.lemma_.lower()
    return lemma in _FUTURE_HEADS and (lemma != "go" or t.lower_ == "going")


def _range_end(text: str, point: Point | None) -> str | None:
    """The last day of a day range ("February 20-21") whose first day is ``point``."""
    if point is None or point.gran != "day":
        return None
    m = _RANGE.search(text.lower())
    if not m:
        return None
    try:
        end = point.date.replace(day=int(m.group(2)))
    except ValueError:
        return None
    return end.isoformat() if end > point.date else None


def _parenthesised(out: list[DateExpr], full: str) -> list[DateExpr]:
    """ "yesterday (26 February)": the explicit date in brackets wins over the word beside it.

    The two become one expression with the bracketed date's value and the word's
    place in the sentence (its governor).
    """
    merged: list[DateExpr] = []
    for d in out:
        prev = merged[-1] if merged else None
        if prev is not None and d.point is not None and prev.basis != "explicit" \
                and re.fullmatch(r"\s*\(\s*", full[prev.end:d.start]) \
                and full[d.end:d.end + 1] == ")" and GRAN_ORDER[d.point.gran] >= GRAN_ORDER.get(
                    prev.point.gran if prev.point else "year", 0):
            merged[-1] = DateExpr(prev.start, d.end + 1, full[prev.start:d.end + 1], d.value,
                                  d.basis, prev.governor if prev.governor is not None
                                  else d.governor, prev.sentence, d.point, d.end_value)
            continue
        merged.append(d)
    return merged


def governed_date(tok: Token, by_gov: dict[int, list[DateExpr]], stop: set[str]) -> DateExpr | None:
    """The date that governs ``tok``: on it or on the nearest head above it.

    Climbing stops at reporting verbs ("officials said on Tuesday that ..."
    does not date what they reported).
    """
    for c in tok.children:  # "the pact, signed in March 2019": the participle dates its noun
        if c.dep_ in ("acl", "relcl") and c.tag_ == "VBN" and c.i in by_gov \
                and tok.pos_ in ("NOUN", "PROPN"):
            ds = [d for d in by_gov[c.i] if d.value is not None]
            if ds:
                return ds[0]
    t = tok
    for _ in range(12):
        if t.i in by_gov:
            # Resolved before unresolved, then the nearest ("SEOUL, January 15 - X
            # threatened on Sunday": Sunday).
            ds = sorted(by_gov[t.i], key=lambda d: (d.value is None,
                                                    min(abs(d.start - t.idx),
                                                        abs(d.end - t.idx))))
            return ds[0]
        if t.head.i == t.i:
            return None
        t = t.head
        if t.lemma_ in stop:
            return None
    return None
