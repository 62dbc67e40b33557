"""The web UI in headless Chromium (Playwright) against a live uvicorn server.

Every test fails on any console error, page error, failed request or request
leaving the local server (see the ``page`` fixture). Screenshots go to
``test-artifacts/web/`` (gitignored).
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

import pytest

from tests.web.conftest import EVIL_EVENT, EVIL_ID

pytestmark = pytest.mark.browser

PAGES = {
    "overview": "/",
    "documents": "/documents",
    "document": "/documents/{visit}",
    "actors": "/entities",
    "actor": "/entities/state:POL",
    "timeline": "/events",
    "event": "/events/ev-agree-k2",
    "claims": "/claims",
    "claim": "/claims/cl-koreans-12000",
    "contradictions": "/contradictions",
    "dyad-pick": "/dyad",
    "dyad": "/dyad?a=Poland&b=South+Korea",
    "search": "/search?q=K2+tanks",
    "ask": "/ask?q=How+many+South+Koreans+live+in+Poland%3F",
    "api-docs": "/docs",
    "hostile-document": f"/documents/{EVIL_ID}",
}


@pytest.mark.parametrize("name", list(PAGES))
def test_page_loads_without_errors(page, doc_ids, artifacts, name):
    url = PAGES[name].format(**doc_ids)
    resp = page.goto(url)
    assert resp is not None and resp.status == 200
    assert page.locator("h1").first.inner_text().strip()
    page.screenshot(path=str(artifacts / f"{name}.png"), full_page=True)
    assert page.evaluate("window.__pwned") is None


def test_dyad_to_event_to_evidence(page, client, artifacts):
    """Dyad page -> an event -> each mention's exact span highlighted in its document."""
    page.goto("/dyad?a=Poland&b=South+Korea")
    # The chart drew one point per event, undated ones in their own lane (issue 16).
    chart = json.loads(page.locator("#chart-data").inner_text())
    n_points = page.locator("#timeline-chart circle").count()
    assert n_points == len(chart) == 5 + sum(1 for e in chart if not e["date"])
    page.locator('a[href="/events/ev-agree-k2"]').first.click()
    page.wait_for_url("**/events/ev-agree-k2")
    cards = page.locator(".mention-card")
    assert cards.count() == 3
    api = client.get("/api/events/ev-agree-k2").json()
    by_doc = {m["document"]: m for m in api["mentions"]}
    for i in range(3):
        card = page.locator(".mention-card").nth(i)
        hl = card.locator("mark.hl").inner_text()
        href = card.locator("a.evidence").get_attribute("href")
        doc_id = href.split("/documents/")[1].split("?")[0]
        assert hl == by_doc[doc_id]["text"]
        card.locator("a.evidence").click()
        page.wait_for_url(f"**/documents/{doc_id}?*")
        focus = page.locator("#focus")
        assert focus.count() == 1
        assert focus.inner_text() == by_doc[doc_id]["text"]
        assert focus.is_visible()
        if i == 0:
            page.screenshot(path=str(artifacts / "evidence-in-document.png"))
        page.go_back()
        page.wait_for_url("**/events/ev-agree-k2")


def test_chart_hover_shows_the_event(page, artifacts):
    page.goto("/dyad?a=Poland&b=South+Korea")
    point = page.locator('#timeline-chart circle[data-event="ev-threaten"]')
    point.hover()
    tip = page.locator("#chart-tip")
    assert tip.is_visible()
    text = tip.inner_text()
    assert "THREATEN" in text and "2024-01-15" in text and "North Korea" in text
    page.screenshot(path=str(artifacts / "dyad-hover.png"))
    page.mouse.move(5, 5)
    assert tip.is_hidden()
    # The point is a link to the event.
    point.click()
    page.wait_for_url("**/events/ev-threaten")


def test_graph_links_to_actors(page):
    page.goto("/dyad?a=Poland&b=South+Korea")
    nodes = page.locator("svg.graph a.node")
    names = {nodes.nth(i).locator("text").text_content() for i in range(nodes.count())}
    assert {"Poland", "South Korea", "North Korea"} <= names
    page.locator("svg.graph a.node", has_text="North Korea").locator("circle").click()
    page.wait_for_url("**/entities/state:PRK")


def test_document_reader_highlights_mentions(page, client, doc_ids):
    doc = client.get(f"/api/documents/{doc_ids['visit']}").json()
    page.goto(f"/documents/{doc_ids['visit']}")
    ents = page.locator("#doctext .ent")
    assert sorted(ents.all_inner_texts()) == sorted(m["text"] for m in doc["mentions"])
    evs = page.locator("#doctext span.ev:not(.frag)")
    assert evs.count() == len(doc["events"])
    # The whole text is there, unchanged, in order.
    assert page.locator("#doctext").inner_text() == doc["original_text"]
    # An actor mention is a link to the actor.
    page.locator("#doctext a.ent", has_text="Shin Won-sik").click()
    page.wait_for_url("**/entities/person:shin-won-sik")


