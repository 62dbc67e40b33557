"""The same queries and exports on PostgreSQL give what they give on SQLite."""

from __future__ import annotations

import jsonschema
import pytest

from accord import query
from accord.export.json_export import schema, to_dict
from tests.query.minikb import build

pytestmark = pytest.mark.postgres


@pytest.fixture(scope="module")
def pg_store(pg_server):  # type: ignore[no-untyped-def]
    store = build(pg_server.create_database("outputs"))
    yield store
    store.close()


def _ids(rows):  # type: ignore[no-untyped-def]
    return [r["id"] for r in rows]


def test_timelines_match_sqlite(pg_store, mini_store):
    for kw in ({"dyad": ("Poland", "South Korea")}, {"actor": "Belarus"}, {"min_sources": 2},
               {"date_from": "2023-11", "date_to": "2023-12"}, {"types": "verbal_conflict"},
               {"actor": "POL", "types": ["ACCUSE"], "limit": 1}):
        assert _ids(query.timeline(pg_store, **kw)) == _ids(query.timeline(mini_store, **kw)), kw


def test_dyad_and_contradictions_match_sqlite(pg_store, mini_store):
    a, b = query.dyad(pg_store, "POL", "KOR"), query.dyad(mini_store, "POL", "KOR")
    assert a["summary"] == b["summary"] and a["years"] == b["years"]
    assert _ids(a["main_events"]) == _ids(b["main_events"])
    assert query.main_dyad(pg_store) == query.main_dyad(mini_store)


def test_search_on_tsvector(pg_store):
    hits = query.search(pg_store, "K2 tanks agreement")
    assert len(hits) == 2
    for h in hits:
        assert {h["text"][s:e].lower() for s, e in h["highlights"]} >= {"tanks"}
    assert query.search(pg_store, 'deal "$2.6" (billion') != []
    assert len(query.search(pg_store, "accused", actor="Belarus")) == 2


def test_search_window_on_tsvector(pg_store, mini_store):
    """The ranking window picks the same newest sentences on both engines."""
    for store in (pg_store, mini_store):
        full = query.search(store, "Poland", limit=100, rank_window=None)
        windowed = query.search(store, "Poland", limit=100, rank_window=2)
        assert len(full) > 2 and len(windowed) == 2
        assert all(h["ranked_newest"] == 2 for h in windowed)
    key = [(h["document"], h["sentence_idx"]) for h in windowed]
    pg_key = [(h["document"], h["sentence_idx"])
              for h in query.search(pg_store, "Poland", limit=100, rank_window=2)]
    assert sorted(key) == sorted(pg_key)


def test_ask_and_json_export(pg_store):
    ans = query.ask(pg_store, "Who accused Poland?")
    assert ans["found"] and "Belarus accused Poland" in ans["evidence"][0]["citations"][0]["text"]
    assert not query.ask(pg_store, "Did Japan sign a deal with Poland?")["found"]
    jsonschema.Draft202012Validator(schema()).validate(to_dict(pg_store))
