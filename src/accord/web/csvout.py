"""``?format=csv``: any list the API returns, as a CSV file a spreadsheet opens.

The JSON list (``items`` of a page, or a bare list) is flattened one row per
item: nested records become JSON text, lists of names are joined with ``; ``.
Cells a spreadsheet would run as a formula are neutralised as the CSV export
does (:func:`accord.export.safe.neutralise_cell`).
"""

from __future__ import annotations

import csv
import io
import json
from typing import Annotated, Any, Literal

from fastapi import Query

__all__ = ["FormatQ", "format_param", "to_csv"]

FormatQ = Annotated[Literal["json", "csv"], Query(
    description="json (default) or csv: a list as a CSV file (one row per item).")]


def format_param(format: FormatQ = "json") -> str:  # noqa: A002 - the query parameter's name
    """Declares ``format`` on every API route (so the OpenAPI schema documents it)."""
    return format


def _cell(value: Any) -> Any:
    from ..export.safe import neutralise_cell

    if value is None:
        return ""
    if isinstance(value, list) and all(isinstance(x, str) for x in value):
        value = "; ".join(value)
    elif isinstance(value, list | dict):
        value = json.dumps(value, ensure_ascii=False)
    return neutralise_cell(value)


def to_csv(data: Any) -> str | None:
    """CSV text of the list in ``data`` (a page's ``items`` or a list), or None if none."""
    items = data.get("items") if isinstance(data, dict) else data
    if not isinstance(items, list):
        return None
    columns: list[str] = []
    for it in items:
        for k in it if isinstance(it, dict) else ["value"]:
            if k not in columns:
                columns.append(k)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(columns)
    for it in items:
        row = it if isinstance(it, dict) else {"value": it}
        w.writerow([_cell(row.get(c)) for c in columns])
    return buf.getvalue()
