"""Evidence for display: the context of each cited mention, per-source details of an
event, a document's claims, the sentences on each side of a contradiction, claims.

These complete the query layer's record shapes for a reader who wants to see the
text: each takes an open connection (a page makes several reads on one) and
returns plain JSON-able dicts. Shapes follow the ``accord/v1`` export contract and
add display fields (entity names, document titles) so that a page or an API
client does not need a second round trip to label ids. They never write.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, func, select

from ..store import schema as S

__all__ = ["CONTEXT_CHARS", "entity_names", "document_labels", "context_window", "add_context",
           "event_mention_details", "event_evidence", "document_claims", "contradiction_sides",
           "list_claims"]

#: Characters of document text shown on each side of a sentence as context.
CONTEXT_CHARS = 320


# -- small utilities -------------------------------------------------------------------

def _json_value(raw: str | None) -> Any:
    if raw is None:
        return None
    try:
        return json.loads(raw)
    except (TypeError, ValueError):
        return raw


def entity_names(conn: Connection, ids: Iterable[str]) -> dict[str, str]:
    """``{entity id: display name}`` for the ids that exist."""
    wanted = sorted({i for i in ids if i})
    if not wanted:
        return {}
    out: dict[str, str] = {}
    for chunk in range(0, len(wanted), 500):
        rows = conn.execute(
            select(S.entities.c.id, S.entities.c.name).where(
                S.entities.c.id.in_(wanted[chunk:chunk + 500])
            )
        )
        out.update({r.id: r.name for r in rows})
    return out


def document_labels(conn: Connection, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    """``{document id: {title, outlet, published, source, copy_of}}`` for display."""
    wanted = sorted({i for i in ids if i})
    if not wanted:
        return {}
    d = S.documents.c
    rows = conn.execute(
        select(d.id, d.title, d.outlet, d.published, d.source, d.copy_of, d.copy_kind)
        .where(d.id.in_(wanted))
    ).mappings()
    return {r["id"]: dict(r) for r in rows}


# -- corpus and entities: from accord.query.overview ----------------------------------

# -- evidence ----------------------------------------------------------------------------

def context_window(text: str, start: int, end: int, chars: int = CONTEXT_CHARS) -> dict[str, Any]:
    """Text before/after ``[start, end)``, cut at word boundaries, for a side-by-side view."""
    lo = max(0, start - chars)
    hi = min(len(text), end + chars)
    if lo > 0:
        sp = text.find(" ", lo, start)
        lo = sp + 1 if sp != -1 else lo
    if hi < len(text):
        sp = text.rfind(" ", end, hi)
        hi = sp if sp != -1 else hi
    return {
        "before": text[lo:start], "span": text[start:end], "after": text[end:hi],
        "clipped_before": lo > 0, "clipped_after": hi < len(text),
    }


def add_context(conn: Connection, mentions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Give each cited mention (``document, start, end, sentence_idx``) its place in the text.

    Adds ``context = {before, sentence_before, span, sentence_after, after}``: the
    sentence around the mention, split so the mention can be highlighted inside
    it, and some text either side from the document's original text. Also
    ``outlet`` and ``author``, which the query layer's mention shape leaves out.
    """
    doc_ids = sorted({m["document"] for m in mentions})
    texts: dict[str, dict[str, Any]] = {}
    sents: dict[tuple[str, int], tuple[int, int]] = {}
    d, s = S.documents.c, S.sentences.c
    for i in range(0, len(doc_ids), 500):
        part = doc_ids[i:i + 500]
        for r in conn.execute(
            select(d.id, d.original_text, d.outlet, d.author, d.source).where(d.id.in_(part))
        ).mappings():
            texts[r["id"]] = dict(r)
        for row in conn.execute(
            select(s.document_id, s.idx, s.start, s.end).where(s.document_id.in_(part))
        ):
            sents[(row.document_id, row.idx)] = (row.start, row.end)
    originals = document_labels(conn, {m["copy_of"] for m in mentions if m.get("copy_of")})
    for m in mentions:
        if m.get("copy_of"):
            m["copy_of_title"] = (originals.get(m["copy_of"]) or {}).get("title")
        doc = texts.get(m["document"]) or {}
        text = doc.get("original_text") or ""
        s_start, s_end = sents.get((m["document"], m.get("sentence_idx", -1)),
                                   (m["start"], m["end"]))
        s_start, s_end = min(s_start, m["start"]), max(s_end, m["end"])
        ctx = context_window(text, s_start, s_end)
        ctx["sentence_before"] = text[s_start:m["start"]]
        ctx["span"] = text[m["start"]:m["end"]]
        ctx["sentence_after"] = text[m["end"]:s_end]
        m["context"] = ctx
        m.setdefault("outlet", doc.get("outlet"))
        m.setdefault("author", doc.get("author"))
        m.setdefault("source", doc.get("source"))
    return mentions


