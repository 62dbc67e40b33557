"""The same web app on PostgreSQL answers what it answers on SQLite."""

from __future__ import annotations

from typing import Any

import pytest

from tests.query import minikb
from tests.web.conftest import EVIL_EVENT, EVIL_ID, add_evil_document

pytestmark = pytest.mark.postgres

SAME = [
    "/api/documents?limit=100",
    "/api/events?limit=100",
    "/api/events?actor=Poland&type=ACCUSE",
    "/api/events?a=Poland&b=South+Korea&from=2024",
    f"/api/events/{EVIL_EVENT}",
    "/api/events/ev-agree-k2",
    "/api/entities/state:POL",
    "/api/claims",
    "/api/contradictions",
    "/api/dyad?a=POL&b=KOR",
    "/api/ask?q=How+many+South+Koreans+live+in+Poland%3F",
]


@pytest.fixture(scope="module")
def pg_client(pg_server) -> Any:  # type: ignore[no-untyped-def]
    from fastapi.testclient import TestClient

    from accord.web import create_app

    url = pg_server.create_database("web")
    store = minikb.build(url)
    add_evil_document(store)
    store.close()
    with TestClient(create_app(url)) as c:
        yield c


@pytest.mark.parametrize("url", SAME)
def test_postgres_answers_like_sqlite(pg_client, client, url):
    a, b = pg_client.get(url), client.get(url)
    assert a.status_code == b.status_code == 200, (url, a.text[:200])
    assert stable(a.json()) == stable(b.json())


#: Fields that differ between two builds of the same data (timestamps, store names).
VOLATILE = {"added_at", "store", "score"}


def stable(obj: Any) -> Any:
    if isinstance(obj, dict):
        return {k: stable(v) for k, v in obj.items() if k not in VOLATILE}
    if isinstance(obj, list):
        return [stable(v) for v in obj]
    if isinstance(obj, float):
        return round(obj, 6)
    return obj


def test_postgres_pages_and_search(pg_client, doc_ids):
    for url in ("/", f"/documents/{EVIL_ID}", "/dyad?a=Poland&b=South+Korea", "/events",
                "/entities/state:POL", "/contradictions", "/search?q=tanks"):
        r = pg_client.get(url)
        assert r.status_code == 200, url
        assert "<script>window.__pwned" not in r.text
    hits = pg_client.get("/api/search", params={"q": "tanks"}).json()["items"]
    assert hits and all("tanks" in h["text"] for h in hits)
