"""Killed builds: no process outlives them, and the next build ends as a clean build would.

Issue 18, failure 1: ``kill -9`` or ``kill -TERM`` of ``accord build`` left the
forkserver, both spaCy workers and the resource tracker running under PID 1,
and SIGTERM left the run marked ``running``.
"""

from __future__ import annotations

import os
import signal
import subprocess

import pytest

import accord
from tests.engine.snapshot import snapshot

from .conftest import N_DOCS, accord_argv, children, stored_sqlite, wait_for, wait_gone


def _start(corpus, db, killable):  # type: ignore[no-untyped-def]
    proc = subprocess.Popen(
        accord_argv("build", corpus, "--db", db, "--workers", "2", "--quiet"),
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    killable.append(proc)
    # Both workers up and documents arriving: the pool is in full flow.
    wait_for(lambda: stored_sqlite(db) >= 2 and len(children(proc.pid)) >= 3, proc)
    return proc, children(proc.pid)


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM], ids=["kill-9", "sigterm"])
def test_killed_build_leaves_no_process_and_resumes_exactly(
        sig, fault_corpus, clean_snapshot, tmp_path, killable):
    db = tmp_path / "kb.db"
    proc, helpers = _start(fault_corpus, db, killable)
    assert len(helpers) >= 3  # forkserver (or resource tracker) and two workers
    os.kill(proc.pid, sig)  # the build's own pid only, as `kill` from a shell does
    _out, err = proc.communicate(timeout=60)
    assert wait_gone(helpers) == [], "worker processes outlived the build"
    if sig == signal.SIGTERM:
        assert proc.returncode == 143
        assert "interrupted" in err and "Traceback" not in err
    else:
        assert proc.returncode == -signal.SIGKILL
    at_kill = stored_sqlite(db)
    assert at_kill < N_DOCS, "the build finished before it could be stopped"

    with accord.open(db) as kb:
        runs = kb.store.runs()
        assert runs[0]["status"] == ("interrupted" if sig == signal.SIGTERM else "running")
        report = kb.build([fault_corpus], workers=1)
        assert report.status == "ok"
        assert len(report.added) + len(report.extracted) + len(report.skipped) == N_DOCS
        assert [r["status"] for r in kb.store.runs()][:2] == ["ok", "interrupted"]
        assert snapshot(kb.store) == clean_snapshot
