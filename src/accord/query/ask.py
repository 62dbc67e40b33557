"""Extractive question answering over the store, without a language model.

Two roles, so that a language-model backend can be added later without
touching retrieval:

* a :class:`Retriever` turns a :class:`ParsedQuestion` into scored
  :class:`Evidence` (events, claims, sentences) with citations;
* an :class:`Answerer` turns evidence into an :class:`Answer`. The shipped
  :class:`ExtractiveAnswerer` only quotes stored sentences; a generative one
  would implement the same ``answer`` method and must keep the citations.

The question is parsed for actors (entity names and aliases in the store),
dates (years, months, ranges), event types (words from ``data/cameo.yaml``)
and what kind of answer is wanted (a date, an amount, a count, actors).
"""

from __future__ import annotations

import math
import re
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from sqlalchemy import select

from ..store import schema as S
from .actors import member_ids, norm
from .cameo import crosswalk
from .common import citation_label, events_by_ids
from .contradictions import claim_dicts
from .events import timeline_ids
from .search import STOPWORDS, search, terms

if TYPE_CHECKING:
    from ..store import Store

MONTHS = {m: i for i, m in enumerate(
    "january february march april may june july august september october november december"
    .split(), 1)}
QUESTION_WORDS = frozenset(
    "did does do when what who whom which where why how is was were has have had will can could "
    "should would are tell show list give happen happened happens occur occurred say said "
    "know".split())
#: Evidence scoring below this is not an answer.
MIN_SCORE = 3.0


@dataclass
class ParsedQuestion:
    text: str
    actors: list[dict[str, str]] = field(default_factory=list)  # {id, name, matched}
    unknown_names: list[str] = field(default_factory=list)
    date_from: str | None = None
    date_to: str | None = None
    types: list[str] = field(default_factory=list)
    terms: list[str] = field(default_factory=list)  # content words, actor words removed
    wants: str = "what"  # what | when | amount | count | who | whether
    roles: dict[str, str] = field(default_factory=dict)  # actor id -> source | target
    modality: str | None = None  # "denied" when the question asks about a denial


@dataclass
class Evidence:
    kind: str  # event | claim | sentence
    id: str
    score: float
    summary: str
    citations: list[dict[str, Any]]
    data: dict[str, Any]
    matched: list[str] = field(default_factory=list)  # which constraints it satisfies


@dataclass
class Answer:
    question: str
    found: bool
    text: str
    evidence: list[Evidence]
    parsed: ParsedQuestion

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


class Retriever(Protocol):
    def retrieve(self, store: Store, q: ParsedQuestion, k: int) -> list[Evidence]: ...


class Answerer(Protocol):
    def answer(self, q: ParsedQuestion, evidence: list[Evidence]) -> Answer: ...


# -- parsing -------------------------------------------------------------------------------------
def _entity_index(store: Store) -> list[tuple[str, str, str, str, int]]:
    """``(normalised alias, id, name, type, mentions)`` for every name and alias."""
    e = S.entities
    out = []
    with store.connect() as conn:
        for r in conn.execute(select(e.c.id, e.c.name, e.c.type, e.c.aliases, e.c.iso3,
                                     e.c.mention_count)):
            for a in {r.name, *(r.aliases or [])}:
                n = norm(a or "")
                if len(n) >= 3 or (n and r.type == "STATE"):
                    out.append((n, r.id, r.name, r.type, r.mention_count or 0))
    if not out:
        # A store reconciled before entity resolution: use the linker's names.
        m = S.mentions
        with store.connect() as conn:
            for mr in conn.execute(select(m.c.key, m.c.entity_id, m.c.name, m.c.text, m.c.type)
                                   .where(m.c.is_actor).distinct().limit(20000)):
                eid = mr.entity_id or mr.key.replace(":", "-", 1)
                for a in {mr.name, mr.text}:
                    n = norm(a or "")
                    if len(n) >= 3:
                        out.append((n, eid, mr.name, mr.type, 0))
    # Longest names first so "South Korea" wins over "Korea".
    out.sort(key=lambda x: (-len(x[0]), x[3] != "STATE", -x[4]))
    return out


def _dates(text: str) -> tuple[str | None, str | None]:
    t = text.lower()
    full = re.findall(r"\b(\d{4}-\d{2}(?:-\d{2})?)\b", t)
    if full:
        return min(full), max(full)
    months = re.findall(r"\b(" + "|".join(MONTHS) + r")\s+(?:\d{1,2},?\s+)?(\d{4})\b", t)
    if months:
        vals = [f"{y}-{MONTHS[m]:02d}" for m, y in months]
        return min(vals), max(vals)
    years = re.findall(r"\b(19\d{2}|20\d{2})\b", t)
    if years:
        lo, hi = min(years), max(years)
        if re.search(r"\b(since|after|from)\s+" + lo, t) and lo == hi:
            return lo, None
        if re.search(r"\b(before|until|till)\s+" + hi, t) and lo == hi:
            return None, hi
        return lo, hi
    return None, None


