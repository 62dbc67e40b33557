"""The Apache Spark engine: ``accord build DIR --engine spark [--master URL]``.

Why: one laptop's process pool stops being enough for a news archive of
millions of articles. Extraction is a pure per-document function
(:func:`accord.extract.extract_many`) and so is the clustering of one event
block, so both distribute over any Spark cluster without home-made cluster
code; what needs the whole knowledge base stays in the store.

What runs where
---------------
1. **read** (Spark): the file list becomes a DataFrame; ``mapPartitions``
   reads each file with :func:`accord.ingest.read_document` (readers,
   cleaning, offset map, metadata). An unreadable file becomes an error row
   and is reported; the batch goes on.
2. **extract** (Spark): ``mapPartitions`` runs the spaCy pipeline with
   accord's components once per partition (one pipeline load per partition,
   and Spark reuses Python workers, so in practice once per worker), batched
   through ``nlp.pipe``. One row per document with the
   :class:`~accord.records.Extraction` as JSON, plus per-partition statistics
   (words, seconds, peak RSS of the worker). A document whose extraction
   fails is reported, not stored.
3. **LSH bands** (Spark): executors compute each new document's MinHash band
   hashes with the store's banding scheme
   (:func:`accord.engine.spark_reconcile.lsh_bands`).
4. **Parquet**: documents, extractions, bands, copy candidates and the
   exported event mentions go to a work directory (any Hadoop path on a
   cluster: ``hdfs://``, ``s3a://``).
5. **load** (driver -> store): documents and extractions are written with
   ``Store.put_document`` / ``Store.put_extraction`` (one transaction per
   document, in input order), and the band hashes into the store's LSH table.
6. **reconcile** (:func:`accord.reconcile.reconcile`, with two Spark hooks):

   a. entity resolution: store (cross-document, reads every stored mention);
   b. copy candidates: **Spark SQL** self-join of the band table (this
      build's bands plus the stored documents'), shared bands counted per
      pair, each document's best ``max_candidates`` kept: the store's own
      candidate rule, so recall is the same. Sentence alignment and the
      ``copy_of`` decision then run in the store on those candidates only;
   c. event coreference: the store loads the touched blocks' mentions with
      resolved actors and block keys; they are exported to a DataFrame,
      grouped by block key with **Spark SQL**, and each block is clustered on
      an executor (:func:`accord.reconcile.events.block_events`, source groups
      broadcast). The store writes the returned events (same ids as the local
      engine) and mention links;
   d. claims and contradictions: store.

Steps a, the copy decision and d need the whole store (an ``accord add`` to a
knowledge base built last month); running the same store code for both
engines is what makes the Spark and the local knowledge bases identical.
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
from functools import partial
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
from ..settings import Settings, current, using
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
    count_new_records,
    reconcile_pending,
)
from .spark_reconcile import SparkCandidates, SparkEventClusterer, lsh_bands, store_bands

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

    from ..store import Store

DEFAULT_MASTER = "local[2]"
#: Extensions the readers understand (others are skipped when walking a folder).
READABLE = (".txt", ".md", ".markdown", ".html", ".htm", ".pdf")


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


def _extract_partition(settings: Settings, rows: Iterable[Any]) -> Iterator[dict[str, Any]]:
    """Extract one partition: the pipeline is loaded (or reused) once, then batched.

    ``settings`` travel with the task (the build's, ``--actors`` included), so an
    executor on another machine extracts as the driver would.
    """
    from ..extract.pipeline import get_nlp
    from ..settings import activate

    activate(settings)

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
        from ..install import install_hint

        raise SparkEngineError(f"pyspark is not installed: {install_hint('spark')}") from exc
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


@dataclass
class SparkBuildReport(BuildReport):
    """A :class:`~accord.engine.local.BuildReport` plus what happened in Spark."""

    master: str = DEFAULT_MASTER
    stage_seconds: dict[str, float] = field(default_factory=dict)
    #: (a, b, shared LSH bands) for every candidate pair Spark gave copy detection.
    copy_candidates: list[tuple[str, str, int]] = field(default_factory=list)
    blocks: int = 0  # event blocks clustered on executors
    event_mentions: int = 0  # event mentions exported to Spark for clustering
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
            "event_mentions": self.event_mentions,
            "peak_rss_mb": self.peak_rss_mb, "work_dir": self.work_dir,
        }
        return out


def build(store: Store, paths: Sequence[str | os.PathLike[str]], *,
          settings: Settings | None = None, **options: Any) -> SparkBuildReport:
    """Build (or extend) ``store`` from ``paths`` on Spark with ``settings`` active
    (default: the active ones); ``options`` are those of :func:`_build`."""
    with using(settings or current()):
        return _build(store, paths, **options)


def _build(
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
    # A Hadoop URI (hdfs://, s3a://) stays a string: Path would fold its "//".
    work: Path | str = (Path(tempfile.mkdtemp(prefix="accord-spark-")) if own_work
                        else str(work_dir) if "://" in str(work_dir) else Path(work_dir))
    report.work_dir = str(work)
    own_session = spark is None
    try:
        files = _discover(paths, report)
        t = time.perf_counter()
        if spark is None:
            spark = spark_session(master, dict(spark_conf or {}))
        report.stage_seconds["session"] = time.perf_counter() - t
        try:
            new_bands, new_ids = _run(spark, store, files, work, partitions, report, progress,
                                      EXTRACTOR_VERSION)
            _reconcile(spark, store, report, progress, new_bands, new_ids, _uri(work))
        except AccordError:
            raise
        except Exception as exc:
            if type(exc).__module__.startswith(("py4j", "pyspark")):
                raise SparkEngineError(f"Spark job failed: {_first_line(exc)}") from exc
            raise
        finally:
            if own_session:
                spark.stop()
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
    """One line saying what failed.

    An exception raised in a Python worker arrives as a ``PythonException``
    whose first line only says so; its worker traceback ends with the real
    error (``ValueError: ...``), which is the line worth showing.
    """
    lines = [ln.strip() for ln in str(exc).strip().splitlines() if ln.strip()]
    if not lines:
        return type(exc).__name__
    if any(ln.startswith("Traceback") for ln in lines):
        tail = [ln for ln in lines if not ln.startswith(("File ", "at ", "^", "~"))]
        return tail[-1][:300]
    return lines[0][:300]


def _uri(work: Path | str) -> str:
    return str(work).rstrip("/") if "://" in str(work) else Path(work).resolve().as_uri()


def _reconcile(spark: SparkSession, store: Store, report: SparkBuildReport,
               progress: Progress | None, new_bands: DataFrame | None, new_ids: list[str],
               uri: str) -> None:
    """Reconcile with copy candidates and event clustering in Spark (see the module doc)."""
    if not store.unreconciled_documents():
        return
    t = time.perf_counter()
    if new_bands is None:
        new_bands = spark.createDataFrame([], "doc_id string, band long")
    candidates = SparkCandidates(spark, store, new_bands, new_ids, uri)
    clusterer = SparkEventClusterer(spark, uri)
    try:
        reconcile_pending(store, report, progress, candidates=candidates,
                          cluster_events=clusterer)
    finally:
        candidates.close()
    report.stage_seconds["reconcile"] = time.perf_counter() - t
    report.stage_seconds["reconcile.spark_copy_candidates"] = candidates.seconds
    report.stage_seconds["reconcile.spark_event_clustering"] = clusterer.seconds
    report.copy_candidates = sorted((a, b, n) for (a, b), n in candidates.pairs.items())
    report.blocks = clusterer.blocks
    report.event_mentions = clusterer.mentions


def _run(spark: SparkSession, store: Store, files: list[str], work: Path | str,
         partitions: int | None, report: SparkBuildReport, progress: Progress | None,
         version: str) -> tuple[DataFrame | None, list[str]]:
    """Read, extract and load; returns the LSH bands of the stored documents and their ids.

    Phases: read (Spark), decide per input (driver), extract (Spark), LSH band
    hashes (Spark), load into the store (driver, in input order).
    """
    sc = spark.sparkContext
    report.workers = sc.defaultParallelism  # executor cores, for the summary line
    pending_ids = store.pending_documents(version)
    known = store.document_ids()
    n_inputs = len(files) + len(pending_ids)
    report.inputs = n_inputs
    if not n_inputs:
        return None, []
    n_parts = partitions or max(1, min(n_inputs, sc.defaultParallelism * 4))
    report.partitions = n_parts
    uri = _uri(work)
    docs = _read_phase(spark, store, files, pending_ids, n_parts, uri, report)
    todo, sources = _decide_phase(docs, known, set(pending_ids), report)
    if not todo:
        return None, []
    from pyspark.sql import functions as F

    todo_df = spark.createDataFrame(todo, "path_index long, id string")
    pending = docs.join(F.broadcast(todo_df), ["path_index", "id"]).repartition(
        min(n_parts, len(todo)))
    extractions = _extract_phase(spark, pending, len(todo), uri, report, progress)
    bands = _lsh_phase(spark, pending, uri, report)
    stored = _load_phase(store, pending, extractions, sources, len(todo), report, progress)
    # ...and the stored documents' band hashes into the store's LSH table.
    t = time.perf_counter()
    stored_df = spark.createDataFrame([(d,) for d in stored], "doc_id string")
    bands = bands.join(F.broadcast(stored_df), "doc_id")
    store_bands(store, ((r["doc_id"], r["band"]) for r in bands.toLocalIterator()))
    report.stage_seconds["load_bands"] = time.perf_counter() - t
    return bands, stored


def _read_phase(spark: SparkSession, store: Store, files: list[str], pending_ids: list[str],
                n_parts: int, uri: str, report: SparkBuildReport) -> DataFrame:
    """1. read, in Spark. Documents stored by an interrupted build but not extracted come
    from the store (negative path_index: they go first, as in the local engine)."""
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
    return docs


def _decide_phase(docs: DataFrame, known: set[str], pending_set: set[str],
                  report: SparkBuildReport) -> tuple[list[tuple[int, str]], dict[int, str]]:
    """Decide per input, in input order, on the driver (small columns only): failed,
    already stored, or to extract."""
    todo: list[tuple[int, str]] = []
    sources: dict[int, str] = {}
    seen: set[str] = set()
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
    return todo, sources


def _extract_phase(spark: SparkSession, pending: DataFrame, n_todo: int, uri: str,
                   report: SparkBuildReport, progress: Progress | None) -> DataFrame:
    """2. extract, in Spark: one pipeline load per partition, the build's settings with it."""
    from pyspark.sql import functions as F

    t = time.perf_counter()
    if progress:
        progress("extract", 0, n_todo, None)
    extractions = spark.createDataFrame(
        pending.rdd.mapPartitions(partial(_extract_partition, current())), EXTRACTION_SCHEMA)
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
    return extractions


def _lsh_phase(spark: SparkSession, pending: DataFrame, uri: str,
               report: SparkBuildReport) -> DataFrame:
    """3. MinHash LSH band hashes of the documents, in Spark, kept as Parquet."""
    t = time.perf_counter()
    lsh_bands(pending.select("id", "clean")).write.mode("overwrite").parquet(f"{uri}/bands")
    bands = spark.read.parquet(f"{uri}/bands")
    report.stage_seconds["lsh_bands"] = time.perf_counter() - t
    return bands


def _load_phase(store: Store, pending: DataFrame, extractions: DataFrame,
                sources: dict[int, str], n_todo: int, report: SparkBuildReport,
                progress: Progress | None) -> list[str]:
    """4. load into the store, in input order, one transaction per document; returns the
    ids of the documents stored."""
    t = time.perf_counter()
    joined = pending.join(extractions.select("document_id", "payload", "error"),
                          pending["id"] == extractions["document_id"]).orderBy("path_index")
    new_records: dict[str, int] = {}
    written: set[str] = set()
    stored: list[str] = []
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
                stored.append(doc.id)
                count_new_records(new_records, ex.stats)
        report.outcomes.append(outcome)
        done += 1
        if progress:
            progress("extract", done, n_todo, source)
    report.new_records = new_records
    report.stage_seconds["load"] = time.perf_counter() - t
    return stored


def _reason(error: str, source: str) -> str:
    """The reason part of an ``IngestError`` message (``path: reason``)."""
    prefix = f"{source}: "
    return error[len(prefix):] if error.startswith(prefix) else error


__all__ = [
    "DEFAULT_MASTER", "SparkBuildReport", "SparkEngineError", "build", "extraction_from_dict",
    "list_files", "spark_session",
]
