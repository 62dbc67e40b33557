"""``accord serve`` and the token-protected upload."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.web.conftest import free_port

#: The installed ``accord`` script next to this Python.
ACCORD = [str(Path(sys.executable).with_name("accord"))]


def run(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*ACCORD, *args], capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, "NO_COLOR": "1", "COLUMNS": "120"})


def test_serve_help_lists_options():
    r = run("serve", "--help")
    assert r.returncode == 0
    for opt in ("--db", "--host", "--port", "--token", "--allow-upload", "--allow-judge"):
        assert opt in r.stdout
    assert "127.0.0.1" in r.stdout


def test_serve_refuses_uploads_on_a_public_address_without_token(web_db):
    r = run("serve", "--db", str(web_db), "--host", "0.0.0.0", "--allow-upload")
    assert r.returncode == 2
    assert "need --token" in r.stderr
    r = run("serve", "--db", str(web_db), "--host", "0.0.0.0", "--allow-judge")
    assert r.returncode == 2
    assert "judgements on a non-local address need --token" in r.stderr


def test_serve_refuses_a_missing_store(tmp_path):
    r = run("serve", "--db", str(tmp_path / "nothing.db"))
    assert r.returncode == 4 and "no such store" in r.stderr.lower()


def _get(url: str, headers: dict[str, str] | None = None) -> tuple[int, bytes]:
    req = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=5) as resp:
            return resp.status, resp.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def test_serve_runs_read_only_on_localhost(web_db):
    port = free_port()
    proc = subprocess.Popen([*ACCORD, "serve", "--db", str(web_db), "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                status, body = _get(base + "/api/stats")
                break
            except (urllib.error.URLError, ConnectionError):
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise AssertionError(proc.stderr.read() if proc.stderr else "no server") \
                        from None
                time.sleep(0.2)
        assert status == 200 and b'"events":10' in body
        assert _get(base + "/api/stats", {"Host": "rebound.example"})[0] == 400
        req = urllib.request.Request(base + "/api/upload", data=b"x", method="POST")
        try:
            urllib.request.urlopen(req, timeout=5)
            raise AssertionError("upload accepted")
        except urllib.error.HTTPError as exc:
            assert exc.code == 403
    finally:
        proc.terminate()
        out, _err = proc.communicate(timeout=10)  # reads and closes both pipes
    assert "read-only" in out and f"127.0.0.1:{port}" in out


ARTICLE = b"""Warsaw, 3 April 2024

Poland and South Korea signed an agreement on artillery training on Tuesday, the
Polish defence ministry said. The ministers met in Warsaw.
"""


@pytest.mark.slow
def test_upload_needs_the_token_and_adds_the_article(web_db, tmp_path):
    from fastapi.testclient import TestClient

    from accord.web import create_app

    db = tmp_path / "upload.db"
    shutil.copy(web_db, db)
    with TestClient(create_app(db, token="s3cret", allow_upload=True)) as c:
        files = {"file": ("../../etc/new article.txt", ARTICLE, "text/plain")}
        assert c.post("/api/upload", files=files).status_code == 401
        assert c.post("/api/upload", files=files,
                      headers={"Authorization": "Bearer wrong"}).status_code == 401
        bad = {"file": ("run.sh", b"echo hi", "text/plain")}
        r = c.post("/api/upload", files=bad, headers={"X-Accord-Token": "s3cret"})
        assert r.status_code == 415
        r = c.post("/api/upload", files=files, headers={"Authorization": "Bearer s3cret"})
        assert r.status_code == 201, r.text
        (outcome,) = r.json()["documents"]
        assert outcome["status"] == "added" and outcome["source"] == "new-article.txt"
        doc = c.get(f"/api/documents/{outcome['document_id']}").json()
        assert "artillery training" in doc["original_text"]
        assert doc["published"] == "2024-04-03"
        # Adding the same content again is a no-op.
        r = c.post("/api/upload", files=files, headers={"Authorization": "Bearer s3cret"})
        assert r.json()["documents"][0]["status"] == "exists"
    assert not (Path("/etc") / "new article.txt").exists()


@pytest.mark.slow
def test_upload_of_an_unreadable_file_is_a_clear_error(tmp_path):
    from fastapi.testclient import TestClient

    import accord
    from accord.web import create_app

    db = tmp_path / "empty.db"
    accord.open(db).close()
    with TestClient(create_app(db, token="t", allow_upload=True)) as c:
        r = c.post("/api/upload", files={"file": ("blank.txt", b" \n \n", "text/plain")},
                   headers={"Authorization": "Bearer t"})
        assert r.status_code == 400 and r.json()["detail"] == "empty file"
        r = c.post("/api/upload", files={"file": ("bin.txt", bytes(range(256)) * 20,
                                                  "text/plain")},
                   headers={"Authorization": "Bearer t"})
        assert r.status_code == 422 and r.json()["detail"].startswith("bin.txt: ")
