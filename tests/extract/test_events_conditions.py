"""Conditions, cancellations and denials: what did not (or not yet) happen.
Every sentence here is written for these tests."""

from __future__ import annotations

from typing import Any


def events(coded: Any, text: str) -> list[tuple[Any, ...]]:
    doc = coded(text)
    return [(e.type, e.source, e.target, e.modality) for e in doc._.events]


def test_a_conditional_plan_naming_no_one_is_the_act_hypothetical(coded) -> None:  # type: ignore[no-untyped-def]
    [e] = events(coded, "Estonia will deploy more troops to its eastern border if tensions rise.")
    assert (e[0], e[1], e[3]) == ("MOBILIZE", ["state:EST"], "hypothetical")


def test_a_conditional_act_against_a_named_party_is_a_threat(coded) -> None:  # type: ignore[no-untyped-def]
    [e] = events(coded, "Canada will impose sanctions on Caracas if the election is not held.")
    assert e[:3] == ("THREATEN", ["state:CAN"], ["state:VEN"])
    # violence under a condition threatens even when it names no one
    [e] = events(coded, "The rebels will execute the hostages if the shelling continues.")
    assert e[0] == "THREATEN"
