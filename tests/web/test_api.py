"""The JSON API (FastAPI TestClient) on the web tests' known knowledge base."""

from __future__ import annotations

from typing import Any

import pytest

from tests.web.conftest import EVIL_EVENT, EVIL_ID


def get(client: Any, url: str, status: int = 200, **params: Any) -> Any:
    r = client.get(url, params=params)
    assert r.status_code == status, (url, r.status_code, r.text[:300])
    return r.json()


def original(client: Any, doc_id: str) -> str:
    return get(client, f"/api/documents/{doc_id}")["original_text"]


def test_documents_paginate_and_filter(client, doc_ids):
    first = get(client, "/api/documents", limit=3)
    assert len(first["items"]) == 3 and first["next_offset"] == 3 and first["offset"] == 0
    rest = get(client, "/api/documents", limit=50, offset=3)
    assert rest["next_offset"] is None
    ids = [d["id"] for d in first["items"] + rest["items"]]
    assert sorted(ids) == sorted(doc_ids.values())
    # Oldest publication first; no text in the list.
    dates = [d["published"] for d in first["items"] + rest["items"]]
    assert dates == sorted(dates)
    assert "original_text" not in first["items"][0]
    only = get(client, "/api/documents", **{"from": "2024-03", "to": "2024-03"})["items"]
    assert {d["id"] for d in only} == {doc_ids["visit"], doc_ids["reprint"],
                                       doc_ids["independent"]}


def test_document_has_spans_claims_and_copies(client, doc_ids):
    doc = get(client, f"/api/documents/{doc_ids['reprint']}")
    text = doc["original_text"]
    assert doc["copy_of"] == doc_ids["visit"] and doc["copy_kind"] == "paraphrase"
    assert doc["mentions"] and all(text[m["start"]:m["end"]] == m["text"] for m in doc["mentions"])
    assert {e["event_id"] for e in doc["events"]} == {"ev-consult-2024", "ev-agree-k2"}
    assert [c["id"] for c in doc["contradictions"]] == ["ct-copy-k2"]
    visit = get(client, f"/api/documents/{doc_ids['visit']}")
    assert [c["id"] for c in visit["copied_by"]] == [doc_ids["reprint"]]
    accuses = get(client, f"/api/documents/{doc_ids['accuses']}")
    (claim,) = accuses["claims"]
    assert claim["claim_id"] == "cl-koreans-3000" and claim["value"] == 3000
    assert accuses["original_text"][claim["start"]:claim["end"]] == claim["text"]


@pytest.mark.parametrize("bad", ["..%2F..%2Fetc%2Fpasswd", "a.b", "x" * 65, "%00abc", "a%20b"])
def test_document_ids_are_validated(client, bad):
    r = client.get(f"/api/documents/{bad}")
    assert r.status_code in (400, 404)
    assert "passwd" not in r.text or r.json()["detail"] in ("invalid document id", "Not Found")
    if r.status_code == 400:
        assert r.json()["detail"] == "invalid document id"


def test_unknown_ids_are_404(client):
    assert get(client, "/api/documents/ffffffffffffffff", 404)["detail"].startswith("no document")
    assert get(client, "/api/events/ev-nothing", 404)["detail"] == "no event ev-nothing"
    assert "no actor" in get(client, "/api/entities/state:XXX", 404)["detail"]
    assert get(client, "/api/claims/cl-none", 404)["detail"] == "no claim cl-none"
    assert get(client, "/api/events/a..b", 400)["detail"] == "invalid event id"


def test_entities_and_one_entity(client):
    people = get(client, "/api/entities", type="PERSON")["items"]
    assert {p["id"] for p in people} == {"person:kosiniak-kamysz", "person:shin-won-sik"}
    pol = get(client, "/api/entities/state:POL")
    assert pol["name"] == "Poland" and pol["codes"] == {"iso3": "POL", "wikidata": "Q36"}
    assert {m["id"] for m in pol["members"]} == {"person:kosiniak-kamysz", "org:abw"}
    assert get(client, "/api/resolve", name="Warsaw")["id"] == "state:POL"


