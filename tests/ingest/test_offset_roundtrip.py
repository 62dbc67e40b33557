"""Property: any span of the clean text maps back to original text that cleans to it.

Documents are generated with everything the cleaner undoes: hard wraps, hyphenation
across line breaks (lower-case continuation: joined; capitalised: real hyphen kept),
markdown emphasis and links, page numbers, running headers and navigation lines between
paragraphs, CRLF line ends and runs of spaces.
"""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from accord.errors import IngestError
from accord.ingest import discover, read_document, read_text
from accord.ingest.offsets import OffsetMap

WORDS = ["poland", "seoul", "tanks", "agreement", "ministers", "border", "talks", "signed",
         "warsaw", "korea", "officials", "said", "deal", "howitzers", "embassy", "delivery",
         "contract", "minister", "defence", "government", "spokesman", "statement", "rockets",
         "artillery", "cooperation", "industry", "factory", "production", "security"]
NAMES = ["Kosiniak-Kamysz", "Shin", "Minsk", "Belarus", "Blaszczak"]
FURNITURE = ["- 7 -", "Page 3 of 4", "Read more: archive", "Home | World | Opinion",
             "http://example.org/x"]


@st.composite
def sentence(draw) -> str:
    words = draw(st.lists(st.sampled_from(WORDS + NAMES), min_size=5, max_size=14))
    words[0] = words[0].capitalize()
    return " ".join(words) + "."


@st.composite
def document(draw) -> tuple[str, str]:
    fmt = draw(st.sampled_from(["txt", "md"]))
    width = draw(st.integers(28, 70))
    # "-\n" as in text exports, or pdfium's U+FFFE with no break after it
    hyphen = draw(st.sampled_from(["-", "\ufffe"])) if fmt == "txt" else "-"
    paragraphs: list[str] = []
    text_lines: list[str] = []
    for _ in range(draw(st.integers(1, 5))):
        text = " ".join(draw(st.lists(sentence(), min_size=1, max_size=4)))
        if fmt == "md" and draw(st.booleans()):
            words = text.split(" ")
            k = draw(st.integers(1, len(words) - 1))
            mark = draw(st.sampled_from(["**", "*"]))
            words[k] = f"{mark}{words[k]}{mark}" if draw(st.booleans()) else \
                f"[{words[k]}](http://example.org/{k})"
            text = " ".join(words)
        lines, line = [], ""
        for word in text.split(" "):
            if line and len(line) + 1 + len(word) > width:
                if len(word) > 5 and word.isalpha() and draw(st.booleans()):
                    cut = draw(st.integers(2, len(word) - 2))
                    lines.append(f"{line} {word[:cut]}{hyphen}")  # split across the break
                    line = word[cut:]
                    continue
                lines.append(line)
                line = word
            else:
                line = f"{line}{' ' * draw(st.sampled_from([1, 1, 2]))}{word}" if line else word
        lines.append(line)
        text_lines.extend(" ".join(x.split()).lower() for x in lines)
        paragraphs.append("\n".join(lines).replace("\ufffe\n", "\ufffe"))
        if draw(st.booleans()):
            paragraphs.append(draw(st.sampled_from(FURNITURE)))
    # identical lines are the repeated-furniture rule's business (tested in test_clean)
    assume(len(set(text_lines)) == len(text_lines))
    eol = draw(st.sampled_from(["\n", "\r\n"]))
    return fmt, ("\n\n".join(paragraphs) + "\n").replace("\n", eol)


def squeeze(text: str) -> str:
    """Compare modulo what the cleaner may change inside a paragraph."""
    return re.sub(r"\]\(https?://[^)\s]*\)|[\s\-*\ufffe\[\]]", "", text)


def _subsequence(small: str, big: str) -> bool:
    it = iter(big)
    return all(c in it for c in small)


def check_spans(doc, spans, exact_inside: bool = True) -> None:
    """``exact_inside``: inside a paragraph only markup, hyphens and whitespace were removed
    (true for generated text; a real page break can drop a running header mid-sentence,
    and then the clean span is only a subsequence of the original one)."""
    om = OffsetMap(doc.offset_map)
    for start, end in spans:
        a, b = om.to_original(start, end)
        assert 0 <= a <= b <= len(doc.original)
        piece = doc.clean[start:end]
        if "\n" not in piece and exact_inside:
            assert squeeze(doc.original[a:b]) == squeeze(piece)
        assert _subsequence(squeeze(piece), squeeze(doc.original[a:b]))
        if piece and not piece[0].isspace() and not piece[-1].isspace():
            # edges are exact: the original span starts and ends on the same characters
            assert doc.original[a] == piece[0] or piece[0] == "-"
            assert doc.original[b - 1] == piece[-1] or piece[-1] == "-"
            # and the original span cleans back to exactly this clean span
            assert om.to_clean(a, b) == (start, end)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document(), st.data())
def test_random_spans_round_trip(doc_spec, data):
    fmt, text = doc_spec
    try:
        doc = read_text(text, "generated", format=fmt)
    except IngestError:
        return  # nothing but furniture was generated
    n = len(doc.clean)
    spans = []
    for _ in range(8):
        s = data.draw(st.integers(0, n - 1))
        e = data.draw(st.integers(s + 1, n))
        spans.append((s, e))
    check_spans(doc, spans)
    # every clean word is a word of the original, possibly split by a hyphen and a break
    for m in re.finditer(r"\S+", doc.clean):
        a, b = OffsetMap(doc.offset_map).to_original(m.start(), m.end())
        assert squeeze(doc.original[a:b]) == squeeze(m.group(0))
    # hyphenation repaired: every clean word is a vocabulary word again, whole
    vocabulary = {w.lower() for w in WORDS + NAMES}
    assert "\ufffe" not in doc.clean
    for word in doc.clean.split():
        assert word.strip(".").lower() in vocabulary, word
    # nothing furniture-like survives
    for f in FURNITURE:
        assert f not in doc.clean


def test_all_example_and_seed_spans(examples_dir: Path):
    files = discover([examples_dir])
    seeds = Path(__file__).resolve().parents[3] / "shared" / "seeds"
    if seeds.is_dir():
        files += discover([seeds])
    for f in files:
        doc = read_document(f)
        n = len(doc.clean)
        spans = [(s, min(n, s + w)) for w in (1, 7, 60) for s in range(0, n, 13)]
        check_spans(doc, spans, exact_inside=False)
