"""The scorer's arithmetic on hand-made predictions: exact figures."""

from __future__ import annotations

import pytest

from accord.eval.gold import GoldClaim, GoldDate, GoldEvent, GoldSentence
from accord.eval.predict import PredClaim, PredEvent, Prediction
from accord.eval.score import date_right, score


def gev(etype: str, src: list[str], tgt: list[str], modality: str = "asserted",
        date: GoldDate | None = None) -> GoldEvent:
    return GoldEvent(type=etype, source=src, target=tgt, modality=modality, date=date)


def pev(etype: str, src: set[str], tgt: set[str], modality: str = "asserted",
        date: str | None = None, gran: str | None = None) -> PredEvent:
    from accord.eval.codes import date_granularity

    return PredEvent(type=etype, source=tuple((c,) for c in sorted(src)),
                     target=tuple((c,) for c in sorted(tgt)), modality=modality,
                     date_value=date, date_granularity=date_granularity(date, gran))


def sent(sid: str, events: list[GoldEvent], tags: list[str] | None = None,
         claims: list[GoldClaim] | None = None) -> GoldSentence:
    return GoldSentence(id=sid, text=f"sentence {sid}", published="2024-05-14", events=events,
                        claims=claims, tags=tags or [])


@pytest.fixture(scope="module")
def result() -> dict:
    day = GoldDate("2024-05-13", "day")
    gold = [
        sent("a", [gev("PROTEST", ["IDN"], ["IDN"], date=day), gev("COERCE", ["IDN"], ["IDN"])],
             tags=["agent-noun-actor"]),
        sent("b", [gev("AGREE", ["VNM"], ["PHL"])], tags=["symmetric"]),
        sent("c", [], tags=["no-event"]),
        sent("d", [gev("ACCUSE", ["VEN"], ["GUY"])], tags=["agent-noun-actor"]),
    ]
    preds = [
        Prediction(events=[pev("PROTEST", {"IDN"}, {"IDN"}, "reported", "2024-05-13"),
                           pev("ASSAULT", {"IDN"}, set())]),
        Prediction(events=[pev("AGREE", {"PHL"}, {"VNM"})]),  # symmetric: direction ignored
        Prediction(events=[pev("CONSULT", set(), set())]),
        Prediction(events=[]),
    ]
    return score(gold, preds, keep_errors=10).to_dict()


def test_overall_figures(result: dict) -> None:
    o = result["overall"]
    assert o["counts"] == {"with_event": 3, "no_event": 1, "gold_events": 4, "emitted": 4,
                           "matched": 2, "with_target": 4, "dated": 1, "dated_gold": 1}
    assert o["event_precision"] == 0.5 and o["event_recall"] == 0.5 and o["event_f1"] == 0.5
    assert o["main_type"] == 0.6667 and o["any_event"] == 0.6667
    assert o["quiet_on_no_event"] == 0.0
    assert o["source"] == 0.5 and o["target"] == 0.5
    assert o["modality"] == 0.5 and o["date"] == 1.0
    assert o["worst_type_recall"] == 0.0


def test_per_type_and_confusions(result: dict) -> None:
    t = result["types"]
    assert (t["PROTEST"]["precision"], t["PROTEST"]["recall"]) == (1.0, 1.0)
    assert (t["COERCE"]["gold"], t["COERCE"]["matched"], t["COERCE"]["recall"]) == (1, 0, 0.0)
    assert (t["ASSAULT"]["emitted"], t["ASSAULT"]["precision"], t["ASSAULT"]["recall"]) == (
        1, 0.0, None)
    assert t["SANCTION"] == {"gold": 0, "emitted": 0, "matched": 0, "precision": None,
                             "recall": None, "f1": None}
    pairs = {(c["gold"], c["emitted"]): c["count"] for c in result["confusions"]}
    assert pairs == {("COERCE", "ASSAULT"): 1, ("NONE", "CONSULT"): 1, ("ACCUSE", "NONE"): 1}
    assert result["modality_confusions"] == [
        {"gold": "asserted", "emitted": "reported", "count": 1}]


def test_per_tag(result: dict) -> None:
    tag = result["tags"]["agent-noun-actor"]
    assert tag["sentences"] == 2 and tag["counts"]["gold_events"] == 3
    assert tag["event_recall"] == 0.3333 and tag["event_precision"] == 0.5
    assert result["tags"]["no-event"]["quiet_on_no_event"] == 0.0
    assert result["tags"]["symmetric"]["source"] == 1.0


def test_problem_sentences_listed(result: dict) -> None:
    problems = {e["id"]: e["problems"] for e in result["errors"]}
    assert problems == {"a": ["modality", "missed", "spurious"], "c": ["spurious"],
                        "d": ["missed"]}


