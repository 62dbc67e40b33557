"""Bulk-loaded synthetic stores (for `accord bench`) are real, queryable stores.

Runs on SQLite and on PostgreSQL (the ``store_url`` fixture).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from accord.bench import bulk
from accord.bench.runner import BenchConfig, bench_queries
from accord.bench.synth import Generator, SynthConfig
from accord.store import Store
from accord.store import schema as S


def _count(store: Store, table) -> int:  # type: ignore[no-untyped-def]
    with store.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(table)).scalar() or 0)


def test_bulk_store_holds_the_planted_events_and_answers_queries(store_url: str) -> None:
    from accord.query.events import timeline
    from accord.query.search import search

    with Store(store_url) as store:
        stats = bulk.populate(store, docs=60, chunk_docs=25)
        bulk.finish(store, copy_index=False)
        assert stats.documents == _count(store, S.documents) == 60
        assert stats.events == _count(store, S.events) > 0
        assert _count(store, S.event_actors) == 2 * stats.events
        assert _count(store, S.event_pairs) == stats.events  # two distinct actors each
        assert _count(store, S.event_mentions) >= stats.events
        assert bulk.is_bench_store(store)
        # Every planted event of the first article is in the store, with its actors.
        art = Generator(SynthConfig(seed=11, events_per_article=(3, 6),
                                    fillers_per_article=(1, 2), reprint_rate=0.05)).article(0)
        pl = art.events[0]
        rows = timeline(store, actor=pl.source, date_from=pl.date, date_to=pl.date)
        assert any(r["type"] == pl.type for r in rows), rows
        from accord.query.dyad import dyad

        d = dyad(store, pl.source, pl.target)
        assert d["total"] >= 1 and d["documents"] >= 1
        hits = search(store, " ".join(pl.sentence.split()[:4]), limit=50)
        assert any(h["text"].rstrip(".") in pl.sentence for h in hits)
        bulk.clear(store)
        assert _count(store, S.documents) == 0 and _count(store, S.events) == 0
        assert _count(store, S.event_pairs) == 0
        # A cleared bench store can be filled again (what a second bench run does).
        again = bulk.populate(store, docs=5)
        assert again.documents == _count(store, S.documents) == 5


def test_independent_sources_count_original_articles_only(tmp_path: Path) -> None:
    em, d, ev = S.event_mentions, S.documents, S.events
    with Store(tmp_path / "r.db") as store:
        bulk.populate(store, docs=200)
        with store.connect() as conn:
            copies = conn.execute(select(func.count()).select_from(d)
                                  .where(d.c.copy_of.is_not(None))).scalar()
            expected = dict(conn.execute(
                select(em.c.event_id, func.count(func.distinct(em.c.document_id)))
                .select_from(em.join(d, d.c.id == em.c.document_id))
                .where(d.c.copy_of.is_(None)).group_by(em.c.event_id)).all())
            stored = dict(conn.execute(select(ev.c.id, ev.c.independent_sources)).all())
            reprinted = conn.execute(
                select(func.count(func.distinct(em.c.event_id)))
                .select_from(em.join(d, d.c.id == em.c.document_id))
                .where(d.c.copy_of.is_not(None))).scalar()
    assert copies and copies >= 3 and reprinted
    # A reprint folds onto its original's events and adds no independent source.
    assert stored == expected


def test_bench_refuses_a_database_it_did_not_fill(tmp_path: Path) -> None:
    from accord.engine.local import build  # noqa: F401  (the store is a normal store)

    db = tmp_path / "user.db"
    with Store(db) as store:
        bulk.populate(store, docs=3)
        with store.begin() as conn:
            conn.execute(S.config.delete().where(S.config.c.key == bulk.BENCH_MARK))
    cfg = BenchConfig(events=200, query_reps=1, db_url=str(db))
    rows = bench_queries(cfg, tmp_path, lambda _m: None)
    pg_row = rows[1]  # the --db-url target (here a SQLite path)
    assert "did not write" in pg_row["error"]
    with Store(db) as store:
        assert _count(store, S.documents) == 3  # nothing was cleared


@pytest.mark.parametrize("n", [1, 7])
def test_populate_by_event_count_stops_near_the_target(tmp_path: Path, n: int) -> None:
    with Store(tmp_path / f"e{n}.db") as store:
        stats = bulk.populate(store, events=n * 100, chunk_docs=5)
    assert n * 100 <= stats.events <= n * 100 + 60


def test_bulk_events_carry_the_block_keys_reconciliation_computes(tmp_path: Path) -> None:
    """An `add` into a bench store must meet its events: their block keys are the
    ones event reconciliation gives the same mentions."""
    from accord.reconcile.actormap import ActorMap
    from accord.reconcile.events import load_mentions

    em, ev = S.event_mentions, S.events
    with Store(tmp_path / "k.db") as store:
        bulk.populate(store, docs=60)
        with store.connect() as conn:
            stored = dict(conn.execute(select(em.c.id, ev.c.block_key)
                                       .join(ev, ev.c.id == em.c.event_id)).all())
            computed = {m.id: m.block for m in load_mentions(conn, ActorMap(conn))}
    assert len(stored) > 100
    assert computed == stored
    assert all("|" in k and k.rsplit("|", 1)[-1].isdigit() for k in stored.values())


def test_a_reconciled_bench_store_holds_reconciliations_own_events(tmp_path: Path) -> None:
    """``finish(reconciled=True)``: the events are those event reconciliation forms
    (reconciling again changes nothing), and each copy's alignment is kept."""
    from accord.reconcile import reconcile
    from accord.reconcile.alignstore import copy_alignments

    def events(store: Store) -> dict[str, list[str]]:
        em = S.event_mentions
        out: dict[str, list[str]] = {}
        with store.connect() as conn:
            for mid, eid in conn.execute(select(em.c.id, em.c.event_id).order_by(em.c.id)):
                out.setdefault(eid, []).append(mid)
        return out

    with Store(tmp_path / "r.db") as store:
        bulk.populate(store, docs=80)
        planted = events(store)
        bulk.finish(store, copy_relations=True, reconciled=True)
        formed = events(store)
        assert None not in formed  # every mention is in an event
        # Coreference groups some planted events differently (reports of one type and
        # pair dated days apart are one event to it).
        assert sorted(formed.values()) != sorted(planted.values())
        stats: dict = reconcile(store, None, steps=("events",))  # type: ignore[assignment]
        assert events(store) == formed
        assert stats["events"]["events"] == len(formed)
        with store.connect() as conn:
            copies = int(conn.execute(select(func.count()).select_from(S.documents)
                                      .where(S.documents.c.copy_of.is_not(None))).scalar() or 0)
            kept = int(conn.execute(select(func.count()).select_from(copy_alignments))
                       .scalar() or 0)
        assert copies > 0 and kept == copies
