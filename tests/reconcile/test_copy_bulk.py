"""The bulk paths of copy detection give exactly what the one-at-a-time paths give.

A full build reads LSH candidates from the band table held in memory, aligns
both directions of an undated pair with one shared score matrix, and stops
aligning a dated pair as soon as the later document cannot be a copy. Each of
these must be an exact shortcut, never a different answer.
"""

from __future__ import annotations

from itertools import permutations

from sqlalchemy import select

from accord.reconcile.lshstore import LshIndex
from accord.reconcile.settings import load_thresholds
from accord.reconcile.textsim import Sentence, align, align_both, normalise, split_sentences
from accord.store import Store
from accord.store import schema as S

from . import corpus


def _sents(text: str) -> list[Sentence]:
    return [Sentence(i, s, e, t, normalise(t)) for i, (s, e, t) in enumerate(split_sentences(text))]


def test_band_table_in_memory_ranks_candidates_like_the_store_query(built: Store) -> None:
    cfg = load_thresholds()["copies"]
    with built.begin() as conn:
        lsh = LshIndex(conn, cfg)
        ids = [r[0] for r in conn.execute(select(S.documents.c.id))]
        table = lsh._table()
        for limit in (None, 2):
            for d in ids:
                assert table.candidates(d, limit) == lsh.candidates(d, limit), (d, limit)
        assert any(table.candidates(d, None) for d in ids)
        assert table.candidates("no-such-document", None) == []


def test_aligning_both_directions_at_once_equals_two_alignments() -> None:
    cfg = load_thresholds()["copies"]
    texts = [d.text for d in corpus.all_docs()]
    for a, b in permutations(texts, 2):
        sa, sb = _sents(a), _sents(b)
        assert align_both(sa, sb, cfg) == (align(sa, sb, cfg), align(sb, sa, cfg))


def test_alignment_with_a_needed_count_is_the_whole_alignment_or_too_short() -> None:
    cfg = load_thresholds()["copies"]
    docs = corpus.all_docs()
    checked = 0
    for a, b in permutations(docs, 2):
        sa, sb = _sents(a.text), _sents(b.text)
        full = align(sa, sb, cfg)
        for need in (1, 3, 5):
            cut = align(sa, sb, cfg, need=need)
            if len(full) >= need:
                assert cut == full
                checked += 1
            else:
                assert len(cut) < need
    assert checked  # the corpus has copies, so some alignments reach the count
