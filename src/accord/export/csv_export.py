"""CSV: one file per table, lists as ``;``-separated ids and nested values as JSON.

Tables written: documents (without the texts), sentences, entities, mentions (entity
mentions), events, event_actors, event_mentions, claims, claim_mentions,
contradictions. Columns are the store's; spreadsheets open them directly.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..query.tables import table_columns, table_rows
from . import ExportError

if TYPE_CHECKING:
    from ..store import Store

_SKIP = {"documents": {"original_text", "clean_text", "offset_map"}}
TABLES = ("documents", "sentences", "entities", "mentions", "events", "event_actors",
          "event_mentions", "claims", "claim_mentions", "contradictions")


def _cell(v: Any) -> Any:
    if isinstance(v, list) and all(isinstance(x, str) for x in v):
        return "; ".join(v)
    if isinstance(v, list | dict):
        return json.dumps(v, ensure_ascii=False)
    return "" if v is None else v


def write(store: Store, out: Path) -> Path:
    if out.exists() and not out.is_dir():
        raise ExportError(f"{out}: exists and is not a directory (csv writes one file per table)")
    out.mkdir(parents=True, exist_ok=True)
    for name in TABLES:
        skip = _SKIP.get(name, set())
        with open(out / f"{name}.csv", "w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh)
            w.writerow(table_columns(name, skip))
            for row in table_rows(store, name, skip):
                w.writerow([_cell(v) for v in row])
    return out
