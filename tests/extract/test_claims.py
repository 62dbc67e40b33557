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
    # a two-word national is written once ("south_koreans", not "south_south_koreans")
    ("About 3,000 South Koreans live in Norway.",
     ("state:NOR", "south_koreans", 3000.0, "people", "about", "asserted")),
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


# -- claims in the forms articles use (issue 15) ---------------------------------------------
def claims_full(doc):  # type: ignore[no-untyped-def]
    return [(c.subject, c.property, c.value, c.unit, c.qualifier, c.value_text)
            for c in doc._.claims]


@pytest.mark.parametrize("text,expected", [
    ("Sixteen million ethnic Azerbaijanis live across the border in Iran.",
     [("state:IRN", "ethnic_azerbaijanis", 1.6e7, "people", "exact",
       "Sixteen million ethnic Azerbaijanis")]),
    ("Iran is home to some 18 million ethnic Azeris.",  # one spelling of the demonym
     [("state:IRN", "ethnic_azerbaijanis", 1.8e7, "people", "about",
       "some 18 million ethnic Azeris")]),
    ("Norway's 3,000-strong Chilean community celebrated the vote.",
     [("state:NOR", "chileans_community", 3000.0, "people", "exact",
       "3,000-strong Chilean community")]),
    ("Ethnic Kurds make up 15% of Syria's population.",
     [("state:SYR", "ethnic_kurds", 15.0, "percent", "exact", "15%")]),
    ("Some 400,000 Roma, or 4 percent of the population, live in Slovakia.",
     [("state:SVK", "roma", 4e5, "people", "about", "Some 400,000 Roma"),
      ("state:SVK", "roma", 4.0, "percent", "exact", "4 percent")]),
    ("Peru signed a deal worth $1.6 billion with Chile.",
     [("state:CHL", "deal_value_with_per", 1.6e9, "USD", "exact", "$1.6 billion")]),
    ("Chile has signed $1.6bn in deals with Peru.",  # the same claim, other order
     [("state:CHL", "deal_value_with_per", 1.6e9, "USD", "exact", "$1.6bn")]),
    # a figure is stated for a year: figures of different years are different claims
    ("Russia's defence spending hit $109 billion in 2023.",
     [("state:RUS", "defence_spending_2023", 1.09e11, "USD", "exact", "$109 billion")]),
    ("Trade between Chile and Peru reached $4 billion last year.",
     [("state:CHL", "trade_2023", 4e9, "USD", "exact", "$4 billion")]),
    # ... but not for the day it was reported
    ("Officials said on Tuesday that Russia's defence spending hit $109 billion.",
     [("state:RUS", "defence_spending", 1.09e11, "USD", "exact", "$109 billion")]),
    ("Vietnam bought $450 million of arms from Israel.",
     [("state:VNM", "arms_purchases", 4.5e8, "USD", "exact", "$450 million")]),
    ("Azerbaijan accounts for 40% of Israel's oil imports.",
     [("state:ISR", "oil_imports_share", 40.0, "percent", "exact", "40%")]),
    ("Estonia has a population of 1.37 million.",
     [("state:EST", "population", 1.37e6, "people", "exact", "1.37 million")]),
    ("Up to 30 million ethnic Azeris live in Iran.",
     [("state:IRN", "ethnic_azerbaijanis", 3e7, "people", "up_to",
       "Up to 30 million ethnic Azeris")]),
    # what an actor did to N people
    ("Belarusian police detained two journalists in Minsk.",
     [("state:BLR", "detained_journalists", 2.0, "people", "exact", "two journalists")]),
    ("Algeria has deported thousands of migrants to Niger.",
     [("state:DZA", "deported_migrants", 2000.0, "people", "at_least",
       "thousands of migrants")]),
    # a vague multiple of a unit
    ("Israel has built hundreds of kilometres of barriers.",
     [("state:ISR", "barriers", 200.0, "km", "at_least", "hundreds of kilometres")]),
])
def test_claims_in_the_forms_articles_use(coded, text: str, expected: list) -> None:  # type: ignore[no-untyped-def]
    doc = coded(text, "2024-03-06")
    assert claims_full(doc) == expected
    for c in doc._.claims:  # the claim's span is its sentence, and the value is inside it
        assert c.text == text and c.value_text in text


@pytest.mark.parametrize("text", [
    "The two ministers held their first talks in seven years.",  # when, not how long
    "The minister reflected on fifty years of relations with Chile.",
    "Two wars and three car bombs shook Peru.",  # counts of things that are not equipment
])
def test_figures_that_are_not_claims(coded, text: str) -> None:  # type: ignore[no-untyped-def]
    assert claims_full(coded(text, "2024-03-06")) == []


def test_aid_for_a_people_is_the_donors_claim(coded) -> None:  # type: ignore[no-untyped-def]
    doc = coded("The EU released EUR 2m in humanitarian aid for Haitian families.")
    assert claims_full(doc) == [("org:eu", "humanitarian_aid", 2e6, "EUR", "exact", "EUR 2m")]


def test_counts_of_things_have_unit_count(coded) -> None:  # type: ignore[no-untyped-def]
    doc = coded("Egypt received 24 Rafale fighters from France.")
    assert claims_full(doc) == [("state:EGY", "rafale_fighters", 24.0, "count", "exact",
                                 "24 Rafale fighters")]


