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
from .builder import Doc, add, snapshot


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


def _deal_report(day: str, said: str, published: str) -> Doc:
    d = Doc(f"Poland and South Korea signed a $2.5 billion tank deal on {said}, the two "
            f"defence ministries said.", published=published,
            title=f"Tank deal signed ({said})")
    d.event("AGREE", "signed a $2.5 billion tank deal", [corpus.POL, corpus.KOR], [],
            date=day, basis="explicit", quantities=[(2.5e9, "USD", "exact", "$2.5 billion")])
    return d


def _date_rows(store: Store) -> list[tuple[str, ...]]:
    with store.connect() as conn:
        return sorted(tuple(r.documents) for r in conn.execute(
            select(S.contradictions).where(S.contradictions.c.kind == "date")))


def test_an_event_leaving_a_date_group_lets_the_remaining_tie_count(tmp_path: Path) -> None:
    """Three reports date one deal three ways: each ties to two others, so none is
    reported. When one of them turns out to be about something else (re-extracted),
    the two left disagree on the date alone, whether or not their events changed."""
    march = _deal_report("2024-03-04", "4 March 2024", "2025-02-01")
    april = _deal_report("2024-04-04", "4 April 2024", "2025-02-02")
    january = _deal_report("2025-01-04", "4 January 2025", "2025-02-03")
    with Store(tmp_path / "inc.db") as s:
        for d in (march, april, january):
            add(s, d)
            reconcile(s, [d.id])
        assert _date_rows(s) == []  # every event ties to two others: ambiguous
        # The January report is about talks, not the deal (another date-pair group,
        # another block: the 2024 events are not rewritten).
        january.events[0].type = "CONSULT"
        s.put_extraction(january.extraction())
        reconcile(s, [january.id])
        inc, rows = snapshot(s), _date_rows(s)
    assert len(rows) == 1 and set(rows[0]) == {march.id, april.id}
    with Store(tmp_path / "batch.db") as s:
        add(s, march, april, january)
        reconcile(s, [march.id, april.id, january.id])
        assert snapshot(s) == inc
