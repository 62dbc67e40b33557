"""Title, author and publication date found in the text itself.

Works on the analysed lines (:mod:`accord.ingest.lines`). The *header* is the top of the
article: up to ``HEADER_LINES`` kept lines before the body proper starts. Title, byline
and date lines found there are metadata and are removed from the clean text. Below the
header only strong signals are used: "Published ..." lines, "Posted by" lines of blog
templates and the date line next to them, and the template title patterns in
``data/furniture.yaml``. Reader comments are never used.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import datelines, dates, wires
from . import furniture as furniture_mod
from .lines import COMMENTS, HEADER, Line

HEADER_LINES = 10  # kept lines examined for a header
HEADER_MAX_BODY = 3  # non-header lines after which the header is over
TITLE_MAX_WORDS = 25
TITLE_MAX_CHARS = 200
FALLBACK_TITLE_WORDS = 12

_BYLINE = re.compile(
    r"^(?:by|written by|posted by|reporting by|words by|author|authors|text)\s*:?\s+(?P<rest>.+)$",
    re.I)
_PUBLISHED = re.compile(
    r"^(?P<kind>first published|published|posted on|posted|dated|date|last updated|updated"
    r"|last modified|modified)"
    r"\s*(?:on|at)?\s*:?\s*(?P<rest>.*\d{4}.*)$", re.I)
_DATELINE = re.compile(
    rf"^(?P<place>[A-Z][A-Za-z\u00c0-\u024f .'\u2019-]{{1,40}}?),?\s+(?P<date>{dates.DATE.pattern})"
    r"(?P<after>\s*(?:[-\u2013\u2014:(]|$))", re.I)
_PARTICLES = {"de", "da", "di", "van", "von", "der", "den", "al", "el", "bin", "ibn", "la", "le",
              "du", "dos", "del"}
_NAME_TOKEN = re.compile(r"^[A-Z\u00c0-\u024f][\w'\u2019.\-]*$")
_CUT = re.compile(r"\s*(?:[|·•,;(\u2013\u2014]|\s-\s|\bon\b|\bat\b|\bin\b|\bfor\b|\bUpdated\b).*$")
_PUB_RANK = {"first published": 0, "published": 0, "posted on": 1, "posted": 1, "dated": 2,
             "date": 2, "last updated": 3, "updated": 3, "last modified": 3, "modified": 3}
#: Separators between the stamps of one line ("Updated: ... | Published: ...").
_STAMP_SPLIT = re.compile(r"\s+[|\u00b7\u2022]\s+|\s+/\s+")


@dataclass
class TextMeta:
    title: str | None = None
    title_basis: str = "none"  # header | template | first sentence | none
    author: str | None = None
    published: str | None = None
    published_text: str | None = None  # the text the date was read from
    header_lines: list[int] = field(default_factory=list)  # line indexes to drop
    dateline: datelines.Dateline | None = None  # opening the first body paragraph
    dateline_line: int | None = None  # its line index (cut out of the clean text)
    wire: str | None = None  # wire credited by the dateline, the byline or a copyright line
    wire_basis: str | None = None  # dateline | byline | copyright


def _is_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters)


def person_name(rest: str) -> str | None:
    """The name at the start of a byline remainder: "Jan Brzozowski at 9:14 AM" -> name."""
    rest = _CUT.sub("", rest.strip().strip("*_"))
    tokens = rest.split()
    name: list[str] = []
    caps_name = bool(tokens) and _is_caps(tokens[0])
    for tok in tokens[:8]:
        if tok.lower() == "and" and name:
            name.append("and")
            continue
        if tok.lower() in _PARTICLES and name:
            name.append(tok)
            continue
        if not _NAME_TOKEN.match(tok):
            break
        if _is_caps(tok) != caps_name:
            break
        name.append(tok)
    while name and (name[-1] == "and" or name[-1].lower() in _PARTICLES):
        name.pop()
    if not name or len(name) > 6:
        return None
    out = " ".join(name).strip(".,")
    if caps_name:
        out = " ".join(w if w.lower() in _PARTICLES else w.title() for w in out.split())
    return out or None


_NOT_NAMES = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
              "january", "february", "march", "april", "may", "june", "july", "august",
              "september", "october", "november", "december", "then", "now", "contrast",
              "comparison", "law", "far", "the", "this", "that", "land", "sea", "air", "some",
              "most", "all", "late", "early", "mid", "end", "noon", "tomorrow", "today"}


def byline(text: str) -> str | None:
    """The author of a byline line ("By Jan Nowak | Warsaw"), or None for a sentence that
    merely starts with "By" ("By Monday, the talks had ended.")."""
    t = text.strip().strip("*_")
    m = _BYLINE.match(t)
    if not m or len(t.split()) > 14 or (t.endswith(".") and len(t.split()) > 6):
        return None
    name = person_name(m.group("rest"))
    if name and name.split()[0].lower() in _NOT_NAMES:
        return None
    return name


def byline_wire(text: str) -> str | None:
    """The wire a byline credits: "By Nadia Haddad | Reuters", "By OMID KARIMI Associated
    Press", "By Reuters and AP" (the first named)."""
    m = _BYLINE.match(text.strip().strip("*_"))
    return wires.split_author(m.group("rest"))[1] if m else None


