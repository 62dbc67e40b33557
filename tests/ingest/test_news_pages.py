"""Web pages in the styles of different news sites (tests/ingest/pages/, text written for
these tests): title, publication date and where it came from, outlet, author, wire
credit, and a body without its dateline and page furniture."""

from __future__ import annotations

from pathlib import Path

import pytest

from accord.ingest import read_document, read_text
from accord.ingest.offsets import OffsetMap

PAGES = Path(__file__).parent / "pages"

# file: (title, published, basis, outlet, author, wire, first words of the clean text)
EXPECTED = {
    "01-jsonld-wire.html": (
        "Azerbaijan and Iran agree to reopen border crossing", "2012-02-26", "metadata",
        "Global Wire", "Farid Mammadli", "Reuters", "Azerbaijan and Iran agreed on Sunday"),
    "02-ap-reprint-og.html": (
        "Iran says it will hold naval drills near Strait of Hormuz", "2012-03-04", "metadata",
        "Riverside Gazette", "Omid Karimi", "Associated Press", "Iran's navy will hold"),
    "03-visible-published.html": (
        "Turkey recalls ambassador from France", "2012-02-26", "metadata", None, None, None,
        "Turkey recalled its ambassador"),
    "04-visible-ap-time.html": (
        "Syria rejects Arab League observer plan", "2012-02-26", "text", None, "Nadia Haddad",
        "Reuters", "Syria on Sunday rejected"),
    "05-time-element-pr.html": (
        "Israeli water firm signs desalination deal with Cyprus", "2012-03-12", "metadata",
        None, None, "PR Newswire", "Galil Water Systems, an Israeli engineering company"),
    "06-url-date.html": (
        "Georgia and Russia resume talks in Geneva", "2012-02-29", "metadata",
        "Caucasus Ledger", None, None, "Georgian and Russian envoys resumed talks"),
    "07-liveblog.html": (
        "Live: Leaders meet in Brussels for emergency summit", "2012-03-01", "metadata", None,
        None, None, "The summit has ended."),
    "08-updated-first.html": (
        "Pakistan reopens NATO supply routes", "2012-03-08", "text", "Indus Daily",
        "Ayesha Qureshi", None, "Pakistan will reopen supply routes"),
}

#: Page furniture and metadata lines that must not reach the clean text.
FURNITURE = ["BAKU", "(Reuters)", "Reporting by", "Editing by", "TEHRAN, Iran", "(AP)",
             "Copyright", "Associated Press", "Home |", "Obituaries", "Published 26 February",
             "Last updated", "newsletter", "Subscribe", "Related stories",
             "Greece and Turkey hold talks", "ankara_watcher", "expel every French diplomat",
             "The Senate only did", "DAMASCUS (", "Feb. 26, 2012", "Facebook Twitter",
             "/PRNewswire/", "SOURCE Galil", "First published", "Last modified", "17:45 GMT",
             "ISLAMABAD", "Updated:", "Written by", "Download our app", "Cricket board",
             "More from Indus Daily", "All rights reserved"]


@pytest.fixture(scope="module")
def docs():  # type: ignore[no-untyped-def]
    return {name: read_document(PAGES / name) for name in EXPECTED}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_page_metadata(docs, name: str) -> None:  # type: ignore[no-untyped-def]
    doc = docs[name]
    title, published, basis, outlet, author, wire, first = EXPECTED[name]
    assert (doc.title, doc.published, doc.published_basis) == (title, published, basis)
    assert (doc.outlet, doc.author, doc.meta.get("wire")) == (outlet, author, wire)
    assert doc.clean.startswith(first)
    assert doc.language == "en" and doc.warnings == []


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_page_body_has_no_furniture(docs, name: str) -> None:  # type: ignore[no-untyped-def]
    doc = docs[name]
    for piece in FURNITURE:
        assert piece not in doc.clean, piece
    assert not doc.clean.startswith(doc.title or "\0")


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_page_offsets_stay_true(docs, name: str) -> None:  # type: ignore[no-untyped-def]
    """Every clean word maps back to the same word of the original (the dateline cut out
    of the first paragraph included)."""
    doc = docs[name]
    om = OffsetMap(doc.offset_map)
    pos = 0
    for word in doc.clean.split():
        s = doc.clean.index(word, pos)
        a, b = om.to_original(s, s + len(word))
        assert doc.original[a:b] == word
        assert om.to_clean(a, b) == (s, s + len(word))
        pos = s + len(word)


