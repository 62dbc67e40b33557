"""Event coreference scored with the field's metrics: MUC, B-cubed and CEAF-e.

A coreference gold file (JSON) names a corpus and its real events, each with its
mentions as (document file name, a distinctive part of the sentence, PLOVER type)
and the number of independent sources an analyst counts for it::

    {"corpus": "coref_cluster",            # folder, relative to the gold file
     "events": [{"id": "drone-deal", "independent_sources": 6,
                 "mentions": [{"document": "a01.md", "sentence": "Kenya signed a",
                               "type": "AGREE"}, ...]}, ...]}

Each gold mention is looked up in a store: the event mention of that type (else of
a compatible type) in the sentence of that document that contains the text. The
metrics compare the gold events with the store's events over the gold mentions
(a gold mention the store has no event mention for is a singleton of its own), as
is usual for scoring coreference on gold mentions. For each gold event the report
also gives the store event holding most of its mentions, with its independent
source count, so "one real event, one record, N sources" can be checked directly.
"""

from __future__ import annotations

import json
import re
import tempfile
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import select

from ..errors import ConfigError

Clusters = Sequence[set[Any]]


class CorefGoldError(ConfigError):
    """A coreference gold file that cannot be read or breaks the format."""


# -- metrics ---------------------------------------------------------------------
def _f1(p: float, r: float) -> float:
    return 0.0 if p + r == 0 else 2 * p * r / (p + r)


def _prf(p: float, r: float) -> dict[str, float]:
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(_f1(p, r), 4)}


def _muc_side(key: Clusters, response: Clusters) -> float:
    where = {m: i for i, c in enumerate(response) for m in c}
    num = den = 0
    for k in key:
        parts = {where.get(m, ("alone", m)) for m in k}
        num += len(k) - len(parts)
        den += len(k) - 1
    return num / den if den else 1.0


def muc(key: Clusters, response: Clusters) -> dict[str, float]:
    """Vilain et al. (1995): links kept, over the links needed."""
    return _prf(_muc_side(response, key), _muc_side(key, response))


def b_cubed(key: Clusters, response: Clusters) -> dict[str, float]:
    """Bagga and Baldwin (1998): per mention, the overlap of its two clusters."""
    kof = {m: c for c in key for m in c}
    rof = {m: c for c in response for m in c}
    mentions = list(kof)
    if not mentions:
        return _prf(0.0, 0.0)
    p = r = 0.0
    for m in mentions:
        k, res = kof[m], rof.get(m, {m})
        inter = len(k & res)
        p += inter / len(res)
        r += inter / len(k)
    return _prf(p / len(mentions), r / len(mentions))


def ceaf_e(key: Clusters, response: Clusters) -> dict[str, float]:
    """Luo (2005), entity-based: the best one-to-one alignment of clusters, each pair
    weighted by 2|K & R| / (|K| + |R|)."""
    import networkx as nx

    if not key or not response:
        return _prf(0.0, 0.0)
    g = nx.Graph()
    for i, k in enumerate(key):
        for j, res in enumerate(response):
            inter = len(k & res)
            if inter:
                g.add_edge(("k", i), ("r", j), weight=2 * inter / (len(k) + len(res)))
    matching = nx.max_weight_matching(g)
    total = sum(g[a][b]["weight"] for a, b in matching)
    return _prf(total / len(response), total / len(key))


