"""Numeric statements about an actor: claims.

A claim is (subject, property, value, unit, qualifier) plus its sentence span,
built around an amount found by ``quantities`` from the dependency parse, in
the forms articles use (data: ``data/claims.yaml``):

* "N X live in Y", "Y is home to N X", "X has N Y"   -> (Y, x, N people)
* "Y's N-strong X community"                         -> (Y, x_community, N people)
* "X make up N% of Y's population"                   -> (Y, x, N percent)
* "N X, or P% of the population"                     -> the count's (subject, x), P percent
* "a deal worth $N", "$N in deals"                   -> (buyer or seller, deal_value, N USD)
* "bought $N of arms from Y"                         -> (buyer, arms_purchases, N USD)
* "accounts for N% of Y's oil imports"               -> (Y, oil_imports_share, N percent)
* otherwise the amount's noun ("a 600 km border", "a population of 1.37 million",
  "the budget rose to $22 billion") with the subject from its possessor, an actor
  "in"/"of"/"among" it, the clause's subject, or the only state of the sentence.

The property is a slug of the counted or measured noun phrase, with a
demonym written the gazetteer's way ("ethnic Azeris" and "ethnic
Azerbaijanis" are both ``ethnic_azerbaijanis``), so that two documents
counting the same thing about the same actor line up for contradiction checks.
Counts of things (drones, ships) have the unit ``count``; their noun is the
property. A figure with no subject gives no claim (it stays a quantity of its
event): a claim is a statement about someone.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from ...records import ClaimRecord, QuantityRecord

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from .args import ActorIndex
    from .quantities import Amount

DATA = Path(__file__).resolve().parent.parent.parent / "data" / "claims.yaml"
STATES = Path(__file__).resolve().parent.parent.parent / "data" / "actors_states.yaml"
_SKIP_WORDS = {"the", "a", "an", "some", "about", "up", "to", "more", "than", "at", "least",
               "around", "approximately", "nearly", "over", "as", "many", "much", "its", "their",
               "his", "her", "of", "roughly", "almost", "estimated", "between", "and", "or",
               "this", "that", "these", "those", "other", "such", "new", "'s", "’s"}
_SCALE_WORDS = {"million", "billion", "thousand", "hundred", "trillion", "dozen", "crore",
                "lakh", "bn", "mln", "m", "k"}


@lru_cache(maxsize=1)
def config() -> dict[str, Any]:
    with open(DATA, encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    return {k: (set(v) if isinstance(v, list) else v) for k, v in data.items()}


@lru_cache(maxsize=1)
def _demonyms() -> dict[str, str]:
    """national/adjective (lower case) -> the state's first national plural."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with open(STATES, encoding="utf-8") as fh:
        data = yaml.load(fh, Loader=loader)  # noqa: S506 (safe loader)
    out: dict[str, str] = {}
    for st in data.get("states", []):
        nationals = st.get("nationals") or []
        if not nationals:
            continue
        canon = str(nationals[0]).lower()
        for w in [*nationals, *(st.get("adjectives") or [])]:
            out.setdefault(str(w).lower(), canon)
    return out


def slug_phrase(tokens: list[Token]) -> str:
    demonyms = _demonyms()
    words = []
    for t in tokens:
        if not t.is_alpha or t.lower_ in _SKIP_WORDS or t.like_num or t.ent_type_ in (
                "CARDINAL", "MONEY", "QUANTITY", "PERCENT") or t.lower_ in _SCALE_WORDS:
            continue
        w = t.lower_
        # a demonym noun ("Azeris") is written the gazetteer's way; an adjective before a
        # noun ("Turkish community") as well, so both sources use one spelling
        if w in demonyms and (t.pos_ == "PROPN" or t.tag_ in ("NNPS", "NNS")
                              or t.i == tokens[-1].i):
            w = demonyms[w]
            # a two-word national ("South Koreans") whose first word was already
            # written ("South"): keep it once, not "south south koreans"
            head = w.split()[:-1]
            if head and words[-len(head):] == head:
                del words[-len(head):]
        words.append(w)
    return re.sub(r"[^a-z0-9]+", "_", " ".join(words)).strip("_")


