"""The output commands end to end through the ``accord`` CLI (typer's runner)."""

from __future__ import annotations

import csv
import json

import jsonschema
import networkx as nx
import pytest

from accord.export.json_export import schema
from tests.query.minikb import mini_ids, mini_store  # noqa: F401  (fixtures)


@pytest.fixture(scope="module")
def db(mini_store):  # noqa: F811
    return str(mini_store.url.removeprefix("sqlite:///"))


@pytest.fixture
def run(run):  # type: ignore[no-untyped-def]
    """The shared ``run`` (tests/fixtures/cli.py), asserting the exit code; stdout + stderr."""
    def _run(*args: str, code: int = 0) -> str:
        got, out, err = run(*args)
        assert got == code, out + err
        return out + err

    return _run


def test_timeline_table_and_json(run, db):
    out = run("timeline", "--db", db, "--dyad", "Poland", "South Korea")
    assert "K2 tanks" in out and "THREATEN" in out and "4 events" in out
    rows = json.loads(run("timeline", "--db", db, "--actor", "Belarus", "--json"))
    assert [r["type"] for r in rows] == ["ACCUSE", "REJECT", "ACCUSE"]
    rows = json.loads(run("timeline", "--db", db, "--min-sources", "2", "--json"))
    assert [r["id"] for r in rows] == ["ev-agree-k2"]
    rows = json.loads(run("timeline", "--db", db, "--type", "ACCUSE", "--from", "2023-12",
                          "--json"))
    assert [r["id"] for r in rows] == ["ev-accuse-pol"]
    out = run("timeline", "--db", db, "--from", "last year", code=2)
    assert "not a date" in out


def test_dyad_command(run, db):
    out = run("dyad", "POL", "KOR", "--db", db)
    assert "4 events involve Poland and South Korea" in out
    assert "Third parties: North Korea (1)" in out
    d = json.loads(run("dyad", "POL", "KOR", "--db", db, "--json"))
    assert d["total"] == 4
    out = run("dyad", "POL", "Narnia", "--db", db, code=5)
    assert "no actor matches 'Narnia'" in out


def test_brief_command(run, db, tmp_path):
    out = run("brief", "Poland", "South Korea", "--db", db, "-o", str(tmp_path / "b.html"))
    assert "wrote" in out
    text = (tmp_path / "b.html").read_text()
    assert text.count("data:image/png;base64,") == 3 and "K2 tanks" in text
    run("brief", "Poland", "South Korea", "--db", db, "-o", str(tmp_path / "b.md"))
    assert (tmp_path / "b.md").read_text().startswith("# Poland")


def test_search_command(run, db):
    out = run("search", "K2 tanks", "--db", db)
    assert "$2.6 billion agreement for K2 tanks" in out and "(copy)" in out
    hits = json.loads(run("search", "accused", "--actor", "Belarus", "--db", db, "--json"))
    assert len(hits) == 2 and all(h["highlights"] for h in hits)
    assert "No sentence matches" in run("search", "zeppelin", "--db", db)


def test_ask_command(run, db):
    out = run("ask", "Who accused Poland?", "--db", db)
    assert "Belarus accused Poland of provocations on the border." in out
    out = run("ask", "Did Chile invade Peru?", "--db", db, code=5)
    assert out.startswith("Not found")


def test_export_command_all_formats(run, db, tmp_path):
    run("export", "--db", db, "--format", "json", "-o", str(tmp_path / "a.json"))
    data = json.loads((tmp_path / "a.json").read_text())
    jsonschema.Draft202012Validator(schema()).validate(data)
    run("export", "--db", db, "--format", "csv", "-o", str(tmp_path / "csv"))
    with open(tmp_path / "csv" / "events.csv", newline="") as fh:
        assert len(list(csv.DictReader(fh))) == 9
    run("export", "--db", db, "--format", "graphml", "-o", str(tmp_path / "g.graphml"))
    assert nx.read_graphml(tmp_path / "g.graphml").number_of_edges() > 0
    run("export", "--db", db, "--format", "gexf", "-o", str(tmp_path / "g.gexf"))
    assert nx.read_gexf(tmp_path / "g.gexf").number_of_nodes() > 0
    run("export", "--db", db, "--format", "cameo", "-o", str(tmp_path / "e.tsv"))
    assert (tmp_path / "e.tsv").read_text().startswith("EventID\tDay\t")
    run("export", "--db", db, "--format", "ftm", "-o", str(tmp_path / "e.ftm.json"))
    assert json.loads((tmp_path / "e.ftm.json").read_text().splitlines()[0])["schema"]
    data = json.loads(run("export", "--db", db, "--format", "json", "-o", "-"))
    assert data["schema"] == "accord/v1"
    out = run("export", "--db", db, "--format", "xml", code=2)
    assert "unknown export format 'xml'" in out


def test_reading_commands_refuse_a_missing_store(run, tmp_path):
    out = run("timeline", "--db", str(tmp_path / "none.db"), code=4)
    assert "none.db" in out


@pytest.mark.slow
def test_demo_builds_examples_briefs_main_pair_and_says_what_next(run, tmp_path, monkeypatch,
                                                                   examples_dir):
    if not any(examples_dir.glob("*.txt")):
        pytest.skip("examples/ is empty")
    monkeypatch.chdir(tmp_path)
    out = run("demo", "--db", "demo.db")
    assert "Built demo.db from" in out and "10 documents" in out
    # The main dyad of the example corpus is Poland - South Korea.
    assert "South Korea - Poland" in out or "Poland - South Korea" in out
    assert "accord serve --db demo.db" in out and "http://127.0.0.1:8000" in out
    assert "accord timeline --db demo.db --dyad" in out
    html = (tmp_path / "brief.html").read_text()
    assert html.count("data:image/png;base64,") == 3
    # Running it again is a no-op build and still briefs.
    out = run("demo", "--db", "demo.db", "-o", "again.md")
    assert (tmp_path / "again.md").read_text().startswith("# ")
