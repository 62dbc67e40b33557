"""Cross-document entity resolution and analyst judgements, on records we write ourselves."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from sqlalchemy import select

from accord.errors import ConfigError
from accord.reconcile import entities as E
from accord.records import ActorRef, Extraction, IngestedDocument, MentionRecord, SentenceRecord
from accord.store import Store
from accord.store import schema as S

AZE, ISR, POL = "state:AZE", "state:ISR", "state:POL"


def person(name: str, country: str | None = None, role: str | None = None,
           key: str | None = None) -> ActorRef:
    from accord.extract.actors import slug

    return ActorRef(key or f"person:{slug(name)}", name, "PERSON", country, role)


def state(iso3: str, name: str, place: bool = False) -> ActorRef:
    return ActorRef(f"state:{iso3}", name, "LOCATION" if place else "STATE", iso3=iso3,
                    is_actor=not place)


def put(store: Store, text: str, published: str | None,
        mentions: list[tuple[str, ActorRef]]) -> str:
    """Store a one-sentence document whose mentions are the given (surface, actor) pairs."""
    did = hashlib.sha256(text.encode()).hexdigest()
    store.put_document(IngestedDocument(did, f"{did[:8]}.txt", "txt", text, text,
                                        [[0, 0, len(text), len(text)]], published=published))
    recs, pos = [], 0
    for surface, ref in mentions:
        start = text.index(surface, pos)
        pos = start + len(surface)
        recs.append(MentionRecord(start, start + len(surface), surface, 0, ref))
    store.put_extraction(Extraction(did, "test", [SentenceRecord(0, 0, len(text), text)], recs))
    return did


@pytest.fixture()
def store(tmp_path: Path):  # type: ignore[no-untyped-def]
    s = Store(tmp_path / "kb.db")
    yield s
    s.close()


def rows(store: Store) -> dict[str, dict]:  # type: ignore[type-arg]
    with store.connect() as conn:
        return {r["id"]: dict(r) for r in conn.execute(select(S.entities)).mappings()}


def mention_entities(store: Store, doc: str) -> list[tuple[str, str]]:
    with store.connect() as conn:
        return [(r.text, r.entity_id) for r in conn.execute(
            select(S.mentions).where(S.mentions.c.document_id == doc)
            .order_by(S.mentions.c.start))]


def corpus(store: Store) -> dict[str, str]:
    d1 = put(store, "Azerbaijan's President Ilham Aliyev received the envoy; AZERBAIJAN agreed.",
             "2013-09-17", [("Azerbaijan", state("AZE", "Azerbaijan")),
                            ("Ilham Aliyev", person("Ilham Aliyev", AZE, "President")),
                            ("AZERBAIJAN", state("AZE", "Azerbaijan"))])
    d2 = put(store, "In 2001 Heydar Aliyev met the Israeli envoy in Baku.", "2012-01-01",
             [("Heydar Aliyev", person("Heydar Aliyev", AZE, "president")),
              ("Israeli", state("ISR", "Israel"))])
    d3 = put(store, "Aliyev, the president, spoke in Azerbaijan on Monday.", "2015-05-01",
             [("Aliyev", person("Aliyev", AZE, "president")),
              ("Azerbaijan", state("AZE", "Azerbaijan", place=True))])
    d4 = put(store, "Defence Minister Wladyslaw Kosiniak-Kamysz and Wladyslaw Kosiniak-Kamisz.",
             "2024-03-04", [("Wladyslaw Kosiniak-Kamysz",
                             person("Wladyslaw Kosiniak-Kamysz", POL, "Defence Minister")),
                            ("Wladyslaw Kosiniak-Kamisz", person("Wladyslaw Kosiniak-Kamisz"))])
    d5 = put(store, "Gantz and Mossad officers met the Azeri side.", None,
             [("Gantz", person("Gantz", ISR)),
              ("Mossad", ActorRef("org:isr-mossad", "Mossad", "ORG", ISR)),
              ("Azeri", state("AZE", "Azerbaijan"))])
    d6 = put(store, "Benny Gantz, Israel's defense minister, arrived.", "2021-10-03",
             [("Benny Gantz", person("Benny Gantz", ISR, "defense minister")),
              ("Israel", state("ISR", "Israel"))])
    E.run(store, None)
    return {"d1": d1, "d2": d2, "d3": d3, "d4": d4, "d5": d5, "d6": d6}


def test_states_merge_across_documents_with_aliases(store: Store) -> None:
    corpus(store)
    aze = rows(store)["state-AZE"]
    assert aze["type"] == "STATE" and aze["iso3"] == "AZE"
    assert set(aze["aliases"]) == {"Azerbaijan", "AZERBAIJAN", "Azeri"}
    assert aze["mention_count"] == 4 and aze["document_count"] == 3


def test_people_sharing_a_surname_stay_two(store: Store) -> None:
    corpus(store)
    ents = rows(store)
    assert {"person-heydar-aliyev", "person-ilham-aliyev"} <= set(ents)
    assert ents["person-ilham-aliyev"]["country"] == "state-AZE"
    assert ents["person-ilham-aliyev"]["role"] == "President"


def test_surname_only_mention_resolved_by_role_and_years(store: Store) -> None:
    ids = corpus(store)
    # gazetteer offices: Heydar was president until 2003, Ilham from 2003; the doc is 2015
    assert mention_entities(store, ids["d3"])[0] == ("Aliyev", "person-ilham-aliyev")


def test_unique_surname_resolves_across_documents(store: Store) -> None:
    ids = corpus(store)
    assert mention_entities(store, ids["d5"])[0] == ("Gantz", "person-benny-gantz")
    assert "person-gantz" not in rows(store)


def test_spelling_variant_merges(store: Store) -> None:
    corpus(store)
    ents = rows(store)
    kk = ents["person-wladyslaw-kosiniak-kamysz"]
    assert "person-wladyslaw-kosiniak-kamisz" not in ents
    assert set(kk["aliases"]) == {"Wladyslaw Kosiniak-Kamysz", "Wladyslaw Kosiniak-Kamisz"}
    assert kk["country"] == "state-POL"


def test_entity_for_key(store: Store) -> None:
    corpus(store)
    with store.connect() as conn:
        m = E.entity_for_key(conn)
    assert m["state:AZE"] == "state-AZE"
    assert m["person:wladyslaw-kosiniak-kamisz"] == "person-wladyslaw-kosiniak-kamysz"
    assert m["org:isr-mossad"] == "org-isr-mossad"


def test_merge_judgement_survives_rebuild_and_exports(store: Store, tmp_path: Path) -> None:
    ids = corpus(store)
    assert E.add_judgement(store, E.Judgement("merge", "state-ISR", "org-isr-mossad")) == []
    E.run(store, None)
    ents = rows(store)
    assert "org-isr-mossad" not in ents and "Mossad" in ents["state-ISR"]["aliases"]
    # a rebuild replaces the mention rows; the judgement still applies
    with store.begin() as conn:
        conn.execute(S.mentions.delete().where(S.mentions.c.document_id == ids["d5"]))
    put(store, "Gantz and Mossad officers met the Azeri side.", None,
        [("Mossad", ActorRef("org:isr-mossad", "Mossad", "ORG", ISR))])
    E.run(store, None)
    assert "org-isr-mossad" not in rows(store)
    dump = E.export_judgements(store)
    other = Store(tmp_path / "other.db")
    assert E.import_judgements(other, dump) == (1, [])
    assert E.import_judgements(other, dump) == (0, [])  # idempotent
    assert E.export_judgements(other).splitlines()[0].startswith('{"kind": "merge"')
    other.close()


def test_split_moves_mentions_to_a_new_entity(store: Store) -> None:
    ids = corpus(store)
    with store.connect() as conn:
        mid = conn.execute(select(S.mentions.c.id).where(
            S.mentions.c.document_id == ids["d4"], S.mentions.c.start > 30)).scalar_one()
        refs = E.mention_refs(conn, [mid])
    E.add_judgement(store, E.Judgement("split", "person-wladyslaw-kosiniak-kamysz",
                                       mentions=refs))
    E.run(store, None)
    ents = rows(store)
    new = [e for e in ents.values() if e["id"].startswith("person-wladyslaw-kosiniak-kamysz~")]
    assert len(new) == 1 and new[0]["aliases"] == ["Wladyslaw Kosiniak-Kamisz"]
    assert ents["person-wladyslaw-kosiniak-kamysz"]["mention_count"] == 1


def test_contradictory_judgements_are_reported_not_applied(store: Store) -> None:
    corpus(store)
    E.add_judgement(store, E.Judgement("merge", "person-benny-gantz", "org-isr-mossad"))
    with store.connect() as conn:
        mid = conn.execute(select(S.mentions.c.id).where(
            S.mentions.c.key == "org:isr-mossad")).scalar_one()
        refs = E.mention_refs(conn, [mid])
    problems = E.add_judgement(store, E.Judgement("split", "person-benny-gantz", mentions=refs))
    assert problems and "contradicts" in problems[0]
    stats = E.run(store, None)
    assert len(stats["contradictory_judgements"]) == 1  # type: ignore[arg-type]
    ents = rows(store)
    assert "org-isr-mossad" in ents  # the merge was not applied either
    assert not any("~split" in e for e in ents)


def test_bad_judgement_file_names_line(store: Store) -> None:
    with pytest.raises(ConfigError, match=r"j\.jsonl:2: "):
        E.import_judgements(store, '{"kind": "merge", "a": "x", "b": "y"}\n{"kind": "glue"}\n',
                            "j.jsonl")


def _entity_view(store: Store) -> dict[str, tuple]:  # type: ignore[type-arg]
    return {e: (r["name"], r["type"], r["country"], r["mention_count"], r["document_count"],
                frozenset(r["aliases"]), tuple(sorted(r["keys"])))
            for e, r in rows(store).items()}


@pytest.mark.parametrize("order", ["forward", "reverse"])
def test_incremental_equals_batch(tmp_path: Path, order: str) -> None:
    batch = Store(tmp_path / "batch.db")
    corpus(batch)
    E.run(batch, None)
    want = _entity_view(batch)
    batch.close()
    # the same documents added one at a time, entities updated after each
    inc = Store(tmp_path / "inc.db")
    scratch = Store(tmp_path / "scratch.db")
    corpus(scratch)  # to learn the documents' ids and texts
    with scratch.connect() as conn:
        docs = [r.id for r in conn.execute(select(S.documents.c.id).order_by(S.documents.c.added_at,
                                                                             S.documents.c.id))]
    scratch.close()
    built = Store(tmp_path / "src.db")
    corpus(built)
    with built.connect() as conn:
        doc_rows = {r.id: r for r in conn.execute(select(S.documents))}
        mentions = conn.execute(select(S.mentions)).mappings().all()
    built.close()
    for did in (docs if order == "forward" else list(reversed(docs))):
        r = doc_rows[did]
        inc.put_document(IngestedDocument(did, r.source, "txt", r.original_text, r.clean_text,
                                          r.offset_map, published=r.published))
        recs = [MentionRecord(x["start"], x["end"], x["text"], 0,
                              ActorRef(x["key"], x["name"], x["type"], x["country_key"],
                                       x["role"], x["iso3"], x["wikidata"], x["is_actor"]))
                for x in mentions if x["document_id"] == did]
        inc.put_extraction(Extraction(did, "test", [SentenceRecord(0, 0, 1, "x")], recs))
        stats = E.run(inc, [did])
        assert stats["mode"] == ("full" if did == (docs if order == "forward" else
                                                   list(reversed(docs)))[0] else "incremental")
    assert _entity_view(inc) == want
    inc.close()


def test_role_choice() -> None:
    from collections import Counter

    assert E._role(Counter({"Minister": 1, "Defense Minister": 1})) == "Defense Minister"
    assert E._role(Counter({"president": 2, "President": 1})) == "President"
    assert E._role(Counter({"Defence Minister": 2, "incoming defence minister": 1})) == \
        "Defence Minister"
    assert E._role(Counter()) is None


def test_same_entities_on_sqlite_and_postgresql(store_url: str, tmp_path: Path) -> None:
    """The resolution SQL (group-bys, bulk updates, JSON keys) runs on both dialects."""
    ref = Store(tmp_path / "ref.db")
    corpus(ref)
    E.add_judgement(ref, E.Judgement("merge", "state-ISR", "org-isr-mossad"))
    E.run(ref, None)
    want = _entity_view(ref)
    ref.close()
    s = Store(store_url)
    corpus(s)
    E.add_judgement(s, E.Judgement("merge", "state-ISR", "org-isr-mossad"))
    E.run(s, None)
    assert _entity_view(s) == want
    s.close()
