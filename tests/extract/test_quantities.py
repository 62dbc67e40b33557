"""Amounts: money with currency and scale, counts, distances, oil, percentages, qualifiers."""

from __future__ import annotations

import pytest

from accord.extract.events.quantities import find_amounts


@pytest.fixture(scope="module")
def amounts(nlp):  # type: ignore[no-untyped-def]
    def run(text: str) -> list[tuple[float, str, str, str]]:
        doc = nlp(text)
        # the date expressions the pipeline resolved (not every DATE entity is one)
        dates = [(d["start"], d["end"]) for d in doc._.dates]
        out = []
        for a in find_amounts(doc, dates):
            r = a.record
            assert text[r.start:r.end] == r.text
            out.append((round(r.value, 3), r.unit, r.qualifier, r.text))
        return out

    return run


@pytest.mark.parametrize("text,expected", [
    ("Chile would buy $1.6 billion in drones.", (1.6e9, "USD", "exact", "$1.6 billion")),
    ("They paid $2.1 billon for oil.", (2.1e9, "USD", "exact", "$2.1 billon")),
    ("The fund holds €300 million.", (3e8, "EUR", "exact", "€300 million")),
    ("The state spent 40 million zloty.", (4e7, "PLN", "exact", "40 million zloty")),
    ("The loan was worth 2.5bn euros.", (2.5e9, "EUR", "exact", "2.5bn euros")),
    ("Trade reached US$4 billion.", (4e9, "USD", "exact", "US$4 billion")),
    ("A contract for about $13.7 billion was signed.",
     (1.37e10, "USD", "about", "about $13.7 billion")),
])
def test_money(amounts, text: str, expected: tuple) -> None:  # type: ignore[no-untyped-def]
    assert amounts(text) == [expected]


def test_distance_converted_to_km_and_parenthetical_conversion_dropped(amounts) -> None:  # type: ignore[no-untyped-def]
    assert amounts("The base lies 500 km (310 miles) from the border.") == [
        (500.0, "km", "exact", "500 km")]
    [(v, unit, qual, _)] = amounts("The airfield is some 340 miles from the coast.")
    assert (unit, qual) == ("km", "about") and v == pytest.approx(547.177, abs=0.01)


def test_oil_with_two_units(amounts) -> None:  # type: ignore[no-untyped-def]
    got = amounts("Kazakhstan shipped as much as to 3.1 million tons "
                  "(about 22.9 million barrels) of crude in 2015.")
    assert got == [(3.1e6, "tons", "up_to", "as much as to 3.1 million tons"),
                   (2.29e7, "barrels", "about", "about 22.9 million barrels")]


@pytest.mark.parametrize("text,expected", [
    ("Up to 30 million Iranians are ethnic Kurds.",
     (3e7, "people", "up_to", "Up to 30 million Iranians")),
    ("About 3,000 Chileans live in Oslo.", (3000.0, "people", "about", "About 3,000 Chileans")),
    ("More than 1,000 troops crossed.", (1000.0, "people", "more_than", "More than 1,000 troops")),
    ("At least four tanks were lost.", (4.0, "tank", "at_least", "At least four tanks")),
    ("Police detained 22 people.", (22.0, "people", "exact", "22 people")),
    ("Fewer than 50 soldiers remain.", (50.0, "people", "less_than", "Fewer than 50 soldiers")),
])
def test_counts_and_qualifiers(amounts, text: str, expected: tuple) -> None:  # type: ignore[no-untyped-def]
    assert amounts(text) == [expected]


def test_percentages(amounts) -> None:  # type: ignore[no-untyped-def]
    assert amounts("Exports rose 15% and imports 20 percent.") == [
        (15.0, "percent", "exact", "15%"), (20.0, "percent", "exact", "20 percent")]


@pytest.mark.parametrize("text", [
    "The K2 tanks and K9 howitzers arrived in 2022.",  # model names, a year
    "Several hundred members joined.",  # vague
    "One member described the talks.",  # "one" is not a count here
    "They meet every three months.",  # a period, not an amount
])
def test_not_amounts(amounts, text: str) -> None:  # type: ignore[no-untyped-def]
    assert amounts(text) == []


def test_money_attaches_to_the_deal(coded) -> None:  # type: ignore[no-untyped-def]
    doc = coded("In 2012, Peru and Chile signed an agreement under which Chile would sell "
                "$1.6 billion in patrol boats to Peru.")
    agree = [e for e in doc._.events if e.type == "AGREE"][0]
    assert [(q.value, q.unit) for q in agree.quantities] == [(1.6e9, "USD")]
    assert agree.date_value == "2012"