def _noun_phrase(noun: Token) -> list[Token]:
    """The noun with its adjectives/compounds (not the number, not clauses)."""
    left = [c for c in noun.lefts if c.dep_ in ("amod", "compound", "nmod") and not c.like_num
            and c.lower_ not in _SCALE_WORDS and not any(x.like_num for x in c.subtree)]
    toks = sorted([*left, *[t for c in left for t in c.subtree if t.dep_ in ("compound",)], noun],
                  key=lambda t: t.i)
    return list(dict.fromkeys(toks))


def _state_of(keys: list[str], actors: ActorIndex) -> list[str]:
    """Places stand for their state; actors stay themselves."""
    return [actors.refs[k].country if k in actors.refs and not actors.refs[k].is_actor
            and actors.refs[k].country else k for k in keys]


def _demonym_state(tok: Token, actors: ActorIndex) -> list[str]:
    """ "Ukrainians", "Filipino sailors": the state a people noun names."""
    for t in [tok, *[c for c in tok.children if c.dep_ in ("amod", "compound")]]:
        ref = actors.ref(t)
        if ref is not None and (ref.country or ref.key.startswith("state:")):
            return [ref.country or ref.key]
    return []


def _place_in(head: Token, actors: ActorIndex, depth: int = 0) -> list[str]:
    """The place "in"/"inside" a verb or noun, also one level down ("live across the
    border in Turkey", "in the Iranian city of Mashhad")."""
    cfg = config()
    for c in head.children:
        if c.dep_ != "prep":
            continue
        for p in c.children:
            if p.dep_ != "pobj":
                continue
            if c.lower_ in cfg["place_preps"]:
                keys = actors.phrase(p, places=True)
                if keys:
                    return _state_of(keys, actors)
            if depth < 2:
                keys = _place_in(p, actors, depth + 1)
                if keys:
                    return keys
    return []


def _subject_of_verb(verb: Token, actors: ActorIndex) -> list[str]:
    for c in verb.children:
        if c.dep_ in ("nsubj", "nsubjpass", "agent"):
            tok = c if c.dep_ != "agent" else next((p for p in c.children if p.dep_ == "pobj"),
                                                   c)
            keys = actors.phrase(tok) or _state_of(actors.phrase(tok, places=True), actors)
            if keys:
                return keys
    if verb.dep_ in ("xcomp", "conj", "advcl", "relcl", "acl", "acomp") \
            and verb.head.i != verb.i:  # "Kenya is ready to send": the subject of "is"
        if verb.dep_ in ("relcl", "acl"):
            return actors.phrase(verb.head) or _poss(verb.head, actors)
        return _subject_of_verb(verb.head, actors)
    return []


def _poss(noun: Token, actors: ActorIndex) -> list[str]:
    poss = [c for c in noun.children if c.dep_ == "poss"]
    if poss:
        return (actors.phrase(poss[0]) or _state_of(actors.phrase(poss[0], places=True), actors)
                or actors.pronoun(poss[0]))
    return []


def _of_actor(noun: Token, actors: ActorIndex) -> list[str]:
    """ "Inflation in Argentina", "unemployment among young Tunisians"."""
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ in config()["about_preps"]:
            for p in c.children:
                if p.dep_ == "pobj":
                    keys = (actors.phrase(p) or _state_of(actors.phrase(p, places=True), actors)
                            or _demonym_state(p, actors))
                    if keys:
                        return keys
    return []


def _only_state(sent: Span, actors: ActorIndex) -> list[str]:
    states = []
    for i in range(sent.start, sent.end):
        ref = actors.ref(sent.doc[i])
        if ref is not None:
            k = ref.key if ref.key.startswith("state:") else ref.country
            if k and k not in states:
                states.append(k)
    return states if len(states) == 1 else []


