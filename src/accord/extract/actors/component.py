"""The ``accord_actors`` spaCy component: recognise and link actor mentions.

Runs after the statistical NER. Gazetteer names (states, capitals, demonyms, metonyms,
organisations, groups, people) are found with spaCy ``PhraseMatcher`` objects built once
per pipeline (matching on ``LOWER`` so ALL-CAPS text works; a match must still be
capitalised in the text). NER entities fill the gaps (unknown people and organisations),
after stripping titles, possessives and stoplisted fragments. Then, per document:

* organisation bodies qualified by a state ("the Iranian Revolutionary Guards",
  "Poland's foreign ministry", "the State Border Service of Azerbaijan") become one
  organisation with that country;
* people get ``role`` and ``country`` from the titles before them and from appositions;
  a surname alone resolves to the full name introduced in the same document;
* capitals and country names that name a place ("in Seoul") get ``is_actor=False`` and type
  LOCATION; acting ones ("Minsk denied") resolve to the state.

The result is ``doc.spans["actors"]``, each span with ``span._.actor`` (an
:class:`~accord.records.ActorRef`). All per-document work is linear in the number of
tokens and matches; nothing loops over the gazetteer per document.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.attrs import LOWER
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from ...records import ActorRef
from .gazetteer import ContextMetonym, Entry, Gazetteer, Template, env_files, load_gazetteer
from .names import POSSESSIVES, display, slug

if not Span.has_extension("actor"):
    Span.set_extension("actor", default=None)

SPAN_KEY = "actors"
#: Weapon systems and products found in the text (``data/equipment.yaml``): never actors.
EQUIPMENT_KEY = "equipment"
_NER_LABELS = {"PERSON", "ORG", "GPE", "LOC", "NORP"}
#: Gazetteer kinds of organisations that belong to no state: a person whose title names
#: one acts for it ("UN Secretary-General X" is the UN's, not his own country's).
INTERNATIONAL_KINDS = {"igo", "alliance", "forum"}
_PUNCT_IN_TITLES = {"(", ")", ".", "-", "–"}
_ROLE_DROP = {"then", "former", "ex", "the", "a", "an", "-", "–"}
_SPAN_DETS = {"the", "a", "an"}
_DATELINE = {",", "-", "–", "—", "("}
_MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun",
           "jul", "aug", "sep", "sept", "oct", "nov", "dec", "jan.", "feb.", "aug.", "sept.",
           "oct.", "nov.", "dec."}
#: UN organs whose bare names ("Security Council") other bodies' organs share.
_UN_ORGANS = {"org:unsc", "org:unga"}
_BARE_ORGANS = {"security council", "general assembly"}
# Priorities when candidates overlap (higher wins; then longer wins).
_PRIO = {"equipment": 9, "body": 5, "person": 4, "agent": 4, "gaz": 3, "ner_person": 2,
         "ner": 1}


@dataclass
class _Cand:
    start: int
    end: int
    key: str
    kind: str  # name capital adjective national metonym body person ner
    prio: int
    entry: Entry | None = None
    label: str | None = None
    ref: ActorRef | None = None
    extra: dict[str, object] = field(default_factory=dict)


class ActorRecognizer:
    """Callable component; see module docstring."""

    def __init__(self, nlp: Language, actors_files: Iterable[str] = ()):
        self.nlp = nlp
        self._low_doc: Doc | None = None
        self._low: list[str] = []
        self.config_files = list(actors_files)
        self.env = tuple(env_files())
        self.files = [*self.config_files, *self.env]
        self.build(load_gazetteer(self.files))

    def _check_env(self) -> None:
        """``--actors`` files arrive through ``ACCORD_ACTORS``; a pipeline loaded earlier in
        the process picks up a change before the next document (one dict lookup per doc)."""
        env = tuple(env_files())
        if env != self.env:
            self.env = env
            self.files = [*self.config_files, *env]
            self.build(load_gazetteer(self.files))

    # -- construction (once per pipeline) --------------------------------------------
    def build(self, gaz: Gazetteer) -> None:
        self.gaz = gaz
        vocab = self.nlp.vocab
        self.matcher = PhraseMatcher(vocab, attr="LOWER")
        self.exact = PhraseMatcher(vocab, attr="ORTH")
        self.bodies = PhraseMatcher(vocab, attr="LOWER")
        by_label: dict[str, list[str]] = {}
        for text, ph in gaz.phrases.items():
            by_label.setdefault(f"{ph.kind}|{ph.key}", []).append(text)
        for label, texts in by_label.items():
            # abbreviations are tokenizer exceptions only in their written case ("U.S."
            # is one token, "u.s." two): add the upper-case form too
            texts = texts + [t.upper() for t in texts if "." in t]
            self.matcher.add(label, list(self.nlp.tokenizer.pipe(texts)))
        ex_label: dict[str, list[str]] = {}
        for text, ph in gaz.exact.items():
            ex_label.setdefault(f"{ph.kind}|{ph.key}", []).append(text)
        for label, texts in ex_label.items():
            self.exact.add(label, list(self.nlp.tokenizer.pipe(texts)))
        self.templates: list[Template] = list(gaz.templates)
        by_key = {t.key: t for t in self.templates}
        #: agent sectors a state body template stands for (one entity, not two)
        self.sector_bodies = {code: by_key[k] for code, k in (
            ("MIL", "armed-forces"), ("COP", "police"), ("SPY", "intelligence"))
            if k in by_key}
        for i, tpl in enumerate(self.templates):
            self.bodies.add(f"tpl|{i}", list(self.nlp.tokenizer.pipe(tpl.names)))
        w = gaz.words
        self.titles = w["titles"]
        self.person_titles = w["person_titles"]
        self.stop = w["stoplist"]
        self.loc_preps = w["locative_prepositions"]
        self.cap_preps = w["locative_prepositions"] | w["capital_locative_prepositions"]
        self.particles = w["name_particles"]
        self.ethnic = w["ethnic_markers"]
        self.non_actor_heads = w["non_actor_heads"]
        self.facility_nouns = w["facility_nouns"]
        self.home_bodies = w["home_bodies"]
        self.place_heads = w["place_heads"]
        self.document_nouns = w["document_nouns"]
        self.motion = w["motion_words"]
        self.org_heads = w["org_heads"]
        self.speech = w["speech_verbs"]
        self.agent_preps = w["agent_prepositions"]
        self.collective = w["collective_agents"]
        self.crowd = w["crowd_words"]
        self.local_sectors = {x.upper() for x in w["local_sectors"]}
        self.seats = {p: gaz.entries[k] for p, k in gaz.seats.items() if k in gaz.entries}
        self.owner_compounds = w["owner_compounds"]
        self.group_words = w["group_name_words"]
        self.group_heads = w["group_heads"]
        #: agent sectors of armed people: "<name> militants" names their group
        self.fighter_nouns = {n for n, sec in gaz.agents.items() if sec[:3] in ("UAF", "REB")}
        self.person_suffixes = tuple(w["person_agent_suffixes"])
        self.ignored_sectors = {x.upper() for x in w["ignored_sectors"]}
        self.state_words = {n.lower() for t in self.templates if t.key == "@state"
                            for n in t.names}
        self.equipment = PhraseMatcher(vocab, attr="LOWER")
        if gaz.equipment:
            self.equipment.add("equipment", list(self.nlp.tokenizer.pipe(gaz.equipment)))
        self.surnames = gaz.surnames()
        self.context: dict[str, list[ContextMetonym]] = {}
        for cm in gaz.context:
            self.context.setdefault(cm.phrase.lower(), []).append(cm)

    def extend(self, files: Iterable[str]) -> None:
        """Add user actor files (``--actors``) to a loaded pipeline."""
        self.config_files = [*self.config_files, *files]
        self.files = [*self.config_files, *self.env]
        self.build(load_gazetteer(self.files))

    # -- per document ------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        self._check_env()
        n = len(doc)
        gaz_cands = self._owned_councils(
            doc, self._facility_names(doc, self._gazetteer_matches(doc)))
        adj_end: dict[int, _Cand] = {}  # adjective/state candidates by end token
        state_end: dict[int, _Cand] = {}
        state_start: dict[int, _Cand] = {}
        for c in gaz_cands:
            if c.kind == "national":  # "hundreds of Armenians": the crowd is the actor
                while c.start >= 2 and doc[c.start - 1].lower_ == "of" \
                        and doc[c.start - 2].lower_ in self.crowd:
                    c.start -= 2
            if c.key.startswith("state:"):
                if c.kind == "national" and doc[c.end - 1].pos_ == "ADJ":
                    c.kind = "adjective"  # "Chinese troops": a national used as adjective
                if c.kind == "adjective":
                    if c.end not in adj_end or adj_end[c.end].start > c.start:
                        adj_end[c.end] = c  # "South Korean" beats "Korean"
                elif c.kind in ("name", "metonym", "capital"):
                    state_end[c.end] = c
                    state_start[c.start] = c
        cands: list[_Cand] = list(gaz_cands)
        cands += self._bodies(doc, adj_end, state_end, state_start)
        cands += self._agents(doc, gaz_cands, adj_end, state_end, state_start)
        equipment = self._equipment(doc)
        cands += equipment
        cands += self._ner(doc)
        chosen = _select(cands, n)
        covered = bytearray(n)
        for c in chosen:
            covered[c.start:c.end] = b"\x01" * (c.end - c.start)
        chosen = self._remainders(doc, cands, chosen, covered)
        chosen += self._caps_and_surnames(doc, chosen, covered)
        chosen.sort(key=lambda c: c.start)
        states = [c for c in chosen if c.key.startswith("state:") and c.kind != "adjective"]
        refs = []
        person_index: dict[str, list[tuple[int, ActorRef]]] = {}
        self._consumed: set[int] = set()  # adjectives absorbed into a person's title
        self._org_end = {c.end: c for c in chosen if c.entry is not None
                         and c.entry.type == "ORG" and (c.entry.country
                                                        or c.entry.kind in INTERNATIONAL_KINDS)}
        self._last_person: tuple[int, ActorRef] | None = None
        # the states the document names (places, demonyms, whose people and bodies)
        self._doc_states = {c.key for c in chosen if c.key.startswith("state:")} | {
            c.entry.country for c in chosen if c.entry is not None and c.entry.country}
        for c in chosen:
            ref = self._ref(doc, c, adj_end, state_end, states, person_index)
            if ref is not None:
                refs.append((c, ref))
                if ref.type == "PERSON":
                    self._last_person = (doc[c.start].sent.start, ref)
        spans = []
        for c, ref in refs:
            if c.kind == "adjective" and c.start in self._consumed:
                continue
            span = Span(doc, c.start, c.end, label=ref.type)
            span._.actor = ref
            spans.append(span)
        doc.spans[SPAN_KEY] = spans
        doc.spans[EQUIPMENT_KEY] = [Span(doc, c.start, c.end, label="EQUIPMENT")
                                    for c in _select(equipment, n)]
        return doc

    # -- candidates ----------------------------------------------------------------
    def _gazetteer_matches(self, doc: Doc) -> list[_Cand]:
        out = []
        strings = doc.vocab.strings
        # token -> (start, end) of a multi-word NER person's name that covers it
        in_person = {t: (e.start, e.end) for e in doc.ents if e.label_ == "PERSON"
                     and len(e) > 1 for t in range(e.start, e.end)}
        for match_id, start, end in self.matcher(doc):
            label = strings[match_id]
            if label.startswith("capital|") and start in in_person:
                p0, p1 = in_person[start]
                if p0 <= start and end <= p1 and p1 - p0 > end - start and not (
                        start > 0 and (doc[start - 1].lower_ in self.cap_preps
                                       or doc[start - 1].pos_ in ("ADP", "PART"))):
                    continue  # a city inside a person's name ("Aden Duale") is no place
                    # (after "in", "to" it is one: "Ambassador to Vilnius Jan Sowa")
            if label.startswith("metonym|"):
                # "the Mullah regime", "the Jewish state": only the first word is a name
                if not doc[start].text[0].isupper():
                    continue
            elif not self._capitalised(doc, start, end):
                continue
            out.append(self._gaz_cand(label, start, end))
        for match_id, start, end in self.exact(doc):
            out.append(self._gaz_cand(strings[match_id], start, end))
        out += self._bulk_matches(doc)
        if self.context:
            out += self._context_metonyms(doc, out)
        return [c for c in out if c is not None]

    def _owned_councils(self, doc: Doc, cands: list[_Cand]) -> list[_Cand]:
        """A bare "Security Council" or "General Assembly" owned by a named body is that
        body's organ, not the UN's: "the African Union's Security Council" is the AU,
        "Russia's Security Council" or "the Russian Security Council" no UN organ (the
        state's own council). Only the bare names: "the UN Security Council" stays, and so
        does a state's seat or veto in it ("Russia's Security Council veto")."""
        owner_end = {c.end: c for c in cands if c.kind in ("name", "adjective", "capital")
                     and (c.key.startswith(("state:", "group:"))
                          or c.key.startswith("org:") and c.key not in _UN_ORGANS)}
        out = []
        for c in cands:
            if c.key in _UN_ORGANS and doc[c.start:c.end].text.lower() in _BARE_ORGANS \
                    and not _modifies_a_noun(doc, c.end):
                k = c.start - 1 if c.start > 0 and doc[c.start - 1].text in POSSESSIVES \
                    else c.start
                owner = owner_end.get(k)
                if owner is not None and (k < c.start or owner.kind == "adjective"
                                          or owner.key.startswith("org:")):
                    if owner.key.startswith("state:"):
                        continue
                    c = _Cand(c.start, c.end, owner.key, owner.kind, c.prio, entry=owner.entry)
            out.append(c)
        return out

    def _facility_place(self, doc: Doc, end: int) -> int | None:
        """If ``doc[end:]`` is a facility's noun placed in a known place ("hospital compound
        in Khan Younis"), the token where that place starts, else None."""
        n, j = len(doc), end
        facility = False
        while j < n and j - end < 3 and doc[j].pos_ == "NOUN" and doc[j].is_lower:
            facility = facility or doc[j].lower_ in self.facility_nouns
            j += 1
        if not facility or j + 1 >= n or doc[j].lower_ not in ("in", "at", "near"):
            return None
        return j + 2 if doc[j + 1].lower_ == "the" else j + 1

    def _facility_names(self, doc: Doc, cands: list[_Cand]) -> list[_Cand]:
        """Drop a city that names a facility placed in another state's place: "the Nasser
        hospital in Khan Younis" is no place in Egypt. Only when the text says where the
        facility is and that place is of another state ("Odesa port" and "the Kharkiv
        hospital in Kharkiv" keep their city). Names NER found there are dropped in
        :meth:`_ner` ("the Shifa hospital in Gaza City" is no person)."""
        def state_of(c: _Cand) -> str | None:
            if c.key.startswith("state:"):
                return c.key
            return c.entry.country if c.entry is not None else None

        self._places = {c.start: c for c in cands if c.kind in ("capital", "name")}
        out = []
        for c in cands:
            if c.kind == "capital" and c.end < len(doc) and doc[c.end].is_lower \
                    and doc[c.end].lower_ in self.document_nouns:
                continue  # "the Jeddah declaration", "the Minsk agreements": no party
            if c.kind == "capital":
                k = self._facility_place(doc, c.end)
                there = self._places.get(k) if k is not None else None
                if there is not None and state_of(there) not in (None, state_of(c)):
                    continue
            out.append(c)
        return out

    def _bulk_matches(self, doc: Doc) -> list[_Cand]:
        """Phoenix names: the longest name starting at each capitalised token (a dict
        lookup per token and length; names are lower-case tokens joined by spaces)."""
        out = []
        bulk, blen = self.gaz.bulk, self.gaz.bulk_len
        if not bulk:
            return out
        low = self._lower(doc)
        n = len(low)
        people = {(e.start, e.end) for e in doc.ents if e.label_ == "PERSON"}
        # token -> (start, end) of a multi-word NER name that covers it
        inside = {t: (e.start, e.end) for e in doc.ents if e.label_ in ("PERSON", "ORG")
                  and len(e) > 1 for t in range(e.start, e.end)}
        i = 0
        while i < n:
            k = blen.get(low[i])
            if k is None or not doc[i].text[0].isupper():
                i += 1
                continue
            for j in range(min(n, i + k), i, -1):
                ph = bulk.get(" ".join(low[i:j]))
                if ph is not None and self._capitalised(doc, i, j) and (j - i > 1 or (
                        (doc[i].pos_ == "PROPN" or doc[i].is_upper)
                        and (len(doc[i]) > 3 or doc[i].is_upper))):
                    # one word must be a proper noun here ("Target said" vs "Target dates"),
                    # three letters or fewer in capitals ("PLO", not "Ira")
                    if (i, j) in people and ph.key.startswith("group:"):
                        break  # a leader listed under a group's names stays a person
                        # (companies and bodies NER takes for a person stay them: "Embraer")
                    if j < n and ph.key.startswith(("org:", "group:")) and \
                            doc[j].ent_type_ == "PERSON" and doc[j].ent_iob_ == "B":
                        break  # an office before its holder's name is a title
                                # ("Secretary of State Antony Blinken")
                    span = inside.get(i)
                    if ph.kind == "capital" and span is not None and span[1] - span[0] > j - i \
                            and span[0] <= i and j <= span[1]:
                        break  # a city inside a longer name ("Mo Farah", "Herat University")
                    entry = self.gaz.entries.get(ph.key)
                    prio = _PRIO["person"] if ph.key.startswith("person:") else _PRIO["gaz"]
                    out.append(_Cand(i, j, ph.key, ph.kind, prio, entry=entry))
                    break
            i += 1
        return out

    def _lower(self, doc: Doc) -> list[str]:
        """Lower-case token texts, once per document (without building Token objects)."""
        if self._low_doc is not doc:
            strings = doc.vocab.strings
            self._low = [strings[h] for h in doc.to_array(LOWER).tolist()]
            self._low_doc = doc
        return self._low

    def _equipment(self, doc: Doc) -> list[_Cand]:
        """Weapon systems and products (``equipment.yaml``): they outrank every name so
        that "Heron" or "Spike" never becomes a person or organisation."""
        out = []
        people = [(e.start, e.end) for e in doc.ents if e.label_ == "PERSON"]
        for _, start, end in self.equipment(doc):
            if not (doc[start].text[0].isupper() or doc[start].text[0].isdigit()):
                continue
            if any(s <= start and end <= e and e - s > end - start for s, e in people):
                continue  # "Sigmar Gabriel": a person whose name contains a listed word
            out.append(_Cand(start, end, "", "equipment", _PRIO["equipment"]))
        return out

    def _agents(self, doc: Doc, cands: list[_Cand], adj_end: dict[int, _Cand],
                state_end: dict[int, _Cand], state_start: dict[int, _Cand]) -> list[_Cand]:
        """Country + agent noun: "Chinese students", "a top U.S. official", "Pakistan
        police", "students throughout Indonesia" ("Norway's minister" stays Norway). The
        country comes from a state adjective or name before the noun (modifiers such as
        "top", "senior", numbers may stand between) or from "of/from/in/throughout/across
        <state>" just after it; without a country an agent noun is no actor."""
        agents, alen = self.gaz.agents, self.gaz.agent_len
        out: list[_Cand] = []
        named_end = {c.end for c in cands if c.entry is not None
                     and c.entry.type in ("ORG", "GROUP", "PERSON")}
        named_end |= {e.end for e in doc.ents if e.label_ in ("ORG", "PERSON")}
        named_end -= set(adj_end) | set(state_end)  # NER calls "Ugandan" an ORG at times
        low = self._lower(doc)
        n = len(low)
        i = 0
        while i < n:
            k = alen.get(low[i])
            if k is None:
                i += 1
                continue
            hit = None
            for j in range(min(n, i + k), i, -1):
                code = agents.get(" ".join(low[i:j]))
                if code is not None:
                    hit = (j, code)
                    break
            if hit is None:
                i += 1
                continue
            j, code = hit
            if j < n and doc[j].pos_ == "PROPN" and doc[j].text[:1].isupper():
                i = j  # a title before a name ("Defence Minister Shin"): the person's role
                continue
            m = j + 1
            while m < n and doc[m].pos_ == "PROPN" and m - j < 5:
                m += 1
            if doc[j].text == "," and m > j + 1 and (
                    any(t.dep_ == "appos" for t in doc[j + 1:m])
                    or doc[j + 1].ent_type_ == "PERSON"):
                i = j  # "Israel's ambassador, Eitan Naeh,": the person is the actor
                continue
            last = doc[j - 1]
            if last.dep_ in ("compound", "amod") and last.head.i > last.i:
                i = j  # a modifier ("terrorist underground", "student unions")
                continue
            if doc[i].text[:1].isupper() and i > 0 and not doc[i].is_sent_start \
                    and doc[i - 1].text[:1].isupper() and i not in adj_end \
                    and i not in state_end:
                i = j  # inside a capitalised name ("Islamic Students Association")
                continue
            k = i
            while k > 0 and doc[k - 1].pos_ in ("ADJ", "NUM") and k not in named_end:
                k -= 1
            if k in named_end:
                i = j  # "Taliban officials", "Hamas fighters": the group's own people
                continue
            state, start = self._agent_country(doc, i, j, code, adj_end, state_end,
                                               state_start)
            if state is not None and code and code[:3] not in self.ignored_sectors:
                # "tens of thousands of students": the crowd's head word starts the span
                while start >= 2 and doc[start - 1].lower_ == "of" \
                        and doc[start - 2].lower_ in self.crowd:
                    start -= 2
                out.append(_Cand(start, j, state.key, "agent", _PRIO["agent"],
                                 entry=self.gaz.entries.get(state.key), extra={"code": code}))
                # "British and French diplomats": the first demonym is British diplomats
                k = start
                while k >= 2 and doc[k - 1].lower_ in ("and", "or", ",") and (k - 1) in adj_end:
                    other = adj_end[k - 1]
                    out.append(_Cand(other.start, other.end, other.key, "agent", _PRIO["agent"],
                                     entry=self.gaz.entries.get(other.key),
                                     extra={"code": code, "head": j}))
                    k = other.start
            i = j
        return out

    def _seat(self, doc: Doc, c: _Cand) -> bool:
        """A capital that hosts an international body ("ministers in Brussels")."""
        return c.kind == "capital" and doc[c.start:c.end].text.lower() in self.seats

    def _agent_country(self, doc: Doc, i: int, j: int, code: str, adj_end: dict[int, _Cand],
                       state_end: dict[int, _Cand], state_start: dict[int, _Cand]
                       ) -> tuple[_Cand | None, int]:
        k = i
        while k > 0 and i - k < 3 and k not in adj_end and k not in state_end \
                and (doc[k - 1].pos_ in ("ADJ", "NUM", "ADV")
                     or code[:3] in self.local_sectors and doc[k - 1].pos_ == "NOUN"
                     and doc[k - 1].is_lower and doc[k - 1].dep_ == "compound"
                     and i <= doc[k - 1].head.i < j):
            # "top", "senior", "two", "heavily armed"; the trade of civilians ("Bangladeshi
            # garment workers", "Kenyan tea farmers"; not "Swedish border officers")
            k -= 1
        if k in adj_end:
            return adj_end[k], adj_end[k].start
        if k in state_end and state_end[k].kind in ("name", "capital", "metonym") \
                and doc[k - 1].pos_ == "PROPN":
            return state_end[k], state_end[k].start  # "Pakistan police", "Kremlin aides"
        if k >= 2 and doc[k - 1].text in POSSESSIVES and (k - 1) in state_end:
            return None, i  # "Norway's foreign minister": the state itself is the actor
        head = doc[j - 1]
        plural = head.tag_ in ("NNS", "NNPS") or head.lower_ in self.state_words
        m = j
        if m + 1 < len(doc) and doc[m].lower_ in self.agent_preps and (
                plural or doc[m].lower_ in ("in", "of")):
            # "students throughout Indonesia", "a court in Paris"; not "opposition from X"
            m += 1
            while m + 1 < len(doc) and (doc[m].lower_ == "the" or (
                    doc[m].pos_ == "ADJ" and m not in state_start)):
                m += 1  # "central Dhaka"
            c = state_start.get(m)
            if c is not None and c.kind in ("name", "capital") and not self._seat(doc, c):
                return c, i
        if plural and code[:3] in self.local_sectors:
            # "Opposition supporters rioted in Conakry", "tens of thousands of teachers
            # protested across Nigeria": people who act in a state belong to it
            subj = head
            while subj.dep_ == "pobj" and subj.head.lower_ == "of" \
                    and subj.head.head.lower_ in self.crowd:
                subj = subj.head.head
            if subj.dep_ == "nsubj" and subj.head.pos_ == "VERB":
                for prep in subj.head.children:
                    if prep.dep_ != "prep" or prep.lower_ not in self.agent_preps \
                            or prep.lower_ in ("of", "from"):
                        continue
                    for obj in prep.children:
                        c = state_end.get(obj.i + 1)
                        if obj.dep_ == "pobj" and c is not None \
                                and c.kind in ("name", "capital") and not self._seat(doc, c):
                            return c, i
        return None, i

    def _context_metonyms(self, doc: Doc, found: list[_Cand]) -> list[_Cand]:
        """"the North" where the text names North Korea (lexicon `context_metonyms`)."""
        present = {c.key for c in _select([c for c in found if c is not None], len(doc))}
        out = []
        for t in doc:
            rules = self.context.get(t.lower_)
            if not rules or t.i == 0 or doc[t.i - 1].lower_ != "the" or not t.text[0].isupper():
                continue
            for r in rules:
                if all(k in present for k in r.requires) and r.state in self.gaz.entries:
                    out.append(_Cand(t.i, t.i + 1, r.state, "metonym", _PRIO["gaz"] - 1,
                                     entry=self.gaz.entries[r.state]))
                    break
        return out

    def _gaz_cand(self, label: str, start: int, end: int) -> _Cand:
        kind, key = label.split("|", 1)
        entry = self.gaz.entries.get(key)
        prio = _PRIO["person"] if key.startswith("person:") else _PRIO["gaz"]
        return _Cand(start, end, key, kind, prio, entry=entry)

    def _capitalised(self, doc: Doc, start: int, end: int) -> bool:
        """A gazetteer match counts only if its words are capitalised in the text."""
        for t in doc[start:end]:
            if t.is_alpha and t.lower_ not in self.particles and not t.text[0].isupper():
                if t.i > start and doc[t.i - 1].text == "-":
                    continue  # "Kim Yo-jong", "Shin Won-sik"
                return False
        return True

    def _bodies(self, doc: Doc, adj_end: dict[int, _Cand], state_end: dict[int, _Cand],
                state_start: dict[int, _Cand]) -> list[_Cand]:
        """Organisation bodies qualified by a state, and gazetteer orgs with an adjective."""
        out = []
        bodies: dict[tuple[int, int], Template | None] = {}
        for match_id, start, end in self.bodies(doc):
            label = doc.vocab.strings[match_id]
            bodies[(start, end)] = self.templates[int(label.split("|")[1])]
        # Gazetteer orgs (with a country) may absorb a same-country adjective too.
        for c in self._org_names(doc):
            bodies.setdefault((c.start, c.end), None)
        for (start, end), tpl in bodies.items():
            text = doc[start:end].text.lower()
            ph = self.gaz.phrases.get(text)
            entry = self.gaz.entries.get(ph.key) if ph and ph.key.startswith("org:") else None
            q, s, e = None, start, end
            if start in adj_end:
                q, s = adj_end[start], adj_end[start].start
            elif start >= 2 and doc[start - 1].text in POSSESSIVES and start - 1 in state_end:
                q = state_end[start - 1]
            elif (end + 1 < len(doc) and doc[end].lower_ == "of" and end + 1 in state_start
                  and state_start[end + 1].kind == "name"):
                q, e = state_start[end + 1], state_start[end + 1].end
            if tpl is None and entry is None:
                continue
            if q is not None and tpl is not None and tpl.key == "@state" and s == start:
                continue  # "Poland's government": keep "Poland" itself as the actor
            qkey = q.key if q is not None else None
            if entry is not None and entry.key in _UN_ORGANS and text in _BARE_ORGANS \
                    and qkey is not None and not _modifies_a_noun(doc, end):
                # "Russia's Security Council" is the state's own council, not the UN's
                state = self.gaz.entries[qkey]
                key = f"org:{(state.iso3 or '').lower()}-{slug(text)}"
                org = self.gaz.entries.get(key) or Entry(
                    key=key, name=f"{state.adjective or state.name} {doc[start:end].text}",
                    type="ORG", country=qkey)
                out.append(_Cand(s, e, key, "body", _PRIO["body"], entry=org))
                continue
            if entry is not None and (qkey is None or entry.country == qkey):
                if qkey is None:
                    if tpl is not None and not _is_caps_name(doc, start, end):
                        continue  # a lower-case generic body ("the embassy") is no actor
                    s, e = start, end
                prio = _PRIO["body"] if (s, e) != (start, end) else _PRIO["gaz"]
                out.append(_Cand(s, e, entry.key, "body", prio, entry=entry))
                continue
            if q is None or tpl is None:
                if entry is not None:
                    out.append(_Cand(start, end, entry.key, "body", _PRIO["gaz"], entry=entry))
                elif tpl is not None and (tpl.key.endswith("ministry")
                                          or tpl.key in self.home_bodies):
                    # "the defence ministry": whose? decided from the person before it or
                    # the document's only state
                    out.append(_Cand(start, end, "", "generic", _PRIO["ner"], extra={"tpl": tpl}))
                continue
            state = self.gaz.entries[qkey]
            if tpl.key == "@state":
                out.append(_Cand(s, e, qkey, "body", _PRIO["body"], entry=state))
                continue
            adjective = state.adjective or state.name
            name = (tpl.name or "{adjective} " + tpl.names[0]).format(
                adjective=adjective, country=state.name)
            key = f"org:{(state.iso3 or '').lower()}-{tpl.key}"
            existing = self.gaz.entries.get(key)
            org = existing or Entry(key=key, name=name, type="ORG", country=qkey)
            out.append(_Cand(s, e, key, "body", _PRIO["body"], entry=org))
        return out

    def _org_names(self, doc: Doc) -> list[_Cand]:
        out = []
        for match_id, start, end in self.matcher(doc):
            label = doc.vocab.strings[match_id]
            if label.startswith("name|org:") and self._capitalised(doc, start, end):
                out.append(self._gaz_cand(label, start, end))
        return out

    def _ner(self, doc: Doc) -> list[_Cand]:
        out = []
        for ent in doc.ents:
            if ent.label_ not in _NER_LABELS:
                continue
            start, end = ent.start, ent.end
            while start < end and (doc[start].lower_ in _SPAN_DETS
                                   or doc[start].is_punct
                                   or (ent.label_ == "PERSON"
                                       and doc[start].lower_ in self.titles)):
                start += 1
            while end > start and (doc[end - 1].text in POSSESSIVES or doc[end - 1].is_punct):
                end -= 1
            if start >= end:
                continue
            text = doc[start:end].text
            low = text.lower()
            if "\n" in text or "," in text:
                continue  # names do not run across paragraphs or lists ("Oil, Arms and ...")
            if not text[0].isupper() and doc[start].lower_ not in self.particles:
                continue  # names are capitalised: "the china was chipped"
            if low in self.stop or not any(ch.isalpha() for ch in text):
                continue
            if all(t.lower_ in self.titles or t.lower_ in self.stop or not t.is_alpha
                   for t in doc[start:end]):
                continue
            if doc[end - 1].lower_ in self.non_actor_heads:
                continue  # "Abraham Accords", "Sitalchay Military Airbase"
            if ent.label_ in ("GPE", "LOC", "ORG") and end < len(doc) and doc[end].is_lower \
                    and doc[end].lower_ in self.document_nouns:
                continue  # "the Minsk agreements": a text named after a city
            k = self._facility_place(doc, end)
            if k is not None and k in self._places:
                continue  # "the Shifa hospital in Gaza City": a facility's name
            label = ent.label_
            if label == "PERSON" and doc[end - 1].lower_ in self.org_heads:
                label = "ORG"  # "Political Science Association" tagged as a person
            k = start - 1
            while k >= 0 and doc[k].text in _PUNCT_IN_TITLES:
                k -= 1
            if k >= 1 and doc[k].text == "," and doc[k - 1].lower_ in self.person_titles:
                k -= 1  # "the ex-deputy foreign minister, Pinkhaz Avivi"
            if (label == "ORG" and k >= 0 and doc[k].lower_ in self.titles
                    and (doc[k].text[0].isupper() or doc[k].lower_ in self.person_titles)
                    and all(t.pos_ == "PROPN" and t.is_title for t in doc[start:end])):
                label = "PERSON"  # "Maj.-Gen. (Res.) Tomasz Wielgosz" tagged ORG
            if (label in ("ORG", "GPE", "LOC") and end - start == 1 and doc[start].is_title
                    and doc[start].dep_ == "nsubj" and doc[start].head.lemma_ in self.speech):
                label = "PERSON"  # "Idan said": a surname NER took for a place
            if label in ("PERSON", "ORG") and start > 0 and doc[start - 1].is_title \
                    and doc[start - 1].lower_ in self.group_words:
                start -= 1  # NER left out the first word: "Hayat [Tahrir al-Sham]"
            if label in ("PERSON", "ORG") and self._group_name(doc, start, end):
                label = "GROUP"  # "Jaish al-Adl" is no person
            prio = _PRIO["ner_person"] if label == "PERSON" else _PRIO["ner"]
            out.append(_Cand(start, end, "", "ner", prio, label=label))
        return out

    def _group_name(self, doc: Doc, start: int, end: int) -> bool:
        """Is the name ``doc[start:end]`` an armed or political group the gazetteer lacks?
        General signals, not a list of groups: a first word that means army, movement,
        brigade... in the languages such groups are named in ("Jaish al-Adl", "Harakat
        al-Nujaba"); an apposition headed by a group noun ("X, a Baluch militant group");
        fighters named after it ("X militants", "fighters of X")."""
        first = doc[start].lower_
        if first in self.group_words or first.split("-")[0] in self.group_words:
            return True
        root = doc[start:end].root
        if any(c.dep_ == "appos" and c.lemma_.lower() in self.group_heads
               for c in root.children):
            return True
        if end < len(doc) and doc[end].lower_ in self.fighter_nouns:
            return True  # "X militants attacked"
        return start >= 2 and doc[start - 1].lower_ == "of" and (
            doc[start - 2].lower_ in self.fighter_nouns
            or doc[start - 2].lower_ in ("members", "leader", "leaders", "commander"))

    def _remainders(self, doc: Doc, cands: list[_Cand], chosen: list[_Cand],
                    covered: bytearray) -> list[_Cand]:
        """NER spans that overlap a gazetteer match keep their remainder: a person's name
        after an organisation NER swallowed ("Islamic Party of Azerbaijan Movsum Samadov"),
        or an organisation named after a country adjective ("Polish Historical Society",
        which absorbs the adjective). Returns the new list of chosen candidates."""
        picked = {id(c) for c in chosen}
        by_end = {c.end: c for c in chosen}
        out: list[_Cand] = []
        drop: set[int] = set()
        for c in cands:
            if c.kind != "ner" or id(c) in picked:
                continue
            i = c.end
            while i > c.start and not covered[i - 1]:
                i -= 1
            rest = doc[i:c.end]
            if (i > c.start and len(rest) >= 2 and all(
                    t.pos_ == "PROPN" and (t.is_title or t.is_upper) for t in rest)
                    and not any(covered[i:c.end])):
                before = by_end.get(i)
                label = c.label
                if before is not None and before.entry is not None and \
                        before.entry.type in ("ORG", "GROUP"):
                    label = "PERSON"  # "<party> <leader name>"
                if doc[c.end - 1].lower_ in self.org_heads:
                    label = "ORG"  # "Canadian | Political Science Association"
                prio = _PRIO["ner_person"] if label == "PERSON" else _PRIO["ner"]
                start = i
                if label == "ORG" and before is not None and before.kind == "adjective":
                    start = before.start  # "Polish Historical Society" is one name
                    drop.add(id(before))
                out.append(_Cand(start, c.end, "", "ner", prio, label=label,
                                 extra={"country": before.key} if start < i else {}))
                covered[i:c.end] = b"\x01" * (c.end - i)
        return [c for c in chosen if id(c) not in drop] + out

    def _caps_and_surnames(self, doc: Doc, chosen: list[_Cand],
                           covered: bytearray) -> list[_Cand]:
        """People NER misses: ALL-CAPS names after a title, and known surnames in the doc."""
        known: dict[str, str] = {}  # slug of full name or surname -> "" (marker)
        for c in chosen:
            if c.key.startswith("person:") or (c.kind == "ner" and c.label == "PERSON"):
                words = doc[c.start:c.end].text.split()
                known[slug(" ".join(words))] = ""
                if len(words) > 1:
                    known[slug(words[-1])] = ""
                    if c.entry is not None and c.entry.surname:
                        known[slug(c.entry.surname)] = ""
        out = []
        i, n = 0, len(doc)
        while i < n:
            t = doc[i]
            if (covered[i] or not (t.is_upper or t.is_title) or not t.is_alpha or len(t) < 2
                    or t.lower_ in self.titles or t.is_stop):
                i += 1
                continue
            j = i
            while j < n and not covered[j] and j - i < 4 and (
                    (doc[j].is_alpha and (doc[j].is_upper or doc[j].is_title)
                     and not doc[j].is_stop and doc[j].lower_ not in self.titles)
                    or (doc[j].text == "-" and j + 1 < n and doc[j + 1].is_alpha and j > i)):
                j += 1
            while j > i and doc[j - 1].text == "-":
                j -= 1
            run = doc[i:j]
            rslug = slug(run.text.replace(" - ", "-"))
            hit = rslug in known and (t.pos_ == "PROPN" or t.is_upper)
            prev = doc[i - 1] if i > 0 else None
            after_title = (prev is not None and prev.lower_ in self.person_titles
                           and prev.text[0].isupper() and (t.is_upper or j - i >= 2)
                           and all(x.pos_ == "PROPN" for x in run if x.is_alpha)
                           and rslug not in self.stop and run.text.lower() not in self.stop)
            if hit or after_title:
                out.append(_Cand(i, j, "", "ner", _PRIO["ner_person"], label="PERSON"))
                covered[i:j] = b"\x01" * (j - i)
            i = max(j, i + 1)
        return out

    # -- linking ---------------------------------------------------------------------
    def _ref(self, doc: Doc, c: _Cand, adj_end: dict[int, _Cand], state_end: dict[int, _Cand],
             states: list[_Cand], person_index: dict[str, list[tuple[int, ActorRef]]]
             ) -> ActorRef | None:
        e = c.entry
        if c.kind == "generic":
            return self._generic_ref(doc, c)
        if c.kind == "equipment":
            return None
        if c.kind == "agent":
            return self._agent_ref(doc, c)
        if c.kind == "ner":
            return self._ner_ref(doc, c, adj_end, state_end, states, person_index)
        if e is None:
            return None
        if e.type == "PERSON":
            role, country = self._role(doc, c, adj_end, state_end, states)
            office = e.office_at(doc._.published) if doc.has_extension("published") else None
            if office is not None:  # the role held at the document's date (Phoenix ranges)
                country = country or office.country
                role = role or office.role
            ref = ActorRef(e.key, e.name, "PERSON", country or e.country, role,
                           wikidata=e.wikidata)
            _index_person(person_index, ref, c.start)
            return ref
        if e.type == "STATE":
            if c.kind == "body":
                return ActorRef(e.key, e.name, "STATE", None, None, e.iso3, e.wikidata)
            if c.kind in ("adjective", "national") and c.start > 0 and \
                    doc[c.start - 1].lower_ in self.ethnic:
                return None
            if (c.kind in ("adjective", "name") and c.end + 1 < len(doc)
                    and doc[c.end].text == "-" and doc[c.end + 1].is_lower):
                if doc[c.end + 1].lower_ not in self.owner_compounds:
                    return None  # compound adjective: "Soviet-era", "Korean-designed"
                c.end += 2  # "a Greek-flagged tanker", "Pakistan-based militants": owner
                return ActorRef(e.key, e.name, "STATE", None, None, e.iso3, e.wikidata)
            place = c.kind in ("name", "capital") and self._is_place(doc, c)
            if place and c.kind == "capital":
                text = display(doc[c.start:c.end].text)
                return ActorRef(f"loc:{slug(text)}", text, "LOCATION", e.key, None,
                                is_actor=False)
            if place:
                return ActorRef(e.key, e.name, "LOCATION", None, None, e.iso3, e.wikidata,
                                is_actor=False)
            seat = self.seats.get(doc[c.start:c.end].text.lower()) if c.kind == "capital" \
                else None
            if seat is not None:  # "pressure from Brussels": the EU, not Belgium
                return ActorRef(seat.key, seat.name, seat.type, seat.country, None, None,
                                seat.wikidata)
            return ActorRef(e.key, e.name, "STATE", None, None, e.iso3, e.wikidata)
        if e.type == "LOCATION":
            return ActorRef(e.key, e.name, "LOCATION", e.country, is_actor=False,
                            wikidata=e.wikidata)
        return ActorRef(e.key, e.name, e.type, e.country, None, None, e.wikidata)

    def _agent_ref(self, doc: Doc, c: _Cand) -> ActorRef | None:
        """One actor per country and sector: ``group:<iso3>-<sector>`` (a GROUP, or a
        PERSON for one official), role = the sector code. Sectors that a state body
        already stands for (MIL, COP, SPY) are that body (``org:chn-armed-forces``)."""
        state = c.entry
        code = str(c.extra["code"])
        if state is None or not state.iso3:
            return None
        tpl = self.sector_bodies.get(code[:3])
        if tpl is not None:
            key = f"org:{state.iso3.lower()}-{tpl.key}"
            entry = self.gaz.entries.get(key)
            name = entry.name if entry else (tpl.name or "{adjective} " + tpl.names[0]).format(
                adjective=state.adjective or state.name, country=state.name)
            return ActorRef(key, name, "ORG", state.key)
        head = doc[int(c.extra.get("head", c.end)) - 1]  # type: ignore[call-overload]
        if code == "GOV" and head.lower_ in self.state_words:
            # "the government in Baghdad" is the state, as "the Iraqi government" is
            return ActorRef(state.key, state.name, "STATE", None, None, state.iso3,
                            state.wikidata)
        one = head.tag_ in ("NN", "NNP") and head.lower_ not in self.collective \
            and head.lower_.endswith(self.person_suffixes)  # "official", not "commission"
        label = self.gaz.sectors.get(code[:3], code.lower())
        name = f"{state.adjective or state.name} {label}"
        return ActorRef(f"group:{state.iso3.lower()}-{code.lower()}", name,
                        "PERSON" if one else "GROUP", state.key, code)

    def _generic_ref(self, doc: Doc, c: _Cand) -> ActorRef | None:
        """A ministry named without its country belongs to the country of the person named
        just before it in the same sentence ("Shin Won-sik, at the defence ministry"); a
        body that acts at home (``home_bodies``: "the national security services") to the
        state of a document that names one state only, never a guess between two."""
        last = self._last_person
        tpl = c.extra["tpl"]
        if last is not None and last[0] == doc[c.start].sent.start and last[1].country:
            state = self.gaz.entries.get(last[1].country)
        elif isinstance(tpl, Template) and tpl.key in self.home_bodies \
                and len(self._doc_states) == 1:
            state = self.gaz.entries.get(next(iter(self._doc_states)))
        else:
            return None
        if state is None or not isinstance(tpl, Template):
            return None
        key = f"org:{(state.iso3 or '').lower()}-{tpl.key}"
        entry = self.gaz.entries.get(key)
        name = entry.name if entry else (tpl.name or "{adjective} " + tpl.names[0]).format(
            adjective=state.adjective or state.name, country=state.name)
        return ActorRef(key, name, "ORG", state.key)

    def _ner_ref(self, doc: Doc, c: _Cand, adj_end: dict[int, _Cand],
                 state_end: dict[int, _Cand], states: list[_Cand],
                 person_index: dict[str, list[tuple[int, ActorRef]]]) -> ActorRef | None:
        text = display(doc[c.start:c.end].text.replace(" - ", "-").replace(" -", "-"))
        words = text.split()
        s = slug(text)
        if not s:
            return None
        if c.label == "PERSON" or (len(words) == 1 and s in person_index):
            role, country = self._role(doc, c, adj_end, state_end, states)
            if len(words) == 1:
                found = _lookup_person(person_index, s)
                if found is not None:
                    return ActorRef(found.key, found.name, "PERSON", country or found.country,
                                    role, wikidata=found.wikidata)
                keys = self.surnames.get(s, [])
                if len(keys) == 1 and len(s) >= 4:
                    e = self.gaz.entries[keys[0]]
                    if country is None or country == e.country:
                        ref = ActorRef(e.key, e.name, "PERSON", country or e.country, role,
                                       wikidata=e.wikidata)
                        _index_person(person_index, ref, c.start)
                        return ref
                if c.label != "PERSON":
                    return None
            ref = ActorRef(f"person:{s}", text, "PERSON", country, role)
            _index_person(person_index, ref, c.start)
            return ref
        if c.label == "GROUP":
            country = adj_end[c.start].key if c.start in adj_end else None
            return ActorRef(f"group:{s}", text, "GROUP", country, None)
        if c.label == "ORG" and (self._is_place(doc, c) or (
                c.end < len(doc) and doc[c.end].is_lower
                and doc[c.end].lower_ in self.place_heads)):  # "the Torkham crossing"
            return ActorRef(f"loc:{s}", text, "LOCATION", None, None, is_actor=False)
        if c.label == "ORG":
            country = c.extra.get("country") if isinstance(c.extra.get("country"), str) \
                else None
            if country is not None:
                pass
            elif c.start in adj_end:
                country = adj_end[c.start].key
            elif c.start >= 2 and doc[c.start - 1].text in POSSESSIVES and \
                    c.start - 1 in state_end:
                country = state_end[c.start - 1].key
            return ActorRef(f"org:{s}", text, "ORG", country, None)
        if c.label in ("GPE", "LOC"):
            return ActorRef(f"loc:{s}", text, "LOCATION", None, None, is_actor=False)
        return None  # NORP not in the gazetteer: religions, ideologies

    def _is_place(self, doc: Doc, c: _Cand) -> bool:
        if (c.kind == "capital" and c.end + 1 < len(doc) and doc[c.end].text in _DATELINE
                and (doc[c.end + 1].lower_ in _MONTHS or doc[c.end + 1].like_num)
                and (c.start == 0 or doc[c.start - 1].is_space or doc[c.start].is_sent_start)):
            return True  # dateline: "SEOUL, January 15, 2024 -"
        tok = doc[c.end - 1]
        while tok.dep_ == "conj" and tok.head.i < tok.i:
            tok = tok.head
        if tok.dep_ == "compound" and tok.head.dep_ == "pobj":
            return False
        preps = self.cap_preps if c.kind in ("capital", "ner") else self.loc_preps
        if tok.dep_ == "pobj" and tok.head.lower_ in preps:
            return True
        if tok.dep_ == "pobj" and tok.head.lower_ in ("to", "toward", "towards") and \
                tok.head.head.lemma_.lower() in self.motion:
            return True
        if c.kind == "ner" and tok.dep_ == "pobj" and tok.head.lower_ == "from":
            return True  # "parts shipped from Changwon"
        if c.kind == "capital" and tok.dep_ == "dobj" and tok.head.lemma_ in {
                "visit", "reach", "leave", "tour"}:
            return True
        return False

    def _role(self, doc: Doc, c: _Cand, adj_end: dict[int, _Cand], state_end: dict[int, _Cand],
              states: list[_Cand]) -> tuple[str | None, str | None]:
        """Role and country from titles before the name and an apposition after it."""
        country = None
        i = c.start - 1
        first_title = None
        limit = doc[c.start].sent.start
        # the sentence splitter breaks after "Brig." or "Maj.-Gen.": look through it
        while limit >= 2 and (doc[limit - 1].text == ")" or (
                doc[limit - 1].text == "." and doc[limit - 2].lower_ in self.titles
                and (len(doc[limit - 2]) <= 4 or "." in doc[limit - 2].text))):
            limit = doc[limit - 1].sent.start
        def to_place(k: int) -> int | None:
            """Index of the title in "<title> to <state or capital>" ending at token k."""
            place = state_end.get(k + 1)
            j = place.start - 1 if place is not None else -1
            if j >= 1 and doc[j].lower_ in ("to", "in") and doc[j - 1].lower_ in self.titles:
                return j - 1
            return None

        if i > limit and doc[i].text == ",":
            if doc[i - 1].lower_ in self.person_titles:
                i -= 1  # "the ex-deputy foreign minister, Pinkhaz Avivi"
            elif (k := to_place(i - 1)) is not None and k >= limit:
                i = k  # "the Israeli Ambassador to Baku, Michael Lotem"
        while i >= limit:
            t = doc[i]
            low = t.lower_
            if (k := to_place(i)) is not None and k >= limit and low not in self.titles:
                i = k  # "Ambassador to Azerbaijan Raphael Harpaz"
                continue
            if low in self.titles:
                first_title = i
            elif t.text in _PUNCT_IN_TITLES:
                pass
            elif low == "of" and first_title is not None and i > 0 and (
                    doc[i - 1].lower_ in self.titles or (
                        i > 1 and doc[i - 1].text in _PUNCT_IN_TITLES
                        and doc[i - 2].lower_ in self.titles)):
                pass  # "Minister of Defence", "Chief-of-Staff"
            else:
                org = self._org_end.get(i + 1)
                if org is not None and first_title is not None and org.entry is not None:
                    country = org.entry.country  # "Military Intelligence Directorate Major
                    # General X": the person serves the organisation's state; "NATO
                    # Secretary General X", "UN envoy X": the title (the office held at
                    # the time of writing) says the person acts for the international body
                    if country is None and org.entry.kind in INTERNATIONAL_KINDS:
                        country = org.entry.key
                    break
                if (i + 1) in adj_end and first_title is not None and adj_end[i + 1].start <= i:
                    country = adj_end[i + 1].key
                    self._consumed.add(adj_end[i + 1].start)
                elif t.text in POSSESSIVES and i in state_end and first_title is not None:
                    country = state_end[i].key
                elif (i + 1) in state_end and first_title is not None \
                        and state_end[i + 1].kind == "name":
                    country = state_end[i + 1].key  # "Ghana President X"
                break
            i -= 1
        role = None
        if first_title is not None:
            toks = [t.text for t in doc[first_title:c.start]]
            while toks and toks[0].lower() in _ROLE_DROP:
                toks.pop(0)
            while toks and toks[-1] in ("(", "-", "–", ","):
                toks.pop()
            role = _join(toks) or None
            if role and role.isupper():
                role = role.title()
            if role and role.lower() in ("mr.", "mrs.", "ms.", "dr.", "mr", "ms", "mrs", "dr"):
                role = None
        if role is None:
            arole, acountry = self._apposition(doc, c, adj_end, state_end, states)
            role = arole
            country = country or acountry
        return role, country

    def _apposition(self, doc: Doc, c: _Cand, adj_end: dict[int, _Cand],
                    state_end: dict[int, _Cand], states: list[_Cand]
                    ) -> tuple[str | None, str | None]:
        if c.end >= len(doc) or doc[c.end].text != ",":
            return None, None
        root = doc[c.start:c.end].root
        for child in root.rights:
            if child.dep_ != "appos" or child.i <= c.end:
                continue
            lo, hi = child.left_edge.i, child.right_edge.i + 1
            if hi - lo > 14 or child.lower_ not in self.titles:
                return None, None  # the apposition must be headed by a title word
            country = None
            i = lo
            while i < hi and doc[i].lower_ in _SPAN_DETS:
                i += 1
            # "Israel's ambassador", "the country's ambassador"
            for j in range(i, min(hi, i + 4)):
                if doc[j].text in POSSESSIVES:
                    if j in state_end:
                        country = state_end[j].key
                    elif doc[j - 1].lower_ in ("country", "nation", "state"):
                        prev = [s for s in states if s.end <= c.start]
                        country = prev[-1].key if prev else None
                    i = j + 1
                    break
            if country is None:
                for j in range(i, hi):
                    if (j + 1) in adj_end and adj_end[j + 1].start >= i:
                        country = adj_end[j + 1].key
                        break
            if country is None:  # "X, the head of the IAEA," "X, the UN envoy for Yemen,"
                for j in range(i + 1, hi + 1):
                    org = self._org_end.get(j)
                    if org is not None and org.start >= i and org.entry is not None:
                        country = org.entry.country or org.entry.key
                        k = org.start - 1  # "Russia's Security Council" is Russia's own
                        if k in state_end and doc[k].text in POSSESSIVES:
                            country = state_end[k].key
                        break
            while hi > i and (doc[hi - 1].is_punct):
                hi -= 1
            role = doc[i:hi].text or None
            return role, country
        return None, None


def _modifies_a_noun(doc: Doc, end: int) -> bool:
    """Does a lower-case noun follow the name ``doc[..end]`` ("Security Council veto")?"""
    return end < len(doc) and doc[end].is_lower and doc[end].pos_ == "NOUN"


def _join(toks: list[str]) -> str:
    out = ""
    for t in toks:
        if not out or t in (".", ")", "-", "–") or out.endswith(("(", "-", "–")):
            out += t
        else:
            out += " " + t
    return out


def _is_caps_name(doc: Doc, start: int, end: int) -> bool:
    return all(t.text[0].isupper() for t in doc[start:end] if t.is_alpha and len(t) > 2)


def _index_person(index: dict[str, list[tuple[int, ActorRef]]], ref: ActorRef, pos: int) -> None:
    words = ref.name.split()
    if len(words) < 2:
        return
    for w in {words[0], words[-1]}:
        index.setdefault(slug(w), []).append((pos, ref))


def _lookup_person(index: dict[str, list[tuple[int, ActorRef]]], s: str) -> ActorRef | None:
    hits = index.get(s)
    if not hits:
        return None
    return hits[-1][1]  # the most recent full name (mentions are linked in text order)


def _select(cands: list[_Cand], n: int) -> list[_Cand]:
    """Greedy non-overlapping choice: higher priority, then longer, then earlier."""
    taken = bytearray(n)
    out = []
    for c in sorted(cands, key=lambda c: (-c.prio, -(c.end - c.start), c.start)):
        if any(taken[c.start:c.end]):
            continue
        taken[c.start:c.end] = b"\x01" * (c.end - c.start)
        out.append(c)
    return out


@Language.factory("accord_actors", default_config={"actors_files": []})
def make_actor_recognizer(nlp: Language, name: str, actors_files: list[str]) -> ActorRecognizer:
    """spaCy factory; ``actors_files`` are user gazetteer YAML files (``--actors``)."""
    return ActorRecognizer(nlp, actors_files)
