"""Event coreference: mentions of one real-world event become one event.

Blocking keeps comparisons local and incremental: a mention's block is (the
states involved, completed from its sentence or document when it names one side
only; the family of compatible types it belongs to; the year of its date or else
of its publication). Mentions in different blocks are
never merged, so two visits a year apart stay two events, while a deal that one
outlet calls AGREE and another COOPERATE, or that one outlet dates and another
does not, is compared. Inside a block every mention is checked against the
events formed so far for vetoes and scored on the evidence
(:mod:`accord.reconcile.eventscore`; weights and thresholds in
``data/thresholds.yaml``, the type table in ``data/event_coref.yaml``) and joins
the best one at or above the merge score. Each decision, with its score
breakdown and the closest rejected pair, is stored in ``events.why``.

A block is clustered in an order that depends only on the documents
(publication date, document id, offset), so building a corpus in one go and
adding it file by file give the same events with the same ids. An add
continues a block's clustering from its stored events (:func:`_extensible`):
the greedy pass had placed every mention before the first new one exactly as
stored, so only the new mentions and those after them are placed again.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping, Sequence
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, String, bindparam, cast, delete, insert, select, update

from ..store import schema as S
from ..store.pairs import add_events, delete_events
from ..store.rows import chunks as _chunks
from . import dates, eventjudge, eventscore
from .actormap import ActorMap
from .copies import prefetch_alignments
from .corroboration import SourceGroups, confidence
from .eventindex import DateIndex
from .eventjudge import Constraints
from .eventscore import FACTUAL, directed, family, objects_of, quantity_relation, type_score
from .ids import content_id
from .settings import load_thresholds
from .textsim import normalise

if TYPE_CHECKING:
    from ..store import Store

#: What the last incremental :func:`run` changed, for the contradiction step of
#: the same reconcile: (its documents, event ids written, event ids removed, the
#: documents with a mention now in another event than before, and the date-pair
#: groups (key, type, actors) the removed or rewritten events were in).
LAST_CHANGE: ContextVar[tuple[frozenset[str], frozenset[str], frozenset[str],
                              frozenset[str], frozenset[Any]] | None] = \
    ContextVar("accord_events_last_change", default=None)

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
    #: The stored event it belongs to (mentions of unchanged documents), and whether
    #: it is a complement that joined its head's event (set when clusters are rebuilt).
    event_id: str | None = None
    complement: bool = False
    #: The states the source and target actors act for (an official, a ministry and
    #: a company count for their state), resolved when loaded.
    source_states: list[str] = field(default_factory=list)
    target_states: list[str] = field(default_factory=list)
    #: day | week | ... as extracted; None: read from the value's shape (older stores).
    date_granularity: str | None = None

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
        """Stable reference (no row id): two events of one sentence share its span, so
        the type tells them apart."""
        return {"document": self.document_id, "start": self.start, "end": self.end,
                "type": self.type}

    @cached_property
    def actors(self) -> frozenset[str]:
        return frozenset(self.source) | frozenset(self.target)

    @cached_property
    def objects(self) -> frozenset[str]:
        """Object classes its sentence names (deal, drone, ...; data/event_coref.yaml)."""
        return objects_of(self.text)


@dataclass
class Cluster:
    members: list[Mention] = field(default_factory=list)
    decisions: list[dict[str, Any]] = field(default_factory=list)
    #: Analyst judgements that shaped it (``accord judge events``).
    judgements: list[str] = field(default_factory=list)
    #: The id of the stored event it was rebuilt from (an add extending a block).
    stored_id: str | None = None


def _jsonlist(value: Any) -> list[Any]:
    if value is None:
        return []
    if isinstance(value, str):
        return list(json.loads(value))
    return list(value)


def load_mentions(conn: Connection, amap: ActorMap, where: Any = None,
                  stored_blocks: bool = False,
                  judged: dict[str, Any] | None = None) -> list[Mention]:
    """Event mentions (all, or those matching ``where``) with their block keys.

    With ``stored_blocks`` the block is read from the mention's current event
    instead of recomputed: used for mentions of documents that did not change,
    whose block cannot have changed either.
    """
    em, d = S.event_mentions, S.documents
    cols = [em.c.id, em.c.document_id, d.c.published, em.c.sentence_idx, em.c.start, em.c.end,
            em.c.text, em.c.trigger, em.c.type, em.c.cameo, em.c.intensity, em.c.source_keys,
            em.c.target_keys, em.c.date_value, em.c.date_basis, em.c.date_granularity,
            em.c.location,
            em.c.quantities, em.c.modality, em.c.attributed_keys]
    stmt = select(*cols).join(d, d.c.id == em.c.document_id)
    if stored_blocks:
        stmt = select(*cols, S.events.c.block_key, em.c.event_id).join(
            d, d.c.id == em.c.document_id).join(S.events, S.events.c.id == em.c.event_id)
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
            date_granularity=r.date_granularity if r.date_value and r.date_basis != "none"
            else None,
            location=r.location, quantities=_jsonlist(r.quantities),
            modality=eventscore.coref_modality(r.text, r.trigger, r.modality),
            attributed=list(dict.fromkeys(amap.resolve(k) for k in _jsonlist(r.attributed_keys))),
        )
        m.norm = normalise(m.text)
        m.source_states = sorted({amap.state_of(a) for a in m.source})
        m.target_states = sorted({amap.state_of(a) for a in m.target})
        if stored_blocks:
            m.block, m.event_id = r.block_key, r.event_id
        out.append(m)
    if not stored_blocks:
        context = _context_actors(out)
        sentence_states = _sentence_states(conn, amap, out)
        # Per document and type family: the state sets its events name with both sides;
        # under "*" those of every family, for a mention whose family has none ("the
        # agreement was signed at a meeting of the two presidents": the deal's pair).
        doc_sets: dict[tuple[str, str], list[frozenset[str]]] = {}
        for m in out:
            both = frozenset(m.source_states) | frozenset(m.target_states)
            if len(both) >= 2 and not directed(m.type):
                doc_sets.setdefault((m.document_id, family(m.type)), []).append(both)
                doc_sets.setdefault((m.document_id, "*"), []).append(both)
        # Per document: the years of the dates its events state (see block_year).
        year_start_days = int(load_thresholds()["events"].get("year_start_days", 0))
        doc_years: dict[str, set[str]] = {}
        for m in out:
            if m.date_value and m.date_basis in eventscore.STATED:
                doc_years.setdefault(m.document_id, set()).add(m.date_value[:4])
        for m in out:
            named = sentence_states.get((m.document_id, m.sentence_idx), ())
            m.block = block_key(m, amap, context.get(m.id, ()), _nearest_first(m, named),
                                doc_sets.get((m.document_id, family(m.type)))
                                or doc_sets.get((m.document_id, "*")) or (),
                                doc_years.get(m.document_id, ()), year_start_days)
        # A complement ("agreed *to buy*") is part of its head's statement: same block.
        by_id = {m.id: m for m in out}
        for cid, hid in complements(out).items():
            by_id[cid].block = by_id[hid].block
        # Mentions an analyst merged are clustered together: in the first of their blocks.
        by_key = {(m.document_id, m.start, m.end, m.type): m for m in out}
        for j in (judged or {}).get("must") or []:
            ms = [by_key[k] for k in map(tuple, j["a"] + j["b"]) if k in by_key]
            if ms:
                block = min(m.block for m in ms)
                for m in ms:
                    m.block = block
    return out


def _sentence_states(conn: Connection, amap: ActorMap, mentions: Sequence[Mention]
                     ) -> dict[tuple[str, int], list[tuple[int, str]]]:
    """(document, sentence) -> (offset, state) of every actor named in the sentence,
    for the mentions that name fewer than two states themselves (blocking only)."""
    wanted = {(m.document_id, m.sentence_idx) for m in mentions
              if len({s for s in m.source_states + m.target_states if is_state(s)}) < 2}
    out: dict[tuple[str, int], list[tuple[int, str]]] = {}
    if not wanted:
        return out
    mt = S.mentions
    docs = sorted({d for d, _ in wanted})
    for chunk in _chunks(docs, 500):
        rows = conn.execute(select(mt.c.document_id, mt.c.sentence_idx, mt.c.start, mt.c.key)
                            .where(mt.c.document_id.in_(chunk), mt.c.is_actor.is_(True)))
        for did, idx, start, key in rows:
            if (did, idx) in wanted:
                out.setdefault((did, idx), []).append(
                    (int(start), amap.state_of(amap.resolve(key))))
    return out


def _nearest_first(m: Mention, named: Sequence[tuple[int, str]]) -> list[str]:
    """The states a sentence names, nearest to the mention's trigger first."""
    verb = m.trigger.split()[0] if m.trigger.strip() else ""
    at = m.text.find(verb) if verb else -1
    pos = m.start + (at if at >= 0 else 0)
    return list(dict.fromkeys(st for _, st in sorted(named, key=lambda x: (abs(x[0] - pos),
                                                                          x[1]))))


