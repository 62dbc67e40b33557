"""Damaged SQLite stores: every command says so in one line (exit 4); the web answers 503.

Issue 18, failure 2: with 64 KB of garbage in the middle of the file, five
commands printed a traceback and five answered as if nothing were wrong;
``serve`` answered 500.
"""

from __future__ import annotations

import logging

import pytest
from fastapi.testclient import TestClient

from accord.store.check import check_store
from accord.web import create_app

READS = [("docs",), ("stats",), ("search", "Korea"), ("contradictions",), ("copies",),
         ("ask", "who visited Seoul"), ("timeline",), ("actors",), ("events",),
         ("export", "--format", "json", "-o", "{tmp}/out.json")]


@pytest.mark.parametrize("kind", ["truncated", "middle", "header"])
def test_every_read_command_fails_in_one_line_with_exit_4(kind, damaged_stores, run, tmp_path):
    db = damaged_stores[kind]
    for cmd in READS:
        args = [a.replace("{tmp}", str(tmp_path)) for a in cmd]
        code, out, err = run(*args, "--db", db)
        assert code == 4, (cmd, code, out, err)
        assert "Traceback" not in err + out
        lines = err.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("error: "), (cmd, err)
        assert str(db) in lines[0]
    assert not (tmp_path / "out.json").exists()  # no partial export either


@pytest.mark.parametrize("kind", ["truncated", "middle", "header"])
def test_serve_refuses_a_damaged_store(kind, damaged_stores, run):
    code, _out, err = run("serve", "--db", damaged_stores[kind], "--port", "0")
    assert code == 4 and len(err.strip().splitlines()) == 1, err


@pytest.mark.parametrize("kind", ["truncated", "middle", "header"])
def test_check_reports_the_damage_and_how_to_recover(kind, damaged_stores, run):
    report = check_store(damaged_stores[kind])
    assert not report.ok
    assert "rebuild" in report.advice
    code, out, _err = run("check", "--db", damaged_stores[kind])
    assert code == 4
    assert "NOT sound" in out and "accord build" in out


def test_check_passes_a_sound_store(example_db_path, run):
    report = check_store(example_db_path)
    assert report.ok, report.to_dict()
    assert report.counts["documents"] > 0 and report.schema_version is not None
    code, out, _ = run("check", "--db", example_db_path, "--quick")
    assert code == 0 and "sound" in out


@pytest.mark.parametrize("path", ["/", "/events", "/search?q=Korea", "/ask?q=who",
                                  "/api/events", "/api/documents", "/api/search?q=Korea"])
def test_web_answers_503_on_a_damaged_store(path, damaged_stores):
    logging.getLogger("accord.web").disabled = True
    try:
        client = TestClient(create_app(damaged_stores["middle"]), raise_server_exceptions=False)
        r = client.get(path)
    finally:
        logging.getLogger("accord.web").disabled = False
    assert r.status_code == 503, (path, r.status_code, r.text[:300])
    assert "damaged" in r.text
