"""The reconciliation commands, run through the real CLI on a reconciled store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from accord.cli import app
from accord.store import Store
from accord.store import schema as S

from . import corpus

runner = CliRunner()


@pytest.fixture()
def db(built: Store) -> str:
    return built.url.removeprefix("sqlite:///")


def test_copies_json(db: str) -> None:
    """The CLI's copy record is the Python API's (and the HTTP API's), plus the explanation."""
    res = runner.invoke(app, ["copies", "--db", db, "--json", "--sentences"])
    assert res.exit_code == 0, res.output
    rows = {r["document"]: r for r in json.loads(res.output)}
    assert set(rows) == {corpus.reprint().id, corpus.blog().id}
    reprint = rows[corpus.reprint().id]
    assert reprint["copy_of"] == corpus.visit().id and reprint["copy_kind"] == "full"
    assert reprint["direction"] == "publication dates"
    changed = [p for p in reprint["pairs"] if p["changes"]]
    assert [p["changes"] for p in changed] == [["number '$3.1 billion' -> '$1.3 billion'"]]
    import accord

    with accord.open(db, read_only=True) as kb:
        api = {r["document"]: r for r in kb.copies()}
    assert set(api) == set(rows)
    for doc_id, record in api.items():
        assert {k: rows[doc_id][k] for k in record} == record


def test_copies_table(db: str) -> None:
    res = runner.invoke(app, ["copies", "--db", db])
    assert res.exit_code == 0
    assert "partial" in res.output and "full" in res.output


def test_contradictions_side_by_side(db: str) -> None:
    res = runner.invoke(app, ["contradictions", "--db", db, "--kind", "copy_alteration",
                              "--json"])
    assert res.exit_code == 0, res.output
    [row] = json.loads(res.output)
    sides = {s["document"]: " ".join(m["sentence"] for m in s["mentions"]) for s in row["sides"]}
    assert "$3.1 billion" in sides[corpus.visit().id]
    assert "$1.3 billion" in sides[corpus.reprint().id]
    res = runner.invoke(app, ["contradictions", "--db", db, "--kind", "numeric", "--json"])
    rows = json.loads(res.output)
    assert len(rows) == 2
    for r in rows:
        assert len(r["sides"]) == 2 and all("South Koreans" in m["sentence"]
                                            for s in r["sides"] for m in s["mentions"])
    # One record: the Python API's (and the HTTP API's) with the sides.
    import accord

    with accord.open(db, read_only=True) as kb:
        assert kb.contradictions(kind="numeric", sides=True) == rows


def test_contradictions_rejects_unknown_kind(db: str) -> None:
    res = runner.invoke(app, ["contradictions", "--db", db, "--kind", "bogus"])
    assert res.exit_code != 0
    assert "bogus" in res.output


def test_event_with_why(db: str, built: Store) -> None:
    with built.connect() as conn:
        eid = conn.execute(select(S.event_mentions.c.event_id).where(
            S.event_mentions.c.document_id == corpus.troops().id)).scalar_one()
    res = runner.invoke(app, ["event", eid[:10], "--db", db, "--why"])
    assert res.exit_code == 0, res.output
    assert "MOBILIZE" in res.output and "denied" in res.output and "reported" in res.output
    assert "Why" in res.output and "joined" in res.output
    res = runner.invoke(app, ["event", eid, "--db", db, "--json"])
    ev = json.loads(res.output)
    assert [m["modality"] for m in ev["mentions"]] == ["reported", "denied"]
    assert ev["independent_sources"] == 2
    assert [c["kind"] for c in ev["contradictions"]] == ["status"]
    import accord

    with accord.open(db, read_only=True) as kb:  # the Python API's (and HTTP API's) record
        record = kb.event(eid)
    record.pop("why")
    assert json.loads(json.dumps(record, default=str)) == ev


def test_event_not_found(db: str) -> None:
    from accord.errors import NotFound

    res = runner.invoke(app, ["event", "ev-nope", "--db", db])
    assert isinstance(res.exception, NotFound)


def test_reconcile_command_is_idempotent(db: str, built: Store, tmp_path: Path) -> None:
    from .builder import snapshot

    before = snapshot(built)
    res = runner.invoke(app, ["reconcile", "--db", db])
    assert res.exit_code == 0, res.output
    assert "contradictions: 6" in res.output
    assert snapshot(built) == before
