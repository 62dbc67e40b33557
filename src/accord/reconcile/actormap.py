"""Extraction keys -> entity ids, and entity -> the state it belongs to.

The entities step (``reconcile.entities``) owns resolution; this module only
reads its answer. Before that step exists (or for keys it does not know) a key
``state:POL`` falls back to the id ``state-POL``, the same shape entities uses.

Building the map reads every mention once (one grouped scan), so within one
``reconcile`` call the events, claims and contradictions steps share one map
(:func:`accord.reconcile.shared_view`): nothing after the entities step
changes what it reads.
"""

from __future__ import annotations

from sqlalchemy import Connection, func, select

from ..store import schema as S


def fallback_id(key: str) -> str:
    return key.replace(":", "-", 1)


class ActorMap:
    """Resolves extraction keys and gives the state-level actor used for blocking."""

    def __init__(self, conn: Connection):
        from . import shared_view

        memo = shared_view("actormap")
        if memo:
            self.by_key: dict[str, str] = memo["by_key"]
            self.country: dict[str, str] = memo["country"]
            return
        self.by_key = {}
        self.country = {}
        m = S.mentions
        # One scan gives both the votes of entity_for_key and the distinct
        # (key, entity, country) rows below. Grouped country first: grouped by key,
        # SQLite walks the key index and fetches every row out of order, at about
        # twice the cost of reading the table. Nothing here depends on group order.
        groups = conn.execute(
            select(m.c.key, m.c.entity_id, m.c.country_key, func.count())
            .group_by(m.c.country_key, m.c.entity_id, m.c.key)).all()
        try:
            from .entities import entity_for_key
        except ModuleNotFoundError as exc:
            if exc.name != f"{__package__}.entities":
                raise
        else:
            votes: dict[tuple[str, str], int] = {}
            for key, entity_id, _country, n in groups:
                if entity_id is not None:
                    votes[key, entity_id] = votes.get((key, entity_id), 0) + n
            self.by_key.update(entity_for_key(
                conn, [(k, e, n) for (k, e), n in votes.items()]))
        for eid, country in conn.execute(select(S.entities.c.id, S.entities.c.country)
                                         .order_by(S.entities.c.id)):
            if country:
                self.country[eid] = country
        # Mentions know the country of unresolved people/organisations too.
        rows = sorted({(r[0], r[1], r[2]) for r in groups},
                      key=lambda r: (r[0], r[1] or "", r[2] or ""))
        for key, entity_id, _country in rows:
            if entity_id and key not in self.by_key:
                self.by_key[key] = entity_id
        for key, _entity, country_key in rows:
            eid = self.by_key.get(key) or fallback_id(key)
            if country_key and eid not in self.country:
                self.country[eid] = self.resolve(country_key)
        if memo is not None:
            memo.update(by_key=self.by_key, country=self.country)

    def resolve(self, key: str) -> str:
        return self.by_key.get(key) or fallback_id(key)

    def state_of(self, entity_id: str) -> str:
        """The state an actor acts for (itself for states and unknown affiliations)."""
        return self.country.get(entity_id) or entity_id
