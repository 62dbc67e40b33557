"""Partial-date helpers used for event matching and ordering."""

from __future__ import annotations

import pytest

from accord.reconcile import dates


@pytest.mark.parametrize(("a", "b", "rel"), [
    ("2024-03-04", "2024-03-04", "equal"),
    ("2024-03", "2024-03-04", "contains"),
    ("2024", "2024-12-31", "contains"),
    ("2024-03-04", "2024-03-05", "conflict"),
    ("2023", "2024-01", "conflict"),
    (None, "2024", "unknown"),
])
def test_relation(a: str | None, b: str | None, rel: str) -> None:
    assert dates.relation(a, b) == rel
    assert dates.relation(b, a) == rel


def test_sort_key_orders_partial_dates_first() -> None:
    keys = [dates.sort_key(v) for v in ("2024-03-04", "2024", "2024-03", "2023-12-31")]
    assert keys == ["2024-03-04", "2024-00-00", "2024-03-00", "2023-12-31"]
    assert sorted(keys) == ["2023-12-31", "2024-00-00", "2024-03-00", "2024-03-04"]
    assert dates.sort_key(None) is None
    assert [dates.precision(v) for v in (None, "2024", "2024-03", "2024-03-04")] == [0, 1, 2, 3]
