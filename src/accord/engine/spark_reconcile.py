"""The reconciliation work the Spark engine does in Spark: copy candidates and event blocks.

Two hooks of :func:`accord.reconcile.reconcile` are filled here; everything
around them (entity resolution, the copy decision, writing events, claims,
contradictions) stays the store's code, so Spark and the local engine give
the same knowledge base.

Copy candidates (:class:`SparkCandidates`)
    MinHash LSH in Spark with *the store's* banding scheme (``copies`` in
    ``data/thresholds.yaml``: word shingles, ``num_perm`` permutations in
    ``lsh_bands`` bands of ``lsh_rows`` rows). Executors compute each new
    document's band hashes with :func:`accord.reconcile.lshstore.band_hashes`;
    Spark SQL joins the band table with itself, counts shared bands per pair
    and keeps each document's ``max_candidates`` best (most shared bands, then
    id): the order and cap of :meth:`accord.reconcile.lshstore.LshIndex.candidates`.
    ``pyspark.ml``'s ``MinHashLSH`` is not used: its hash family differs and
    each of its tables is a single hash (OR-amplification only, no rows per
    band), so its candidates could only approximate the store's, and
    which pairs get aligned would depend on the engine. Copy detection's
    sentence alignment then runs on these candidates only (the store's own
    LSH lookup is not consulted).

Event blocks (:class:`SparkEventClusterer`)
    After entity resolution and copy detection, ``events.run`` hands over the
    touched blocks' mentions (actors resolved to entities, block keys
    computed) and the source groups. They become a DataFrame (kept as Parquet
    in the work directory), Spark SQL groups them by block key, and executors
    run the pure per-block clustering (:func:`accord.reconcile.events.block_events`)
    with the source groups broadcast. The event rows and mention assignments
    come back to the driver, where ``events.run`` writes them as usual.
"""

from __future__ import annotations

import copy as _copy
import json
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import partial
from typing import TYPE_CHECKING, Any

from ..reconcile.settings import load_thresholds

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

    from ..reconcile.corroboration import SourceGroups
    from ..reconcile.events import Mention
    from ..store import Store

BAND_SCHEMA = "doc_id string, band long"
MENTION_SCHEMA = (
    "block string, id long, document_id string, published string, sentence_idx long, "
    "start long, end long, text string, trigger string, type string, cameo string, "
    "intensity double, source array<string>, target array<string>, date_value string, "
    "date_basis string, location string, quantities string, modality string, "
    "attributed array<string>, norm string, source_states array<string>, "
    "target_states array<string>, date_granularity string"
)
MENTION_FIELDS = [f.split()[0] for f in MENTION_SCHEMA.split(", ")]


# -- executor functions (module level so that cloudpickle sends them by reference) ------


def _bands_partition(rows: Iterable[Any], cfg: dict[str, Any]) -> Iterator[tuple[str, int]]:
    """Band hashes of each document, distinct per document (as the store keeps them)."""
    from ..reconcile.lshstore import band_hashes

    for row in rows:
        for band in sorted(set(band_hashes(row["clean"] or "", cfg))):
            yield row["id"], band


def _mention_from_row(row: dict[str, Any]) -> Mention:
    from ..reconcile.events import Mention

    d = {k: row[k] for k in MENTION_FIELDS}
    for k in ("source", "target", "attributed", "source_states", "target_states"):
        d[k] = list(d[k] or [])
    d["quantities"] = json.loads(d["quantities"] or "[]")
    return Mention(**d)


def _cluster_partition(rows: Iterable[Any], groups: Any, cfg: dict[str, Any]
                       ) -> Iterator[tuple[str, list[tuple[dict[str, Any], list[int]]]]]:
    """Cluster each block of the partition: (block, [(event row, mention ids)])."""
    from ..reconcile.events import block_events

    source_groups = groups.value
    for row in rows:
        # collect_list order is arbitrary: give the clustering the mentions in id
        # order, as the store returns them (it re-sorts them by content anyway).
        mentions = sorted((_mention_from_row(m.asDict()) for m in row["mentions"]),
                          key=lambda m: m.id)
        yield row["block"], block_events(row["block"], mentions, source_groups, cfg)


def clear(spark: SparkSession, uri: str) -> None:
    """Delete a work-directory folder on any Hadoop file system (a rerun's leftovers)."""
    jvm = spark.sparkContext._jvm
    path = jvm.org.apache.hadoop.fs.Path(uri)
    path.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration()).delete(path, True)


# -- copy candidates ------------------------------------------------------------------


def lsh_bands(docs: DataFrame, cfg: dict[str, Any] | None = None) -> DataFrame:
    """``(doc_id, band)`` for a DataFrame of ``(id, clean)``, computed on executors."""
    cfg = cfg or load_thresholds()["copies"]
    spark = docs.sparkSession
    return spark.createDataFrame(
        docs.select("id", "clean").rdd.mapPartitions(partial(_bands_partition, cfg=cfg)),
        BAND_SCHEMA)


