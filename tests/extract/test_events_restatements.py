"""One event told twice, what a protest demands, and the reasons of an act
(constructions.restatements). Every sentence here is written for these tests."""

from __future__ import annotations

from typing import Any


def events(coded: Any, text: str) -> list[tuple[Any, ...]]:
    doc = coded(text)
    return [(e.type, e.trigger, e.source, e.target) for e in doc._.events]


def test_participle_of_the_same_act_is_one_event(coded) -> None:  # type: ignore[no-untyped-def]
    got = events(coded, "Ethiopian drones struck a fuel depot in Kenya, killing six people.")
    assert [(e[0], e[1], e[2]) for e in got] == [("ASSAULT", "struck", ["state:ETH"])]


def test_purpose_phrase_of_a_visit_is_one_meeting(coded) -> None:  # type: ignore[no-untyped-def]
    got = events(coded, "Chile's foreign minister travelled to Lima for talks with Peru.")
    assert [(e[0], e[1]) for e in got] == [("CONSULT", "travelled")]
    assert "state:PER" in got[0][3]


def test_a_clause_with_its_own_subject_stays_an_event(coded) -> None:  # type: ignore[no-untyped-def]
    got = events(coded, "Ethiopian drones struck a fuel depot after Eritrean troops attacked "
                        "a border post.")
    assert sorted((e[0], e[1]) for e in got) == [("ASSAULT", "attacked"), ("ASSAULT", "struck")]


def test_mediated_talks_are_two_events(coded) -> None:  # type: ignore[no-untyped-def]
    got = events(coded, "Oman mediated talks between Iran and Britain.")
    assert [(e[0], e[1]) for e in got] == [("CONSULT", "mediated"), ("CONSULT", "talks")]


def test_what_a_protest_demands_is_its_content(coded) -> None:  # type: ignore[no-untyped-def]
    got = events(coded, "Thousands of Kenyans marched through Mombasa to demand lower fuel prices.")
    assert [(e[0], e[1], e[2]) for e in got] == [("PROTEST", "marched", ["state:KEN"])]
    got = events(coded, "Protesters blocked the main road into Quito, demanding the minister's "
                        "resignation.")
    assert [e[0] for e in got] == ["PROTEST"]


def test_the_reason_of_an_arrest_or_sanction_is_background(coded) -> None:  # type: ignore[no-untyped-def]
    got = events(coded, "Peru arrested a Bolivian journalist for criticising the government.")
    assert [(e[0], e[2]) for e in got] == [("COERCE", ["state:PER"])]
    got = events(coded, "Norway sanctioned three Russian officers over attacks on Ukrainian ports.")
    assert [(e[0], e[2]) for e in got] == [("SANCTION", ["state:NOR"])]
    got = events(coded, "Chile condemned the arms sale to Bolivia.")
    assert [(e[0], e[2]) for e in got] == [("ACCUSE", ["state:CHL"])]


def test_conjoined_acts_of_one_type_are_one_event(coded) -> None:  # type: ignore[no-untyped-def]
    got = events(coded, "Bolivian police raided the union offices and detained three leaders.")
    assert [(e[0], e[1]) for e in got] == [("COERCE", "raided")]
    # with subjects of their own they stay two
    got = events(coded, "Peru arrested two Chilean sailors and Chile detained a Peruvian pilot.")
    assert sorted(e[1] for e in got) == ["arrested", "detained"]


def test_an_event_noun_in_a_time_phrase_is_background(coded) -> None:  # type: ignore[no-untyped-def]
    got = events(coded, "Ecuador closed its border with Peru after a series of Peruvian raids.")
    assert [e[0] for e in got] == ["COERCE"]
    # a visit during which something is signed is an event of its own
    got = events(coded, "Chile and Peru signed a water accord during a visit by Peru's "
                        "president to Santiago.")
    assert sorted(e[0] for e in got) == ["AGREE", "CONSULT"]


def test_agreeing_to_meet_a_demand_is_a_concession(coded) -> None:  # type: ignore[no-untyped-def]
    got = events(coded, "Bolivia's electoral court agreed to a recount, meeting a key demand "
                        "of the opposition.")
    assert [e[0] for e in got] == ["CONCEDE"]


def test_what_an_agreement_is_about_is_not_an_event(coded) -> None:  # type: ignore[no-untyped-def]
    got = events(coded, "Chile and Peru have not agreed on how to share the fishing grounds.")
    assert [e[0] for e in got] == ["AGREE"]


def test_a_joint_news_conference_is_no_cooperation(coded) -> None:  # type: ignore[no-untyped-def]
    got = events(coded, "Peru apologised to Chile, the Peruvian president told a joint news "
                        "conference.")
    assert [e[0] for e in got] == ["CONCEDE"]


def test_what_is_rejected_is_content_whoever_made_it(coded) -> None:  # type: ignore[no-untyped-def]
    got = events(coded, "Bolivia rejected Chile's water agreement on Monday.")
    assert [(e[0], e[2]) for e in got] == [("REJECT", ["state:BOL"])]


def test_ordering_an_ambassador_out_is_a_sanction(coded) -> None:  # type: ignore[no-untyped-def]
    got = events(coded, "Peru ordered Bolivia's ambassador to leave the country.")
    assert [(e[0], e[2], e[3]) for e in got] == [("SANCTION", ["state:PER"], ["state:BOL"])]


def test_a_domestic_act_of_the_dictionary_stays(coded) -> None:  # type: ignore[no-untyped-def]
    got = events(coded, "Thousands of Chileans rallied in Santiago against the pension reform.")
    assert [(e[0], e[2], e[3]) for e in got] == [("PROTEST", ["state:CHL"], ["state:CHL"])]


def test_the_subject_of_a_protest_verb_is_not_its_content(coded) -> None:  # type: ignore[no-untyped-def]
    got = events(coded, "Thousands of Chileans rallied in Santiago against the pension reform "
                        "after the arrest of a union leader.")
    assert [e[0] for e in got] == ["PROTEST"]  # the arrest is in a time phrase
    got = events(coded, "A Peruvian incursion into Bolivia could provoke a wider conflict, "
                        "analysts warned.")
    assert "ASSAULT" in [e[0] for e in got]
