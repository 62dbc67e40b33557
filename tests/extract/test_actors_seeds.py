"""The real seed articles: the actors they are about are found, one entity each, and the page
furniture around them (related-article lists, quotation boxes, comment forms) adds none.

Reads ``../shared/seeds`` at run time (skipped when absent); nothing from the seeds is copied
into the repository.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from accord.store import schema as S


@pytest.fixture(scope="module")
def seed_entities(seeds_dir: Path, tmp_path_factory: pytest.TempPathFactory
                  ) -> dict[str, dict[str, Any]]:
    import accord

    kb = accord.open(tmp_path_factory.mktemp("seeds") / "seeds.db")
    try:
        report = kb.build([seeds_dir])
        assert report.status == "ok", report.to_dict()
        with kb.store.connect() as conn:
            return {r["id"]: dict(r) for r in conn.execute(select(S.entities)).mappings()}
    finally:
        kb.close()


def test_main_actors_found_with_codes(seed_entities) -> None:  # type: ignore[no-untyped-def]
    for eid, iso3, qid in (("state-ISR", "ISR", "Q801"), ("state-AZE", "AZE", "Q227"),
                           ("state-IRN", "IRN", "Q794")):
        e = seed_entities[eid]
        assert (e["type"], e["iso3"], e["wikidata"]) == ("STATE", iso3, qid)
        assert e["document_count"] == 5
    mossad = seed_entities["org-isr-mossad"]
    assert mossad["type"] == "ORG" and mossad["country"] == "state-ISR"
    assert seed_entities["group-hezbollah"]["type"] == "GROUP"
    assert {"Hizbullah", "Hezbollah"} <= set(seed_entities["group-hezbollah"]["aliases"])


def test_metonyms_and_all_caps_resolve_to_states(seed_entities) -> None:  # type: ignore[no-untyped-def]
    iran = set(seed_entities["state-IRN"]["aliases"])
    assert {"Tehran", "Islamic Republic of IRAN", "IRAN"} <= iran
    assert {"Jewish state", "Jerusalem", "ISRAEL"} <= set(seed_entities["state-ISR"]["aliases"])
    assert {"Baku", "AZERBAIJAN", "Azeri"} <= set(seed_entities["state-AZE"]["aliases"])


def test_two_aliyevs_are_two_people(seed_entities) -> None:  # type: ignore[no-untyped-def]
    heydar, ilham = seed_entities["person-heydar-aliyev"], seed_entities["person-ilham-aliyev"]
    assert heydar["country"] == ilham["country"] == "state-AZE"
    assert "Ilham Aliyev" not in heydar["aliases"] and "Heydar Aliyev" not in ilham["aliases"]
    assert not [e for e in seed_entities if e == "person-aliyev"]


def test_gantz_with_role_and_country(seed_entities) -> None:  # type: ignore[no-untyped-def]
    gantz = seed_entities["person-benny-gantz"]
    assert gantz["country"] == "state-ISR"
    assert gantz["role"] == "Defense Minister"
    assert {"Benny Gantz", "Gantz"} <= set(gantz["aliases"])


def test_person_named_after_an_organisation(seed_entities) -> None:  # type: ignore[no-untyped-def]
    # NER swallows "<party name> <leader name>" as one organisation; the person is kept and
    # a later surname-only mention joins them
    assert {"Movsum Samadov", "Samadov"} <= set(seed_entities["person-movsum-samadov"]["aliases"])
    assert "org-samadov" not in seed_entities


def test_organisations_from_country_adjectives(seed_entities) -> None:  # type: ignore[no-untyped-def]
    assert seed_entities["org-irn-irgc"]["country"] == "state-IRN"
    assert seed_entities["org-isr-air-force"]["country"] == "state-ISR"
    assert seed_entities["org-aze-border-service"]["country"] == "state-AZE"
    assert seed_entities["org-aze-mns"]["country"] == "state-AZE"


def test_no_furniture_or_fragment_actors(seed_entities) -> None:  # type: ignore[no-untyped-def]
    names = {e["name"] for e in seed_entities.values()}
    aliases = {a for e in seed_entities.values() for a in e["aliases"] or []}
    # people and words from related-article lists, quotation boxes and comment forms
    for junk in ("Benazir Bhutto", "Ghulam Ishaq Khan", "Rutherford Birchard Hayes",
                 "William McKinley", "McKinley", "Tukiyooo", "Post a Comment", "Read more"):
        assert junk not in names | aliases, junk
    # stray NER fragments
    for frag in ("Defense", "Policy", "Res", "Maj.-Gen"):
        assert frag not in aliases, frag
    # "MOD" only as the Israeli ministry it abbreviates (right after Gantz is named)
    assert {e["id"] for e in seed_entities.values() if "MOD" in (e["aliases"] or [])} <= {
        "org-isr-defence-ministry"}
