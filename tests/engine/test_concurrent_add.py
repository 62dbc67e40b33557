"""Two ``accord add`` processes writing one store at once lose and duplicate nothing."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest
from sqlalchemy import func, select

from accord.store import Store
from accord.store import schema as S

from .corpus import write_corpus
from .snapshot import snapshot


def _add_cmd(folder, url: str) -> list[str]:  # type: ignore[no-untyped-def]
    return [sys.executable, "-c", "from accord.cli import main; main()",
            "add", str(folder), "--db", url, "--workers", "1", "--quiet"]


@pytest.mark.slow
def test_two_concurrent_adds(store_url, tmp_path):
    every = write_corpus(tmp_path / "all", 40)
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    for i, p in enumerate(every):  # overlapping halves: 0-27 and 12-39
        if i < 28:
            shutil.copy(p, a / p.name)
        if i >= 12:
            shutil.copy(p, b / p.name)
    Store(store_url).close()
    procs = [subprocess.Popen(_add_cmd(f, store_url), stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for f in (a, b)]
    for p in procs:
        _, err = p.communicate(timeout=600)
        assert p.returncode == 0, err

    with Store(store_url) as s, s.connect() as conn:
        got = snapshot(s)
        assert len(got["documents"]) == 40
        assert got["unreconciled"] == 0
        assert all(d[3] is not None for d in got["documents"])  # all extracted
        for name in ("sentences", "mentions", "event_mentions", "claim_mentions"):
            assert len(got[name]) == len(set(got[name])), f"duplicate {name}"
        runs = conn.execute(select(S.runs.c.status, func.count()).group_by(S.runs.c.status))
        assert dict(runs.all()) == {"ok": 2}

    # record for record, the same as one sequential build
    with Store(tmp_path / "seq.db") as seq:
        from accord.engine import build

        build(seq, [tmp_path / "all"], workers=1)
        want = snapshot(seq)
    for key in ("documents", "sentences", "mentions", "event_mentions", "claim_mentions"):
        if key == "documents":  # copy_of may depend on arrival order
            assert [d[:4] for d in got[key]] == [d[:4] for d in want[key]]
        else:
            assert got[key] == want[key], key
