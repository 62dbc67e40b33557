"""The same corpus gives the same knowledge base on SQLite and on PostgreSQL."""

from __future__ import annotations

import pytest

from .snapshot import snapshot


@pytest.mark.postgres
def test_example_corpus_same_on_sqlite_and_postgresql(example_kb, example_kb_pg):
    lite, pg = snapshot(example_kb.store), snapshot(example_kb_pg.store)
    assert len(lite["documents"]) >= 8
    for key in lite:
        assert pg[key] == lite[key], key


def test_search_same_results_on_both(example_kb_any):
    rows = example_kb_any.search_sentences("embassy plot", 5)
    assert rows, "the embassy plot article is in the example corpus"
    assert all("embassy" in r["text"].lower() or "plot" in r["text"].lower() for r in rows)
    doc = example_kb_any.store.load_document(rows[0]["document_id"])
    r = rows[0]
    assert doc.original[r["start"]:r["end"]].split()[:2] == r["text"].split()[:2]
