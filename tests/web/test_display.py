"""The document reader formats Markdown and joins PDF line-break hyphens, and every
evidence span still lands on exactly its characters (issue 16)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from accord.web.display import for_display

MD = ("# Tank deal in Seoul\n\nPoland and **South Korea** signed a [framework deal]"
      "(https://example.org/deal) worth *$2.6 billion* on `Monday`.\n")
PDF = "The minister flew to War- saw on Monday; pro- and anti-war groups met.\nA long-\nterm plan."


def _plain(s: str) -> str:
    return re.sub(r"[*#`\[\]]|\(https?://[^)]*\)", "", s).strip()


def test_markdown_markup_becomes_formatting() -> None:
    d = for_display(MD, "md")
    assert d.text == ("Tank deal in Seoul\n\nPoland and South Korea signed a framework deal "
                      "worth $2.6 billion on Monday.\n")
    shown = {(a.tag, d.text[a.start:a.end]) for a in d.anns}
    assert shown == {("strong", "Tank deal in Seoul"), ("strong", "South Korea"),
                     ("a", "framework deal"), ("em", "$2.6 billion"), ("code", "Monday")}
    link = next(a for a in d.anns if a.tag == "a")
    assert link.attrs["href"] == "https://example.org/deal"


@pytest.mark.parametrize("words", ["South Korea", "Poland", "framework deal", "$2.6 billion",
                                   "Tank deal in Seoul", "Monday"])
def test_a_span_over_marked_up_words_shows_exactly_those_words(words) -> None:  # type: ignore[no-untyped-def]
    d = for_display(MD, "md")
    i = MD.index(words)
    a, b = d.span(i, i + len(words))
    assert d.text[a:b] == words
    # a span that includes the markup itself shows the words without it
    j = MD.rfind("\n", 0, i) + 1
    a, b = d.span(j, i + len(words))
    assert _plain(d.text[a:b]) == _plain(MD[j:i + len(words)])


def test_pdf_words_broken_at_line_ends_are_joined() -> None:
    d = for_display(PDF, "pdf")
    assert d.text == ("The minister flew to Warsaw on Monday; pro- and anti-war groups met.\n"
                      "A longterm plan.")
    i = PDF.index("War- saw")
    assert d.text[slice(*d.span(i, i + len("War- saw")))] == "Warsaw"
    assert for_display(PDF, "txt").text == PDF  # only PDFs are repaired


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ab *#_`[]()-\n", max_size=60), st.sampled_from(["md", "pdf"]),
       st.data())
def test_display_only_deletes_and_the_map_is_monotone(text, fmt, data) -> None:  # type: ignore[no-untyped-def]
    d = for_display(text, fmt)
    assert len(d.pos) == len(text) + 1 and d.pos[-1] == len(d.text)
    assert all(x <= y for x, y in zip(d.pos, d.pos[1:], strict=False))
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    a, b = d.span(start, end)
    shown = d.text[a:b]
    # the displayed span is the original span with some characters left out, in order
    it = iter(text[start:end])
    assert all(ch in it for ch in shown)


def test_document_page_renders_markdown_with_the_evidence_on_its_words(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    import accord
    from accord.web import create_app

    src = tmp_path / "in"
    src.mkdir()
    (src / "note.md").write_text(
        "# Harbour talks\n\n*Gdynia, 4 March 2024.* Officials of **Lithuania** met "
        "officials of **Latvia** in Gdynia on Monday to discuss port security.\n",
        encoding="utf-8")
    with accord.open(tmp_path / "kb.db") as kb:
        kb.build([src], workers=1)
        doc = kb.documents()[0]
        full = kb.document(doc["id"])
        mention = next(m for m in full["mentions"] if m["text"] == "Lithuania")
    with TestClient(create_app(str(tmp_path / "kb.db"))) as client:
        html = client.get(f"/documents/{doc['id']}").text
        page = client.get(f"/documents/{doc['id']}",
                          params={"start": mention["start"], "end": mention["end"]}).text
    body = html.split('class="doctext"', 1)[1].split("</div>", 1)[0]
    assert "**" not in body and "# Harbour" not in body
    assert '<strong class="md-h1">Harbour talks</strong>' in body
    assert re.search(r'<strong class="md-strong">(<[^>]+>)*Lithuania(</[^>]+>)*</strong>', body)
    focus = re.search(r'<mark class="focus"[^>]*>(.*?)</mark>', page).group(1)
    assert re.sub(r"<[^>]+>", "", focus) == "Lithuania"
