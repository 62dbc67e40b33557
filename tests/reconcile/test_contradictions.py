"""Contradictions: numeric (with qualifiers), status, date, copy_alteration."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from accord.reconcile.contradictions import disagree, interval
from accord.store import Store
from accord.store import schema as S

from . import corpus

TOL = {"exact": 0.02, "about": 0.15}


def rows(store: Store, kind: str) -> list[dict[str, Any]]:
    with store.connect() as conn:
        return [r._asdict() for r in conn.execute(
            select(S.contradictions).where(S.contradictions.c.kind == kind))]


def claim_id_of(store: Store, doc_id: str) -> str:
    with store.connect() as conn:
        return conn.execute(select(S.claim_mentions.c.claim_id)
                            .where(S.claim_mentions.c.document_id == doc_id)).scalar_one()


def test_kinds_found_in_corpus(built: Store) -> None:
    with built.connect() as conn:
        kinds = sorted(r[0] for r in conn.execute(select(S.contradictions.c.kind)))
    assert kinds == ["copy_alteration", "date", "numeric", "numeric", "status", "status"]


def test_numeric_respects_qualifiers(built: Store) -> None:
    about = claim_id_of(built, corpus.koreans_about().id)
    up_to = claim_id_of(built, corpus.koreans_up_to().id)
    many = claim_id_of(built, corpus.koreans_many().id)
    pairs = {frozenset(r["items"]): r for r in rows(built, "numeric")}
    # "about 3,000" and "up to 5,000" are compatible; 12,000 disagrees with both.
    assert set(pairs) == {frozenset({about, many}), frozenset({up_to, many})}
    bound = pairs[frozenset({up_to, many})]
    assert "12,000 exceeds the upper bound of 5,000" in bound["explanation"]
    assert "up to 5,000" in bound["explanation"]
    ratio = pairs[frozenset({about, many})]
    assert "about 3,000" in ratio["explanation"] and "4.0 times" in ratio["explanation"]
    assert set(ratio["documents"]) == {corpus.koreans_about().id, corpus.koreans_many().id}


@pytest.mark.parametrize(("a", "b", "expected"), [
    ((3000, "about"), (3400, None), False),
    ((3000, "about"), (3600, None), True),
    ((5000, "up_to"), (3000, "about"), False),
    ((5000, "up_to"), (12000, None), True),
    ((5000, "at_least"), (4000, None), True),
    ((5000, "more_than"), (4000, None), True),
    ((5000, "more_than"), (5000, None), False),  # within the tolerance of "5,000"
    ((5000, "less_than"), (4999, None), False),
    ((2.6e9, None), (2.6e9, "exact"), False),
    ((2.6e9, None), (6.2e9, None), True),
])
def test_disagree(a: tuple[float, str | None], b: tuple[float, str | None],
                  expected: bool) -> None:
    assert disagree(a, b, TOL) is expected
    assert disagree(b, a, TOL) is expected


def test_interval_of_about() -> None:
    lo, hi = interval(3000, "about", TOL)
    assert (round(lo), round(hi)) == (2550, 3450)


def test_status_asserted_vs_denied(built: Store) -> None:
    [r] = [r for r in rows(built, "status") if corpus.troops().id in r["documents"]]
    assert set(r["documents"]) == {corpus.troops().id, corpus.denial().id}
    assert "reported by" in r["explanation"] and "but denied by" in r["explanation"]
    assert "MOBILIZE" in r["explanation"]


def test_date_conflict_within_one_event(built: Store) -> None:
    [r] = rows(built, "date")
    assert "2024-03-04" in r["explanation"] and "2024-03-05" in r["explanation"]
    assert corpus.brief().id in r["documents"]
    with built.connect() as conn:
        etype = conn.execute(select(S.events.c.type).where(S.events.c.id == r["items"][0]))
        assert etype.scalar_one() == "CONSULT"


def test_copy_alteration_names_the_changed_number(built: Store) -> None:
    [r] = rows(built, "copy_alteration")
    assert r["documents"] == [corpus.visit().id, corpus.reprint().id]
    assert "'$3.1 billion' -> '$1.3 billion'" in r["explanation"]
    with built.connect() as conn:
        types = {conn.execute(select(S.events.c.type).where(S.events.c.id == i)).scalar_one()
                 for i in r["items"]}
    assert types == {"AGREE"}


def test_no_numeric_contradiction_from_a_copy(built: Store) -> None:
    # The reprint's $1.3 billion is its own alteration of the original, not a
    # second source disagreeing with the independent report's $3.1 billion.
    for r in rows(built, "numeric"):
        assert corpus.reprint().id not in r["documents"]


def test_accusation_and_denial_in_one_report(built: Store) -> None:
    [r] = [r for r in rows(built, "status") if r["documents"] == [corpus.border().id]]
    assert "Belarus accused Poland" in r["explanation"] or "BLR accused POL" in r["explanation"]
    assert "denied it" in r["explanation"]
    with built.connect() as conn:
        types = [conn.execute(select(S.events.c.type).where(S.events.c.id == i)).scalar_one()
                 for i in r["items"]]
    assert types == ["ACCUSE", "ASSAULT"]


def test_accusation_without_denial_is_not_a_contradiction(built: Store) -> None:
    assert not [r for r in rows(built, "status") if corpus.plot().id in r["documents"]]
