"""The actor map and source groups: lazily read, shared within one reconcile, same answers."""

from __future__ import annotations

import pickle

from sqlalchemy import select

from accord.reconcile import corroboration, reconcile, shared_view
from accord.reconcile.actormap import ActorMap
from accord.reconcile.corroboration import SourceGroups
from accord.reconcile.entities import entity_for_key
from accord.store import Store
from accord.store import schema as S


def _table(store: Store) -> dict[str, tuple[str | None, str | None]]:
    with store.connect() as conn:
        return {r.id: (r.copy_of, r.published) for r in conn.execute(
            select(S.documents.c.id, S.documents.c.copy_of, S.documents.c.published))}


def test_source_groups_read_documents_as_asked(built: Store) -> None:
    table = _table(built)
    assert any(copy_of for copy_of, _ in table.values())
    with built.connect() as conn:
        groups = SourceGroups(conn)
        for did, (copy_of, published) in table.items():
            assert groups.copy_of.get(did) == copy_of
            assert groups.published.get(did) == published
        assert groups.copy_of.get("no-such-document") is None
        assert "no-such-document" not in groups.outlet


def test_source_groups_iterate_like_the_whole_table(built: Store) -> None:
    table = _table(built)
    with built.connect() as conn:
        groups = SourceGroups(conn)
        first = next(iter(table))
        groups.copy_of.get(first)  # one document read
        assert dict(groups.copy_of.items()) == {d: c for d, (c, _) in table.items()}
        assert len(groups.published) == len(table)
        assert pickle.loads(pickle.dumps(groups.outlet)) == dict(groups.outlet.items())


def test_source_groups_read_everything_past_the_bulk_threshold(built: Store,
                                                                monkeypatch) -> None:
    monkeypatch.setattr(corroboration, "BULK_AFTER", 1)
    table = _table(built)
    a, b = list(table)[:2]
    with built.connect() as conn:
        groups = SourceGroups(conn)
        groups.copy_of.get(a)
        groups.copy_of.get(b)  # second read: the whole table
        assert dict.__len__(groups.copy_of) == len(table)


def test_views_are_shared_only_inside_reconcile(built: Store, monkeypatch) -> None:
    assert shared_view("actormap") is None
    seen: list[ActorMap] = []
    original = ActorMap.__init__

    def spy(self: ActorMap, conn) -> None:  # type: ignore[no-untyped-def]
        original(self, conn)
        seen.append(self)

    monkeypatch.setattr(ActorMap, "__init__", spy)
    reconcile(built, None)
    assert len(seen) >= 2  # events, claims, contradictions
    assert all(m.by_key is seen[0].by_key for m in seen)


def test_actor_map_matches_entity_for_key(built: Store) -> None:
    with built.connect() as conn:
        amap = ActorMap(conn)
        expected = entity_for_key(conn)
    for key, eid in expected.items():
        assert amap.resolve(key) == eid
