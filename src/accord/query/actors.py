"""Actors: resolving what a user typed to an entity, listing and describing entities."""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING, Any

from sqlalchemy import Text, desc, func, or_, select

from ..errors import NotFound
from ..store import schema as S
from .common import document_heads

if TYPE_CHECKING:
    from ..store import Store


def norm(text: str) -> str:
    """Case-, accent- and punctuation-insensitive form used to compare names."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[^0-9a-z]+", " ", text.lower()).strip()


def _entity_row(r: Any) -> dict[str, Any]:
    return {
        "id": r.id, "name": r.name, "type": r.type, "country": r.country, "role": r.role,
        "codes": {"iso3": r.iso3, "wikidata": r.wikidata},
        "aliases": list(r.aliases or []),
        "mention_count": r.mention_count or 0, "document_count": r.document_count or 0,
    }


def resolve_actor(store: Store, text: str) -> str:
    """Entity id for a name, alias, ISO3 code, Wikidata QID or id.

    Tried in that order of exactness: id, ISO3 (for states), Wikidata QID, exact
    name, alias, then a unique name prefix. Ties go to states, then to the
    entity mentioned most, because an analyst typing "Korea" in a relations
    corpus means the state. Raises :class:`NotFound` with suggestions.
    """
    q = (text or "").strip()
    if not q:
        raise NotFound("empty actor name")
    e = S.entities
    cols = [e.c.id, e.c.name, e.c.type, e.c.aliases, e.c.mention_count, e.c.iso3]
    order = [desc(e.c.type == "STATE"), desc(e.c.mention_count)]
    with store.connect() as conn:
        for cond in (e.c.id == q,
                     e.c.iso3 == q.upper() if len(q) == 3 and q.isalpha() else None,
                     e.c.wikidata == q.upper() if re.fullmatch(r"[Qq]\d+", q) else None,
                     func.lower(e.c.name) == q.lower()):
            if cond is None:
                continue
            row = conn.execute(select(*cols).where(cond).order_by(*order).limit(1)).first()
            if row:
                return str(row.id)
        ea = S.event_actors
        if conn.execute(select(ea.c.entity_id).where(ea.c.entity_id == q).limit(1)).first():
            return q  # an actor id of events, without an entities row
        # Aliases live in a JSON list; entities are few (thousands), so a LIKE
        # pre-filter on the serialised list followed by an exact check is cheap.
        key = norm(q)
        like = f"%{q.replace('%', '').replace('_', '')}%"
        cands = conn.execute(
            select(*cols).where(or_(e.c.aliases.cast(Text).ilike(like), e.c.name.ilike(like)))
            .order_by(*order).limit(200)
        ).all()
        for r in cands:
            if norm(r.name) == key or any(norm(a) == key for a in r.aliases or []):
                return str(r.id)
        for r in cands:
            if norm(r.name).startswith(key):
                return str(r.id)
        found = _from_mentions(conn, q)
        if found:
            return found
        names = [r.name for r in conn.execute(
            select(e.c.name).order_by(desc(e.c.mention_count)).limit(5000))]
    hint = ""
    try:
        from rapidfuzz import process

        best = [m[0] for m in process.extract(q, names, limit=3, score_cutoff=60)]
        if best:
            hint = f" (did you mean: {', '.join(best)}?)"
    except ImportError:  # pragma: no cover - rapidfuzz is a dependency
        pass
    raise NotFound(f"no actor matches {q!r}{hint}")


def _from_mentions(conn: Any, q: str) -> str | None:
    """An actor id for ``q`` from the mentions table, for actors without an ``entities``
    row (a store reconciled before entity resolution ran). Only on the not-found path."""
    m = S.mentions
    conds = [func.lower(m.c.name) == q.lower(), func.lower(m.c.text) == q.lower(), m.c.key == q]
    if len(q) == 3 and q.isalpha():
        conds.append(m.c.iso3 == q.upper())
    row = conn.execute(select(m.c.key, m.c.entity_id).where(or_(*conds), m.c.is_actor)
                       .order_by(desc(m.c.type == "STATE")).limit(1)).first()
    if row is None:
        return None
    cand = row.entity_id or row.key.replace(":", "-", 1)
    ea = S.event_actors
    hit = conn.execute(select(ea.c.entity_id).where(ea.c.entity_id == cand).limit(1)).first()
    return cand if hit else None


def member_ids(store: Store, entity_id: str) -> list[str]:
    """The entity plus, for a state, every actor whose ``country`` is that state.

    Timelines and dyads are about states as the analyst thinks of them: the
    Polish defence minister and the Polish security agency act for Poland.
    """
    e = S.entities
    with store.connect() as conn:
        row = conn.execute(select(e.c.type).where(e.c.id == entity_id)).first()
        ids = [entity_id]
        if row and row.type == "STATE":
            ids += [r.id for r in conn.execute(select(e.c.id).where(e.c.country == entity_id))
                    if r.id != entity_id]
        elif row is None and entity_id.startswith("state-"):
            # No entities row (store reconciled before entity resolution): the
            # linker's country keys on mentions say who belongs to the state.
            m = S.mentions
            key = entity_id.replace("-", ":", 1)
            for r in conn.execute(select(m.c.key, m.c.entity_id)
                                  .where(m.c.country_key == key, m.c.is_actor).distinct()):
                cand = r.entity_id or r.key.replace(":", "-", 1)
                if cand not in ids:
                    ids.append(cand)
    return ids


def entities(store: Store, type: str | None = None, country: str | None = None,
             query: str | None = None, limit: int | None = 100, offset: int = 0
             ) -> list[dict[str, Any]]:
    """Entities, most mentioned first; filter by type, country (any actor text) or name."""
    e = S.entities
    stmt = select(e)
    if type:
        stmt = stmt.where(e.c.type == type.upper())
    if country:
        stmt = stmt.where(e.c.country == resolve_actor(store, country))
    if query:
        like = f"%{query}%"
        stmt = stmt.where(or_(e.c.name.ilike(like), e.c.aliases.cast(Text).ilike(like)))
    stmt = stmt.order_by(desc(e.c.mention_count), e.c.name).offset(offset)
    if limit:
        stmt = stmt.limit(limit)
    with store.connect() as conn:
        return [_entity_row(r) for r in conn.execute(stmt)]


def entity(store: Store, name_or_id: str, mentions_limit: int = 50) -> dict[str, Any]:
    """One entity with its members, mentions (cited), event counts by type."""
    eid = resolve_actor(store, name_or_id)
    e, m, ea, ev = S.entities, S.mentions, S.event_actors, S.events
    with store.connect() as conn:
        row = conn.execute(select(e).where(e.c.id == eid)).first()
        assert row is not None
        out = _entity_row(row)
        if row.country:
            c = conn.execute(select(e.c.name).where(e.c.id == row.country)).first()
            out["country_name"] = c.name if c else None
        out["members"] = [
            {"id": r.id, "name": r.name, "type": r.type, "role": r.role}
            for r in conn.execute(select(e.c.id, e.c.name, e.c.type, e.c.role)
                                  .where(e.c.country == eid).order_by(desc(e.c.mention_count)))
            if r.id != eid
        ]
        mrows = conn.execute(
            select(m.c.document_id, m.c.start, m.c.end, m.c.text, m.c.sentence_idx)
            .where(m.c.entity_id == eid).order_by(m.c.document_id, m.c.start).limit(mentions_limit)
        ).all()
        heads = document_heads(conn, (r.document_id for r in mrows))
        out["mentions"] = [
            {"document": r.document_id, "start": r.start, "end": r.end, "text": r.text,
             "sentence_idx": r.sentence_idx, "title": heads.get(r.document_id, {}).get("title")}
            for r in mrows
        ]
        counts = conn.execute(
            select(ev.c.type, func.count(func.distinct(ev.c.id)))
            .select_from(ea.join(ev, ev.c.id == ea.c.event_id))
            .where(ea.c.entity_id == eid).group_by(ev.c.type)
        ).all()
        out["event_types"] = {t: n for t, n in sorted(counts, key=lambda x: -x[1])}
        out["events"] = sum(out["event_types"].values())
    return out


#: The names other modules use; everything else here is internal.
__all__ = [
    "norm",
    "resolve_actor",
    "member_ids",
    "entities",
    "entity",
]
