"""Hand-made documents and extraction records, written through the real store.

Until the build engine and the extractors run end to end, reconciliation is
tested on records we write ourselves: real ``accord.records`` objects stored
with ``Store.put_document`` / ``Store.put_extraction``. All text is invented.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from accord.reconcile.textsim import split_sentences
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
from accord.store import Store

STATES = {"POL": "Poland", "KOR": "South Korea", "BLR": "Belarus", "RUS": "Russia",
          "PRK": "North Korea"}


#: Country of the people in the test corpus (as the actor linker would record it).
COUNTRY = {"org:pol defence ministry": "state:POL", "person:anna wrobel": "state:POL",
           "person:lee dae-ho": "state:KOR", "person:tomasz nowak": "state:POL",
           "person:park sung-min": "state:KOR", "org:ken defence ministry": "state:KEN"}


def actor(key: str) -> ActorRef:
    kind, _, rest = key.partition(":")
    if kind == "state":
        return ActorRef(key=key, name=STATES.get(rest, rest), type="STATE", iso3=rest)
    return ActorRef(key=key, name=rest.title(), type="PERSON" if kind == "person" else "ORG",
                    country=COUNTRY.get(key))


@dataclass
class Doc:
    text: str
    published: str | None = None
    title: str | None = None
    source: str | None = None
    outlet: str | None = None
    events: list[EventRecord] = field(default_factory=list)
    claims: list[ClaimRecord] = field(default_factory=list)
    mentions: list[MentionRecord] = field(default_factory=list)

    @property
    def id(self) -> str:
        return hashlib.sha256(self.text.encode()).hexdigest()[:16]

    @property
    def sentences(self) -> list[SentenceRecord]:
        return [SentenceRecord(i, s, e, t)
                for i, (s, e, t) in enumerate(split_sentences(self.text))]

    def _locate(self, phrase: str) -> tuple[int, SentenceRecord]:
        pos = self.text.index(phrase)
        for s in self.sentences:
            if s.start <= pos < s.end:
                return pos, s
        raise AssertionError(f"{phrase!r} not in a sentence")

    def event(self, type: str, phrase: str, source: list[str], target: list[str] | None = None,
              date: str | None = None, basis: str | None = None, modality: str = "asserted",
              quantities: list[tuple[float, str, str | None, str]] | None = None,
              attributed: list[str] | None = None) -> Doc:
        pos, s = self._locate(phrase)
        qs = [QuantityRecord(v, u, q, t) for v, u, q, t in quantities or []]
        self.events.append(EventRecord(
            type=type, start=s.start, end=s.end, text=self.text[s.start:s.end],
            sentence_index=s.index, trigger=phrase.split()[0], source=source,
            target=target or [], date_value=date,
            date_basis=basis or ("explicit" if date else "none"), quantities=qs,
            modality=modality, attributed_to=attributed or []))
        for key in {*source, *(target or []), *(attributed or [])}:
            ref = actor(key)
            self.mentions.append(MentionRecord(pos, pos + len(phrase), phrase, s.index, ref))
        return self

    def claim(self, subject: str, prop: str, value: float, unit: str, qualifier: str | None,
              phrase: str, modality: str = "asserted") -> Doc:
        pos, s = self._locate(phrase)
        self.claims.append(ClaimRecord(subject, prop, value, unit, qualifier, modality, pos,
                                       pos + len(phrase), phrase, s.index, phrase))
        return self

    def ingested(self) -> IngestedDocument:
        return IngestedDocument(
            id=self.id, source=self.source or f"{self.id}.txt", format="txt",
            original=self.text, clean=self.text, offset_map=[[0, 0, len(self.text),
                                                               len(self.text)]],
            title=self.title, outlet=self.outlet, published=self.published,
            published_basis="text" if self.published else "none")

    def extraction(self) -> Extraction:
        return Extraction(self.id, "test", self.sentences, self.mentions, self.events,
                          self.claims)


def add(store: Store, *docs: Doc) -> list[str]:
    """Store documents and their records (as a build would, minus NLP)."""
    for d in docs:
        store.put_document(d.ingested())
        store.put_extraction(d.extraction())
    return [d.id for d in docs]


def snapshot(store: Store) -> dict[str, Any]:
    """The knowledge tables in a comparable form (no autoincrement ids)."""
    from sqlalchemy import select

    from accord.store import schema as S

    with store.connect() as conn:
        docs = sorted(tuple(r) for r in conn.execute(
            select(S.documents.c.id, S.documents.c.copy_of, S.documents.c.copied_fraction,
                   S.documents.c.copy_kind)))
        events = sorted(
            (r.id, r.type, tuple(r.source), tuple(r.target), r.date_value, r.modality,
             r.independent_sources, r.confidence, r.block_key)
            for r in conn.execute(select(S.events)))
        links = sorted((r.document_id, r.start, r.end, r.type, r.event_id) for r in conn.execute(
            select(S.event_mentions)))
        claims = sorted(tuple(r) for r in conn.execute(select(S.claims)))
        clinks = sorted((r.document_id, r.start, r.claim_id) for r in conn.execute(
            select(S.claim_mentions)))
        cx = sorted((r.id, r.kind, tuple(r.items), tuple(r.documents), r.explanation)
                    for r in conn.execute(select(S.contradictions)))
        actors = sorted(tuple(r) for r in conn.execute(select(S.event_actors)))
        pairs = sorted(tuple(r) for r in conn.execute(select(S.event_pairs)))
        plinks = sorted(tuple(r) for r in conn.execute(select(S.pair_links)))
    return {"event_pairs": pairs, "pair_links": plinks,
            "documents": docs, "events": events, "event_links": links, "claims": claims,
            "claim_links": clinks, "contradictions": cx, "event_actors": actors}
