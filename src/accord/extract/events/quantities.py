"""How much: money, counts, distances, oil, percentages, with qualifiers.

One regular expression, built from ``data/units.yaml``, finds amounts in the
document text ("$1.6 billion", "2.5 million tons", "500 km (340 miles)",
"up to 30 million", "about 3,000"); the parse then says what a bare number
counts ("22 people", "3,000 South Koreans"). Values are converted to the
canonical unit (USD/EUR/... for money, km for distances, people for counts of
persons) so reconcile can compare numbers across documents.
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


@lru_cache(maxsize=1)
def config() -> dict[str, Any]:
    with open(DATA, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def pattern() -> re.Pattern[str]:
    c = config()
    qual = _alt(list(c["qualifiers"]))
    sym = _alt(list(c["money"]["symbols"]))
    scale = _alt(list(c["scales"]))
    words = _alt(list(c["number_words"]))
    unit = _alt([*c["money"]["words"], *c["measures"]])
    digits = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    # Digits not glued to letters ("K2") unless a scale follows ("2.5bn").
    num = rf"(?:(?<![\w.]){digits}(?!\.\d|,\d|\d)(?=(?:{scale})\b|[^A-Za-z]|$)|\b(?:{words})\b)"
    return re.compile(
        rf"(?:(?P<qual>\b(?:{qual}))(?:\s+to)?\s+)?"
        rf"(?P<sym>{sym})?\s?"
        rf"(?P<num>{num})"
        rf"(?:[\s-]?(?P<scale>(?<![A-Za-z])(?:{scale})\b))?"
        rf"(?:\s?(?P<unit>(?:{unit})(?![A-Za-z])))?",
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


def _number(s: str) -> float | None:
    s = s.lower().replace(",", "")
    try:
        return float(s)
    except ValueError:
        return config()["number_words"].get(s)


def find_amounts(doc: Doc, date_spans: list[tuple[int, int]],
                 people_keys: set[int] | None = None, text: str | None = None) -> list[Amount]:
    """All amounts in ``doc``; numbers inside date expressions are skipped."""
    c = config()
    money_sym = {k.lower(): v for k, v in c["money"]["symbols"].items()}
    money_words = {k.lower(): v for k, v in c["money"]["words"].items()}
    measures = {k.lower(): v for k, v in c["measures"].items()}
    scales = {k.lower(): float(v) for k, v in c["scales"].items()}
    quals = {k.lower(): v for k, v in c["qualifiers"].items()}
    people = set(c["people"])
    out: list[Amount] = []
    text = doc.text if text is None else text
    for m in pattern().finditer(text):
        a, b = m.span()
        na, nb = m.span("num")
        if any(na < db and da < nb for da, db in date_spans):
            continue
        val = _number(m["num"])
        if val is None:
            continue
        before = text[max(0, na - 12):na].lower().split()
        if not m["num"][0].isdigit() and before and before[-1] in VAGUE:
            continue  # "several hundred", "a few thousand": no number to compare
        sym, unit, scale = m["sym"], (m["unit"] or "").lower(), (m["scale"] or "").lower()
        # Single letters (m, b, t, k) only count as scales/units right after a digit.
        if scale in ("m", "b", "k") and not sym:
            scale = ""
        if unit in ("m", "t") and (scale or not m["num"][-1].isdigit()):
            unit = ""
        if re.fullmatch(r"(?:1[89]|20)\d\d", m["num"]) and not (sym or scale or unit):
            continue  # a year
        if scale:
            val *= scales[scale]
        qualifier = quals.get(re.sub(r"\s+", " ", (m["qual"] or "").lower()), "exact")
        kind, canon = "count", ""
        if sym:
            kind, canon = "money", money_sym[sym.lower()]
            if unit in money_words:
                canon = money_words[unit]
        elif unit in money_words:
            kind, canon = "money", money_words[unit]
        elif unit in measures:
            canon, factor = measures[unit]
            val *= float(factor)
            kind = "percent" if canon == "percent" else "measure"
        elif text[nb:nb + 1] == "%":
            kind, canon, b = "percent", "percent", nb + 1
        if not (sym or unit or kind == "percent"):
            b = (m.end("scale") if m["scale"] and scale else nb)
        span = doc.char_span(na, b, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        last = span[-1]
        counted = None
        if kind == "count":
            counted = _counted(span[0], last)
            if counted is None:
                continue
            noun = doc[counted]
            if noun.lower_ in people or noun.lemma_.lower() in people or noun.tag_ == "NNPS" or (
                noun.text[:1].isupper() and noun.lower_.endswith("s")) or (
                people_keys and counted in people_keys
            ):
                canon = "people"
            else:
                canon = noun.lemma_.lower()
            if noun.like_num or not noun.is_alpha or noun.lemma_.lower() in TIME_UNITS:
                continue
            if m["num"].lower() == "one" and not m["qual"]:
                continue  # "one member said": not a count
            b = noun.idx + len(noun)
        if not m["qual"]:
            a = m.start("sym") if sym else na
        rec = QuantityRecord(value=float(val), unit=canon, qualifier=qualifier,
                             text=text[a:b].strip(), start=a, end=b)
        out.append(Amount(rec, last.i, counted, kind))
    return _drop_conversions(text, out)


def _counted(first: Token, last: Token) -> int | None:
    """The noun a bare number counts: "22 people", "3,000 South Koreans"."""
    for t in (last, first):
        if t.dep_ in ("nummod", "quantmod", "compound") and t.head.pos_ in ("NOUN", "PROPN") \
                and t.head.i > t.i:
            return t.head.i
    nxt = last.nbor(1) if last.i + 1 < len(last.doc) else None
    if nxt is not None and nxt.pos_ in ("NOUN", "PROPN") and nxt.tag_ in ("NNS", "NNPS"):
        return nxt.i
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
