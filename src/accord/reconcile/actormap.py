"""Extraction keys -> entity ids, and entity -> the state it belongs to.

The entities step (``reconcile.entities``) owns resolution; this module only
reads its answer. Before that step exists (or for keys it does not know) a key
``state:POL`` falls back to the id ``state-POL``, the same shape entities uses.
"""

from __future__ import annotations

from sqlalchemy import Connection, select

from ..store import schema as S


def fallback_id(key: str) -> str:
    return key.replace(":", "-", 1)


class ActorMap:
    """Resolves extraction keys and gives the state-level actor used for blocking."""

    def __init__(self, conn: Connection):
        self.by_key: dict[str, str] = {}
        try:
            from .entities import entity_for_key
        except ModuleNotFoundError as exc:
            if exc.name != f"{__package__}.entities":
                raise
        else:
            self.by_key.update(entity_for_key(conn))
        self.country: dict[str, str] = {}
        for eid, country in conn.execute(select(S.entities.c.id, S.entities.c.country)
                                         .order_by(S.entities.c.id)):
            if country:
                self.country[eid] = country
        # Mentions know the country of unresolved people/organisations too.
        rows = sorted(conn.execute(
            select(S.mentions.c.key, S.mentions.c.entity_id, S.mentions.c.country_key).distinct()
        ).all(), key=lambda r: (r[0], r[1] or "", r[2] or ""))
        for key, entity_id, _country in rows:
            if entity_id and key not in self.by_key:
                self.by_key[key] = entity_id
        for key, _entity, country_key in rows:
            eid = self.by_key.get(key) or fallback_id(key)
            if country_key and eid not in self.country:
                self.country[eid] = self.resolve(country_key)

    def resolve(self, key: str) -> str:
        return self.by_key.get(key) or fallback_id(key)

    def state_of(self, entity_id: str) -> str:
        """The state an actor acts for (itself for states and unknown affiliations)."""
        return self.country.get(entity_id) or entity_id
