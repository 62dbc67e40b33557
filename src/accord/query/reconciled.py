"""What reconciliation decided about copies, explained: why a copy is the copy, and the
aligned sentences of a copy and what changed.

They only read the store; they re-use reconciliation's own comparisons (alignment,
alterations, direction), so the explanation is the decision's. The sides of a
contradiction and one event's mentions side by side are the records of
:mod:`accord.query.evidence` and :func:`accord.query.events.event`, which the CLI,
the HTTP API and the pages share.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, select

from ..reconcile.alterations import compare
from ..reconcile.copies import aligned_pairs, load_sentences
from ..store import schema as S


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


#: The names other modules use; everything else here is internal.
__all__ = [
    "copy_pairs",
    "copy_direction",
]
