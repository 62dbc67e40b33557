"""Datelines, wire credits and stamp lines, one rule at a time (text written for these
tests)."""

from __future__ import annotations

import pytest

from accord.ingest import read_text
from accord.ingest.datelines import find
from accord.ingest.metadata import published_line
from accord.ingest.wires import copyright_credit, split_author


@pytest.mark.parametrize(("text", "shown", "place", "date", "credit", "wire"), [
    ("BAKU, Feb 26 (Reuters) - Azerbaijan said", "BAKU, Feb 26 (Reuters)", "Baku", None,
     "Reuters", "Reuters"),
    ("TEHRAN, Iran (AP) \u2014 Iran's navy said", "TEHRAN, Iran (AP)", "Tehran, Iran", None,
     "AP", "Associated Press"),
    ("UNITED NATIONS, March 2 (AFP) -- The council met", "UNITED NATIONS, March 2 (AFP)",
     "United Nations", None, "AFP", "Agence France-Presse"),
    ("Jerusalem, 12 March 2012 /PRNewswire/ -- Galil said", "Jerusalem, 12 March 2012 "
     "/PRNewswire/", "Jerusalem", "2012-03-12", "PRNewswire", "PR Newswire"),
    ("ISLAMABAD: Pakistan will reopen", "ISLAMABAD", "Islamabad", None, None, None),
    ("NEW DELHI, Jan. 5 (Trend) - India said", "NEW DELHI, Jan. 5 (Trend)", "New Delhi", None,
     "Trend", None),
    ("Warsaw, January 15, 2024 - Poland said", "Warsaw, January 15, 2024", "Warsaw",
     "2024-01-15", None, None),
    ("WASHINGTON \u2014 The State Department said", "WASHINGTON", "Washington", None, None,
     None),
    ("(Reuters) - Iran said on Monday", "(Reuters)", "", None, "Reuters", "Reuters"),
])
def test_dateline_forms(text: str, shown: str, place: str, date: str | None,
                        credit: str | None, wire: str | None) -> None:
    dl = find(text)
    assert dl is not None
    assert (dl.text, dl.place, dl.date, dl.credit, dl.wire) == (shown, place, date, credit, wire)
    assert text[dl.end:][:1].isupper()  # the story starts right after the cut


@pytest.mark.parametrize("text", [
    "Iran - which denies the charge - said on Monday it would respond.",  # no date, no credit
    "UPDATE: Talks resumed in Geneva on Monday.",  # a label, not a place
    "EXECUTIVE SUMMARY - The two states have signed six agreements.",
    "Turkey: a country between two continents.",  # ordinary case with a colon
    "By Monday, the talks had ended.",
    "Azerbaijan and Iran agreed on Sunday to reopen the crossing.",
    "NATO (the alliance) - said nothing.",  # an aside, then lower case
    "(Updated) - Talks resumed.",  # a credit alone must name a known wire
])
def test_not_datelines(text: str) -> None:
    assert find(text) is None


def test_dateline_only_opens_the_article() -> None:
    text = ("Talks end without a deal\n\nThe two delegations left Geneva on Friday.\n\n"
            "MOSCOW (Reuters) - Russia said it was ready to meet again.\n\n"
            "KYIV (Reuters) - Ukraine said the same.\n")
    doc = read_text(text, "upload:1")
    assert doc.meta["dateline"]["place"] == "Moscow"  # within the first body paragraphs
    assert "MOSCOW (Reuters)" not in doc.clean
    assert "KYIV (Reuters) - Ukraine said the same." in doc.clean  # later ones stay


def test_dateline_date_gives_the_publication_date() -> None:
    doc = read_text("SEOUL, January 15, 2024 - North and South Korea exchanged warnings "
                    "on Sunday over the sea border.", "upload:2")
    assert (doc.published, doc.published_basis) == ("2024-01-15", "text")
    assert doc.clean.startswith("North and South Korea exchanged warnings")


def test_yearless_dateline_date_is_read_in_the_publication_year() -> None:
    doc = read_text("HAVANA, Dec 30 (Reuters) - Cuba freed two prisoners on Friday, the "
                    "church said.", "upload:3", meta={"published": "2012-01-02"})
    # December 30 after a January publication is the year before
    assert doc.meta["dateline"]["date"] == "2011-12-30"


@pytest.mark.parametrize(("line", "value"), [
    ("Updated: March 9, 2012 10:00 a.m. | Published: March 8, 2012 8:15 p.m.", "2012-03-08"),
    ("Published 2 March 2012 · Last modified 4 March 2012", "2012-03-02"),
    ("Last modified on Friday 2 March 2012 17:45 GMT", "2012-03-02"),
    ("Posted on 5 May 2012 / Updated 6 May 2012", "2012-05-05"),
])
def test_published_beats_updated_on_one_line(line: str, value: str) -> None:
    found = published_line(line)
    assert found is not None and found[1] == value


@pytest.mark.parametrize(("author", "person", "wire"), [
    ("Nadia Haddad; Reuters", "Nadia Haddad", "Reuters"),
    ("OMID KARIMI Associated Press", "OMID KARIMI", "Associated Press"),
    ("The Associated Press", None, "Associated Press"),
    ("AFP correspondents", None, "Agence France-Presse"),
    ("Jan Nowak and Ewa Lis", "Jan Nowak and Ewa Lis", None),
    ("Apollo Reuter", "Apollo Reuter", None),  # a name that merely resembles a wire
])
def test_split_author(author: str, person: str | None, wire: str | None) -> None:
    assert split_author(author) == (person, wire)


@pytest.mark.parametrize(("line", "wire"), [
    ("Copyright 2012 The Associated Press. All rights reserved.", "Associated Press"),
    ("\u00a9 Thomson Reuters 2012", "Reuters"),
    ("(c) 2012 AFP", "Agence France-Presse"),
    ("Copyright 2012 Riverside Gazette", None),
    ("The ap said on Monday it was copyright free.", None),
])
def test_copyright_credit(line: str, wire: str | None) -> None:
    assert copyright_credit(line) == wire


def test_reuters_in_the_running_text_is_no_credit() -> None:
    doc = read_text("Iran denied a report by Reuters that it had moved missiles to the "
                    "border, the foreign ministry said on Monday.", "upload:4")
    assert "wire" not in doc.meta and "dateline" not in doc.meta
