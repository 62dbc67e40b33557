"""Full-text search over sentences, ranked, with highlight spans.

SQLite uses the FTS5 table ``sentences_fts`` (bm25 ranking), PostgreSQL the
``tsv`` column (ts_rank). The user's words are quoted before they reach the
FTS syntax, so punctuation in a query ("K2", "$2.6", "don't") never causes a
syntax error; all words must match, and if nothing does, any word may.
"""

from __future__ import annotations

import re
from collections import namedtuple
from typing import TYPE_CHECKING, Any

from sqlalchemy import text

from .actors import member_ids, resolve_actor
from .common import check_date, chunks, document_heads

if TYPE_CHECKING:
    from ..store import Store

#: Marker characters FTS puts around matches; control characters never in text.
_OPEN, _CLOSE = "\x02", "\x03"
_WORD = re.compile(r"\w+", re.UNICODE)
#: Words too common to search for (the FTS tokenizer keeps them).
STOPWORDS = frozenset(
    "a an and are as at be by did do does for from has have how in is it its of on or "
    "that the their there this to was were what when where which who whom why will with "
    "about after before did many much".split()
)


def terms(query: str) -> list[str]:
    """Search words of a query: lower-cased, without stop words (unless that leaves none)."""
    words = [w.lower() for w in _WORD.findall(query or "")]
    kept = [w for w in words if w not in STOPWORDS]
    return kept or words


def _fts_match(words: list[str], mode: str) -> str:
    quoted = ['"' + w.replace('"', '""') + '"' for w in words]
    return (" OR " if mode == "any" else " ").join(quoted)


def split_marks(marked: str) -> tuple[str, list[list[int]]]:
    """Remove highlight markers; return plain text and ``[start, end]`` highlight spans."""
    out: list[str] = []
    spans: list[list[int]] = []
    pos = 0
    start = None
    for ch in marked:
        if ch == _OPEN:
            start = pos
        elif ch == _CLOSE:
            if start is not None:
                spans.append([start, pos])
            start = None
        else:
            out.append(ch)
            pos += 1
    return "".join(out), spans


def _filters(store: Store, actor: str | None, date_from: str | None, date_to: str | None
             ) -> tuple[str, dict[str, Any]]:
    sql, params = "", {}
    lo, hi = check_date(date_from, "--from"), check_date(date_to, "--to")
    # Documents rows carry the full texts: filter through a subquery instead of
    # joining every match to its document.
    if lo or hi:
        cond = []
        if lo:
            cond.append("d.published >= :lo")
            params["lo"] = lo
        if hi:
            cond.append("d.published <= :hi")
            params["hi"] = hi + "~"
        sql += (" AND s.document_id IN (SELECT d.id FROM documents d WHERE "
                + " AND ".join(cond) + ")")
    if actor:
        ids = member_ids(store, resolve_actor(store, actor))
        names = []
        for i, e in enumerate(ids[:200]):
            params[f"a{i}"] = e
            names.append(f":a{i}")
        sql += (" AND EXISTS (SELECT 1 FROM mentions m WHERE m.document_id = s.document_id"
                f" AND m.sentence_idx = s.idx AND m.entity_id IN ({', '.join(names)}))")
    return sql, params


#: Matches ranked for one query, newest first. A word in a quarter of all
#: sentences would otherwise have every one of its matches scored on each
#: search; beyond this many matches the best are chosen among the newest ones
#: (the most recently added sentences), and hits say so (``ranked_among``).
RANK_WINDOW = 10_000


def _window_floor(conn: Any, store: Store, q: str, where: str, params: dict[str, Any],
                  window: int) -> int | None:
    """The smallest sentence id among the newest ``window`` matches, or None if no more
    than ``window`` match (then every match is ranked).

    Reading matching ids in descending order is cheap on both engines (the FTS5
    doclists and PostgreSQL's index are in id order); scoring them is not.
    """
    if store.dialect == "sqlite":
        join = " JOIN sentences s ON s.id = f.rowid" if where else ""
        sql = (f"SELECT f.rowid FROM sentences_fts f{join} WHERE sentences_fts MATCH :q{where} "
               "ORDER BY f.rowid DESC LIMIT 2 OFFSET :w")
    else:
        sql = ("SELECT s.id FROM sentences s WHERE s.tsv @@ to_tsquery('english', :q)"
               f"{where} ORDER BY s.id DESC LIMIT 2 OFFSET :w")
    rows = conn.execute(text(sql), {"q": q, "w": max(window - 1, 0), **params}).all()
    return int(rows[0][0]) if len(rows) == 2 else None


