"""Metadata of every example article, and the rules behind it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from accord.errors import IngestError
from accord.ingest import read_document, read_text
from accord.ingest.dates import date_only, normalise, parse_date

# file: (title, author, outlet, published, basis)
EXPECTED = {
    "01-seoul-visit.html": ("Poland and South Korea sign $2.6 billion K2 tank agreement",
                            "Katarzyna Mazur", "Baltic Defence Monitor", "2024-03-06",
                            "metadata"),
    "02-seoul-visit-reprint.txt": ("Poland and South Korea seal $6.2 billion K2 tank deal",
                                   "Marek Nowicki", None, "2024-03-08", "text"),
    "03-embassy-plot.md": ("Security agency foils plot against South Korean embassy in Warsaw",
                           "Piotr Sadowski", "Warsaw Security Review", "2023-11-20",
                           "metadata"),
    "04-belarus-accuses.txt": ("Belarus accuses Poland of border provocations", "Irena Sokol",
                               None, "2023-12-02", "text"),
    "05-think-tank-paper.txt": ("POLAND AND SOUTH KOREA: AN ARMS PARTNERSHIP COMES OF AGE",
                                "Ewa Zielinska", None, "2024-01", "text"),
    "06-caps-blog.txt": ("WHO WAS BEHIND THE WARSAW EMBASSY PLOT?", "Jan Brzozowski", None,
                         "2023-11-23", "text"),
    "07-no-date.md": ("Poland weighs a second Korean production line", "Jan Kowalczyk", None,
                      None, "none"),
    "08-north-korea.txt": ("North Korea threatens Seoul as South Korea and Poland hold security"
                           " talks", "Cho Min-ji", None, "2024-01-15", "text"),
    "09-independent-visit.txt": ("Seoul deal puts Polish tank plans back on track",
                                 "Hannah Lee", "Korea-Europe Defence Review", "2024-03-07",
                                 "sidecar"),
    "10-earlier-visit.txt": ("Blaszczak in Seoul to push howitzer deliveries",
                             "Marta Wisniewska", None, "2023-04-12", "text"),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_example_metadata(examples_dir: Path, name: str):
    doc = read_document(examples_dir / name)
    title, author, outlet, published, basis = EXPECTED[name]
    assert (doc.title, doc.author, doc.outlet) == (title, author, outlet)
    assert (doc.published, doc.published_basis) == (published, basis)
    # title, byline and date lines are metadata, not article text
    assert not doc.clean.startswith(title)
    assert f"By {author}" not in doc.clean


def test_examples_expected_table_matches_readme(examples_dir: Path):
    readme = (examples_dir / "README.md").read_text("utf-8")
    for title, author, *_ in EXPECTED.values():
        assert f"| {title} | {author} |" in readme


def test_sidecar_overrides_everything(tmp_path: Path, examples_dir: Path):
    src = tmp_path / "visit.txt"
    src.write_bytes((examples_dir / "10-earlier-visit.txt").read_bytes())
    assert read_document(src).published_basis == "text"
    (tmp_path / "visit.meta.json").write_text(json.dumps(
        {"title": "Override", "author": "Someone Else", "outlet": "Desk", "published": "2023-04",
         "note": "kept in meta"}))
    doc = read_document(src)
    assert (doc.title, doc.author, doc.outlet) == ("Override", "Someone Else", "Desk")
    assert (doc.published, doc.published_basis) == ("2023-04", "sidecar")
    assert doc.meta["sidecar"] == {"note": "kept in meta"}
    assert doc.meta["title_basis"] == "sidecar"


def test_front_matter_beats_text_date(tmp_path: Path):
    md = tmp_path / "a.md"
    md.write_text("---\ndate: 2022-05\n---\n\n# Talks\n\nPublished June 1, 2023\n\n"
                  "Officials from both countries met in Warsaw and agreed to meet again.\n")
    doc = read_document(md)
    assert (doc.published, doc.published_basis) == ("2022-05", "metadata")


def test_html_without_meta_date_uses_text(tmp_path: Path):
    page = tmp_path / "p.html"
    page.write_text(
        "<html><head><title>Border talks</title></head><body><article><h1>Border talks</h1>"
        "<p>Published 3 May 2022</p>"
        "<p>Officials from Poland and Belarus met at the border crossing on Monday to discuss "
        "the reopening of two crossings that have been closed since the spring.</p>"
        "<p>No agreement was reached, and both sides said they would meet again within a "
        "month to continue the talks, according to a statement.</p></article></body></html>")
    doc = read_document(page)
    assert doc.title == "Border talks"
    assert (doc.published, doc.published_basis) == ("2022-05-03", "text")
    assert doc.clean.startswith("Officials from Poland and Belarus")


def test_no_date_is_none_not_today(examples_dir: Path):
    doc = read_document(examples_dir / "07-no-date.md")
    assert doc.published is None and doc.published_basis == "none"
    assert "last year" in doc.clean and "on Friday" in doc.clean


def test_title_falls_back_to_first_sentence():
    doc = read_text("Officials from both countries met in Warsaw on Monday and agreed to "
                    "hold further talks about the delivery of tanks and howitzers next year. "
                    "More talks follow.\n", "x")
    # twelve words and an ellipsis
    assert doc.title == "Officials from both countries met in Warsaw on Monday and agreed to\u2026"
    assert doc.meta["title_basis"] == "first sentence"


def test_caps_byline_is_title_cased():
    doc = read_text("Title of the piece\n\nBY ANNA NOWAK\n\nThe ministers met in Seoul and "
                    "discussed the next contracts for tanks and howitzers.\n", "x")
    assert doc.author == "Anna Nowak"


def test_bad_sidecar_date_is_an_error(tmp_path: Path):
    (tmp_path / "a.txt").write_text("Some title\n\nThe ministers met in Seoul and discussed "
                                    "tanks and howitzers.\n")
    (tmp_path / "a.meta.json").write_text('{"published": "sometime soon"}')
    with pytest.raises(IngestError) as err:
        read_document(tmp_path / "a.txt")
    assert "a.meta.json" in str(err.value) and "sometime soon" in str(err.value)


@pytest.mark.parametrize("text,value", [
    ("March 8, 2024", "2024-03-08"), ("January 2024", "2024-01"), ("2024", "2024"),
    ("Thursday 7 March 2024", "2024-03-07"), ("12.04.2023", "2023-04-12"),
    ("2024-03-06T08:30:00+01:00", "2024-03-06"), ("Sept. 17, 2013", "2013-09-17"),
    ("last year", None), ("on Friday", None), ("March 8", None), ("yesterday", None),
])
def test_parse_date_never_guesses(text, value):
    assert parse_date(text) == value


def test_date_only_lines():
    assert date_only("12 April 2023 | 14:20 CET") == "2023-04-12"
    assert date_only("Sunday, June 23, 2013") == "2013-06-23"
    assert date_only("In May 2009 the minister said") is None
    assert normalise(2021) == "2021"


def test_html_title_loses_site_name(tmp_path: Path):
    page = tmp_path / "p.html"
    body = ("<p>Officials from Poland and South Korea met in Seoul on Monday to discuss the "
            "delivery of tanks and howitzers and the production of ammunition in Poland.</p>"
            "<p>The ministers agreed to meet again in Warsaw before the end of the year, "
            "according to a joint statement released after the talks.</p>")
    page.write_text(
        "<html><head><title>Ministers meet in Seoul | Eastern Wire</title>"
        '<meta property="og:site_name" content="Eastern Wire"></head>'
        f"<body><article>{body}</article></body></html>")
    doc = read_document(page)
    assert (doc.title, doc.outlet) == ("Ministers meet in Seoul", "Eastern Wire")


def test_sentences_starting_with_by_are_not_bylines():
    from accord.ingest.metadata import byline

    assert byline("By Monday, the talks had ended.") is None
    assert byline("By 2030 Poland wants a thousand tanks.") is None
    assert byline("By contrast, Seoul said nothing") is None
    assert byline("By Jan Nowak | Warsaw") == "Jan Nowak"
    assert byline("By Katarzyna Mazur · 6 March 2024") == "Katarzyna Mazur"
    assert byline("Posted by: Tukiyooo SOME CAPS TITLE Updated at : 2:00 PM") == "Tukiyooo"
    assert byline("By Anna Nowak and Jan Kowalski") == "Anna Nowak and Jan Kowalski"