def block_key(m: Mention, amap: ActorMap, context: Sequence[str] = (),
              sentence_states: Sequence[str] | set[str] = (),
              doc_sets: Sequence[frozenset[str]] = (),
              doc_years: Sequence[str] | set[str] = (), year_start_days: int = 0) -> str:
    """(states, type family, year); see the module docstring and :func:`block_for`.

    ``context`` gives the actors of a mention that names none ("the two signed"):
    those of the nearest preceding event in its document. ``sentence_states`` are
    the states its sentence names; ``doc_sets`` the state sets of the events of its
    type family that its document states with both sides; ``doc_years`` the years
    of the dates its document's events state. The year is :func:`block_year`.
    """
    context_states = {amap.state_of(a) for a in context}
    return block_for(m.type, m.source_states, m.target_states,
                     block_year(m, doc_years, year_start_days), context_states,
                     sentence_states, doc_sets)


def block_year(m: Mention, doc_years: Sequence[str] | set[str] = (),
               year_start_days: int = 0) -> str:
    """The year a mention is blocked under: its stated date's, else its publication's,
    so an undated report of a deal is compared with the dated ones of its year.

    Except across the turn of a year: a document published in the first
    ``year_start_days`` days of a year whose events state dates, none of them in
    that year (a January paper on the autumn's plot), tells what it leaves undated
    about the year before, where it is blocked. Later in the year an undated
    mention stays in its publication's year, however old the document's other
    dates (a report of today's deal with a paragraph on a 2010 raid).
    """
    if m.date_value and m.date_basis in eventscore.STATED:
        return m.date_value[:4]
    pub = m.published or ""
    if (pub[:4].isdigit() and doc_years and max(doc_years) < pub[:4]
            and _day_of_year(pub) <= year_start_days):
        return str(int(pub[:4]) - 1)
    return (m.date_value or pub)[:4]


