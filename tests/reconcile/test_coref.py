"""Event coreference: one real event, one record; vetoes that never bend (issue 14).

The scenario is our own: a fictional $1.6 billion Kenya-South Korea drone deal told
by six outlets in different words, types, dates and amount formats, next to a
hypothetical strike, a raid from another year, a foiled plan and a second deal of
another amount, which must all stay apart.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from accord.reconcile import reconcile
from accord.reconcile.events import Mention, cluster_block
from accord.reconcile.eventscore import date_relation, quantity_relation, score, veto
from accord.reconcile.settings import load_thresholds
from accord.store import Store
from accord.store import schema as S

from .builder import Doc, add

KEN, KOR, SOM = "state:KEN", "state:KOR", "state:SOM"
USD = "USD"
CFG = load_thresholds()["events"]
DATA = Path(__file__).resolve().parents[1] / "data"


def mention(i: int, doc: str, type: str, text: str, *, source: list[str] | None = None,
            target: list[str] | None = None, date: str | None = None, basis: str = "explicit",
            modality: str = "asserted", usd: float | None = None, sentence: int = 0,
            published: str = "2023-02-27") -> Mention:
    m = Mention(
        id=i, document_id=doc, published=published, sentence_idx=sentence, start=10 * i,
        end=10 * i + len(text), text=text, trigger=text.split()[1], type=type, cameo=None,
        intensity=None, source=list(source or []), target=list(target or []),
        date_value=date, date_basis=basis if date else "none", location=None,
        quantities=[{"value": usd, "unit": USD, "qualifier": "exact", "text": "x"}]
        if usd else [], modality=modality, attributed=[])
    m.source_states, m.target_states = sorted(set(m.source)), sorted(set(m.target))
    m.norm = text.lower()
    return m


# -- pair evidence and vetoes -------------------------------------------------------
def test_one_deal_in_three_amount_formats_and_two_types_scores_as_one() -> None:
    a = mention(1, "d1", "AGREE", "Kenya signed a $1.6 billion deal for drones with Seoul",
                source=[KEN, KOR], date="2023-02-26", usd=1.6e9)
    b = mention(2, "d2", "COOPERATE", "Kenya bought $1.6bn of drones from South Korea",
                source=[KEN], target=[KOR], date="2023-02", usd=1.6e9)
    assert quantity_relation(a, b, CFG["quantity_tolerance"]) == "agree"
    parts = score(a, b, CFG)
    assert "veto" not in parts and parts["total"] >= CFG["merge_score"]
    assert parts["date_relation"] == "contains" and parts["objects"] == 1.0


@pytest.mark.parametrize(("mod_a", "mod_b", "vetoed"), [
    ("asserted", "hypothetical", True), ("reported", "planned", True),
    ("planned", "hypothetical", False), ("planned", "planned", False),
    ("asserted", "reported", False), ("asserted", "denied", False)])
def test_a_plan_or_hypothesis_never_merges_with_a_fact(mod_a: str, mod_b: str,
                                                       vetoed: bool) -> None:
    a = mention(1, "d1", "ASSAULT", "Kenyan jets struck militant camps in Somalia",
                source=[KEN], target=[SOM], date="2023-02-20", modality=mod_a)
    b = mention(2, "d2", "ASSAULT", "Kenya could strike militant camps in Somalia",
                source=[KEN], target=[SOM], date="2023-02-20", modality=mod_b)
    assert (veto(a, b, CFG) is not None) is vetoed


def test_a_plan_and_a_hypothesis_merge_only_between_the_same_sides() -> None:
    plan = mention(1, "d1", "ASSAULT", "Kenya is preparing to strike camps in Somalia",
                   source=[KEN], target=[SOM], date="2023-02", modality="planned")
    could = mention(2, "d2", "ASSAULT", "Kenya could strike camps in Somalia",
                    source=[KEN], target=[SOM], date="2023-02", modality="hypothetical")
    unnamed = mention(3, "d3", "ASSAULT", "Jets could strike camps in Somalia",
                      target=[SOM], date="2023-02", modality="hypothetical")
    assert veto(plan, could, CFG) is None
    assert "same source and target" in (veto(plan, unnamed, CFG) or "")


def test_dates_that_cannot_overlap_never_merge_but_near_days_do() -> None:
    base = dict(source=[KEN, KOR], usd=1.6e9)
    a = mention(1, "d1", "AGREE", "Kenya signed a drone deal", date="2023-02-26", **base)
    far = mention(2, "d2", "AGREE", "Kenya signed a drone deal", date="2021", **base)
    near = mention(3, "d3", "AGREE", "Kenya signed a drone deal", date="2023-02-24", **base)
    month = mention(4, "d4", "AGREE", "Kenya signed a drone deal", date="2023-04", **base)
    assert date_relation(a, far, CFG["date_near_days"]) == "conflict"
    assert "cannot overlap" in (veto(a, far, CFG) or "")
    assert "cannot overlap" in (veto(a, month, CFG) or "")
    assert date_relation(a, near, CFG["date_near_days"]) == "near"
    assert veto(a, near, CFG) is None


def test_a_relative_day_a_week_off_scores_low_but_never_vetoes() -> None:
    base = dict(source=[KEN], target=[SOM])
    # "on Sunday" read as the Sunday before: nine days from the other outlet's date.
    weekday = mention(1, "d1", "ASSAULT", "Kenyan jets struck camps on Sunday",
                      date="2023-02-19", basis="relative", **base)
    stated = mention(2, "d2", "ASSAULT", "Kenyan jets struck camps on 28 February",
                     date="2023-02-28", **base)
    assert date_relation(weekday, stated, 7, 7) == "near_relative"
    assert date_relation(weekday, stated, 7) == "conflict"  # without the slack
    assert veto(weekday, stated, CFG) is None
    assert score(weekday, stated, CFG)["date"] < score(stated, stated, CFG)["date"]
    # Two stated dates nine days apart, or a relative one fifteen days off, still veto.
    other = mention(3, "d3", "ASSAULT", "Kenyan jets struck camps on 19 February",
                    date="2023-02-19", **base)
    assert "cannot overlap" in (veto(other, stated, CFG) or "")
    early = mention(4, "d4", "ASSAULT", "Kenyan jets struck camps on Monday",
                    date="2023-02-13", basis="relative", **base)
    assert "cannot overlap" in (veto(early, stated, CFG) or "")


def test_strikes_days_apart_are_two_events_a_deal_dated_days_apart_is_one() -> None:
    # Strikes recur between the same sides: Monday's and Thursday's are two events,
    # while outlets dating one deal three days apart still tell one deal.
    monday = mention(1, "d1", "ASSAULT", "Kenyan jets struck a camp on Monday",
                     source=[KEN], target=[SOM], date="2023-03-06", basis="relative")
    thursday = mention(2, "d2", "ASSAULT", "Kenyan jets struck a camp on Thursday",
                       source=[KEN], target=[SOM], date="2023-03-09", basis="relative")
    next_day = mention(3, "d3", "ASSAULT", "Kenyan jets struck a camp on 7 March",
                       source=[KEN], target=[SOM], date="2023-03-07")
    assert "cannot overlap" in (veto(monday, thursday, CFG) or "")
    assert veto(monday, next_day, CFG) is None  # a day apart: one strike, two clocks
    deal = dict(source=[KEN, KOR], usd=1.6e9)
    signed = mention(4, "d4", "AGREE", "Kenya signed a drone deal", date="2023-03-06", **deal)
    later = mention(5, "d5", "AGREE", "Kenya signed a drone deal", date="2023-03-09", **deal)
    assert veto(signed, later, CFG) is None


def test_deals_about_different_things_are_two_events_unless_an_amount_agrees() -> None:
    base = dict(source=[KEN, KOR], date="2023-03-07")
    drones = mention(1, "d1", "AGREE", "Kenya signed a deal to buy drones", **base)
    tanks = mention(2, "d2", "AGREE", "Kenya signed a deal to buy tanks", **base)
    package = mention(3, "d3", "AGREE", "Kenya signed a deal for drones and missile defence",
                      **base)
    only_deal = mention(4, "d4", "AGREE", "Kenya signed a deal with Seoul", **base)
    assert "different objects" in (veto(drones, tanks, CFG) or "")
    assert veto(drones, package, CFG) is None  # one names part of the other's package
    assert veto(tanks, only_deal, CFG) is None  # "a deal" says nothing of what
    # The same amount: one package that each outlet names by another part.
    usd = dict(base, usd=1.6e9)
    a = mention(5, "d5", "AGREE", "Kenya signed a $1.6bn deal to buy drones", **usd)
    b = mention(6, "d6", "AGREE", "Kenya signed a $1.6bn deal for missile defence", **usd)
    assert veto(a, b, CFG) is None
    # Conflict acts are told by one weapon each: no object veto.
    rockets = mention(7, "d7", "ASSAULT", "Kenya fired rockets at the camp", source=[KEN],
                      target=[SOM], date="2023-03-07")
    jets = mention(8, "d8", "ASSAULT", "Kenya sent jets over the camp", source=[KEN],
                   target=[SOM], date="2023-03-07")
    assert veto(rockets, jets, CFG) is None


def test_one_document_goes_on_about_one_act_not_the_next_step() -> None:
    # Undated, same actors, one article: "raided ... the raid" is one act told
    # twice; "arrested ... charged" is the next step of the story, not the same act.
    raided = mention(1, "d1", "COERCE", "Police raided a flat in the capital",
                     source=[KEN], target=[SOM], sentence=1)
    raid = mention(2, "d1", "COERCE", "The raid ended without shots", source=[KEN],
                   target=[SOM], sentence=2)
    arrested = mention(3, "d1", "COERCE", "Agents arrested four people", source=[KEN],
                       target=[SOM], sentence=3)
    charged = mention(4, "d1", "COERCE", "Prosecutors charged them yesterday",
                      source=[KEN], target=[SOM], sentence=4)
    # (No target states: a directed dyad named alike would tie them on its own.)
    for m in (raided, raid, arrested, charged):
        m.target_states = []
    assert "veto" not in score(raided, raid, CFG)
    assert "veto" in score(arrested, charged, CFG)


def test_different_amounts_never_merge_and_rounding_does() -> None:
    a = mention(1, "d1", "AGREE", "Kenya signed a drone deal", source=[KEN, KOR], usd=1.6e9)
    b = mention(2, "d2", "AGREE", "Kenya signed a drone deal", source=[KEN, KOR], usd=2.0e9)
    c = mention(3, "d3", "AGREE", "Kenya signed a drone deal", source=[KEN, KOR], usd=1.62e9)
    assert veto(a, b, CFG) == "different amounts"
    assert veto(a, c, CFG) is None


def test_reversed_direction_and_different_target_never_merge() -> None:
    a = mention(1, "d1", "ACCUSE", "Kenya accused Somalia of shelling", source=[KEN],
                target=[SOM], date="2023-02-20")
    rev = mention(2, "d2", "ACCUSE", "Somalia accused Kenya of shelling", source=[SOM],
                  target=[KEN], date="2023-02-20")
    other = mention(3, "d3", "ACCUSE", "Kenya accused Seoul of shelling", source=[KEN],
                    target=[KOR], date="2023-02-20")
    assert "reversed" in (veto(a, rev, CFG) or "")
    assert veto(a, other, CFG) == "different target"


def test_a_visit_and_a_deal_are_never_one_event() -> None:
    a = mention(1, "d1", "CONSULT", "Kenya's minister visited Seoul", source=[KEN],
                target=[KOR], date="2023-02-26")
    b = mention(2, "d2", "AGREE", "Kenya signed a deal in Seoul", source=[KEN, KOR],
                date="2023-02-26")
    assert "not compatible" in (veto(a, b, CFG) or "")


def test_a_mention_joins_at_most_one_event_and_a_veto_binds_the_whole_event() -> None:
    fact = mention(1, "d1", "ASSAULT", "Kenyan jets bombed a camp in Somalia", source=[KEN],
                   target=[SOM], date="2023-02-20")
    copy = mention(2, "d2", "ASSAULT", "Kenyan jets bombed a camp in Somalia", source=[KEN],
                   target=[SOM], date="2023-02-20")
    # Undated and like the first two, but hypothetical: never joins their event.
    maybe = mention(3, "d3", "ASSAULT", "Kenyan jets could bomb a camp in Somalia",
                    source=[KEN], target=[SOM], modality="hypothetical")
    clusters = cluster_block([maybe, copy, fact], CFG)
    members = sorted(sorted(m.id for m in c.members) for c in clusters)
    assert members == [[1, 2], [3]]
    assert sum(len(c.members) for c in clusters) == 3


# -- the scenario through the store ----------------------------------------------------
def _docs() -> list[Doc]:
    wire_text = (
        "Kenya signed a $1.6 billion agreement with South Korea on Sunday to buy drones and "
        "air-defence systems, officials said. Kenya's army chief warned that Kenya could "
        "strike militant camps in Somalia. In 2019, Kenyan troops raided a militant base near "
        "the Somali border. The contract covers forty drones and ten years of maintenance.")
    wire = Doc(wire_text, published="2023-02-27", outlet="Coastal Wire", title="Drone deal")
    wire.event("AGREE", "signed a $1.6 billion agreement", [KEN, KOR], [], date="2023-02-26",
               basis="relative", modality="reported", quantities=[(1.6e9, USD, "exact",
                                                                  "$1.6 billion")])
    wire.event("COOPERATE", "buy drones", [KEN], [KOR], date="2023-02-26", basis="relative",
               modality="planned")
    wire.event("THREATEN", "warned that Kenya", [KEN], [SOM])
    wire.event("ASSAULT", "strike militant camps", [KEN], [SOM], modality="hypothetical")
    wire.event("ASSAULT", "raided a militant base", [KEN], [SOM], date="2019")
    reprint = Doc(wire_text + " Reporting by Coastal Wire.", published="2023-02-27",
                  outlet="Meridian Times", title="Drone deal (wire)")
    for e in wire.events:
        reprint.events.append(e)
    reprint.mentions = list(wire.mentions)
    ledger = Doc("Kenya and South Korea on Sunday signed a USD1.6-billion contract for unmanned "
                 "aircraft. Opposition lawmakers asked why parliament was not told first.",
                 published="2023-02-26", outlet="Nairobi Ledger")
    ledger.event("AGREE", "signed a USD1.6-billion contract", [KEN, KOR], [],
                 date="2023-02-26", basis="relative",
                 quantities=[(1.6e9, USD, "exact", "USD1.6-billion")])
    post = Doc("The Kenyan defence ministry agreed on 26 February to purchase $1.6bn of drones "
               "from South Korea. Critics say the money should go to the police.",
               published="2023-02-28", outlet="Harbour Post")
    post.event("COOPERATE", "purchase $1.6bn of drones", ["org:ken defence ministry"], [KOR],
               date="2023-02-26", quantities=[(1.6e9, USD, "exact", "$1.6bn")])
    sentinel = Doc("South Korea sold drones worth $1.6 billion to Kenya on Feb. 26, 2023. The "
                   "sale was negotiated over eighteen months.", published="2023-03-02",
                   outlet="Sentinel Daily")
    sentinel.event("COOPERATE", "sold drones worth $1.6 billion", [KOR], [KEN],
                   date="2023-02-26", quantities=[(1.6e9, USD, "exact", "$1.6 billion")])
    review = Doc("Last month Kenya signed a $1.6 billion deal with South Korea for drones. On "
                 "Monday Kenya signed a separate $250 million agreement with South Korea for "
                 "training aircraft.", published="2023-03-21", outlet="Frontier Review")
    review.event("AGREE", "signed a $1.6 billion deal", [KEN, KOR], [], date="2023-02",
                 basis="relative", quantities=[(1.6e9, USD, "exact", "$1.6 billion")])
    review.event("AGREE", "signed a separate $250 million agreement", [KEN, KOR], [],
                 date="2023-03-20", basis="relative",
                 quantities=[(2.5e8, USD, "exact", "$250 million")])
    observer = Doc("Kenya has bought $1.6 billion worth of drones from South Korea, government "
                   "officials said. Members of the budget committee said they first heard of it "
                   "in the newspapers.", published="2023-02-27", outlet="Capital Observer")
    observer.event("COOPERATE", "bought $1.6 billion worth", [KEN], [KOR], modality="reported",
                   quantities=[(1.6e9, USD, "exact", "$1.6 billion")])
    return [wire, reprint, ledger, post, sentinel, review, observer]


@pytest.fixture()
def scenario(store: Store) -> dict[str, Any]:
    docs = _docs()
    add(store, *docs)
    reconcile(store, None)
    with store.connect() as conn:
        events = {r.id: r._asdict() for r in conn.execute(select(S.events))}
        # (document, sentence, type) -> event
        by_mention = {(r.document_id, r.sentence_idx, r.type): r.event_id for r in conn.execute(
            select(S.event_mentions.c.document_id, S.event_mentions.c.sentence_idx,
                   S.event_mentions.c.type, S.event_mentions.c.event_id))}
        cx = list(conn.execute(select(S.contradictions)))
    return {"docs": docs, "events": events, "by": by_mention, "contradictions": cx}


def test_the_deal_is_one_record_with_every_outlet(scenario: dict[str, Any]) -> None:
    docs, by = scenario["docs"], scenario["by"]
    wire, reprint, ledger, post, sentinel, review, observer = docs
    deal = by[(wire.id, 0, "AGREE")]
    for d, typ in ((reprint, "AGREE"), (ledger, "AGREE"), (post, "COOPERATE"),
                   (sentinel, "COOPERATE"), (review, "AGREE"), (observer, "COOPERATE"),
                   (wire, "COOPERATE"), (reprint, "COOPERATE")):
        assert by[(d.id, 0, typ)] == deal, (d.outlet, typ)
    ev = scenario["events"][deal]
    # Seven outlets; the reprint counts with the wire story it copies.
    assert ev["independent_sources"] == 6
    assert ev["type"] == "AGREE" and ev["date_value"] == "2023-02-26"
    assert ev["modality"] in ("asserted", "reported")
    outlets = {o["outlet"]: o for o in ev["why"]["outlets"]}
    assert len(outlets) == 7
    # Copy detection found the reprint (the later added one is the copy here).
    copies = {o["document"]: o["copy_of"] for o in outlets.values() if o["copy_of"]}
    assert copies in ({reprint.id: wire.id}, {wire.id: reprint.id})


def test_hypothesis_background_and_other_deal_stay_apart(scenario: dict[str, Any]) -> None:
    wire, review = scenario["docs"][0], scenario["docs"][5]
    by, events = scenario["by"], scenario["events"]
    deal = by[(wire.id, 0, "AGREE")]
    strike, raid = by[(wire.id, 1, "ASSAULT")], by[(wire.id, 2, "ASSAULT")]
    other = [by[(review.id, 1, "AGREE")]]
    assert len({strike, raid, deal, by[(wire.id, 1, "THREATEN")], *other}) == 5
    assert events[strike]["modality"] == "hypothetical"
    assert events[raid]["date_value"] == "2019" and events[raid]["modality"] == "asserted"
    assert events[other[0]]["quantities"][0]["value"] == 2.5e8


def test_no_false_contradiction_on_the_deal(scenario: dict[str, Any]) -> None:
    deal = scenario["by"][(scenario["docs"][0].id, 0, "AGREE")]
    assert not [c for c in scenario["contradictions"] if deal in c.items]


def test_incremental_adds_give_the_batch_events(tmp_path: Path) -> None:
    docs = _docs()
    batch, steps = Store(tmp_path / "a.db"), Store(tmp_path / "b.db")
    try:
        add(batch, *docs)
        reconcile(batch, None)
        for d in docs:
            add(steps, d)
            reconcile(steps, [d.id])
        with batch.connect() as c1, steps.connect() as c2:
            q = select(S.event_mentions.c.document_id, S.event_mentions.c.start,
                       S.event_mentions.c.event_id)
            assert sorted(c1.execute(q).all()) == sorted(c2.execute(q).all())
    finally:
        batch.close()
        steps.close()


# -- the multi-outlet example cluster, real pipeline, scored with coreference metrics -----
@pytest.fixture(scope="module")
def cluster_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    import accord

    db = tmp_path_factory.mktemp("coref") / "kb.db"
    kb = accord.open(db)
    try:
        kb.build([DATA / "coref_cluster"], workers=1)
    finally:
        kb.close()
    return str(db)


def test_coref_cluster_gold_through_the_pipeline(cluster_db: str) -> None:
    from accord.eval.coref import evaluate_coref

    result = evaluate_coref(DATA / "coref_cluster.gold.json", db=cluster_db)
    deal = next(e for e in result["events"] if e["id"] == "drone-deal")
    assert deal["one_record"] and deal["independent_sources"] == 6
    assert len(deal["outlets"]) == 7
    assert result["b_cubed"]["f1"] >= 0.85
    assert not result["wrong_merges"]
    # No contradiction on the deal: its outlets agree once amounts and dates are read.
    with Store(cluster_db) as store, store.connect() as conn:
        cx = [r for r in conn.execute(select(S.contradictions)) if deal["event"] in r.items]
    assert not cx


def test_coref_metrics_on_known_clusterings() -> None:
    from accord.eval.coref import b_cubed, ceaf_e, muc

    key = [{1, 2, 3}, {4, 5}]
    assert muc(key, key)["f1"] == b_cubed(key, key)["f1"] == ceaf_e(key, key)["f1"] == 1.0
    one = [{1, 2, 3, 4, 5}]
    assert muc(key, one)["recall"] == 1.0 and muc(key, one)["precision"] == 0.75
    # B-cubed: precision (3*3/5 + 2*2/5) / 5 = 0.52, recall 1.
    assert b_cubed(key, one)["precision"] == 0.52 and b_cubed(key, one)["recall"] == 1.0
    singletons = [{i} for i in range(1, 6)]
    assert muc(key, singletons)["recall"] == 0.0
    # CEAF-e: each key cluster aligned with one singleton: (2/4 + 2/3) over 2 and over 5.
    c = ceaf_e(key, singletons)
    assert c["recall"] == round((0.5 + 2 / 3) / 2, 4) and c["precision"] == round(
        (0.5 + 2 / 3) / 5, 4)


def test_eval_coref_cli(cluster_db: str, tmp_path: Path) -> None:
    import json

    from typer.testing import CliRunner

    from accord.cli import app

    gold = str(DATA / "coref_cluster.gold.json")
    res = CliRunner().invoke(app, ["eval", "--coref", gold, "--db", cluster_db, "--json"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.output)
    assert set(out) >= {"muc", "b_cubed", "ceaf_e", "events"}
    high = CliRunner().invoke(app, ["eval", "--coref", gold, "--db", cluster_db,
                                    "--min-bcubed", "1.0"])
    assert high.exit_code == (0 if out["b_cubed"]["f1"] >= 1.0 else 1)
    bad = tmp_path / "bad.json"
    bad.write_text('{"events": []}', encoding="utf-8")
    err = CliRunner().invoke(app, ["eval", "--coref", str(bad), "--db", cluster_db])
    assert err.exit_code != 0 and "non-empty 'events'" in str(err.exception)


# -- why, for the analyst ------------------------------------------------------------
def test_explanation_names_each_mention_and_how_it_joined(scenario: dict[str, Any],
                                                          store: Store) -> None:
    from accord.query.explain import explain_event

    wire = scenario["docs"][0]
    deal = scenario["by"][(wire.id, 0, "AGREE")]
    x = explain_event(store, deal)["explanation"]
    assert x["independent_sources"] == 6 and len(x["outlets"]) == 7
    rows = x["mentions"]
    assert len(rows) == 9  # seven outlets, and the wire's "to buy" in wire and reprint
    assert sum(r["how"].startswith("first mention") for r in rows) == 1
    complements = [r for r in rows if "commits to" in r["how"]]
    assert {r["trigger"] for r in complements} == {"buy"}
    joined = [r for r in rows if r["how"].startswith("joined") and "commits" not in r["how"]]
    assert all("type" in r["how"] and "date" in r["how"] for r in joined)
    # The $250 million deal of the Frontier Review was compared and kept out by a veto.
    other = scenario["by"][(scenario["docs"][5].id, 1, "AGREE")]
    ox = explain_event(store, other)["explanation"]["mentions"][0]
    assert "veto" in (ox["closest_rejected"] or "")


def test_events_explain_cli_and_web_page(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient
    from typer.testing import CliRunner

    from accord.cli import app
    from accord.web import create_app

    db = tmp_path / "kb.db"
    with Store(db) as store:
        docs = _docs()
        add(store, *docs)
        reconcile(store, None)
        with store.connect() as conn:
            deal = conn.execute(select(S.events.c.id).order_by(
                S.events.c.independent_sources.desc())).first()[0]
    res = CliRunner().invoke(app, ["events", "--explain", deal[:10], "--db", str(db), "--json"])
    assert res.exit_code == 0, res.output
    assert '"independent_sources": 6' in res.output and "commits to" in res.output
    why = CliRunner().invoke(app, ["event", deal, "--why", "--db", str(db)])
    assert why.exit_code == 0, why.output
    assert "commits to" in why.output and "joined" in why.output
    bad = CliRunner().invoke(app, ["events", "--explain", "ev-nope", "--db", str(db)])
    assert bad.exit_code != 0 and "no event ev-nope" in str(bad.exception)
    with TestClient(create_app(str(db))) as client:
        page = client.get(f"/events/{deal}").text
    assert "Why these mentions are one event" in page and "Frontier Review".lower() in page


# -- an analyst's correction ---------------------------------------------------------
def _event_of(store: Store, doc: str, sentence: int, type: str) -> str:
    em = S.event_mentions
    with store.connect() as conn:
        return conn.execute(select(em.c.event_id).where(
            em.c.document_id == doc, em.c.sentence_idx == sentence, em.c.type == type)).scalar()


def test_judgements_split_and_merge_survive_rebuilds(scenario: dict[str, Any],
                                                     store: Store) -> None:
    from accord.reconcile import eventjudge

    wire, review = scenario["docs"][0], scenario["docs"][5]
    deal = _event_of(store, wire.id, 0, "AGREE")
    j, problems = eventjudge.split(store, deal, [review.id[:10]])
    assert not problems and len(j.a) == 1
    reconcile(store, None)
    reconcile(store, None)  # a rebuild keeps it
    apart = _event_of(store, review.id, 0, "AGREE")
    deal = _event_of(store, wire.id, 0, "AGREE")
    assert apart != deal
    with store.connect() as conn:
        row = conn.execute(select(S.events.c.independent_sources, S.events.c.why)
                           .where(S.events.c.id == deal)).first()
    assert row.independent_sources == 5 and "judgement #" in row.why["judgements"][0]
    # An analyst merges the threat (another type family, another block) into the raid.
    threat = _event_of(store, wire.id, 1, "THREATEN")
    raid = _event_of(store, wire.id, 2, "ASSAULT")
    eventjudge.merge(store, threat, raid)
    stats = reconcile(store, None)["events"]
    assert stats["judgements"]["applied"] == 2 and not stats["judgements"]["skipped"]
    assert _event_of(store, wire.id, 1, "THREATEN") == _event_of(store, wire.id, 2, "ASSAULT")


def test_contradictory_or_missing_judgements_are_reported_not_applied(
        scenario: dict[str, Any], store: Store) -> None:
    from accord.errors import NotFound
    from accord.reconcile import eventjudge

    wire, review = scenario["docs"][0], scenario["docs"][5]
    deal = _event_of(store, wire.id, 0, "AGREE")
    eventjudge.split(store, deal, [review.id])
    reconcile(store, None)
    _, problems = eventjudge.merge(store, _event_of(store, wire.id, 0, "AGREE"),
                                   _event_of(store, review.id, 0, "AGREE"))
    assert problems and "contradicts" in problems[0]
    stats = reconcile(store, None)["events"]["judgements"]
    assert stats["applied"] == 0 and len(stats["skipped"]) == 2
    # Neither applied: the six outlets' deal is one event again.
    assert _event_of(store, review.id, 0, "AGREE") == _event_of(store, wire.id, 0, "AGREE")
    with pytest.raises(NotFound):
        eventjudge.merge(store, "ev-missing", deal)
    with pytest.raises(NotFound):
        eventjudge.split(store, _event_of(store, wire.id, 0, "AGREE"), ["no such outlet"])


def test_judge_cli(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from accord.cli import app

    db = tmp_path / "kb.db"
    docs = _docs()
    with Store(db) as store:
        add(store, *docs)
        reconcile(store, None)
        deal = _event_of(store, docs[0].id, 0, "AGREE")
    run = CliRunner().invoke
    res = run(app, ["judge", "events", "split", deal, "Frontier Review", "--db", str(db)])
    assert res.exit_code == 0, res.output
    assert "1 mention(s) split off" in res.output
    listed = run(app, ["judge", "events", "list", "--db", str(db)])
    assert "#1 split" in listed.output
    bad = run(app, ["judge", "events", "merge", "ev-nope", deal, "--db", str(db)])
    # (the console entry point prints it as one line: "error: no event ev-nope ...")
    assert bad.exit_code != 0 and "no event ev-nope" in str(bad.exception)


# -- bad input ---------------------------------------------------------------------------
def test_undated_corpus_and_corpus_without_events_still_build(store: Store) -> None:
    text = ("Kenya signed a $1.6 billion agreement with South Korea to buy drones. "
            "Officials gave no other details.")
    docs = []
    for i, outlet in enumerate(("Outlet One", "Outlet Two", "Outlet Three")):
        d = Doc(text.replace("Officials", f"Officials ({i})"), outlet=outlet)  # no dates at all
        d.event("AGREE", "signed a $1.6 billion agreement", [KEN, KOR], [],
                quantities=[(1.6e9, USD, "exact", "$1.6 billion")])
        docs.append(d)
    quiet = Doc("Nothing happened in the capital today. The weather was mild.", outlet="Four")
    add(store, *docs, quiet)
    stats = reconcile(store, None)
    assert stats["events"]["events"] == 1
    with store.connect() as conn:
        (ev,) = conn.execute(select(S.events)).all()
    assert ev.date_value is None and ev.block_key.endswith("|undated")
    assert ev.independent_sources == 3  # two sentences are too few to call a copy


def test_block_pairs_a_one_sided_mention_with_its_partner() -> None:
    from accord.reconcile.events import block_for

    ken, kor, som = "state-KEN", "state-KOR", "state-SOM"
    both = block_for("AGREE", [ken, kor], [], "2023")
    assert both == "state-KEN+state-KOR|agree+aid+cooperate|2023"
    # "South Korea sold drones to Kenya": the sentence names the other side.
    assert block_for("COOPERATE", [kor], [], "2023", sentence_states=[kor, ken]) == both
    # Several other states: the nearest to the trigger, unless the document pairs one.
    assert block_for("AID", [ken], [], "2023", sentence_states=[kor, som]) == both
    assert block_for("AID", [ken], [], "2023", sentence_states=[som, kor],
                     doc_sets=[frozenset({ken, kor})]) == both
    # No partner in the sentence: the one the document names in another deal event.
    assert block_for("AGREE", [ken], [], "2023", doc_sets=[frozenset({ken, kor})]) == both
    # "Kenya and South Korea signed, angering Somalia": the pair that acts.
    assert block_for("AGREE", [ken, kor], [som], "2023") == both
    # Conflict types block on the side acted on: "Somali forces shelled Kenyan posts",
    # "gunmen attacked Kenyan posts" (no source) and the shelled posts in a sentence
    # that names no actor but Kenya meet; the reversed act is another block.
    acted_on = "state-KEN|material_conflict|2023"
    assert block_for("ASSAULT", [som], [ken], "2023") == acted_on
    assert block_for("ASSAULT", [], [ken], "2023") == acted_on
    assert block_for("ASSAULT", [], [], "2023", sentence_states=[ken, som]) == acted_on
    assert block_for("ASSAULT", [ken], [som], "2023") == "state-SOM|material_conflict|2023"
    # Without a target, the acting side.
    assert block_for("ACCUSE", [ken], [], None) == "state-KEN|accuse+threaten|undated"
    # A firm of no known country stands for itself; outlets share the pair of states,
    # so the state its sentence names replaces it ("Seoul's Hanwha sold to Kenya").
    firm = "org-hanwha"
    assert block_for("COOPERATE", [firm, kor], [ken], "2023") == both
    assert block_for("COOPERATE", [firm], [ken], "2023", sentence_states=[kor]) == both
    # ...but with no other state in sight the firm keeps its place in the pair.
    assert block_for("COOPERATE", [firm], [ken], "2023") == \
        "org-hanwha+state-KEN|agree+aid+cooperate|2023"


def test_a_january_document_on_last_year_blocks_its_undated_mentions_there() -> None:
    from accord.reconcile.events import block_year

    days = int(CFG["year_start_days"])
    undated = mention(1, "d1", "ASSAULT", "Agents broke up a group preparing an attack",
                      published="2024-01-15")
    month = mention(2, "d1", "ASSAULT", "Agents broke up a group preparing an attack",
                    published="2024-01")
    by_pub = mention(3, "d1", "ASSAULT", "Agents have broken up a group",
                     date="2024-01-15", basis="publication", published="2024-01-15")
    dated = mention(4, "d1", "ASSAULT", "Agents broke up a group on 3 January",
                    date="2024-01-03", basis="relative", published="2024-01-05")
    # A January document stating dates of 2022 and 2023 only: its undated acts are
    # last year's (a paper published "January 2024" counts from the month's start).
    assert block_year(undated, {"2022", "2023"}, days) == "2023"
    assert block_year(month, {"2022"}, days) == "2023"
    assert block_year(by_pub, {"2023"}, days) == "2023"
    # One that states a date of its own year, or none, or a stated date: unchanged.
    assert block_year(undated, {"2023", "2024"}, days) == "2024"
    assert block_year(undated, set(), days) == "2024"
    assert block_year(dated, {"2022"}, days) == "2024"
    # Later in the year, old background dates say nothing about today's report.
    june = mention(5, "d2", "AGREE", "Kenya has signed the deal", published="2024-06-10")
    assert block_year(june, {"2019"}, days) == "2024"
