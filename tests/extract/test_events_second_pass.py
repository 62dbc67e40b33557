"""Second pass on event types: irregular past tenses the tagger read as base forms, aid
delivered by air or as credit, arms received, relations restored, wars fought, fire
returned, wounds and their causes, reported plans with a date ahead, pledges made.
Every sentence here is written for these tests."""

from __future__ import annotations

from typing import Any


def events(coded: Any, text: str) -> list[tuple[Any, ...]]:
    doc = coded(text)
    return [(e.type, e.cameo, e.source, e.target, e.modality, e.trigger) for e in doc._.events]


def test_an_irregular_past_tagged_as_a_base_form_takes_its_verbs_lemma(coded) -> None:  # type: ignore[no-untyped-def]
    # the tagger reads "forgave" here as VB and the rule lemmatizer keeps the surface form
    [e] = events(coded, "Kuwait forgave Yemen's debt after the floods.")
    assert e[:4] == ("AID", "071", ["state:KWT"], ["state:YEM"])
    doc = coded("Kuwait forgave Yemen's debt after the floods.")
    assert [t.lemma_ for t in doc if t.lower_ == "forgave"] == ["forgive"]


def test_a_word_that_is_also_a_base_form_is_left_to_the_tagger(nlp) -> None:  # type: ignore[no-untyped-def]
    from accord.extract.events.lemmas import LemmaFallback

    fallback = LemmaFallback(nlp)
    assert fallback.irregular["overran"] == "overrun"
    assert fallback.irregular["withdrew"] == "withdraw"
    # "to found a state", "lay siege", "to wound": base forms as well as past tenses
    assert not {"found", "lay", "wound", "saw"} & set(fallback.irregular)


def test_aid_dropped_from_the_air_and_credit_extended_are_aid(coded) -> None:  # type: ignore[no-untyped-def]
    [e] = events(coded, "Egyptian aircraft airdropped flour and water over the cut-off villages.")
    assert (e[0], e[1], e[2], e[5]) == ("AID", "073", ["state:EGY"], "airdropped")
    [e] = events(coded, "Japan extended a line of credit to Kenya.")
    assert e[:5] == ("AID", "071", ["state:JPN"], ["state:KEN"], "asserted")
    [e] = events(coded, "Saudi Arabia opened a credit line for Pakistan.")
    assert e[:4] == ("AID", "071", ["state:SAU"], ["state:PAK"])


def test_a_sum_given_in_aid_is_aid_to_the_receiver(coded) -> None:  # type: ignore[no-untyped-def]
    [e] = events(coded, "Norway sent Somalia $40 million in emergency aid.")
    assert e[:4] == ("AID", "07", ["state:NOR"], ["state:SOM"])


def test_a_pledge_of_aid_is_made_not_planned(coded) -> None:  # type: ignore[no-untyped-def]
    [e] = events(coded, "Canada pledged $30 million in aid to Haiti on Monday.")
    assert e[:5] == ("AGREE", "033", ["state:CAN"], ["state:HTI"], "asserted")


def test_weapons_received_come_from_their_supplier(coded) -> None:  # type: ignore[no-untyped-def]
    [e] = events(coded, "Serbia received six fighter jets from Belarus.")
    assert e[:5] == ("COOPERATE", "062", ["state:BLR"], ["state:SRB"], "asserted")
    [e] = events(coded, "Kazakhstan received French helicopters in May.")
    assert e[:4] == ("COOPERATE", "062", ["state:FRA"], ["state:KAZ"])


def test_restored_relations_are_cooperation(coded) -> None:  # type: ignore[no-untyped-def]
    [e] = events(coded, "Morocco and Iran restored diplomatic relations last year.")
    assert (e[0], sorted(e[2]), sorted(e[3])) == (
        "COOPERATE", ["state:IRN", "state:MAR"], ["state:IRN", "state:MAR"])


def test_a_war_fought_or_waged_is_an_assault(coded) -> None:  # type: ignore[no-untyped-def]
    [e] = events(coded, "Eritrea and Ethiopia fought a bloody border war.")
    assert (e[0], e[1], sorted(e[2]), sorted(e[3])) == (
        "ASSAULT", "190", ["state:ERI", "state:ETH"], ["state:ERI", "state:ETH"])
    [e] = events(coded, "Iraq waged a war against Kuwait.")
    assert e[:4] == ("ASSAULT", "190", ["state:IRQ"], ["state:KWT"])


def test_returned_fire_is_an_attack_not_a_return(coded) -> None:  # type: ignore[no-untyped-def]
    [e] = events(coded, "Armenian soldiers returned fire after the shelling.")
    assert (e[0], e[1], e[5]) == ("ASSAULT", "193", "returned fire")


def test_wounded_people_with_no_agent_and_the_attack_that_wounded_them(coded) -> None:  # type: ignore[no-untyped-def]
    [e] = events(coded, "Four border guards were wounded near Kerman.")
    assert (e[0], e[2], e[5]) == ("ASSAULT", [], "wounded")
    # the wounding is the toll of the strike, not a second attack
    [e] = events(coded, "Seven people were wounded when drones struck a depot in Odesa.")
    assert (e[0], e[5]) == ("ASSAULT", "struck")


def test_would_with_a_date_ahead_is_planned(coded) -> None:  # type: ignore[no-untyped-def]
    [e] = events(coded, "Officials said Peru would sign the trade pact with Chile next week.")
    assert (e[0], e[4]) == ("AGREE", "planned")
    [e] = events(coded, "Officials said Peru would sign the trade pact with Chile if asked.")
    assert (e[0], e[4]) == ("AGREE", "hypothetical")


def test_aid_received_comes_from_its_giver(coded) -> None:  # type: ignore[no-untyped-def]
    [e] = events(coded, "Malawi received 300,000 doses of vaccine from Kenya.")
    assert e[:4] == ("AID", "07", ["state:KEN"], ["state:MWI"])
    [e] = events(coded, "Chile received two frigates from Britain.")
    assert e[:4] == ("COOPERATE", "062", ["state:GBR"], ["state:CHL"])


def test_accepting_offered_aid_is_no_aid_event(coded) -> None:  # type: ignore[no-untyped-def]
    # (the noun "aid" may still name Tunisia's aid; the acceptance itself makes no event)
    got = events(coded, "Libya accepted aid from Tunisia after the floods.")
    assert not [e for e in got if e[5].startswith("accepted")]
    [e] = events(coded, "Libya received aid from Tunisia after the floods.")
    assert e[:4] == ("AID", "07", ["state:TUN"], ["state:LBY"])


def test_an_announced_would_is_planned(coded) -> None:  # type: ignore[no-untyped-def]
    [e] = events(coded, "Lithuania announced that 800 troops would be sent to the Polish border.")
    assert (e[0], e[4]) == ("MOBILIZE", "planned")
