"""Opening a store and writing per-document records.

``Store`` wraps one SQLAlchemy engine. SQLite is the default (a file path);
anything with ``://`` is taken as a SQLAlchemy URL (``postgresql://`` is
rewritten to the psycopg 3 driver). Every document is written in one
transaction, so an interrupted build never leaves half a document behind.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, delete, event, insert, select, update
from sqlalchemy.exc import DatabaseError, OperationalError

from ..errors import StoreError
from ..records import Extraction, IngestedDocument
from . import schema as S

DEFAULT_DB = "accord.db"


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def normalise_url(db: str | os.PathLike[str]) -> str:
    db = str(db)
    if "://" not in db:
        return f"sqlite:///{Path(db).expanduser()}"
    if db.startswith("postgresql://") or db.startswith("postgres://"):
        return "postgresql+psycopg://" + db.split("://", 1)[1]
    return db


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()


class Store:
    """A knowledge-base store. Cheap to create; call :meth:`close` when done."""

    def __init__(self, db: str | os.PathLike[str] = DEFAULT_DB, *, create: bool = True):
        self.url = normalise_url(db)
        self.dialect = self.url.split(":", 1)[0].split("+", 1)[0]
        if self.dialect == "sqlite":
            path = Path(self.url.removeprefix("sqlite:///"))
            if not create and not path.exists():
                raise StoreError(f"{path}: no such store (run `accord build` first)")
            if create and not path.parent.exists():
                raise StoreError(f"{path}: directory {path.parent} does not exist")
            if path.exists() and not os.access(path, os.W_OK):
                self.read_only = True
            if create and not os.access(path.parent, os.W_OK):
                raise StoreError(f"{path}: directory is not writable")
        try:
            self.engine: Engine = create_engine(self.url, future=True)
        except Exception as exc:  # bad URL, missing driver
            raise StoreError(f"{db}: cannot open store ({exc})") from exc
        if self.dialect == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
        try:
            from .migrations import ensure_schema

            ensure_schema(self)
        except OperationalError as exc:
            raise StoreError(f"{db}: cannot open store ({exc.orig})") from exc
        except DatabaseError as exc:
            raise StoreError(f"{db}: not an accord store or corrupt ({exc.orig})") from exc

    # -- connections -----------------------------------------------------------
    @contextmanager
    def begin(self) -> Iterator[Connection]:
        """One transaction; rolled back on any exception."""
        with self.engine.begin() as conn:
            yield conn

    @contextmanager
    def connect(self) -> Iterator[Connection]:
        with self.engine.connect() as conn:
            yield conn

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- documents -------------------------------------------------------------
    def has_document(self, doc_id: str) -> bool:
        with self.connect() as conn:
            return conn.execute(
                select(S.documents.c.id).where(S.documents.c.id == doc_id)
            ).first() is not None

    def pending_documents(self, extractor_version: str) -> list[str]:
        """Ids of documents stored but not (or not with this version) extracted."""
        with self.connect() as conn:
            rows = conn.execute(
                select(S.documents.c.id).where(
                    (S.documents.c.extractor_version.is_(None))
                    | (S.documents.c.extractor_version != extractor_version)
                )
            )
            return [r[0] for r in rows]

    def load_document(self, doc_id: str) -> IngestedDocument:
        with self.connect() as conn:
            row = conn.execute(select(S.documents).where(S.documents.c.id == doc_id)).mappings().first()
        if row is None:
            from ..errors import NotFound

            raise NotFound(f"no document {doc_id}")
        return IngestedDocument(
            id=row["id"], source=row["source"], format=row["format"],
            original=row["original_text"], clean=row["clean_text"], offset_map=row["offset_map"],
            title=row["title"], author=row["author"], outlet=row["outlet"],
            published=row["published"], published_basis=row["published_basis"],
            language=row["language"], meta=row["meta"] or {},
        )

    def put_document(self, doc: IngestedDocument, conn: Connection | None = None) -> bool:
        """Insert a document; returns False (and changes nothing) if it exists."""
        if conn is None:
            with self.begin() as c:
                return self.put_document(doc, c)
        exists = conn.execute(select(S.documents.c.id).where(S.documents.c.id == doc.id)).first()
        if exists:
            return False
        conn.execute(insert(S.documents).values(
            id=doc.id, source=doc.source, format=doc.format, title=doc.title, author=doc.author,
            outlet=doc.outlet, published=doc.published, published_basis=doc.published_basis,
            original_text=doc.original, clean_text=doc.clean, offset_map=doc.offset_map,
            words=doc.words, language=doc.language, meta={**doc.meta, "warnings": doc.warnings},
            added_at=now(),
        ))
        return True

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
                 "date_text": e.date_text, "location": e.location,
                 "quantities": [q.__dict__ for q in e.quantities], "modality": e.modality,
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
            extractor_version=ex.extractor_version, extract_stats=ex.stats,
        ))
        from .fts import index_document

        index_document(self, conn, did)
        return None
