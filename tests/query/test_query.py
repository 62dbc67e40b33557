"""accord.query on a small knowledge base whose every row is known (tests/query/minikb.py)."""

from __future__ import annotations

import pytest

from accord import query
from accord.errors import NotFound
from accord.query import QueryError


def _original(store, doc_id: str) -> str:
    return query.document(store, doc_id)["original_text"]


def test_resolve_actor_by_name_alias_code_and_id(mini_store):
    for text in ("Poland", "poland", "POL", "Q36", "state:POL", "Warsaw", "Polish"):
        assert query.resolve_actor(mini_store, text) == "state:POL", text
    assert query.resolve_actor(mini_store, "ABW") == "org:abw"
    assert query.resolve_actor(mini_store, "Kosiniak-Kamysz") == "person:kosiniak-kamysz"
    with pytest.raises(NotFound, match="did you mean: Poland"):
        query.resolve_actor(mini_store, "Polnad")


def test_timeline_dyad_rows_in_order_with_citations(mini_store):
    rows = query.timeline(mini_store, dyad=("Poland", "South Korea"))
    assert [(r["date"]["value"], r["type"]) for r in rows] == [
        ("2022", "AGREE"), ("2024-01-15", "THREATEN"), ("2024-03-04", "AGREE"),
        ("2024-03-04", "CONSULT")]
    for r in rows:
        for m in r["mentions"]:
            assert _original(mini_store, m["document"])[m["start"]:m["end"]] == m["text"]
    k2 = rows[2]
    assert k2["independent_sources"] == 2 and k2["modality"] == "reported"
    assert k2["quantities"][0]["text"] == "$2.6 billion"
    # The original is cited before its reprint.
    assert k2["citation"]["copy_of"] is None
    assert "$2.6 billion" in k2["citation"]["text"]
    assert len(k2["mentions"]) == 3


def test_timeline_filters(mini_store):
    assert [r["id"] for r in query.timeline(mini_store, actor="Belarus")] == [
        "ev-accuse-blr", "ev-reject-blr", "ev-accuse-pol"]
    assert [r["id"] for r in query.timeline(mini_store, min_sources=2)] == ["ev-agree-k2"]
    got = query.timeline(mini_store, date_from="2023-11", date_to="2023-12")
    assert {r["id"] for r in got} == {"ev-accuse-blr", "ev-reject-blr", "ev-accuse-pol"}
    got = query.timeline(mini_store, types="verbal_conflict", actor="POL")
    assert {r["type"] for r in got} == {"ACCUSE", "REJECT", "THREATEN"}
    # A state includes its organisations: the security agency's arrests are Poland's.
    assert "ev-coerce-plot" in {r["id"] for r in query.timeline(mini_store, actor="Poland")}
    assert len(query.timeline(mini_store, limit=2)) == 2
    with pytest.raises(QueryError, match="not a date"):
        query.timeline(mini_store, date_from="March")
    with pytest.raises(QueryError, match="unknown event type"):
        query.timeline(mini_store, types=["HUG"])


def test_dyad_numbers(mini_store):
    d = query.dyad(mini_store, "POL", "KOR")
    assert d["a"]["name"] == "Poland" and d["b"]["name"] == "South Korea"
    assert d["total"] == 4 and d["counted"] == 4
    years = {y["year"]: y for y in d["years"]}
    assert years[2022]["verbal_cooperation"] == 1
    assert years[2024]["verbal_cooperation"] == 2 and years[2024]["verbal_conflict"] == 1
    assert years[2024]["net"] == pytest.approx(1.0 + 4.0 - 6.0)
    assert [t["name"] for t in d["third_parties"]] == ["North Korea"]
    assert d["main_events"][0]["id"] == "ev-agree-k2"  # the best corroborated
    assert {c["id"] for c in d["contradictions"]} == {"ct-numeric-koreans", "ct-copy-k2"}
    assert "4 events involve Poland and South Korea between 2022 and 2024" in d["summary"]


def test_dyad_excludes_denied_from_counts(mini_store):
    d = query.dyad(mini_store, "Poland", "Belarus")
    assert d["total"] == 3 and d["by_type"] == {"ACCUSE": 2, "REJECT": 1}
    assert d["years"][0]["conflict"] == pytest.approx(-8.0)