def _stem_match(word: str, stems: list[str]) -> bool:
    return any(word == s or (len(s) >= 4 and word.startswith(s)) or
               (len(word) >= 4 and s.startswith(word) and len(s) - len(word) <= 2) for s in stems)


def parse_question(store: Store, question: str) -> ParsedQuestion:
    q = ParsedQuestion(text=question)
    nq = " " + norm(question) + " "
    taken = nq
    seen: set[str] = set()
    for alias, eid, name, _type, _n in _entity_index(store):
        needle = f" {alias} "
        if needle in taken:
            taken = taken.replace(needle, " " + "#" * len(alias) + " ")
            if eid not in seen:
                seen.add(eid)
                q.actors.append({"id": eid, "name": name, "matched": alias})
    q.date_from, q.date_to = _dates(question)
    words = [w for w in re.findall(r"[a-z][a-z0-9-]*", taken) if w not in STOPWORDS]
    xw = crosswalk()
    if any(w.startswith(("deny", "deni")) for w in words):
        q.modality = "denied"
    verb_at = None
    for t, entry in xw.items():
        hits = [w for w in words if _stem_match(w, entry["words"])]
        if hits:
            q.types.append(t)
            at = taken.find(" " + hits[0])
            verb_at = at if verb_at is None else min(verb_at, at)
    if verb_at is not None:
        for a in q.actors:
            at = nq.find(" " + a["matched"] + " ")
            q.roles[a["id"]] = "target" if at > verb_at else "source"
    q.terms = [w for w in terms(taken.replace("#", " "))
               if w not in QUESTION_WORDS and not w.isdigit() and w not in MONTHS]
    low = question.lower().strip()
    if low.startswith("when") or "what date" in low or "which day" in low:
        q.wants = "when"
    elif "how much" in low or "worth" in low or "value" in low or "cost" in low:
        q.wants = "amount"
    elif "how many" in low or "number of" in low:
        q.wants = "count"
    elif low.startswith("who"):
        q.wants = "who"
    elif low.split(" ", 1)[0] in {"did", "does", "do", "is", "was", "were", "has", "have", "had"}:
        q.wants = "whether"
    # Capitalised names the store does not know: the question is about something else.
    for m in re.finditer(r"\b[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)*", question):
        name = m.group(0)
        parts = name.split()
        if m.start() == 0 or question[:m.start()].rstrip().endswith(("?", ".", "!")):
            if parts[0].lower() in QUESTION_WORDS:
                parts = parts[1:]
        parts = [p for p in parts if p.lower() not in MONTHS and p.lower() not in QUESTION_WORDS]
        if not parts:
            continue
        phrase = " ".join(parts)
        n = norm(phrase)
        if not n or any(a["matched"] in n or n in a["matched"] for a in q.actors):
            continue
        hits = search(store, phrase, limit=1)
        if not hits or hits[0]["match"] != "all":
            q.unknown_names.append(phrase)
    return q


# -- retrieval -----------------------------------------------------------------------------------
def _overlap(q_terms: list[str], text: str) -> float:
    if not q_terms:
        return 0.0
    words = set(re.findall(r"[a-z0-9]+", text.lower()))
    def hit(t: str) -> bool:
        stem = t[:max(4, len(t) - 2)]
        return any(w == t or (len(t) >= 4 and w.startswith(stem)) for w in words)

    return sum(1 for t in q_terms if hit(t)) / len(q_terms)