def candidate_lists(bands: DataFrame, doc_ids: Sequence[str],
                    limit: int | None) -> DataFrame:
    """``(a, b, shared, rank)``: documents sharing a band with each of ``doc_ids``.

    Ranked by shared bands (most first), then id; at most ``limit`` per document.
    """
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    spark = bands.sparkSession
    wanted = spark.createDataFrame([(d,) for d in doc_ids], "a string")
    mine = bands.join(F.broadcast(wanted), bands["doc_id"] == wanted["a"]).select("a", "band")
    mine.createOrReplaceTempView("accord_lsh_mine")
    bands.createOrReplaceTempView("accord_lsh_bands")
    # The join output is far larger than its inputs (a band common to k documents
    # gives k^2 pairs; templated text has such bands), so it is spread over many
    # partitions by document before counting: left to itself, Spark's adaptive
    # execution sizes the partitions from the small inputs and one task had to
    # count tens of millions of pairs.
    parts = max(64, 8 * spark.sparkContext.defaultParallelism)
    joined = spark.sql(
        "SELECT m.a AS a, b.doc_id AS b "
        "FROM accord_lsh_mine m JOIN accord_lsh_bands b ON m.band = b.band "
        "WHERE b.doc_id <> m.a").repartition(parts, "a")
    pairs = joined.groupBy("a", "b").agg(F.count(F.lit(1)).alias("shared"))
    ranked = pairs.withColumn("rank", F.row_number().over(
        Window.partitionBy("a").orderBy(F.desc("shared"), F.asc("b"))))
    return ranked.where(F.col("rank") <= limit) if limit else ranked


class SparkCandidates:
    """A :data:`accord.reconcile.copies.CandidateSource` answered by Spark.

    The band table is this build's bands (computed in Spark) plus every other
    stored document's, read from the store's band table on the first call:
    by then reconciliation holds its lock, so documents a concurrent ``add``
    committed are there too. A stored document with no band rows yet (its
    writer had not reconciled it) is hashed in Spark like the new ones.
    """

    def __init__(self, spark: SparkSession, store: Store, new_bands: DataFrame,
                 new_ids: Iterable[str], work_uri: str | None = None):
        self.cfg = load_thresholds()["copies"]
        self.limit = int(self.cfg.get("max_candidates") or 0) or None
        self.spark = spark
        self.store = store
        self.new_bands = new_bands
        self.new_ids = set(new_ids)
        self.work_uri = work_uri
        self.bands: DataFrame | None = None
        if work_uri:
            clear(spark, f"{work_uri}/copy_candidates")
        self.pairs: dict[tuple[str, str], int] = {}
        self.calls = 0
        self.seconds = 0.0

    def band_table(self) -> DataFrame:
        """``(doc_id, band)`` of every stored document (built once, cached)."""
        if self.bands is not None:
            return self.bands
        from sqlalchemy import select

        from ..reconcile.lshstore import copy_lsh
        from ..reconcile.lshstore import scheme as lsh_scheme
        from ..store import schema as S

        old: list[tuple[str, int]] = []
        unhashed: list[tuple[str, str]] = []
        d = S.documents
        with self.store.connect() as conn:
            others = sorted({r[0] for r in conn.execute(select(d.c.id))} - self.new_ids)
            for i in range(0, len(others), 500):
                chunk = others[i:i + 500]
                rows = [(doc, band) for doc, band in conn.execute(
                    select(copy_lsh.c.doc_id, copy_lsh.c.band)
                    .where((copy_lsh.c.scheme == lsh_scheme(self.cfg))
                           & copy_lsh.c.doc_id.in_(chunk)))]
                old += rows
                hashed = {doc for doc, _ in rows}
                if len(hashed) < len(chunk):
                    unhashed += [(doc, clean) for doc, clean in conn.execute(
                        select(d.c.id, d.c.clean_text).where(
                            d.c.id.in_([c for c in chunk if c not in hashed])))]
        bands = self.new_bands
        if old:
            bands = bands.unionByName(self.spark.createDataFrame(old, BAND_SCHEMA))
        if unhashed:
            docs = self.spark.createDataFrame(unhashed, "id string, clean string")
            bands = bands.unionByName(lsh_bands(docs, self.cfg))
        self.bands = bands.cache()
        return self.bands

    def __call__(self, doc_ids: Sequence[str]) -> Mapping[str, list[str]]:
        out: dict[str, list[str]] = {d: [] for d in doc_ids}
        if not doc_ids:
            return out
        t = time.perf_counter()
        ranked = candidate_lists(self.band_table(), list(doc_ids), self.limit)
        if self.work_uri:
            # Computed once, kept as Parquet, read back (not computed again) to collect.
            path = f"{self.work_uri}/copy_candidates/call={self.calls}"
            ranked.write.mode("overwrite").parquet(path)
            ranked = self.spark.read.parquet(path)
        for r in sorted(ranked.collect(), key=lambda r: (r["a"], r["rank"])):
            out[r["a"]].append(r["b"])
            self.pairs[(min(r["a"], r["b"]), max(r["a"], r["b"]))] = int(r["shared"])
        self.calls += 1
        self.seconds += time.perf_counter() - t
        return out

    def close(self) -> None:
        if self.bands is not None:
            self.bands.unpersist()


