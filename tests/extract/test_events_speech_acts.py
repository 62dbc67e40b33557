"""A speech act stated by its own source is asserted; what others report stays reported.

docs/eval.md: "Iran must allow inspectors, the IAEA chief said" is the IAEA's REQUEST,
asserted (the saying is the event); "Russian forces shelled Kherson, Ukrainian officials
said" is reported. Every sentence here is written for these tests.
"""

from __future__ import annotations

from typing import Any


def events(coded: Any, text: str) -> list[tuple[Any, ...]]:
    doc = coded(text)
    return [(e.type, e.source, e.target, e.modality) for e in doc._.events]


def test_demand_by_a_named_speaker_is_asserted(coded) -> None:  # type: ignore[no-untyped-def]
    [e] = events(coded, "Uruguay must reopen the bridge at once, Argentina said on Monday.")
    assert e == ("REQUEST", ["state:ARG"], ["state:URY"], "asserted")


def test_threat_told_by_its_own_side_is_asserted(coded) -> None:  # type: ignore[no-untyped-def]
    [e] = events(coded, "Chile will recall its ambassador unless Peru apologises, the Chilean "
                        "foreign ministry said.")
    assert e == ("THREATEN", ["state:CHL"], ["state:PER"], "asserted")


def test_threat_cited_from_third_parties_is_reported(coded) -> None:  # type: ignore[no-untyped-def]
    [e] = events(coded, "Chile will recall its ambassador unless Peru apologises, diplomats said.")
    assert e == ("THREATEN", ["state:CHL"], ["state:PER"], "reported")


def test_pledge_told_by_its_own_minister_is_asserted(coded) -> None:  # type: ignore[no-untyped-def]
    [e] = events(coded, "Ecuador pledged to cooperate with Peru on river patrols, the Ecuadorian "
                        "defence minister said.")
    assert e[:2] == ("AGREE", ["state:ECU"]) and e[3] == "asserted"


def test_other_acts_said_by_a_party_stay_reported(coded) -> None:  # type: ignore[no-untyped-def]
    # signing is not a speech act: the ministry reports it
    got = events(coded, "Chile and Peru signed a fisheries accord, the Chilean foreign ministry "
                        "said.")
    assert [(e[0], e[3]) for e in got] == [("AGREE", "reported")]
    # a pledge reported by someone else is reported
    [e] = events(coded, "Ecuador pledged to cooperate with Peru on river patrols, Colombian "
                        "officials said.")
    assert (e[0], e[3]) == ("AGREE", "reported")


def test_a_threat_told_by_the_actor_s_spokeswoman_is_asserted(coded) -> None:  # type: ignore[no-untyped-def]
    [e] = events(coded, "Chile threatened to expel Peruvian diplomats, the foreign ministry "
                        "spokeswoman said.")
    assert (e[0], e[1], e[3]) == ("THREATEN", ["state:CHL"], "asserted")
    # a speaker with no tie to the actor keeps it reported
    [e] = events(coded, "Chile threatened to expel Peruvian diplomats, a senior official said.")
    assert (e[0], e[3]) == ("THREATEN", "reported")


def test_an_argued_demand_is_a_request_and_a_report_s_advice_a_prescription(coded) -> None:  # type: ignore[no-untyped-def]
    [e] = events(coded, "Chile should lift its tariffs on Peruvian copper, the Peruvian trade "
                        "minister argued.")
    assert (e[0], e[2], e[3]) == ("REQUEST", ["state:CHL"], "asserted")
    got = events(coded, "Chile should lift its tariffs on Peruvian copper, the study recommends.")
    assert all(e[0] != "REQUEST" for e in got)
