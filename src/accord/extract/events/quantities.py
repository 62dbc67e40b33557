"""How much: money, counts, distances, areas, durations, percentages, with qualifiers.

One regular expression, built from ``data/units.yaml``, finds amounts in the
document text as articles write them: digits with scales and prefixed or glued
currencies ("$1.6bn", "USD1.6-billion", "NIS 5 billion", "Rs 100 crore"),
spelled-out numbers ("sixteen million", "two dozen", "one hundred and twenty";
read by number-parser, a maintained parser of English number words), vague
multiples ("hundreds of", "tens of thousands of": their lower bound, qualifier
``at_least``), ranges ("20-30 million", "between 15 and 20": the lower bound
with the qualifier ``range_qualifier``), fractions ("a quarter of": 25 percent)
and qualifiers ("up to", "about").
The parse then says what a bare number counts ("22 people", "60 UAVs").
Values are converted to the canonical unit (ISO currency for money, km, km2,
days, people) with the factors of units.yaml: a table of a few dozen factors is
data, and a full unit library (pint) would add a registry load for nothing.

Never quantities: model designations ("Barak-8", "S-300", "MiG-29": letters,
a hyphen, digits), years, and numbers inside date expressions. Absurd values
(a population of 10^15) are dropped and counted in ``absurd_values`` of the
build stats; a number that cannot be read gives no amount rather than a wrong one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from ...records import QuantityRecord

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

DATA = Path(__file__).resolve().parent.parent.parent / "data" / "units.yaml"
EQUIPMENT = Path(__file__).resolve().parent.parent.parent / "data" / "equipment.yaml"


@lru_cache(maxsize=1)
def config() -> dict[str, Any]:
    with open(DATA, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


@lru_cache(maxsize=1)
def equipment_names() -> frozenset[str]:
    """Lower-cased model names from the equipment data file, when it exists.

    Read loosely (any string under any key) so that the file's layout can change;
    "Letters-digits" designations are caught by a pattern without it.
    """
    if not EQUIPMENT.exists():
        return frozenset()
    try:
        with open(EQUIPMENT, encoding="utf-8") as fh:
            data = yaml.safe_load(fh)
    except (OSError, yaml.YAMLError):
        return frozenset()
    out: set[str] = set()

    def walk(x: Any) -> None:
        if isinstance(x, str):
            if any(ch.isdigit() for ch in x):
                out.add(x.lower())
        elif isinstance(x, dict):
            for k, v in x.items():
                walk(k)
                walk(v)
        elif isinstance(x, list):
            for v in x:
                walk(v)

    walk(data)
    return frozenset(out)


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_DIGITS = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"


@lru_cache(maxsize=1)
def pattern() -> re.Pattern[str]:
    c = config()
    qual = _alt(list(c["qualifiers"]))
    sym = _alt(list(c["money"]["symbols"]))
    scale = _alt(list(c["scales"]))
    words = _alt([*c["number_words"], *c["number_scale_words"]])
    unit = _alt([*c["money"]["words"], *c["measures"]])
    vague = _alt(list(c["vague_multiples"]))
    frac = _alt(list(c["fractions"]))
    big = _alt(c["number_scale_words"])
    # Digits not glued to letters ("K2") unless a scale follows ("2.5bn") or a currency code
    # precedes ("USD1.6-billion").
    glued = "".join(f"|(?<={re.escape(k)})" for k in c["money"]["symbols"] if k.isalpha())
    digits = rf"(?:(?<![\w.]){glued}){_DIGITS}(?!\.\d|,\d|\d)(?=(?:{scale})\b|[^A-Za-z]|$)"
    # "sixteen million", "one hundred and twenty", "twenty-five", "a dozen", "half a million"
    small = _alt([w for w in c["number_words"] if w not in c["number_scale_words"]])
    wordnum = (rf"(?:\b(?:a|an|half\s+a)\s+(?:{big})|\b(?:{small}))\b"
               rf"(?:(?:\s+and\s+|[\s-])(?:{words})\b)*")
    num = rf"(?:{digits}|{wordnum})"
    return re.compile(
        rf"(?:(?P<qual>\b(?:{qual}))(?:\s+to)?\s+)?"
        rf"(?:(?P<vague>\b(?:{vague}))\s+of\b"
        rf"|(?P<frac>\b(?:{frac}))(?=\s+of\b)"
        rf"|(?P<between>\bbetween\s+)?"
        rf"(?:(?<![A-Za-z])(?P<sym>{sym}))?\s?"
        rf"(?P<num>{num})"
        rf"(?:(?(between)\s+and\s+|\s*(?:-|–|to)\s*)(?P<num2>{num})"
        rf"(?=[\s-]?(?:{scale})\b|[\s-]?(?:{unit})(?![A-Za-z])|\s*%|\s+[a-z]))?"
        rf"(?:[\s-]?(?P<scale>(?<![A-Za-z])(?:{scale})\b))?"
        rf"(?:[\s-]?(?P<unit>(?:{unit})(?![A-Za-z])))?)",
        re.I,
    )


TIME_UNITS = {"second", "minute", "hour", "day", "week", "month", "year", "decade", "century",
              "time", "times"}
VAGUE = {"several", "few", "many", "hundreds", "thousands", "dozens", "of", "the"}


@dataclass
class Amount:
    """A quantity found in the text, with the token that heads it."""

    record: QuantityRecord
    token: int  # index of the number's last token
    counted: int | None = None  # token index of the counted noun, if any
    kind: str = "count"  # money | measure | percent | count


@lru_cache(maxsize=2048)
def _words_value(s: str) -> float | None:
    """A spelled-out number: number-parser, after the forms it leaves alone."""
    from number_parser import parse_number

    s = re.sub(r"\s+", " ", s.lower().replace("-", " ")).strip()
    half = s.startswith("half a ")
    if half:
        s = s.removeprefix("half a ")
    s = re.sub(r"^an? ", "one ", s)
    mult = 1.0
    if s.endswith("dozen"):  # "two dozen", "a dozen"
        mult, s = 12.0, s.removesuffix("dozen").strip() or "one"
    words = config()["number_words"]
    val: float | None
    if s in words:
        val = float(words[s])
    else:
        got = parse_number(s)
        val = float(got) if isinstance(got, int | float) else None
    if val is None:
        return None
    return val * mult * (0.5 if half else 1.0)


def _number(s: str) -> float | None:
    s = s.strip()
    if s[:1].isdigit():
        try:
            return float(s.replace(",", ""))
        except ValueError:
            return None
    return _words_value(s)


def _designation(text: str, na: int) -> bool:
    """Is the number at ``na`` part of a model name ("Barak-8", "S-300", "MiG-29")?"""
    c = config()
    before = text[max(0, na - 8):na]
    if re.search(c["designation_pattern"], before):
        return True
    names = equipment_names()
    if names:
        tail = re.match(r"[\w-]*", text[na:]).group(0)  # type: ignore[union-attr]
        glued = re.search(r"[\w-]+$", before)  # "Shahed-136"
        spaced = re.search(r"([\w-]+) $", before)  # "Hermes 900", "Barak 8"
        for word in ((glued.group(0) if glued else "") + tail,
                     (spaced.group(1) + " " + tail) if spaced else ""):
            if word and word.lower() in names:
                return True
    return False


def _stat(doc: Doc, key: str) -> None:
    stats: dict[str, Any] = doc.user_data.setdefault("accord_stats", {})
    stats[key] = stats.get(key, 0) + 1


def find_amounts(doc: Doc, date_spans: list[tuple[int, int]],
                 people_keys: set[int] | None = None, text: str | None = None) -> list[Amount]:
    """All amounts in ``doc``; numbers inside date expressions are skipped."""
    c = config()
    money_sym = {k.lower(): v for k, v in c["money"]["symbols"].items()}
    money_words = {k.lower(): v for k, v in c["money"]["words"].items()}
    measures = {k.lower(): v for k, v in c["measures"].items()}
    scales = {k.lower(): float(v) for k, v in c["scales"].items()}
    quals = {k.lower(): v for k, v in c["qualifiers"].items()}
    vague_vals = {k.lower(): float(v) for k, v in c["vague_multiples"].items()}
    limits = {k: float(v) for k, v in c["limits"].items()}
    not_dur = set(c["not_durations"])
    acronym = re.compile(c["acronym_plural"])
    people = set(c["people"])
    arms = set(c["arms"])
    totals = set(c["people_totals"])
    equipment = {i for sp in (doc.spans["equipment"] if "equipment" in doc.spans else [])
                 for i in range(sp.start, sp.end)}
    out: list[Amount] = []
    text = doc.text if text is None else text
    taken = _shares_and_multiples(doc, text, quals, date_spans, out)
    for m in pattern().finditer(text):
        a, b = m.span()
        if any(a < tb and ta < b for ta, tb in taken):
            continue  # "4 in 10 Kenyans" is a share, "10 Kenyans" no count
        if m["frac"]:
            na, nb = m.span("frac")
            val = float(c["fractions"][re.sub(r"\s+", " ", m["frac"].lower())])
        elif m["vague"]:
            na, nb = m.span("vague")
            val: float | None = vague_vals[re.sub(r"\s+", " ", m["vague"].lower())]
        else:
            na, nb = m.span("num")
            if m["num2"]:
                nb = m.end("num2")
            val = _number(m["num"])
            if m["num2"] and val is not None and not m["num"][:1].isdigit() == \
                    m["num2"][:1].isdigit():
                val = None  # "two-3": not a range we can read
        if any(na < db and da < nb for da, db in date_spans):
            continue
        if val is None:
            continue  # a number we cannot read: no amount rather than a wrong one
        num_text = m["num"] or ""
        if num_text[:1].isdigit() and not m["sym"] and _designation(text, m.start("num")):
            continue
        before = text[max(0, na - 12):na].lower().split()
        if not m["vague"] and not num_text[:1].isdigit() and before and before[-1] in VAGUE:
            continue  # "several hundred", "a few thousand": no number to compare
        sym, unit, scale = m["sym"], (m["unit"] or "").lower(), (m["scale"] or "").lower()
        # Single letters (m, b, k) count as scales after a currency, or glued to the digits
        # before a plural noun ("2m people", "3.5m barrels"; "a 10m wall" is metres).
        if scale in ("m", "b", "k") and not sym and not (
                text[m.start("scale") - 1:m.start("scale")].isdigit()
                and re.match(r"\s+(?:[A-Za-z]+s|people|police|staff|personnel)\b",
                             text[m.end("scale"):m.end("scale") + 24])):
            if scale == "m" and not unit and text[m.start("scale") - 1:m.start("scale")].isdigit():
                unit = "m"  # "10m high": metres
            scale = ""
        if unit in ("m", "t", "ha") and (scale or not num_text[-1:].isdigit()):
            unit = ""
        if sym and sym.isalpha() and not sym.isupper() and sym.lower() != "rs":
            sym = None  # "eur 5" in running text: letter codes are upper case
        if re.fullmatch(r"(?:1[89]|20)\d\d", num_text) and not (sym or scale or unit
                                                                  or m["num2"]):
            continue  # a year
        if m["num2"] and re.fullmatch(r"(?:1[89]|20)\d\d", num_text):
            continue  # "2011-2013": years
        if scale:
            val *= scales[scale]
        qualifier = quals.get(re.sub(r"\s+", " ", (m["qual"] or "").lower()), "exact")
        if m["vague"]:
            qualifier = "at_least"
        elif m["num2"]:
            qualifier = c["range_qualifier"]
        kind, canon = "count", ""
        if sym:
            kind, canon = "money", money_sym[sym.lower()]
            if unit in money_words:
                canon = money_words[unit]
        elif unit in money_words:
            kind, canon = "money", money_words[unit]
        elif unit in measures:
            canon, factor = measures[unit]
            if canon == "days" and (text[m.end():m.end() + 4].lower().startswith("-old")
                                    or (before and before[-1] in not_dur)
                                    or text[m.end():m.end() + 8].lower().lstrip().startswith(
                                        ("ago", "later", "earlier", "after", "before"))):
                continue  # "every three months", "a 30-year-old", "two years later"
            val *= float(factor)
            kind = "percent" if canon == "percent" else "measure"
        elif m["frac"]:
            kind, canon = "percent", "percent"
        elif text[nb:nb + 1] == "%" or text[m.end():m.end() + 1] == "%":
            kind, canon, b = "percent", "percent", max(nb, m.end()) + 1
        if not (sym or unit or kind == "percent"):
            b = (m.end("scale") if m["scale"] and scale else nb)
        span = doc.char_span(na, b, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        last = span[-1]
        counted = None
        if m["frac"] and (of := re.match(r"\s+of\s+(?:the\s+)?", text[nb:])):
            # "nearly a third of Lebanese": a share of a people, counted like "one in three"
            after = doc.char_span(nb + of.end(), nb + of.end() + 1, alignment_mode="expand")
            if after is not None and len(after) and after[0].lemma_.lower() not in totals and (
                    after[0].lower_ in people or after[0].tag_ == "NNPS"):
                counted = after[0].i
        if kind == "count":
            counted = _counted(span[0], last, bool(m["vague"]))
            if counted is not None and counted <= last.i:  # "2m people": "m" is the scale
                nxt = last.i + 1
                counted = nxt if nxt < len(doc) and doc[nxt].pos_ in ("NOUN", "PROPN") else None
            strong_force = False
            if counted is None and re.match(r"-strong\b", text[b:b + 8]):
                strong = doc.char_span(b + 1, b + 7)  # "180,000-strong Polish minority"
                if strong is not None and strong[0].head.pos_ in ("NOUN", "PROPN"):
                    counted, strong_force = strong[0].head.i, True
            total = None if counted is not None else _people_total(last, totals, people)
            if counted is None and total is None:
                continue
            noun = doc[counted if counted is not None else total]  # type: ignore[index]
            if m["vague"] and noun.lower_ in measures:  # "hundreds of kilometres"
                canon, factor = measures[noun.lower_]
                if canon != "percent":
                    val *= float(factor)
                    b = noun.idx + len(noun)
                    if val > limits.get(canon, limits["default"]):
                        _stat(doc, "absurd_values")
                        continue
                    a = m.start("qual") if m["qual"] else na
                    rec = QuantityRecord(value=float(val), unit=canon, qualifier=qualifier,
                                         text=text[a:b].strip(), start=a, end=b)
                    out.append(Amount(rec, noun.i, None, "measure"))
                    continue
            if total is not None or noun.lemma_.lower() in totals or strong_force:
                canon = "people"  # "a population of 1.37 million", "a 3,000-strong community"
            elif acronym.match(noun.text):
                canon = noun.text[:-1].lower()  # "60 UAVs": things, not people
            elif noun.lower_ in arms and any(
                    ch.dep_ == "compound" and (any(x.isdigit() for x in ch.text) or (
                        ch.pos_ == "PROPN" and not (people_keys and ch.i in people_keys)
                        # "Wagner fighters" are people, "Rafale fighters" aircraft
                        and (noun.lower_ not in ("fighter", "fighters") or ch.i in equipment)))
                    for ch in noun.children):
                canon = noun.lemma_.lower()  # "24 Rafale fighters", "F-16 fighters": aircraft
            elif noun.lower_ in people or noun.lemma_.lower() in people or noun.tag_ == "NNPS" or (
                noun.text[:1].isupper() and noun.lower_.endswith("s")) or (
                people_keys and counted in people_keys
            ):
                canon = "people"
            else:
                canon = noun.lemma_.lower()
            if noun.like_num or not noun.is_alpha or noun.lemma_.lower() in TIME_UNITS:
                continue
            if num_text.lower() == "one" and not m["qual"]:
                continue  # "one member said": not a count
            if counted is not None:
                b = noun.idx + len(noun)
            else:
                counted = total
        if not m["qual"]:
            a = m.start("between") if m["between"] else (
                m.start("sym") if sym else na)
        if val > limits.get(canon, limits["default"]):
            _stat(doc, "absurd_values")
            continue
        rec = QuantityRecord(value=float(val), unit=canon, qualifier=qualifier,
                             text=text[a:b].strip(), start=a, end=b)
        out.append(Amount(rec, last.i, counted, kind))
    return _drop_conversions(text, out)


#: Words after a bare number that count people hurt ("left 18 dead and 60 injured").
CASUALTY_WORDS = {"dead", "injured", "wounded", "missing", "killed", "hurt"}
_SMALL = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
          "eight": 8, "nine": 9, "ten": 10, "twenty": 20, "hundred": 100}
_SMALL_RE = "|".join(_SMALL)
#: "one in five Lebanese", "nine out of ten Afghans", "4 in 10 Kenyans": a share.
_SHARE = re.compile(rf"\b(?P<a>{_SMALL_RE}|\d{{1,3}})\s+(?:in|out\s+of)\s+"
                    rf"(?P<b>{_SMALL_RE}|\d{{1,4}})(?=\s+[A-Za-z])", re.I)
#: "grew 18-fold", "a five-fold rise", "threefold": a multiple.
_FOLD = re.compile(rf"\b(?P<n>{_SMALL_RE}|\d+(?:\.\d+)?)[\s-]?fold\b", re.I)


def _shares_and_multiples(doc: Doc, text: str, quals: dict[str, str],
                          date_spans: list[tuple[int, int]], out: list[Amount]
                          ) -> list[tuple[int, int]]:
    """Shares written as "one in five" (percent, counting the noun after them) and
    multiples ("18-fold", unit ``times``); returns their spans, which hold no other amount."""
    taken: list[tuple[int, int]] = []
    for m in [*_SHARE.finditer(text), *_FOLD.finditer(text)]:
        a, b = m.span()
        if any(a < db and da < b for da, db in date_spans):
            continue
        if "n" in m.groupdict():
            n = m["n"].lower()
            val, unit, kind = float(_SMALL.get(n) or float(n)), "times", "measure"
            counted = None
        else:
            x, y = (float(_SMALL.get(g.lower()) or float(g)) for g in (m["a"], m["b"]))
            if not 0 < x < y:
                continue
            val, unit, kind = round(100.0 * x / y, 1), "percent", "percent"
            after = doc.char_span(b + 1, b + 1 + len(text[b + 1:].split(" ", 1)[0]),
                                  alignment_mode="expand")
            counted = after[0].i if after is not None and len(after) and \
                after[0].pos_ in ("NOUN", "PROPN", "ADJ") else None
        before = text[max(0, a - 16):a].lower()
        qm = re.search(r"(?:^|\s)((?:" + "|".join(re.escape(q) for q in quals) + r"))\s*$",
                       before)
        start = a - len(qm.group(1)) - (len(before) - qm.end(1)) if qm else a
        span = doc.char_span(a, b, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        rec = QuantityRecord(value=val, unit=unit, qualifier=quals.get(qm.group(1))
                             if qm else "exact", text=text[start:b], start=start, end=b)
        out.append(Amount(rec, span[-1].i, counted, kind))
        taken.append((a, b))
    return taken


def _counted(first: Token, last: Token, vague: bool = False) -> int | None:
    """The noun a bare number counts: "22 people", "3,000 South Koreans", "hundreds of X"."""
    nxt0 = last.nbor(1) if last.i + 1 < len(last.doc) else None
    if not vague and nxt0 is not None and nxt0.lower_ in CASUALTY_WORDS:
        return nxt0.i  # "18 dead", "more than 60 injured"
    if vague:  # "hundreds of protesters": the object of "of"
        for t in (last, first):
            for ch in t.children:
                if ch.dep_ == "prep" and ch.lower_ == "of":
                    objs = [p for p in ch.children if p.dep_ == "pobj"]
                    if objs and objs[0].pos_ in ("NOUN", "PROPN"):
                        return objs[0].i
        nxt = last.nbor(1) if last.i + 1 < len(last.doc) else None
        if nxt is not None and nxt.lower_ == "of" and nxt.i + 1 < len(last.doc):
            cand = nxt.nbor(1)
            while cand.pos_ in ("ADJ", "DET") and cand.i + 1 < len(last.doc):
                cand = cand.nbor(1)
            if cand.pos_ in ("NOUN", "PROPN"):
                return cand.i
        return None
    for t in (last, first):
        # "Two hundred and fifty Nigerian schoolchildren": up the number's own words first
        while t.dep_ in ("compound", "conj", "cc", "nummod", "quantmod") and t.head.like_num \
                and t.head.i != t.i and first.i <= t.head.i <= last.i:
            t = t.head
        if t.dep_ in ("nummod", "quantmod", "compound") and t.head.pos_ in ("NOUN", "PROPN") \
                and t.head.i > t.i:
            return t.head.i
    nxt = last.nbor(1) if last.i + 1 < len(last.doc) else None
    if nxt is not None and nxt.pos_ in ("NOUN", "PROPN") and nxt.tag_ in ("NNS", "NNPS"):
        return nxt.i
    return None


def _people_total(last: Token, totals: set[str], people: set[str] | None = None) -> int | None:
    """The noun a bare number is the total of: "a population of 1.37 million",
    "the population reached 2.1 million", "the number of people killed has risen to 56"."""
    t = last
    while t.dep_ in ("compound", "nummod", "quantmod") and t.head.i != t.i and t.head.like_num:
        t = t.head
    if t.dep_ == "pobj" and t.head.lower_ == "of" and t.head.head.lemma_.lower() in totals:
        return t.head.head.i
    if t.dep_ in ("dobj", "attr", "pobj"):
        verb = t.head.head if t.dep_ == "pobj" else t.head
        for ch in verb.children:
            if ch.dep_ in ("nsubj", "nsubjpass") and ch.lemma_.lower() in totals:
                return ch.i
            if ch.dep_ in ("nsubj", "nsubjpass") and ch.lemma_.lower() == "number" and people \
                    and any(p.dep_ == "pobj" and p.lower_ in people
                            for c in ch.children if c.dep_ == "prep" and c.lower_ == "of"
                            for p in c.children):
                return ch.i
    return None


def _drop_conversions(text: str, amounts: list[Amount]) -> list[Amount]:
    """Drop "(340 miles)" after "500 km": the same measure converted, not a new amount."""
    out: list[Amount] = []
    for am in amounts:
        prev = out[-1] if out else None
        if prev is not None and prev.record.unit == am.record.unit and am.kind == "measure" \
                and prev.record.end is not None and am.record.start is not None \
                and text[prev.record.end:am.record.start].strip() in ("(", "/", "or", "(or"):
            continue
        out.append(am)
    return out