def test_dateline_is_metadata(docs) -> None:  # type: ignore[no-untyped-def]
    baku = docs["01-jsonld-wire.html"].meta["dateline"]
    # "Feb 26" has no year: it is read in the year of publication
    assert baku == {"text": "BAKU, Feb 26 (Reuters)", "place": "Baku", "date_text": "Feb 26",
                    "date": "2012-02-26", "credit": "Reuters", "cut": True}
    tehran = docs["02-ap-reprint-og.html"].meta["dateline"]
    assert (tehran["place"], tehran["credit"], tehran["date"]) == ("Tehran, Iran", "AP", None)
    pr = docs["05-time-element-pr.html"].meta["dateline"]
    assert (pr["place"], pr["date"], pr["credit"]) == ("Jerusalem", "2012-03-12", "PRNewswire")
    assert docs["08-updated-first.html"].meta["dateline"]["place"] == "Islamabad"
    assert "dateline" not in docs["06-url-date.html"].meta


def test_wire_basis(docs) -> None:  # type: ignore[no-untyped-def]
    assert docs["01-jsonld-wire.html"].meta["wire_basis"] == "dateline"
    assert docs["04-visible-ap-time.html"].meta["wire_basis"] == "dateline"
    assert "wire" not in docs["06-url-date.html"].meta


def test_visible_dates_and_stamps(docs) -> None:  # type: ignore[no-untyped-def]
    # only a visible "Feb. 26, 2012 3:04 PM ET" under the byline
    assert docs["04-visible-ap-time.html"].meta["published_text"] == "Feb. 26, 2012 3:04 PM ET"
    # "Updated: March 9 ... | Published: March 8 ...": published wins
    assert docs["08-updated-first.html"].meta["published_text"] == "March 8, 2012"


def test_liveblog_keeps_every_entry(docs) -> None:  # type: ignore[no-untyped-def]
    doc = docs["07-liveblog.html"]
    assert doc.clean.count("\n\n") == 2
    assert "Angela Merkel told reporters" in doc.clean
    assert doc.clean.rstrip().endswith("the debt crisis.")


def test_page_in_another_language_is_kept_with_a_warning() -> None:
    doc = read_document(PAGES / "09-french.html")
    assert doc.language == "fr"
    assert doc.warnings == ["not English (declared 'fr'): accord extracts from English text "
                            "only; expect few or no events"]
    assert doc.clean.startswith("Le ministre marocain")  # read, nothing lost
    assert doc.meta["wire"] == "Agence France-Presse"
    assert doc.published == "2012-03-15"


def test_text_in_another_language_without_a_declaration() -> None:
    text = ("Die Regierung in Berlin hat am Montag angekündigt, dass sie die Gespräche mit "
            "Warschau über den Bau einer neuen Brücke fortsetzen will. Nach Angaben des "
            "Ministeriums sollen die Verhandlungen noch vor dem Sommer abgeschlossen werden, "
            "damit die Arbeiten im Herbst beginnen können.")
    doc = read_text(text, "upload:de")
    assert doc.language == "und"
    assert doc.warnings[0].startswith("text does not look English")
    assert doc.clean == text


def test_wire_reprint_as_text_file(tmp_path: Path) -> None:
    page = tmp_path / "reprint.txt"
    page.write_text(
        "Chile and Peru sign fishing accord\n\n"
        "By MARIA SOTO | Associated Press\n"
        "March 3, 2012\n\n"
        "LIMA, Peru (AP) \u2014 Chile and Peru signed an agreement on Saturday to share "
        "fishing data along their sea border, officials said.\n\n"
        "The accord follows two years of talks.\n")
    doc = read_document(page)
    assert (doc.title, doc.author, doc.published) == (
        "Chile and Peru sign fishing accord", "Maria Soto", "2012-03-03")
    assert (doc.meta["wire"], doc.meta["wire_basis"]) == ("Associated Press", "byline")
    assert doc.clean.startswith("Chile and Peru signed an agreement on Saturday")
    s = doc.clean.index("Chile and Peru signed")
    a, _ = OffsetMap(doc.offset_map).to_original(s, s + 5)
    assert doc.original[:a].endswith("LIMA, Peru (AP) \u2014 ")  # the dateline, cut out


@pytest.mark.parametrize("credit", ["Reuters Staff", "REUTERS", "Reuters and AP"])
def test_author_that_is_only_a_wire(credit: str) -> None:
    text = (f"Oil talks stall\n\nBy {credit}\n\nOil producers failed on Monday to agree on "
            "output cuts after two days of talks in Vienna, delegates said.\n")
    doc = read_text(text, "upload:1")
    assert doc.author is None
    assert doc.meta["wire"] == "Reuters"
    assert doc.meta["wire_basis"] in ("byline", "author")  # from the byline line either way


