"""What happened: the PLOVER coder.

For one sentence the coder finds triggers (light-verb constructions first,
then verbs, then event nouns, all from the YAML lexicon) and reads source and
target actors off the dependency parse:

* active subject -> source; direct object, dative and the entry's target
  prepositions -> target ("visited Seoul", "deal WITH X", "accused X of");
* passive subject -> target, ``by`` agent -> source ("X was arrested by Y");
* coordination is expanded ("X and Y signed" -> both); for symmetric types
  (AGREE, CONSULT, COOPERATE) every participant is listed on both sides;
* subjects are inherited through xcomp/conj/relative clauses/participles;
* event nouns take roles from "of", possessors, demonym adjectives and
  prepositions ("the arrest of X", "Iran's plot against Y", "visit to Z").

Context rules: a physical verb with a reason ("attacked X FOR ...") or a
verbal object is verbal conflict (ACCUSE); the content of an accusation
("accused of collaborating") is not an event of its own but is kept (hidden)
so that a later denial can refer to it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from ...records import PLOVER_TABLE
from .args import EVENT_PREPS, INNER_PREPS
from .lexicon import Entry, Lexicon

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from ...records import EventRecord
    from .args import ActorIndex

GROUP_NOUNS = {"minister", "ministers", "country", "countries", "government", "governments",
               "side", "sides", "leader", "leaders", "state", "states", "nation", "nations",
               "delegation", "delegations", "president", "presidents", "official", "officials",
               "partner", "partners", "ally", "allies"}


OBJECT_CONTROL = {"urge", "ask", "call", "force", "persuade", "allow", "order", "invite", "tell",
                  "warn", "press", "pressure", "encourage", "help", "enable", "compel", "push"}
PROPOSAL_NOUNS = {"proposal", "proposals", "offer", "offers", "request", "requests", "demand",
                  "demands", "plan", "plans", "call", "calls", "initiative", "bid", "overture"}
BORDER_NOUNS = {"border", "frontier", "boundary", "borders", "frontiers"}
MEASURE_NOUNS = {"day", "week", "month", "round", "series", "set", "number", "couple",
                 "tonne", "ton", "truckload", "shipment", "consignment", "batch", "planeload",
                 "load", "kind", "state", "part", "portion", "half", "share", "bulk",
                 "thousand", "hundred", "dozen", "score", "million", "contingent",
                 "line", "dose", "doses"}  # "a line OF credit", "a million doses OF vaccine"
# ("a state OF emergency", "part OF the debt")
TEMPORAL_PREPS = {"after", "before", "since", "following", "despite", "during", "until", "amid",
                  "ahead"}
#: Verbs of permission: who is let act is the party ("allowed X to enter").
PERMIT_VERBS = {"allow", "let", "permit"}
#: Acts often done abroad: the place of the act says nothing of who did it ("relief
#: workers distributed food in X", "gunmen attacked a village in X").
OUTWARD_TYPES = {"AID", "ASSAULT", "MOBILIZE", "RETREAT"}
#: Types whose object is the source's own (troops, ships), never a party acted on.
OWN_OBJECT_TYPES = {"MOBILIZE"}
PERSON_GROUPS = {"minister", "ministers", "leader", "leaders", "president", "presidents",
                 "official", "officials", "two"}


@dataclass
class Candidate:
    """An event being coded (becomes an :class:`~accord.records.EventRecord`)."""

    entry: Entry
    kind: str  # verb | light | noun
    trigger: Token  # the head word (verb, or the noun for nouns)
    anchors: set[int]  # token indices that state the event (verb, light noun, particle)
    trigger_text: str
    sentence: int
    source: list[str] = field(default_factory=list)
    target: list[str] = field(default_factory=list)
    hidden: bool = False  # content of an accusation: kept for denials, not emitted
    content: list[Candidate] = field(default_factory=list)  # for ACCUSE: what was alleged
    noun: Token | None = None  # light verbs: the event noun
    record: EventRecord | None = None  # set once the event is built (denials copy it)
    #: (modality, attributed_to) set by a construction (a demand, a threat), else read
    modality: tuple[str, list[str]] | None = None
    #: signs that the act is domestic, for :meth:`Coder.domestic_targets`: the states of
    #: its place or crowd, and whether what it is done to names a party of no country
    home: list[str] = field(default_factory=list)
    domestic_patient: bool = False

    @property
    def type(self) -> str:
        return self.entry.type


class Coder:
    def __init__(self, lex: Lexicon, actors: ActorIndex):
        self.lex = lex
        self.actors = actors
        # word sets and fixed entries are built once per lexicon, not per document
        tb = lex.cache.get("coder")
        if tb is None:
            tb = lex.cache["coder"] = CoderTables.build(lex)
        self.tables: CoderTables = tb
        self.accusation_verbs = tb.accusation_verbs
        self.request_verbs = tb.request_verbs
        self.crowds = tb.crowds
        self.crowd_verbs = tb.crowd_verbs
        self.street_verbs = tb.street_verbs
        self.protest = tb.protest
        self.joint_words = tb.joint_words
        self.joint_military = tb.joint_military
        self.cooperate = tb.cooperate
        self.cooperate_mil = tb.cooperate_mil
        #: Subjects are never inherited from these (the reporter did not act).
        self.no_inherit = tb.no_inherit

    # -- triggers -----------------------------------------------------------------
    @property
    def trigger_words(self) -> frozenset[str]:
        """Every lemma or word form that can start an event (for a quick skip)."""
        return self.tables.trigger_words

    def triggers(self, sent: Span, index: int) -> list[Candidate]:
        lex = self.lex
        out: list[Candidate] = []
        consumed: set[int] = set()
        for t in sent:
            if t.pos_ not in ("VERB", "AUX") or t.lemma_.lower() == "be":
                continue
            lemma = t.lemma_.lower()
            joint = self._joint(t)
            if joint is not None:
                entry, anchors = joint
                out.append(Candidate(entry, "verb", t, anchors, t.text, index))
                consumed.update(anchors)
            # a crowd doing what crowds do protests, whatever the object ("set fire to X")
            crowd = lemma in self.crowd_verbs and self.crowd_subject(t)
            light = self._light(t, lemma) if lemma in lex.light_verbs and not crowd else None
            if light is None and self._in_protest(t):  # "walked off the job in protest"
                out.append(Candidate(self.protest, "verb", t, {t.i}, t.text, index))
                continue
            if joint is not None and not (light and light[0].type == "ASSAULT"):
                continue  # joint exercises are cooperation, a joint offensive both
            if light is not None:
                entry, noun = light
                consumed.add(noun.i)
                text = sent.doc[t.i:noun.i + 1].text if 0 < noun.i - t.i <= 4 \
                    else sent.doc[noun.i:t.i + 1].text if 0 < t.i - noun.i <= 4 \
                    else f"{t.text} {noun.text}"  # "signed a deal", "a car bomb exploded"
                out.append(Candidate(entry, "light", t, {t.i, noun.i}, text, index, noun=noun))
                continue
            found = self._verb_entry(t, lemma)
            if lemma in self.tables.promise_verbs and self._promised_harm(t):
                found = self.tables.threat  # "promised Israel a crushing response"
            elif found is not None and found.type in ("COOPERATE", "AGREE") and any(
                    pr.dep_ == "prep" and pr.lower_ == "as" and any(
                        p.dep_ == "pobj" and p.lemma_.lower() in self.tables.gift_nouns
                        for p in pr.children) for pr in t.children):
                found = self.tables.aid  # "supplying X with missiles AS military aid"
            if found is None:
                continue
            entry = found
            anchors = {t.i}
            text = t.text
            if entry.particle:
                prt = [c for c in t.children if c.dep_ == "prt" and c.lower_ == entry.particle]
                if not prt:
                    continue
                anchors.add(prt[0].i)
                text = f"{t.text} {prt[0].text}"
            if entry.needs_object and not self._has_object(t, entry):
                continue
            if entry.needs_prep and not any(c.dep_ == "prep" and c.lower_ in entry.needs_prep
                                            for c in t.children):
                continue
            if entry.verbal and self._is_verbal(t, entry):
                entry = lex.verbal_entry(entry)
            out.append(Candidate(entry, "verb", t, anchors, text, index))
        for t in sent:
            if t.i in consumed or t.pos_ not in ("NOUN", "PROPN"):
                continue
            noun_entry = lex.nouns.get(t.lower_) or lex.nouns.get(t.lemma_.lower())
            if noun_entry is None or t.i in self.actors.by_token:
                continue
            entry = noun_entry
            if entry.singular and t.tag_ in ("NNS", "NNPS"):
                continue
            if t.dep_ == "compound" and t.head.pos_ in ("NOUN", "PROPN"):
                continue  # "the deal signing", "attack helicopters"
            out.append(Candidate(entry, "noun", t, {t.i}, t.text, index))
        return self._merge_plots(out)

    def _verb_entry(self, t: Token, lemma: str) -> Entry | None:
        """The hand entry of a verb (with the CAMEO dictionary's finer code when it agrees
        on the type), else the dictionary's reading of the verb in its clause; a crowd
        in the street protests, whatever the verb's other readings."""
        lex = self.lex
        if lemma in self.crowd_verbs and self.crowd_subject(t) or \
                lemma in self.street_verbs and t.tag_ != "VBN":
            return self.protest
        entry = lex.verbs.get(lemma)
        if lemma in lex.blocked:
            return None
        if lemma not in lex.cameo:
            return entry
        if entry is None and lemma in self.no_inherit and (
                t.dep_ == "parataxis" or not any(c.dep_ == "dobj" for c in t.children)
                or any(c.dep_ in ("ccomp", "parataxis") for c in t.children)):
            return None  # "revealed that ...": saying verbs are cues of other events
        _, found = lex.cameo.match(t)
        if entry is None:
            # the dictionary codes clauses, not infinitives and gerunds of purpose or
            # manner ("to counter the network", "for enhancing cooperation")
            return found if found is not None and (_finite(t) or t.dep_ in (
                "xcomp", "conj", "ccomp")) else None
        if found is not None and found.type == entry.type and len(found.cameo) > len(
                entry.cameo) and (found.layer == "default" or found.cameo.startswith(
                    entry.cameo[:2])):
            return replace(entry, cameo=found.cameo, mode=found.mode, context=found.context)
        return entry

    def _joint(self, v: Token) -> tuple[Entry, set[int]] | None:
        """ "held joint exercises", "will jointly produce": COOPERATE, with its anchors."""
        for c in v.children:
            if c.dep_ == "advmod" and c.lower_ in self.joint_words:
                return self.cooperate, {v.i, c.i}
            if c.dep_ in ("dobj", "nsubjpass") and c.pos_ == "NOUN" and \
                    c.lemma_.lower() not in self.tables.joint_words_only:
                # "joint drills", "joint [air force] drills" (joint hung on the compound)
                mods = [*c.children, *(m for g in c.children if g.dep_ == "compound"
                                       for m in g.children)]
                for a in mods:
                    if a.dep_ in ("amod", "compound") and a.lower_ in self.joint_words:
                        mil = c.lemma_.lower() in self.joint_military or c.lower_ in \
                            self.joint_military
                        return (self.cooperate_mil if mil else self.cooperate), {v.i, c.i}
        return None

    def crowd_subject(self, v: Token) -> bool:
        """Is the verb's subject a protesting crowd ("protesters", "thousands of rioters")?"""
        for c in v.children:
            if c.dep_ == "agent":  # "the embassy was attacked by a crowd of protesters"
                c = next((p for p in c.children if p.dep_ == "pobj"), c)
            elif c.dep_ != "nsubj":
                continue
            heads = [c, *(p for pr in c.children if pr.dep_ == "prep" and pr.lower_ == "of"
                          for p in pr.children if p.dep_ == "pobj")]
            if any(h.lower_ in self.crowds or h.lemma_.lower() in self.crowds for h in heads):
                return True
        return False

    def _light(self, v: Token, lemma: str) -> tuple[Entry, Token] | None:
        lex = self.lex
        for c in v.children:
            nouns: list[Token] = []
            if c.dep_ in ("dobj", "attr", "oprd"):
                # a predicate after the object: "found X GUILTY" (parsed as X's amod)
                nouns = [c, *(a for a in c.children if a.dep_ == "amod" and a.i > c.i)]
            elif c.dep_ in ("nsubjpass", "nsubj"):
                nouns = [c]
            elif c.dep_ == "prep":
                nouns = [p for p in c.children if p.dep_ == "pobj"]
            elif c.dep_ == "prt":
                continue
            for n in list(nouns):  # "began two days of talks", "closed two of its crossings"
                if n.lemma_.lower() in MEASURE_NOUNS or n.lower_ in MEASURE_NOUNS or \
                        n.pos_ == "NUM":
                    # a sum is also IN what it buys: "sent X $2 billion IN military aid"
                    preps = ("of", "in") if n.pos_ == "NUM" else ("of",)
                    nouns += [p for pr in n.children if pr.dep_ == "prep" and pr.lower_ in preps
                              for p in pr.children if p.dep_ == "pobj"]
            for n in nouns:
                # "a hunger strike", "a general strike": the compound names the event
                comp = [f"{c.lower_} {n.lemma_.lower()}" for c in n.children
                        if c.dep_ in ("compound", "amod") and c.i == n.i - 1]
                # a subject noun only makes an event of its own entries ("troops LEFT")
                table = lex.light_subject if c.dep_ == "nsubj" else lex.light
                for key in (*((lemma, k) for k in comp), (lemma, n.lower_),
                            (lemma, n.lemma_.lower())):
                    entry = table.get(key)
                    if entry is None:
                        continue
                    if c.dep_ == "prep" and c.lower_ not in entry.preps:
                        continue
                    if entry.unless_preps and self._aimed(v, n, entry.unless_preps):
                        continue
                    return entry, n
        return None

    def _promised_harm(self, v: Token) -> bool:
        """Does a promise or vow hold out harm ("a crushing response", "revenge")?"""
        tb = self.tables
        objs = [n for n in v.children if n.dep_ in ("dobj", "dative")]
        # a parse slip hangs the promised thing on the dative: "promised [the separatists]
        # <- a grim future", or as its apposition when the thing is quoted ("promised the
        # president “a grim future”")
        objs += [g for n in objs for g in n.children if g.dep_ in ("dobj", "appos")]
        for n in objs:
            if n.pos_ not in ("NOUN", "PROPN"):
                continue
            lemma = n.lemma_.lower()
            if lemma in tb.harm_nouns or lemma in tb.harsh_nouns and any(
                    a.dep_ == "amod" and a.lower_ in tb.harsh_adjectives for a in n.children):
                return True
        return False

    def _in_protest(self, v: Token) -> bool:
        """ "walked off the job IN PROTEST", "shut their shops IN A NATIONWIDE STRIKE"."""
        for pr in v.children:
            if pr.dep_ != "prep" or pr.lower_ != "in":
                continue
            for n in pr.children:
                if n.dep_ != "pobj":
                    continue
                lemma = n.lemma_.lower()
                bare = not any(a.dep_ in ("det", "compound", "poss", "amod") for a in n.children)
                if lemma in self.tables.protest_manner and bare or lemma in (  # not "in the
                        "strike", "strikes") and any(  # protests", "in Dhaka protests"
                        a.dep_ in ("amod", "compound") and a.lower_ in self.tables.strike_kinds
                        for a in n.children):
                    return True
        return False

    def _aimed(self, v: Token, n: Token, preps: frozenset[str]) -> bool:
        """Is the act aimed at someone: "fired a missile AT a ship", "INTO Israel"?
        at/on/against always aim; other prepositions only at a named actor or place."""
        for h in (v, n):
            for pr in h.children:
                if pr.dep_ != "prep" or pr.lower_ not in preps:
                    continue
                if pr.lower_ in ("at", "on", "against"):
                    return True
                if any(p.dep_ == "pobj" and self.actors.ref(p) is not None
                       for p in pr.children):
                    return True
        return False

    def _has_object(self, v: Token, entry: Entry) -> bool:
        for c in v.children:
            if c.dep_ in ("dobj", "dative", "nsubjpass", "ccomp", "xcomp", "attr"):
                return True
            if c.dep_ == "prep" and c.lower_ in entry.target_preps:
                return True
        return v.dep_ in ("relcl", "acl") and v.tag_ == "VBN"

    def _is_verbal(self, v: Token, entry: Entry) -> bool:
        spec = entry.verbal or {}
        for c in v.children:
            if c.dep_ == "prep" and c.lower_ in (spec.get("preps") or ()):
                return True
            if c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in (spec.get("objects") or ()):
                return True
            if c.dep_ == "advmod" and c.lower_ in (spec.get("advmods") or ()):
                return True
            if c.dep_ == "nsubj" and spec.get("subjects") and (  # "POLICE raided", "riot police"
                    c.lemma_.lower() in spec["subjects"] or any(
                        f"{m.lower_} {c.lemma_.lower()}" in spec["subjects"]
                        for m in c.children if m.dep_ in ("compound", "amod"))):
                return True
        return False

    def _merge_plots(self, cands: list[Candidate]) -> list[Candidate]:
        """"a plot to bomb X" / "a plot was foiled to bomb X": one planned ASSAULT, the verb's."""
        plots = [c for c in cands if c.kind == "noun" and c.entry.planned]
        drop: set[int] = set()
        for p in plots:
            for c in cands:
                if c is p or c.kind == "noun" or c.type != p.type:
                    continue
                v = c.trigger
                if v.head.i == p.trigger.i or v.head.i == p.trigger.head.i or \
                        p.trigger.i in {a.i for a in v.ancestors}:
                    c.anchors.add(p.trigger.i)
                    c.entry = _with_planned(c.entry)
                    c.trigger_text = f"{p.trigger.text} to {c.trigger_text}" \
                        if p.trigger.i < v.i else c.trigger_text
                    drop.add(id(p))
                    break
        return [c for c in cands if id(c) not in drop]

    # -- arguments ---------------------------------------------------------------------
    def subjects(self, v: Token, _depth: int = 0, inherit: bool = True
                 ) -> tuple[list[str], list[str]]:
        """(active subjects, passive subjects) of a verb, inherited where the parse omits them."""
        act: list[str] = []
        pas: list[str] = []
        # a parse slip hangs the subject on the auxiliary: "[Qatar]<-is mediating"
        kids = [*v.children, *(g for a in v.children if a.dep_ in ("aux", "auxpass")
                               for g in a.children if g.dep_ in ("nsubj", "nsubjpass"))]
        subj = [c for c in kids if c.dep_ in ("nsubj", "csubj")]
        for c in kids:
            if c.dep_ in ("nsubj", "csubj") and c.i == subj[-1].i:  # not a dateline "SEOUL, -"
                act += self.actors.phrase(c) or self.actors.generic_agent(c)
            elif c.dep_ == "nsubjpass":
                pas += self.actors.phrase(c)
            elif c.dep_ == "agent":
                for p in c.children:
                    if p.dep_ == "pobj":
                        act += self.actors.phrase(p)
        if pas and not act:  # "X were arrested and prosecuted by Y": the agent is shared
            for c in v.children:
                if c.dep_ == "conj" and c.pos_ == "VERB":
                    for a in c.children:
                        if a.dep_ == "agent":
                            act += [k for p in a.children if p.dep_ == "pobj"
                                    for k in self.actors.phrase(p)]
        has_subj = any(c.dep_ in ("nsubj", "nsubjpass", "csubj") for c in kids)
        if not has_subj and not act:  # "On a visit to X, [the minister]<-appos-X said"
            act += self.actors.fronted_subject(v)
            has_subj = bool(act)
        if not has_subj and v.dep_ == "ROOT" and not act:
            # a parse slip on short headlines: "Sweden suspended aid" with Sweden an npadvmod,
            # "Armenia hands back four villages" with Armenia a compound of the verb
            for c in v.children:
                if c.dep_ in ("npadvmod", "compound") and c.i < v.i and c.pos_ == "PROPN":
                    act += self.actors.phrase(c)
        if has_subj or _depth > 4 or not inherit:
            return act, pas
        h = v.head
        if h.lemma_.lower() in self.no_inherit and v.dep_ not in ("conj", "ccomp"):
            return act, pas
        # a passive without its own subject ("were convicted" under a parse slip such
        # as "two militants went were convicted"): whoever it inherits is its patient
        passive = not act and any(c.dep_ == "auxpass" for c in v.children)
        if v.dep_ == "ccomp" and h.pos_ in ("VERB", "AUX"):
            # a subjectless complement is a misparsed conjunct: "X said ... and warned that"
            ha, _ = self.subjects(h, _depth + 1)
            return (act, pas or ha) if passive else (act or ha, pas)
        if v.dep_ == "xcomp" and h.lemma_.lower() in OBJECT_CONTROL:
            # "urged X to withdraw", "called on X to withdraw": X is the subject
            objs = [o for o in h.children if o.dep_ in ("dobj", "dative")]
            objs += [p for pr in h.children if pr.dep_ == "prep" and pr.lower_ in ("on", "upon")
                     for p in pr.children if p.dep_ == "pobj"]
            if objs:
                return act or self.actors.phrase(objs[0]), pas
        if v.dep_ == "xcomp" and h.pos_ == "ADJ" and h.head.pos_ in ("VERB", "AUX"):
            return self.subjects(h.head, _depth + 1)  # "X was ready to help Y"
        if v.dep_ in ("xcomp", "conj", "advcl") and h.pos_ in ("VERB", "AUX") and h.i != v.i:
            ha, hp = self.subjects(h, _depth + 1)
            if v.dep_ == "conj" and v.tag_ != "VBN" and hp and not ha:
                return act or hp, pas  # "X was charged and went on trial"
            if passive:  # "X came home and was arrested": X is arrested
                return act, pas or ha or hp
            return act or ha, pas or hp
        if v.dep_ in ("acl", "relcl") and h.pos_ in ("NOUN", "PROPN", "PRON"):
            if v.tag_ == "VBN":
                return act, pas or self.actors.phrase(h)  # "22 people arrested by Y"
            own = self.actors.phrase(h)
            if not own and not act and v.dep_ == "acl" and h.dep_ == "dobj" and \
                    h.head.pos_ in ("VERB", "AUX") and any(
                        a.dep_ == "aux" and a.lower_ == "to" for a in v.children):
                # "X will intensify efforts to support Y", "X unveiled plans to build":
                # the object's infinitive is done by the subject of the verb that has it
                ga, _ = self.subjects(h.head, _depth + 1)
                return ga, pas
            return act or own, pas  # "a group planning an attack"
        if v.dep_ == "pcomp" and h.dep_ == "prep":
            gov = h.head
            if gov.pos_ in ("VERB", "AUX"):
                for c in gov.children:  # "accused X of Ving", "rebuked X for Ving"
                    if c.dep_ == "dobj":
                        return act or self.actors.phrase(c), pas
                for c in gov.children:  # "X was accused of Ving"
                    if c.dep_ == "nsubjpass":
                        return act or self.actors.phrase(c), pas
                ga, _ = self.subjects(gov, _depth + 1)
                return act or ga, pas
            if gov.pos_ in ("NOUN", "PROPN"):
                return act or self.actors.phrase(gov), pas
        return act, pas

    def _prep_objects(self, tok: Token, preps: frozenset[str], places: bool) -> list[str]:
        keys: list[str] = []
        for c in tok.children:
            if c.dep_ in ("prep", "agent", "dative") and c.lower_ in preps:
                objs = [p for p in c.children if p.dep_ == "pobj"]
                # "a deal with X covering ...": the parser makes X the subject of a gerund
                objs += [n for g in c.children if g.dep_ == "pcomp"
                         for n in g.children if n.dep_ == "nsubj"]
                for p in objs:
                    found = self.place_keys(self.actors.phrase(p, places=places))
                    if not found and p.lemma_.lower() in BORDER_NOUNS:
                        # "to the border with X", "the frontier of X" (the parser may
                        # hang "with X" on the verb)
                        found = [k for q in [*p.children, *tok.children]
                                 if q.dep_ == "prep" and q.lower_ in ("with", "of")
                                 and q.i > p.i
                                 for o in q.children if o.dep_ == "pobj"
                                 for k in self.place_keys(self.actors.phrase(o, True))]
                    keys += found
        return keys

    def _origin(self, obj: Token, verb: Token) -> list[str]:
        """Whose is the object? "rejected a proposal from X", "met officials from X".

        Proposals and requests name their author with from/by/of; a bare group
        noun ("officials") often has its "from X" hung on the verb by the parser.
        """
        lemma = obj.lemma_.lower()
        keys: list[str] = []
        if lemma in PROPOSAL_NOUNS:
            keys = [k for q in obj.children if q.dep_ == "prep" and q.lower_ in ("from", "by", "of")
                    for o in q.children if o.dep_ == "pobj" for k in self.actors.phrase(o)]
            # "the proposal put forward / made / tabled by X"
            keys += [k for a in obj.children if a.dep_ == "acl" and a.tag_ == "VBN"
                     for g in a.children if g.dep_ == "agent"
                     for o in g.children if o.dep_ == "pobj" for k in self.actors.phrase(o)]
        if not keys and lemma in PROPOSAL_NOUNS | GROUP_NOUNS:
            keys = [k for q in verb.children if q.dep_ == "prep" and q.lower_ == "from"
                    and q.i > obj.i for o in q.children if o.dep_ == "pobj"
                    for k in self.actors.phrase(o)]
        return keys

    def place_keys(self, keys: list[str]) -> list[str]:
        """A place stands for its state as a target ("visited Seoul" -> state:KOR)."""
        out = []
        for k in keys:
            ref = self.actors.refs.get(k)
            if ref is not None and not ref.is_actor and ref.country:
                out.append(ref.country)
            else:
                out.append(k)
        return out

    def arguments(self, c: Candidate) -> None:
        e = c.entry
        if c.kind == "noun":
            self._noun_arguments(c)
            return
        v = c.trigger
        act, pas = self.subjects(v)
        tgt: list[str] = []
        src = list(act)
        if e.subject_role == "target":
            tgt += act
            src = []
        tgt += pas
        # object_role: none ("discussed ties": a topic) or unless_prep ("blamed X on Y").
        on_prep = e.object_role == "none" or bool(e.object_role == "unless_prep" and any(
            ch.dep_ == "prep" and ch.lower_ in e.target_preps for ch in v.children))
        for ch in v.children:
            if c.kind == "verb" and ch.dep_ in ("dobj", "dative") and not on_prep:
                keys = self.place_keys(self.actors.phrase(ch, places=e.place_target))
                tgt += keys or self._origin(ch, v)
            elif c.kind == "light" and (ch.dep_ == "dative" or ch.dep_ == "dobj" and (
                    c.noun is not None and ch.i != c.noun.i)):  # "found X guilty"
                tgt += self.actors.phrase(ch)
        tgt += self._prep_objects(v, e.target_preps, e.place_target)
        src += self._prep_objects(v, e.source_preps, False)
        if c.kind == "verb" and not tgt and "with" in e.target_preps and \
                e.object_role != "none":
            for ch in v.children:  # "shared data WITH X", "shared intelligence on the
                if ch.dep_ in ("dobj", "prep"):  # launch WITH X": "with" hung lower down
                    for t in ch.subtree:
                        if t.dep_ == "prep" and t.lower_ == "with":
                            tgt += [k for p in t.children if p.dep_ == "pobj"
                                    for k in self.actors.phrase(p)]
        if c.kind == "verb" and not tgt and not on_prep:
            for ch in v.children:  # a parse slip: "trains [AZERI]xcomp security services"
                if ch.dep_ == "xcomp" and ch.pos_ in ("PROPN", "ADJ") and any(
                        o.dep_ == "dobj" for o in ch.children):
                    tgt += self.place_keys(self.actors.phrase(ch))
        if (e.layer != "hand" or e.type == "THREATEN") and not tgt:
            # "voiced support FOR X", "launched a raid ON X", "threatened sanctions AGAINST X"
            preps = e.target_preps or self.tables.type_preps.get(e.type, frozenset())
            for ch in v.children:
                if ch.dep_ in ("dobj", "nsubjpass") and ch.pos_ == "NOUN":
                    tgt += self._prep_objects(ch, preps, e.place_target)
        if not tgt and c.kind == "verb" and e.type in ("THREATEN", "REQUEST", "SUPPORT", "AID",
                                                       "REJECT"):
            for ch in v.children:  # "threatened to wipe out X", "helped X evade ...",
                if ch.dep_ in ("xcomp", "ccomp") or ch.dep_ == "advcl" and any(  # "refused
                        a.dep_ == "aux" and a.lower_ == "to" for a in ch.children):  # to meet X"
                    role = "nsubj" if e.type in ("AID", "SUPPORT", "REQUEST") else "dobj"
                    if role == "nsubj" and e.type != "REQUEST" and not any(
                            o.dep_ == "nsubj" for o in ch.children):
                        role = "dobj"  # "helped rebuild the Sri Lankan railway"
                    for o in ch.children:
                        if o.dep_ != role:
                            continue
                        # "threatened to cut transit OF Lithuanian goods"
                        found = self.actors.phrase(o) or self.actors.inner(o)
                        if not found and o.lemma_.lower() in BORDER_NOUNS:  # "its border with X"
                            found = self._prep_objects(o, frozenset({"with"}), True) or \
                                self._prep_objects(ch, frozenset({"with"}), True)
                        tgt += found
                    if not tgt and e.type == "THREATEN":  # "would strike deep INSIDE Israel"
                        tgt += [k for pr in ch.children if pr.dep_ == "prep"
                                and pr.lower_ in self.tables.place_preps
                                for o in pr.children if o.dep_ == "pobj"
                                for k in self.place_keys(self.actors.phrase(o, places=True))
                                if k.startswith("state:")]
        if not tgt and c.kind == "verb":  # "allowed UN investigators to enter", "refused
            perms = [v] if v.lemma_.lower() in PERMIT_VERBS else [  # to let X into"
                ch for ch in v.children if ch.dep_ in ("xcomp", "ccomp")
                and ch.lemma_.lower() in PERMIT_VERBS]
            tgt += [k for pv in perms for k in self._permitted(pv)]
        if c.kind == "light" and c.noun is not None and c.noun.dep_ == "nsubjpass":
            owners = self.actors.phrase(c.noun)
            tgt = [k for k in tgt if k not in owners]
            if e.noun_owner == "source":  # "Russian soldiers were stationed in Belarus"
                src = owners + src
            else:  # "Polish diplomats were expelled by Belarus"
                tgt = owners + tgt
        if c.kind == "light" and c.noun is not None:
            n = c.noun
            tgt += self._prep_objects(n, e.target_preps, e.place_target)
            if not src:  # "relief supplies FROM the UAE reached X"
                src += self._prep_objects(n, e.source_preps, False)
            if n.lemma_.lower() in PROPOSAL_NOUNS:  # "rejected a proposal from X"
                tgt += self._origin(n, v)
            for ch in n.children:
                if ch.dep_ in ("amod", "compound", "poss") and (
                        e.symmetric or e.noun_owner == "target"):
                    tgt += self.actors.phrase(ch)
                elif ch.dep_ in ("amod", "compound", "poss") and e.noun_owner == "source" \
                        and not src:
                    src += self.actors.phrase(ch)
        patients = self._patients(c)
        if c.kind == "verb":  # "hosted talks BETWEEN X and Y": the parties of the talks
            tgt += [k for p in patients
                    if p.lemma_.lower() in self.lex.nouns or p.lower_ in self.lex.nouns
                    for k in self._prep_objects(p, frozenset({"between"}), False)]
        if not [k for k in tgt if k not in src] and not e.symmetric:
            # "froze the assets of X", "held a hearing on the conduct of X"
            tgt += [k for p in patients for k in self.actors.inner(
                p, EVENT_PREPS if p.lemma_.lower() in self.lex.nouns
                or p.lower_ in self.lex.nouns else INNER_PREPS)]
        if not [k for k in tgt if k not in src] and not e.symmetric \
                and e.type not in self.tables.place_types:
            # what is acted on happened in a state: "an investigation into abuses IN Sudan"
            tgt += [k for p in patients for q in p.children
                    if q.dep_ == "prep" and q.lower_ == "in"
                    for o in q.children if o.dep_ == "pobj"
                    for k in self.place_keys(self.actors.phrase(o, places=True))
                    if k.startswith("state:")]
        if not [k for k in tgt if k not in src] and not e.symmetric:
            # "drills near its border WITH Azerbaijan", "troops along the MALIAN border"
            own = set(self.actors.states_of(src))
            tgt += [k for k in self._border_of(c) if k not in own]
        home: list[str] = []  # the act's own country: where it happened, whose crowd
        if not [k for k in tgt if k not in src] and e.type in self.tables.place_types \
                and e.layer != "default":  # ("pulled ITS troops out of X": its is the source)
            # (a dictionary verb's bare default code still needs a named dyad)
            home += self._place_of(c)
        if not [k for k in tgt if k not in src] and e.type in self.tables.own_state_types:
            home += [k if k.startswith("state:") else (self.actors.country.get(k) or "")
                     for k in src]
        tgt += home
        c.source = _uniq(src)
        c.target = [k for k in _uniq(tgt) if k not in c.source or e.symmetric]
        if e.symmetric:
            self._symmetric(c)
        else:
            self._domestic(c, home, patients)

    def _permitted(self, v: Token) -> list[str]:
        """Who is let or allowed to act: the object, or the subject of the permitted act
        (the parser may make the party itself the complement: "let [UN investigators]")."""
        keys: list[str] = []
        for ch in v.children:
            if ch.dep_ in ("dobj", "dative"):
                keys += self.actors.phrase(ch)
            elif ch.dep_ in ("ccomp", "xcomp"):
                if ch.pos_ in ("NOUN", "PROPN"):
                    keys += self.actors.phrase(ch)
                else:
                    keys += [k for s in ch.children if s.dep_ == "nsubj"
                             for k in self.actors.phrase(s)]
        return keys

    def _where(self, subj: Token) -> list[str]:
        """States of the place a subject is said to be in ("Protesters IN the capital",
        "Students AT the University OF Dhaka")."""
        keys: list[str] = []
        for pr in subj.children:
            if pr.dep_ != "prep" or pr.lower_ not in ("in", "at", "across", "throughout"):
                continue
            for o in pr.children:
                if o.dep_ != "pobj":
                    continue
                found = self.place_keys(self.actors.phrase(o, places=True))
                found += [k for q in o.children if q.dep_ == "prep"
                          and q.lower_ in ("of", "in")
                          for p in q.children if p.dep_ == "pobj"
                          for k in self.place_keys(self.actors.phrase(p, places=True))]
                keys += [k for k in found if k.startswith("state:")]
        return keys

    def _border_of(self, c: Candidate) -> list[str]:
        """The state across a border the act happens at: a border noun in the act's
        prepositional phrases (on the verb, its object or its noun), by its "with"/"of"
        object or its own modifiers ("the Malian border")."""
        heads = [c.trigger, *(ch for ch in c.trigger.children if ch.dep_ in ("dobj", "advmod"))]
        if c.noun is not None:
            heads.append(c.noun)
        heads += [p for h in heads[1:] for pr in h.children if pr.dep_ == "prep"  # "the
                  for p in pr.children if p.dep_ == "pobj"]  # level OF its troops ALONG X"
        keys: list[str] = []
        for h in heads:
            for pr in h.children:
                if pr.dep_ != "prep":
                    continue
                objs = [p for p in pr.children if p.dep_ == "pobj"]
                objs += [p for q in pr.children if q.dep_ == "prep"  # "close to X"
                         for p in q.children if p.dep_ == "pobj"]
                for b in objs:
                    if b.lemma_.lower() not in BORDER_NOUNS:
                        continue
                    keys += [k for m in b.children if m.dep_ in ("amod", "compound")
                             for k in self.place_keys(self.actors.phrase(m, True))]
                    # the parser may hang "with X" on the verb: "near its border | with X"
                    keys += [k for q in [*b.children, *h.children] if q.dep_ == "prep"
                             and q.lower_ in ("with", "of") and q.i > b.i
                             for o in q.children if o.dep_ == "pobj"
                             for k in self.place_keys(self.actors.phrase(o, True))]
        return [k for k in keys if k.startswith("state:") or self.actors.country.get(k)]

    def _patients(self, c: Candidate) -> list[Token]:
        """The heads of what an act is done to: objects, passive subjects and the objects
        of the entry's target prepositions (on the verb or on a light verb's noun)."""
        v, e = c.trigger, c.entry
        # what is mobilised is the source's own ("moved two army divisions")
        out = [] if e.type in OWN_OBJECT_TYPES else [
            ch for ch in v.children if ch.dep_ in ("dobj", "dative", "nsubjpass")
            and (c.noun is None or ch.i != c.noun.i)]
        if e.type in OWN_OBJECT_TYPES:
            return out
        for h in (v, c.noun):
            if h is not None:
                out += [p for pr in h.children if pr.dep_ == "prep"
                        and pr.lower_ in e.target_preps | {"into", "on", "of"}
                        for p in pr.children if p.dep_ == "pobj"]
        return out

    def _domestic(self, c: Candidate, home: list[str], patients: list[Token]) -> None:
        """Note the signs of a domestic act (see :meth:`domestic_targets`)."""
        c.home = [k for k in home if k]
        if c.type in OWN_OBJECT_TYPES:
            return  # what is mobilised is one's own: no sign of a domestic party
        owners = [c.noun] if c.noun is not None else []  # "accepted the opposition's demand"
        c.domestic_patient = any(not self.actors.phrase(p) and self.actors.domestic(p)
                                 for p in [*patients, *owners])

    def domestic_targets(self, cands: list[Candidate]) -> None:
        """An act with no other party, by actors of one state, in that state or on people
        of no stated country ("Police arrested an opposition leader in Dakar", "the junta
        charged the ousted president", "Israelis rallied in Tel Aviv") is done to that
        state: the source's own state is the target (as CAMEO codes domestic events).
        Run after the constructions, which may still find a named target.

        People of no stated country who act where they live take the state of the
        place they act in as source first ("Police arrested X in Dakar", "Rioters
        torched police stations in Senegal", "Students at the University of Dhaka")."""
        for c in cands:
            if c.source or c.kind == "noun" or c.type in OUTWARD_TYPES or c.entry.symmetric:
                continue
            subj = [ch for ch in c.trigger.children if ch.dep_ == "nsubj"]
            if not subj or not self.actors.local_people(subj[0]):
                continue
            states = {k for k in [*c.home, *self._place_of(c), *self._where(subj[0])]
                      if k.startswith("state:")}
            if len(states) == 1:
                c.source = [states.pop()]
                if c.type in self.tables.own_state_types:  # a protest at home
                    c.home += c.source
        for c in cands:
            if c.target or not c.source or c.entry.symmetric:
                continue
            own = self.actors.own_state(c.source)
            if own is not None and (c.domestic_patient or any(
                    self.actors.own_state([k]) == own for k in c.home)):
                c.target = [own]

    def _place_of(self, c: Candidate) -> list[str]:
        """The state of the place where an act without a named target happened
        ("struck targets in southern Lebanon": LBN; "pulled its troops out of Niger")."""
        preps = self.tables.place_preps
        heads = [c.trigger, *(ch for ch in c.trigger.children if ch.dep_ in ("dobj", "nsubjpass"))]
        if c.noun is not None:
            heads.append(c.noun)
        keys: list[str] = []
        for h in heads:
            for pr in h.children:
                if pr.dep_ != "prep" or pr.lower_ not in preps:
                    continue
                objs = [p for p in pr.children if p.dep_ == "pobj"]
                objs += [p for q in pr.children if q.dep_ == "prep"  # "out of X"
                         for p in q.children if p.dep_ == "pobj"]
                for p in objs:
                    found = [] if p.lower_ in self.lex.nouns or p.lemma_.lower() in \
                        self.lex.nouns else [  # "in an Iranian plot" is not a place
                        k for k in self.place_keys(self.actors.phrase(p, places=True))
                        if k.startswith("state:")]
                    if not found:  # "in an ambush IN eastern Syria", "at a mosque IN X"
                        found = [k for q in p.children if q.dep_ == "prep"
                                 and q.lower_ in ("in", "near", "inside", "outside")
                                 for o in q.children if o.dep_ == "pobj"
                                 for k in self.place_keys(self.actors.phrase(o, places=True))
                                 if k.startswith("state:")]
                    keys += found
        return keys

    def _noun_arguments(self, c: Candidate) -> None:
        e = c.entry
        n = c.trigger
        src: list[str] = []
        tgt: list[str] = []
        for ch in n.children:
            if ch.dep_ in ("poss", "amod", "compound", "nmod") and e.poss in ("source", "target"):
                keys = self.actors.phrase(ch)
                (src if e.poss == "source" else tgt).extend(keys)
            elif ch.dep_ == "prep" and ch.lower_ == "of" and e.of in ("source", "target"):
                for p in ch.children:
                    if p.dep_ == "pobj":
                        keys = self.actors.phrase(p)
                        (src if e.of == "source" else tgt).extend(keys)
            elif ch.dep_ == "prep" and ch.lower_ == "between":
                for p in ch.children:
                    if p.dep_ == "pobj":
                        tgt += self.actors.phrase(p)
        tgt += self._prep_objects(n, e.target_preps - {"between"}, e.place_target)
        src += self._prep_objects(n, e.source_preps, False)
        for ch in n.children:  # parse slips: "the arrest of two citizens by X" (by on citizens)
            if ch.dep_ == "prep" and ch.lower_ == "of":
                for p in ch.children:
                    if p.dep_ == "pobj":
                        if not src:
                            src += self._prep_objects(p, e.source_preps - {"of"}, False)
                        if not tgt:
                            tgt += self._prep_objects(p, e.target_preps - {"of", "between"},
                                                      e.place_target)
        c.source = _uniq(src)
        c.target = [k for k in _uniq(tgt) if k not in c.source or e.symmetric]
        if e.symmetric:
            self._symmetric(c)

    def inherit_noun_source(self, c: Candidate, stop: frozenset[str]) -> None:
        """A nominal event with a target but no source takes the subject of its clause.

        ("Israel planned to use the airfields in the event of a strike on Iran"):
        the nearest verb above the noun that has an actor subject, never crossing a
        reporting verb (the reporter is not the actor of what is reported).
        """
        # "answered with accusations" is an accusation; "called the accusation a lie" is not.
        verbal = c.type in ("ACCUSE", "THREATEN", "REJECT", "REQUEST") and not any(
            d.dep_ == "det" and d.lower_ in ("the", "this", "that", "these", "those")
            for d in c.trigger.children)
        if c.kind != "noun" or c.source or not (c.target or c.hidden or verbal):
            return
        prev = c.trigger
        for a in c.trigger.ancestors:
            if a.lemma_.lower() in stop and prev.dep_ == "prep" and prev.lower_ in ("on", "during"):
                # "On a visit to Tehran, the minister said": the speaker made the visit
                act, _ = self.subjects(a, inherit=False)
                c.source = [k for k in act if k not in c.target]
                return
            if a.lower_ in TEMPORAL_PREPS and c.type == "CONSULT" and a.dep_ == "prep" \
                    and a.head.pos_ in ("VERB", "AUX") and (a.i < a.head.i
                                                           or a.lower_ == "during"):
                # "After a meeting with X, Y said ...": Y took part in the meeting;
                # "Y praised X during a visit to Z": Y made the visit
                act, _ = self.subjects(a.head, inherit=False)
                c.source = [k for k in act if k not in c.target]
                return
            if a.lemma_.lower() in stop or a.lower_ in TEMPORAL_PREPS:
                return  # "shortly after Samadov's arrest, X promised": X did not arrest
            prev = a
            if a.pos_ in ("VERB", "AUX"):
                act, _ = self.subjects(a, inherit=a.dep_ in ("xcomp", "pcomp"))
                act = [k for k in act if k not in c.target]
                if act:
                    c.source = act
                    return
                explicit = any(ch.dep_ in ("nsubj", "nsubjpass") for ch in a.children) or \
                    a.dep_ in ("acl", "relcl")
                if explicit:  # "a group planning an attack": the group, not an actor
                    return

    def _symmetric(self, c: Candidate) -> None:
        parts = _uniq(c.source + c.target)
        if len(parts) < 2 and c.kind != "noun":
            v = c.trigger
            if v.dep_ == "conj":  # "met X ... and signed an agreement" -> with X
                h = v.head
                for ch in h.children:
                    if ch.dep_ == "dobj":
                        parts = _uniq(parts + self.actors.phrase(ch))
                parts = _uniq(parts + self._prep_objects(h, frozenset({"with"}), False))
        if len(parts) >= 2:
            c.source = list(parts)
            c.target = list(parts)

    def group_reference(self, c: Candidate, previous: list[Candidate]) -> None:
        """ "The two ministers signed" -> the participants of the last two-sided event."""
        if c.source or c.kind == "noun":
            return
        subj = [ch for ch in c.trigger.children if ch.dep_ in ("nsubj", "nsubjpass")]
        if not subj:
            return
        s = subj[0]
        two = any(ch.lower_ in ("two", "both") for ch in s.children) or s.lower_ in ("two",
                                                                                     "both")
        if not two or s.lower_ not in GROUP_NOUNS | {"two", "both"}:
            return
        people = s.lower_ in PERSON_GROUPS
        for p in reversed(previous):
            if p.hidden:
                continue
            parts = [k for k in _uniq(p.source + p.target)
                     if (self.actors.refs[k].type == "PERSON") == people
                     or k not in self.actors.refs]
            if len(parts) < 2:
                parts = _uniq(p.source + p.target)
                if len(parts) < 2 or c.sentence - p.sentence > 1:
                    continue
            if c.entry.symmetric:
                c.source, c.target = list(parts), list(parts)
            else:
                c.source = list(parts)
            return

    def accusation_content(self, cands: list[Candidate]) -> None:
        """Hide what an accusation alleges ("accused X of collaborating"), a request asks
        for ("urged X to withdraw") or a threat threatens ("threatened to wipe out X"):
        none of it has happened."""
        for acc in cands:
            if acc.kind != "verb" or not (acc.type in ("ACCUSE", "THREATEN") or (
                    acc.type == "REQUEST" and acc.trigger.lemma_.lower() in self.request_verbs)):
                continue
            v = acc.trigger
            content: set[int] = set()
            # "accused X of Ving" with "of" hung on X by the parser
            heads = [v, *(o for o in v.children if o.dep_ == "dobj" and acc.type == "ACCUSE")]
            for ch in (g for h in heads for g in h.children):
                if ch.dep_ == "prep" and ch.lower_ in ("of", "for", "over", "with") or \
                        ch.dep_ in ("ccomp", "xcomp") and ch.i > v.i or \
                        ch.dep_ == "advcl" and ch.i > v.i and any(  # "threatened ... to hit X"
                            a.dep_ == "aux" and a.lower_ == "to" for a in ch.children):
                    # not the clauses hung on the content ("..., hours before X began")
                    outside = {t.i for g in ch.children if g.i != ch.i and g.dep_ in (
                        "advcl", "npadvmod", "parataxis") and ch.dep_ == "advcl"
                        for t in g.subtree}
                    content.update(t.i for t in ch.subtree if t.i not in outside)
            if acc.type in ("REQUEST", "THREATEN"):
                # "requested assistance from X", "a meeting with X", "threatened sanctions"
                for o in v.children:
                    if o.dep_ == "dobj":
                        content.update(t.i for t in o.subtree)
            for c in cands:
                if c is not acc and c.trigger.i in content:
                    c.hidden = True
                    acc.content.append(c)
            if acc.type == "REQUEST" and not acc.target:  # its parties are asked
                acc.target = _uniq([k for c in acc.content if c.kind == "noun"
                                    for k in (*c.source, *c.target) if k not in acc.source])


