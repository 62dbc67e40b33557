"""A build killed with SIGKILL half-way leaves a consistent store; the next build resumes."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

import accord

from .corpus import write_corpus
from .snapshot import snapshot

N_DOCS = 120


def _stored(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    except sqlite3.Error:
        return 0  # store not created yet


def _accord(*args: str) -> list[str]:
    return [sys.executable, "-c", "from accord.cli import main; main()", *args]


@pytest.mark.slow
def test_sigkill_mid_build_then_rebuild_equals_clean_build(tmp_path):
    corpus = tmp_path / "in"
    write_corpus(corpus, N_DOCS)
    db = tmp_path / "killed.db"
    proc = subprocess.Popen(
        _accord("build", str(corpus), "--db", str(db), "--workers", "1", "--quiet"),
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
    )
    deadline = time.monotonic() + 240
    try:
        while _stored(db) < 5:
            assert proc.poll() is None, proc.communicate()
            assert time.monotonic() < deadline, "build stored nothing in time"
            time.sleep(0.01)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()  # reaps it and closes the pipes (unclosed pipes warn)
    assert proc.returncode == -signal.SIGKILL
    at_kill = _stored(db)
    assert 5 <= at_kill < N_DOCS, "the build finished before it could be killed"

    with accord.open(db) as kb:
        # consistent: every stored document is complete (records written with it)
        half = snapshot(kb.store)
        assert all(d[3] is not None for d in half["documents"])
        assert {s[0] for s in half["sentences"]} == {d[0] for d in half["documents"]}
        assert kb.store.runs()[0]["status"] == "running"
        report = kb.build([corpus], workers=1)
        assert report.status == "ok"
        assert len(report.skipped) == at_kill and len(report.added) == N_DOCS - at_kill
        assert [r["status"] for r in kb.store.runs()][:2] == ["ok", "interrupted"]
        resumed = snapshot(kb.store)
    with accord.open(tmp_path / "clean.db") as clean:
        clean.build([corpus], workers=1)
        assert resumed == snapshot(clean.store)


@pytest.mark.slow
def test_ctrl_c_exits_130_and_marks_the_run_interrupted(tmp_path):
    corpus = tmp_path / "in"
    write_corpus(corpus, N_DOCS)
    db = tmp_path / "kb.db"
    proc = subprocess.Popen(
        _accord("build", str(corpus), "--db", str(db), "--workers", "1"),
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    deadline = time.monotonic() + 240
    while _stored(db) < 3:
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline
        time.sleep(0.01)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err
    assert "interrupted" in err and "Traceback" not in err
    with accord.open(db) as kb:
        assert kb.store.runs()[0]["status"] == "interrupted"
        half = snapshot(kb.store)
        assert {s[0] for s in half["sentences"]} == {d[0] for d in half["documents"]}
        assert 3 <= len(half["documents"]) < N_DOCS
