"""What accord emits for each gold sentence, in the terms gold is written in.

Two ways to get it: run accord's own extraction on every gold sentence (each a
one-sentence document with the gold's publication date, all through one
``nlp.pipe``), or read an existing store and take the events of the stored
sentence(s) holding the gold text (``--db``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..records import ActorRef, ClaimRecord, EventRecord, IngestedDocument
from .codes import ActorCodes, actor_codes, canonical_unit, date_granularity
from .gold import GoldSentence


@dataclass(frozen=True)
class PredEvent:
    """One emitted event; ``source``/``target`` hold each actor's codes
    (:func:`.codes.actor_alternatives`)."""

    type: str
    source: tuple[ActorCodes, ...]
    target: tuple[ActorCodes, ...]
    modality: str
    date_value: str | None
    date_granularity: str
    trigger: str = ""
    cameo: str | None = None


@dataclass(frozen=True)
class PredClaim:
    subject: str
    property: str
    value: float
    unit: str
    text: str = ""


@dataclass
class Prediction:
    """Accord's output for one gold sentence; ``found`` is False when a store has no
    sentence with that text (every gold event then counts as missed)."""

    events: list[PredEvent] = field(default_factory=list)
    claims: list[PredClaim] = field(default_factory=list)
    found: bool = True


def _event(e: EventRecord | dict[str, Any], refs: dict[str, ActorRef]) -> PredEvent:
    g = e if isinstance(e, dict) else e.__dict__
    source = g.get("source", g.get("source_keys")) or []
    target = g.get("target", g.get("target_keys")) or []
    value = g.get("date_value")
    return PredEvent(
        type=g["type"], source=actor_codes(source, refs), target=actor_codes(target, refs),
        modality=g.get("modality") or "asserted", date_value=value,
        date_granularity=date_granularity(value, g.get("date_granularity")),
        trigger=g.get("trigger") or "", cameo=g.get("cameo"))


def _claim(c: ClaimRecord | dict[str, Any]) -> PredClaim | None:
    g = c if isinstance(c, dict) else c.__dict__
    value = g.get("value")
    if isinstance(value, str):  # the store keeps values JSON-encoded
        try:
            value = json.loads(value)
        except ValueError:
            return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return PredClaim(subject=g.get("subject") or g.get("subject_key") or "",
                     property=g.get("property") or "", value=float(value),
                     unit=canonical_unit(g.get("unit")), text=g.get("text") or "")


def run_extraction(gold: Iterable[GoldSentence], batch_size: int = 64) -> list[Prediction]:
    """Run accord's extraction on every gold sentence (one spaCy load, batched)."""
    from ..errors import IngestError
    from ..extract import extract_many
    from ..ingest import read_text

    gold = list(gold)
    docs: list[IngestedDocument | None] = []
    for g in gold:
        try:
            docs.append(read_text(g.text, f"gold:{g.id}", meta={"published": g.published}
                                  if g.published else None))
        except IngestError:  # all of it is page furniture: accord would store nothing
            docs.append(None)
    extracted = iter(extract_many([d for d in docs if d is not None], batch_size=batch_size))
    out: list[Prediction] = []
    for doc in docs:
        if doc is None:
            out.append(Prediction())
            continue
        ex = next(extracted)
        refs = {m.actor.key: m.actor for m in ex.mentions}
        claims = [p for p in (_claim(c) for c in ex.claims) if p is not None]
        out.append(Prediction(events=[_event(e, refs) for e in ex.events], claims=claims))
    return out


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


#: Characters of a sentence's start used to find stored sentences that split differently.
_PREFIX = 30


def read_store(gold: Iterable[GoldSentence], db: str) -> list[Prediction]:
    """The stored events and claims of the sentence(s) that hold the gold text.

    A gold sentence matches a stored sentence with the same text (whitespace and
    case folded). When the store split the text differently, it matches a stored
    sentence that begins with the whole gold text, or a run of consecutive stored
    sentences of one document that together make up the gold text.
    """
    from sqlalchemy import select

    from ..store import Store
    from ..store import schema as t

    gold = list(gold)
    store = Store(db, create=False, read_only=True)
    try:
        with store.connect() as conn:
            exact: dict[str, tuple[str, int]] = {}
            prefix: dict[str, list[tuple[str, int, str]]] = {}
            for row in conn.execute(select(t.sentences.c.document_id, t.sentences.c.idx,
                                           t.sentences.c.text)):
                norm = _norm(row.text)
                exact.setdefault(norm, (row.document_id, row.idx))
                prefix.setdefault(norm[:_PREFIX], []).append((row.document_id, row.idx, norm))
            out: list[Prediction] = []
            for g in gold:
                where = _locate(conn, t, _norm(g.text), exact, prefix)
                out.append(_stored(conn, t, *where) if where else Prediction(found=False))
    finally:
        store.close()
    return out


def _locate(conn: Any, t: Any, text: str, exact: dict[str, tuple[str, int]],
            prefix: dict[str, list[tuple[str, int, str]]]) -> tuple[str, list[int]] | None:
    """(document id, sentence indexes) holding ``text`` (normalised), or None."""
    from sqlalchemy import select

    if text in exact:
        doc_id, idx = exact[text]
        return doc_id, [idx]
    for doc_id, idx, norm in prefix.get(text[:_PREFIX], []):
        if norm.startswith(text):  # the store joined the gold sentence with more text
            return doc_id, [idx]
        if not text.startswith(norm):
            continue
        # the store split it: take the following sentences while they continue the text
        rows = conn.execute(select(t.sentences.c.idx, t.sentences.c.text)
                            .where(t.sentences.c.document_id == doc_id,
                                   t.sentences.c.idx > idx)
                            .order_by(t.sentences.c.idx))
        covered, idxs = norm, [idx]
        for row in rows:
            if len(covered) >= len(text):
                break
            nxt = f"{covered} {_norm(row.text)}"
            if not text.startswith(nxt):
                break
            covered, idxs = nxt, [*idxs, row.idx]
        if covered == text:
            return doc_id, idxs
    return None


def _stored(conn: Any, t: Any, doc_id: str, idxs: list[int]) -> Prediction:
    from sqlalchemy import select

    refs: dict[str, ActorRef] = {}
    for m in conn.execute(select(t.mentions).where(t.mentions.c.document_id == doc_id)):
        refs.setdefault(m.key, ActorRef(key=m.key, name=m.name, type=m.type,
                                        country=m.country_key, role=m.role, iso3=m.iso3,
                                        wikidata=m.wikidata, is_actor=bool(m.is_actor)))
    em = t.event_mentions
    events = [_event(dict(r._mapping), refs) for r in conn.execute(
        select(em).where(em.c.document_id == doc_id, em.c.sentence_idx.in_(idxs))
        .order_by(em.c.id))]
    cm = t.claim_mentions
    claims = [p for p in (_claim(dict(r._mapping)) for r in conn.execute(
        select(cm).where(cm.c.document_id == doc_id, cm.c.sentence_idx.in_(idxs))
        .order_by(cm.c.id))) if p is not None]
    return Prediction(events=events, claims=claims)
