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
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        from .. import __version__

        console.print(f"accord {__version__}", highlight=False)
        raise typer.Exit()


@app.callback()
def _edge(
    ctx: typer.Context,
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                 help="Print the version and exit."),
) -> None:
    """The settings of this command, built once from the environment (see docs/settings.md)."""
    del version
    from ..settings import Settings, activate

    previous = activate(Settings.from_env().check())
    ctx.call_on_close(lambda: activate(previous))

#: Command modules, in the order their commands appear in --help.
MODULES = ("ingest", "actors", "events", "reconcile", "outputs", "serve", "scale", "eval", "check")

for _mod in MODULES:  # every one must exist: a missing module is an error, not a gap
    importlib.import_module(f"{__name__}.{_mod}").register(app)


def main() -> None:
    """Entry point: turn library errors into one-line messages and exit codes.

    Click/Typer handles usage errors (exit 2), ``--help`` and ``typer.Exit``
    in standalone mode; accord's own errors carry their exit code.
    """
    from sqlalchemy.exc import SQLAlchemyError

    from ..engine import lifeline
    from ..errors import store_error

    try:
        with lifeline.sigterm_as_interrupt():  # SIGTERM ends a command like Ctrl-C: exit 143
            try:
                app()
            except SQLAlchemyError as exc:  # a read past the store layer: damaged or lost
                raise store_error(_db_name(), exc) from exc
            except SystemExit:
                if lifeline.terminated():  # Click turned the interrupt into "Aborted!"
                    sys.exit(lifeline.Terminated.exit_code)
                raise
    except AccordError as exc:
        err_console.print(f"[red]error:[/red] {escape(str(exc))}", highlight=False,
                          soft_wrap=True)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt as exc:
        err_console.print("interrupted")
        sys.exit(getattr(exc, "exit_code", 130))


def _db_name() -> str:
    """The store named on the command line (for an error raised outside the store layer)."""
    args = sys.argv[1:]
    for i, a in enumerate(args):
        if a == "--db" and i + 1 < len(args):
            return args[i + 1]
        if a.startswith("--db="):
            return a[5:]
    import os

    return os.environ.get("ACCORD_DB", "accord.db")


__all__ = ["app", "main", "console"]
