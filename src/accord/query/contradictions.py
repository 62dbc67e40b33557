"""Contradictions between sources, with the events/claims and documents they involve."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from sqlalchemy import Text, select

from ..store import schema as S
from .actors import member_ids, resolve_actor
from .common import QueryError, chunks, document_heads, entity_names

if TYPE_CHECKING:
    from ..store import Store

#: The kinds of contradiction reconciliation records (``accord contradictions --kind``).
KINDS = ("numeric", "status", "date", "copy_alteration", "other")


def claim_dicts(conn: Any, ids: list[str]) -> dict[str, dict[str, Any]]:
    """Claims by id with their cited mentions."""
    c, cm, s = S.claims, S.claim_mentions, S.sentences
    out: dict[str, dict[str, Any]] = {}
    for part in chunks(ids):
        for r in conn.execute(select(c).where(c.c.id.in_(part))):
            try:
                value = json.loads(r.value)
            except (TypeError, ValueError):
                value = r.value
            out[r.id] = {"id": r.id, "subject": r.subject, "property": r.property, "value": value,
                         "unit": r.unit, "qualifier": r.qualifier, "modality": r.modality,
                         "mentions": []}
    if not out:
        return out
    rows = []
    for part in chunks(list(out)):
        rows.extend(conn.execute(
            select(cm.c.claim_id, cm.c.document_id, cm.c.start, cm.c.end, cm.c.text,
                   cm.c.sentence_idx, cm.c.value_text, cm.c.qualifier, s.c.text.label("sentence"))
            .select_from(cm.outerjoin(s, (s.c.document_id == cm.c.document_id)
                                      & (s.c.idx == cm.c.sentence_idx)))
            .where(cm.c.claim_id.in_(part))))
    heads = document_heads(conn, (r.document_id for r in rows))
    names = entity_names(conn, (x["subject"] for x in out.values()))
    for r in rows:
        h = heads.get(r.document_id, {})
        out[r.claim_id]["mentions"].append({
            "document": r.document_id, "start": r.start, "end": r.end, "text": r.text,
            "sentence": r.sentence if r.sentence is not None else r.text,
            "sentence_idx": r.sentence_idx, "title": h.get("title"),
            "published": h.get("published"), "copy_of": h.get("copy_of"),
            "value_text": r.value_text, "qualifier": r.qualifier,
        })
    for x in out.values():
        x["subject_name"] = names.get(x["subject"], {}).get("name", x["subject"])
        x["mentions"].sort(key=lambda m: (m["published"] or "9999", m["document"], m["start"]))
    return out


def _item_details(conn: Any, ids: list[str]) -> dict[str, dict[str, Any]]:
    ev = S.events
    out: dict[str, dict[str, Any]] = {}
    erows = []
    for part in chunks(ids):
        erows.extend(conn.execute(select(ev.c.id, ev.c.type, ev.c.source, ev.c.target,
                                         ev.c.date_value, ev.c.modality).where(ev.c.id.in_(part))))
    names = entity_names(conn, {a for r in erows for a in (r.source or []) + (r.target or [])})
    for r in erows:
        src = ", ".join(names.get(a, {}).get("name", a) for a in r.source or []) or "-"
        tgt = ", ".join(names.get(a, {}).get("name", a) for a in r.target or []) or "-"
        actors = list((r.source or []) + (r.target or []))
        out[r.id] = {"id": r.id, "kind": "event", "actors": actors,
                     "summary": f"{r.type} {src} -> {tgt} ({r.date_value or 'undated'}, "
                                f"{r.modality})"}
    claims = claim_dicts(conn, [i for i in ids if i not in out])
    for cid, c in claims.items():
        out[cid] = {"id": cid, "kind": "claim", "actors": [c["subject"]],
                    "summary": f"{c['subject_name']} {c['property']} = {c['value']}"
                               f"{' ' + c['unit'] if c['unit'] else ''}",
                    "mentions": c["mentions"]}
    return out


def contradictions(store: Store, actor: str | None = None, kind: str | None = None,
                   item: str | None = None, document: str | None = None,
                   limit: int | None = None,
                   involving: tuple[set[str], set[str]] | None = None,
                   sides: bool = False) -> list[dict[str, Any]]:
    """Contradictions, each with ``item_details`` (summary of each event/claim) and
    ``document_titles``. Filters: an actor (a state includes its members), a kind
    (``numeric status date copy_alteration other``), one event/claim id, one document.

    ``sides``: also what each document says (:func:`accord.query.evidence.contradiction_sides`),
    as ``accord contradictions`` and ``/api/contradictions`` show it.
    """
    if kind and kind not in KINDS:
        raise QueryError(f"kind: unknown {kind!r} (one of {', '.join(KINDS)})")
    t = S.contradictions
    stmt = select(t).order_by(t.c.kind, t.c.id)
    if kind:
        stmt = stmt.where(t.c.kind == kind)
    if item:
        stmt = stmt.where(t.c["items"].cast(Text).like(f"%{item}%"))
    if document:
        stmt = stmt.where(t.c.documents.cast(Text).like(f"%{document}%"))
    members = set(member_ids(store, resolve_actor(store, actor))) if actor else None
    with store.connect() as conn:
        rows = [r for r in conn.execute(stmt)
                if (not item or item in (r.items or []))
                and (not document or document in (r.documents or []))]
        if involving is not None:
            # Only those about some events (by id) or about claims on some actors; decided
            # before the (costlier) item details are fetched.
            event_ids, actor_ids = involving
            claim_items = sorted({i for r in rows for i in r.items or []} - event_ids)
            on_actors: set[str] = set()
            for part in chunks(claim_items):
                on_actors.update(x.id for x in conn.execute(
                    select(S.claims.c.id).where(S.claims.c.id.in_(part),
                                                S.claims.c.subject.in_(list(actor_ids)))))
            rows = [r for r in rows if set(r.items or []) & (event_ids | on_actors)]
        details = _item_details(conn, sorted({i for r in rows for i in r.items or []}))
        heads = document_heads(conn, {d for r in rows for d in r.documents or []})
    out = []
    for r in rows:
        items = [details.get(i, {"id": i, "kind": "unknown", "summary": i, "actors": []})
                 for i in r.items or []]
        if members is not None and not any(set(x["actors"]) & members for x in items):
            continue
        out.append({
            "id": r.id, "kind": r.kind, "items": list(r.items or []),
            "documents": list(r.documents or []), "explanation": r.explanation,
            "item_details": items,
            "document_titles": {d: (heads.get(d, {}).get("title") or d) for d in r.documents or []},
        })
        if limit and len(out) >= limit:
            break
    if sides and out:
        from .evidence import contradiction_sides

        with store.connect() as conn:
            contradiction_sides(conn, out)
    return out


#: The names other modules use; everything else here is internal.
__all__ = [
    "KINDS",
    "claim_dicts",
    "contradictions",
]