def _place_of_sentence(sent: Span, actors: ActorIndex) -> list[str]:
    """The state of the first place the sentence names ("a market in Donetsk", "a strike on
    Kharkiv"): where casualties were counted when no actor is said to have them."""
    for i in range(sent.start, sent.end):
        tok = sent.doc[i]
        ref = actors.ref(tok)
        if ref is None:
            continue
        if not ref.is_actor and ref.country:
            return [ref.country]
        place = tok.head if tok.dep_ in ("amod", "compound") else tok  # "off the Libyan coast"
        if ref.key.startswith("state:") and place.dep_ == "pobj" and place.head.lower_ in (
                "in", "on", "at", "near", "inside", "outside", "across", "around", "off"):
            return [ref.key]  # "a strike on Kharkiv" (the city read as its state)
    return []


def _head(am: Amount, doc: Any) -> Token:
    """The amount's syntactic head inside its own span (the number or the unit word)."""
    tok = doc[am.token]
    if tok.lower_ == "cent" and tok.head.lower_ == "per" and tok.head.head.i != tok.head.i:
        tok = tok.head.head  # "11.8 per cent": the parser hangs "per cent" on the number
    for _ in range(4):
        if tok.head.i != tok.i and tok.dep_ in ("compound", "nummod", "quantmod", "npadvmod") \
                and (tok.head.like_num or tok.head.lower_ in _SCALE_WORDS
                     or am.record.start is not None and am.record.end is not None
                     and am.record.start <= tok.head.idx < am.record.end):
            tok = tok.head
        else:
            break
    return tok


def _money_or_measure(am: Amount, doc: Any, sent: Span, actors: ActorIndex
                      ) -> tuple[list[str], list[Token], str] | None:
    """(subject, property tokens, suffix) for a figure that is not a count of people."""
    cfg = config()
    h = _head(am, doc)
    if h.dep_ == "appos" and h.head.dep_ in ("dobj", "pobj", "attr"):
        h = h.head  # "released EUR 2m": a parse that hangs "2m" on the currency code
    noun: Token | None = None
    suffix = ""
    verb: Token | None = None
    # "$1.6bn in deals", "$450 million of arms", "EUR 2m in aid", "12% of Georgia's population"
    for c in h.children:
        if c.dep_ == "prep" and c.lower_ in cfg["content_preps"]:
            noun = _content_noun(c, actors)
            if noun is not None:
                break
    if am.kind == "percent" and noun is not None:
        suffix = "_share"
    if noun is None:
        t = h
        if t.dep_ == "pobj" and t.head.dep_ == "prep":
            prep = t.head
            if prep.lower_ in ("of", "at") and prep.head.pos_ in ("NOUN", "PROPN"):
                noun = prep.head  # "a loan of $5 billion", "a range of 2,000 km"
                if noun.lemma_.lower() in cfg["value_nouns"] and noun.head.pos_ in ("NOUN",
                                                                                    "PROPN"):
                    noun = noun.head
            elif prep.lower_ in ("at", "to") and prep.head.pos_ in ("VERB", "AUX") \
                    and prep.head.lemma_.lower() in cfg["value_verbs"]:
                verb = prep.head  # "valued at", "rose to"
            elif prep.head.pos_ in ("VERB", "AUX"):
                verb = prep.head
            elif prep.head.lower_ in cfg["value_adjectives"] and prep.head.head.pos_ in (
                    "NOUN", "PROPN"):
                noun = prep.head.head
        elif t.dep_ in ("pobj", "npadvmod", "dobj", "attr", "acomp") and \
                t.head.lower_ in cfg["value_adjectives"]:
            noun = t.head.head if t.head.head.pos_ in ("NOUN", "PROPN") else None  # "deal worth $N"
            if noun is None and t.head.head.pos_ in ("VERB", "AUX"):
                verb = t.head.head
        elif t.dep_ in ("amod", "compound", "nmod", "nummod") and t.head.pos_ in ("NOUN",
                                                                                  "PROPN"):
            noun = t.head  # "a 600 km border", "a USD1.6-billion contract"
        elif t.dep_ in ("dobj", "attr", "npadvmod", "advmod", "nsubj"):
            verb = t.head
    if noun is None and verb is not None and h.dep_ == "dobj":
        for c in verb.children:  # "pledged GBP 3.5 billion in military support"
            if c.dep_ == "prep" and c.lower_ in cfg["content_preps"] and c.i > h.i:
                noun = _content_noun(c, actors)
                if noun is not None:
                    break
    if noun is None and verb is not None:
        if verb.dep_ in ("acl", "relcl") and verb.head.pos_ in ("NOUN", "PROPN"):
            noun = verb.head  # "the arms package, valued at about $300m"
        else:
            subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
            if subj and actors.ref(subj[0]) is None and subj[0].pos_ in ("NOUN", "PROPN"):
                noun = subj[0]  # "the budget rose to $22 billion", "talks lasted three days"
            elif verb.lemma_.lower() in cfg["verb_properties"]:
                return (_subject_of_verb(verb, actors) or _only_state(sent, actors),
                        [], cfg["verb_properties"][verb.lemma_.lower()])
    if noun is None:
        return None
    subject = (_poss(noun, actors) or _of_actor(noun, actors) or actors.phrase(noun)
               or _demonym_state(noun, actors))
    if not subject:  # "the ceasefire agreed by Sudan and South Sudan"
        for c in noun.children:
            if c.dep_ in ("acl", "relcl") and c.pos_ == "VERB":
                subject = _subject_of_verb(c, actors)
                if subject:
                    break
    if not subject:
        gov = noun.head
        while gov.dep_ in ("prep", "pobj", "dobj", "conj", "appos", "npadvmod") \
                and gov.head.i != gov.i and gov.pos_ not in ("VERB", "AUX"):
            gov = gov.head
        if gov.pos_ in ("VERB", "AUX"):
            subject = _subject_of_verb(gov, actors)
        elif noun.dep_ in ("nsubj", "nsubjpass"):
            subject = _subject_of_verb(noun.head, actors)
    if not subject:
        subject = _only_state(sent, actors)
    return subject, _noun_phrase(noun), suffix


