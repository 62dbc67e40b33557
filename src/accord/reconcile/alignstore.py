"""Which sentences a copy took from its source, kept in the store between runs.

Source groups (:mod:`accord.reconcile.corroboration`) and the copy-alteration
check ask, for the copies among the documents an add touches, which of their
sentences come from which sentence of their source: a sentence alignment
(:func:`accord.reconcile.textsim.align`), the largest single cost of adding an
article to a store where copies are common. The answer depends only on the two
documents' sentences and the alignment settings, so each alignment is computed
once and kept in a derived table (like the LSH band table: dropping it only
costs time). Rows carry a scheme (the copy settings and :data:`ALIGN_VERSION`),
so changed settings are never served stale alignments; a document reconciled
again (new, or re-extracted with other sentences) loses its rows first
(:func:`forget`).

Only reconciliation reads and writes it (the store is writable then); other
readers align on the fly.
"""

from __future__ import annotations

import hashlib
import json
import weakref
from collections.abc import Iterable
from typing import Any

from sqlalchemy import (
    Column,
    Connection,
    Index,
    MetaData,
    String,
    Table,
    Text,
    delete,
    inspect,
    select,
)

from ..store.rows import chunks as _chunks
from ..store.rows import insert_tuples
from .textsim import AlignedPair

#: Bump when :func:`accord.reconcile.textsim.align` changes what it returns.
ALIGN_VERSION = 1

metadata = MetaData()

copy_alignments = Table(
    "reconcile_copy_alignments",
    metadata,
    Column("doc_id", String(64), nullable=False),
    Column("source_id", String(64), nullable=False),
    Column("scheme", String(32), nullable=False),
    # [[copy sentence idx, [source sentence idx, ...], score, verbatim], ...]
    Column("pairs", Text, nullable=False),
    Index("ix_reconcile_copy_alignments_doc", "doc_id", "scheme"),
    Index("ix_reconcile_copy_alignments_source", "source_id"),
)

_ALIGN_KEYS = ("min_sentence_words", "exact_similarity", "paraphrase_similarity",
               "min_length_ratio")


def scheme(cfg: dict[str, Any]) -> str:
    """The alignment settings and code version an alignment was computed with."""
    used = json.dumps([ALIGN_VERSION, *(cfg.get(k) for k in _ALIGN_KEYS)], default=str)
    return hashlib.sha1(used.encode()).hexdigest()[:16]


#: Engines whose store has the table (checked once per engine, not per lookup).
_ENSURED: weakref.WeakSet[Any] = weakref.WeakSet()


def ensure(conn: Connection) -> None:
    if conn.engine in _ENSURED:
        return
    if inspect(conn).has_table(copy_alignments.name):
        _ENSURED.add(conn.engine)  # (not one created in a transaction that may roll back)
    else:
        metadata.create_all(conn, checkfirst=True)



def load(conn: Connection, pairs: Iterable[tuple[str, str]], cfg: dict[str, Any]
         ) -> dict[tuple[str, str], list[AlignedPair]]:
    """The stored alignments of these (copy, source) pairs (absent ones left out)."""
    wanted = set(pairs)
    if not wanted:
        return {}
    ensure(conn)
    t, sch = copy_alignments, scheme(cfg)
    out: dict[tuple[str, str], list[AlignedPair]] = {}
    for chunk in _chunks(sorted({c for c, _s in wanted}), 500):
        for doc, src, raw in conn.execute(select(t.c.doc_id, t.c.source_id, t.c.pairs)
                                          .where(t.c.doc_id.in_(chunk), t.c.scheme == sch)):
            if (doc, src) in wanted:
                out[(doc, src)] = [AlignedPair(int(a), tuple(int(x) for x in b), float(score),
                                               bool(verb))
                                   for a, b, score, verb in json.loads(raw)]
    return out


def save(conn: Connection, found: dict[tuple[str, str], list[AlignedPair]],
         cfg: dict[str, Any]) -> None:
    """Keep these alignments (replacing any stored for the same copies)."""
    if not found:
        return
    ensure(conn)
    t, sch = copy_alignments, scheme(cfg)
    keys = sorted(found)
    # A copy has one source at a time: what it was aligned with before goes.
    for chunk in _chunks(sorted({doc for doc, _src in keys}), 500):
        conn.execute(delete(t).where(t.c.doc_id.in_(chunk)))
    insert_tuples(conn, t, [
        (doc, src, sch, json.dumps([[p.a, list(p.b), p.score, p.verbatim] for p in found[(doc,
                                                                                        src)]]))
        for doc, src in keys])


def forget(conn: Connection, doc_ids: Iterable[str] | None) -> None:
    """Drop the alignments involving these documents (all of them for ``None``):
    their sentences may have changed (a re-extraction)."""
    ensure(conn)
    t = copy_alignments
    if doc_ids is None:
        conn.execute(delete(t))
        return
    ids = sorted(set(doc_ids))
    for chunk in _chunks(ids, 500):
        conn.execute(delete(t).where(t.c.doc_id.in_(chunk)))
        conn.execute(delete(t).where(t.c.source_id.in_(chunk)))


__all__ = ["ALIGN_VERSION", "copy_alignments", "forget", "load", "save", "scheme"]