@dataclass(frozen=True)
class CoderTables:
    """The coder's word sets and fixed entries (data/lexicon/modality.yaml), per lexicon."""

    accusation_verbs: frozenset[str]
    request_verbs: frozenset[str]
    crowds: frozenset[str]
    crowd_verbs: frozenset[str]
    street_verbs: frozenset[str]
    protest: Entry
    joint_words: frozenset[str]
    joint_military: frozenset[str]
    cooperate: Entry
    cooperate_mil: Entry
    no_inherit: frozenset[str]
    trigger_words: frozenset[str]
    place_types: frozenset[str]
    place_preps: frozenset[str]
    own_state_types: frozenset[str]
    #: "in protest", "in a general strike": the act is a protest
    protest_manner: frozenset[str]
    strike_kinds: frozenset[str]
    #: promises of harm are threats ("promised X a grim future", "vowed revenge")
    promise_verbs: frozenset[str]
    harm_nouns: frozenset[str]
    harsh_nouns: frozenset[str]
    harsh_adjectives: frozenset[str]
    threat: Entry
    #: generic agents whose acts are events though they name no actor ("troops raided X")
    agent_nouns: frozenset[str]
    #: "supplied X with missiles AS AID", "built a hospital AS A GIFT": aid
    gift_nouns: frozenset[str]
    aid: Entry
    #: joint things that are statements, not cooperation ("a joint news conference")
    joint_words_only: frozenset[str]
    #: what kills without being an attack ("the earthquake killed", "when his plane crashed")
    disasters: frozenset[str]
    #: each type's target prepositions (types.yaml), for hand entries that list none
    type_preps: dict[str, frozenset[str]]

    @classmethod
    def build(cls, lex: Lexicon) -> CoderTables:
        mod = lex.modality

        def words(key: str) -> frozenset[str]:
            return frozenset(mod.get(key) or ())

        crowd_verbs, street = words("protest_crowd_verbs"), words("protest_verbs_any_subject")
        joint = words("joint_words")
        return cls(
            accusation_verbs=words("accusation_verbs"), request_verbs=words("request_verbs"),
            crowds=words("protest_crowds"), crowd_verbs=crowd_verbs, street_verbs=street,
            protest=lex.make({"type": "PROTEST", "cameo": "140",
                              "target_preps": ["against", "outside", "at"]}, "protest"),
            joint_words=joint, joint_military=words("joint_military_nouns"),
            cooperate=lex.make({"type": "COOPERATE", "cameo": "060",
                                "target_preps": ["with"]}, "joint"),
            cooperate_mil=lex.make({"type": "COOPERATE", "cameo": "062",
                                    "target_preps": ["with"]}, "joint"),
            no_inherit=words("reporting_verbs") | words("denial_verbs") | words(
                "prevention_verbs"),
            place_types=words("place_target_types"), place_preps=words("place_target_preps"),
            own_state_types=words("own_state_target_types"),
            protest_manner=words("protest_manner_nouns"), strike_kinds=words("strike_kinds"),
            promise_verbs=words("promise_verbs"), harm_nouns=words("harm_nouns"),
            harsh_nouns=words("harsh_nouns"), harsh_adjectives=words("harsh_adjectives"),
            threat=lex.make({"type": "THREATEN", "cameo": "130"}, "promise"),
            agent_nouns=words("actorless_agents"), joint_words_only=words("joint_statements"),
            gift_nouns=words("gift_nouns"),
            aid=lex.make({"type": "AID", "cameo": "070", "target_preps": ["to", "for"]}, "gift"),
            disasters=words("disaster_words"),
            type_preps={t: frozenset(row.get("target_preps") or ())
                        for t, row in PLOVER_TABLE.items()},
            trigger_words=frozenset(lex.verbs) | lex.light_verbs | frozenset(lex.nouns)
            | frozenset(lex.cameo.verbs) | crowd_verbs | street | joint,
        )


def _with_planned(entry: Entry) -> Entry:
    return replace(entry, planned=True)


def _finite(v: Token) -> bool:
    """A verb with tense: "expelled", "expels", "will expel", "was expelled", "is expelling"."""
    return v.tag_ in ("VBD", "VBZ", "VBP") or any(
        c.dep_ in ("aux", "auxpass") and c.tag_ != "TO" for c in v.children)


def _uniq(keys: list[str]) -> list[str]:
    return list(dict.fromkeys(k for k in keys if k))
