"""Contradictions between sources: numeric, status, date and copy_alteration.

Each contradiction names its kind, the events/claims involved (``items``), the
documents, and one sentence saying how the sources differ. Contradictions are
grouped in blocks (an event block, a claim subject/property, a copied
document) so an add re-examines only the blocks it touched.

Disagreement is only counted between *independent* sources: a copy that
changes a number of its original is a ``copy_alteration``, not a second
source disagreeing.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from itertools import combinations
from pathlib import PurePath
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, delete, insert, select

from ..store import schema as S
from ..store.rows import chunks as _chunks
from . import dates
from .actormap import ActorMap
from .alterations import compare, number_context_changes
from .claims import claim_value, group_key
from .copies import aligned_pairs, load_sentences
from .corroboration import SourceGroups
from .ids import content_id
from .settings import load_thresholds
from .textsim import Sentence

if TYPE_CHECKING:
    from ..store import Store

#: Modalities that put an event forward (a plan announced counts: denying it disagrees).
POSITIVE = ("asserted", "reported", "alleged", "planned")
NEGATIVE = ("denied", "negated")
_QUAL_WORD = {"about": "about ", "up_to": "up to ", "at_least": "at least ",
              "more_than": "more than ", "less_than": "less than ", "exact": "", None: ""}


# -- numbers ---------------------------------------------------------------------
def interval(value: float, qualifier: str | None, tol: dict[str, float]) -> tuple[float, float]:
    """The range of true values a qualified number allows.

    "Up to 30 million" is an estimate near its bound, not "anything below": with
    an ``up_to`` tolerance its range starts that share below the bound, so that
    it disagrees with "sixteen million" (``less_than`` keeps the whole range).
    """
    q = qualifier or "exact"
    if q == "up_to" and "up_to" in tol and value > 0:
        return (value * (1 - float(tol["up_to"])), value)
    if q == "up_to" or q == "less_than":
        return (-math.inf if value < 0 else 0.0, value)
    if q in ("at_least", "more_than"):
        return (value, math.inf)
    t = float(tol.get(q, tol.get("exact", 0.02)))
    lo, hi = value * (1 - t), value * (1 + t)
    return (min(lo, hi), max(lo, hi))


def disagree(a: tuple[float, str | None], b: tuple[float, str | None],
             tol: dict[str, float]) -> bool:
    """True when no value satisfies both qualified numbers (their ranges are disjoint)."""
    (la, ha), (lb, hb) = interval(a[0], a[1], tol), interval(b[0], b[1], tol)
    return ha < lb or hb < la


def fmt_number(value: float, unit: str | None) -> str:
    if unit in ("USD", "EUR", "GBP"):
        sym = {"USD": "$", "EUR": "€", "GBP": "£"}[unit]
        for scale, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
            if abs(value) >= scale:
                return f"{sym}{value / scale:g} {word}"
        return f"{sym}{value:,.0f}"
    text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,g}"
    if unit and unit not in ("people", "count"):
        text += f" {unit}"
    return text


def describe_value(value: float, unit: str | None, qualifier: str | None) -> str:
    return f"{_QUAL_WORD.get(qualifier, '')}{fmt_number(value, unit)}"


def how_they_differ(a: tuple[float, str | None], b: tuple[float, str | None],
                    unit: str | None) -> str:
    """Why two qualified numbers cannot both be right."""
    (va, qa), (vb, qb) = a, b
    if qa in ("up_to", "less_than") and vb > va:
        return f"{fmt_number(vb, unit)} exceeds the upper bound of {fmt_number(va, unit)}"
    if qb in ("up_to", "less_than") and va > vb:
        return f"{fmt_number(va, unit)} exceeds the upper bound of {fmt_number(vb, unit)}"
    if qa in ("at_least", "more_than") and vb < va:
        return f"{fmt_number(vb, unit)} is below the lower bound of {fmt_number(va, unit)}"
    if qb in ("at_least", "more_than") and va < vb:
        return f"{fmt_number(va, unit)} is below the lower bound of {fmt_number(vb, unit)}"
    hi, lo = max(va, vb), min(va, vb)
    if lo > 0:
        ratio = hi / lo
        if ratio >= 1.5:
            return f"one figure is {ratio:.1f} times the other"
        return f"they differ by {100 * (hi - lo) / lo:.0f}%"
    return f"they differ by {fmt_number(hi - lo, unit)}"


# -- labels ----------------------------------------------------------------------
class Labels:
    """How explanations name documents and entities; read as they are asked for (an
    add names a few dozen of a store's documents)."""

    #: Lookups read one row each until this many; then the whole table at once.
    BULK_AFTER = 500

    def __init__(self, conn: Connection):
        self.conn = conn
        self.docs: dict[str, tuple[str | None, str | None, str | None] | None] = {}
        self.names: dict[str, str | None] = {}
        self._reads = 0

    def _all(self) -> None:
        d = S.documents.c
        for r in self.conn.execute(select(d.id, d.title, d.source, d.published)):
            self.docs.setdefault(r[0], (r[1], r[2], r[3]))
        for eid, name in self.conn.execute(select(S.entities.c.id, S.entities.c.name)):
            self.names.setdefault(eid, name)

    def _read(self) -> bool:
        self._reads += 1
        if self._reads == self.BULK_AFTER:
            self._all()
            return False
        return self._reads < self.BULK_AFTER

    def doc(self, did: str) -> str:
        if did not in self.docs and self._read():
            d = S.documents.c
            row = self.conn.execute(select(d.title, d.source, d.published)
                                    .where(d.id == did)).first()
            self.docs[did] = None if row is None else (row[0], row[1], row[2])
        title, source, published = self.docs.get(did) or (None, did, None)
        name = PurePath(source).name if source and "://" not in source else (source or did)
        label = f"'{title}'" if title else name
        return f"{label} ({published})" if published else label

    def entity(self, eid: str) -> str:
        if eid not in self.names and self._read():
            self.names[eid] = self.conn.execute(select(S.entities.c.name)
                                                .where(S.entities.c.id == eid)).scalar()
        return self.names.get(eid) or eid.split("-", 1)[-1].replace("-", " ")


def _cid(kind: str, *parts: Any) -> str:
    return content_id("cx", kind, *parts)


def _row(kind: str, key: tuple[Any, ...], items: list[str], documents: list[str],
         explanation: str, block: str) -> dict[str, Any]:
    return {"id": _cid(kind, *key), "kind": kind, "items": items,
            "documents": list(dict.fromkeys(documents)), "explanation": explanation,
            "block_key": block}


# -- claims ----------------------------------------------------------------------
def claim_contradictions(conn: Connection, groups: SourceGroups, labels: Labels,
                         touched: set[str] | None, tol: dict[str, float]) -> list[dict[str, Any]]:
    cm = S.claim_mentions
    claims: dict[str, dict[str, Any]] = {}
    for r in conn.execute(select(S.claims)):
        gk = group_key(r.subject, r.property)
        if touched is not None and gk not in touched:
            continue
        value = claim_value(r.value)
        if not isinstance(value, float):
            continue
        claims[r.id] = {"id": r.id, "subject": r.subject, "property": r.property,
                        "value": value, "unit": r.unit, "qualifier": r.qualifier,
                        "block": gk, "mentions": []}
    for r in conn.execute(select(cm.c.claim_id, cm.c.document_id, cm.c.sentence_idx,
                                 cm.c.value_text, cm.c.start)
                          .where(cm.c.claim_id.is_not(None))):
        if r.claim_id in claims:
            claims[r.claim_id]["mentions"].append(r)
    by_group: dict[str, list[dict[str, Any]]] = {}
    for c in claims.values():
        c["mentions"].sort(key=lambda m: (groups.published.get(m.document_id) or "9999",
                                          m.document_id, m.start, m.sentence_idx,
                                          m.value_text or ""))
        by_group.setdefault(c["block"], []).append(c)
    out = []
    for gk in sorted(by_group):
        for a, b in combinations(sorted(by_group[gk], key=lambda c: c["id"]), 2):
            if (a["unit"] or "") != (b["unit"] or "") or not a["mentions"] or not b["mentions"]:
                continue
            va, vb = (a["value"], a["qualifier"]), (b["value"], b["qualifier"])
            if not disagree(va, vb, tol):
                continue
            ga = {groups.group(m.document_id, m.sentence_idx) for m in a["mentions"]}
            gb = {groups.group(m.document_id, m.sentence_idx) for m in b["mentions"]}
            if ga == gb:
                continue  # one source (and its copies): that is a copy alteration
            ma, mb = a["mentions"][0], b["mentions"][0]
            subj = labels.entity(a["subject"])
            expl = (f"{subj} {a['property'].replace('_', ' ')}: {labels.doc(ma.document_id)} "
                    f"says {describe_value(va[0], a['unit'], va[1])}, "
                    f"{labels.doc(mb.document_id)} says {describe_value(vb[0], b['unit'], vb[1])}"
                    f"; {how_they_differ(va, vb, a['unit'])}.")
            docs = [m.document_id for m in a["mentions"] + b["mentions"]]
            out.append(_row("numeric", (a["id"], b["id"]), [a["id"], b["id"]], docs, expl, gk))
    return out


# -- events ----------------------------------------------------------------------
def event_contradictions(conn: Connection, groups: SourceGroups, labels: Labels,
                         touched: set[str] | None, tol: dict[str, float],
                         amap: ActorMap, event_ids: set[str] | None = None
                         ) -> list[dict[str, Any]]:
    """Per-event rows: of every event, of the events of ``touched`` blocks, or
    (``event_ids``) of those events only."""
    em, ev = S.event_mentions, S.events
    events = {}
    ecols = (ev.c.id, ev.c.type, ev.c.source, ev.c.target, ev.c.block_key, ev.c.date_value)
    mcols = (em.c.event_id, em.c.document_id, em.c.sentence_idx, em.c.start, em.c.modality,
             em.c.attributed_keys, em.c.date_value, em.c.date_basis, em.c.date_text,
             em.c.quantities)
    mentions: dict[str, list[Any]] = {}
    if touched is None:
        events = {r.id: r for r in conn.execute(select(*ecols))}
        mrows = list(conn.execute(select(*mcols).where(em.c.event_id.is_not(None))))
    elif event_ids is not None:
        mrows = []
        for chunk in _chunks(sorted(event_ids), 500):
            events.update((r.id, r) for r in conn.execute(
                select(*ecols).where(ev.c.id.in_(chunk))))
            mrows += list(conn.execute(select(*mcols).where(em.c.event_id.in_(chunk))))
    else:
        mrows = []
        for chunk in _chunks(sorted(touched), 200):
            events.update((r.id, r) for r in conn.execute(
                select(*ecols).where(ev.c.block_key.in_(chunk))))
            in_blocks = select(ev.c.id).where(ev.c.block_key.in_(chunk))
            mrows += list(conn.execute(select(*mcols).where(em.c.event_id.in_(in_blocks))))
    for r in mrows:
        if r.event_id in events:
            mentions.setdefault(r.event_id, []).append(r)
    out: list[dict[str, Any]] = []
    for eid in sorted(mentions):
        e, ms = events[eid], sorted(mentions[eid], key=lambda m: (
            groups.published.get(m.document_id) or "9999", *_row_order(m)))
        actors = ", ".join(labels.entity(a) for a in list(e.source or []) + list(e.target or []))
        what = f"the {e.type} event ({actors or 'no actors'}, {e.date_value or 'undated'})"
        out += _status(e, ms, what, labels, amap)
        out += _dates(e, ms, what, labels, groups)
        out += _quantities(e, ms, what, labels, groups, tol)
    return out


def _who(m: Any, labels: Labels, amap: ActorMap) -> str:
    keys = _jsonlist(m.attributed_keys)
    if keys:
        names = ", ".join(labels.entity(amap.resolve(k)) for k in keys)
        return f"{names} in {labels.doc(m.document_id)}"
    return labels.doc(m.document_id)


def _status(e: Any, ms: list[Any], what: str, labels: Labels, amap: ActorMap) -> list[dict]:
    pos = [m for m in ms if m.modality in POSITIVE]
    neg = [m for m in ms if m.modality in NEGATIVE]
    pairs = [(p, n) for p in pos for n in neg
             if p.document_id != n.document_id
             or sorted(_jsonlist(p.attributed_keys)) != sorted(_jsonlist(n.attributed_keys))]
    if not pairs:
        return []
    p, n = pairs[0]
    expl = (f"{what[0].upper()}{what[1:]} is {p.modality} by {_who(p, labels, amap)} "
            f"but {n.modality} by {_who(n, labels, amap)}.")
    docs = [m.document_id for m in pos + neg]
    return [_row("status", (e.id,), [e.id], docs, expl, e.block_key)]


def _dates(e: Any, ms: list[Any], what: str, labels: Labels, groups: SourceGroups) -> list[dict]:
    dated = [m for m in ms if m.date_value and m.date_basis in ("explicit", "relative")]
    for a, b in combinations(dated, 2):
        if dates.relation(a.date_value, b.date_value, a.date_text, b.date_text) == "conflict":
            expl = (f"{what[0].upper()}{what[1:]} is dated {a.date_value} by "
                    f"{labels.doc(a.document_id)} but {b.date_value} by "
                    f"{labels.doc(b.document_id)}.")
            docs = [m.document_id for m in dated if any(
                dates.relation(m.date_value, o.date_value, m.date_text, o.date_text) == "conflict"
                for o in dated)]
            return [_row("date", (e.id,), [e.id], docs, expl, e.block_key)]
    return []


def _quantities(e: Any, ms: list[Any], what: str, labels: Labels, groups: SourceGroups,
                tol: dict[str, float]) -> list[dict]:
    # One figure per independent source: the one its origin states.
    per_group: dict[str, Any] = {}
    by_doc: dict[str, int] = {}
    for m in ms:
        by_doc.setdefault(m.document_id, m.sentence_idx)
    for m in ms:
        g = groups.event_group(m.document_id, m.sentence_idx, by_doc)
        if g not in per_group or m.document_id == g:
            per_group[g] = m
    out: list[dict] = []
    for (ga, a), (gb, b) in combinations(sorted(per_group.items()), 2):
        for qa in _jsonlist(a.quantities):
            for qb in _jsonlist(b.quantities):
                if qa.get("unit") != qb.get("unit"):
                    continue
                va = (float(qa["value"]), qa.get("qualifier"))
                vb = (float(qb["value"]), qb.get("qualifier"))
                if disagree(va, vb, tol):
                    unit = qa.get("unit")
                    expl = (f"For {what}, {labels.doc(a.document_id)} gives "
                            f"{describe_value(va[0], unit, va[1])} and "
                            f"{labels.doc(b.document_id)} gives "
                            f"{describe_value(vb[0], unit, vb[1])}; "
                            f"{how_they_differ(va, vb, unit)}.")
                    out.append(_row("numeric", (e.id, ga, gb, unit), [e.id],
                                    [a.document_id, b.document_id], expl, e.block_key))
                    return out
    return out


def _row_order(r: Any) -> tuple[Any, ...]:
    """Content order of an event-mention row (rows come back in dialect-specific order)."""
    fields = ("document_id", "start", "type", "modality", "source_keys", "target_keys",
              "attributed_keys", "date_value", "date_basis", "quantities", "event_id", "text")
    out: list[Any] = []
    for f in fields:
        v = getattr(r, f, None)
        out.append(v if isinstance(v, str | int) else json.dumps(v, sort_keys=True,
                                                                 default=str))
    return tuple(out)


def _jsonlist(value: Any) -> list[Any]:
    if value is None:
        return []
    if isinstance(value, str):
        return list(json.loads(value))
    return list(value)


# -- accusations and denials ---------------------------------------------------
def accuse_block(doc_id: str) -> str:
    return f"accuse:{doc_id}"


def accusation_denials(conn: Connection, labels: Labels, doc_ids: set[str] | None,
                       amap: ActorMap) -> list[dict[str, Any]]:
    """An accusation and, within three sentences, a denial by the accused.

    "Warsaw accused Minsk of backing the plotters. Minsk denied any involvement."
    is one claim asserted by one side and denied by the other, even though the
    extractor codes the two sentences as different events (ACCUSE, and a denied
    SUPPORT or a REJECT).
    """
    em = S.event_mentions
    stmt = select(em.c.document_id, em.c.event_id, em.c.sentence_idx, em.c.start, em.c.type,
                  em.c.source_keys, em.c.target_keys, em.c.modality, em.c.attributed_keys,
                  em.c.text).where(em.c.event_id.is_not(None))
    rows: list[Any] = []
    if doc_ids is None:
        rows = list(conn.execute(stmt))
    else:
        for chunk in _chunks(sorted(doc_ids), 500):
            rows += list(conn.execute(stmt.where(em.c.document_id.in_(chunk))))
    by_doc: dict[str, list[Any]] = {}
    for r in rows:
        by_doc.setdefault(r.document_id, []).append(r)

    def states(keys: Any) -> set[str]:
        return {amap.state_of(amap.resolve(k)) for k in _jsonlist(keys)}

    out: list[dict[str, Any]] = []
    for did in sorted(by_doc):
        ms = sorted(by_doc[did], key=lambda r: (r.sentence_idx, *_row_order(r)))
        for a in ms:
            if a.type != "ACCUSE" or a.modality not in POSITIVE:
                continue
            accused, accuser = states(a.target_keys), states(a.source_keys)
            if not accused:
                continue
            for b in ms:
                if b is a or not 0 <= b.sentence_idx - a.sentence_idx <= 3:
                    continue
                denier = states(b.source_keys) | states(b.attributed_keys)
                denial = (b.modality in NEGATIVE and denier & accused) or (
                    b.type == "REJECT" and states(b.source_keys) & accused
                    and (not accuser or states(b.target_keys) & accuser or not b.target_keys))
                if not denial or b.event_id == a.event_id:
                    continue
                # A denial of an event the article itself put forward just before
                # ("a report said X ... officials denied the report") is about that.
                if any(o is not b and o.event_id == b.event_id and o.modality not in NEGATIVE
                       and o.sentence_idx < b.sentence_idx for o in ms):
                    continue
                who = ", ".join(labels.entity(x) for x in sorted(accused))
                by = ", ".join(labels.entity(x) for x in sorted(accuser)) or "a source"
                expl = (f"{labels.doc(did)} reports that {by} accused {who}, and that {who} "
                        f"denied it: \"{_clip(a.text, 100)}\" / \"{_clip(b.text, 100)}\".")
                out.append(_row("status", (did, a.start, b.start), [a.event_id, b.event_id],
                                [did], expl, accuse_block(did)))
                break
    return out


# -- copies ----------------------------------------------------------------------
def copy_block(doc_id: str) -> str:
    return f"copy:{doc_id}"


def copy_alterations(conn: Connection, labels: Labels, doc_ids: set[str] | None,
                     cfg: dict[str, Any]) -> list[dict[str, Any]]:
    stmt = select(S.documents.c.id, S.documents.c.copy_of).where(
        S.documents.c.copy_of.is_not(None))
    if doc_ids is None:
        rows = conn.execute(stmt).all()
    else:
        rows = []
        for chunk in _chunks(sorted(doc_ids), 500):
            rows += conn.execute(stmt.where(S.documents.c.id.in_(chunk))).all()
    rows = sorted(r for r in rows if doc_ids is None or r[0] in doc_ids)
    out = []
    # Sentences and event/claim ids per sentence of every copy and source, read
    # in bulk: one query per copy was most of this check's time on a full build.
    for part in _chunks(rows, 500):
        docs = sorted({d for r in part for d in r})
        sents = load_sentences(conn, docs)
        items_at = _items_at(conn, docs)
        for did, src in part:
            pairs = aligned_pairs(conn, did, src, sents)
            for own, theirs, pair in pairs:
                source_text = " ".join(s.text for s in theirs)
                changes = compare(source_text, own.text, check_names=pair.score >= float(
                    cfg["name_check_min_similarity"]), name_variant=float(
                    cfg["name_variant_similarity"]))
                if not changes:
                    continue
                items = list(dict.fromkeys(
                    items_at.get((did, own.idx), [])
                    + [i for s in theirs for i in items_at.get((src, s.idx), [])]))
                what = "; ".join(c.describe() for c in changes)
                expl = (f"{labels.doc(did)} copies {labels.doc(src)} but changes {what}: "
                        f"\"{_clip(source_text)}\" became \"{_clip(own.text)}\".")
                out.append(_row("copy_alteration", (did, own.idx), items or [did], [src, did],
                                expl, copy_block(did)))
            out += _reworded_numbers(labels, did, src, pairs, items_at, cfg, sents)
    return out


def _items_at(conn: Connection, docs: Sequence[str]) -> dict[tuple[str, int], list[str]]:
    """(document, sentence idx) -> ids of the events and claims mentioned there.

    Per sentence, event ids come before claim ids, each in the order the store
    returns them for the document (as when they were read one document at a time).
    """
    em, cm = S.event_mentions, S.claim_mentions
    found: dict[tuple[str, str], list[tuple[int, str]]] = {}
    for kind, table, col in (("e", em, em.c.event_id), ("c", cm, cm.c.claim_id)):
        for r in conn.execute(select(table.c.document_id, table.c.sentence_idx, col)
                              .where(table.c.document_id.in_(list(docs)))
                              .where(col.is_not(None))):
            found.setdefault((kind, r[0]), []).append((r[1], r[2]))
    out: dict[tuple[str, int], list[str]] = {}
    for kind in ("e", "c"):
        for did in docs:
            for idx, item in found.get((kind, did), ()):
                out.setdefault((did, idx), []).append(item)
    return out


def _reworded_numbers(labels: Labels, did: str, src: str, pairs: list[Any],
                      items_at: dict[tuple[str, int], list[str]], cfg: dict[str, Any],
                      sents: Mapping[str, list[Sentence]]) -> list[dict[str, Any]]:
    """Changed figures in sentences of a copy too reworded to align with their source."""
    from rapidfuzz import fuzz

    aligned = {own.idx for own, _t, _p in pairs}
    min_sim = float(cfg["number_context_min_similarity"])
    out = []
    for own in sents[did]:
        if own.idx in aligned or not any(ch.isdigit() for ch in own.text):
            continue
        for theirs in sents[src]:
            if fuzz.token_set_ratio(own.norm, theirs.norm) < min_sim:
                continue
            changes = number_context_changes(theirs.text, own.text)
            if not changes:
                continue
            what = "; ".join(c.describe() for c in changes)
            items = list(dict.fromkeys(items_at.get((did, own.idx), [])
                                       + items_at.get((src, theirs.idx), [])))
            expl = (f"{labels.doc(did)} copies {labels.doc(src)} but changes {what}: "
                    f"\"{_clip(theirs.text)}\" became \"{_clip(own.text)}\".")
            out.append(_row("copy_alteration", (did, own.idx), items or [did], [src, did], expl,
                            copy_block(did)))
            break
    return out


def _clip(text: str, n: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


# -- dates across events ----------------------------------------------------------
def date_pair_key(etype: str, actors: Sequence[str], source: Sequence[str] = ()) -> str:
    """Block of the events a date disagreement can join: one type, one set of actors,
    and for directed types (conflict) one acting side: "A moved troops to B's border"
    and "B moved troops to A's border" are two events whatever their dates."""
    from .eventscore import directed  # eventscore imports this module

    key = f"datepair:{etype}|{','.join(sorted(set(actors)))}"
    return f"{key}>{','.join(sorted(set(source)))}" if directed(etype) else key


def _date_pair_keys(conn: Connection, ev_blocks: set[str]) -> set[str]:
    ev = S.events
    out: set[str] = set()
    for chunk in _chunks(sorted(ev_blocks), 200):
        for r in conn.execute(select(ev.c.type, ev.c.source, ev.c.target)
                              .where(ev.c.block_key.in_(chunk))):
            out.add(date_pair_key(r.type, _jsonlist(r.source) + _jsonlist(r.target),
                                  _jsonlist(r.source)))
    return out


def _sentence_tie(a: Any, b: Any, min_sentence: float, qtol: float) -> str | None:
    """What ties two mentions dated differently to one event: the same amount, or the
    same sentence once the dates are taken out (word order aside, but every word
    counts: a sentence that merely contains the other's words, as templated reports
    of different events do, is no tie). None when nothing does."""
    for qa in _jsonlist(a.quantities):
        for qb in _jsonlist(b.quantities):
            va, vb = float(qa.get("value") or 0), float(qb.get("value") or 0)
            if qa.get("unit") == qb.get("unit") and va and \
                    abs(va - vb) <= qtol * max(abs(va), abs(vb)):
                return f"both state {qa.get('text') or fmt_number(va, qa.get('unit'))}"
    from rapidfuzz import fuzz

    ta = (a.text or "").replace(a.date_text or "\x00", " ")
    tb = (b.text or "").replace(b.date_text or "\x00", " ")
    if fuzz.token_sort_ratio(ta, tb) >= min_sentence:
        return "their sentences match"
    return None


def _could_know(published: str | None, other: str | None) -> bool:
    """Was a document published on or after the other source's date (so that it could
    be telling the same event)? A report of May 2022 on annual talks cannot be
    disagreeing with a report of the May 2023 round. Unknown publication: it could."""
    if not published or not other:
        return True
    return published[:len(other)] >= other[:len(published)]


_EVENT_COLS = (S.events.c.id, S.events.c.type, S.events.c.source, S.events.c.target,
               S.events.c.date_value)


def _pair_key_of(r: Any) -> str | None:
    actors = _jsonlist(r.source) + _jsonlist(r.target)
    return date_pair_key(r.type, actors, _jsonlist(r.source)) \
        if actors and r.date_value else None


def _events_by_id(conn: Connection, ids: Sequence[str]) -> list[Any]:
    out: list[Any] = []
    for chunk in _chunks(sorted(ids), 500):
        out += conn.execute(select(*_EVENT_COLS).where(S.events.c.id.in_(chunk))).all()
    return out


def _key_groups(conn: Connection, focus: set[str] | None) -> dict[str, list[Any]]:
    """Dated events with actors grouped by :func:`date_pair_key`: every such event
    (``focus`` None), or the whole group of each focus event, found through the
    actor-pair index (``event_pairs``) or, for one-actor events, ``event_actors``:
    never a scan of the events table."""
    by_key: dict[str, list[Any]] = {}
    if focus is None:
        for r in conn.execute(select(*_EVENT_COLS).where(S.events.c.date_value.is_not(None))):
            if (key := _pair_key_of(r)) is not None:
                by_key.setdefault(key, []).append(r)
        return by_key
    wanted: dict[str, tuple[str, list[str]]] = {}
    for r in _events_by_id(conn, sorted(focus)):
        if (group := date_pair_group(r)) is not None:
            wanted[group[0]] = (group[1], list(group[2]))
    for key, (etype, actors) in sorted(wanted.items()):
        by_key[key] = _group_events(conn, key, etype, actors)
    return by_key


def date_pair_group(r: Any) -> tuple[str, str, tuple[str, ...]] | None:
    """(:func:`date_pair_key`, type, actors) of an event row (``type``, ``source``,
    ``target``, ``date_value``); None for an undated event or one without actors."""
    key = _pair_key_of(r)
    if key is None:
        return None
    return key, r.type, tuple(sorted(set(_jsonlist(r.source) + _jsonlist(r.target))))


def _group_events(conn: Connection, key: str, etype: str, actors: Sequence[str]) -> list[Any]:
    """The stored events of one date-pair group, through the actor indexes."""
    ep, ea = S.event_pairs, S.event_actors
    if len(actors) >= 2:
        ids = [x[0] for x in conn.execute(
            select(ep.c.event_id).where(ep.c.a == actors[0], ep.c.b == actors[1],
                                        ep.c.type == etype))]
    else:
        ids = [x[0] for x in conn.execute(
            select(ea.c.event_id).distinct().join(S.events, S.events.c.id == ea.c.event_id)
            .where(ea.c.entity_id == actors[0], S.events.c.type == etype))]
    return [r for r in _events_by_id(conn, ids) if _pair_key_of(r) == key]


class _DateTies:
    """Which events of one type and set of actors are tied to which, and by what.

    A pair is tied when its dates conflict within ``date_pair_max_years``, no
    document states both, two independent sources that could each have known the
    other date give them, and an amount or the sentence ties those mentions. A tie
    counts only when it is the *only* one of both events: an event that ties as
    well to a third one (a recurring meeting, templated wire copy naming the same
    sum) does not single out one event told two ways.
    """

    def __init__(self, conn: Connection, groups: SourceGroups, by_key: dict[str, list[Any]],
                 cfg: Mapping[str, Any]):
        self.groups = groups
        self.max_years = int(cfg.get("date_pair_max_years", 3))
        self.min_sentence = float(cfg.get("date_pair_min_sentence", 85))
        self.qtol = float(cfg.get("date_pair_quantity_tolerance", 0.05))
        self.key_of = {e.id: k for k, evs in by_key.items() for e in evs}
        self.event = {e.id: e for evs in by_key.values() for e in evs}
        self.by_key = by_key
        em = S.event_mentions
        self.mentions: dict[str, list[Any]] = {}
        for chunk in _chunks(sorted(self.event), 500):
            for m in conn.execute(select(em.c.event_id, em.c.document_id, em.c.sentence_idx,
                                         em.c.start, em.c.text, em.c.date_value,
                                         em.c.date_basis, em.c.date_text, em.c.quantities)
                                  .where(em.c.event_id.in_(chunk))):
                self.mentions.setdefault(m.event_id, []).append(m)
        for ms in self.mentions.values():
            ms.sort(key=lambda m: (m.document_id, m.start))
        # Their documents' dates and copy chains in a few queries, not one each.
        groups.prefetch({m.document_id for ms in self.mentions.values() for m in ms})
        self._pair: dict[tuple[str, str], Any] = {}
        self._ties: dict[str, dict[str, Any]] = {}
        self.scored = 0

    def ties(self, eid: str) -> dict[str, Any]:
        """Every event tied to ``eid``: partner id -> (mention, mention, tie)."""
        if eid not in self._ties:
            out: dict[str, Any] = {}
            for other in self.by_key.get(self.key_of.get(eid, ""), []):
                if other.id != eid and (found := self.pair(eid, other.id)) is not None:
                    out[other.id] = found
            self._ties[eid] = out
        return self._ties[eid]

    def pair(self, x: str, y: str) -> Any:
        a, b = sorted((self.event[x], self.event[y]), key=lambda e: (e.date_value, e.id))
        if (a.id, b.id) not in self._pair:
            self._pair[(a.id, b.id)] = self._tie(a, b)
        return self._pair[(a.id, b.id)]

    def _tie(self, a: Any, b: Any) -> Any:
        if dates.relation(a.date_value, b.date_value) != "conflict" or \
                abs(int(a.date_value[:4]) - int(b.date_value[:4])) > self.max_years:
            return None
        all_a, all_b = self.mentions.get(a.id, []), self.mentions.get(b.id, [])
        if {m.document_id for m in all_a} & {m.document_id for m in all_b}:
            return None  # one document tells both: two events
        self.scored += 1
        groups = self.groups
        for x in (m for m in all_a if m.date_basis in ("explicit", "relative")):
            for y in (m for m in all_b if m.date_basis in ("explicit", "relative")):
                if dates.relation(x.date_value, y.date_value, x.date_text,
                                  y.date_text) != "conflict":
                    continue  # "later this week" and "on Thursday" agree
                if not _could_know(groups.published.get(x.document_id), y.date_value) or \
                        not _could_know(groups.published.get(y.document_id), x.date_value):
                    continue  # written before the other date: an earlier occurrence
                tie = _sentence_tie(x, y, self.min_sentence, self.qtol)
                if not tie:
                    continue
                # (After the tie: finding a sentence's origin may align two documents.)
                if y.document_id in groups.chain(x.document_id) \
                        or x.document_id in groups.chain(y.document_id) \
                        or groups.group(x.document_id, x.sentence_idx) == \
                        groups.group(y.document_id, y.sentence_idx):
                    continue  # a copy that changed the date is a copy alteration
                return (a.id, b.id, x, y, tie)
        return None

    def unique(self, eid: str) -> Any:
        """The tie of ``eid`` when it is the only one of both events, else None."""
        ties = self.ties(eid)
        if len(ties) != 1:
            return None
        [(other, found)] = ties.items()
        return found if list(self.ties(other)) == [eid] else None


def cross_event_dates(conn: Connection, groups: SourceGroups, labels: Labels,
                      focus: set[str] | None, cfg: Mapping[str, Any]
                      ) -> tuple[list[dict[str, Any]], set[str], int]:
    """Independent sources giving incompatible dates for one event.

    Event coreference never merges mentions whose dates conflict (blocks hold one
    year; inside a block the dates veto), so "signed in 2011" and "signed in
    February 2012" are two events. They are one event told two ways when the pair
    is the only tie of both (see :class:`_DateTies`).

    ``focus`` None examines every event; otherwise only the groups of the focus
    events (what an add touched) and, inside them, the ties of the focus events
    and of their partners (a new event can make a partner's earlier tie
    ambiguous). Returns the rows, the ids of the events whose stored date rows
    they replace, and how many event pairs were compared.
    """
    by_key = _key_groups(conn, focus)
    if not by_key:
        return [], set(), 0
    ties = _DateTies(conn, groups, by_key, cfg)
    todo = set(ties.event) if focus is None else {e for e in focus if e in ties.event}
    redo = set(todo)
    for eid in sorted(todo):
        redo |= set(ties.ties(eid))
    out: list[dict[str, Any]] = []
    for eid in sorted(redo):
        found = ties.unique(eid)
        if found is None:
            continue
        aid, bid, x, y, tie = found
        a = ties.event[aid]
        actors = ", ".join(labels.entity(k) for k in
                           dict.fromkeys(_jsonlist(a.source) + _jsonlist(a.target)))
        expl = (f"The {a.type} event ({actors}) is dated {x.date_value} by "
                f"{labels.doc(x.document_id)} (\"{_clip(x.text)}\") but {y.date_value} by "
                f"{labels.doc(y.document_id)} (\"{_clip(y.text)}\"); {tie}.")
        out.append(_row("date", (aid, bid), [aid, bid], [x.document_id, y.document_id],
                        expl, ties.key_of[aid]))
    return out, redo, ties.scored


# -- step ------------------------------------------------------------------------
def run(store: Store, document_ids: Sequence[str] | None = None) -> dict[str, Any]:
    th = load_thresholds()
    cfg = th["contradictions"]
    tol = {k: float(v) for k, v in cfg["tolerance"].items()}
    with store.begin() as conn:
        groups = SourceGroups(conn)
        labels = Labels(conn)
        if document_ids is None:
            ev_blocks = claim_blocks = docs = scope = None
            focus: set[str] | None = None
            change: tuple[set[str], set[str], set[str], set[Any]] | None = None
            conn.execute(delete(S.contradictions))
        else:
            docs = set(document_ids)
            ev_blocks, claim_blocks = _touched(conn, docs)
            change = _event_change(docs)
            if change is None:
                # Event ids of every document with a mention in a re-clustered block
                # may have changed: contradictions citing them are redone too.
                scope = docs | _docs_in_blocks(conn, ev_blocks)
            else:
                # The event step said which events it wrote and removed: only rows
                # citing those are redone, and the per-document rows (copy
                # alterations, accusations and denials: they cite the events at
                # their sentences) of the documents whose mentions changed event.
                written, removed, moved, _gone = change
                scope = docs | moved
                _delete_citing(conn, ev_blocks, written | removed)
            scope |= _copies_of(conn, scope)
            blocks = (claim_blocks | {copy_block(d) for d in scope}
                      | {accuse_block(d) for d in scope})
            if change is None:
                blocks |= ev_blocks
            for chunk in _chunks(sorted(blocks), 500):
                conn.execute(delete(S.contradictions)
                             .where(S.contradictions.c.block_key.in_(chunk)))
            date_rows, focus = _stored_date_rows(conn, docs, ev_blocks)
            if change is not None:
                focus |= change[0]
                # An event that is gone (or moved to another group) may have made its
                # group's ties ambiguous, so that no row was stored: the group's
                # events are examined again.
                for key, etype, actors in sorted(change[3]):
                    focus |= {r.id for r in _group_events(conn, key, etype, actors)}
        amap = ActorMap(conn)
        dated, redo, date_pairs = cross_event_dates(conn, groups, labels, focus, cfg)
        if document_ids is not None:
            # Date rows of the events examined again, or citing an event that is gone.
            again = redo | focus
            stale = [cid for cid, items in date_rows.items() if not again.isdisjoint(items)]
            for chunk in _chunks(stale, 500):
                conn.execute(delete(S.contradictions).where(S.contradictions.c.id.in_(chunk)))
        rows = (event_contradictions(conn, groups, labels, ev_blocks, tol, amap,
                                     None if change is None else change[0])
                + claim_contradictions(conn, groups, labels, claim_blocks, tol)
                + copy_alterations(conn, labels, scope, {**th["copies"], **cfg})
                + accusation_denials(conn, labels, scope, amap)
                + dated)
        unique = {r["id"]: r for r in rows}
        existing = {r[0] for r in conn.execute(select(S.contradictions.c.id))}
        new = [unique[k] for k in sorted(unique) if k not in existing]
        if new:
            conn.execute(insert(S.contradictions), new)
    kinds: dict[str, int] = {}
    for r in unique.values():
        kinds[r["kind"]] = kinds.get(r["kind"], 0) + 1
    return {"contradictions": len(unique), "by_kind": kinds, "date_pairs_scored": date_pairs}


def _stored_date_rows(conn: Connection, docs: set[str], ev_blocks: set[str]
                      ) -> tuple[dict[str, list[str]], set[str]]:
    """The stored cross-event date rows an add may change (id -> items), and the
    events to examine again: those the added documents mention, and the surviving
    partner of a row whose other event re-clustering removed."""
    em, cx = S.event_mentions, S.contradictions
    focus: set[str] = set()
    for chunk in _chunks(sorted(docs), 500):
        focus.update(r[0] for r in conn.execute(
            select(em.c.event_id).distinct().where(em.c.document_id.in_(chunk))) if r[0])
    keys = _date_pair_keys(conn, ev_blocks)
    keys |= {k for r in _events_by_id(conn, sorted(focus)) if (k := _pair_key_of(r))}
    rows: dict[str, list[str]] = {}
    for chunk in _chunks(sorted(keys), 500):
        for r in conn.execute(select(cx.c.id, cx.c["items"])
                              .where(cx.c.kind == "date", cx.c.block_key.in_(chunk))):
            rows[r[0]] = [str(i) for i in _jsonlist(r[1])]
    cited = sorted({i for items in rows.values() for i in items})
    alive = {r.id for r in _events_by_id(conn, cited)}
    for items in rows.values():
        if not set(items) <= alive:
            focus |= set(items)  # the gone event's id deletes the row
    return rows, focus


def _event_change(docs: set[str]) -> tuple[set[str], set[str], set[str], set[Any]] | None:
    """(events written, events removed, documents whose mentions changed event, the
    date-pair groups of the events that are gone) by the event step of this
    reconcile of ``docs``, when it said so; None otherwise (then whole blocks are
    redone)."""
    from .events import LAST_CHANGE  # events imports this module (through eventscore)

    last = LAST_CHANGE.get()
    LAST_CHANGE.set(None)
    if last is None or set(last[0]) != docs:
        return None
    return set(last[1]), set(last[2]), set(last[3]), set(last[4])


def _delete_citing(conn: Connection, blocks: set[str], events: set[str]) -> None:
    """Delete the per-event rows (status, date, numeric) of ``blocks`` and of the
    ``events``' blocks that cite any of ``events``."""
    cx, ev = S.contradictions, S.events
    blocks = set(blocks)
    for chunk in _chunks(sorted(events), 500):
        blocks.update(r[0] for r in conn.execute(
            select(ev.c.block_key).distinct().where(ev.c.id.in_(chunk))) if r[0])
    stale: list[str] = []
    for chunk in _chunks(sorted(blocks), 500):
        for r in conn.execute(select(cx.c.id, cx.c["items"]).where(cx.c.block_key.in_(chunk))):
            if set(map(str, _jsonlist(r[1]))) & events:
                stale.append(r[0])
    for chunk in _chunks(stale, 500):
        conn.execute(delete(cx).where(cx.c.id.in_(chunk)))


def _docs_in_blocks(conn: Connection, blocks: set[str]) -> set[str]:
    em = S.event_mentions
    out: set[str] = set()
    for chunk in _chunks(sorted(blocks), 200):
        in_blocks = select(S.events.c.id).where(S.events.c.block_key.in_(chunk))
        out.update(r[0] for r in conn.execute(
            select(em.c.document_id).distinct().where(em.c.event_id.in_(in_blocks))))
    return out


def _copies_of(conn: Connection, docs: set[str]) -> set[str]:
    out: set[str] = set()
    for chunk in _chunks(sorted(docs), 500):
        out.update(r[0] for r in conn.execute(
            select(S.documents.c.id).where(S.documents.c.copy_of.in_(chunk))))
    return out


def _touched(conn: Connection, docs: set[str]) -> tuple[set[str], set[str]]:
    em, cm = S.event_mentions, S.claim_mentions
    ev_blocks: set[str] = set()
    claim_blocks: set[str] = set()
    for chunk in _chunks(sorted(docs), 500):
        ev_blocks.update(r[0] for r in conn.execute(
            select(S.events.c.block_key).distinct()
            .join(em, em.c.event_id == S.events.c.id).where(em.c.document_id.in_(chunk)))
            if r[0])
        claim_blocks.update(group_key(r[0], r[1]) for r in conn.execute(
            select(S.claims.c.subject, S.claims.c.property).distinct()
            .join(cm, cm.c.claim_id == S.claims.c.id).where(cm.c.document_id.in_(chunk))))
    return ev_blocks, claim_blocks


