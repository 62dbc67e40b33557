"""Phoenix actors and agents, country+agent actors, dated roles and equipment.

Sentences are written for these tests. The generated data (``actors_phoenix.tsv``) is read
as shipped, so these tests also check what the generator produced.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from accord.errors import ConfigError
from accord.extract.actors import load_gazetteer

ROOT = Path(__file__).resolve().parents[2]


def by_text(rows, text):  # type: ignore[no-untyped-def]
    hits = [r for r in rows if r[0] == text]
    assert hits, f"no actor span {text!r} in {rows}"
    return hits[0]


@pytest.fixture(scope="module")
def run_dated(actors_nlp):  # type: ignore[no-untyped-def]
    """Actor rows of a text published on a given date."""
    import accord.extract.pipeline  # noqa: F401  (registers doc._.published)

    def run(text: str, published: str | None):  # type: ignore[no-untyped-def]
        doc = actors_nlp.make_doc(text)
        doc._.published = published
        doc = actors_nlp(doc)
        return [(s.text, s._.actor.key, s._.actor.type, s._.actor.country, s._.actor.role)
                for s in doc.spans["actors"]], [s.text for s in doc.spans["equipment"]]

    return run


# --- the generated data -------------------------------------------------------------------

def test_phoenix_entries_load_and_merge_with_the_hand_gazetteer() -> None:
    gaz = load_gazetteer()
    karzai = gaz.entries["person:hamid-karzai"]
    assert karzai.type == "PERSON" and karzai.country == "state:AFG"
    assert {o.role for o in karzai.offices} >= {"GOV", "ELI"}
    # a Phoenix name of an actor the hand files define leads to the hand entry (ids kept)
    assert gaz.bulk["harakat al - shabaab al - mujahideen"].key == "group:al-shabaab"
    assert gaz.entries["group:al-shabaab"].origin.startswith("actors_orgs.yaml")
    # IGO names sharing one CAMEO code are one organisation
    assert gaz.bulk["unhcr"].key == gaz.bulk["united nations commission for refugees"].key
    # agents: noun -> sector, plurals generated; hand lexicon wins over Phoenix
    assert gaz.agents["students"] == "EDU" and gaz.agents["refugees"] == "REF"
    assert gaz.agents["spokesman"] == "GOV"
    assert gaz.sectors["REB"] == "rebels"


def test_office_held_at_the_document_date(run_dated) -> None:  # type: ignore[no-untyped-def]
    text = "Hamid Karzai met the elders on Monday."
    rows, _ = run_dated(text, "2005-03-01")
    assert by_text(rows, "Hamid Karzai")[1:5] == ("person:hamid-karzai", "PERSON", "state:AFG",
                                                  "GOV")
    rows, _ = run_dated(text, "1990-03-01")
    assert by_text(rows, "Hamid Karzai")[4] == "ELI"
    rows, _ = run_dated("President Hamid Karzai met the elders.", "2005-03-01")
    assert by_text(rows, "Hamid Karzai")[4] == "President"  # the text's own title wins


# --- country + agent -------------------------------------------------------------------

def test_crowd_of_agents_throughout_a_country(actors_of) -> None:  # type: ignore[no-untyped-def]
    rows = actors_of("Tens of thousands of students throughout Indonesia marched on Sunday.")
    assert by_text(rows, "Tens of thousands of students")[1:5] == (
        "group:idn-edu", "GROUP", "state:IDN", "EDU")


def test_one_official_is_a_person_of_that_country(actors_of) -> None:  # type: ignore[no-untyped-def]
    rows = actors_of("A top U.S. official said the talks would resume.")
    assert by_text(rows, "U.S. official")[1:5] == ("group:usa-gov", "PERSON", "state:USA", "GOV")
    rows = actors_of("The Ugandan electoral commission published the results.")
    assert by_text(rows, "Ugandan electoral commission")[1:4] == ("group:uga-gov", "GROUP",
                                                                  "state:UGA")


def test_agents_take_the_country_before_or_after_them(actors_of) -> None:  # type: ignore[no-untyped-def]
    rows = actors_of("Kenyan opposition leaders met refugees from Sudan and Israel's envoy.")
    assert by_text(rows, "Kenyan opposition leaders")[1:5] == ("group:ken-opp", "GROUP",
                                                               "state:KEN", "OPP")
    assert by_text(rows, "refugees")[1:4] == ("group:sdn-ref", "GROUP", "state:SDN")
    # after a possessive the state itself stays the actor ("Norway's foreign minister")
    assert by_text(rows, "Israel")[1] == "state:ISR"
    assert not [r for r in rows if r[0] == "envoy"]
    # military agents are the state's armed forces (one entity with "Israeli troops")
    assert by_text(actors_of("Pakistani soldiers and Israeli troops moved north."),
                   "Pakistani soldiers")[1] == "org:pak-armed-forces"
    assert by_text(actors_of("Israeli troops moved north."), "Israeli troops")[1] == \
        "org:isr-armed-forces"


def test_agents_without_a_country_or_before_a_name_are_no_actors(actors_of) -> None:  # type: ignore[no-untyped-def]
    rows = actors_of("Protesters gathered while strong opposition from Tehran grew.")
    assert [r for r in rows if r[1].startswith("group:")] == []
    rows = actors_of("Peruvian Foreign Minister Ana Rojas visited Quito.")
    assert by_text(rows, "Ana Rojas")[1:5] == ("person:ana-rojas", "PERSON", "state:PER",
                                               "Foreign Minister")
    assert not [r for r in rows if r[1].startswith("group:")]
    rows = actors_of("Taliban officials met the envoy.")
    assert by_text(rows, "Taliban")[1] == "group:taliban"
    assert not [r for r in rows if r[0].endswith("officials")]


def test_country_noun_before_a_title(actors_of) -> None:  # type: ignore[no-untyped-def]
    rows = actors_of("Ghana President Kofi Mensah thanked Slovakian President Eva Horakova.")
    assert by_text(rows, "Kofi Mensah")[3:5] == ("state:GHA", "President")
    assert by_text(rows, "Eva Horakova")[3] == "state:SVK"


def test_crowds_of_nationals_and_owner_compounds(actors_of) -> None:  # type: ignore[no-untyped-def]
    rows = actors_of("Hundreds of Armenians rallied as Pakistan-based militants seized a "
                     "Greek-flagged ship, a Soviet-era vessel.")
    assert by_text(rows, "Hundreds of Armenians")[1] == "state:ARM"
    assert by_text(rows, "Pakistan-based")[1] == "state:PAK"
    assert by_text(rows, "Greek-flagged")[1] == "state:GRC"
    assert not [r for r in rows if "Soviet" in r[0]]


# --- equipment -------------------------------------------------------------------------

def test_equipment_is_never_an_actor(run_dated) -> None:  # type: ignore[no-untyped-def]
    rows, equipment = run_dated("Israel sold Heron and Hermes drones, Spike missiles and "
                                "Barak-8 systems to Azerbaijan, and Russia sent S-300 "
                                "batteries and Su-30 jets to Iran.", None)
    assert equipment == ["Heron", "Hermes", "Spike", "Barak-8", "S-300", "Su-30"]
    assert not [r for r in rows if r[0] in equipment]
    rows, equipment = run_dated("Sigmar Gabriel met Gabriel Attal in Paris.", None)
    assert equipment == []
    assert by_text(rows, "Sigmar Gabriel")[2] == "PERSON"


def test_equipment_is_never_an_event_target(coded) -> None:  # type: ignore[no-untyped-def]
    doc = coded("Russia delivered S-300 systems to Iran on Monday.", "2024-05-02")
    assert doc._.events
    for e in doc._.events:
        assert "state:IRN" in e.target or not e.target
        assert not [k for k in e.target if "300" in k]


# --- cross-document entities ----------------------------------------------------------------

def test_one_group_entity_per_country_and_sector(tmp_path: Path) -> None:
    import accord
    from accord.store import schema as S

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text("Students rally in Jakarta\n\nTens of thousands of students "
                                "throughout Indonesia demonstrated on Monday, and a top U.S. "
                                "official urged calm.\n", encoding="utf-8")
    (docs / "b.txt").write_text("Campus protests spread\n\nIndonesian students blocked the "
                                "main road to parliament on Tuesday.\n", encoding="utf-8")
    kb = accord.open(tmp_path / "kb.db")
    try:
        assert kb.build([docs]).status == "ok"
        with kb.store.connect() as conn:
            ents = {r["id"]: r for r in conn.execute(select(S.entities)).mappings()}
    finally:
        kb.close()
    students = ents["group-idn-edu"]
    assert (students["type"], students["country"], students["role"]) == ("GROUP", "state-IDN",
                                                                         "EDU")
    assert students["mention_count"] >= 2 and students["document_count"] == 2
    official = ents["group-usa-gov"]
    assert (official["type"], official["country"], official["role"]) == ("PERSON", "state-USA",
                                                                         "GOV")


# --- bad input -----------------------------------------------------------------------------

def test_user_file_with_unknown_country_or_sector_names_the_entry(tmp_path: Path) -> None:
    f = tmp_path / "mine.yaml"
    f.write_text("organisations:\n  - {name: Harbour Watch, country: XYZ}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"mine\.yaml:2: unknown country code 'XYZ'"):
        load_gazetteer([f])
    f.write_text("agents:\n  - {sector: GOV, nouns: [aide]}\n  - {sector: ZZZ, nouns: [x]}\n",
                 encoding="utf-8")
    with pytest.raises(ConfigError, match=r"mine\.yaml:3: unknown sector code 'ZZZ'"):
        load_gazetteer([f])
    f.write_text("agents:\n  - {sector: government, nouns: [aide]}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"mine\.yaml:2: agents entry needs a 'sector'"):
        load_gazetteer([f])
    f.write_text("people:\n  - name: Ana Rojas\n    offices: [{role: Minister, country: QQQ}]\n",
                 encoding="utf-8")
    with pytest.raises(ConfigError, match=r"mine\.yaml:3: unknown country code 'QQQ'"):
        load_gazetteer([f])


def test_user_agents_extend_the_dictionary(tmp_path: Path, actors_nlp) -> None:  # type: ignore[no-untyped-def]
    from accord.extract.actors.component import ActorRecognizer

    f = tmp_path / "agents.yaml"
    f.write_text("agents:\n  - {sector: LAB, nouns: [dockers]}\n", encoding="utf-8")
    rec = ActorRecognizer(actors_nlp, [str(f)])
    doc = actors_nlp.make_doc("Chilean dockers stopped work.")
    for _name, proc in actors_nlp.pipeline[:-1]:
        doc = proc(doc)
    doc = rec(doc)
    refs = [(s.text, s._.actor.key, s._.actor.role) for s in doc.spans["actors"]]
    assert ("Chilean dockers", "group:chl-lab", "LAB") in refs


def _generator():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(
        "phoenix_dictionaries", ROOT / "scripts" / "phoenix_dictionaries.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod  # dataclasses look their module up
    spec.loader.exec_module(mod)
    return mod


def test_generator_reports_unparsable_entries_with_file_and_line(tmp_path: Path) -> None:
    gen = _generator()
    f = tmp_path / "Test.actors.txt"
    f.write_text("# a comment\nNORTHLAND_ [NLX]\n+NORTHLAND_REPUBLIC_\n"
                 "ALBA_ROSSI_  # a person\n\t[NLXGOV 990101-051231]\n\t[NLXGOV 2004017-0612]\n"
                 "+WEIRD+NAME_\n{BROKEN [NLX]\n", encoding="utf-8")
    errors: list[str] = []
    recs = gen.parse_actors(f, errors)
    assert [r.names for r in recs] == [["NORTHLAND", "NORTHLAND REPUBLIC"], ["ALBA ROSSI"]]
    assert recs[1].codes == [("NLXGOV", "1999-01-01", "2005-12-31")]
    assert errors == [
        "Test.actors.txt:6: unparsable code [NLXGOV 2004017-0612] (skipped)",
        "Test.actors.txt:7: unparsable synonym '+WEIRD+NAME_' (skipped)",
        "Test.actors.txt:8: unparsable entry '{BROKEN [NLX]' (skipped)",
    ]
    a = tmp_path / "agents.txt"
    a.write_text("!PERSON! = MAN, WOMAN\nSTUDENT [~EDU]\nPOLICE {} [~COP]\nFISHER!PERSON! [~AGR]\n"
                 "BAD_AGENT [EDU\n", encoding="utf-8")
    errors = []
    assert gen.parse_agents(a, errors) == [
        ("student", "EDU"), ("students", "EDU"), ("police", "COP"), ("fisherman", "AGR"),
        ("fishermen", "AGR"), ("fisherwoman", "AGR"), ("fisherwomen", "AGR")]
    assert errors == ["agents.txt:5: unparsable agent 'BAD_AGENT [EDU' (skipped)"]


def test_people_acting_in_a_state_and_seats_of_international_bodies(actors_of) -> None:  # type: ignore[no-untyped-def]
    rows = actors_of("Opposition supporters rioted in Conakry after the count.")
    assert by_text(rows, "Opposition supporters")[1:4] == ("group:gin-opp", "GROUP", "state:GIN")
    # ministers meeting abroad are not the host's; a seat city stands for its body
    rows = actors_of("Foreign ministers met in Brussels, and Budapest resisted pressure from "
                     "Brussels.")
    assert not [r for r in rows if r[1].startswith("group:")]
    assert [r[1] for r in rows if r[0] == "Brussels"] == ["loc:brussels", "org:eu"]


def test_user_file_replaces_a_phoenix_person(tmp_path: Path) -> None:
    f = tmp_path / "people.yaml"
    f.write_text("people:\n  - name: Hamid Karzai\n    country: AFG\n    offices:\n"
                 "      - {role: Elder statesman, country: AFG, from: 2015, to: null}\n",
                 encoding="utf-8")
    gaz = load_gazetteer([f])
    karzai = gaz.entries["person:hamid-karzai"]
    assert karzai.origin.startswith("people.yaml") and karzai.role == "Elder statesman"
    assert sum(1 for k in gaz.entries if k == "person:hamid-karzai") == 1
