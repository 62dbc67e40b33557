"""Tables that fit the terminal, and plain TSV when the output is not a terminal.

A command describes its columns once (:class:`Column`: header, priority, how
wide at least, how to render a row) and calls :func:`show`:

* on a terminal, a Rich table as wide as the terminal: when the columns do not
  fit at their minimum widths, the least important go first (``--wide`` keeps
  them all and lets the table run past the edge);
* piped or redirected, one tab-separated line per row with a header line, so
  ``accord timeline | cut -f1,3`` and spreadsheets work (``--json`` for the
  full records).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

__all__ = ["Column", "WideOption", "show", "fit", "tsv_cell", "footer"]

WideOption = Annotated[bool, typer.Option(
    "--wide", help="Keep every column, however narrow the terminal (tables only).")]

#: Characters a table spends per column on borders and padding.
_PER_COLUMN = 3


@dataclass
class Column:
    """One column: ``cell(row)`` renders it; ``plain(row)`` is its TSV value.

    ``priority`` 1 is kept longest; ``min_width`` is the narrowest it may be
    drawn; ``ratio`` shares the spare width as in :class:`rich.table.Table`.
    """

    header: str
    cell: Callable[[dict[str, Any]], str | Text]
    priority: int = 1
    min_width: int = 8
    ratio: int | None = None
    no_wrap: bool = False
    justify: str = "left"
    plain: Callable[[dict[str, Any]], Any] | None = None
    options: dict[str, Any] = field(default_factory=dict)
    #: False: a TSV-only column (a value a table shows inside another column).
    terminal: bool = True


def fit(columns: Sequence[Column], width: int) -> list[Column]:
    """The columns to draw in ``width`` characters: drop the lowest priority first."""
    kept = list(columns)
    while len(kept) > 1 and sum(c.min_width + _PER_COLUMN for c in kept) + 1 > width:
        worst = max(range(len(kept)), key=lambda i: (kept[i].priority, i))
        del kept[worst]
    return kept


def tsv_cell(value: Any) -> str:
    """A value on one TSV cell: no tabs or line breaks, None as empty."""
    if value is None:
        return ""
    text = value.plain if isinstance(value, Text) else str(value)
    return " ".join(text.split())


def show(console: Console, rows: Sequence[dict[str, Any]], columns: Sequence[Column], *,
         title: str | None = None, wide: bool = False) -> None:
    """Print ``rows`` as a table fitted to the terminal, or as TSV when not a terminal."""
    if not console.is_terminal:
        if title:
            footer(title)
        out = console.file  # written as is: Rich would expand the tabs
        out.write("\t".join(c.header for c in columns) + "\n")
        for r in rows:
            out.write("\t".join(tsv_cell(c.plain(r) if c.plain else c.cell(r))
                                for c in columns) + "\n")
        return
    columns = [c for c in columns if c.terminal]
    drawn = list(columns) if wide else fit(columns, console.width)
    t = Table(title=title, show_lines=True, expand=not wide, title_justify="left")
    for c in drawn:
        t.add_column(c.header, ratio=c.ratio, min_width=c.min_width, no_wrap=c.no_wrap,
                     justify=c.justify, **c.options)  # type: ignore[arg-type]
    for r in rows:
        t.add_row(*[c.cell(r) for c in drawn])
    if wide:
        console.print(t, crop=False, soft_wrap=True)
    else:
        console.print(t)
    hidden = [c.header for c in columns if c not in drawn]
    if hidden:
        console.print(f"[dim]{len(hidden)} column(s) left out to fit {console.width} "
                      f"characters: {', '.join(hidden)} (--wide shows them)[/dim]",
                      highlight=False)


def footer(text: str) -> None:
    """A count or hint after a table: dim on a terminal, on stderr when piped (TSV stays clean)."""
    from .common import console, err_console

    target = console if console.is_terminal else err_console
    target.print(f"[dim]{text}[/dim]", highlight=False)
