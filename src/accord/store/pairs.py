"""The two denormalised indexes of events by actor: ``event_actors`` and ``event_pairs``.

Why: timelines read one actor's events, dyads the events of two actors. Both
are copies of what the ``events`` rows say (their ``source``/``target`` lists),
laid out so that a query is one index range read. They must change together
with the events, so every writer of events goes through :func:`add_events`
and :func:`delete_events` here, and a store of an older schema (or a bulk
load that wrote ``event_actors`` directly) gets ``event_pairs`` from
:func:`rebuild_pairs`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from itertools import combinations
from typing import Any

from sqlalchemy import Connection, delete, insert, text

from . import schema as S

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


def add_events(conn: Connection, events: Sequence[Mapping[str, Any]]) -> None:
    """Index newly inserted event rows by actor and by actor pair."""
    for table, rows in ((S.event_actors, actor_rows(events)), (S.event_pairs, pair_rows(events))):
        if rows:
            conn.execute(insert(table), rows)


def delete_events(conn: Connection, event_ids: Sequence[str]) -> None:
    """Drop the index rows of events about to be deleted (or rewritten)."""
    for i in range(0, len(event_ids), _CHUNK):
        part = list(event_ids[i:i + _CHUNK])
        conn.execute(delete(S.event_actors).where(S.event_actors.c.event_id.in_(part)))
        conn.execute(delete(S.event_pairs).where(S.event_pairs.c.event_id.in_(part)))


def rebuild_pairs(conn: Connection) -> None:
    """Recompute ``event_pairs`` from ``event_actors`` and ``events``, set-based in SQL.

    Used by the v4 migration and after bulk loads; ``DISTINCT`` folds an actor
    listed both as source and target.
    """
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
