"""Content-derived ids for knowledge rows.

Ids never depend on insertion order or autoincrement columns, so a corpus
built in one go and the same corpus added file by file get the same ids.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any


def content_id(prefix: str, *parts: Any, length: int = 16) -> str:
    """``prefix-<hex>`` from a stable JSON encoding of ``parts``."""
    blob = json.dumps(parts, sort_keys=True, ensure_ascii=False, default=str)
    return f"{prefix}-{hashlib.sha1(blob.encode('utf-8')).hexdigest()[:length]}"
