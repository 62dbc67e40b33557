"""Hostile HTTP parameters get 4xx answers, never 500, on SQLite and on PostgreSQL.

Issue 18, failure 6: ``offset=9223372036854775808`` answered 500 on nine list
endpoints (an integer overflow in the driver); a NUL byte in any text parameter
answered 500 on PostgreSQL. Failure 10: a chunked 7 MB upload got 400, not 413.
"""

from __future__ import annotations

import logging
import string

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accord.web import create_app
from accord.web.security import MAX_UPLOAD

LISTS = ["/api/documents", "/api/copies", "/api/entities", "/api/events", "/api/timeline",
         "/api/claims", "/api/contradictions", "/api/search?q=Korea", "/documents",
         "/entities", "/events", "/claims", "/search?q=Korea"]
#: Endpoint -> its free-text parameter.
TEXT_PARAMS = [("/api/documents", "q"), ("/api/entities", "q"), ("/api/resolve", "name"),
               ("/api/events", "actor"), ("/api/events", "type"), ("/api/claims", "subject"),
               ("/api/claims", "property"), ("/api/contradictions", "actor"),
               ("/api/search", "q"), ("/api/ask", "q"), ("/api/dyad?b=Poland&", "a"),
               ("/search", "q"), ("/ask", "q"), ("/documents", "q"), ("/entities", "q")]
CONTROL = "".join(chr(c) for c in range(32)) + "\x7f"
FUZZ = settings(max_examples=25, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module",
                params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def client(request):  # type: ignore[no-untyped-def]
    """One app per store for the whole module (the example knowledge base, read-only)."""
    kb = request.getfixturevalue("example_kb" if request.param == "sqlite" else "example_kb_pg")
    logging.getLogger("accord.web").disabled = True
    yield TestClient(create_app(kb.store), raise_server_exceptions=False)
    logging.getLogger("accord.web").disabled = False


def _url(path: str, **params: str) -> str:
    from urllib.parse import urlencode

    sep = "" if path.endswith("&") else ("&" if "?" in path else "?")
    return f"{path}{sep}{urlencode(params)}"


def test_out_of_range_offsets_are_422(client):
    wrong = []
    for path in LISTS:
        for offset in ("9223372036854775808", "99999999999999999999999", "-1", "1e3", "0x10"):
            r = client.get(_url(path, offset=offset))
            if r.status_code != 422:
                wrong.append((path, offset, r.status_code, r.text[:100]))
    assert wrong == []


def test_nul_in_a_text_parameter_is_422(client):
    wrong = []
    for path, param in TEXT_PARAMS:
        r = client.get(_url(path, **{param: "Pol\x00and"}))
        if r.status_code != 422:
            wrong.append((path, param, r.status_code, r.text[:100]))
    assert wrong == []


@FUZZ
@given(offset=st.integers(min_value=-(2 ** 70), max_value=2 ** 70)
       | st.sampled_from([2 ** 63, 2 ** 63 - 1, 2 ** 64, 1_000_001, -(2 ** 63) - 1]),
       limit=st.integers(min_value=1, max_value=500)
       | st.integers(min_value=-(2 ** 40), max_value=2 ** 40))
def test_any_integer_is_an_answer_or_a_422(client, offset, limit):
    for path in ("/api/events", "/api/documents", "/api/entities"):
        r = client.get(_url(path, offset=str(offset), limit=str(limit)))
        ok = 0 <= offset <= 1_000_000 and 1 <= limit <= 500
        assert r.status_code == (200 if ok else 422), (path, offset, limit, r.status_code)


@FUZZ
@given(text=st.text(alphabet=st.characters(codec="utf-8") | st.sampled_from(CONTROL),
                    min_size=1, max_size=60))
def test_any_text_is_an_answer_or_a_4xx(client, text):
    for path, param in TEXT_PARAMS[:11:2]:
        r = client.get(_url(path, **{param: text}))
        assert r.status_code < 500, (path, text, r.status_code, r.text[:200])
        if any(c in CONTROL for c in text):
            assert r.status_code == 422


def test_chunked_upload_over_the_cap_is_413(example_db_path, tmp_path):
    import shutil

    db = tmp_path / "upload.db"
    shutil.copy(example_db_path, db)
    for side in ("-wal", "-shm"):
        if example_db_path.with_name(example_db_path.name + side).exists():
            shutil.copy(example_db_path.with_name(example_db_path.name + side),
                        db.with_name(db.name + side))
    client = TestClient(create_app(db, token="t0k", allow_upload=True),
                        raise_server_exceptions=False)
    boundary = "b0undary"

    def body():  # no Content-Length: the server sees the size only while reading
        yield (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; "
               f"filename=\"big.txt\"\r\nContent-Type: text/plain\r\n\r\n").encode()
        chunk = (string.ascii_letters * 1300).encode()[:65536]
        for _ in range(7 * 1024 * 1024 // len(chunk)):
            yield chunk
        yield f"\r\n--{boundary}--\r\n".encode()

    r = client.post("/api/upload", content=body(),
                    headers={"Authorization": "Bearer t0k",
                             "Content-Type": f"multipart/form-data; boundary={boundary}"})
    assert r.status_code == 413, r.text[:200]
    assert str(MAX_UPLOAD) in r.text
