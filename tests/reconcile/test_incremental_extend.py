"""An add extends the blocks it touches instead of re-clustering them, with the
result (events, their mentions and every recorded decision) a batch build gives."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from accord.reconcile import reconcile
from accord.store import Store
from accord.store import schema as S

from . import corpus
from .builder import add, snapshot


def _why(store: Store) -> dict[str, Any]:
    with store.connect() as conn:
        return {r.id: (json.loads(r.why) if isinstance(r.why, str) else r.why)
                for r in conn.execute(select(S.events.c.id, S.events.c.why))}


@pytest.mark.parametrize("order", ["published", "backdated"])
def test_extending_blocks_equals_batch(tmp_path: Path, order: str) -> None:
    docs = sorted(corpus.all_docs(), key=lambda d: (d.published or "", d.id))
    if order == "backdated":  # the earliest report arrives last: later ones are placed again
        docs = docs[1:] + docs[:1]
    with Store(tmp_path / "batch.db") as s:
        add(s, *docs)
        reconcile(s, [d.id for d in docs])
        batch, batch_why = snapshot(s), _why(s)
    extended = 0
    with Store(tmp_path / "inc.db") as s:
        for d in docs:
            add(s, d)
            stats: Any = reconcile(s, [d.id])
            extended += stats["events"]["extended_blocks"]
        inc, inc_why = snapshot(s), _why(s)
    assert extended > 0  # the shortcut ran
    assert inc == batch
    assert inc_why == batch_why  # the same decisions, scores and closest rejections
