"""axe-core in headless Chromium: no serious or critical accessibility violation on any page.

axe comes from the pinned PyPI package ``axe-playwright-python`` (it carries
``axe.min.js``); it is read from the installed package and evaluated in the page,
never fetched from a CDN.
"""

from __future__ import annotations

from importlib import resources
from typing import Any

import pytest

from tests.web.test_browser import PAGES

pytestmark = pytest.mark.browser

#: What we fail on: axe's two worst impact levels.
FAIL_ON = ("serious", "critical")


@pytest.fixture(scope="session")
def axe_source() -> str:
    return (resources.files("axe_playwright_python") / "axe.min.js").read_text(encoding="utf-8")


def violations(page: Any, axe_source: str) -> list[dict[str, Any]]:
    page.evaluate(axe_source)  # evaluated, not a <script>: the page's CSP stays as it is
    result = page.evaluate("""async () => {
        const r = await axe.run(document, {resultTypes: ["violations"]});
        return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.slice(0, 5).map(n => n.target.join(" ") + " :: "
                + (n.failureSummary || "").split("\\n").slice(1, 3).join(" "))}));
    }""")
    return [v for v in result if v["impact"] in FAIL_ON]


@pytest.mark.parametrize("name", [n for n in PAGES if n != "hostile-document"])
def test_no_serious_or_critical_violation(page, doc_ids, axe_source, name) -> None:  # type: ignore[no-untyped-def]
    page.goto(PAGES[name].format(**doc_ids))
    found = violations(page, axe_source)
    assert not found, "\n".join(f"{v['impact']} {v['id']}: {v['help']}\n    " +
                                "\n    ".join(v["nodes"]) for v in found)


def test_error_page_has_no_serious_or_critical_violation(browser, live_server,
                                                        axe_source) -> None:  # type: ignore[no-untyped-def]
    # Not the checked ``page``: a 400 answer is logged to the console, as it should be.
    ctx = browser.new_context(base_url=live_server)
    try:
        pg = ctx.new_page()
        resp = pg.goto("/events?actor=Poland&from=2024-13")
        assert resp is not None and resp.status == 400
        assert "has no month 13" in pg.locator("main").inner_text()
        assert not violations(pg, axe_source)
    finally:
        ctx.close()
