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
    for step in STEPS:
        try:
            module = importlib.import_module(f"{__name__}.{step}")
        except ModuleNotFoundError as exc:
            if exc.name != f"{__name__}.{step}":
                raise
            continue
        stats[step] = module.run(store, document_ids)
    return stats
