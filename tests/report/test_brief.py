"""The dyad brief on the known mini knowledge base: content, citations, plots."""

from __future__ import annotations

import base64
import html
import io
import re

import pytest
from PIL import Image

from accord import query
from accord.errors import NotFound
from accord.report import ReportError, brief, context
from accord.report.plots import QUAD_COLOURS


@pytest.fixture(scope="module")
def html_brief(mini_store, tmp_path_factory):
    path = tmp_path_factory.mktemp("brief") / "brief.html"
    text = brief(mini_store, "Poland", "South Korea", path)
    assert path.read_text() == text
    return text


def _png_colours(data: bytes) -> set[tuple[int, int, int]]:
    img = Image.open(io.BytesIO(data))
    img.verify()
    img = Image.open(io.BytesIO(data)).convert("RGB")
    assert img.width > 400 and img.height > 200
    return {c for _, c in img.getcolors(maxcolors=1_000_000)}


def _rgb(hexcode: str) -> tuple[int, int, int]:
    return tuple(int(hexcode[i:i + 2], 16) for i in (1, 3, 5))  # type: ignore[return-value]


def test_brief_html_is_self_contained_with_three_plots(html_brief):
    assert html_brief.startswith("<!DOCTYPE html>")
    assert "<script" not in html_brief and "http://" not in html_brief
    imgs = re.findall(r'src="data:image/png;base64,([^"]+)"', html_brief)
    assert len(imgs) == 3
    per_year = _png_colours(base64.b64decode(imgs[0]))
    # Bars for the pair's verbal cooperation and verbal conflict are drawn.
    assert _rgb(QUAD_COLOURS["verbal_cooperation"]) in per_year
    assert _rgb(QUAD_COLOURS["verbal_conflict"]) in per_year
    for data in imgs[1:]:
        assert len(_png_colours(base64.b64decode(data))) > 50
    assert "@media print" in html_brief


def test_summary_sentences_are_cited_to_the_exact_sentence(mini_store, html_brief):
    ctx = context(mini_store, "Poland", "South Korea")
    numbers = {f"D{i}": s["document"] for i, s in enumerate(ctx["sources"], 1)}
    assert len(ctx["summary"]) == 4
    for s in ctx["summary"]:
        doc = query.document(mini_store, numbers[s["cite"]["ref"]])
        sent = doc["sentences"][s["cite"]["sentence"] - 1]
        assert sent["text"] == s["text"]
        assert doc["original_text"][sent["start"]:sent["end"]] == s["text"]
        assert html.escape(s["text"], quote=False) in html_brief
    k2 = next(s for s in ctx["summary"] if "K2" in s["text"])
    # the independent report; not the reprint, which changed the figure (issue 16)
    assert len(k2["also"]) == 1
    assert re.search(r"\[D\d s\.2; D\d s\.1\]", html_brief)


def test_brief_tables(mini_store, html_brief):
    ctx = context(mini_store, "Poland", "South Korea")
    assert [(r["date"]["value"], r["type"]) for r in ctx["rows"]] == [
        ("2022", "AGREE"), ("2024-01-15", "THREATEN"), ("2024-03-04", "AGREE"),
        ("2024-03-04", "CONSULT")]
    copies = [s for s in ctx["sources"] if s["copy_of"]]
    assert len(copies) == 1 and copies[0]["copy_of_ref"].startswith("D")
    assert f"copy of {copies[0]['copy_of_ref']}" in html_brief
    assert "South Korean population of Poland" in html_brief  # an open contradiction
    assert "$2.6 billion to $6.2 billion" in html_brief
    cite = r'<a class="cite" href="#D\d">\[D\d s\.(\d)\]</a>'
    # Third parties and the claims of a numeric contradiction are cited to sentences.
    assert re.search(r"North Korea \(1 event, e.g. " + cite, html_brief)
    assert re.search(cite + " " + cite, html_brief)


def test_markdown_brief(mini_store, tmp_path):
    text = brief(mini_store, "POL", "KOR", tmp_path / "brief.md")
    assert text.startswith("# Poland – South Korea")
    assert "| 2024-03-04 (relative) | AGREE ($2.6 billion) |" in text
    # a joint event names each actor once (issue 16)
    assert "| Poland <-> South Korea |" in text and "&gt;" not in text
    assert "Poland, South Korea <-> Poland, South Korea" not in text
    assert text.count("data:image/png;base64,") == 3
    assert "**copy of D" in text


def test_brief_errors(mini_store, tmp_path):
    with pytest.raises(ReportError, match="does not exist"):
        brief(mini_store, "Poland", "Belarus", tmp_path / "nope" / "b.html")
    with pytest.raises(NotFound, match="no actor matches 'Atlantis'"):
        brief(mini_store, "Poland", "Atlantis", tmp_path / "b.html")


def test_brief_of_a_pair_without_events(mini_store, tmp_path):
    text = brief(mini_store, "Russia", "South Korea", tmp_path / "empty.html")
    assert "holds no events between Russia and South Korea" in text


def test_citations_once_each_and_never_an_altered_copy_for_its_figure(mini_store, mini_ids,
                                                                       tmp_path):
    """Issue 16: no "[D6 s.1; D6 s.1]"; the reprint that changed $2.6 billion to $6.2 billion
    is not cited as support for the $2.6 billion agreement; the title keeps the order asked."""
    import re

    from accord.report.brief import context

    text = brief(mini_store, "KOR", "POL", tmp_path / "brief.md")
    assert text.startswith("# South Korea – Poland")
    for bracket in re.findall(r"\[(D\d+ s\.\d+(?:; D\d+ s\.\d+)*)\]", text):
        labels = bracket.split("; ")
        assert len(labels) == len(set(labels)), bracket
    ctx = context(mini_store, "POL", "KOR")
    number = {row["document"]: f"D{i}" for i, row in enumerate(ctx["sources"], 1)}
    reprint = number[mini_ids["reprint"]]
    k2 = [s for s in ctx["summary"] if s["event"]["id"] == "ev-agree-k2"]
    assert k2, "the K2 agreement is in the summary"
    cited = [k2[0]["cite"]["ref"], *(o["ref"] for o in k2[0]["also"])]
    assert reprint not in cited and number[mini_ids["visit"]] in cited
    row = next(r for r in ctx["rows"] if r["id"] == "ev-agree-k2")
    assert row["cite"]["ref"] != reprint
