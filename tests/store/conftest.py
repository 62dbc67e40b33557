"""Hand-made records for store tests: no NLP needed, exact values known."""

from __future__ import annotations

import hashlib

import pytest

from accord.records import (
    ActorRef,
    ClaimRecord,
    EventRecord,
    Extraction,
    IngestedDocument,
    MentionRecord,
    QuantityRecord,
    SentenceRecord,
)


def make_doc(text: str, source: str = "mem.txt", **meta: object) -> IngestedDocument:
    return IngestedDocument(
        id=hashlib.sha256(text.encode()).hexdigest(), source=source, format="txt",
        original=text, clean=text, offset_map=[[0, 0, len(text), len(text)]], **meta,
    )


def make_extraction(doc: IngestedDocument, version: str = "test-1") -> Extraction:
    """One sentence per line; a mention of every capitalised 'Poland'/'Korea'; one event."""
    ex = Extraction(document_id=doc.id, extractor_version=version)
    pos = 0
    for line in doc.original.split("\n"):
        if line.strip():
            ex.sentences.append(SentenceRecord(index=len(ex.sentences), start=pos,
                                               end=pos + len(line), text=line))
        pos += len(line) + 1
    for s in ex.sentences:
        for name, key in (("Poland", "state:POL"), ("Korea", "state:KOR")):
            at = s.text.find(name)
            if at >= 0:
                ex.mentions.append(MentionRecord(
                    start=s.start + at, end=s.start + at + len(name), text=name,
                    sentence_index=s.index, actor=ActorRef(key=key, name=name, type="STATE")))
    s0 = ex.sentences[0]
    ex.events.append(EventRecord(
        type="AGREE", start=s0.start, end=s0.end, text=s0.text, sentence_index=0,
        trigger="signed", source=["state:POL"], target=["state:KOR"], date_value="2024-03-04",
        date_basis="explicit", quantities=[QuantityRecord(2.6e9, "USD", "exact", "$2.6 billion")]))
    ex.claims.append(ClaimRecord(
        subject="state:POL", property="population", value=3000.0, unit="people",
        qualifier="about", modality="asserted", start=s0.start, end=s0.end, text=s0.text,
        sentence_index=0))
    ex.stats = {"sentences": len(ex.sentences), "mentions": len(ex.mentions),
                "events": len(ex.events), "claims": len(ex.claims)}
    return ex


ARTICLE = (
    "Poland and South Korea signed a tank agreement in Seoul on Monday.\n"
    "The defence ministers of Poland and Korea met for two hours.\n"
    "Analysts said the deal would deepen industrial cooperation.\n"
)


@pytest.fixture
def article() -> IngestedDocument:
    return make_doc(ARTICLE, title="Tank deal", published="2024-03-06",
                    published_basis="metadata")
