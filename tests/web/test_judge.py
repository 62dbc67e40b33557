"""Event judgements over HTTP and on the event page (issue 14 point 5).

The store is built by the real pipeline from three short articles we wrote
(``conftest.JUDGE_ARTICLES``): two outlets report one fisheries agreement (one
event, two mentions), the third an accusation and a word of praise (two events of
other types).
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.slow

TOKEN = "judge-s3cret"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture
def judge_db(judge_built_db: Path, tmp_path: Path) -> Path:
    db = tmp_path / "judge.db"
    shutil.copy(judge_built_db, db)
    return db


@pytest.fixture
def jclient(judge_db: Path) -> Iterator[Any]:
    from fastapi.testclient import TestClient

    from accord.web import create_app

    with TestClient(create_app(judge_db, token=TOKEN, allow_judge=True)) as c:
        yield c


def _event(client: Any, type: str) -> dict[str, Any]:
    items = client.get("/api/events", params={"type": type}).json()["items"]
    assert len(items) == 1, items
    out: dict[str, Any] = client.get(f"/api/events/{items[0]['id']}").json()
    return out


def _ref(m: dict[str, Any]) -> dict[str, Any]:
    return {"document": m["document"], "start": m["start"], "end": m["end"], "type": m["type"]}


def test_the_built_store_has_one_agreement_from_two_outlets(jclient):
    deal = _event(jclient, "AGREE")
    assert len({m["document"] for m in deal["mentions"]}) == 2
    assert all(m["type"] == "AGREE" for m in deal["mentions"])


def test_split_a_mention_off_then_withdraw_it(jclient):
    deal = _event(jclient, "AGREE")
    santiago, other = sorted(deal["mentions"], key=lambda m: "Santiago" not in m["text"])
    assert "Santiago" in santiago["text"] and "fishing quotas" in other["text"]
    body = {"event": deal["id"], "mentions": [_ref(other)]}
    r = jclient.post("/api/judgements/events/split", json=body, headers=AUTH)
    assert r.status_code == 201, r.text
    out = r.json()
    assert out["judgement"]["kind"] == "split" and out["judgement"]["status"] == "applied"
    assert out["judgement"]["a"] == [_ref(other)] and out["judgement"]["b"] == [_ref(santiago)]
    assert not out["problems"] and not out["skipped"]
    # The event the page follows holds what stayed; the split-off mention is another event.
    kept = jclient.get(f"/api/events/{out['event']}").json()
    assert [m["text"] for m in kept["mentions"]] == [santiago["text"]]
    assert len(out["events"]) == 2 and out["event"] in out["events"]
    gone = next(e for e in out["events"] if e != out["event"])
    assert [m["text"] for m in jclient.get(f"/api/events/{gone}").json()["mentions"]] \
        == [other["text"]]
    # Both events list the judgement; the page shows the new state and a way to withdraw.
    for e in out["events"]:
        listed = jclient.get("/api/judgements/events", params={"event": e}).json()
        assert [j["id"] for j in listed["items"]] == [out["judgement"]["id"]]
    page = jclient.get(f"/events/{out['event']}").text
    assert page.count('class="mention-card') == 1
    assert "Withdraw" in page
    listed = page[page.index('class="judgement-list"'):]
    listed = listed[:listed.index("</li>")]
    assert re.search(r"#1 split: <a [^>]+>Andean neighbours agree on hake quotas</a> "
                     r"\(1 mention\) apart from <a [^>]+>Chile and Argentina sign fisheries "
                     r"pact</a> \(1 mention\)", listed), listed
    # Withdrawn: the evidence alone joins the two outlets again.
    r = jclient.delete(f"/api/judgements/events/{out['judgement']['id']}",
                       params={"event": out["event"]}, headers=AUTH)
    assert r.status_code == 200, r.text
    back = r.json()
    assert back["judgement"]["status"] == "withdrawn"
    again = jclient.get(f"/api/events/{back['event']}").json()
    assert sorted(m["text"] for m in again["mentions"]) == sorted(m["text"]
                                                                   for m in deal["mentions"])
    assert jclient.get("/api/judgements/events").json()["items"] == []
    r = jclient.delete(f"/api/judgements/events/{out['judgement']['id']}", headers=AUTH)
    assert r.status_code == 404 and "no event judgement #1" in r.json()["detail"]


def test_a_judgement_survives_a_rebuild(jclient, judge_db):
    from accord.reconcile import reconcile
    from accord.store import Store

    deal = _event(jclient, "AGREE")
    r = jclient.post("/api/judgements/events/split", json={
        "event": deal["id"], "mentions": [_ref(deal["mentions"][1])]}, headers=AUTH)
    assert r.status_code == 201
    with Store(judge_db) as store:
        reconcile(store, None)
    assert len(jclient.get("/api/events", params={"type": "AGREE"}).json()["items"]) == 2


def test_merge_two_events_and_an_unknown_id(jclient):
    accuse, praise = _event(jclient, "ACCUSE"), _event(jclient, "SUPPORT")
    r = jclient.post("/api/judgements/events/merge",
                     json={"event": accuse["id"], "other": "ev-no-such-event"}, headers=AUTH)
    assert r.status_code == 404 and "no event ev-no-such-event" in r.json()["detail"]
    r = jclient.post("/api/judgements/events/merge",
                     json={"event": accuse["id"], "other": accuse["id"]}, headers=AUTH)
    assert r.status_code == 400 and "the same event" in r.json()["detail"]
    assert jclient.get("/api/judgements/events").json()["items"] == []  # nothing recorded
    r = jclient.post("/api/judgements/events/merge",
                     json={"event": accuse["id"], "other": praise["id"]}, headers=AUTH)
    assert r.status_code == 201, r.text
    out = r.json()
    assert out["events"] == [out["event"]]
    merged = jclient.get(f"/api/events/{out['event']}").json()
    assert sorted(m["type"] for m in merged["mentions"]) == ["ACCUSE", "SUPPORT"]
    page = jclient.get(f"/events/{out['event']}").text
    assert "an analyst merged them (judgement #1)" in page


def test_bad_split_requests_are_clear_errors(jclient):
    deal = _event(jclient, "AGREE")
    url = "/api/judgements/events/split"
    r = jclient.post(url, json={"event": deal["id"]}, headers=AUTH)
    assert r.status_code == 400 and r.json()["detail"] == "give either mentions or documents"
    r = jclient.post(url, json={"event": deal["id"], "mentions": [
        {"document": deal["mentions"][0]["document"], "start": 0, "end": 5}]}, headers=AUTH)
    assert r.status_code == 404 and "has no mention in" in r.json()["detail"]
    r = jclient.post(url, json={"event": deal["id"],
                                "mentions": [_ref(m) for m in deal["mentions"]]}, headers=AUTH)
    assert r.status_code == 400 and "must leave some mentions" in r.json()["detail"]
    r = jclient.post(url, json={"event": "../etc", "mentions": []}, headers=AUTH)
    assert r.status_code == 422
    # The CLI's form: by document (an outlet's title).
    r = jclient.post(url, json={"event": deal["id"],
                                "documents": ["Andean neighbours agree on hake quotas"]},
                     headers=AUTH)
    assert r.status_code == 201, r.text
    assert len(r.json()["judgement"]["a"]) == 1


def test_writes_follow_the_security_rules(judge_db, jclient):
    from fastapi.testclient import TestClient

    from accord.web import create_app

    deal = _event(jclient, "AGREE")
    body = {"event": deal["id"], "mentions": [_ref(deal["mentions"][1])]}
    url = "/api/judgements/events/split"
    assert jclient.post(url, json=body).status_code == 401
    assert jclient.post(url, json=body,
                        headers={"Authorization": "Bearer wrong"}).status_code == 401
    r = jclient.post(url, json=body, headers={**AUTH, "Origin": "http://elsewhere.example"})
    assert r.status_code == 403 and "cross-origin" in r.json()["detail"]
    r = jclient.post(url, json=body, headers={**AUTH, "Origin": "null"})
    assert r.status_code == 403
    assert jclient.get("/api/judgements/events").json()["items"] == []
    # The same origin (a browser on the page) is let through.
    r = jclient.post(url, json=body, headers={**AUTH, "Origin": "http://testserver"})
    assert r.status_code == 201, r.text
    # A read-only server lists judgements but records none, and its page offers no button.
    with TestClient(create_app(judge_db, token=TOKEN)) as ro:
        assert len(ro.get("/api/judgements/events").json()["items"]) == 1
        r = ro.post(url, json=body, headers=AUTH)
        assert r.status_code == 403 and "--allow-judge" in r.json()["detail"]
        r = ro.delete("/api/judgements/events/1", headers=AUTH)
        assert r.status_code == 403
        page = ro.get(f"/events/{deal['id']}").text
        assert "judge-split" not in page and "accord judge events delete 1" in page
        assert "judge.js" not in page
    # Without a token configured, judging is off even when allowed.
    with TestClient(create_app(judge_db, allow_judge=True)) as no_token:
        assert no_token.post(url, json=body, headers=AUTH).status_code == 403


def test_judgements_list_as_csv(jclient):
    deal = _event(jclient, "AGREE")
    jclient.post("/api/judgements/events/split", json={
        "event": deal["id"], "mentions": [_ref(deal["mentions"][0])]}, headers=AUTH)
    r = jclient.get("/api/judgements/events", params={"format": "csv"})
    assert r.status_code == 200 and r.text.splitlines()[0].startswith("id,kind,a,b")


def test_every_api_route_is_in_the_docs(jclient):
    doc = (Path(__file__).resolve().parents[2] / "docs" / "web.md").read_text(encoding="utf-8")
    spec = jclient.get("/openapi.json").json()
    missing = []
    for path, methods in spec["paths"].items():
        for method in methods:
            shown = re.sub(r"\{[^}]+\}", "{id}", path)
            if f"`{method.upper()} {shown}" not in doc:
                missing.append(f"{method.upper()} {shown}")
    assert not missing, f"document these routes in docs/web.md: {missing}"


def test_judge_events_delete_cli(judge_db):
    from typer.testing import CliRunner

    from accord.cli import app
    from accord.reconcile import eventjudge
    from accord.store import Store

    with Store(judge_db) as store, store.connect() as conn:
        ev = conn.exec_driver_sql("SELECT id FROM events WHERE type = 'AGREE'").scalar()
        refs = eventjudge.event_refs(conn, ev)
    assert len(refs) == 2
    with Store(judge_db) as store:
        eventjudge.split_mentions(store, ev, refs[:1])
        eventjudge.reconcile_all(store)
    run = CliRunner().invoke
    res = run(app, ["judge", "events", "delete", "1", "--db", str(judge_db)])
    assert res.exit_code == 0, res.output
    assert "withdrew judgement #1 split" in res.output
    res = run(app, ["judge", "events", "delete", "1", "--db", str(judge_db)])
    assert res.exit_code != 0 and "no event judgement #1" in str(res.exception)
    with Store(judge_db) as store, store.connect() as conn:
        assert conn.exec_driver_sql(
            "SELECT count(*) FROM events WHERE type = 'AGREE'").scalar() == 1
