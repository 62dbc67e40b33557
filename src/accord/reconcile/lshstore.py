"""A persistent MinHash LSH index in the store (band hash -> document).

Copy detection needs the LSH candidates of every new document against every
stored one. Keeping the band hashes in an indexed table means an add computes
one signature and runs one indexed query, instead of re-hashing the corpus in
every process. The table is a derived cache: dropping it only costs time (it is
refilled on the next reconcile). Rows carry the banding scheme, so changing
``copies`` thresholds re-indexes instead of mixing schemes.
"""

from __future__ import annotations

import hashlib
import struct
from collections.abc import Sequence
from typing import Any

import numpy as np
from sqlalchemy import (
    BigInteger,
    Column,
    Connection,
    Index,
    MetaData,
    String,
    Table,
    delete,
    func,
    insert,
    inspect,
    select,
    text,
)

from ..store import schema as S
from ..store.rows import chunks as _chunks
from ..store.rows import insert_tuples
from .textsim import minhash

metadata = MetaData()

copy_lsh = Table(
    "reconcile_copy_lsh",
    metadata,
    Column("doc_id", String(64), nullable=False),
    Column("scheme", String(32), nullable=False),
    Column("band", BigInteger, nullable=False),
    # Covering: a candidate lookup reads (band, scheme, document) from the index
    # alone, not one table row per document sharing a band (a few times faster).
    Index("ix_reconcile_copy_lsh_band_doc", "band", "scheme", "doc_id"),
    Index("ix_reconcile_copy_lsh_doc", "doc_id"),
)
#: The band index before it covered the document (stores written before; replaced).
_OLD_BAND_INDEX = "ix_reconcile_copy_lsh_band"


#: ``config`` key recording that every stored document was indexed under a scheme.
COMPLETE_KEY = "reconcile.copy_lsh_complete"


def scheme(cfg: dict[str, Any]) -> str:
    return (f"k{int(cfg['shingle_words'])}p{int(cfg['num_perm'])}"
            f"b{int(cfg['lsh_bands'])}r{int(cfg['lsh_rows'])}")


def band_hashes(text: str, cfg: dict[str, Any]) -> list[int]:
    """One signed 64-bit hash per LSH band of the text's MinHash signature."""
    sig = minhash(text, int(cfg["shingle_words"]), int(cfg["num_perm"])).hashvalues
    rows = int(cfg["lsh_rows"])
    out = []
    for b in range(int(cfg["lsh_bands"])):
        chunk = sig[b * rows:(b + 1) * rows]
        digest = hashlib.blake2b(struct.pack("<I", b) + chunk.tobytes(), digest_size=8).digest()
        out.append(struct.unpack("<q", digest)[0])
    return out



def _upgrade_indexes(conn: Connection) -> None:
    """Give a band table made by an older accord the covering index (once: a few
    seconds on a million documents), and drop the index it replaces."""
    names = {ix["name"] for ix in inspect(conn).get_indexes(copy_lsh.name)}
    if _OLD_BAND_INDEX in names:
        for ix in copy_lsh.indexes:
            if ix.name not in names:
                ix.create(conn)
        conn.execute(text(f"DROP INDEX {_OLD_BAND_INDEX}"))


def insert_rows(conn: Connection, rows: Sequence[tuple[str, str, int]]) -> None:
    """Insert (doc_id, scheme, band) rows (a full build writes 128 per document)."""
    insert_tuples(conn, copy_lsh, rows)


