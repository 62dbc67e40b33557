"""``accord build/add/docs/show/stats``: output and the exit codes scripts rely on."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from accord.cli import main
from tests.engine.corpus import article, write_corpus


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    write_corpus(tmp_path / "in", 3)
    return tmp_path / "in"


def test_build_then_docs_show_stats(run, corpus, tmp_path):
    db = tmp_path / "kb.db"
    code, out, err = run("build", corpus, "--db", db, "--workers", "1")
    assert code == 0, err
    assert "3 documents added, 0 already stored, 0 failed" in out
    assert "store: 3 documents" in out and "contradictions" in out

    code, out, _ = run("docs", "--db", db)
    assert code == 0
    assert "3 documents" in out and "Arms talks number 1 in Seoul" in out
    assert "2024-03-02" in out  # published date the text states

    code, out, _ = run("docs", "--db", db, "--json")
    import json

    rows = json.loads(out)
    doc_id = next(r["id"] for r in rows if r["title"] == "Arms talks number 1 in Seoul")

    code, out, _ = run("show", doc_id[:8], "--db", db)
    assert code == 0 and "signed an agreement in Seoul" in out
    code, out, _ = run("show", doc_id[:8], "--db", db, "--original")
    assert code == 0 and article(1).strip().splitlines()[0] in out

    code, out, _ = run("stats", "--db", db)
    assert code == 0 and "documents" in out and "recent runs" in out
    code, out, _ = run("stats", "--db", db, "--json")
    assert json.loads(out)["counts"]["documents"] == 3


def test_adding_again_is_a_noop_and_says_so(run, corpus, tmp_path):
    db = tmp_path / "kb.db"
    assert run("build", corpus, "--db", db, "-w", "1")[0] == 0
    code, out, _ = run("add", corpus / "a001.txt", "--db", db)
    assert code == 0
    assert "a001.txt: already stored" in out
    assert "0 documents added, 1 already stored" in out
    code, out, _ = run("add", corpus / "a001.txt", "--db", db, "--quiet")
    assert code == 0 and out == ""


def test_some_bad_files_exit_1_and_name_each_file(run, corpus, tmp_path):
    (corpus / "empty.txt").write_text("")
    (corpus / "binary.txt").write_bytes(b"\x00\x01\x02\xff" * 300)
    code, out, err = run("build", corpus, "--db", tmp_path / "kb.db", "-w", "1")
    assert code == 1
    lines = [ln for ln in err.splitlines() if ln.startswith("skipped:")]
    assert len(lines) == 2
    assert any("empty.txt: " in ln for ln in lines) and any("binary.txt: " in ln for ln in lines)
    assert "3 documents added, 0 already stored, 2 failed" in out


def test_nothing_readable_exits_3(run, tmp_path):
    (tmp_path / "empty.txt").write_text("")
    assert run("add", tmp_path / "empty.txt", "--db", tmp_path / "kb.db")[0] == 3
    code, _, err = run("add", tmp_path / "no-such-dir", "--db", tmp_path / "kb.db")
    assert code == 3 and "no-such-dir" in err


def test_store_errors_exit_4_with_one_line(run, corpus, tmp_path):
    bad = tmp_path / "corrupt.db"
    bad.write_text("definitely not sqlite\n" * 20)
    code, _, err = run("build", corpus, "--db", bad)
    assert code == 4
    assert err.strip().count("\n") == 0 and str(bad) in err and "not an accord store" in err
    a_file = tmp_path / "file"
    a_file.write_text("x")
    code, _, err = run("build", corpus, "--db", a_file / "kb.db")
    assert code == 4 and "is not a directory" in err
    code, _, err = run("add", corpus, "--db", "/proc/kb.db")
    assert code == 4 and "/proc/kb.db: directory /proc is not writable" in err
    code, _, err = run("docs", "--db", tmp_path / "absent.db")
    assert code == 4 and "no such store" in err
    assert not (tmp_path / "absent.db").exists()


def test_unknown_document_exits_5(run, corpus, tmp_path):
    db = tmp_path / "kb.db"
    run("build", corpus, "--db", db, "-w", "1")
    code, _, err = run("show", "ffffffff", "--db", db)
    assert code == 5 and "ffffffff" in err


def test_usage_errors_exit_2_and_help_everywhere(run):
    assert run("build")[0] == 2
    assert run("build", ".", "--workers", "0")[0] == 2
    assert run("build", ".", "--engine", "hadoop")[0] == 2
    assert run("build", ".", "--master", "spark://x:7077")[0] == 2  # needs --engine spark
    for cmd in ("build", "add", "docs", "show", "stats"):
        code, out, _ = run(cmd, "--help")
        assert code == 0 and "Usage" in out and "Exit codes" in out


def test_db_from_environment(run, corpus, tmp_path, monkeypatch):
    monkeypatch.setenv("ACCORD_DB", str(tmp_path / "env.db"))
    monkeypatch.setattr(sys, "argv", ["accord", "add", str(corpus / "a000.txt")])
    with pytest.raises(SystemExit) as info:
        main()
    assert info.value.code in (0, None)
    assert (tmp_path / "env.db").exists()


@pytest.mark.postgres
def test_commands_on_postgresql(run, corpus, pg_fresh_url):
    code, out, err = run("build", corpus, "--db", pg_fresh_url, "-w", "1")
    assert code == 0, err
    assert "3 documents added" in out
    code, out, _ = run("docs", "--db", pg_fresh_url)
    assert code == 0 and "Arms talks number 2 in Krakow" in out
    code, out, _ = run("show", "a002.txt", "--db", pg_fresh_url)
    assert code == 0 and "signed an agreement in Krakow" in out
    assert run("add", corpus, "--db", pg_fresh_url)[0] == 0
    code, out, _ = run("stats", "--db", pg_fresh_url, "--json")
    import json

    stats = json.loads(out)
    assert stats["counts"]["documents"] == 3 and "@127.0.0.1" in stats["store"]


def test_build_the_seed_articles(run, seeds_dir, tmp_path):
    """Issue 3's "done when": the five real seed articles build into five documents."""
    db = tmp_path / "seeds.db"
    code, out, err = run("build", seeds_dir, "--db", db)
    assert code == 0, err
    assert "5 documents added" in out
    code, out, _ = run("docs", "--db", db, "--json")
    import json

    docs = json.loads(out)
    assert len(docs) == 5 and all(d["title"] for d in docs)
    assert sum(1 for d in docs if d["published"]) >= 2


def test_work_dir_needs_the_spark_engine(run, corpus, tmp_path):
    code, out, err = run("build", corpus, "--db", tmp_path / "x.db", "--work-dir", "hdfs://nn/w")
    assert code == 2
    assert "--work-dir needs --engine spark" in out + err
    assert not (tmp_path / "x.db").exists()
