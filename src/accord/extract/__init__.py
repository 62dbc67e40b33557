"""Per-document extraction: a pure function of text, publication date and version.

``extract(doc)`` runs the spaCy pipeline with accord's components on the
cleaned text and returns an :class:`~accord.records.Extraction` whose offsets
are mapped back to the original text. It touches no store and no global state
other than the cached pipeline, so it can run in a process pool or on a Spark
executor.

Inside the pipeline components agree on:

* ``doc._.published`` (``YYYY[-MM[-DD]]`` or None) and ``doc._.doc_id``;
* ``doc.spans["actors"]``: actor mentions, each with ``span._.actor``
  (an :class:`~accord.records.ActorRef`);
* ``doc._.events`` / ``doc._.claims``: lists of
  :class:`~accord.records.EventRecord` / :class:`~accord.records.ClaimRecord`
  whose offsets are still *clean-text* offsets and whose ``sentence_index``
  is the index in ``list(doc.sents)``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import TYPE_CHECKING

from ..ingest.offsets import OffsetMap
from ..records import (
    ClaimRecord,
    EventRecord,
    Extraction,
    IngestedDocument,
    MentionRecord,
    QuantityRecord,
    SentenceRecord,
)
from .pipeline import get_nlp

if TYPE_CHECKING:
    from spacy.tokens import Doc

#: Bump when extraction output changes; stored documents extracted with an
#: older version are re-extracted by the next build.
EXTRACTOR_VERSION = "0.2.0"

#: Sentences longer than this many characters are not parsed for events.
MAX_SENTENCE_CHARS = 2000


def _to_original(doc: IngestedDocument, sdoc: Doc) -> Extraction:
    om = OffsetMap(doc.offset_map)
    orig = doc.original

    def span(start: int, end: int) -> tuple[int, int, str]:
        a, b = om.to_original(start, end)
        return a, b, orig[a:b]

    sents = list(sdoc.sents)
    out = Extraction(document_id=doc.id, extractor_version=EXTRACTOR_VERSION)
    for i, s in enumerate(sents):
        a, b, _ = span(s.start_char, s.end_char)
        out.sentences.append(SentenceRecord(index=i, start=a, end=b, text=s.text))
    sent_starts = [s.start for s in sents]
    from bisect import bisect_right

    for m in sdoc.spans.get("actors", []):
        a, b, t = span(m.start_char, m.end_char)
        out.mentions.append(MentionRecord(
            start=a, end=b, text=t,
            sentence_index=bisect_right(sent_starts, m.start) - 1, actor=m._.actor,
        ))
    for e in sdoc._.events or []:
        a, b, t = span(e.start, e.end)
        qs = []
        for q in e.quantities:
            if q.start is not None and q.end is not None:
                qa, qb, qt = span(q.start, q.end)
                q = replace(q, start=qa, end=qb, text=qt)
            qs.append(q)
        out.events.append(replace(e, start=a, end=b, text=t, quantities=qs))
    for c in sdoc._.claims or []:
        a, b, t = span(c.start, c.end)
        out.claims.append(replace(c, start=a, end=b, text=t))
    out.stats = {
        "sentences": len(sents),
        "mentions": len(out.mentions),
        "events": len(out.events),
        "claims": len(out.claims),
        **(sdoc.user_data.get("accord_stats") or {}),
    }
    return out


def _prepare(nlp, doc: IngestedDocument) -> Doc:  # type: ignore[no-untyped-def]
    sdoc = nlp.make_doc(doc.clean)
    sdoc._.published = doc.published
    sdoc._.doc_id = doc.id
    return sdoc


def extract(doc: IngestedDocument) -> Extraction:
    """Extract actors, events and claims from one document."""
    nlp = get_nlp()
    return _to_original(doc, nlp(_prepare(nlp, doc)))


def extract_many(docs: Iterable[IngestedDocument], batch_size: int = 16) -> Iterator[Extraction]:
    """Like :func:`extract` over many documents, batched through ``nlp.pipe``."""
    nlp = get_nlp()
    docs = list(docs)
    sdocs = nlp.pipe((_prepare(nlp, d) for d in docs), batch_size=batch_size)
    for doc, sdoc in zip(docs, sdocs, strict=True):
        yield _to_original(doc, sdoc)


__all__ = [
    "EXTRACTOR_VERSION", "extract", "extract_many",
    "ClaimRecord", "EventRecord", "MentionRecord", "QuantityRecord",
]
