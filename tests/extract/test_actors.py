"""Unit tests of the actor recogniser on sentences written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from accord.errors import ConfigError
from accord.extract.actors import load_gazetteer
from accord.extract.actors.component import ActorRecognizer


def by_text(rows, text):  # type: ignore[no-untyped-def]
    hits = [r for r in rows if r[0] == text]
    assert hits, f"no actor span {text!r} in {rows}"
    return hits[0]


# --- gazetteer --------------------------------------------------------------------------

def test_gazetteer_has_every_un_state_with_codes() -> None:
    gaz = load_gazetteer()
    states = [e for e in gaz.entries.values() if e.type == "STATE"]
    assert len([e for e in states if e.iso3 not in ("TWN", "XKX", "SUN", "HKG")]) == 195
    for iso3, qid in {"POL": "Q36", "KOR": "Q884", "PRK": "Q423", "BLR": "Q184",
                      "RUS": "Q159", "ISR": "Q801", "AZE": "Q227", "IRN": "Q794",
                      "TUR": "Q43", "ARM": "Q399"}.items():
        assert gaz.entries[f"state:{iso3}"].wikidata == qid
    assert gaz.phrases["south korean"].key == "state:KOR"
    assert gaz.phrases["north korean"].key == "state:PRK"
    assert gaz.phrases["azeri"].key == "state:AZE"
    assert gaz.phrases["minsk"].kind == "capital"


def test_people_have_offices_and_distinct_aliyevs() -> None:
    gaz = load_gazetteer()
    heydar, ilham = gaz.entries["person:heydar-aliyev"], gaz.entries["person:ilham-aliyev"]
    assert heydar.key != ilham.key and heydar.surname == ilham.surname == "Aliyev"
    assert heydar.offices[0].end == 2003 and ilham.offices[0].start == 2003
    assert gaz.entries["person:wladyslaw-kosiniak-kamysz"].country == "state:POL"


def test_user_file_adds_actors(tmp_path: Path, actors_nlp) -> None:  # type: ignore[no-untyped-def]
    f = tmp_path / "mine.yaml"
    f.write_text("people:\n  - name: Marta Zielna\n    country: POL\n"
                 "organisations:\n  - {name: Baltic Watch Institute, country: LTU}\n")
    rec = ActorRecognizer(actors_nlp, [str(f)])
    with actors_nlp.select_pipes(disable=["accord_actors"]):
        doc = actors_nlp("Marta Zielna of the Baltic Watch Institute spoke.")
    rows = {s.text: s._.actor for s in rec(doc).spans["actors"]}
    assert rows["Marta Zielna"].key == "person:marta-zielna"
    assert rows["Marta Zielna"].country == "state:POL"
    assert rows["Baltic Watch Institute"].country == "state:LTU"


def test_actors_env_var_reaches_a_loaded_pipeline(tmp_path: Path, actors_nlp,
                                                  monkeypatch) -> None:  # type: ignore[no-untyped-def]
    f = tmp_path / "env.yaml"
    f.write_text("organisations:\n  - {name: Vistula Signals Bureau, country: POL}\n")
    text = "The Vistula Signals Bureau objected."
    doc = actors_nlp(text)
    assert all(s._.actor.country is None for s in doc.spans["actors"])  # unknown to accord
    monkeypatch.setenv("ACCORD_ACTORS", str(f))
    doc = actors_nlp(text)
    assert [(s.text, s._.actor.country) for s in doc.spans["actors"]] == [
        ("Vistula Signals Bureau", "state:POL")]
    monkeypatch.delenv("ACCORD_ACTORS")
    actors_nlp(text)  # back to the shipped gazetteer for the other tests


def test_bad_yaml_names_file_and_line(tmp_path: Path) -> None:
    f = tmp_path / "broken.yaml"
    f.write_text("people:\n  - name: A B\n    country: [POL\n")
    with pytest.raises(ConfigError, match=r"broken\.yaml:\d+: YAML syntax error"):
        load_gazetteer([str(f)])


def test_unknown_field_names_file_and_line(tmp_path: Path) -> None:
    f = tmp_path / "typo.yaml"
    f.write_text("people:\n  - name: Anna Nowak\n    country: POL\n"
                 "  - name: Jan Lis\n    contry: POL\n")
    with pytest.raises(ConfigError, match=r"typo\.yaml:4: unknown field 'contry'"):
        load_gazetteer([str(f)])


def test_unknown_section_is_an_error(tmp_path: Path) -> None:
    f = tmp_path / "sect.yaml"
    f.write_text("persons:\n  - name: Anna Nowak\n")
    with pytest.raises(ConfigError, match=r"sect\.yaml:1: unknown section 'persons'"):
        load_gazetteer([str(f)])


# --- states, capitals, demonyms, metonyms ---------------------------------------------

def test_capital_acts_or_names_a_place(actors_of) -> None:  # type: ignore[no-untyped-def]
    rows = actors_of("Minsk rejected the claim, while the talks in Seoul went on for a week.")
    assert by_text(rows, "Minsk")[1:3] == ("state:BLR", "STATE")
    assert by_text(rows, "Minsk")[5] is True
    seoul = by_text(rows, "Seoul")
    assert seoul[1:4] == ("loc:seoul", "LOCATION", "state:KOR") and seoul[5] is False


def test_country_as_place_is_not_an_actor(actors_of) -> None:  # type: ignore[no-untyped-def]
    rows = actors_of("Armenia protested after drills were held in Georgia last week.")
    assert by_text(rows, "Armenia")[1:3] == ("state:ARM", "STATE")
    assert by_text(rows, "Georgia")[1:3] == ("state:GEO", "LOCATION")
    assert by_text(rows, "Georgia")[5] is False


def test_korean_demonyms(actors_of) -> None:  # type: ignore[no-untyped-def]
    rows = actors_of("North Korean officials met South Korean diplomats and Azeri traders.")
    assert by_text(rows, "North Korean officials")[1] == "state:PRK"
    # demonym + agent noun: an actor of that country and sector (Phoenix agents)
    assert by_text(rows, "South Korean diplomats")[1:5] == ("group:kor-gov", "GROUP",
                                                            "state:KOR", "GOV")
    # business is an ignored sector (lexicon `ignored_sectors`): the demonym stays the state
    assert by_text(rows, "Azeri")[1] == "state:AZE"


def test_metonyms_resolve_without_leading_the(actors_of) -> None:  # type: ignore[no-untyped-def]
    rows = actors_of("The Islamic Republic condemned the visit, and the Kremlin stayed silent "
                     "while the Jewish state welcomed it.")
    assert by_text(rows, "Islamic Republic")[1] == "state:IRN"
    assert by_text(rows, "Kremlin")[1] == "state:RUS"
    assert by_text(rows, "Jewish state")[1] == "state:ISR"


def test_all_caps_and_possessives(actors_of) -> None:  # type: ignore[no-untyped-def]
    rows = actors_of("POLAND’S new tanks worry BELARUS, and NATO's planners know it.")
    assert by_text(rows, "POLAND")[1] == "state:POL"
    assert by_text(rows, "BELARUS")[1] == "state:BLR"
    assert by_text(rows, "NATO")[1] == "org:nato"
    assert not any(r[0].endswith(("’S", "'s")) for r in rows)


def test_lower_case_words_are_not_countries(actors_of) -> None:  # type: ignore[no-untyped-def]
    rows = actors_of("They ate turkey and rice; the china was chipped and nobody told us.")
    assert rows == []


def test_ethnic_group_is_not_a_state(actors_of) -> None:  # type: ignore[no-untyped-def]
    rows = actors_of("Many ethnic Azeris live in the north of the country.")
    assert not any(r[1] == "state:AZE" for r in rows)


# --- organisations ------------------------------------------------------------------

def test_organisations_built_from_a_country(actors_of) -> None:  # type: ignore[no-untyped-def]
    rows = actors_of("The Iranian Revolutionary Guards denied it. The Polish Internal Security "
                     "Agency arrested two men. Poland's foreign ministry summoned the envoy. "
                     "Officers of the State Border Service of Azerbaijan and the Israeli Air "
                     "Force met.")
    assert by_text(rows, "Iranian Revolutionary Guards")[1:4] == (
        "org:irn-irgc", "ORG", "state:IRN")
    assert by_text(rows, "Polish Internal Security Agency")[1] == "org:pol-abw"
    assert by_text(rows, "foreign ministry")[1:4] == (
        "org:pol-foreign-ministry", "ORG", "state:POL")
    assert by_text(rows, "Poland")[1] == "state:POL"
    assert by_text(rows, "State Border Service of Azerbaijan")[1] == "org:aze-border-service"
    assert by_text(rows, "Israeli Air Force")[1] == "org:isr-air-force"


def test_authorities_stand_for_the_state(actors_of) -> None:  # type: ignore[no-untyped-def]
    rows = actors_of("Lithuanian authorities closed two crossings.")
    assert by_text(rows, "Lithuanian authorities")[1:3] == ("state:LTU", "STATE")


def test_groups(actors_of) -> None:  # type: ignore[no-untyped-def]
    rows = actors_of("Hizbullah and al-Qaeda cells were watched, as was Hizb ut-Tahrir.")
    assert by_text(rows, "Hizbullah")[1:3] == ("group:hezbollah", "GROUP")
    assert by_text(rows, "al-Qaeda")[1] == "group:al-qaeda"
    assert by_text(rows, "Hizb ut-Tahrir")[1] == "group:hizb-ut-tahrir"


def test_stray_fragments_are_filtered(actors_of) -> None:  # type: ignore[no-untyped-def]
    rows = actors_of("The Defense press office of the MOD said the Policy unit was closed. "
                     "Read more")
    assert not {r[0] for r in rows} & {"Defense", "MOD", "Policy", "Read more"}


# --- people -------------------------------------------------------------------------

def test_title_gives_role_and_country(actors_of) -> None:  # type: ignore[no-untyped-def]
    rows = actors_of("Polish Defence Minister Wladyslaw Kosiniak-Kamysz arrived on Sunday.")
    assert rows[0] == ("Wladyslaw Kosiniak-Kamysz", "person:wladyslaw-kosiniak-kamysz",
                       "PERSON", "state:POL", "Defence Minister", True)
    assert len(rows) == 1  # the adjective went into the person's country


def test_ranks_go_into_role(actors_of) -> None:  # type: ignore[no-untyped-def]
    rows = actors_of("The delegation included Maj.-Gen. (Res.) Tomasz Wielgosz and "
                     "Brig. Gen. Adam Rudnicki.")
    assert by_text(rows, "Tomasz Wielgosz")[4] == "Maj.-Gen. (Res.)"
    assert by_text(rows, "Adam Rudnicki")[4] == "Brig. Gen."


def test_possessive_country_and_title(actors_of) -> None:  # type: ignore[no-untyped-def]
    rows = actors_of("Belarus's Defence Minister Viktor Khrenin inspected the units.")
    assert by_text(rows, "Viktor Khrenin")[3:5] == ("state:BLR", "Defence Minister")
    assert by_text(rows, "Belarus")[1] == "state:BLR"


def test_apposition_gives_role_and_country(actors_of) -> None:  # type: ignore[no-untyped-def]
    rows = actors_of("Poland has sent a note. Jerzy Malinowski, the country's ambassador to "
                     "Japan, confirmed it on Tuesday.")
    jm = by_text(rows, "Jerzy Malinowski")
    assert jm[3] == "state:POL" and jm[4] == "ambassador to Japan"


def test_surname_resolves_to_earlier_full_name(actors_of) -> None:  # type: ignore[no-untyped-def]
    rows = actors_of("South Korean Defence Minister Shin Won-sik hosted the talks. "
                     "Later Shin said the deal was done. Then Marek Wojcik spoke, and "
                     "Wojcik was brief.")
    shins = [r for r in rows if r[1] == "person:shin-won-sik"]
    assert [r[0] for r in shins] == ["Shin Won-sik", "Shin"]
    assert [r[0] for r in rows if r[1] == "person:marek-wojcik"] == ["Marek Wojcik", "Wojcik"]


def test_two_aliyevs_stay_two(actors_of) -> None:  # type: ignore[no-untyped-def]
    rows = actors_of("In 1998 President Heydar Aliyev met the envoy. Years later his son "
                     "Ilham Aliyev hosted the minister, and Aliyev praised the ties.")
    keys = [r[1] for r in rows if "Aliyev" in r[0]]
    assert keys == ["person:heydar-aliyev", "person:ilham-aliyev", "person:ilham-aliyev"]


def test_all_caps_unknown_name_after_title(actors_of) -> None:  # type: ignore[no-untyped-def]
    rows = actors_of("GENERAL STANISLAW KOPEC AND MINISTER KOSINIAK-KAMYSZ VISITED GDYNIA.")
    assert by_text(rows, "KOSINIAK-KAMYSZ")[1] == "person:wladyslaw-kosiniak-kamysz"
    assert by_text(rows, "STANISLAW KOPEC")[1:3] == ("person:stanislaw-kopec", "PERSON")


def test_all_caps_repeat_of_a_known_name(actors_of) -> None:  # type: ignore[no-untyped-def]
    rows = actors_of("Envoy Tomasz Brzeg arrived. Critics say BRZEG promised too much.")
    assert by_text(rows, "BRZEG")[1] == "person:tomasz-brzeg"


def test_context_metonyms(actors_of) -> None:  # type: ignore[no-untyped-def]
    rows = actors_of("North Korea tested a missile. The North said the South had provoked it, "
                     "and South Korea rejected that.")
    assert by_text(rows, "North")[1] == "state:PRK"
    assert by_text(rows, "South")[1] == "state:KOR"
    rows = actors_of("Storms hit the North of Scotland and the South of Wales.")
    assert not {r[1] for r in rows} & {"state:PRK", "state:KOR"}


def test_unknown_organisation_named_after_a_country(actors_of) -> None:  # type: ignore[no-untyped-def]
    rows = actors_of("Last year she joined the Latvian Political Science Association as a fellow.")
    assert by_text(rows, "Latvian Political Science Association")[1:4] == (
        "org:latvian-political-science-association", "ORG", "state:LVA")
    assert not any(r[0] == "Latvian" for r in rows)


def test_title_with_a_posting(actors_of) -> None:  # type: ignore[no-untyped-def]
    rows = actors_of("The Lithuanian Ambassador to Warsaw, Ona Petraitiene, left early. "
                     "Poland's Ambassador to Vilnius Jan Sowa stayed.")
    assert by_text(rows, "Ona Petraitiene")[3:5] == ("state:LTU", "Ambassador to Warsaw")
    assert by_text(rows, "Jan Sowa")[3:5] == ("state:POL", "Ambassador to Vilnius")