def find_claims(sent: Span, index: int, amounts: list[Amount], actors: ActorIndex,
                modality_of) -> list[ClaimRecord]:  # type: ignore[no-untyped-def]
    """Claims in one sentence; ``modality_of(token)`` gives (modality, attributed_to)."""
    cfg = config()
    out: list[ClaimRecord] = []
    doc = sent.doc
    last_count: tuple[str, str] | None = None
    for am in amounts:
        subject: list[str] = []
        prop = ""
        prop_tokens: list[Token] = []
        unit = am.record.unit
        anchor = doc[am.token]
        if am.counted is not None and am.kind == "count":
            noun = doc[am.counted]
            anchor = noun
            prop_tokens = _noun_phrase(noun)
            head = noun.head
            if unit != "people":
                unit = "count"
            strong = re.search(r"-strong\b", am.record.text) or (
                noun.i + 1 < len(doc) and doc[noun.i].lower_ == "strong")
            # "X has N Y"
            if noun.dep_ == "dobj" and head.lemma_.lower() in cfg["have_verbs"]:
                subject = _subject_of_verb(head, actors)
            # "X is home to N Y"
            elif noun.dep_ == "pobj" and head.lower_ == "to" and head.head.lower_ == "home":
                for c in head.head.head.children:
                    if c.dep_ == "nsubj":
                        subject = actors.phrase(c) or _state_of(actors.phrase(c, places=True),
                                                                actors)
            # "N Y live in X" / "N Y are ethnic Z"
            elif noun.dep_ in ("nsubj", "nsubjpass") and head.lemma_.lower() in cfg["live_verbs"]:
                place = _place_in(head, actors)
                attr = [c for c in head.children if c.dep_ in ("attr", "acomp")]
                if place:
                    subject = place
                elif attr and head.lemma_ == "be":
                    subject = actors.phrase(noun, places=True) or actors.phrase(noun)
                    if not subject:
                        ref = actors.ref(noun)
                        subject = [ref.key] if ref else []
                    # The demonym's state; the property is what they are ("ethnic Azeris").
                    subject = [actors.refs[k].country or k if k in actors.refs else k
                               for k in subject]
                    prop_tokens = _noun_phrase(attr[0])
            # "Y's N-strong X community", "X's N Y", "its N Y"
            if not subject:
                subject = _poss(noun, actors)
            # "Belarusian police detained two journalists": what an actor did to N people
            obj = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ == "of" \
                and noun.head.head.like_num is False and noun.head.head.i < noun.i else noun
            verb = obj.head  # "deported thousands of migrants": the multiple is the object
            if not subject and unit == "people" and obj.dep_ == "dobj" and \
                    verb.pos_ == "VERB" and verb.lemma_.lower() in cfg["count_verbs"]:
                subject = [actors.country.get(k) or k for k in _subject_of_verb(verb, actors)]
                if subject:
                    prop_tokens = []
                    prop = f"{cfg['count_verbs'][verb.lemma_.lower()]}_" \
                        f"{slug_phrase(_noun_phrase(noun))}"
            # "At least 12 people were killed in Mogadishu", "Gunmen killed a dozen soldiers
            # in Burkina Faso", "left 18 dead": a casualty count about the victims' state
            hurt = verb.lemma_.lower() if obj.dep_ in ("dobj", "nsubjpass") or (
                obj.dep_ == "nsubj" and verb.lemma_.lower() == "die") else ""
            # "10,100 people still missing", "40 migrants are feared dead"
            state = verb.lower_ if verb.lower_ in cfg["casualty_words"] and noun.dep_ == "nsubj" \
                else next((w.lower_ for t in (noun, verb) for w in t.children
                           if w.lower_ in cfg["casualty_words"] and w.dep_ in (
                               "amod", "acomp", "oprd", "acl", "advmod", "xcomp")), "")
            if not subject and unit == "people" and (
                    hurt in cfg["casualty_verbs"] or noun.lower_ in cfg["casualty_words"]
                    or state):
                subject = (_demonym_state(noun, actors) or _place_in(verb, actors)
                           or _place_of_sentence(sent, actors) or _only_state(sent, actors))
                if subject:
                    prop_tokens = []
                    prop = noun.lower_ if noun.lower_ in cfg["casualty_words"] else \
                        f"{cfg['count_verbs'][hurt]}_{slug_phrase(_noun_phrase(noun))}" \
                        if hurt in cfg["casualty_verbs"] else \
                        f"{slug_phrase(_noun_phrase(noun)) or noun.lower_}_{state}"
            if not subject and strong:
                subject = _poss(noun, actors) or _place_in(noun, actors)
            # "N Ys fled to Chad", "N Ukrainians are refugees": where they are, or whose
            if not subject and unit == "people" and noun.dep_ in ("nsubj", "nsubjpass"):
                subject = _place_in(head, actors)
            if not subject and unit == "people":
                subject = _demonym_state(noun, actors) or _place_in(noun, actors)
            of_people = [p for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"
                         for p in c.children if p.dep_ == "pobj"] \
                if noun.lemma_.lower() == "number" else []
            if of_people:  # "the number of refugees in Chad has doubled to 1 million"
                prop_tokens = _noun_phrase(of_people[0])
            if not subject and (noun.lemma_.lower() in cfg["people_totals"] or of_people):
                subject = (_of_actor(noun, actors) or _subject_of_verb(head, actors)
                           if head.pos_ in ("VERB", "AUX") else _of_actor(noun, actors))
                subject = subject or _only_state(sent, actors) or (
                    _place_of_sentence(sent, actors) if noun.lower_ == "toll" or of_people
                    else [])
            if unit == "count" and not _equipment(noun):
                continue  # "two wars", "three car bombs": counts, not claims about anyone
            if not subject and unit == "count":
                verb = noun.head
                while verb.pos_ not in ("VERB", "AUX") and verb.dep_ in (
                        "conj", "dobj", "pobj", "prep", "appos") and verb.head.i != verb.i:
                    verb = verb.head
                verb = verb if verb.pos_ in ("VERB", "AUX") else None
                subject = (_subject_of_verb(verb, actors) if verb is not None else []) \
                    or _only_state(sent, actors)
            prop = slug_phrase(prop_tokens) if prop_tokens else prop
            if prop and subject:
                last_count = (subject[0], prop)
        elif am.kind == "percent" and am.counted is not None:
            noun = doc[am.counted]  # "one in five Lebanese", "4 in 10 Kenyans"
            anchor = noun
            subject = (_demonym_state(noun, actors) or _place_in(noun, actors)
                       or _place_in(noun.head, actors) or _only_state(sent, actors))
            prop = f"{slug_phrase(_noun_phrase(noun))}_share"
        elif am.kind == "percent" and last_count is not None and _apposed_share(am, doc):
            subject, prop = [last_count[0]], last_count[1]  # "N X, or P% of the population"
        elif am.kind == "percent" and (made := _make_up(am, doc, actors)) is not None:
            subject, prop = made
        else:
            got = _money_or_measure(am, doc, sent, actors)
            if got is None:
                continue
            subject, toks, suffix = got
            prop = (slug_phrase(toks) + suffix) if toks else suffix.lstrip("_")
            prop = cfg["property_names"].get(prop, prop)
            if am.kind == "measure" and not all(k.startswith("state:") for k in subject):
                continue  # a distance or duration is claimed about a state, not a magazine
            if unit == "days" and not _duration_of_thing(am, doc, cfg):
                continue  # "in seven years", "sentenced to two years": when, not what
            if prop in cfg["bilateral_properties"] and subject:
                subject, prop = _bilateral(subject, prop, sent, actors)
        if not subject or not prop:
            continue
        year = _year_of(doc[am.token], doc)
        if year and am.kind in ("money", "percent", "measure") or (
                year and unit == "people" and prop.split("_", 1)[0] in cfg["count_verbs"].values()):
            prop = f"{prop}_{year}"  # "defence spending hit $109 billion in 2023"
        modality, _ = modality_of(anchor)
        rec = am.record
        if unit == "days" and rec.qualifier == "more_than" and rec.text.lower().startswith(
                "over "):  # "pledged ... over four years": the term, not "more than"
            rec = QuantityRecord(value=rec.value, unit=rec.unit, qualifier="exact",
                                 text=rec.text[5:], start=(rec.start or 0) + 5, end=rec.end)
        # "Chile and Peru signed a deal worth $N": one party for both ways of telling it
        for key in (sorted(dict.fromkeys(subject))[:1] if len(subject) > 1 else subject):
            out.append(ClaimRecord(
                subject=key, property=prop, value=rec.value, unit=unit,
                qualifier=rec.qualifier, modality=modality,
                start=sent.start_char, end=_end(sent), text=sent.text.strip(),
                sentence_index=index, value_text=rec.text,
            ))
    return out


