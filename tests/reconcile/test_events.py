"""Event coreference: merges across and within documents, separations, corroboration."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from accord.reconcile.settings import load_thresholds
from accord.store import Store
from accord.store import schema as S

from . import corpus


def events_by_mention(store: Store) -> dict[tuple[str, str], dict[str, Any]]:
    """(document id, event-mention type) -> event row (first mention of that type)."""
    with store.connect() as conn:
        ev = {r.id: r._asdict() for r in conn.execute(select(S.events))}
        out: dict[tuple[str, str], dict[str, Any]] = {}
        for r in conn.execute(select(S.event_mentions).order_by(S.event_mentions.c.start)):
            out.setdefault((r.document_id, r.type), ev[r.event_id])
    return out


def mentions_of(store: Store, event_id: str) -> list[tuple[str, int]]:
    with store.connect() as conn:
        return sorted((r.document_id, r.start) for r in conn.execute(
            select(S.event_mentions).where(S.event_mentions.c.event_id == event_id)))


def eid(store: Store, key: str) -> str:
    """The entity id the entities step gave an extraction key."""
    from accord.reconcile.actormap import ActorMap

    with store.connect() as conn:
        return ActorMap(conn).resolve(key)


def test_every_mention_gets_an_event(built: Store) -> None:
    with built.connect() as conn:
        assert conn.execute(select(S.event_mentions.c.id)
                            .where(S.event_mentions.c.event_id.is_(None))).first() is None


def test_visit_reported_by_three_sources_is_one_event(built: Store) -> None:
    e = events_by_mention(built)
    visit = e[(corpus.visit().id, "CONSULT")]
    for doc in (corpus.reprint(), corpus.independent(), corpus.brief()):
        assert e[(doc.id, "CONSULT")]["id"] == visit["id"], doc.title
    # visit + independent + brief; the reprint is a copy of visit and adds nothing.
    assert visit["independent_sources"] == 3
    assert visit["date_value"] == "2024-03-04"
    assert visit["type"] == "CONSULT"
    assert visit["source"] == [eid(built, corpus.WROBEL)]
    assert visit["target"] == [eid(built, corpus.LEE)]


def test_within_document_duplicate_merges(built: Store) -> None:
    agree = events_by_mention(built)[(corpus.visit().id, "AGREE")]
    docs = [d for d, _ in mentions_of(built, agree["id"])]
    assert docs.count(corpus.visit().id) == 2
    assert corpus.independent().id in docs and corpus.reprint().id in docs
    assert agree["independent_sources"] == 2
    # The quantity comes from the original, not from the altered reprint.
    assert agree["quantities"][0]["value"] == 3.1e9


def test_visits_a_year_apart_stay_two_events(built: Store) -> None:
    e = events_by_mention(built)
    a, b = e[(corpus.visit().id, "CONSULT")], e[(corpus.earlier().id, "CONSULT")]
    assert a["id"] != b["id"]
    assert b["date_value"] == "2023-04-11"
    assert b["independent_sources"] == 1
    assert mentions_of(built, b["id"]) == [(corpus.earlier().id, 0)]


def test_consult_and_agree_in_one_report_stay_apart(built: Store) -> None:
    e = events_by_mention(built)
    assert e[(corpus.visit().id, "CONSULT")]["id"] != e[(corpus.visit().id, "AGREE")]["id"]


def test_event_modality_and_confidence(built: Store) -> None:
    e = events_by_mention(built)
    mob = e[(corpus.troops().id, "MOBILIZE")]
    assert e[(corpus.denial().id, "MOBILIZE")]["id"] == mob["id"]
    # Reported by one source, denied by another: not asserted, denial kept visible.
    assert mob["modality"] == "reported"
    with built.connect() as conn:
        mods = sorted(r.modality for r in conn.execute(
            select(S.event_mentions).where(S.event_mentions.c.event_id == mob["id"])))
    assert mods == ["denied", "reported"]
    w = load_thresholds()["corroboration"]["modality_weight"]
    expected = 1 - (1 - w["reported"]) * (1 - w["denied"])
    assert abs(mob["confidence"] - expected) < 1e-3
    single = e[(corpus.earlier().id, "CONSULT")]
    assert single["confidence"] == w["asserted"]
    assert e[(corpus.visit().id, "CONSULT")]["confidence"] > single["confidence"]


def test_merge_decisions_are_explained(built: Store) -> None:
    visit = events_by_mention(built)[(corpus.visit().id, "CONSULT")]
    why = visit["why"]
    states = "+".join(sorted([eid(built, corpus.KOR), eid(built, corpus.POL)]))
    assert why["block"] == visit["block_key"] == f"{states}|verbal_cooperation|2024"
    joined = [d for d in why["decisions"] if d["joined"]]
    assert len(joined) == 3
    parts = {d["mention"]["document"]: d["joined"]["parts"] for d in joined}
    # Monday vs Tuesday: a day apart, near enough for one visit (a date contradiction).
    assert parts[corpus.brief().id]["date_relation"] == "near"
    assert parts[corpus.independent().id]["date_relation"] == "equal"
    assert all(d["joined"]["score"] >= load_thresholds()["events"]["merge_score"] for d in joined)
    # The deal signed during the visit is in another type family (AGREE, COOPERATE,
    # AID), so its block is another: the two are never compared.
    agree = events_by_mention(built)[(corpus.visit().id, "AGREE")]
    assert agree["block_key"] == f"{states}|agree+aid+cooperate|2024"
    assert sum(d["pairs"] for d in why["decisions"]) >= len(joined)


def test_event_actors_rows(built: Store) -> None:
    visit = events_by_mention(built)[(corpus.visit().id, "CONSULT")]
    with built.connect() as conn:
        rows = sorted((r.entity_id, r.role, r.date_sort) for r in conn.execute(
            select(S.event_actors).where(S.event_actors.c.event_id == visit["id"])))
    assert rows == sorted([(eid(built, corpus.WROBEL), "source", "2024-03-04"),
                           (eid(built, corpus.LEE), "target", "2024-03-04")])


def test_actorless_mention_takes_actors_from_preceding_event(store: Store) -> None:
    """"The two signed" names nobody; the event just before it in the text does."""
    from accord.reconcile import reconcile

    from .builder import Doc, add

    text = ("Lee Dae-ho met his Polish colleague Anna Wrobel in Seoul on March 4. "
            "Afterwards the two signed a deal for artillery worth $3.1 billion.")
    d = Doc(text, published="2024-03-07")
    d.event("CONSULT", "met his Polish colleague", [corpus.LEE], [corpus.WROBEL],
            date="2024-03-04")
    d.event("AGREE", "the two signed a deal", [], [], date="2024-03-04",
            quantities=[(3.1e9, "USD", "exact", "$3.1 billion")])
    add(store, corpus.visit(), d)
    reconcile(store, None)
    e = events_by_mention(store)
    assert e[(d.id, "AGREE")]["id"] == e[(corpus.visit().id, "AGREE")]["id"]
    assert e[(d.id, "AGREE")]["independent_sources"] == 2
