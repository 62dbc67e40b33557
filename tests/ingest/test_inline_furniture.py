"""Furniture inside an article: cross-references, photo credits, stamps, bylines, share bars,
"Related articles" blocks and commenters' paragraphs stay out of the clean text (their dates
and names would date or people the events of the article). Text written for these tests."""

from __future__ import annotations

from accord.ingest import read_text

ARTICLE = """Minsk and Vilnius trade accusations

By Anna Kowalska and Jonas Petraitis
Updated: 14 March 2024, 10:32 GMT

Lithuania accused Belarus of sending migrants on Tuesday (see Belarus - Lithuania: 2 March 2024:), \
the ministry said.

Border guards stand at a crossing near Vilnius (photo credit: REUTERS) as officials met on Monday.

Related articles
Minsk denies new border incidents
Vilnius calls NATO allies for help

The talks continue next week with officials from both capitals attending the meeting in Warsaw.

Updated: 15 March 2024 08:00
By Jonas Petraitis

Share this article
Facebook Twitter Email

Comment by Tomas99: Of course MINSK denies everything, as always.

The ministry will publish its report in April, a spokesman for the Lithuanian government said.
"""


def test_inline_furniture_is_left_out_and_offsets_still_map() -> None:
    doc = read_text(ARTICLE, "inline.txt", meta={"published": "2024-03-14"})
    clean = doc.clean
    assert "on Tuesday, the ministry said." in clean  # "(see ... 2 March 2024:)" deleted
    assert "near Vilnius as officials met" in clean  # "(photo credit: REUTERS)" deleted
    for gone in ("2 March 2024", "REUTERS", "Minsk denies", "NATO allies", "Updated",
                 "Petraitis", "Facebook", "Tomas99", "MINSK"):
        assert gone not in clean, gone
    # the article after the furniture is kept
    assert clean.endswith("a spokesman for the Lithuanian government said.")
    assert "The talks continue next week" in clean
    # metadata still reads the stamp and the byline
    assert doc.author == "Anna Kowalska and Jonas Petraitis"
    # every kept sentence maps back to the same words in the original
    from accord.ingest.offsets import OffsetMap

    om = OffsetMap(doc.offset_map)
    for para in clean.split("\n\n"):
        start = clean.index(para)
        a, b = om.to_original(start, start + len(para))
        if "(" not in doc.original[a:b]:
            assert doc.original[a:b] == para


def test_a_commenters_paragraph_is_never_a_states_denial() -> None:
    doc = read_text("Belarus moves troops\n\nBelarus moved troops to the border on Monday, "
                    "officials in Vilnius said.\n\nComment by Guest: Of course Minsk denies "
                    "everything.\n", "c.txt")
    assert "denies" not in doc.clean and "Comment by" not in doc.clean


def test_sentences_starting_like_furniture_are_kept() -> None:
    text = ("Talks resume\n\nBy the end of the week, Poland and Lithuania had agreed on a plan. "
            "Related talks in Warsaw were held on Friday.\n\nShare prices fell in Vilnius.\n\n"
            "The tender rules were\nposted by the ministry on 3 March 2024 with the other "
            "documents.\n")
    clean = read_text(text, "k.txt").clean
    assert "By the end of the week" in clean and "Share prices fell" in clean
    assert "posted by the ministry on 3 March 2024" in clean  # a wrapped line, not a stamp
