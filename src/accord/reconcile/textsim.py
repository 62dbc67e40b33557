"""Text similarity for reconciliation: normalisation, shingles, MinHash, sentence alignment.

Alignment is what turns "these two documents look alike" (MinHash) into
"these sentences of B come from A" (rapidfuzz), which copy detection,
independent-source counting and copy-alteration checks all rely on.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any

import numpy as np
from rapidfuzz import fuzz, process

from .minhash import MinHash

_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
                         "\u2013": "-", "\u2014": "-", "\u00a0": " "})
_WORD = re.compile(r"[a-z0-9]+(?:[.,][0-9]+)*")
_SPLIT = re.compile(r"(?<=[.!?])[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9])")


_NAME = re.compile(r"\b[A-Z][A-Za-z'\-]+")
#: Capitalised words that are not names (sentence openers).
_NOT_NAMES = frozenset(
    "the a an in on at it its he she they this that these those but and or as after before "
    "for from by with when while since also however meanwhile last next".split()
)


@lru_cache(maxsize=1 << 16)
def names(text: str) -> frozenset[str]:
    """Capitalised words of a sentence, lower-cased: the who and where it talks about.

    Cached: alignment asks for the names of each sentence once per document pair.
    """
    return frozenset(w.lower() for w in _NAME.findall(text)) - _NOT_NAMES


def normalise(text: str) -> str:
    """Lower case, unified quotes, words only: ALL-CAPS reposts compare equal."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).lower()
    return " ".join(_WORD.findall(text))


def words(text: str) -> list[str]:
    return normalise(text).split()


def shingles(text: str, k: int) -> set[str]:
    w = words(text)
    if len(w) < k:
        return {" ".join(w)} if w else set()
    return {" ".join(w[i:i + k]) for i in range(len(w) - k + 1)}


def minhash(text: str, k: int, num_perm: int) -> MinHash:
    """MinHash of word k-shingles with a fixed seed (same text -> same signature)."""
    m = MinHash(num_perm=num_perm, seed=1)
    sh = shingles(text, k)
    if sh:
        m.update_batch([s.encode("utf-8") for s in sorted(sh)])
    return m


@dataclass(frozen=True)
class Sentence:
    """One sentence of a document, as used for alignment and display."""

    idx: int
    start: int
    end: int
    text: str
    norm: str

    @cached_property
    def n_words(self) -> int:
        return len(self.norm.split())


