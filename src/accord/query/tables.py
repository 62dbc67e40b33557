"""Whole-store reads for the exports: every row of a table, in a stable order.

The exports (:mod:`accord.export`) write files in other tools' formats; the
rows they turn into those formats come from here, so no module outside the
query layer reads the schema. Rows are returned as SQLAlchemy rows (attribute
access by column name), read-only.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Collection, Iterator
from typing import TYPE_CHECKING, Any

from sqlalchemy import and_, func, select

from ..records import QUALIFIERS, date_granularity
from ..store import schema as S

if TYPE_CHECKING:
    from ..store import Store

__all__ = ["table_columns", "table_rows", "contract", "events", "network_events", "entities",
           "documents",
           "claims", "event_citations", "entity_mentions", "event_sources"]


# -- the store's tables as they are (CSV) ----------------------------------------------

def table_columns(name: str, skip: Collection[str] = ()) -> list[str]:
    """Column names of table ``name`` without ``skip``."""
    return [c.name for c in S.metadata.tables[name].columns if c.name not in skip]


def table_rows(store: Store, name: str, skip: Collection[str] = ()) -> Iterator[tuple[Any, ...]]:
    """Every row of table ``name`` (columns as :func:`table_columns`), by id."""
    table = S.metadata.tables[name]
    cols = [c for c in table.columns if c.name not in skip]
    order = [table.c[k] for k in ("id",) if k in table.c] or list(table.c)[:1]
    with store.connect() as conn:
        for row in conn.execute(select(*cols).order_by(*order)):
            yield tuple(row)


# -- the accord/v1 contract --------------------------------------------------------------

def _mentions(conn: Any, table: Any, key: str) -> dict[str, list[dict[str, Any]]]:
    s = S.sentences
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    rows = conn.execute(
        select(table.c[key], table.c.document_id, table.c.start, table.c.end, table.c.text,
               s.c.text.label("sentence"))
        .select_from(table.outerjoin(s, and_(s.c.document_id == table.c.document_id,
                                             s.c.idx == table.c.sentence_idx)))
        .where(table.c[key].is_not(None)).order_by(table.c.document_id, table.c.start))
    for r in rows:
        m = {"document": r.document_id, "start": r.start, "end": r.end, "text": r.text}
        if r.sentence is not None:
            m["sentence"] = r.sentence
        out[r[0]].append(m)
    return out


def _quantity(q: dict[str, Any]) -> dict[str, Any]:
    qual = q.get("qualifier")
    return {"value": float(q.get("value") or 0), "unit": str(q.get("unit") or ""),
            "qualifier": qual if qual in QUALIFIERS else None, "text": str(q.get("text") or "")}


def contract(store: Store) -> dict[str, list[dict[str, Any]]]:
    """Documents, entities, events, claims and contradictions in the ``accord/v1`` shapes.

    Events and claims without any stored mention are left out: the contract
    requires every fact to carry its provenance.
    """
    d, e, ev, c, ct = S.documents, S.entities, S.events, S.claims, S.contradictions
    with store.connect() as conn:
        docs = [{
            "id": r.id, "source": r.source, "title": r.title, "published": r.published,
            "author": r.author, "outlet": r.outlet, "copy_of": r.copy_of,
            "copied_fraction": r.copied_fraction, "words": r.words or 0,
        } for r in conn.execute(select(d.c.id, d.c.source, d.c.title, d.c.published, d.c.author,
                                       d.c.outlet, d.c.copy_of, d.c.copied_fraction, d.c.words)
                                .order_by(d.c.published, d.c.id))]
        ment = _mentions(conn, S.mentions, "entity_id")
        ents = [{
            "id": r.id, "name": r.name, "type": r.type, "country": r.country, "role": r.role,
            "aliases": list(r.aliases or []),
            "codes": {"iso3": r.iso3, "wikidata": r.wikidata}, "mentions": ment.get(r.id, []),
        } for r in conn.execute(select(e).order_by(e.c.id))]
        evm = _mentions(conn, S.event_mentions, "event_id")
        events = []
        for r in conn.execute(select(ev).order_by(ev.c.date_sort, ev.c.id)):
            if not evm.get(r.id):
                continue
            events.append({
                "id": r.id, "type": r.type, "cameo": r.cameo, "intensity": r.intensity,
                "source": list(r.source or []), "target": list(r.target or []),
                "date": {"value": r.date_value, "basis": r.date_basis or "none",
                         "granularity": date_granularity(r.date_value, r.date_granularity)},
                "location": r.location,
                "quantities": [_quantity(q) for q in r.quantities or []],
                "modality": r.modality, "attributed_to": list(r.attributed_to or []),
                "mentions": evm[r.id], "independent_sources": max(1, r.independent_sources or 1),
                "confidence": r.confidence,
            })
        clm = _mentions(conn, S.claim_mentions, "claim_id")
        claims = []
        for r in conn.execute(select(c).order_by(c.c.id)):
            if not clm.get(r.id):
                continue
            try:
                value = json.loads(r.value)
            except (TypeError, ValueError):
                value = r.value
            if not isinstance(value, int | float | str) or isinstance(value, bool):
                value = json.dumps(value)
            claims.append({"id": r.id, "subject": r.subject, "property": r.property,
                           "value": value, "unit": r.unit, "qualifier": r.qualifier,
                           "modality": r.modality, "mentions": clm[r.id]})
        contra = [{"id": r.id, "kind": r.kind, "items": list(r._mapping["items"] or []),
                   "documents": list(r.documents or []), "explanation": r.explanation}
                  for r in conn.execute(select(ct).order_by(ct.c.id))]
    return {"documents": docs, "entities": ents, "events": events, "claims": claims,
            "contradictions": contra}


# -- rows for the network, FtM and CAMEO exports ------------------------------------------

def events(store: Store, *, ordered: bool = True) -> list[Any]:
    """Event rows (every column), in date then id order unless not ``ordered``."""
    ev = S.events
    stmt = select(ev).order_by(ev.c.date_sort, ev.c.id) if ordered else select(ev)
    with store.connect() as conn:
        return list(conn.execute(stmt).all())


def network_events(store: Store, ids: Collection[str] | None = None) -> list[Any]:
    """The event columns an actor network needs, in date order, optionally only ``ids``."""
    ev = S.events
    stmt = select(ev.c.id, ev.c.type, ev.c.source, ev.c.target, ev.c.date_value, ev.c.modality,
                  ev.c.intensity, ev.c.cameo, ev.c.independent_sources).order_by(ev.c.date_sort)
    if ids is not None:
        stmt = stmt.where(ev.c.id.in_(list(ids)))
    with store.connect() as conn:
        return list(conn.execute(stmt).all())


def entities(store: Store, ids: Collection[str] | None = None, *,
             ordered: bool = True) -> list[Any]:
    """Entity rows (every column), optionally only ``ids``, by id unless not ``ordered``."""
    e = S.entities
    stmt = select(e).order_by(e.c.id) if ordered else select(e)
    if ids is not None:
        stmt = stmt.where(e.c.id.in_(sorted(ids)))
    with store.connect() as conn:
        return list(conn.execute(stmt).all())


def documents(store: Store) -> list[Any]:
    """Document rows with their original text (no cleaned text, no offset map)."""
    d = S.documents.c
    with store.connect() as conn:
        return list(conn.execute(select(d.id, d.title, d.author, d.outlet, d.published,
                                        d.source, d.original_text, d.language)).all())


def claims(store: Store) -> list[Any]:
    """Claim rows (every column)."""
    with store.connect() as conn:
        return list(conn.execute(select(S.claims)).all())


def event_citations(store: Store) -> dict[str, list[tuple[str, str]]]:
    """``{event id: [(document id, sentence text), ...]}`` in document and text order."""
    s, em = S.sentences, S.event_mentions
    cites: dict[str, list[tuple[str, str]]] = defaultdict(list)
    with store.connect() as conn:
        for r in conn.execute(
                select(em.c.event_id, em.c.document_id, s.c.text)
                .select_from(em.outerjoin(s, and_(s.c.document_id == em.c.document_id,
                                                  s.c.idx == em.c.sentence_idx)))
                .where(em.c.event_id.is_not(None)).order_by(em.c.document_id, em.c.start)):
            cites[r.event_id].append((r.document_id, r.text or ""))
    return cites


def entity_mentions(store: Store) -> list[Any]:
    """Resolved entity mentions: id, document_id, text, entity_id, type."""
    m = S.mentions.c
    with store.connect() as conn:
        return list(conn.execute(select(m.id, m.document_id, m.text, m.entity_id, m.type)
                                 .where(m.entity_id.is_not(None))).all())


def event_sources(store: Store) -> tuple[dict[str, list[str]], dict[str, int]]:
    """Per event: the sources of its documents (oldest first) and its number of mentions."""
    em, d = S.event_mentions, S.documents
    srcs: dict[str, list[str]] = defaultdict(list)
    nmentions: dict[str, int] = defaultdict(int)
    with store.connect() as conn:
        for r in conn.execute(select(em.c.event_id, d.c.source, d.c.published,
                                     func.count().label("n"))
                              .select_from(em.join(d, d.c.id == em.c.document_id))
                              .where(em.c.event_id.is_not(None))
                              .group_by(em.c.event_id, d.c.source, d.c.published)
                              .order_by(em.c.event_id, d.c.published)):
            srcs[r.event_id].append(r.source)
            nmentions[r.event_id] += r.n
    return srcs, nmentions
