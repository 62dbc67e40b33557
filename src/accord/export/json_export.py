"""The ``accord/v1`` JSON contract (``data/accord-v1.schema.json``)."""

from __future__ import annotations

import json
from collections import defaultdict
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import and_, select

from ..records import QUALIFIERS
from ..store import schema as S

if TYPE_CHECKING:
    from ..store import Store

SCHEMA_ID = "accord/v1"


def schema() -> dict[str, Any]:
    """The JSON Schema every export validates against (shipped with the package)."""
    ref = resources.files("accord") / "data" / "accord-v1.schema.json"
    return json.loads(ref.read_text(encoding="utf-8"))


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


def to_dict(store: Store) -> dict[str, Any]:
    """The whole knowledge base as one ``accord/v1`` dict.

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
                "date": {"value": r.date_value, "basis": r.date_basis or "none"},
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
    return {"schema": SCHEMA_ID, "documents": docs, "entities": ents, "events": events,
            "claims": claims, "contradictions": contra}


def write(store: Store, path: Path) -> Path:
    data = to_dict(store)
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(data, fh, ensure_ascii=False, indent=1)
        fh.write("\n")
    return path
