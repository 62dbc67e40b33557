"""The Python API: ``accord.open(db)`` returns a :class:`KnowledgeBase`.

    import accord
    kb = accord.open("accord.db")          # or "postgresql://user@host/db"
    report = kb.build(["articles/"])
    for doc in kb.documents():
        print(doc["title"], doc["published"])

Every read of a knowledge base goes through :mod:`accord.query`; the methods
below forward to its functions with ``self.store``, and the CLI, the web app,
the brief and the exports reach the store the same way.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

from .engine.local import BuildReport, Progress
from .query.actors import entities as _entities
from .query.actors import entity as _entity
from .query.actors import resolve_actor as _resolve_actor
from .query.ask import ask as _ask
from .query.contradictions import contradictions as _contradictions
from .query.documents import copies as _copies
from .query.documents import document as _document
from .query.documents import documents as _documents
from .query.dyad import dyad as _dyad
from .query.events import event as _event
from .query.events import timeline as _timeline
from .query.search import search as _search
from .settings import Settings
from .store import Store

__all__ = ["KnowledgeBase", "open", "ENGINES"]

PathLike = str | os.PathLike[str]


class KnowledgeBase:
    """A knowledge base in one store (SQLite file or PostgreSQL database).

    ``settings`` (thresholds, outlet priors, user actor and lexicon files) are
    those the knowledge base builds with; :func:`open` reads them from the
    environment unless given.
    """

    def __init__(self, store: Store, settings: Settings | None = None):
        self.store = store
        self.settings = settings or Settings.from_env()

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
        return _run_engine(self.store, self.settings, "build", paths, workers, progress,
                           actors_files, engine, master, work_dir)

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
        return _run_engine(self.store, self.settings, "add", paths, workers, progress,
                           actors_files, engine, master, work_dir)

    # -- reading ---------------------------------------------------------------
    def timeline(self, actor: str | None = None, dyad: Sequence[str] | None = None,
                 date_from: str | None = None, date_to: str | None = None,
                 types: Sequence[str] | str | None = None, min_sources: int = 1,
                 limit: int | None = None,
                 modality: Sequence[str] | None = None) -> list[dict[str, Any]]:
        """Events in date order, filtered by actor, dyad, dates, types, sources, modality."""
        return _timeline(self.store, actor=actor, dyad=dyad, date_from=date_from,
                         date_to=date_to, types=types, min_sources=min_sources, limit=limit,
                         modality=modality)

    def dyad(self, a: str, b: str) -> dict[str, Any]:
        """Everything between two actors: events both ways, figures, contradictions."""
        return _dyad(self.store, a, b)

    def search(self, query: str, actor: str | None = None, date_from: str | None = None,
               date_to: str | None = None, limit: int = 20) -> list[dict[str, Any]]:
        """Ranked sentences with their events, for a free-text query."""
        return _search(self.store, query, actor=actor, date_from=date_from,
                       date_to=date_to, limit=limit)

    def ask(self, question: str) -> dict[str, Any]:
        """An extractive answer with cited sentences."""
        return _ask(self.store, question)

    def entities(self, **filters: Any) -> list[dict[str, Any]]:
        """Actors (entities) with their counts; filters as :func:`accord.query.entities`."""
        return _entities(self.store, **filters)

    def entity(self, name_or_id: str) -> dict[str, Any]:
        """One actor by id or name, with aliases, roles and events."""
        return _entity(self.store, name_or_id)

    def resolve_actor(self, text: str) -> str:
        """The entity id a name or alias refers to."""
        return _resolve_actor(self.store, text)

    def event(self, id: str) -> dict[str, Any]:
        """One event with its mentions (each with its context and what that source says),
        merge decisions (``why``) and contradictions: the HTTP API's and the CLI's record."""
        return _event(self.store, id)

    def document(self, id: str) -> dict[str, Any]:
        """One document with its text; a unique id prefix is enough."""
        return _document(self.store, id)

    def documents(self, **filters: Any) -> list[dict[str, Any]]:
        """Metadata of every document (id, source, title, outlet, published, ...)."""
        return _documents(self.store, **filters)

    def contradictions(self, **filters: Any) -> list[dict[str, Any]]:
        """Contradictions between sources; ``sides=True`` adds what each document says
        (the record ``accord contradictions --json`` and ``/api/contradictions`` give)."""
        return _contradictions(self.store, **filters)

    def copies(self, **filters: Any) -> list[dict[str, Any]]:
        """Documents that copy another, with the copied share; filters (``document``) and
        explanations (``explain``, ``sentences``) as :func:`accord.query.copies`."""
        return _copies(self.store, **filters)

    def brief(self, a: str, b: str, path: str | os.PathLike[str] | None = None) -> str:
        """Write the dyad brief to ``path`` (``.html`` or ``.md``); returns the text."""
        from .report import brief

        return brief(self.store, a, b, path)

    def export(self, format: str, path: str | os.PathLike[str] | None = None, *,
               raw_csv: bool = False) -> Any:
        """Export the store (``json csv graphml gexf ftm cameo``); see :mod:`accord.export`.

        CSV cells that a spreadsheet would run as formulas are neutralised unless ``raw_csv``.
        """
        from .export import export

        return export(self.store, format, path, raw_csv=raw_csv)

    def export_json(self) -> dict[str, Any]:
        """The ``accord/v1`` document as a Python dict."""
        from .export.json_export import to_dict

        return to_dict(self.store)

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


def open(db: PathLike | None = None, *, create: bool = True,  # noqa: A001 - accord.open
         read_only: bool = False, settings: Settings | None = None) -> KnowledgeBase:
    """Open (or create) a knowledge base: a SQLite path or a ``postgresql://`` URL.

    ``settings`` default to the environment's (:meth:`Settings.from_env`); without
    ``db``, the store is theirs (``ACCORD_DB``, else ``accord.db``).
    """
    settings = settings or Settings.from_env()
    db = db if db is not None else settings.db
    return KnowledgeBase(Store(db, create=create and not read_only, read_only=read_only),
                         settings)


#: Build engines by name.
ENGINES = ("local", "spark")


def _run_engine(store: Store, settings: Settings, command: str,
                paths: PathLike | Sequence[PathLike],
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
                     actors_files=actors_files, command=command, settings=settings)
    if engine == "spark":
        from .engine import spark

        extra: dict[str, Any] = {"master": master} if master else {}
        if work_dir:
            extra["work_dir"] = work_dir
        return spark.build(store, _paths(paths), workers=workers, progress=progress,
                           actors_files=actors_files, command=command, settings=settings,
                           **extra)
    raise ConfigError(f"unknown engine {engine!r} (choose from {', '.join(ENGINES)})")


def _paths(paths: PathLike | Sequence[PathLike]) -> list[PathLike]:
    if isinstance(paths, str | os.PathLike):
        return [paths]
    return list(paths)
