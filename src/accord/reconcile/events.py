"""Event coreference: mentions of one real-world event become one event.

Blocking keeps comparisons local and incremental: a mention's block is
(the set of states its actors act for, the PLOVER quad class of its type, the
year of its date). Mentions in different blocks are never merged, so two
visits a year apart stay two events. Inside a block every mention is scored
against the events formed so far (type compatibility, actor overlap, date
agreement, quantities, sentence similarity; weights and thresholds in
``data/thresholds.yaml``) and joins the best one at or above the merge score.
Each decision, with its score breakdown, is stored in ``events.why``.

A block is always re-clustered as a whole, in an order that depends only on
the documents (publication date, document id, offset), so building a corpus in
one go and adding it file by file give the same events with the same ids.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from rapidfuzz import fuzz
from sqlalchemy import Connection, bindparam, delete, insert, select, update

from ..records import QUAD_CLASS
from ..store import schema as S
from ..store.pairs import add_events, delete_events
from . import dates
from .actormap import ActorMap
from .copies import prefetch_alignments
from .corroboration import SourceGroups, confidence
from .ids import content_id
from .settings import load_thresholds
from .textsim import normalise

if TYPE_CHECKING:
    from ..store import Store

#: Event-level modality: the first of these that any independent source uses.
#: A denial wins only when every source denies; denied mentions stay visible
#: (and make a `status` contradiction when another source asserts the event).
EVENT_MODALITY_ORDER = ("asserted", "reported", "alleged", "planned", "hypothetical",
                        "denied", "negated")


@dataclass
class Mention:
    """One event mention with its keys resolved to entities."""

    id: int
    document_id: str
    published: str | None
    sentence_idx: int
    start: int
    end: int
    text: str
    trigger: str
    type: str
    cameo: str | None
    intensity: float | None
    source: list[str]
    target: list[str]
    date_value: str | None
    date_basis: str
    location: str | None
    quantities: list[dict[str, Any]]
    modality: str
    attributed: list[str]
    block: str = ""
    norm: str = ""

    @cached_property
    def order(self) -> tuple[Any, ...]:
        """A total order on content (never on row ids or the order rows come back in).

        Kept once computed: sorting and picking representatives ask for it often,
        and nothing changes a mention's content after it is loaded.
        """
        return (self.published or "9999", self.document_id, self.start, self.end, self.type,
                self.trigger, tuple(self.source), tuple(self.target), self.modality,
                self.date_value or "", self.date_basis,
                json.dumps(self.quantities, sort_keys=True, default=str),
                tuple(self.attributed), self.location or "")

    @property
    def ref(self) -> dict[str, Any]:
        return {"document": self.document_id, "start": self.start, "end": self.end}

    @cached_property
    def actors(self) -> frozenset[str]:
        return frozenset(self.source) | frozenset(self.target)


@dataclass
class Cluster:
    members: list[Mention] = field(default_factory=list)
    decisions: list[dict[str, Any]] = field(default_factory=list)


def _jsonlist(value: Any) -> list[Any]:
    if value is None:
        return []
    if isinstance(value, str):
        return list(json.loads(value))
    return list(value)


def load_mentions(conn: Connection, amap: ActorMap, where: Any = None,
                  stored_blocks: bool = False) -> list[Mention]:
    """Event mentions (all, or those matching ``where``) with their block keys.

    With ``stored_blocks`` the block is read from the mention's current event
    instead of recomputed: used for mentions of documents that did not change,
    whose block cannot have changed either.
    """
    em, d = S.event_mentions, S.documents
    cols = [em.c.id, em.c.document_id, d.c.published, em.c.sentence_idx, em.c.start, em.c.end,
            em.c.text, em.c.trigger, em.c.type, em.c.cameo, em.c.intensity, em.c.source_keys,
            em.c.target_keys, em.c.date_value, em.c.date_basis, em.c.location,
            em.c.quantities, em.c.modality, em.c.attributed_keys]
    stmt = select(*cols).join(d, d.c.id == em.c.document_id)
    if stored_blocks:
        stmt = select(*cols, S.events.c.block_key).join(d, d.c.id == em.c.document_id).join(
            S.events, S.events.c.id == em.c.event_id)
    if where is not None:
        stmt = stmt.where(where)
    rows = conn.execute(stmt)
    out = []
    for r in rows:
        m = Mention(
            id=r.id, document_id=r.document_id, published=r.published,
            sentence_idx=r.sentence_idx, start=r.start, end=r.end, text=r.text,
            trigger=r.trigger, type=r.type.upper(), cameo=r.cameo, intensity=r.intensity,
            source=list(dict.fromkeys(amap.resolve(k) for k in _jsonlist(r.source_keys))),
            target=list(dict.fromkeys(amap.resolve(k) for k in _jsonlist(r.target_keys))),
            date_value=r.date_value if r.date_basis != "none" else None,
            date_basis=r.date_basis if r.date_value else "none",
            location=r.location, quantities=_jsonlist(r.quantities), modality=r.modality,
            attributed=list(dict.fromkeys(amap.resolve(k) for k in _jsonlist(r.attributed_keys))),
        )
        m.norm = normalise(m.text)
        if stored_blocks:
            m.block = r.block_key
        out.append(m)
    if not stored_blocks:
        context = _context_actors(out)
        for m in out:
            m.block = block_key(m, amap, context.get(m.id, ()))
    return out


#: Quad classes whose events have a direction: blocked on who acts, so that
#: "A accuses B" and "B accuses A" are never compared, and a report that names
#: a target is still compared with one that does not.
DIRECTED = ("verbal_conflict", "material_conflict")


def block_key(m: Mention, amap: ActorMap, context: Sequence[str] = ()) -> str:
    """(states of the actors, PLOVER quad class, year); see the module docstring.

    ``context`` gives the actors for a mention that names none ("the two
    signed"): those of the nearest preceding event in the same document.
    """
    family = QUAD_CLASS.get(m.type, m.type)
    if family in DIRECTED:
        actors = m.source or m.target
    else:
        actors = m.source + m.target
    states = sorted({amap.state_of(a) for a in actors or context}) or ["-"]
    year = m.date_value[:4] if m.date_value else "undated"
    return f"{'+'.join(states)}|{family}|{year}"


def _context_actors(mentions: Sequence[Mention]) -> dict[int, list[str]]:
    """Mention id -> actors of the closest earlier event (within 2 sentences) in its document."""
    out: dict[int, list[str]] = {}
    by_doc: dict[str, list[Mention]] = {}
    for m in mentions:
        by_doc.setdefault(m.document_id, []).append(m)
    for ms in by_doc.values():
        ms.sort(key=lambda x: (x.sentence_idx, x.order))
        last: Mention | None = None
        for m in ms:
            if not m.actors and last is not None and m.sentence_idx - last.sentence_idx <= 2:
                out[m.id] = last.source + last.target
            if m.actors:
                last = m
    return out


# -- scoring ---------------------------------------------------------------------
def _type_score(a: str, b: str, cfg: dict[str, Any]) -> float:
    if a == b:
        return 1.0
    return _compatible(cfg).get((a, b), 0.0)


_COMPATIBLE: dict[int, tuple[dict[str, Any], dict[tuple[str, str], float]]] = {}


def _compatible(cfg: dict[str, Any]) -> dict[tuple[str, str], float]:
    """(type, type) -> score of the compatible pairs, built once per settings object
    (scoring asks for every pair of mentions it compares)."""
    hit = _COMPATIBLE.get(id(cfg))
    if hit is not None and hit[0] is cfg:
        return hit[1]
    pairs = cfg.get("compatible_types") or []
    table: dict[tuple[str, str], float] = {}
    for pair in pairs:
        types = {p.upper() for p in pair}
        if len(types) == 2:
            x, y = sorted(types)
            table[(x, y)] = table[(y, x)] = float(cfg["compatible_type_score"])
    _COMPATIBLE[id(cfg)] = (cfg, table)
    return table


def _date_score(a: Mention, b: Mention, cfg: dict[str, Any]) -> tuple[float, str]:
    scores = cfg["date_scores"]
    rel = dates.relation(a.date_value, b.date_value)
    if rel == "unknown":
        key = "both_unknown" if not a.date_value and not b.date_value else "one_unknown"
        return float(scores[key]), key
    if rel == "conflict" and "publication" in (a.date_basis, b.date_basis):
        # A date taken from the publication date only says "on or before".
        pub, other = (a, b) if a.date_basis == "publication" else (b, a)
        if (other.date_value or "") <= (pub.date_value or ""):
            return float(scores["contains"]), "before_publication"
    return float(scores[rel]), rel


def _quantity_score(a: Mention, b: Mention, cfg: dict[str, Any]) -> tuple[float, str]:
    qa = [(q.get("unit"), float(q.get("value") or 0)) for q in a.quantities]
    qb = [(q.get("unit"), float(q.get("value") or 0)) for q in b.quantities]
    shared = {u for u, _ in qa} & {u for u, _ in qb}
    if not shared:
        return 0.5, "not comparable"
    tol = float(cfg["quantity_tolerance"])
    for ua, va in qa:
        for ub, vb in qb:
            if ua == ub and abs(va - vb) <= tol * max(abs(va), abs(vb), 1e-9):
                return 1.0, "agree"
    return 0.0, "differ"


def score(a: Mention, b: Mention, cfg: dict[str, Any]) -> dict[str, Any]:
    """Score breakdown for two mentions of one block; ``total`` is None when vetoed."""
    return _parts(_raw_score(a, b, cfg))


#: (type, actors, date, date relation, quantities, quantity relation, sentence 0-100,
#: veto or None, total rounded or None when vetoed)
RawScore = tuple[float, float, float, str, float, str, float, str | None, float | None]


def _raw_score(a: Mention, b: Mention, cfg: dict[str, Any]) -> RawScore:
    """The numbers of :func:`score`, without building its dict (most pairs never
    need it: only the best and the closest rejected pair are written down)."""
    w = cfg["weights"]
    t = _type_score(a.type, b.type, cfg)
    aa, ba = a.actors, b.actors
    inter = len(aa & ba)
    union = len(aa | ba) or 1
    actors = 0.5 + 0.5 * inter / union  # same block: the states already agree
    d, d_rel = _date_score(a, b, cfg)
    q, q_rel = _quantity_score(a, b, cfg)
    sent = fuzz.token_set_ratio(a.norm, b.norm) if a.norm and b.norm else 0.0
    veto = None
    if t == 0.0:
        veto = f"types {a.type} and {b.type} are not compatible"
    elif a.document_id == b.document_id and a.type != b.type:
        veto = "one document states them as different types of event"
    elif a.document_id == b.document_id and a.start == b.start and a.end == b.end:
        veto = None
    elif d_rel == "conflict" and sent < float(cfg["date_conflict_min_sentence"]):
        veto = f"dates {a.date_value} and {b.date_value} are incompatible"
    elif d_rel == "both_unknown" and sent < float(cfg["undated_min_sentence"]):
        veto = "neither is dated and their sentences differ"
    total = (w["type"] * t + w["actors"] * actors + w["date"] * d + w["quantities"] * q
             + w["sentence"] * sent / 100)
    return (t, actors, d, d_rel, q, q_rel, sent, veto, None if veto else round(total, 3))


def _vetoed(a: Mention, b: Mention, cfg: dict[str, Any]) -> bool:
    """Whether :func:`_raw_score` vetoes the pair (the same checks in the same order),
    without its other parts: in a large block most pairs are two dates that conflict."""
    if _type_score(a.type, b.type, cfg) == 0.0:
        return True
    if a.document_id == b.document_id:
        if a.type != b.type:
            return True
        if a.start == b.start and a.end == b.end:
            return False
    d_rel = _date_score(a, b, cfg)[1]
    if d_rel == "conflict":
        limit = float(cfg["date_conflict_min_sentence"])
    elif d_rel == "both_unknown":
        limit = float(cfg["undated_min_sentence"])
    else:
        return False
    sent = fuzz.token_set_ratio(a.norm, b.norm) if a.norm and b.norm else 0.0
    return sent < limit


def _parts(raw: RawScore) -> dict[str, Any]:
    t, actors, d, d_rel, q, q_rel, sent, veto, total = raw
    parts: dict[str, Any] = {
        "type": round(t, 3), "actors": round(actors, 3), "date": round(d, 3),
        "date_relation": d_rel, "quantities": round(q, 3), "quantity_relation": q_rel,
        "sentence": round(sent / 100, 3), "total": total}
    if veto:
        parts["veto"] = veto
    return parts


def cluster_block(mentions: Sequence[Mention], cfg: dict[str, Any]) -> list[Cluster]:
    """Greedy, order-independent clustering of one block (input order is re-sorted)."""
    threshold = float(cfg["merge_score"])
    max_compare = int(cfg.get("max_compare_per_event", 8))
    clusters: list[Cluster] = []
    for m in sorted(mentions, key=lambda x: x.order):
        best: tuple[float, int, Mention, dict[str, Any]] | None = None
        rejected: tuple[float, Mention, dict[str, Any]] | None = None
        for ci, c in enumerate(clusters):
            # Incompatible types never merge: skip them before the costly scoring.
            if _type_score(m.type, c.members[0].type, cfg) == 0.0:
                continue
            for other in c.members[:max_compare]:
                if rejected is not None and _vetoed(m, other, cfg):
                    continue  # a vetoed pair (-1) neither merges nor beats ``rejected``
                raw = _raw_score(m, other, cfg)
                total = raw[8]
                if total is not None and total >= threshold:
                    if best is None or total > best[0]:
                        best = (total, ci, other, raw)
                else:
                    val = total if total is not None else -1.0
                    if rejected is None or val > rejected[0]:
                        rejected = (val, other, raw)
        decision: dict[str, Any] = {"mention": m.ref, "text": m.text}
        if best is None:
            clusters.append(Cluster([m]))
            decision["joined"] = None
            target = clusters[-1]
        else:
            target = clusters[best[1]]
            target.members.append(m)
            decision["joined"] = {"with": best[2].ref, "score": best[0],
                                  "parts": _parts(best[3])}
        if rejected is not None:
            decision["closest_rejected"] = {"with": rejected[1].ref,
                                            "parts": _parts(rejected[2])}
        target.decisions.append(decision)
    return clusters


# -- writing ---------------------------------------------------------------------
def _modality_rank(modality: str) -> int:
    order = EVENT_MODALITY_ORDER
    return order.index(modality) if modality in order else len(order)


def event_row(c: Cluster, block: str, groups: SourceGroups, cfg: dict[str, Any]) -> dict[str, Any]:
    members = c.members
    anchor = members[0]  # earliest in the deterministic order: the event's identity
    # Event spans are often whole sentences, so the anchor's type and trigger
    # keep two events stated in one sentence apart.
    eid = content_id("ev", block, anchor.document_id, anchor.start, anchor.end, anchor.type,
                     anchor.trigger)

    def rep_key(m: Mention) -> tuple[Any, ...]:
        copied = groups.is_copied(m.document_id, m.sentence_idx)
        return (copied, _modality_rank(m.modality), -dates.precision(m.date_value), m.order)

    rep = min(members, key=rep_key)
    types = Counter(m.type for m in members)
    etype = max(types, key=lambda t: (types[t], t == rep.type, t))
    # Roles follow the representative mention; other mentions add actors it lacks
    # (a report told from the other side swaps source and target).
    source, target = list(rep.source), list(rep.target)
    for m in sorted(members, key=rep_key):
        for a in m.source + m.target:
            if a not in source and a not in target:
                (source if a in m.source else target).append(a)
    dated = [m for m in members if m.date_value]
    strong = [m for m in dated if m.date_basis in ("explicit", "relative")] or dated
    if strong:
        counts = Counter(m.date_value for m in strong)
        date_m = min(strong, key=lambda m: (-dates.precision(m.date_value),
                                            -counts[m.date_value], rep_key(m)))
        date_value, date_basis = date_m.date_value, date_m.date_basis
    else:
        date_value, date_basis = None, "none"
    # One vote per independent source: its strongest modality.
    per_group: dict[str, Mention] = {}
    by_doc: dict[str, int] = {}
    for m in sorted(members, key=lambda x: x.order):
        by_doc.setdefault(m.document_id, m.sentence_idx)
    group_of = {m.id: groups.event_group(m.document_id, m.sentence_idx, by_doc) for m in members}
    for m in sorted(members, key=rep_key):
        g = group_of[m.id]
        cur = per_group.get(g)
        if cur is None or _modality_rank(m.modality) < _modality_rank(cur.modality):
            per_group[g] = m
    modality = min((m.modality for m in per_group.values()), key=_modality_rank)
    qty_m = rep if rep.quantities else next((m for m in sorted(members, key=rep_key)
                                             if m.quantities), rep)
    loc_m = rep if rep.location else next((m for m in sorted(members, key=rep_key)
                                           if m.location), rep)
    attributed = list(dict.fromkeys(a for m in members for a in m.attributed))
    conf = confidence((m.modality, groups.outlet.get(g)) for g, m in sorted(per_group.items()))
    why = {
        "block": block,
        "anchor": anchor.ref,
        "independent_groups": {g: [x.ref for x in members if group_of[x.id] == g]
                               for g in sorted(per_group)},
        "decisions": c.decisions,
    }
    return {
        "id": eid, "type": etype, "cameo": rep.cameo, "intensity": rep.intensity,
        "source": source, "target": target, "date_value": date_value, "date_basis": date_basis,
        "date_sort": dates.sort_key(date_value), "location": loc_m.location,
        "quantities": qty_m.quantities, "modality": modality, "attributed_to": attributed,
        "independent_sources": len(per_group), "confidence": conf, "block_key": block,
        "why": why,
    }


def touched_blocks(conn: Connection, mentions: Sequence[Mention],
                   document_ids: Sequence[str] | None) -> set[str]:
    if document_ids is None:
        old = {r[0] for r in conn.execute(select(S.events.c.block_key).distinct())}
        return {m.block for m in mentions} | {b for b in old if b}
    ids = set(document_ids)
    blocks = {m.block for m in mentions if m.document_id in ids}
    em = S.event_mentions
    for chunk in _chunks(sorted(ids), 500):
        rows = conn.execute(
            select(S.events.c.block_key).distinct()
            .join(em, em.c.event_id == S.events.c.id).where(em.c.document_id.in_(chunk))
        )
        blocks.update(r[0] for r in rows if r[0])
    return blocks


def _chunks(items: Sequence[Any], n: int) -> Any:
    for i in range(0, len(items), n):
        yield items[i:i + n]


def block_events(block: str, mentions: Sequence[Mention], groups: SourceGroups,
                 cfg: dict[str, Any]) -> list[tuple[dict[str, Any], list[int]]]:
    """Cluster one block into events: (event row, its mention ids) per event.

    Pure given ``groups`` (no store access once its copied sentences are
    cached), so blocks can be clustered anywhere, e.g. on Spark executors.
    Event ids contain the block, so de-duplicating them per block suffices.
    """
    out: list[tuple[dict[str, Any], list[int]]] = []
    seen: set[str] = set()
    for c in cluster_block(mentions, cfg):
        row = event_row(c, block, groups, cfg)
        n = 1
        while row["id"] in seen:  # same anchor span, type and trigger: still distinct
            n += 1
            row["id"] = content_id("ev", block, c.members[0].document_id,
                                   c.members[0].start, c.members[0].type, n)
        seen.add(row["id"])
        out.append((row, [m.id for m in c.members]))
    return out


#: ``(mentions by block, source groups, cfg) -> block -> block_events(...)``
Clusterer = Callable[[dict[str, list[Mention]], SourceGroups, dict[str, Any]],
                     Mapping[str, list[tuple[dict[str, Any], list[int]]]]]


def cluster_blocks(by_block: dict[str, list[Mention]], groups: SourceGroups,
                   cfg: dict[str, Any]) -> dict[str, list[tuple[dict[str, Any], list[int]]]]:
    """The in-process :data:`Clusterer`: every block here, one after the other."""
    return {block: block_events(block, ms, groups, cfg) for block, ms in by_block.items()}


def run(store: Store, document_ids: Sequence[str] | None = None, *,
        cluster: Clusterer | None = None) -> dict[str, Any]:
    """Re-cluster the blocks ``document_ids`` touch; ``cluster`` replaces the
    in-process :func:`cluster_blocks` (the Spark engine clusters on executors)."""
    cfg = load_thresholds()["events"]
    with store.begin() as conn:
        amap = ActorMap(conn)
        groups = SourceGroups(conn)
        em = S.event_mentions
        if document_ids is None:
            mentions = load_mentions(conn, amap)
            blocks = touched_blocks(conn, mentions, None)
        else:
            ids = sorted(set(document_ids))
            mentions = []
            for chunk in _chunks(ids, 500):
                mentions += load_mentions(conn, amap, em.c.document_id.in_(chunk))
            blocks = touched_blocks(conn, mentions, ids)
            # The unchanged documents' mentions in those blocks.
            changed = set(ids)
            for chunk in _chunks(sorted(blocks), 200):
                in_blocks = select(S.events.c.id).where(S.events.c.block_key.in_(chunk))
                mentions += [m for m in load_mentions(conn, amap, em.c.event_id.in_(in_blocks),
                                                      stored_blocks=True)
                             if m.document_id not in changed]
        by_block: dict[str, list[Mention]] = {}
        for m in mentions:
            if m.block in blocks:
                by_block.setdefault(m.block, []).append(m)
        # Replace the events of the touched blocks.
        old_ids: list[str] = []
        for chunk in _chunks(sorted(blocks), 500):
            old_ids += [r[0] for r in conn.execute(
                select(S.events.c.id).where(S.events.c.block_key.in_(chunk)))]
        delete_events(conn, old_ids)
        for chunk in _chunks(old_ids, 500):
            conn.execute(delete(S.events).where(S.events.c.id.in_(chunk)))
            conn.execute(update(S.event_mentions).where(S.event_mentions.c.event_id.in_(chunk))
                         .values(event_id=None))
        rows: list[dict[str, Any]] = []
        assign: list[dict[str, Any]] = []
        merged = 0
        # Source groups align every copy with its source: in bulk, before clustering.
        prefetch_alignments(conn, groups.copy_of, {m.document_id for ms in by_block.values()
                                                   for m in ms})
        clustered = (cluster or cluster_blocks)(by_block, groups, cfg)
        for block in sorted(by_block):
            for row, member_ids in clustered[block]:
                rows.append(row)
                merged += len(member_ids) > 1
                assign += [{"mid": mid, "eid": row["id"]} for mid in member_ids]
        if rows:
            conn.execute(insert(S.events), rows)
            doc_of = {m.id: m.document_id for ms in by_block.values() for m in ms}
            docs: dict[str, set[str]] = {}
            for a in assign:
                docs.setdefault(a["eid"], set()).add(doc_of[a["mid"]])
            add_events(conn, rows, docs)
        if assign:
            conn.execute(
                update(S.event_mentions).where(S.event_mentions.c.id == bindparam("mid"))
                .values(event_id=bindparam("eid")),
                assign,
            )
        # Events left without mentions (a re-extracted document whose mentions
        # moved to other blocks) are removed.
        linked = select(em.c.event_id).where(em.c.event_id.is_not(None))
        orphans = [r[0] for r in conn.execute(select(S.events.c.id)
                                              .where(S.events.c.id.not_in(linked)))]
        delete_events(conn, orphans)
        for chunk in _chunks(orphans, 500):
            conn.execute(delete(S.events).where(S.events.c.id.in_(chunk)))
    return {"blocks": len(blocks), "events": len(rows), "merged": merged,
            "mentions": len(assign)}