def event_mention_details(conn: Connection, event_id: str) -> dict[tuple[str, int, int],
                                                                     dict[str, Any]]:
    """Per-source details of an event's mentions that the query layer's mention shape omits.

    For each mention ``(document, start, end)``: who that source attributes the
    event to (``attributed``: ``[{id, name}]``, ``id`` None for an outlet or an
    unresolved key), the date expression it used (``date_text``, ``date_value``,
    ``date_basis``) and the quantities it states. Sources disagree on exactly
    these, so the event page shows them card by card. Also the independent source
    the mention counts for (``independent_source``: a copy counts with its original)
    and whether its sentence is ``copied``.
    """
    from ..reconcile.corroboration import SourceGroups

    em = S.event_mentions.c
    rows = conn.execute(
        select(em.document_id, em.start, em.end, em.sentence_idx, em.attributed_keys,
               em.date_text, em.date_value, em.date_basis, em.quantities)
        .where(em.event_id == event_id).order_by(em.document_id, em.start, em.end, em.type)
    ).mappings().all()
    groups = SourceGroups(conn)
    first: dict[str, int] = {}
    for r in rows:
        first.setdefault(r["document_id"], r["sentence_idx"])
    keys = {k for r in rows for k in (r["attributed_keys"] or [])}
    key_entity: dict[str, str] = {}
    if keys:
        m = S.mentions.c
        for k in conn.execute(
            select(m.key, m.entity_id).where(m.key.in_(sorted(keys)), m.entity_id.is_not(None))
            .distinct()
        ):
            key_entity.setdefault(k.key, k.entity_id)
    names = entity_names(conn, key_entity.values())

    def label(key: str) -> dict[str, Any]:
        eid = key_entity.get(key) or (key if key in names else None)
        if eid and eid in names:
            return {"id": eid, "name": names[eid]}
        return {"id": None, "name": key.split(":", 1)[-1].replace("-", " ")}

    source_of = {(r["document_id"], r["sentence_idx"]):
                 groups.event_group(r["document_id"], r["sentence_idx"], first) for r in rows}
    leads = groups.wire_leads(set(source_of.values()))  # one wire's story: one source
    source_of = {k: leads.get(g, g) for k, g in source_of.items()}
    return {
        (r["document_id"], r["start"], r["end"]): {
            "attributed": [label(k) for k in r["attributed_keys"] or []],
            "date_text": r["date_text"], "date_value": r["date_value"],
            "date_basis": r["date_basis"], "quantities": list(r["quantities"] or []),
            "independent_source": source_of[(r["document_id"], r["sentence_idx"])],
            "copied": groups.is_copied(r["document_id"], r["sentence_idx"]),
        }
        for r in rows
    }


def event_evidence(conn: Connection, event: dict[str, Any]) -> dict[str, Any]:
    """Give each mention of ``event`` its context and per-source details, in place.

    One event record for the web page and the HTTP API: the query layer's event
    with, on every mention, ``context`` (:func:`add_context`) and ``attributed``,
    ``date_text``, ``date_value``, ``date_basis``, ``quantities`` as that source
    states them (:func:`event_mention_details`).
    """
    add_context(conn, event["mentions"])
    details = event_mention_details(conn, event["id"])
    for m in event["mentions"]:
        m.update(details.get((m["document"], m["start"], m["end"]), {}))
    return event


