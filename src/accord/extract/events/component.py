"""The ``accord_events`` spaCy component: events, claims, dates, quantities, modality.

Runs after ``accord_actors`` and reads its ``doc.spans["actors"]``. Per
document it does one pass over the date entities and the amounts (regular
expressions over the text, no extra spaCy pass), then codes each sentence
that contains a lexicon trigger; sentences without one are skipped after a
set lookup per token, which keeps the component cheap next to the parser.

Sets ``doc._.events`` (EventRecords), ``doc._.claims`` (ClaimRecords),
``doc._.dates`` (the date expressions as dicts) and build stats in
``doc.user_data["accord_stats"]``: ``long_sentences_skipped``,
``non_english_sentences``, ``unparsed_sentences`` (tables, lists),
``event_sentences``.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ...records import PLOVER_TABLE, EventRecord
from . import constructions
from .args import ActorIndex
from .claims import find_claims
from .coder import Candidate, Coder
from .lemmas import LemmaFallback
from .lexicon import load_lexicon, user_paths
from .modality import Modality, ModalityReader
from .quantities import Amount, find_amounts
from .time import DateExpr, find_dates, governed_date
from .time import config as time_config

for _name in ("published", "doc_id", "events", "claims", "dates"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)
if not Span.has_extension("actor"):
    Span.set_extension("actor", default=None)

#: Sentences longer than this many characters are not coded (tables, run-ons).
MAX_SENTENCE_CHARS = 2000
_NON_LATIN = re.compile(r"[^\x00-\u024F\u2000-\u206F\u20A0-\u20CF]")


@Language.factory(
    "accord_events",
    default_config={"lexicon_paths": [], "max_sentence_chars": MAX_SENTENCE_CHARS},
)
def make_events(nlp: Language, name: str, lexicon_paths: list[str],
                max_sentence_chars: int) -> EventCoder:
    return EventCoder(nlp, tuple(lexicon_paths), max_sentence_chars)


class EventCoder:
    def __init__(self, nlp: Language, lexicon_paths: tuple[str, ...] = (),
                 max_sentence_chars: int = MAX_SENTENCE_CHARS):
        self.lexicon_paths = lexicon_paths
        self.max_chars = max_sentence_chars
        self.stop_words = nlp.Defaults.stop_words
        self.lemmas = LemmaFallback(nlp)
        load_lexicon(user_paths(lexicon_paths))  # fail early on a bad user lexicon

    def __call__(self, doc: Doc) -> Doc:
        lex = load_lexicon(user_paths(self.lexicon_paths))
        self.lemmas(doc)
        stats: dict[str, Any] = doc.user_data.setdefault("accord_stats", {})
        for k in ("long_sentences_skipped", "non_english_sentences", "unparsed_sentences",
                  "event_sentences"):
            stats.setdefault(k, 0)
        actors = ActorIndex(doc)
        coder = Coder(lex, actors)
        reader = ModalityReader(lex.modality, actors)
        sents = list(doc.sents)
        sent_of = [0] * len(doc)
        for i, s in enumerate(sents):
            for j in range(s.start, s.end):
                sent_of[j] = i
        tok = _TokenArrays(doc)
        future = {tok.head[i] for i in range(len(doc))
                  if tok.dep[i] == "aux" and tok.lower[i] in ("will", "shall")}
        full_text = doc.text
        dates = find_dates(doc, sent_of, doc._.published, future, full_text)
        by_gov: dict[int, list[DateExpr]] = {}
        for d in dates:
            if d.governor is not None:
                by_gov.setdefault(d.governor, []).append(d)
        people_keys = {i for i, sp in actors.by_token.items()
                       if sp._.actor is not None and sp._.actor.type in ("STATE", "GROUP")}
        amounts = find_amounts(doc, [(d.start, d.end) for d in dates], people_keys, full_text)
        amounts_by_sent: dict[int, list[Amount]] = {}
        for am in amounts:
            amounts_by_sent.setdefault(sent_of[am.token], []).append(am)
        dates_by_sent: dict[int, list[DateExpr]] = {}
        for d in dates:
            dates_by_sent.setdefault(d.sentence, []).append(d)

        report_stop = frozenset(lex.modality.get("reporting_verbs") or ())
        demand_modals = frozenset(lex.modality.get("demand_modals") or ())
        triggers = coder.trigger_words | demand_modals
        all_cands: list[Candidate] = []
        events: list[EventRecord] = []
        claims = []
        prev_sent_date: dict[int, DateExpr] = {}
        for i, sent in enumerate(sents):
            if len(sent.text) > self.max_chars:
                stats["long_sentences_skipped"] += 1
                continue
            if self._non_english(sent, tok):
                stats["non_english_sentences"] += 1
                continue
            if self._unparsed(sent, tok):
                stats["unparsed_sentences"] += 1
                continue
            sent_amounts = amounts_by_sent.get(i, [])

            def mod_of(tok: Token, _sent: Span = sent) -> tuple[str, list[str]]:
                m = reader.read(tok, _sent)
                return m.value, m.attributed_to

            if sent_amounts:
                claims += find_claims(sent, i, sent_amounts, actors, mod_of)
            span_lemmas = tok.lemma[sent.start:sent.end]
            denial = any(lem in reader.denial for lem in span_lemmas)
            span_lower = tok.lower[sent.start:sent.end]
            if not denial and not any(lem in triggers or low in triggers for lem, low in
                                      zip(span_lemmas, span_lower, strict=True)):
                self._remember_date(i, [], {}, dates_by_sent, prev_sent_date)
                continue
            cands = coder.triggers(sent, i)
            if not cands and not denial and not any(low in demand_modals for low in span_lower):
                continue
            for c in cands:
                coder.arguments(c)
            coder.accusation_content(cands)
            constructions.subordinate(coder, cands)
            constructions.threats(coder, sent, cands, reader)
            constructions.refusals(coder, sent, cands, reader)
            constructions.commitments(coder, cands)
            constructions.analysis(coder, sent, cands)
            constructions.actorless_subjects(coder, cands)
            constructions.speech_only(coder, sent, cands, reader)
            constructions.efforts(coder, cands)
            constructions.disasters(coder, cands)
            constructions.casualties_of_acts(cands)
            constructions.event_subjects(cands)
            constructions.responsibility(coder, sent, cands)
            constructions.blamed(coder, cands, reader)
            if any(low in demand_modals for low in span_lower):
                cands += constructions.demands(coder, sent, i, cands, reader, Candidate)
            for c in cands:
                coder.inherit_noun_source(c, report_stop | reader.denial)
                coder.group_reference(c, all_cands)
                if c.type == "REJECT" and not c.target:
                    self._rejected_accuser(c, all_cands, actors, reader)
            for c in cands:
                if not c.source and _we_subject(c.trigger):
                    # "We recognize X," the Israeli ambassador said: "we" is the speaker's side
                    m = reader.read(c.trigger, sent)
                    if m.value == "reported":
                        c.source = [actors.country.get(k) or k for k in m.attributed_to
                                    if k.startswith("state:") or actors.country.get(k)][:1]
            coder.domestic_targets(cands)
            kept = [c for c in cands if self._keep(c, sent_amounts, coder)]
            constructions.restatements(coder, kept)  # among the events that stay
            for c in kept:
                if c.entry.symmetric and c.kind == "noun" and len(set(c.source + c.target)) < 2:
                    self._topic_dyad(c, actors)
            records: dict[int, EventRecord] = {}
            for c in kept:
                rec = self._record(c, sent, i, reader, by_gov, dates_by_sent, report_stop,
                                   prev_sent_date, doc)
                records[id(c)] = rec
            self._quantities(kept, records, sent_amounts, doc)
            for c in kept:
                records[id(c)].location = self._location(c, doc, actors)
            for c in kept:  # "met X in Valletta and signed": the conjunct shares the place
                h = c.trigger.head
                if records[id(c)].location is None and c.trigger.dep_ == "conj":
                    for o in kept:
                        if o.trigger.i == h.i and records[id(o)].location:
                            records[id(c)].location = records[id(o)].location
            denial_records = self._denials(sent, i, kept, records, all_cands, reader, actors,
                                           doc)
            all_cands += kept
            for c in kept:
                c_rec = records[id(c)]
                c.record = c_rec
                if not c.hidden:
                    events.append(c_rec)
            events += denial_records
            if any(not c.hidden for c in kept):
                stats["event_sentences"] += 1
            self._remember_date(i, kept, records, dates_by_sent, prev_sent_date)
        doc._.events = events
        doc._.claims = claims
        doc._.dates = [{"start": d.start, "end": d.end, "text": d.text, "value": d.value,
                        "basis": d.basis, "sentence": d.sentence} for d in dates]
        return doc

    # -- sentence filters ----------------------------------------------------------------
    def _non_english(self, sent: Span, tok: _TokenArrays) -> bool:
        words = [w for w, a in zip(tok.lower[sent.start:sent.end],
                                   tok.alpha[sent.start:sent.end], strict=True) if a]
        if len(words) < 6:
            return False
        text = sent.text
        if len(_NON_LATIN.findall(text)) > 0.3 * len(text):
            return True
        stops = sum(1 for w in words if w in self.stop_words)
        # 12+ words: a short English news sentence may have no function word at all
        # ("Ukrainian officials said Russian forces shelled Kherson overnight")
        return len(words) >= 12 and stops / len(words) < 0.08

    def _unparsed(self, sent: Span, tok: _TokenArrays) -> bool:
        """Tables and lists run together: many separators, no finite verb."""
        text = sent.text
        if text.count("|") >= 3 or text.count("\t") >= 3:
            return True
        if len(sent) > 40 and not any(t in ("VBD", "VBZ", "VBP", "MD")
                                      for t in tok.tag[sent.start:sent.end]):
            return True
        return False

    # -- filters and records ---------------------------------------------------------------
    def _keep(self, c: Candidate, amounts: list[Amount], coder: Coder) -> bool:
        if c.hidden:
            return True
        if c.type == "PROTEST" and c.kind != "noun" and c.entry.layer == "hand":
            return True  # "Protesters gathered", "workers went on strike": whoever they are
        if c.entry.layer != "hand" and c.target and set(c.target) <= set(c.source) and (
                not c.entry.symmetric or len(set(c.source)) < 2) and not (
                    c.home or c.domestic_patient):  # a domestic act is kept ("X rallied in Y")
            return False  # "Iran tried to expand its influence": an act on oneself
        if c.entry.layer == "default":  # a CAMEO verb's default code: only with a dyad
            return bool(c.source and c.target)
        if c.entry.layer == "pattern" and not c.target:  # see `one_sided` in types.yaml
            row = PLOVER_TABLE[c.type]
            return bool(c.source) and bool(row.get("one_sided") or c.entry.mode in (
                row.get("one_sided_modes") or ()))
        if c.source or c.target:
            return True
        if c.kind == "light" and c.entry.subject_noun:
            return True  # "a car bomb exploded outside the station": the act is stated
        if c.kind in ("verb", "light") and c.entry.layer == "hand" and any(
                s.dep_ == "nsubj" and s.lemma_.lower() in coder.tables.agent_nouns
                for s in c.trigger.children):
            return True  # "troops raided a militant base": a generic agent acted
        if c.kind != "noun":  # "Agents arrested four people": no actor, but a count
            sub = {t.i for t in c.trigger.subtree}
            return any(a.token in sub and (a.kind == "money" or a.record.unit == "people")
                       for a in amounts) and c.type not in ("CONSULT",)
        if c.kind != "verb" and c.entry.quantity_ok:
            sub = {t.i for t in c.trigger.subtree} | {t.i for t in c.trigger.head.subtree
                                                     if c.trigger.dep_ in ("dobj", "nsubj")}
            return any(a.kind == "money" and a.token in sub for a in amounts)
        return False

    def _record(self, c: Candidate, sent: Span, i: int, reader: ModalityReader,
                by_gov: dict[int, list[DateExpr]], dates_by_sent: dict[int, list[DateExpr]],
                report_stop: frozenset[str], prev_sent_date: dict[int, DateExpr],
                doc: Doc) -> EventRecord:
        mod: Modality = reader.read(c.trigger, sent, planned_entry=c.entry.planned)
        if c.modality is not None:  # set by a construction (a demand, a threat)
            mod = Modality(c.modality[0], list(c.modality[1]))
        elif mod.value == "reported" and c.kind != "noun" and reader.is_speech_act(
                c.type, c.trigger.lemma_.lower()) and reader.own_voice(c.source, mod.attributed_to):
            mod.value = "asserted"  # "X pledged ..., X's minister said": the saying is the act
        if c.kind == "light" and c.noun is not None and c.noun.i != c.trigger.i:
            noun_mod = reader.read(c.noun, sent, own_verb=c.trigger.i)
            if noun_mod.value in ("alleged", "hypothetical", "planned", "negated") and \
                    mod.value in ("asserted", "reported"):
                mod.value = noun_mod.value
        date = None
        for a in sorted(c.anchors):
            date = governed_date(doc[a], by_gov, report_stop)
            if date is not None:
                break
        sent_dates = dates_by_sent.get(i, [])
        if date is None and len(sent_dates) == 1 and self._loose_date(sent_dates[0], c, doc):
            date = sent_dates[0]
        value, basis, dtext = (date.value, date.basis, date.text) if date else (None, "none", None)
        if date is None:
            value, basis, dtext = self._default_date(c, i, prev_sent_date, doc)
        conf = 0.85 if (c.source and c.target) else 0.65
        if c.kind == "noun":
            conf -= 0.1
        return EventRecord(
            type=c.type, start=sent.start_char, end=sent.start_char + len(sent.text.rstrip()),
            text=sent.text.strip(), sentence_index=i, trigger=c.trigger_text,
            source=list(c.source), target=list(c.target), cameo=c.entry.cameo or None,
            intensity=c.entry.intensity, date_value=value, date_basis=basis, date_text=dtext,
            date_granularity=date.granularity if date is not None and value else None,
            modality=mod.value, attributed_to=list(mod.attributed_to),
            confidence=round(conf, 2),
        )

    @staticmethod
    def _loose_date(d: DateExpr, c: Candidate, doc: Doc) -> bool:
        """May the sentence's only date be used although syntax does not tie it to the event?

        Only when the parser hung it on a noun or nothing (a parse slip); a date
        that modifies another verb ("since he took office in December") belongs
        to that verb, not to this event.
        """
        if d.governor is None:
            return True
        g = doc[d.governor]
        if g.pos_ not in ("VERB", "AUX"):
            return True
        # A participle completing the event's clause ("left 18 dead and 60 injured on 25
        # May") or a clause of the same moment ("were killed when a bomb exploded on
        # Saturday") shares the event's time; an infinitive does not ("threatened to close
        # the border on Friday" is a later act).
        while g.head.i != g.i and ((g.dep_ in ("xcomp", "oprd") and g.tag_ in ("VBN", "JJ")) or (
                g.dep_ == "advcl" and any(
                w.lower_ in ("when", "as", "while") and w.dep_ in ("advmod", "mark")
                for w in g.children))):
            g = g.head
        if g.i == c.trigger.i or g.i in {a.i for a in c.trigger.ancestors}:
            return True
        return EventCoder._dependent_date(d, g, c, doc)

    @staticmethod
    def _dependent_date(d: DateExpr, g: Token, c: Candidate, doc: Doc) -> bool:
        """A past date at the end of an infinitive or of the object's relative clause.

        News puts the main event's day last: "X allowed inspectors to return to the
        site on Saturday", "freed the hostages it had held on Monday" date the
        allowing and the freeing when the main verb has no date of its own. A date
        read as ahead of publication ("threatened to close the border on Friday")
        stays with the later act; so does one in a simple-past relative clause ("freed
        the sailors who were seized on Monday": the seizing), while a pluperfect one
        is background to the news.
        """
        pub = doc._.published
        if c.kind == "noun" or d.value is None or d.point is None or d.point.gran != "day" or (
                pub and d.value[:len(pub)] > pub[:len(d.value)]):
            return False  # a year or a month ("urged it to hold elections in 2019") is the act's
        if c.trigger.tag_ not in ("VBD", "VBN"):
            return False
        t = g
        for _ in range(4):
            if t.tag_ == "VB" and (t.dep_ == "xcomp" or t.dep_ == "ccomp" and any(
                    w.dep_ == "aux" and w.lower_ == "to" for w in t.children)):
                t = t.head
            elif t.dep_ == "relcl" and t.head.dep_ == "dobj" and t.tag_ == "VBN" and any(
                    w.dep_ == "aux" and w.lower_ in ("had", "'d") for w in t.children):
                # pluperfect: background to the news ("who were seized on Monday" keeps it)
                t = t.head.head
            else:
                break
            if t.i == c.trigger.i:
                return True
        return False

    def _default_date(self, c: Candidate, i: int, prev_sent_date: dict[int, DateExpr],
                      doc: Doc) -> tuple[str | None, str, str | None]:
        """No date governs the event: see ``default_publication`` in data/time.yaml.

        Present-tense statements are dated by publication; a past-tense event
        right after a dated sentence of the same paragraph continues that
        narrative and takes its date (basis of that date); otherwise none.
        """
        tense = _tense(c.trigger)
        tenses = set(time_config().get("default_publication_tenses") or ())
        if tense in tenses and doc._.published:
            return doc._.published, "publication", None
        prev = prev_sent_date.get(i - 1)
        if prev is not None and tense == "past" and not _subordinate_time(c.trigger):
            return prev.value, prev.basis, prev.text
        return None, "none", None

    def _remember_date(self, i: int, kept: list[Candidate], records: dict[int, EventRecord],
                       dates_by_sent: dict[int, list[DateExpr]],
                       prev_sent_date: dict[int, DateExpr]) -> None:
        ds = [d for d in dates_by_sent.get(i, []) if d.value]
        used = [d for d in ds if any(records[id(c)].date_text == d.text for c in kept)]
        if used:
            prev_sent_date[i] = used[-1]
        elif len(ds) == 1:  # "Last year tested the relationship."
            prev_sent_date[i] = ds[0]

    def _quantities(self, kept: list[Candidate], records: dict[int, EventRecord],
                    amounts: list[Amount], doc: Doc) -> None:
        """Each amount goes to the event whose trigger governs it; money also to the deal."""
        anchor_of: dict[int, Candidate] = {}
        for c in kept:
            for a in c.anchors:
                anchor_of.setdefault(a, c)
        for am in amounts:
            tok = doc[am.token]
            first: Candidate | None = None
            for step, t in enumerate([tok, *tok.ancestors]):
                if step > 10:
                    break
                c = anchor_of.get(t.i)
                if c is None and t.pos_ == "VERB" and first is None:
                    # "a missile strike left 18 dead": the event noun is the clause's subject
                    c = next((anchor_of[s.i] for s in t.children
                              if s.dep_ == "nsubj" and s.i in anchor_of), None)
                if c is None:
                    if t.pos_ == "VERB" and (first is not None or am.kind != "money"):
                        break  # an amount belongs to the event of its own clause
                    continue
                if first is None:
                    first = c
                    records[id(c)].quantities.append(replace(am.record))
                    if am.kind != "money" or c.type == "AGREE":
                        break
                elif c.type == "AGREE":
                    records[id(c)].quantities.append(replace(am.record))
                    break

    def _location(self, c: Candidate, doc: Doc, actors: ActorIndex) -> str | None:
        """Where: "in Warsaw", "at the embassy in Baku" on the trigger or its object."""
        heads = [doc[a] for a in sorted(c.anchors)]
        for h in list(heads):
            heads += [ch for ch in h.children if ch.dep_ in ("dobj", "nsubjpass", "pobj")]
        for h in heads:
            for ch in h.children:
                if ch.dep_ != "prep" or ch.lower_ not in ("in", "at", "near", "outside"):
                    continue
                for p in ch.children:
                    if p.dep_ != "pobj" or p.ent_type_ in ("DATE", "TIME"):
                        continue
                    ref = actors.ref(p)
                    if ref is not None and (not ref.is_actor or ref.type in ("STATE",
                                                                              "LOCATION")):
                        return ref.key
                    if p.ent_type_ in ("GPE", "LOC", "FAC"):
                        ent = [e for e in doc.ents if e.start <= p.i < e.end]
                        return ent[0].text if ent else p.text
        return None

    @staticmethod
    def _topic_dyad(c: Candidate, actors: ActorIndex) -> None:
        """ "The 2022 framework agreement worth $13.7 billion": between whom?

        A deal noun with an amount but fewer than two parties takes the two states
        the document is about (each mentioned at least three times, together most
        of all state mentions); otherwise it stays as it is.
        """
        counts: dict[str, int] = {}
        for sp in actors.spans:
            ref = sp._.actor
            if ref is None:
                continue
            key = ref.key if ref.type == "STATE" else ref.country if ref.country else None
            if key and key.startswith("state:"):
                counts[key] = counts.get(key, 0) + 1
        top = sorted(counts.items(), key=lambda kv: -kv[1])[:2]
        total = sum(counts.values())
        if len(top) == 2 and top[1][1] >= 3 and top[0][1] + top[1][1] >= 0.6 * total:
            parts = [k for k, _ in top]
            known = set(actors.states_of(c.source + c.target))
            if known and not known & set(parts):
                return
            c.source, c.target = list(parts), list(parts)

    @staticmethod
    def _rejected_accuser(c: Candidate, previous: list[Candidate], actors: ActorIndex,
                          reader: ModalityReader) -> None:
        """ "X rejected the accusation": the target is whoever accused X just before."""
        objs = [ch for ch in c.trigger.children if ch.dep_ == "dobj"]
        if c.noun is not None:
            objs.append(c.noun)
        if not any(o.lemma_.lower() in reader.denial_objects or o.lower_ in
                   reader.denial_objects for o in objs):
            return
        mine = actors.states_of(c.source)
        for p in reversed(previous):
            if p.sentence < c.sentence - 3:
                break
            if p.type == "ACCUSE" and actors.states_of(p.target) & mine:
                c.target = [k for k in p.source if k not in c.source]
                return

    # -- denials ----------------------------------------------------------------------------
    def _denials(self, sent: Span, i: int, kept: list[Candidate],
                 records: dict[int, EventRecord], previous: list[Candidate],
                 reader: ModalityReader, actors: ActorIndex, doc: Doc) -> list[EventRecord]:
        """ "X denied reports that it moved troops" / "Minsk denied any involvement"."""
        out: list[EventRecord] = []
        for tok in sent:
            if tok.lemma_.lower() not in reader.denial or tok.pos_ != "VERB":
                continue
            denier: list[str] = []
            for ch in tok.children:
                if ch.dep_ in ("nsubj",):
                    denier = actors.phrase(ch)
            if not denier and tok.dep_ == "relcl":
                for ch in tok.children:
                    if ch.dep_ == "nsubj":
                        denier = actors.phrase(ch)
            if not denier:
                continue
            scope: set[int] = set()
            objects = []
            for ch in tok.children:
                if ch.dep_ in ("dobj", "ccomp", "xcomp") and ch.i > tok.i:
                    scope.update(t.i for t in ch.subtree)
                    objects.append(ch)
            inside = [c for c in kept if c.trigger.i in scope and not c.hidden]
            if inside:
                for c in inside:
                    rec = records[id(c)]
                    rec.modality = "denied"
                    rec.attributed_to = list(denier)
                continue
            obj_words = {o.lemma_.lower() for o in objects} | {o.lower_ for o in objects}
            back_ok = not objects or obj_words & reader.denial_objects
            if tok.dep_ == "relcl" and tok.head.lemma_.lower() in reader.denial_objects:
                back_ok = True
            if not back_ok:
                continue
            accusation = bool(obj_words & {"accusation", "accusations", "allegation",
                                           "allegations", "charge", "charges", "involvement"})
            target = self._denied_event(denier, i, previous + [c for c in kept if
                                                              c.trigger.i < tok.i], actors,
                                        accusation)
            if target is None:
                continue
            if any(c is target for c in kept) and not target.hidden:
                # "X shelled Y, Z said, a claim X denied": the sentence's own event is
                # denied, not told twice
                rec = records[id(target)]
                rec.modality, rec.attributed_to = "denied", list(denier)
                continue
            base: EventRecord = target.record or records[id(target)]
            obj_text = " ".join(o.text for o in objects)
            out.append(replace(
                base, start=sent.start_char, end=sent.start_char + len(sent.text.rstrip()),
                text=sent.text.strip(), sentence_index=i,
                trigger=f"{tok.text} {obj_text}".strip() if objects else tok.text,
                quantities=[replace(q) for q in base.quantities],
                modality="denied", attributed_to=list(denier), confidence=0.6,
            ))
        return out

    def _denied_event(self, denier: list[str], i: int, previous: list[Candidate],
                      actors: ActorIndex, accusation: bool = False) -> Candidate | None:
        """The earlier event a bare denial refers to (within three sentences).

        The nearest sentence wins; inside a sentence, what the denier was accused
        of comes first, then an event the denier did, then a reported, alleged or
        planned event the denier took part in. ``accusation`` (the object was
        "the accusation", "the charge") looks for accusations first in all sentences.
        """
        mine = actors.states_of(denier)

        def accused(c: Candidate) -> Candidate | None:
            if c.type == "ACCUSE" and actors.states_of(c.target) & mine and c.content:
                return c.content[-1]
            return None

        def did(c: Candidate) -> Candidate | None:
            if not c.hidden and c.type != "ACCUSE" and actors.states_of(c.source) & mine:
                return c
            return None

        def part(c: Candidate) -> Candidate | None:
            rec = c.record
            if not c.hidden and c.type != "ACCUSE" and actors.states_of(c.target) & mine \
                    and rec is not None and rec.modality in ("reported", "alleged",
                                                             "hypothetical", "planned"):
                return c
            return None

        recent = [c for c in previous if i - 3 <= c.sentence <= i]
        if accusation:
            for c in reversed(recent):
                if (got := accused(c)) is not None:
                    return got
        for k in range(i, i - 4, -1):
            in_sent = [c for c in recent if c.sentence == k]
            for rule in (accused, did, part):
                for c in reversed(in_sent):
                    if (got := rule(c)) is not None:
                        return got
        return None


def _tense(tok: Token) -> str | None:
    """Tense of the finite verb governing ``tok``: past | VBP/VBZ | present_perfect | future."""
    v = tok
    for _ in range(8):
        if v.pos_ in ("VERB", "AUX"):
            auxes = [a for a in v.children if a.dep_ in ("aux", "auxpass")]
            if any(a.tag_ == "MD" for a in auxes):
                return "future" if any(a.lower_ in ("will", "shall") for a in auxes) else None
            if any(a.lemma_ == "have" and a.tag_ in ("VBZ", "VBP") for a in auxes):
                return "present_perfect"
            if any(a.tag_ == "VBD" for a in auxes) or v.tag_ == "VBD":
                return "past"
            if any(a.tag_ in ("VBZ", "VBP") for a in auxes) or v.tag_ in ("VBZ", "VBP"):
                return v.tag_ if v.tag_ in ("VBZ", "VBP") else "VBZ"
        if v.head.i == v.i:
            return None
        v = v.head
    return None


_TIME_MARKS = {"since", "before", "after", "until", "till", "once", "when", "while"}


def _subordinate_time(tok: Token) -> bool:
    """Is ``tok`` inside a "since X signed" / "after Y left" clause (its own time frame)?"""
    for t in [tok, *tok.ancestors]:
        if any(c.dep_ == "mark" and c.lower_ in _TIME_MARKS for c in t.children):
            return True
        if t.dep_ in ("advcl", "pcomp") and t.head.lower_ in _TIME_MARKS:
            return True
    return False


class _TokenArrays:
    """Per-token strings read once from the Doc's arrays (Token objects are costly)."""

    def __init__(self, doc: Doc):
        from spacy.attrs import DEP, HEAD, IS_ALPHA, LEMMA, LOWER, TAG

        arr = doc.to_array([LOWER, LEMMA, TAG, DEP, HEAD, IS_ALPHA])
        strings = doc.vocab.strings
        self.lower = [strings[int(x)] for x in arr[:, 0]]
        self.lemma = [strings[int(x)].lower() for x in arr[:, 1]]
        self.tag = [strings[int(x)] for x in arr[:, 2]]
        self.dep = [strings[int(x)] for x in arr[:, 3]]
        # HEAD is stored relative to the token
        self.head = [i + int(x) for i, x in enumerate(arr[:, 4].astype("int64"))]
        self.alpha = [bool(x) for x in arr[:, 5]]


def _we_subject(tok: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in ("we", "our")
               for c in tok.children)
