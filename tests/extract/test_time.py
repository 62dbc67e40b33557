"""Date normalisation and resolution (accord.extract.events.time) on phrases we wrote."""

from __future__ import annotations

import datetime as dt

import pytest

from accord.extract.events.time import Point, normalise, parse_published

PUB = parse_published("2024-03-06")  # a Wednesday


def value(text: str, published: Point | None = PUB, prev: Point | None = None,
          future: bool = False) -> tuple[str | None, str] | None:
    got = normalise(text, published, prev, future=future)
    if got is None:
        return None
    point, basis = got
    return (point.value if point else None), basis


@pytest.mark.parametrize("text,expected", [
    ("March 2012", ("2012-03", "explicit")),
    ("in 2008", ("2008", "explicit")),
    ("October 20, 2023", ("2023-10-20", "explicit")),
    ("20 October 2023", ("2023-10-20", "explicit")),
    ("early 2012", ("2012", "explicit")),
    ("mid-2012", ("2012", "explicit")),
    ("2023-10-20", ("2023-10-20", "explicit")),
    ("Published September 17, 2013", ("2013-09-17", "explicit")),
])
def test_explicit_dates(text: str, expected: tuple[str, str]) -> None:
    assert value(text) == expected
    assert value(text, published=None) == expected  # no publication date needed


@pytest.mark.parametrize("text,expected", [
    ("last year", ("2023", "relative")),
    ("this year", ("2024", "relative")),
    ("on Monday", ("2024-03-04", "relative")),
    ("Monday", ("2024-03-04", "relative")),
    ("last month", ("2024-02", "relative")),
    ("next month", ("2024-04", "relative")),
    ("yesterday", ("2024-03-05", "relative")),
    ("three days ago", ("2024-03-03", "relative")),
    ("two years ago", ("2022", "relative")),
    ("this April", ("2024-04", "relative")),
    ("last April", ("2023-04", "relative")),
    ("in December", ("2023-12", "relative")),
    ("On March 4", ("2024-03-04", "relative")),
])
def test_relative_to_publication(text: str, expected: tuple[str, str]) -> None:
    assert value(text) == expected


def test_weekday_in_the_future_tense() -> None:
    assert value("on Friday", future=True) == ("2024-03-08", "relative")
    assert value("on Friday") == ("2024-03-01", "relative")


def test_the_publication_weekday_in_the_past_tense_is_the_publication_day() -> None:
    # Wire copy dated on a Wednesday writes "said on Wednesday" for that day.
    assert value("on Wednesday") == ("2024-03-06", "relative")
    assert value("on Wednesday", future=True) == ("2024-03-13", "relative")
    assert value("last Wednesday") == ("2024-02-28", "relative")


@pytest.mark.parametrize("text", ["last year", "on Friday", "last month", "this April",
                                  "two years ago", "yesterday"])
def test_unknown_publication_date_leaves_relative_dates_unresolved(text: str) -> None:
    assert value(text, published=None) == (None, "none")


@pytest.mark.parametrize("text,prev,expected", [
    ("two years later", Point(dt.date(2015, 7, 1), "year"), ("2017", "relative")),
    ("the following month", Point(dt.date(2019, 3, 15), "month"), ("2019-04", "relative")),
    ("a few weeks later", Point(dt.date(2012, 2, 15), "month"), ("2012-03", "relative")),
    ("the next day", Point(dt.date(2020, 5, 31), "day"), ("2020-06-01", "relative")),
    ("later that year", Point(dt.date(2011, 10, 15), "month"), ("2011", "relative")),
    ("a year earlier", Point(dt.date(2011, 10, 15), "month"), ("2010", "relative")),
])
def test_narrative_dates_follow_the_previous_date(text: str, prev: Point,
                                                  expected: tuple[str, str]) -> None:
    assert value(text, prev=prev) == expected
    assert value(text, published=None, prev=prev) == expected


def test_narrative_date_without_anchor_is_unresolved() -> None:
    assert value("two years later", prev=None) == (None, "none")


