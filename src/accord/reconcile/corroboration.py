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
from .copies import aligned_pairs, roots
from .settings import load_outlets, load_thresholds


class SourceGroups:
    """Maps (document, sentence) to the independent source it belongs to.

    Within one ``reconcile`` call the events and contradictions steps share one
    instance's tables (:func:`accord.reconcile.shared_view`): nothing after the
    copies step changes ``copy_of`` or sentences, and building them reads every
    document.
    """

    def __init__(self, conn: Connection):
        from . import shared_view

        self.conn = conn
        memo = shared_view("sourcegroups")
        if memo:
            self.copy_of: dict[str, str | None] = memo["copy_of"]
            self.outlet: dict[str, str | None] = memo["outlet"]
            self.published: dict[str, str | None] = memo["published"]
            self._copied: dict[str, dict[int, tuple[str, int]]] = memo["copied"]
            return
        rows = conn.execute(select(S.documents.c.id, S.documents.c.copy_of, S.documents.c.outlet,
                                   S.documents.c.source, S.documents.c.published))
        self.copy_of = {}
        self.outlet = {}
        self.published = {}
        for did, copy_of, outlet, source, published in rows:
            self.copy_of[did] = copy_of
            self.outlet[did] = (outlet or _host(source) or "").lower() or None
            self.published[did] = published
        self._copied = {}
        if memo is not None:
            memo.update(copy_of=self.copy_of, outlet=self.outlet, published=self.published,
                        copied=self._copied)

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
                for own, theirs, _pair in aligned_pairs(self.conn, doc_id, src):
                    out[own.idx] = (src, theirs[0].idx)
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