def document_claims(conn: Connection, doc_id: str) -> list[dict[str, Any]]:
    """Claim mentions in one document (the query layer's ``document`` has events only)."""
    cm = S.claim_mentions.c
    rows = conn.execute(
        select(cm.start, cm.end, cm.text, cm.sentence_idx, cm.subject_key, cm.property, cm.value,
               cm.value_text, cm.unit, cm.qualifier, cm.modality, cm.claim_id)
        .where(cm.document_id == doc_id).order_by(cm.start)
    ).mappings().all()
    return [{**dict(r), "value": _json_value(r["value"])} for r in rows]


def contradiction_sides(conn: Connection, items: list[dict[str, Any]]) -> None:
    """Give each contradiction ``sides``: per document, the sentences that disagree.

    A contradiction names its events/claims and its documents; the analyst wants
    to read what each document actually says, next to each other. Adds
    ``sides = [{document, title, published, copy_of, mentions: [...]}]`` in the
    order of ``documents``; each mention is a citation (``document, start, end,
    text, sentence, sentence_idx``) with ``detail``: what that source states (an
    event's modality and date, a claim's value). A ``copy_alteration`` quotes the
    aligned sentence pair whose figure the copy changed (``detail`` ``source`` or
    ``copy``). The CLI, the HTTP API and the pages show the same record.
    """
    em, cm, s = S.event_mentions, S.claim_mentions, S.sentences
    wanted = sorted({i for c in items for i in c["items"]})
    by_item: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for i in range(0, len(wanted), 500):
        part = wanted[i:i + 500]
        for r in conn.execute(
            select(em.c.event_id, em.c.document_id, em.c.start, em.c.end, em.c.text,
                   em.c.sentence_idx, em.c.modality, em.c.date_value, em.c.date_basis,
                   s.c.text.label("sentence"))
            .select_from(em.outerjoin(s, (s.c.document_id == em.c.document_id)
                                      & (s.c.idx == em.c.sentence_idx)))
            .where(em.c.event_id.in_(part))
        ):
            by_item[r.event_id].append(_cited(r, f"{r.modality}, dated "
                                                 f"{r.date_value or 'undated'} ({r.date_basis})"))
        for r in conn.execute(
            select(cm.c.claim_id, cm.c.document_id, cm.c.start, cm.c.end, cm.c.text,
                   cm.c.sentence_idx, cm.c.value_text, cm.c.value, cm.c.qualifier,
                   cm.c.modality, s.c.text.label("sentence"))
            .select_from(cm.outerjoin(s, (s.c.document_id == cm.c.document_id)
                                      & (s.c.idx == cm.c.sentence_idx)))
            .where(cm.c.claim_id.in_(part))
        ):
            by_item[r.claim_id].append(_cited(r, f"{r.value_text or r.value} "
                                                 f"({r.qualifier or 'exact'}, "
                                                 f"{r.modality or 'asserted'})"))
    labels = document_labels(conn, {d for c in items for d in c["documents"]})
    for c in items:
        found: dict[str, list[dict[str, Any]]] = {d: [] for d in c["documents"]}
        if c["kind"] == "copy_alteration" and len(c["documents"]) == 2:
            _altered_pair(conn, c, found)
        if not any(found.values()):  # else the mentions of its events and claims
            for item in c["items"]:
                for m in by_item.get(item, []):
                    if m["document"] in found:
                        found[m["document"]].append(m)
        sides = []
        for doc in c["documents"]:
            seen: set[str] = set()
            ms = []
            for m in sorted(found[doc], key=lambda m: (m["start"], m["end"])):
                if m["sentence"] not in seen:  # one quote per sentence
                    seen.add(m["sentence"])
                    ms.append(m)
            lab = labels.get(doc) or {}
            sides.append({"document": doc, "title": lab.get("title"),
                          "published": lab.get("published"), "copy_of": lab.get("copy_of"),
                          "mentions": ms})
        c["sides"] = sides