def test_events_filters_like_the_cli(client):
    def ids(**params: Any) -> list[str]:
        return [e["id"] for e in get(client, "/api/events", limit=100, **params)["items"]]

    assert ids(actor="Belarus") == ["ev-accuse-blr", "ev-reject-blr", "ev-accuse-pol"]
    assert ids(actor="Poland", type="ACCUSE") == ["ev-accuse-blr", "ev-accuse-pol"]
    assert ids(min_sources=2) == ["ev-agree-k2"]
    assert ids(modality="denied") == ["ev-mobilize-rus"]
    assert ids(modality="planned") == [EVIL_EVENT]
    assert set(ids(**{"from": "2023-11", "to": "2023-12"})) == {
        "ev-accuse-blr", "ev-reject-blr", "ev-accuse-pol"}
    assert ids(a="Poland", b="Belarus") == ids(actor="Belarus")
    # /api/timeline is the same list.
    assert [e["id"] for e in get(client, "/api/timeline", actor="Belarus")["items"]] == \
        ids(actor="Belarus")


def test_events_paginate_with_total(client):
    all_ids = [e["id"] for e in get(client, "/api/events", limit=500)["items"]]
    p1 = get(client, "/api/events", limit=4)
    p2 = get(client, "/api/events", limit=4, offset=4)
    assert p1["total"] == len(all_ids) == 10
    assert [e["id"] for e in p1["items"] + p2["items"]] == all_ids[:8]
    assert p1["next_offset"] == 4
    assert get(client, "/api/events", limit=4, offset=8)["next_offset"] is None


def test_bad_filters_are_client_errors(client):
    assert client.get("/api/events", params={"from": "March"}).status_code == 422
    assert client.get("/api/events", params={"limit": 0}).status_code == 422
    assert client.get("/api/events", params={"limit": 501}).status_code == 422
    r = client.get("/api/events", params={"type": "HUG"})
    assert r.status_code == 400 and "unknown event type" in r.json()["detail"]
    assert client.get("/api/events", params={"a": "Poland"}).status_code == 400
    r = client.get("/api/events", params={"actor": "Polnad"})
    assert r.status_code == 404 and "did you mean: Poland" in r.json()["detail"]


def test_event_mentions_carry_context(client):
    ev = get(client, "/api/events/ev-agree-k2")
    assert ev["type"] == "AGREE" and ev["independent_sources"] == 2
    assert len(ev["mentions"]) == 3
    for m in ev["mentions"]:
        ctx = m["context"]
        assert original(client, m["document"])[m["start"]:m["end"]] == m["text"] == ctx["span"]
        assert m["sentence"].startswith(ctx["sentence_before"] + ctx["span"][:10]) or \
            ctx["span"] in m["sentence"]
    assert [c["id"] for c in ev["contradictions"]] == ["ct-copy-k2"]
    # What each source itself says: its date and its numbers.
    for m in ev["mentions"]:
        assert m["date_value"] == "2024-03-04" and m["date_basis"] == "relative"
        assert [q["text"] for q in m["quantities"]] == ["$2.6 billion"]
        assert m["attributed"] == []


def test_claims_and_contradictions(client):
    claims = get(client, "/api/claims", subject="Poland")["items"]
    assert {c["id"]: c["value"] for c in claims} == {"cl-koreans-3000": 3000,
                                                    "cl-koreans-12000": 12000}
    one = get(client, "/api/claims/cl-koreans-12000")
    (m,) = one["mentions"]
    assert m["context"]["span"] == m["text"] and m["text"].startswith("Some 12,000")
    assert [c["id"] for c in one["contradictions"]] == ["ct-numeric-koreans"]
    contra = get(client, "/api/contradictions")
    assert contra["total"] == 2
    numeric = get(client, "/api/contradictions", kind="numeric")["items"]
    assert [c["id"] for c in numeric] == ["ct-numeric-koreans"]
    assert get(client, "/api/contradictions", actor="Belarus")["items"] == []


def test_dyad_with_graph(client):
    d = get(client, "/api/dyad", a="POL", b="KOR")
    assert d["a"]["id"] == "state:POL" and d["b"]["id"] == "state:KOR"
    assert d["main_events"][0]["id"] == "ev-agree-k2"
    edges = {(e["source"], e["target"]): e["weight"] for e in d["graph"]["edges"]}
    assert edges[("state:PRK", "state:KOR")] == 1
    assert edges[("person:kosiniak-kamysz", "person:shin-won-sik")] == 1
    assert {n["id"] for n in d["graph"]["nodes"] if n["focus"]} == {"state:POL", "state:KOR"}


