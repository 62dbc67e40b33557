"""Verb-side constructions and lexicon entries of wire copy: protests by manner, missile
tests, troops by the thousand, peacekeepers, riot control, visits on arrival, releases.
Every sentence here is written for these tests."""

from __future__ import annotations

from typing import Any

import pytest


def events(coded: Any, text: str) -> list[tuple[Any, ...]]:
    doc = coded(text)
    return [(e.type, e.cameo, e.source, e.target, e.modality, e.trigger) for e in doc._.events]


def types(coded: Any, text: str) -> list[str]:
    return [e[0] for e in events(coded, text)]


@pytest.mark.parametrize("text", [
    "Nurses across Chile walked off the job in protest against the hospital budget.",
    "Bolivian traders shut their shops in a general strike against fuel prices.",
    "Rioters in Lima set fire to a police station.",
])
def test_an_act_done_in_protest_is_a_protest(coded, text: str) -> None:  # type: ignore[no-untyped-def]
    assert types(coded, text) == ["PROTEST"]


def test_a_military_strike_is_no_protest(coded) -> None:  # type: ignore[no-untyped-def]
    assert "PROTEST" not in types(coded, "A Syrian officer was killed in a strike on Homs.")


def test_missile_test_is_a_show_of_force_and_a_missile_at_a_ship_an_attack(coded) -> None:  # type: ignore[no-untyped-def]
    [e] = events(coded, "Iran test-fired a cruise missile into the Gulf of Oman.")
    assert (e[0], e[1], e[2]) == ("MOBILIZE", "150", ["state:IRN"])
    [e] = events(coded, "The Houthis fired a cruise missile at a tanker.")
    assert e[0] == "ASSAULT"


def test_thousands_of_troops_are_troops(coded) -> None:  # type: ignore[no-untyped-def]
    [e] = events(coded, "Turkey sent thousands of troops into northern Syria.")
    assert (e[0], e[2], e[3], e[5]) == ("MOBILIZE", ["state:TUR"], ["state:SYR"],
                                        "sent thousands of troops")


def test_peacekeepers_sent_are_aid(coded) -> None:  # type: ignore[no-untyped-def]
    [e] = events(coded, "Nepal deployed 800 peacekeepers to Lebanon.")
    assert e[:4] == ("AID", "074", ["state:NPL"], ["state:LBN"])


def test_riot_control_is_repression(coded) -> None:  # type: ignore[no-untyped-def]
    [e] = events(coded, "Kenyan police fired tear gas at protesters in Nairobi.")
    assert (e[0], e[1]) == ("COERCE", "175")


def test_blocking_access_is_a_restriction(coded) -> None:  # type: ignore[no-untyped-def]
    [e] = events(coded, "Pakistani authorities blocked access to several news websites.")
    assert (e[0], e[1]) == ("COERCE", "172")


def test_halting_exports_is_a_sanction(coded) -> None:  # type: ignore[no-untyped-def]
    [e] = events(coded, "Norway halted arms exports to Turkey.")
    assert e[:4] == ("SANCTION", "16", ["state:NOR"], ["state:TUR"])


def test_mobilisation_announced(coded) -> None:  # type: ignore[no-untyped-def]
    [e] = events(coded, "Belarus announced a partial mobilisation of reservists.")
    assert e[:3] == ("MOBILIZE", "154", ["state:BLR"])


def test_arriving_for_a_visit_and_receiving_a_visitor(coded) -> None:  # type: ignore[no-untyped-def]
    [e] = events(coded, "India's prime minister arrived in Tokyo for a three-day visit.")
    assert (e[0], e[1], e[3]) == ("CONSULT", "042", ["state:JPN"])
    [e] = events(coded, "The King of Jordan received Egypt's foreign minister in Amman.")
    assert e[:4] == ("CONSULT", "043", ["state:JOR"], ["state:EGY"])


def test_initialled_agreement_ultimatum_and_ruling_out(coded) -> None:  # type: ignore[no-untyped-def]
    assert events(coded, "Serbia and Hungary initialled a gas agreement.")[0][:2] == (
        "AGREE", "057")
    assert types(coded, "Moldova gave the separatists an ultimatum to disarm.") == ["THREATEN"]
    # the talks are what is ruled out, not an event; their partner is the target
    [e] = events(coded, "Finland ruled out talks with Russia.")
    assert e[:4] == ("REJECT", "125", ["state:FIN"], ["state:RUS"])


