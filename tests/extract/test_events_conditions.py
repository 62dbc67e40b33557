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


def test_a_cancelled_or_postponed_nominal_event_is_negated(coded) -> None:  # type: ignore[no-untyped-def]
    [e] = events(coded, "The summit between Chile and Bolivia was cancelled after the row.")
    assert (e[0], e[3]) == ("CONSULT", "negated")
    [e] = events(coded, "Peru postponed the signing of the border treaty with Ecuador.")
    assert (e[0], e[3]) == ("AGREE", "negated")


def test_a_denial_of_the_sentence_s_own_report_is_one_denied_event(coded) -> None:  # type: ignore[no-untyped-def]
    got = events(coded, "Venezuelan troops shelled a Guyanese outpost, Georgetown said, a claim "
                        "Caracas denied.")
    assert [(e[0], e[3]) for e in got] == [("ASSAULT", "denied")]


def test_who_claims_or_denies_responsibility_is_the_author(coded) -> None:  # type: ignore[no-untyped-def]
    [e] = events(coded, "Boko Haram claimed responsibility for the bombing of a market in "
                        "Maiduguri.")
    assert (e[0], e[1], e[3]) == ("ASSAULT", ["group:boko-haram"], "asserted")
    [e] = events(coded, "Al-Shabaab denied any role in the bombing of the hotel in Nairobi.")
    assert (e[0], e[1], e[3]) == ("ASSAULT", ["group:al-shabaab"], "denied")
    got = events(coded, "A car bomb killed 14 people in Kirkuk; the Islamic State claimed "
                        "responsibility.")
    assert [(e[0], e[1]) for e in got] == [("ASSAULT", ["group:islamic-state"])]


def test_a_disaster_or_accident_is_no_attack(coded) -> None:  # type: ignore[no-untyped-def]
    got = events(coded, "Chile sent aid to Peru after the earthquake that killed 300 people.")
    assert [e[0] for e in got] == ["AID"]
    assert events(coded, "A Bolivian general was killed when his helicopter crashed near "
                         "Sucre.") == []
    # a killing by someone stays an attack
    assert [e[0] for e in events(coded, "Gunmen killed a Peruvian mayor near Cusco.")] == [
        "ASSAULT"]


def test_what_a_threat_s_condition_names_did_not_happen(coded) -> None:  # type: ignore[no-untyped-def]
    got = events(coded, "Bolivia would cut gas supplies to Chile if Santiago did not withdraw "
                        "its troops, officials in La Paz warned.")
    assert [e[0] for e in got] == ["THREATEN"]


def test_an_attack_blamed_on_someone_is_an_alleged_attack_by_them(coded) -> None:  # type: ignore[no-untyped-def]
    got = events(coded, "An attack on a Peruvian border post was blamed on Bolivian smugglers.")
    assert [(e[0], e[3]) for e in got] == [("ASSAULT", "alleged")]
    assert got[0][1] and got[0][2] == ["state:PER"]


def test_hit_is_an_attack_and_hitting_out_at_critics_an_accusation(coded) -> None:  # type: ignore[no-untyped-def]
    [e] = events(coded, "Chile hit rebel positions near the Bolivian border.")
    assert (e[0], e[1]) == ("ASSAULT", ["state:CHL"])
    [e] = events(coded, "Peru's president hit out at Chile over the fishing dispute.")
    assert e[0] == "ACCUSE"


def test_blocking_aid_and_export_controls_are_sanctions(coded) -> None:  # type: ignore[no-untyped-def]
    [e] = events(coded, "Hungary blocked EU aid to Serbia.")
    assert (e[0], e[1]) == ("SANCTION", ["state:HUN"])
    [e] = events(coded, "Japan imposed export controls on South Korea.")
    assert e[:3] == ("SANCTION", ["state:JPN"], ["state:KOR"])