@pytest.mark.parametrize("text", ["weeks", "10-12 years", "annual"])
def test_durations_are_not_dates(text: str) -> None:
    assert value(text) is None


@pytest.mark.parametrize("text", ["decades", "recent years", "in recent months",
                                  "the past few years", "the past decade"])
def test_vague_periods_are_dates_without_a_value(text: str) -> None:
    assert value(text) == (None, "none")


def test_publication_date_shapes() -> None:
    assert parse_published("2024") == Point(dt.date(2024, 7, 1), "year")
    assert parse_published("2024-01").value == "2024-01"
    assert parse_published(None) is None


def test_dates_attach_by_syntax_not_proximity(coded) -> None:  # type: ignore[no-untyped-def]
    # "in December" belongs to "took office", not to the visit.
    doc = coded("The trip was the Chilean minister's first visit to Norway since he took office "
                "in December.", "2024-03-06")
    [visit] = [e for e in doc._.events if e.type == "CONSULT"]
    assert visit.date_value is None and visit.date_basis == "none"


def test_dateline_does_not_date_the_event(coded) -> None:  # type: ignore[no-untyped-def]
    doc = coded("OSLO, June 3, 2021 - Norway threatened on Tuesday to expel Russian diplomats.",
                "2021-06-03")
    [e] = [e for e in doc._.events if e.type == "THREATEN"]
    assert (e.date_value, e.date_text) == ("2021-06-01", "Tuesday")


def test_narrative_chain_in_a_document(coded) -> None:  # type: ignore[no-untyped-def]
    doc = coded("In February 2012, Iran rebuked Azerbaijan over its ties with Israel. "
                "A few weeks later Azerbaijan arrested 22 people.", None)
    rebuke, arrest = doc._.events
    assert (rebuke.type, rebuke.date_value, rebuke.date_basis) == ("ACCUSE", "2012-02", "explicit")
    assert (arrest.type, arrest.date_value, arrest.date_basis) == ("COERCE", "2012-03", "relative")


def test_undated_present_tense_gets_publication_date(coded) -> None:  # type: ignore[no-untyped-def]
    doc = coded("Israel sells drones to Azerbaijan.", "2013-09-17")
    [e] = doc._.events
    assert (e.date_value, e.date_basis) == ("2013-09-17", "publication")
    doc = coded("Israel sold drones to Azerbaijan.", "2013-09-17")
    assert (doc._.events[0].date_value, doc._.events[0].date_basis) == (None, "none")


def test_unresolved_relative_date_keeps_its_text(coded) -> None:  # type: ignore[no-untyped-def]
    doc = coded("Japan and Vietnam held talks on Friday.")
    [e] = doc._.events
    assert (e.date_value, e.date_basis, e.date_text) == (None, "none", "Friday")
    assert doc._.dates[0]["text"] == "Friday" and doc._.dates[0]["value"] is None


def test_past_tense_event_continues_the_previous_sentence_date(coded) -> None:  # type: ignore[no-untyped-def]
    doc = coded("Peru and Chile held talks in Lima on Monday. The two countries signed a fishing "
                "agreement. It was the first accord since Chile joined the forum in 2019.",
                "2024-03-06")
    talks, deal = doc._.events[:2]
    assert (talks.type, talks.date_value) == ("CONSULT", "2024-03-04")
    assert (deal.type, deal.date_value, deal.date_basis) == ("AGREE", "2024-03-04", "relative")
    assert all(e.date_value != "2019" for e in doc._.events if e.type == "AGREE")


# -- dates as articles write them (issue 15) ---------------------------------------------------
def event_dates(doc):  # type: ignore[no-untyped-def]
    return [(e.type, e.date_value, e.date_granularity, e.date_text, e.modality)
            for e in doc._.events]


def test_bracketed_date_wins_over_the_relative_word(coded) -> None:  # type: ignore[no-untyped-def]
    doc = coded("The Chilean ministry confirmed yesterday (26 February) that the boats had "
                "arrived.", "2024-02-28")
    assert [(d["text"], d["value"], d["basis"]) for d in doc._.dates] == [
        ("yesterday (26 February)", "2024-02-26", "relative")]


