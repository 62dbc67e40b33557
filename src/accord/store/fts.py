"""Full-text search over sentences: FTS5 on SQLite, tsvector on PostgreSQL."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import Connection, text

if TYPE_CHECKING:
    from .db import Store


def create_fts(store: Store, conn: Connection) -> None:
    if store.dialect == "sqlite":
        conn.execute(text(
            "CREATE VIRTUAL TABLE IF NOT EXISTS sentences_fts USING fts5("
            "text, content='sentences', content_rowid='id', tokenize='porter unicode61')"
        ))
        # The standard external-content triggers keep the index in step with
        # the table, including when a re-extraction deletes old sentences.
        conn.execute(text(
            "CREATE TRIGGER IF NOT EXISTS sentences_ai AFTER INSERT ON sentences BEGIN "
            "INSERT INTO sentences_fts(rowid, text) VALUES (new.id, new.text); END"
        ))
        conn.execute(text(
            "CREATE TRIGGER IF NOT EXISTS sentences_ad AFTER DELETE ON sentences BEGIN "
            "INSERT INTO sentences_fts(sentences_fts, rowid, text) "
            "VALUES ('delete', old.id, old.text); END"
        ))
    elif store.dialect == "postgresql":
        conn.execute(text(
            "ALTER TABLE sentences ADD COLUMN IF NOT EXISTS tsv tsvector "
            "GENERATED ALWAYS AS (to_tsvector('english', text)) STORED"
        ))
        conn.execute(text("CREATE INDEX IF NOT EXISTS ix_sentences_tsv ON sentences USING gin(tsv)"))


def index_document(store: Store, conn: Connection, doc_id: str) -> None:
    """Hook for engines whose index is not maintained by triggers (none yet)."""
    return None