def test_search_and_ask(client, doc_ids):
    hits = get(client, "/api/search", q="tanks")["items"]
    assert hits and all("tanks" in h["text"] for h in hits)
    for h in hits:
        assert [h["text"][a:b].lower() for a, b in h["marks"]] == ["tanks"]
    only_2023 = get(client, "/api/search", q="Poland", **{"from": "2023", "to": "2023"})["items"]
    assert only_2023 and {h["document"] for h in only_2023} <= {doc_ids["plot"],
                                                                doc_ids["accuses"]}
    ans = get(client, "/api/ask", q="How many South Koreans live in Poland?")
    assert ans["found"] is True
    assert {e["id"] for e in ans["evidence"]} == {"cl-koreans-3000", "cl-koreans-12000"}
    nope = get(client, "/api/ask", q="Did Japan attack Chile?")
    assert nope["found"] is False and nope["text"].startswith("Not found")


def test_openapi_and_offline_docs(client):
    spec = get(client, "/openapi.json")
    for path in ("/api/documents", "/api/documents/{doc_id}", "/api/entities",
                 "/api/entities/{entity_id}", "/api/events", "/api/events/{event_id}",
                 "/api/claims", "/api/contradictions", "/api/timeline", "/api/dyad",
                 "/api/search", "/api/ask"):
        assert path in spec["paths"], path
    html = client.get("/docs").text
    assert "/api/timeline" in html and "min_sources" in html
    assert "cdn" not in html.lower() and "<script src=\"http" not in html


def test_read_only_and_headers(client):
    r = client.post("/api/documents", json={})
    assert r.status_code == 405
    r = client.post("/api/upload", files={"file": ("a.txt", b"Poland met Chile.")})
    assert r.status_code == 403 and "disabled" in r.json()["detail"]
    r = client.get("/")
    assert "script-src 'self'" in r.headers["content-security-policy"]
    assert r.headers["x-content-type-options"] == "nosniff"


def test_request_size_limit(client):
    r = client.post("/api/upload", content=b"x" * (6 * 1024 * 1024),
                    headers={"content-type": "application/octet-stream"})
    assert r.status_code == 413


def test_host_header_checked_when_serving_loopback(web_db):
    from fastapi.testclient import TestClient

    from accord.web import create_app
    from accord.web.app import LOOPBACK_HOSTS

    with TestClient(create_app(web_db, allowed_hosts=LOOPBACK_HOSTS),
                    base_url="http://127.0.0.1:8000") as c:
        assert c.get("/api/stats").status_code == 200
        assert c.get("/api/stats", headers={"host": "attacker.example"}).status_code == 400


def test_html_is_escaped(client, doc_ids):
    html = client.get(f"/documents/{EVIL_ID}").text
    assert "<script>window.__pwned" not in html and "<img src=x" not in html
    assert "&lt;script&gt;window.__pwned" in html and "&lt;img src=x onerror=" in html
    assert "&lt;i&gt;Outlet&lt;/i&gt;" in html
    for url in (f"/events/{EVIL_EVENT}", "/documents", "/search?q=Analysts", "/",
                "/events?actor=Poland", "/dyad?a=Poland&b=South+Korea"):
        page = client.get(url).text
        assert "<script>window.__pwned" not in page, url
        assert "<script" not in page.replace('<script src="/static/', "").replace(
            '<script type="application/json" id="chart-data">', ""), url


def test_html_pages_answer(client, doc_ids):
    for url in ("/", "/documents", f"/documents/{doc_ids['visit']}", "/entities",
                "/entities/state:POL", "/events", "/events/ev-agree-k2", "/claims",
                "/claims/cl-koreans-3000", "/contradictions", "/dyad",
                "/dyad?a=Poland&b=South+Korea", "/search?q=tanks",
                "/ask?q=How+many+South+Koreans+live+in+Poland%3F", "/docs"):
        r = client.get(url)
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/html"), url
    r = client.get("/events/ev-nothing")
    assert r.status_code == 404 and "text/html" in r.headers["content-type"]
    assert "no event ev-nothing" in r.text
    r = client.get(f"/documents/{doc_ids['visit']}", params={"start": 5, "end": 100000})
    assert r.status_code == 400
    # A bad filter gives a readable page naming the parameter, not a stack trace.
    r = client.get("/events", params={"from": "March"})
    assert r.status_code == 422 and "text/html" in r.headers["content-type"]
    # in words, not a regex (issue 16)
    assert "from: &#39;March&#39; is not a date: YYYY, YYYY-MM or YYYY-MM-DD" in r.text


