"""Timelines and single events.

Every filter maps to an index: actors go through ``event_actors``
(``entity_id, date_sort``), dates through ``date_sort``, and results are
bounded by ``LIMIT`` before mentions and names are fetched for the page.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Select, and_, desc, exists, func, or_, select

from ..errors import NotFound
from ..records import PLOVER_TYPES, QUAD_CLASS
from ..store import schema as S
from .actors import member_ids, resolve_actor
from .common import (
    QueryError,
    check_modalities,
    check_pair,
    chunks,
    date_bounds,
    events_by_ids,
    raw_rows,
)

if TYPE_CHECKING:
    from ..store import Store


def expand_types(types: Sequence[str] | str | None) -> list[str] | None:
    """PLOVER types from names or quad classes (``verbal_conflict``), upper-cased."""
    if not types:
        return None
    if isinstance(types, str):
        types = [t for t in types.replace(",", " ").split() if t]
    out: list[str] = []
    for t in types:
        u = t.strip().upper()
        low = t.strip().lower().replace("-", "_").replace(" ", "_")
        if u in PLOVER_TYPES:
            out.append(u)
        elif low in set(QUAD_CLASS.values()):
            out.extend(k for k, v in QUAD_CLASS.items() if v == low)
        else:
            raise QueryError(f"--type: unknown event type {t!r} (PLOVER: {' '.join(PLOVER_TYPES)})")
    return sorted(set(out))


def dyad_event_ids_stmt(a_ids: Sequence[str], b_ids: Sequence[str]) -> Select[Any]:
    """Ids of events with an actor from ``a_ids`` and one from ``b_ids`` (any role).

    Written as an EXISTS so that SQLite starts from the actor index
    (``event_actors.entity_id``) and probes the event index for the other side;
    a join with DISTINCT made it scan the whole table in event-id order. An event
    may come back twice (two members of one side); callers use it with IN.
    """
    ea1 = S.event_actors.alias("ea1")
    ea2 = S.event_actors.alias("ea2")
    return select(ea1.c.event_id).where(
        ea1.c.entity_id.in_(list(a_ids)),
        exists().where(ea2.c.event_id == ea1.c.event_id, ea2.c.entity_id.in_(list(b_ids))))


def dyad_events(conn: Connection, a_ids: Sequence[str], b_ids: Sequence[str],
                lo: str | None = None, hi: str | None = None) -> dict[str, str | None]:
    """``{event id: date_sort}`` of events with an actor from each side (any role)."""
    return {r[0]: r[1] for r in dyad_rows(conn, a_ids, b_ids, lo, hi)}


#: Columns of :func:`dyad_rows`, in order.
DYAD_COLUMNS = ("event_id", "date_sort", "type", "modality", "intensity", "independent_sources")


def dyad_rows(conn: Connection, a_ids: Sequence[str], b_ids: Sequence[str],
              lo: str | None = None, hi: str | None = None) -> list[tuple[Any, ...]]:
    """One tuple of :data:`DYAD_COLUMNS` per event with an actor from each side.

    When the sides share no actor, this is two range reads of the pair table
    ``event_pairs`` (one per orientation, since it keeps ``a < b``), which
    hold only the pair's events. When they do share one (a state and one of its
    ministers), an event of that actor alone counts for both sides; the pair
    table has no such rows, so each side is read from the actor index and the
    intersection is done here.
    """
    a_set, b_set = set(a_ids), set(b_ids)
    if not a_set or not b_set:
        return []
    if a_set & b_set:
        return _dyad_rows_by_actor(conn, a_ids, b_ids, lo, hi)
    ep = S.event_pairs
    out: dict[str, tuple[Any, ...]] = {}
    for x, y in ((sorted(a_set), sorted(b_set)), (sorted(b_set), sorted(a_set))):
        stmt = select(*(ep.c[c] for c in DYAD_COLUMNS)).where(ep.c.a.in_(x), ep.c.b.in_(y))
        if lo:
            stmt = stmt.where(ep.c.date_sort >= lo)
        if hi:
            stmt = stmt.where(ep.c.date_sort <= hi)
        for r in raw_rows(conn, stmt):
            out[r[0]] = tuple(r)
    return list(out.values())


def _dyad_rows_by_actor(conn: Connection, a_ids: Sequence[str], b_ids: Sequence[str],
                        lo: str | None, hi: str | None) -> list[tuple[Any, ...]]:
    """:func:`dyad_rows` from the actor index ``event_actors (entity_id, date_sort)``.

    Each side is one range read; SQLite's plans for the same thing in SQL
    (self-join, EXISTS, INTERSECT) probe the table once per row of the larger side.
    """
    ea, ev = S.event_actors, S.events

    def side(ids: Sequence[str]) -> dict[str, str | None]:
        stmt = select(ea.c.event_id, ea.c.date_sort).where(ea.c.entity_id.in_(list(ids)))
        if lo:
            stmt = stmt.where(ea.c.date_sort >= lo)
        if hi:
            stmt = stmt.where(ea.c.date_sort <= hi)
        return dict(raw_rows(conn, stmt))

    a, b = side(a_ids), side(b_ids)
    if len(a) > len(b):
        a, b = b, a
    ids = sorted(k for k in a if k in b)
    rows: list[tuple[Any, ...]] = []
    for part in chunks(ids):
        rows.extend(tuple(r) for r in conn.execute(
            select(ev.c.id, ev.c.date_sort, ev.c.type, ev.c.modality, ev.c.intensity,
                   ev.c.independent_sources).where(ev.c.id.in_(list(part)))))
    return rows


def _filtered(stmt: Select[Any], lo: str | None, hi: str | None, types: list[str] | None,
              min_sources: int) -> Select[Any]:
    ev = S.events
    if lo:
        stmt = stmt.where(ev.c.date_sort >= lo)
    if hi:
        stmt = stmt.where(ev.c.date_sort <= hi)
    if types:
        stmt = stmt.where(ev.c.type.in_(types))
    if min_sources and min_sources > 1:
        stmt = stmt.where(ev.c.independent_sources >= min_sources)
    return stmt


def timeline_ids(store: Store, actor: str | None = None, dyad: Sequence[str] | None = None,
                 date_from: str | None = None, date_to: str | None = None,
                 types: Sequence[str] | str | None = None, min_sources: int = 1,
                 limit: int | None = None, modality: Sequence[str] | None = None) -> list[str]:
    """Event ids in chronological order (undated events last)."""
    lo, hi = date_bounds(date_from, date_to)
    tlist = expand_types(types)
    check_modalities(modality)
    ev = S.events
    # Drive the query from the most selective index: event_actors (entity_id,
    # date_sort) when actors are given, events.date_sort otherwise.
    if dyad:
        if len(dyad) != 2:
            raise QueryError("--dyad needs exactly two actors")
        a_id, b_id = resolve_actor(store, dyad[0]), resolve_actor(store, dyad[1])
        check_pair(dyad[0], dyad[1], a_id, b_id)
        a, b = member_ids(store, a_id), member_ids(store, b_id)
        extra = member_ids(store, resolve_actor(store, actor)) if actor else None
        return _dyad_timeline(store, a, b, extra, lo, hi, tlist, min_sources, limit, modality)
    if actor:
        ids = member_ids(store, resolve_actor(store, actor))
        if len(ids) <= MERGE_MAX_ACTORS:
            return _actor_timeline(store, ids, lo, hi, tlist, min_sources, limit, modality)
        ea = S.event_actors
        # independent_sources is selected because PostgreSQL wants every ORDER BY
        # column of a SELECT DISTINCT in its select list (undated events below).
        stmt = (select(ev.c.id, ev.c.date_sort, ev.c.independent_sources)
                .select_from(ea.join(ev, ev.c.id == ea.c.event_id))
                .where(ea.c.entity_id.in_(ids)).distinct())
    else:
        stmt = select(ev.c.id, ev.c.date_sort)
    if modality:
        stmt = stmt.where(ev.c.modality.in_(list(modality)))
    stmt = _filtered(stmt, lo, hi, tlist, min_sources)
    out: list[str] = []
    with store.connect() as conn:
        dated = stmt.where(ev.c.date_sort.is_not(None)).order_by(ev.c.date_sort, ev.c.id)
        if limit:
            dated = dated.limit(limit)
        out = [r.id for r in conn.execute(dated)]
        if not lo and not hi and (not limit or len(out) < limit):
            undated = stmt.where(ev.c.date_sort.is_(None)).order_by(
                desc(ev.c.independent_sources), ev.c.id)
            if limit:
                undated = undated.limit(limit - len(out))
            out += [r.id for r in conn.execute(undated)]
    return out


#: Up to this many actors (a state and its members), an actor timeline reads each
#: actor's index range in date order and merges them, so LIMIT stops early.
MERGE_MAX_ACTORS = 40
_PAGE = 500


def _index_pages(conn: Connection, entity_id: str, lo: str | None, hi: str | None,
                 dated: bool) -> Iterator[tuple[str, str]]:
    """``(date_sort, event_id)`` of one actor in index order, fetched page by page."""
    ea = S.event_actors
    last: tuple[str, str] | None = None
    while True:
        stmt = select(ea.c.date_sort, ea.c.event_id).where(ea.c.entity_id == entity_id)
        if dated:
            stmt = stmt.where(ea.c.date_sort.is_not(None))
            if lo:
                stmt = stmt.where(ea.c.date_sort >= lo)
            if hi:
                stmt = stmt.where(ea.c.date_sort <= hi)
            if last is not None:
                stmt = stmt.where(or_(ea.c.date_sort > last[0],
                                      and_(ea.c.date_sort == last[0], ea.c.event_id > last[1])))
            stmt = stmt.order_by(ea.c.date_sort, ea.c.event_id)
        else:
            stmt = stmt.where(ea.c.date_sort.is_(None)).order_by(ea.c.event_id)
            if last is not None:
                stmt = stmt.where(ea.c.event_id > last[1])
        rows = conn.execute(stmt.limit(_PAGE)).all()
        for r in rows:
            yield (r.date_sort or "", r.event_id)
        if len(rows) < _PAGE:
            return
        last = (rows[-1].date_sort, rows[-1].event_id)


def _actor_timeline(store: Store, ids: list[str], lo: str | None, hi: str | None,
                    tlist: list[str] | None, min_sources: int, limit: int | None,
                    modality: Sequence[str] | None,
                    also: Sequence[Sequence[str]] = ()) -> list[str]:
    """Timeline ids for one actor (and its members): merge the actors' index ranges in
    date order, drop duplicates, check other filters by primary key, stop at ``limit``.

    ``also``: other actor sets every event must involve too (a dyad streams its
    smaller side and probes the other by event id), checked a page at a time.
    """
    filtered = bool(tlist or (min_sources and min_sources > 1) or modality or also)
    out: list[str] = []
    seen: set[str] = set()
    step = _PAGE if filtered or not limit else min(limit, _PAGE)
    with store.connect() as conn:
        streams = [heapq.merge(*(_index_pages(conn, i, lo, hi, dated=True) for i in ids))]
        if not lo and not hi:
            streams.append(heapq.merge(*(_index_pages(conn, i, None, None, dated=False)
                                         for i in ids)))
        for stream in streams:
            batch: list[str] = []
            for _, eid in stream:
                if eid in seen:
                    continue
                seen.add(eid)
                batch.append(eid)
                if len(batch) >= step:
                    out.extend(_keep(conn, batch, tlist, min_sources, modality, filtered, also))
                    batch = []
                    if limit and len(out) >= limit:
                        return out[:limit]
            out.extend(_keep(conn, batch, tlist, min_sources, modality, filtered, also))
            if limit and len(out) >= limit:
                return out[:limit]
    return out


def _count(conn: Connection, ids: Sequence[str]) -> int:
    """Rows of these actors in ``event_actors`` (an index-only count)."""
    ea = S.event_actors
    return int(conn.execute(select(func.count()).select_from(ea)
                            .where(ea.c.entity_id.in_(list(ids)))).scalar() or 0)


def _keep(conn: Connection, ids: list[str], tlist: list[str] | None, min_sources: int,
          modality: Sequence[str] | None, filtered: bool,
          also: Sequence[Sequence[str]] = ()) -> list[str]:
    """The ids (in order) whose events pass the type/sources/modality filters."""
    if not ids or not filtered:
        return ids
    ea = S.event_actors
    for group in also:
        hit = {r[0] for r in conn.execute(select(ea.c.event_id).where(
            ea.c.event_id.in_(ids), ea.c.entity_id.in_(list(group))).distinct())}
        ids = [i for i in ids if i in hit]
        if not ids:
            return ids
    if not (tlist or (min_sources and min_sources > 1) or modality):
        return ids
    ev = S.events
    stmt = _filtered(select(ev.c.id).where(ev.c.id.in_(ids)), None, None, tlist, min_sources)
    if modality:
        stmt = stmt.where(ev.c.modality.in_(list(modality)))
    keep = {r.id for r in conn.execute(stmt)}
    return [i for i in ids if i in keep]


def _dyad_timeline(store: Store, a: list[str], b: list[str], extra: list[str] | None,
                   lo: str | None, hi: str | None, tlist: list[str] | None, min_sources: int,
                   limit: int | None, modality: Sequence[str] | None) -> list[str]:
    """Timeline ids for a dyad: intersect the two sides, order by date, then apply the
    remaining filters page by page (primary-key lookups) until ``limit`` rows are found."""
    if limit and len(a) <= MERGE_MAX_ACTORS and len(b) <= MERGE_MAX_ACTORS:
        # A page of a timeline: stream the side with fewer events in date order and
        # keep the events the other side is in, instead of intersecting everything.
        with store.connect() as conn:
            small, big = sorted((a, b), key=lambda ids: _count(conn, ids))
        also = [big] + ([extra] if extra is not None else [])
        return _actor_timeline(store, small, lo, hi, tlist, min_sources, limit, modality,
                               also=also)
    ev = S.events
    with store.connect() as conn:
        pairs = dyad_events(conn, a, b, lo, hi)
        if extra is not None:
            pairs = {k: v for k, v in pairs.items()
                     if k in dyad_events(conn, extra, extra, lo, hi)}
        order = sorted(pairs, key=lambda k: (pairs[k] is None, pairs[k] or "", k))
        if not (tlist or (min_sources and min_sources > 1) or modality):
            return order[:limit] if limit else order
        out: list[str] = []
        for part in chunks(order):
            stmt = _filtered(select(ev.c.id).where(ev.c.id.in_(list(part))), None, None, tlist,
                             min_sources)
            if modality:
                stmt = stmt.where(ev.c.modality.in_(list(modality)))
            keep = {r.id for r in conn.execute(stmt)}
            out.extend(i for i in part if i in keep)
            if limit and len(out) >= limit:
                return out[:limit]
        return out


def timeline(store: Store, actor: str | None = None, dyad: Sequence[str] | None = None,
             date_from: str | None = None, date_to: str | None = None,
             types: Sequence[str] | str | None = None, min_sources: int = 1,
             limit: int | None = None,
             modality: Sequence[str] | None = None) -> list[dict[str, Any]]:
    """Events in chronological order, each with its citations.

    ``actor`` and the two ``dyad`` actors accept anything :func:`resolve_actor`
    does; a state includes its people and organisations. ``types`` takes PLOVER
    types or quad classes; ``modality`` a list of modalities. Undated events come
    last (and are left out when a date range is given, since they cannot be
    placed in it).
    """
    ids = timeline_ids(store, actor=actor, dyad=dyad, date_from=date_from, date_to=date_to,
                       types=types, min_sources=min_sources, limit=limit, modality=modality)
    with store.connect() as conn:
        return events_by_ids(conn, ids)


def event(store: Store, id: str) -> dict[str, Any]:
    """One event with every mention, the merge decisions (``why``) and related contradictions.

    The one event record of the Python API, the HTTP API, ``accord event --json`` and the
    web page: each mention also carries its ``context`` and what that source itself
    says (:func:`accord.query.evidence.event_evidence`)."""
    from .evidence import event_evidence

    ev = S.events
    with store.connect() as conn:
        row = conn.execute(select(ev.c.id).where(ev.c.id == id)).first()
        if row is None and len(id) >= 4:
            rows = conn.execute(select(ev.c.id).where(
                and_(ev.c.id >= id, ev.c.id < id + "\U0010ffff")).limit(2)).all()
            row = rows[0] if len(rows) == 1 else None
        if row is None:
            raise NotFound(f"no event {id}")
        out = events_by_ids(conn, [row.id])[0]
        why = conn.execute(select(ev.c.why, ev.c.block_key).where(ev.c.id == row.id)).first()
        out["why"] = why.why if why else None
        event_evidence(conn, out)
    from .contradictions import contradictions

    out["contradictions"] = contradictions(store, item=out["id"], sides=True)
    return out


def is_reconciled(store: Store) -> bool:
    """Whether the store has reconciled events (a store straight after extraction has none)."""
    with store.connect() as conn:
        return bool(conn.execute(select(func.count()).select_from(S.events)).scalar())


def mention_rows(store: Store, types: Sequence[str] | str | None = None,
                 date_from: str | None = None, date_to: str | None = None,
                 modality: Sequence[str] | None = None) -> list[dict[str, Any]]:
    """Per-document event mentions with their document's title, source and date.

    For a store not reconciled yet, where events exist only as mentions; rows
    are the ``event_mentions`` columns plus ``title``, ``source``, ``published``,
    in no particular order.
    """
    lo, hi = date_bounds(date_from, date_to)
    tlist = expand_types(types)
    em, d = S.event_mentions, S.documents
    stmt = select(em, d.c.title, d.c.source, d.c.published).join(d, d.c.id == em.c.document_id)
    if tlist:
        stmt = stmt.where(em.c.type.in_(tlist))
    if modality:
        stmt = stmt.where(em.c.modality.in_(list(modality)))
    if lo:
        stmt = stmt.where(em.c.date_value >= lo)
    if hi:
        stmt = stmt.where(em.c.date_value <= hi)
    with store.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(stmt)]


def facets(store: Store, ids: Sequence[str]) -> dict[str, dict[str, int]]:
    """How many of the events ``ids`` have each type and each modality (most first).

    The counts of a filtered list, so that each value can say how many events
    choosing it would leave.
    """
    ev = S.events.c
    types: dict[str, int] = {}
    modalities: dict[str, int] = {}
    with store.connect() as conn:
        for part in chunks(list(ids)):
            for t, m, n in conn.execute(select(ev.type, ev.modality, func.count())
                                        .where(ev.id.in_(part)).group_by(ev.type, ev.modality)):
                types[t] = types.get(t, 0) + int(n)
                modalities[m] = modalities.get(m, 0) + int(n)

    def order(d: dict[str, int]) -> dict[str, int]:
        return dict(sorted(d.items(), key=lambda kv: (-kv[1], kv[0])))

    return {"type": order(types), "modality": order(modalities)}


#: The names other modules use; everything else here is internal.
__all__ = [
    "expand_types",
    "dyad_event_ids_stmt",
    "dyad_events",
    "DYAD_COLUMNS",
    "dyad_rows",
    "timeline_ids",
    "MERGE_MAX_ACTORS",
    "timeline",
    "event",
    "is_reconciled",
    "mention_rows",
    "facets",
]
