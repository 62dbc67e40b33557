"""Event coreference on the two multi-outlet clusters written after the drone deal:
a border shelling reported over three days (tests/data/coref_clash) and a summit,
the agreement signed at it and sanctions a week later (tests/data/coref_summit).

Both run through the real pipeline (extraction included) and are scored against
their gold with the coreference metrics; the assertions name the behaviour each
cluster was written to test.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from accord.reconcile.eventscore import coref_modality
from accord.store import Store
from accord.store import schema as S

DATA = Path(__file__).resolve().parents[1] / "data"


def _build(tmp_path_factory: pytest.TempPathFactory, corpus: str) -> str:
    import accord

    db = tmp_path_factory.mktemp(corpus) / "kb.db"
    kb = accord.open(db)
    try:
        kb.build([DATA / corpus], workers=1)
    finally:
        kb.close()
    return str(db)


def _evaluate(name: str, db: str) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    from accord.eval.coref import evaluate_coref

    result = evaluate_coref(DATA / f"{name}.gold.json", db=db)
    return result, {e["id"]: e for e in result["events"]}


@pytest.fixture(scope="module")
def clash_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    return _build(tmp_path_factory, "coref_clash")


@pytest.fixture(scope="module")
def summit_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    return _build(tmp_path_factory, "coref_summit")


def test_clash_one_shelling_whoever_names_the_attacker(clash_db: str) -> None:
    result, events = _evaluate("coref_clash", clash_db)
    shelling = events["batken-shelling"]
    # The outlet that names no attacker ("gunmen attacked Kyrgyz border guards") and
    # the one that names the shelling only as the cause of a later strike join the
    # others; the wire reprint counts for its original: five independent sources.
    assert shelling["one_record"], shelling
    assert shelling["independent_sources"] == 5
    assert len(shelling["outlets"]) == 6
    # The retaliation (the other direction), the accusation and the 2022 war stay apart.
    assert not result["wrong_merges"]
    for other in ("retaliatory-rockets", "kyrgyz-accusation", "border-war-2022"):
        assert events[other]["event"] != shelling["event"]
    assert result["b_cubed"]["f1"] >= 0.95
    # A rising toll is an update of one event, not a veto: the event stays stated
    # (reported by the Kyrgyz side), not denied by the accused side's denial.
    with Store(clash_db) as store, store.connect() as conn:
        ev = conn.execute(select(S.events).where(S.events.c.id == shelling["event"])).one()
    assert ev.modality in ("asserted", "reported")
    assert ev.date_value == "2025-04-13"


def test_summit_meeting_agreement_and_sanctions_are_three_events(summit_db: str) -> None:
    result, events = _evaluate("coref_summit", summit_db)
    # One outlet's sanctions name both states, the other's only Poland: one event.
    sanctions = events["belarus-sanctions"]
    assert sanctions["one_record"] and sanctions["independent_sources"] == 2
    # "The agreement was signed at a meeting of the two presidents" names one state
    # in its sentence; its document's pair (Poland and Lithuania agreed...) completes
    # it, so it meets the talks and the ministers' meeting of other outlets.
    summit = events["vilnius-summit"]
    assert {"d02-vistula-post.md", "d03-neman-times.md",
            "d04-warsaw-ledger.md"} <= set(summit["outlets"])
    # The meeting, the agreement signed at it and the sanctions never merge.
    assert not result["wrong_merges"]
    assert result["b_cubed"]["f1"] >= 0.75


@pytest.mark.parametrize(("text", "trigger", "modality", "reading"), [
    # A plan that a ministry disclosed is still a plan; so is a foiled attack.
    ("The ministry disclosed a plan by two students, paid by a smuggler, to bomb the"
     " consulate.", "bomb", "reported", "planned"),
    ("Police foiled an attack on the consulate last spring.", "attack", "asserted",
     "planned"),
    ("The arrests led to the prevention of attacks on two hotels.", "attacks", "asserted",
     "planned"),
    ("An attempt to seize the airport failed.", "seize", "asserted", "planned"),
    # The act itself, even after its plan is mentioned, is what happened.
    ("The rebels, who had planned the raid for weeks, attacked the base.", "attacked",
     "asserted", "asserted"),
    ("Militants attacked the consulate on Monday.", "attacked", "reported", "reported"),
    # Hypothetical and denied mentions keep their own reading.
    ("The army could attack the camps if the raids continue.", "attack", "hypothetical",
     "hypothetical"),
])
def test_coref_modality_reads_plots_as_plans(text: str, trigger: str, modality: str,
                                             reading: str) -> None:
    assert coref_modality(text, trigger, modality) == reading