# -- gold ------------------------------------------------------------------------
def load_coref_gold(path: str | Path) -> dict[str, Any]:
    p = Path(path)
    try:
        gold = json.loads(p.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CorefGoldError(f"{p}: cannot read coreference gold ({exc})") from exc
    events = gold.get("events") if isinstance(gold, dict) else None
    if not isinstance(events, list) or not events:
        raise CorefGoldError(f"{p}: a coreference gold needs a non-empty 'events' list")
    seen: set[str] = set()
    for i, ev in enumerate(events):
        if not isinstance(ev, dict) or not ev.get("id") or not ev.get("mentions"):
            raise CorefGoldError(f"{p}: event {i + 1} needs an 'id' and 'mentions'")
        if ev["id"] in seen:
            raise CorefGoldError(f"{p}: event id {ev['id']!r} is used twice")
        seen.add(ev["id"])
        for m in ev["mentions"]:
            if not all(isinstance(m.get(k), str) and m[k] for k in ("document", "sentence")):
                raise CorefGoldError(f"{p}: event {ev['id']!r}: each mention needs "
                                     "'document' and 'sentence'")
    gold["_path"] = str(p)
    return gold


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


# -- store -----------------------------------------------------------------------
def _store_view(store: Any) -> dict[str, Any]:
    from ..store import schema as S

    em, sn, d, ev = S.event_mentions, S.sentences, S.documents, S.events
    with store.connect() as conn:
        names = {r.id: Path(str(r.source or r.id)).name
                 for r in conn.execute(select(d.c.id, d.c.source))}
        sentences: dict[str, list[tuple[int, str]]] = {}
        for r in conn.execute(select(sn.c.document_id, sn.c.idx, sn.c.text)):
            sentences.setdefault(r.document_id, []).append((r.idx, _squash(r.text)))
        mentions: dict[tuple[str, int], list[tuple[int, str, str | None]]] = {}
        for r in conn.execute(select(em.c.document_id, em.c.sentence_idx, em.c.start,
                                     em.c.type, em.c.event_id)):
            mentions.setdefault((r.document_id, r.sentence_idx), []).append(
                (r.start, r.type.upper(), r.event_id))
        events = {r.id: {"independent_sources": r.independent_sources, "type": r.type,
                         "date": r.date_value, "modality": r.modality}
                  for r in conn.execute(select(ev.c.id, ev.c.independent_sources, ev.c.type,
                                               ev.c.date_value, ev.c.modality))}
        docs_of: dict[str, set[str]] = {}
        for r in conn.execute(select(em.c.event_id, em.c.document_id)
                              .where(em.c.event_id.is_not(None))):
            docs_of.setdefault(r.event_id, set()).add(names.get(r.document_id, r.document_id))
    return {"names": names, "sentences": sentences, "mentions": mentions, "events": events,
            "docs_of": docs_of}


def _find(view: dict[str, Any], m: dict[str, Any]) -> tuple[str | None, str]:
    """The store event of one gold mention, or (None, why not)."""
    from ..reconcile.eventscore import family

    docs = [i for i, n in view["names"].items() if n == m["document"]]
    if not docs:
        return None, f"no document named {m['document']}"
    want = _squash(m["sentence"])
    for did in sorted(docs):
        for idx, text in sorted(view["sentences"].get(did, [])):
            if want not in text:
                continue
            cands = sorted(view["mentions"].get((did, idx), []), key=lambda x: (x[0], x[1]))
            gtype = str(m.get("type") or "").upper()
            exact = [c for c in cands if not gtype or c[1] == gtype]
            near = [c for c in cands if gtype and family(c[1]) == family(gtype)]
            hit = (exact or near or [None])[0]
            if hit is None:
                return None, "no event mention of that type in the sentence"
            return hit[2], "ok" if exact else f"matched as {hit[1]}"
    return None, "sentence not found"


def score_store(store: Any, gold: dict[str, Any]) -> dict[str, Any]:
    """MUC, B-cubed and CEAF-e of a store's events against a coreference gold."""
    view = _store_view(store)
    key: list[set[Any]] = []
    assigned: dict[Any, str] = {}
    per_event: list[dict[str, Any]] = []
    for ev in gold["events"]:
        cluster: set[Any] = set()
        found: Counter[str] = Counter()
        misses = []
        for i, m in enumerate(ev["mentions"]):
            mid = (ev["id"], i)
            cluster.add(mid)
            eid, why = _find(view, m)
            if eid is None:
                misses.append({**m, "why": why})
            else:
                assigned[mid] = eid
                found[eid] += 1
        key.append(cluster)
        best = min(found, key=lambda e: (-found[e], e)) if found else None
        row: dict[str, Any] = {
            "id": ev["id"], "mentions": len(ev["mentions"]),
            "expected_independent_sources": ev.get("independent_sources"),
            "store_events": len(found), "event": best,
            "event_mentions": found.get(best, 0) if best else 0,
            "independent_sources": view["events"].get(best, {}).get("independent_sources")
            if best else None,
            "outlets": sorted(view["docs_of"].get(best, set())) if best else [],
            "unmatched": misses,
        }
        exp = row["expected_independent_sources"]
        row["one_record"] = (len(found) == 1 and not misses)
        row["sources_right"] = exp is None or row["independent_sources"] == exp
        per_event.append(row)
    by_event: dict[str, set[Any]] = {}
    for mid, eid in assigned.items():
        by_event.setdefault(eid, set()).add(mid)
    response = list(by_event.values()) + [{mid} for c in key for mid in c
                                          if mid not in assigned]
    # A store event holding mentions of two gold events merged them.
    merged = [{"event": eid, "gold": sorted({mid[0] for mid in c})}
              for eid, c in sorted(by_event.items()) if len({mid[0] for mid in c}) > 1]
    return {
        "gold": {"path": gold.get("_path"), "events": len(key),
                 "mentions": sum(len(c) for c in key)},
        "muc": muc(key, response), "b_cubed": b_cubed(key, response),
        "ceaf_e": ceaf_e(key, response), "events": per_event, "wrong_merges": merged,
    }


def evaluate_coref(gold_path: str | Path, *, db: str | None = None) -> dict[str, Any]:
    """Score ``db`` (or, without it, a fresh build of the gold's corpus in a temporary
    store) against a coreference gold file."""
    import accord

    gold = load_coref_gold(gold_path)
    if db:
        kb = accord.open(db, create=False)
        try:
            result = score_store(kb.store, gold)
        finally:
            kb.close()
        result["store"] = db
        return result
    corpus = gold.get("corpus")
    if not corpus:
        raise CorefGoldError(f"{gold_path}: without --db the gold must name its 'corpus'")
    folder = (Path(gold_path).parent / corpus).resolve()
    if not folder.is_dir():
        raise CorefGoldError(f"{gold_path}: corpus folder {folder} does not exist")
    with tempfile.TemporaryDirectory(prefix="accord-coref-") as tmp:
        kb = accord.open(Path(tmp) / "kb.db")
        try:
            kb.build([folder], workers=1)
            result = score_store(kb.store, gold)
        finally:
            kb.close()
    result["store"] = f"fresh build of {folder}"
    return result


def render(result: dict[str, Any]) -> list[Any]:
    """Rich tables for ``accord eval --coref``."""
    from rich.table import Table

    metrics = Table(title="Event coreference (on gold mentions)")
    for col in ("metric", "precision", "recall", "F1"):
        metrics.add_column(col, justify="left" if col == "metric" else "right")
    for name, key in (("MUC", "muc"), ("B-cubed", "b_cubed"), ("CEAF-e", "ceaf_e")):
        m = result[key]
        metrics.add_row(name, f"{m['precision']:.3f}", f"{m['recall']:.3f}", f"{m['f1']:.3f}")
    events = Table(title="Gold events")
    for col in ("gold event", "mentions", "store events", "independent (gold/store)",
                "outlets", "one record"):
        events.add_column(col)
    for e in result["events"]:
        exp = e["expected_independent_sources"]
        events.add_row(
            e["id"], str(e["mentions"]), str(e["store_events"]),
            f"{'-' if exp is None else exp} / {e['independent_sources'] or '-'}"
            + ("" if e["sources_right"] else "  [red]differs[/red]"),
            str(len(e["outlets"])), "yes" if e["one_record"] else "[red]no[/red]")
    out: list[Any] = [metrics, events]
    if result["wrong_merges"]:
        wm = Table(title="Store events that merge several gold events")
        wm.add_column("store event")
        wm.add_column("gold events")
        for w in result["wrong_merges"]:
            wm.add_row(w["event"], ", ".join(w["gold"]))
        out.append(wm)
    return out
