"""``accord check``: is a store sound, and if not, how to recover it (see docs/store.md)."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.markup import escape

from .common import DEFAULT_DB, DbOption, console


def register(app: typer.Typer) -> None:
    @app.command("check")
    def check(
        db: DbOption = DEFAULT_DB,
        quick: Annotated[bool, typer.Option(
            "--quick", help="SQLite quick_check instead of the full integrity_check "
                            "(skips index contents; faster on large stores).")] = False,
        as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    ) -> None:
        """Check a store: file integrity, schema version, row counts, server reachability.

        Exit 0 when the store is sound, 4 when it is not (with how to recover).
        """
        from ..store.check import check_store

        report = check_store(db, full=not quick)
        if as_json:
            console.print_json(json.dumps(report.to_dict()))
        else:
            for name, ok, detail in report.checks:
                mark = "[green]ok[/green]  " if ok else "[red]FAIL[/red]"
                console.print(f"{mark} {name}: {escape(detail)}", highlight=False,
                              soft_wrap=True)
            verdict = "sound" if report.ok else "NOT sound"
            console.print(f"{escape(report.store)}: {verdict}; {escape(report.advice)}",
                          highlight=False, soft_wrap=True)
        if not report.ok:
            raise typer.Exit(4)
