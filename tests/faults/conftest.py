"""Shared pieces of the fault-injection and fuzz suite (issue 18).

Builds run as a user would start them (a subprocess of the ``accord`` command)
when the test kills, stops or starves them; everything else runs in-process.
A clean build of the same small corpus is made once per session, so every
"resumed build equals a clean build" check compares against one snapshot.
"""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.engine.corpus import write_corpus
from tests.engine.snapshot import snapshot

#: Documents in the corpus the kill/stop tests build: enough that a build is
#: still running a few seconds in, few enough that a clean build takes seconds.
N_DOCS = 24


def accord_argv(*args: object) -> list[str]:
    return [sys.executable, "-c", "from accord.cli import main; main()", *map(str, args)]


def children(pid: int) -> list[int]:
    """Every live descendant of ``pid`` (from /proc)."""
    kids: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as fh:
                fields = fh.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        if fields[0] != b"Z":
            kids.setdefault(int(fields[1]), []).append(int(entry))
    out, todo = [], [pid]
    while todo:
        for k in kids.get(todo.pop(), []):
            out.append(k)
            todo.append(k)
    return out


def alive(pids: list[int]) -> list[int]:
    """The pids of ``pids`` still running (zombies count as gone)."""
    out = []
    for p in pids:
        try:
            with open(f"/proc/{p}/stat", "rb") as fh:
                if fh.read().rsplit(b")", 1)[1].split()[0] != b"Z":
                    out.append(p)
        except OSError:
            pass
    return out


def wait_gone(pids: list[int], seconds: float = 15.0) -> list[int]:
    deadline = time.monotonic() + seconds
    left = alive(pids)
    while left and time.monotonic() < deadline:
        time.sleep(0.1)
        left = alive(left)
    return left


def stored_sqlite(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return conn.execute(
                "SELECT count(*) FROM documents WHERE extractor_version IS NOT NULL").fetchone()[0]
    except sqlite3.Error:
        return 0


def wait_for(predicate, proc: subprocess.Popen, seconds: float = 120.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while not predicate():
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, "the build did not get far enough in time"
        time.sleep(0.05)


@pytest.fixture(scope="session")
def fault_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("fault-corpus")
    write_corpus(folder, N_DOCS)
    return folder


@pytest.fixture(scope="session")
def clean_snapshot(fault_corpus: Path, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """The snapshot of an uninterrupted build of :func:`fault_corpus`."""
    import accord

    db = tmp_path_factory.mktemp("fault-clean") / "clean.db"
    with accord.open(db) as kb:
        report = kb.build([fault_corpus], workers=1)
        assert report.status == "ok"
        return snapshot(kb.store)


@pytest.fixture
def killable(request: pytest.FixtureRequest) -> Iterator[list[subprocess.Popen]]:
    """Processes a test starts; any still running at the end are killed with their group."""
    procs: list[subprocess.Popen] = []
    yield procs
    for p in procs:
        if p.poll() is None:
            try:
                os.killpg(p.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        for pipe in (p.stdout, p.stderr):
            if pipe is not None and not pipe.closed:
                pipe.close()  # an unread pipe left open is a ResourceWarning (an error here)
        p.wait()


# -- damaged SQLite files -------------------------------------------------------------
def damage(src: Path, dst: Path, kind: str) -> Path:
    """A copy of ``src`` damaged as ``kind``: truncated, middle (64 KB of garbage) or header."""
    whole = dst.with_suffix(".whole")
    if not whole.exists():  # a consistent single file (the source may hold pages in its WAL)
        with sqlite3.connect(f"file:{src}?mode=ro", uri=True) as a, sqlite3.connect(whole) as b:
            a.backup(b)
            b.execute("PRAGMA journal_mode=DELETE")
    data = bytearray(whole.read_bytes())
    rnd = bytes((i * 151 + 89) % 256 for i in range(65536))  # fixed garbage, no zeros run
    if kind == "truncated":
        data = data[: len(data) // 2]
    elif kind == "middle":
        mid = len(data) // 3
        data[mid:mid + len(rnd)] = rnd[: max(0, min(len(rnd), len(data) - mid))]
    elif kind == "header":
        data[:100] = rnd[:100]
    else:
        raise ValueError(kind)
    dst.write_bytes(bytes(data))
    return dst


@pytest.fixture(scope="session")
def damaged_stores(example_db_path: Path, tmp_path_factory: pytest.TempPathFactory
                   ) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("damaged")
    return {k: damage(example_db_path, folder / f"{k}.db", k)
            for k in ("truncated", "middle", "header")}


# -- file permissions that apply (root passes them all) -------------------------------
def unprivileged(argv: list[str]) -> list[str]:
    """``argv`` run without the power to ignore file permissions.

    As root, the capabilities that bypass them (``CAP_DAC_OVERRIDE``,
    ``CAP_DAC_READ_SEARCH``) are dropped with ``setpriv``; the uid stays, so the
    interpreter under /root still runs. Skips when that is not possible.
    """
    if os.geteuid() != 0:
        return argv
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: permissions cannot be tested")
    caps = "-dac_override,-dac_read_search"
    return [setpriv, f"--bounding-set={caps}", f"--inh-caps={caps}", *argv]


@pytest.fixture
def open_dir() -> Iterator[Path]:
    """A folder every user can enter (pytest's tmp_path is private to root)."""
    path = Path(tempfile.mkdtemp(prefix="accord-faults-", dir="/tmp"))
    path.chmod(0o755)
    yield path
    for root, dirs, _files in os.walk(path):
        for d in dirs:
            os.chmod(os.path.join(root, d), 0o755)
    shutil.rmtree(path, ignore_errors=True)
