"""Who says so, and how firmly: modality and attribution of an event.

The modality of an event comes from the words governing its trigger: the
trigger and the chain of heads above it. Cues (``data/lexicon/modality.yaml``)
are collected along that chain until a reporting verb ("officials SAID that
...") or a denial verb is reached; modal verbs and negation only count while
the chain stays inside the trigger's own clause (through xcomp, conj,
prepositions, objects), so "Iran, which may react, signed..." does not make
the signing hypothetical. The strongest cue wins:
denied > negated > hypothetical > planned > alleged > reported > asserted.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from .args import ActorIndex

RANK = {"denied": 7, "negated": 6, "hypothetical": 5, "planned": 4, "alleged": 3,
        "reported": 2, "asserted": 1}
#: Dependencies that keep the chain inside the trigger's clause.
SAME_CLAUSE = {"xcomp", "conj", "prep", "pobj", "pcomp", "dobj", "nsubjpass", "nsubj", "acl",
               "amod", "compound", "attr", "oprd", "appos", "advmod", "npadvmod", "dative",
               "agent", "cc", "ROOT", "auxpass", "aux", "poss", "nmod", "nummod"}


@dataclass
class Modality:
    value: str = "asserted"
    attributed_to: list[str] = field(default_factory=list)
    cues: list[str] = field(default_factory=list)

    def add(self, value: str, cue: str) -> None:
        self.cues.append(cue)
        if RANK[value] > RANK[self.value]:
            self.value = value


class ModalityReader:
    def __init__(self, cfg: dict[str, Any], actors: ActorIndex):
        self.actors = actors
        s = lambda k: frozenset(cfg.get(k) or ())  # noqa: E731
        self.reporting = s("reporting_verbs")
        self.reporting_adv = s("reporting_adverbs")
        self.denial = s("denial_verbs")
        self.denial_objects = s("denial_objects")
        self.alleged = s("alleged_words")
        self.negation = s("negation_words")
        self.negation_nouns = s("negation_nouns")
        self.planning_verbs = s("planning_verbs")
        self.planning_nouns = s("planning_nouns")
        self.prevention = s("prevention_verbs")
        self.prevention_nouns = s("prevention_nouns")
        self.future = s("future_auxiliaries")
        self.modals = s("hypothetical_modals")
        self.reported_future = s("reported_future_modals")
        self.future_time = s("future_time_words")
        self.announcing = s("announcing_verbs")
        self.conditional = s("conditional_markers")
        self.hypo_words = s("hypothetical_words")
        self.according = bool(cfg.get("according_to", True))
        self.speech_types = s("speech_act_types")
        self.speech_verbs = s("speech_act_verbs")
        self.third_party = s("third_party_speakers")
        self.cancel = s("cancel_verbs")
        self.own_speaker = s("own_speaker_words")
        self.alleging = s("alleging_verbs")

    def own_voice(self, source: list[str], speaker: list[str], outlet_ok: bool = False) -> bool:
        """Is the speaker the event's own source? ("X must do Y, the IAEA chief said" is the
        IAEA's REQUEST.) Actors must share a state. A speaker that names no actor counts
        when a word ties it to the actor ("the ministry spokeswoman", "its president"), or,
        with ``outlet_ok`` (an announced demand, threat or refusal), whenever it is not a
        third party ("officials warned"; not "diplomats said", "state media reported")."""
        actors = [k for k in speaker if not k.startswith("outlet:")]
        if actors:
            return bool(set(actors) & set(source)) or bool(
                self.actors.states_of(actors) & self.actors.states_of(source) - {""})
        outlets = [k for k in speaker if k.startswith("outlet:")]
        if not outlets:
            return False
        words = [w for k in outlets for w in k[7:].split()]
        if not outlet_ok:  # only a role tied to the actor: "the ministry spokeswoman"
            return any(w in self.own_speaker for w in words) and not any(
                w in self.third_party for w in words)
        return not any(w in self.third_party for w in words)

    def _said(self, lemma: str) -> str:
        """ "X said": reported; "X alleged": alleged."""
        return "alleged" if lemma.lower() in self.alleging else "reported"

    def is_speech_act(self, type_: str, lemma: str) -> bool:
        return type_ in self.speech_types or lemma in self.speech_verbs

    def source_of(self, verb: Token) -> list[str]:
        """Who a reporting verb cites: its subject's actors, else the subject words."""
        for c in verb.children:
            if c.dep_ in ("nsubj", "nsubjpass"):
                keys = self.actors.phrase(c)
                if keys:
                    return keys
                if c.pos_ in ("NOUN", "PROPN"):
                    return [_outlet(c)]
        return []

    def read(self, trigger: Token, sent: Span, planned_entry: bool = False,
             stop_at: int | None = None, own_verb: int | None = None) -> Modality:
        """``own_verb``: the light verb of a noun read on its own, no planning cue of its
        noun ("pledged aid": the pledge is made, not planned)."""
        mod = Modality()
        if planned_entry:
            mod.add("planned", trigger.lemma_)
        t = trigger
        same_clause = True
        verb_chain = True  # negation counts only on the trigger and verbs it is xcomp of
        modal_chain = True  # "will" counts only through objects, subjects, xcomp
        dobj_noun = False
        prev_dep = None
        nominal = trigger.pos_ in ("NOUN", "PROPN")  # still inside the event's noun phrase
        for step in range(15):
            lemma = t.lemma_.lower()
            if step > 0 and nominal and t.pos_ in ("VERB", "AUX"):
                nominal = False  # the first verb above a nominal event
                if lemma in self.cancel and prev_dep in ("nsubjpass", "dobj"):
                    mod.add("negated", lemma)  # "the summit was cancelled"
            if step > 0:
                if lemma in self.reporting and t.pos_ in ("VERB", "AUX") and prev_dep in (
                        "ccomp", "parataxis", "xcomp", "advcl", "conj", "dobj"):
                    mod.add(self._said(lemma), lemma)
                    mod.attributed_to = self.source_of(t)
                    break
                if lemma in self.denial:
                    break  # denials are handled by the coder (they need the denier)
                if same_clause:
                    if (lemma in self.prevention and t.pos_ == "VERB" or lemma in
                            self.prevention_nouns and t.pos_ == "NOUN") and prev_dep != "conj":
                        mod.add("planned", lemma)
                    elif lemma in self.planning_verbs and t.pos_ == "VERB" and prev_dep in (
                            "xcomp", "dobj") and t.i != own_verb:
                        mod.add("planned", lemma)
                    elif lemma in self.planning_nouns and t.pos_ == "NOUN":
                        mod.add("planned", lemma)
                    if lemma in self.alleged:
                        mod.add("alleged", lemma)
                    if lemma in self.negation_nouns and t.pos_ == "NOUN" and prev_dep in (
                            "acl", "xcomp", "relcl"):
                        mod.add("negated", lemma)
                    if lemma in self.hypo_words:
                        mod.add("hypothetical", lemma)
            if same_clause:
                self._children(t, mod, trigger, verb_chain, modal_chain, dobj_noun)
            else:
                for c in t.children:
                    if c.dep_ == "parataxis" and c.lemma_.lower() in self.reporting:
                        mod.add(self._said(c.lemma_), c.lemma_)
                        mod.attributed_to = self.source_of(c)
            if t.head.i == t.i or (stop_at is not None and t.i == stop_at):
                break
            if t.dep_ not in SAME_CLAUSE:
                same_clause = False
            if t.dep_ != "xcomp":
                verb_chain = False
            if t.dep_ in ("prep", "pobj", "pcomp", "advmod", "npadvmod", "advcl"):
                modal_chain = False
            if step == 0 and trigger.pos_ in ("NOUN", "PROPN") and t.dep_ == "dobj" \
                    and t.head.lemma_.lower() not in self.planning_verbs:
                # "they would discuss the deliveries": the deliveries are not hypothetical
                modal_chain = False
                dobj_noun = True
            prev_dep = t.dep_
            t = t.head
        if self.according and mod.value in ("asserted", "planned", "alleged", "hypothetical"):
            self._according(trigger, sent, mod)
        return mod

    def _children(self, t: Token, mod: Modality, trigger: Token, verb_chain: bool,
                  modal_chain: bool = True, dobj_noun: bool = False) -> None:
        for c in t.children:
            cl = c.lower_
            if not verb_chain and (c.dep_ == "neg" or cl in self.negation):
                continue
            if c.dep_ == "neg" or (cl in self.negation and c.dep_ in ("neg", "advmod", "det")
                                   and (t.pos_ in ("VERB", "AUX") or c.dep_ == "det")):
                if c.dep_ == "det" and t.i != trigger.i:
                    continue
                mod.add("negated", cl)
            elif c.dep_ == "aux" and c.tag_ == "MD":
                if cl in self.future or cl in self.reported_future and self._dated_ahead(t):
                    if modal_chain:  # not "after X's visit, Y will start drilling"
                        mod.add("planned", cl)
                elif cl in self.modals and (modal_chain or t.i == trigger.i
                                            or trigger.pos_ not in ("NOUN", "PROPN")
                                            or not dobj_noun):
                    mod.add("hypothetical", cl)
            elif c.dep_ == "mark" and cl in self.conditional:
                mod.add("hypothetical", cl)
            elif c.dep_ in ("advmod", "amod") and cl in self.alleged:
                mod.add("alleged", cl)
            elif c.dep_ == "advmod" and cl in self.reporting_adv:
                mod.add("reported", cl)
            elif c.dep_ in ("amod", "advmod") and cl in self.hypo_words:
                mod.add("hypothetical", cl)
            elif c.dep_ == "parataxis" and c.lemma_.lower() in self.reporting:
                mod.add(self._said(c.lemma_), c.lemma_)
                mod.attributed_to = self.source_of(c)
            elif c.dep_ == "advcl" and c.lemma_.lower() in self.reporting and c.i > t.i \
                    and not any(g.dep_ == "mark" for g in c.children) \
                    and any(g.dep_ == "nsubj" for g in c.children):
                mod.add(self._said(c.lemma_), c.lemma_)
                mod.attributed_to = self.source_of(c)

    def _dated_ahead(self, t: Token) -> bool:
        """Does a time phrase on the verb point ahead ("next month", "later this week"), or
        does an announcement tell it ("announced that troops would be sent")?"""
        if t.dep_ == "ccomp" and t.head.lemma_.lower() in self.announcing:
            return True
        return any(c.dep_ in ("npadvmod", "prep", "advmod", "tmod") and any(
            g.lower_ in self.future_time for g in c.subtree) for c in t.children)

    def _according(self, trigger: Token, sent: Span, mod: Modality) -> None:
        """ "according to X" anywhere in the clause chain of the trigger."""
        chain = {trigger.i}
        t = trigger
        while t.head.i != t.i:
            t = t.head
            chain.add(t.i)
        for tok in sent:
            if tok.lower_ != "according" or tok.head.i not in chain:
                continue
            for to in tok.children:
                if to.lower_ != "to":
                    continue
                for p in to.children:
                    if p.dep_ == "pobj" and p.tag_ not in ("WDT", "WP"):
                        prev = mod.value
                        mod.add("reported", "according to")
                        keys = self.actors.phrase(p)
                        if prev == "asserted" or not mod.attributed_to:
                            mod.attributed_to = keys or [_outlet(p)]


def _outlet(tok: Token) -> str:
    """A non-actor source ("officials", "a defence ministry press release") as a key."""
    words = [w.lower_ for w in tok.subtree if w.dep_ not in ("det", "punct", "relcl")
             and not w.is_punct and w.i <= tok.i + 4]
    return "outlet:" + " ".join(words[:6])
