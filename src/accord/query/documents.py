"""Documents and the copies reconciliation found between them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy import desc, func, select

from ..errors import NotFound
from ..store import schema as S
from .common import check_date

if TYPE_CHECKING:
    from ..store import Store

_HEAD = ("id", "source", "format", "title", "author", "outlet", "published", "published_basis",
         "words", "copy_of", "copied_fraction", "copy_kind", "added_at", "extractor_version")


def resolve_document(store: Store, id: str) -> str:
    """A document id from a full id or a unique prefix (>= 4 characters), or a source path."""
    d = S.documents
    with store.connect() as conn:
        if conn.execute(select(d.c.id).where(d.c.id == id)).first():
            return id
        rows: Sequence[Any] = []
        if len(id) >= 4:
            rows = conn.execute(select(d.c.id).where(d.c.id.like(f"{id}%")).limit(2)).all()
        if len(rows) != 1:
            rows = conn.execute(select(d.c.id).where(
                (d.c.source == id) | d.c.source.like(f"%/{id}")).limit(2)).all()
    if len(rows) == 1:
        return str(rows[0].id)
    raise NotFound(f"no document {id}" + (" (prefix is ambiguous)" if len(rows) > 1 else ""))


def documents(store: Store, date_from: str | None = None, date_to: str | None = None,
              query: str | None = None, limit: int | None = None, offset: int = 0
              ) -> list[dict[str, Any]]:
    """Document metadata (no text), by publication date; undated last."""
    d = S.documents
    stmt = select(*(d.c[c] for c in _HEAD))
    lo, hi = check_date(date_from, "--from"), check_date(date_to, "--to")
    if lo:
        stmt = stmt.where(d.c.published >= lo)
    if hi:
        stmt = stmt.where(d.c.published <= hi + "~")
    if query:
        like = f"%{query}%"
        stmt = stmt.where(d.c.title.ilike(like) | d.c.source.ilike(like) | d.c.outlet.ilike(like))
    stmt = stmt.order_by(d.c.published.is_(None), d.c.published, d.c.source).offset(offset)
    if limit:
        stmt = stmt.limit(limit)
    with store.connect() as conn:
        rows = [dict(r._mapping) for r in conn.execute(stmt)]
        titles = {r["id"]: r["title"] for r in rows}
        missing = {r["copy_of"] for r in rows if r["copy_of"] and r["copy_of"] not in titles}
        if missing:
            titles.update({r.id: r.title for r in conn.execute(
                select(d.c.id, d.c.title).where(d.c.id.in_(missing)))})
    for r in rows:
        r["copy_of_title"] = titles.get(r["copy_of"]) if r["copy_of"] else None
    return rows


def document(store: Store, id: str, text: bool = True) -> dict[str, Any]:
    """One document: metadata, original and cleaned text, sentences, events and claims in it."""
    did = resolve_document(store, id)
    d, s, em, m = S.documents, S.sentences, S.event_mentions, S.mentions
    with store.connect() as conn:
        row = conn.execute(select(d).where(d.c.id == did)).first()
        assert row is not None
        out = {c: getattr(row, c) for c in _HEAD}
        out["meta"] = row.meta or {}
        if text:
            out["original_text"] = row.original_text
            out["clean_text"] = row.clean_text
        out["sentences"] = [dict(r._mapping) for r in conn.execute(
            select(s.c.idx, s.c.start, s.c.end, s.c.text).where(s.c.document_id == did)
            .order_by(s.c.idx))]
        out["events"] = [dict(r._mapping) for r in conn.execute(
            select(em.c.event_id, em.c.type, em.c.start, em.c.end, em.c.sentence_idx,
                   em.c.modality, em.c.date_value, em.c.trigger)
            .where(em.c.document_id == did).order_by(em.c.start))]
        out["mentions"] = [dict(r._mapping) for r in conn.execute(
            select(m.c.entity_id, m.c.name, m.c.type, m.c.start, m.c.end, m.c.text,
                   m.c.sentence_idx).where(m.c.document_id == did).order_by(m.c.start))]
        out["copied_by"] = [dict(r._mapping) for r in conn.execute(
            select(d.c.id, d.c.title, d.c.copied_fraction, d.c.copy_kind)
            .where(d.c.copy_of == did))]
        if row.copy_of:
            orig = conn.execute(select(d.c.title).where(d.c.id == row.copy_of)).first()
            out["copy_of_title"] = orig.title if orig else None
    return out


def copies(store: Store, limit: int | None = None, *, document: str | None = None,
           explain: bool = False, sentences: bool = False) -> list[dict[str, Any]]:
    """Documents that copy or paraphrase another, most copied first.

    One record per copy, the same from the CLI, the Python API and the HTTP API:
    ``{document, title, source, published, copy_of, copy_of_title, copy_of_published,
    copied_fraction, copy_kind}``. ``document`` keeps the copies of or by that
    document; ``explain`` adds ``direction`` (why this one is the copy);
    ``sentences`` adds ``pairs``, the aligned sentences and what changed.
    """
    d = S.documents
    o = d.alias("o")
    stmt = (select(d.c.id, d.c.title, d.c.source, d.c.published, d.c.copy_of,
                   o.c.title.label("copy_of_title"), o.c.published.label("copy_of_published"),
                   d.c.copied_fraction, d.c.copy_kind)
            .select_from(d.outerjoin(o, o.c.id == d.c.copy_of))
            .where(d.c.copy_of.is_not(None))
            .order_by(desc(func.coalesce(d.c.copied_fraction, 0)), d.c.id))
    if document:
        stmt = stmt.where((d.c.id == document) | (d.c.copy_of == document))
    if limit:
        stmt = stmt.limit(limit)
    with store.connect() as conn:
        rows = [{"document": r.id, **{k: v for k, v in r._mapping.items() if k != "id"}}
                for r in conn.execute(stmt)]
        if explain or sentences:
            from .reconciled import copy_direction, copy_pairs

            for r in rows:
                if explain:
                    r["direction"] = copy_direction(conn, r["document"], r["copy_of"])
                if sentences:
                    r["pairs"] = copy_pairs(conn, r["document"], r["copy_of"])
    return rows


#: The names other modules use; everything else here is internal.
__all__ = [
    "resolve_document",
    "documents",
    "document",
    "copies",
]