def _day_of_year(value: str) -> int:
    """1 for 1 January; a month-precision date counts from its first day."""
    try:
        parts = [int(p) for p in value.split("-")]
        month, day = (parts + [1, 1])[1:3]
        return (date(parts[0], month, day) - date(parts[0], 1, 1)).days + 1
    except (ValueError, IndexError):
        return 366


def block_for(event_type: str, source_states: Sequence[str], target_states: Sequence[str],
              year: str | None, context_states: Sequence[str] | set[str] = (),
              sentence_states: Sequence[str] | set[str] = (),
              doc_sets: Sequence[frozenset[str]] = ()) -> str:
    """The block key from its parts; bulk loaders that write events directly use it
    too, so that later adds meet those events.

    Directed types (conflict) block on the side acted on, else on who acts, else on
    the state its sentence names nearest the trigger: the attacked side is what
    outlets name most reliably ("gunmen attacked Kenyan posts" names no attacker),
    and "A strikes B" and "B strikes A" (a retaliation) are never compared. Others
    block on the pair of states involved, completed when the mention names one side
    only: by the other state its sentence names (if it
    names several, the one its document pairs it with elsewhere, else the one
    nearest the trigger; ``sentence_states`` come nearest first), else by
    the partner its document names in another event of the family. So "Kenya signed
    with South Korea", "South Korea sold to Kenya" and "Kenya agreed to buy drones
    from Seoul" meet, while two unrelated pairs of states are never compared.
    """
    if directed(event_type):
        states = (set(target_states or source_states)
                  or set(list(dict.fromkeys(sentence_states))[:1]) or set(context_states))
    else:
        states = set(source_states) | set(target_states) or set(context_states)
        real = {s for s in states if is_state(s)}
        if len(real) >= 2:
            states = real  # "Seoul's Hanwha sold to Kenya": the states, not the firm
        acting = set(source_states) & states
        if len(states) > 2 and len(acting) == 2:
            states = acting  # "A and B signed, angering C": the pair that acts
        if len(real) == 1 and len(states) > 1:
            # "Brazilian planemaker Embraer agreed to sell to Peru", Embraer of no known
            # country: outlets share the pair of states, not how each names the firm.
            other = [o for o in dict.fromkeys(sentence_states) if is_state(o) and o not in real]
            if other or any(real < d and all(is_state(x) for x in d) for d in doc_sets):
                states = real
                sentence_states = other
                doc_sets = [d for d in doc_sets if all(is_state(x) for x in d)]
        if len(states) < 2:
            others = [o for o in dict.fromkeys(sentence_states) if o not in states]
            if states and len(others) > 1:
                # The one its document pairs it with elsewhere, else the nearest.
                paired = [o for o in others if any(states | {o} <= d for d in doc_sets)]
                others = [paired[0] if paired else others[0]]
            states |= set(others)
        if len(states) == 1:
            partners = sorted(min(d - states) for d in doc_sets if states < d)
            if partners:
                states.add(partners[0])
    key = "+".join(sorted(states)) or "-"
    return f"{key}|{family(event_type)}|{(year or '')[:4] or 'undated'}"


def is_state(actor: str) -> bool:
    """Whether an actor (as ``ActorMap.state_of`` gives it) is a state; an actor of no
    known country stands for itself."""
    return actor.startswith(("state:", "state-"))


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


def complements(mentions: Sequence[Mention]) -> dict[int, int]:
    """Complement mention id -> its head's id.

    "Kenya agreed *to buy* drones": the planned purchase is what the (factual)
    agreement in the same sentence commits to, not a second event; so is "signed an
    agreement under which X *would sell*". A planned or hypothetical mention (or a
    to-infinitive) of a compatible type whose sentence has a factual mention of another
    type (and no different amount) follows that mention into its event.
    """
    by_sentence: dict[tuple[str, int], list[Mention]] = {}
    for m in mentions:
        by_sentence.setdefault((m.document_id, m.sentence_idx), []).append(m)
    out: dict[int, int] = {}
    for ms in by_sentence.values():
        if len(ms) < 2:
            continue
        heads = sorted((m for m in ms if m.modality in FACTUAL), key=lambda x: x.order)
        for m in sorted(ms, key=lambda x: x.order):
            if m.modality not in eventscore.UNREAL and not _infinitive(m):
                continue
            fits = [h for h in heads if h.type != m.type and type_score(h, m) > 0
                    and quantity_relation(h, m, {"exact": 0.02}) != "differ"]
            if fits:
                head = min(fits, key=lambda h: (abs(h.start - m.start), h.order))
                out[m.id] = head.id
    return out