@pytest.mark.parametrize("text,published,expected", [
    # a year on the verb it modifies
    ("Peru signed a contract with Chile in 2011.", "2024-03-06",
     ("AGREE", "2011", "year", "2011", "asserted")),
    # a participle dates its noun
    ("The pact between Chile and Peru, signed in March 2019, expires soon.", "2024-03-06",
     ("AGREE", "2019-03", "month", "March 2019", "asserted")),
    # a range keeps its first day (and its last, on the expression)
    ("The Peruvian minister visited Chile on February 20-21.", "2024-03-06",
     ("CONSULT", "2024-02-20", "day", "February 20-21", "asserted")),
    ("Earlier in March, Chile accused Peru of spying.", "2024-03-20",
     ("ACCUSE", "2024-03", "month", "Earlier in March", "asserted")),
    ("Chile accused Peru of spying late last year.", "2024-03-06",
     ("ACCUSE", "2023", "year", "late last year", "asserted")),
    # weekdays by tense: the next Friday for a plan, the last one for a past event
    ("The Chilean president will meet the Peruvian leader on Friday.", "2024-03-06",
     ("CONSULT", "2024-03-08", "day", "Friday", "planned")),
    ("The Chilean president met the Peruvian leader on Friday.", "2024-03-06",
     ("CONSULT", "2024-03-01", "day", "Friday", "asserted")),
    # day and month without a year: the right side of publication for the tense
    ("Peru will host Chilean officials on 12 March.", "2024-03-06",
     ("CONSULT", "2024-03-12", "day", "12 March", "planned")),
    ("Peru hosted Chilean officials on 12 March.", "2024-03-06",
     ("CONSULT", "2023-03-12", "day", "12 March", "asserted")),
    ("Talks between Peru and Chile are scheduled to resume on April 4.", "2024-03-06",
     ("CONSULT", "2024-04-04", "day", "April 4", None)),
    # a week, not the publication day (its value is the Monday)
    ("Peru will sign the agreement with Chile later this week.", "2024-03-06",
     ("AGREE", "2024-03-04", "week", "later this week", "planned")),
    # a vague period dates nothing, and keeps the publication date away
    ("Chile has accused Peru of spying in recent years.", "2024-03-06",
     ("ACCUSE", None, None, "recent years", "asserted")),
])
def test_event_dates_as_articles_write_them(coded, text: str, published: str,
                                            expected: tuple) -> None:  # type: ignore[no-untyped-def]
    [got] = event_dates(coded(text, published))
    if expected[-1] is None:  # modality is not what this test is about
        got, expected = got[:-1], expected[:-1]
    assert got == expected


def test_range_keeps_both_ends(nlp) -> None:  # type: ignore[no-untyped-def]
    from accord.extract.events.time import find_dates

    doc = nlp("South Africa and Nigeria signed the waiver on 15-16 May in Abuja.")
    [d] = find_dates(doc, [0] * len(doc), "2024-06-03")
    assert (d.text, d.value, d.end_value, d.granularity) == (
        "15-16 May", "2024-05-15", "2024-05-16", "day")


@pytest.mark.parametrize("text,expected", [
    ("this century", ("2000", "relative", "century")),
    ("the last century", ("1900", "relative", "century")),
    ("the 21st century", ("2000", "explicit", "century")),
    ("the 1990s", ("1990", "explicit", "decade")),
    ("this spring", ("2024", "relative", "year")),
    ("this morning", ("2024-03-06", "relative", "day")),
])
def test_coarse_dates_have_a_coarse_granularity(text: str, expected: tuple) -> None:
    point, basis = normalise(text, PUB, None)
    assert (point.value, basis, point.gran) == expected


def test_impossible_dates_are_dropped_and_counted(coded) -> None:  # type: ignore[no-untyped-def]
    assert value("February 30, 2012") is None
    doc = coded("Chile and Peru signed the accord on February 30, 2012.", "2024-03-06")
    assert doc._.dates == [] and [e.date_value for e in doc._.events] == [None]
    assert doc.user_data["accord_stats"]["absurd_dates"] == 1


