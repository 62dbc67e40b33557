"""Reading and checking development gold files (JSON Lines).

The format is shared by every engineer who scores against it (see
``docs/eval.md``); a line that does not follow it stops the run with a
one-line error naming ``file:line``, because a silently skipped gold line
would change every figure without anyone noticing.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from ..records import MODALITIES, PLOVER_TYPES, QUALIFIERS

#: Granularities a gold date may have, finest first.
GRANULARITIES = ("day", "week", "month", "year", "decade", "century", "none")

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_CAMEO = re.compile(r"^\d{2,4}$")
_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:\-]*$")

_SENTENCE_KEYS = {"id", "text", "published", "events", "claims", "tags", "note"}
_EVENT_KEYS = {"type", "source", "target", "modality", "cameo", "date", "note"}
_CLAIM_KEYS = {"subject", "property", "value", "unit", "qualifier", "text", "note"}


class GoldError(ConfigError):
    """A gold file that cannot be read or a line that breaks the format (exit code 2)."""


@dataclass(frozen=True)
class GoldDate:
    value: str | None  # YYYY[-MM[-DD]] or None
    granularity: str  # one of GRANULARITIES


@dataclass
class GoldEvent:
    type: str
    source: list[str]
    target: list[str]
    modality: str = "asserted"
    cameo: str | None = None
    date: GoldDate | None = None


@dataclass
class GoldClaim:
    subject: str
    property: str
    value: float
    unit: str
    qualifier: str = "exact"
    text: str | None = None


@dataclass
class GoldSentence:
    id: str
    text: str
    published: str | None
    events: list[GoldEvent]
    claims: list[GoldClaim] | None = None  # None: the line does not annotate claims
    tags: list[str] = field(default_factory=list)
    line: int = 0


def _valid_date(value: str) -> bool:
    if not _DATE.match(value):
        return False
    parts = [int(p) for p in value.split("-")]
    if len(parts) >= 2 and not 1 <= parts[1] <= 12:
        return False
    if len(parts) == 3:
        import datetime as dt

        try:
            dt.date(*parts)
        except ValueError:
            return False
    return True


class _Line:
    """Checks for one gold line; every failure is a :class:`GoldError` with file:line."""

    def __init__(self, where: str):
        self.where = where

    def fail(self, msg: str) -> GoldError:
        return GoldError(f"{self.where}: {msg}")

    def keys(self, obj: Any, allowed: set[str], what: str) -> dict[str, Any]:
        if not isinstance(obj, dict):
            raise self.fail(f"{what} must be a JSON object")
        extra = sorted(set(obj) - allowed)
        if extra:
            raise self.fail(f"unknown field {extra[0]!r} in {what} "
                            f"(allowed: {', '.join(sorted(allowed))})")
        return obj

    def string(self, obj: dict[str, Any], key: str, what: str, *, required: bool = True
               ) -> str | None:
        value = obj.get(key)
        if value is None and not required:
            return None
        if not isinstance(value, str) or not value.strip():
            raise self.fail(f"{what} needs a non-empty string {key!r}")
        return value

    def codes(self, obj: dict[str, Any], key: str, what: str) -> list[str]:
        value = obj.get(key, [])
        if not isinstance(value, list) or not all(isinstance(c, str) for c in value):
            raise self.fail(f"{what} {key!r} must be a list of actor codes")
        bad = [c for c in value if not _CODE.match(c)]
        if bad:
            raise self.fail(f"{what} {key!r}: {bad[0]!r} is not an actor code")
        return [c.upper() for c in value]

    def event(self, obj: Any, n: int) -> GoldEvent:
        what = f"event {n}"
        ev = self.keys(obj, _EVENT_KEYS, what)
        etype = self.string(ev, "type", what)
        assert etype is not None
        if etype.upper() not in PLOVER_TYPES:
            raise self.fail(f"{what}: unknown type {etype!r} (one of {', '.join(PLOVER_TYPES)})")
        modality = ev.get("modality", "asserted")
        if modality not in MODALITIES:
            raise self.fail(f"{what}: unknown modality {modality!r} "
                            f"(one of {', '.join(MODALITIES)})")
        cameo = ev.get("cameo")
        if cameo is not None and not (isinstance(cameo, str) and _CAMEO.match(cameo)):
            raise self.fail(f"{what}: cameo must be a string of 2-4 digits, not {cameo!r}")
        return GoldEvent(type=etype.upper(), source=self.codes(ev, "source", what),
                         target=self.codes(ev, "target", what), modality=modality,
                         cameo=cameo, date=self.date(ev.get("date"), what))

    def date(self, obj: Any, what: str) -> GoldDate | None:
        if obj is None:
            return None
        d = self.keys(obj, {"value", "granularity"}, f"{what} date")
        gran = d.get("granularity")
        if gran not in GRANULARITIES:
            raise self.fail(f"{what} date: granularity must be one of "
                            f"{', '.join(GRANULARITIES)}, not {gran!r}")
        value = d.get("value")
        if value is None:
            if gran != "none":
                raise self.fail(f"{what} date: a null value needs granularity 'none'")
            return GoldDate(None, "none")
        if not isinstance(value, str) or not _valid_date(value):
            raise self.fail(f"{what} date: value must be YYYY[-MM[-DD]], not {value!r}")
        if gran == "none":
            raise self.fail(f"{what} date: granularity 'none' needs a null value")
        return GoldDate(value, gran)

    def claim(self, obj: Any, n: int, text: str) -> GoldClaim:
        what = f"claim {n}"
        c = self.keys(obj, _CLAIM_KEYS, what)
        subject = self.string(c, "subject", what)
        prop = self.string(c, "property", what)
        unit = self.string(c, "unit", what)
        value = c.get("value")
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise self.fail(f"{what}: value must be a number, not {value!r}")
        qualifier = c.get("qualifier", "exact")
        if qualifier not in QUALIFIERS:
            raise self.fail(f"{what}: unknown qualifier {qualifier!r} "
                            f"(one of {', '.join(QUALIFIERS)})")
        span = self.string(c, "text", what, required=False)
        if span is not None and span not in text:
            raise self.fail(f"{what}: text {span!r} does not occur in the sentence")
        assert subject and prop and unit
        return GoldClaim(subject=subject, property=prop, value=float(value), unit=unit,
                         qualifier=qualifier, text=span)


def parse_line(raw: str, where: str) -> GoldSentence:
    """One gold sentence from one JSON line; ``where`` is ``file:line`` for errors."""
    chk = _Line(where)
    try:
        obj = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise chk.fail(f"not valid JSON ({exc.msg}, column {exc.colno})") from None
    s = chk.keys(obj, _SENTENCE_KEYS, "a gold line")
    sid = chk.string(s, "id", "a gold line")
    text = chk.string(s, "text", "a gold line")
    assert sid is not None and text is not None
    published = s.get("published")
    if published is not None and not (isinstance(published, str) and _valid_date(published)):
        raise chk.fail(f"published must be YYYY[-MM[-DD]], not {published!r}")
    if "events" not in s:
        raise chk.fail("a gold line needs 'events' (use [] for a sentence with no event)")
    if not isinstance(s["events"], list):
        raise chk.fail("'events' must be a list")
    events = [chk.event(e, i + 1) for i, e in enumerate(s["events"])]
    claims = None
    if "claims" in s:
        if not isinstance(s["claims"], list):
            raise chk.fail("'claims' must be a list")
        claims = [chk.claim(c, i + 1, text) for i, c in enumerate(s["claims"])]
    tags = s.get("tags", [])
    if not isinstance(tags, list) or not all(isinstance(t, str) and t for t in tags):
        raise chk.fail("'tags' must be a list of strings")
    return GoldSentence(id=sid, text=text, published=published, events=events,
                        claims=claims, tags=list(tags))


def load_gold(path: str | Path) -> list[GoldSentence]:
    """Every sentence of a gold file; blank lines and ``//`` comment lines are skipped."""
    p = Path(path)
    try:
        lines = p.read_text(encoding="utf-8-sig").splitlines()
    except FileNotFoundError:
        raise GoldError(f"{p}: no such gold file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldError(f"{p}: cannot read gold file ({exc})") from None
    out: list[GoldSentence] = []
    seen: dict[str, int] = {}
    for n, raw in enumerate(lines, start=1):
        if not raw.strip() or raw.lstrip().startswith("//"):
            continue
        where = f"{p}:{n}"
        sent = parse_line(raw, where)
        if sent.id in seen:
            raise GoldError(f"{where}: duplicate id {sent.id!r} (first on line {seen[sent.id]})")
        seen[sent.id] = n
        sent.line = n
        out.append(sent)
    if not out:
        raise GoldError(f"{p}: no gold sentences")
    return out