def _infinitive(m: Mention) -> bool:
    """Whether the trigger is a to-infinitive ("signed a deal *to buy*"), whatever
    modality the sentence's attribution gave it."""
    verb = m.trigger.split()[0] if m.trigger.strip() else ""
    return bool(verb) and re.search(rf"\bto\s+{re.escape(verb)}\b", m.text, re.I) is not None


# -- scoring ---------------------------------------------------------------------
def score(a: Mention, b: Mention, cfg: dict[str, Any]) -> dict[str, Any]:
    """Score breakdown for two mentions of one block; ``total`` is None when vetoed."""
    return eventscore.score(a, b, cfg)


class _Origins:
    """Whether two mentions are one statement: one sentence copied from the other."""

    def __init__(self, groups: SourceGroups | None):
        self.groups = groups
        self._memo: dict[tuple[str, int], str] = {}
        self._sources: dict[str, frozenset[str]] = {}

    def of(self, m: Mention) -> str:
        """The (document, sentence) a mention's sentence was first written in."""
        key = (m.document_id, m.sentence_idx)
        if key not in self._memo:
            cur, idx, seen = m.document_id, m.sentence_idx, {m.document_id}
            while self.groups is not None:
                hop = self.groups.copied_sentences(cur).get(idx)
                if hop is None or hop[0] in seen:
                    break
                cur, idx = hop
                seen.add(cur)
            self._memo[key] = f"{cur}#{idx}"
        return self._memo[key]

    def same(self, a: Mention, b: Mention) -> bool:
        if a.document_id == b.document_id:
            return False
        if self.groups is None or self.sources(a).isdisjoint(self.sources(b)):
            return False  # no sentence alignment needed to know
        return self.of(a) == self.of(b)

    def sources(self, m: Mention) -> frozenset[str]:
        """The documents ``m``'s origin can lie in: its own and those it copies
        (known from ``copy_of`` alone, without aligning sentences)."""
        doc = m.document_id
        if doc not in self._sources:
            chain = self.groups.chain(doc) if self.groups is not None else []
            self._sources[doc] = frozenset([doc, *chain])
        return self._sources[doc]