@pytest.mark.parametrize("text,expected", [
    # casualties: a count of victims with no actor said to have it is about the place
    ("At least 12 people were killed in a car bombing in Lima.",
     [("state:PER", "killed_people", 12.0, "people", "at_least", "At least 12 people")]),
    ("Dozens of civilians were wounded when shells hit a market in Santiago.",
     [("state:CHL", "wounded_civilians", 24.0, "people", "at_least", "Dozens of civilians")]),
    ("A Chilean missile strike on Lima left 18 dead and more than 60 injured.",
     [("state:PER", "dead", 18.0, "people", "exact", "18 dead"),
      ("state:PER", "injured", 60.0, "people", "more_than", "more than 60 injured")]),
    ("The death toll from the floods in Peru rose to 153.",
     [("state:PER", "death_toll", 153.0, "people", "exact", "153")]),
    ("Two hundred and fifty Peruvian schoolchildren were freed.",
     [("state:PER", "peruvian_schoolchildren", 250.0, "people", "exact",
       "Two hundred and fifty Peruvian schoolchildren")]),
    ("Up to 40 migrants are feared dead after their boat capsized off the Libyan coast.",
     [("state:LBY", "migrants_dead", 40.0, "people", "up_to", "Up to 40 migrants")]),
    ("The toll from the floods in eastern Libya climbed to 11,300, with 10,100 people still "
     "missing.", [("state:LBY", "toll", 11300.0, "people", "exact", "11,300"),
                  ("state:LBY", "people_missing", 10100.0, "people", "exact", "10,100 people")]),
    ("At least 30 people died in the floods in Chile.",
     [("state:CHL", "died_people", 30.0, "people", "at_least", "At least 30 people")]),
    ("The number of refugees in Chad has doubled to more than 1 million.",
     [("state:TCD", "refugees", 1e6, "people", "more_than", "more than 1 million")]),
    # a group's fighters are people; troops massed are the massing state's
    ("Israel said it had killed 300 Hezbollah fighters.",
     [("state:ISR", "killed_hezbollah_fighters", 300.0, "people", "exact",
       "300 Hezbollah fighters")]),
    ("Chile has massed more than 10,000 troops near the border.",
     [("state:CHL", "massed_troops", 10000.0, "people", "more_than",
       "more than 10,000 troops")]),
    # shares written as "one in five", "N out of M", "4 in 10" (no count of 10 people)
    ("One in five Peruvians lives below the poverty line.",
     [("state:PER", "peruvians_share", 20.0, "percent", "exact", "One in five")]),
    ("Roughly 1 in 3 Chileans has left the country.",
     [("state:CHL", "chileans_share", 33.3, "percent", "about", "Roughly 1 in 3")]),
    ("Only 4 in 10 Chileans trust the courts.",
     [("state:CHL", "chileans_share", 40.0, "percent", "exact", "4 in 10")]),
    ("Nine out of ten Peruvians voted.",
     [("state:PER", "peruvians_share", 90.0, "percent", "exact", "Nine out of ten")]),
    ("Nearly a third of Lebanese are unemployed.",
     [("state:LBN", "lebanese_share", 33.3, "percent", "about", "Nearly a third")]),
    # "per cent" written out; a month after the figure is when, not what
    ("Unemployment in Spain fell to 11.8 per cent.",
     [("state:ESP", "unemployment", 11.8, "percent", "exact", "11.8 per cent")]),
    ("Inflation in Turkey reached 61.5 per cent in October.",
     [("state:TUR", "inflation", 61.5, "percent", "exact", "61.5 per cent")]),  # no year: undated
    # multiples, compact scales before a people noun, stacked Indian scales
    ("Peru's exports to Chile have grown 18-fold.",
     [("state:PER", "exports", 18.0, "times", "exact", "18-fold")]),
    ("More than 1.2m Peruvians live in Chile.",
     [("state:CHL", "peruvians", 1.2e6, "people", "more_than", "More than 1.2m Peruvians")]),
    # money given, owed, deposited; a term "over N years" is exact
    ("Peru owes the IMF about $4bn.",
     [("state:PER", "debt", 4e9, "USD", "about", "about $4bn")]),
    ("Chile will give Peru €1.2m.", [("state:CHL", "funding", 1.2e6, "EUR", "exact", "€1.2m")]),
    ("Saudi Arabia deposited $3 billion in Pakistan's central bank.",
     [("state:SAU", "deposits", 3e9, "USD", "exact", "$3 billion")]),
    ("Switzerland pledged CHF 1.5 billion for Peru's reconstruction over four years.",
     [("state:PER", "reconstruction", 1.5e9, "CHF", "exact", "CHF 1.5 billion"),
      ("state:CHE", "pledged_funds", 1461.0, "days", "exact", "four years")]),
])
def test_numbers_as_wires_write_them(coded, text: str, expected: list) -> None:  # type: ignore[no-untyped-def]
    assert claims_full(coded(text)) == expected


def test_stacked_indian_scales(coded) -> None:  # type: ignore[no-untyped-def]
    doc = coded("India raised its defence budget to Rs 6.2 lakh crore.")
    assert [(c.value, c.unit, c.value_text) for c in doc._.claims] == [
        (6.2e12, "INR", "Rs 6.2 lakh crore")]


def test_a_casualty_count_with_no_place_or_actor_is_no_claim(coded) -> None:  # type: ignore[no-untyped-def]
    assert claims_full(coded("The shelling killed 20 civilians, witnesses said.")) == []
