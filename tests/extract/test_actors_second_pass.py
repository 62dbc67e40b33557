"""Actor resolution, second pass: owned councils, longer group names, Hong Kong, the Holy
See, companies NER takes for people, cities inside people's names.

Every sentence here is written for these tests.
"""

from __future__ import annotations

from typing import Any


def keys(actors_of: Any, text: str) -> list[tuple[str, str, str, str | None]]:
    return [(r[0], r[1], r[2], r[3]) for r in actors_of(text)]


def test_a_council_of_a_named_body_is_that_body(actors_of) -> None:  # type: ignore[no-untyped-def]
    assert keys(actors_of, "The African Union's Peace and Security Council suspended Gabon.") \
        == [("African Union", "org:african-union", "ORG", None),
            ("Peace and Security Council", "org:african-union", "ORG", None),
            ("Gabon", "state:GAB", "STATE", None)]
    assert keys(actors_of, "The Arab League's Security Council met in Cairo.")[:2] == [
        ("Arab League", "org:arab-league", "ORG", None),
        ("Security Council", "org:arab-league", "ORG", None)]
    # a state's own council is no UN organ; its seat or veto in the UN's still is the UN's
    assert keys(actors_of, "Russia's Security Council discussed the drone threat.") == [
        ("Russia", "state:RUS", "STATE", None),
        ("Security Council", "org:rus-security-council", "ORG", "state:RUS")]
    assert keys(actors_of, "Russia's Security Council veto blocked the resolution.") == [
        ("Russia", "state:RUS", "STATE", None), ("Security Council", "org:unsc", "ORG", None)]
    # a bare Security Council is still the UN's
    assert keys(actors_of, "The Security Council extended the mission in Mali.")[0] == (
        "Security Council", "org:unsc", "ORG", None)


def test_a_longer_group_name_wins_over_a_contained_one(actors_of) -> None:  # type: ignore[no-untyped-def]
    assert keys(actors_of, "Kataib Hezbollah fired rockets at a base near Erbil.")[0] == (
        "Kataib Hezbollah", "group:kataib-hezbollah", "GROUP", "state:IRQ")
    assert keys(actors_of, "Hezbollah fired rockets at northern Israel.")[0] == (
        "Hezbollah", "group:hezbollah", "GROUP", "state:LBN")


def test_hong_kong_authorities_act_for_hong_kong(coded) -> None:  # type: ignore[no-untyped-def]
    doc = coded("Hong Kong authorities detained two journalists.")
    assert [(e.type, e.source, e.target) for e in doc._.events] == [
        ("COERCE", ["state:HKG"], ["state:HKG"])]


def test_a_pope_acts_for_the_holy_see(actors_of) -> None:  # type: ignore[no-untyped-def]
    rows = actors_of("Pope Francis met the Argentine president at the Vatican.")
    assert (rows[0][0], rows[0][1], rows[0][3]) == (
        "Pope Francis", "person:pope-francis", "state:VAT")
    assert ("Vatican", "state:VAT", "STATE", None) in keys(
        actors_of, "Pope Francis met the Argentine president at the Vatican.")


def test_a_company_in_the_gazetteer_is_no_person(actors_of) -> None:  # type: ignore[no-untyped-def]
    assert keys(actors_of, "Embraer delivered two jets to the Portuguese air force.")[0] == (
        "Embraer", "org:embraer", "ORG", "state:BRA")


def test_a_city_inside_a_persons_name_gives_no_country(actors_of) -> None:  # type: ignore[no-untyped-def]
    rows = keys(actors_of, "Kenyan Interior Minister Aden Duale visited Garissa.")
    assert rows[0] == ("Aden Duale", "person:aden-duale", "PERSON", "state:KEN")
    assert not any(r[1] == "state:YEM" for r in rows)
    # a city named as a place is still one
    assert ("Aden", "loc:aden", "LOCATION", "state:YEM") in keys(
        actors_of, "Kenyan Interior Minister Abdi Farah flew to Aden.")


def test_a_name_before_a_facility_placed_elsewhere_names_the_facility(actors_of) -> None:  # type: ignore[no-untyped-def]
    # "Nasser" is also a town in Egypt; the hospital is in Khan Younis
    assert keys(actors_of, "Israeli soldiers searched the Nasser hospital in Khan Younis.") == [
        ("Israeli soldiers", "org:isr-armed-forces", "ORG", "state:ISR"),
        ("Khan Younis", "loc:khan-younis", "LOCATION", "state:PSE")]
    # a name NER takes for a person there is the facility's too
    assert keys(actors_of, "Troops surrounded the Shifa hospital in Gaza City.") == [
        ("Gaza City", "loc:gaza-city", "LOCATION", "state:PSE")]
    # a city before a facility with no other place stays the city
    assert ("Odesa", "state:UKR", "STATE", None) in keys(
        actors_of, "Russian drones hit the Odesa port on Sunday.")


def test_a_home_body_without_a_country_is_the_documents_only_state(actors_of) -> None:  # type: ignore[no-untyped-def]
    rows = keys(actors_of, "Officials in Nairobi said the interior ministry had banned the "
                           "march. The security services detained two organisers.")
    assert [r for r in rows if r[2] == "ORG"] == [
        ("interior ministry", "org:ken-interior-ministry", "ORG", "state:KEN"),
        ("security services", "org:ken-intelligence", "ORG", "state:KEN")]
    # two states named: no guess
    assert keys(actors_of, "Ethiopia said the security services arrested five Eritrean "
                           "spies.") == [
        ("Ethiopia", "state:ETH", "STATE", None),
        ("Eritrean spies", "org:eri-intelligence", "ORG", "state:ERI")]
    # no state named: nothing
    assert keys(actors_of, "The security services detained a journalist.") == []


def test_an_unknown_name_before_a_place_noun_is_a_place(actors_of) -> None:  # type: ignore[no-untyped-def]
    rows = actors_of("Afghan border guards closed the Torkham crossing on Monday.")
    assert [(r[0], r[1], r[2], r[5]) for r in rows] == [
        ("Afghan border guards", "org:afg-border-service", "ORG", True),
        ("Torkham", "loc:torkham", "LOCATION", False)]


def test_a_city_naming_a_text_is_no_party(actors_of) -> None:  # type: ignore[no-untyped-def]
    assert keys(actors_of, "Moldova accused Russia of breaking the Minsk agreements.") == [
        ("Moldova", "state:MDA", "STATE", None), ("Russia", "state:RUS", "STATE", None)]
    assert keys(actors_of, "Chad refused to sign the Jeddah declaration.") == [
        ("Chad", "state:TCD", "STATE", None)]


def test_a_noun_before_an_agent_noun_keeps_the_demonym(actors_of) -> None:  # type: ignore[no-untyped-def]
    assert keys(actors_of, "Kenyan tea farmers blocked the road to Kericho.")[0] == (
        "Kenyan tea farmers", "group:ken-agr", "GROUP", "state:KEN")