def test_release_noun_names_the_releaser_and_the_released(coded) -> None:  # type: ignore[no-untyped-def]
    [e] = events(coded, "The release of Estonia's consul by Russia ended the standoff.")
    assert e[:4] == ("RETREAT", "0841", ["state:RUS"], ["state:EST"])


def test_investigations_petitions_outcomes_and_votes(coded) -> None:  # type: ignore[no-untyped-def]
    # what is investigated is not an event of its own
    got = events(coded, "Chilean prosecutors are investigating a plot to kill the president.")
    assert [(e[0], e[1]) for e in got] == [("ACCUSE", "090")]
    assert [e[0] for e in events(coded, "Bolivia filed a case at the International Court of "
                                        "Justice against Chile.")] == ["ACCUSE"]
    assert [e[0] for e in events(coded, "The Malian junta accepted the election result.")] == [
        "CONCEDE"]
    # what the rejected bill would have done is not an event either
    got = events(coded, "Peru's parliament voted down a bill that would have allowed Chilean "
                        "troops to train in the country.")
    assert [e[0] for e in got] == ["REJECT"]


def test_an_agreement_that_meets_a_demand_is_a_concession(coded) -> None:  # type: ignore[no-untyped-def]
    got = events(coded, "Ecuador's government agreed to cut fuel prices, meeting a key demand of "
                        "the indigenous movement.")
    assert [e[0] for e in got] == ["CONCEDE"]


def test_event_nouns_endorsement_incursion_request(coded) -> None:  # type: ignore[no-untyped-def]
    [e] = events(coded, "Chile's endorsement of the Peruvian candidate came as a surprise.")
    assert e[:4] == ("SUPPORT", "050", ["state:CHL"], ["state:PER"])
    [e] = events(coded, "The Rwandan army's incursion into eastern Burundi began in May.")
    assert (e[0], e[3]) == ("ASSAULT", ["state:BDI"])
    # what a request asks for is not an event
    got = events(coded, "Peru has not answered a Bolivian request to extradite the former "
                        "minister.")
    assert [(e[0], e[2]) for e in got] == [("REQUEST", ["state:BOL"])]


def test_ordering_arrests_is_coercion(coded) -> None:  # type: ignore[no-untyped-def]
    [e] = events(coded, "Bolivia's interior minister ordered the arrest of three Chilean "
                        "activists.")
    assert (e[0], e[1]) == ("COERCE", "173")
    assert e[3] in (["state:CHL"], ["group:chl-opp"])  # the activists, not Bolivia


def test_offering_aid_is_intent_and_granting_asylum_is_aid(coded) -> None:  # type: ignore[no-untyped-def]
    [e] = events(coded, "Mexico offered asylum to Bolivia's former president.")
    assert e[:4] == ("AGREE", "033", ["state:MEX"], ["state:BOL"])
    [e] = events(coded, "Brazil granted refugee status to 2,000 Venezuelans.")
    assert e[:4] == ("AID", "075", ["state:BRA"], ["state:VEN"])


def test_joint_on_a_compound_object_is_cooperation(coded) -> None:  # type: ignore[no-untyped-def]
    [e] = events(coded, "Chile and Peru will build a joint gas pipeline.")
    assert (e[0], e[4]) == ("COOPERATE", "planned")


def test_supplies_as_aid_parades_and_pushbacks(coded) -> None:  # type: ignore[no-untyped-def]
    [e] = events(coded, "Chile is supplying Ecuador with patrol boats as military aid.")
    assert e[:4] == ("AID", "070", ["state:CHL"], ["state:ECU"])
    [e] = events(coded, "North Korea paraded new ballistic missiles in Pyongyang.")
    assert (e[0], e[1]) == ("MOBILIZE", "150")
    # pushed back, the charity ALLEGED: alleged, not reported
    [e] = events(coded, "Croatian police pushed back a migrant boat into Bosnian waters, a "
                        "charity alleged.")
    assert (e[0], e[1], e[4]) == ("COERCE", "174", "alleged")


def test_arrests_during_protests_are_no_protest_by_the_police(coded) -> None:  # type: ignore[no-untyped-def]
    got = events(coded, "Police arrest 40 in Lima protests")
    assert got[0][0] == "COERCE" and all(e[5] != "arrest" or e[0] == "COERCE" for e in got)


def test_headline_subject_parsed_as_a_compound(coded) -> None:  # type: ignore[no-untyped-def]
    [e] = events(coded, "Peru hands back two islands to Ecuador")
    assert e[:4] == ("RETREAT", "0842", ["state:PER"], ["state:ECU"])
