"""Who did what to whom: source and target rules of the coder (events/args.py).

Every sentence here is written for these tests.
"""

from __future__ import annotations

from typing import Any


def dyads(coded: Any, text: str) -> list[tuple[str, list[str], list[str], str]]:
    doc = coded(text)
    return [(e.type, e.source, e.target, e.trigger) for e in doc._.events]


def test_party_of_no_stated_country_belongs_to_the_actors_state(coded) -> None:  # type: ignore[no-untyped-def]
    # "opposition lawmakers" name no state: a domestic act, the police's own state
    assert dyads(coded, "Bolivian police detained two opposition lawmakers.") == [
        ("COERCE", ["org:bol-police"], ["state:BOL"], "detained")]
    # a named foreign party wins
    assert dyads(coded, "Bolivian police detained two Peruvian lawmakers.") == [
        ("COERCE", ["org:bol-police"], ["group:per-leg"], "detained")]


def test_a_protest_in_the_protesters_own_country_targets_it(coded) -> None:  # type: ignore[no-untyped-def]
    assert dyads(coded, "Thousands of Chileans marched in Santiago against the pension law.") == [
        ("PROTEST", ["state:CHL"], ["state:CHL"], "marched")]


def test_the_owner_of_what_is_acted_on_is_the_target(coded) -> None:  # type: ignore[no-untyped-def]
    assert dyads(coded, "Canada froze the bank accounts of three Belarusian officials.") == [
        ("SANCTION", ["state:CAN"], ["state:BLR"], "froze")]
    # an investigation's subject: whose conduct is looked into
    assert dyads(coded, "Danish prosecutors opened an inquiry into the conduct of Swedish "
                        "border officers.") == [
        ("ACCUSE", ["group:dnk-jud"], ["state:SWE"], "opened an inquiry")]


def test_a_topic_and_equipment_name_no_party(coded) -> None:  # type: ignore[no-untyped-def]
    # "intelligence ON X" is what was shared, not a partner
    assert dyads(coded, "Denmark and Estonia shared intelligence on Russian submarines.") == [
        ("COOPERATE", ["state:DNK", "state:EST"], [], "shared")]
    # fighter jets are no domestic party of the parliament's state
    assert dyads(coded, "The Dutch parliament blocked the sale of fighter jets.") == [
        ("SANCTION", ["org:nld-parliament"], [], "blocked")]


def test_a_title_with_an_unknown_name_acts_for_its_organisation(coded) -> None:  # type: ignore[no-untyped-def]
    assert dyads(coded, "The OSCE chief, Kari Lindqvist, urged Armenia to reopen the border.") == [
        ("REQUEST", ["person:kari-lindqvist", "org:osce"], ["state:ARM"], "urged")]


def test_a_subject_hung_on_the_visited_place_is_the_visitor(coded) -> None:  # type: ignore[no-untyped-def]
    # the parser makes the minister an apposition of the city; the minister made the visit
    text = ("On a three-day visit to Nairobi, the Ethiopian prime minister said his country "
            "wanted calm on the border.")
    assert ("CONSULT", ["group:eth-gov"], ["state:KEN"], "visit") in dyads(coded, text)


def test_fighters_of_a_group_act_for_it(coded) -> None:  # type: ignore[no-untyped-def]
    assert dyads(coded, "Fighters of Hayat Tahrir al-Sham attacked Syrian army positions.")[0][
        1] == ["group:hayat-tahrir-al-sham"]


def test_the_state_across_the_border_is_the_target(coded) -> None:  # type: ignore[no-untyped-def]
    # "with Russia" hung on the verb by the parser still belongs to the border
    assert dyads(coded, "Norway's army held exercises near its border with Russia.") == [
        ("MOBILIZE", ["org:nor-armed-forces"], ["state:RUS"], "held exercises")]
    assert dyads(coded, "Niger raised the alert level of its troops along the Chadian "
                        "border.") == [
        ("MOBILIZE", ["state:NER"], ["state:TCD"], "raised the alert level")]


def test_laws_bans_and_prisoners_make_an_act_domestic(coded) -> None:  # type: ignore[no-untyped-def]
    assert dyads(coded, "The Ghanaian government lifted the ban on street rallies.") == [
        ("CONCEDE", ["state:GHA"], ["state:GHA"], "lifted the ban")]
    assert dyads(coded, "The Kyrgyz government granted amnesty to 300 prisoners.") == [
        ("RETREAT", ["state:KGZ"], ["state:KGZ"], "granted amnesty")]
    # a named party found later by the constructions wins over the domestic reading
    assert dyads(coded, "Sweden requested urgent assistance from Norway after the storm.") == [
        ("REQUEST", ["state:SWE"], ["state:NOR"], "requested")]


