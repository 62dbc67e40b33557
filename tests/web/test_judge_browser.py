"""Event judgements in headless Chromium: an analyst splits a mention off an event of a
store built by the real pipeline (``conftest.JUDGE_ARTICLES``), and the page changes."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.web.conftest import checked_page, serve

pytestmark = [pytest.mark.browser, pytest.mark.slow]

TOKEN = "browser-judge-token"


@pytest.fixture
def judge_server(judge_built_db: Path, tmp_path: Path) -> Iterator[tuple[str, Path]]:
    from accord.web import create_app
    from accord.web.app import LOOPBACK_HOSTS

    db = tmp_path / "judge.db"
    shutil.copy(judge_built_db, db)
    app = create_app(db, token=TOKEN, allow_judge=True, allowed_hosts=LOOPBACK_HOSTS)
    with serve(app) as url:
        yield url, db


def _deal(db: Path) -> tuple[str, int]:
    from accord.store import Store

    with Store(db, read_only=True) as store, store.connect() as conn:
        row = conn.exec_driver_sql(
            "SELECT e.id, count(*) FROM events e JOIN event_mentions m ON m.event_id = e.id "
            "WHERE e.type = 'AGREE' GROUP BY e.id").one()
    return str(row[0]), int(row[1])


def test_split_a_mention_off_in_the_browser(browser: Any, judge_server: tuple[str, Path],
                                            artifacts: Path) -> None:
    url, db = judge_server
    deal, n = _deal(db)
    assert n == 2
    with checked_page(browser, url) as page:
        page.goto(f"/events/{deal}")
        cards = page.locator(".mention-card")
        assert cards.count() == 2
        assert "No analyst judgement" in page.locator("#judgements").inner_text()
        # Without the token nothing is sent, and the page says why.
        page.locator(".mention-card").nth(1).get_by_role("button", name="Split").click()
        assert "token" in page.locator("#judge-result").inner_text()
        split_off = page.locator(".mention-card").nth(1).locator("mark.hl").inner_text()
        kept = page.locator(".mention-card").nth(0).locator("mark.hl").inner_text()
        page.fill("#judge-form input[name=token]", TOKEN)
        page.locator(".mention-card").nth(1).get_by_role("button", name="Split").click()
        page.wait_for_selector(".judgement-list li")  # the page loaded again
        # The page now shows the event that kept the other mention, and the judgement.
        assert page.locator(".mention-card").count() == 1
        assert page.locator(".mention-card mark.hl").inner_text() == kept
        assert "#1 split: " in page.locator(".judgement-list").inner_text()
        assert "applied" in page.locator(".judgement-list").inner_text()
        page.screenshot(path=str(artifacts / "event-after-split.png"), full_page=True)
        # The judgement links the event that now holds the split-off mention.
        here = page.url
        page.locator(".judgement-list a[href^='/events/']").first.click()
        page.wait_for_url("**/events/ev-*")
        assert page.url != here
        assert page.locator(".mention-card mark.hl").inner_text() == split_off
        page.go_back()
        page.wait_for_selector(".judgement-list li")
        # The store agrees: two AGREE events, one mention each; the split one is there.
        from fastapi.testclient import TestClient

        from accord.web import create_app

        with TestClient(create_app(db)) as c:
            items = c.get("/api/events", params={"type": "AGREE"}).json()["items"]
            texts = sorted(c.get(f"/api/events/{e['id']}").json()["mentions"][0]["text"]
                           for e in items)
        assert len(items) == 2 and texts == sorted([kept, split_off])
        # Withdraw it (the token is remembered by the tab): the outlets are one event again.
        page.get_by_role("button", name="Withdraw").click()
        expect(page.locator("#judgements")).to_contain_text("No analyst judgement",
                                                             timeout=30_000)
        assert page.locator(".mention-card").count() == 2
        assert "No analyst judgement" in page.locator("#judgements").inner_text()


def test_merge_with_an_unknown_event_says_so(browser: Any, judge_server: tuple[str, Path]
                                             ) -> None:
    url, db = judge_server
    deal, _n = _deal(db)
    ctx = browser.new_context(base_url=url)
    page = ctx.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(f"page error: {e}"))
    try:
        page.goto(f"/events/{deal}")
        page.fill("#judge-form input[name=token]", TOKEN)
        page.fill("#judge-form input[name=other]", "ev-not-in-this-store")
        page.get_by_role("button", name="Merge").click()
        expect(page.locator("#judge-result")).to_contain_text("Not recorded", timeout=30_000)
        assert "no event ev-not-in-this-store" in page.locator("#judge-result").inner_text()
        assert page.url.endswith(f"/events/{deal}")
    finally:
        ctx.close()
    # The browser logs the 404 answer itself; nothing else went wrong.
    assert errors and all("status of 404" in e for e in errors), errors


def test_the_judging_controls_are_accessible(browser: Any, judge_server: tuple[str, Path]
                                             ) -> None:
    """axe finds no serious or critical violation on an event page with the controls on,
    before and after a judgement (a Withdraw button in the list)."""
    from importlib import resources

    from tests.web.test_accessibility import violations

    axe = (resources.files("axe_playwright_python") / "axe.min.js").read_text(encoding="utf-8")
    url, db = judge_server
    deal, _n = _deal(db)
    with checked_page(browser, url) as page:
        page.goto(f"/events/{deal}")
        assert not violations(page, axe)
        page.fill("#judge-form input[name=token]", TOKEN)
        page.locator(".mention-card").nth(1).get_by_role("button", name="Split").click()
        page.wait_for_selector(".judgement-list li")
        found = violations(page, axe)
        assert not found, found
