"""The ``accord`` command: a thin shell over the library.

Each module in this package registers one group of commands on :data:`app`
with a ``register(app)`` function; none holds logic of its own beyond parsing
arguments, calling the library and printing.
"""

from __future__ import annotations

import importlib
import sys

import typer
from rich.markup import escape

from ..errors import AccordError
from .common import console, err_console

app = typer.Typer(
    name="accord",
    help="Turn international-relations articles into a sourced, dated knowledge base.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

#: Command modules, in the order their commands appear in --help.
MODULES = ("ingest", "actors", "events", "reconcile", "outputs", "serve", "scale")

for _mod in MODULES:
    try:
        module = importlib.import_module(f"{__name__}.{_mod}")
    except ModuleNotFoundError as exc:  # a command group not written yet
        if exc.name != f"{__name__}.{_mod}":
            raise
        continue
    module.register(app)


def main() -> None:
    """Entry point: turn library errors into one-line messages and exit codes.

    Click/Typer handles usage errors (exit 2), ``--help`` and ``typer.Exit``
    in standalone mode; accord's own errors carry their exit code.
    """
    try:
        app()
    except AccordError as exc:
        err_console.print(f"[red]error:[/red] {escape(str(exc))}", highlight=False,
                          soft_wrap=True)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        err_console.print("interrupted")
        sys.exit(130)


__all__ = ["app", "main", "console"]
