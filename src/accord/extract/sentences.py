"""Sentence boundaries the statistical parser gets wrong on real articles.

Cleaned text separates paragraphs, headings and captions with line breaks, but
the small English parser happily runs a heading into the next paragraph's first
sentence ("Background Information: ISRAEL and ..."), and a footnote marker
("... $1.6 billion.[45] In February ...") hides a boundary. This component runs
before the parser and fixes those starts; the parser respects preset
boundaries and splits the rest as usual.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

_FOOTNOTE = re.compile(r"^\[\d{1,3}\]$")
_FINAL = {".", "!", "?", "”", '"'}


def _after_footnote(doc: Doc, i: int) -> bool:
    """True when token ``i`` ends a footnote marker that follows a full stop."""
    tok = doc[i]
    if _FOOTNOTE.match(tok.text):  # tokenised as one token: "[45]"
        return i > 0 and doc[i - 1].text in _FINAL
    if tok.text == "]" and i >= 3 and doc[i - 1].like_num and doc[i - 2].text == "[":
        return doc[i - 3].text in _FINAL or doc[i - 3].text.endswith(".")
    return False


@Language.component("accord_sentences")
def mark_sentence_starts(doc: Doc) -> Doc:
    for i, tok in enumerate(doc[:-1]):
        nxt = doc[i + 1]
        if "\n" in tok.whitespace_ or (tok.is_space and "\n" in tok.text):
            # A line break in clean text is a paragraph or heading boundary.
            j = i + 1
            while j < len(doc) and doc[j].is_space:
                j += 1
            if j < len(doc):
                doc[j].is_sent_start = True
        elif nxt.text[:1].isupper() and _after_footnote(doc, i):
            # Keep "[45]" with the sentence it annotates; start the next one after it.
            for j in range(max(i - 2, 1), i + 1):
                doc[j].is_sent_start = False
            nxt.is_sent_start = True
    return doc
