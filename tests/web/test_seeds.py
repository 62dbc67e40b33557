"""The issue's "done when", on the real seed articles (skipped when ../shared/seeds is absent):
from the top dyad's page to an event to the exact sentence in each article, the copies and
the contradictions, all in the browser."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.browser]


@pytest.fixture(scope="module")
def seeds_db(seeds_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    import accord

    db = tmp_path_factory.mktemp("seeds-kb") / "seeds.db"
    with accord.open(db) as kb:
        report = kb.build([seeds_dir], workers=1)
        assert report.status == "ok"
    return db


def test_dyad_to_event_to_each_article(seeds_db, browser, artifacts):
    from fastapi.testclient import TestClient

    from accord.web import create_app
    from tests.web.conftest import checked_page, serve

    app = create_app(seeds_db)
    api = TestClient(app)
    with serve(app) as base, checked_page(browser, base) as pg:
        pg.goto("/")
        pg.locator("section", has_text="Top dyads").locator("tbody a").first.click()
        pg.wait_for_url("**/dyad?*")
        pg.screenshot(path=str(artifacts / "seeds-dyad.png"), full_page=True)
        assert pg.locator("#timeline-chart circle").count() >= 1
        # The best corroborated event of the pair: the first of "Main events".
        main = pg.locator("section", has_text="Main events").locator("table.events a").first
        main.click()
        pg.wait_for_url("**/events/*")
        event_id = pg.url.rsplit("/", 1)[1]
        ev: dict[str, Any] = api.get(f"/api/events/{event_id}").json()
        cards = pg.locator(".mention-card")
        assert cards.count() == len(ev["mentions"]) >= 1
        pg.screenshot(path=str(artifacts / "seeds-event.png"), full_page=True)
        for i, m in enumerate(ev["mentions"]):
            pg.locator(".mention-card").nth(i).locator("a.evidence").click()
            pg.wait_for_url(f"**/documents/{m['document']}?*")
            assert pg.locator("#focus").inner_text() == m["text"]
            pg.go_back()
            pg.wait_for_url(f"**/events/{event_id}")
        # Copies and contradictions are one click from the overview.
        pg.goto("/contradictions")
        assert pg.locator("ul.contradictions li").count() == len(
            api.get("/api/contradictions").json()["items"])
        copies = api.get("/api/copies").json()["items"]
        for c in copies:
            pg.goto(f"/documents/{c['document']}")
            assert "adds no independent corroboration" in pg.locator(".notice.copy").inner_text()