def test_copyright_line_credits_the_wire() -> None:
    text = ("Mali and Niger agreed on Tuesday to hold joint border patrols, the two "
            "governments said in a statement.\n\nThe patrols start next month.\n\n"
            "Copyright 2012 Agence France-Presse. All rights reserved.\n")
    doc = read_text(text, "upload:2")
    assert (doc.meta["wire"], doc.meta["wire_basis"]) == ("Agence France-Presse", "copyright")
    assert "Copyright" not in doc.clean


def test_sidecar_names_the_wire(tmp_path: Path) -> None:
    doc = read_text("Talks between the two foreign ministers ended without agreement.",
                    "upload:3", meta={"wire": "Kyodo"})
    assert (doc.meta["wire"], doc.meta["wire_basis"]) == ("Kyodo", "sidecar")


def test_dateline_city_is_no_actor(docs) -> None:  # type: ignore[no-untyped-def]
    from accord.extract import extract

    doc = docs["01-jsonld-wire.html"]
    ex = extract(doc)
    assert ex.sentences[0].text.startswith("Azerbaijan and Iran agreed")
    body = doc.original.index("Azerbaijan and Iran agreed")
    assert all(m.start >= body for m in ex.mentions)  # nothing read from "BAKU, Feb 26"
    [agree] = [e for e in ex.events if e.type == "AGREE" and e.sentence_index == 0]
    assert sorted(agree.source) == ["state:AZE", "state:IRN"]
    assert not any("baku" in k for e in ex.events for k in [*e.source, *e.target])


_ANKARA = ("<html><head><meta charset='{cs}'><title>Talks in Ankara</title></head><body>"
           "<article><h1>Talks in Ankara</h1><p>Turkey\u2019s foreign minister said on Monday "
           "that the \u2018door remains open\u2019 to talks with the European Union on "
           "visa-free travel, despite the row over the caf\u00e9 owners\u2019 arrests.</p>"
           "<p>The next meeting is due in April.</p></article></body></html>")
_ANKARA_TEXT = ("Turkey\u2019s foreign minister said on Monday that the \u2018door remains "
                "open\u2019 to talks")


def test_cp1252_page(tmp_path: Path) -> None:
    page = tmp_path / "cp.html"
    page.write_bytes(_ANKARA.format(cs="windows-1252").encode("cp1252"))
    doc = read_document(page)
    assert doc.meta["encoding"] == "cp1252"
    assert doc.clean.startswith(_ANKARA_TEXT) and "caf\u00e9 owners" in doc.clean


def test_double_encoded_page_is_repaired(tmp_path: Path) -> None:
    """UTF-8 that was once read as cp1252 and saved again ("â€™" for "’")."""
    page = tmp_path / "mojibake.html"
    page.write_bytes(_ANKARA.format(cs="utf-8").encode("utf-8").decode("cp1252")
                     .encode("utf-8"))
    doc = read_document(page)
    assert doc.clean.startswith(_ANKARA_TEXT) and "caf\u00e9 owners" in doc.clean
    assert doc.meta["mojibake_repaired"] == 5
    assert doc.warnings == ["repaired 5 mojibake sequence(s) (UTF-8 text that had been read "
                            "as cp1252, e.g. '\u00e2\u20ac\u2122' for '\u2019')"]


def test_one_odd_sequence_is_left_alone() -> None:
    from accord.ingest.decode import repair_mojibake

    text = "The brand \u00c3\u00a9clair is sold in Warsaw."
    assert repair_mojibake(text) == (text, 0)


def test_page_without_body_is_one_clear_error() -> None:
    from accord.errors import IngestError

    html = ("<html><head><title>World news</title></head><body><nav>Home | World | Sport"
            "</nav><div class='cookie'>We use cookies.</div></body></html>")
    with pytest.raises(IngestError) as err:
        read_text(html, "upload:9", "html")
    assert str(err.value) == "upload:9: no article text left after removing page furniture"


def test_liveblog_entry_times_are_no_text() -> None:
    text = ("Live: ceasefire talks in Cairo\n\n14:10 GMT\n\nEgyptian mediators said the two "
            "delegations would meet again in the evening.\n\n3:04 PM ET\n\nThe talks have "
            "been suspended until Sunday, a mediator said.\n")
    doc = read_text(text, "upload:live")
    assert doc.clean == ("Egyptian mediators said the two delegations would meet again in the "
                         "evening.\n\nThe talks have been suspended until Sunday, a mediator "
                         "said.")


@pytest.mark.parametrize(("name", "source"), [
    ("01-jsonld-wire.html", "json-ld"), ("02-ap-reprint-og.html", "meta tag"),
    ("03-visible-published.html", "page"), ("05-time-element-pr.html", "time element"),
    ("06-url-date.html", "url"), ("04-visible-ap-time.html", None)])
def test_where_the_page_date_came_from(docs, name: str, source: str | None) -> None:  # type: ignore[no-untyped-def]
    assert docs[name].meta.get("published_from") == source
