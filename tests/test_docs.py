"""The documentation names every setting, environment variable, threshold key, exit code
and CLI command, so that a user can find what the program does.

When one of these fails, document what it names (the message says where).
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
import re
from pathlib import Path

import pytest

import accord
from accord.settings import ENVIRONMENT, Settings, threshold_keys

ROOT = Path(__file__).resolve().parents[1]
SRC = Path(accord.__file__).resolve().parent
DOCS = ROOT / "docs"
SETTINGS_DOC = DOCS / "settings.md"


def _all_docs() -> str:
    return "\n".join(p.read_text(encoding="utf-8")
                     for p in [ROOT / "README.md", *sorted(DOCS.glob("*.md"))])


def _named(text: str, name: str) -> bool:
    return f"`{name}`" in text


def test_every_setting_and_its_variable_is_documented() -> None:
    text = SETTINGS_DOC.read_text(encoding="utf-8")
    fields = [f for f in Settings.__dataclass_fields__]
    missing = [f for f in fields if not _named(text, f)]
    missing += [v for v in ENVIRONMENT if not _named(text, v)]
    assert not missing, f"document these settings in docs/settings.md: {missing}"
    # every setting has its variable
    assert sorted(f for f, _ in ENVIRONMENT.values()) == sorted(fields)


def test_every_environment_variable_the_code_reads_is_documented() -> None:
    """String literals ``ACCORD_*`` anywhere in the package are environment variables."""
    names: set[str] = set()
    for path in SRC.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and \
                    re.fullmatch(r"ACCORD_[A-Z0-9_]+", node.value):
                names.add(node.value)
    assert {"ACCORD_DB", "ACCORD_THRESHOLDS"} <= names  # the scan sees them
    text = SETTINGS_DOC.read_text(encoding="utf-8")
    missing = sorted(n for n in names if not _named(text, n))
    assert not missing, f"document these environment variables in docs/settings.md: {missing}"


def test_every_threshold_key_is_documented() -> None:
    """Keys come from the shipped thresholds.yaml: a key added there must be documented."""
    text = SETTINGS_DOC.read_text(encoding="utf-8")
    keys = threshold_keys()
    assert "copies.min_aligned_sentences" in keys
    missing = [k for k in keys if not _named(text, k)]
    assert not missing, (
        "document these threshold keys in docs/settings.md "
        f"(python scripts/settings_doc.py prints the table): {missing}")


def _exit_codes() -> set[int]:
    """Every exit code the program can end with: error classes and explicit exits."""
    codes = {0, 130}  # success; Ctrl-C (accord.cli.main)
    for mod in pkgutil.walk_packages([str(SRC)], "accord."):
        try:
            module = importlib.import_module(mod.name)
        except ImportError:  # an optional dependency (pyspark...) is not installed
            continue
        for obj in vars(module).values():
            if isinstance(obj, type) and issubclass(obj, BaseException) and \
                    isinstance(getattr(obj, "exit_code", None), int):
                codes.add(obj.exit_code)
    for path in SRC.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and node.args and \
                    isinstance(node.args[0], ast.Constant) and \
                    isinstance(node.args[0].value, int) and \
                    ast.unparse(node.func) in ("sys.exit", "typer.Exit", "SystemExit"):
                codes.add(node.args[0].value)
            if isinstance(node, ast.Call) and ast.unparse(node.func) == "typer.Exit":
                for kw in node.keywords:
                    if kw.arg == "code" and isinstance(kw.value, ast.Constant):
                        codes.add(kw.value.value)
    return codes


def test_every_exit_code_is_documented() -> None:
    store = (DOCS / "store.md").read_text(encoding="utf-8")
    table = store[store.index("### Exit codes"):]
    documented = {int(m) for m in re.findall(r"^\| (\d+) \|", table, flags=re.M)}
    codes = _exit_codes()
    assert {1, 2, 3, 4, 5} <= codes  # the scan sees them
    missing = sorted(codes - documented)
    assert not missing, f"add these exit codes to the table in docs/store.md: {missing}"


def _commands() -> list[str]:
    import typer.main

    from accord.cli import app

    out: list[str] = []

    def walk(cmd: object, prefix: list[str]) -> None:
        subs = getattr(cmd, "commands", None)
        if subs:
            for name, sub in sorted(subs.items()):
                walk(sub, [*prefix, name])
        else:
            out.append(" ".join(prefix))

    walk(typer.main.get_command(app), [])
    return out


@pytest.mark.parametrize("command", _commands())
def test_every_cli_command_is_documented(command: str) -> None:
    assert re.search(rf"accord {re.escape(command)}\b", _all_docs()), (
        f"document `accord {command}` in README.md or docs/*.md")
