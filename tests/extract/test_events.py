"""The PLOVER coder on sentences we wrote: one test per construction.

All texts are invented for the tests; they run through the full pipeline
(actors + events), so actor keys are the gazetteer's (``state:POL``...).
"""

from __future__ import annotations

import pytest

from accord.records import PLOVER_TYPES, EventRecord


def events(doc, type_: str | None = None) -> list[EventRecord]:  # type: ignore[no-untyped-def]
    return [e for e in doc._.events if type_ is None or e.type == type_]


def one(doc, type_: str) -> EventRecord:  # type: ignore[no-untyped-def]
    found = events(doc, type_)
    got = [(e.type, e.trigger) for e in doc._.events]
    assert len(found) == 1, f"expected one {type_}, got {got}"
    return found[0]


def states(doc, keys: list[str]) -> set[str]:  # type: ignore[no-untyped-def]
    """Keys plus the states of people/organisations among them."""
    country = {s._.actor.key: s._.actor.country for s in doc.spans["actors"]}
    return set(keys) | {country[k] for k in keys if country.get(k)}


# -- DESIGN.md's worked example (invented text, used verbatim) --------------------------------
WORKED = ("Norway's foreign minister met her Chilean counterpart in Valletta on Monday and signed "
          "a $300 million fisheries agreement, officials said. Chile denied reports that it had "
          "moved warships south last year.")


def test_worked_example(coded) -> None:  # type: ignore[no-untyped-def]
    doc = coded(WORKED, "2021-03-03")
    assert sorted(e.type for e in doc._.events) == ["AGREE", "CONSULT", "MOBILIZE"]
    first = list(doc.sents)[0].text.strip()

    consult = one(doc, "CONSULT")
    assert states(doc, consult.source) >= {"state:NOR"}
    assert states(doc, consult.target) >= {"state:CHL"}
    assert (consult.date_value, consult.date_basis) == ("2021-03-01", "relative")
    assert consult.modality == "reported" and consult.attributed_to == ["outlet:officials"]
    assert consult.location == "loc:valletta"
    assert consult.text == first and WORKED[consult.start:consult.end] == first
    assert consult.trigger == "met" and consult.cameo == "040"

    agree = one(doc, "AGREE")
    assert set(agree.source) == set(agree.target) == {"state:NOR", "state:CHL"}
    assert (agree.date_value, agree.date_basis) == ("2021-03-01", "relative")
    assert agree.modality == "reported"
    [q] = agree.quantities
    assert (q.value, q.unit, q.qualifier, q.text) == (3e8, "USD", "exact", "$300 million")
    assert WORKED[q.start:q.end] == "$300 million"

    mob = one(doc, "MOBILIZE")
    assert mob.source == ["state:CHL"]
    assert (mob.date_value, mob.date_basis, mob.date_text) == ("2020", "relative", "last year")
    assert mob.modality == "denied" and mob.attributed_to == ["state:CHL"]
    assert mob.sentence_index == 1 and mob.text == "Chile denied reports that it had moved " \
        "warships south last year."


def test_every_event_is_well_formed(coded) -> None:  # type: ignore[no-untyped-def]
    text = WORKED + " In May 2019, Japan and Vietnam held talks in Hanoi."
    doc = coded(text, "2021-03-03")
    sents = list(doc.sents)
    for e in doc._.events:
        assert e.type in PLOVER_TYPES
        assert text[e.start:e.end] == e.text == sents[e.sentence_index].text.strip()
        assert e.cameo and 2 <= len(e.cameo) <= 4 and e.cameo.isdigit()
        assert -10 <= e.intensity <= 10
        assert e.trigger.split()[0] in e.text


# -- roles ----------------------------------------------------------------------------------
def test_passive_voice_agent_is_source(coded) -> None:  # type: ignore[no-untyped-def]
    doc = coded("Two Polish diplomats were expelled by Belarus last week.", "2023-05-10")
    e = one(doc, "SANCTION")
    # "Polish diplomats" is a country+agent actor (group:pol-gov, country POL)
    assert e.source == ["state:BLR"] and states(doc, e.target) >= {"state:POL"}
    # "last week" is that week (time.py): the Monday it starts, granularity week
    assert (e.date_value, e.date_basis) == ("2023-05-01", "relative")
    assert [(q.value, q.unit) for q in e.quantities] == [(2.0, "people")]


