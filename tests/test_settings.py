"""Settings declared once: built at the edge, validated, passed down to worker processes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import accord
from accord.errors import ConfigError
from accord.settings import Settings, current, threshold_keys, using


def test_unknown_threshold_key_names_the_key_and_the_valid_ones(tmp_path: Path) -> None:
    f = tmp_path / "t.yaml"
    f.write_text("copies:\n  shingle_word: 3\n", encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        Settings(thresholds_file=str(f)).check()
    msg = str(err.value)
    assert msg.startswith(f"{f}: unknown threshold key 'copies.shingle_word' (valid under copies: ")
    assert "shingle_words" in msg and "min_aligned_sentences" in msg


def test_unknown_section_and_misshapen_section(tmp_path: Path) -> None:
    f = tmp_path / "t.yaml"
    f.write_text("copy:\n  shingle_words: 3\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"unknown threshold key 'copy' \(valid: copies, events"):
        Settings(thresholds_file=str(f)).check()
    f.write_text("copies: 3\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="threshold 'copies' must be a mapping"):
        Settings(thresholds_file=str(f)).check()


def test_known_keys_override_one_by_one(tmp_path: Path) -> None:
    f = tmp_path / "t.yaml"
    f.write_text("copies:\n  min_aligned_sentences: 7\n", encoding="utf-8")
    tuned = Settings(thresholds_file=str(f)).thresholds
    shipped = Settings().thresholds
    assert tuned["copies"]["min_aligned_sentences"] == 7
    assert shipped["copies"]["min_aligned_sentences"] != 7
    assert tuned["events"] == shipped["events"]


def test_valid_keys_come_from_the_shipped_file() -> None:
    keys = threshold_keys()
    assert "copies" in keys and "copies.lsh_bands" in keys
    shipped = Settings().thresholds
    assert set(shipped) == {k for k in keys if "." not in k}


def test_from_env_and_overrides(tmp_path: Path) -> None:
    env = {"ACCORD_DB": "x.db", "ACCORD_ACTORS": os.pathsep.join(["a.yaml", "b.yaml"]),
           "ACCORD_LEXICON": ""}
    s = Settings.from_env(env, outlets_file="o.yaml")
    assert (s.db, s.actors_files, s.lexicon_files, s.outlets_file) == \
        ("x.db", ("a.yaml", "b.yaml"), (), "o.yaml")
    with pytest.raises(ConfigError, match=r"unknown setting 'outlet_file' \(valid: .*outlets_file"):
        Settings.from_env(env, outlet_file="o.yaml")
    with pytest.raises(Exception, match="cannot assign"):
        s.db = "y.db"  # type: ignore[misc]


def test_using_restores_the_previous_settings() -> None:
    before = current()
    with using(Settings(db="inner.db")):
        assert current().db == "inner.db"
    assert current() == before


def test_accord_open_uses_the_environments_store(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ACCORD_DB", str(tmp_path / "env.db"))
    with accord.open() as kb:
        assert kb.settings.db == str(tmp_path / "env.db")
        assert kb.store.name.endswith("env.db")
    assert (tmp_path / "env.db").exists()


@pytest.mark.slow
def test_actor_files_reach_worker_processes_without_the_environment(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two workers extract with the build's --actors file; nothing is written to os.environ."""
    monkeypatch.delenv("ACCORD_ACTORS", raising=False)
    actors = tmp_path / "actors.yaml"
    # Only the file knows that "QHA" is this authority (without it the name stays "QHA").
    actors.write_text("organisations:\n  - {name: Quillmoor Harbour Authority, exact: [QHA],"
                      " country: POL, kind: agency}\n", encoding="utf-8")
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(9):
        (folder / f"a{i}.txt").write_text(
            f"Report {i}\n\nThe QHA met officials of Lithuania in "
            f"Vilnius on 3 March 2024 to discuss port number {i}.\n", encoding="utf-8")
    with accord.open(tmp_path / "kb.db") as kb:
        report = kb.build([folder], workers=2, actors_files=[actors])
        assert report.workers == 2 and len(report.added) == 9
        names = {e["name"] for e in kb.entities()}
    assert "Quillmoor Harbour Authority" in names and "QHA" not in names
    assert "ACCORD_ACTORS" not in os.environ
    assert current().actors_files == ()  # the build's settings ended with it
