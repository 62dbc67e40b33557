"""Irregular past tenses the tagger read as base forms get their verb's lemma.

spaCy's rule lemmatizer trusts the tag: a past tense tagged VB or VBP ("Egypt forgave
Sudan's debt", "Rebels overran the town" in a headline) keeps its surface form as its
lemma, and the verb lexicon, keyed by lemma, misses it. The lemmatizer's own exception
table knows the irregular forms; a verb whose lemma is its surface form, which is no
base form of any verb and which the table maps to another verb, takes that verb. Words
that are both a past tense and a base form ("found", "lay", "wound", "saw") are left
as the tagger read them.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


class LemmaFallback:
    def __init__(self, nlp: Language):
        self.irregular: dict[str, str] = {}
        if "lemmatizer" not in nlp.pipe_names:
            return
        lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
        if lookups is None or not lookups.has_table("lemma_exc") or \
                not lookups.has_table("lemma_index"):
            return
        exc = lookups.get_table("lemma_exc").get("verb") or {}
        bases = set(lookups.get_table("lemma_index").get("verb") or ())
        for form, lemmas in exc.items():
            if form not in bases and lemmas and lemmas[0] != form:
                self.irregular[form] = lemmas[0]

    def __call__(self, doc: Doc) -> None:
        if not self.irregular:
            return
        for t in doc:
            if t.pos_ in ("VERB", "AUX") and t.lemma_.lower() == t.lower_:
                base = self.irregular.get(t.lower_)
                if base is not None:
                    t.lemma_ = base
