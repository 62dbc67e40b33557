"""Analyst judgements on events: merge two events, or split some mentions off one.

A judgement names mentions by content ({document, start, end, type}), so it
survives rebuilds that give events new ids; a withdrawn one (:func:`delete`) is
gone at the next reconciliation. Clustering applies them as
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
from sqlalchemy import delete as sql_delete

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

    def to_dict(self) -> dict[str, Any]:
        """The judgement as JSON (the HTTP API's record)."""
        return {"id": self.id, "kind": self.kind, "a": self.a, "b": self.b,
                "created_at": self.created_at, "description": self.describe()}


def load(conn: Connection) -> list[EventJudgement]:
    t = S.event_judgements
    return [EventJudgement(r.kind, list(r.a or []), list(r.b or []), r.created_at, r.id)
            for r in conn.execute(select(t).order_by(t.c.id))]


def event_refs(conn: Connection, event_id: str) -> list[dict[str, Any]]:
    """The event's mentions as a judgement names them."""
    em = S.event_mentions
    rows = conn.execute(select(em.c.document_id, em.c.start, em.c.end, em.c.type)
                        .where(em.c.event_id == event_id)).all()
    return [{"document": r.document_id, "start": r.start, "end": r.end, "type": r.type.upper()}
            for r in sorted(rows, key=lambda r: (r.document_id, r.start, r.end, r.type))]


def resolve_event(conn: Connection, id: str) -> str:
    """The full id of an event given by id or unique prefix (else :class:`NotFound`)."""
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
        ea, eb = resolve_event(conn, a), resolve_event(conn, b)
        if ea == eb:
            raise AccordError(f"{ea} and {eb} are the same event")
        j = EventJudgement("merge", event_refs(conn, ea), event_refs(conn, eb), events=[ea, eb])
        return j, _record(conn, j)


def split_mentions(store: Store, event: str, mentions: Sequence[dict[str, Any]]
                   ) -> tuple[EventJudgement, list[str]]:
    """Record that these mentions of the event (``{document, start, end}``, ``type``
    optional) are another event than its other mentions: finer than :func:`split`,
    which takes whole documents (an outlet may report two events in one sentence)."""
    with store.begin() as conn:
        eid = resolve_event(conn, event)
        refs = event_refs(conn, eid)
        chosen: set[RefKey] = set()
        for want in mentions:
            try:
                doc, start, end = str(want["document"]), int(want["start"]), int(want["end"])
            except (KeyError, TypeError, ValueError):
                raise AccordError("a mention is {document, start, end}") from None
            typ = str(want.get("type") or "").upper()
            hits = {ref_key(r) for r in refs if (r["document"], r["start"], r["end"]) == (
                doc, start, end) and (not typ or r["type"] == typ)}
            if not hits:
                raise NotFound(f"event {eid} has no mention in {doc} at {start}-{end}")
            chosen |= hits
        a = [r for r in refs if ref_key(r) in chosen]
        b = [r for r in refs if ref_key(r) not in chosen]
        if not a:
            raise AccordError("name at least one mention to split off")
        if not b:
            raise AccordError("a split must leave some mentions in the event")
        j = EventJudgement("split", a, b, events=[eid])
        return j, _record(conn, j)


def delete(store: Store, judgement_id: int) -> EventJudgement:
    """Withdraw one judgement (e.g. one side of a contradiction); the next
    reconciliation clusters those mentions on the evidence alone again."""
    with store.begin() as conn:
        found = [j for j in load(conn) if j.id == judgement_id]
        if not found:
            raise NotFound(f"no event judgement #{judgement_id} (see `accord judge events list`)")
        t = S.event_judgements
        conn.execute(sql_delete(t).where(t.c.id == judgement_id))
        return found[0]


def events_of(conn: Connection, refs: Iterable[dict[str, Any]]) -> list[str]:
    """The events that now hold these mentions (ids change when a judgement re-clusters)."""
    want = {ref_key(r) for r in refs}
    em = S.event_mentions
    docs = sorted({k[0] for k in want})
    out: list[str] = []
    if not docs:
        return out
    for r in conn.execute(select(em.c.document_id, em.c.start, em.c.end, em.c.type,
                                 em.c.event_id).where(em.c.document_id.in_(docs))
                          .order_by(em.c.document_id, em.c.start)):
        if r.event_id and (r.document_id, r.start, r.end, r.type.upper()) in want \
                and r.event_id not in out:
            out.append(str(r.event_id))
    return out


def status(conn: Connection, judgements: Sequence[EventJudgement]) -> dict[int | None, str]:
    """Per judgement: ``applied``, or why reconciliation leaves it unapplied (the
    reasons :func:`constraints` reports)."""
    every = load(conn)
    bad = {x.id for pair in conflicts(every) for x in pair}
    em = S.event_mentions
    docs = sorted({r["document"] for j in judgements for r in j.a + j.b})
    present = {(r.document_id, r.start, r.end, r.type.upper()) for r in conn.execute(
        select(em.c.document_id, em.c.start, em.c.end, em.c.type)
        .where(em.c.document_id.in_(docs)))} if docs else set()
    out: dict[int | None, str] = {}
    for j in judgements:
        if j.id in bad:
            out[j.id] = "contradicts another judgement: neither is applied"
        elif not any(ref_key(r) in present for r in j.a) or \
                not any(ref_key(r) in present for r in j.b):
            out[j.id] = "its mentions are no longer in the store"
        else:
            out[j.id] = "applied"
    return out


def records(conn: Connection, judgements: Sequence[EventJudgement]) -> list[dict[str, Any]]:
    """Judgements as JSON with their ``status`` and the ``events`` now holding their mentions."""
    state = status(conn, judgements)
    return [{**j.to_dict(), "status": state.get(j.id, "applied"),
             "events": events_of(conn, j.a + j.b)} for j in judgements]


def holder(conn: Connection, refs: Sequence[dict[str, Any]]) -> str | None:
    """The event that now holds most of these mentions (first in document order on a tie)."""
    held: dict[str, int] = {}
    for r in refs:
        for e in events_of(conn, [r]):
            held[e] = held.get(e, 0) + 1
    return max(held, key=lambda e: held[e]) if held else None


def for_event(conn: Connection, event_id: str) -> list[EventJudgement]:
    """The judgements that name a mention of this event (on either side)."""
    mine = {ref_key(r) for r in event_refs(conn, event_id)}
    return [j for j in load(conn) if mine & {*map(ref_key, j.a), *map(ref_key, j.b)}]


def reconcile_all(store: Store) -> list[str]:
    """Reconcile the whole store again, as after every judgement (so every view agrees);
    returns the judgements left unapplied, with why."""
    from . import reconcile

    stats = reconcile(store, None)
    ev = stats.get("events") or {}
    return list((ev.get("judgements") or {}).get("skipped") or []) if isinstance(
        ev, dict) else []


def split(store: Store, event: str, documents: Sequence[str]) -> tuple[EventJudgement, list[str]]:
    """Record that the event's mentions in ``documents`` (ids or id prefixes, titles or
    outlets) are another event than its other mentions."""
    with store.begin() as conn:
        eid = resolve_event(conn, event)
        refs = event_refs(conn, eid)
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
