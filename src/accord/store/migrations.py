"""Schema creation and versioned migrations.

A store records its schema version in ``schema_info``. Opening a store created
by an older accord runs the migrations in order, each in the same transaction
as the version bump, so a store is never left between two versions. Opening a
store from a newer accord is refused rather than guessed at.

To change the schema: edit :mod:`accord.store.schema`, bump
``SCHEMA_VERSION`` to N and add ``MIGRATIONS[N]``, a function that brings a
version N-1 store to version N on both SQLite and PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from sqlalchemy import Connection, insert, inspect, select, text, update

from ..errors import StoreError
from . import schema as S

if TYPE_CHECKING:
    from .db import Store

#: version -> function upgrading a store from ``version - 1`` to ``version``.
MIGRATIONS: dict[int, Callable[[Connection, str], None]] = {}

#: PostgreSQL advisory lock key serialising schema creation/migration.
_PG_SCHEMA_LOCK = 0x6163636F7264  # "accord"


def migration(version: int) -> Callable[[Callable[[Connection, str], None]],
                                        Callable[[Connection, str], None]]:
    def register(fn: Callable[[Connection, str], None]) -> Callable[[Connection, str], None]:
        MIGRATIONS[version] = fn
        return fn

    return register


@migration(2)
def _v2_reconciled_at(conn: Connection, dialect: str) -> None:
    """Track reconciliation per document; existing documents count as reconciled."""
    conn.execute(text("ALTER TABLE documents ADD COLUMN reconciled_at VARCHAR(32)"))
    conn.execute(text(
        "UPDATE documents SET reconciled_at = added_at WHERE extractor_version IS NOT NULL"))
    conn.execute(text(
        "CREATE INDEX IF NOT EXISTS ix_documents_extractor ON documents (extractor_version)"))
    conn.execute(text(
        "CREATE INDEX IF NOT EXISTS ix_documents_reconciled ON documents (reconciled_at)"))


@migration(3)
def _v3_covering_event_actor_index(conn: Connection, dialect: str) -> None:
    """Dyad and actor timelines read (entity, date, event) from the index alone."""
    conn.execute(text("DROP INDEX IF EXISTS ix_event_actors_entity"))
    conn.execute(text(
        "CREATE INDEX ix_event_actors_entity ON event_actors (entity_id, date_sort, event_id)"))


@migration(4)
def _v4_event_pairs(conn: Connection, dialect: str) -> None:
    """Dyads read the pair tables (filled from the events already stored); on SQLite,
    entity resolution reads mentions from covering indexes."""
    from .pairs import rebuild_pairs

    S.event_pairs.create(conn, checkfirst=True)
    S.pair_links.create(conn, checkfirst=True)
    rebuild_pairs(conn)
    covering: tuple[tuple[str, str, str], ...] = (
        ("ix_event_mentions_event", "event_mentions", "event_id, document_id"),
                ("ix_event_actors_event", "event_actors", "event_id, entity_id"))
    if dialect == "sqlite":
        covering += (
            ("ix_mentions_key", "mentions", ", ".join(('"key"', *S._MENTION_KEY_COVER))),
            ("ix_mentions_entity", "mentions", ", ".join(("entity_id", *S._MENTION_ENTITY_COVER))))
    for name, table, cols in covering:
        conn.execute(text(f"DROP INDEX IF EXISTS {name}"))
        conn.execute(text(f"CREATE INDEX {name} ON {table} ({cols})"))


@migration(5)
def _v5_event_judgements(conn: Connection, dialect: str) -> None:
    """Analyst merge/split judgements on events (``accord judge events``)."""
    S.event_judgements.create(conn, checkfirst=True)


@migration(6)
def _v6_date_granularity(conn: Connection, dialect: str) -> None:
    """Dates keep their granularity (a week, decade or century is not read from the value's
    shape). Rows written before stay NULL: readers fall back on the shape, as they did."""
    for table in ("event_mentions", "events"):
        if "date_granularity" not in {c["name"] for c in inspect(conn).get_columns(table)}:
            conn.execute(text(f"ALTER TABLE {table} ADD COLUMN date_granularity VARCHAR(8)"))


@migration(7)
def _v7_copy_of_index(conn: Connection, dialect: str) -> None:
    """An add looks up the copies of the documents it changes: through an index, not by
    reading every document row."""
    conn.execute(text("CREATE INDEX IF NOT EXISTS ix_documents_copy_of ON documents (copy_of)"))


def current_version(conn: Connection) -> int | None:
    if not inspect(conn).has_table("schema_info"):
        return None
    row = conn.execute(
        select(S.schema_info.c.value).where(S.schema_info.c.key == "version")
    ).first()
    return int(row[0]) if row else None


def _too_new(store: Store, version: int) -> StoreError:
    return StoreError(
        f"{store.name}: store schema v{version} is newer than this accord "
        f"(v{S.SCHEMA_VERSION}); upgrade accord"
    )


def check_schema(store: Store) -> None:
    """For read-only use: the store must exist and be at this accord's version."""
    with store.connect() as conn:
        version = current_version(conn)
    if version is None:
        raise StoreError(f"{store.name}: not an accord store (no schema version)")
    if version > S.SCHEMA_VERSION:
        raise _too_new(store, version)
    if version < S.SCHEMA_VERSION:
        raise StoreError(
            f"{store.name}: store schema v{version} is older than this accord "
            f"(v{S.SCHEMA_VERSION}); open it for writing once (any accord command does) to migrate"
        )


def ensure_schema(store: Store, *, create: bool = True) -> None:
    """Create the schema in an empty store, or migrate an older one."""
    from .fts import create_fts

    with store.begin() as conn:
        if store.dialect == "postgresql":
            # Two processes opening a fresh store at once must not both create it.
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_SCHEMA_LOCK})
        version = current_version(conn)
        if version is None:
            if inspect(conn).has_table("documents"):
                raise StoreError(f"{store.name}: has tables but no accord schema version")
            if not create:
                raise StoreError(f"{store.name}: empty database, not an accord store "
                                 "(run `accord build` first)")
            S.metadata.create_all(conn)
            create_fts(store, conn)
            conn.execute(insert(S.schema_info).values(key="version", value=str(S.SCHEMA_VERSION)))
            return
        if version > S.SCHEMA_VERSION:
            raise _too_new(store, version)
        for v in range(version + 1, S.SCHEMA_VERSION + 1):
            if v not in MIGRATIONS:
                raise StoreError(f"{store.name}: no migration from schema v{v - 1} to v{v}")
            MIGRATIONS[v](conn, store.dialect)
            conn.execute(
                update(S.schema_info).where(S.schema_info.c.key == "version").values(value=str(v))
            )
