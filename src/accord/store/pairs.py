"""The denormalised indexes of events by actor: ``event_actors``, ``event_pairs``
and ``pair_links``.

Why: timelines read one actor's events, dyads the events of two actors with
the documents that report them and the other actors taking part. These tables
are copies of what the ``events`` rows (``source``/``target``) and the event
mentions (documents) say, laid out so that each query is one index range read.
They must change together with the events, so every writer of events goes
through :func:`add_events` and :func:`delete_events` here, and a store of an
older schema (or a bulk load that wrote ``event_actors`` directly) gets the
pair tables from :func:`rebuild_pairs`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from itertools import combinations
from typing import Any

from sqlalchemy import Connection, delete, insert, text

from . import schema as S
from .rows import insert_tuples

#: Ids per ``IN (...)`` list when deleting.
_CHUNK = 500

def actor_rows(events: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """``event_actors`` rows of event rows (dicts with ``id``, ``source``, ``target``...)."""
    return [{"event_id": r["id"], "entity_id": a, "role": role, "date_sort": r.get("date_sort")}
            for r in events for role in ("source", "target") for a in r.get(role) or []]


def pair_rows(events: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """``event_pairs`` rows: one per unordered pair of distinct actors of each event.

    An actor both source and target of an event (rare: "Poland and Korea agreed")
    is one actor; the pair is unordered because a dyad is about both directions.
    """
    out = []
    for r in events:
        actors = sorted({*(r.get("source") or []), *(r.get("target") or [])})
        for a, b in combinations(actors, 2):
            out.append({"a": a, "b": b, "event_id": r["id"], "date_sort": r.get("date_sort"),
                        "type": r["type"], "modality": r["modality"],
                        "intensity": r.get("intensity"),
                        "independent_sources": r.get("independent_sources") or 1})
    return out


def link_rows(events: Iterable[Mapping[str, Any]],
              documents: Mapping[str, Iterable[str]]) -> list[tuple[str, str, str, str, str]]:
    """``pair_links`` rows ``(a, b, kind, value, event_id)``: per actor pair of each
    event, its documents and other actors."""
    out: list[tuple[str, str, str, str, str]] = []
    for r in events:
        eid = r["id"]
        actors = sorted({*(r.get("source") or []), *(r.get("target") or [])})
        docs = sorted(set(documents.get(eid, ())))
        for a, b in combinations(actors, 2):
            out += [(a, b, "document", d, eid) for d in docs]
            out += [(a, b, "actor", x, eid) for x in actors if x != a and x != b]
    return out


def add_events(conn: Connection, events: Sequence[Mapping[str, Any]],
               documents: Mapping[str, Iterable[str]]) -> None:
    """Index newly inserted event rows by actor and by actor pair.

    ``documents``: event id -> ids of the documents whose mentions the event
    gathers (what ``event_mentions.event_id`` will say once assigned).
    """
    for table, rows in ((S.event_actors, actor_rows(events)), (S.event_pairs, pair_rows(events))):
        if rows:
            conn.execute(insert(table), rows)
    insert_tuples(conn, S.pair_links, link_rows(events, documents))


def delete_events(conn: Connection, event_ids: Sequence[str]) -> None:
    """Drop the index rows of events about to be deleted (or rewritten)."""
    for i in range(0, len(event_ids), _CHUNK):
        part = list(event_ids[i:i + _CHUNK])
        conn.execute(delete(S.event_actors).where(S.event_actors.c.event_id.in_(part)))
        conn.execute(delete(S.event_pairs).where(S.event_pairs.c.event_id.in_(part)))
        conn.execute(delete(S.pair_links).where(S.pair_links.c.event_id.in_(part)))


def rebuild_pairs(conn: Connection) -> None:
    """Recompute ``event_pairs`` and ``pair_links`` from ``event_actors``, ``events``
    and ``event_mentions``, set-based in SQL.

    Used by the v4 migration and after bulk loads; ``DISTINCT`` folds an actor
    listed both as source and target.
    """
    conn.execute(delete(S.pair_links))
    conn.execute(delete(S.event_pairs))
    conn.execute(text(
        "INSERT INTO event_pairs (a, b, event_id, date_sort, type, modality, intensity, "
        "independent_sources) "
        "SELECT p.a, p.b, e.id, e.date_sort, e.type, e.modality, e.intensity, "
        "COALESCE(e.independent_sources, 1) "
        "FROM (SELECT DISTINCT x.entity_id AS a, y.entity_id AS b, x.event_id AS event_id "
        "      FROM event_actors x JOIN event_actors y "
        "      ON y.event_id = x.event_id AND x.entity_id < y.entity_id) p "
        "JOIN events e ON e.id = p.event_id"
    ))
    conn.execute(text(
        "INSERT INTO pair_links (a, b, kind, value, event_id) "
        "SELECT DISTINCT p.a, p.b, 'document', em.document_id, p.event_id "
        "FROM event_pairs p JOIN event_mentions em ON em.event_id = p.event_id"
    ))
    conn.execute(text(
        "INSERT INTO pair_links (a, b, kind, value, event_id) "
        "SELECT DISTINCT p.a, p.b, 'actor', x.entity_id, p.event_id "
        "FROM event_pairs p JOIN event_actors x ON x.event_id = p.event_id "
        "AND x.entity_id <> p.a AND x.entity_id <> p.b"
    ))
