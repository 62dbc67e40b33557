"""Scoring emitted events and claims against gold: the matching rules and the figures.

Matching rules (documented in ``docs/eval.md``):

* Events are matched within one sentence only. An emitted event matches a gold
  event of the same PLOVER type; when several could, the pairing that agrees
  on most actors wins (gold events in order, main event first). Each event is
  used once. Modality plays no part in matching: a denied attack in gold is
  still an ASSAULT and is scored for its modality separately.
* Actors are compared as sets of country/IGO codes (see :mod:`.codes`). For
  symmetric types (AGREE, CONSULT, COOPERATE) source and target are pooled on
  both sides, since "A and B agreed" has no direction.
* Dates are right when the value and the granularity agree; a week is right
  when it is the same ISO week, a decade or century when it is the same one.
* Claims match on unit and value within the tolerance of ``data/eval.yaml``
  (1%), one to one.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from ..records import PLOVER_TYPES
from .codes import ActorCodes, canonical_code, canonical_unit, resolve_codes, settings
from .gold import GoldClaim, GoldDate, GoldEvent, GoldSentence
from .predict import PredClaim, PredEvent, Prediction

SYMMETRIC = frozenset({"AGREE", "CONSULT", "COOPERATE"})


def _ratio(num: int, den: int) -> float | None:
    return round(num / den, 4) if den else None


def _f1(p: float | None, r: float | None) -> float | None:
    if p is None or r is None:
        return None
    return round(2 * p * r / (p + r), 4) if p + r else 0.0


def _gold_codes(codes: list[str]) -> frozenset[str]:
    return frozenset(canonical_code(c) for c in codes)


def roles(etype: str, source: frozenset[str], target: frozenset[str]
          ) -> tuple[frozenset[str], frozenset[str]]:
    """Source and target as compared: pooled for symmetric types."""
    if etype in SYMMETRIC:
        both = source | target
        return both, both
    return source, target


def actors_right(gold: GoldEvent, pred: PredEvent) -> tuple[bool, bool]:
    """Whether the emitted source and target code sets equal the gold ones."""
    gs, gt = roles(gold.type, _gold_codes(gold.source), _gold_codes(gold.target))
    ps, pt = roles(pred.type, resolve_codes(pred.source, gs), resolve_codes(pred.target, gt))
    return gs == ps, gt == pt


def primary_codes(actors: tuple[ActorCodes, ...]) -> list[str]:
    """Each emitted actor by its first code (for display)."""
    return sorted({a[0] for a in actors})


def date_right(gold: GoldDate, pred: PredEvent) -> bool:
    """The emitted date has the gold granularity and denotes the same day/week/... ."""
    if gold.granularity != pred.date_granularity:
        return False
    if gold.value is None or pred.date_value is None:
        return gold.value is None and pred.date_value is None
    if gold.granularity == "week":
        return _iso_week(gold.value) == _iso_week(pred.date_value)
    if gold.granularity == "decade":
        return gold.value[:3] == pred.date_value[:3]
    if gold.granularity == "century":
        return gold.value[:2] == pred.date_value[:2]
    return gold.value == pred.date_value


def _iso_week(value: str) -> tuple[int, int] | None:
    if "W" in value:  # 2024-W20
        year, _, week = value.partition("-W")
        return int(year), int(week[:2])
    try:
        year, week, _ = dt.date.fromisoformat(value[:10]).isocalendar()
    except ValueError:
        return None
    return year, week


def match_events(gold: list[GoldEvent], pred: list[PredEvent]) -> list[tuple[int, int]]:
    """Pairs (gold index, emitted index) of same-type events, best actor agreement first."""
    used: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for gi, g in enumerate(gold):
        best, best_score = None, -1
        for pi, p in enumerate(pred):
            if pi in used or p.type != g.type:
                continue
            s, t = actors_right(g, p)
            score = 2 * s + t
            if score > best_score:
                best, best_score = pi, score
        if best is not None:
            used.add(best)
            pairs.append((gi, best))
    return pairs


def claim_right(gold: GoldClaim, pred: PredClaim) -> bool:
    if canonical_unit(gold.unit) != pred.unit:
        return False
    tol = settings()["claim_tolerance"]
    if gold.value == 0:
        return pred.value == 0
    return abs(pred.value - gold.value) <= tol * abs(gold.value)


def match_claims(gold: list[GoldClaim], pred: list[PredClaim]) -> list[tuple[int, int]]:
    used: set[int] = set()
    pairs = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            if pi not in used and claim_right(g, p):
                used.add(pi)
                pairs.append((gi, pi))
                break
    return pairs


@dataclass
class _Tally:
    """Counts for one slice of the gold (all sentences, or one tag)."""

    sentences: int = 0
    with_event: int = 0
    main_type: int = 0
    any_event: int = 0
    no_event: int = 0
    quiet: int = 0
    gold_events: int = 0
    emitted: int = 0
    matched: int = 0
    source_right: int = 0
    target_gold: int = 0
    target_right: int = 0
    modality_right: int = 0
    dated: int = 0
    dated_gold: int = 0
    date_right: int = 0

    def figures(self) -> dict[str, Any]:
        recall = _ratio(self.matched, self.gold_events)
        precision = _ratio(self.matched, self.emitted)
        return {
            "sentences": self.sentences,
            "main_type": _ratio(self.main_type, self.with_event),
            "any_event": _ratio(self.any_event, self.with_event),
            "quiet_on_no_event": _ratio(self.quiet, self.no_event),
            "event_precision": precision,
            "event_recall": recall,
            "event_f1": _f1(precision, recall),
            "source": _ratio(self.source_right, self.gold_events),
            "target": _ratio(self.target_right, self.target_gold),
            "modality": _ratio(self.modality_right, self.matched),
            "date": _ratio(self.date_right, self.dated),
            "counts": {"with_event": self.with_event, "no_event": self.no_event,
                       "gold_events": self.gold_events, "emitted": self.emitted,
                       "matched": self.matched, "with_target": self.target_gold,
                       "dated": self.dated, "dated_gold": self.dated_gold},
        }


@dataclass
class Score:
    """Every figure of one evaluation run; :meth:`to_dict` is the ``--json`` output."""

    overall: _Tally = field(default_factory=_Tally)
    by_tag: dict[str, _Tally] = field(default_factory=lambda: defaultdict(_Tally))
    per_type: dict[str, Counter[str]] = field(
        default_factory=lambda: {t: Counter() for t in PLOVER_TYPES})
    confusions: Counter[tuple[str, str]] = field(default_factory=Counter)
    modality_confusions: Counter[tuple[str, str]] = field(default_factory=Counter)
    claims: Counter[str] = field(default_factory=Counter)
    missing_sentences: list[str] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)

    def type_figures(self) -> dict[str, dict[str, Any]]:
        out = {}
        for t, c in self.per_type.items():
            p, r = _ratio(c["tp"], c["tp"] + c["fp"]), _ratio(c["tp"], c["tp"] + c["fn"])
            out[t] = {"gold": c["tp"] + c["fn"], "emitted": c["tp"] + c["fp"], "matched": c["tp"],
                      "precision": p, "recall": r, "f1": _f1(p, r)}
        return out

    def claim_figures(self) -> dict[str, Any]:
        c = self.claims
        p, r = _ratio(c["tp"], c["emitted"]), _ratio(c["tp"], c["gold"])
        return {"gold": c["gold"], "emitted": c["emitted"], "matched": c["tp"],
                "precision": p, "recall": r, "f1": _f1(p, r)}

    def to_dict(self, top: int = 15) -> dict[str, Any]:
        types = self.type_figures()
        recalls = [f["recall"] for f in types.values() if f["recall"] is not None]
        return {
            "overall": {**self.overall.figures(),
                        "worst_type_recall": min(recalls) if recalls else None},
            "types": types,
            "confusions": [{"gold": g, "emitted": e, "count": n}
                           for (g, e), n in self.confusions.most_common(top)],
            "modality_confusions": [{"gold": g, "emitted": e, "count": n}
                                    for (g, e), n in self.modality_confusions.most_common(top)],
            "claims": self.claim_figures(),
            "tags": {tag: t.figures() for tag, t in sorted(self.by_tag.items())},
            "missing_sentences": self.missing_sentences,
            "errors": self.errors,
        }


def _describe(p: PredEvent) -> dict[str, Any]:
    return {"type": p.type, "trigger": p.trigger, "source": primary_codes(p.source),
            "target": primary_codes(p.target), "modality": p.modality,
            "date": p.date_value and {"value": p.date_value,
                                      "granularity": p.date_granularity}}


def score(gold: list[GoldSentence], preds: list[Prediction], *, keep_errors: int = 0) -> Score:
    """Score every gold sentence against what was emitted for it (same order).

    ``keep_errors`` keeps that many sentences with a miss, a wrong actor or a spurious
    event for the report, so a user can see what went wrong, not only how often.
    """
    if len(gold) != len(preds):
        raise ValueError("one prediction per gold sentence")
    sc = Score()
    for g, p in zip(gold, preds, strict=True):
        tallies = [sc.overall, *(sc.by_tag[t] for t in g.tags)]
        if not p.found:
            sc.missing_sentences.append(g.id)
        pairs = match_events(g.events, p.events)
        problems = _score_events(sc, g, p, pairs, tallies)
        if g.claims is not None:
            cpairs = match_claims(g.claims, p.claims)
            sc.claims["gold"] += len(g.claims)
            sc.claims["emitted"] += len(p.claims)
            sc.claims["tp"] += len(cpairs)
            if len(cpairs) < max(len(g.claims), len(p.claims)):
                problems.append("claims")
        if problems and len(sc.errors) < keep_errors:
            sc.errors.append({
                "id": g.id, "line": g.line, "text": g.text, "problems": problems,
                "gold": [{"type": e.type, "source": e.source, "target": e.target,
                          "modality": e.modality,
                          "date": e.date and {"value": e.date.value,
                                              "granularity": e.date.granularity}}
                         for e in g.events],
                "emitted": [_describe(e) for e in p.events],
                "gold_claims": [{"value": c.value, "unit": c.unit, "text": c.text}
                                for c in g.claims or []],
                "emitted_claims": [{"value": c.value, "unit": c.unit, "text": c.text}
                                   for c in p.claims] if g.claims is not None else []})
    return sc


def _score_events(sc: Score, g: GoldSentence, p: Prediction, pairs: list[tuple[int, int]],
                  tallies: list[_Tally]) -> list[str]:
    problems: list[str] = []
    matched_g = {gi for gi, _ in pairs}
    matched_p = {pi for _, pi in pairs}
    emitted_types = {e.type for e in p.events}
    for tl in tallies:
        tl.sentences += 1
        tl.gold_events += len(g.events)
        tl.emitted += len(p.events)
        tl.matched += len(pairs)
        if g.events:
            tl.with_event += 1
            tl.main_type += g.events[0].type in emitted_types
            tl.any_event += bool(p.events)
        else:
            tl.no_event += 1
            tl.quiet += not p.events
    for gi, ev in enumerate(g.events):
        if gi not in matched_g:
            sc.per_type[ev.type]["fn"] += 1
        for tl in tallies:
            tl.target_gold += bool(ev.target)
            tl.dated += ev.date is not None and gi in matched_g
            tl.dated_gold += ev.date is not None
    for pi, ev in enumerate(p.events):
        if pi not in matched_p:
            sc.per_type[ev.type]["fp"] += 1
    for gi, pi in pairs:
        gev, pev = g.events[gi], p.events[pi]
        sc.per_type[gev.type]["tp"] += 1
        src_ok, tgt_ok = actors_right(gev, pev)
        mod_ok = gev.modality == pev.modality
        if not mod_ok:
            sc.modality_confusions[(gev.modality, pev.modality)] += 1
        date_ok = gev.date is not None and date_right(gev.date, pev)
        for tl in tallies:
            tl.source_right += src_ok
            tl.target_right += tgt_ok and bool(gev.target)
            tl.modality_right += mod_ok
            tl.date_right += date_ok
        if not src_ok or (gev.target and not tgt_ok):
            problems.append("actors")
        if not mod_ok:
            problems.append("modality")
        if gev.date is not None and not date_ok:
            problems.append("date")
    # confusions: what the unmatched gold events became (NONE when nothing was left)
    left_g = [g.events[i].type for i in range(len(g.events)) if i not in matched_g]
    left_p = [p.events[i].type for i in range(len(p.events)) if i not in matched_p]
    for k in range(max(len(left_g), len(left_p))):
        gt = left_g[k] if k < len(left_g) else "NONE"
        pt = left_p[k] if k < len(left_p) else "NONE"
        sc.confusions[(gt, pt)] += 1
    if left_g:
        problems.append("missed")
    if left_p:
        problems.append("spurious")
    return problems
