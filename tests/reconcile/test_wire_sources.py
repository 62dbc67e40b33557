"""A wire story run by several sites is one independent source, even rewritten.

Our own four articles (``tests/data/wire_rewrites``) on one invented Ghana-Togo naval
pact: the Lakeside Herald runs it under a "(Reuters) -" dateline, the Coastline Daily
a rewrite credited "Efua Boateng; Reuters" (too reworded for copy detection), the
Volta Observer has its own interview, the Gulf Courier an AP dateline. Four outlets,
three independent sources: Reuters, the Observer, AP.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from accord.reconcile import reconcile
from accord.reconcile.wiregroups import wire_leads
from accord.store import Store
from accord.store import schema as S

from .builder import snapshot

DATA = Path(__file__).resolve().parents[1] / "data" / "wire_rewrites"
OUTLETS = {"lakeside herald", "coastline daily", "volta observer", "gulf courier"}


# -- the rule on its own ---------------------------------------------------------------
def test_same_wire_within_the_window_is_one_source_led_by_the_earliest() -> None:
    wire = {"a": "Reuters", "b": "reuters", "c": "Associated Press", "d": None}
    published = {"a": "2024-05-15", "b": "2024-05-14", "c": "2024-05-14", "d": "2024-05-14"}
    assert wire_leads(["a", "b", "c", "d"], wire, published, 3) == {"a": "b", "b": "b"}
    # Order of the documents given does not matter.
    assert wire_leads(["d", "c", "b", "a"], wire, published, 3) == {"a": "b", "b": "b"}


def test_a_rerun_weeks_later_or_an_undated_page_is_its_own_source() -> None:
    wire = dict.fromkeys("abcde", "Reuters")
    published = {"a": "2024-05-01", "b": "2024-05-03", "c": "2024-05-05",  # a run, 2 days apart
                 "d": "2024-05-20", "e": "2024-05"}  # weeks later; month only
    leads = wire_leads(wire, wire, published, 3)
    assert leads == {"a": "a", "b": "a", "c": "a"}
    assert wire_leads(["a", "b"], wire, published, 1) == {}


# -- the pipeline, four articles ---------------------------------------------------------
@pytest.fixture(scope="module")
def wire_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    import accord

    db = tmp_path_factory.mktemp("wire") / "kb.db"
    with accord.open(db) as kb:
        kb.build([DATA], workers=1)
    return str(db)


def _pact(conn: Any) -> Any:
    """The pact: the one event all four documents report."""
    rows = [r for r in conn.execute(select(S.events)) if len(r.why["outlets"]) == 4]
    assert len(rows) == 1
    return rows[0]


def _doc_ids(conn: Any) -> dict[str, str]:
    return {r.outlet.lower(): r.id for r in conn.execute(select(S.documents))}


def test_two_sites_rewriting_one_reuters_story_count_once(wire_db: str) -> None:
    with Store(wire_db) as store, store.connect() as conn:
        ev, ids = _pact(conn), _doc_ids(conn)
        wires = {r.id: (r.meta or {}).get("wire") for r in conn.execute(select(S.documents))}
        copies = conn.execute(select(S.documents.c.id).where(S.documents.c.copy_of.is_not(None)))
        assert copies.all() == []  # copy detection does not link the rewrite
    assert wires[ids["lakeside herald"]] == wires[ids["coastline daily"]] == "Reuters"
    assert wires[ids["gulf courier"]] == "Associated Press"
    assert ev.type == "AGREE" and ev.independent_sources == 3
    outlets = {o["outlet"]: o for o in ev.why["outlets"]}
    assert set(outlets) == OUTLETS
    lead = ids["lakeside herald"]  # published first
    assert outlets["coastline daily"]["counts_for"] == [lead]
    assert outlets["lakeside herald"]["counts_for"] == [lead]
    assert outlets["coastline daily"]["wire"] == outlets["lakeside herald"]["wire"] == "Reuters"
    assert outlets["volta observer"]["counts_for"] == [ids["volta observer"]]
    assert outlets["gulf courier"]["counts_for"] == [ids["gulf courier"]]
    assert "wire" not in outlets["gulf courier"]  # the only AP story: a source of its own
    assert set(ev.why["independent_groups"]) == {lead, ids["volta observer"], ids["gulf courier"]}


def test_without_the_window_each_site_counts(wire_db: str, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """Same store, a zero-day window: the Herald (14 May) and the Daily (15 May) part."""
    import shutil

    db = tmp_path / "kb.db"
    shutil.copy(wire_db, db)
    f = tmp_path / "t.yaml"
    f.write_text("corroboration:\n  wire_window_days: 0\n", encoding="utf-8")
    monkeypatch.setenv("ACCORD_THRESHOLDS", str(f))
    with Store(db) as store:
        reconcile(store, None)
        with store.connect() as conn:
            ev = _pact(conn)
    assert ev.independent_sources == 4
    assert not any("wire" in o for o in ev.why["outlets"])


def test_cli_events_json_and_explain_show_the_wire(wire_db: str, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from typer.testing import CliRunner

    from accord.cli import app, common

    # The CLI's consoles read COLUMNS when first imported (by whichever test came first
    # on this xdist worker): fix their width so the explain table does not wrap.
    for con in (common.console, common.err_console):
        monkeypatch.setattr(con, "width", 240)

    res = CliRunner().invoke(app, ["events", "--json", "--db", wire_db, "--limit", "0"])
    assert res.exit_code == 0, res.output
    rows = json.loads(res.output)
    rows = rows if isinstance(rows, list) else rows["events"]
    with Store(wire_db) as store, store.connect() as conn:
        pact, ids = _pact(conn), _doc_ids(conn)
    shown = [r for r in rows if r["id"] == pact.id]
    assert shown and shown[0]["sources"] == 3
    res = CliRunner().invoke(app, ["export", "--db", wire_db, "-o", "-"])
    assert res.exit_code == 0, res.output
    exported = {e["id"]: e for e in json.loads(res.output)["events"]}
    assert exported[pact.id]["independent_sources"] == 3
    res = CliRunner().invoke(app, ["events", "--explain", pact.id, "--json", "--db", wire_db])
    assert res.exit_code == 0, res.output
    x = json.loads(res.output)
    assert x["independent_sources"] == 3
    by_doc = {r["document"]: r for r in x["mentions"]}
    assert by_doc[ids["coastline daily"]]["wire"] == "Reuters"
    assert by_doc[ids["coastline daily"]]["counts_for"] == [ids["lakeside herald"]]
    assert by_doc[ids["volta observer"]]["wire"] is None
    text = CliRunner().invoke(app, ["events", "--explain", pact.id, "--db", wire_db])
    assert text.exit_code == 0 and "Reuters story (one source)" in text.output
    # The event page's evidence: each mention's independent source agrees with the event.
    import accord

    with accord.open(wire_db) as kb:
        ev = kb.event(pact.id)
    got = {m["document"]: m["independent_source"] for m in ev["mentions"]}
    assert got[ids["coastline daily"]] == ids["lakeside herald"]
    assert got[ids["gulf courier"]] == ids["gulf courier"]


def test_added_one_by_one_equals_the_batch(wire_db: str, tmp_path: Path) -> None:
    """Newest first: the Reuters group's lead (the Herald) arrives last."""
    import accord

    files = sorted(DATA.glob("*.md"), reverse=True)
    with accord.open(tmp_path / "inc.db") as kb:
        for f in files:
            report = kb.add([f], workers=1)
            assert report.status == "ok", report.to_dict()
        inc = snapshot(kb.store) | {"groups": _groups(kb.store)}
    with Store(wire_db) as store:
        batch = snapshot(store) | {"groups": _groups(store)}
    for key in ("documents", "events", "event_links", "contradictions", "groups"):
        assert inc[key] == batch[key], key


def _groups(store: Store) -> dict[str, Any]:
    with store.connect() as conn:
        return {r.id: (r.why["outlets"], r.why["independent_groups"])
                for r in conn.execute(select(S.events))}