def _run(store: Store, words: list[str], mode: str, where: str, params: dict[str, Any],
         limit: int, offset: int, window: int | None) -> tuple[list[Any], int | None]:
    """One page of hits, best first, and the id floor of the ranking window (if any).

    Ranking and highlighting are separate statements: a common word matches a
    large share of all sentences, and the best page must be chosen among them,
    but only the page needs its sentence row and highlight markers. (With both
    in one statement, SQLite computes ``highlight()`` and reads the sentence
    row for every match before sorting.)
    """
    with store.connect() as conn:
        if store.dialect == "sqlite":
            q = _fts_match(words, mode)
        else:
            safe = [re.sub(r"\W+", "", w) for w in words]
            q = (" | " if mode == "any" else " & ").join(w for w in safe if w)
        floor = _window_floor(conn, store, q, where, params, window) if window else None
        if floor is not None:
            where += " AND s.id >= :floor" if store.dialect != "sqlite" else \
                " AND f.rowid >= :floor"
            params = {**params, "floor": floor}
        if store.dialect == "sqlite":
            rank_from = ("FROM sentences_fts f JOIN sentences s ON s.id = f.rowid"
                         if " s." in where else "FROM sentences_fts f")
            ranked = conn.execute(text(
                f"SELECT f.rowid AS id, f.rank AS score {rank_from} "
                f"WHERE sentences_fts MATCH :q{where} ORDER BY f.rank LIMIT :lim OFFSET :off"
            ), {"q": q, "lim": limit, "off": offset, **params}).all()
            if not ranked:
                return [], floor
            ids = {r.id: i for i, r in enumerate(ranked)}
            scores = {r.id: r.score for r in ranked}
            marks = {r.id: r for r in conn.execute(text(
                "SELECT s.id, s.document_id, s.idx, s.start, s.\"end\", s.text, "
                f"highlight(sentences_fts, 0, '{_OPEN}', '{_CLOSE}') AS marked "
                "FROM sentences_fts JOIN sentences s ON s.id = sentences_fts.rowid "
                f"WHERE sentences_fts MATCH :q AND sentences_fts.rowid IN "
                f"({', '.join(str(int(i)) for i in ids)})"), {"q": q})}
            return [_Hit(*marks[i][:6], scores[i], marks[i].marked)  # type: ignore[call-arg]
                    for i in sorted(ids, key=ids.__getitem__) if i in marks], floor
        sql = (
            "SELECT s.id, s.document_id, s.idx, s.start, s.\"end\", s.text, p.score, "
            "ts_headline('english', s.text, to_tsquery('english', :q), "
            f"'StartSel={_OPEN}, StopSel={_CLOSE}, HighlightAll=true') AS marked "
            "FROM (SELECT s.id, -ts_rank(s.tsv, to_tsquery('english', :q)) AS score "
            f"      FROM sentences s WHERE s.tsv @@ to_tsquery('english', :q){where} "
            "      ORDER BY score, s.id LIMIT :lim OFFSET :off) p "
            "JOIN sentences s ON s.id = p.id ORDER BY p.score, p.id"
        )
        return [_Hit(*r) for r in conn.execute(
            text(sql), {"q": q, "lim": limit, "off": offset, **params}).all()], floor


_Hit = namedtuple("_Hit", "id document_id idx start end text score marked")


def search(store: Store, query: str, actor: str | None = None, date_from: str | None = None,
           date_to: str | None = None, limit: int = 20, offset: int = 0,
           rank_window: int | None = RANK_WINDOW) -> list[dict[str, Any]]:
    """Sentences matching ``query``, best first.

    Each hit: ``{document, title, published, source, copy_of, sentence_idx, start, end,
    text, highlights: [[start, end], ...], score, match: "all"|"any", ranked_newest}``;
    ``start``/``end`` locate the sentence in the document's original text, ``highlights``
    are offsets into ``text``. ``date_from``/``date_to`` filter on the document's
    publication date, ``actor`` on sentences that mention the actor (or, for a state,
    its members). When more than ``rank_window`` sentences match, only the newest
    ``rank_window`` are ranked and ``ranked_newest`` says how many (else it is None);
    ``rank_window=None`` ranks every match, however slow.
    """
    words = terms(query)
    if not words:
        return []
    where, params = _filters(store, actor, date_from, date_to)
    mode = "all"
    rows, floor = _run(store, words, mode, where, params, limit, offset, rank_window)
    if not rows and len(words) > 1:
        mode = "any"
        rows, floor = _run(store, words, mode, where, params, limit, offset, rank_window)
    with store.connect() as conn:
        heads: dict[str, dict[str, Any]] = {}
        for part in chunks(sorted({r.document_id for r in rows})):
            heads.update(document_heads(conn, part))
    hits = []
    for r in rows:
        plain, spans = split_marks(r.marked or r.text)
        if plain != r.text:  # a headline that trimmed the text: fall back to no spans
            plain, spans = r.text, []
        h = heads.get(r.document_id, {})
        hits.append({
            "document": r.document_id, "title": h.get("title"), "published": h.get("published"),
            "source": h.get("source"), "copy_of": h.get("copy_of"), "sentence_idx": r.idx,
            "start": r.start, "end": r.end, "text": plain, "highlights": spans,
            "score": round(-float(r.score), 4), "match": mode,
            "ranked_newest": rank_window if floor is not None else None,
        })
    return hits


#: The names other modules use; everything else here is internal.
__all__ = [
    "STOPWORDS",
    "terms",
    "split_marks",
    "RANK_WINDOW",
    "search",
]