def test_search_ranked_highlighted_and_filtered(mini_store):
    hits = query.search(mini_store, "K2 tanks agreement")
    assert len(hits) == 2 and all(h["match"] == "all" for h in hits)
    for h in hits:
        assert {h["text"][a:b].lower() for a, b in h["highlights"]} >= {"k2", "tanks"}
        orig = _original(mini_store, h["document"])
        assert orig[h["start"]:h["end"]] == h["text"]
    assert query.search(mini_store, 'deal "$2.6" (billion') != []  # no FTS syntax error
    only_blr = query.search(mini_store, "accused", actor="Belarus")
    assert {h["text"][:14] for h in only_blr} == {"Belarus accuse", "Polish officia"}
    assert query.search(mini_store, "accused", date_from="2023-12") == [
        h for h in query.search(mini_store, "accused") if h["published"] >= "2023-12"]
    assert query.search(mini_store, "submarine") == []


def test_entities_entity_documents_copies_contradictions(mini_store, mini_ids):
    states = query.entities(mini_store, type="STATE")
    assert {e["codes"]["iso3"] for e in states} == {"POL", "KOR", "BLR", "PRK", "RUS"}
    pol = query.entity(mini_store, "Poland")
    assert {m["id"] for m in pol["members"]} == {"person:kosiniak-kamysz", "org:abw"}
    assert pol["event_types"]["ACCUSE"] == 2  # accuser once, accused once
    docs = query.documents(mini_store)
    assert docs[0]["published"] == "2023-11-20"
    reprint = next(d for d in docs if d["id"] == mini_ids["reprint"])
    assert reprint["copy_of"] == mini_ids["visit"] and reprint["copy_of_title"] == "Visit"
    assert [c["document"] for c in query.copies(mini_store)] == [mini_ids["reprint"]]
    doc = query.document(mini_store, mini_ids["visit"][:6])
    assert doc["copied_by"][0]["id"] == mini_ids["reprint"] and len(doc["sentences"]) == 3
    c = query.contradictions(mini_store, kind="numeric")
    assert c[0]["item_details"][0]["kind"] == "claim"
    assert query.contradictions(mini_store, actor="Russia") == []
    ev = query.event(mini_store, "ev-agree-k2")
    assert [x["id"] for x in ev["contradictions"]] == ["ct-copy-k2"]
    with pytest.raises(NotFound):
        query.event(mini_store, "no-such-event")


@pytest.mark.parametrize("question, expected", [
    ("How much was the K2 tank agreement worth?", "$2.6 billion agreement for K2 tanks"),
    ("How many South Koreans live in Poland?", "South Koreans live in Poland"),
    ("Who accused Poland?", "Belarus accused Poland of provocations"),
    ("When did Kosiniak-Kamysz meet Shin Won-sik?", "met South Korean Defence Minister"),
    ("What did Russia deny?", "Russia denied that it moved troops"),
    ("Did Poland and South Korea sign an agreement in 2022?", "framework deal worth $13.7"),
    ("What happened in December 2023?", "Belarus accused Poland of provocations"),
])
def test_ask_answers_with_cited_sentence(mini_store, question, expected):
    ans = query.ask(mini_store, question)
    assert ans["found"], ans["text"]
    best = ans["evidence"][0]["citations"][0]
    assert expected in best["sentence"]
    orig = _original(mini_store, best["document"])
    assert orig[best["start"]:best["end"]] == best["text"]


def test_ask_count_reports_both_values(mini_store):
    ans = query.ask(mini_store, "How many South Koreans live in Poland?")
    assert {e["id"] for e in ans["evidence"]} == {"cl-koreans-3000", "cl-koreans-12000"}
    assert "different values" in ans["text"]


@pytest.mark.parametrize("question", [
    "Did Japan sign a deal with Poland?",
    "What is the capital of France?",
    "Did Poland sanction Belarus?",
    "Did South Korea and Poland sign an agreement in 2019?",
    "What happened in 2021?",
])
def test_ask_says_not_found(mini_store, question):
    ans = query.ask(mini_store, question)
    assert not ans["found"] and ans["text"].startswith("Not found")
    assert ans["evidence"] == []
