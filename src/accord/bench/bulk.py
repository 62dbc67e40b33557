"""Bulk-load synthetic records into a store, through the store schema.

Why: the benchmarks need a store of 10,000 documents (for incremental
``accord add``) and one of 1,000,000 events (for query latency). Running spaCy
on that many articles would take hours on a laptop and measure extraction,
not the store. So the records an extraction plus reconciliation *would* write
are generated from the synthetic corpus (:mod:`accord.bench.synth`: the
planted events are the extraction) and inserted with ``executemany`` in
chunks, one transaction per chunk, into the same tables a build writes:
``documents`` (marked extracted with the current extractor version and
reconciled), ``sentences`` (so full-text search has real text to index),
``mentions``, ``event_mentions``, ``events``, ``event_actors`` and
``entities``. Events are keyed by content (type, actors, date), so reprints
fold onto their original's events and raise ``independent_sources`` only for
independent articles.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, func, insert, select, update

from ..records import PLOVER_TABLE
from ..store import schema as S
from ..store.pairs import rebuild_pairs
from .synth import STATES, Generator, SynthArticle, SynthConfig

if TYPE_CHECKING:
    from ..store import Store

#: Intensity and CAMEO root per PLOVER type for the synthetic events: the types table.
INTENSITY = {t: float(row["intensity"]) for t, row in PLOVER_TABLE.items()}
CAMEO = {t: str(row["cameo"]) for t, row in PLOVER_TABLE.items()}
#: Marks a store filled by the benchmark, so a later run may clear it.
BENCH_MARK = "bench.synthetic"
_SENTENCE = re.compile(r"[^\n.]+(?:\.|$)", re.MULTILINE)


def entity_id(iso3: str) -> str:
    """The id reconciliation gives a state, so an add does not re-resolve the store."""
    return f"state-{iso3.upper()}"


@dataclass
class LoadStats:
    documents: int = 0
    sentences: int = 0
    mentions: int = 0
    event_mentions: int = 0
    events: int = 0
    seconds: float = 0.0
    extra: dict[str, Any] = field(default_factory=dict)


def is_bench_store(store: Store) -> bool:
    with store.connect() as conn:
        row = conn.execute(select(S.config.c.value).where(S.config.c.key == BENCH_MARK)).first()
    return row is not None


def document_count(store: Store) -> int:
    with store.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(S.documents)).scalar() or 0)


def clear(store: Store) -> None:
    """Empty every knowledge and record table (only for stores the bench filled)."""
    with store.begin() as conn:
        for table in (S.event_actors, S.event_pairs, S.events, S.event_mentions, S.mentions,
                      S.claim_mentions, S.sentences, S.claims, S.contradictions, S.entities,
                      S.documents):
            conn.execute(delete(table))


def _entities(conn: Any) -> None:
    conn.execute(insert(S.entities), [
        {"id": entity_id(iso3), "name": name, "type": "STATE", "iso3": iso3,
         "aliases": [capital, demonym], "keys": [f"state:{iso3}"],
         "mention_count": 0, "document_count": 0}
        for name, iso3, capital, demonym in STATES
    ])


def populate(
    store: Store,
    *,
    docs: int | None = None,
    events: int | None = None,
    seed: int = 11,
    chunk_docs: int = 1000,
    events_per_article: tuple[int, int] = (3, 6),
    with_mentions: bool = True,
    progress: Callable[[int, int], None] | None = None,
) -> LoadStats:
    """Insert synthetic documents until ``docs`` documents or ``events`` events exist.

    The store must be empty. Returns counts. ``progress(done, total)`` is
    called after each chunk.
    """
    import time

    from ..extract import EXTRACTOR_VERSION

    if docs is None and events is None:
        raise ValueError("give docs or events")
    t0 = time.perf_counter()
    gen = Generator(SynthConfig(seed=seed, events_per_article=events_per_article,
                                fillers_per_article=(1, 2), reprint_rate=0.05))
    stats = LoadStats()
    event_index: dict[str, int] = {}  # event id -> independent sources so far
    names = {s[1]: s[0] for s in STATES}
    stamp = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    ids_by_name: dict[str, str] = {}
    seen: set[str] = set()
    with store.begin() as conn:
        _entities(conn)
        conn.execute(delete(S.config).where(S.config.c.key == BENCH_MARK))
        conn.execute(insert(S.config).values(key=BENCH_MARK, value={"seed": seed}))
    i = 0
    target = docs if docs is not None else events
    while (docs is not None and stats.documents < docs) or \
            (events is not None and stats.events < (events or 0)):
        rows: dict[str, list[dict[str, Any]]] = {
            "documents": [], "sentences": [], "mentions": [], "event_mentions": [],
            "events": [], "event_actors": [],
        }
        source_bumps: dict[str, int] = {}
        for _ in range(chunk_docs):
            if docs is not None and stats.documents >= docs:
                break
            if events is not None and stats.events + len(rows["events"]) >= events:
                break
            art = gen.article(i)
            i += 1
            if art.id in seen:  # identical text: re-adding content is a no-op
                continue
            seen.add(art.id)
            _article_rows(art, rows, names, event_index, source_bumps, ids_by_name, stamp,
                          EXTRACTOR_VERSION, with_mentions)
            stats.documents += 1
        with store.begin() as conn:
            for name, table in (("documents", S.documents), ("sentences", S.sentences),
                                ("mentions", S.mentions), ("event_mentions", S.event_mentions),
                                ("events", S.events), ("event_actors", S.event_actors)):
                if rows[name]:
                    conn.execute(insert(table), rows[name])
            for ev_id, n in source_bumps.items():
                conn.execute(update(S.events).where(S.events.c.id == ev_id).values(
                    independent_sources=n))
        stats.sentences += len(rows["sentences"])
        stats.mentions += len(rows["mentions"])
        stats.event_mentions += len(rows["event_mentions"])
        stats.events += len(rows["events"])
        if progress:
            progress(stats.documents if docs is not None else stats.events, target or 0)
    stats.seconds = time.perf_counter() - t0
    return stats


def _article_rows(art: SynthArticle, rows: dict[str, list[dict[str, Any]]],
                  names: dict[str, str], event_index: dict[str, int],
                  source_bumps: dict[str, int], ids_by_name: dict[str, str], stamp: str,
                  version: str, with_mentions: bool) -> None:
    from ..reconcile.events import block_for
    from ..reconcile.ids import content_id

    doc_id = art.id
    ids_by_name[art.name] = doc_id
    text = art.text
    sents = [(m.start(), m.end()) for m in _SENTENCE.finditer(text) if m.group(0).strip()]
    rows["documents"].append({
        "id": doc_id, "source": f"synthetic://{art.name}", "format": "txt", "title": art.title,
        "author": None, "outlet": "Synthetic Wire", "published": art.published,
        "published_basis": "text", "original_text": text, "clean_text": text,
        "offset_map": [[0, 0, len(text), len(text)]], "words": art.words, "language": "en",
        "meta": {"synthetic": True}, "added_at": stamp, "extractor_version": version,
        "extract_stats": {"events": len(art.events)}, "reconciled_at": stamp,
        "copy_of": ids_by_name.get(art.copy_of) if art.copy_of else None,
        "copied_fraction": 1.0 if art.copy_of else None,
        "copy_kind": "full" if art.copy_of else None,
    })
    starts = [a for a, _ in sents]
    for idx, (a, b) in enumerate(sents):
        rows["sentences"].append({"document_id": doc_id, "idx": idx, "start": a, "end": b,
                                  "text": text[a:b].strip()})
    from bisect import bisect_right

    for ev in art.events:
        a = text.find(ev.sentence)
        b = a + len(ev.sentence)
        sidx = max(0, bisect_right(starts, a) - 1)
        src, tgt = f"state:{ev.source}", f"state:{ev.target}"
        if with_mentions:
            for key, iso3 in ((src, ev.source), (tgt, ev.target)):
                name = names[iso3]
                at = text.find(name, a, b)
                if at < 0:
                    continue
                rows["mentions"].append({
                    "document_id": doc_id, "sentence_idx": sidx, "start": at,
                    "end": at + len(name), "text": name, "key": key, "name": name,
                    "type": "STATE", "country_key": key, "iso3": iso3, "is_actor": True,
                    "entity_id": entity_id(iso3),
                })
        ev_id = content_id("evt", ev.type, ev.source, ev.target, ev.date, ev.modality)
        quantities = [] if ev.amount is None else [
            {"value": ev.amount, "unit": "USD", "qualifier": "exact", "text": None}]
        rows["event_mentions"].append({
            "document_id": doc_id, "sentence_idx": sidx, "start": a, "end": b,
            "text": ev.sentence, "trigger": ev.type.lower(), "type": ev.type,
            "cameo": CAMEO.get(ev.type), "intensity": INTENSITY.get(ev.type),
            "source_keys": [src], "target_keys": [tgt], "date_value": ev.date,
            "date_basis": "explicit", "date_text": ev.date, "location": None,
            "quantities": quantities, "modality": ev.modality, "attributed_keys": [],
            "confidence": 0.8, "event_id": ev_id,
        })
        if ev_id in event_index:
            if not art.copy_of:  # a reprint adds no independent source
                event_index[ev_id] += 1
                source_bumps[ev_id] = event_index[ev_id]
            continue
        event_index[ev_id] = 1
        rows["events"].append({
            "id": ev_id, "type": ev.type, "cameo": CAMEO.get(ev.type),
            "intensity": INTENSITY.get(ev.type), "source": [entity_id(ev.source)],
            "target": [entity_id(ev.target)], "date_value": ev.date, "date_basis": "explicit",
            "date_sort": ev.date, "location": None, "quantities": quantities,
            "modality": ev.modality, "attributed_to": [], "independent_sources": 1,
            "confidence": 0.5,
            # The key reconciliation computes, so an `add` meets these events.
            "block_key": block_for(ev.type, [entity_id(ev.source)], [entity_id(ev.target)],
                                   ev.date[:4]),
            "why": None,
        })
        for role, iso3 in (("source", ev.source), ("target", ev.target)):
            rows["event_actors"].append({"event_id": ev_id, "entity_id": entity_id(iso3),
                                         "role": role, "date_sort": ev.date})


def finish(store: Store, copy_index: bool = True, copy_relations: bool = False,
           reconciled: bool = False) -> None:
    """What a build would have written besides the records: entity counts, the
    copy-detection index; then refresh the planner's statistics.

    ``copy_relations`` also decides every document's ``copy_of`` as
    reconciliation does (:func:`accord.reconcile.copies.run`; minutes at 10,000
    documents): templated synthetic articles share sentences, and without it
    an ``add`` finds its neighbours' copy status changed and redoes their blocks.
    It then keeps each copy's sentence alignment, as a build's event step does.

    ``reconciled`` (with ``copy_relations``) runs the copy and event steps of
    reconciliation over the whole store instead (minutes more): the loader groups
    mentions into events by their planted content, which event coreference does
    not always do (it also merges reports of one type and pair dated days apart),
    and an ``add`` that meets such a block would rewrite the events coreference
    would have formed in the first place. A built store holds reconciliation's own
    events; so does this one then. (Its contradictions are not computed: an add
    computes those of what it touches either way, and the whole-store pass costs
    minutes more.)
    """
    with store.begin() as conn:
        for _name, iso3, *_ in STATES:
            eid = entity_id(iso3)
            n = conn.execute(select(func.count()).select_from(S.event_actors)
                             .where(S.event_actors.c.entity_id == eid)).scalar() or 0
            conn.execute(update(S.entities).where(S.entities.c.id == eid).values(
                mention_count=int(n)))
        # The copy-detection LSH band table that builds fill as they go.
        try:
            from ..reconcile.lshstore import LshIndex
            from ..reconcile.settings import load_thresholds
        except ImportError:  # reconciliation without a persistent index
            copy_index = False
        if copy_index:
            LshIndex(conn, load_thresholds()["copies"]).index_missing()
        # The pair index that reconcile maintains event by event, in one statement.
        rebuild_pairs(conn)
        from sqlalchemy import text

        if store.dialect != "postgresql":
            conn.execute(text("ANALYZE"))
    if copy_index and copy_relations and reconciled:
        from ..reconcile import reconcile

        # (The entities were written as reconciliation names them; claims: none.)
        reconcile(store, None, steps=("copies", "events"))
    elif copy_index and copy_relations:
        from ..reconcile import copies

        copies.run(store)
        # The sentence alignment of each copy with its source, which a build's
        # event step computes and keeps (an add reads it instead of aligning).
        copies.store_alignments(store)
    if store.dialect == "postgresql":
        # VACUUM (outside a transaction) also sets the visibility map, without
        # which PostgreSQL's index-only scans visit the table anyway. A store
        # that grew by builds gets the same from autovacuum; a bulk load is
        # measured right away.
        from sqlalchemy import text

        with store.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("VACUUM ANALYZE"))


__all__ = ["BENCH_MARK", "LoadStats", "clear", "entity_id", "finish", "is_bench_store",
           "populate"]
