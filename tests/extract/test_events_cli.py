"""``accord events``: filters, the reconciled table and the per-mention fallback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from accord.extract import extract
from accord.ingest import read_text
from accord.store import Store

ARTICLE = """Published March 3, 2021

Norway's foreign minister met her Chilean counterpart in Valletta on Monday and signed a $300 \
million fisheries agreement, officials said. Chile denied reports that it had moved warships \
south last year.
"""
SECOND = """Published May 20, 2019

In May 2019, Japan and Vietnam held talks in Hanoi. Russia attacked Ukraine in February 2014.
"""



@pytest.fixture(scope="module")
def unreconciled(tmp_path_factory) -> Path:  # type: ignore[no-untyped-def]
    """A store with extraction records only (no reconcile run)."""
    db = tmp_path_factory.mktemp("ev") / "raw.db"
    with Store(db) as store:
        for i, text in enumerate((ARTICLE, SECOND)):
            doc = read_text(text, f"article{i}.txt")
            store.put_document(doc)
            store.put_extraction(extract(doc))
    return db


@pytest.fixture(scope="module")
def reconciled(tmp_path_factory) -> Path:  # type: ignore[no-untyped-def]
    src = tmp_path_factory.mktemp("in")
    (src / "a.txt").write_text(ARTICLE)
    (src / "b.txt").write_text(SECOND)
    db = src.parent / "kb.db"
    from accord.engine.local import build

    with Store(db) as store:
        build(store, [src], workers=1)
    return db


def rows(run, db: Path, *args: str) -> list[dict]:  # type: ignore[no-untyped-def]
    code, out, err = run("events", "--db", db, "--json", *args)
    assert code == 0, err
    return json.loads(out)


def test_fallback_lists_event_mentions(run, unreconciled: Path) -> None:  # type: ignore[no-untyped-def]
    got = rows(run, unreconciled)
    assert [(r["date"], r["type"]) for r in got] == [
        ("2014-02", "ASSAULT"), ("2019-05", "CONSULT"), ("2020", "MOBILIZE"),
        ("2021-03-01", "CONSULT"), ("2021-03-01", "AGREE")]
    mob = got[2]
    assert mob["modality"] == "denied" and mob["attributed"] == "state:CHL"
    assert mob["span"] == "Chile denied reports that it had moved warships south last year."
    code, out, err = run("events", "--db", unreconciled)
    # piped: TSV on stdout (with the date basis column), the title on stderr
    assert code == 0 and "not reconciled" in err and "\trelative\t" in out


def test_fallback_filters(run, unreconciled: Path) -> None:  # type: ignore[no-untyped-def]
    assert [r["type"] for r in rows(run, unreconciled, "--type", "AGREE")] == ["AGREE"]
    assert {r["type"] for r in rows(run, unreconciled, "--type", "material_conflict")} == {
        "ASSAULT", "MOBILIZE"}
    assert [r["type"] for r in rows(run, unreconciled, "--actor", "CHL")] == [
        "MOBILIZE", "CONSULT", "AGREE"]
    assert [r["date"] for r in rows(run, unreconciled, "--from", "2020", "--to", "2020-12")] == [
        "2020"]
    assert [r["type"] for r in rows(run, unreconciled, "--modality", "denied")] == ["MOBILIZE"]


def test_reconciled_events(run, reconciled: Path) -> None:  # type: ignore[no-untyped-def]
    got = rows(run, reconciled)
    assert {r["type"] for r in got} == {"ASSAULT", "CONSULT", "MOBILIZE", "AGREE"}
    agree = [r for r in got if r["type"] == "AGREE"][0]
    assert agree["date"] == "2021-03-01" and agree["basis"] == "relative"
    assert agree["quantities"] == "$300 million" and "<->" in agree["actors"]
    assert [r["type"] for r in rows(run, reconciled, "--modality", "denied")] == ["MOBILIZE"]
    assert [r["date"] for r in rows(run, reconciled, "--from", "2019", "--to", "2019")] == [
        "2019-05"]
    code, out, _ = run("events", "--db", reconciled, "--type", "ASSAULT")
    assert code == 0 and "Russia attacked Ukraine in February 2014." in out


def test_errors(run, unreconciled: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    code, _, err = run("events", "--db", unreconciled, "--modality", "rumoured")
    assert code != 0 and "rumoured" in err
    code, _, err = run("events", "--db", unreconciled, "--type", "HUG")
    assert code != 0 and "HUG" in err
    code, _, err = run("events", "--db", tmp_path / "missing.db")
    assert code != 0 and "missing.db" in err
