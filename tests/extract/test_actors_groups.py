"""Armed and political groups the gazetteer lacks are groups, not people.

Every sentence here is written for these tests.
"""

from __future__ import annotations

from typing import Any


def test_a_name_starting_with_a_group_word_is_a_group(actors_of: Any) -> None:
    assert actors_of("Jaish al-Adl, a Baluch militant group, claimed the bombing.") == [
        ("Jaish al-Adl", "group:jaish-al-adl", "GROUP", None, None, True)]
    # NER left the first word out; the span takes it back
    assert actors_of("Fighters of Hayat Tahrir al-Sham entered the city.") == [
        ("Hayat Tahrir al-Sham", "group:hayat-tahrir-al-sham", "GROUP", None, None, True)]


def test_an_apposition_or_fighters_make_a_name_a_group(actors_of: Any) -> None:
    rows = actors_of("Zawiya Brothers, an armed faction, seized the refinery.")
    assert ("Zawiya Brothers", "group:zawiya-brothers", "GROUP", None, None, True) in rows
    rows = actors_of("Ansar Dine militants burned the archive.")
    assert ("Ansar Dine", "group:ansar-dine", "GROUP", None, None, True) in rows


def test_people_with_al_names_stay_people(actors_of: Any) -> None:
    rows = actors_of("Ahmed al-Sharaa met the Turkish foreign minister in Damascus.")
    assert rows[0] == ("Ahmed al-Sharaa", "person:ahmed-al-sharaa", "PERSON", None, None, True)


def test_a_title_naming_an_international_body_gives_the_person_to_it(actors_of: Any) -> None:
    # the gazetteer's own country of the person (Portugal) yields to the office named here
    rows = actors_of("UN Secretary-General Antonio Guterres urged restraint.")
    assert ("Antonio Guterres", "person:antonio-guterres", "PERSON", "org:un",
            "Secretary-General", True) in rows
    rows = actors_of("Hans Grundberg, the UN envoy for Yemen, met the delegation.")
    assert [r[3] for r in rows if r[1] == "person:hans-grundberg"] == ["org:un"]
    # a state's own council keeps the person with the state
    rows = actors_of("Sergei Shoigu, now secretary of Russia's Security Council, spoke.")
    assert [r[3] for r in rows if r[1] == "person:sergei-shoigu"] == ["state:RUS"]
