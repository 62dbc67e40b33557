"""Which event a date belongs to, and dates anchored on another date of the sentence.

Sentences written for these tests; publication 2024-03-06 (a Wednesday) unless said.
"""

from __future__ import annotations

import pytest

from accord.extract.events.time import find_dates, normalise, parse_published

PUB = "2024-03-06"


def dated(coded, text: str, published: str = PUB) -> dict[str, tuple]:  # type: ignore[no-untyped-def]
    """trigger -> (date value, granularity) of every event of ``text``."""
    return {e.trigger: (e.date_value, e.date_granularity)
            for e in coded(text, published)._.events}


@pytest.mark.parametrize("text,trigger,expected", [
    # the only date closes an infinitive: the main, undated past verb takes it
    ("Turkey allowed monitors to visit the border post on Saturday.", "allowed",
     ("2024-03-02", "day")),
    ("Chad asked the rebels to lay down their arms on Monday.", "asked", ("2024-03-04", "day")),
    # ... or a pluperfect relative clause on its object (background to the news)
    ("Iraq freed the hostages it had held on Monday.", "freed", ("2024-03-04", "day")),
    ("Rebels released the journalists they had kidnapped on Tuesday.", "released",
     ("2024-03-05", "day")),
])
def test_a_dependent_clause_date_dates_the_main_event(coded, text: str, trigger: str,
                                                      expected: tuple) -> None:  # type: ignore[no-untyped-def]
    assert dated(coded, text)[trigger] == expected


@pytest.mark.parametrize("text,trigger", [
    # read as ahead of publication: the later act's date, not the threat's
    ("Russia threatened to close the border on Friday.", "threatened"),
    ("Iran agreed to resume talks on Monday.", "agreed"),
    # a simple-past relative clause keeps its own date: the seizing, not the release
    ("Syria released the sailors who were seized on Thursday.", "released"),
])
def test_a_date_that_stays_in_its_clause(coded, text: str, trigger: str) -> None:  # type: ignore[no-untyped-def]
    assert dated(coded, text)[trigger] == (None, None)


def test_a_day_after_beside_a_date_dates_the_clause_the_day_before(coded) -> None:  # type: ignore[no-untyped-def]
    got = dated(coded, "Police arrested 40 people on Friday, a day after protesters stormed "
                       "parliament.")
    assert got["arrested"] == ("2024-03-01", "day")
    assert got["stormed"] == ("2024-02-29", "day")


@pytest.mark.parametrize("text,expected", [
    ("Troops fired on demonstrators on Friday, two days after rebels seized the airport.",
     [("Friday", "2024-03-01"), ("two days after", "2024-02-28")]),
    ("Egypt closed the crossing on Sunday, three days before Israel bombed the airport.",
     [("Sunday", "2024-03-03"), ("three days before", "2024-03-06")]),
    # alone, the phrase counts forward from the narrative's date as before
    ("Egypt closed the crossing on Sunday. Two days after, Israel bombed the airport.",
     [("Sunday", "2024-03-03"), ("Two days after", "2024-03-05")]),
])
def test_n_days_after_turns_only_beside_a_date(nlp, text: str, expected: list) -> None:  # type: ignore[no-untyped-def]
    doc = nlp.make_doc(text)
    doc._.published = PUB
    doc = nlp(doc)
    sent_of = [0] * len(doc)
    for i, s in enumerate(doc.sents):
        for t in s:
            sent_of[t.i] = i
    got = [(d.text, d.value) for d in find_dates(doc, sent_of, PUB)]
    assert got == expected


def test_a_narrative_after_keeps_its_direction(coded) -> None:  # type: ignore[no-untyped-def]
    got = dated(coded, "The election was held on 26 August. Three days after the vote, soldiers "
                       "detained the president.", "2023-09-10")
    assert got["detained"] == ("2023-08-29", "day")


@pytest.mark.parametrize("text,trigger,expected", [
    ("Kenya recalled its ambassador on March 3. The day before, Somalia had expelled two "
     "diplomats.", "expelled two diplomats", ("2024-03-02", "day")),
    ("Iran seized a tanker on May 4, and the United States condemned the seizure two days later.",
     "condemned", ("2023-05-06", "day")),
    # a week after a day is that ISO week (its Monday), as "this week" is
    ("Peru signed the accord on 2 June and Chile rejected it the following week.", "rejected",
     ("2023-06-05", "week")),
])
def test_relative_to_another_date_of_the_text(coded, text: str, trigger: str,
                                               expected: tuple) -> None:  # type: ignore[no-untyped-def]
    assert dated(coded, text)[trigger] == expected


@pytest.mark.parametrize("text,expected", [
    ("two weeks later", ("2024-03-18", "week")),
    ("three weeks earlier", ("2024-02-12", "week")),
    ("the previous week", ("2024-02-26", "week")),
    ("two months later", ("2024-05", "month")),
])
def test_weeks_from_a_day(text: str, expected: tuple) -> None:
    prev = parse_published("2024-03-04")
    got = normalise(text, parse_published(PUB), prev)
    assert got is not None and got[0] is not None
    assert (got[0].value, got[0].gran) == expected


def test_a_coarse_date_stays_with_the_infinitive(coded) -> None:  # type: ignore[no-untyped-def]
    got = dated(coded, "Chad asked the rebels to lay down their arms in 2019.")
    assert got["asked"] == (None, None)