def test_passive_arrest_by_organisation(coded) -> None:  # type: ignore[no-untyped-def]
    doc = coded("Three opposition activists were arrested by Belarusian police in Minsk.")
    e = one(doc, "COERCE")
    assert "state:BLR" in states(doc, e.source)
    assert e.location == "loc:minsk"
    assert [(q.value, q.unit, q.text) for q in e.quantities] == [
        (3.0, "people", "Three opposition activists")]


def test_coordination_and_symmetric_type(coded) -> None:  # type: ignore[no-untyped-def]
    doc = coded("Poland and South Korea signed a defence agreement in Warsaw.")
    e = one(doc, "AGREE")
    assert set(e.source) == set(e.target) == {"state:POL", "state:KOR"}
    assert e.location == "loc:warsaw" and e.trigger == "signed a defence agreement"


def test_prepositional_target_deal_with(coded) -> None:  # type: ignore[no-untyped-def]
    doc = coded("Sweden signed a $2.1 billon deal with Norway, officials said.")
    e = one(doc, "AGREE")
    assert set(e.source) == {"state:SWE", "state:NOR"}
    assert [(q.value, q.unit) for q in e.quantities] == [(2.1e9, "USD")]
    assert e.modality == "reported"


def test_nominal_events(coded) -> None:  # type: ignore[no-untyped-def]
    doc = coded("The arrest of two Lithuanian citizens by Belarus angered Vilnius. "
                "The visit of the Polish president to Seoul lasted three days.")
    arrest = one(doc, "COERCE")
    assert (arrest.source, arrest.trigger) == (["state:BLR"], "arrest")
    assert states(doc, arrest.target) >= {"state:LTU"}  # Lithuanian citizens: LTU civilians
    visit = one(doc, "CONSULT")
    assert states(doc, visit.source) >= {"state:POL"} and visit.target == ["state:KOR"]


def test_generic_event_noun_without_actors_is_not_an_event(coded) -> None:  # type: ignore[no-untyped-def]
    doc = coded("Analysts say the attack was a turning point for the region.")
    assert events(doc) == []


def test_light_verbs(coded) -> None:  # type: ignore[no-untyped-def]
    doc = coded("The Chilean foreign minister paid a visit to Norway in May 2019. "
                "Japan and Vietnam held talks on Friday.", "2019-06-12")
    visit, talks = events(doc, "CONSULT")
    assert (visit.target, visit.trigger) == (["state:NOR"], "paid a visit")
    assert states(doc, visit.source) >= {"state:CHL"}  # the Chilean foreign minister
    assert (visit.date_value, visit.date_basis) == ("2019-05", "explicit")
    assert set(talks.source) == set(talks.target) == {"state:JPN", "state:VNM"}
    assert (talks.date_value, talks.date_basis) == ("2019-06-07", "relative")


def test_several_events_in_one_sentence(coded) -> None:  # type: ignore[no-untyped-def]
    doc = coded("Georgia detained 14 men over an alleged Russian plot against British and "
                "French diplomats in Tbilisi.")
    coerce = one(doc, "COERCE")
    plot = one(doc, "ASSAULT")
    assert coerce.source == ["state:GEO"] and coerce.modality == "asserted"
    assert [(q.value, q.unit) for q in coerce.quantities] == [(14.0, "people")]
    assert plot.source == ["state:RUS"]
    assert states(doc, plot.target) >= {"state:GBR", "state:FRA"}  # British/French diplomats
    assert plot.modality == "planned"


# -- reading the verb in context ------------------------------------------------------------
def test_verbal_attack_is_accuse_not_assault(coded) -> None:  # type: ignore[no-untyped-def]
    doc = coded("In 2019, Iran attacked Saudi Arabia for backing the rebels in Yemen.")
    assert [e.type for e in doc._.events] == ["ACCUSE"]
    e = doc._.events[0]
    assert (e.source, e.target, e.date_value) == (["state:IRN"], ["state:SAU"], "2019")
    assert e.intensity < 0 and e.cameo == "11"


def test_physical_attack_is_assault(coded) -> None:  # type: ignore[no-untyped-def]
    doc = coded("Russia attacked Ukraine in February 2022.")
    e = one(doc, "ASSAULT")
    assert (e.source, e.target, e.date_value, e.date_basis) == (
        ["state:RUS"], ["state:UKR"], "2022-02", "explicit")
    # the hand entry's type, with the CAMEO dictionary's full code for "attack"
    assert e.cameo == "190"