def test_copy_relations_are_shown(page, doc_ids):
    page.goto(f"/documents/{doc_ids['reprint']}")
    note = page.locator(".notice.copy")
    assert "paraphrase" in note.inner_text()
    note.locator("a").click()
    page.wait_for_url(f"**/documents/{doc_ids['visit']}")
    assert "Copied by" in page.locator("main").inner_text()


def test_search_from_the_header(page, artifacts):
    page.goto("/")
    page.keyboard.press("/")  # focuses the header search box
    page.keyboard.type("tanks")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search?q=tanks")
    marks = page.locator("li.result mark")
    assert marks.count() >= 3
    assert {t.lower() for t in marks.all_inner_texts()} == {"tanks"}
    page.locator("li.result a.quote").first.click()
    page.wait_for_url("**/documents/*")
    assert "tanks" in page.locator("#focus").inner_text()


def test_contradiction_links_to_both_claims(page):
    page.goto("/contradictions")
    item = page.locator("ul.contradictions li", has_text="South Korean population")
    links = item.locator("a.item")
    assert links.count() == 2
    links.first.click()
    page.wait_for_url("**/claims/cl-koreans-*")
    assert page.locator(".mention-card mark.hl").count() == 1


def test_hostile_article_renders_as_text(page, artifacts):
    page.goto(f"/documents/{EVIL_ID}")
    body = page.locator("#doctext").inner_text()
    assert "<script>window.__pwned = 'body'</script>" in body
    assert "<img src=x onerror=" in body
    assert page.locator("#doctext img, #doctext script, #doctext i, #doctext b").count() == 0
    assert "<script>window.__pwned = 'title'</script>" in page.locator("h1").inner_text()
    for url in (f"/events/{EVIL_EVENT}", "/search?q=Analysts", "/dyad?a=Poland&b=South+Korea",
                "/events?actor=Poland", "/documents", "/"):
        page.goto(url)
        assert page.evaluate("typeof window.__pwned") == "undefined", url
    page.goto(f"/events/{EVIL_EVENT}")
    assert "<script>" in page.locator(".mention-card .context").inner_text()
    page.goto("/dyad?a=Poland&b=South+Korea")
    page.locator(f'#timeline-chart circle[data-event="{EVIL_EVENT}"]').hover()
    assert "<script>" in page.locator("#chart-tip").inner_text()
    page.screenshot(path=str(artifacts / "hostile-tooltip.png"))
    assert page.evaluate("typeof window.__pwned") == "undefined"


def test_ask_page_cites_its_answer(page: Any):
    page.goto("/ask")
    page.fill("main input[name=q]", "How many South Koreans live in Poland?")
    page.press("main input[name=q]", "Enter")
    page.wait_for_url("**/ask?q=*")
    quotes = page.locator("ol.evidence a.quote").all_inner_texts()
    assert any("12,000" in q for q in quotes) and any("3,000" in q for q in quotes)
    page.goto("/ask?q=" + quote("Did Japan attack Chile?"))
    assert "Not found" in page.locator(".not-found").inner_text()


def test_timeline_filters_in_the_form(page):
    page.goto("/events")
    page.fill("main input[name=actor]", "Belarus")
    page.fill("main input[name=type]", "ACCUSE")
    page.locator("main form.filters button").click()
    page.wait_for_url("**/events?*actor=Belarus*")
    rows = page.locator("table.events tbody tr")
    assert rows.count() == 2
    assert set(page.locator("table.events .badge.type").all_inner_texts()) == {"ACCUSE"}


@pytest.mark.slow
def test_upload_page_adds_an_article(browser, web_db, tmp_path, artifacts):
    import shutil

    from accord.web import create_app
    from tests.web.conftest import checked_page, serve

    db = tmp_path / "upload.db"
    shutil.copy(web_db, db)
    article = tmp_path / "drill.txt"
    article.write_text("Warsaw, 9 May 2024\n\nPoland and South Korea held a joint naval drill "
                       "in the Baltic Sea on Wednesday, the navy said.\n", encoding="utf-8")
    with serve(create_app(db, token="s3cret", allow_upload=True)) as base, \
            checked_page(browser, base) as pg:
        pg.goto("/upload")
        pg.set_input_files("input[name=file]", str(article))
        pg.fill("input[name=token]", "s3cret")
        pg.locator("#upload-form button").click()
        result = pg.locator("#upload-result .notice.copy")
        result.wait_for(timeout=120_000)
        assert result.inner_text().startswith("Added")
        pg.screenshot(path=str(artifacts / "upload.png"))
        result.locator("a").click()
        pg.wait_for_url("**/documents/*")
        assert "joint naval drill" in pg.locator("#doctext").inner_text()