class StoreRetriever:
    """Structured match (actors, dates, types) plus full-text ranking, over one store."""

    def retrieve(self, store: Store, q: ParsedQuestion, k: int = 5) -> list[Evidence]:
        out: dict[str, Evidence] = {}
        actor_ids = [a["id"] for a in q.actors]
        members = {a: set(member_ids(store, a)) for a in actor_ids}
        # 1. Events by structure. Try all constraints, then relax the type.
        ids: list[str] = []
        for types in ([q.types] if q.types else []) + [None]:
            kw: dict[str, Any] = {"date_from": q.date_from, "date_to": q.date_to,
                                  "types": types, "limit": 200}
            if len(actor_ids) >= 2:
                kw["dyad"] = actor_ids[:2]
            elif actor_ids:
                kw["actor"] = actor_ids[0]
            elif not (types or q.date_from or q.date_to):
                break
            ids = timeline_ids(store, **kw)
            if ids:
                break
        # 2. Sentences by full text; events cited by those sentences join the pool.
        hits = search(store, " ".join(q.terms + [a["matched"] for a in q.actors]) or q.text,
                      date_from=None, date_to=None, limit=30)
        sent_keys = {(h["document"], h["sentence_idx"]): h for h in hits}
        if sent_keys:
            em = S.event_mentions
            with store.connect() as conn:
                for doc in {d for d, _ in sent_keys}:
                    idxs = [i for d, i in sent_keys if d == doc]
                    ids += [r.event_id for r in conn.execute(
                        select(em.c.event_id).where(em.c.document_id == doc,
                                                    em.c.sentence_idx.in_(idxs),
                                                    em.c.event_id.is_not(None)))]
        with store.connect() as conn:
            events = events_by_ids(conn, list(dict.fromkeys(ids))[:300])
        for ev in events:
            actors = set(ev["source"]) | set(ev["target"])
            matched = []
            score = 0.0
            for a in actor_ids:
                if actors & members[a]:
                    score += 2
                    matched.append("actor")
            if q.types and ev["type"] in q.types:
                score += 2.5
                matched.append("type")
            if q.modality and ev["modality"] == q.modality:
                score += 2.5
                matched.append("type")
            # "Who accused Poland?": an actor named after the verb is the target.
            for qa in q.actors:
                role = q.roles.get(qa["id"])
                side = ev["target"] if role == "target" else ev["source"] if role else []
                if role and set(side) & members[qa["id"]]:
                    score += 1
            d = ev["date"]["value"]
            if d and (q.date_from or q.date_to):
                lo, hi = q.date_from or "0000", (q.date_to or "9999") + "~"
                if lo <= d <= hi or d.startswith(lo[:len(d)]):
                    score += 1.5
                    matched.append("date")
            text = " ".join(m["sentence"] for m in ev["mentions"][:3])
            score += 3 * _overlap(q.terms, text)
            score += 0.5 * math.log1p(ev["independent_sources"])
            if q.wants == "amount" and ev["quantities"]:
                score += 1.5
            if q.wants == "when" and d:
                score += 0.5
            if ev["modality"] in ("negated", "hypothetical"):
                score -= 0.5
            # Every constraint the question states is met ("what happened in March 2024?").
            wanted = (["actor"] * len(actor_ids) + (["type"] if q.types or q.modality else [])
                      + (["date"] if q.date_from or q.date_to else []))
            if wanted and all(matched.count(w) >= wanted.count(w) for w in set(wanted)):
                score += 2
            out[ev["id"]] = Evidence("event", ev["id"], round(score, 3), _event_summary(ev),
                                     ev["mentions"], ev, matched)
        # 3. Claims about the actors (amounts, counts, attributes).
        if actor_ids:
            cids: list[str] = []
            allm = set().union(*members.values()) if members else set()
            with store.connect() as conn:
                cids = [r.id for r in conn.execute(
                    select(S.claims.c.id).where(S.claims.c.subject.in_(list(allm))).limit(200))]
                claims = claim_dicts(conn, cids)
            for c in claims.values():
                text = " ".join([c["property"].replace("_", " ")] +
                                [m["sentence"] for m in c["mentions"][:3]])
                ov = _overlap(q.terms, text)
                score = 2 + 4 * ov + (1.5 if q.wants in ("count", "amount") else 0)
                out[c["id"]] = Evidence("claim", c["id"], round(score, 3), _claim_summary(c),
                                        c["mentions"], c, ["actor"] + (["text"] if ov else []))
        # 4. Sentences that no event or claim already cites.
        cited = {(m["document"], m["sentence_idx"]) for e in out.values() for m in e.citations}
        for h in hits:
            if (h["document"], h["sentence_idx"]) in cited:
                continue
            ov = _overlap(q.terms + [a["matched"] for a in q.actors], h["text"])
            score = 4 * ov + (0.5 if h["match"] == "all" else 0)
            key = f"{h['document']}:{h['sentence_idx']}"
            out[key] = Evidence("sentence", key, round(score, 3), h["text"], [h], h,
                                ["text"] if ov else [])
        ranked = sorted(out.values(), key=lambda e: (-e.score, e.kind != "event", e.id))
        return ranked[: max(k, 1) * 3]


def _event_summary(ev: dict[str, Any]) -> str:
    src = ", ".join(ev["source_names"]) or "-"
    tgt = ", ".join(ev["target_names"]) or "-"
    q = "; ".join(x.get("text", "") for x in ev["quantities"] if x.get("text"))
    date = ev["date"]["value"] or "undated"
    who = f"{ev['actors_label']} {ev['type']}" if ev.get("joint") and len(set(ev["source"])) > 1 \
        else f"{src} {ev['type']} {tgt}"  # a joint event names each actor once
    return (f"{date}: {who}" + (f" ({q})" if q else "") +
            f", {ev['modality']}, {ev['independent_sources']} independent source"
            f"{'s' if ev['independent_sources'] != 1 else ''}")


