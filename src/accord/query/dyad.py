"""The relationship between two actors in numbers and words."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any

from sqlalchemy import case, desc, func, select

from ..store import schema as S
from .actors import member_ids, resolve_actor
from .common import entity_names, events_by_ids, quad
from .contradictions import contradictions
from .events import dyad_event_ids_stmt

if TYPE_CHECKING:
    from ..store import Store

QUADS = ("verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict")
#: Modalities counted as "happened" in counts and balance. Denied, negated, planned
#: and hypothetical events are listed but not counted: a foiled plot or a denied
#: troop movement is not a conflict event that took place.
COUNTED_MODALITIES = ("asserted", "reported", "alleged")


def dyad(store: Store, a: str, b: str, main: int = 10, third: int = 15) -> dict[str, Any]:
    """Events between ``a`` and ``b`` (states include their people and organisations).

    Returns ``{a, b, total, counted, years: [{year, <quad>: n, total, mean_intensity,
    cooperation, conflict, net}], by_type, by_modality, main_events, third_parties,
    contradictions, undated, first, last, documents, summary}``.
    """
    a_id, b_id = resolve_actor(store, a), resolve_actor(store, b)
    a_ids, b_ids = member_ids(store, a_id), member_ids(store, b_id)
    ids_stmt = dyad_event_ids_stmt(a_ids, b_ids)
    ev = S.events
    counted = ev.c.modality.in_(COUNTED_MODALITIES)
    year = func.substr(ev.c.date_sort, 1, 4)
    with store.connect() as conn:
        names = entity_names(conn, [a_id, b_id])
        agg = conn.execute(
            select(year.label("year"), ev.c.type, ev.c.modality, func.count().label("n"),
                   func.sum(case((ev.c.intensity > 0, ev.c.intensity), else_=0)).label("pos"),
                   func.sum(case((ev.c.intensity < 0, ev.c.intensity), else_=0)).label("neg"),
                   func.sum(ev.c.intensity).label("isum"),
                   func.count(ev.c.intensity).label("icount"))
            .where(ev.c.id.in_(ids_stmt)).group_by(year, ev.c.type, ev.c.modality)
        ).all()
        main_ids = [r.id for r in conn.execute(
            select(ev.c.id).where(ev.c.id.in_(ids_stmt), counted)
            .order_by(desc(ev.c.independent_sources),
                      desc(func.abs(func.coalesce(ev.c.intensity, 0))),
                      ev.c.date_sort, ev.c.id).limit(main))]
        main_events = events_by_ids(conn, main_ids)
        ea = S.event_actors
        third_rows = conn.execute(
            select(ea.c.entity_id, func.count(func.distinct(ea.c.event_id)).label("n"))
            .where(ea.c.event_id.in_(ids_stmt), ea.c.entity_id.not_in(a_ids + b_ids))
            .group_by(ea.c.entity_id).order_by(desc("n")).limit(third)
        ).all()
        tnames = entity_names(conn, [r.entity_id for r in third_rows])
        cnames = entity_names(conn, [t.get("country") for t in tnames.values() if t.get("country")])
        ndocs = conn.execute(
            select(func.count(func.distinct(S.event_mentions.c.document_id)))
            .where(S.event_mentions.c.event_id.in_(ids_stmt))).scalar() or 0
    years: dict[str, dict[str, Any]] = {}
    by_type: dict[str, int] = defaultdict(int)
    by_modality: dict[str, int] = defaultdict(int)
    total = undated = n_counted = 0
    for r in agg:
        total += r.n
        by_modality[r.modality] += r.n
        if r.modality not in COUNTED_MODALITIES:
            continue
        n_counted += r.n
        by_type[r.type] += r.n
        if r.year is None:
            undated += r.n
            continue
        y = years.setdefault(r.year, {"year": int(r.year), **dict.fromkeys(QUADS, 0), "total": 0,
                                      "cooperation": 0.0, "conflict": 0.0, "_isum": 0.0,
                                      "_icount": 0})
        y[quad(r.type) or "verbal_cooperation"] += r.n
        y["total"] += r.n
        y["cooperation"] += float(r.pos or 0)
        y["conflict"] += float(r.neg or 0)
        y["_isum"] += float(r.isum or 0)
        y["_icount"] += int(r.icount or 0)
    all_sum = sum(y["_isum"] for y in years.values())
    all_n = sum(y["_icount"] for y in years.values())
    year_rows = []
    for key in sorted(years):
        y = years[key]
        isum, icount = y.pop("_isum"), y.pop("_icount")
        y["mean_intensity"] = round(isum / icount, 2) if icount else None
        y["net"] = round(y["cooperation"] + y["conflict"], 2)
        y["cooperation"], y["conflict"] = round(y["cooperation"], 2), round(y["conflict"], 2)
        year_rows.append(y)
    pair = set(a_ids) | set(b_ids)
    contra = [c for c in contradictions(store)
              if any(set(x.get("actors") or []) & pair for x in c["item_details"])
              or set(c["items"]) & set(main_ids)]
    third_parties = []
    for r in third_rows:
        t = tnames.get(r.entity_id, {})
        third_parties.append({
            "id": r.entity_id, "name": t.get("name", r.entity_id), "type": t.get("type"),
            "country": t.get("country"),
            "country_name": cnames.get(t.get("country") or "", {}).get("name"),
            "events": r.n,
        })
    out = {
        "a": {"id": a_id, "name": names.get(a_id, {}).get("name", a_id)},
        "b": {"id": b_id, "name": names.get(b_id, {}).get("name", b_id)},
        "total": total, "counted": n_counted, "undated": undated,
        "mean_intensity": round(all_sum / all_n, 2) if all_n else None,
        "first": str(year_rows[0]["year"]) if year_rows else None,
        "last": str(year_rows[-1]["year"]) if year_rows else None,
        "years": year_rows, "by_type": dict(sorted(by_type.items(), key=lambda x: -x[1])),
        "by_modality": dict(by_modality), "documents": ndocs,
        "main_events": main_events, "third_parties": third_parties, "contradictions": contra,
    }
    out["summary"] = summarise(out)
    return out


def summarise(d: dict[str, Any]) -> str:
    """One paragraph of numbers in words (no claims beyond the counts)."""
    a, b = d["a"]["name"], d["b"]["name"]
    if not d["total"]:
        return f"The store holds no events between {a} and {b}."
    q = dict.fromkeys(QUADS, 0)
    for y in d["years"]:
        for k in QUADS:
            q[k] += y[k]
    coop = q["verbal_cooperation"] + q["material_cooperation"]
    conf = q["verbal_conflict"] + q["material_conflict"]
    span = (f" between {d['first']} and {d['last']}" if d["first"] and d["first"] != d["last"]
            else (f" in {d['first']}" if d["first"] else ""))
    parts = [f"{d['total']} events involve {a} and {b}{span}, drawn from {d['documents']} "
             f"document{'s' if d['documents'] != 1 else ''}."]
    if d["counted"]:
        parts.append(f"Of the {d['counted']} reported as having happened, {coop} are cooperative "
                     f"({q['verbal_cooperation']} verbal, {q['material_cooperation']} material) "
                     f"and {conf} conflictual ({q['verbal_conflict']} verbal, "
                     f"{q['material_conflict']} material).")
    other = d["total"] - d["counted"]
    if other:
        parts.append(f"{other} more are denied, negated, planned or hypothetical.")
    if d.get("mean_intensity") is not None:
        m = d["mean_intensity"]
        tone = "cooperative" if m > 0.5 else ("conflictual" if m < -0.5 else "balanced")
        parts.append(f"Their mean intensity is {m:+.1f} on the -10 (conflict) to +10 "
                     f"(cooperation) scale: {tone} on balance.")
    if d["third_parties"]:
        tp = ", ".join(t["name"] for t in d["third_parties"][:3])
        parts.append(f"Third parties most present: {tp}.")
    if d["contradictions"]:
        parts.append(f"{len(d['contradictions'])} contradiction"
                     f"{'s' if len(d['contradictions']) != 1 else ''} between sources concern "
                     f"the pair.")
    return " ".join(parts)


def main_dyad(store: Store) -> tuple[str, str, int] | None:
    """The pair of states with the most events between them (people and organisations
    count for their state): ``(state id, state id, events)``, or None.

    Used by ``accord demo`` and the web UI's landing page to pick what to show first.
    """
    from sqlalchemy import text

    sql = text(
        "WITH s AS (SELECT DISTINCT ea.event_id AS event_id, "
        "CASE WHEN e.type = 'STATE' THEN e.id ELSE e.country END AS st "
        "FROM event_actors ea JOIN entities e ON e.id = ea.entity_id) "
        "SELECT a.st AS a, b.st AS b, COUNT(*) AS n FROM s a JOIN s b "
        "ON a.event_id = b.event_id AND a.st < b.st "
        "WHERE a.st IS NOT NULL AND b.st IS NOT NULL "
        "GROUP BY a.st, b.st ORDER BY n DESC, a.st, b.st LIMIT 1"
    )
    with store.connect() as conn:
        row = conn.execute(sql).first()
    return (row.a, row.b, int(row.n)) if row else None
