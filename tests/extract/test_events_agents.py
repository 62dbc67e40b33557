"""Who acts decides the reading: raids by troops and by police, promises of harm, acts
stated by their subject noun, generic agents, demands to unnamed parties.
Every sentence here is written for these tests."""

from __future__ import annotations

from typing import Any


def events(coded: Any, text: str) -> list[tuple[Any, ...]]:
    doc = coded(text)
    return [(e.type, e.cameo, e.source, e.target, e.modality, e.trigger) for e in doc._.events]


def test_a_military_raid_is_an_attack_even_with_no_actor_named(coded) -> None:  # type: ignore[no-untyped-def]
    got = events(coded, "Troops raided a rebel camp in the hills, killing nine fighters.")
    assert [(e[0], e[1], e[5]) for e in got] == [("ASSAULT", "190", "raided")]


def test_a_police_raid_or_a_raid_on_offices_is_coercion(coded) -> None:  # type: ignore[no-untyped-def]
    [e] = events(coded, "Peruvian police raided the home of a former minister in Lima.")
    assert (e[0], e[1]) == ("COERCE", "170") and e[2]  # the Peruvian police act
    [e] = events(coded, "Bolivian soldiers raided the offices of an opposition newspaper.")
    assert (e[0], e[1]) == ("COERCE", "170")


def test_a_promise_of_harm_is_a_threat(coded) -> None:  # type: ignore[no-untyped-def]
    [e] = events(coded, "Venezuela promised Guyana a bitter war over the disputed region.")
    assert e[:5] == ("THREATEN", "130", ["state:VEN"], ["state:GUY"], "asserted")
    [e] = events(coded, "Armenia vowed revenge for the shelling of its border villages.")
    assert (e[0], e[2]) == ("THREATEN", ["state:ARM"])
    # a promise of help stays a pledge
    [e] = events(coded, "Japan promised Tonga swift help after the eruption.")
    assert e[0] != "THREATEN"


def test_acts_stated_by_their_subject_noun(coded) -> None:  # type: ignore[no-untyped-def]
    [e] = events(coded, "The last French troops left Mali on Sunday.")
    assert (e[0], e[1], e[3], e[5]) == ("RETREAT", "0874", ["state:MLI"], "troops left")
    [e] = events(coded, "A roadside bomb exploded near a market in Kandahar.")
    assert (e[0], e[1]) == ("ASSAULT", "183")
    [e] = events(coded, "Russian warplanes flew over the Baltic Sea near Estonia.")
    assert (e[0], e[1]) == ("MOBILIZE", "150")
    [e] = events(coded, "Medical supplies from Qatar reached the hospitals in Gaza.")
    assert e[:4] == ("AID", "073", ["state:QAT"], ["state:PSE"])


def test_a_subject_noun_without_its_own_entry_is_no_event(coded) -> None:  # type: ignore[no-untyped-def]
    assert events(coded, "The talks left both delegations exhausted.") == []


def test_a_demand_to_a_party_the_gazetteer_does_not_name(coded) -> None:  # type: ignore[no-untyped-def]
    got = events(coded, "The militias must disarm by March, the Libyan prime minister said.")
    assert [(e[0], e[4]) for e in got] == [("REQUEST", "asserted")]


def test_promising_a_grim_future_is_a_threat(coded) -> None:  # type: ignore[no-untyped-def]
    [e] = events(coded, "Azerbaijan's president promised the Armenian separatists a grim future.")
    assert (e[0], e[1], e[2]) == ("THREATEN", "130", ["state:AZE"])


def test_a_quoted_promise_of_harm_is_a_threat(coded) -> None:  # type: ignore[no-untyped-def]
    # the parser hangs a quoted promised thing on the dative as its apposition
    [e] = events(coded, "Pakistan's army chief promised the Afghan president “a bleak future.”")
    assert (e[0], e[1]) == ("THREATEN", "130") and "state:PAK" in e[2]
