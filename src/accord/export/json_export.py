"""The ``accord/v1`` JSON contract (``data/accord-v1.schema.json``)."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..query.tables import contract

if TYPE_CHECKING:
    from ..store import Store

SCHEMA_ID = "accord/v1"


def schema() -> dict[str, Any]:
    """The JSON Schema every export validates against (shipped with the package)."""
    ref = resources.files("accord") / "data" / "accord-v1.schema.json"
    data: dict[str, Any] = json.loads(ref.read_text(encoding="utf-8"))
    return data


def to_dict(store: Store) -> dict[str, Any]:
    """The whole knowledge base as one ``accord/v1`` dict; see :func:`.tables.contract`."""
    return {"schema": SCHEMA_ID, **contract(store)}


def write(store: Store, path: Path) -> Path:
    data = to_dict(store)
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(data, fh, ensure_ascii=False, indent=1)
        fh.write("\n")
    return path


#: The names other modules use; everything else here is internal.
__all__ = [
    "SCHEMA_ID",
    "schema",
    "to_dict",
    "write",
]
