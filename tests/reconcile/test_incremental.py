"""Building the corpus at once and adding it document by document give the same KB."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from accord.reconcile import reconcile
from accord.store import Store

from . import corpus
from .builder import add, snapshot


def build_batch(path: Path) -> dict:
    with Store(path) as s:
        add(s, *corpus.all_docs())
        reconcile(s, [d.id for d in corpus.all_docs()])
        return snapshot(s)


def build_one_by_one(path: Path, order: list[int]) -> dict:
    docs = corpus.all_docs()
    with Store(path) as s:
        for i in order:
            add(s, docs[i])
            reconcile(s, [docs[i].id])
        return snapshot(s)


@pytest.mark.parametrize("order", ["forward", "reverse", "shuffled"])
def test_incremental_equals_batch(tmp_path: Path, order: str) -> None:
    n = len(corpus.all_docs())
    idx = list(range(n))
    if order == "reverse":
        idx.reverse()  # copies arrive before their originals
    elif order == "shuffled":
        random.Random(7).shuffle(idx)
    batch = build_batch(tmp_path / "batch.db")
    inc = build_one_by_one(tmp_path / "inc.db", idx)
    assert batch["documents"] == inc["documents"]
    assert batch["events"] == inc["events"]
    assert batch["event_links"] == inc["event_links"]
    assert batch["claims"] == inc["claims"]
    assert batch["contradictions"] == inc["contradictions"]
    assert batch == inc
    assert len(batch["contradictions"]) == 6


def test_reconcile_is_idempotent(tmp_path: Path) -> None:
    with Store(tmp_path / "kb.db") as s:
        add(s, *corpus.all_docs())
        reconcile(s, None)
        first = snapshot(s)
        reconcile(s, None)
        assert snapshot(s) == first
        reconcile(s, [corpus.visit().id])
        assert snapshot(s) == first


def test_adding_the_original_after_its_copy_moves_the_copy(tmp_path: Path) -> None:
    with Store(tmp_path / "kb.db") as s:
        add(s, corpus.reprint(), corpus.independent())
        reconcile(s, None)
        before = {e[0]: e for e in snapshot(s)["events"]}
        assert all(e[6] <= 2 for e in before.values())
        add(s, corpus.visit())
        stats = reconcile(s, [corpus.visit().id])
        assert corpus.reprint().id in stats["copies"]["affected"]
        docs = {d[0]: d for d in snapshot(s)["documents"]}
        assert docs[corpus.reprint().id][1] == corpus.visit().id


def test_reextracted_document_leaves_no_stale_events(tmp_path: Path) -> None:
    """A new extraction of a document replaces its mentions; old events go."""
    from sqlalchemy import select

    from accord.store import schema as S

    with Store(tmp_path / "kb.db") as s:
        earlier = corpus.earlier()
        add(s, earlier)
        reconcile(s, None)
        # The extractor now dates the visit a year later and codes it as AGREE.
        earlier.events[0].type = "AGREE"
        earlier.events[0].date_value = "2024-04-11"
        s.put_extraction(earlier.extraction())
        reconcile(s, [earlier.id])
        with s.connect() as conn:
            rows = [(r.type, r.date_value) for r in conn.execute(select(S.events))]
            actors = {r.event_id for r in conn.execute(select(S.event_actors))}
            ids = {r.id for r in conn.execute(select(S.events))}
        assert rows == [("AGREE", "2024-04-11")]
        assert actors == ids