def published_line(text: str) -> tuple[int, str, str] | None:
    """(rank, value, text) for "Published March 8, 2024." style lines; of a line holding
    several stamps ("Updated: March 9, 2012 | Published: March 8, 2012") the strongest
    (published before posted before updated)."""
    best: tuple[int, str, str] | None = None
    for part in _STAMP_SPLIT.split(text.strip()):
        m = _PUBLISHED.match(part.strip())
        if not m:
            continue
        found = dates.find_date(m.group("rest"))
        if found and (best is None or _PUB_RANK[m.group("kind").lower()] < best[0]):
            best = (_PUB_RANK[m.group("kind").lower()], found[0], found[1])
    return best


def dateline(text: str, whole: bool) -> tuple[str, str] | None:
    """ "Warsaw, January 2024" (whole line) or "SEOUL, January 15, 2024 - ..." (lead)."""
    m = _DATELINE.match(text.strip())
    if not m:
        return None
    if whole and text.strip()[m.end("date"):].strip(" .-\u2013\u2014"):
        return None
    value = dates.parse_date(m.group("date"))
    return (value, m.group("date")) if value else None


def _title_like(ln: Line, nxt: Line | None, fur: furniture_mod.Furniture) -> bool:
    t = ln.plain
    words = t.split()
    if not (1 <= len(words) <= TITLE_MAX_WORDS) or len(t) > TITLE_MAX_CHARS:
        return False
    if t[-1] in ".,;:" or fur.strip_lead_label(t) != t:
        return False
    if len(t) > 1 and t[-1] in "-\ufffe" and t[-2].isalpha():
        return False  # ends in a word broken across lines
    if nxt is not None and nxt.index == ln.index + 1 and nxt.plain[:1].islower():
        return False  # a wrapped sentence, not a title
    return True


def from_lines(lines: list[Line]) -> TextMeta:
    """Find title, author and date in the header, then in strong signals below it."""
    fur = furniture_mod.load()
    meta = TextMeta()
    kept = [ln for ln in lines if ln.drop is None and not ln.blank]
    header: list[int] = []
    body_seen = 0
    pub_rank = 99
    i = 0
    while i < min(len(kept), HEADER_LINES) and body_seen < HEADER_MAX_BODY:
        ln, t = kept[i], kept[i].plain
        nxt = kept[i + 1] if i + 1 < len(kept) else None
        name = byline(t)
        if name:
            meta.author = meta.author or name
            header.append(ln.index)
            credited = byline_wire(t)
            if credited and meta.wire is None:
                meta.wire, meta.wire_basis = credited, "byline"
            found = dates.find_date(t)
            if found and meta.published is None:
                meta.published, meta.published_text = found
            i += 1
            continue
        pub = published_line(t) or None
        only = dates.date_only(t)
        place = dateline(t, whole=True)
        if pub or only or place:
            if pub and pub[0] < pub_rank:
                pub_rank, meta.published, meta.published_text = pub
            elif not pub and meta.published is None:
                meta.published = only or place[0]
                meta.published_text = t if only else place[1]
            header.append(ln.index)
            i += 1
            continue
        if meta.title is None and body_seen == 0 and _title_like(ln, nxt, fur):
            parts = [t]
            header.append(ln.index)
            caps = _is_caps(t)
            while caps and nxt is not None and nxt.index == ln.index + 1 \
                    and _is_caps(nxt.plain) and _title_like(nxt, None, fur) \
                    and not byline(nxt.plain):
                parts.append(nxt.plain)
                header.append(nxt.index)
                i += 1
                ln = nxt
                nxt = kept[i + 1] if i + 1 < len(kept) else None
            meta.title = " ".join(" ".join(parts).split())
            meta.title_basis = "header"
            i += 1
            continue
        lead = dateline(t, whole=False)
        if lead and meta.published is None:
            meta.published, meta.published_text = lead
        if meta.dateline is None:
            _opening_dateline(ln, meta)
        body_seen += 1
        if len(t.split()) > 30:
            break
        i += 1
    meta.header_lines = header
    _below_header(lines, meta, fur, pub_rank)
    return meta


