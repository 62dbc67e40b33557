"""Writing many rows fast."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from sqlalchemy import Connection, Table, insert

#: One parameter marker per DBAPI paramstyle.
_MARK = {"qmark": "?", "format": "%s", "pyformat": "%s"}


def insert_tuples(conn: Connection, table: Table, rows: Sequence[tuple[Any, ...]]) -> None:
    """Insert rows given as tuples in the table's column order, with the driver's own
    executemany.

    Why: a full build writes millions of index rows; building one parameter dict
    per row through the SQL layer costs more than the insert itself.
    """
    if not rows:
        return
    cols = [c.name for c in table.columns]
    mark = _MARK.get(conn.dialect.paramstyle)
    if mark is None:  # a driver with named parameters: the SQL layer's way
        conn.execute(insert(table), [dict(zip(cols, r, strict=True)) for r in rows])
        return
    quoted = ", ".join(conn.dialect.identifier_preparer.quote(c) for c in cols)
    conn.exec_driver_sql(
        f"INSERT INTO {table.name} ({quoted}) VALUES ({', '.join([mark] * len(cols))})",
        list(rows))


def chunks(items: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    """``items`` in slices of ``size``: keeps each IN (...) list under the drivers'
    bound-parameter limits (SQLite's 32,766, PostgreSQL's 65,535)."""
    for i in range(0, len(items), size):
        yield items[i:i + size]