def store_bands(store: Store, rows: Iterable[tuple[str, int]]) -> int:
    """Write Spark-computed band hashes into the store's band table.

    The table is the store's LSH cache: later local ``accord add`` runs look
    new documents up in it, and copy detection would otherwise re-hash these
    documents on the driver. Existing rows of the same documents are replaced.
    """
    from sqlalchemy import delete, insert

    from ..reconcile.lshstore import LshIndex, copy_lsh
    from ..reconcile.lshstore import scheme as lsh_scheme

    cfg = load_thresholds()["copies"]
    scheme = lsh_scheme(cfg)
    by_doc: dict[str, list[int]] = {}
    for doc_id, band in rows:
        by_doc.setdefault(doc_id, []).append(band)
    ids = sorted(by_doc)
    with store.begin() as conn:
        LshIndex(conn, cfg)
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            conn.execute(delete(copy_lsh).where(copy_lsh.c.doc_id.in_(chunk)
                                                & (copy_lsh.c.scheme == scheme)))
            values = [{"doc_id": d, "scheme": scheme, "band": b}
                      for d in chunk for b in sorted(by_doc[d])]
            conn.execute(insert(copy_lsh), values)
    return len(ids)


# -- event blocks ---------------------------------------------------------------------


def frozen_groups(groups: SourceGroups, doc_ids: Iterable[str]) -> SourceGroups:
    """A copy of ``groups`` that answers for ``doc_ids`` without a database.

    The copied sentences of every document the answers can reach (the
    documents and everything up their ``copy_of`` chains) are aligned here,
    on the driver, with the reconciling transaction; the copy has no
    connection and only those documents, so it is small enough to broadcast.
    """
    reach: set[str] = set()
    for d in doc_ids:
        cur: str | None = d
        while cur and cur not in reach:
            reach.add(cur)
            cur = groups.copy_of.get(cur)
    for d in sorted(reach):
        groups.copied_sentences(d)
    out = _copy.copy(groups)
    out.conn = None  # type: ignore[assignment]
    # Copy roots are derived from the whole table and events do not use them.
    out.__dict__.pop("roots", None)
    out.copy_of = {d: v for d, v in groups.copy_of.items() if d in reach}
    out.outlet = {d: v for d, v in groups.outlet.items() if d in reach}
    out.published = {d: v for d, v in groups.published.items() if d in reach}
    out._copied = {d: v for d, v in groups._copied.items() if d in reach}
    out.wires = groups.wires.frozen(groups.conn, reach)
    return out


class SparkEventClusterer:
    """A :data:`accord.reconcile.events.Clusterer` that clusters blocks on executors."""

    def __init__(self, spark: SparkSession, work_uri: str | None = None):
        self.spark = spark
        self.work_uri = work_uri
        if work_uri:
            clear(spark, f"{work_uri}/event_mentions")
        self.calls = 0
        self.blocks = 0
        self.mentions = 0
        self.largest_block = 0
        self.seconds = 0.0

    def __call__(self, by_block: dict[str, list[Mention]], groups: SourceGroups,
                 cfg: dict[str, Any]) -> dict[str, list[tuple[dict[str, Any], list[int]]]]:
        if not by_block:
            return {}
        t = time.perf_counter()
        spark = self.spark
        rows = [_mention_row(block, m) for block, ms in by_block.items() for m in ms]
        df = spark.createDataFrame(rows, MENTION_SCHEMA)
        if self.work_uri:
            path = f"{self.work_uri}/event_mentions/call={self.calls}"
            df.write.mode("overwrite").parquet(path)
            df = spark.read.parquet(path)
        self.calls += 1
        df.createOrReplaceTempView("accord_block_mentions")
        grouped = spark.sql(
            "SELECT block, collect_list(struct(*)) AS mentions, count(*) AS n "
            "FROM accord_block_mentions GROUP BY block")
        n_parts = max(1, min(len(by_block), spark.sparkContext.defaultParallelism * 4))
        docs = {m.document_id for ms in by_block.values() for m in ms}
        bc = spark.sparkContext.broadcast(frozen_groups(groups, docs))
        try:
            out = dict(grouped.repartition(n_parts).rdd.mapPartitions(
                partial(_cluster_partition, groups=bc, cfg=cfg)).collect())
        finally:
            bc.unpersist()
        missing = set(by_block) - set(out)
        if missing:
            raise RuntimeError(f"Spark returned no events for {len(missing)} block(s), "
                               f"e.g. {sorted(missing)[0]!r}")
        self.blocks += len(out)
        self.mentions += len(rows)
        self.largest_block = max([self.largest_block, *map(len, by_block.values())])
        self.seconds += time.perf_counter() - t
        return out


def _mention_row(block: str, m: Mention) -> dict[str, Any]:
    row = {k: getattr(m, k) for k in MENTION_FIELDS if k != "block"}
    row["block"] = block
    row["quantities"] = json.dumps(m.quantities)
    row["intensity"] = None if m.intensity is None else float(m.intensity)
    return row


__all__ = ["SparkCandidates", "SparkEventClusterer", "candidate_lists", "frozen_groups",
           "lsh_bands", "store_bands"]
