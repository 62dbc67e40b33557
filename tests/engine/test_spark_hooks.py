"""The reconciliation hooks the Spark engine fills, without Spark.

``reconcile(candidates=..., cluster_events=...)`` must really hand copy
candidates and event clustering over: the store's own LSH lookup is not
consulted when candidates are given, and the events written are exactly the
clusterer's.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import select

from accord.reconcile import reconcile
from accord.reconcile.events import Mention, cluster_blocks
from accord.reconcile.lshstore import LshIndex
from accord.reconcile.settings import load_thresholds
from accord.store import Store
from accord.store import schema as S

from ..reconcile import corpus
from ..reconcile.builder import add


def _knowledge(store: Store) -> dict[str, Any]:
    with store.connect() as conn:
        return {
            "copies": sorted(conn.execute(select(S.documents.c.id, S.documents.c.copy_of,
                                                 S.documents.c.copy_kind)).all()),
            "events": sorted(conn.execute(select(S.events.c.id, S.events.c.type,
                                                 S.events.c.independent_sources)).all()),
            "links": sorted(conn.execute(select(S.event_mentions.c.id,
                                                S.event_mentions.c.event_id)).all()),
            "contradictions": sorted(r[0] for r in conn.execute(select(S.contradictions.c.id))),
        }


def _built(path: Path, **hooks: Any) -> Store:
    store = Store(path)
    add(store, *corpus.all_docs())
    reconcile(store, None, **hooks)
    return store


def test_given_candidates_replace_the_stores_lsh_lookup(tmp_path: Path) -> None:
    plain = _built(tmp_path / "plain.db")
    cfg = load_thresholds()["copies"]
    asked: list[str] = []

    def stores_own(ids: Sequence[str]) -> Mapping[str, list[str]]:
        asked.extend(ids)
        with plain.begin() as conn:
            index = LshIndex(conn, cfg)
            return {d: index.candidates(d, int(cfg["max_candidates"])) for d in ids}

    same = _built(tmp_path / "same.db", candidates=stores_own)
    assert asked and _knowledge(same) == _knowledge(plain)
    assert any(r[1] for r in _knowledge(plain)["copies"])  # the corpus has copies

    none = _built(tmp_path / "none.db", candidates=lambda ids: {d: [] for d in ids})
    assert not any(r[1] for r in _knowledge(none)["copies"])
    for s in (plain, same, none):
        s.close()


def test_events_are_the_clusterers(tmp_path: Path) -> None:
    plain = _built(tmp_path / "plain.db")
    seen: dict[str, int] = {}

    def clusterer(by_block: dict[str, list[Mention]], groups: Any,
                  cfg: dict[str, Any]) -> dict[str, Any]:
        seen.update({b: len(ms) for b, ms in by_block.items()})
        return cluster_blocks(by_block, groups, cfg)

    hooked = _built(tmp_path / "hooked.db", cluster_events=clusterer)
    assert seen and _knowledge(hooked) == _knowledge(plain)
    with hooked.connect() as conn:
        blocks = {r[0] for r in conn.execute(select(S.events.c.block_key).distinct())}
    assert blocks <= set(seen)

    def one_event_per_mention(by_block: dict[str, list[Mention]], groups: Any,
                              cfg: dict[str, Any]) -> dict[str, Any]:
        out = {}
        for b, ms in by_block.items():
            out[b] = [(row, mids) for single in ([m] for m in ms)
                      for row, mids in cluster_blocks({b: single}, groups, cfg)[b]]
        return out

    split = _built(tmp_path / "split.db", cluster_events=one_event_per_mention)
    with split.connect() as conn:
        n_events = conn.execute(select(S.events.c.id)).all()
        n_linked = conn.execute(select(S.event_mentions.c.id)
                                .where(S.event_mentions.c.event_id.is_not(None))).all()
    assert len(n_events) == len(n_linked) > len(_knowledge(plain)["events"])
    for s in (plain, hooked, split):
        s.close()
