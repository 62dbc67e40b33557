"""Full-text search over sentences: FTS5 on SQLite, tsvector on PostgreSQL."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

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
        conn.execute(text(
            "CREATE INDEX IF NOT EXISTS ix_sentences_tsv ON sentences USING gin(tsv)"
        ))


def index_document(store: Store, conn: Connection, doc_id: str) -> None:
    """Hook for engines whose index is not maintained by triggers (none yet)."""
    return None


#: Words of a user query: letters/digits, keeping inner apostrophes and hyphens
#: out (FTS5's unicode61 tokenizer splits on them anyway).
_WORD = re.compile(r"\w+", re.UNICODE)
#: Upper bound on query words, so a pasted paragraph stays a cheap query.
MAX_QUERY_WORDS = 32


def fts5_query(query: str) -> str | None:
    """Turn free user text into a safe FTS5 MATCH expression.

    FTS5 has its own syntax (``AND``, ``NEAR``, ``"``, ``*``, ``:``, ``^``,
    parentheses); user text such as ``"K2" (tanks`` would raise a syntax
    error. Each word becomes a quoted string, so every word must occur
    (implicit AND) and operators lose their meaning. A trailing ``*`` on a
    word is kept as a prefix search. Returns None when there is no word.
    """
    terms = []
    for m in _WORD.finditer(query):
        word = m.group(0)
        prefix = query[m.end():m.end() + 1] == "*"
        terms.append(f'"{word}"' + ("*" if prefix else ""))
        if len(terms) >= MAX_QUERY_WORDS:
            break
    return " ".join(terms) or None


def search(store: Store, query: str, limit: int = 20) -> list[dict[str, Any]]:
    """Sentences matching every word of ``query``, best first.

    Rows: ``document_id``, ``sentence_idx``, ``start``/``end`` (offsets into
    the original text), ``text`` (cleaned sentence), ``title``, ``published``
    and ``score`` (higher is better; BM25 on SQLite, ts_rank on PostgreSQL).
    """
    limit = max(1, int(limit))
    if store.dialect == "sqlite":
        match = fts5_query(query)
        if match is None:
            return []
        sql = text(
            "SELECT s.document_id, s.idx AS sentence_idx, s.start, s.\"end\", s.text, "
            "d.title, d.published, -bm25(sentences_fts) AS score "
            "FROM sentences_fts JOIN sentences s ON s.id = sentences_fts.rowid "
            "JOIN documents d ON d.id = s.document_id "
            "WHERE sentences_fts MATCH :q "
            "ORDER BY bm25(sentences_fts), s.document_id, s.idx LIMIT :n"
        )
        params: dict[str, Any] = {"q": match, "n": limit}
    elif store.dialect == "postgresql":
        words = _WORD.findall(query)[:MAX_QUERY_WORDS]
        if not words:
            return []
        # plainto_tsquery never raises on user text; it ANDs the words.
        sql = text(
            "SELECT s.document_id, s.idx AS sentence_idx, s.start, s.\"end\", s.text, "
            "d.title, d.published, ts_rank(s.tsv, q) AS score "
            "FROM sentences s JOIN documents d ON d.id = s.document_id, "
            "plainto_tsquery('english', :q) q "
            "WHERE s.tsv @@ q "
            "ORDER BY score DESC, s.document_id, s.idx LIMIT :n"
        )
        params = {"q": " ".join(words), "n": limit}
    else:  # pragma: no cover - other SQLAlchemy dialects: plain substring match
        sql = text(
            "SELECT s.document_id, s.idx AS sentence_idx, s.start, s.\"end\", s.text, "
            "d.title, d.published, 1.0 AS score FROM sentences s "
            "JOIN documents d ON d.id = s.document_id WHERE s.text LIKE :q LIMIT :n"
        )
        params = {"q": f"%{query}%", "n": limit}
    with store.connect() as conn:
        rows = conn.execute(sql, params).mappings().all()
    return [{**dict(r), "score": float(r["score"])} for r in rows]
