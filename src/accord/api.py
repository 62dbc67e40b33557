"""The Python API: ``accord.open(db)`` returns a :class:`KnowledgeBase`.

    import accord
    kb = accord.open("accord.db")          # or "postgresql://user@host/db"
    report = kb.build(["articles/"])
    for doc in kb.documents():
        print(doc["title"], doc["published"])

Every read of a knowledge base goes through :mod:`accord.query`; the methods
below forward to its functions with ``self.store``, and the CLI, the web app,
the brief and the exports reach the store the same way: through this object,
never a connection of their own. Its writes are building (``build``, ``add``)
and an analyst's event judgements (``split_event``, ``merge_events``), which
reconcile the store again so that every read agrees.
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

    def dyad(self, a: str, b: str, main: int = 10) -> dict[str, Any]:
        """Everything between two actors: events both ways, figures, contradictions
        (``main``: how many main events)."""
        return _dyad(self.store, a, b, main=main)

    def main_dyad(self) -> tuple[str, str, int] | None:
        """The pair of states with the most events between them: ``(a, b, events)``."""
        from .query.dyad import main_dyad

        return main_dyad(self.store)

    def search(self, query: str, actor: str | None = None, date_from: str | None = None,
               date_to: str | None = None, limit: int = 20,
               offset: int = 0) -> list[dict[str, Any]]:
        """Ranked sentences with their events, for a free-text query."""
        return _search(self.store, query, actor=actor, date_from=date_from,
                       date_to=date_to, limit=limit, offset=offset)

    def ask(self, question: str, k: int = 3) -> dict[str, Any]:
        """An extractive answer with cited sentences (at most ``k`` pieces of evidence)."""
        return _ask(self.store, question, k=k)

    def entities(self, **filters: Any) -> list[dict[str, Any]]:
        """Actors (entities) with their counts; filters as :func:`accord.query.entities`."""
        return _entities(self.store, **filters)

    def entity(self, name_or_id: str, mentions_limit: int = 50) -> dict[str, Any]:
        """One actor by id or name, with aliases, roles and events."""
        return _entity(self.store, name_or_id, mentions_limit=mentions_limit)

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

    # -- reading, as the web pages and the CLI tables need it ------------------------
    def event_ids(self, actor: str | None = None, dyad: Sequence[str] | None = None,
                  date_from: str | None = None, date_to: str | None = None,
                  types: Sequence[str] | str | None = None, min_sources: int = 1,
                  modality: Sequence[str] | None = None,
                  limit: int | None = None) -> list[str]:
        """The ids :meth:`timeline` would list, in its order (cheap: for paging and counts)."""
        from .query.events import timeline_ids

        return timeline_ids(self.store, actor=actor, dyad=dyad, date_from=date_from,
                            date_to=date_to, types=types, min_sources=min_sources,
                            modality=modality, limit=limit)

    def events_by_ids(self, ids: Sequence[str], *, with_mentions: bool = True
                      ) -> list[dict[str, Any]]:
        """Event records (as :meth:`timeline` gives them) in the order of ``ids``."""
        from .query.common import events_by_ids

        with self.store.connect() as conn:
            return events_by_ids(conn, ids, with_mentions=with_mentions)

    def event_facets(self, ids: Sequence[str]) -> dict[str, dict[str, int]]:
        """How many of these events have each type and modality."""
        from .query.events import facets

        return facets(self.store, ids)

    def explain_event(self, id: str) -> dict[str, Any]:
        """:meth:`event` plus ``explanation``: how each mention joined it (``accord events
        --explain``)."""
        from .query.explain import explain_event

        return explain_event(self.store, id)

    def is_reconciled(self) -> bool:
        """Whether the store has events yet (straight after extraction it has mentions only)."""
        from .query.events import is_reconciled

        return is_reconciled(self.store)

    def event_mentions(self, types: Sequence[str] | str | None = None,
                       date_from: str | None = None, date_to: str | None = None,
                       modality: Sequence[str] | None = None) -> list[dict[str, Any]]:
        """Event mentions with their document, for a store not reconciled yet."""
        from .query.events import mention_rows

        return mention_rows(self.store, types, date_from, date_to, modality)

    def claims(self, subject: str | None = None, property: str | None = None,
               limit: int = 50, offset: int = 0) -> dict[str, Any]:
        """``{items, total}``: claims with their cited mentions, by subject and property
        (``subject`` an entity id)."""
        from .query.evidence import list_claims

        with self.store.connect() as conn:
            return list_claims(conn, limit=limit, offset=offset, subject=subject,
                               property=property)

    def claim(self, id: str) -> dict[str, Any]:
        """One claim with every mention in its context, and its contradictions."""
        from .errors import NotFound
        from .query.contradictions import claim_dicts
        from .query.evidence import add_context

        with self.store.connect() as conn:
            found = claim_dicts(conn, [id])
            if id not in found:
                raise NotFound(f"no claim {id}")
            out = found[id]
            add_context(conn, out["mentions"])
        out["contradictions"] = _contradictions(self.store, item=id, sides=True)
        return out

    def document_claims(self, id: str) -> list[dict[str, Any]]:
        """The claim mentions of one document (its full id), in text order."""
        from .query.evidence import document_claims

        with self.store.connect() as conn:
            return document_claims(conn, id)

    def entity_names(self, ids: Sequence[str]) -> dict[str, str]:
        """Display names of the entity ids that exist."""
        from .query.evidence import entity_names

        with self.store.connect() as conn:
            return entity_names(conn, ids)

    def document_labels(self, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        """``{id: {title, outlet, published, source, copy_of, copy_kind}}`` of these documents."""
        from .query.evidence import document_labels

        with self.store.connect() as conn:
            return document_labels(conn, ids)

    def add_sides(self, contradictions: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Give these contradictions (of :meth:`contradictions`) their ``sides``, in place:
        for a page that shows a few of many."""
        from .query.evidence import contradiction_sides

        if contradictions:
            with self.store.connect() as conn:
                contradiction_sides(conn, contradictions)
        return contradictions

    def overview(self, actors: int = 12, dyads: int = 10) -> dict[str, Any]:
        """``{first, last, top_actors, top_dyads}``: the corpus at a glance (each dyad with
        the dyad page's total beside its direct-pair count)."""
        from .query import overview as ov

        with self.store.connect() as conn:
            first, last = ov.date_range(conn)
            top = ov.top_actors(conn, actors) if actors else []
            pairs = ov.top_dyads(conn, dyads) if dyads else []
        return {"first": first, "last": last, "top_actors": top,
                "top_dyads": ov.with_dyad_totals(self.store, pairs) if pairs else []}

    def top_dyads(self, limit: int = 10) -> list[dict[str, Any]]:
        """The pairs of actors with the most events between them (direct pairs)."""
        from .query.overview import top_dyads

        with self.store.connect() as conn:
            return top_dyads(conn, limit)

    def date_range(self) -> tuple[str | None, str | None]:
        """The first and last event dates."""
        from .query.overview import date_range

        with self.store.connect() as conn:
            return date_range(conn)

    # -- an analyst's event judgements ------------------------------------------------
    def event_judgements(self, event: str | None = None) -> list[dict[str, Any]]:
        """The event judgements (or those naming a mention of ``event``), each with its
        ``status`` (``applied`` or why not) and the ``events`` now holding its mentions."""
        from .reconcile import eventjudge

        with self.store.connect() as conn:
            items = eventjudge.load(conn) if event is None else eventjudge.for_event(
                conn, eventjudge.resolve_event(conn, event))
            return eventjudge.records(conn, items)

    def split_event(self, event: str, *, mentions: Sequence[dict[str, Any]] | None = None,
                    documents: Sequence[str] | None = None) -> dict[str, Any]:
        """Record that these ``mentions`` (``{document, start, end[, type]}``) or the
        mentions in these ``documents`` are another event, and reconcile again.
        Returns ``{judgement, problems, skipped, event, events}`` (:meth:`_judged`)."""
        from .errors import AccordError
        from .reconcile import eventjudge

        if bool(mentions) == bool(documents):
            raise AccordError("give either mentions or documents")
        if mentions:
            j, problems = eventjudge.split_mentions(self.store, event, mentions)
        else:
            j, problems = eventjudge.split(self.store, event, documents or [])
        return self._judged(j, problems, j.b)  # follow what stays

    def merge_events(self, a: str, b: str) -> dict[str, Any]:
        """Record that events ``a`` and ``b`` are one real event, and reconcile again."""
        from .reconcile import eventjudge

        j, problems = eventjudge.merge(self.store, a, b)
        return self._judged(j, problems, j.a + j.b)

    def withdraw_event_judgement(self, id: int, *, follow: str | None = None
                                 ) -> dict[str, Any]:
        """Withdraw judgement ``id`` and reconcile again; ``event`` in the answer is where
        the mentions of event ``follow`` (if given) are then."""
        from .reconcile import eventjudge

        refs: list[dict[str, Any]] = []
        if follow is not None:
            with self.store.connect() as conn:
                refs = eventjudge.event_refs(conn, eventjudge.resolve_event(conn, follow))
        j = eventjudge.delete(self.store, id)
        out = self._judged(j, [], refs or j.a + j.b)
        out["judgement"]["status"] = "withdrawn"
        return out

    def _judged(self, j: Any, problems: list[str], follow: list[dict[str, Any]]
                ) -> dict[str, Any]:
        """After a judgement: reconcile, then ``{judgement, judged, problems, skipped,
        event, events}``: ``event`` holds most of ``follow`` (ids change when events are
        re-clustered), ``events`` every event holding a judged mention, ``judged`` the
        event ids the judgement was made on."""
        from .reconcile import eventjudge

        skipped = eventjudge.reconcile_all(self.store)
        with self.store.connect() as conn:
            record = eventjudge.records(conn, [j])[0]
            return {"judgement": record, "judged": list(j.events), "problems": problems,
                    "skipped": skipped, "event": eventjudge.holder(conn, follow),
                    "events": record["events"]}

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
