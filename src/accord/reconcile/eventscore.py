"""Pair evidence for event coreference: scores, vetoes and their written breakdown.

Two mentions from different outlets are one real event when the evidence agrees:
compatible types (a deal is AGREE in one outlet and COOPERATE in another), the
same actors on the same sides, compatible dates at their granularity, the same
amount, the same objects (drones, a contract) and similar sentences. Some
disagreements are not evidence but vetoes that no score outweighs: a plan or a
hypothesis never becomes a fact by merging with one, dates that cannot overlap,
different amounts, a reversed direction or a different target. A copied sentence
that changed a value is the same statement altered (a copy alteration), so the
value vetoes do not apply between a sentence and its copy.

The type table and object classes are data (``data/event_coref.yaml``); weights
and thresholds live in ``data/thresholds.yaml`` under ``events``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import yaml
from rapidfuzz import fuzz

from ..records import QUAD_CLASS
from .contradictions import disagree
from .settings import DATA

if TYPE_CHECKING:
    from .events import Mention

#: Modality classes: a mention that says the event happened (or was said to), one
#: that says it may or will happen, one that says it did not.
FACTUAL = frozenset({"asserted", "reported", "alleged"})
UNREAL = frozenset({"planned", "hypothetical"})
NEGATIVE = frozenset({"denied", "negated"})

#: A plan word whose "to" comes right before the trigger ("disclosed a plan by two
#: students to bomb", "an attempt to seize"), or a foiling word shortly before it
#: ("foiled an attack", "the prevention of attacks"): the act did not happen as
#: told, it was plotted. A plot that was foiled IS the plot event, so such a mention
#: reads as planned whatever attribution ("the ministry disclosed") made it reported.
_PLAN_TO = re.compile(
    r"\b(?:plans?|planned|planning|plots?|plotted|plotting|attempts?|attempted|attempting"
    r"|conspiracy|conspired|conspiring|schemes?|schemed)\b[^.;:!?]{0,80}?\bto\s+$", re.I)
_FOILED = re.compile(
    r"\b(?:foil(?:ed|s|ing)?|thwart(?:ed|s|ing)?|avert(?:ed|s|ing)?|prevent(?:ed|s|ing)?"
    r"|prevention\s+of|disrupt(?:ed|s|ing)?)\b[^.;:!?]{0,60}$", re.I)


def coref_modality(text: str, trigger: str, modality: str) -> str:
    """The modality coreference reads a mention with: ``planned`` for a factual
    mention whose trigger a plan or a foiling governs (see ``_PLAN_TO``), else its own.

    A plan to act in the future and a plot that was foiled are both plans; neither
    makes the act happen, and each merges with the other mentions of the plan.
    """
    if modality not in FACTUAL or not trigger.strip():
        return modality
    low = text.lower()
    at = low.find(trigger.lower())
    if at < 0:
        at = low.find(trigger.split()[0].lower())
    if at <= 0:
        return modality
    before = text[:at]
    if _PLAN_TO.search(before) or _FOILED.search(before):
        return "planned"
    return modality


#: Quad classes whose events have a direction (who acts on whom matters).
DIRECTED = ("verbal_conflict", "material_conflict")


@dataclass(frozen=True)
class CorefData:
    """``data/event_coref.yaml``, compiled."""

    type_scores: dict[tuple[str, str], float]
    cameo_scores: tuple[tuple[str, str, float], ...]
    family: dict[str, str]
    objects: tuple[tuple[re.Pattern[str], str], ...]
    cross_type_min_objects: int
    #: Object classes that say what kind of event it is, not what it is about.
    generic_objects: frozenset[str] = frozenset()


@lru_cache(maxsize=1)
def coref_data() -> CorefData:
    raw = yaml.safe_load((DATA / "event_coref.yaml").read_text(encoding="utf-8")) or {}
    scores: dict[tuple[str, str], float] = {}
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            x = parent[x]
        return x

    for item in raw.get("compatible_types") or []:
        a, b = (t.upper() for t in item["types"])
        scores[(a, b)] = scores[(b, a)] = float(item["score"])
        parent[find(a)] = find(b)
    members: dict[str, list[str]] = {}
    for t in list(parent):
        members.setdefault(find(t), []).append(t)
    family = {t: "+".join(sorted(ms)).lower() for ms in members.values() for t in ms}
    cameo = tuple((str(c["codes"][0]), str(c["codes"][1]), float(c["score"]))
                  for c in raw.get("cameo_compatible") or [])
    # One pattern for every class (a named group each): one scan of a sentence.
    groups = []
    names = []
    for i, (cls, words) in enumerate(sorted((raw.get("objects") or {}).items())):
        alts = "|".join(re.escape(str(w)) for w in sorted(words, key=lambda w: -len(str(w))))
        groups.append(f"(?P<c{i}>{alts})")
        names.append(cls)
    objects = ((re.compile(rf"(?<![\w-])(?:{'|'.join(groups)})(?![\w-])", re.I),
                "\t".join(names)),) if groups else ()
    return CorefData(scores, cameo, family, objects,
                     int(raw.get("cross_type_min_objects", 1)),
                     frozenset(str(g) for g in raw.get("generic_objects") or ()))


def family(event_type: str) -> str:
    """The blocking family of a type: its compatible types, or its quad class alone."""
    return coref_data().family.get(event_type) or QUAD_CLASS.get(event_type, event_type)


def directed(event_type: str) -> bool:
    return QUAD_CLASS.get(event_type, event_type) in DIRECTED


@lru_cache(maxsize=65536)
def objects_of(text: str) -> frozenset[str]:
    """The object classes a sentence names."""
    out: set[str] = set()
    for pat, joined in coref_data().objects:
        names = joined.split("\t")
        for hit in pat.finditer(text):
            out.add(names[int(hit.lastgroup[1:])])  # type: ignore[index]
    return frozenset(out)


def type_score(a: Mention, b: Mention) -> float:
    if a.type == b.type:
        return 1.0
    return _type_score(a.type, b.type, a.cameo, b.cameo)


@lru_cache(maxsize=4096)
def _type_score(ta: str, tb: str, ca: str | None, cb: str | None) -> float:
    data = coref_data()
    s = data.type_scores.get((ta, tb), 0.0)
    if s and ca and cb:
        for pa, pb, cs in data.cameo_scores:
            if ((ca.startswith(pa) and cb.startswith(pb))
                    or (ca.startswith(pb) and cb.startswith(pa))):
                s = max(s, cs)
    return s


# -- dates -----------------------------------------------------------------------
def _interval(value: str) -> tuple[date, date] | None:
    """First and last day a partial date covers."""
    try:
        parts = [int(p) for p in value.split("-")]
        if len(parts) == 1:
            return date(parts[0], 1, 1), date(parts[0], 12, 31)
        if len(parts) == 2:
            first = date(parts[0], parts[1], 1)
            nxt = date(parts[0] + (parts[1] == 12), parts[1] % 12 + 1, 1)
            return first, nxt - timedelta(days=1)
        d = date(parts[0], parts[1], parts[2])
        return d, d
    except (ValueError, IndexError):
        return None


def date_relation(a: Mention, b: Mention, near_days: int, relative_slack: int = 0) -> str:
    """``equal``, ``contains``, ``before_publication``, ``near``, ``near_relative``,
    ``one_unknown``, ``both_unknown`` or ``conflict`` (the two dates cannot be the
    same day).

    A date taken from the publication date only says "on or before". Two days
    at most ``near_days`` apart are ``near``: "on Sunday" resolved against two
    publication dates, or two outlets a day apart, still describe one event (a
    disagreement between independent sources is then a date contradiction).
    A day resolved from the text ("on Sunday", "last week", "a day after") may
    land a week off (this Sunday or the last one?): when either date is
    ``relative`` and the gap is ``relative_slack`` days give or take ``near_days``,
    the pair is ``near_relative``, which scores low but vetoes nothing, so one
    outlet's misread weekday does not keep it, or every later mention, out of an
    event the other outlets date alike.
    """
    av, bv = a.date_value, b.date_value
    if not av or not bv:
        return "both_unknown" if not av and not bv else "one_unknown"
    if av == bv:
        return "equal"
    n = min(len(av), len(bv))
    if av[:n] == bv[:n]:
        return "contains"
    if "publication" in (a.date_basis, b.date_basis):
        pub, other = (a, b) if a.date_basis == "publication" else (b, a)
        if (other.date_value or "") <= (pub.date_value or ""):
            return "before_publication"
    ia, ib = _interval(av), _interval(bv)
    if ia is None or ib is None or len(av) < 10 or len(bv) < 10:
        return "conflict"  # "near" is for two days; January is not February
    gap = max((ib[0] - ia[1]).days, (ia[0] - ib[1]).days)
    if gap <= near_days:
        return "near"
    if (relative_slack and abs(gap - relative_slack) <= near_days
            and "relative" in (a.date_basis, b.date_basis)):
        return "near_relative"
    return "conflict"


def date_relation_cfg(a: Mention, b: Mention, cfg: dict[str, Any]) -> str:
    """:func:`date_relation` with the day windows of the ``events`` settings: conflict
    acts (a strike, a clash, an arrest) recur between the same sides days apart, so
    theirs is ``date_near_days_directed``, not the ``date_near_days`` of a deal or a
    visit, which outlets date a few days apart."""
    near = int(cfg["date_near_days"])
    if directed(a.type) and directed(b.type):
        near = int(cfg.get("date_near_days_directed", near))
    return date_relation(a, b, near, int(cfg.get("relative_date_slack_days", 0)))


# -- quantities ------------------------------------------------------------------
def _is_money(unit: Any) -> bool:
    return isinstance(unit, str) and len(unit) == 3 and unit.isupper()


def quantity_relation(a: Mention, b: Mention, tol: dict[str, float]) -> str:
    """``agree`` (a shared unit with matching values), ``differ`` (an amount of money
    that no value of the other matches, within rounding and qualifiers), or
    ``not comparable``. Only money decides ``differ``: counts of different things
    ("forty drones", "two batteries") share units too loosely."""
    qa = [(q.get("unit"), float(q.get("value") or 0), q.get("qualifier")) for q in a.quantities]
    qb = [(q.get("unit"), float(q.get("value") or 0), q.get("qualifier")) for q in b.quantities]
    shared = {u for u, _, _ in qa} & {u for u, _, _ in qb}
    if not shared:
        return "not comparable"
    agree = differ = False
    for unit in sorted(shared, key=str):
        xs = [(v, q) for u, v, q in qa if u == unit]
        ys = [(v, q) for u, v, q in qb if u == unit]
        if any(not disagree(x, y, tol) for x in xs for y in ys):
            agree = True
        elif _is_money(unit):
            differ = True
    if differ:
        return "differ"
    return "agree" if agree else "not comparable"


# -- actors ----------------------------------------------------------------------
def actor_veto(a: Mention, b: Mention) -> str | None:
    """A reversed direction, another source or target, or other participants."""
    if directed(a.type) and directed(b.type):
        sa, sb = set(a.source_states), set(b.source_states)
        ta, tb = set(a.target_states), set(b.target_states)
        if sa and sb and not sa & sb:
            if sa & tb and ta & sb:
                return "reversed direction: one's source is the other's target"
            return "different source"
        if ta and tb and not ta & tb:
            return "different target"
        return None
    pa = set(a.source_states) | set(a.target_states)
    pb = set(b.source_states) | set(b.target_states)
    if len(pa) >= 2 and len(pb) >= 2 and not (pa <= pb or pb <= pa):
        return "different participants"
    return None


def _jaccard(x: frozenset[str] | set[str], y: frozenset[str] | set[str]) -> float | None:
    if not x or not y:
        return None
    return len(x & y) / len(x | y)


def actor_score(a: Mention, b: Mention) -> float:
    """Half the entities (an official and their ministry differ), half the states they
    act for (an actor and its own officials count as one side); 0.5 when one names none."""
    ents = _jaccard(a.actors, b.actors)
    states = _jaccard(frozenset(a.source_states) | frozenset(a.target_states),
                      frozenset(b.source_states) | frozenset(b.target_states))
    if ents is None or states is None:
        return 0.5
    return 0.5 * ents + 0.5 * states


# -- the pair --------------------------------------------------------------------
def modality_veto(a: Mention, b: Mention) -> str | None:
    """A plan or hypothesis never merges with a fact; a plan with a hypothesis only
    when both name the same source and target ("X is preparing to strike Y" and "X
    would strike Y if...": one possible act, which neither makes happen); a denial
    merges with a fact only of the same type (a status contradiction)."""
    ma, mb = a.modality, b.modality
    if (ma in UNREAL) != (mb in UNREAL):
        return f"modality {ma} never merges with {mb}"
    if ma in UNREAL and ma != mb and not _same_dyad(a, b):
        return f"modality {ma} merges with {mb} only between the same source and target"
    if (ma in NEGATIVE) != (mb in NEGATIVE) and a.type != b.type:
        return f"a {ma} {a.type} is not a {mb} {b.type}"
    return None


def _same_dyad(a: Mention, b: Mention) -> bool:
    return bool(a.source_states and a.target_states
                and a.source_states == b.source_states and a.target_states == b.target_states)


def veto(a: Mention, b: Mention, cfg: dict[str, Any], *, same_statement: bool = False,
         t: float | None = None, d_rel: str | None = None, q_rel: str | None = None) -> str | None:
    """The first veto that keeps two mentions apart, or None.

    ``same_statement``: one sentence is a copy of the other; their values may differ
    (that is a copy alteration), their kind of statement may not.
    """
    t = type_score(a, b) if t is None else t
    if t == 0.0:
        return f"types {a.type} and {b.type} are not compatible"
    if a.document_id == b.document_id and a.start == b.start and a.end == b.end:
        return None if a.type == b.type else "one sentence states them as different events"
    if a.document_id == b.document_id and a.type != b.type:
        return "one document states them as different types of event"
    why = modality_veto(a, b) or actor_veto(a, b)
    if why or same_statement:
        return why
    d_rel = d_rel or date_relation_cfg(a, b, cfg)
    if d_rel == "conflict":
        return f"dates {a.date_value} and {b.date_value} cannot overlap"
    q_rel = q_rel or quantity_relation(a, b, cfg["quantity_tolerance"])
    if q_rel == "differ":
        return "different amounts"
    return object_veto(a, b, q_rel)


def object_veto(a: Mention, b: Mention, q_rel: str) -> str | None:
    """Two deals (or aid, or talks) about different things: each names what it is
    about (drones; armoured vehicles) and they share nothing of it, nor an amount.
    Not for conflict acts, which outlets tell by one weapon each ("with missiles",
    "with drones") of one night's attack."""
    if q_rel == "agree" or directed(a.type) or directed(b.type):
        return None
    generic = coref_data().generic_objects
    oa, ob = a.objects - generic, b.objects - generic
    if oa and ob and not oa & ob:
        return f"different objects: {', '.join(sorted(oa))} vs {', '.join(sorted(ob))}"
    return None


#: Date bases that place an event in time (a publication date only bounds it).
STATED = ("explicit", "relative")


def _tied(a: Mention, b: Mention, d_rel: str, q_rel: str, shared_objects: int, sent: float,
          cfg: dict[str, Any]) -> bool:
    """Whether something beyond type and actors ties two mentions together.

    Dates stated in both texts that agree do. Without them (undated, or dated only by
    publication, which every statement of a year shares) it takes the same amount,
    near-identical wording, shared objects in similar wording, or, for a directed
    event, the same source and target on the same sides; in one document, the same
    actors (the article goes on about the event it has just told).
    """
    if d_rel in ("equal", "contains", "near") and a.date_basis in STATED \
            and b.date_basis in STATED:
        return True
    if q_rel == "agree" or sent * 100 >= float(cfg["undated_min_sentence"]):
        return True
    if shared_objects and sent >= float(cfg["weak_date_min_sentence"]) / 100:
        return True
    if (directed(a.type) and a.source_states and a.target_states
            and a.source_states == b.source_states and a.target_states == b.target_states):
        return True
    if a.document_id == b.document_id and a.source and set(a.source) & set(b.source):
        return (_jaccard(a.actors, b.actors) or 0.0) >= 0.5 and _same_act(a, b)
    return False


def _stems(trigger: str) -> set[str]:
    return {w[:4].lower() for w in re.findall(r"[A-Za-z]{3,}", trigger)}


def _same_act(a: Mention, b: Mention) -> bool:
    """Whether two mentions of one document may tell one act: the same sentence, or
    triggers that share a word stem ("raided ... the raid"). An article that goes on
    from "agents arrested four people" to "prosecutors have charged them" tells the
    next step, not the same act again."""
    return a.sentence_idx == b.sentence_idx or bool(_stems(a.trigger) & _stems(b.trigger))


def score(a: Mention, b: Mention, cfg: dict[str, Any], *,
          same_statement: bool = False) -> dict[str, Any]:
    """The breakdown of a pair: each part, the total, and ``veto`` when one applies."""
    w = cfg["weights"]
    t = type_score(a, b)
    d_rel = date_relation_cfg(a, b, cfg)
    q_rel = quantity_relation(a, b, cfg["quantity_tolerance"])
    v = veto(a, b, cfg, same_statement=same_statement, t=t, d_rel=d_rel, q_rel=q_rel)
    actors = actor_score(a, b)
    d = float(cfg["date_scores"].get(d_rel, 0.0))
    q = {"agree": 1.0, "differ": 0.0}.get(q_rel, 0.5)
    oa, ob = a.objects, b.objects
    shared_objects = len(oa & ob)
    # Overlap over the smaller set: one outlet naming the deal and the drones, another
    # only the drones, agree on what they name.
    o = 0.5 if not oa or not ob else shared_objects / min(len(oa), len(ob))
    sent = fuzz.token_set_ratio(a.norm, b.norm) / 100 if a.norm and b.norm else 0.0
    if v is None and not same_statement:
        if not _tied(a, b, d_rel, q_rel, shared_objects, sent, cfg):
            v = ("no stated date, amount, wording or shared actors tie them"
                 if d_rel != "both_unknown" else "neither is dated and their sentences differ")
        elif (a.type != b.type and q_rel != "agree"
              and shared_objects < coref_data().cross_type_min_objects):
            v = f"{a.type} and {b.type} share no amount or object"
    total = (w["type"] * t + w["actors"] * actors + w["date"] * d + w["quantities"] * q
             + w["objects"] * o + w["sentence"] * sent)
    parts: dict[str, Any] = {
        "type": round(t, 3), "actors": round(actors, 3), "date": round(d, 3),
        "date_relation": d_rel, "quantities": round(q, 3), "quantity_relation": q_rel,
        "objects": round(o, 3), "sentence": round(sent, 3),
        "total": None if v else round(total, 3)}
    if same_statement:
        parts["same_statement"] = True
    if v:
        parts["veto"] = v
    return parts