def test_accused_of_collaborating_is_not_cooperation(coded) -> None:  # type: ignore[no-untyped-def]
    doc = coded("Armenia accused Georgia of collaborating with Turkey against it.")
    assert [e.type for e in doc._.events] == ["ACCUSE"]


def test_foiled_plot_is_planned_and_arrest_is_asserted(coded) -> None:  # type: ignore[no-untyped-def]
    doc = coded("Police in Oslo foiled a plot to bomb the Swedish embassy and arrested three men.")
    plot = one(doc, "ASSAULT")
    assert plot.modality == "planned" and plot.trigger == "plot to bomb"
    assert "state:SWE" in states(doc, plot.target)
    arrest = one(doc, "COERCE")
    assert arrest.modality == "asserted"
    assert [(q.value, q.unit) for q in arrest.quantities] == [(3.0, "people")]


def test_plot_that_was_foiled_passive(coded) -> None:  # type: ignore[no-untyped-def]
    doc = coded("In 2015, a plot was foiled to bomb the Danish embassy in Riga.")
    e = one(doc, "ASSAULT")
    assert e.modality == "planned" and e.date_value == "2015" and e.location == "loc:riga"
    assert e.source == []  # the plotters are unknown, not the police who foiled it


def test_denial_of_an_accusation(coded) -> None:  # type: ignore[no-untyped-def]
    doc = coded("Lithuania accused Belarus of backing the smugglers. Minsk denied any involvement.")
    acc = one(doc, "ACCUSE")
    assert (acc.source, acc.target, acc.modality) == (["state:LTU"], ["state:BLR"], "asserted")
    denied = [e for e in doc._.events if e.modality == "denied"]
    assert len(denied) == 1
    d = denied[0]
    assert d.type == "SUPPORT" and d.source == ["state:BLR"] and d.attributed_to == ["state:BLR"]
    assert d.sentence_index == 1 and d.text == "Minsk denied any involvement."
    # The accused support is never reported as having happened.
    assert not [e for e in doc._.events if e.type == "SUPPORT" and e.modality != "denied"]


def test_denial_of_reports_with_complement(coded) -> None:  # type: ignore[no-untyped-def]
    doc = coded("Russia denied reports that it moved troops to the Belarus border last year.",
                "2024-01-15")
    e = one(doc, "MOBILIZE")
    assert (e.source, e.target) == (["state:RUS"], ["state:BLR"])
    assert (e.modality, e.attributed_to) == ("denied", ["state:RUS"])
    assert (e.date_value, e.date_basis) == ("2023", "relative")


def test_denial_refers_back_to_a_report(coded) -> None:  # type: ignore[no-untyped-def]
    doc = coded("A newspaper said Israel was ready to use Georgian bases for a possible strike on "
                "Iranian nuclear sites. Israeli and Georgian officials denied the report.")
    denied = [e for e in doc._.events if e.modality == "denied"]
    assert len(denied) == 1 and denied[0].type == "ASSAULT"
    assert denied[0].source == ["state:ISR"] and denied[0].target == ["state:IRN"]
    assert set(denied[0].attributed_to) == {"state:ISR", "state:GEO"}


def test_rejected_accusation_targets_the_accuser(coded) -> None:  # type: ignore[no-untyped-def]
    doc = coded("Serbia accused Croatia of provocations. Croatia rejected the accusation.")
    rej = one(doc, "REJECT")
    assert (rej.source, rej.target) == (["state:HRV"], ["state:SRB"])


# -- the rest of the record -----------------------------------------------------------------
def test_location_from_in_phrase(coded) -> None:  # type: ignore[no-untyped-def]
    doc = coded("Kazakhstan and Uzbekistan held talks in Tashkent in 2021.")
    e = one(doc, "CONSULT")
    assert e.location == "loc:tashkent" and e.date_value == "2021"


def test_threat_with_infinitive_target(coded) -> None:  # type: ignore[no-untyped-def]
    doc = coded("North Korea threatened on Sunday to destroy Japan.", "2024-01-17")
    e = one(doc, "THREATEN")
    assert (e.source, e.target) == (["state:PRK"], ["state:JPN"])
    assert e.date_value == "2024-01-14"


