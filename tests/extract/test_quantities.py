"""Amounts: money with currency and scale, counts, distances, oil, percentages, qualifiers."""

from __future__ import annotations

import pytest

from accord.extract.events.quantities import find_amounts


@pytest.fixture(scope="module")
def amounts(nlp):  # type: ignore[no-untyped-def]
    def run(text: str) -> list[tuple[float, str, str, str]]:
        doc = nlp(text)
        dates = [(e.start_char, e.end_char) for e in doc.ents if e.label_ == "DATE"]
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
