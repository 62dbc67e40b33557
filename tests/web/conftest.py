"""Fixtures for the web tests: a known knowledge base, a TestClient, a live server, a browser.

The knowledge base is the outputs tests' mini KB (``tests/query/minikb.py``: our own
invented prose, every row known) plus one hostile document whose title and text
carry ``<script>`` and HTML, added through the real ``Store`` API.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import insert, update

from accord.ingest.offsets import OffsetMap
from accord.records import (
    ActorRef,
    EventRecord,
    Extraction,
    IngestedDocument,
    MentionRecord,
    SentenceRecord,
)
from accord.store import Store
from accord.store import schema as S
from accord.store.pairs import add_events
from tests.query import minikb

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "web"

EVIL_ID = "99evil0000000000"
EVIL_TITLE = "<script>window.__pwned = 'title'</script>Hostile <b>title</b>"
EVIL_SENTENCES = [
    "Analysts said <script>window.__pwned = 'body'</script> Poland would talk to South Korea "
    "again in May.",
    "A caption read <img src=x onerror=\"window.__pwned = 'img'\"> & <i>nothing</i> else.",
]
EVIL_EVENT = "ev-evil-consult"


def add_evil_document(store: Store) -> None:
    """A document whose every text field carries markup that must render as text."""
    text = " ".join(EVIL_SENTENCES)
    doc = IngestedDocument(
        id=EVIL_ID, source="uploads/<evil>.html", format="html", original=text, clean=text,
        offset_map=OffsetMap.identity(len(text)).to_json(), title=EVIL_TITLE,
        outlet="<i>Outlet</i>", published="2024-04-02", published_basis="metadata")
    store.put_document(doc)
    ex = Extraction(document_id=EVIL_ID, extractor_version="test")
    pos = 0
    for i, s in enumerate(EVIL_SENTENCES):
        ex.sentences.append(SentenceRecord(index=i, start=pos, end=pos + len(s), text=s))
        for name, key in (("Poland", "state:POL"), ("South Korea", "state:KOR")):
            at = s.find(name)
            if at >= 0:
                ent = minikb.ENTITIES[key]
                ex.mentions.append(MentionRecord(
                    start=pos + at, end=pos + at + len(name), text=name, sentence_index=i,
                    actor=ActorRef(key=key, name=ent["name"], type=ent["type"],
                                   iso3=ent.get("iso3"))))
        pos += len(s) + 1
    s0 = EVIL_SENTENCES[0]
    ex.events.append(EventRecord(
        type="CONSULT", start=0, end=len(s0), text=s0, sentence_index=0, trigger="talk",
        source=["state:POL"], target=["state:KOR"], date_value="2024-05", date_basis="relative",
        modality="planned"))
    store.put_extraction(ex)
    with store.begin() as conn:
        for key in ("state:POL", "state:KOR"):
            conn.execute(update(S.mentions).where(
                (S.mentions.c.document_id == EVIL_ID) & (S.mentions.c.key == key)
            ).values(entity_id=key))
        row = dict(
            id=EVIL_EVENT, type="CONSULT", cameo="04", intensity=1.0, source=["state:POL"],
            target=["state:KOR"], date_value="2024-05", date_basis="relative",
            date_sort="2024-05-00", quantities=[], modality="planned",
            attributed_to=["outlet-analysts"],
            independent_sources=1, confidence=0.5)
        conn.execute(insert(S.events).values(**row))
        add_events(conn, [row], {EVIL_EVENT: [EVIL_ID]})
        conn.execute(update(S.event_mentions).where(
            S.event_mentions.c.document_id == EVIL_ID).values(event_id=EVIL_EVENT))


@pytest.fixture(scope="session")
def web_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Path of the web tests' SQLite store (mini KB + hostile document)."""
    path = tmp_path_factory.mktemp("webkb") / "web.db"
    store = minikb.build(path)
    add_evil_document(store)
    store.close()
    return path


@pytest.fixture(scope="session")
def doc_ids() -> dict[str, str]:
    return {**minikb.doc_ids(), "evil": EVIL_ID}


@pytest.fixture(scope="session")
def app(web_db: Path) -> Any:
    from accord.web import create_app

    return create_app(web_db)


@pytest.fixture(scope="session")
def client(app: Any) -> Iterator[Any]:
    from fastapi.testclient import TestClient

    with TestClient(app) as c:
        yield c


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serve(app: Any) -> Iterator[str]:
    """Run ``app`` under uvicorn on a free local port in a thread; yields the base URL."""
    import uvicorn

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def live_server(web_db: Path) -> Iterator[str]:
    """``accord``'s app over the web tests' store, as ``accord serve`` runs it."""
    from accord.web import create_app
    from accord.web.app import LOOPBACK_HOSTS

    with serve(create_app(web_db, allowed_hosts=LOOPBACK_HOSTS)) as url:
        yield url


#: Our own short articles: two outlets report one agreement; a third, two other events.
JUDGE_ARTICLES = {
    "santiago.txt": "Chile and Argentina sign fisheries pact\n\nSantiago, 13 March 2024\n\n"
                    "Chile and Argentina signed a fisheries agreement in Santiago on Tuesday, "
                    "the Chilean foreign ministry said. The accord sets shared quotas for hake "
                    "in the southern channels.\n",
    "buenos-aires.txt": "Andean neighbours agree on hake quotas\n\nBuenos Aires, 14 March 2024"
                        "\n\nArgentina and Chile signed an agreement on fishing quotas on 12 "
                        "March, Argentine officials said. Fishermen's unions in Patagonia "
                        "welcomed the deal.\n",
    "lima.txt": "Fisheries deal draws praise\n\nLima, 15 March 2024\n\nPeru praised the "
                "fisheries agreement that Chile and Argentina signed on 12 March. Separately, "
                "Bolivia accused Chile of blocking its trucks at the border.\n",
}


@pytest.fixture(scope="session")
def judge_built_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The three articles built with ``accord build`` (once; each test copies the file)."""
    import accord

    folder = tmp_path_factory.mktemp("judge-articles")
    for name, text in JUDGE_ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    db = folder.parent / "judge-built.db"
    with accord.open(db) as kb:
        report = kb.build([folder], workers=1)
        assert report.status == "ok", report.to_dict()
    return db


CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian chromium is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--no-first-run"])
        yield b
        b.close()


@contextmanager
def checked_page(browser: Any, base_url: str) -> Iterator[Any]:
    """A fresh page on ``base_url`` that fails the test on any console error,
    script error, failed request or request leaving the local server."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=base_url)
    pg = ctx.new_page()
    errors: list[str] = []
    pg.on("console", lambda m: errors.append(f"console {m.type}: {m.text}")
          if m.type == "error" else None)
    pg.on("pageerror", lambda e: errors.append(f"page error: {e}"))
    pg.on("requestfailed", lambda r: errors.append(f"request failed: {r.url}"))
    pg.route(lambda url: not url.startswith(base_url) and not url.startswith("data:"),
             lambda route: (errors.append(f"external request: {route.request.url}"),
                            route.abort()))
    try:
        yield pg
    finally:
        ctx.close()
    assert not errors, errors


@pytest.fixture
def page(browser: Any, live_server: str) -> Iterator[Any]:
    with checked_page(browser, live_server) as pg:
        yield pg


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