def test_group_reference_takes_previous_participants(coded) -> None:  # type: ignore[no-untyped-def]
    doc = coded("Peru's president met the Bolivian president in Lima. The two presidents signed "
                "a border agreement.")
    agree = one(doc, "AGREE")
    assert states(doc, agree.source) >= {"state:PER", "state:BOL"}


@pytest.mark.parametrize("text,modality", [
    ("Finland did not sign the agreement with Russia.", "negated"),
    ("Estonia plans to visit Latvia.", "planned"),
    ("Latvia will host Estonia in June 2025.", "planned"),
    ("Russia may be preparing to attack Moldova.", "hypothetical"),
    ("If Serbia attacked Kosovo, the alliance would respond.", "hypothetical"),
    ("Hungary allegedly helped Russia evade sanctions.", "alleged"),
    ("Georgia signed a trade agreement with Armenia, officials said.", "reported"),
    ("Georgia signed a trade agreement with Armenia.", "asserted"),
])
def test_modality(coded, text: str, modality: str) -> None:  # type: ignore[no-untyped-def]
    evs = events(coded(text))
    assert evs and evs[0].modality == modality


def test_according_to_attributes_the_source(coded) -> None:  # type: ignore[no-untyped-def]
    doc = coded("Russia may be preparing to attack Moldova, according to Romanian intelligence.")
    e = one(doc, "ASSAULT")
    assert e.modality == "hypothetical"
    assert "state:ROU" in states(doc, e.attributed_to)


def test_proposal_author_is_the_target(coded) -> None:  # type: ignore[no-untyped-def]
    doc = coded("Germany rejected a proposal from Poland on air defence on 2 September 2022.")
    e = one(doc, "REJECT")
    assert (e.source, e.target, e.date_value) == (["state:DEU"], ["state:POL"], "2022-09-02")


def test_troops_moved_to_a_border(coded) -> None:  # type: ignore[no-untyped-def]
    doc = coded("Canada moved troops to the border with Mexico on 6 March 2022.")
    e = one(doc, "MOBILIZE")
    assert (e.source, e.target, e.date_value) == (["state:CAN"], ["state:MEX"], "2022-03-06")


def test_date_at_the_end_of_an_accusation_dates_the_accusation(coded) -> None:  # type: ignore[no-untyped-def]
    doc = coded("Turkey accused Greece of violating its airspace on 31 January 2022.")
    e = one(doc, "ACCUSE")
    assert (e.source, e.target, e.date_value) == (["state:TUR"], ["state:GRC"], "2022-01-31")


def test_we_in_a_quote_is_the_speakers_state(coded) -> None:  # type: ignore[no-untyped-def]
    doc = coded('The Israeli ambassador to Turkey said, "We recognize the territorial integrity '
                'of Azerbaijan."')
    e = one(doc, "SUPPORT")
    assert (e.source, e.target, e.modality) == (["state:ISR"], ["state:AZE"], "reported")


def test_calling_an_accusation_a_lie_rejects_it(coded) -> None:  # type: ignore[no-untyped-def]
    doc = coded('Poland accused Belarus of backing the plotters. The Belarusian foreign ministry '
                'called the accusation "a fabrication".')
    rej = one(doc, "REJECT")
    assert "state:BLR" in states(doc, rej.source) and rej.target == ["state:POL"]


def test_reluctance_negates(coded) -> None:  # type: ignore[no-untyped-def]
    doc = coded("The war has led to American reluctance to sell Azerbaijan weapons.")
    e = one(doc, "COOPERATE")
    assert (e.source, e.target, e.modality) == (["state:USA"], ["state:AZE"], "negated")


def test_request_content_is_not_an_event(coded) -> None:  # type: ignore[no-untyped-def]
    doc = coded("Georgia called on Russia to withdraw its forces from Abkhazia.")
    assert [(e.type, e.source, e.target) for e in doc._.events] == [
        ("REQUEST", ["state:GEO"], ["state:RUS"])]


def test_relative_clause_subject(coded) -> None:  # type: ignore[no-untyped-def]
    doc = coded("Belarus, which hosted Russian troops in 2022, accused Poland of provocations.")
    host = one(doc, "COOPERATE")
    assert host.source == ["state:BLR"] and "state:RUS" in states(doc, host.target)
    assert host.date_value == "2022"
    acc = one(doc, "ACCUSE")
    assert (acc.source, acc.target, acc.date_value) == (["state:BLR"], ["state:POL"], None)
