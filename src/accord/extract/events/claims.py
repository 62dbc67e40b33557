"""Numeric statements about an actor: claims.

Patterns (on the dependency parse, around an amount found by ``quantities``):

* "X has N Y" / "X is home to N Y"      -> (X, y, N)
* "N Y live in X" (live, reside, work)   -> (X, y, N)
* "N Ys are ethnic Z" (Ys a demonym of X) -> (X, ethnic_z, N)
* "X's N Y" / "its N Y"                  -> (X, y, N)

The property is a slug of the counted noun phrase ("South Koreans" ->
``south_koreans``, "ethnic Azeris" -> ``ethnic_azeris``), so two documents
counting the same thing about the same actor line up for contradiction checks.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ...records import ClaimRecord

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from .args import ActorIndex
    from .quantities import Amount

HAVE = {"have", "possess", "field", "maintain", "keep", "count", "employ", "number"}
LIVE = {"live", "reside", "work", "stay", "settle", "be"}
_SKIP_WORDS = {"the", "a", "an", "some", "about", "up", "to", "more", "than", "at", "least",
               "around", "approximately", "nearly", "over", "as", "many", "much", "its", "their",
               "his", "her", "of", "roughly", "almost"}


def slug_phrase(tokens: list[Token]) -> str:
    words = [t.lower_ for t in tokens if t.is_alpha and t.lower_ not in _SKIP_WORDS
             and not t.like_num and t.ent_type_ not in ("CARDINAL", "MONEY", "QUANTITY")
             and t.lower_ not in ("million", "billion", "thousand", "hundred")]
    return re.sub(r"[^a-z0-9]+", "_", " ".join(words)).strip("_")


def _noun_phrase(noun: Token) -> list[Token]:
    """The counted noun with its adjectives/compounds (not the number, not clauses)."""
    left = [c for c in noun.lefts if c.dep_ in ("amod", "compound") and not c.like_num]
    toks = sorted([*left, *[t for c in left for t in c.subtree if t.dep_ in ("compound",)], noun],
                  key=lambda t: t.i)
    return list(dict.fromkeys(toks))


def find_claims(sent: Span, index: int, amounts: list[Amount], actors: ActorIndex,
                modality_of) -> list[ClaimRecord]:  # type: ignore[no-untyped-def]
    """Claims in one sentence; ``modality_of(token)`` gives (modality, attributed_to)."""
    out: list[ClaimRecord] = []
    doc = sent.doc
    for am in amounts:
        if am.counted is None or am.kind != "count":
            continue
        noun = doc[am.counted]
        subject: list[str] = []
        prop_tokens = _noun_phrase(noun)
        head = noun.head
        # "X has N Y"
        if noun.dep_ == "dobj" and head.lemma_.lower() in HAVE:
            for c in head.children:
                if c.dep_ in ("nsubj", "nsubjpass"):
                    subject = actors.phrase(c)
        # "X is home to N Y"
        elif noun.dep_ == "pobj" and head.lower_ == "to" and head.head.lower_ == "home":
            for c in head.head.head.children:
                if c.dep_ == "nsubj":
                    subject = actors.phrase(c)
        # "N Y live in X" / "N Y are ethnic Z"
        elif noun.dep_ in ("nsubj", "nsubjpass") and head.lemma_.lower() in LIVE:
            place = [p for c in head.children if c.dep_ == "prep" and c.lower_ in ("in", "inside")
                     for p in c.children if p.dep_ == "pobj"]
            attr = [c for c in head.children if c.dep_ in ("attr", "acomp")]
            if place:
                subject = actors.phrase(place[0], places=True)
                subject = [actors.refs[k].country if k in actors.refs and not
                           actors.refs[k].is_actor and actors.refs[k].country else k
                           for k in subject]
            elif attr and head.lemma_ == "be":
                subject = actors.phrase(noun, places=True) or actors.phrase(noun)
                if not subject:
                    ref = actors.ref(noun)
                    subject = [ref.key] if ref else []
                # The demonym's state; the property is what they are ("ethnic Azeris").
                subject = [actors.refs[k].country or k if k in actors.refs else k
                           for k in subject]
                prop_tokens = _noun_phrase(attr[0])
        # "X's N Y" / "its N Y"
        if not subject:
            poss = [c for c in noun.children if c.dep_ == "poss"]
            if poss:
                subject = actors.phrase(poss[0]) or actors.pronoun(poss[0])
        if not subject:
            continue
        prop = slug_phrase(prop_tokens)
        if not prop:
            continue
        modality, _ = modality_of(noun)
        rec = am.record
        for key in subject[:1]:
            out.append(ClaimRecord(
                subject=key, property=prop, value=rec.value, unit=rec.unit,
                qualifier=rec.qualifier, modality=modality,
                start=sent.start_char, end=_end(sent), text=sent.text.strip(),
                sentence_index=index, value_text=rec.text,
            ))
    return out


def _end(sent: Span) -> int:
    return sent.start_char + len(sent.text.rstrip())
