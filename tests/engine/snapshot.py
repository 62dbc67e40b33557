"""A comparable summary of a whole store, for "same knowledge base" assertions."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from accord.store import Store
from accord.store import schema as S


def snapshot(store: Store) -> dict[str, Any]:
    """Everything that must be equal between two builds of the same input.

    Autoincrement row ids and timestamps are left out; knowledge ids are
    content-derived, so they are compared as they are.
    """
    d = S.documents.c
    out: dict[str, Any] = {}
    with store.connect() as conn:
        out["documents"] = sorted(
            (r.id, r.title, r.published, r.extractor_version, r.copy_of)
            for r in conn.execute(select(d.id, d.title, d.published, d.extractor_version,
                                         d.copy_of)))
        for name in ("sentences", "mentions", "event_mentions", "claim_mentions"):
            t = S.metadata.tables[name]
            out[name] = sorted(
                (r[0], r[1], r[2]) for r in conn.execute(
                    select(t.c.document_id, t.c.start, t.c.end)))
        out["entities"] = sorted(r[0] for r in conn.execute(select(S.entities.c.id)))
        out["events"] = sorted(
            (r[0], r[1], r[2]) for r in conn.execute(
                select(S.events.c.id, S.events.c.type, S.events.c.independent_sources)))
        out["claims"] = sorted(r[0] for r in conn.execute(select(S.claims.c.id)))
        out["contradictions"] = sorted(
            r[0] for r in conn.execute(select(S.contradictions.c.id)))
        out["unreconciled"] = conn.execute(
            select(func.count()).select_from(S.documents).where(d.reconciled_at.is_(None))
        ).scalar_one()
    return out
