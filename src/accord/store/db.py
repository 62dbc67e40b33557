"""Opening a store and writing per-document records.

``Store`` wraps one SQLAlchemy engine. SQLite is the default (a file path);
anything with ``://`` is taken as a SQLAlchemy URL (``postgresql://`` is
rewritten to the psycopg 3 driver). Every document is written in one
transaction, so an interrupted build never leaves half a document behind.

Concurrency. Several processes may write one store at once (two ``accord add``
runs against one PostgreSQL server, or on one SQLite file):

* documents are inserted with ``INSERT ... ON CONFLICT DO NOTHING`` so the
  loser of a race sees "already stored" instead of an error or a duplicate;
* before replacing a document's records the writer locks the document row
  (``SELECT ... FOR UPDATE`` on PostgreSQL; on SQLite write transactions start
  with ``BEGIN IMMEDIATE``, which takes the database write lock at once and so
  never fails half-way with ``SQLITE_BUSY``) and skips the work when another
  writer already stored records of the same extractor version;
* cross-document work (reconcile) runs under :meth:`Store.exclusive`, a
  PostgreSQL advisory lock or an ``flock`` beside the SQLite file.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import hashlib
import json
import os
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any
from urllib.parse import quote

from sqlalchemy import (
    Connection,
    Engine,
    create_engine,
    delete,
    event,
    func,
    insert,
    select,
    text,
    update,
)
from sqlalchemy.exc import DBAPIError, NoSuchModuleError, SQLAlchemyError

from ..errors import NotFound, StoreError, store_error
from ..procs import pid_alive
from ..records import Extraction, IngestedDocument
from . import schema as S

DEFAULT_DB = "accord.db"

#: First bytes of every SQLite 3 database file.
SQLITE_MAGIC = b"SQLite format 3\x00"


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def normalise_url(db: str | os.PathLike[str]) -> str:
    db = str(db)
    if "://" not in db:
        return f"sqlite:///{Path(db).expanduser()}"
    if db.startswith("postgresql://") or db.startswith("postgres://"):
        return "postgresql+psycopg://" + db.split("://", 1)[1]
    return db


def display_url(url: str) -> str:
    """The URL without a password, for messages."""
    if url.startswith("sqlite:///"):
        return url.removeprefix("sqlite:///")
    try:
        from sqlalchemy.engine import make_url

        return make_url(url).render_as_string(hide_password=True).replace("+psycopg://", "://")
    except Exception:  # noqa: BLE001 - a message helper must not fail
        return url


def _sqlite_connect(read_only: bool):  # type: ignore[no-untyped-def]
    def on_connect(dbapi_conn: Any, _record: Any) -> None:
        # Manage transactions ourselves (see ``_sqlite_begin``): pysqlite's
        # implicit BEGIN would defer the write lock until the first write.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        if not read_only:
            cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=30000")
        cur.close()

    return on_connect


def _sqlite_begin(conn: Connection) -> None:
    if conn.get_execution_options().get("accord_write"):
        conn.exec_driver_sql("BEGIN IMMEDIATE")
    else:
        conn.exec_driver_sql("BEGIN")


def _check_sqlite_path(path: Path, *, create: bool, read_only: bool) -> None:
    """Turn every way a SQLite path can be unusable into a one-line StoreError."""
    if path.exists():
        if path.is_dir():
            raise StoreError(f"{path}: is a directory, not a store file")
        try:
            with path.open("rb") as fh:
                head = fh.read(len(SQLITE_MAGIC))
        except OSError as exc:
            raise StoreError(f"{path}: cannot read store ({exc.strerror})") from exc
        if head and head != SQLITE_MAGIC:
            raise StoreError(f"{path}: not an accord store (not a SQLite database, or corrupt)")
        if not read_only and not os.access(path, os.W_OK):
            raise StoreError(f"{path}: store file is not writable")
        return
    if not create or read_only:
        raise StoreError(f"{path}: no such store (run `accord build` first)")
    parent = path.parent
    if not parent.exists():
        raise StoreError(f"{path}: directory {parent} does not exist")
    if not parent.is_dir():
        raise StoreError(f"{path}: {parent} is not a directory")
    if not os.access(parent, os.W_OK):
        raise StoreError(f"{path}: directory {parent} is not writable")
    try:  # os.access says yes to root everywhere; only trying tells (read-only mounts, /proc)
        with tempfile.TemporaryFile(dir=parent):
            pass
    except OSError as exc:
        raise StoreError(f"{path}: directory {parent} is not writable "
                         f"({exc.strerror or exc})") from exc


def _dir_writable(parent: Path) -> bool:
    """Whether files can be created in ``parent`` (tried, since root passes ``os.access``)."""
    if not os.access(parent, os.W_OK):
        return False
    try:
        with tempfile.TemporaryFile(dir=parent):
            return True
    except OSError:
        return False


class Store:
    """A knowledge-base store. Cheap to create; call :meth:`close` when done.

    ``create=False`` refuses to create a new store (reading commands);
    ``read_only=True`` opens an existing store without ever writing to it
    (web UI, queries; works on a file the user may not write).
    """

    def __init__(
        self,
        db: str | os.PathLike[str] = DEFAULT_DB,
        *,
        create: bool = True,
        read_only: bool = False,
    ):
        self.url = normalise_url(db)
        self.name = display_url(self.url)
        self.dialect = self.url.split(":", 1)[0].split("+", 1)[0]
        self.read_only = read_only
        self.path: Path | None = None
        connect_url = self.url
        connect_args: dict[str, Any] = {}
        if self.dialect == "sqlite":
            self.path = Path(self.url.removeprefix("sqlite:///"))
            _check_sqlite_path(self.path, create=create, read_only=read_only)
            if read_only:
                # A WAL store needs its -shm file beside it even to read; in a
                # directory we cannot write (read-only media, another user's
                # folder) no writer can exist either, so read it as immutable.
                flag = "mode=ro" if _dir_writable(self.path.parent) else "immutable=1"
                uri = f"file:{quote(str(self.path.resolve()))}?{flag}"
                connect_args["creator"] = lambda: sqlite3.connect(
                    uri, uri=True, check_same_thread=False)
                connect_url = f"sqlite:///{self.path.resolve()}"  # dialect and pool only
        try:
            self.engine: Engine = create_engine(connect_url, **connect_args)
        except (NoSuchModuleError, ImportError) as exc:
            raise StoreError(f"{self.name}: cannot open store (missing driver: {exc})") from exc
        except Exception as exc:  # noqa: BLE001 - bad URL
            raise StoreError(f"{self.name}: cannot open store ({exc})") from exc
        if self.dialect == "sqlite":
            event.listen(self.engine, "connect", _sqlite_connect(read_only))
            event.listen(self.engine, "begin", _sqlite_begin)
        self._write_engine = self.engine.execution_options(accord_write=True)
        self._opening = True
        try:
            from .migrations import check_schema, ensure_schema

            if read_only:
                check_schema(self)
            else:
                ensure_schema(self, create=create)
        except StoreError:
            self.engine.dispose()
            raise
        except DBAPIError as exc:
            self.engine.dispose()
            raise store_error(self.name, exc, what="cannot open store") from exc
        except SQLAlchemyError as exc:
            self.engine.dispose()
            raise StoreError(f"{self.name}: cannot open store ({_one_line(exc)})") from exc
        except BaseException:  # a failed migration, Ctrl-C: no connection left open
            self.engine.dispose()
            raise
        self._opening = False

    def __repr__(self) -> str:
        return f"Store({self.name!r})"

    # -- connections -----------------------------------------------------------
    @contextmanager
    def begin(self) -> Iterator[Connection]:
        """One write transaction; committed at the end, rolled back on any exception."""
        if self.read_only:
            raise StoreError(f"{self.name}: store is open read-only")
        try:
            with self._write_engine.begin() as conn:
                yield conn
        except DBAPIError as exc:
            what = "cannot open store" if self._opening else "write failed"
            raise store_error(self.name, exc, what=what) from exc

    @contextmanager
    def connect(self) -> Iterator[Connection]:
        """A connection for reading; driver errors become one-line :class:`StoreError`."""
        try:
            with self.engine.connect() as conn:
                yield conn
        except DBAPIError as exc:
            raise store_error(self.name, exc) from exc

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def exclusive(self, name: str) -> Iterator[None]:
        """Hold a store-wide lock called ``name`` (one writer of cross-document state).

        PostgreSQL: a session advisory lock; SQLite: ``flock`` on ``<db>.<name>.lock``.
        Blocks until the lock is free.
        """
        if self.dialect == "postgresql":
            key = int.from_bytes(hashlib.sha1(name.encode()).digest()[:8], "big", signed=True)
            with self.engine.connect() as conn:
                conn.execute(text("SELECT pg_advisory_lock(:k)"), {"k": key})
                conn.commit()
                try:
                    yield
                finally:
                    conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": key})
                    conn.commit()
        elif self.path is not None:
            # Hidden, and removed by its holder before it lets go: a user never sees it.
            lock_path = self.path.with_name(f".{self.path.name}.{name}.lock")
            fh = _lock_file(lock_path)
            try:
                yield
            finally:
                with contextlib.suppress(FileNotFoundError):
                    lock_path.unlink()  # while still holding it (see _lock_file)
                fcntl.flock(fh, fcntl.LOCK_UN)
                fh.close()
        else:
            yield

    # -- documents -------------------------------------------------------------
    def has_document(self, doc_id: str) -> bool:
        with self.connect() as conn:
            return conn.execute(
                select(S.documents.c.id).where(S.documents.c.id == doc_id)
            ).first() is not None

    def document_ids(self) -> set[str]:
        with self.connect() as conn:
            return {r[0] for r in conn.execute(select(S.documents.c.id))}

    def resolve_document_id(self, prefix: str) -> str:
        """The one document id starting with ``prefix`` (as git does for commits).

        When no id matches, the source path (or its file name) is tried, so
        ``accord show 03-embassy-plot.md`` works too.
        """
        given = prefix.strip()
        prefix = given.lower()
        if not prefix:
            raise NotFound("empty document id")
        d = S.documents.c
        with self.connect() as conn:
            rows = conn.execute(
                select(d.id).where(d.id.startswith(prefix, autoescape=True)).limit(5)
            ).all()
            if not rows:
                rows = conn.execute(select(d.id).where(
                    (d.source == given) | d.source.endswith("/" + given, autoescape=True)
                ).limit(5)).all()
        if not rows:
            raise NotFound(f"{prefix}: no such document in {self.name}")
        if len(rows) > 1:
            raise NotFound(f"{prefix}: ambiguous document id prefix ({len(rows)}+ documents match)")
        return str(rows[0][0])

    def pending_documents(self, extractor_version: str) -> list[str]:
        """Ids of documents stored but not (or not with this version) extracted."""
        with self.connect() as conn:
            if self.dialect == "sqlite":
                # Read from the version index, not the table: every add asks, and a
                # store built in one run gives the planner no reason to use the index
                # (one version everywhere), so it would read every document row.
                rows = conn.exec_driver_sql(
                    "SELECT id FROM documents INDEXED BY ix_documents_extractor "
                    "WHERE extractor_version IS NULL OR extractor_version < ? "
                    "OR extractor_version > ? ORDER BY id", (extractor_version, extractor_version))
                return [r[0] for r in rows]
            rows = conn.execute(
                select(S.documents.c.id).where(
                    (S.documents.c.extractor_version.is_(None))
                    | (S.documents.c.extractor_version != extractor_version)
                ).order_by(S.documents.c.id)
            )
            return [r[0] for r in rows]

    def unreconciled_documents(self) -> list[str]:
        """Ids of extracted documents whose reconciliation has not completed."""
        with self.connect() as conn:
            if self.dialect == "sqlite":
                # The reconciled-at index finds the few unreconciled rows; a store
                # reconciled in one run (one stamp everywhere) makes the planner read
                # every document row instead, on every add.
                rows = conn.exec_driver_sql(
                    "SELECT id FROM documents INDEXED BY ix_documents_reconciled "
                    "WHERE reconciled_at IS NULL AND extractor_version IS NOT NULL "
                    "ORDER BY id")
                return [r[0] for r in rows]
            rows = conn.execute(
                select(S.documents.c.id).where(
                    S.documents.c.reconciled_at.is_(None)
                    & S.documents.c.extractor_version.is_not(None)
                ).order_by(S.documents.c.id)
            )
            return [r[0] for r in rows]

    def mark_reconciled(self, doc_ids: list[str]) -> None:
        if not doc_ids:
            return
        stamp = now()
        with self.begin() as conn:
            for i in range(0, len(doc_ids), 500):
                conn.execute(update(S.documents).where(
                    S.documents.c.id.in_(doc_ids[i:i + 500])).values(reconciled_at=stamp))

    def load_document(self, doc_id: str) -> IngestedDocument:
        with self.connect() as conn:
            row = conn.execute(
                select(S.documents).where(S.documents.c.id == doc_id)
            ).mappings().first()
        if row is None:
            raise NotFound(f"{doc_id}: no such document in {self.name}")
        meta = dict(row["meta"] or {})
        warnings = meta.pop("warnings", []) or []
        return IngestedDocument(
            id=row["id"], source=row["source"], format=row["format"],
            original=row["original_text"], clean=row["clean_text"], offset_map=row["offset_map"],
            title=row["title"], author=row["author"], outlet=row["outlet"],
            published=row["published"], published_basis=row["published_basis"],
            language=row["language"], warnings=warnings, meta=meta,
        )

    def list_documents(self) -> list[dict[str, Any]]:
        """Metadata of every document (no texts), oldest publication first."""
        d = S.documents.c
        cols = [d.id, d.source, d.format, d.title, d.author, d.outlet, d.published,
                d.published_basis, d.words, d.language, d.added_at, d.extractor_version,
                d.copy_of, d.copied_fraction, d.copy_kind]
        with self.connect() as conn:
            rows = conn.execute(select(*cols).order_by(
                d.published.is_(None), d.published, d.source, d.id)).mappings().all()
        return [dict(r) for r in rows]

    def counts(self) -> dict[str, int]:
        """Row counts of the main tables."""
        out: dict[str, int] = {}
        with self.connect() as conn:
            for name in ("documents", "sentences", "mentions", "entities", "event_mentions",
                         "events", "claim_mentions", "claims", "contradictions"):
                table = S.metadata.tables[name]
                out[name] = int(conn.execute(select(func.count()).select_from(table)).scalar_one())
            out["copies"] = int(conn.execute(select(func.count()).select_from(S.documents).where(
                S.documents.c.copy_of.is_not(None))).scalar_one())
        return out

    def put_document(self, doc: IngestedDocument, conn: Connection | None = None) -> bool:
        """Insert a document; returns False (and changes nothing) if it exists.

        Uses ``ON CONFLICT DO NOTHING`` so that concurrent writers of the same
        document never fail and never duplicate it.
        """
        if conn is None:
            with self.begin() as c:
                return self.put_document(doc, c)
        values = dict(
            id=doc.id, source=doc.source, format=doc.format, title=doc.title, author=doc.author,
            outlet=doc.outlet, published=doc.published, published_basis=doc.published_basis,
            original_text=doc.original, clean_text=doc.clean, offset_map=doc.offset_map,
            words=doc.words, language=doc.language, meta={**doc.meta, "warnings": doc.warnings},
            added_at=now(),
        )
        stmt = self._insert(S.documents).values(**values).on_conflict_do_nothing(
            index_elements=["id"]).returning(S.documents.c.id)
        return conn.execute(stmt).first() is not None

    def _insert(self, table: Any) -> Any:
        if self.dialect == "postgresql":
            from sqlalchemy.dialects.postgresql import insert as pg_insert

            return pg_insert(table)
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        return sqlite_insert(table)

    def lock_document(self, conn: Connection, doc_id: str) -> str | None | bool:
        """Lock a document row for this transaction; returns its extractor version.

        Returns ``False`` when the document does not exist.
        """
        stmt = select(S.documents.c.extractor_version).where(S.documents.c.id == doc_id)
        if self.dialect == "postgresql":
            stmt = stmt.with_for_update()
        row = conn.execute(stmt).first()
        return False if row is None else row[0]

    def put_extraction(self, ex: Extraction, conn: Connection | None = None) -> None:
        """Replace a document's records with ``ex`` and mark it extracted."""
        if conn is None:
            with self.begin() as c:
                return self.put_extraction(ex, c)
        did = ex.document_id
        for table in (S.sentences, S.mentions, S.event_mentions, S.claim_mentions):
            conn.execute(delete(table).where(table.c.document_id == did))
        if ex.sentences:
            conn.execute(insert(S.sentences), [
                {"document_id": did, "idx": s.index, "start": s.start, "end": s.end, "text": s.text}
                for s in ex.sentences
            ])
        if ex.mentions:
            conn.execute(insert(S.mentions), [
                {"document_id": did, "sentence_idx": m.sentence_index, "start": m.start,
                 "end": m.end, "text": m.text, "key": m.actor.key, "name": m.actor.name,
                 "type": m.actor.type, "country_key": m.actor.country, "role": m.actor.role,
                 "iso3": m.actor.iso3, "wikidata": m.actor.wikidata, "is_actor": m.actor.is_actor}
                for m in ex.mentions
            ])
        if ex.events:
            conn.execute(insert(S.event_mentions), [
                {"document_id": did, "sentence_idx": e.sentence_index, "start": e.start,
                 "end": e.end, "text": e.text, "trigger": e.trigger, "type": e.type,
                 "cameo": e.cameo, "intensity": e.intensity, "source_keys": e.source,
                 "target_keys": e.target, "date_value": e.date_value, "date_basis": e.date_basis,
                 "date_granularity": e.date_granularity if e.date_value else None,
                 "date_text": e.date_text, "location": e.location,
                 "quantities": [_as_dict(q) for q in e.quantities], "modality": e.modality,
                 "attributed_keys": e.attributed_to, "confidence": e.confidence}
                for e in ex.events
            ])
        if ex.claims:
            conn.execute(insert(S.claim_mentions), [
                {"document_id": did, "sentence_idx": c.sentence_index, "start": c.start,
                 "end": c.end, "text": c.text, "subject_key": c.subject, "property": c.property,
                 "value": json.dumps(c.value), "value_text": c.value_text, "unit": c.unit,
                 "qualifier": c.qualifier, "modality": c.modality}
                for c in ex.claims
            ])
        conn.execute(update(S.documents).where(S.documents.c.id == did).values(
            extractor_version=ex.extractor_version, extract_stats=ex.stats, reconciled_at=None,
        ))
        from .fts import index_document

        index_document(self, conn, did)
        return None

    def store_document(self, doc: IngestedDocument, ex: Extraction | None) -> str:
        """Write a document and its extraction in ONE transaction.

        Returns ``"added"`` (new document), ``"extracted"`` (it was stored but
        not extracted with this version; records written now) or ``"exists"``
        (already stored and extracted, possibly by a concurrent writer:
        nothing changed).
        """
        with self.begin() as conn:
            inserted = self.put_document(doc, conn)
            if ex is None:
                return "added" if inserted else "exists"
            version = self.lock_document(conn, doc.id)
            if not inserted and version == ex.extractor_version:
                return "exists"
            self.put_extraction(ex, conn)
            return "added" if inserted else "extracted"

    # -- search ----------------------------------------------------------------
    def search_sentences(self, query: str, limit: int = 20) -> list[dict[str, Any]]:
        """Sentences matching ``query``, best first (see :mod:`accord.store.fts`)."""
        from .fts import search

        return search(self, query, limit)

    # -- runs ------------------------------------------------------------------
    def start_run(self, command: str, extractor_version: str | None) -> int:
        with self.begin() as conn:
            result = conn.execute(insert(S.runs).values(
                started_at=now(), command=command, extractor_version=extractor_version,
                status="running", stats={"pid": os.getpid(), "host": os.uname().nodename},
            ))
            key = result.inserted_primary_key
            assert key is not None  # an INSERT of one row always has one
            return int(key[0])

    def finish_run(self, run_id: int, status: str, stats: dict[str, Any]) -> None:
        with self.begin() as conn:
            conn.execute(update(S.runs).where(S.runs.c.id == run_id).values(
                finished_at=now(), status=status, stats=stats))

    def mark_dead_runs(self) -> int:
        """Runs still "running" whose process is gone (killed builds) become "interrupted"."""
        host = os.uname().nodename
        dead = []
        with self.connect() as conn:
            for rid, stats in conn.execute(
                select(S.runs.c.id, S.runs.c.stats).where(S.runs.c.status == "running")
            ):
                stats = stats or {}
                if stats.get("host") == host and not pid_alive(stats.get("pid")):
                    dead.append(rid)
        if dead:
            with self.begin() as conn:
                conn.execute(update(S.runs).where(S.runs.c.id.in_(dead)).values(
                    status="interrupted"))
        return len(dead)

    def runs(self, limit: int = 20) -> list[dict[str, Any]]:
        with self.connect() as conn:
            rows = conn.execute(
                select(S.runs).order_by(S.runs.c.id.desc()).limit(limit)).mappings().all()
        return [dict(r) for r in rows]


def _lock_file(path: Path) -> IO[str]:
    """Open and ``flock`` the lock file at ``path``, the one the path names now.

    The holder deletes the file before unlocking, so a process that waited on
    the old file finds, once it holds it, that ``path`` is gone or another file:
    it tries again on the current one. Two holders at once are impossible.
    """
    while True:
        fh = open(path, "a")  # noqa: SIM115 - closed by the caller after unlocking
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            if os.stat(path).st_ino == os.fstat(fh.fileno()).st_ino:
                return fh
        except FileNotFoundError:
            pass
        fcntl.flock(fh, fcntl.LOCK_UN)
        fh.close()


def _as_dict(obj: Any) -> dict[str, Any]:
    return obj if isinstance(obj, dict) else dict(obj.__dict__)


def _one_line(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None) or exc
    return " ".join(str(orig).split())[:300]
