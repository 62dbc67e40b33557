"""CSV: one file per table, lists as ``;``-separated ids and nested values as JSON.

Tables written: documents (without the texts), sentences, entities, mentions (entity
mentions), events, event_actors, event_mentions, claims, claim_mentions,
contradictions. Columns are the store's; spreadsheets open them directly.

Text cells that a spreadsheet would run as a formula (starting with ``= + - @``,
tab or CR) get a leading apostrophe (OWASP); ``raw=True`` (``--raw-csv``)
writes values unchanged for programs. See :mod:`accord.export.safe`.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..query.tables import table_columns, table_rows
from . import ExportError
from .safe import atomic_path, neutralise_cell

if TYPE_CHECKING:
    from ..store import Store

_SKIP = {"documents": {"original_text", "clean_text", "offset_map"}}
TABLES = ("documents", "sentences", "entities", "mentions", "events", "event_actors",
          "event_mentions", "claims", "claim_mentions", "contradictions")


def _cell(v: Any, raw: bool = False) -> Any:
    if isinstance(v, list) and all(isinstance(x, str) for x in v):
        v = "; ".join(v)
    elif isinstance(v, list | dict):
        v = json.dumps(v, ensure_ascii=False)
    return "" if v is None else v if raw else neutralise_cell(v)


def write(store: Store, out: Path, raw: bool = False) -> Path:
    if out.exists() and not out.is_dir():
        raise ExportError(f"{out}: exists and is not a directory (csv writes one file per table)")
    out.mkdir(parents=True, exist_ok=True)
    for name in TABLES:
        skip = _SKIP.get(name, set())
        with atomic_path(out / f"{name}.csv") as tmp, \
                open(tmp, "w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh)
            w.writerow(table_columns(name, skip))
            for row in table_rows(store, name, skip):
                w.writerow([_cell(v, raw) for v in row])
    return out


#: The names other modules use; everything else here is internal.
__all__ = [
    "TABLES",
    "write",
]
