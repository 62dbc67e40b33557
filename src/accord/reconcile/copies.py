"""Copy detection: which documents reprint, paraphrase or embed another.

Candidates come from MinHash LSH over word shingles (datasketch) with fixed
banding, so whether a pair is compared depends only on the two texts. Each
candidate pair is then aligned sentence by sentence (rapidfuzz); the share of
a document's sentences found in the other is its *copied fraction*.

Direction (who copies whom) is decided by publication date, then by
containment: a document that embeds nearly all of another one (a blog that
reposts an article inside its commentary) is the copy; otherwise the document
with the larger share of borrowed sentences is the copy.

Every decision for a document depends only on the document and its LSH
candidates, so re-running it for the documents touched by an add gives the
same answer as a full build.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, bindparam, select, update

from ..store import schema as S
from ..store.rows import chunks as _chunks
from . import alignstore
from .alterations import names, numbers
from .lshstore import LshIndex
from .settings import load_thresholds
from .textsim import AlignedPair, Sentence, align, align_both, normalise, split_sentences

if TYPE_CHECKING:
    from ..store import Store

#: Given document ids, each one's LSH candidates, best first and at most
#: ``max_candidates`` (the order and cap of :meth:`LshIndex.candidates`).
CandidateSource = Callable[[Sequence[str]], Mapping[str, Sequence[str]]]


@dataclass(frozen=True)
class DocInfo:
    id: str
    published: str | None
    clean: str


@dataclass(frozen=True)
class PairRelation:
    """The alignment of two documents and who copies whom."""

    copy: str
    source: str
    fraction: float  # share of the copy's sentences aligned to the source
    source_fraction: float  # share of the source's sentences found in the copy
    aligned: int
    verbatim_share: float
    basis: str  # publication | containment | share | id


def load_sentences(conn: Connection, doc_ids: Iterable[str]) -> dict[str, list[Sentence]]:
    """Sentences per document from the store; documents not yet extracted are split here."""
    ids = list(dict.fromkeys(doc_ids))
    out: dict[str, list[Sentence]] = {d: [] for d in ids}
    for chunk in _chunks(ids, 500):
        rows = conn.execute(
            select(S.sentences.c.document_id, S.sentences.c.idx, S.sentences.c.start,
                   S.sentences.c.end, S.sentences.c.text)
            .where(S.sentences.c.document_id.in_(chunk))
            .order_by(S.sentences.c.document_id, S.sentences.c.idx)
        )
        for did, idx, start, end, text in rows:
            out[did].append(Sentence(idx, start, end, text, normalise(text)))
    missing = [d for d in ids if not out[d]]
    for chunk in _chunks(missing, 500):
        for did, clean in conn.execute(
            select(S.documents.c.id, S.documents.c.clean_text).where(S.documents.c.id.in_(chunk))
        ):
            out[did] = [Sentence(i, s, e, t, normalise(t))
                        for i, (s, e, t) in enumerate(split_sentences(clean))]
    return out



def _date_order(a: str | None, b: str | None) -> int:
    """-1 if a is earlier, 1 if later, 0 if unknown or overlapping (2024 vs 2024-03)."""
    if not a or not b:
        return 0
    n = min(len(a), len(b))
    if a[:n] == b[:n]:
        return 0
    return -1 if a[:n] < b[:n] else 1


def relate(
    a: DocInfo, b: DocInfo, sa: Sequence[Sentence], sb: Sequence[Sentence], cfg: dict[str, Any]
) -> PairRelation | None:
    """Align two documents; None when neither borrows enough from the other."""
    min_words = int(cfg["min_sentence_words"])
    na = sum(1 for s in sa if s.n_words >= min_words)
    nb = sum(1 for s in sb if s.n_words >= min_words)
    if not na or not nb:
        return None
    min_aligned = int(cfg["min_aligned_sentences"])
    order = _date_order(a.published, b.published)
    if order:
        # The later document can only be the copy, and a copy with fewer than
        # min_aligned sentences aligned to its source is none: on most pairs
        # one direction settles it and the other is never aligned.
        if order > 0:
            ab = align(sa, sb, cfg, need=min_aligned)
            if len(ab) < min_aligned:
                return None
            ba = align(sb, sa, cfg)
        else:
            ba = align(sb, sa, cfg, need=min_aligned)
            if len(ba) < min_aligned:
                return None
            ab = align(sa, sb, cfg)
    else:
        ab, ba = align_both(sa, sb, cfg)
    fa, fb = len(ab) / na, len(ba) / nb
    if max(len(ab), len(ba)) < min_aligned:
        return None
    if max(fa, fb) < min(float(cfg["partial_fraction"]), float(cfg["partial_source_fraction"])) \
            and not (_quoted(ab, cfg) or _quoted(ba, cfg)):
        return None
    contain = float(cfg["contain_fraction"])
    if order:
        copy_is_a, basis = order > 0, "publication"
    elif (fb >= contain) != (fa >= contain):
        # One text is mostly inside the other, which is mostly its own: the one
        # that embeds it is the copy.
        copy_is_a, basis = fb >= contain, "containment"
    elif abs(fa - fb) > float(cfg["share_tie_margin"]):
        copy_is_a, basis = fa > fb, "share"
    elif (ra := _richness(ab, sa, sb)) != 0:
        # Copies simplify: the version whose shared passages carry more names
        # and numbers of its own is taken as the original.
        copy_is_a, basis = ra < 0, "detail"
    elif abs(fa - fb) > 1e-9:
        copy_is_a, basis = fa > fb, "share"
    elif len(sa) != len(sb):
        copy_is_a, basis = len(sa) < len(sb), "share"
    else:
        copy_is_a, basis = a.id > b.id, "id"
    if copy_is_a:
        pairs, frac, sfrac, copy, source = ab, fa, fb, a.id, b.id
    else:
        pairs, frac, sfrac, copy, source = ba, fb, fa, b.id, a.id
    # A short commentary around a quoted article borrows less than
    # partial_fraction of its own sentences but most of the article's.
    if len(pairs) < min_aligned or (frac < float(cfg["partial_fraction"])
                                    and sfrac < float(cfg["partial_source_fraction"])
                                    and not _quoted(pairs, cfg)):
        return None
    verb = sum(1 for p in pairs if p.verbatim) / len(pairs)
    return PairRelation(copy, source, round(frac, 4), round(sfrac, 4), len(pairs),
                        round(verb, 4), basis)


def _quoted(pairs: Sequence[AlignedPair], cfg: dict[str, Any]) -> bool:
    """Enough sentences taken over nearly word for word to call it copying."""
    strong = sum(1 for p in pairs if p.score >= float(cfg["quoted_similarity"]))
    return strong >= int(cfg["min_quoted_sentences"])


def _richness(pairs: Sequence[AlignedPair], sa: Sequence[Sentence],
               sb: Sequence[Sentence]) -> int:
    """Names and numbers only A's side of the aligned pairs has, minus those only B's has."""
    ta, tb = {s.idx: s.text for s in sa}, {s.idx: s.text for s in sb}
    score = 0
    for p in pairs:
        a, b = ta[p.a], " ".join(tb[i] for i in p.b)
        ia = {v for _, v in numbers(a)} | names(a)
        ib = {v for _, v in numbers(b)} | names(b)
        score += len(ia - ib) - len(ib - ia)
    return score


def copy_kind(rel: PairRelation, cfg: dict[str, Any]) -> str:
    if rel.fraction >= float(cfg["full_fraction"]):
        return "full" if rel.verbatim_share >= float(cfg["verbatim_share"]) else "paraphrase"
    return "partial"


class CopyIndex:
    """LSH candidates (persistent band table) and cached per-pair relations.

    Documents, sentences and candidates are read in bulk (:meth:`prefetch`):
    a full build asks for all of them, and one query per document was most of
    its time.
    """

    def __init__(self, conn: Connection, cfg: dict[str, Any],
                 given: CandidateSource | None = None, changed: Sequence[str] | None = None):
        self.cfg = cfg
        self.conn = conn
        self.lsh = LshIndex(conn, cfg)
        self.lsh.index_missing(changed)  # ``changed``: the documents being reconciled
        self.given = given
        self._given: dict[str, list[str]] = {}
        self._docs: dict[str, DocInfo | None] = {}
        self._sentences: dict[str, list[Sentence]] = {}
        self._relations: dict[tuple[str, str], PairRelation | None] = {}

    def doc(self, doc_id: str) -> DocInfo | None:
        if doc_id not in self._docs:
            self.load_docs([doc_id])
        return self._docs[doc_id]

    def load_docs(self, doc_ids: Iterable[str]) -> None:
        missing = [d for d in dict.fromkeys(doc_ids) if d not in self._docs]
        d = S.documents
        for chunk in _chunks(missing, 500):
            for r in self.conn.execute(select(d.c.id, d.c.published, d.c.clean_text)
                                       .where(d.c.id.in_(chunk))):
                self._docs[r[0]] = DocInfo(r[0], r[1], r[2] or "")
        for m in missing:
            self._docs.setdefault(m, None)

    def prefetch(self, doc_ids: Iterable[str]) -> None:
        """Candidates of these documents in one call (the given source's, or the
        band table's), with the documents and sentences they will be aligned on."""
        missing = sorted({d for d in doc_ids if d not in self._given})
        if not missing:
            return
        if self.given is not None:
            found = self.given(missing)
        else:
            found = self.lsh.candidates_many(
                missing, int(self.cfg.get("max_candidates") or 0) or None)
        self._given.update({d: list(found[d]) for d in missing})
        wanted = list(dict.fromkeys([*missing, *(c for d in missing for c in self._given[d])]))
        self.load_docs(wanted)
        self.load_sentences([w for w in wanted if self._docs.get(w) is not None])

    def candidates(self, doc_id: str) -> list[str]:
        self.prefetch([doc_id])
        return [d for d in self._given[doc_id] if self.doc(d) is not None]

    def load_sentences(self, doc_ids: Iterable[str]) -> None:
        missing = [d for d in dict.fromkeys(doc_ids) if d not in self._sentences]
        if missing:
            self._sentences.update(load_sentences(self.conn, missing))

    def sentences(self, doc_id: str) -> list[Sentence]:
        if doc_id not in self._sentences:
            self.load_sentences([doc_id])
        return self._sentences[doc_id]

    def relation(self, a: str, b: str) -> PairRelation | None:
        key = (min(a, b), max(a, b))
        if key not in self._relations:
            x, y = self.doc(key[0]), self.doc(key[1])
            assert x is not None and y is not None
            self._relations[key] = relate(x, y, self.sentences(x.id), self.sentences(y.id),
                                          self.cfg)
        return self._relations[key]

    def best_source(self, doc_id: str) -> PairRelation | None:
        """The document ``doc_id`` copies most from (None if it copies nothing)."""
        best: PairRelation | None = None
        me = self.doc(doc_id)
        for cand in self.candidates(doc_id):
            other = self.doc(cand)
            if me and other and _date_order(me.published, other.published) < 0:
                continue  # strictly earlier: relate() would make ``cand`` the copy
            rel = self.relation(doc_id, cand)
            if rel is None or rel.copy != doc_id:
                continue
            if best is None or self._rank(rel) < self._rank(best):
                best = rel
        return best

    def _rank(self, rel: PairRelation) -> tuple[float, str, str]:
        src = self.doc(rel.source)
        return (-rel.fraction, (src.published if src else None) or "9999", rel.source)


def run(store: Store, document_ids: Sequence[str] | None = None, *,
        candidates: CandidateSource | None = None) -> dict[str, Any]:
    """Decide ``copy_of`` for the documents touched; ``candidates`` replaces the
    store's LSH lookup (the Spark engine computes them in Spark)."""
    cfg = load_thresholds()["copies"]
    with store.begin() as conn:
        # Alignments kept from earlier runs: not those of documents whose sentences
        # may have changed (reconciled again after a re-extraction).
        alignstore.forget(conn, document_ids)
        index = CopyIndex(conn, cfg, candidates, document_ids)
        if document_ids is None:
            targets = {r[0] for r in conn.execute(select(S.documents.c.id))}
        else:
            index.load_docs(document_ids)
            targets = {d for d in document_ids if index.doc(d) is not None}
            index.prefetch(targets)
            for d in list(targets):
                new = index.doc(d)
                assert new is not None
                # A new document can only become the source of one that is not
                # dated strictly before it; the others need no second look.
                targets.update(
                    c for c in index.candidates(d)
                    if _date_order((index.doc(c) or new).published, new.published) >= 0
                )
        # The current decisions of the targets only (an add: a few documents, not
        # every row of a large store).
        d = S.documents.c
        cols = select(d.id, d.copy_of, d.copied_fraction, d.copy_kind)
        before: dict[str, tuple[Any, Any, Any]] = {}
        for chunk in ([None] if document_ids is None else _chunks(sorted(targets), 500)):
            stmt = cols if chunk is None else cols.where(d.id.in_(chunk))
            before.update((r[0], (r[1], r[2], r[3])) for r in conn.execute(stmt))
        changed: set[str] = set()
        copies = 0
        index.prefetch(targets)
        updates: list[dict[str, Any]] = []
        for did in sorted(targets):
            rel = index.best_source(did)
            value = (rel.source, rel.fraction, copy_kind(rel, cfg)) if rel else (None, None, None)
            copies += rel is not None
            if before.get(did) != value:
                changed.add(did)
                updates.append({"did": did, "copy_of": value[0], "copied_fraction": value[1],
                                "copy_kind": value[2]})
                before[did] = value
        if updates:
            conn.execute(update(S.documents).where(S.documents.c.id == bindparam("did"))
                         .values(copy_of=bindparam("copy_of"),
                                 copied_fraction=bindparam("copied_fraction"),
                                 copy_kind=bindparam("copy_kind")), updates)
        # Documents whose copy chain runs through a changed one get a new root,
        # hence new independent-source counts: later steps must look at them.
        affected = set(changed)
        frontier = changed | {v[0] for did, v in before.items() if did in changed and v[0]}
        affected |= frontier
        children: dict[str, list[str]] | None = None
        if document_ids is None:  # every document was read: follow copy_of in memory
            children = {}
            for did, (src, _f, _k) in before.items():
                if src:
                    children.setdefault(src, []).append(did)
        while frontier:
            found: set[str] = set()
            if children is not None:
                found.update(c for f in frontier for c in children.get(f, ()))
            else:
                for chunk in _chunks(sorted(frontier), 500):
                    found.update(r[0] for r in conn.execute(
                        select(d.id).where(d.copy_of.in_(chunk))))
            frontier = found - affected
            affected |= frontier
    return {"checked": len(targets), "copies": copies, "changed": len(changed),
            "affected": sorted(affected)}


def roots(conn: Connection) -> dict[str, str]:
    """Document id -> the original at the end of its ``copy_of`` chain (itself if none)."""
    parent = dict(conn.execute(select(S.documents.c.id, S.documents.c.copy_of)).all())
    out: dict[str, str] = {}
    for did in parent:
        seen = [did]
        cur = did
        while parent.get(cur) and parent[cur] in parent and parent[cur] not in seen:
            cur = parent[cur]
            seen.append(cur)
        out[did] = cur
    return out


def aligned_pairs(conn: Connection, copy_id: str, source_id: str,
                  sentences: Mapping[str, list[Sentence]] | None = None
                  ) -> list[tuple[Sentence, list[Sentence], AlignedPair]]:
    """Sentences of ``copy_id`` with the sentences of ``source_id`` they come from.

    Within one ``reconcile`` call the answer is kept (sentences do not change
    during one): source groups in the events and contradictions steps and the
    copy-alteration check all ask for every copy. ``sentences`` may hold both
    documents' sentences already read.
    """
    pairs = alignment(conn, copy_id, source_id, sentences)
    if not pairs:
        return []
    if sentences is None or copy_id not in sentences or source_id not in sentences:
        sentences = load_sentences(conn, [copy_id, source_id])
    by_idx = {s.idx: s for s in sentences[source_id]}
    own = {s.idx: s for s in sentences[copy_id]}
    return [(own[p.a], [by_idx[i] for i in p.b], p) for p in pairs]


def alignment(conn: Connection, copy_id: str, source_id: str,
              sentences: Mapping[str, list[Sentence]] | None = None) -> list[AlignedPair]:
    """:func:`~accord.reconcile.textsim.align` of a copy with its source: kept for the
    ``reconcile`` call and, inside one, in the store (:mod:`.alignstore`), so the
    sentences are read and aligned once per pair of documents, not once per add."""
    from . import shared_view

    memo = shared_view("copy_alignments")
    key = (copy_id, source_id)
    if memo is not None and key not in memo:
        memo.update(alignstore.load(conn, [key], load_thresholds()["copies"]))
    if memo is not None and key in memo:
        return list(memo[key])
    cfg = load_thresholds()["copies"]
    if sentences is None or copy_id not in sentences or source_id not in sentences:
        sentences = load_sentences(conn, [copy_id, source_id])
    out = align(sentences[copy_id], sentences[source_id], cfg)
    if memo is not None:
        memo[key] = out
        alignstore.save(conn, {key: out}, cfg)
    return list(out)


def prefetch_alignments(conn: Connection, copy_of: Mapping[str, str | None],
                        doc_ids: Iterable[str], compute: bool = True) -> None:
    """Align each document's copy chain (copy -> source -> its source ...) ahead of use:
    those kept in the store read in one go, the others (with ``compute``) aligned with
    their sentences read in bulk. A no-op outside ``reconcile`` (nowhere to keep them)."""
    from . import shared_view

    memo = shared_view("copy_alignments")
    if memo is None:
        return
    pairs: dict[tuple[str, str], None] = {}
    for did in doc_ids:
        cur, seen = did, {did}
        while (src := copy_of.get(cur)) and src not in seen:
            pairs[(cur, src)] = None
            seen.add(src)
            cur = src
    _fill(conn, list(pairs), memo, compute)


def _fill(conn: Connection, pairs: Sequence[tuple[str, str]],
          memo: dict[tuple[str, str], list[AlignedPair]], compute: bool) -> None:
    cfg = load_thresholds()["copies"]
    memo.update(alignstore.load(conn, [p for p in pairs if p not in memo], cfg))
    todo = [p for p in pairs if p not in memo] if compute else []
    for chunk in _chunks(todo, 500):
        sents = load_sentences(conn, [d for p in chunk for d in p])
        found = {(cpy, src): align(sents[cpy], sents[src], cfg) for cpy, src in chunk}
        memo.update(found)
        alignstore.save(conn, found, cfg)


def store_alignments(store: Store) -> int:
    """Align every copy with its source and keep the alignments (those not kept yet),
    as the event step of a full build does; returns how many copies were aligned.
    For stores filled without reconciliation (the benchmark's bulk loader)."""
    with store.begin() as conn:
        pairs = [(r[0], r[1]) for r in conn.execute(
            select(S.documents.c.id, S.documents.c.copy_of)
            .where(S.documents.c.copy_of.is_not(None)).order_by(S.documents.c.id))]
        memo: dict[tuple[str, str], list[AlignedPair]] = {}
        _fill(conn, pairs, memo, compute=True)
    return len(pairs)