def test_relative_dates_never_resolve_against_today() -> None:
    for text in ("this century", "later this week", "yesterday (26 February)", "on Friday"):
        assert value(text, published=None) in ((None, "none"), None)


@pytest.mark.parametrize("text,expected", [
    ("15/01/2023", ("2023-01-15", "explicit", "day")),  # day first: 15 cannot be a month
    ("01/15/2023", ("2023-01-15", "explicit", "day")),  # month first
    ("03/04/2023", ("2023", "explicit", "year")),  # ambiguous: only the year is certain
    ("a decade ago", ("2014", "relative", "year")),
    ("over the weekend", ("2024-02-26", "relative", "week")),  # Sat 2 - Sun 3 March
    ("two weeks ago", ("2024-02-19", "relative", "week")),
    ("three months ago", ("2023-12", "relative", "month")),
])
def test_numeric_decade_and_weekend_dates(text: str, expected: tuple) -> None:
    point, basis = normalise(text, PUB, None)
    assert (point.value, basis, point.gran) == expected


def test_this_weekend_is_ahead() -> None:
    point, _ = normalise("this weekend", PUB, None, future=True)
    assert (point.date, point.value, point.gran) == (dt.date(2024, 3, 9), "2024-03-04", "week")


def test_a_date_under_an_agreement_or_threat_is_the_future_acts(coded) -> None:  # type: ignore[no-untyped-def]
    doc = coded("Chile threatened to close the border on Friday.", "2024-03-06")
    assert [(d["text"], d["value"]) for d in doc._.dates] == [("Friday", "2024-03-08")]
    assert [(e.type, e.date_value) for e in doc._.events] == [("THREATEN", None)]
    doc = coded("Chile and Peru agreed to meet again on 12 March.", "2024-03-06")
    assert [(d["text"], d["value"]) for d in doc._.dates] == [("12 March", "2024-03-12")]


def test_an_agreement_dated_on_monday_is_past(coded) -> None:  # type: ignore[no-untyped-def]
    doc = coded("Kenya and Somalia agreed on Monday to restore direct flights.", "2024-03-06")
    assert [(e.type, e.date_value) for e in doc._.events] == [("AGREE", "2024-03-04")]


@pytest.mark.parametrize("text,future,expected", [
    # month abbreviations with their period, US order, ranges
    ("Nov. 9", False, ("2023-11-09", "relative", "day")),
    ("Jan. 12 and 13", False, ("2024-01-12", "relative", "day")),
    # a weekday before the date it names is redundant
    ("Tuesday, March 5", False, ("2024-03-05", "relative", "day")),
    ("Monday 4 March", False, ("2024-03-04", "relative", "day")),
    ("the day before yesterday", False, ("2024-03-04", "relative", "day")),
    ("the day after tomorrow", True, ("2024-03-08", "relative", "day")),
    ("the early hours of Tuesday", False, ("2024-03-05", "relative", "day")),
    # fixed-day holidays resolve like a day and month
    ("New Year's Day", False, ("2024-01-01", "relative", "day")),
    ("Christmas Eve", False, ("2023-12-24", "relative", "day")),
    # deadlines, quarters, halves and fiscal years are years
    ("the end of the year", True, ("2024", "relative", "year")),
    ("the end of next year", True, ("2025", "relative", "year")),
    ("the third quarter", True, ("2024", "relative", "year")),
    ("the third quarter", False, ("2023", "relative", "year")),  # past: the last Q3
    ("Q1", False, ("2024", "relative", "year")),
    ("the first half of last year", False, ("2023", "relative", "year")),
    ("Q3 2023", False, ("2023", "explicit", "year")),
    ("fiscal 2024-25", False, ("2024", "explicit", "year")),
    ("fiscal year 2022", False, ("2022", "explicit", "year")),
    ("FY24", False, ("2024", "explicit", "year")),
    # a span of years is dated by its first
    ("between 2015 and 2018", False, ("2015", "explicit", "year")),
    ("from 2009 to 2011", False, ("2009", "explicit", "year")),
])
def test_wire_date_forms(text: str, future: bool, expected: tuple) -> None:
    point, basis = normalise(text, PUB, None, future=future)
    assert (point.value, basis, point.gran) == expected