def test_attribution_to_a_non_entity_is_not_a_dead_link(client):
    html = client.get(f"/events/{EVIL_EVENT}").text
    assert '<span class="actor unlinked">analysts</span>' in html
    assert "/entities/outlet-analysts" not in html


@pytest.mark.parametrize("url", ["/static/../app.py", "/static/%2e%2e/app.py",
                                 "/static/..%2fapp.py", "/documents/..%2F..%2Fetc%2Fpasswd"])
def test_no_path_traversal_through_urls(client, url):
    r = client.get(url)
    assert r.status_code in (400, 404)
    assert "create_app" not in r.text and "root:" not in r.text


def test_an_unexpected_error_is_one_line_without_internals(web_db, monkeypatch):
    from fastapi.testclient import TestClient

    from accord.api import KnowledgeBase
    from accord.web import create_app

    def boom(*_a, **_k):
        raise RuntimeError("secret detail /home/user/path")

    monkeypatch.setattr(KnowledgeBase, "overview", boom)
    with TestClient(create_app(web_db), raise_server_exceptions=False) as c:
        r = c.get("/")
        assert r.status_code == 500
        assert "internal error (RuntimeError)" in r.text and "secret detail" not in r.text


def test_contradictions_page_quotes_each_side(client, doc_ids):
    html = client.get("/contradictions").text
    numeric = html[html.index('id="ct-numeric-koreans"'):]
    numeric = numeric[:numeric.index("</li>")]
    # Both documents, each with its own sentence linked to its exact span.
    for name, sentence in (("accuses", "About 3,000 South Koreans live in Poland"),
                           ("paper", "Some 12,000 South Koreans live in Poland")):
        assert f'href="/documents/{doc_ids[name]}?start=' in numeric
        assert sentence in numeric
    copy = html[html.index('id="ct-copy-k2"'):]
    copy = copy[:copy.index("</li>")]
    assert "$2.6 billion agreement" in copy and "$6.2 billion agreement" in copy
    assert "side-card is-copy" in copy


def test_actor_fields_suggest_names(client):
    html = client.get("/dyad").text
    assert 'list="actor-names"' in html
    for name in ("Poland", "South Korea", "Internal Security Agency"):
        assert f'<option value="{name}">' in html


def test_event_and_contradiction_records_are_the_cli_records(client, web_db):
    """One record shape: the HTTP API answers what ``accord event --json`` and
    ``accord contradictions --json`` print (and the Python API returns)."""
    import json as _json

    from typer.testing import CliRunner

    from accord.cli import app

    run = CliRunner().invoke
    res = run(app, ["contradictions", "--db", str(web_db), "--json"])
    assert res.exit_code == 0, res.output
    cli_rows = _json.loads(res.output)
    api_rows = client.get("/api/contradictions", params={"limit": 500}).json()["items"]
    assert cli_rows and {c["id"]: c for c in api_rows} == {c["id"]: c for c in cli_rows}
    assert all("mentions" in s for c in api_rows for s in c["sides"])
    res = run(app, ["event", "ev-agree-k2", "--db", str(web_db), "--json", "--why"])
    assert res.exit_code == 0, res.output
    assert _json.loads(res.output) == client.get("/api/events/ev-agree-k2").json()


def test_the_web_reads_through_the_knowledge_base():
    """No route opens a connection of its own: the app's KnowledgeBase is the API."""
    import ast
    from pathlib import Path

    import accord.web

    bad = []
    for path in sorted(Path(accord.web.__file__).parent.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr in ("connect", "begin"):
                bad.append(f"{path.name}:{node.lineno} .{node.attr}")
            if isinstance(node, ast.ImportFrom) and node.level == 2 and node.module and \
                    node.module.split(".")[0] in ("query", "reconcile", "store"):
                if node.module != "store" or path.name != "app.py":  # app.py opens the store
                    bad.append(f"{path.name}:{node.lineno} imports {node.module}")
    assert not bad, bad


def test_event_and_contradiction_records_keep_the_json_contract(client):
    """The one record shape is the ``accord/v1`` contract's, plus display fields."""
    import jsonschema

    from accord.export.json_export import schema

    contract = schema()

    def check(record, name):
        one = {"$defs": contract["$defs"], "$ref": f"#/$defs/{name}"}
        jsonschema.Draft202012Validator(one).validate(record)

    check(client.get("/api/events/ev-agree-k2").json(), "event")
    items = client.get("/api/contradictions", params={"limit": 500}).json()["items"]
    assert items
    for c in items:
        check(c, "contradiction")
