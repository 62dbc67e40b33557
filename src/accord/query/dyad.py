"""The relationship between two actors in numbers and words."""

from __future__ import annotations

import heapq
from collections import defaultdict, namedtuple
from typing import TYPE_CHECKING, Any, NamedTuple

from sqlalchemy import case, func, select, union

from ..store import schema as S
from .actors import member_ids, resolve_actor
from .common import check_pair, chunks, entity_names, events_by_ids, quad
from .contradictions import contradictions
from .events import dyad_rows

if TYPE_CHECKING:
    from ..store import Store

_Row = namedtuple("_Row", "id date_sort type modality intensity independent_sources")
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
    check_pair(a, b, a_id, b_id)
    a_ids, b_ids = member_ids(store, a_id), member_ids(store, b_id)
    # When the sides share no actor, every figure is one SQL statement over the
    # pair tables (event_pairs, pair_links), aggregated by the database: a dyad
    # of 15,000 events returns a hundred rows, not 50,000. When they do share one
    # (no pair rows for an event of that actor alone), the pair's events are read
    # from the actor index and counted here.
    with store.connect() as conn:
        names = entity_names(conn, [a_id, b_id])
        fig = (_figures_sql if _disjoint(a_ids, b_ids) else _figures_python)(
            conn, a_ids, b_ids, main, third)
        main_events = events_by_ids(conn, fig.main_ids)
        tnames = entity_names(conn, [k for k, _ in fig.third])
        cnames = entity_names(conn, [c for t in tnames.values() if (c := t.get("country"))])
    agg_map, ndocs, top_third = fig.agg, fig.documents, fig.third
    years: dict[str, dict[str, Any]] = {}
    by_type: dict[str, int] = defaultdict(int)
    by_modality: dict[str, int] = defaultdict(int)
    total = undated = n_counted = 0
    for (yr, typ, mod), x in agg_map.items():
        n = int(x["n"])
        total += n
        by_modality[mod] += n
        if mod not in COUNTED_MODALITIES:
            continue
        n_counted += n
        by_type[typ] += n
        if yr is None:
            undated += n
            continue
        y = years.setdefault(yr, {"year": int(yr), **dict.fromkeys(QUADS, 0), "total": 0,
                                  "cooperation": 0.0, "conflict": 0.0, "_isum": 0.0,
                                  "_icount": 0})
        y[quad(typ) or "verbal_cooperation"] += n
        y["total"] += n
        y["cooperation"] += x["pos"]
        y["conflict"] += x["neg"]
        y["_isum"] += x["isum"]
        y["_icount"] += int(x["icount"])
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
    contra = contradictions(store, involving=(fig.events, pair), sides=True)
    third_parties = []
    for eid, n_events in top_third:
        t = tnames.get(eid, {})
        third_parties.append({
            "id": eid, "name": t.get("name", eid), "type": t.get("type"),
            "country": t.get("country"),
            "country_name": cnames.get(t.get("country") or "", {}).get("name"),
            "events": n_events,
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


class _Figures(NamedTuple):
    """What a dyad counts, however it was read."""

    #: (year or None, type, modality) -> {n, pos, neg, isum, icount}
    agg: dict[tuple[str | None, str, str], dict[str, float]]
    main_ids: list[str]
    documents: int
    #: the top third parties: (entity id, events)
    third: list[tuple[str, int]]
    #: the pair's events among those contradictions name (or all of them)
    events: set[str]


def _main_order(r: Any) -> tuple[Any, ...]:
    """The most corroborated, then most intense, then earliest event first."""
    return (-(r.independent_sources or 1), -abs(r.intensity or 0), r.date_sort or "9999", r.id)


def _figures_python(conn: Any, a_ids: list[str], b_ids: list[str], main: int,
                    third: int) -> _Figures:
    ea, em = S.event_actors, S.event_mentions
    rows = list(map(_Row._make, dyad_rows(conn, a_ids, b_ids)))
    pair_ids = set(a_ids) | set(b_ids)
    third_events: dict[str, set[str]] = defaultdict(set)
    doc_ids: set[str] = set()
    for part in chunks(sorted(r.id for r in rows)):
        for x, event_id in conn.execute(select(ea.c.entity_id, ea.c.event_id)
                                        .where(ea.c.event_id.in_(part))):
            if x not in pair_ids:
                third_events[x].add(event_id)
        doc_ids.update(r[0] for r in conn.execute(
            select(em.c.document_id).where(em.c.event_id.in_(part)).distinct()))
    agg: dict[tuple[str | None, str, str], dict[str, float]] = {}
    for r in rows:
        key = ((r.date_sort or "")[:4] or None, r.type, r.modality)
        x = agg.setdefault(key, {"n": 0, "pos": 0.0, "neg": 0.0, "isum": 0.0, "icount": 0})
        x["n"] += 1
        if r.intensity is not None:
            x["isum"] += r.intensity
            x["icount"] += 1
            x["pos" if r.intensity > 0 else "neg"] += r.intensity
    main_ids = [r.id for r in heapq.nsmallest(
        main, (r for r in rows if r.modality in COUNTED_MODALITIES), key=_main_order)]
    top = sorted(((x, len(e)) for x, e in third_events.items()), key=lambda x: (-x[1], x[0]))
    return _Figures(agg, main_ids, len(doc_ids), top[:third], {r.id for r in rows})


def _figures_sql(conn: Any, a_ids: list[str], b_ids: list[str], main: int,
                 third: int) -> _Figures:
    ep, pl = S.event_pairs, S.pair_links
    a, b = sorted(set(a_ids)), sorted(set(b_ids))

    def both_ways(table: Any, *cols: Any, kind: str | None = None) -> Any:
        """The pair's rows of ``table`` in either orientation (``a < b`` is stored),
        without duplicates (UNION): an event with members of both sides on both
        ends of its pairs counts once."""
        parts = []
        for x, y in ((a, b), (b, a)):
            stmt = select(*cols).where(table.c.a.in_(x), table.c.b.in_(y))
            if kind:
                stmt = stmt.where(table.c.kind == kind)
            parts.append(stmt)
        return union(*parts).subquery()

    ev = both_ways(ep, ep.c.event_id, ep.c.date_sort, ep.c.type, ep.c.modality,
                   ep.c.intensity, ep.c.independent_sources)
    year = func.substr(ev.c.date_sort, 1, 4)
    known = ev.c.intensity.is_not(None)
    agg = {}
    for yr, typ, mod, n, pos, neg, isum, icount in conn.execute(
            select(year, ev.c.type, ev.c.modality, func.count(),
                   func.sum(case((ev.c.intensity > 0, ev.c.intensity), else_=0.0)),
                   func.sum(case((known & (ev.c.intensity <= 0), ev.c.intensity), else_=0.0)),
                   func.sum(case((known, ev.c.intensity), else_=0.0)),
                   func.count(ev.c.intensity))
            .group_by(year, ev.c.type, ev.c.modality)):
        agg[(yr or None, typ, mod)] = {"n": n, "pos": float(pos or 0), "neg": float(neg or 0),
                                       "isum": float(isum or 0), "icount": icount}
    main_ids = [r[0] for r in conn.execute(
        select(ev.c.event_id).where(ev.c.modality.in_(COUNTED_MODALITIES))
        .order_by(func.coalesce(ev.c.independent_sources, 1).desc(),
                  func.abs(func.coalesce(ev.c.intensity, 0)).desc(),
                  func.coalesce(ev.c.date_sort, "9999"), ev.c.event_id).limit(main))]
    docs = both_ways(pl, pl.c.value, kind="document")
    ndocs = int(conn.execute(select(func.count()).select_from(docs)).scalar() or 0)
    links = both_ways(pl, pl.c.value, pl.c.event_id, kind="actor")
    n = func.count(func.distinct(links.c.event_id))
    top = [(x, int(k)) for x, k in conn.execute(
        select(links.c.value, n).where(links.c.value.not_in(sorted({*a, *b})))
        .group_by(links.c.value).order_by(n.desc(), links.c.value).limit(third))]
    # Contradictions name a few events: which of those are the pair's.
    items = sorted({i for (its,) in conn.execute(select(S.contradictions.c["items"]))
                    for i in its or []})
    events: set[str] = set()
    pe = both_ways(ep, ep.c.event_id)
    for part in chunks(items):
        events.update(r[0] for r in conn.execute(
            select(pe.c.event_id).where(pe.c.event_id.in_(list(part)))))
    return _Figures(agg, main_ids, ndocs, top, events)


def _disjoint(a_ids: list[str], b_ids: list[str]) -> bool:
    """Whether the pair tables answer this dyad (the sides share no actor)."""
    return set(a_ids).isdisjoint(b_ids)


def summarise(d: dict[str, Any]) -> str:
    """One paragraph of numbers in words (no claims beyond the counts)."""
    a, b = d["a"]["name"], d["b"]["name"]
    if not d["total"]:
        return f"The store holds no events between {a} and {b}."
    q = dict.fromkeys(QUADS, 0)
    for t, n in d["by_type"].items():  # counted events, dated or not
        q[quad(t) or "verbal_cooperation"] += n
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
    if d["undated"]:
        parts.append(f"{d['undated']} of them have no date and are not in the yearly counts.")
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

    # Each pair row's actors become their states; an event counts once per pair
    # of distinct states among its actors.
    state = "CASE WHEN {e}.type = 'STATE' THEN {e}.id ELSE {e}.country END"
    sa, sb = state.format(e="ea"), state.format(e="eb")
    sql = text(
        f"WITH s AS (SELECT p.event_id AS event_id, {sa} AS sa, {sb} AS sb "
        "FROM event_pairs p JOIN entities ea ON ea.id = p.a JOIN entities eb ON eb.id = p.b) "
        "SELECT CASE WHEN sa < sb THEN sa ELSE sb END AS a, "
        "CASE WHEN sa < sb THEN sb ELSE sa END AS b, COUNT(DISTINCT event_id) AS n FROM s "
        "WHERE sa IS NOT NULL AND sb IS NOT NULL AND sa <> sb "
        "GROUP BY 1, 2 ORDER BY n DESC, a, b LIMIT 1"
    )
    with store.connect() as conn:
        row = conn.execute(sql).first()
    return (row.a, row.b, int(row.n)) if row else None


#: The names other modules use; everything else here is internal.
__all__ = [
    "QUADS",
    "COUNTED_MODALITIES",
    "dyad",
    "summarise",
    "main_dyad",
]
