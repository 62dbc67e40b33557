"""The Python API: ``accord.open(db)`` returns a :class:`KnowledgeBase`.

    import accord
    kb = accord.open("accord.db")          # or "postgresql://user@host/db"
    report = kb.build(["articles/"])
    for doc in kb.documents():
        print(doc["title"], doc["published"])

Query methods (timeline, dyad, search, ...) come from
:class:`accord.query.api.QueryAPI`, a mixin that only needs ``self.store``.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

from .engine.local import BuildReport, Progress
from .store import DEFAULT_DB, Store

try:  # the query layer adds its methods when it is installed
    from .query.api import QueryAPI
except ModuleNotFoundError as _exc:  # pragma: no cover - before the query layer exists
    if _exc.name not in ("accord.query.api", "accord.query"):
        raise

    class QueryAPI:  # type: ignore[no-redef]
        """Placeholder until :mod:`accord.query.api` exists."""

        store: Store


PathLike = str | os.PathLike[str]


class _Core:
    """Reading basics that work without the query layer.

    They come after :class:`QueryAPI` in the method order, so when the query
    layer defines richer versions of ``documents``/``document`` those win.
    """

    store: Store

    def documents(self) -> list[dict[str, Any]]:
        """Metadata of every document: id, source, title, author, outlet, published, ..."""
        return self.store.list_documents()

    def document(self, doc_id: str) -> Any:
        """One document with its original and cleaned text; a unique id prefix is enough."""
        return self.store.load_document(self.store.resolve_document_id(doc_id))


class KnowledgeBase(QueryAPI, _Core):
    """A knowledge base in one store (SQLite file or PostgreSQL database)."""

    def __init__(self, store: Store):
        self.store = store

    # -- writing ---------------------------------------------------------------
    def build(
        self,
        paths: PathLike | Sequence[PathLike],
        *,
        workers: int | None = None,
        progress: Progress | None = None,
        actors_files: Sequence[PathLike] | None = None,
        engine: str = "local",
        master: str | None = None,
        work_dir: str | None = None,
    ) -> BuildReport:
        """Add every article under ``paths`` (files or folders, recursive) and reconcile.

        ``engine="spark"`` runs reading, extraction, copy candidates and event
        clustering on Apache Spark (``master`` defaults to ``local[2]``); the result
        is the same. ``work_dir`` is where Spark keeps its Parquet records: on a
        cluster, a location every node reaches (``hdfs://``, ``s3a://``, a shared
        mount); by default a temporary folder on this machine, removed afterwards.
        """
        return _run_engine(self.store, "build", paths, workers, progress, actors_files,
                           engine, master, work_dir)

    def add(
        self,
        paths: PathLike | Sequence[PathLike],
        *,
        workers: int | None = None,
        progress: Progress | None = None,
        actors_files: Sequence[PathLike] | None = None,
        engine: str = "local",
        master: str | None = None,
        work_dir: str | None = None,
    ) -> BuildReport:
        """Add articles to this knowledge base; content already stored is a no-op."""
        return _run_engine(self.store, "add", paths, workers, progress, actors_files,
                           engine, master, work_dir)

    # -- reading ---------------------------------------------------------------
    def stats(self) -> dict[str, Any]:
        """Row counts and the latest build runs."""
        return {"store": self.store.name, "counts": self.store.counts(),
                "runs": self.store.runs(limit=5)}

    def search_sentences(self, query: str, limit: int = 20) -> list[dict[str, Any]]:
        """Full-text search over sentences (every word must occur), best first."""
        return self.store.search_sentences(query, limit)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> KnowledgeBase:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"KnowledgeBase({self.store.name!r})"


def open(db: PathLike = DEFAULT_DB, *, create: bool = True,  # noqa: A001 - accord.open
         read_only: bool = False) -> KnowledgeBase:
    """Open (or create) a knowledge base: a SQLite path or a ``postgresql://`` URL."""
    return KnowledgeBase(Store(db, create=create and not read_only, read_only=read_only))


#: Build engines by name.
ENGINES = ("local", "spark")


def _run_engine(store: Store, command: str, paths: PathLike | Sequence[PathLike],
                workers: int | None, progress: Progress | None,
                actors_files: Sequence[PathLike] | None, engine: str,
                master: str | None, work_dir: str | None = None) -> BuildReport:
    from .errors import ConfigError

    if engine == "local":
        if master:
            raise ConfigError("--master is only used with --engine spark")
        if work_dir:
            raise ConfigError("--work-dir is only used with --engine spark")
        from .engine.local import build

        return build(store, _paths(paths), workers=workers, progress=progress,
                     actors_files=actors_files, command=command)
    if engine == "spark":
        from .engine import spark

        extra: dict[str, Any] = {"master": master} if master else {}
        if work_dir:
            extra["work_dir"] = work_dir
        return spark.build(store, _paths(paths), workers=workers, progress=progress,
                           actors_files=actors_files, command=command, **extra)
    raise ConfigError(f"unknown engine {engine!r} (choose from {', '.join(ENGINES)})")


def _paths(paths: PathLike | Sequence[PathLike]) -> list[PathLike]:
    if isinstance(paths, str | os.PathLike):
        return [paths]
    return list(paths)
