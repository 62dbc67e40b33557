"""``accord bench``: the figures of the scale issue, measured in one run.

Sections (each can fail on its own without losing the others; the failure is
recorded in the JSON and shown in the table):

* ``throughput``: extraction words/s of accord's full pipeline
  (:func:`accord.extract.extract_many`) and of the bare spaCy pipeline
  (:func:`accord.extract.pipeline.load_base` ``nlp.pipe``) on the same
  synthetic texts, in this process, pipelines loaded before timing; ratio =
  accord / bare (target >= 0.7). Best of ``rounds`` interleaved rounds, since
  the machine may be shared.
* ``build``: wall time of ``build`` for each corpus size with the local
  engine (process pool) and with Spark on ``local[2]``, from files on disk to
  a reconciled store. The Spark figure includes starting the session.
* ``incremental``: ``accord add`` of one new article into a store of N
  documents. The big store is bulk-loaded with synthetic records
  (:mod:`accord.bench.bulk`), not built by running spaCy on N articles. Timed
  twice: the library call in a warm process (pipeline loaded: what a server
  or a batch sees; target < 1 s) and the ``accord add`` command as a fresh
  process (includes Python start-up and loading spaCy).
* ``queries``: p50/p95 latency of timeline, dyad and search on a store of N
  synthetic events (bulk-loaded; SQLite, and PostgreSQL when a URL is given),
  through the :mod:`accord.query` functions the CLI and web UI use.
* ``memory``: peak RSS of this process, of the local engine's pool workers
  and of each Spark Python worker (``getrusage`` max RSS).
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .synth import STATES, Generator, SynthArticle, SynthConfig, write_corpus

TARGETS = {
    "throughput_ratio": 0.7,
    "incremental_add_s": 1.0,
    "query_p95_ms": 200.0,
    "worker_peak_mb": 1536.0,
}

Say = Callable[[str], None]


@dataclass
class BenchConfig:
    """Sizes of one bench run. ``quick()`` gives sizes that finish in minutes."""

    throughput_docs: int = 500
    rounds: int = 2
    build_docs: list[int] = field(default_factory=lambda: [1000, 10000])
    engines: list[str] = field(default_factory=lambda: ["local", "spark"])
    store_docs: int = 10000
    events: int = 1_000_000
    query_reps: int = 100
    db_url: str | None = None
    master: str = "local[2]"
    seed: int = 0
    work_dir: str | None = None
    keep: bool = False
    cli_add: bool = True
    query_sqlite: bool = True  # False: query latency on --db-url only
    add_timeout: float = 1800.0  # seconds before an `add` counts as failed

    @classmethod
    def quick(cls) -> BenchConfig:
        return cls(throughput_docs=80, rounds=1, build_docs=[100], store_docs=1000,
                   events=50_000, query_reps=30, add_timeout=300.0)


def machine() -> dict[str, Any]:
    import psutil

    info: dict[str, Any] = {
        "cores": os.cpu_count(),
        "usable_cores": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None,
        "memory_gib": round(psutil.virtual_memory().total / 2**30, 1),
        "platform": platform.platform(), "python": platform.python_version(),
        "load_average": [round(x, 2) for x in os.getloadavg()],
    }
    try:
        import spacy

        info["spacy"] = spacy.__version__
    except ImportError:  # pragma: no cover
        pass
    return info


class RssSampler:
    """Peak RSS of every descendant process, sampled in a background thread.

    Why: the local engine's pool workers start from a forkserver and Spark's
    Python workers are children of the JVM, so neither is a waited-for child
    of this process and ``getrusage(RUSAGE_CHILDREN)`` cannot see them.
    Sampling every ``interval`` seconds may miss a short spike; workers hold a
    loaded pipeline for their whole life, so the plateau is what counts.
    """

    def __init__(self, interval: float = 0.25):
        import threading

        self.interval = interval
        self.peak: dict[int, tuple[str, float]] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def _loop(self) -> None:
        import psutil

        me = psutil.Process()
        while not self._stop.is_set():
            try:
                procs = me.children(recursive=True)
            except psutil.Error:
                procs = []
            for p in procs:
                try:
                    rss = p.memory_info().rss / 2**20
                    name = p.name()
                except psutil.Error:
                    continue
                if rss > self.peak.get(p.pid, ("", 0.0))[1]:
                    self.peak[p.pid] = (name, rss)
            self._stop.wait(self.interval)

    def __enter__(self) -> RssSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def python_workers(self) -> dict[str, float]:
        """Peak MiB per Python descendant (pool or Spark workers), largest first."""
        rows = sorted(((pid, rss) for pid, (name, rss) in self.peak.items()
                       if name.startswith("python")), key=lambda r: -r[1])
        return {str(pid): round(rss, 1) for pid, rss in rows}

    def jvm_mb(self) -> float | None:
        jvm = [rss for name, rss in self.peak.values() if name == "java"]
        return round(max(jvm), 1) if jvm else None


def _max_rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    return round(resource.getrusage(who).ru_maxrss / 1024, 1)


def _pct(values: list[float], q: float) -> float:
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def _documents(arts: list[SynthArticle], directory: Path) -> list[Any]:
    """Ingested documents for synthetic articles, read by the real readers."""
    paths = write_corpus(directory, arts)
    from ..ingest import read_document

    return [read_document(p) for p in paths]


# -- sections ------------------------------------------------------------------------


def bench_throughput(cfg: BenchConfig, work: Path, say: Say) -> dict[str, Any]:
    from ..extract import extract_many
    from ..extract.pipeline import get_nlp, load_base

    arts = Generator(SynthConfig(seed=cfg.seed)).articles(cfg.throughput_docs)
    docs = _documents(list(arts), work / "throughput")
    texts = [d.clean for d in docs]
    words = sum(len(t.split()) for t in texts)
    say(f"throughput: loading pipelines, {len(docs)} documents, {words} words")
    base = load_base()
    nlp = get_nlp()
    list(base.pipe(texts[:4]))
    list(extract_many(docs[:4]))
    base_s, accord_s = [], []
    for r in range(cfg.rounds):
        say(f"throughput: round {r + 1}/{cfg.rounds}")
        t = time.perf_counter()
        for _ in base.pipe(texts, batch_size=16):
            pass
        base_s.append(time.perf_counter() - t)
        t = time.perf_counter()
        for _ in extract_many(docs):
            pass
        accord_s.append(time.perf_counter() - t)
    b, a = min(base_s), min(accord_s)
    return {
        "documents": len(docs), "words": words, "rounds": cfg.rounds,
        "spacy_words_per_s": round(words / b, 1), "accord_words_per_s": round(words / a, 1),
        "ratio": round(b / a, 3), "target_ratio": TARGETS["throughput_ratio"],
        "spacy_pipes": list(base.pipe_names), "accord_pipes": list(nlp.pipe_names),
        "seconds": {"spacy": [round(x, 3) for x in base_s],
                    "accord": [round(x, 3) for x in accord_s]},
    }


def bench_build(cfg: BenchConfig, work: Path, say: Say) -> list[dict[str, Any]]:
    from ..engine import local
    from ..store import Store

    sizes = sorted(set(cfg.build_docs))
    corpus = work / "corpus"
    say(f"build: writing a synthetic corpus of {max(sizes)} articles")
    files = [str(p) for p in write_corpus(
        corpus, Generator(SynthConfig(seed=cfg.seed)).articles(max(sizes)))]
    out: list[dict[str, Any]] = []
    for n in sizes:
        for engine in cfg.engines:
            db = work / f"build-{engine}-{n}.db"
            say(f"build: {n} documents, {engine} engine")
            row: dict[str, Any] = {"engine": engine, "documents": n}
            try:
                with Store(db) as store:
                    with RssSampler() as sampler:
                        t = time.perf_counter()
                        if engine == "spark":
                            from ..engine import spark

                            report = spark.build(store, files[:n], master=cfg.master)
                            row["master"] = cfg.master
                            row["stage_seconds"] = {k: round(v, 2)
                                                    for k, v in report.stage_seconds.items()}
                            row["pipeline_loads"] = report.pipeline_loads
                            row["partitions"] = report.partitions
                        else:
                            report = local.build(store, files[:n])
                            row["workers"] = report.workers
                        row["seconds"] = round(time.perf_counter() - t, 2)
                    row["docs_per_s"] = round(n / row["seconds"], 2)
                    row["added"] = len(report.added)
                    row["failed"] = len(report.failed)
                    row["totals"] = store.counts()
                if engine == "local":
                    row["worker_peak_rss_mb"] = sampler.python_workers()
                else:
                    # getrusage inside each worker (exact), keyed host:pid; the
                    # sampled figures of every descendant are kept beside it.
                    row["worker_peak_rss_mb"] = report.peak_rss_mb
                    row["sampled_python_processes_mb"] = sampler.python_workers()
                    row["jvm_peak_rss_mb"] = sampler.jvm_mb()
            except Exception as exc:  # noqa: BLE001 - keep the other figures
                row["error"] = _error(exc)
            out.append(row)
            if not cfg.keep:
                for suffix in ("", "-wal", "-shm"):
                    Path(f"{db}{suffix}").unlink(missing_ok=True)
    return out


def _warm_add(db: str, warm_path: str, add_path: str, queue: Any) -> None:
    """In a child process: add one article to a small scratch store (what a process
    that has added before has done: the pipeline loaded, the reconciliation modules
    and their data files read), then time one add into the big store."""
    try:
        from ..engine import local
        from ..store import Store

        scratch = Path(db).with_name("incremental-warm.db")
        with Store(scratch) as warm:
            local.add(warm, [warm_path], workers=1)
        with Store(db) as store:
            t = time.perf_counter()
            report = local.add(store, [add_path], workers=1)
            seconds = time.perf_counter() - t
            rec = report.to_dict().get("reconcile") or {}
            queue.put({"warm_add_seconds": round(seconds, 3), "added": len(report.added),
                       # event-coreference pairs scored (only inside the blocks it touched)
                       "pairs_scored": (rec.get("events") or {}).get("pairs"),
                       # event pairs compared for cross-event date disagreements, and
                       # the contradictions the add's re-examined blocks hold, by kind
                       "date_pairs_scored": (rec.get("contradictions") or {}).get(
                           "date_pairs_scored"),
                       "contradictions": (rec.get("contradictions") or {}).get("by_kind"),
                       "reconcile": _short(rec),
                       "add_process_peak_mb": _max_rss_mb()})
    except Exception as exc:  # noqa: BLE001
        queue.put({"error": _error(exc)})


def bench_incremental(cfg: BenchConfig, work: Path, say: Say) -> dict[str, Any]:
    import multiprocessing as mp

    from sqlalchemy import func, select

    from ..store import Store
    from ..store import schema as S
    from . import bulk

    db = work / "incremental.db"
    say(f"incremental: bulk-loading {cfg.store_docs} synthetic documents")
    with Store(db) as store:
        load = bulk.populate(store, docs=cfg.store_docs)
        # Copies and events as reconciliation decides them (as in a built store), so
        # that the add changes only what the new article changes.
        bulk.finish(store, copy_relations=True, reconciled=True)
        with store.connect() as conn:  # (reconciliation's events, not the planted ones)
            load.events = int(conn.execute(select(func.count()).select_from(S.events))
                              .scalar() or 0)
    new = write_corpus(work / "incremental-new", list(
        Generator(SynthConfig(seed=cfg.seed + 1000)).articles(2, start=10**7)))
    warm = write_corpus(work / "incremental-warm", list(
        Generator(SynthConfig(seed=cfg.seed + 2000)).articles(1)))
    result: dict[str, Any] = {
        "store_documents": load.documents, "store_events": load.events,
        "bulk_load_seconds": round(load.seconds, 1),
        "target_seconds": TARGETS["incremental_add_s"], "timeout_seconds": cfg.add_timeout,
    }
    # The warm add runs in a child process (pipeline loaded first) so that a
    # pathological reconcile cannot hang the whole bench: past the timeout it is
    # stopped and reported as such.
    say("incremental: timing one `add` in a warm process")
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    proc = ctx.Process(target=_warm_add, args=(str(db), str(warm[0]), str(new[0]), queue))
    proc.start()
    try:
        result.update(queue.get(timeout=cfg.add_timeout))
    except Exception:  # noqa: BLE001 - queue.Empty: the add did not finish in time
        result["error"] = f"add did not finish within {cfg.add_timeout} s"
        result["warm_add_seconds"] = None
    finally:
        if proc.is_alive():
            proc.terminate()
        proc.join(10)
    if cfg.cli_add and "error" not in result:
        say("incremental: timing `accord add` as a new process")
        exe = shutil.which("accord") or str(Path(sys.executable).parent / "accord")
        t = time.perf_counter()
        try:
            proc2 = subprocess.run([exe, "add", str(new[1]), "--db", str(db), "--quiet"],
                                   capture_output=True, text=True, timeout=cfg.add_timeout)
            result["cli_add_seconds"] = round(time.perf_counter() - t, 3)
            result["cli_exit_code"] = proc2.returncode
            if proc2.returncode:
                result["cli_error"] = (proc2.stderr or proc2.stdout).strip().splitlines()[-1:]
        except subprocess.TimeoutExpired:
            result["cli_error"] = f"did not finish within {cfg.add_timeout} s"
    return result


#: Search queries: words that occur in the synthetic sentences, and one that does not.
SEARCH_QUERIES = ("troops border", "humanitarian aid", "sanctions airspace", "agreement tank",
                  "talks grain exports", "threatened embargo", "disinformation", "ammunition deal",
                  "satellite signals", "zeppelin")


def bench_queries(cfg: BenchConfig, work: Path, say: Say) -> list[dict[str, Any]]:
    from ..store import Store
    from . import bulk

    targets = [("sqlite", str(work / "events.db"))] if cfg.query_sqlite else []
    if cfg.db_url:
        targets.append(("postgresql", cfg.db_url))
    out = []
    for name, url in targets:
        row: dict[str, Any] = {"database": name, "events": cfg.events}
        try:
            with Store(url) as store:
                if bulk.document_count(store):
                    if not bulk.is_bench_store(store):
                        raise RuntimeError(
                            f"{name}: the database holds documents that the bench did not "
                            "write; give an empty database")
                    bulk.clear(store)
                say(f"queries: bulk-loading {cfg.events:,} events into {name}")
                load = bulk.populate(store, events=cfg.events, events_per_article=(8, 12),
                                     with_mentions=False, chunk_docs=2000)
                bulk.finish(store, copy_index=False)
                row.update(documents=load.documents, events=load.events,
                           bulk_load_seconds=round(load.seconds, 1))
                say(f"queries: {cfg.query_reps} of each query on {name}")
                row["latency_ms"] = _latencies(store, cfg.query_reps)
                row["target_p95_ms"] = TARGETS["query_p95_ms"]
            if name == "postgresql" and not cfg.keep:
                with Store(url) as store:
                    bulk.clear(store)
        except Exception as exc:  # noqa: BLE001
            row["error"] = _error(exc)
        out.append(row)
    return out


def _latencies(store: Any, reps: int) -> dict[str, dict[str, float]]:
    from ..query.dyad import dyad
    from ..query.events import timeline
    from ..query.search import search

    names = [s[0] for s in STATES]
    years = ("2022", "2023", "2024")

    def q_timeline(i: int) -> Any:
        y = years[i % len(years)]
        return timeline(store, actor=names[i % len(names)], date_from=f"{y}-01-01",
                        date_to=f"{y}-12-31", limit=100)

    def q_dyad(i: int) -> Any:
        a = names[i % len(names)]
        b = names[(i * 5 + 1) % len(names)]
        if a == b:
            b = names[(i + 1) % len(names)]
        return dyad(store, a, b)

    def q_search(i: int) -> Any:
        return search(store, SEARCH_QUERIES[i % len(SEARCH_QUERIES)], limit=20)

    out = {}
    for label, fn in (("timeline", q_timeline), ("dyad", q_dyad), ("search", q_search)):
        fn(0)  # warm caches and the connection pool
        times = []
        for i in range(reps):
            t = time.perf_counter()
            fn(i)
            times.append((time.perf_counter() - t) * 1000)
        out[label] = {"p50": round(_pct(times, 50), 2), "p95": round(_pct(times, 95), 2),
                      "max": round(max(times), 2), "n": reps}
    return out


def _short(obj: Any) -> Any:
    """Long lists (ids of every document a step touched) become their length."""
    if isinstance(obj, dict):
        return {k: _short(v) for k, v in obj.items()}
    if isinstance(obj, list) and len(obj) > 10:
        return f"{len(obj)} items"
    return obj


def _error(exc: BaseException) -> str:
    text = " ".join(str(exc).split())[:300]
    return f"{type(exc).__name__}: {text}"


def run(cfg: BenchConfig, say: Say | None = None,
        sections: tuple[str, ...] = ("throughput", "build", "incremental", "queries"),
        checkpoint: Callable[[dict[str, Any]], None] | None = None,
        ) -> dict[str, Any]:
    """Run the bench and return the results (what ``--json`` writes).

    ``checkpoint(results)`` is called after each section, so a long run that is
    interrupted still leaves the figures measured so far.
    """
    say = say or (lambda _m: None)
    own = cfg.work_dir is None
    work = Path(tempfile.mkdtemp(prefix="accord-bench-")) if own else Path(cfg.work_dir)
    work.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    results: dict[str, Any] = {
        "accord_bench": 1,
        "started_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "config": {k: v for k, v in cfg.__dict__.items() if k != "db_url"}
        | {"postgresql": bool(cfg.db_url)},
        "targets": TARGETS, "errors": {},
    }
    funcs = {"throughput": bench_throughput, "build": bench_build,
             "incremental": bench_incremental, "queries": bench_queries}
    try:
        for name in sections:
            t = time.perf_counter()
            try:
                results[name] = funcs[name](cfg, work, say)
                if isinstance(results[name], dict) and results[name].get("error"):
                    results["errors"][name] = results[name]["error"]
            except Exception as exc:  # noqa: BLE001 - one failed section keeps the others
                results["errors"][name] = _error(exc)
                results[f"{name}_traceback"] = traceback.format_exc(limit=5)
            results.setdefault("section_seconds", {})[name] = round(time.perf_counter() - t, 1)
            say(f"{name}: done in {results['section_seconds'][name]:.0f} s")
            if checkpoint:
                checkpoint(results)
    finally:
        if own and not cfg.keep:
            shutil.rmtree(work, ignore_errors=True)
    def peak(engine: str) -> float | None:
        values = [v for r in results.get("build") or [] if r.get("engine") == engine
                  for v in (r.get("worker_peak_rss_mb") or {}).values()]
        return max(values) if values else None

    jvm = [r["jvm_peak_rss_mb"] for r in results.get("build") or []
           if r.get("jvm_peak_rss_mb")]
    results["memory"] = {
        "local_worker_peak_mb": peak("local"),
        "spark_worker_peak_mb": peak("spark"),
        "spark_jvm_peak_mb": max(jvm) if jvm else None,
        "bench_process_peak_mb": _max_rss_mb(),
        "target_mb": TARGETS["worker_peak_mb"],
        "note": "workers hold one pipeline each; the bench process holds both the bare "
                "and the full pipeline and the query stores, so it is not a worker figure",
    }
    results["seconds"] = round(time.perf_counter() - started, 1)
    return results


__all__ = ["BenchConfig", "TARGETS", "machine", "run"]
