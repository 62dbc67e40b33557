"""Constructions that change what a sentence's events are, read off the parse.

Why a module of its own: each rule rewrites the candidates the coder found for a
sentence, after their arguments are known, and each answers one way news states
(or does not state) an event:

* **demands** ("Iran must allow inspectors in, the IAEA said"): a REQUEST by the
  speaker to the subject of the must/should clause; the demanded act has not
  happened and is hidden;
* **conditional and future threats** ("will expel the ambassador unless Paris
  withdraws", "vowed to destroy X if ...", "would tighten the blockade, officials
  warned"): a THREATEN, not the act; what the condition names is hidden too;
* **commitments and permissions** ("agreed to host talks", "allowed inspectors to
  visit"): one AGREE or RETREAT, what was agreed or allowed is not an event;
* **refusals** ("Egypt will not accept refugees", "would never recognise X",
  "refused to return the ambassador"): a REJECT of the cooperative act, which is
  not an event itself;
* **subordinate accusations** ("deported three nationals accused of espionage",
  "the captain, suspected of smuggling weapons, was detained"): a participle that
  describes a participant of another event is background, not an event of the
  sentence;
* **analysis** ("X considers the pact a basis for cooperation with Y", "X is
  aware of Y's distrust of Z because of ..."): what someone thinks or knows,
  and everything inside it, is not an event;
* **rules, not acts** ("the contract allows the firm to expand"): a permission
  or a dictionary reading whose stated subject is a thing, not an actor;
* **needs** ("X needs strong support"): an appeal only when someone says it;
* **efforts** ("stepped up efforts to mediate"): the dictionary reading of the
  outer verb is manner, the infinitive is the act;
* **restatements** ("struck a block, killing 40", "travelled to Moscow for talks"):
  an act of the same type inside another's participle, purpose or phrase is the
  same event told twice; what a protest demands is its content; the reason of an
  accusation, sanction or arrest ("detained for criticising X") is background.

Word lists are data (``data/lexicon/modality.yaml``: ``demand_modals``,
``threat_verbs``, ``condition_markers``, ``analysis_verbs``,
``actor_subject_verbs``); the PLOVER type a threat of each act gets its CAMEO
code from ``threat_cameo`` in ``types.yaml``.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from ...records import PLOVER_TABLE

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from .coder import Candidate, Coder
    from .modality import ModalityReader

#: Acts whose announcement under a condition or a warning is a threat.
THREAT_ACTS = frozenset(t for t, row in PLOVER_TABLE.items() if row.get("threat_cameo"))
#: Cooperative acts whose refusal ("will not accept") is a REJECT.
REFUSABLE = frozenset(t for t, row in PLOVER_TABLE.items() if row.get("refusal_cameo"))


def _words(coder: Coder, key: str) -> frozenset[str]:
    return frozenset(coder.lex.modality.get(key) or ())


def _condition(v: Token, markers: frozenset[str]) -> Token | None:
    """The "if/unless" clause hung on a verb, if any."""
    for c in v.children:
        if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in markers
                                     for m in c.children):
            return c
    return None


def _condition_subject(coder: Coder, cond: Token | None) -> list[str]:
    """Who the condition is about: "unless PERU apologises" (a compound on a misparse)."""
    if cond is None:
        return []
    return [k for ch in cond.children if ch.dep_ in ("nsubj", "nsubjpass", "compound")
            for k in coder.actors.phrase(ch)]


def _inside(tok: Token, root: Token) -> bool:
    return tok.i == root.i or any(a.i == root.i for a in tok.ancestors)


def subordinate(coder: Coder, cands: list[Candidate]) -> None:
    """Hide participle accusations that describe a participant of another event."""
    accusation = coder.accusation_verbs | {"suspect", "convict", "allege"}
    for c in cands:
        t = c.trigger
        if c.kind != "verb" or c.hidden or t.tag_ != "VBN" or t.dep_ not in ("acl", "relcl"):
            continue
        if any(ch.dep_ in ("nsubj", "nsubjpass") for ch in t.children):
            continue  # a relative clause with its own subject states an event
        others = [o for o in cands if o is not c and not o.hidden and o.kind != "noun"]
        if t.lemma_.lower() in accusation or c.type == "ACCUSE" or any(
                t.head.i in {x.i for x in o.trigger.subtree} for o in others):
            c.hidden = True


def demands(coder: Coder, sent: Span, index: int, cands: list[Candidate],
            reader: ModalityReader, make: type[Candidate]) -> list[Candidate]:
    """ "X must/should do Y, Z said": a REQUEST of Z to X; Y is hidden."""
    modals = _words(coder, "demand_modals")
    out: list[Candidate] = []
    for v in sent:
        if v.pos_ not in ("VERB", "AUX") or not any(
                a.dep_ == "aux" and a.lower_ in modals for a in v.children):
            continue
        mod = reader.read(v, sent)
        if "reported" not in mod.cues and not any(c in reader.reporting for c in mod.cues):
            continue  # a prescription of the writer stays hypothetical
        act, _ = coder.subjects(v, inherit=False)
        speaker = [k for k in mod.attributed_to if not k.startswith("outlet:")]
        # a party the gazetteer does not name is still addressed ("the junta must hand
        # power back, ECOWAS leaders said"; "coalition forces must leave, X said")
        named = any(s.dep_ == "nsubj" and s.pos_ in ("NOUN", "PROPN") for s in v.children)
        if not act and not (speaker and named):
            continue
        if not speaker and not reader.own_voice([], mod.attributed_to, outlet_ok=True):
            continue  # "X should ..., the report recommends": a prescription, hypothetical
        for c in cands:
            if _inside(c.trigger, v):
                c.hidden = True
        # the saying verb may be a request itself ("..., the opposition demanded")
        asker = [c for c in cands if c.type == "REQUEST" and not c.hidden
                 and v.i in {x.i for x in c.trigger.subtree}]
        if asker:
            for c in asker:
                c.target = c.target or [k for k in act if k not in c.source]
            continue
        entry = replace(coder.lex.make({"type": "REQUEST"}, "demand"), layer="hand")
        aux = next(a for a in v.children if a.dep_ == "aux" and a.lower_ in modals)
        cand = make(entry, "verb", v, {v.i}, f"{aux.text} {v.text}", index)
        cand.source = speaker
        cand.target = [k for k in act if k not in speaker]
        # the saying is the demand: asserted, unless nobody who could make it is named
        own = bool(speaker) or reader.own_voice([], mod.attributed_to, outlet_ok=True)
        cand.modality = ("asserted" if own else "reported", list(mod.attributed_to))
        out.append(cand)
    return out


def threats(coder: Coder, sent: Span, cands: list[Candidate], reader: ModalityReader) -> None:
    """Turn announced conflictual acts under a condition or a warning into THREATEN."""
    markers = _words(coder, "condition_markers")
    threat_verbs = _words(coder, "threat_verbs")
    future = _words(coder, "threat_modals")
    for c in cands:  # "X warned that it would act if Y ...": Y is the target
        if c.type == "THREATEN" and c.kind == "verb" and not c.hidden:
            # "X threatened military action if Y did not withdraw": the condition
            # names the target and has not happened
            own = _condition(c.trigger, markers)
            if own is not None:
                for o in cands:
                    if o is not c and _inside(o.trigger, own):
                        o.hidden = True
                if not c.target:
                    c.target = [k for k in _condition_subject(coder, own) if k not in c.source]
        if c.type == "THREATEN" and c.kind == "verb" and not c.target:
            for ch in c.trigger.children:
                cond = _condition(ch, markers) if ch.dep_ in ("ccomp", "xcomp") else None
                if cond is not None:
                    c.target = [k for k in _condition_subject(coder, cond) if k not in c.source]
    for c in list(cands):
        if c.type not in THREAT_ACTS or c.kind == "noun":
            continue
        v = c.trigger
        modal = any(a.dep_ == "aux" and a.lower_ in future for a in v.children)
        vow = v.dep_ in ("xcomp", "advcl") and v.head.lemma_.lower() in threat_verbs and \
            v.head.pos_ == "VERB"
        cond = _condition(v, markers) or (_condition(v.head, markers) if vow else None)
        warned = v.dep_ in ("ccomp", "parataxis") and v.head.lemma_.lower() in threat_verbs \
            or any(ch.dep_ in ("parataxis", "ccomp") and ch.lemma_.lower() in threat_verbs
                   for ch in v.children)
        if not (vow or modal and (cond is not None or warned)):
            continue  # "vowed to crush X" is a threat by itself
        # events named by the condition have not happened either
        if cond is not None:
            for o in cands:
                if o is not c and _inside(o.trigger, cond):
                    o.hidden = True
        cond_subj = _condition_subject(coder, cond)
        container = [o for o in cands if o is not c and o.type == "THREATEN" and o.kind == "verb"
                     and _inside(v, o.trigger)]
        if not (vow or warned or container) and not _threatened(coder, c, cond_subj):
            # a plan under a condition that names no one to threaten is the act, and
            # hypothetical ("will deploy troops if tensions rise", "will suspend aid to
            # the refugees if the funds run out")
            mod = reader.read(v, sent)
            c.modality = ("hypothetical", list(mod.attributed_to))
            continue
        if container and container[0].source:
            ct = container[0]
            ct.target = ct.target or c.target or [k for k in cond_subj if k not in ct.source]
            c.hidden = True
            continue
        for o in container:
            o.hidden = True
        if vow:  # "vowed to destroy X if ...": one event, the threat
            for o in cands:
                if o is not c and o.trigger.i == v.head.i:
                    o.hidden = True
        code = str(PLOVER_TABLE[c.type]["threat_cameo"])
        c.entry = replace(coder.lex.make({"type": "THREATEN", "cameo": code}, "threat"),
                          layer="hand")
        c.hidden = False
        c.target = c.target or [k for k in cond_subj if k not in c.source]
        if vow:
            c.trigger_text = f"{v.head.text} to {c.trigger_text}"
            c.anchors.add(v.head.i)
        mod = reader.read(container[0].trigger if container else v, sent)
        # a threat stated by its own side is asserted ("..., its armed wing said")
        said = "reported" in mod.cues or any(k in reader.reporting for k in mod.cues)
        c.modality = ("reported", list(mod.attributed_to)) if said and mod.attributed_to \
            and not reader.own_voice(c.source, mod.attributed_to, outlet_ok=True) \
            else ("asserted", [])
    conditions_of_threats(cands, markers)


def _threatened(coder: Coder, c: Candidate, cond_subj: list[str]) -> bool:
    """Does a conditional act threaten someone? Violence does ("will execute hostages if
    ..."); other acts when the condition names a party ("unless PERU apologises") or the
    act names another party than its actor's own state as its object or by one of its
    target prepositions ("impose sanctions ON Minsk"), not merely the place where it
    happens ("deploy troops TO the Suwalki Gap")."""
    if cond_subj or c.type in _words(coder, "threat_unaimed_types"):
        return True
    v, e = c.trigger, c.entry
    named = [k for ch in v.children if ch.dep_ in ("dobj", "dative")
             for k in coder.actors.phrase(ch)]
    named += coder._prep_objects(v, e.target_preps, False)
    if c.noun is not None:
        named += coder._prep_objects(c.noun, e.target_preps, False)
    own = coder.actors.states_of(c.source)
    return any(k not in own and coder.actors.country.get(k) not in own for k in named)


def refusals(coder: Coder, sent: Span, cands: list[Candidate], reader: ModalityReader) -> None:
    """ "will not / would never <cooperate>" is a REJECT; "refused to <act>" hides the act."""
    future = _words(coder, "threat_modals")
    negation = frozenset(coder.lex.modality.get("negation_words") or ())
    for c in cands:
        if c.hidden or c.kind == "noun" or c.type not in REFUSABLE:
            continue
        v = c.trigger
        modal = any(a.dep_ == "aux" and a.lower_ in future for a in v.children)
        neg = any(a.dep_ == "neg" or (a.dep_ == "advmod" and a.lower_ in negation)
                  for a in v.children)
        if not (modal and neg):
            continue
        code = str(PLOVER_TABLE[c.type]["refusal_cameo"])
        if c.entry.symmetric and c.source == c.target:  # a refusal is one-sided
            act, _ = coder.subjects(v)
            c.source = [k for k in c.source if k in act] or c.source[:1]
            c.target = [k for k in c.target if k not in c.source]
        c.entry = replace(coder.lex.make({"type": "REJECT", "cameo": code}, "refusal"),
                          layer="hand")
        mod = reader.read(v, sent)
        said = "reported" in mod.cues or any(k in reader.reporting for k in mod.cues)
        c.modality = ("reported", list(mod.attributed_to)) if said and mod.attributed_to \
            and not reader.own_voice(c.source, mod.attributed_to, outlet_ok=True) \
            else ("asserted", [])
    for r in cands:  # "refused to return the ambassador": the return is not an event
        if r.type != "REJECT" or r.kind != "verb" or r.hidden:
            continue
        for ch in r.trigger.children:
            if ch.dep_ != "xcomp":
                continue
            inner = [o for o in cands if o is not r and _inside(o.trigger, ch)]
            for o in inner:
                o.hidden = True
            if not r.target:
                r.target = [k for o in inner for k in (o.target or []) if k not in r.source]


def commitments(coder: Coder, cands: list[Candidate]) -> None:
    """ "agreed to host talks", "pledged to cooperate with X", "allowed inspectors to visit":
    the complement is what was agreed or allowed, not an event; its parties become the
    commitment's target when it has none."""
    verbs = _words(coder, "commitment_verbs") | _words(coder, "permission_verbs")
    for c in cands:
        if c.kind != "verb" or c.hidden or c.trigger.lemma_.lower() not in verbs:
            continue
        for ch in c.trigger.children:
            # "agreed to host talks", "agreed ON how to share the field"
            if ch.dep_ not in ("xcomp", "ccomp") and not (
                    ch.dep_ == "prep" and ch.lower_ in ("on", "to", "over")
                    and any(g.dep_ == "pcomp" for g in ch.children)):
                continue
            inner = [o for o in cands if o is not c and not o.hidden and _inside(o.trigger, ch)]
            for o in inner:
                o.hidden = True
            meets = [o for o in inner if o.type == "CONCEDE" and o.trigger.tag_ == "VBG"
                     and o.trigger.dep_ == "advcl"]
            if meets:  # "agreed to hold a recount, MEETING the opposition's demand":
                c.hidden = True  # the agreement is the concession
                for o in meets:
                    o.hidden = False
                    o.source = o.source or list(c.source)
                break
            if not c.target:
                c.target = list(dict.fromkeys(k for o in inner for k in (*o.source, *o.target)
                                              if k not in c.source))
    approvals = _words(coder, "approval_verbs")
    for c in cands:  # "approved a plan to allow X": the plan's content is not an event
        for tok in [c.trigger, *c.trigger.ancestors]:
            obj = tok.head
            if tok.dep_ == "acl" and obj.dep_ == "dobj" and obj.head.lemma_.lower() in approvals \
                    and any(x.dep_ == "aux" and x.lower_ == "to" for x in tok.children):
                c.hidden = True
                break


def _analysis_root(tok: Token, verbs: frozenset[str], as_verbs: frozenset[str],
                   adjectives: frozenset[str]) -> Token | None:
    """The clause an analysis word heads: the verb itself, or the copula of "is aware"."""
    lemma = tok.lemma_.lower()
    if tok.pos_ == "VERB" and tok.tag_ != "VBG":  # "is considering sanctions" weighs an act
        if lemma in verbs or lemma in as_verbs and any(
                c.dep_ == "prep" and c.lower_ == "as" for c in tok.children):
            return tok
    if tok.pos_ == "ADJ" and lemma in adjectives and tok.dep_ in ("acomp", "amod", "xcomp"):
        head = tok.head
        return head if head.pos_ in ("AUX", "VERB") and head.lemma_.lower() in (
            "be", "become", "remain", "seem") else tok
    return None


def analysis(coder: Coder, sent: Span, cands: list[Candidate]) -> None:
    """Hide what an analysis or attitude clause contains, the clause's own verb included.

    The clause is the analysis word's subtree less its subject (a relative clause
    there may state an event), less conjoined clauses ("reflected on the past
    and signed a deal": the signing stays) and less a clause it attributes from
    behind ("X did Y, officials believe").
    """
    verbs = _words(coder, "analysis_verbs")
    as_verbs = _words(coder, "analysis_as_verbs")
    adjectives = _words(coder, "analysis_adjectives")
    for tok in sent:
        root = _analysis_root(tok, verbs, as_verbs, adjectives)
        if root is None:
            continue
        # "Ukraine is massing troops, officials believe": a postposed belief attributes
        # the clause before it, as "officials said" would; the clause stays an event
        outside = {t.i for ch in root.children if ch.dep_ in ("nsubj", "nsubjpass", "conj",
                                                             "csubj", "parataxis")
                   or ch.dep_ == "ccomp" and ch.i < root.i
                   for t in ch.subtree}
        if root.dep_ == "conj":  # "X met Y and considers ...": only this conjunct
            outside.add(root.head.i)
        inside = {t.i for t in root.subtree} - outside
        for c in cands:
            if not c.hidden and c.trigger.i in inside:
                c.hidden = True


def actorless_subjects(coder: Coder, cands: list[Candidate]) -> None:
    """Hide permissions and dictionary readings whose stated subject is not an actor.

    "The contract allows the firm to expand", "the bloc's decline increases pressure
    on X": a document, a trend or an abstraction does not act. A pronoun or an
    agent noun ("police", "officials") may stand for an actor and keeps the event.
    """
    verbs = _words(coder, "actor_subject_verbs")
    for c in cands:
        if c.hidden or c.kind != "verb" or c.source:
            continue
        if c.entry.layer == "hand" and c.trigger.lemma_.lower() not in verbs:
            continue
        subj = _stated_subject(c.trigger)
        if not subj or any(s.pos_ in ("PRON", "PROPN") for s in subj):
            continue
        if any(coder.actors.phrase(s) or coder.actors.generic_agent(s) for s in subj):
            continue
        c.hidden = True


def _stated_subject(v: Token) -> list[Token]:
    """The subject a verb has or shares with the verb it is conjoined to or completes
    ("the bloc continues to limit X and increases pressure on Y": the bloc)."""
    for _ in range(4):
        subj = [ch for ch in v.children if ch.dep_ in ("nsubj", "csubj", "nsubjpass")]
        if subj or v.dep_ not in ("conj", "xcomp") or v.head.pos_ not in ("VERB", "AUX"):
            return [s for s in subj if s.dep_ != "nsubjpass"]
        v = v.head
    return []


def speech_only(coder: Coder, sent: Span, cands: list[Candidate],
                reader: ModalityReader) -> None:
    """Hide needs that nobody states: "X needs support, its president said" is an appeal,
    the writer's "X is under pressure and needs support" an assessment."""
    verbs = _words(coder, "speech_only_verbs")
    for c in cands:
        if c.hidden or c.kind != "verb" or c.trigger.lemma_.lower() not in verbs:
            continue
        if reader.read(c.trigger, sent).value != "reported":
            c.hidden = True


def efforts(coder: Coder, cands: list[Candidate]) -> None:
    """Hide the dictionary reading of "stepped up / intensified efforts to <act>"."""
    nouns = _words(coder, "effort_nouns")
    for c in cands:
        if c.hidden or c.kind != "verb" or c.entry.layer == "hand":
            continue
        if any(o.dep_ == "dobj" and o.lower_ in nouns and any(
                a.dep_ == "acl" and any(x.dep_ == "aux" and x.lower_ == "to"
                                        for x in a.children) for a in o.children)
               for o in c.trigger.children):
            c.hidden = True


def event_subjects(cands: list[Candidate]) -> None:
    """ "U.S. military aid to Taiwan arrived in Kaohsiung": the verb whose subject is an
    event noun of the same type restates that event (the noun holds its roles)."""
    nouns = {c.trigger.i: c for c in cands if c.kind == "noun" and not c.hidden}
    for c in cands:
        if c.hidden or c.kind != "verb":
            continue
        if any(ch.dep_ in ("nsubj", "nsubjpass") and ch.i in nouns
               and nouns[ch.i].type == c.type for ch in c.trigger.children):
            c.hidden = True


def _path_to(inner: Token, outer: Token) -> list[Token] | None:
    """The tokens from ``inner`` up to (not including) ``outer``, if ``outer`` governs it."""
    path = [inner]
    t = inner
    while t.head.i != t.i:
        t = t.head
        if t.i == outer.i:
            return path
        path.append(t)
    return None


def _same_clause_part(path: list[Token], time_words: frozenset[str],
                      conj: bool = False) -> bool:
    """Is the path a participle, purpose clause or phrase of the outer verb, with no
    subject or clause of its own ("killing 40", "to discuss", "in a strike on X")?
    With ``conj`` a conjoined verb sharing the subject counts too ("pledged to
    improve relations and signed a declaration")."""
    if path and path[-1].dep_ in ("nsubj", "nsubjpass", "csubj", "expl"):
        return False  # the outer act's own subject ("an incursion could provoke X")
    for t in path:
        if t.dep_ in ("ccomp", "parataxis", "relcl", "csubj", "appos") or (
                t.dep_ == "conj" and not (conj and t.pos_ in ("VERB", "AUX"))):
            return False
        if t.pos_ in ("VERB", "AUX") and any(
                c.dep_ in ("nsubj", "nsubjpass", "expl") for c in t.children):
            return False
        if any(c.dep_ in ("mark", "advmod") and c.lower_ in time_words and c.i < t.i
               for c in t.children) and t.pos_ in ("VERB", "AUX"):
            return False
        if t.dep_ == "prep" and t.lower_ in time_words:
            return False
    return True


def restatements(coder: Coder, cands: list[Candidate]) -> None:
    """One event told twice, a protest's demands, and the reasons of an act.

    * an act of the same type in another's participle, purpose clause or phrase
      restates it: hidden, its roles fill the main event's empty ones;
    * any act in a protest's purpose or participle is what the protest demands or
      denounces;
    * events inside the reason ("for", "over") of an accusation, sanction, arrest,
      protest or threat, and inside the object of an accusation verb, are background;
    * so are event nouns in a time phrase of another act ("after the clashes",
      "following a series of Houthi attacks").
    """
    time_words = _words(coder, "own_time_words")
    reason_types = _words(coder, "reason_act_types")
    reason_preps = _words(coder, "reason_preps")
    background = _words(coder, "background_preps")
    visible = [c for c in cands if not c.hidden]
    for a in visible:  # "closed the border after the clashes": the clashes are background
        if a.kind == "noun" or a.hidden:
            continue
        # the phrase's nouns, not a clause inside it ("after a wave of strikes on X")
        scope = {t.i for pr in a.trigger.children if pr.dep_ == "prep"
                 and pr.lower_ in background for t in pr.subtree
                 if not any(x.pos_ in ("VERB", "AUX") for x in _path_to(t, pr) or [])}
        for b in visible:
            if b.kind == "noun" and b is not a and b.trigger.i in scope:
                b.hidden = True
    for a in visible:  # "a request to extradite X", "calls to withdraw": what is asked
        if a.kind == "noun" and a.type in ("REQUEST", "THREATEN") and not a.hidden:
            asked = {t.i for ch in a.trigger.children if ch.dep_ == "acl" for t in ch.subtree}
            for b in visible:
                if b is not a and b.trigger.i in asked:
                    b.hidden = True
                    a.target = a.target or [k for k in (*b.source, *b.target)
                                            if k not in a.source]
    for a in visible:
        if a.kind == "noun" or a.hidden:
            continue
        v = a.trigger
        reasons = {t.i for ch in v.children if ch.dep_ == "prep" and ch.lower_ in reason_preps
                   and a.type in reason_types for t in ch.subtree}
        objects: set[int] = set()  # what is condemned or rejected, whoever its author
        if a.type in ("ACCUSE", "REJECT") and a.kind == "verb":
            # "condemned the arms sale to X", "vetoed a resolution on Mali sanctions"
            objects = {t.i for ch in v.children if ch.dep_ == "dobj" for t in ch.subtree}
        if a.type in ("ACCUSE", "REJECT") and a.kind == "light" and a.noun is not None:
            # "voted down a bill that would have allowed X": what the bill would do
            objects = {t.i for t in a.noun.subtree if t.i != a.noun.i}
        for b in visible:
            if b is a or b.hidden or b.trigger.i in a.anchors:
                continue
            if b.trigger.i in objects:
                b.hidden = True
                if a.type == "REJECT" and not a.target:  # "ruled out talks WITH X"
                    a.target = [k for k in (*b.source, *b.target) if k not in a.source]
                continue
            if b.trigger.i in reasons:
                # a reason naming its own other author stays ("detained 14 men over a
                # Russian plot against X"); one whose actor is inherited from the act,
                # or none, is background
                if not (b.kind == "noun" and b.source and not set(b.source) & set(a.source)):
                    b.hidden = True
                    if a.type == "REJECT" and not a.target:  # rejected talks WITH X
                        a.target = [k for k in (*b.source, *b.target) if k not in a.source]
                continue
            if b.type == "CONCEDE" and a.type == "AGREE" and b.trigger.dep_ == "advcl" and \
                    b.trigger.tag_ == "VBG" and b.trigger.head.i == v.i:
                # "agreed to a recount, MEETING the opposition's demand": a concession
                a.hidden = True
                b.source = b.source or list(a.source)
                break
            if b.type != a.type and a.type != "PROTEST":
                continue
            path = _path_to(b.trigger, v)
            if path is None or not _same_clause_part(path, time_words,
                                                     conj=b.type == a.type):
                continue
            if b.type == a.type and len(set(b.source + b.target)) >= 2 and not set(
                    coder.subjects(v)[0]) & set(b.source + b.target):
                continue  # "Qatar mediated talks between X and Y": two events, two sides
            b.hidden = True
            if b.type == a.type and a.entry.symmetric:  # both sides on both roles
                a.source = a.source or list(b.source)
                a.target = a.target or list(b.target)
            elif b.type == a.type:
                a.source = a.source or [k for k in b.source if k not in a.target]
                a.target = a.target or [k for k in b.target if k not in a.source]
            elif not a.target:  # "rallied to denounce the Turkish strikes": aimed at Turkey
                a.target = [k for k in b.target if k not in a.source]


def responsibility(coder: Coder, sent: Span, cands: list[Candidate]) -> None:
    """ "X claimed responsibility for the bombing", "X denied any role in the killing":
    X is the source of that event (a denial then denies it). A claim with no "for"
    names the sentence's attack that has no author yet ("The bombing of a mosque
    killed 40; Islamic State claimed responsibility")."""
    verbs = _words(coder, "responsibility_verbs")
    nouns = _words(coder, "responsibility_nouns")
    for v in sent:
        if v.lemma_.lower() not in verbs or v.pos_ != "VERB":
            continue
        obj = next((o for o in v.children if o.dep_ == "dobj"
                    and o.lemma_.lower() in nouns), None)
        if obj is None:
            continue
        claimer, _ = coder.subjects(v)
        if not claimer:
            continue
        inner = {t.i for t in obj.subtree}
        named = [c for c in cands if not c.hidden and c.trigger.i in inner]
        if not named and not any(o.dep_ == "prep" for o in obj.children):
            named = [c for c in cands if not c.hidden and c.type == "ASSAULT"
                     and not c.source and c.trigger.i < v.i][-1:]
        own_up = v.lemma_.lower() not in reader_denials(coder)
        for c in named:
            c.source = list(claimer)
            c.target = [k for k in c.target if k not in claimer]
            if own_up:  # its author says so: asserted (a denial is read by the coder)
                c.modality = ("asserted", [])


def reader_denials(coder: Coder) -> frozenset[str]:
    return _words(coder, "denial_verbs") | {"reject", "disclaim"}


def disasters(coder: Coder, cands: list[Candidate]) -> None:
    """Hide killings by disasters and accidents: "the earthquake that killed 3,000 people",
    "X was killed when his plane crashed" (words in ``disaster_words``)."""
    words = coder.tables.disasters
    for c in cands:
        if c.hidden or c.type != "ASSAULT" or c.kind == "noun":
            continue
        v = c.trigger
        causes = [s for s in v.children if s.dep_ == "nsubj"]
        causes += [p for a in v.children if a.dep_ == "agent" for p in a.children]
        if v.dep_ == "relcl":  # "the earthquake that killed ..."
            causes.append(v.head)
        clauses = [a for a in v.children if a.dep_ == "advcl"]
        if any(s.lemma_.lower() in words or s.lower_ in words for s in causes) or any(
                a.lemma_.lower() in words or a.lower_ in words for a in clauses):
            c.hidden = True


def casualties_of_acts(cands: list[Candidate]) -> None:
    """People killed or wounded "when" an attack happened are that attack's toll, not a
    second attack: "Ten people were wounded when shells hit a market" is the shelling."""
    acts = {c.trigger.i: c for c in cands if not c.hidden and c.type == "ASSAULT"}
    for c in cands:
        if c.hidden or c.type != "ASSAULT" or c.kind != "verb" or not any(
                s.dep_ == "nsubjpass" for s in c.trigger.children):
            continue
        for a in c.trigger.children:
            if a.dep_ == "advcl" and a.i in acts and any(
                    m.dep_ == "advmod" and m.lower_ == "when" for m in a.children):
                c.hidden = True


def conditions_of_threats(cands: list[Candidate], markers: frozenset[str]) -> None:
    """What an if/unless clause of a threatening sentence names has not happened
    ("would cut off power if Pristina did not withdraw its police")."""
    threats_ = [c for c in cands if c.type == "THREATEN" and not c.hidden]
    if not threats_:
        return
    for o in cands:
        if o.hidden or o.type == "THREATEN":
            continue
        for a in [o.trigger, *o.trigger.ancestors]:
            if a.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in markers
                                         for m in a.children):
                if not any(_inside(t.trigger, a) for t in threats_):
                    o.hidden = True
                break


def blamed(coder: Coder, cands: list[Candidate], reader: ModalityReader) -> None:
    """ "The attack on X was blamed on Y" / "was attributed to Y": no accuser is named, so
    the sentence states the attack, alleged, with Y as its author (not an ACCUSE)."""
    verbs = _words(coder, "blame_passive_verbs")
    nouns = {c.trigger.i: c for c in cands if c.kind == "noun" and not c.hidden}
    for c in cands:
        v = c.trigger
        if c.hidden or c.kind != "verb" or v.lemma_.lower() not in verbs or any(
                ch.dep_ == "agent" for ch in v.children):
            continue
        events = [nouns[s.i] for s in v.children if s.dep_ == "nsubjpass" and s.i in nouns]
        if not events:
            continue
        author = [k for pr in v.children if pr.dep_ == "prep" and pr.lower_ in ("on", "to")
                  for p in pr.children if p.dep_ == "pobj"
                  for k in coder.actors.phrase(p)]
        c.hidden = True
        for e in events:
            e.source = e.source or author
            e.target = [k for k in e.target if k not in e.source]
            e.modality = ("alleged", [])
