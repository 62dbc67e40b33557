"""Schema versioning: older stores are migrated in place, newer ones refused."""

from __future__ import annotations

import pytest
from sqlalchemy import inspect, select, text, update

from accord.errors import StoreError
from accord.store import Store
from accord.store import migrations as M
from accord.store import schema as S

from .conftest import make_doc, make_extraction


def set_version(store: Store, v: int) -> None:
    with store.begin() as conn:
        conn.execute(update(S.schema_info).where(S.schema_info.c.key == "version")
                     .values(value=str(v)))


def test_v1_store_is_migrated_to_current(store_url, article):
    """A store as accord v1 wrote it (no documents.reconciled_at) opens and is upgraded."""
    with Store(store_url) as s:
        s.store_document(article, make_extraction(article))
        unextracted = make_doc("Only stored, never extracted.\n")
        s.put_document(unextracted)
        with s.begin() as conn:
            conn.execute(text("DROP INDEX ix_documents_reconciled"))
            conn.execute(text("DROP INDEX ix_documents_extractor"))
            conn.execute(text("ALTER TABLE documents DROP COLUMN reconciled_at"))
            conn.execute(text("DROP INDEX ix_event_actors_entity"))
            conn.execute(text(
                "CREATE INDEX ix_event_actors_entity ON event_actors (entity_id, date_sort)"))
        set_version(s, 1)
    with Store(store_url) as s:
        with s.connect() as conn:
            assert M.current_version(conn) == S.SCHEMA_VERSION
            cols = {c["name"] for c in inspect(conn).get_columns("documents")}
            indexes = {i["name"] for i in inspect(conn).get_indexes("documents")}
            rows = dict(conn.execute(select(S.documents.c.id, S.documents.c.reconciled_at)).all())
            ea = {i["name"]: i["column_names"] for i in inspect(conn).get_indexes("event_actors")}
        assert "reconciled_at" in cols
        assert {"ix_documents_extractor", "ix_documents_reconciled"} <= indexes
        assert ea["ix_event_actors_entity"] == ["entity_id", "date_sort", "event_id"]
        # extracted documents of a v1 store count as reconciled; the other is pending
        assert rows[article.id] is not None and rows[unextracted.id] is None
        assert s.load_document(article.id).original == article.original
        assert s.counts()["sentences"] == 3


def test_future_migration_runs_once_in_order(store_url, monkeypatch):
    """A fake next version: its migration runs on open, then never again."""
    with Store(store_url):
        pass
    calls = []

    def add_table(conn, dialect):  # type: ignore[no-untyped-def]
        calls.append(dialect)
        conn.execute(text("CREATE TABLE fake_next (x INTEGER)"))

    nxt = S.SCHEMA_VERSION + 1
    monkeypatch.setattr(S, "SCHEMA_VERSION", nxt)
    monkeypatch.setitem(M.MIGRATIONS, nxt, add_table)
    with Store(store_url) as s, s.connect() as conn:
        assert M.current_version(conn) == nxt
        assert inspect(conn).has_table("fake_next")
    with Store(store_url):
        pass
    assert len(calls) == 1


def test_failed_migration_leaves_store_at_old_version(store_url, monkeypatch):
    with Store(store_url) as s:
        s.put_document(make_doc("Kept through a failed migration.\n"))
    nxt = S.SCHEMA_VERSION + 1

    def broken(conn, dialect):  # type: ignore[no-untyped-def]
        conn.execute(text("CREATE TABLE half_done (x INTEGER)"))
        raise RuntimeError("boom")

    monkeypatch.setattr(S, "SCHEMA_VERSION", nxt)
    monkeypatch.setitem(M.MIGRATIONS, nxt, broken)
    with pytest.raises(RuntimeError):
        Store(store_url)
    monkeypatch.undo()
    with Store(store_url) as s, s.connect() as conn:
        assert M.current_version(conn) == S.SCHEMA_VERSION
        assert not inspect(conn).has_table("half_done")  # DDL rolled back too
        assert s.counts()["documents"] == 1


def test_newer_store_is_refused(store_url):
    with Store(store_url) as s:
        set_version(s, S.SCHEMA_VERSION + 5)
    with pytest.raises(StoreError, match="newer than this accord"):
        Store(store_url)
    with pytest.raises(StoreError, match="newer than this accord"):
        Store(store_url, read_only=True)


def test_read_only_open_of_older_store_asks_for_migration(store_url, monkeypatch):
    with Store(store_url):
        pass
    monkeypatch.setattr(S, "SCHEMA_VERSION", S.SCHEMA_VERSION + 1)
    with pytest.raises(StoreError, match="older than this accord"):
        Store(store_url, read_only=True)


def test_reading_commands_migrate_an_older_store_first(tmp_path, article):
    from accord.cli.common import open_store

    db = tmp_path / "old.db"
    with Store(db) as s:
        s.store_document(article, make_extraction(article))
        set_version(s, 2)
    with pytest.raises(StoreError, match="older than this accord"):
        Store(db, create=False, read_only=True)
    store = open_store(str(db), read_only=True)
    try:
        with store.connect() as conn:
            assert M.current_version(conn) == S.SCHEMA_VERSION
        assert store.load_document(article.id).original == article.original
    finally:
        store.close()


def test_v3_store_gets_its_event_pairs_from_the_stored_events(example_db_path, tmp_path):
    """v4 adds ``event_pairs``; a v3 store's pairs are computed from its events on opening."""
    import sqlite3

    from accord.store.pairs import pair_rows

    db = tmp_path / "v3.db"
    # The backup API, not a file copy: the shared store's latest pages may sit in its WAL.
    with sqlite3.connect(example_db_path) as src, sqlite3.connect(db) as dst:
        src.backup(dst)
    with Store(db) as s:
        with s.connect() as conn:
            events = [dict(r) for r in conn.execute(select(S.events)).mappings()]
            built = {tuple(r) for r in conn.execute(select(S.event_pairs))}
            built_links = {tuple(r) for r in conn.execute(select(S.pair_links))}
        with s.begin() as conn:
            conn.execute(text("DROP TABLE event_pairs"))
            conn.execute(text("DROP TABLE pair_links"))
            conn.execute(text("DROP INDEX ix_mentions_key"))
            conn.execute(text('CREATE INDEX ix_mentions_key ON mentions ("key")'))
        set_version(s, 3)
    with Store(db) as s:
        with s.connect() as conn:
            assert M.current_version(conn) == S.SCHEMA_VERSION
            migrated = {tuple(r) for r in conn.execute(select(S.event_pairs))}
            migrated_links = {tuple(r) for r in conn.execute(select(S.pair_links))}
            ix = {i["name"]: i["column_names"] for i in inspect(conn).get_indexes("mentions")}
    assert ix["ix_mentions_key"][:3] == ["key", "name", "text"]
    expected = {tuple(r[c.name] for c in S.event_pairs.c) for r in pair_rows(events)}
    # The example corpus has multi-actor events; every one of their pairs is there.
    assert len(expected) > 20
    assert migrated == built == expected
    # Links written event by event by reconcile equal those computed in SQL.
    assert migrated_links == built_links
    assert {k for _, _, k, _, _ in built_links} == {"document", "actor"}
