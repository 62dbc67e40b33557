"""Rendering overlapping annotations as nested, escaped HTML."""

from __future__ import annotations

from html.parser import HTMLParser

from hypothesis import given, settings
from hypothesis import strategies as st

from accord.web.annotate import Ann, render


class Spans(HTMLParser):
    """Collects the text inside each element with a ``data-ann`` key, and all text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str | None]] = []
        self.text: list[str] = []
        self.by_key: dict[str, list[str]] = {}
        self.ids: dict[str, str] = {}
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        assert not (tag == "a" and any(t == "a" for t, _ in self.stack)), "nested link"
        self.tags.append(tag)
        self.stack.append((tag, a.get("data-ann")))
        if a.get("data-ann"):
            self.by_key.setdefault(a["data-ann"], []).append("")
        if a.get("id"):
            self.ids[a["id"]] = a.get("data-ann") or ""

    def handle_endtag(self, tag: str) -> None:
        open_tag, _ = self.stack.pop()
        assert open_tag == tag, f"</{tag}> closes <{open_tag}>"

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        for _, key in self.stack:
            if key:
                self.by_key[key][-1] += data


def parse(html: str) -> Spans:
    p = Spans()
    p.feed(html)
    p.close()
    assert not p.stack, "unclosed elements"
    return p


TEXT = "Poland and South Korea signed a deal in Seoul."


def test_nested_spans_keep_text_and_order():
    anns = [Ann(0, len(TEXT), "span", "ev", key="ev"), Ann(0, 6, "a", "ent", {"href": "/e/1"},
                                                           key="pol"),
            Ann(11, 22, "a", "ent", {"href": "/e/2"}, key="kor")]
    p = parse(render(TEXT, anns))
    assert "".join(p.text) == TEXT
    assert p.by_key == {"ev": [TEXT], "pol": ["Poland"], "kor": ["South Korea"]}


def test_crossing_spans_are_split_but_cover_their_text():
    # "South Korea signed" crosses "Korea signed a deal": the later one is fragmented.
    a = Ann(11, 29, "span", "ev", key="a")
    b = Ann(17, 37, "span", "claim", key="b")
    p = parse(render(TEXT, [a, b]))
    assert "".join(p.text) == TEXT
    assert "".join(p.by_key["a"]) == TEXT[11:29]
    assert "".join(p.by_key["b"]) == TEXT[17:37]


def test_focus_is_one_element_even_when_crossed():
    focus = Ann(7, 22, "mark", "focus", {"id": "focus"}, key="focus", focus=True)
    crossing = [Ann(0, 10, "span", "ev", key="x"), Ann(15, 30, "span", "ev", key="y"),
                Ann(7, 22, "a", "ent", {"href": "/e"}, key="same")]
    p = parse(render(TEXT, [*crossing, focus]))
    assert p.by_key["focus"] == [TEXT[7:22]]
    assert p.ids == {"focus": "focus"}
    assert "".join(p.by_key["x"]) == TEXT[0:10] and "".join(p.by_key["y"]) == TEXT[15:30]


def test_links_do_not_nest():
    anns = [Ann(0, 22, "a", "ent", {"href": "/e/1"}, key="outer"),
            Ann(11, 22, "a", "ent", {"href": "/e/2"}, key="inner")]
    html = str(render(TEXT, anns))
    assert html.count("<a ") == 1 and 'href="/e/2"' not in html
    assert parse(html).by_key["inner"] == ["South Korea"]


def test_everything_is_escaped():
    text = 'x <script>alert("1")</script> & <b onclick="y">z</b>'
    html = str(render(text, [Ann(2, 10, "span", "ev", {"title": '"><script>'}, key="k")]))
    assert "<script" not in html and "<b " not in html
    assert "&lt;script&gt;" in html and "&amp;" in html and "&#34;&gt;&lt;script&gt;" in html
    assert "".join(parse(html).text) == text


def test_spans_outside_the_text_are_ignored():
    html = str(render("abc", [Ann(2, 10, "span", "x", key="k"), Ann(1, 1, "span", "y", key="z")]))
    assert html == "abc"


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 40), st.integers(1, 12), st.booleans()), max_size=8),
       st.none() | st.tuples(st.integers(0, 40), st.integers(1, 12)))
def test_any_overlap_renders_well_formed(spans, focus):
    text = "The ministers met <in> Seoul & signed it."  # 41 characters
    anns = [Ann(s, min(s + n, len(text)), "a" if link else "span", "c", {"href": "/x"},
                key=f"k{i}") for i, (s, n, link) in enumerate(spans) if s < len(text)]
    if focus and focus[0] < len(text):
        f0 = focus[0]
        anns.append(Ann(f0, min(f0 + focus[1], len(text)), "mark", "focus", {"id": "focus"},
                        key="focus", focus=True))
    p = parse(str(render(text, anns)))
    assert "".join(p.text) == text
    for a in anns:
        assert "".join(p.by_key[a.key]) == text[a.start:a.end]
    if focus and focus[0] < len(text):
        assert len(p.by_key["focus"]) == 1
