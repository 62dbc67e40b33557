"""The local build engine: read, extract in a process pool, store, reconcile.

One build:

1. finds input files (:func:`accord.ingest.discover`), and documents already
   stored but not extracted with this extractor version (a build that was
   killed, or a new accord);
2. reads and extracts them in a :class:`~concurrent.futures.ProcessPoolExecutor`
   (the spaCy pipeline is loaded once per worker process; ``workers=1`` runs
   in this process). Reading happens in the workers too, because HTML and PDF
   parsing cost about as much as tagging on short articles;
3. writes each document together with its records in ONE transaction, in
   this process (the only writer), skipping content already stored;
4. reconciles the documents not yet reconciled, under a store-wide lock.

A bad file never stops the batch: it is reported (file and one-line reason)
and skipped. Every step is idempotent, so a build killed at any point (even
SIGKILL) leaves complete documents only, and the next build picks up where
it stopped: unextracted documents are extracted, unreconciled ones reconciled.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import AccordError, ConfigError, IngestError, StoreUnavailable
from ..records import Extraction, IngestedDocument
from ..settings import Settings

#: Files handed to a worker at a time: large enough that ``nlp.pipe`` batches,
#: small enough that progress moves and a crash loses little.
CHUNK_SIZE = 4

#: ``progress(stage, done, total, item)``; stages: "extract", "reconcile".
Progress = Callable[[str, int, int, str | None], None]


@dataclass
class FileOutcome:
    """What happened to one input (a file or a stored document)."""

    source: str
    status: str  # added | extracted | exists | failed
    document_id: str | None = None
    reason: str | None = None
    title: str | None = None
    #: What the user should know about a stored document (``truncated: ...``).
    notes: list[str] = field(default_factory=list)


@dataclass
class BuildReport:
    """The result of :func:`build` / :func:`add`; also stored in ``runs.stats``."""

    command: str = "build"
    run_id: int | None = None
    status: str = "running"  # ok | failed | interrupted
    outcomes: list[FileOutcome] = field(default_factory=list)
    new_records: dict[str, int] = field(default_factory=dict)
    reconcile: dict[str, Any] = field(default_factory=dict)
    totals: dict[str, int] = field(default_factory=dict)
    workers: int = 1
    seconds: float = 0.0
    inputs: int = 0

    def _with(self, status: str) -> list[FileOutcome]:
        return [o for o in self.outcomes if o.status == status]

    @property
    def added(self) -> list[FileOutcome]:
        return self._with("added")

    @property
    def extracted(self) -> list[FileOutcome]:
        """Documents stored earlier (e.g. by a killed build) extracted by this run."""
        return self._with("extracted")

    @property
    def skipped(self) -> list[FileOutcome]:
        """Inputs whose content was already stored: a no-op."""
        return self._with("exists")

    @property
    def failed(self) -> list[FileOutcome]:
        return self._with("failed")

    @property
    def exit_code(self) -> int:
        """0: every input stored or already stored; 1: some inputs failed and were
        skipped; 3: no input could be read (nothing found, or every file failed)."""
        if self.failed and not (self.added or self.extracted or self.skipped):
            return 3
        if not self.outcomes:
            return 3
        return 1 if self.failed else 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "command": self.command, "status": self.status, "inputs": self.inputs,
            "added": len(self.added), "extracted": len(self.extracted),
            "already_stored": len(self.skipped), "failed": len(self.failed),
            "failures": [{"source": o.source, "reason": o.reason} for o in self.failed][:200],
            "notes": [{"source": o.source, "note": n} for o in self.outcomes
                      for n in o.notes][:200],
            "new_records": self.new_records, "reconcile": _jsonable(self.reconcile),
            "totals": self.totals, "workers": self.workers, "seconds": round(self.seconds, 3),
        }


#: Counters of an extraction's stats that a build adds up and reports: what was
#: stored, and what extraction dropped as absurd (a population of 10^15, a
#: "February 30"), so a user sees that values were dropped and how many.
RECORD_COUNTERS = ("sentences", "mentions", "events", "claims")
DROPPED_PREFIX = "absurd_"


def count_new_records(totals: dict[str, int], stats: dict[str, Any]) -> None:
    """Add one document's extraction stats to a build's ``new_records``."""
    for k, v in stats.items():
        if k in RECORD_COUNTERS or k.startswith(DROPPED_PREFIX):
            totals[k] = totals.get(k, 0) + int(v or 0)


# -- worker side ---------------------------------------------------------------
#: Answers "is this document id already stored?" in the reading process, so
#: stored content is not extracted again. Workers open their own read-only
#: store for it: an indexed lookup per file, instead of shipping every stored
#: id to every worker.
_is_stored: Callable[[str], bool] = lambda _id: False  # noqa: E731


def configure_extractor(actors_files: Sequence[str | os.PathLike[str]] | None,
                        settings: Settings | None = None) -> Settings:
    """Make user actor files (``--actors``) known to the extraction pipeline.

    They join ``settings`` (default: the active ones), which become the active
    settings of this process; pool workers receive the same value through their
    initialiser. No environment variable is written.
    """
    from ..settings import activate, current

    base = settings or current()
    if actors_files:
        paths = []
        for f in actors_files:
            p = Path(f)
            if not p.is_file():
                raise ConfigError(f"{p}: actors file not found")
            paths.append(str(p.resolve()))
        base = base.with_(actors_files=paths)
    if base.actors_files != current().actors_files:
        _reset_pipeline()
    activate(base)
    return base


def _reset_pipeline() -> None:
    """Forget an in-process pipeline built with other actor files."""
    from ..extract.pipeline import get_nlp

    get_nlp.cache_clear()


def _init_worker(store_url: str, settings: Settings, build_pid: int | None = None) -> None:
    global _is_stored
    import signal

    from ..store import Store
    from .lifeline import die_with_parent

    die_with_parent(build_pid)  # a killed build leaves no worker behind (see .lifeline)

    # Ctrl-C reaches the whole process group; the main process handles it
    # (stops submitting, records the run as interrupted), workers just finish.
    signal.signal(signal.SIGINT, signal.SIG_IGN)

    store = Store(store_url, read_only=True)
    _is_stored = store.has_document
    from ..extract.pipeline import get_nlp
    from ..settings import activate

    activate(settings)  # the build's settings, as the main process has them

    try:
        get_nlp()  # load the pipeline once per worker, before the first task
    except Exception:  # noqa: BLE001 - re-raised by the first task, with its message
        pass


Task = tuple[str, Any]  # ("path", str) or ("doc", IngestedDocument)
Result = tuple[str, str, Any]  # (status, source, payload)


def _read(path: str) -> IngestedDocument:
    from ..ingest import read_document

    try:
        return read_document(Path(path))
    except AccordError:
        raise
    except FileNotFoundError as exc:
        raise IngestError(path, "file vanished before it could be read") from exc
    except OSError as exc:
        raise IngestError(path, f"cannot read ({exc.strerror or exc})") from exc
    except Exception as exc:  # noqa: BLE001 - a reader bug must not stop the batch
        raise IngestError(path, f"cannot read ({type(exc).__name__}: {_line(exc)})") from exc


def _extract(docs: list[IngestedDocument]) -> list[Extraction | str]:
    """Extractions in order; a failing document yields its one-line reason.

    Sentences repeated many times in a document give events and claims once
    (:func:`drop_repeats`; both engines extract through here).
    """
    limit = int(_setting("max_sentence_repeats"))
    return [x if isinstance(x, str) else drop_repeats(x, limit) for x in _extract_all(docs)]


def _extract_all(docs: list[IngestedDocument]) -> list[Extraction | str]:
    """Extractions in order; a failing document yields its one-line reason.

    Each document has a time budget (``ingest.document_seconds``): a batch that
    runs past the sum is retried one document at a time, and the document that
    runs past its own budget is skipped and reported.
    """
    from ..extract import extract, extract_many
    from .lifeline import DocumentTimeout, deadline

    budget = _document_seconds()
    if budget > 0:
        from ..extract.pipeline import get_nlp

        try:
            get_nlp()  # loading the pipeline is not the documents' time
        except ConfigError:
            raise
        except Exception:  # noqa: BLE001 - reported per document below
            pass
    try:
        with deadline(budget * len(docs)):
            return list(extract_many(docs))
    except ConfigError:
        raise  # a broken lexicon/gazetteer file fails every document: stop the build
    except DocumentTimeout:
        if len(docs) == 1:  # no need to find out which one, nor to spend the budget twice
            return [_over_budget(budget, docs[0])]
    except Exception:  # noqa: BLE001 - isolate the document that fails
        pass
    out: list[Extraction | str] = []
    for d in docs:
        try:
            with deadline(budget):
                out.append(extract(d))
        except ConfigError:
            raise
        except DocumentTimeout:
            out.append(_over_budget(budget, d))
        except Exception as exc:  # noqa: BLE001
            out.append(f"extraction failed ({type(exc).__name__}: {_line(exc)})")
    return out


def _over_budget(budget: float, doc: IngestedDocument) -> str:
    return (f"extraction took longer than {budget:g} s; skipped "
            f"(ingest.document_seconds; {len(doc.clean):,} characters)")


def _document_seconds() -> float:
    return float(_setting("document_seconds"))


def _setting(name: str) -> Any:
    """``ingest.NAME`` of the active settings (0 when absent: the limit is off)."""
    from ..settings import current

    return current().thresholds.get("ingest", {}).get(name, 0) or 0


def process_chunk(tasks: list[Task]) -> list[Result]:
    """Read and extract a few inputs; runs in a worker (or in-process)."""
    results: list[Result | None] = [None] * len(tasks)
    todo: list[tuple[int, str, IngestedDocument]] = []
    for i, (kind, item) in enumerate(tasks):
        if kind == "doc":
            todo.append((i, item.source, item))
            continue
        try:
            doc = _read(item)
        except IngestError as exc:
            results[i] = ("failed", item, exc.reason)
            continue
        if _is_stored(doc.id):
            results[i] = ("exists", item, doc.id)
        else:
            todo.append((i, item, doc))
    if todo:
        for (i, source, doc), ex in zip(todo, _extract([d for _, _, d in todo]), strict=True):
            results[i] = ("failed", source, ex) if isinstance(ex, str) else \
                ("ok", source, (doc, ex))
    return [r for r in results if r is not None]


_DIGITS = re.compile(r"\d+")


def drop_repeats(ex: Extraction, limit: int) -> Extraction:
    """Keep the events and claims of a sentence repeated in one document (digits aside)
    for its first ``limit`` occurrences only (``ingest.max_sentence_repeats``).

    A page that says one thing thousands of times (a scraped feed, a template
    gone wrong) would otherwise give reconciliation thousands of identical
    mentions to compare pairwise: quadratic time for no new fact. Sentences and
    actor mentions stay (search and offsets are unchanged).
    """
    if limit <= 0:
        return ex
    seen: dict[str, int] = {}
    dropped: set[int] = set()
    for sent in ex.sentences:
        key = _DIGITS.sub("0", " ".join(sent.text.lower().split()))
        seen[key] = seen.get(key, 0) + 1
        if seen[key] > limit:
            dropped.add(sent.index)
    if not dropped:
        return ex
    ex.events = [e for e in ex.events if e.sentence_index not in dropped]
    ex.claims = [c for c in ex.claims if c.sentence_index not in dropped]
    for key, records in (("events", ex.events), ("claims", ex.claims)):
        if key in ex.stats:
            ex.stats[key] = len(records)
    ex.stats["repeated_sentences"] = len(dropped)
    return ex


# -- main side -----------------------------------------------------------------
def _chunks(tasks: Iterable[Task], size: int) -> Iterator[list[Task]]:
    chunk: list[Task] = []
    for t in tasks:
        chunk.append(t)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _run_pool(
    chunks: Iterator[list[Task]], workers: int, store: Any,
    actors_files: Sequence[str] | None,
) -> Iterator[Result]:
    global _is_stored
    if workers <= 1:
        _is_stored = store.has_document
        configure_extractor(actors_files)
        for chunk in chunks:
            yield from process_chunk(chunk)
        return
    # "forkserver": workers start from a clean process, not a fork of this one,
    # which may hold open database connections (PostgreSQL sockets must not be
    # shared) and a running progress-bar thread.
    import multiprocessing as mp

    from . import lifeline

    method = "forkserver" if "forkserver" in mp.get_all_start_methods() else "spawn"
    ctx = mp.get_context(method)
    if method == "forkserver":  # it binds itself to this process on start (see .lifeline)
        ctx.set_forkserver_preload([lifeline.__name__])
    os.environ[lifeline.PARENT_ENV] = str(os.getpid())
    with ProcessPoolExecutor(
        max_workers=workers, initializer=_init_worker, mp_context=ctx,
        initargs=(store.url if store.dialect != "sqlite" else str(store.path),
                  configure_extractor(actors_files), os.getpid()),
    ) as pool:
        in_flight: set[Future[list[Result]]] = set()
        try:
            for chunk in chunks:
                in_flight.add(pool.submit(process_chunk, chunk))
                if len(in_flight) >= workers * 2:
                    done, in_flight = wait(in_flight, return_when=FIRST_COMPLETED)
                    for fut in done:
                        yield from fut.result()
            while in_flight:
                done, in_flight = wait(in_flight, return_when=FIRST_COMPLETED)
                for fut in done:
                    yield from fut.result()
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            # Do not wait for chunks in flight: their results would not be stored.
            for proc in list((getattr(pool, "_processes", None) or {}).values()):
                proc.terminate()
            raise
        finally:
            os.environ.pop(lifeline.PARENT_ENV, None)


def _discover(paths: Sequence[str | os.PathLike[str]], report: BuildReport) -> list[str]:
    from ..ingest import discover

    files: list[str] = []
    seen: set[str] = set()
    for p in paths:
        unreadable: list[IngestError] = []
        try:
            found = list(discover([Path(p)], errors=unreadable))
        except IngestError as exc:
            unreadable.append(exc)
            found = []
        for exc in unreadable:  # the path itself, or folders under it that cannot be listed
            report.outcomes.append(FileOutcome(source=exc.path, status="failed",
                                               reason=exc.reason))
        for f in found:
            key = str(f)
            if key not in seen:
                seen.add(key)
                files.append(key)
    return files


def _default_workers(n_inputs: int) -> int:
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    # Starting a worker costs a pipeline load (~2 s): not worth it for a few files.
    return max(1, min(cores or 1, n_inputs // (CHUNK_SIZE * 2)))


def build(
    store: Any,
    paths: Sequence[str | os.PathLike[str]],
    *,
    workers: int | None = None,
    progress: Progress | None = None,
    actors_files: Sequence[str | os.PathLike[str]] | None = None,
    command: str = "build",
    settings: Settings | None = None,
) -> BuildReport:
    """Add every article under ``paths`` to ``store`` and reconcile; see module doc.

    ``settings`` (default: the active ones) are active for the build and only for it.
    """
    from ..settings import current, using
    from .lifeline import sigterm_as_interrupt

    with using(settings or current()), sigterm_as_interrupt():
        return _build(store, paths, workers=workers, progress=progress,
                      actors_files=actors_files, command=command)


def _build(
    store: Any,
    paths: Sequence[str | os.PathLike[str]],
    *,
    workers: int | None,
    progress: Progress | None,
    actors_files: Sequence[str | os.PathLike[str]] | None,
    command: str,
) -> BuildReport:
    from ..extract import EXTRACTOR_VERSION

    t0 = time.monotonic()
    report = BuildReport(command=command)
    configure_extractor(actors_files)  # validate before any work
    store.mark_dead_runs()
    report.run_id = store.start_run(
        f"{command} " + " ".join(str(p) for p in paths), EXTRACTOR_VERSION)
    status = "failed"
    try:
        files = _discover(paths, report)
        pending = store.pending_documents(EXTRACTOR_VERSION)
        total = len(files) + len(pending)
        report.inputs = total
        report.workers = workers if workers is not None else _default_workers(total)
        report.workers = max(1, report.workers)

        def tasks() -> Iterator[Task]:
            for doc_id in pending:
                yield ("doc", store.load_document(doc_id))
            for f in files:
                yield ("path", f)

        done = 0
        if progress:
            progress("extract", 0, total, None)
        new_records: dict[str, int] = {}
        written: set[str] = set()
        for status_, source, payload in _run_pool(
            _chunks(tasks(), CHUNK_SIZE), report.workers, store,
            [str(a) for a in actors_files or []],
        ):
            outcome = _store_result(store, status_, source, payload, written)
            report.outcomes.append(outcome)
            if outcome.status in ("added", "extracted"):
                ex: Extraction = payload[1]
                count_new_records(new_records, ex.stats)
            done += 1
            if progress:
                progress("extract", done, total, source)
        report.new_records = new_records

        reconcile_pending(store, report, progress)
        status = "ok"
    except KeyboardInterrupt:
        status = "interrupted"
        raise
    finally:
        report.status = status
        report.seconds = time.monotonic() - t0
        _finish_run(store, report, status)
    return report


def reconcile_pending(store: Any, report: BuildReport, progress: Progress | None,
                      **hooks: Any) -> None:
    """Reconcile every stored document not reconciled yet (this run's and a killed run's).

    ``hooks`` go to :func:`accord.reconcile.reconcile` (the Spark engine's).
    """
    from ..reconcile import reconcile

    if not store.unreconciled_documents():
        return
    if progress:
        progress("reconcile", 0, 1, None)
    with store.exclusive("reconcile"):
        # Re-read under the lock: a concurrent build may have done them.
        to_reconcile = store.unreconciled_documents()
        if to_reconcile:
            report.reconcile = reconcile(store, to_reconcile, **hooks)
            store.mark_reconciled(to_reconcile)
    if progress:
        progress("reconcile", 1, 1, None)


def _finish_run(store: Any, report: BuildReport, status: str) -> None:
    """Record how the run ended, even after Ctrl-C broke a transaction.

    An interrupt can land inside a store call and leave its pooled connection
    unusable; one retry on fresh connections records the run as interrupted
    instead of leaving it "running" for ever.
    """
    for attempt in range(2):
        try:
            report.totals = store.counts()
            store.finish_run(report.run_id, status, report.to_dict())
            return
        except Exception:  # noqa: BLE001 - never mask the original error
            if status == "ok" and attempt:
                raise
            store.engine.dispose()


def add(
    store: Any,
    paths: Sequence[str | os.PathLike[str]],
    *,
    workers: int | None = None,
    progress: Progress | None = None,
    actors_files: Sequence[str | os.PathLike[str]] | None = None,
) -> BuildReport:
    """Add files or folders to an existing knowledge base (same steps as :func:`build`)."""
    return build(store, paths, workers=workers, progress=progress,
                 actors_files=actors_files, command="add")


def _store_result(store: Any, status: str, source: str, payload: Any,
                  written: set[str]) -> FileOutcome:
    if status == "failed":
        return FileOutcome(source=source, status="failed", reason=str(payload))
    if status == "exists":
        return FileOutcome(source=source, status="exists", document_id=payload,
                           reason="already stored")
    doc, ex = payload
    if doc.id in written:  # same content twice in this batch
        return FileOutcome(source=source, status="exists", document_id=doc.id,
                           reason="already stored", title=doc.title)
    try:
        result = store.store_document(doc, ex)
    except StoreUnavailable:
        raise  # the server went away: every later document would fail too
    except AccordError as exc:
        return FileOutcome(source=source, status="failed", document_id=doc.id,
                           reason=f"not stored ({_line(exc)})")
    written.add(doc.id)
    if result == "exists":
        return FileOutcome(source=source, status="exists", document_id=doc.id,
                           reason="already stored", title=doc.title)
    return FileOutcome(source=source, status=result, document_id=doc.id, title=doc.title,
                       notes=[w for w in doc.warnings if w.startswith("truncated")])


def _line(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:200]


def _jsonable(obj: Any) -> Any:
    if isinstance(obj, dict):
        return {str(k): _jsonable(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple | set):
        # Steps may report affected ids; keep run records small on big corpora.
        items = list(obj)
        return [_jsonable(v) for v in items[:50]] + ([f"... {len(items) - 50} more"]
                                                     if len(items) > 50 else [])
    if obj is None or isinstance(obj, bool | int | float | str):
        return obj
    return str(obj)
