"""Datelines: the place, date and credit that open a news story.

"BAKU, Feb 26 (Reuters) - Azerbaijan and Iran agreed ..." The dateline says where the
story was filed, when, and by whom; it is not part of the first sentence. Left in, the
city reads as an actor of the sentence's event ("BAKU ... Azerbaijan and Iran agreed")
and its date as the event's date. The cleaner deletes it from the clean text (the
offset map keeps every other character where it was) and the document's
``meta.dateline`` keeps what it said.

Forms recognised at the start of the first body paragraph:

- ``BAKU, Feb 26 (Reuters) -``, ``TEHRAN, Iran (AP) \u2014``, ``DAMASCUS (Reuters) -``,
  ``UNITED NATIONS, March 2 (AFP) --``: a place in capitals, optional qualifier
  (", Iran", ", Calif."), optional date (a year is not needed), optional credit;
- ``ISLAMABAD:``, ``NEW DELHI -``: a place in capitals alone, when it is not a label
  such as ``UPDATE:`` (``not_places`` in ``data/wires.yaml``);
- ``Jerusalem, 12 March 2012 /PRNewswire/ --``, ``Warsaw, January 15, 2024 -``: a place
  in ordinary case needs a date or a credit, so that "Iran - which ..." stays a sentence;
- ``(Reuters) -``: a known wire's credit alone (place "").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import dates, wires

_UP = "A-Z\u00c0-\u00de"
_CAPS_WORD = rf"[{_UP}][{_UP}.'\u2019\-]*[{_UP}.]"
_TITLE_WORD = r"[A-Z\u00c0-\u00de][a-z\u00df-\u00ff.'\u2019\-]+"
_SMALL = r"(?:de|del|da|do|di|el|al|la|le|es|of|on|upon|am|an|im|sur)"
_CAPS_PLACE = rf"{_CAPS_WORD}(?:\s+(?:{_CAPS_WORD}|{_SMALL.upper()}))*?"
_TITLE_PLACE = rf"{_TITLE_WORD}(?:\s+(?:{_TITLE_WORD}|{_SMALL}))*?"
#: ", Iran", ", Calif.", ", D.C.", ", N.Y." after the city.
_QUAL = rf"(?:,\s*(?:{_TITLE_WORD}(?:\s+{_TITLE_WORD})?|[A-Z]\.[A-Z]\.|[A-Z]{{2}}\b))"
_SHORT_DATE = (rf"(?:{dates.DATE.pattern}"
               rf"|{dates.MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?"
               rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{dates.MONTH}\.?)")
_CREDIT = r"(?:\((?P<paren>[^()\n]{1,40})\)|/(?P<slash>[^/\n]{2,40})/)"
_SEPARATOR = r"(?P<sep>\s*(?:--?|[\u2013\u2014:])\s*|\s+(?=[\u2013\u2014]))"
_FORM = re.compile(
    rf"^(?P<place>(?P<caps>{_CAPS_PLACE})|{_TITLE_PLACE})(?P<qual>{_QUAL}{{0,2}})"
    rf"(?:,?\s+(?P<date>{_SHORT_DATE}))?"
    rf"(?:\s*{_CREDIT})?"
    rf"{_SEPARATOR}(?=[\"'\u201c\u2018(A-Z\u00c0-\u00de0-9])")
#: "(Reuters) - Iran said ...": the credit alone, as wire sites print their own stories.
_CREDIT_ONLY = re.compile(rf"^{_CREDIT}{_SEPARATOR}(?=[\"'\u201c\u2018A-Z\u00c0-\u00de0-9])")
MAX_CHARS = 90


@dataclass(frozen=True)
class Dateline:
    start: int  # offsets in the text searched; end is where the story begins
    end: int
    text: str  # as written, without the separator
    place: str  # "Baku", "Tehran, Iran" (capitals title-cased)
    date_text: str | None
    date: str | None  # YYYY-MM-DD etc. when the dateline has a year
    credit: str | None  # as written: "Reuters", "AP", "PRNewswire"
    wire: str | None  # the credit as a wire name from data/wires.yaml


def find(text: str) -> Dateline | None:
    """The dateline opening ``text`` (leading whitespace allowed), or None."""
    lead = len(text) - len(text.lstrip())
    w = wires.load()
    only = _CREDIT_ONLY.match(text, lead)
    if only:
        credit = only.group("paren") or only.group("slash")
        wire = w.name(credit)
        if wire is None:
            return None
        return Dateline(start=lead, end=only.end(), text=text[lead:only.start("sep")],
                        place="", date_text=None, date=None, credit=credit.strip(), wire=wire)
    m = _FORM.match(text, lead)
    if not m or m.end() - lead > MAX_CHARS:
        return None
    place = m.group("place")
    caps = m.group("caps") is not None
    credit = m.group("paren") or m.group("slash")
    wire = w.name(credit) if credit else None
    date_text = m.group("date")
    if caps:
        if place.upper().strip(" .-") in w.not_places or len(place.strip(".-")) < 3:
            return None
        if credit and not wire and not _credit_like(credit):
            return None  # "NATO (the alliance) -": an aside, not a credit
    elif not (date_text or wire):
        return None
    if m.group("sep").strip() == ":" and not caps:
        return None
    qual = " ".join(m.group("qual").split())
    shown = place.title() if caps else place
    # "Feb 26" has no year (dateparser would read 26 as one): it is resolved against the
    # publication date later, if at all.
    date = dates.parse_date(date_text) if date_text and re.search(r"\d{4}", date_text) \
        else None
    text_end = m.start("sep")
    return Dateline(start=lead, end=m.end(), text=text[lead:text_end], place=shown + qual,
                    date_text=date_text, date=date, credit=credit.strip() if credit else None,
                    wire=wire)


def _credit_like(credit: str) -> bool:
    """An unknown agency credit: one to three capitalised words ("Our Correspondent",
    "Trend", "APA")."""
    words = credit.split()
    return 1 <= len(words) <= 3 and all(wd[:1].isupper() for wd in words)