# -- numbers as articles write them (issue 15) ----------------------------------------------
@pytest.mark.parametrize("text,expected", [
    # spelled-out and mixed numbers
    ("Sixteen million ethnic Kurds live in the north.",
     (1.6e7, "people", "exact", "Sixteen million ethnic Kurds")),
    ("One hundred and twenty diplomats left.",
     (120.0, "people", "exact", "One hundred and twenty diplomats")),
    ("Half a million people fled.", (5e5, "people", "exact", "Half a million people")),
    ("Two dozen drones crossed the line.", (24.0, "drone", "exact", "Two dozen drones")),
    ("Police met hundreds of protesters.",
     (200.0, "people", "at_least", "hundreds of protesters")),
    ("The war displaced tens of thousands of civilians.",
     (2e4, "people", "at_least", "tens of thousands of civilians")),
    ("The port handles 1.6 million barrels.", (1.6e6, "barrels", "exact", "1.6 million barrels")),
    # ranges: the lower bound, at least
    ("An estimated 20-30 million Kurds live there.",
     (2e7, "people", "at_least", "An estimated 20-30 million Kurds")),
    ("Between 15 and 20 soldiers were hurt.",
     (15.0, "people", "at_least", "Between 15 and 20 soldiers")),
    # percentages and fractions
    ("Kurds make up roughly a quarter of the population.",
     (25.0, "percent", "about", "roughly a quarter")),
    ("Oil is 12 per cent of exports.", (12.0, "percent", "exact", "12 per cent")),
    # distances, areas, durations converted
    ("The two states share a 600 km border.", (600.0, "km", "exact", "600 km")),
    ("The enclave covers 4,400 square kilometres.",
     (4400.0, "km2", "exact", "4,400 square kilometres")),
    ("Farmers lost 12,000 hectares of land.", (120.0, "km2", "exact", "12,000 hectares")),
    ("The talks lasted three days.", (3.0, "days", "exact", "three days")),
    ("Kenya signed a ten-year lease.", (3652.5, "days", "exact", "ten-year")),
    # acronyms counted are things, not people
    ("The ministry ordered 60 UAVs.", (60.0, "uav", "exact", "60 UAVs")),
    # a glued "m" is millions before a plural noun, metres otherwise
    ("Nearly 2m people fled.", (2e6, "people", "about", "Nearly 2m people")),
    ("The wall is 10m high.", (0.01, "km", "exact", "10m")),
    ("A 1,000-strong force crossed the river.",
     (1000.0, "people", "exact", "1,000-strong force")),
    ("Unemployment fell 2 percentage points.",
     (2.0, "percentage_points", "exact", "2 percentage points")),
])
def test_numbers_as_articles_write_them(amounts, text: str, expected: tuple) -> None:  # type: ignore[no-untyped-def]
    assert amounts(text) == [expected]


@pytest.mark.parametrize("text,expected", [
    ("Chile signed a USD1.6-billion contract.", (1.6e9, "USD", "exact", "USD1.6-billion")),
    ("Chile has signed $1.6bn in deals.", (1.6e9, "USD", "exact", "$1.6bn")),
    ("The boats cost 1.6 bln dollars.", (1.6e9, "USD", "exact", "1.6 bln dollars")),
    ("The cabinet approved NIS 5 billion.", (5e9, "ILS", "exact", "NIS 5 billion")),
    ("The fund released EUR 2m for schools.", (2e6, "EUR", "exact", "EUR 2m")),
    ("London pledged GBP 3.5 billion.", (3.5e9, "GBP", "exact", "GBP 3.5 billion")),
    ("The state allocated Rs 100 crore for relief.", (1e9, "INR", "exact", "Rs 100 crore")),
    ("The drones cost 1.6 billion U.S. dollars.",
     (1.6e9, "USD", "exact", "1.6 billion U.S. dollars")),
])
def test_compact_and_prefixed_currencies(amounts, text: str, expected: tuple) -> None:  # type: ignore[no-untyped-def]
    assert amounts(text) == [expected]


@pytest.mark.parametrize("text", [
    "Peru bought the Barak-8 air defence system.",
    "The S-300 batteries were moved north.",
    "Norway flies F-35 jets and Poland flies MiG-29 fighters.",
    "India operates Su-30 aircraft and T-72 tanks.",
    "Azerbaijan flies Hermes 900 drones and bought the Barak 8 system.",  # data/equipment.yaml
])
def test_model_designations_are_never_quantities(amounts, text: str) -> None:  # type: ignore[no-untyped-def]
    assert amounts(text) == []


def test_absurd_values_are_dropped_and_counted(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("A census claimed 5,000,000,000,000,000 people live in the valley.")
    assert find_amounts(doc, []) == []
    assert doc.user_data["accord_stats"]["absurd_values"] >= 1


def test_unreadable_spelled_number_gives_no_amount(amounts) -> None:  # type: ignore[no-untyped-def]
    assert amounts("Several hundred soldiers and a few thousand refugees arrived.") == []


@pytest.mark.parametrize("text,trigger,expected", [
    # the event noun is the subject of the clause that counts the dead
    ("A Chilean missile strike on Lima left 18 dead.", "strike",
     [(18.0, "people", "exact", "18 dead")]),
    ("At least 12 people were killed in a car bombing in Lima.", "killed",
     [(12.0, "people", "at_least", "At least 12 people")]),
    ("Chile deployed 3,000 troops along its northern border.", "deployed 3,000 troops",
     [(3000.0, "people", "exact", "3,000 troops")]),
])
def test_casualties_and_troops_are_their_events_quantities(coded, text: str, trigger: str,
                                                           expected: list) -> None:  # type: ignore[no-untyped-def]
    [ev] = [e for e in coded(text, "2024-03-06")._.events if e.trigger == trigger]
    assert [(q.value, q.unit, q.qualifier, q.text) for q in ev.quantities] == expected