def cluster_block(mentions: Sequence[Mention], cfg: dict[str, Any],
                  groups: SourceGroups | None = None, stats: dict[str, int] | None = None,
                  prior: Sequence[Cluster] = ()) -> list[Cluster]:
    """Greedy, order-independent clustering of one block (input order is re-sorted).

    Each mention joins the event whose best-scoring member reaches ``merge_score``,
    unless any member of that event vetoes it (complete link for vetoes: a plan
    never joins an event that holds a fact, whichever member it resembles most).
    Complements join their head's event. ``stats['pairs']`` counts scored pairs.

    ``prior`` continues a clustering: the clusters the block's earlier mentions
    formed (in creation order, members in the order they joined, without analyst
    judgements). Every mention given must come after all of theirs in
    :attr:`Mention.order`; the result is then the one clustering all of them gives,
    since the greedy pass had placed the earlier ones exactly so. The prior
    clusters are extended in place and returned first.
    """
    threshold = float(cfg["merge_score"])
    max_compare = int(cfg.get("max_compare_per_event", 8))
    max_veto = int(cfg.get("max_veto_checks_per_event", 64))
    origins = _Origins(groups)
    heads = complements(mentions)
    judged = Constraints(cfg.get("judgements"), mentions)
    # Origins are looked up (sentences aligned) only where a copy can be involved.
    index = DateIndex(int(cfg["date_near_days"]), origins.of, origins.sources)
    clusters: list[Cluster] = list(prior)
    where: dict[int, int] = {}
    for ci, c in enumerate(clusters):
        for m in c.members:
            where[m.id] = ci
            if not m.complement:
                index.add(ci, m)
    pairs = 0
    ordered = sorted(mentions, key=lambda x: x.order)
    for m in ordered:
        if m.id in heads:
            continue
        group = judged.group.get(m.id)
        forced = next((ci for ci, c in enumerate(clusters) if group is not None
                       and any(judged.group.get(o.id) == group for o in c.members)), None)
        if forced is not None:  # an analyst merged it with a mention already placed
            c = clusters[forced]
            other = next(o for o in c.members if judged.group.get(o.id) == group)
            c.members.append(m)
            where[m.id] = forced
            index.add(forced, m)
            note = judged.merged_by(m.id)
            c.judgements.append(note)
            c.decisions.append({"mention": {**m.ref, "trigger": m.trigger}, "text": m.text,
                                "pairs": 0, "joined": {"with": other.ref, "score": None,
                                                       "parts": {"judgement": note}}})
            continue
        best: tuple[float, int, Mention, dict[str, Any]] | None = None
        rejected: tuple[float, Mention, dict[str, Any]] | None = None
        mp = 0
        for ci in index.candidates(m):
            c = clusters[ci]
            # Incompatible types never merge: skip them before the costly scoring.
            if type_score(m, c.members[0]) == 0.0:
                continue
            own = [o for o in c.members if o.id not in heads and not o.complement]
            # A copy of one of the event's statements may alter its values (a copy
            # alteration): only the kind of statement is checked then.
            copied = any(origins.same(m, o) for o in own)
            blocked = None
            split_by = None
            if judged.apart:
                blocked = next((o for o in c.members if judged.apart_by(m.id, o.id)), None)
                split_by = blocked and judged.apart_by(m.id, blocked.id)
            for other in ([] if blocked else own[:max_veto]):
                v = eventscore.veto(m, other, cfg, same_statement=copied)
                if v:
                    blocked = other
                    break
            if blocked is not None:
                if split_by and split_by not in c.judgements:
                    c.judgements.append(split_by)
                if rejected is None:
                    mp += 1
                    parts = score_pair(m, blocked, cfg, origins)
                    if split_by:
                        parts = {**parts, "total": None, "veto": split_by}
                    rejected = (-1.0, blocked, parts)
                continue
            for other in own[:max_compare]:
                mp += 1
                parts = score_pair(m, other, cfg, origins)
                total = parts["total"]
                if total is not None and total >= threshold:
                    if best is None or total > best[0]:
                        best = (total, ci, other, parts)
                else:
                    val = total if total is not None else -1.0
                    if rejected is None or val > rejected[0]:
                        rejected = (val, other, parts)
        pairs += mp
        decision: dict[str, Any] = {"mention": {**m.ref, "trigger": m.trigger}, "text": m.text,
                                    "pairs": mp}
        if best is None:
            clusters.append(Cluster([m]))
            decision["joined"] = None
            target = clusters[-1]
        else:
            target = clusters[best[1]]
            target.members.append(m)
            decision["joined"] = {"with": best[2].ref, "score": best[0], "parts": best[3]}
        where[m.id] = len(clusters) - 1 if best is None else best[1]
        index.add(where[m.id], m)
        if rejected is not None:
            decision["closest_rejected"] = {"with": rejected[1].ref, "parts": rejected[2]}
        target.decisions.append(decision)
    by_id = {m.id: m for m in mentions}
    for m in ordered:
        hid = heads.get(m.id)
        if hid is None:
            continue
        target = clusters[where[hid]]
        target.members.append(m)
        where[m.id] = where[hid]
        target.decisions.append({
            "mention": {**m.ref, "trigger": m.trigger}, "text": m.text,
            "joined": {"with": by_id[hid].ref, "score": None, "parts": {
                "complement": f"what the {by_id[hid].type} in the same sentence commits to"}}})
    if stats is not None:
        stats["pairs"] = stats.get("pairs", 0) + pairs
    return clusters


