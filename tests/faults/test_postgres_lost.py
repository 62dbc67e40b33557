"""The PostgreSQL server stops in the middle of a build, then comes back.

Issue 18, failure 3: a 114-line traceback (``AdminShutdown``) and exit 1. Now:
exit 4 and one line, "server unreachable; run the build again to resume"; the
build run after the restart ends exactly as a clean build.
"""

from __future__ import annotations

import subprocess

import pytest

import accord
from tests.engine.snapshot import snapshot
from tests.fixtures.postgres import PostgresServer, _pg_bin

from .conftest import N_DOCS, accord_argv, wait_for


class RestartableServer(PostgresServer):
    """A throw-away cluster of its own that a test may stop and start again."""

    def _ctl(self, *args: str) -> None:
        self._check([str(self.bindir / "pg_ctl"), "-D", str(self.root / "data"), *args],
                    " ".join(args))

    def halt(self) -> None:
        self._ctl("-m", "fast", "-w", "stop")

    def restart(self) -> None:
        opts = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._ctl("-l", str(self.root / "pg.log"), "-w", "-t", "60", "-o", opts, "start")


@pytest.fixture
def own_server():  # type: ignore[no-untyped-def]
    bindir = _pg_bin()
    if bindir is None:
        pytest.skip("PostgreSQL is not installed (run scripts/system-deps.sh)")
    pytest.importorskip("psycopg")
    server = RestartableServer(bindir)
    server.start()
    yield server
    server.stop()


def _stored(url: str) -> int:
    import psycopg

    try:
        with psycopg.connect(url, connect_timeout=2) as conn:
            return conn.execute("SELECT count(*) FROM documents "
                                "WHERE extractor_version IS NOT NULL").fetchone()[0]
    except psycopg.Error:
        return 0


@pytest.mark.slow
@pytest.mark.postgres
def test_server_stopped_mid_build_is_exit_4_and_the_rerun_is_exact(
        own_server, fault_corpus, clean_snapshot, killable):
    url = own_server.create_database("lost")
    proc = subprocess.Popen(accord_argv("build", fault_corpus, "--db", url, "--workers", "1",
                                        "--quiet"),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)
    killable.append(proc)
    wait_for(lambda: _stored(url) >= 3, proc)
    own_server.halt()
    _out, err = proc.communicate(timeout=120)
    assert proc.returncode == 4, err
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) <= 2, err  # the error line (and at most the interrupted-run notice)
    assert "server unreachable; run the build again to resume" in err

    own_server.restart()
    with accord.open(url) as kb:
        stored = len(kb.store.document_ids())
        assert 3 <= stored < N_DOCS
        report = kb.build([fault_corpus], workers=1)
        assert report.status == "ok"
        assert snapshot(kb.store) == clean_snapshot
