"""The same reconciliation on SQLite and PostgreSQL gives the same knowledge base."""

from __future__ import annotations

from accord.reconcile import reconcile
from accord.store import Store

from . import corpus
from .builder import add, snapshot


def test_reconcile_on_both_dialects(store_url: str) -> None:
    with Store(store_url) as s:
        docs = corpus.all_docs()
        add(s, *docs[:6])
        reconcile(s, [d.id for d in docs[:6]])
        for d in docs[6:]:
            add(s, d)
            reconcile(s, [d.id])
        snap = snapshot(s)
    copies = {d[0]: d[1] for d in snap["documents"] if d[1]}
    assert copies == {corpus.reprint().id: corpus.visit().id,
                      corpus.blog().id: corpus.plot().id}
    assert sorted(c[1] for c in snap["contradictions"]) == [
        "copy_alteration", "date", "numeric", "numeric", "status", "status"]
