"""Sentence alignments of copies are kept in the store: computed once per copy and
source, reused by later reconciliations, dropped when a document is reconciled again,
and never served under other alignment settings."""

from __future__ import annotations

import json
from typing import Any

import pytest
from sqlalchemy import select

from accord.reconcile import alignstore, reconcile
from accord.reconcile.alignstore import copy_alignments, forget, load
from accord.reconcile.copies import load_sentences
from accord.reconcile.settings import load_thresholds
from accord.reconcile.textsim import align
from accord.store import Store
from accord.store import schema as S

from . import corpus
from .builder import Doc, add

CFG = load_thresholds()["copies"]


def _stored(store: Store) -> dict[tuple[str, str], Any]:
    with store.connect() as conn:
        return {(r[0], r[1]): r[2] for r in conn.execute(
            select(copy_alignments.c.doc_id, copy_alignments.c.source_id,
                   copy_alignments.c.pairs))}


def test_a_build_keeps_each_copys_alignment_with_its_source(built: Store) -> None:
    reprint, visit = corpus.reprint().id, corpus.visit().id
    blog, plot = corpus.blog().id, corpus.plot().id
    assert {(reprint, visit), (blog, plot)} <= set(_stored(built))
    with built.connect() as conn:
        kept = load(conn, [(reprint, visit), (blog, plot)], CFG)
        sents = load_sentences(conn, [reprint, visit, blog, plot])
    assert kept[(reprint, visit)] == align(sents[reprint], sents[visit], CFG)
    # The blog quotes the four sentences of the wire story, each from its own place.
    assert len(corpus.PLOT_SENTENCES) == 4
    assert sorted(p.b[0] for p in kept[(blog, plot)]) == [0, 1, 2, 3]


def test_other_alignment_settings_are_not_served_stored_alignments(built: Store) -> None:
    pair = (corpus.reprint().id, corpus.visit().id)
    with built.connect() as conn:
        assert load(conn, [pair], CFG)
        assert load(conn, [pair], {**CFG, "paraphrase_similarity": 50}) == {}


def test_a_later_add_reads_the_kept_alignment_instead_of_aligning(
        built: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    read: set[tuple[str, str]] = set()
    saved: set[tuple[str, str]] = set()
    real_load, real_save = alignstore.load, alignstore.save

    def recording_load(conn: Any, pairs: Any, cfg: Any) -> Any:
        found = real_load(conn, pairs, cfg)
        read.update(found)
        return found

    def recording_save(conn: Any, found: Any, cfg: Any) -> None:
        saved.update(found)
        real_save(conn, found, cfg)

    monkeypatch.setattr(alignstore, "load", recording_load)
    monkeypatch.setattr(alignstore, "save", recording_save)
    # Another report of the ministers' talks joins the event the reprint reports too:
    # its independent sources are found through the reprint's alignment.
    later = Doc("Anna Wrobel met Lee Dae-ho in Seoul on Monday for talks on howitzer "
                "deliveries and ammunition production.",
                published="2024-03-09", title="Ministers meet in Seoul")
    later.event("CONSULT", "met Lee Dae-ho in Seoul on Monday", [corpus.WROBEL], [corpus.LEE],
                date="2024-03-04", basis="relative")
    add(built, later)
    reconcile(built, [later.id])
    pair = (corpus.reprint().id, corpus.visit().id)
    assert pair in read and pair not in saved
    with built.connect() as conn:
        why = conn.execute(select(S.events.c.why).join(
            S.event_mentions, S.event_mentions.c.event_id == S.events.c.id)
            .where(S.event_mentions.c.document_id == later.id)).scalar()
    outlets = {o["document"] for o in (json.loads(why) if isinstance(why, str) else why)
               ["outlets"]}
    assert {later.id, *pair} <= outlets


def test_reconciling_a_document_again_forgets_its_alignments(built: Store) -> None:
    reprint, visit = corpus.reprint().id, corpus.visit().id
    blog, plot = corpus.blog().id, corpus.plot().id
    with built.begin() as conn:
        forget(conn, [visit])  # as source
        assert (reprint, visit) not in _pairs(conn)
        assert (blog, plot) in _pairs(conn)
        forget(conn, [blog])  # as copy
        assert (blog, plot) not in _pairs(conn)
    # Reconciling the source again drops the copy's alignment and aligns it anew:
    # the same pairs as before, the same events.
    reconcile(built, [visit])
    assert (reprint, visit) in _stored(built)


def _pairs(conn: Any) -> set[tuple[str, str]]:
    return {(r[0], r[1]) for r in conn.execute(
        select(copy_alignments.c.doc_id, copy_alignments.c.source_id))}
