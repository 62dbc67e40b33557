"""Who: mapping dependency arguments to actor keys.

The actors component marks mentions in ``doc.spans["actors"]``; the coder
asks, for a head token of an argument ("the Israeli embassy", "Azerbaijan's
secret service", "Israel and Azerbaijan"), which actors that phrase names.
The phrase is walked through possessors, adjectives, compounds, appositions,
"of" objects and coordination, but not through relative clauses or other
prepositions, so "the embassy of Israel in Baku" names Israel, not Azerbaijan.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from ...records import ActorRef

#: "they" is left alone: in news it mostly means people just mentioned, not an actor.
PRONOUNS_THING = {"it", "its", "itself"}
PRONOUNS_PERSON = {"he", "his", "him", "she", "her", "hers", "himself", "herself"}
RELATIVE = {"who", "which", "that", "whom", "whose"}
#: Heads whose "of"/"from" phrase names who they belong to ("the government of Poland",
#: "a delegation from X"); "commandos of a Turkish ship" is not membership.
MEMBER_NOUNS = {
    "government", "ministry", "minister", "president", "prime", "leader", "leaders", "head",
    "chief", "army", "military", "forces", "force", "navy", "embassy", "ambassador", "member",
    "members", "people", "citizen", "citizens", "delegation", "delegations", "official",
    "officials", "agency", "service", "services", "police", "authorities", "representative",
    "representatives", "spokesman", "spokeswoman", "spokesperson", "office", "parliament",
    "troops", "soldiers", "fighters", "units", "leadership", "regime", "administration",
    "state", "republic", "kingdom", "foreign", "defence", "defense", "intelligence",
    "department", "council", "team", "group", "diplomats", "envoy", "nationals", "workers",
    # what belongs to a state: "the territorial integrity of Azerbaijan"
    "integrity", "sovereignty", "independence", "policy", "policies", "position", "stance",
    "decision", "actions", "role", "presence", "interests", "rights", "territory",
    # "recognised the principle of X's sovereignty", "backs the cause of X"
    "principle", "cause",
    # the armed members of a group: "fighters of X", "militants of X"
    "fighter", "militants", "militant", "gunmen", "commanders", "commander", "loyalists",
}
#: Nouns for a state or its arms: "his country", "her government" are the person's state.
STATE_WORDS = {"government", "country", "administration", "nation", "army", "military",
               "forces", "troops", "state", "cabinet", "ministry"}
#: "One of the radical groups, X": the part is named by the whole it is taken from.
PART_WORDS = {"one", "some", "many", "several", "most", "each", "two", "three", "none"}
#: Bare nouns for the people who act for an agency ("Agents arrested ...").
GENERIC_AGENTS = {"agent", "agents", "police", "prosecutor", "prosecutors", "investigator",
                  "investigators", "officer", "officers", "authorities", "authority"}
#: Pronouns look back at most this far for their antecedent.
MAX_ANTECEDENT_CHARS = 400
_PHRASE_DEPS = {"poss", "compound", "amod", "nmod", "appos"}
#: Prepositions that link an object to its owner or the party it concerns.
#: ("on"/"over" only after an event noun: "attacks ON X", not "intelligence ON X").
INNER_PREPS = frozenset({"of", "against", "into", "by"})
EVENT_PREPS = INNER_PREPS | {"on", "over"}
#: Agent sectors of people who act in their own state (civilians, opposition, students,
#: labour, farmers, clergy, police, officials, judges, legislators).
LOCAL_SECTORS = {"OPP", "CVL", "EDU", "LAB", "AGR", "HLH", "REL", "COP", "GOV", "JUD", "LEG"}
#: Agent nouns that name equipment, not people ("Israeli jets" is an actor; "the sale of
#: fighter jets" is about no party).
MACHINE_AGENTS = {"jets", "warplanes", "warships", "gunboats", "jet", "warplane", "warship"}


@lru_cache(maxsize=1)
def agent_sectors() -> dict[str, str]:
    """Agent noun -> CAMEO sector ("" for a noun that names no party), from the gazetteer
    (Phoenix agents and actors_lexicon.yaml), plus the lexicon's domestic objects (laws,
    bans, elections: sector "DOM")."""
    from ..actors.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    out = dict(gaz.agents)
    for w in gaz.words.get("domestic_objects", ()):
        out.setdefault(w, "DOM")
    return out


class ActorIndex:
    """Token -> actor mention lookups for one document."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.by_token: dict[int, Span] = {}
        self.spans: list[Span] = sorted(doc.spans.get("actors", []) if "actors" in doc.spans
                                        else [], key=lambda s: s.start)
        self.country: dict[str, str | None] = {}
        self.refs: dict[str, ActorRef] = {}
        for sp in self.spans:
            ref = sp._.actor
            if ref is None:
                continue
            self.refs.setdefault(ref.key, ref)
            self.country.setdefault(ref.key, ref.country)
            for i in range(sp.start, sp.end):
                self.by_token.setdefault(i, sp)
        self._span_starts = [sp.start for sp in self.spans]
        self._span_chars = [sp.start_char for sp in self.spans]
        self._sent_starts: list[int] | None = None

    def ref(self, tok: Token) -> ActorRef | None:
        sp = self.by_token.get(tok.i)
        return sp._.actor if sp is not None else None

    def states_of(self, keys: list[str]) -> set[str]:
        """Keys plus the states they belong to (for comparing "Minsk" with "Belarus")."""
        out = set(keys)
        for k in keys:
            c = self.country.get(k)
            if c:
                out.add(c)
        return out

    def phrase(self, tok: Token, places: bool = False, _depth: int = 0) -> list[str]:
        """Actor keys named by the noun phrase headed by ``tok`` (with its conjuncts)."""
        keys: list[str] = []
        ref = self.ref(tok)
        appos = [k for c in tok.children if c.dep_ == "appos" for k in self.phrase(c, places, 1)]
        if ref is not None and (ref.is_actor or places):
            keys.append(ref.key)
            span = self.by_token[tok.i]
            for c in tok.children:  # "Israeli and [Azerbaijani officials]"
                if c.dep_ in ("amod", "compound") and not span.start <= c.i < span.end \
                        and any(g.dep_ == "conj" for g in c.children):
                    keys += self.phrase(c, places, _depth + 1)
            if tok.lemma_.lower() in MEMBER_NOUNS or tok.lower_ in MEMBER_NOUNS:
                # "the ministers of [Greece] and [Cyprus]": the mention took its country
                # from the first state only
                keys += [k for pr in tok.children
                         if pr.dep_ == "prep" and pr.lower_ in ("of", "from")
                         for p in pr.children if p.dep_ == "pobj"
                         for c in p.children if c.dep_ == "conj"
                         for k in self.phrase(c, places, _depth + 1)]
        elif appos:  # "Azerbaijan's neighbour Iran" is Iran
            keys += appos
            if not any(self.country.get(k) or k.startswith("state:") for k in appos):
                # "the Israeli ambassador, Pinkhaz Avivi", "the IAEA chief, Rafael Grossi",
                # "Russia's deputy chairman, X" (a name the gazetteer lacks): the title's own
                # modifiers say whom the person acts for
                keys += [k for c in tok.children if c.dep_ in ("amod", "compound", "poss")
                         for k in self.phrase(c, places, _depth + 1)]
                if tok.lower_ in MEMBER_NOUNS:  # "the head OF the IAEA, Rafael Grossi,"
                    keys += [k for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
                             for p in c.children if p.dep_ == "pobj"
                             for k in self.phrase(p, places, _depth + 1)]
        elif _depth < 3:
            for c in tok.children:
                if c.dep_ in _PHRASE_DEPS:
                    keys += self.phrase(c, places, _depth + 1)
                elif c.dep_ == "prep" and c.lower_ in ("of", "from") and _depth == 0 \
                        and (tok.lemma_.lower() in MEMBER_NOUNS or tok.lower_ in MEMBER_NOUNS
                             or tok.pos_ == "PROPN"
                             or tok.lower_ in PART_WORDS and c.lower_ == "of"):
                    for p in c.children:
                        if p.dep_ == "pobj":
                            keys += self.phrase(p, places, _depth + 1)
        if not keys and tok.lemma_.lower() in STATE_WORDS:
            # "her government", "his country": the state of the person the pronoun means
            for c in tok.children:
                if c.dep_ == "poss" and c.lower_ in ("his", "her"):
                    keys += [s for k in self.pronoun(c) if (s := self.country.get(k))
                             and s.startswith("state:")] or self.speaker_state(tok)
        if not keys and (_depth == 0 or tok.lower_ in PRONOUNS_THING):
            keys += self.pronoun(tok)  # "his" inside a phrase is left alone ("his comrades")
        for c in tok.children:
            if c.dep_ == "conj":
                keys += self.phrase(c, places, _depth)
        return list(dict.fromkeys(keys))

    def inner(self, tok: Token, preps: frozenset[str] = INNER_PREPS) -> list[str]:
        """Actors named inside an object that names none itself: its possessor's or
        owner's phrase one preposition down ("froze the assets OF two Russian oligarchs",
        "welcomed the election OF Sri Lanka's president", "attacks ON Iranian border
        guards", "alleged crimes BY Myanmar's military"). Only for targets: the owner of
        what is acted on is the party acted on; clauses are not entered."""
        keys: list[str] = []
        by: list[str] = []
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in preps:
                for p in c.children:
                    if p.dep_ == "pobj":  # one more step: "restrictions on imports FROM X"
                        found = self.phrase(p) or [k for q in p.children
                                                   if q.dep_ == "prep"
                                                   and q.lower_ in ("of", "from")
                                                   for o in q.children if o.dep_ == "pobj"
                                                   for k in self.phrase(o)]
                        keys += found
                        if c.lower_ == "by":
                            by += found
        # "crimes BY X against Y": the doer is the party the act is aimed at
        return list(dict.fromkeys(by or keys))

    def fronted_subject(self, v: Token) -> list[str]:
        """A parse slip in "On a visit to Tehran, the Azerbaijani minister said ...": the
        subject is hung on the place as its apposition. A place's apposition that is an
        actor and runs up to the subjectless verb (punctuation aside) is the verb's subject
        (a place is not the minister: "Baku, the capital" would be a place)."""
        for pr in v.children:
            if pr.dep_ != "prep" or pr.i > v.i:
                continue
            for t in pr.subtree:
                if t.dep_ != "appos" or t.i > v.i:
                    continue
                head = self.ref(t.head)
                if head is None or head.is_actor or self.ref(t) is None:
                    continue
                end = t.right_edge.i + 1
                if all(x.is_punct for x in self.doc[end:v.i]):
                    return self.phrase(t)
        return []

    def local_people(self, tok: Token) -> bool:
        """Is ``tok`` (or the people of "hundreds OF students", "a crowd OF protesters") a
        bare noun for people who act where they live: protesters, students, farmers,
        police ("Police arrested", "Rioters torched")? Not soldiers, fighters or gunmen,
        who often act abroad."""
        words = agent_sectors()
        if self.phrase(tok):
            return False
        heads = [tok, *(p for pr in tok.children if pr.dep_ == "prep" and pr.lower_ == "of"
                        for p in pr.children if p.dep_ == "pobj")]
        return any((words.get(t.lower_) or words.get(t.lemma_.lower()) or "")[:3]
                   in LOCAL_SECTORS for t in heads)

    def speaker_state(self, tok: Token) -> list[str]:
        """The state of whoever says the clause ``tok`` is in ("Chile's foreign minister
        said [her government would sign]": CHL), for a pronoun that finds no person."""
        v = tok.head
        while v.pos_ not in ("VERB", "AUX") and v.head.i != v.i:
            v = v.head
        if v.dep_ != "ccomp":
            return []
        return [k if k.startswith("state:") else self.country.get(k) or ""
                for c in v.head.children if c.dep_ == "nsubj" for k in self.phrase(c)
                if k.startswith("state:") or self.country.get(k)]

    def own_state(self, keys: list[str]) -> str | None:
        """The one state the actors ``keys`` belong to ("state:KEN" for Kenyan police and
        Kenya's president), else None (no state, or several)."""
        states = {k if k.startswith("state:") else self.country.get(k) for k in keys}
        states.discard(None)
        return states.pop() if len(states) == 1 and all(
            k.startswith("state:") or self.country.get(k) for k in keys) else None

    def domestic(self, tok: Token) -> bool:
        """Does the phrase headed by ``tok`` name people or bodies without saying whose
        ("the opposition", "two journalists", "the ousted president", "the opposition's
        petition", "the arrest of opposition legislators")? Such a party belongs to the
        state the sentence is about: the actor's own (Phoenix codes an agent noun with
        the country of its context)."""
        words = agent_sectors()
        seen = [tok, *(c for c in tok.children if c.dep_ in ("compound", "amod", "poss"))]
        seen += [g for c in seen[1:] for g in c.children  # "an opposition campaign manager"
                 if g.dep_ in ("compound", "amod", "poss")]
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in INNER_PREPS:
                for p in c.children:
                    if p.dep_ == "pobj":
                        seen += [p, *(q for q in p.children
                                      if q.dep_ in ("compound", "amod", "poss"))]
        return any((words.get(t.lower_) or words.get(t.lemma_.lower()))
                   and t.pos_ in ("NOUN", "PROPN") and t.lower_ not in MACHINE_AGENTS
                   for t in seen)

    def generic_agent(self, tok: Token) -> list[str]:
        """ "Agents arrested four people": the agency named as a subject just before.

        Only for a bare generic agent noun (agents, police, prosecutors...) with no
        actor of its own, and only an organisation or state that was the subject of
        a clause in the previous two sentences.
        """
        if tok.lemma_.lower() not in GENERIC_AGENTS or any(
                c.dep_ in ("amod", "compound", "poss") for c in tok.children):
            return []
        if self._sent_starts is None:
            self._sent_starts = [st.start for st in self.doc.sents]
        k = bisect_right(self._sent_starts, tok.i) - 1
        lo = self._sent_starts[max(0, k - 2)]
        best = None
        for sp in self.spans[bisect_left(self._span_starts, lo):]:
            if sp.start >= tok.i:
                break
            ref = sp._.actor
            if sp.start < lo or ref is None or not ref.is_actor or ref.type not in ("ORG",
                                                                                  "STATE"):
                continue
            if sp.root.dep_ in ("nsubj", "nsubjpass"):
                best = ref
        return [best.key] if best is not None else []

    def pronoun(self, tok: Token) -> list[str]:
        """Resolve "it", "its", "they", "he" (or a possessive inside the phrase).

        The antecedent is the closest earlier actor mention of a fitting kind:
        a person for he/she, a state or organisation for it/they. Crude, but
        news prose rarely puts another actor between a pronoun and its referent.
        """
        cand = tok
        if tok.lower_ not in PRONOUNS_THING | PRONOUNS_PERSON:
            # Only "its" inside a phrase: "his comrades" are not his.
            poss = [c for c in tok.children if c.dep_ == "poss" and c.lower_ == "its"]
            if not poss:
                if tok.lower_ in RELATIVE and tok.head.dep_ == "relcl":
                    return self.phrase(tok.head.head)
                return []
            cand = poss[0]
        person = cand.lower_ in PRONOUNS_PERSON
        # "Tehran's retributions against its Azeris": the possessor of the noun the
        # pronoun's phrase hangs on is the nearest and likeliest antecedent.
        t = cand.head
        for _ in range(4):
            if t.dep_ in ("pobj", "prep", "poss", "dobj") and t.head.i != t.i:
                t = t.head
            else:
                break
            if t.pos_ in ("NOUN", "PROPN"):
                for c in t.children:
                    ref = self.ref(c) if c.dep_ == "poss" and c.i < cand.i else None
                    if ref is not None and ref.is_actor and (ref.type == "PERSON") == person:
                        return [ref.key]
        best = best_subject = None
        # Only mentions within MAX_ANTECEDENT_CHARS before the pronoun (a window, not a scan).
        first = bisect_left(self._span_chars, cand.idx - MAX_ANTECEDENT_CHARS - 200)
        for sp in self.spans[first:]:
            if sp.start >= cand.i:
                break
            if cand.idx - sp.end_char > MAX_ANTECEDENT_CHARS:
                continue
            ref = sp._.actor
            if ref is None or not ref.is_actor:
                continue
            if person == (ref.type == "PERSON"):
                best = ref
                if sp.root.dep_ in ("nsubj", "nsubjpass") or (
                        sp.root.head.dep_ in ("nsubj", "nsubjpass") and sp.root.dep_ in (
                            "poss", "amod", "compound")):
                    best_subject = ref
        # Subjects are the likelier antecedents ("the Air Force ... its plan").
        best = best_subject or best
        return [best.key] if best is not None else []
