"""The CLI in a terminal and in a pipe (issue 16): 80 columns, TSV when piped, joint events
once, --version and -h, bad dates and keys rejected with exit 2, no empty store or lock left."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from rich.console import Console

from tests.query.minikb import mini_ids, mini_store  # noqa: F401  (fixtures)


@pytest.fixture(scope="module")
def db(mini_store):  # type: ignore[no-untyped-def]  # noqa: F811
    return str(mini_store.url.removeprefix("sqlite:///"))


def test_version_and_short_help(run) -> None:  # type: ignore[no-untyped-def]
    import accord

    code, out, _ = run("--version")
    assert code == 0 and out.strip() == f"accord {accord.__version__}"
    code, out, _ = run("-h")
    assert code == 0 and "Usage: accord" in out and "timeline" in out
    code, out, _ = run("timeline", "-h")
    assert code == 0 and "--wide" in out


@pytest.mark.parametrize(("value", "says"), [
    ("2024-13", "'2024-13' has no month 13"),
    ("2024-02-30", "'2024-02-30' is not a day of 2024-02 (1 to 29"),
    ("2023-02-29", "is not a day of 2023-02 (1 to 28"),
    ("last year", "'last year' is not a date"),
])
def test_impossible_dates_are_rejected_with_the_valid_forms(run, db, value, says) -> None:  # type: ignore[no-untyped-def]
    for command in ("timeline", "events", "search"):
        args = [command, "--db", db, "--from", value] + (["tanks"] if command == "search" else [])
        code, _, err = run(*args)
        assert code == 2, (command, err)
        assert says in err and "YYYY, YYYY-MM or YYYY-MM-DD" in err


def test_a_leap_day_is_a_date(run, db) -> None:  # type: ignore[no-untyped-def]
    assert run("timeline", "--db", db, "--from", "2024-02-29")[0] == 0


def test_unknown_threshold_key_and_unknown_option_exit_2(run, db, tmp_path,
                                                        monkeypatch) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "t.yaml"
    bad.write_text("events:\n  merge_scor: 0.9\n", encoding="utf-8")
    monkeypatch.setenv("ACCORD_THRESHOLDS", str(bad))
    code, _, err = run("stats", "--db", db)
    assert code == 2 and "unknown threshold key 'events.merge_scor'" in err
    assert "merge_score" in err  # the valid keys are listed
    monkeypatch.delenv("ACCORD_THRESHOLDS")
    code, _, err = run("timeline", "--db", db, "--frm", "2024")
    assert code == 2 and "--frm" in err and "--from" in err


def test_piped_timeline_is_tsv_and_a_joint_event_names_each_actor_once(run, db) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run("timeline", "--db", db, "--dyad", "Poland", "South Korea")
    assert code == 0
    lines = out.splitlines()
    header = lines[0].split("\t")
    assert header[:4] == ["date", "basis", "type", "quantities"]
    rows = [dict(zip(header, line.split("\t"), strict=True)) for line in lines[1:]]
    assert len(rows) == 4 and "4 events" in err  # the count goes to stderr, not into the TSV
    agree = next(r for r in rows if r["type"] == "AGREE" and r["date"] == "2024-03-04")
    assert agree["actors"] == "Poland <-> South Korea"
    assert agree["basis"] == "relative" and agree["quantities"] == "$2.6 billion"
    assert not any("Poland, South Korea" in r["actors"] for r in rows)


def test_a_table_fits_80_columns_and_wide_keeps_every_column(run, db, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import accord.cli.common as common
    import accord.cli.outputs as outputs

    def terminal() -> io.StringIO:
        buf = io.StringIO()
        con = Console(file=buf, force_terminal=True, width=80, color_system=None)
        monkeypatch.setattr(common, "console", con)
        monkeypatch.setattr(outputs, "console", con)
        return buf

    buf = terminal()
    assert run("timeline", "--db", db, "--dyad", "Poland", "South Korea")[0] == 0
    text = buf.getvalue()
    assert max(len(line) for line in text.splitlines()) <= 80
    assert "<->" in text
    assert "column(s) left out to fit 80 characters: src (--wide shows them)" in text
    buf = terminal()
    assert run("timeline", "--db", db, "--dyad", "Poland", "South Korea", "--wide")[0] == 0
    assert "left out" not in buf.getvalue() and " src " in buf.getvalue()


def test_a_failed_first_build_leaves_no_store_and_a_build_no_lock(run, tmp_path: Path,
                                                                 examples_dir: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "empty").mkdir()
    db = tmp_path / "kb.db"
    code, _, err = run("build", tmp_path / "empty", "--db", db)
    assert code == 3 and "no articles found" in err
    assert not list(tmp_path.glob("kb.db*"))
    one = tmp_path / "one"
    one.mkdir()
    (one / "a.txt").write_text((examples_dir / "04-belarus-accuses.txt").read_text())
    code, _, _ = run("build", one, "--db", db, "--workers", "1", "-q")
    assert code == 0 and db.exists()
    assert not [p.name for p in tmp_path.iterdir() if p.name.endswith(".lock")]
    code, _, _ = run("build", tmp_path / "empty", "--db", db, "-q")  # an existing store stays
    assert code == 3 and db.exists()


def test_serve_on_a_busy_port_says_so_before_announcing(run, db) -> None:  # type: ignore[no-untyped-def]
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        code, out, err = run("serve", "--db", db, "--port", port)
    assert code == 2 and f"127.0.0.1:{port} is in use" in err and "--port" in err
    assert "serving" not in out and "Traceback" not in err


def test_install_hint_fits_this_installation() -> None:
    import sys

    from accord.install import install_hint, source_checkout

    hint = install_hint("ftm")
    assert hint.startswith(f"{sys.executable} -m pip install")
    root = source_checkout()
    assert hint.endswith(f"-e '{root}[ftm]'" if root else "'accord[ftm]'")
