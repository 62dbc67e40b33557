"""A small, fully known knowledge base for the outputs tests.

Documents go in through the real ``Store.put_document``/``put_extraction``;
the knowledge tables (entities, events, event_actors, claims, contradictions,
copy_of) are filled here the way reconciliation would fill them, so every
expected row, citation and number in the tests is known exactly. The text is
our own invented prose about the Poland - South Korea relationship.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import insert, update

from accord.ingest.offsets import OffsetMap
from accord.records import (
    ActorRef,
    EventRecord,
    Extraction,
    IngestedDocument,
    MentionRecord,
    QuantityRecord,
    SentenceRecord,
)
from accord.store import Store
from accord.store import schema as S
from accord.store.pairs import add_events

ENTITIES = {
    "state:POL": dict(name="Poland", type="STATE", iso3="POL", wikidata="Q36",
                      aliases=["Poland", "Polish", "Warsaw"]),
    "state:KOR": dict(name="South Korea", type="STATE", iso3="KOR", wikidata="Q884",
                      aliases=["South Korea", "South Korean", "Seoul", "Republic of Korea"]),
    "state:BLR": dict(name="Belarus", type="STATE", iso3="BLR", wikidata="Q184",
                      aliases=["Belarus", "Minsk", "Belarusian"]),
    "state:PRK": dict(name="North Korea", type="STATE", iso3="PRK", wikidata="Q423",
                      aliases=["North Korea", "Pyongyang"]),
    "state:RUS": dict(name="Russia", type="STATE", iso3="RUS", wikidata="Q159",
                      aliases=["Russia", "Moscow"]),
    "person:kosiniak-kamysz": dict(name="Wladyslaw Kosiniak-Kamysz", type="PERSON",
                                   country="state:POL", role="defence minister",
                                   aliases=["Kosiniak-Kamysz"]),
    "person:shin-won-sik": dict(name="Shin Won-sik", type="PERSON", country="state:KOR",
                                role="defence minister", aliases=["Shin"]),
    "org:abw": dict(name="Internal Security Agency", type="ORG", country="state:POL",
                    aliases=["ABW"]),
}

# name -> (source, published, sentences)
DOCS: dict[str, tuple[str, str | None, list[str]]] = {
    "visit": ("examples/seoul-visit.html", "2024-03-06", [
        "Polish Defence Minister Wladyslaw Kosiniak-Kamysz met South Korean Defence Minister "
        "Shin Won-sik in Seoul on Monday.",
        "The two ministers signed a $2.6 billion agreement for K2 tanks, officials said.",
        "The visit was the first by a Polish minister this year.",
    ]),
    "reprint": ("examples/seoul-visit-reprint.txt", "2024-03-08", [
        "Poland's defence minister met his South Korean counterpart in Seoul this week.",
        "The ministers signed a $6.2 billion agreement for K2 tanks, officials said.",
    ]),
    "independent": ("examples/independent-visit.txt", "2024-03-07", [
        "South Korea and Poland concluded a deal worth $2.6 billion for K2 tanks during the "
        "trip of the Polish minister to Seoul.",
    ]),
    "plot": ("examples/embassy-plot.md", "2023-11-20", [
        "The Internal Security Agency arrested four people in October over a plot to bomb the "
        "South Korean embassy in Warsaw.",
        "Polish officials accused Belarus of backing the plotters.",
        "Minsk denied any involvement.",
    ]),
    "accuses": ("examples/belarus-accuses.txt", "2023-12-02", [
        "Belarus accused Poland of provocations on the border.",
        "About 3,000 South Koreans live in Poland, according to the embassy.",
    ]),
    "paper": ("examples/think-tank-paper.txt", "2024-01", [
        "In 2022 Poland and South Korea agreed a framework deal worth $13.7 billion.",
        "Some 12,000 South Koreans live in Poland, the paper estimates.",
    ]),
    "north": ("examples/north-korea.txt", "2024-01-15", [
        "North Korea threatened South Korea and Poland over the arms deals.",
        "Russia denied that it moved troops to the Belarus border last year.",
    ]),
}

# (id, doc mentions [(doc, sentence, trigger)], type, source, target, date, basis, modality,
#  independent_sources, intensity, cameo, quantities)
EVENTS: list[dict[str, Any]] = [
    dict(id="ev-consult-2024", mentions=[("visit", 0, "met"), ("reprint", 0, "met")],
         type="CONSULT", source=["person:kosiniak-kamysz"], target=["person:shin-won-sik"],
         date="2024-03-04", basis="relative", modality="asserted", n=1, intensity=1.0,
         cameo="042"),
    dict(id="ev-agree-k2", mentions=[("visit", 1, "signed"), ("reprint", 1, "signed"),
                                     ("independent", 0, "concluded")],
         type="AGREE", source=["state:POL", "state:KOR"], target=["state:POL", "state:KOR"],
         date="2024-03-04", basis="relative", modality="reported", n=2, intensity=4.0,
         cameo="057", quantities=[dict(value=2.6e9, unit="USD", qualifier="exact",
                                       text="$2.6 billion")]),
    dict(id="ev-coerce-plot", mentions=[("plot", 0, "arrested")], type="COERCE",
         source=["org:abw"], target=[], date="2023-10", basis="explicit", modality="asserted",
         n=1, intensity=-7.0, cameo="173"),
    dict(id="ev-accuse-blr", mentions=[("plot", 1, "accused")], type="ACCUSE",
         source=["state:POL"], target=["state:BLR"], date="2023-11-20", basis="publication",
         modality="asserted", n=1, intensity=-2.0, cameo="112"),
    dict(id="ev-reject-blr", mentions=[("plot", 2, "denied")], type="REJECT",
         source=["state:BLR"], target=["state:POL"], date="2023-11-20", basis="publication",
         modality="asserted", n=1, intensity=-4.0, cameo="12"),
    dict(id="ev-accuse-pol", mentions=[("accuses", 0, "accused")], type="ACCUSE",
         source=["state:BLR"], target=["state:POL"], date="2023-12-02", basis="publication",
         modality="asserted", n=1, intensity=-2.0, cameo="112"),
    dict(id="ev-agree-2022", mentions=[("paper", 0, "agreed")], type="AGREE",
         source=["state:POL", "state:KOR"], target=["state:POL", "state:KOR"], date="2022",
         basis="explicit", modality="asserted", n=1, intensity=4.0, cameo="057",
         quantities=[dict(value=1.37e10, unit="USD", qualifier="exact", text="$13.7 billion")]),
    dict(id="ev-threaten", mentions=[("north", 0, "threatened")], type="THREATEN",
         source=["state:PRK"], target=["state:KOR", "state:POL"], date="2024-01-15",
         basis="publication", modality="asserted", n=1, intensity=-6.0, cameo="13"),
    dict(id="ev-mobilize-rus", mentions=[("north", 1, "moved")], type="MOBILIZE",
         source=["state:RUS"], target=[], date="2023", basis="relative", modality="denied",
         n=1, intensity=-7.2, cameo="15"),
]

CLAIMS = [
    dict(id="cl-koreans-3000", doc="accuses", sentence=1, subject="state:POL",
         property="south_korean_population", value=3000, unit="people", qualifier="about",
         value_text="About 3,000"),
    dict(id="cl-koreans-12000", doc="paper", sentence=1, subject="state:POL",
         property="south_korean_population", value=12000, unit="people", qualifier="about",
         value_text="Some 12,000"),
]


def pad(date: str | None) -> str | None:
    if not date:
        return None
    parts = date.split("-") + ["00", "00"]
    return "-".join(parts[:3])


def _doc_id(name: str) -> str:
    return f"doc{abs(hash(name)) % 10**8:08d}{name}"


def doc_ids() -> dict[str, str]:
    return {name: f"{i:02d}{name}".ljust(16, "0") for i, name in enumerate(DOCS)}


def _find_mentions(text: str, base: int, sidx: int) -> list[MentionRecord]:
    out = []
    taken: list[tuple[int, int]] = []
    names = sorted(((a, k) for k, e in ENTITIES.items() for a in {e["name"], *e["aliases"]}),
                   key=lambda x: -len(x[0]))
    for alias, key in names:
        pos = text.find(alias)
        while pos >= 0:
            end = pos + len(alias)
            if not any(a < end and pos < b for a, b in taken):
                taken.append((pos, end))
                e = ENTITIES[key]
                out.append(MentionRecord(
                    start=base + pos, end=base + end, text=alias, sentence_index=sidx,
                    actor=ActorRef(key=key, name=e["name"], type=e["type"],
                                   country=e.get("country"), role=e.get("role"),
                                   iso3=e.get("iso3"), wikidata=e.get("wikidata"))))
            pos = text.find(alias, end)
    return out


def build(path: Path) -> Store:
    store = Store(path)
    ids = doc_ids()
    spans: dict[tuple[str, int], tuple[int, int, str]] = {}
    for name, (source, published, sents) in DOCS.items():
        text = " ".join(sents)
        did = ids[name]
        doc = IngestedDocument(id=did, source=source, format=source.rsplit(".", 1)[1],
                               original=text, clean=text,
                               offset_map=OffsetMap.identity(len(text)).to_json(),
                               title=name.replace("-", " ").title(), published=published,
                               published_basis="text" if published else "none")
        store.put_document(doc)
        ex = Extraction(document_id=did, extractor_version="test")
        pos = 0
        for i, s in enumerate(sents):
            ex.sentences.append(SentenceRecord(index=i, start=pos, end=pos + len(s), text=s))
            spans[(name, i)] = (pos, pos + len(s), s)
            ex.mentions.extend(_find_mentions(s, pos, i))
            pos += len(s) + 1
        for ev in EVENTS:
            for dname, si, trig in ev["mentions"]:
                if dname != name:
                    continue
                a, b, s = spans[(name, si)]
                ex.events.append(EventRecord(
                    type=ev["type"], start=a, end=b, text=s, sentence_index=si, trigger=trig,
                    source=ev["source"], target=ev["target"], cameo=ev["cameo"],
                    intensity=ev["intensity"], date_value=ev["date"], date_basis=ev["basis"],
                    modality=ev["modality"],
                    quantities=[QuantityRecord(**q) for q in ev.get("quantities", [])]))
        store.put_extraction(ex)
    with store.begin() as conn:
        for key, e in ENTITIES.items():
            conn.execute(insert(S.entities).values(
                id=key, name=e["name"], type=e["type"], country=e.get("country"),
                role=e.get("role"), iso3=e.get("iso3"), wikidata=e.get("wikidata"),
                aliases=e["aliases"], keys=[key], mention_count=0, document_count=0))
            conn.execute(update(S.mentions).where(S.mentions.c.key == key).values(entity_id=key))
        for ev in EVENTS:
            row = dict(
                id=ev["id"], type=ev["type"], cameo=ev["cameo"], intensity=ev["intensity"],
                source=list(dict.fromkeys(ev["source"])),
                target=list(dict.fromkeys(ev["target"])), date_value=ev["date"],
                date_basis=ev["basis"], date_sort=pad(ev["date"]), location=None,
                quantities=ev.get("quantities", []), modality=ev["modality"], attributed_to=[],
                independent_sources=ev["n"], confidence=0.8)
            conn.execute(insert(S.events).values(**row))
            # event_actors and the pair tables, as reconcile writes them
            add_events(conn, [row], {ev["id"]: [ids[d] for d, _, _ in ev["mentions"]]})
            for dname, si, _ in ev["mentions"]:
                conn.execute(update(S.event_mentions).where(
                    (S.event_mentions.c.document_id == ids[dname])
                    & (S.event_mentions.c.sentence_idx == si)).values(event_id=ev["id"]))
        for c in CLAIMS:
            a, b, s = spans[(c["doc"], c["sentence"])]
            conn.execute(insert(S.claims).values(
                id=c["id"], subject=c["subject"], property=c["property"],
                value=json.dumps(c["value"]), unit=c["unit"], qualifier=c["qualifier"],
                modality="asserted"))
            conn.execute(insert(S.claim_mentions).values(
                document_id=ids[c["doc"]], sentence_idx=c["sentence"], start=a, end=b, text=s,
                subject_key=c["subject"], property=c["property"], value=json.dumps(c["value"]),
                value_text=c["value_text"], unit=c["unit"], qualifier=c["qualifier"],
                modality="asserted", claim_id=c["id"]))
        conn.execute(update(S.documents).where(S.documents.c.id == ids["reprint"]).values(
            copy_of=ids["visit"], copied_fraction=0.8, copy_kind="paraphrase"))
        conn.execute(insert(S.contradictions).values(
            id="ct-numeric-koreans", kind="numeric", items=["cl-koreans-3000", "cl-koreans-12000"],
            documents=[ids["accuses"], ids["paper"]],
            explanation="South Korean population of Poland: about 3,000 vs some 12,000"))
        conn.execute(insert(S.contradictions).values(
            id="ct-copy-k2", kind="copy_alteration", items=["ev-agree-k2"],
            documents=[ids["visit"], ids["reprint"]],
            explanation="The reprint changes the amount from $2.6 billion to $6.2 billion"))
    return store


@pytest.fixture(scope="session")
def mini_store(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    store = build(tmp_path_factory.mktemp("minikb") / "mini.db")
    yield store
    store.close()


@pytest.fixture(scope="session")
def mini_ids() -> dict[str, str]:
    return doc_ids()
