"""Numeric statements about an actor become claims (subject, property, value, unit, qualifier)."""

from __future__ import annotations

import pytest


def claims(doc):  # type: ignore[no-untyped-def]
    return [(c.subject, c.property, c.value, c.unit, c.qualifier, c.modality) for c in doc._.claims]


@pytest.mark.parametrize("text,expected", [
    ("About 3,000 Chileans live in Norway.",
     ("state:NOR", "chileans", 3000.0, "people", "about", "asserted")),
    ("Up to 2 million Iranians are ethnic Kurds.",
     ("state:IRN", "ethnic_kurds", 2e6, "people", "up_to", "asserted")),
    ("Norway has 1,200 troops in Mali.",
     ("state:NOR", "troops", 1200.0, "people", "exact", "asserted")),
    ("Tehran fears for its 18 million ethnic Azeris.",
     ("state:IRN", "ethnic_azerbaijanis", 1.8e7, "people", "exact", "asserted")),
])
def test_claim_patterns(coded, text: str, expected: tuple) -> None:  # type: ignore[no-untyped-def]
    assert claims(coded(text)) == [expected]


def test_claim_span_and_reported_modality(coded) -> None:  # type: ignore[no-untyped-def]
    text = "A Chilean diplomat said roughly 12,000 Chileans now live in Norway."
    doc = coded(text)
    [c] = doc._.claims
    assert (c.subject, c.property, c.value, c.qualifier, c.modality) == (
        "state:NOR", "chileans", 12000.0, "about", "reported")
    assert c.text == text and text[c.start:c.end] == text
    assert c.value_text == "roughly 12,000 Chileans"


def test_numbers_without_a_subject_are_not_claims(coded) -> None:  # type: ignore[no-untyped-def]
    assert claims(coded("Police detained 22 people.")) == []
    assert claims(coded("The deal was worth $2 billion.")) == []
