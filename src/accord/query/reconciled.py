"""What reconciliation decided, explained: why a copy is the copy, the aligned sentences
of a copy and what changed, the sentences on each side of a contradiction, and one
event with every mention side by side and the merge decisions that built it.

They only read the store; they re-use reconciliation's own comparisons (alignment,
alterations, direction), so the explanation is the decision's. (Moved from
``reconcile/views.py``: the read side is :mod:`accord.query`.)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, select

from ..errors import NotFound
from ..reconcile.alterations import compare, number_context_changes
from ..reconcile.contradictions import _cid
from ..reconcile.copies import aligned_pairs, load_sentences
from ..reconcile.corroboration import SourceGroups
from ..store import schema as S

if TYPE_CHECKING:
    from ..store import Store


def _heads(conn: Connection) -> dict[str, dict[str, Any]]:
    d = S.documents
    return {r.id: {"id": r.id, "title": r.title, "source": r.source, "published": r.published,
                   "outlet": r.outlet, "copy_of": r.copy_of, "copied_fraction": r.copied_fraction,
                   "copy_kind": r.copy_kind}
            for r in conn.execute(select(d.c.id, d.c.title, d.c.source, d.c.published, d.c.outlet,
                                         d.c.copy_of, d.c.copied_fraction, d.c.copy_kind))}


def _sentence(conn: Connection, doc_id: str, idx: int) -> str | None:
    return conn.execute(select(S.sentences.c.text).where(
        (S.sentences.c.document_id == doc_id) & (S.sentences.c.idx == idx))).scalar()


def copy_pairs(conn: Connection, copy_id: str, source_id: str) -> list[dict[str, Any]]:
    """The aligned sentences of a copy and its source, and what the copy changed."""
    return [{"copy": own.text, "source": " ".join(s.text for s in theirs),
             "score": p.score, "verbatim": p.verbatim,
             "changes": [c.describe() for c in compare(" ".join(s.text for s in theirs),
                                                        own.text)]}
            for own, theirs, p in aligned_pairs(conn, copy_id, source_id)]


_BASIS = {"publication": "publication dates", "containment": "it embeds the source",
          "share": "larger borrowed share", "detail": "source has more names and figures",
          "id": "document id (no other clue)"}


def copy_direction(conn: Connection, copy_id: str, source_id: str) -> str | None:
    """Why ``copy_id`` is taken as the copy rather than the original."""
    from ..reconcile.copies import DocInfo, relate
    from ..reconcile.settings import load_thresholds

    d = S.documents
    rows = {r.id: DocInfo(r.id, r.published, r.clean_text or "") for r in conn.execute(
        select(d.c.id, d.c.published, d.c.clean_text).where(d.c.id.in_([copy_id, source_id])))}
    if len(rows) < 2:
        return None
    sents = load_sentences(conn, [copy_id, source_id])
    rel = relate(rows[copy_id], rows[source_id], sents[copy_id], sents[source_id],
                 load_thresholds()["copies"])
    return _BASIS.get(rel.basis, rel.basis) if rel else None


def contradictions(store: Store, kind: str | None = None, document: str | None = None
                   ) -> list[dict[str, Any]]:
    """Contradictions with, for each document involved, the sentences that disagree."""
    t = S.contradictions
    stmt = select(t).order_by(t.c.kind, t.c.id)
    if kind:
        stmt = stmt.where(t.c.kind == kind)
    with store.connect() as conn:
        heads = _heads(conn)
        out = []
        for r in conn.execute(stmt):
            docs = list(r.documents or [])
            if document and not any(d.startswith(document) for d in docs):
                continue
            out.append({"id": r.id, "kind": r.kind, "items": list(r.items or []),
                        "documents": docs, "explanation": r.explanation,
                        "sides": _sides(conn, r, heads)})
    return out


def _sides(conn: Connection, r: Any, heads: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """The sentence(s) each document contributes to one contradiction."""
    items = set(r.items or [])
    docs = list(r.documents or [])
    found: dict[str, list[dict[str, Any]]] = {d: [] for d in docs}
    em, cm = S.event_mentions, S.claim_mentions
    if r.kind == "copy_alteration" and len(docs) == 2:
        src, cpy = docs
        for own, theirs, _p in aligned_pairs(conn, cpy, src):
            text = " ".join(s.text for s in theirs)
            if _cid("copy_alteration", cpy, own.idx) == r.id:  # the pair this row is about
                found[src].append({"sentence": text, "detail": "source"})
                found[cpy].append({"sentence": own.text, "detail": "copy"})
        if not found[cpy]:  # a reworded sentence with a changed figure
            sents = load_sentences(conn, [cpy, src])
            for own in sents[cpy]:
                if _cid("copy_alteration", cpy, own.idx) != r.id:
                    continue
                found[cpy].append({"sentence": own.text, "detail": "copy"})
                for other in sents[src]:
                    if number_context_changes(other.text, own.text) and \
                            other.text[:40] in r.explanation:
                        found[src].append({"sentence": other.text, "detail": "source"})
    else:
        for m in conn.execute(select(em).where(em.c.event_id.in_(items))):
            if m.document_id in found:
                found[m.document_id].append({
                    "sentence": _sentence(conn, m.document_id, m.sentence_idx) or m.text,
                    "detail": f"{m.modality}, dated {m.date_value or 'undated'}"
                              f" ({m.date_basis})"})
        for m in conn.execute(select(cm).where(cm.c.claim_id.in_(items))):
            if m.document_id in found:
                found[m.document_id].append({
                    "sentence": _sentence(conn, m.document_id, m.sentence_idx) or m.text,
                    "detail": f"{m.value_text or m.value} ({m.qualifier or 'exact'}, "
                              f"{m.modality or 'asserted'})"})
    out = []
    for d in docs:
        seen = set()
        for s in found[d]:
            if s["sentence"] in seen:
                continue
            seen.add(s["sentence"])
            out.append({"document": heads.get(d, {"id": d}), **s})
    return out


def resolve_event_id(conn: Connection, prefix: str) -> str:
    rows = [r[0] for r in conn.execute(select(S.events.c.id).where(
        S.events.c.id.like(f"{prefix}%")).limit(2))]
    if not rows:
        raise NotFound(f"no event {prefix!r} (see `accord timeline` for event ids)")
    if len(rows) > 1:
        raise NotFound(f"event id {prefix!r} is ambiguous; give more characters")
    return str(rows[0])


def event(store: Store, event_id: str) -> dict[str, Any]:
    """One event with every mention (document, modality, date, sentence) and its ``why``."""
    with store.connect() as conn:
        eid = resolve_event_id(conn, event_id)
        row = conn.execute(select(S.events).where(S.events.c.id == eid)).mappings().one()
        heads = _heads(conn)
        groups = SourceGroups(conn)
        names = dict(conn.execute(select(S.entities.c.id, S.entities.c.name)).all())
        em = S.event_mentions
        mentions = []
        rows = list(conn.execute(select(em).where(em.c.event_id == eid)
                                 .order_by(em.c.document_id, em.c.start, em.c.end, em.c.type)))
        by_doc: dict[str, int] = {}
        for m in rows:
            by_doc.setdefault(m.document_id, m.sentence_idx)
        for m in rows:
            h = heads.get(m.document_id, {"id": m.document_id})
            mentions.append({
                "document": h, "start": m.start, "end": m.end, "text": m.text,
                "sentence": _sentence(conn, m.document_id, m.sentence_idx) or m.text,
                "type": m.type, "modality": m.modality, "date_value": m.date_value,
                "date_basis": m.date_basis, "date_text": m.date_text,
                "quantities": m.quantities or [], "attributed": list(m.attributed_keys or []),
                "independent_source": groups.event_group(m.document_id, m.sentence_idx, by_doc),
                "copied": groups.is_copied(m.document_id, m.sentence_idx),
            })
        mentions.sort(key=lambda x: (x["document"].get("published") or "9999",
                                     x["document"]["id"], x["start"]))
        cx = [dict(r._mapping) for r in conn.execute(select(S.contradictions))
              if eid in (r.items or [])]
    ev = dict(row)
    ev["names"] = {a: names.get(a, a) for a in list(ev["source"]) + list(ev["target"])}
    ev["mentions"] = mentions
    ev["contradictions"] = cx
    return ev


#: The names other modules use; everything else here is internal.
__all__ = [
    "copy_pairs",
    "copy_direction",
    "contradictions",
    "resolve_event_id",
    "event",
]
