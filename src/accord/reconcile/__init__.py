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
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..store import Store
    from .copies import CandidateSource
    from .events import Clusterer

STEPS = ("entities", "copies", "events", "claims", "contradictions")

#: Steps that write what the shared views read (entity links; ``copy_of``).
VIEW_WRITERS = frozenset({"entities", "copies"})

#: Read-only views of the store that several steps build (the actor map, the
#: independent-source groups), kept for the rest of one ``reconcile`` call.
#: Building one reads every mention or document, which is most of the cost of
#: adding one article to a large store, so it is built once, not once per step.
#: ``None`` outside ``reconcile``: a view built elsewhere is always fresh.
_VIEWS: ContextVar[dict[str, dict[str, Any]] | None] = ContextVar("accord_reconcile_views",
                                                                   default=None)


def shared_view(name: str) -> dict[str, Any] | None:
    """The memo of one view for this ``reconcile`` call (empty until a step fills it),
    or ``None`` when no ``reconcile`` is running."""
    views = _VIEWS.get()
    return None if views is None else views.setdefault(name, {})


def reconcile(store: Store, document_ids: Sequence[str] | None = None, *,
              candidates: CandidateSource | None = None,
              cluster_events: Clusterer | None = None,
              steps: Sequence[str] = STEPS) -> dict[str, object]:
    """Run every reconciliation step; returns per-step stats.

    ``candidates`` and ``cluster_events`` hand copy candidates and per-block
    event clustering to another engine (Spark); see ``copies.run``/``events.run``.
    ``steps`` runs some of the steps only (in their order), for stores whose other
    tables were filled otherwise (the benchmark's bulk loader).
    """
    hooks = {"copies": {"candidates": candidates}, "events": {"cluster": cluster_events}}
    token = _VIEWS.set({})
    try:
        return _reconcile(store, document_ids, hooks, steps)
    finally:
        _VIEWS.reset(token)


def _reconcile(store: Store, document_ids: Sequence[str] | None,
               hooks: dict[str, dict[str, Any]],
               steps: Sequence[str] = STEPS) -> dict[str, object]:
    stats: dict[str, object] = {}
    ids = None if document_ids is None else list(dict.fromkeys(document_ids))
    unknown = sorted(set(steps) - set(STEPS))
    if unknown:
        raise ValueError(f"unknown reconciliation steps: {', '.join(unknown)}")
    for step in STEPS:  # every step must exist: a missing one is an error, not a skip
        if step not in steps:
            continue
        module = importlib.import_module(f"{__name__}.{step}")
        before = _entity_links(store, ids) if step == "entities" and ids is not None else None
        result = module.run(store, ids, **{k: v for k, v in hooks.get(step, {}).items()
                                           if v is not None})
        stats[step] = result
        if step in VIEW_WRITERS:
            _VIEWS.set({})  # what the views read has changed: build them again
        if before is not None:
            # Resolving new mentions can re-resolve older ones (a surname now has a
            # full name): documents whose mentions changed entity are redone too.
            after = _entity_links(store, ids)
            changed = sorted({doc for mid, (doc, eid) in after.items()
                              if before.get(mid, (doc, None))[1] != eid} - set(ids))
            ids = list(dict.fromkeys([*ids, *changed]))
        # A new document can change the copy status of older ones (it may be
        # their original); their events and contradictions must be redone too.
        if ids is not None and isinstance(result, dict) and result.get("affected"):
            ids = list(dict.fromkeys([*ids, *result["affected"]]))
    return stats


def _entity_links(store: Store, ids: Sequence[str]) -> dict[int, tuple[str, str | None]]:
    """mention id -> (document, entity) for every mention sharing a non-state key with ``ids``."""
    from sqlalchemy import select

    from ..store import schema as S

    m = S.mentions
    out: dict[int, tuple[str, str | None]] = {}
    with store.connect() as conn:
        for i in range(0, len(ids), 500):
            # States resolve from the gazetteer alone and never move between
            # entities; leaving them out keeps an add from reading every mention.
            keys = select(m.c.key).where(m.c.document_id.in_(list(ids[i:i + 500]))
                                         & m.c.key.not_like("state:%"))
            for mid, doc, eid in conn.execute(
                    select(m.c.id, m.c.document_id, m.c.entity_id).where(m.c.key.in_(keys))):
                out[mid] = (doc, eid)
    return out
