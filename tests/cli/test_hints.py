"""Hints printed by the CLI must work when pasted into a fresh shell."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from accord.cli.common import accord_command


def _exe(dirpath: Path) -> Path:
    exe = dirpath / "accord"
    exe.write_text("#!/bin/sh\n")
    exe.chmod(0o755)
    return exe


def test_venv_executable_not_on_path_is_named_by_path(tmp_path, monkeypatch):
    venv_bin = tmp_path / ".venv" / "bin"
    venv_bin.mkdir(parents=True)
    exe = _exe(venv_bin)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PATH", "/usr/bin:/bin")
    monkeypatch.setattr(sys, "argv", [str(exe), "demo"])
    assert accord_command() == os.path.join(".venv", "bin", "accord")


def test_executable_on_path_is_plain_accord(tmp_path, monkeypatch):
    exe = _exe(tmp_path)
    monkeypatch.setenv("PATH", f"{tmp_path}:/usr/bin:/bin")
    monkeypatch.setattr(sys, "argv", [str(exe), "demo"])
    assert accord_command() == "accord"


def test_outside_the_working_directory_is_absolute(tmp_path, monkeypatch):
    venv_bin = tmp_path / "env with space" / "bin"
    venv_bin.mkdir(parents=True)
    exe = _exe(venv_bin)
    elsewhere = tmp_path / "work"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    monkeypatch.setenv("PATH", "/usr/bin:/bin")
    monkeypatch.setattr(sys, "argv", [str(exe), "demo"])
    assert accord_command() == f"'{exe}'"


def test_not_run_as_accord_gives_plain_accord(monkeypatch):
    monkeypatch.setattr(sys, "argv", ["pytest"])
    assert accord_command() == "accord"