def _claim_summary(c: dict[str, Any]) -> str:
    vt = next((m.get("value_text") for m in c["mentions"] if m.get("value_text")), None)
    value = vt or f"{c['value']}{' ' + c['unit'] if c['unit'] else ''}"
    qual = f" ({c['qualifier']})" if c.get("qualifier") and c["qualifier"] != "exact" else ""
    return f"{c['subject_name']}: {c['property'].replace('_', ' ')} = {value}{qual}"


# -- answering -----------------------------------------------------------------------------------
class ExtractiveAnswerer:
    """Answers only with what the store says, each line quoting a cited sentence."""

    def __init__(self, k: int = 3, min_score: float = MIN_SCORE):
        self.k = k
        self.min_score = min_score

    def _relevant(self, q: ParsedQuestion, e: Evidence) -> bool:
        if e.score < self.min_score:
            return False
        need_actors = len(q.actors)
        if need_actors and e.kind == "event" and e.matched.count("actor") < min(need_actors, 2):
            return False
        if q.types and e.kind == "event" and "type" not in e.matched and \
                _overlap(q.terms, " ".join(m["sentence"] for m in e.citations)) < 0.5:
            return False
        if (q.date_from or q.date_to) and e.kind == "event" and "date" not in e.matched:
            return False
        if e.kind == "sentence" and _overlap(q.terms, e.summary) < 0.6:
            return False
        if e.kind == "sentence" and (q.date_from or q.date_to):
            # A bare sentence has no date of its own: only its document's date can match.
            pub = (e.citations[0].get("published") or "") if e.citations else ""
            lo, hi = q.date_from or "0000", (q.date_to or "9999") + "~"
            if not pub or not (lo <= pub <= hi or pub.startswith(lo[:len(pub)])):
                return False
        if e.kind == "claim" and "text" not in e.matched:
            return False
        return True

    def answer(self, q: ParsedQuestion, evidence: list[Evidence]) -> Answer:
        if q.unknown_names:
            names = ", ".join(repr(n) for n in q.unknown_names)
            return Answer(q.text, False, f"Not found: the store has nothing about {names}.", [], q)
        good = [e for e in evidence if self._relevant(q, e)]
        if q.wants in ("amount", "count"):
            # An amount or a count is answered by evidence that carries a number.
            numeric = [e for e in good if e.kind == "claim"] if q.wants == "count" else []
            numeric = numeric or [e for e in good if e.kind == "claim" or
                                  (e.kind == "event" and e.data.get("quantities"))]
            good = numeric or good
        good = good[: self.k]
        if not good:
            what = []
            if q.actors:
                what.append(" and ".join(a["name"] for a in q.actors))
            if q.types:
                what.append("/".join(q.types) + " events")
            if q.date_from or q.date_to:
                what.append(f"dated {q.date_from or '...'} to {q.date_to or '...'}")
            detail = f" ({'; '.join(what)})" if what else ""
            return Answer(q.text, False,
                          f"Not found: the store does not contain an answer to this question"
                          f"{detail}.", [], q)
        lines = []
        for e in good:
            cite = e.citations[0] if e.citations else None
            quote = " ".join((cite.get("sentence") or cite.get("text") or "").split()) \
                if cite else ""
            head = "" if e.kind == "sentence" else f"{e.summary}. "
            lines.append(f"- {head}\"{quote}\" [{citation_label(cite)}]")
        if len({e.data.get("value") for e in good if e.kind == "claim"}) > 1:
            lines.append("Sources give different values; see the contradictions.")
        return Answer(q.text, True, "\n".join(lines), good, q)


def ask(store: Store, question: str, retriever: Retriever | None = None,
        answerer: Answerer | None = None, k: int = 3) -> dict[str, Any]:
    """Answer ``question`` from the store: ``{question, found, text, evidence, parsed}``.

    ``evidence`` lists the events/claims/sentences used, best first, each with
    ``citations`` (document, start, end, text, sentence). ``found`` is False,
    and ``text`` says so plainly, when nothing in the store answers it.
    """
    q = parse_question(store, question)
    ev = (retriever or StoreRetriever()).retrieve(store, q, k)
    return (answerer or ExtractiveAnswerer(k=k)).answer(q, ev).to_dict()


#: The names other modules use; everything else here is internal.
__all__ = [
    "MONTHS",
    "QUESTION_WORDS",
    "MIN_SCORE",
    "ParsedQuestion",
    "Evidence",
    "Answer",
    "Retriever",
    "Answerer",
    "parse_question",
    "StoreRetriever",
    "ExtractiveAnswerer",
    "ask",
]