def split_sentences(text: str) -> list[tuple[int, int, str]]:
    """Fallback sentence splitter for documents stored without extraction."""
    out: list[tuple[int, int, str]] = []
    pos = 0
    for para in re.finditer(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*", text):
        chunk, base = para.group(0), para.start()
        last = 0
        for m in _SPLIT.finditer(chunk):
            out.append((base + last, base + m.start(), chunk[last:m.start()]))
            last = m.end()
        out.append((base + last, base + len(chunk), chunk[last:]))
        pos = para.end()
    del pos
    return [(s, e, t.strip()) for s, e, t in out if t.strip()]


def sentence_similarity(a: str, b: str, min_length_ratio: float) -> tuple[float, float]:
    """(verbatim score, paraphrase score) of two normalised sentences, 0-100.

    The verbatim score is the plain edit ratio. The paraphrase score blends
    token_set (tolerant of insertions) and token_sort (penalises them), and
    trusts token_set only when both sentences have comparable length, since
    token_set scores any short sentence found inside a long one as 100.
    """
    exact = fuzz.ratio(a, b)
    la, lb = len(a.split()), len(b.split())
    ratio = min(la, lb) / max(la, lb, 1)
    tsort = fuzz.token_sort_ratio(a, b)
    if ratio >= min_length_ratio:
        para = (fuzz.token_set_ratio(a, b) + tsort) / 2
    else:
        para = tsort
    return exact, max(exact, para)


@dataclass(frozen=True)
class AlignedPair:
    """Sentence ``a`` of the first document matched to sentence(s) ``b`` of the second."""

    a: int
    b: tuple[int, ...]
    score: float
    verbatim: bool


def _eligible(doc: Sequence[Sentence], min_words: int) -> list[Sentence]:
    return [s for s in doc if s.n_words >= min_words]


def _joined(sents: Sequence[Sentence]) -> tuple[list[tuple[int, ...]], list[str],
                                                  list[frozenset[str]]]:
    """Units of two adjacent sentences (a paraphrase often joins or splits sentences)."""
    idxs: list[tuple[int, ...]] = []
    texts: list[str] = []
    unit_names: list[frozenset[str]] = []
    for x, y in zip(sents, sents[1:], strict=False):
        if y.idx == x.idx + 1:
            idxs.append((x.idx, y.idx))
            texts.append(f"{x.norm} {y.norm}")
            unit_names.append(names(x.text) | names(y.text))
    return idxs, texts, unit_names


def _prefilter(queries: Sequence[str], choices: Sequence[str]) -> np.ndarray:
    """token_set_ratio of every query (rows) with every choice (columns).

    The scorer is symmetric; rapidfuzz tokenises each query once and each choice
    once per query, so the shorter strings (the queries, single sentences) are
    passed as its choices and the matrix transposed.
    """
    if not choices or not queries:
        return np.zeros((len(queries), len(choices)), dtype=np.float32)
    return process.cdist(choices, queries, scorer=fuzz.token_set_ratio, workers=1).T


def align(
    doc_a: Sequence[Sentence], doc_b: Sequence[Sentence], cfg: dict[str, Any],
    need: int = 0,
) -> list[AlignedPair]:
    """Best match in B for every eligible sentence of A (one or two adjacent B sentences).

    Two adjacent sentences of B are tried together because a paraphrase often
    joins or splits sentences. Pairs below the paraphrase threshold are dropped.

    With ``need``, the answer is ``[]`` as soon as fewer than ``need`` sentences
    of A can still align (for a caller that discards such a result): most
    document pairs are not copies, and this skips the rest of their scoring.
    """
    min_words = int(cfg["min_sentence_words"])
    a_sents, b_all = _eligible(doc_a, min_words), _eligible(doc_b, min_words)
    if not a_sents or not b_all:
        return []
    # A sentence that names someone aligns only with units naming one of them
    # too (or naming no one): one that shares no name with any of B's sentences
    # cannot align and is not scored at all.
    b_names = [names(s.text) for s in b_all]
    if not all(b_names):
        rows = a_sents
    else:
        named = frozenset().union(*b_names)
        rows = [s for s in a_sents if not (n := names(s.text)) or n & named]
    if len(rows) < need:
        return []
    j_idx, j_text, j_names = _joined(b_all)
    units = [s.norm for s in b_all] + j_text
    # Score all but need - 1 sentences first: if none of them aligns, the
    # remaining ones cannot make ``need``.
    first = len(rows) - max(need - 1, 0)
    out = _best(rows[:first], b_all, j_idx, j_text, j_names,
                _prefilter([s.norm for s in rows[:first]], units), cfg)
    if need and not out:
        return []
    if first < len(rows):
        out += _best(rows[first:], b_all, j_idx, j_text, j_names,
                     _prefilter([s.norm for s in rows[first:]], units), cfg)
    return out


def align_both(
    doc_a: Sequence[Sentence], doc_b: Sequence[Sentence], cfg: dict[str, Any]
) -> tuple[list[AlignedPair], list[AlignedPair]]:
    """``(align(a, b), align(b, a))``, scoring each pair of single sentences once.

    The prefilter score (token_set_ratio) is symmetric, so the sentence-by-sentence
    block of one direction is the transpose of the other's.
    """
    min_words = int(cfg["min_sentence_words"])
    a_all, b_all = _eligible(doc_a, min_words), _eligible(doc_b, min_words)
    if not a_all or not b_all:
        return [], []
    a_norm, b_norm = [s.norm for s in a_all], [s.norm for s in b_all]
    ja_idx, ja_text, ja_names = _joined(a_all)
    jb_idx, jb_text, jb_names = _joined(b_all)
    single = _prefilter(a_norm, b_norm)
    pre_ab = np.hstack([single, _prefilter(a_norm, jb_text)])
    pre_ba = np.hstack([single.T, _prefilter(b_norm, ja_text)])
    return (_best(a_all, b_all, jb_idx, jb_text, jb_names, pre_ab, cfg),
            _best(b_all, a_all, ja_idx, ja_text, ja_names, pre_ba, cfg))


def _best(a_sents: Sequence[Sentence], b_all: Sequence[Sentence],
          j_idx: list[tuple[int, ...]], j_text: list[str], j_names: list[frozenset[str]],
          pre: np.ndarray, cfg: dict[str, Any]) -> list[AlignedPair]:
    """Pick each A sentence's match among B's units, given the prefilter scores.

    Units are B's sentences in order, then the joined adjacent pairs (the
    columns of ``pre``). Only the five best-prefiltered units get the exact blend.
    """
    exact_t = float(cfg["exact_similarity"])
    para_t = float(cfg["paraphrase_similarity"])
    min_ratio = float(cfg["min_length_ratio"])
    n_single = len(b_all)
    out: list[AlignedPair] = []
    if not pre.size:
        return out
    # The five best units of every row at once; a row whose best unit is under
    # the threshold (most rows) is not looked at again.
    top = np.argsort(-pre, axis=1, kind="stable")[:, :5]
    good = np.take_along_axis(pre, top, axis=1) >= para_t
    for i in np.flatnonzero(good[:, 0]).tolist():
        sa = a_sents[i]
        best: AlignedPair | None = None
        a_names = names(sa.text)
        for j, ok in zip(top[i].tolist(), good[i].tolist(), strict=True):
            if not ok:
                break
            if j < n_single:
                u_idx, u_text, u_names = (b_all[j].idx,), b_all[j].norm, names(b_all[j].text)
            else:
                k = j - n_single
                u_idx, u_text, u_names = j_idx[k], j_text[k], j_names[k]
            if a_names and u_names and not a_names & u_names:
                # Same template, different actors and places: two reports of
                # two things, not a copy (a reprint keeps its names).
                continue
            exact, para = sentence_similarity(sa.norm, u_text, min_ratio)
            cand = AlignedPair(sa.idx, u_idx, round(para, 2), exact >= exact_t)
            if para >= para_t and (best is None or (cand.score, -len(u_idx)) >
                                   (best.score, -len(best.b))):
                best = cand
        if best is not None:
            out.append(best)
    return out