def test_chart_legend_toggles_classes(page, artifacts):
    page.goto("/dyad?a=Poland&b=South+Korea")
    threat = page.locator('#timeline-chart circle[data-event="ev-threaten"]')
    planned = page.locator(f'#timeline-chart circle[data-event="{EVIL_EVENT}"]')
    assert threat.is_visible() and planned.is_visible()
    page.locator('.chart-legend button[data-quad="verbal_conflict"]').click()
    assert threat.is_hidden() and planned.is_visible()
    page.locator(".chart-legend button[data-happened]").click()
    assert planned.is_hidden()
    page.screenshot(path=str(artifacts / "dyad-toggled.png"))
    page.locator('.chart-legend button[data-quad="verbal_conflict"]').click()
    assert threat.is_visible()
    assert page.locator('.chart-legend button[data-quad="verbal_conflict"]').get_attribute(
        "aria-pressed") == "true"


def test_reader_layers_toggle(page, doc_ids):
    page.goto(f"/documents/{doc_ids['visit']}")
    first = page.locator("#doctext .ent").first
    before = first.evaluate("e => getComputedStyle(e).backgroundColor")
    page.locator('#layers button[data-layer="ent"]').click()
    after = first.evaluate("e => getComputedStyle(e).backgroundColor")
    assert before != after and after in ("rgba(0, 0, 0, 0)", "transparent")
    assert page.locator('#layers button[data-layer="ent"]').get_attribute("aria-pressed") == \
        "false"


def test_actor_page_chart(page):
    page.goto("/entities/state:BLR")
    points = page.locator("#timeline-chart circle")
    assert points.count() == 3
    page.locator('#timeline-chart circle[data-event="ev-accuse-pol"]').hover()
    assert "ACCUSE" in page.locator("#chart-tip").inner_text()


def test_undated_events_are_drawn_in_their_own_lane(page):
    """Issue 16: undated events are not dropped from the chart; they get a lane at the right."""
    page.goto("/dyad?a=Poland&b=South+Korea")
    chart = json.loads(page.locator("#chart-data").inner_text())
    undated = [{**chart[0], "id": f"ev-undated-{i}", "date": None} for i in range(3)]
    page.evaluate("""(events) => {
        document.getElementById("chart-data").textContent = JSON.stringify(events);
        document.getElementById("timeline-chart").replaceChildren();
    }""", chart + undated)
    page.add_script_tag(url="/static/timeline.js")  # draws the chart again from the data
    page.wait_for_function("document.querySelectorAll('#timeline-chart circle').length > 0")
    circles = page.locator("#timeline-chart circle")
    assert circles.count() == len(chart) + 3
    lane = page.locator("#timeline-chart rect.undated-lane")
    assert lane.count() == 1 and "undated" in page.locator("#timeline-chart").inner_text()
    box = lane.bounding_box()
    for i in range(3):
        c = page.locator(f'#timeline-chart circle[data-event="ev-undated-{i}"]').bounding_box()
        assert box["x"] <= c["x"] + c["width"] / 2 <= box["x"] + box["width"]
    # every point, dated or not, is a link a screen reader can reach, with a label
    links = page.locator("#timeline-chart a.pt")
    assert links.count() == len(chart) + 3
    assert all(links.nth(i).get_attribute("aria-label") for i in range(links.count()))


def test_columns_sort_and_say_so(page):
    """Issue 16: list columns are sortable (a button per header, aria-sort on the column)."""
    page.goto("/documents")
    header = page.locator("table.sortable thead th", has_text="Words")
    header.locator("button.sort").click()
    assert header.get_attribute("aria-sort") == "ascending"
    col = [th.inner_text().strip() for th in page.locator("table.sortable thead th").all()]
    i = col.index("Words")
    words = [int(r.locator("td").nth(i).inner_text().replace(",", "") or 0)
             for r in page.locator("table.sortable tbody tr").all()]
    assert words == sorted(words) and len(words) > 1
    header.locator("button.sort").click()
    assert header.get_attribute("aria-sort") == "descending"
    again = [int(r.locator("td").nth(i).inner_text().replace(",", "") or 0)
             for r in page.locator("table.sortable tbody tr").all()]
    assert again == sorted(words, reverse=True)