def _equipment(noun: Token) -> bool:
    """Arms and equipment are counted in claims ("24 Rafale fighters", "60 UAVs")."""
    from .quantities import config as units

    arms = set(units()["arms"])
    return noun.lower_ in arms or noun.lemma_.lower() in arms or any(
        c.dep_ == "compound" and any(ch.isdigit() for ch in c.text) for c in noun.children)


def _content_noun(prep: Token, actors: ActorIndex) -> Token | None:
    """The noun after "in"/"of"/"for" that says what an amount is ("$1.6bn in deals"),
    not a place or an actor ("deposited $3 billion in Pakistan's central bank")."""
    objs = [p for p in prep.children if p.dep_ == "pobj" and p.pos_ in ("NOUN", "PROPN")]
    if not objs or actors.ref(objs[0]) is not None or objs[0].ent_type_ in ("DATE", "TIME"):
        return None  # "61.5 per cent in October": when, not what
    if prep.lower_ == "in" and any(ch.dep_ == "poss" and actors.ref(ch) is not None
                                   for ch in objs[0].children):
        return None
    return objs[0]


def _duration_of_thing(am: Amount, doc: Any, cfg: dict[str, Any]) -> bool:
    """A duration is a claim when it measures a thing: "a ten-year lease", "talks lasted
    three days"; not "the first talks in seven years" or "fifty years of relations"."""
    h = _head(am, doc)
    if any(c.dep_ == "prep" and c.lower_ == "of" for c in h.children):
        return False
    if h.dep_ in ("amod", "compound", "nmod", "nummod") and h.head.pos_ in ("NOUN", "PROPN"):
        return True
    if h.dep_ == "pobj" and h.head.lower_ == "over" and \
            h.head.head.lemma_.lower() in cfg["verb_properties"]:
        return True  # "pledged CHF 1.5 billion over four years": the term of the money
    return h.dep_ in ("npadvmod", "dobj", "attr") and h.head.lemma_.lower() in cfg["value_verbs"]


