"""Cleaning rules on hand-written text: re-flow, hyphenation, furniture, comments."""

from __future__ import annotations

from accord.ingest import read_text
from accord.ingest.offsets import OffsetMap

WRAPPED = """\
The two governments signed the framework agree-
ment in the summer, and the minister, Wladyslaw Kosiniak-
Kamysz, said deliveries would continue through the
winter. Officials in Seoul described the talks as
constructive; a second round would follow.
Short last line.

A new paragraph starts here and it also runs over several
lines of the page, because the text layer of a PDF keeps
the line breaks of the printed page, including a self-
propelled howitzer that keeps its hyphen elsewhere: self-propelled.

WEEKLY SECURITY BRIEF
- 2 -

the sentence continues after the page break and ends here.
"""


def _doc(text: str, fmt: str = "txt"):
    return read_text(text, "t", format=fmt)


def test_reflow_and_hyphenation():
    doc = _doc(WRAPPED)
    assert doc.meta["cleaning"]["mode"] == "wrapped"
    paras = doc.clean.split("\n\n")
    assert paras[0].startswith("The two governments signed the framework agreement in the "
                               "summer, and the minister, Wladyslaw Kosiniak-Kamysz, said")
    assert paras[0].endswith("constructive; a second round would follow.")
    assert paras[1] == "Short last line."  # a finished, short line ends a paragraph
    # hyphenated form seen elsewhere in the document: keep the hyphen
    assert "including a self-propelled howitzer" in paras[2]
    # the page header and page number go; the sentence across the break is joined
    assert "WEEKLY" not in doc.clean and "- 2 -" not in doc.clean
    assert "the page break and ends here." in doc.clean


def test_hyphen_offsets_point_at_both_halves():
    doc = _doc(WRAPPED)
    om = OffsetMap(doc.offset_map)
    for word, original in (("agreement", "agree-\nment"),
                           ("Kosiniak-Kamysz", "Kosiniak-\nKamysz")):
        s = doc.clean.index(word)
        a, b = om.to_original(s, s + len(word))
        assert doc.original[a:b] == original


def test_unwrapped_lines_are_paragraphs():
    text = ("Talks in Seoul ended on Monday with a joint statement on tanks and howitzers.\n"
            "A second line is a second paragraph in text that is not hard-wrapped at all, "
            "as exported by most news sites.\n")
    doc = _doc(text)
    assert doc.meta["cleaning"]["mode"] == "lines"
    assert doc.clean.count("\n\n") == 1


def test_furniture_lines_dropped():
    text = """Ministers meet in Seoul

Home | World | Defence | Opinion
The ministers met in Seoul on Monday and agreed to speed up the delivery of tanks.
Photo: J. Park / Agency
Read more: Poland buys more tanks
Related: Korea's arms industry
https://example.org/story/123
Share on Facebook
Advertisement
Officials said the talks would continue next month in Warsaw, according to a statement.
(page 2 of 2)
Labels: POLAND, KOREA
"""
    doc = _doc(text)
    assert doc.clean == ("The ministers met in Seoul on Monday and agreed to speed up the delivery"
                         " of tanks.\n\nOfficials said the talks would continue next month in "
                         "Warsaw, according to a statement.")
    dropped = doc.meta["cleaning"]["dropped_lines"]
    assert dropped["navigation"] == 1 and dropped["url"] == 1 and dropped["page number"] == 1


def test_comment_block_and_its_dates_are_ignored():
    text = """Border talks resume

The foreign ministers of Poland and South Korea met in Warsaw to discuss the border and the
contracts for tanks, and said they would meet again.

2 comments:

Anonymous said...
Good. More of this please.
March 3, 2021 at 10:00 AM
"""
    doc = _doc(text)
    assert "Anonymous" not in doc.clean and "More of this" not in doc.clean
    assert doc.published is None  # a reader comment's date is not the publication date


def test_doubled_caption_dropped_but_pasted_paragraph_kept_once():
    caption = "Leaders: the two ministers at the meeting in Seoul. Both sides praised the deal."
    body = ("The two ministers met in Seoul and signed an agreement on the delivery of tanks "
            "and howitzers to Poland over the next three years.")
    text = f"Title line here\n\n{caption}\nAgency photo\n{caption}\n\n{body}\n\nMiddle.\n\n{body}\n"
    doc = _doc(text)
    assert "Leaders:" not in doc.clean
    assert doc.clean.count(body) == 1


def test_markdown_markup_removed_with_offsets():
    text = "# Heading\n\nThe **ministers** met in [Seoul](https://x.org/a) and _agreed_ on it.\n" \
           "A second soft-wrapped line of `the` same paragraph.\n\n* item one\n* item two\n\n---\n"
    doc = _doc(text, "md")
    assert doc.clean == ("The ministers met in Seoul and agreed on it. A second soft-wrapped line "
                         "of the same paragraph.\n\nitem one\n\nitem two")
    s = doc.clean.index("Seoul")
    a, b = OffsetMap(doc.offset_map).to_original(s, s + 5)
    assert doc.original[a:b] == "Seoul"


def test_reference_list_at_the_end_is_dropped_inline_markers_stay():
    text = """Tanks for Warsaw

The ministers signed the contract for the tanks in Seoul on Monday, officials said.[1] The
deliveries will start next year and continue until the end of the decade, they added.[2]
Officials in Warsaw welcomed the agreement and said more contracts would follow soon.
The opposition criticised the price and asked for the full text to be published.

[1] Ministry of National Defence, "Poland signs tank deal with Korea," press release,
March 2024.
[2] Interview with an official.
"""
    doc = _doc(text)
    assert "officials said.[1]" in doc.clean and "they added.[2]" in doc.clean
    assert "press release" not in doc.clean and "Interview with" not in doc.clean
    assert doc.meta["cleaning"]["dropped_lines"]["references"] == 3


def test_short_text_still_joins_broken_words():
    doc = _doc("Talks with Kosiniak-\nKamysz on the agree-\nment ended in Seoul on Monday.\n")
    assert doc.clean == "Talks with Kosiniak-Kamysz on the agreement ended in Seoul on Monday."
    stray = _doc("The talks ended with a pdfium hyphen\ufffe")
    assert stray.clean == "The talks ended with a pdfium hyphen-"