def test_quarters_and_holidays_wait_for_a_publication_date() -> None:
    assert value("the third quarter", published=None) == (None, "none")
    assert value("the day before yesterday", published=None) == (None, "none")
    assert value("fiscal 2024-25", published=None) == ("2024", "explicit")


@pytest.mark.parametrize("text,expected", [
    ("Chile and Peru signed the fisheries treaty on Nov. 9.",
     ("AGREE", "2023-11-09", "day", "Nov. 9", "asserted")),
    ("Peru will withdraw its troops from Chile by the end of the year.",
     ("RETREAT", "2024", "year", "the end of the year", "planned")),
    ("Chilean jets bombed rebel camps in Peru between 2015 and 2018.",
     ("ASSAULT", "2015", "year", "between 2015 and 2018", "asserted")),
    ("On Tuesday, March 5, Chilean and Peruvian officials met in Lima.",
     ("CONSULT", "2024-03-05", "day", "Tuesday, March 5", "asserted")),
])
def test_wire_dates_reach_their_event(coded, text: str,
                                      expected: tuple) -> None:  # type: ignore[no-untyped-def]
    [got] = event_dates(coded(text, "2024-03-06"))
    assert got == expected


@pytest.mark.parametrize("text,trigger,expected", [
    # a clause of the same moment dates the event it hangs on (the killing is the toll of
    # the blast, one event: the blast's)
    ("Five Peruvian police officers were killed when a bomb exploded near their post on "
     "Saturday.", "bomb exploded", ("2024-03-02", "day", "Saturday")),
    # a participle completing the clause: the noun event takes its date
    ("A Chilean missile strike on Lima left 18 dead and more than 60 injured on 2 March.",
     "strike",
     ("2024-03-02", "day", "2 March")),
])
def test_a_date_in_the_events_own_clause_dates_it(coded, text: str, trigger: str,
                                                  expected: tuple) -> None:  # type: ignore[no-untyped-def]
    [ev] = [e for e in coded(text, "2024-03-06")._.events if e.trigger == trigger]
    assert (ev.date_value, ev.date_granularity, ev.date_text) == expected


@pytest.mark.parametrize("text,future,expected", [
    ("Jan 12", False, ("2024-01-12", "relative", "day")),  # abbreviation beside a day
    ("12 Jan 2023", False, ("2023-01-12", "explicit", "day")),
    ("Jan 12, 2023", False, ("2023-01-12", "explicit", "day")),
    ("2023/01/12", False, ("2023-01-12", "explicit", "day")),
    ("last night", False, ("2024-03-05", "relative", "day")),
    ("this past Sunday", False, ("2024-03-03", "relative", "day")),
    ("the night of 5 March", False, ("2024-03-05", "relative", "day")),
    ("between March 1 and March 3", False, ("2024-03-01", "relative", "day")),
    ("in two weeks", True, ("2024-03-18", "relative", "week")),
    ("in three days' time", True, ("2024-03-09", "relative", "day")),
    ("in 2023-24", False, ("2023", "explicit", "year")),  # a season or fiscal year
    ("2023-12", False, ("2023-12", "explicit", "month")),  # not a split year
    ("the nineties", False, ("1990", "explicit", "decade")),
])
def test_more_wire_date_forms(text: str, future: bool, expected: tuple) -> None:
    point, basis = normalise(text, PUB, None, future=future)
    assert (point.value, basis, point.gran) == expected


def test_in_n_weeks_is_a_date_only_ahead() -> None:
    assert normalise("in two weeks", PUB, None) is None  # "took the city in two weeks"


def test_the_day_after_follows_the_narrative(coded) -> None:  # type: ignore[no-untyped-def]
    doc = coded("Peruvian police detained the activist on 3 March and released her the day "
                "after.", "2024-03-06")
    assert [(e.type, e.date_value, e.date_text) for e in doc._.events] == [
        ("COERCE", "2024-03-03", "3 March"), ("RETREAT", "2024-03-04", "the day after")]
