"""Huge, repetitive, tiny and unreadable inputs (issue 18, failures 4, 9 and 10).

Texts are invented here. Limits are lowered through a thresholds file
(``ACCORD_THRESHOLDS``), as a user would tune them.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

import accord
from accord.settings import Settings, using

from .conftest import accord_argv, unprivileged

SENTENCES = [
    "Poland and South Korea signed a contract for {n} howitzers in Warsaw on March {d}, 2024.",
    "The Polish defence minister said the first deliveries of batch {n} would start in {y}.",
    "Seoul agreed to open a maintenance centre near Krakow, officials said on May {d}, 2024.",
    "Lithuania asked Germany for {n} more air defence systems before the summer of {y}.",
]


def varied_text(n: int) -> str:
    """``n`` different sentences in paragraphs of four (no two alike)."""
    out = []
    for i in range(n):
        out.append(SENTENCES[i % 4].format(n=10 + i, d=1 + i % 27, y=2025 + i % 5))
        if i % 4 == 3:
            out.append("\n\n")
    return "Arms deals in the east\n\n" + " ".join(out).replace(" \n\n ", "\n\n")


@pytest.fixture
def thresholds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    def write(**ingest: object) -> Path:
        path = tmp_path / "limits.yaml"
        path.write_text("ingest:\n" + "".join(f"  {k}: {v}\n" for k, v in ingest.items()))
        monkeypatch.setenv("ACCORD_THRESHOLDS", str(path))
        return path

    return write


def test_a_huge_text_is_truncated_and_reported(tmp_path, run, thresholds):
    thresholds(max_article_chars=3000, long_document_bytes=2000)
    big = tmp_path / "in" / "huge.txt"
    big.parent.mkdir()
    big.write_text(varied_text(120))
    assert big.stat().st_size > 9000
    code, _out, err = run("build", big.parent, "--db", tmp_path / "kb.db", "--workers", "1")
    assert code == 0, err
    assert f"long document: {big}" in err
    assert f"truncated: {big}: kept the first" in err
    with accord.open(tmp_path / "kb.db", read_only=True) as kb:
        (doc,) = kb.store.list_documents()
        original = kb.store.load_document(doc["id"]).original
    assert 2700 <= len(original) <= 3000 and original.endswith("\n\n")
    assert big.read_text().startswith(original)


@pytest.mark.slow
def test_a_document_over_its_time_budget_is_skipped_and_reported(tmp_path, run, thresholds):
    # ~40,000 words (6 s or more of extraction even on an idle machine) for the long
    # text, ~0.1 s for the short one: the budget stops the first (in its batch, then
    # alone; checked between pipeline steps) and not the second. (800 sentences
    # finished inside the batch's 2 s on an idle machine.) The budget bounds the time.
    thresholds(document_seconds=1)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "long.txt").write_text(varied_text(3000))
    (tmp_path / "in" / "short.txt").write_text(varied_text(3))
    code, out, err = run("build", tmp_path / "in", "--db", tmp_path / "kb.db", "--workers", "1")
    assert code == 1, out + err
    assert "long.txt: extraction took longer than 1 s; skipped" in err
    assert "1 documents added" in out


def _event_sentences(text: str) -> int:
    from accord.engine.local import drop_repeats
    from accord.extract import extract
    from accord.ingest import read_text

    doc = read_text(text, "repeats.txt")
    with using(Settings.from_env()):
        ex = extract(doc)
    limit = 3
    kept = drop_repeats(ex, limit)
    return len({e.sentence_index for e in kept.events})


def test_repeated_sentences_give_events_for_their_first_occurrences_only():
    line = "Poland and Germany signed a trade agreement in Berlin on Monday, officials said."
    other = "France condemned the missile test by North Korea on May 2, 2024."
    text = "Trade talks\n\n" + " ".join([line] * 8 + [other])
    # eight times the same statement: three occurrences keep their events, the new one stays
    assert _event_sentences(text) == 4
    # numbers aside, near-identical sentences count as repeats too
    numbered = " ".join(line.replace("Monday", f"March {i}") for i in range(1, 9))
    assert _event_sentences("Trade talks\n\n" + numbered) == 3


@pytest.mark.parametrize("text", [
    "Poland and Germany sign a new trade accord in Berlin on Monday\n",
    "{Poland and Germany signed a new trade accord in Berlin on Monday.}\n",
    "Japan and India agree to expand naval drills in the Indian Ocean",
])
def test_a_one_line_item_is_an_article(text, tmp_path):
    from accord.ingest import read_document

    path = tmp_path / "brief.txt"
    path.write_text(text)
    doc = read_document(path)
    assert doc.clean == text.strip()
    assert doc.original == text and doc.title == text.strip()


def test_unreadable_inputs_are_skipped_and_reported_with_exit_1(open_dir):
    folder = open_dir / "in"
    (folder / "locked").mkdir(parents=True)
    (folder / "locked" / "hidden.txt").write_text(varied_text(2))
    (folder / "good.txt").write_text(varied_text(2))
    (folder / "secret.txt").write_text(varied_text(3))
    (folder / "bad\nname.txt").write_text("")
    (folder / "locked").chmod(0o000)
    (folder / "secret.txt").chmod(0o000)
    open_dir.chmod(0o777)
    res = subprocess.run(
        unprivileged(accord_argv("build", folder, folder / "secret.txt", "--db",
                                 open_dir / "kb.db", "--workers", "1", "--quiet")),
        capture_output=True, text=True, timeout=300)
    assert res.returncode == 1, (res.returncode, res.stdout[-2000:], res.stderr[-2000:])
    lines = res.stderr.strip().splitlines()
    assert f"skipped: {folder / 'locked'}: cannot list folder (Permission denied); skipped" \
        in lines
    assert f"skipped: {folder / 'secret.txt'}: permission denied" in lines
    assert f"skipped: {folder}/bad\\nname.txt: empty file" in lines
    assert len(lines) == 3  # secret.txt, named and found in its folder, is reported once


def test_a_store_in_a_read_only_folder_reads_and_serves(example_db_path, open_dir):
    import sqlite3

    ro = open_dir / "ro"
    ro.mkdir()
    a, b = sqlite3.connect(f"file:{example_db_path}?mode=ro", uri=True), \
        sqlite3.connect(ro / "kb.db")
    a.backup(b)
    b.execute("PRAGMA journal_mode=WAL")  # as accord writes it
    a.close()
    b.close()  # the last connection removes -wal and -shm
    assert sorted(p.name for p in ro.iterdir()) == ["kb.db"]
    ro.chmod(0o555)
    for cmd in (("docs",), ("search", "Seoul"), ("check",)):
        res = subprocess.run(unprivileged(accord_argv(*cmd, "--db", ro / "kb.db")),
                             capture_output=True, text=True, timeout=120)
        assert res.returncode == 0, (cmd, res.stderr)
    serve = ("import sys; from fastapi.testclient import TestClient; "
             "from accord.web import create_app; "
             "c = TestClient(create_app(sys.argv[1])); "
             "print(c.get('/api/stats').status_code, c.get('/').status_code)")
    res = subprocess.run(unprivileged([accord_argv()[0], "-c", serve, str(ro / "kb.db")]),
                         capture_output=True, text=True, timeout=120)
    assert res.stdout.split() == ["200", "200"], res.stderr[-500:]
    assert sorted(p.name for p in ro.iterdir()) == ["kb.db"]  # nothing written beside it
