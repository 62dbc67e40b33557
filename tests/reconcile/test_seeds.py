"""The real seed articles (read at run time, never copied into the repo).

Two of them share text: ``003`` is a short news item whose second half retells,
in its own words, passages of the encyclopedia-style ``000``. Both are undated,
so the direction comes from detail (the copy drops names and figures).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from accord.store import schema as S


@pytest.fixture(scope="module")
def seeds_kb(seeds_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Any:
    import accord

    kb = accord.open(tmp_path_factory.mktemp("seeds") / "seeds.db")
    report = kb.build([seeds_dir], workers=1)
    assert report.status == "ok", report.to_dict()
    yield kb
    kb.close()


def _ids(kb: Any) -> dict[str, str]:
    with kb.store.connect() as conn:
        return {Path(r.source).name[:3]: r.id for r in conn.execute(
            select(S.documents.c.id, S.documents.c.source))}


def test_seed_copy_relation(seeds_kb: Any) -> None:
    ids = _ids(seeds_kb)
    with seeds_kb.store.connect() as conn:
        rows = {r.id: r for r in conn.execute(select(S.documents))}
    copies = {d: r.copy_of for d, r in rows.items() if r.copy_of}
    assert copies == {ids["003"]: ids["000"]}
    assert rows[ids["003"]].copy_kind == "partial"
    assert 0.25 <= rows[ids["003"]].copied_fraction <= 0.6


def test_seed_copy_alterations(seeds_kb: Any) -> None:
    ids = _ids(seeds_kb)
    with seeds_kb.store.connect() as conn:
        cx = [r for r in conn.execute(select(S.contradictions))
              if r.kind == "copy_alteration"]
    assert cx and all(r.documents == [ids["000"], ids["003"]] for r in cx)
    text = " ".join(r.explanation for r in cx)
    # The retelling turns "up to 30 million" into 18 million and drops a hedge.
    assert "'up to 30 million' -> '18 million'" in text
    assert "hedge (may, preparing to) -> no hedge" in text


def test_seed_event_told_by_several_articles(seeds_kb: Any) -> None:
    """An event reported in several seeds is one event; the copy adds no source."""
    ids = _ids(seeds_kb)
    with seeds_kb.store.connect() as conn:
        docs: dict[str, set[str]] = {}
        for r in conn.execute(select(S.event_mentions.c.event_id,
                                     S.event_mentions.c.document_id)):
            docs.setdefault(r.event_id, set()).add(r.document_id)
        events = {r.id: r for r in conn.execute(select(S.events))}
    multi = {e: d for e, d in docs.items() if len(d) > 1}
    assert multi, "no event merged across seed articles"
    for eid, ds in multi.items():
        expected = len(ds) - (1 if {ids["000"], ids["003"]} <= ds else 0)
        assert events[eid].independent_sources <= expected, (events[eid].type, ds)
    shared = [e for e, d in multi.items() if {ids["000"], ids["003"]} <= d]
    assert shared
    assert all(events[e].independent_sources == len(multi[e]) - 1 for e in shared)