def score_pair(a: Mention, b: Mention, cfg: dict[str, Any], origins: _Origins) -> dict[str, Any]:
    return eventscore.score(a, b, cfg, same_statement=origins.same(a, b))


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
    by_doc: dict[str, int] = {}
    for m in sorted(members, key=lambda x: x.order):
        by_doc.setdefault(m.document_id, m.sentence_idx)
    group_of = {m.id: groups.event_group(m.document_id, m.sentence_idx, by_doc) for m in members}
    # Originals that credit one wire, days apart, are that wire's one story.
    leads = groups.wire_leads(set(group_of.values()))
    group_of = {k: leads.get(g, g) for k, g in group_of.items()}
    # Fields by vote, one vote per independent source (a copy and its original are
    # one). The type: among the mentions that state the event (a complement such as
    # "to buy" is not a vote against "signed").
    voters = [m for m in members if m.modality not in eventscore.UNREAL] or list(members)
    type_groups: dict[str, set[str]] = {}
    for m in voters:
        type_groups.setdefault(m.type, set()).add(group_of[m.id])
    etype = max(type_groups, key=lambda t: (len(type_groups[t]), t == rep.type, t))
    # Roles follow the representative mention; other mentions add actors it lacks
    # (a report told from the other side swaps source and target).
    source, target = list(rep.source), list(rep.target)
    for m in sorted(members, key=rep_key):
        for a in m.source + m.target:
            if a not in source and a not in target:
                (source if a in m.source else target).append(a)
    # The date: the value the most independent sources support (a source supports a
    # value when its own date is that value or a coarser form of it), then the most
    # precise; dates stated in the text outvote those taken from publication.
    dated = [m for m in members if m.date_value]
    strong = [m for m in dated if m.date_basis in ("explicit", "relative")] or dated
    if strong:
        def support(v: str) -> int:
            return len({group_of[m.id] for m in strong
                        if m.date_value and v.startswith(m.date_value)})

        date_m = min(strong, key=lambda m: (-support(m.date_value or ""),
                                            -dates.precision(m.date_value), rep_key(m)))
        date_value, date_basis = date_m.date_value, date_m.date_basis
        date_granularity = date_m.date_granularity
    else:
        date_value, date_basis, date_granularity = None, "none", None
    # One vote per independent source: its strongest modality.
    per_group: dict[str, Mention] = {}
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
        # Each outlet once, and which of them copy another (their mentions count for
        # the original).
        "outlets": [{"document": d, "outlet": groups.outlet.get(d),
                     "copy_of": groups.copy_of.get(d),
                     "counts_for": sorted({group_of[x.id] for x in members
                                           if x.document_id == d}),
                     **({"wire": groups.wires.known.get(d)} if d in leads else {})}
                    for d in sorted(by_doc)],
        "decisions": c.decisions,
        "judgements": sorted(set(c.judgements)),
    }
    type_m = rep if rep.type == etype else min((m for m in members if m.type == etype),
                                                key=rep_key)
    return {
        "id": eid, "type": etype, "cameo": type_m.cameo, "intensity": type_m.intensity,
        "source": source, "target": target, "date_value": date_value, "date_basis": date_basis,
        "date_granularity": date_granularity,
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



def block_events(block: str, mentions: Sequence[Mention], groups: SourceGroups,
                 cfg: dict[str, Any], stats: dict[str, int] | None = None
                 ) -> list[tuple[dict[str, Any], list[int]]]:
    """Cluster one block into events: (event row, its mention ids) per event.

    Pure given ``groups`` (no store access once its copied sentences are
    cached), so blocks can be clustered anywhere, e.g. on Spark executors.
    Event ids contain the block, so de-duplicating them per block suffices.
    """
    out: list[tuple[dict[str, Any], list[int]]] = []
    seen: set[str] = set()
    for c in cluster_block(mentions, cfg, groups, stats):
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


def _extensible(conn: Connection, by_block: Mapping[str, list[Mention]], changed: set[str],
                redone: set[str], groups: SourceGroups
                ) -> dict[str, tuple[list[Cluster], list[Mention]]]:
    """The touched blocks an add can continue instead of re-clustering: per block,
    the clusters its stored mentions *before* the first new one formed (see
    ``prior`` in :func:`cluster_block`) and the stored mentions after it, which
    are placed again with the new ones.

    News mostly arrives in publication order, so usually nothing comes after and
    only the new mentions are scored. A block is re-clustered whole when a stored
    event of it held a mention of a changed document (re-extracted or reconciled
    again) or a stored mention's sentence was copied from a changed document (an
    original added after its copy changes the copy's statement). Either way the
    result is the one re-clustering the block gives.
    """
    candidates: dict[str, tuple[list[Mention], list[Mention]]] = {}
    for block, ms in by_block.items():
        new = [m for m in ms if m.document_id in changed]
        old = [m for m in ms if m.document_id not in changed]
        if block in redone or not new or not old or any(m.event_id is None for m in old):
            continue
        cut = min(m.order for m in new)
        if min(m.order for m in old) > cut:
            continue  # nothing comes before: the whole block is placed again anyway
        candidates[block] = (new, old)
    if not candidates:
        return {}
    # Stored events that listed a changed document (its mentions since replaced).
    why = cast(S.events.c.why, String)
    for chunk in _chunks(sorted(candidates), 200):
        for doc in sorted(changed):
            for r in conn.execute(select(S.events.c.block_key).distinct().where(
                    S.events.c.block_key.in_(chunk), why.contains(f'"{doc}"'))):
                candidates.pop(r[0], None)
    # Documents copying a changed one, directly or down a chain.
    copying: set[str] = set()
    frontier = set(changed)
    while frontier:
        found: set[str] = set()
        for chunk in _chunks(sorted(frontier), 500):
            found.update(r[0] for r in conn.execute(
                select(S.documents.c.id).where(S.documents.c.copy_of.in_(chunk))))
        frontier = found - copying - changed
        copying |= frontier
    out: dict[str, tuple[list[Cluster], list[Mention]]] = {}
    for block, (new, old) in sorted(candidates.items()):
        if any(m.document_id in copying for m in old):
            continue
        cut = min(m.order for m in new)
        # Documents sort whole (publication, id, offset) and a complement shares its
        # head's sentence, so the cut never separates the two.
        heads = complements(old)
        by_event: dict[str, list[Mention]] = {}
        after: list[Mention] = []
        for m in sorted(old, key=lambda x: x.order):
            m.complement = m.id in heads
            if m.order < cut:
                by_event.setdefault(m.event_id or "", []).append(m)
            else:
                after.append(m)
        clusters = [Cluster([m for m in ms if not m.complement]
                            + [m for m in ms if m.complement], stored_id=eid)
                    for eid, ms in by_event.items() if any(not m.complement for m in ms)]
        out[block] = (sorted(clusters, key=lambda c: c.members[0].order), after)
    return out


def _complement_decision(d: Mapping[str, Any]) -> bool:
    return "complement" in ((d.get("joined") or {}).get("parts") or {})


def _ref_key(ref: Mapping[str, Any]) -> tuple[Any, ...]:
    return (ref.get("document"), ref.get("start"), ref.get("end"), ref.get("type"))


def extend_block(conn: Connection, block: str, prior: list[Cluster], again: Sequence[Mention],
                 stored: Mapping[str, set[int]], groups: SourceGroups, cfg: dict[str, Any],
                 stats: dict[str, int]) -> tuple[list[tuple[dict[str, Any], list[int]]], list[str]]:
    """Continue a block's clustering with the mentions ``again`` (new ones and the
    stored ones after them): (event row, member ids) of the events that changed
    or are new, and the stored event ids that go (``stored``: id -> member ids)."""
    n_prior = len(prior)
    clusters = cluster_block(again, cfg, groups, stats, prior=prior)
    heads = complements(again)
    for m in again:
        m.complement = m.id in heads
    keep: set[str] = set()
    todo: list[tuple[int, Cluster]] = []
    for i, c in enumerate(clusters):
        ids = {m.id for m in c.members}
        eid = c.stored_id if i < n_prior else c.members[0].event_id
        if eid is not None and stored.get(eid) == ids:
            keep.add(eid)  # the same event as stored
        else:
            todo.append((i, c))
    old_why: dict[str, Any] = {}
    wanted = sorted({m.event_id for _i, c in todo for m in c.members
                     if m.event_id and m.event_id in stored})
    for chunk in _chunks(wanted, 500):
        old_why.update(conn.execute(select(S.events.c.id, S.events.c.why)
                                    .where(S.events.c.id.in_(chunk))).all())
    decided: dict[tuple[Any, ...], dict[str, Any]] = {}
    for why in old_why.values():
        why = json.loads(why) if isinstance(why, str) else (why or {})
        for d in why.get("decisions") or []:
            decided.setdefault(_ref_key(d.get("mention") or {}), d)
    out: list[tuple[dict[str, Any], list[int]]] = []
    seen = {c.stored_id or "" for c in prior} | keep
    for i, c in todo:
        # Members and decisions in the order one clustering of them all gives:
        # statements by order, then complements (they join their head last).
        c.members = (sorted((m for m in c.members if not m.complement), key=lambda m: m.order)
                     + sorted((m for m in c.members if m.complement), key=lambda m: m.order))
        mine = {_ref_key(d.get("mention") or {}): d for d in c.decisions}
        c.decisions = [d for m in c.members
                       if (d := mine.get(_ref_key(m.ref)) or decided.get(_ref_key(m.ref)))]
        row = event_row(c, block, groups, cfg)
        if i < n_prior:
            row["id"] = c.stored_id  # its identity: the anchor, which came first
        else:
            n = 1
            while row["id"] in seen:  # as block_events numbers them
                n += 1
                row["id"] = content_id("ev", block, c.members[0].document_id,
                                       c.members[0].start, c.members[0].type, n)
        seen.add(row["id"])
        out.append((row, [m.id for m in c.members]))
    return out, sorted(set(stored) - keep)


def _date_groups(conn: Connection, event_ids: Sequence[str]
                 ) -> dict[str, tuple[str, str, tuple[str, ...]]]:
    """Event id -> its date-pair group (:func:`contradictions.date_pair_group`), for
    stored events about to be deleted."""
    from .contradictions import date_pair_group

    ev = S.events
    out: dict[str, tuple[str, str, tuple[str, ...]]] = {}
    for chunk in _chunks(sorted(event_ids), 500):
        for r in conn.execute(select(ev.c.id, ev.c.type, ev.c.source, ev.c.target,
                                     ev.c.date_value).where(ev.c.id.in_(chunk))):
            if (group := date_pair_group(r)) is not None:
                out[r.id] = group
    return out


def run(store: Store, document_ids: Sequence[str] | None = None, *,
        cluster: Clusterer | None = None) -> dict[str, Any]:
    """Re-cluster the blocks ``document_ids`` touch; ``cluster`` replaces the
    in-process :func:`cluster_blocks` (the Spark engine clusters on executors)."""
    cfg = load_thresholds()["events"]
    with store.begin() as conn:
        amap = ActorMap(conn)
        groups = SourceGroups(conn)
        em = S.event_mentions
        judgements = eventjudge.load(conn)
        spec, skipped = eventjudge.constraints(judgements)
        if judgements:
            cfg = {**cfg, "judgements": spec}
        if document_ids is None:
            mentions = load_mentions(conn, amap, judged=spec)
            blocks = touched_blocks(conn, mentions, None)
            if judgements:  # report those whose mentions are gone
                present = {(m.document_id, m.start, m.end, m.type) for m in mentions}
                spec, skipped = eventjudge.constraints(judgements, present)
                cfg = {**cfg, "judgements": spec}
        else:
            ids = sorted(set(document_ids))
            mentions = []
            for chunk in _chunks(ids, 500):
                mentions += load_mentions(conn, amap, em.c.document_id.in_(chunk), judged=spec)
            blocks = touched_blocks(conn, mentions, ids)
            # The unchanged documents' mentions in those blocks.
            changed = set(ids)
            redone: set[str] = set()  # blocks holding stored mentions of changed documents
            for chunk in _chunks(sorted(blocks), 200):
                in_blocks = select(S.events.c.id).where(S.events.c.block_key.in_(chunk))
                for m in load_mentions(conn, amap, em.c.event_id.in_(in_blocks),
                                       stored_blocks=True):
                    if m.document_id in changed:
                        redone.add(m.block)
                    else:
                        mentions.append(m)
        by_block: dict[str, list[Mention]] = {}
        for m in mentions:
            if m.block in blocks:
                by_block.setdefault(m.block, []).append(m)
        # Blocks an add only extends: their stored events stay, new mentions join them.
        extend: dict[str, tuple[list[Cluster], list[Mention]]] = {}
        if document_ids is not None:  # their documents' copy chains, in a few queries
            groups.prefetch({m.document_id for ms in by_block.values() for m in ms})
        if document_ids is not None and cluster is None and not judgements:
            extend = _extensible(conn, by_block, set(document_ids), redone, groups)
        # Source groups align every copy with its source: in bulk, before clustering
        # re-clustered blocks. An extended block aligns only what its placements and
        # changed events ask about (most stored mentions it places again are no copy
        # of anything placed with them).
        placed = {m.document_id for b, ms in by_block.items() if b not in extend for m in ms}
        prefetch_alignments(conn, groups.copy_of, placed | set(document_ids or ()))
        # Replace the events of the touched blocks (of extended ones: those that change).
        old_ids: list[str] = []
        for chunk in _chunks(sorted(b for b in blocks if b not in extend), 500):
            old_ids += [r[0] for r in conn.execute(
                select(S.events.c.id).where(S.events.c.block_key.in_(chunk)))]
        stats: dict[str, int] = {}
        extended: dict[str, list[tuple[dict[str, Any], list[int]]]] = {}
        for block in sorted(extend):
            prior, after = extend[block]
            again = [m for m in by_block[block] if m.document_id in changed] + after
            stored: dict[str, set[int]] = {}
            for m in by_block[block]:
                if m.document_id not in changed and m.event_id:
                    stored.setdefault(m.event_id, set()).add(m.id)
            found, replaced = extend_block(conn, block, prior, again, stored, groups, cfg,
                                           stats)
            extended[block] = found
            old_ids += replaced
        gone = _date_groups(conn, old_ids) if document_ids is not None else {}
        delete_events(conn, old_ids)
        for chunk in _chunks(old_ids, 500):
            conn.execute(delete(S.events).where(S.events.c.id.in_(chunk)))
            conn.execute(update(S.event_mentions).where(S.event_mentions.c.event_id.in_(chunk))
                         .values(event_id=None))
        rows: list[dict[str, Any]] = []
        assign: list[dict[str, Any]] = []
        merged = 0
        clustered = dict((cluster or cluster_blocks)(
            {b: ms for b, ms in by_block.items() if b not in extend}, groups, cfg))
        pairs = stats.get("pairs", 0)
        for block in sorted(clustered):
            for row, _ids in clustered[block]:
                pairs += sum(int(d.get("pairs") or 0) for d in row["why"]["decisions"])
        clustered.update(extended)
        for block in sorted(clustered):
            for row, member_ids in clustered[block]:
                rows.append(row)
                merged += len(member_ids) > 1
                assign += [{"mid": mid, "eid": row["id"]} for mid in member_ids]
        doc_of = {m.id: m.document_id for ms in by_block.values() for m in ms}
        before = {m.id: m.event_id for ms in by_block.values() for m in ms}
        moved = {doc_of[a["mid"]] for a in assign if before.get(a["mid"]) != a["eid"]}
        if rows:
            conn.execute(insert(S.events), rows)
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
        if document_ids is not None:
            gone.update(_date_groups(conn, orphans))
        delete_events(conn, orphans)
        for chunk in _chunks(orphans, 500):
            conn.execute(delete(S.events).where(S.events.c.id.in_(chunk)))
    written = frozenset(r["id"] for r in rows)
    LAST_CHANGE.set(None if document_ids is None else (
        frozenset(document_ids), written, frozenset(old_ids) | frozenset(orphans),
        frozenset(moved), frozenset(gone.values())))
    return {"blocks": len(blocks), "extended_blocks": len(extend), "events": len(rows),
            "merged": merged,
            "mentions": len(assign), "pairs": pairs,
            "judgements": {"applied": len(spec["must"]) + len(spec["cannot"]),
                           "skipped": skipped}}
