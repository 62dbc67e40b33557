"""What a store holds at a glance: its busiest actors and pairs, its date range.

The web UI's landing page shows these; they read whole index tables
(``event_actors``, ``event_pairs``) once, so callers cache them per store state.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, func, select

from ..store import schema as S
from .common import entity_names

if TYPE_CHECKING:
    from ..store import Store


def date_range(conn: Connection) -> tuple[str | None, str | None]:
    """First and last event dates, as ``YYYY[-MM[-DD]]`` (padding of ``date_sort`` removed)."""
    e = S.events.c
    row = conn.execute(select(func.min(e.date_sort), func.max(e.date_sort))).first()

    def unpad(v: str | None) -> str | None:
        while v and v.endswith(("-00", "-99")):
            v = v[:-3]
        return v

    return (unpad(row[0]), unpad(row[1])) if row else (None, None)


def top_dyads(conn: Connection, limit: int = 10) -> list[dict[str, Any]]:
    """Actor pairs with the most events between them (any roles, as in a dyad).

    One ordered scan of the pair table, grouped by its primary-key prefix.
    """
    p = S.event_pairs.c
    n = func.count()
    top = conn.execute(
        select(p.a, p.b, n).group_by(p.a, p.b).order_by(n.desc(), p.a, p.b).limit(limit)
    ).all()
    names = {i: x["name"] for i, x in entity_names(conn, [y for r in top for y in r[:2]]).items()}
    return [
        {"a": a, "b": b, "a_name": names.get(a, a), "b_name": names.get(b, b), "events": int(k)}
        for a, b, k in top
    ]


def with_dyad_totals(store: Store, dyads: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Give each pair of :func:`top_dyads` ``total``: the events its dyad page lists.

    ``events`` counts the two actors themselves; the dyad page counts a state
    with its people and agencies (:func:`accord.query.actors.member_ids`), so the
    overview shows both and says which is which: its count equals the linked page.
    """
    from .actors import member_ids
    from .events import dyad_event_ids_stmt

    ev = S.events.c
    with store.connect() as conn:
        for d in dyads:
            ids = dyad_event_ids_stmt(member_ids(store, d["a"]), member_ids(store, d["b"]))
            d["total"] = int(conn.execute(
                select(func.count()).select_from(S.events).where(ev.id.in_(ids))).scalar_one())
    return dyads


def top_actors(conn: Connection, limit: int = 10) -> list[dict[str, Any]]:
    """Entities taking part in the most events; entities with only mentions fill up the list."""
    ea = S.event_actors.c
    n_events = func.count(func.distinct(ea.event_id))
    rows = conn.execute(
        select(ea.entity_id, n_events).group_by(ea.entity_id)
        .order_by(n_events.desc(), ea.entity_id).limit(limit)
    ).all()
    by_events = {r[0]: int(r[1]) for r in rows}
    e = S.entities.c
    cols = (e.id, e.name, e.type, e.role, e.country, e.mention_count, e.document_count)
    ents = {r["id"]: dict(r) for r in conn.execute(
        select(*cols).where(e.id.in_(list(by_events)))
    ).mappings()}
    out = [{**(ents.get(i) or {"id": i, "name": i, "type": None}), "event_count": n}
           for i, n in by_events.items()]
    if len(out) < limit:
        more = conn.execute(
            select(*cols).where(e.id.not_in(list(by_events)))
            .order_by(e.mention_count.desc(), e.name).limit(limit - len(out))
        ).mappings()
        out += [{**dict(r), "event_count": 0} for r in more]
    return out


__all__ = ["date_range", "top_actors", "top_dyads", "with_dyad_totals"]
