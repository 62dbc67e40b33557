"""Schema creation and versioned migrations.

A store records its schema version in ``schema_info``. Opening a store created
by an older accord runs the migrations in order; opening one from a newer
accord is refused rather than guessed at.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from sqlalchemy import Connection, insert, inspect, select, update

from ..errors import StoreError
from . import schema as S

if TYPE_CHECKING:
    from .db import Store

#: version -> function upgrading a store from ``version - 1`` to ``version``.
MIGRATIONS: dict[int, Callable[[Connection], None]] = {}


def current_version(conn: Connection) -> int | None:
    if not inspect(conn).has_table("schema_info"):
        return None
    row = conn.execute(
        select(S.schema_info.c.value).where(S.schema_info.c.key == "version")
    ).first()
    return int(row[0]) if row else None


def ensure_schema(store: Store) -> None:
    from .fts import create_fts

    with store.begin() as conn:
        version = current_version(conn)
        if version is None:
            if inspect(conn).has_table("documents"):
                raise StoreError(f"{store.url}: has tables but no accord schema version")
            S.metadata.create_all(conn)
            create_fts(store, conn)
            conn.execute(insert(S.schema_info).values(key="version", value=str(S.SCHEMA_VERSION)))
            return
        if version > S.SCHEMA_VERSION:
            raise StoreError(
                f"{store.url}: store schema v{version} is newer than this accord "
                f"(v{S.SCHEMA_VERSION}); upgrade accord"
            )
        for v in range(version + 1, S.SCHEMA_VERSION + 1):
            MIGRATIONS[v](conn)
            conn.execute(
                update(S.schema_info).where(S.schema_info.c.key == "version").values(value=str(v))
            )