class LshIndex:
    """Band table access for one banding scheme."""

    def __init__(self, conn: Connection, cfg: dict[str, Any]):
        self.conn = conn
        self.cfg = cfg
        self.scheme = scheme(cfg)
        self._bands: _BandTable | None = None
        metadata.create_all(conn, checkfirst=True)
        _upgrade_indexes(conn)

    def index_missing(self, only: Sequence[str] | None = None) -> int:
        """Index every stored document that has no band rows for this scheme.

        With ``only`` (the documents an add reconciles) just those are looked at,
        once a full pass under this scheme has been recorded (:data:`COMPLETE_KEY`):
        every document stored since is reconciled, hence indexed, before it counts.
        Checking every document costs an index probe each, on every add.
        """
        done = self.conn.execute(select(S.config.c.value)
                                 .where(S.config.c.key == COMPLETE_KEY)).scalar()
        complete = isinstance(done, dict) and done.get("scheme") == self.scheme
        # NOT EXISTS probes the doc_id index once per document; NOT IN read every band
        # row (128 per document) on each add.
        have = select(copy_lsh.c.doc_id).where(
            (copy_lsh.c.doc_id == S.documents.c.id) & (copy_lsh.c.scheme == self.scheme))
        missing: list[str] = []
        if only is not None and complete:
            for chunk in _chunks(sorted(set(only)), 500):
                missing += [r[0] for r in self.conn.execute(
                    select(S.documents.c.id).where(S.documents.c.id.in_(chunk), ~have.exists()))]
        else:
            missing = [r[0] for r in self.conn.execute(
                select(S.documents.c.id).where(~have.exists()))]
        for chunk in _chunks(missing, 200):
            rows = []
            for did, clean in self.conn.execute(
                    select(S.documents.c.id, S.documents.c.clean_text)
                    .where(S.documents.c.id.in_(chunk))):
                rows += [(did, self.scheme, h)
                         for h in sorted(set(band_hashes(clean or "", self.cfg)))]
            if rows:
                insert_rows(self.conn, rows)
                self._bands = None
        if not complete:
            self.conn.execute(delete(S.config).where(S.config.c.key == COMPLETE_KEY))
            self.conn.execute(insert(S.config).values(key=COMPLETE_KEY,
                                                      value={"scheme": self.scheme}))
        return len(missing)

    def forget_deleted(self) -> None:
        self._bands = None
        self.conn.execute(delete(copy_lsh).where(
            copy_lsh.c.doc_id.not_in(select(S.documents.c.id))))

    def candidates(self, doc_id: str, limit: int | None = None) -> list[str]:
        """Documents sharing at least one band with ``doc_id`` (itself excluded).

        Ordered by the number of shared bands (an estimate of shingle overlap),
        most first, then by id; ``limit`` keeps the best ones. Without a cap a
        corpus of templated near-duplicates makes every document a candidate of
        every other one, and alignment turns quadratic.
        """
        mine = select(copy_lsh.c.band).where(
            (copy_lsh.c.doc_id == doc_id) & (copy_lsh.c.scheme == self.scheme))
        shared = func.count().label("shared")
        query = (
            select(copy_lsh.c.doc_id, shared)
            .where((copy_lsh.c.scheme == self.scheme) & copy_lsh.c.band.in_(mine)
                   & (copy_lsh.c.doc_id != doc_id))
            .group_by(copy_lsh.c.doc_id)
            .order_by(shared.desc(), copy_lsh.c.doc_id)
        )
        if limit:
            query = query.limit(limit)
        return [r[0] for r in self.conn.execute(query)]

    def candidates_many(self, doc_ids: Sequence[str], limit: int | None = None
                        ) -> dict[str, list[str]]:
        """:meth:`candidates` of many documents, from the band table read once.

        One grouped query per document costs a scan of every row sharing a band
        with it: fine for an add, hours for a full build of a templated corpus.
        Here the table is read once and each document's shared-band counts are
        a ``bincount`` over the documents of its bands. Same counts, same order
        (shared bands, most first, then id), same cap.
        """
        if len(doc_ids) < BULK_CANDIDATES:
            return {d: self.candidates(d, limit) for d in doc_ids}
        table = self._table()
        out: dict[str, list[str]] = {}
        for d in doc_ids:
            out[d] = table.candidates(d, limit)
        return out

    def _table(self) -> _BandTable:
        if self._bands is None:
            self._bands = _BandTable(self.conn.execute(
                select(copy_lsh.c.doc_id, copy_lsh.c.band)
                .where(copy_lsh.c.scheme == self.scheme)).all())
        return self._bands


#: From this many documents on, candidates come from the band table read once.
BULK_CANDIDATES = 50


class _BandTable:
    """The band table of one scheme in memory: band -> documents, document -> bands."""

    def __init__(self, rows: Sequence[Any]):
        self.ids = sorted({r[0] for r in rows})  # index order = id order
        pos = {d: i for i, d in enumerate(self.ids)}
        docs = np.fromiter((pos[r[0]] for r in rows), dtype=np.int64, count=len(rows))
        bands = np.fromiter((r[1] for r in rows), dtype=np.int64, count=len(rows))
        order = np.lexsort((docs, bands))
        self.docs, bands = docs[order], bands[order]
        self.uniq, self.starts = np.unique(bands, return_index=True)
        self.ends = np.append(self.starts[1:], len(bands))
        self.pos = pos
        # The distinct bands of each document, as indices into ``uniq``.
        band_idx = np.searchsorted(self.uniq, bands)
        by_doc = np.lexsort((band_idx, self.docs))
        doc_sorted, bi_sorted = self.docs[by_doc], band_idx[by_doc]
        cut = np.searchsorted(doc_sorted, np.arange(len(self.ids) + 1))
        self.doc_bands = [np.unique(bi_sorted[cut[i]:cut[i + 1]]) for i in range(len(self.ids))]

    def candidates(self, doc_id: str, limit: int | None) -> list[str]:
        i = self.pos.get(doc_id)
        if i is None:
            return []
        mine = self.doc_bands[i]
        if not len(mine):
            return []
        hits = np.concatenate([self.docs[self.starts[b]:self.ends[b]] for b in mine])
        counts = np.bincount(hits, minlength=len(self.ids))
        counts[i] = 0
        found = np.flatnonzero(counts)
        ranked = found[np.lexsort((found, -counts[found]))]
        if limit:
            ranked = ranked[:limit]
        return [self.ids[j] for j in ranked]
