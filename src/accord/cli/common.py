"""Options and helpers shared by command modules."""

from __future__ import annotations

import os
import shlex
import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated, Any

import typer
from rich.console import Console

console = Console()
err_console = Console(stderr=True)

DbOption = Annotated[
    str,
    typer.Option(
        "--db",
        envvar="ACCORD_DB",
        help="Store: a SQLite file path or a postgresql:// URL.",
        show_default=True,
    ),
]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="Print only errors.")]

DEFAULT_DB = os.environ.get("ACCORD_DB", "accord.db")

#: Exit codes every command uses; scripts may rely on them (see docs/store.md).
EXIT_CODES = """Exit codes: 0 success; 1 finished, but some inputs failed and were skipped;
2 usage error or bad user data file; 3 input error (nothing could be read);
4 store error (cannot open or write the store); 5 not found; 130 interrupted."""


def open_store(db: str, *, create: bool = False, read_only: bool = False):  # type: ignore[no-untyped-def]
    """Open a store for a command; reading commands refuse to create one.

    A reading command on a store written by an older accord migrates it first
    (migrations are transactional), rather than sending the user elsewhere.
    """
    from ..errors import StoreError
    from ..store import Store

    try:
        store = Store(db, create=create and not read_only, read_only=read_only)
    except StoreError as exc:
        if not read_only or "is older than this accord" not in str(exc):
            raise
        Store(db, create=False).close()  # runs the migrations
        store = Store(db, create=False, read_only=True)
    _verify(store)
    return store


def _verify(store: Any) -> None:
    """A damaged SQLite file fails here (exit 4), not half-way through a listing that
    happened to miss the bad pages (see ``store.verify_max_mb`` in thresholds.yaml)."""
    from ..settings import current
    from ..store.check import verify_readable

    limit = float(current().thresholds.get("store", {}).get("verify_max_mb", 256))
    try:
        verify_readable(store, int(limit * 1024 * 1024))
    except BaseException:
        store.close()
        raise


def open_kb(db: str, *, create: bool = False, read_only: bool = False):  # type: ignore[no-untyped-def]
    """Open a :class:`~accord.api.KnowledgeBase` for a command."""
    from ..api import KnowledgeBase

    return KnowledgeBase(open_store(db, create=create, read_only=read_only))


@contextmanager
def progress_bars(quiet: bool) -> Iterator[object | None]:
    """A ``progress(stage, done, total, item)`` callback drawing Rich bars.

    Yields None (no bars) with ``--quiet`` or when stderr is not a terminal, so
    logs and pipes stay clean.
    """
    if quiet or not err_console.is_terminal:
        yield None
        return
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    labels = {"extract": "Reading and extracting", "reconcile": "Reconciling"}
    with Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
        TimeElapsedColumn(), TimeRemainingColumn(), TextColumn("[dim]{task.fields[item]}"),
        console=err_console, transient=False,
    ) as bars:
        tasks: dict[str, Any] = {}

        def progress(stage: str, done: int, total: int, item: str | None) -> None:
            if stage not in tasks:
                tasks[stage] = bars.add_task(labels.get(stage, stage), total=total or None,
                                             item="")
            name = os.path.basename(item) if item else ""
            bars.update(tasks[stage], completed=done, total=total or None, item=name[:40])

        yield progress


def accord_command() -> str:
    """How to type ``accord`` in a fresh shell, so printed hints work when pasted.

    `make demo` runs ``.venv/bin/accord`` without activating the venv: a hint that
    said plain ``accord`` would fail in the user's next shell. When the running
    executable is not the one ``PATH`` finds, the hint names it by path (relative to
    the working directory when it lies below it).
    """
    argv0 = sys.argv[0] if sys.argv and sys.argv[0] else ""
    here = shutil.which(argv0) if argv0 else None
    if not here or os.path.basename(argv0) != "accord":
        return "accord"
    on_path = shutil.which("accord")
    if on_path and os.path.realpath(on_path) == os.path.realpath(here):
        return "accord"
    path = os.path.abspath(here)
    rel = os.path.relpath(path)
    shown = rel if not rel.startswith("..") else path
    if os.sep not in shown:
        shown = os.path.join(".", shown)
    return shlex.quote(shown)


#: The names other modules use; everything else here is internal.
__all__ = [
    "console",
    "err_console",
    "DbOption",
    "QuietOption",
    "DEFAULT_DB",
    "EXIT_CODES",
    "open_store",
    "open_kb",
    "progress_bars",
    "accord_command",
]
