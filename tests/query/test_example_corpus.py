"""Outputs on the bundled example corpus, built by the real pipeline (``example_kb``).

These assert what the corpus plans (examples/README.md): the March 2024 K2
deal of $2.6 billion, the foiled embassy plot, Belarus's accusations, the
disagreeing counts of South Koreans in Poland. Extraction details are other
areas' business; what is checked here is that the outputs find, cite and
export them faithfully.
"""

from __future__ import annotations

import json

import jsonschema
import networkx as nx
import pytest

from accord import query
from accord.export import export
from accord.export.json_export import schema
from accord.query.common import entity_names


@pytest.fixture(scope="module")
def store(example_kb):
    return example_kb.store


@pytest.fixture(scope="module")
def originals(store):
    return {d["id"]: query.document(store, d["id"])["original_text"]
            for d in query.documents(store)}


def test_json_export_validates_and_every_span_is_exact(store, originals, tmp_path):
    data = json.loads(export(store, "json", tmp_path / "kb.json").read_text())
    jsonschema.Draft202012Validator(schema()).validate(data)
    assert len(data["documents"]) == len(originals) >= 8
    assert data["events"], "the example corpus has events"
    n = 0
    for item in data["events"] + data["claims"] + data["entities"]:
        for m in item["mentions"]:
            assert originals[m["document"]][m["start"]:m["end"]] == m["text"]
            n += 1
    assert n > 50


def test_timeline_of_main_pair_cites_the_k2_deal(store, originals):
    a, b, n = query.main_dyad(store)
    with store.connect() as conn:
        names = entity_names(conn, [a, b])
    assert {names[a]["name"], names[b]["name"]} == {"Poland", "South Korea"}
    rows = query.timeline(store, dyad=(a, b))
    assert len(rows) == n
    k2 = [r for r in rows if any("$2.6 billion" in m["text"] for m in r["mentions"])]
    assert k2, "the $2.6 billion K2 agreement is in the Poland - South Korea timeline"
    for r in rows:
        for m in r["mentions"]:
            assert originals[m["document"]][m["start"]:m["end"]] == m["text"]


def test_search_finds_the_embassy_plot(store, originals):
    hits = query.search(store, "embassy plot")
    assert hits and hits[0]["match"] == "all"
    top = hits[0]
    assert {top["text"][s:e].lower() for s, e in top["highlights"]} >= {"embassy", "plot"}


@pytest.mark.parametrize("question, expected", [
    ("How much was the K2 tank agreement worth?", "$2.6 billion"),
    ("How many South Koreans live in Poland?", "live in Poland"),
    ("Who foiled the plot against the South Korean embassy?", "foiled a plot"),
])
def test_ask_on_the_corpus(store, originals, question, expected):
    ans = query.ask(store, question)
    assert ans["found"], ans["text"]
    best = ans["evidence"][0]["citations"][0]
    assert expected in best["sentence"] or expected in best["text"]
    assert originals[best["document"]][best["start"]:best["end"]] == best["text"]


@pytest.mark.parametrize("question", [
    "Did Japan sign an arms deal with Poland?",
    "When did Brazil sanction Belarus?",
])
def test_ask_not_found_on_the_corpus(store, question):
    ans = query.ask(store, question)
    assert not ans["found"] and ans["text"].startswith("Not found")


def test_brief_and_graph_exports_on_the_corpus(store, tmp_path):
    from accord.report import brief

    a, b, _ = query.main_dyad(store)
    html = brief(store, a, b, tmp_path / "brief.html")
    assert html.count("data:image/png;base64,") == 3
    assert "$2.6 billion" in html
    g = nx.read_graphml(export(store, "graphml", tmp_path / "kb.graphml"))
    assert g.number_of_edges() > 0
    assert {"Poland", "South Korea"} <= {d.get("label") for _, d in g.nodes(data=True)}


def test_ftm_and_cameo_exports_on_the_corpus(store, tmp_path):
    model = pytest.importorskip("followthemoney").model
    lines = export(store, "ftm", tmp_path / "kb.ftm.json").read_text().splitlines()
    schemata = set()
    for line in lines:
        data = json.loads(line)
        proxy = model.get_proxy(data, cleaned=False)
        proxy.schema.validate(proxy.to_dict())
        schemata.add(data["schema"])
    assert {"PublicBody", "Person", "Article", "Event", "Documentation", "Mention"} <= schemata
    rows = export(store, "cameo", tmp_path / "events.tsv").read_text().splitlines()
    header = rows[0].split("\t")
    assert header[:3] == ["EventID", "Day", "DateValue"] and len(rows) > 10
    root = header.index("EventRootCode")
    assert all(r.split("\t")[root].isdigit() for r in rows[1:])