def _year_of(tok: Token, doc: Any) -> str | None:
    """The year a figure is stated for: a date that governs it ("spending hit $109
    billion in 2023", "trade reached $4 billion last year"), not the date of a report
    about it. Figures of different years are different claims, never a contradiction."""
    from .time import governed_date

    by_gov: dict[int, list[Any]] = {}
    for d in doc.user_data.get("accord_dates") or []:
        if d.governor is not None and d.value and d.basis in ("explicit", "relative") \
                and d.granularity not in ("decade", "century"):
            by_gov.setdefault(d.governor, []).append(d)
    if not by_gov:
        return None
    d = governed_date(tok, by_gov, config()["report_verbs"])
    return d.value[:4] if d is not None and d.value else None


def _bilateral(subject: list[str], prop: str, sent: Span, actors: ActorIndex
               ) -> tuple[list[str], str]:
    """ "Peru signed a $1.6bn deal with Chile" and "Chile has $1.6bn in deals with Peru"
    state one thing: the first party in key order is the subject, the other names the
    property (``deal_value_with_per``)."""
    partners: list[str] = []
    for tok in sent:
        if tok.dep_ == "prep" and tok.lower_ in ("with", "to", "from"):
            for p in tok.children:
                if p.dep_ == "pobj":
                    partners += [actors.country.get(k) or k for k in actors.phrase(p)
                                 if k.startswith("state:") or actors.country.get(k)]
    own = [actors.country.get(k) or k for k in subject]
    others = [k for k in dict.fromkeys(partners) if k not in own]
    if not others:
        return subject, prop
    a, b = sorted([own[0], others[0]])
    return [a], f"{prop}_with_{b.split(':', 1)[-1].lower()}"