def test_claims_within_one_percent_and_same_unit() -> None:
    gold = [sent("x", [], claims=[
        GoldClaim("IRN", "population", 16e6, "person"),
        GoldClaim("AZE", "deal_value", 1.6e9, "USD")])]
    preds = [Prediction(claims=[PredClaim("state:IRN", "p", 16.1e6, "person"),
                                PredClaim("state:AZE", "p", 1.7e9, "USD"),
                                PredClaim("state:AZE", "p", 5.0, "percent")])]
    c = score(gold, preds).to_dict()["claims"]
    assert (c["gold"], c["emitted"], c["matched"]) == (2, 3, 1)
    assert (c["precision"], c["recall"]) == (0.3333, 0.5)


def test_sentences_without_claim_annotation_do_not_count_claims() -> None:
    preds = [Prediction(claims=[PredClaim("state:IRN", "p", 1.0, "person")])]
    c = score([sent("y", [])], preds).to_dict()["claims"]
    assert (c["gold"], c["emitted"]) == (0, 0)


@pytest.mark.parametrize(("gold", "value", "gran", "right"), [
    (GoldDate("2024-05-13", "day"), "2024-05-13", None, True),
    (GoldDate("2024-05-13", "day"), "2024-05-12", None, False),
    (GoldDate("2024-05", "month"), "2024-05-13", None, False),  # too fine
    (GoldDate("2024-05-13", "week"), "2024-05-16", "week", True),  # same ISO week
    (GoldDate("2024-05-13", "week"), "2024-05-20", "week", False),
    (GoldDate("2024-05-13", "week"), "2024-05-13", None, False),  # a day is not a week
    (GoldDate("2010", "decade"), "2015", "decade", True),
    (GoldDate(None, "none"), None, None, True),
    (GoldDate(None, "none"), "1900", None, False),
])
def test_date_at_the_right_granularity(gold: GoldDate, value: str | None, gran: str | None,
                                       right: bool) -> None:
    assert date_right(gold, pev("PROTEST", set(), set(), date=value, gran=gran)) is right


def test_best_actor_agreement_wins_among_same_type_events() -> None:
    gold = [sent("z", [gev("ASSAULT", ["RUS"], ["UKR"])])]
    preds = [Prediction(events=[pev("ASSAULT", {"UKR"}, {"RUS"}),
                                pev("ASSAULT", {"RUS"}, {"UKR"})])]
    o = score(gold, preds).to_dict()["overall"]
    assert (o["source"], o["target"], o["event_precision"]) == (1.0, 1.0, 0.5)


def test_group_of_a_state_counts_as_the_state_or_as_itself() -> None:
    from accord.eval.codes import actor_codes
    from accord.records import ActorRef

    refs = {"group:hezbollah": ActorRef(key="group:hezbollah", name="Hezbollah", type="GROUP",
                                        country="state:LBN"),
            "person:a-b": ActorRef(key="person:a-b", name="A B", type="PERSON")}
    src = actor_codes(["group:hezbollah", "person:a-b", "state:ISR"], refs)
    assert src == (("LBN", "HEZBOLLAH"), ("ISR",))  # the person of unknown country has no code
    for gold_src in (["LBN", "ISR"], ["HEZBOLLAH", "ISR"]):
        ev = PredEvent(type="ASSAULT", source=src, target=(), modality="asserted",
                       date_value=None, date_granularity="none")
        gold = [sent("h", [gev("ASSAULT", gold_src, [])])]
        assert score(gold, [Prediction(events=[ev])]).to_dict()["overall"]["source"] == 1.0
    gold = [sent("h", [gev("ASSAULT", ["LBN"], [])])]
    assert score(gold, [Prediction(events=[ev])]).to_dict()["overall"]["source"] == 0.0


def test_un_agencies_count_as_the_un() -> None:
    from accord.eval.codes import actor_code
    from accord.records import ActorRef

    wfp = ActorRef(key="org:world-food-program", name="World Food Program", type="ORG")
    nato = ActorRef(key="org:nato", name="NATO", type="ORG")
    assert actor_code(wfp.key, wfp) == "UN"
    assert actor_code(nato.key, nato) == "NATO"


def test_compare_gives_changes_in_points(result: dict) -> None:
    import copy

    from accord.eval.report import compare

    before = copy.deepcopy(result)
    before["overall"]["main_type"] = 0.5
    before["types"]["PROTEST"]["recall"] = 0.25
    before["types"]["ASSAULT"]["precision"] = None
    ch = compare(result, before)
    assert ch["overall"]["main_type"] == 0.1667 and ch["overall"]["event_f1"] == 0.0
    assert ch["types"]["PROTEST"]["recall"] == 0.75
    assert ch["types"]["ASSAULT"]["precision"] is None  # nothing to compare with
