"""Every way a store cannot be opened gives one StoreError line naming the store."""

from __future__ import annotations

import sqlite3

import pytest

from accord.errors import StoreError
from accord.store import Store


def one_line_error(db, **kw) -> str:  # type: ignore[no-untyped-def]
    with pytest.raises(StoreError) as info:
        Store(db, **kw)
    msg = str(info.value)
    assert "\n" not in msg
    return msg


def test_corrupt_file(tmp_path):
    bad = tmp_path / "accord.db"
    bad.write_bytes(b"this is a text file, not a database\n" * 10)
    msg = one_line_error(bad)
    assert str(bad) in msg and "not an accord store" in msg
    assert bad.read_bytes().startswith(b"this is a text file")  # left untouched


def test_truncated_sqlite_file(tmp_path):
    good = tmp_path / "good.db"
    with Store(good) as s:
        s.put_document  # noqa: B018 - created
    data = good.read_bytes()
    bad = tmp_path / "accord.db"
    bad.write_bytes(data[:100])
    msg = one_line_error(bad)
    assert str(bad) in msg


def test_unwritable_locations(tmp_path):
    a_file = tmp_path / "plain.txt"
    a_file.write_text("x")
    assert "is not a directory" in one_line_error(a_file / "accord.db")
    assert "does not exist" in one_line_error(tmp_path / "missing" / "accord.db")
    assert "is a directory" in one_line_error(tmp_path)


def test_unwritable_directory_even_for_root():
    """/proc refuses new files to everyone, root included."""
    import os

    if not os.path.isdir("/proc/self"):
        pytest.skip("no /proc")
    msg = one_line_error("/proc/accord-test.db")
    assert msg.startswith("/proc/accord-test.db: directory /proc is not writable")
    assert not os.path.exists("/proc/accord-test.db")


def test_missing_store_for_reading(tmp_path):
    msg = one_line_error(tmp_path / "none.db", create=False)
    assert "no such store" in msg and "accord build" in msg
    assert not (tmp_path / "none.db").exists()


def test_foreign_sqlite_database(tmp_path):
    db = tmp_path / "other.db"
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE documents (x INTEGER)")
    assert "no accord schema version" in one_line_error(db)


def test_unreachable_postgresql_server():
    msg = one_line_error("postgresql://nobody@127.0.0.1:1/accord")
    assert msg.startswith("postgresql://nobody@127.0.0.1:1/accord: cannot open store")


@pytest.mark.postgres
def test_empty_postgresql_database_is_not_a_store_for_reading(pg_fresh_url):
    assert "not an accord store" in one_line_error(pg_fresh_url, create=False)


def test_password_is_not_shown():
    msg = one_line_error("postgresql://user:s3cret@127.0.0.1:1/accord")
    assert "s3cret" not in msg
