"""``accord actors``, ``actor``, ``merge``, ``split`` and ``judgements`` on a store we write."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from accord.store import Store
from accord.store import schema as S

from .test_entities import corpus


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "kb.db"
    with Store(path) as s:
        corpus(s)
    return path


def test_actors_table_and_type_filter(run, db) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run("actors", "--db", db, "--json")
    assert code == 0
    rows = {r["id"]: r for r in json.loads(out)}
    assert rows["state-AZE"]["codes"] == {"iso3": "AZE", "wikidata": None}
    assert rows["state-AZE"]["mention_count"] == 4
    code, out, _ = run("actors", "--db", db, "--type", "PERSON", "--json")
    assert {r["type"] for r in json.loads(out)} == {"PERSON"}
    code, out, _ = run("actors", "--db", db)
    assert code == 0 and "Ilham Aliyev" in out and "AZE" in out
    code, _, err = run("actors", "--db", db, "--type", "PLANET")
    assert code != 0 and "type must be one of" in err


def test_actor_shows_aliases_roles_and_sentences(run, db) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run("actor", "Ilham Aliyev", "--db", db, "--json")
    assert code == 0
    info = json.loads(out)
    assert info["id"] == "person-ilham-aliyev"
    assert "President" in info["roles"]
    assert any("received the envoy" in m["sentence"] for m in info["mentions"])
    code, out, _ = run("actor", "Azerbaijan", "--db", db)
    assert code == 0 and "aliases:" in out and "AZERBAIJAN" in out
    # a bare surname used for two people says so
    code, out, _ = run("actor", "Aliyev", "--db", db)
    assert code == 0 and "also matches" in out
    code, _, err = run("actor", "Atlantis", "--db", db)
    assert code == 5 and "no actor matches" in err


def test_merge_split_and_judgement_round_trip(run, db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run("merge", "Israel", "Mossad", "--db", db)
    assert code == 0 and "merged org-isr-mossad into state-ISR" in out
    code, out, _ = run("actors", "--db", db, "--json")
    assert "org-isr-mossad" not in {r["id"] for r in json.loads(out)}
    with Store(db) as s, s.connect() as conn:
        mid = conn.execute(select(S.mentions.c.id).where(S.mentions.c.text == "Gantz")).scalar()
    code, out, _ = run("split", "Benny Gantz", mid, "--db", db)
    assert code == 0 and "split 1 mention(s) of person-benny-gantz" in out
    dump = tmp_path / "j.jsonl"
    code, _, _ = run("judgements", "export", dump, "--db", db)
    lines = dump.read_text().splitlines()
    assert code == 0 and [json.loads(x)["kind"] for x in lines] == ["merge", "split"]
    fresh = tmp_path / "fresh.db"
    with Store(fresh) as s:
        corpus(s)
    code, out, _ = run("judgements", "import", dump, "--db", fresh)
    assert code == 0 and "imported 2" in out
    code, out, _ = run("actors", "--db", fresh, "--json")
    ids = {r["id"] for r in json.loads(out)}
    assert "org-isr-mossad" not in ids and any(i.startswith("person-benny-gantz~") for i in ids)


def test_contradictory_judgements_warned(run, db) -> None:  # type: ignore[no-untyped-def]
    run("merge", "Benny Gantz", "Mossad", "--db", db)
    with Store(db) as s, s.connect() as conn:
        mid = conn.execute(select(S.mentions.c.id).where(S.mentions.c.text == "Mossad")).scalar()
    code, _, err = run("split", "Benny Gantz", mid, "--db", db)
    assert code == 0 and "contradictory judgements (neither applied)" in err
    code, out, _ = run("judgements", "list", "--db", db)
    assert "#1 merge" in out and "#2 split" in out
    code, _, err = run("judgements", "delete", "2", "--db", db)
    assert code == 0 and "contradictory" not in err
