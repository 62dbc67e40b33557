"""A date's granularity travels from extraction through the store (schema v6) to the
contract, the CAMEO table, ``accord events`` and ``accord eval --db``: a week's value is its
Monday, and without the granularity it would read as that one day."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
from sqlalchemy import inspect, select, text, update

from accord.store import Store
from accord.store import migrations as M
from accord.store import schema as S

from .conftest import make_extraction


def _weekly(article):  # type: ignore[no-untyped-def]
    """The article's event dated "last week" (2024-02-26 is that week's Monday)."""
    ex = make_extraction(article)
    ev = ex.events[0]
    ev.date_value, ev.date_basis, ev.date_granularity = "2024-02-26", "relative", "week"
    ev.date_text = "last week"
    return ex


def test_week_granularity_reaches_the_events_and_the_contract(store_url, article):
    from accord.export.cameo import rows
    from accord.export.json_export import schema, to_dict
    from accord.reconcile import reconcile

    with Store(store_url) as s:
        s.store_document(article, _weekly(article))
        reconcile(s)
        with s.connect() as conn:
            mentions = conn.execute(select(S.event_mentions.c.date_value,
                                           S.event_mentions.c.date_granularity)).all()
            events = conn.execute(select(S.events.c.date_value, S.events.c.date_basis,
                                         S.events.c.date_granularity)).all()
        data = to_dict(s)
        table = rows(s)
    assert [tuple(r) for r in mentions] == [("2024-02-26", "week")]
    assert [tuple(r) for r in events] == [("2024-02-26", "relative", "week")]
    [ev] = data["events"]
    assert ev["date"] == {"value": "2024-02-26", "basis": "relative", "granularity": "week"}
    jsonschema.Draft202012Validator(schema()).validate(data)
    assert {(r["DateValue"], r["DateBasis"], r["DateGranularity"]) for r in table} == {
        ("2024-02-26", "relative", "week")}


def test_an_undated_event_has_no_granularity(store_url, article):
    from accord.export.json_export import to_dict
    from accord.reconcile import reconcile

    ex = _weekly(article)
    ev = ex.events[0]
    ev.date_value, ev.date_basis, ev.date_text = None, "none", None  # granularity left over
    with Store(store_url) as s:
        s.store_document(article, ex)
        reconcile(s)
        with s.connect() as conn:
            stored = conn.execute(select(S.event_mentions.c.date_granularity)).scalars().all()
        [event] = to_dict(s)["events"]
    assert stored == [None]
    assert event["date"] == {"value": None, "basis": "none", "granularity": "none"}


def test_v5_store_gains_the_granularity_columns(store_url, article):
    """A v5 store (no ``date_granularity``) is migrated on opening; its old rows read the
    granularity from the value's shape, as before; new rows keep theirs."""
    from accord.export.json_export import to_dict
    from accord.reconcile import reconcile

    with Store(store_url) as s:
        s.store_document(article, make_extraction(article))
        reconcile(s)
        with s.begin() as conn:
            for table in ("event_mentions", "events"):
                conn.execute(text(f"ALTER TABLE {table} DROP COLUMN date_granularity"))
            conn.execute(update(S.schema_info).where(S.schema_info.c.key == "version")
                         .values(value="5"))
    with Store(store_url) as s:
        with s.connect() as conn:
            assert M.current_version(conn) == S.SCHEMA_VERSION >= 6
            for table in ("event_mentions", "events"):
                assert "date_granularity" in {c["name"] for c in
                                              inspect(conn).get_columns(table)}
            assert conn.execute(select(S.events.c.date_granularity)).scalars().all() == [None]
        [ev] = to_dict(s)["events"]
        assert ev["date"] == {"value": "2024-03-04", "basis": "explicit", "granularity": "day"}


def test_migration_v6_is_idempotent_on_a_store_that_has_the_columns(store_url):
    with Store(store_url) as s, s.begin() as conn:
        M.MIGRATIONS[6](conn, s.dialect)
        cols = [c["name"] for c in inspect(conn).get_columns("events")]
    assert cols.count("date_granularity") == 1


def test_eval_db_scores_a_week_by_its_stored_granularity(tmp_path: Path, article):
    """``accord eval --db``: the stored week matches a gold week (any day of it); without
    the stored granularity "2024-02-26" would be a day and fail."""
    from accord.eval import evaluate

    db = tmp_path / "weeks.db"
    with Store(db) as s:
        s.store_document(article, _weekly(article))
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({
        "id": "w-1", "text": article.original.split("\n")[0], "published": "2024-03-06",
        "events": [{"type": "AGREE", "source": ["POL"], "target": ["KOR"],
                    "date": {"value": "2024-02-29", "granularity": "week"}}],
        "claims": []}) + "\n", encoding="utf-8")
    got = evaluate(gold, db=str(db))
    assert got["overall"]["counts"]["dated"] == 1 and got["overall"]["date"] == 1.0


def test_accord_events_shows_the_granularity(tmp_path: Path, article):
    from typer.testing import CliRunner

    from accord.cli import app

    db = tmp_path / "weeks.db"
    with Store(db) as s:
        s.store_document(article, _weekly(article))
    out = CliRunner().invoke(app, ["events", "--db", str(db), "--json"])
    assert out.exit_code == 0, out.output
    [row] = json.loads(out.output)
    assert (row["date"], row["basis"], row["granularity"]) == ("2024-02-26", "relative", "week")