def _apposed_share(am: Amount, doc: Any) -> bool:
    """ "400,000 Roma, or 4 percent of the population": a share set beside a count."""
    start = am.record.start or 0
    before = doc.text[max(0, start - 8):start].lower()
    return bool(re.search(r"(?:,|\()\s*(?:or|some|about|nearly|roughly)?\s*$", before))


def _make_up(am: Amount, doc: Any, actors: ActorIndex) -> tuple[list[str], str] | None:
    """ "X make up N% of Y's population", "X account for N% of Y's oil imports"."""
    cfg = config()
    h = _head(am, doc)
    verb = h.head
    if h.dep_ == "pobj" and verb.dep_ in ("prep", "prt"):
        verb = verb.head
    if verb.lemma_.lower() not in cfg["share_verbs"]:
        return None
    whole = None
    for c in h.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            whole = next((p for p in c.children if p.dep_ == "pobj"), None)
    if whole is None:
        return None
    subject = _poss(whole, actors) or _of_actor(whole, actors)
    part = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subject or not part:
        return None
    if whole.lemma_.lower() in cfg["people_totals"]:
        return subject, slug_phrase(_noun_phrase(part[0]))  # "ethnic Armenians make up 12%"
    # "40% of Azerbaijan's arms imports"
    return subject, slug_phrase(_noun_phrase(whole)) + "_share"


def _end(sent: Span) -> int:
    return sent.start_char + len(sent.text.rstrip())
