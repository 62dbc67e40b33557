"""Cross-document reconciliation: entities, copies, events, claims, contradictions.

``reconcile(store, document_ids)`` brings the knowledge tables up to date after
documents were added (``None`` = everything). Steps run in order, each in its
own module, each given the documents that changed so it can limit itself to
the blocks those documents touch:

1. ``entities``: resolve mention keys to entities (cross-document), apply judgements;
2. ``copies``: MinHash LSH candidates, sentence alignment, ``copy_of``;
3. ``events``: event coreference into ``events`` with independent-source counts;
4. ``claims``: group claim mentions into claims;
5. ``contradictions``: numeric, status, date, copy_alteration.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..store import Store

STEPS = ("entities", "copies", "events", "claims", "contradictions")


def reconcile(store: Store, document_ids: Sequence[str] | None = None) -> dict[str, object]:
    """Run every reconciliation step; returns per-step stats."""
    stats: dict[str, object] = {}
    ids = None if document_ids is None else list(dict.fromkeys(document_ids))
    for step in STEPS:
        try:
            module = importlib.import_module(f"{__name__}.{step}")
        except ModuleNotFoundError as exc:
            if exc.name != f"{__name__}.{step}":
                raise
            continue
        result = module.run(store, ids)
        stats[step] = result
        # A new document can change the copy status of older ones (it may be
        # their original); their events and contradictions must be redone too.
        if ids is not None and isinstance(result, dict) and result.get("affected"):
            ids = list(dict.fromkeys([*ids, *result["affected"]]))
    return stats
