"""The PLOVER -> CAMEO crosswalk: roots and intensities from the types table
(``data/lexicon/types.yaml``), question words from ``data/cameo.yaml``; loaded once."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from ..errors import ConfigError
from ..records import PLOVER_TABLE, PLOVER_TYPES


@lru_cache(maxsize=4)
def _load(path: str | None) -> dict[str, dict[str, Any]]:
    if path:
        text, name = Path(path).read_text(encoding="utf-8"), path
    else:
        ref = resources.files("accord") / "data" / "cameo.yaml"
        text, name = ref.read_text(encoding="utf-8"), str(ref)
    try:
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError as exc:
        raise ConfigError(f"{name}: not valid YAML ({exc})") from exc
    out: dict[str, dict[str, Any]] = {}
    for t in PLOVER_TYPES:
        entry = data.get(t) or {}
        if not isinstance(entry, dict):
            raise ConfigError(f"{name}: entry {t} must be a mapping")
        row = PLOVER_TABLE[t]  # the one types table; a user's copy may override
        out[t] = {"cameo": str(entry.get("cameo") or row["cameo"] or "") or None,
                  "goldstein": entry.get("goldstein", row["intensity"]),
                  "words": [str(w).lower() for w in entry.get("words") or []]}
    return out


def crosswalk() -> dict[str, dict[str, Any]]:
    """``{PLOVER type: {cameo, goldstein, words}}``; ``ACCORD_CAMEO_YAML`` overrides the file."""
    from ..settings import current

    return _load(current().cameo_file)


#: The names other modules use; everything else here is internal.
__all__ = [
    "crosswalk",
]
