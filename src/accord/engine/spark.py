"""The Apache Spark engine: ``accord build DIR --engine spark [--master URL]``.

Why: one laptop's process pool stops being enough for a news archive of
millions of articles. Extraction is a pure per-document function
(:func:`accord.extract.extract_many`), so it distributes over any Spark
cluster without home-made cluster code.

What runs where
---------------
In Spark (executors):

1. **read**: the file list becomes a DataFrame; ``mapPartitions`` reads each
   file with :func:`accord.ingest.read_document` (readers, cleaning, offset
   map, metadata). Unreadable files become error rows, not failures.
2. **extract**: ``mapPartitions`` runs the spaCy pipeline with accord's
   components once per partition (one pipeline load per partition, and Spark
   reuses Python workers, so in practice once per worker), batched through
   ``nlp.pipe``. Output: one row per document with the
   :class:`~accord.records.Extraction` as JSON, plus per-partition statistics
   (words, seconds, peak RSS of the worker).
3. **Parquet**: documents, extractions, flattened event mentions, copy
   candidates and blocks are written as Parquet to a work directory (any
   Hadoop path on a cluster: ``hdfs://``, ``s3a://``).
4. **copy candidates**: MinHash LSH over word 5-gram shingles
   (``pyspark.ml.feature`` ``RegexTokenizer`` -> ``NGram`` -> ``HashingTF`` ->
   ``MinHashLSH.approxSimilarityJoin``) gives candidate document pairs.
5. **blocking keys**: event mentions are exploded from the extraction JSON and
   grouped with Spark SQL by the reconciliation block (sorted actor pair x
   PLOVER quad class x month) so one sees which blocks the build touches and
   how large they are.

In the store (driver):

6. documents and extractions are loaded with ``Store.put_document`` /
   ``Store.put_extraction`` (one transaction per document), in input order;
7. :func:`accord.reconcile.reconcile` runs on the new documents: entity
   resolution, copy detection (its own MinHash + sentence alignment, which the
   Spark candidates are checked against), event coreference, claims,
   contradictions. Reconciliation is the store's job so that the Spark and the
   local engine give the *same* knowledge base; the Spark-side candidates and
   blocks are reported in the build statistics and kept in the work directory.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import AccordError, IngestError
from ..records import (
    ActorRef,
    ClaimRecord,
    EventRecord,
    Extraction,
    IngestedDocument,
    MentionRecord,
    QuantityRecord,
    SentenceRecord,
)
from .local import (
    BuildReport,
    FileOutcome,
    Progress,
    _discover,
    _extract,
    _finish_run,
    _read,
    _store_result,
    configure_extractor,
    reconcile_pending,
)

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

    from ..store import Store

DEFAULT_MASTER = "local[2]"
#: Extensions the readers understand (others are skipped when walking a folder).
READABLE = (".txt", ".md", ".markdown", ".html", ".htm", ".pdf")
#: Jaccard *distance* below which two documents are copy candidates (similarity >= 0.5).
LSH_DISTANCE = 0.5
SHINGLE_WORDS = 5


class SparkEngineError(AccordError):
    """Spark could not be started or a Spark job failed."""

    exit_code = 6


# -- records from JSON (the driver side of the Parquet round trip) ----------------------


def extraction_from_dict(d: dict[str, Any]) -> Extraction:
    """Rebuild an :class:`Extraction` from ``Extraction.to_dict()`` output."""

    def actor(a: dict[str, Any]) -> ActorRef:
        return ActorRef(**a)

    def event(e: dict[str, Any]) -> EventRecord:
        e = dict(e)
        e["quantities"] = [QuantityRecord(**q) for q in e.get("quantities") or []]
        return EventRecord(**e)

    return Extraction(
        document_id=d["document_id"],
        extractor_version=d["extractor_version"],
        sentences=[SentenceRecord(**s) for s in d.get("sentences") or []],
        mentions=[MentionRecord(**{**m, "actor": actor(m["actor"])})
                  for m in d.get("mentions") or []],
        events=[event(e) for e in d.get("events") or []],
        claims=[ClaimRecord(**c) for c in d.get("claims") or []],
        stats=d.get("stats") or {},
    )


def document_to_row(doc: IngestedDocument, index: int) -> dict[str, Any]:
    return {
        "path_index": index, "id": doc.id, "source": doc.source, "format": doc.format,
        "original": doc.original, "clean": doc.clean, "offset_map": json.dumps(doc.offset_map),
        "title": doc.title, "author": doc.author, "outlet": doc.outlet,
        "published": doc.published, "published_basis": doc.published_basis,
        "language": doc.language, "warnings": json.dumps(doc.warnings),
        "meta": json.dumps(doc.meta, default=str), "words": doc.words, "error": None,
    }


def document_from_row(row: dict[str, Any]) -> IngestedDocument:
    return IngestedDocument(
        id=row["id"], source=row["source"], format=row["format"], original=row["original"],
        clean=row["clean"], offset_map=json.loads(row["offset_map"]), title=row["title"],
        author=row["author"], outlet=row["outlet"], published=row["published"],
        published_basis=row["published_basis"] or "none", language=row["language"],
        warnings=json.loads(row["warnings"] or "[]"), meta=json.loads(row["meta"] or "{}"),
    )


DOC_SCHEMA = (
    "path_index long, id string, source string, format string, original string, clean string, "
    "offset_map string, title string, author string, outlet string, published string, "
    "published_basis string, language string, warnings string, meta string, words long, "
    "error string"
)
DOC_FIELDS = [f.split()[0] for f in DOC_SCHEMA.split(", ")]
EXTRACTION_SCHEMA = (
    "document_id string, extractor_version string, payload string, error string, words long, "
    "events long, worker string, rss_mb double, seconds double, pipeline_loads long"
)
#: The part of the extraction JSON that blocking needs, parsed with Spark SQL ``from_json``.
EVENTS_JSON_SCHEMA = (
    "struct<events: array<struct<type: string, source: array<string>, "
    "target: array<string>, date_value: string, modality: string>>>"
)


# -- executor functions (module level so that cloudpickle sends them by reference) ------


def _read_partition(rows: Iterable[Any]) -> Iterator[dict[str, Any]]:
    """Read files on an executor; a bad file becomes an error row, not a failed task."""
    for row in rows:
        try:
            doc = _read(row["path"])
        except IngestError as exc:
            yield {**dict.fromkeys(DOC_FIELDS), "path_index": row["path_index"],
                   "source": row["path"], "error": str(exc)}
            continue
        yield document_to_row(doc, row["path_index"])


def _max_rss_mb() -> float:
    import resource

    # ru_maxrss is in KiB on Linux.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _extract_partition(rows: Iterable[Any]) -> Iterator[dict[str, Any]]:
    """Extract one partition: the pipeline is loaded (or reused) once, then batched."""
    from ..extract.pipeline import get_nlp

    docs = [document_from_row(r.asDict()) for r in rows]
    if not docs:
        return
    loads_before = get_nlp.cache_info().misses
    started = time.perf_counter()
    get_nlp()
    loads = get_nlp.cache_info().misses - loads_before
    results = _extract(docs)
    seconds = time.perf_counter() - started
    worker = f"{os.uname().nodename}:{os.getpid()}"
    rss = _max_rss_mb()
    for i, (doc, ex) in enumerate(zip(docs, results, strict=True)):
        failed = isinstance(ex, str)
        yield {
            "document_id": doc.id, "extractor_version": None if failed else ex.extractor_version,
            "payload": None if failed else json.dumps(ex.to_dict()),
            "error": ex if failed else None, "words": doc.words,
            "events": 0 if failed else len(ex.events), "worker": worker, "rss_mb": rss,
            # Partition-level figures on the first row only, so sums stay right.
            "seconds": seconds if i == 0 else 0.0, "pipeline_loads": loads if i == 0 else 0,
        }


# -- the session ----------------------------------------------------------------------


def spark_session(master: str = DEFAULT_MASTER, conf: dict[str, str] | None = None,
                  app_name: str = "accord") -> SparkSession:
    """A SparkSession whose Python workers run this interpreter and import accord.

    On a cluster the executors need accord installed (``pip install accord[spark]``
    on every node) or the source shipped with ``spark.submit.pyFiles``; locally
    the workers inherit ``PYTHONPATH`` pointing at this installation.
    """
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:  # pragma: no cover - depends on the installation
        raise SparkEngineError(
            "pyspark is not installed: pip install 'accord[spark]'"
        ) from exc
    import accord

    src = str(Path(accord.__file__).resolve().parent.parent)
    pythonpath = os.pathsep.join(p for p in (src, os.environ.get("PYTHONPATH")) if p)
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    os.environ["PYTHONPATH"] = pythonpath
    builder = (
        SparkSession.builder.master(master).appName(app_name)
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.executorEnv.PYTHONPATH", pythonpath)
        .config("spark.executorEnv.PYSPARK_PYTHON", os.environ["PYSPARK_PYTHON"])
        .config("spark.python.worker.reuse", "true")
        .config("spark.sql.execution.arrow.pyspark.enabled", "false")
    )
    conf = dict(conf or {})
    if "spark.driver.extraJavaOptions" not in conf:
        # Spark's default log4j profile prints start-up warnings and banners on
        # stderr, which would mix with accord's own output: log errors only.
        conf["spark.driver.extraJavaOptions"] = f"-Dlog4j2.configurationFile={_quiet_log4j()}"
    for key, value in conf.items():
        builder = builder.config(key, value)
    try:
        spark = builder.getOrCreate()
    except Exception as exc:  # JVM missing, bad master URL...
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise SparkEngineError(f"cannot start Spark with master {master}: {first}") from exc
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def _quiet_log4j() -> str:
    """A log4j2 configuration file (written once per process) that logs errors only."""
    path = Path(tempfile.gettempdir()) / f"accord-log4j2-{os.getuid()}.properties"
    if not path.exists():
        path.write_text(
            "rootLogger.level = error\n"
            "rootLogger.appenderRef.stderr.ref = console\n"
            "appender.console.type = Console\n"
            "appender.console.name = console\n"
            "appender.console.target = SYSTEM_ERR\n"
            "appender.console.layout.type = PatternLayout\n"
            "appender.console.layout.pattern = spark: %p %c{1}: %m%n%ex\n",
            encoding="utf-8",
        )
    return path.as_uri()


# -- the pipeline ---------------------------------------------------------------------


def list_files(paths: Sequence[str | os.PathLike[str]]) -> list[str]:
    """Files named, and readable files found recursively in folders, in sorted order."""
    try:
        from ..ingest import discover  # the ingest layer's own walker, when it has one
    except ImportError:
        discover = None
    if discover is not None:
        return [str(p) for p in discover([Path(p) for p in paths])]
    out: list[str] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(str(f) for f in sorted(p.rglob("*"))
                       if f.is_file() and f.suffix.lower() in READABLE
                       and not any(part.startswith(".") for part in f.relative_to(p).parts))
        else:
            out.append(str(p))
    return out


def copy_candidates(docs: DataFrame, distance: float = LSH_DISTANCE,
                    seed: int = 7) -> DataFrame:
    """Pairs of documents whose shingle sets are close: MinHash LSH in Spark.

    Shingles are word 5-grams of the cleaned, lower-cased text, hashed into a
    2^20 binary vector. Returns ``(a, b, jaccard)`` with ``a < b``.
    """
    from pyspark.ml import Pipeline
    from pyspark.ml.feature import HashingTF, MinHashLSH, NGram, RegexTokenizer
    from pyspark.sql import functions as F

    tok = RegexTokenizer(inputCol="clean", outputCol="tokens", pattern=r"\W+", toLowercase=True)
    grams = NGram(n=SHINGLE_WORDS, inputCol="tokens", outputCol="shingles")
    tf = HashingTF(inputCol="shingles", outputCol="features", numFeatures=1 << 20, binary=True)
    prepared = Pipeline(stages=[tok, grams, tf]).fit(docs).transform(docs)
    prepared = prepared.where(F.size("shingles") > 0).select("id", "features")
    lsh = MinHashLSH(inputCol="features", outputCol="hashes", numHashTables=8, seed=seed)
    model = lsh.fit(prepared)
    hashed = model.transform(prepared).cache()
    pairs = model.approxSimilarityJoin(hashed, hashed, distance, distCol="distance")
    return pairs.select(
        F.col("datasetA.id").alias("a"), F.col("datasetB.id").alias("b"),
        (F.lit(1.0) - F.col("distance")).alias("jaccard"),
    ).where(F.col("a") < F.col("b"))


def event_blocks(spark: SparkSession, extractions: DataFrame) -> DataFrame:
    """Group event mentions by blocking key with Spark SQL.

    The block of an event mention is its sorted (source, target) actor pair,
    its PLOVER quad class and its month: the same coarse blocking that event
    coreference uses before scoring pairs. One row per block with its mention
    and document counts.
    """
    from pyspark.sql import functions as F

    from ..records import QUAD_CLASS

    quad = F.create_map(*[x for t, q in QUAD_CLASS.items() for x in (F.lit(t), F.lit(q))])
    parsed = extractions.select(
        "document_id", F.from_json("payload", EVENTS_JSON_SCHEMA).alias("p"))
    mentions = parsed.select("document_id", F.explode("p.events").alias("e")).select(
        "document_id", F.col("e.type").alias("type"), quad[F.col("e.type")].alias("quad"),
        F.array_join(F.array_sort(F.array_union(F.coalesce("e.source", F.array()),
                                                F.coalesce("e.target", F.array()))), "|")
        .alias("actors"),
        F.substring(F.coalesce("e.date_value", F.lit("")), 1, 7).alias("month"),
    )
    mentions.createOrReplaceTempView("accord_event_mentions")
    return spark.sql(
        "SELECT concat_ws('/', actors, quad, month) AS block_key, count(*) AS mentions, "
        "count(DISTINCT document_id) AS documents, collect_set(type) AS types "
        "FROM accord_event_mentions GROUP BY actors, quad, month"
    )


@dataclass
class SparkBuildReport(BuildReport):
    """A :class:`~accord.engine.local.BuildReport` plus what happened in Spark."""

    master: str = DEFAULT_MASTER
    stage_seconds: dict[str, float] = field(default_factory=dict)
    copy_candidates: list[tuple[str, str, float]] = field(default_factory=list)
    blocks: int = 0
    peak_rss_mb: dict[str, float] = field(default_factory=dict)  # worker -> MiB
    pipeline_loads: int = 0
    partitions: int = 0
    words: int = 0
    work_dir: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out = super().to_dict()
        out["spark"] = {
            "master": self.master, "partitions": self.partitions,
            "pipeline_loads": self.pipeline_loads, "words": self.words,
            "stage_seconds": {k: round(v, 3) for k, v in self.stage_seconds.items()},
            "copy_candidates": len(self.copy_candidates), "blocks": self.blocks,
            "peak_rss_mb": self.peak_rss_mb, "work_dir": self.work_dir,
        }
        return out


def build(
    store: Store,
    paths: Sequence[str | os.PathLike[str]],
    *,
    workers: int | None = None,
    progress: Progress | None = None,
    actors_files: Sequence[str | os.PathLike[str]] | None = None,
    command: str = "build",
    master: str = DEFAULT_MASTER,
    partitions: int | None = None,
    work_dir: str | os.PathLike[str] | None = None,
    keep_work: bool = False,
    spark_conf: dict[str, str] | None = None,
    spark: SparkSession | None = None,
) -> SparkBuildReport:
    """Build (or extend) ``store`` from ``paths`` on Spark; same contract as
    :func:`accord.engine.local.build` (same outcomes, same knowledge base).

    ``master`` is any Spark master URL (``local[2]``, ``spark://host:7077``,
    ``yarn``, ``k8s://...``); ``workers`` is ignored (the master decides).
    ``work_dir`` holds the Parquet records (a temporary folder removed
    afterwards unless given or ``keep_work``; on a cluster give a path every
    node can reach). Pass an open ``spark`` session to reuse it (benchmarks,
    tests); otherwise one is started and stopped here.
    """
    from ..extract import EXTRACTOR_VERSION

    del workers
    t0 = time.monotonic()
    report = SparkBuildReport(command=command, master=master)
    configure_extractor(actors_files)  # validate before any work
    store.mark_dead_runs()
    report.run_id = store.start_run(
        f"{command} --engine spark " + " ".join(str(p) for p in paths), EXTRACTOR_VERSION)
    status = "failed"
    own_work = work_dir is None
    work = Path(tempfile.mkdtemp(prefix="accord-spark-")) if own_work else Path(work_dir)
    report.work_dir = str(work)
    own_session = spark is None
    try:
        files = _discover(paths, report)
        t = time.perf_counter()
        if spark is None:
            conf = dict(spark_conf or {})
            if os.environ.get("ACCORD_ACTORS"):
                conf.setdefault("spark.executorEnv.ACCORD_ACTORS", os.environ["ACCORD_ACTORS"])
            spark = spark_session(master, conf)
        report.stage_seconds["session"] = time.perf_counter() - t
        try:
            _run(spark, store, files, work, partitions, report, progress, EXTRACTOR_VERSION)
        except AccordError:
            raise
        except Exception as exc:
            if type(exc).__module__.startswith(("py4j", "pyspark")):
                raise SparkEngineError(f"Spark job failed: {_first_line(exc)}") from exc
            raise
        finally:
            if own_session:
                spark.stop()

        t = time.perf_counter()
        reconcile_pending(store, report, progress)
        if report.reconcile:
            report.stage_seconds["reconcile"] = time.perf_counter() - t
        status = "ok"
    except KeyboardInterrupt:
        status = "interrupted"
        raise
    finally:
        if own_work and not keep_work:
            shutil.rmtree(work, ignore_errors=True)
            report.work_dir = None
        report.status = status
        report.seconds = time.monotonic() - t0
        _finish_run(store, report, status)
    return report


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0][:300] if text else type(exc).__name__


def _run(spark: SparkSession, store: Store, files: list[str], work: Path,
         partitions: int | None, report: SparkBuildReport, progress: Progress | None,
         version: str) -> None:
    from pyspark.sql import functions as F

    sc = spark.sparkContext
    report.workers = sc.defaultParallelism  # executor cores, for the summary line
    pending_ids = store.pending_documents(version)
    known = store.document_ids()
    n_inputs = len(files) + len(pending_ids)
    report.inputs = n_inputs
    if not n_inputs:
        return
    n_parts = partitions or max(1, min(n_inputs, sc.defaultParallelism * 4))
    report.partitions = n_parts
    uri = work.resolve().as_uri() if "://" not in str(work) else str(work)

    # 1. read, in Spark. Documents stored by an interrupted build but not
    # extracted come from the store (negative path_index: they go first, as in
    # the local engine).
    t = time.perf_counter()
    rows = [document_to_row(store.load_document(d), -1 - i) for i, d in enumerate(pending_ids)]
    read_df = spark.createDataFrame([], DOC_SCHEMA)
    if files:
        paths_df = spark.createDataFrame(
            [(i, p) for i, p in enumerate(files)], "path_index long, path string"
        ).repartition(min(n_parts, len(files)))
        read_df = spark.createDataFrame(paths_df.rdd.mapPartitions(_read_partition), DOC_SCHEMA)
    if rows:
        read_df = read_df.unionByName(spark.createDataFrame(rows, DOC_SCHEMA))
    read_df.write.mode("overwrite").parquet(f"{uri}/documents")
    docs = spark.read.parquet(f"{uri}/documents")
    report.stage_seconds["read"] = time.perf_counter() - t

    # Decide per input, in input order, on the driver (small columns only).
    todo: list[tuple[int, str]] = []
    sources: dict[int, str] = {}
    seen: set[str] = set()
    pending_set = set(pending_ids)
    for r in docs.select("path_index", "source", "id", "error").orderBy("path_index").collect():
        if r["error"] is not None:
            report.outcomes.append(FileOutcome(source=r["source"], status="failed",
                                               reason=_reason(r["error"], r["source"])))
        elif r["id"] in seen or (r["id"] in known and r["id"] not in pending_set):
            report.outcomes.append(FileOutcome(source=r["source"], status="exists",
                                               document_id=r["id"], reason="already stored"))
        else:
            seen.add(r["id"])
            todo.append((r["path_index"], r["id"]))
            sources[r["path_index"]] = r["source"]
    if not todo:
        return
    todo_df = spark.createDataFrame(todo, "path_index long, id string")
    pending = docs.join(F.broadcast(todo_df), ["path_index", "id"]).repartition(
        min(n_parts, len(todo)))

    # 2. extract, in Spark: one pipeline load per partition
    t = time.perf_counter()
    if progress:
        progress("extract", 0, len(todo), None)
    extractions = spark.createDataFrame(
        pending.rdd.mapPartitions(_extract_partition), EXTRACTION_SCHEMA)
    extractions.write.mode("overwrite").parquet(f"{uri}/extractions")
    extractions = spark.read.parquet(f"{uri}/extractions")
    stats = extractions.groupBy("worker").agg(
        F.max("rss_mb").alias("rss_mb"), F.sum("words").alias("words"),
        F.sum("pipeline_loads").alias("loads"),
    ).collect()
    report.peak_rss_mb = {r["worker"]: round(r["rss_mb"], 1) for r in stats}
    report.words = int(sum(r["words"] for r in stats))
    report.pipeline_loads = int(sum(r["loads"] for r in stats))
    report.stage_seconds["extract"] = time.perf_counter() - t

    # 3-5. copy candidates and blocks, in Spark, kept as Parquet
    t = time.perf_counter()
    ok = extractions.where(F.col("error").isNull())
    cands = copy_candidates(pending.select("id", "clean"))
    cands.write.mode("overwrite").parquet(f"{uri}/copy_candidates")
    report.copy_candidates = sorted(
        (r["a"], r["b"], round(r["jaccard"], 3))
        for r in spark.read.parquet(f"{uri}/copy_candidates").collect()
    )
    event_blocks(spark, ok).write.mode("overwrite").parquet(f"{uri}/blocks")
    report.blocks = spark.read.parquet(f"{uri}/blocks").count()
    report.stage_seconds["spark_sql"] = time.perf_counter() - t

    # 6. load into the store, in input order, one transaction per document
    t = time.perf_counter()
    joined = pending.join(extractions.select("document_id", "payload", "error"),
                          pending["id"] == extractions["document_id"]).orderBy("path_index")
    new_records: dict[str, int] = {}
    written: set[str] = set()
    done = 0
    for row in joined.toLocalIterator():
        row = row.asDict()
        source = sources.get(row["path_index"], row["source"])
        if row["error"] is not None:
            outcome = _store_result(store, "failed", source, row["error"], written)
        else:
            doc = document_from_row(row)
            ex = extraction_from_dict(json.loads(row["payload"]))
            outcome = _store_result(store, "ok", source, (doc, ex), written)
            if outcome.status in ("added", "extracted"):
                for k in ("sentences", "mentions", "events", "claims"):
                    new_records[k] = new_records.get(k, 0) + int(ex.stats.get(k, 0) or 0)
        report.outcomes.append(outcome)
        done += 1
        if progress:
            progress("extract", done, len(todo), source)
    report.new_records = new_records
    report.stage_seconds["load"] = time.perf_counter() - t


def _reason(error: str, source: str) -> str:
    """The reason part of an ``IngestError`` message (``path: reason``)."""
    prefix = f"{source}: "
    return error[len(prefix):] if error.startswith(prefix) else error


__all__ = [
    "DEFAULT_MASTER", "SparkBuildReport", "SparkEngineError", "build", "copy_candidates",
    "event_blocks", "extraction_from_dict", "list_files", "spark_session",
]
