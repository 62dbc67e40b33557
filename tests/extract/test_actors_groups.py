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