def _opening_dateline(ln: Line, meta: TextMeta) -> None:
    """A dateline at the start of one of the first body lines: metadata, and cut out of
    the clean text (when it can be found in the line as written, markup aside)."""
    found = datelines.find(ln.text)
    if found is None:
        found = datelines.find(ln.plain)
        if found is None:
            return
    else:
        meta.dateline_line = ln.index
    meta.dateline = found
    if found.wire and meta.wire_basis != "byline":
        meta.wire, meta.wire_basis = found.wire, "dateline"
    if found.date and meta.published is None:
        meta.published, meta.published_text = found.date, found.date_text


def _below_header(lines: list[Line], meta: TextMeta, fur: furniture_mod.Furniture,
                  pub_rank: int) -> None:
    """Strong signals anywhere outside reader comments (blog templates put them last)."""
    usable = [ln for ln in lines if ln.drop != COMMENTS and not ln.blank]
    for k, ln in enumerate(usable):
        t = ln.plain
        if meta.wire is None:
            credit = wires.copyright_credit(t)
            if credit:
                meta.wire, meta.wire_basis = credit, "copyright"
        if meta.published is None or pub_rank > 0:
            pub = published_line(t)
            if pub and pub[0] < pub_rank:
                pub_rank, meta.published, meta.published_text = pub
        posted = re.match(r"^posted by\b", t, re.I)
        if posted:
            if meta.author is None:
                meta.author = person_name(re.sub(r"^posted by\s*:?\s*", "", t, flags=re.I))
            if meta.published is None:
                for near in usable[max(0, k - 2):k + 3]:
                    only = dates.date_only(near.plain)
                    if only:
                        meta.published, meta.published_text = only, near.plain
                        break
        if meta.title is None:
            for rx in fur.title_patterns:
                m = rx.search(t)
                if m:
                    meta.title = " ".join(m.group("title").split())
                    meta.title_basis = "template"
                    break


def title_from_text(clean: str) -> str | None:
    """First sentence of the article, shortened: the title of last resort."""
    fur = furniture_mod.load()
    para = clean.strip().split("\n\n", 1)[0] if clean.strip() else ""
    para = fur.strip_lead_label(para)
    if not para:
        return None
    first = re.split(r"(?<=[.!?])\s+(?=[A-Z\"'\u201c])", para, maxsplit=1)[0].rstrip(".")
    words = first.split()
    if len(words) > FALLBACK_TITLE_WORDS + 3:
        return " ".join(words[:FALLBACK_TITLE_WORDS]).rstrip(",;:") + "\u2026"
    return first


def mark_header(lines: list[Line], meta: TextMeta) -> None:
    """Drop the header lines; cut the opening dateline out of its paragraph."""
    for ln in lines:
        if ln.index in meta.header_lines:
            ln.drop = HEADER
        elif ln.index == meta.dateline_line and meta.dateline is not None:
            cut = (ln.start + meta.dateline.start, ln.start + meta.dateline.end)
            if not any(s < cut[1] and cut[0] < e for s, e in ln.deletions):
                ln.deletions = sorted([*ln.deletions, cut])


def page_header(texts: list[str]) -> TextMeta:
    """Date, byline and wire of the lines a web page shows above the article body
    ("Feb. 26, 2012 3:04 PM ET", "Updated: ... | Published: ...", "By X | Reuters"),
    which the HTML extractor leaves out of the article text."""
    meta = TextMeta()
    rank = 99
    for t in texts:
        pub = published_line(t)
        if pub and pub[0] < rank:
            rank, meta.published, meta.published_text = pub
            continue
        if rank == 99 and meta.published is None:
            only = dates.date_only(t)
            if only:
                meta.published, meta.published_text = only, t
                continue
        name = byline(t)
        if name:
            meta.author = meta.author or name
            credited = byline_wire(t)
            if credited and meta.wire is None:
                meta.wire, meta.wire_basis = credited, "byline"
    return meta