def test_the_party_inside_a_refused_or_threatened_act(coded) -> None:  # type: ignore[no-untyped-def]
    assert dyads(coded, "Mongolia threatened to halt exports of Chinese coal.") == [
        ("THREATEN", ["state:MNG"], ["state:CHN"], "threatened")]
    assert dyads(coded, "Chile refused to let Bolivian negotiators into the talks.") == [
        ("REJECT", ["state:CHL"], ["group:bol-gov"], "refused")]


def test_a_place_inside_the_act_s_own_phrase(coded) -> None:  # type: ignore[no-untyped-def]
    # "in a raid IN northern Mali": the raid is no place, the place inside it is
    assert dyads(coded, "Soldiers killed nine fighters in a raid in northern Mali.") == [
        ("ASSAULT", [], ["state:MLI"], "killed")]


def test_the_head_of_a_body_with_an_unknown_name_acts_for_the_body(coded) -> None:  # type: ignore[no-untyped-def]
    assert dyads(coded, "The head of the OSCE, Kari Lindqvist, visited Yerevan.") == [
        ("CONSULT", ["org:osce"], ["state:ARM"], "visited")]


def test_an_investigation_targets_the_doer_or_the_place_of_what_it_looks_into(coded) -> None:  # type: ignore[no-untyped-def]
    assert dyads(coded, "The OSCE opened an investigation into abuses in Georgia.") == [
        ("ACCUSE", ["org:osce"], ["state:GEO"], "opened an investigation")]
    # "attacks BY X against Y": X is investigated, not the victims
    assert dyads(coded, "Dutch prosecutors are investigating alleged attacks by Russian "
                        "agents against Ukrainian refugees.")[0] == (
        "ACCUSE", ["group:nld-jud"], ["state:RUS"], "investigating")


def test_a_domestic_party_deep_in_compounds(coded) -> None:  # type: ignore[no-untyped-def]
    assert dyads(coded, "Bolivian police detained an opposition campaign spokesman.") == [
        ("COERCE", ["org:bol-police"], ["state:BOL"], "detained")]


def test_a_threat_to_strike_inside_a_state_targets_it(coded) -> None:  # type: ignore[no-untyped-def]
    assert dyads(coded, "The Houthis threatened to launch missiles into Saudi Arabia.") == [
        ("THREATEN", ["group:houthis"], ["state:SAU"], "threatened")]


def test_the_ministers_of_two_states_are_both_parties(coded) -> None:  # type: ignore[no-untyped-def]
    [(t, src, _tgt, trig)] = dyads(coded, "The foreign ministers of Saudi Arabia and Egypt "
                                          "backed the plan.")
    assert (t, src, trig) == ("SUPPORT", ["group:sau-gov", "state:EGY"], "backed")


def test_the_host_of_talks_between_two_states_and_both_states(coded) -> None:  # type: ignore[no-untyped-def]
    [host, *_] = dyads(coded, "Oman hosted indirect talks between Iran and the United States.")
    assert host == ("CONSULT", ["state:OMN"], ["state:IRN", "state:USA"], "hosted")


def test_local_people_act_for_the_state_they_act_in(coded) -> None:  # type: ignore[no-untyped-def]
    assert dyads(coded, "Police detained two opposition activists in Lusaka on Monday.") == [
        ("COERCE", ["state:ZMB"], ["group:zmb-opp"], "detained")]
    assert dyads(coded, "Students at the University of Nairobi protested against fee "
                        "increases.") == [
        ("PROTEST", ["state:KEN"], ["state:KEN"], "protested")]


def test_his_country_and_her_government_are_the_speaker_s_state(coded) -> None:  # type: ignore[no-untyped-def]
    assert dyads(coded, "The Ghanaian president said his country would send troops to "
                        "Haiti.") == [("MOBILIZE", ["state:GHA"], ["state:HTI"], "send troops")]
    # "her" finds no person mention (the minister is Peru's): the speaker's state
    assert dyads(coded, "Peru's trade minister said her government would sign the accord "
                        "with Ecuador next month.") == [
        ("AGREE", ["state:PER", "state:ECU"], ["state:PER", "state:ECU"], "sign the accord")]


def test_the_one_who_acts_during_a_visit_made_it(coded) -> None:  # type: ignore[no-untyped-def]
    assert dyads(coded, "The Dutch king praised Kenya's wildlife rangers during a state visit "
                        "to Nairobi.") == [
        ("SUPPORT", ["group:nld-gov"], ["state:KEN"], "praised"),
        ("CONSULT", ["group:nld-gov"], ["state:KEN"], "visit")]


def test_who_is_let_or_allowed_to_act_is_the_target(coded) -> None:  # type: ignore[no-untyped-def]
    assert dyads(coded, "Sudan's army refused to let UN investigators into the camp.") == [
        ("REJECT", ["org:sdn-armed-forces"], ["org:un"], "refused")]
    assert dyads(coded, "The Nigerien junta allowed Red Cross workers to visit the detained "
                        "president.") == [
        ("RETREAT", ["group:ner-gov"], ["org:red-cross"], "allowed")]