def _cited(r: Any, detail: str) -> dict[str, Any]:
    return {"document": r.document_id, "start": r.start, "end": r.end, "text": r.text,
            "sentence": (r.sentence if r.sentence is not None else r.text).strip(),
            "sentence_idx": r.sentence_idx, "detail": detail}


def _altered_pair(conn: Connection, c: dict[str, Any],
                  found: dict[str, list[dict[str, Any]]]) -> None:
    """The sentences of a copy alteration: the copy's and the source's it was aligned with."""
    from ..reconcile.alterations import number_context_changes
    from ..reconcile.copies import aligned_pairs, load_sentences
    from ..reconcile.ids import content_id

    def contradiction_id(kind: str, *parts: Any) -> str:  # as reconciliation names them
        return content_id("cx", kind, *parts)

    src, cpy = c["documents"]

    def cite(doc: str, sent: Any, detail: str) -> dict[str, Any]:
        return {"document": doc, "start": sent.start, "end": sent.end, "text": sent.text,
                "sentence": sent.text, "sentence_idx": sent.idx, "detail": detail}

    for own, theirs, _p in aligned_pairs(conn, cpy, src):
        if contradiction_id("copy_alteration", cpy, own.idx) == c["id"]:
            found[src] += [cite(src, t, "source") for t in theirs]
            found[cpy].append(cite(cpy, own, "copy"))
    if found[cpy]:
        return
    sents = load_sentences(conn, [cpy, src])  # a reworded sentence with a changed figure
    for own in sents[cpy]:
        if contradiction_id("copy_alteration", cpy, own.idx) != c["id"]:
            continue
        found[cpy].append(cite(cpy, own, "copy"))
        found[src] += [cite(src, other, "source") for other in sents[src]
                       if number_context_changes(other.text, own.text)
                       and other.text[:40] in (c.get("explanation") or "")]


# -- claims ------------------------------------------------------------------------------

def list_claims(
    conn: Connection, *, limit: int = 50, offset: int = 0, subject: str | None = None,
    property: str | None = None,
) -> dict[str, Any]:
    """Claims with their cited mentions, by subject and property."""
    c = S.claims.c
    cond = []
    if subject:
        cond.append(c.subject == subject)
    if property:
        cond.append(c.property == property)
    total = conn.execute(select(func.count()).select_from(S.claims).where(*cond)).scalar_one()
    rows = conn.execute(
        select(S.claims).where(*cond).order_by(c.subject, c.property, c.id)
        .limit(limit).offset(offset)
    ).mappings().all()
    items = [{
        "id": r["id"], "subject": r["subject"], "property": r["property"],
        "value": _json_value(r["value"]), "unit": r["unit"], "qualifier": r["qualifier"],
        "modality": r["modality"],
    } for r in rows]
    names = entity_names(conn, [i["subject"] for i in items])
    cm = S.claim_mentions.c
    ids = [i["id"] for i in items]
    mentions: dict[str, list[dict[str, Any]]] = defaultdict(list)
    if ids:
        for r in conn.execute(
            select(cm.claim_id, cm.document_id, cm.start, cm.end, cm.text, cm.sentence_idx)
            .where(cm.claim_id.in_(ids)).order_by(cm.document_id, cm.start)
        ).mappings():
            mentions[r["claim_id"]].append({
                "document": r["document_id"], "start": r["start"], "end": r["end"],
                "text": r["text"], "sentence_idx": r["sentence_idx"],
            })
    for i in items:
        i["subject_name"] = names.get(i["subject"], i["subject"])
        i["mentions"] = mentions.get(i["id"], [])
    return {"items": items, "total": int(total), "limit": limit, "offset": offset}
