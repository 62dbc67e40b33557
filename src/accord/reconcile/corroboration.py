"""Independent sources and confidence.

Five articles that copy one wire story are one source. A mention counts for
the original document when its sentence is one the document copied (aligned
to its ``copy_of`` source), and for its own document otherwise: a blog that
reposts an article adds no corroboration for the reposted facts but does for
facts in its own commentary.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cached_property
from typing import Any
from urllib.parse import urlparse

from sqlalchemy import Connection, select

from ..store import schema as S
from .copies import alignment, roots
from .settings import load_outlets, load_thresholds
from .wiregroups import WireCredits, wire_leads

#: Single-document reads before :class:`_Documents` reads the whole table instead
#: (a full build asks about every document; an add about a few hundred).
BULK_AFTER = 500


class _Documents:
    """``copy_of``, outlet and publication date of stored documents, read on first use.

    An add asks about the few hundred documents its events and copies reach; reading
    every document instead (a million in a large store) would cost more than the add.
    """

    def __init__(self, conn: Connection):
        self.conn = conn
        self.copy_of = _Column(self)
        self.outlet = _Column(self)
        self.published = _Column(self)
        self.absent: set[str] = set()
        self.complete = False
        self.reads = 0

    def load(self, doc_id: Any) -> None:
        """Read one document (or, past ``BULK_AFTER`` reads, all of them)."""
        if self.complete or doc_id in self.absent:
            return
        self.reads += 1
        if self.reads > BULK_AFTER:
            self.load_all()
            return
        if not self._read(S.documents.c.id == doc_id):
            self.absent.add(doc_id)

    def load_many(self, doc_ids: Iterable[Any]) -> None:
        """Read these documents and the documents they copy, down their chains, in a
        few queries (an add's touched blocks name hundreds: one query each, or past
        ``BULK_AFTER`` the whole table, would cost more than the add)."""
        todo = {d for d in doc_ids if d is not None}
        while todo and not self.complete:
            missing = sorted(d for d in todo if not dict.__contains__(self.copy_of, d)
                             and d not in self.absent)
            for i in range(0, len(missing), 500):
                self._read(S.documents.c.id.in_(missing[i:i + 500]))
            self.absent.update(d for d in missing if not dict.__contains__(self.copy_of, d))
            todo = {src for d in missing if (src := dict.get(self.copy_of, d))}

    def load_all(self) -> None:
        if not self.complete:
            self._read(None)
            self.complete = True

    def _read(self, where: Any) -> int:
        d = S.documents.c
        stmt = select(d.id, d.copy_of, d.outlet, d.source, d.published)
        if where is not None:
            stmt = stmt.where(where)
        n = 0
        for did, copy_of, outlet, source, published in self.conn.execute(stmt):
            dict.__setitem__(self.copy_of, did, copy_of)
            dict.__setitem__(self.outlet, did, (outlet or _host(source) or "").lower() or None)
            dict.__setitem__(self.published, did, published)
            n += 1
        return n


class _Column(dict):  # type: ignore[type-arg]
    """One column of :class:`_Documents`, as a dict of document id -> value that reads
    a document on first lookup; iterating it reads them all (same answers as a dict
    filled from the whole table)."""

    def __init__(self, docs: _Documents):
        super().__init__()
        self._docs = docs

    def _ensure(self, key: Any) -> None:
        if not dict.__contains__(self, key):
            self._docs.load(key)

    def get(self, key: Any, default: Any = None) -> Any:
        self._ensure(key)
        return dict.get(self, key, default)

    def __getitem__(self, key: Any) -> Any:
        self._ensure(key)
        return dict.__getitem__(self, key)

    def __contains__(self, key: object) -> bool:
        self._ensure(key)
        return dict.__contains__(self, key)

    def _all(self) -> None:
        self._docs.load_all()

    def keys(self):  # type: ignore[no-untyped-def]
        self._all()
        return dict.keys(self)

    def values(self):  # type: ignore[no-untyped-def]
        self._all()
        return dict.values(self)

    def items(self):  # type: ignore[no-untyped-def]
        self._all()
        return dict.items(self)

    def __iter__(self):  # type: ignore[no-untyped-def]
        self._all()
        return dict.__iter__(self)

    def __len__(self) -> int:
        self._all()
        return dict.__len__(self)

    def __reduce__(self):  # type: ignore[no-untyped-def]
        self._all()
        return (dict, (dict(dict.items(self)),))


class SourceGroups:
    """Maps (document, sentence) to the independent source it belongs to.

    Documents are read as they are asked about (:class:`_Documents`). Within one
    ``reconcile`` call the events and contradictions steps share what was read
    (:func:`accord.reconcile.shared_view`): nothing after the copies step changes
    ``copy_of`` or sentences.
    """

    def __init__(self, conn: Connection):
        from . import shared_view

        self.conn = conn
        memo = shared_view("sourcegroups")
        if memo:
            docs: _Documents = memo["documents"]
            docs.conn = conn
            self._copied: dict[str, dict[int, tuple[str, int]]] = memo["copied"]
        else:
            docs = _Documents(conn)
            self._copied = {}
            if memo is not None:
                memo.update(documents=docs, copied=self._copied)
        self.copy_of: dict[str, str | None] = docs.copy_of
        self.outlet: dict[str, str | None] = docs.outlet
        self.published: dict[str, str | None] = docs.published
        self.wires: WireCredits = memo.setdefault("wires", WireCredits()) if memo is not None \
            else WireCredits()

    def prefetch(self, doc_ids: Iterable[str]) -> None:
        """Read ``copy_of``, outlet and date of these documents and their copy chains in
        bulk, ahead of the lookups that would read them one by one. (Alignments are
        read as asked: an add needs those of a few of them.)"""
        ids = set(doc_ids)
        docs = getattr(self.copy_of, "_docs", None)  # (a frozen copy holds plain dicts)
        if not isinstance(docs, _Documents):
            return
        docs.load_many(ids)

    @cached_property
    def roots(self) -> dict[str, str]:
        """Document id -> the original at the end of its copy chain (read on first use:
        most callers never need it)."""
        return roots(self.conn)

    def copied_sentences(self, doc_id: str) -> dict[int, tuple[str, int]]:
        """Sentence idx of ``doc_id`` -> (source doc, source sentence idx) it was copied from."""
        if doc_id not in self._copied:
            src = self.copy_of.get(doc_id)
            out: dict[int, tuple[str, int]] = {}
            if src:
                for pair in alignment(self.conn, doc_id, src):
                    out[pair.a] = (src, pair.b[0])
            self._copied[doc_id] = out
        return self._copied[doc_id]

    def group(self, doc_id: str, sentence_idx: int) -> str:
        """The independent source of one sentence: follows copied sentences to their origin."""
        seen = {doc_id}
        cur, idx = doc_id, sentence_idx
        while True:
            hop = self.copied_sentences(cur).get(idx)
            if hop is None or hop[0] in seen:
                return cur
            cur, idx = hop
            seen.add(cur)

    def chain(self, doc_id: str) -> list[str]:
        """The documents ``doc_id`` copies from, nearest first."""
        out: list[str] = []
        cur = self.copy_of.get(doc_id)
        while cur and cur not in out and cur != doc_id:
            out.append(cur)
            cur = self.copy_of.get(cur)
        return out

    def event_group(self, doc_id: str, sentence_idx: int,
                    mentions_by_doc: dict[str, int]) -> str:
        """The independent source of one mention of an event.

        A copied sentence belongs to its origin. So does a reworded one when a
        document this one copies from reports the same event: a copy adds no
        corroboration to what its source says. ``mentions_by_doc`` maps the
        event's documents to a sentence index of their mention.
        """
        g = self.group(doc_id, sentence_idx)
        if g != doc_id:
            return g
        for anc in self.chain(doc_id):
            if anc in mentions_by_doc:
                return self.group(anc, mentions_by_doc[anc])
        return g

    def wire_leads(self, group_docs: Iterable[str]) -> dict[str, str]:
        """The independent sources (documents) of one event that credit one wire, within
        days of each other -> the one that stands for that wire's story
        (:mod:`accord.reconcile.wiregroups`). Reads the credits of these documents only."""
        docs = set(group_docs)
        if len(docs) < 2:  # most events: one source, nothing to read
            return {}
        table = getattr(self.copy_of, "_docs", None)
        bulk = isinstance(table, _Documents) and table.complete
        window = int(load_thresholds()["corroboration"].get("wire_window_days", 3))
        return wire_leads(docs, self.wires.read(self.conn, docs, bulk=bulk), self.published,
                          window)

    def is_copied(self, doc_id: str, sentence_idx: int) -> bool:
        return sentence_idx in self.copied_sentences(doc_id)


def _host(source: str | None) -> str | None:
    if source and "://" in source:
        return urlparse(source).hostname
    return None


def confidence(per_group_modality: Iterable[tuple[str, str | None]]) -> float:
    """1 - prod(1 - p) over independent groups; p = modality weight x outlet reliability."""
    cfg: dict[str, Any] = load_thresholds()["corroboration"]
    weights = cfg["modality_weight"]
    outlets = load_outlets()
    default = float(cfg["default_reliability"])
    miss = 1.0
    for modality, outlet in per_group_modality:
        p = float(weights.get(modality, weights["asserted"]))
        p *= outlets.get(outlet, default) if outlet else default
        miss *= 1.0 - p
    return round(min(1.0 - miss, float(cfg["max_confidence"])), 4)