def test_dyads_from_the_pair_table_equal_dyads_from_the_actor_index(store):
    """The pair table is a derived index: every dyad it answers must be the one the
    actor index gives (each side read separately, intersected), for every pair of
    actors in the corpus, states with their members and single actors alike."""
    from itertools import combinations

    from accord.query.actors import member_ids
    from accord.query.events import _dyad_rows_by_actor, dyad_rows
    from accord.store import schema as S

    with store.connect() as conn:
        actors = sorted({r[0] for r in conn.execute(S.event_actors.select()
                                                     .with_only_columns(S.event_actors.c.entity_id))})
    sides = {a: member_ids(store, a) for a in actors}
    compared = nonempty = 0
    with store.connect() as conn:
        for a, b in combinations(actors, 2):
            if set(sides[a]) & set(sides[b]):
                continue  # answered from the actor index anyway
            got = sorted(dyad_rows(conn, sides[a], sides[b]))
            want = sorted(_dyad_rows_by_actor(conn, sides[a], sides[b], None, None))
            assert got == want, (a, b)
            compared += 1
            nonempty += bool(got)
    assert compared > 50 and nonempty >= 10
    pol_kor = query.dyad(store, "Poland", "South Korea")
    assert pol_kor["total"] >= 5 and pol_kor["documents"] >= 5


def test_dyad_summary_is_the_same_from_pair_links_and_event_indexes(store, monkeypatch):
    """Third parties and document counts come from pair_links when the sides are
    disjoint, from the event indexes otherwise; both must give the same summary."""
    import sys

    dyad_module = sys.modules["accord.query.dyad"]  # the package re-exports the function

    from accord.store import schema as S

    pairs = [("Poland", "South Korea"), ("Poland", "Belarus"), ("South Korea", "North Korea"),
             ("Belarus", "Russia")]
    # Plus the first two actors of every event with three or more (they have third parties).
    actors: dict[str, set[str]] = {}
    with store.connect() as conn:
        for event_id, entity_id in conn.execute(S.event_actors.select().with_only_columns(
                S.event_actors.c.event_id, S.event_actors.c.entity_id)):
            actors.setdefault(event_id, set()).add(entity_id)
    pairs += sorted({tuple(sorted(x)[:2]) for x in actors.values() if len(x) >= 3})
    subquery = [query.dyad(store, a, b) for a, b in pairs]
    monkeypatch.setattr(dyad_module, "_disjoint", lambda a, b: False)
    listed = [query.dyad(store, a, b) for a, b in pairs]
    assert subquery == listed
    assert sum(d["documents"] for d in subquery) >= 10
    assert any(d["third_parties"] for d in subquery)


def test_search_ranks_only_the_newest_matches_beyond_the_window(store):
    """A common word: with a window of 3, the hits are the newest three matching
    sentences, ranked, and say so; without a window every match is ranked."""
    from accord.store import schema as S

    everything = query.search(store, "Poland", limit=1000, rank_window=None)
    assert len(everything) > 10
    assert all(h["ranked_newest"] is None for h in everything)
    with store.connect() as conn:
        sid = {(r.document_id, r.idx): r.id for r in conn.execute(
            S.sentences.select().with_only_columns(
                S.sentences.c.id, S.sentences.c.document_id, S.sentences.c.idx))}
    newest = sorted((sid[(h["document"], h["sentence_idx"])] for h in everything),
                    reverse=True)[:3]
    windowed = query.search(store, "Poland", limit=1000, rank_window=3)
    assert sorted(sid[(h["document"], h["sentence_idx"])] for h in windowed) == sorted(newest)
    assert all(h["ranked_newest"] == 3 for h in windowed)
    scores = [h["score"] for h in windowed]
    assert scores == sorted(scores, reverse=True)
    # Fewer matches than the window: nothing is left out.
    rare = query.search(store, "embassy", limit=1000, rank_window=1000)
    assert rare and all(h["ranked_newest"] is None for h in rare)
