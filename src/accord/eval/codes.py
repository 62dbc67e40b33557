"""Turning emitted actors, units and dates into the terms gold is written in.

Gold names an actor by one code: a state's ISO3, also for the people, forces and
groups that belong to it, and the gazetteer's code for organisations and armed
groups without a state. Scoring at that level asks the question an analyst asks
("did it find that Pakistan acted?") and does not depend on how a person's name
was spelled.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from ..records import ActorRef


@lru_cache(maxsize=1)
def settings() -> dict[str, Any]:
    """The matching data of ``accord/data/eval.yaml``."""
    text = resources.files("accord").joinpath("data/eval.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text) or {}
    return {
        "code_aliases": {str(k).upper(): str(v).upper()
                         for k, v in (data.get("code_aliases") or {}).items()},
        "unit_aliases": {str(k).lower(): str(v)
                         for k, v in (data.get("unit_aliases") or {}).items()},
        "claim_tolerance": float(data.get("claim_tolerance", 0.01)),
    }


def canonical_code(code: str) -> str:
    """A gold or emitted code in its compared form (upper case, aliases folded)."""
    code = code.strip().upper()
    return settings()["code_aliases"].get(code, code)


def key_code(key: str) -> str | None:
    """The code of an actor key when no mention tells more: ``state:PAK`` is PAK,
    ``org:nato`` is NATO; a person key has no code (their state is unknown)."""
    kind, _, rest = key.partition(":")
    if not rest or kind in ("person", "loc", "outlet"):
        return None
    return canonical_code(rest)


#: CAMEO actor-code prefixes of international bodies that count as one IGO at the
#: country/IGO level (UN agencies such as the WFP, IGOUNOWFP, are the UN).
IGO_FAMILIES = {"IGOUNO": "UN"}


@lru_cache(maxsize=4096)
def _igo_family(key: str) -> str | None:
    """The IGO a gazetteer organisation belongs to by its CAMEO code, if any."""
    try:
        from ..extract.actors.gazetteer import load_gazetteer

        entry = load_gazetteer().entries.get(key)
    except (ImportError, AttributeError):  # a gazetteer without CAMEO codes
        return None
    cameo = getattr(entry, "cameo", None) or ""
    return next((code for pre, code in IGO_FAMILIES.items() if cameo.startswith(pre)), None)


def actor_code(key: str, ref: ActorRef | None) -> str | None:
    """The country/IGO-level code of one emitted actor, or None when it has none.

    A state gives its ISO3; anything that belongs to a state (a person with a
    country, a ministry, an armed force, a crowd of a nation) gives that state's
    code; an organisation or group with no state gives its gazetteer key.
    """
    if ref is not None:
        if ref.iso3:
            return canonical_code(ref.iso3)
        if ref.country:
            return key_code(ref.country) or canonical_code(ref.country)
    if key.startswith("org:"):
        family = _igo_family(key)
        if family:
            return family
    return key_code(key)


#: One emitted actor as the codes gold may name it by: its state's code first,
#: then its own code when it is an organisation or group of that state.
ActorCodes = tuple[str, ...]


def actor_alternatives(key: str, ref: ActorRef | None) -> ActorCodes:
    """The codes one emitted actor may be named by in gold.

    An organisation or armed group that belongs to a state counts as that state
    or as itself (Hezbollah: LBN or HEZBOLLAH), so gold written at either level
    scores the same, and a gazetteer that gives a group its country later does
    not change the figures.
    """
    primary = actor_code(key, ref)
    if primary is None:
        return ()
    kind = key.partition(":")[0]
    own = key_code(key) if kind in ("org", "group") else None
    return (primary, own) if own and own != primary else (primary,)


def actor_codes(keys: list[str], refs: dict[str, ActorRef]) -> tuple[ActorCodes, ...]:
    """The actors of an event's source or target keys (actors with no code dropped)."""
    out = []
    for k in keys:
        alt = actor_alternatives(k, refs.get(k))
        if alt and alt not in out:
            out.append(alt)
    return tuple(out)


def resolve_codes(actors: tuple[ActorCodes, ...], gold: frozenset[str]) -> frozenset[str]:
    """The emitted code set as compared with ``gold``: each actor by the code gold
    uses for it when gold names it by one of its codes, else by its first code."""
    return frozenset(next((c for c in a if c in gold), a[0]) for a in actors)


def canonical_unit(unit: str | None) -> str:
    if not unit:
        return ""
    return settings()["unit_aliases"].get(unit.lower(), unit)


def date_granularity(value: str | None, given: str | None = None) -> str:
    """The granularity of an emitted date: the extractor's own when it gives one,
    else read from the value's shape (YYYY-MM-DD day, YYYY-MM month, YYYY year)."""
    if given:
        return given
    if not value:
        return "none"
    if "W" in value:
        return "week"
    return {10: "day", 7: "month", 4: "year"}.get(len(value), "none")
