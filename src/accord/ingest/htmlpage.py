"""The visible lines of a web page above its article body.

trafilatura returns the article body; the lines a reader sees between the headline and
the first paragraph (the byline "By Nadia Haddad | Reuters", the stamp "Feb. 26, 2012
3:04 PM ET" or "Updated: ... | Published: ...") are left out of it, and htmldate finds
such a date only when the markup labels it. These lines are read here, as text, so that
:func:`accord.ingest.metadata.page_header` can take the date and the wire from them the
way it does for a text file's header.

Only the lines between the headline and the body count (or, without a headline, the few
right above the body): the top of a page often shows today's date, which is not the
article's.
"""

from __future__ import annotations

import re

#: Elements that start a line of their own.
_BLOCK = frozenset({
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption",
    "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li",
    "main", "nav", "ol", "p", "section", "table", "td", "th", "time", "tr", "ul"})
_DROP = "//script|//style|//noscript|//template|//svg|//iframe|//select|//button"
#: Lines above the body read when the headline is not found among the page lines.
WITHOUT_TITLE = 6
#: Lines read between the headline and the body at most.
MAX_LINES = 12


def visible_lines(html: str) -> list[str]:
    """The page's text, one line per block element, whitespace collapsed."""
    from lxml import etree  # type: ignore[import-untyped]
    from lxml import html as lhtml

    try:
        root = lhtml.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return []
    for bad in root.xpath(_DROP):
        bad.drop_tree()
    body = root.find("body")
    if body is None:
        body = root
    for el in body.iter():
        if isinstance(el.tag, str) and el.tag.lower() in _BLOCK:
            el.text = "\n" + (el.text or "")
            el.tail = "\n" + (el.tail or "")
    lines = (" ".join(x.split()) for x in body.text_content().split("\n"))
    return [x for x in lines if x]


def _key(text: str) -> str:
    return re.sub(r"\W+", " ", text).strip().lower()


def above_body(html: str, body: str, title: str | None) -> list[str]:
    """The visible lines between the headline and the first line of ``body``."""
    first = next((_key(x) for x in body.splitlines()
                  if x.strip() and (not title or _key(x) != _key(title))), "")
    if not first:
        return []
    lines = visible_lines(html)
    keys = [_key(x) for x in lines]
    probe = first[:60]
    start = next((i for i, k in enumerate(keys) if k and probe.startswith(k[:60])
                  and len(k) >= min(len(probe), 20)), None)
    if start is None:
        return []
    top = max(0, start - WITHOUT_TITLE)
    if title:
        t = _key(title)
        heads = [i for i in range(start) if keys[i] == t or (len(keys[i]) > 10 and
                                                             t.startswith(keys[i]))]
        if heads:
            top = heads[-1] + 1
    return lines[max(top, start - MAX_LINES):start]
