"""Options and helpers shared by command modules."""

from __future__ import annotations

import os
from typing import Annotated

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


def open_store(db: str, *, create: bool = False):  # type: ignore[no-untyped-def]
    """Open a store for a command; reading commands refuse to create one."""
    from ..store import Store

    return Store(db, create=create)
