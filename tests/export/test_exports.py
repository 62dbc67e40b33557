"""Every export format on the known mini knowledge base, read back by the tool it is for."""

from __future__ import annotations

import csv
import json

import jsonschema
import networkx as nx
import pytest

from accord.export import ExportError, export
from accord.export.json_export import schema

SHIPPED = __import__("pathlib").Path(__file__).resolve().parents[3] / "shared" / "schema"


def test_json_validates_against_shipped_schema_and_cites_exact_spans(mini_store, tmp_path):
    out = export(mini_store, "json", tmp_path / "kb.json")
    data = json.loads(out.read_text())
    jsonschema.Draft202012Validator(schema()).validate(data)
    assert data["schema"] == "accord/v1"
    originals = {d["id"]: d for d in data["documents"]}
    assert len(originals) == 7 and len(data["events"]) == 9 and len(data["claims"]) == 2
    texts = {d: __import__("accord.query", fromlist=["x"]).document(mini_store, d)["original_text"]
             for d in originals}
    for ev in data["events"]:
        for m in ev["mentions"]:
            assert texts[m["document"]][m["start"]:m["end"]] == m["text"]
    for ent in data["entities"]:
        for m in ent["mentions"]:
            assert texts[m["document"]][m["start"]:m["end"]] == m["text"]
    k2 = next(e for e in data["events"] if e["id"] == "ev-agree-k2")
    assert k2["independent_sources"] == 2 and len(k2["mentions"]) == 3
    assert k2["quantities"] == [{"value": 2.6e9, "unit": "USD", "qualifier": "exact",
                                 "text": "$2.6 billion"}]
    pol = next(e for e in data["entities"] if e["id"] == "state:POL")
    assert pol["codes"] == {"iso3": "POL", "wikidata": "Q36"}
    reprint = [d for d in data["documents"] if d["copy_of"]]
    assert len(reprint) == 1 and reprint[0]["source"].endswith("reprint.txt")


def test_shipped_schema_is_the_project_contract():
    shared = SHIPPED / "accord-v1.schema.json"
    if not shared.exists():
        pytest.skip("../shared/schema not present")
    assert json.loads(shared.read_text()) == schema()


def test_event_location_travels_in_location_and_validates(tmp_path):
    from accord.export.json_export import to_dict
    from accord.store import schema as S
    from tests.query.minikb import build

    store = build(tmp_path / "loc.db")
    with store.begin() as conn:
        conn.execute(S.events.update().values(location="loc:warsaw"))
    data = to_dict(store)
    store.close()
    assert data["events"] and all(e["location"] == "loc:warsaw" for e in data["events"])
    assert all("place" not in e for e in data["events"])
    jsonschema.Draft202012Validator(schema()).validate(data)


def test_csv_one_file_per_table(mini_store, tmp_path):
    out = export(mini_store, "csv", tmp_path / "csv")
    names = {p.name for p in out.iterdir()}
    assert {"documents.csv", "sentences.csv", "entities.csv", "events.csv", "event_mentions.csv",
            "claims.csv", "contradictions.csv"} <= names
    with open(out / "events.csv", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 9
    k2 = next(r for r in rows if r["id"] == "ev-agree-k2")
    assert k2["source"] == "state:POL; state:KOR"
    assert json.loads(k2["quantities"])[0]["unit"] == "USD"
    with open(out / "documents.csv", newline="") as fh:
        header = next(csv.reader(fh))
    assert "original_text" not in header and "copy_of" in header
    with pytest.raises(ExportError, match="give a directory"):
        export(mini_store, "csv")


@pytest.mark.parametrize("fmt, reader", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_graph_exports_parse_back(mini_store, tmp_path, fmt, reader):
    path = export(mini_store, fmt, tmp_path / f"kb.{fmt}")
    g = reader(path)
    assert g.is_directed()
    labels = {n: d.get("label") for n, d in g.nodes(data=True)}
    assert {"Poland", "South Korea", "Belarus", "North Korea"} <= set(labels.values())
    edges = [(labels[u], labels[v], d) for u, v, d in g.edges(data=True)]
    threat = [(u, v) for u, v, d in edges if d["event_type"] == "THREATEN"]
    assert sorted(threat) == [("North Korea", "Poland"), ("North Korea", "South Korea")]
    k2 = [d for u, v, d in edges if d["event_type"] == "AGREE" and d["date"] == "2024-03-04"]
    assert len(k2) == 2 and all(float(d["weight"]) == 2.0 for d in k2)
    # Events without a target (the denied Russian troop move) add the actor, not an edge.
    rus = next(n for n, label in labels.items() if label == "Russia")
    assert g.degree(rus) == 0


def test_ftm_entities_valid_in_followthemoney_model(mini_store, tmp_path):
    model = pytest.importorskip("followthemoney").model
    path = export(mini_store, "ftm", tmp_path / "kb.ftm.json")
    ents = [json.loads(line) for line in path.read_text().splitlines()]
    by_schema: dict[str, list] = {}
    for data in ents:
        proxy = model.get_proxy(data, cleaned=False)  # cleans every value: raises if invalid
        proxy.schema.validate(proxy.to_dict())
        assert proxy.to_dict()["properties"] == data["properties"]
        by_schema.setdefault(data["schema"], []).append(data)
    assert len(by_schema["PublicBody"]) == 5 and len(by_schema["Article"]) == 7
    ids = {e["id"] for e in ents}
    for ev in by_schema["Event"]:
        assert set(ev["properties"].get("involved", [])) <= ids
    threat = next(e for e in by_schema["Event"]
                  if e["properties"]["name"][0].startswith("THREATEN"))
    assert threat["properties"]["date"] == ["2024-01-15"]
    assert "North Korea threatened" in threat["properties"]["summary"][0]
    pol = next(e for e in by_schema["PublicBody"] if e["properties"]["name"] == ["Poland"])
    assert pol["properties"]["country"] == ["pl"]


def test_cameo_table(mini_store, tmp_path):
    path = export(mini_store, "cameo", tmp_path / "events.tsv")
    with open(path, newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    accuse = [r for r in rows if r["EventID"] == "ev-accuse-blr"]
    assert len(accuse) == 1
    r = accuse[0]
    assert (r["Day"], r["Actor1Code"], r["Actor2Code"], r["EventRootCode"], r["QuadClass"],
            r["GoldsteinScale"], r["PloverType"]) == ("20231120", "POL", "BLR", "11", "3", "-2.0",
                                                      "ACCUSE")
    assert r["SourceURL"] == "examples/embassy-plot.md"
    k2 = [r for r in rows if r["EventID"] == "ev-agree-k2"]
    assert {(r["Actor1Code"], r["Actor2Code"]) for r in k2} == {("POL", "KOR"), ("KOR", "POL")}
    assert k2[0]["NumArticles"] == "3" and k2[0]["NumSources"] == "2"
    plot = next(r for r in rows if r["EventID"] == "ev-coerce-plot")
    assert plot["Actor1Code"] == "POL" and plot["Actor1Name"] == "Internal Security Agency"
    assert plot["Day"] == "20231000"


def test_unknown_format_is_a_clear_error(mini_store):
    with pytest.raises(ExportError, match="unknown export format 'xml'"):
        export(mini_store, "xml")
