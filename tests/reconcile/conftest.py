"""Fixtures: a store holding the invented reconciliation corpus, reconciled in one go."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from accord.reconcile import reconcile
from accord.store import Store

from . import corpus
from .builder import add


@pytest.fixture()
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store(tmp_path / "kb.db")
    yield s
    s.close()


@pytest.fixture()
def built(store: Store) -> Store:
    """The whole invented corpus, added and reconciled in one batch."""
    add(store, *corpus.all_docs())
    reconcile(store, None)
    return store
