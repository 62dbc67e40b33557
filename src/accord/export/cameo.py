"""A CAMEO-style event table (tab-separated), shaped like GDELT/ICEWS event rows.

One row per event and (source, target) actor pair. Columns:

``EventID  Day  DateValue  DateBasis  DateGranularity  Actor1Code  Actor1Name
Actor1CountryCode  Actor1Type  Actor2Code  Actor2Name  Actor2CountryCode  Actor2Type
EventCode  EventRootCode  QuadClass  GoldsteinScale  PloverType  Modality  NumSources
NumMentions  NumArticles  SourceURL  Sources``

``Day`` is ``YYYYMMDD`` with ``00`` for unknown month/day (as in ICEWS partial
dates); ``DateGranularity`` says how much of ``DateValue`` to read (a week's value is
its Monday, a decade's or century's its first year). ``QuadClass`` uses GDELT's
numbering (1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material
conflict). When an event has no CAMEO code or intensity of its own, the root and
Goldstein score come from ``data/cameo.yaml``. Actor codes are the ISO3 code of the
actor or of its state.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..query import tables
from ..query.cameo import crosswalk
from ..records import QUAD_CLASS, date_granularity

if TYPE_CHECKING:
    from ..store import Store

COLUMNS = ("EventID", "Day", "DateValue", "DateBasis", "DateGranularity", "Actor1Code",
           "Actor1Name", "Actor1CountryCode", "Actor1Type", "Actor2Code", "Actor2Name",
           "Actor2CountryCode", "Actor2Type", "EventCode", "EventRootCode", "QuadClass",
           "GoldsteinScale", "PloverType", "Modality", "NumSources", "NumMentions",
           "NumArticles", "SourceURL", "Sources")
QUAD_NUMBER = {"verbal_cooperation": 1, "material_cooperation": 2, "verbal_conflict": 3,
               "material_conflict": 4}


def day(value: str | None) -> str:
    if not value:
        return ""
    parts = value.split("-") + ["00", "00"]
    return "".join(parts[:3])


def rows(store: Store) -> list[dict[str, Any]]:
    xw = crosswalk()
    events = tables.events(store)
    ents = {r.id: r for r in tables.entities(store)}
    srcs, nmentions = tables.event_sources(store)

    def actor(i: str | None) -> tuple[str, str, str, str]:
        if i is None:
            return "", "", "", ""
        r = ents.get(i)
        if r is None:
            return "", i, "", ""
        iso = r.iso3 or (ents[r.country].iso3 if r.country in ents else None) or ""
        return iso, r.name, iso, r.type

    out = []
    for r in events:
        cw = xw.get(r.type, {})
        code = r.cameo or cw.get("cameo") or ""
        gold = r.intensity if r.intensity is not None else cw.get("goldstein")
        pairs = [(s, t) for s in r.source or [None] for t in r.target or [None] if s != t]
        for s, t in pairs or [((r.source or [None])[0], None)]:
            a1, a2 = actor(s), actor(t)
            out.append({
                "EventID": r.id, "Day": day(r.date_value), "DateValue": r.date_value or "",
                "DateBasis": r.date_basis,
                "DateGranularity": date_granularity(r.date_value, r.date_granularity),
                "Actor1Code": a1[0], "Actor1Name": a1[1],
                "Actor1CountryCode": a1[2], "Actor1Type": a1[3], "Actor2Code": a2[0],
                "Actor2Name": a2[1], "Actor2CountryCode": a2[2], "Actor2Type": a2[3],
                "EventCode": code, "EventRootCode": code[:2],
                "QuadClass": QUAD_NUMBER.get(QUAD_CLASS.get(r.type, ""), ""),
                "GoldsteinScale": "" if gold is None else f"{float(gold):.1f}",
                "PloverType": r.type, "Modality": r.modality,
                "NumSources": r.independent_sources or 1,
                "NumMentions": nmentions.get(r.id, 0), "NumArticles": len(srcs.get(r.id, [])),
                "SourceURL": (srcs.get(r.id) or [""])[0],
                "Sources": ";".join(srcs.get(r.id, [])),
            })
    return out


def write(store: Store, out: Path | None) -> Path | str:
    buf = io.StringIO() if out is None else open(out, "w", newline="", encoding="utf-8")
    try:
        w = csv.DictWriter(buf, fieldnames=COLUMNS, delimiter="\t", lineterminator="\n")
        w.writeheader()
        w.writerows(rows(store))
        if out is None:
            assert isinstance(buf, io.StringIO)
            return buf.getvalue()
    finally:
        buf.close() if out is not None else None
    return out


#: The names other modules use; everything else here is internal.
__all__ = [
    "COLUMNS",
    "QUAD_NUMBER",
    "day",
    "rows",
    "write",
]
