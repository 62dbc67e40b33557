"""Analyst judgements on events: merge two events, or split some mentions off one.

A judgement names mentions by content ({document, start, end, type}), so it
survives rebuilds that give events new ids. Clustering applies them as
constraints (:func:`constraints`): a merge is a must-link between its two sides
(stronger than any veto: the analyst decided), a split a cannot-link. A merge and
a split that contradict each other are both left unapplied and reported, as
entity judgements are; a judgement whose mentions are no longer in the store is
reported, not applied.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, insert, select

from ..errors import AccordError, NotFound
from ..store import schema as S

if TYPE_CHECKING:
    from ..store import Store

#: (document, start, end, type) of one event mention.
RefKey = tuple[str, int, int, str]


def ref_key(ref: dict[str, Any]) -> RefKey:
    return (str(ref["document"]), int(ref["start"]), int(ref["end"]), str(ref["type"]).upper())


@dataclass
class EventJudgement:
    kind: str  # merge | split
    a: list[dict[str, Any]]
    b: list[dict[str, Any]]
    created_at: str = ""
    id: int | None = None
    events: list[str] = field(default_factory=list)  # the ids judged (display only)

    def describe(self) -> str:
        def docs(refs: list[dict[str, Any]]) -> str:
            ds = sorted({r["document"][:8] for r in refs})
            return ", ".join(ds[:3]) + (f" +{len(ds) - 3}" if len(ds) > 3 else "")

        verb = "with" if self.kind == "merge" else "apart from"
        return (f"#{self.id} {self.kind}: {len(self.a)} mention(s) in {docs(self.a)} {verb} "
                f"{len(self.b)} in {docs(self.b)}")


def load(conn: Connection) -> list[EventJudgement]:
    t = S.event_judgements
    return [EventJudgement(r.kind, list(r.a or []), list(r.b or []), r.created_at, r.id)
            for r in conn.execute(select(t).order_by(t.c.id))]


def _event_refs(conn: Connection, event_id: str) -> list[dict[str, Any]]:
    em = S.event_mentions
    rows = conn.execute(select(em.c.document_id, em.c.start, em.c.end, em.c.type)
                        .where(em.c.event_id == event_id)).all()
    return [{"document": r.document_id, "start": r.start, "end": r.end, "type": r.type.upper()}
            for r in sorted(rows, key=lambda r: (r.document_id, r.start, r.end, r.type))]


def _resolve_event(conn: Connection, id: str) -> str:
    ev = S.events
    row = conn.execute(select(ev.c.id).where(ev.c.id == id)).first()
    if row is None and len(id) >= 4:
        rows = conn.execute(select(ev.c.id).where(ev.c.id >= id, ev.c.id < id + "\U0010ffff")
                            .limit(2)).all()
        row = rows[0] if len(rows) == 1 else None
    if row is None:
        raise NotFound(f"no event {id} (see `accord events`)")
    return str(row.id)


def _record(conn: Connection, j: EventJudgement) -> list[str]:
    j.created_at = j.created_at or dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    existing = load(conn)
    same = [e for e in existing if e.kind == j.kind and {*map(ref_key, e.a)} == {
        *map(ref_key, j.a)} and {*map(ref_key, e.b)} == {*map(ref_key, j.b)}]
    if not same:
        res = conn.execute(insert(S.event_judgements).values(
            kind=j.kind, a=j.a, b=j.b, created_at=j.created_at))
        j.id = res.inserted_primary_key[0] if res.inserted_primary_key else None
        existing.append(j)
    return [f"{x.describe()} contradicts {y.describe()}" for x, y in conflicts(existing)]


def merge(store: Store, a: str, b: str) -> tuple[EventJudgement, list[str]]:
    """Record that events ``a`` and ``b`` are one; returns it and the conflicts it makes."""
    with store.begin() as conn:
        ea, eb = _resolve_event(conn, a), _resolve_event(conn, b)
        if ea == eb:
            raise AccordError(f"{ea} and {eb} are the same event")
        j = EventJudgement("merge", _event_refs(conn, ea), _event_refs(conn, eb), events=[ea, eb])
        return j, _record(conn, j)


def split(store: Store, event: str, documents: Sequence[str]) -> tuple[EventJudgement, list[str]]:
    """Record that the event's mentions in ``documents`` (ids or id prefixes, titles or
    outlets) are another event than its other mentions."""
    with store.begin() as conn:
        eid = _resolve_event(conn, event)
        refs = _event_refs(conn, eid)
        docs = {r["document"] for r in refs}
        d = S.documents
        meta = {r.id: r for r in conn.execute(select(d.c.id, d.c.title, d.c.outlet, d.c.source)
                                              .where(d.c.id.in_(sorted(docs))))}
        chosen: set[str] = set()
        for want in documents:
            w = want.lower()
            hits = {i for i, r in meta.items() if i.startswith(want) or w in {
                (r.outlet or "").lower(), (r.title or "").lower()}
                or (r.source or "").lower().endswith(w)}
            if not hits:
                raise NotFound(f"event {eid} has no mention in a document {want!r}")
            chosen |= hits
        a = [r for r in refs if r["document"] in chosen]
        b = [r for r in refs if r["document"] not in chosen]
        if not b:
            raise AccordError("a split must leave some mentions in the event")
        j = EventJudgement("split", a, b, events=[eid])
        return j, _record(conn, j)


def conflicts(judgements: Sequence[EventJudgement]) -> list[tuple[EventJudgement, EventJudgement]]:
    """A merge that unites mentions a split keeps apart (both are then left unapplied)."""
    out = []
    for m in (j for j in judgements if j.kind == "merge"):
        together = {*map(ref_key, m.a), *map(ref_key, m.b)}
        for s in (j for j in judgements if j.kind == "split"):
            if together & {*map(ref_key, s.a)} and together & {*map(ref_key, s.b)}:
                out.append((m, s))
    return out


def constraints(judgements: Sequence[EventJudgement],
                present: Iterable[RefKey] | None = None) -> tuple[dict[str, Any], list[str]]:
    """The judgements as clustering constraints, and the ones not applied (with why).

    ``present``: the mention keys in the store (a full run); a judgement with a side
    none of whose mentions is left is reported, not applied.
    """
    bad = {id(x) for pair in conflicts(judgements) for x in pair}
    have = set(present) if present is not None else None
    must: list[dict[str, Any]] = []
    cannot: list[dict[str, Any]] = []
    skipped: list[str] = []
    for j in judgements:
        if id(j) in bad:
            skipped.append(f"{j.describe()}: contradicts another judgement")
            continue
        a, b = [list(ref_key(r)) for r in j.a], [list(ref_key(r)) for r in j.b]
        if have is not None and (not any(tuple(k) in have for k in a)
                                 or not any(tuple(k) in have for k in b)):
            skipped.append(f"{j.describe()}: its mentions are no longer in the store")
            continue
        (must if j.kind == "merge" else cannot).append({"id": j.id, "a": a, "b": b})
    return {"must": must, "cannot": cannot}, skipped


class Constraints:
    """Per-block view of :func:`constraints` output, keyed by mention."""

    def __init__(self, spec: dict[str, Any] | None, mentions: Iterable[Any]):
        spec = spec or {}
        by_key: dict[RefKey, list[Any]] = {}
        for m in mentions:
            by_key.setdefault((m.document_id, m.start, m.end, m.type), []).append(m)
        self.group: dict[int, int] = {}  # mention id -> must group (union of merges)
        self.why_group: dict[int, int | None] = {}
        parent: dict[int, int] = {}

        def find(x: int) -> int:
            while parent.setdefault(x, x) != x:
                x = parent[x]
            return x

        for j in spec.get("must") or []:
            ids = [m.id for k in j["a"] + j["b"] for m in by_key.get(tuple(k), [])]
            for x in ids[1:]:
                parent[find(x)] = find(ids[0])
            for x in ids:
                self.why_group[x] = j.get("id")
        for x in list(parent):
            self.group[x] = find(x)
        self.apart: dict[tuple[int, int], int | None] = {}
        for j in spec.get("cannot") or []:
            xs = [m.id for k in j["a"] for m in by_key.get(tuple(k), [])]
            ys = [m.id for k in j["b"] for m in by_key.get(tuple(k), [])]
            for x in xs:
                for y in ys:
                    self.apart[(x, y)] = self.apart[(y, x)] = j.get("id")

    def apart_by(self, x: int, y: int) -> str | None:
        """Why an analyst keeps two mentions apart, or None."""
        if (x, y) not in self.apart:
            return None
        return f"an analyst split them (judgement #{self.apart[(x, y)]})"

    def merged_by(self, x: int) -> str:
        return f"an analyst merged them (judgement #{self.why_group.get(x)})"
