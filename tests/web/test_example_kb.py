"""The web app on the example corpus built by the real pipeline (``example_kb`` fixture)."""

from __future__ import annotations

import html
import re
from collections import deque
from typing import Any

import pytest

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def kb_client(example_db_path) -> Any:
    from fastapi.testclient import TestClient

    from accord.web import create_app

    with TestClient(create_app(example_db_path), raise_server_exceptions=False) as c:
        yield c


def test_every_linked_page_answers(kb_client):
    """Follow every internal link from the overview (breadth first, bounded)."""
    seen: set[str] = set()
    queue = deque(["/"])
    failures = []
    while queue and len(seen) < 300:
        url = queue.popleft()
        if url in seen:
            continue
        seen.add(url)
        r = kb_client.get(url)
        if r.status_code != 200:
            failures.append((url, r.status_code, r.text[:200]))
            continue
        if "text/html" in r.headers["content-type"]:
            for href in re.findall(r'href="([^"]+)"', r.text):
                href = html.unescape(href).split("#")[0]
                if href.startswith("/") and not href.startswith("/static/"):
                    queue.append(href)
    assert len(seen) > 50
    assert not failures, failures[:5]


def test_event_evidence_is_exact(kb_client):
    events = kb_client.get("/api/events", params={"limit": 500}).json()["items"]
    assert events
    texts: dict[str, str] = {}
    for e in events[:60]:
        full = kb_client.get(f"/api/events/{e['id']}").json()
        for m in full["mentions"]:
            if m["document"] not in texts:
                texts[m["document"]] = kb_client.get(
                    f"/api/documents/{m['document']}").json()["original_text"]
            assert texts[m["document"]][m["start"]:m["end"]] == m["text"] == m["context"]["span"]
        page = kb_client.get(f"/events/{e['id']}").text
        assert page.count('class="mention-card') == len(full["mentions"])


def test_copies_are_shown_in_the_reader(kb_client):
    copies = kb_client.get("/api/copies").json()["items"]
    if not copies:
        pytest.skip("reconciliation found no copies in the example corpus")
    c = copies[0]
    page = kb_client.get(f"/documents/{c['document']}").text
    assert 'class="notice copy"' in page and f'href="/documents/{c["copy_of"]}"' in page
    original = kb_client.get(f"/documents/{c['copy_of']}").text
    assert "Copied by" in original and f'href="/documents/{c["document"]}"' in original


@pytest.mark.browser
def test_example_pages_in_the_browser(example_db_path, browser, artifacts):
    """Real extraction output in Chromium: no console error on any document or event page,
    and each event's evidence link highlights exactly the mention's text."""
    from fastapi.testclient import TestClient

    from accord.web import create_app
    from tests.web.conftest import checked_page, serve

    app = create_app(example_db_path)
    api = TestClient(app)
    docs = api.get("/api/documents", params={"limit": 100}).json()["items"]
    events = api.get("/api/events", params={"limit": 12, "a": "Poland",
                                            "b": "South Korea"}).json()["items"]
    assert events, "no Poland - South Korea events in the example corpus"
    with serve(app) as base, checked_page(browser, base) as pg:
        pg.goto("/dyad?a=Poland&b=South+Korea")
        assert pg.locator("#timeline-chart circle").count() >= 1
        pg.screenshot(path=str(artifacts / "example-dyad.png"), full_page=True)
        for d in docs:
            pg.goto(f"/documents/{d['id']}")
            assert pg.locator("#doctext").inner_text()
        for e in events:
            full = api.get(f"/api/events/{e['id']}").json()
            m = full["mentions"][0]
            pg.goto(f"/events/{e['id']}")
            pg.locator("a.evidence").first.click()
            pg.wait_for_url("**/documents/*")
            # the exact span, as displayed: Markdown markup and PDF line-break hyphens
            # are not shown (accord.web.display), every other character is
            from accord.web.display import for_display

            doc = api.get(f"/api/documents/{m['document']}").json()
            shown = for_display(doc["original_text"], doc["format"])
            assert pg.locator("#focus").inner_text() == \
                shown.text[slice(*shown.span(m["start"], m["end"]))]
