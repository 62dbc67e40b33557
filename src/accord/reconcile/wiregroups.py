"""One wire story, one source: documents that credit the same news agency.

Two sites that each run a Reuters story, rewritten enough that copy detection does
not align them, are still one source: the agency's. Ingest reads the credit a page
gives (``meta.wire``: a "(Reuters) -" dateline, a "By X | AP" byline, author
metadata, a copyright line; see ``accord.ingest.wires``). Within one event, the
documents that credit the same wire and were published within
``corroboration.wire_window_days`` of each other (a run of dates, each within the
window of the previous) count as one independent source, led by the earliest of
them (then the smallest document id): the event is the same, the dates are close,
the agency is one.

Kept simple on purpose: the credit is per document, so a page that credits a wire
and adds reporting of its own counts wholly for the wire (the credit wins). A
document without a day-precise publication date joins no wire group (nothing
says it ran at the same time). Copies are resolved first: a reprint already counts
for its original, and only the originals' credits are compared.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from sqlalchemy import Connection, select

from ..store import schema as S


def read_wires(conn: Connection, doc_ids: Iterable[str]) -> dict[str, str | None]:
    """``meta.wire`` of these documents (None when the page credits no wire): one
    query per 500, reading only that key of the JSON."""
    ids = sorted(set(doc_ids))
    d = S.documents.c
    out: dict[str, str | None] = dict.fromkeys(ids)
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        for did, wire in conn.execute(select(d.id, d.meta["wire"].as_string())
                                      .where(d.id.in_(chunk))):
            out[did] = wire.strip() if isinstance(wire, str) and wire.strip() else None
    return out


def read_all_wires(conn: Connection) -> dict[str, str | None]:
    """``meta.wire`` of every document that credits one (a full build asks about all)."""
    d = S.documents.c
    wire = d.meta["wire"].as_string()
    return {did: w.strip() for did, w in conn.execute(select(d.id, wire).where(wire.is_not(None)))
            if isinstance(w, str) and w.strip()}


def _day(published: Any) -> date | None:
    if not isinstance(published, str) or len(published) < 10:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


def wire_leads(doc_ids: Iterable[str], wire: Mapping[str, str | None],
               published: Mapping[str, Any], window_days: int) -> dict[str, str]:
    """Document -> the lead document of its wire group, for the documents of
    ``doc_ids`` that share a wire credit with another of them within the window.

    Documents in no such group are left out (they are their own source). The answer
    depends only on the documents given, never on the order they are given in.
    """
    by_wire: dict[str, list[tuple[date, str]]] = {}
    for d in sorted(set(doc_ids)):
        w = wire.get(d)
        day = _day(published.get(d)) if w else None
        if w and day is not None:
            by_wire.setdefault(w.lower(), []).append((day, d))
    out: dict[str, str] = {}
    for docs in by_wire.values():
        if len(docs) < 2:
            continue
        docs.sort()
        run = [docs[0]]
        for prev, cur in zip(docs, docs[1:], strict=False):
            if (cur[0] - prev[0]).days <= window_days:
                run.append(cur)
                continue
            _lead(run, out)
            run = [cur]
        _lead(run, out)
    return out


def _lead(run: list[tuple[date, str]], out: dict[str, str]) -> None:
    if len(run) > 1:
        out.update((d, run[0][1]) for _, d in run)


class WireCredits:
    """The wire credits read so far in one ``reconcile`` call (shared like the other
    source-group memos): an add reads those of the few documents its events group; a
    full build, once the whole document table has been read, reads every credit in
    one query."""

    def __init__(self) -> None:
        self.known: dict[str, str | None] = {}
        self.complete = False

    def read(self, conn: Connection | None, doc_ids: Iterable[str], *,
             bulk: bool = False) -> dict[str, str | None]:
        ids = set(doc_ids)
        if not self.complete and conn is not None:
            if bulk:
                self.known = dict.fromkeys(self.known) | read_all_wires(conn)
                self.complete = True
            else:
                missing = [d for d in ids if d not in self.known]
                if missing:
                    self.known.update(read_wires(conn, missing))
        return {d: self.known.get(d) for d in ids}

    def frozen(self, conn: Connection | None, doc_ids: Iterable[str]) -> WireCredits:
        """A copy that answers for ``doc_ids`` without a database (for a broadcast)."""
        ids = set(doc_ids)
        known = self.read(conn, ids)
        out = WireCredits()
        out.known, out.complete = known, True
        return out
