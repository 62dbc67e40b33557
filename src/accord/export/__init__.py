"""Exports of a store: the ``accord/v1`` JSON contract, CSV tables, GraphML/GEXF
networks, FollowTheMoney entities (Aleph) and a CAMEO-style event table.

``export(store, format, path)`` writes ``path`` (a directory for ``csv``) and
returns it; with ``path=None`` it returns the content (a dict for ``json``,
a string for the text formats, a directory is required for ``csv``).

Files are written to a temporary name and renamed into place, so a failed
export leaves no partial file; CSV cells are neutralised against spreadsheet
formula injection unless ``raw_csv`` (see :mod:`accord.export.safe`).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import AccordError

if TYPE_CHECKING:
    from ..store import Store

FORMATS = ("json", "csv", "graphml", "gexf", "ftm", "cameo")
#: Default file name per format, used by the CLI when no ``-o`` is given.
DEFAULT_NAMES = {"json": "accord.json", "csv": "accord-csv", "graphml": "accord.graphml",
                 "gexf": "accord.gexf", "ftm": "accord.ftm.json", "cameo": "accord-events.tsv"}


class ExportError(AccordError):
    exit_code = 2


def export(store: Store, format: str, path: str | os.PathLike[str] | None = None, *,
           raw_csv: bool = False) -> Any:
    fmt = format.lower()
    if fmt not in FORMATS:
        raise ExportError(f"--format: unknown export format {format!r} "
                          f"(choose from {', '.join(FORMATS)})")
    out = Path(path) if path is not None else None
    if out is not None and fmt != "csv" and out.parent and not out.parent.exists():
        raise ExportError(f"{out}: directory {out.parent} does not exist")
    if out is not None and fmt != "csv" and out.is_dir():
        raise ExportError(f"{out}: is a directory (give a file name)")
    if out is not None and fmt != "csv":
        from .safe import atomic_path

        with atomic_path(out) as tmp:
            _export(store, fmt, tmp, raw_csv)
        return out
    return _export(store, fmt, out, raw_csv)


def _export(store: Store, fmt: str, out: Path | None, raw_csv: bool) -> Any:
    if fmt == "json":
        from .json_export import to_dict, write

        return write(store, out) if out else to_dict(store)
    if fmt == "csv":
        from .csv_export import write

        if out is None:
            raise ExportError("csv export writes one file per table: give a directory with -o")
        return write(store, out, raw=raw_csv)
    if fmt in ("graphml", "gexf"):
        from .graph import write

        return write(store, fmt, out)
    if fmt == "ftm":
        from .ftm import write

        return write(store, out)
    from .cameo import write

    return write(store, out)


__all__ = ["FORMATS", "DEFAULT_NAMES", "ExportError", "export"]
