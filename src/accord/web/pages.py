"""Server-rendered pages. Each handler gathers data from the app's
:class:`~accord.api.KnowledgeBase` (``app.state.kb``, the object the CLI and a
Python user read through; :mod:`.data` adds display-only helpers) and renders
one template.

Every fact on a page links to its evidence: an event to its page (all its
mentions side by side), a mention to the document reader scrolled to the exact
span (``/documents/ID?start=S&end=E#focus``).
"""

from __future__ import annotations

from collections import Counter
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response

from ..records import QUAD_CLASS
from . import data
from .annotate import Ann, render
from .backend import ask as backend_ask
from .backend import search as backend_search
from .display import for_display
from .security import MAX_OFFSET, MAX_TEXT_OFFSET, check_doc_id, check_kb_id
from .templating import entity_href

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

PAGE = 50
_DATE = r"^(\d{4}(-\d{2}(-\d{2})?)?)?$"
FromQ = Annotated[str | None, Query(alias="from", pattern=_DATE)]
ToQ = Annotated[str | None, Query(alias="to", pattern=_DATE)]
TextQ = Annotated[str | None, Query(max_length=500)]
#: Most events drawn on a dyad chart, and listed under it.
CHART_MAX = 2000
DYAD_LIST = 200
#: Most events listed on an actor page.
ACTOR_EVENTS = 300
#: Lists count matches up to this many ("10000+" beyond).
COUNT_CAP = 10_000


def _render(request: Request, template: str, **ctx: Any) -> Response:
    response: Response = request.app.state.templates.TemplateResponse(request, template, ctx)
    return response


def _kb(request: Request) -> Any:
    return request.app.state.kb


def _none(v: str | None) -> str | None:
    return v or None


def _latest_first(kb: Any, items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Contradictions whose newest document is newest first."""
    labels = kb.document_labels({d for c in items for d in c["documents"]})
    def key(c: dict[str, Any]) -> tuple[str, str]:
        dates = [(labels.get(d) or {}).get("published") or "" for d in c["documents"]]
        return (max(dates, default=""), c["id"])
    return sorted(items, key=key, reverse=True)


# -- overview ----------------------------------------------------------------------------

@router.get("/")
def overview(request: Request) -> Response:
    kb = _kb(request)
    counts = kb.store.counts()
    top, dyads, first, last = _overview_aggregates(request, counts)
    contra = _latest_first(kb, kb.contradictions())
    kb.add_sides(contra[:8])  # only those shown
    return _render(request, "overview.html", title="Overview", counts=counts,
                   store_name=kb.store.name, first=first, last=last, top_actors=top,
                   dyads=dyads, contradictions=contra[:8], n_contradictions=len(contra),
                   copies=kb.copies(limit=10))


def _overview_aggregates(request: Request, counts: dict[str, int]) -> tuple[Any, ...]:
    """Top actors and dyads scan ``event_actors``; recompute only when the store changed."""
    key = tuple(sorted(counts.items()))
    cache: dict[str, Any] = request.app.state.overview_cache
    if cache.get("key") != key:
        ov = _kb(request).overview(actors=12, dyads=10)
        cache["value"] = (ov["top_actors"], ov["top_dyads"], ov["first"], ov["last"])
        cache["key"] = key
    return cache["value"]  # type: ignore[no-any-return]


# -- documents ---------------------------------------------------------------------------

@router.get("/documents")
def documents(request: Request, q: TextQ = None,
              date_from: FromQ = None,
              date_to: ToQ = None,
              offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0) -> Response:
    items = _kb(request).documents(date_from=_none(date_from), date_to=_none(date_to),
                                   query=_none(q), limit=PAGE + 1, offset=offset)
    return _render(request, "documents.html", title="Documents", items=items[:PAGE],
                   more=len(items) > PAGE, offset=offset, q=q or "", date_from=date_from or "",
                   date_to=date_to or "", page=PAGE)


@router.get("/documents/{doc_id}")
def document(request: Request, doc_id: str,
             start: Annotated[int | None, Query(ge=0, le=MAX_TEXT_OFFSET)] = None,
             end: Annotated[int | None, Query(ge=0, le=MAX_TEXT_OFFSET)] = None) -> Response:
    check_doc_id(doc_id)
    kb = _kb(request)
    doc = kb.document(doc_id)
    claims = kb.document_claims(doc["id"])
    names = kb.entity_names([c["subject_key"] for c in claims])
    text = doc["original_text"] or ""
    anns: list[Ann] = []
    for i, ev in enumerate(doc["events"]):
        anns.append(Ann(ev["start"], ev["end"], "span",
                        f"ev q-{QUAD_CLASS.get(ev['type'], 'none')} mod-{ev['modality']}",
                        {"id": f"em-{i}", "title": f"{ev['type']} ({ev['modality']})"
                         + (f", {ev['date_value']}" if ev.get("date_value") else "")},
                        key=f"em-{i}"))
    for i, c in enumerate(claims):
        anns.append(Ann(c["start"], c["end"], "span", "claim",
                        {"id": f"cm-{i}", "title": f"claim: {c['property']} = "
                         f"{c.get('value_text') or c['value']}"}, key=f"cm-{i}"))
    for i, m in enumerate(doc["mentions"]):
        attrs = {"title": f"{m['name']} ({m['type']})"}
        if m.get("entity_id"):
            attrs["href"] = entity_href(m["entity_id"])
        anns.append(Ann(m["start"], m["end"], "a" if m.get("entity_id") else "span",
                        f"ent t-{m['type'].lower()}", attrs, key=f"m-{i}"))
    focus = None
    if start is not None and end is not None:
        if not (0 <= start < end <= len(text)):
            raise HTTPException(status_code=400, detail="highlight outside the document")
        focus = {"start": start, "end": end, "text": text[start:end]}
        anns.append(Ann(start, end, "mark", "focus", {"id": "focus"}, key="focus", focus=True))
    # Markdown formatted and PDF line-break hyphens joined, for reading; every
    # annotation moved to the same characters in the displayed text.
    shown = for_display(text, doc.get("format"))
    for a in anns:
        a.start, a.end = shown.span(a.start, a.end)
    body = render(shown.text, shown.anns + anns)
    event_counts = Counter(e["type"] for e in doc["events"])
    contra = kb.contradictions(document=doc["id"], sides=True)
    return _render(request, "document.html", title=doc.get("title") or doc["source"], doc=doc,
                   body=body, focus=focus, claims=claims, claim_names=names,
                   event_counts=event_counts, contradictions=contra)


# -- entities ----------------------------------------------------------------------------

@router.get("/entities")
def entities(request: Request, q: TextQ = None,
             type: Annotated[str | None, Query(pattern=r"^(?i:|STATE|ORG|PERSON|GROUP|LOCATION)$")]
             = None,
             offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0) -> Response:
    items = _kb(request).entities(type=_none(type), query=_none(q), limit=PAGE + 1,
                                  offset=offset)
    return _render(request, "entities.html", title="Actors", items=items[:PAGE],
                   more=len(items) > PAGE, offset=offset, q=q or "", type=(type or "").upper(),
                   page=PAGE)


@router.get("/entities/{entity_id}")
def entity(request: Request, entity_id: str) -> Response:
    check_kb_id(entity_id, "entity id")
    kb = _kb(request)
    ent = kb.entity(entity_id)
    ids = kb.event_ids(actor=ent["id"], limit=COUNT_CAP + 1)
    events = kb.events_by_ids(ids[:ACTOR_EVENTS])
    claims = kb.claims(subject=ent["id"], limit=100)["items"]
    partners: Counter[str] = Counter()
    pnames: dict[str, str] = {}
    members = {ent["id"], *(m["id"] for m in ent.get("members") or [])}
    for e in events:
        for i, n in zip(e["source"] + e["target"], e["source_names"] + e["target_names"],
                        strict=False):
            if i not in members:
                pnames[i] = n
        for i in set(e["source"]) | set(e["target"]):
            if i not in members:
                partners[i] += 1
    # Counted over the same events as the list (a state's include its members').
    ent["event_types"] = dict(Counter(e["type"] for e in events).most_common())
    contra = kb.contradictions(actor=ent["id"], sides=True)
    return _render(request, "entity.html", title=ent["name"], ent=ent, events=events,
                   chart=chart_points(events),
                   graph=data.layout_graph(data.actor_graph(events, focus=(ent["id"],)),
                                           width=900, height=380),
                   event_total=len(ids), capped=len(ids) > COUNT_CAP, claims=claims,
                   contradictions=contra,
                   partners=[{"id": i, "name": pnames.get(i, i), "events": n}
                             for i, n in partners.most_common(15)])


# -- events ------------------------------------------------------------------------------

@router.get("/events")
def timeline(request: Request, actor: TextQ = None, a: TextQ = None, b: TextQ = None,
             date_from: FromQ = None,
             date_to: ToQ = None,
             type: TextQ = None, min_sources: Annotated[int, Query(ge=1, le=1000)] = 1,
             modality: Annotated[str | None, Query(pattern=r"^[a-z,]{0,100}$")] = None,
             offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0) -> Response:
    kb = _kb(request)
    dy = [a, b] if a and b else None
    mods = [m for m in (modality or "").split(",") if m] or None
    ids = kb.event_ids(actor=_none(actor), dyad=dy, date_from=_none(date_from),
                       date_to=_none(date_to), types=_none(type), min_sources=min_sources,
                       modality=mods, limit=max(COUNT_CAP, offset + PAGE) + 1)
    events = kb.events_by_ids(ids[offset:offset + PAGE])
    filters = {"actor": actor or "", "a": a or "", "b": b or "", "from": date_from or "",
               "to": date_to or "", "type": type or "", "min_sources": min_sources,
               "modality": modality or ""}
    capped = len(ids) > max(COUNT_CAP, offset + PAGE)
    facets = kb.event_facets(ids)
    return _render(request, "timeline.html", title="Timeline", events=events, total=len(ids),
                   capped=capped, offset=offset, page=PAGE, filters=filters, facets=facets)


@router.get("/events/{event_id}")
def event(request: Request, event_id: str) -> Response:
    check_kb_id(event_id, "event id")
    kb = _kb(request)
    # The record of /api/events/{id}, plus why each mention joined it.
    ev = kb.explain_event(event_id)
    loc = kb.entity_names([ev["location"]]) if ev.get("location") else {}
    judgements = kb.event_judgements(ev["id"])
    docs = {m["document"] for m in ev["mentions"]}
    return _render(request, "event.html", title=f"{ev['type']} event", ev=ev,
                   n_documents=len(docs), location_name=loc.get(ev.get("location") or ""),
                   judgements=judgements, can_judge=request.app.state.allow_judge,
                   judged_docs=kb.document_labels({r["document"] for j in judgements
                                                   for r in j["a"] + j["b"]}))


# -- claims ------------------------------------------------------------------------------

@router.get("/claims")
def claims(request: Request, subject: TextQ = None,
           offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0) -> Response:
    kb = _kb(request)
    sid = kb.resolve_actor(subject) if subject else None
    res = kb.claims(subject=sid, limit=PAGE, offset=offset)
    return _render(request, "claims.html", title="Claims", items=res["items"], total=res["total"],
                   offset=offset, page=PAGE, subject=subject or "")


@router.get("/claims/{claim_id}")
def claim(request: Request, claim_id: str) -> Response:
    check_kb_id(claim_id, "claim id")
    cl = _kb(request).claim(claim_id)
    return _render(request, "claim.html", title="Claim", cl=cl,
                   contradictions=cl["contradictions"])


# -- contradictions ----------------------------------------------------------------------

@router.get("/contradictions")
def contradictions(request: Request, kind: Annotated[str | None, Query(pattern=r"^[a-z_]*$")]
                   = None, actor: TextQ = None) -> Response:
    kb = _kb(request)
    items = _latest_first(kb, kb.contradictions(kind=_none(kind), actor=_none(actor),
                                                sides=True))
    kinds = Counter(c["kind"] for c in kb.contradictions())
    labels = kb.document_labels({d for c in items for d in c["documents"]})
    return _render(request, "contradictions.html", title="Contradictions", items=items,
                   kinds=kinds, kind=kind or "", actor=actor or "", labels=labels)


# -- dyad --------------------------------------------------------------------------------

@router.get("/dyad")
def dyad(request: Request, a: TextQ = None, b: TextQ = None) -> Response:
    kb = _kb(request)
    if not a or not b:
        return _render(request, "dyad_pick.html", title="Dyad", dyads=kb.top_dyads(20),
                       a=a or "", b=b or "")
    d = kb.dyad(a, b)
    ids = kb.event_ids(dyad=[d["a"]["id"], d["b"]["id"]], limit=CHART_MAX + 1)
    events = kb.events_by_ids(ids[:CHART_MAX])
    graph = data.layout_graph(data.actor_graph(events, focus=(d["a"]["id"], d["b"]["id"])))
    chart = chart_points(events)
    return _render(request, "dyad.html", title=f"{d['a']['name']} - {d['b']['name']}", d=d,
                   events=events[:DYAD_LIST], total=len(ids), capped=len(ids) > CHART_MAX,
                   chart=chart, graph=graph)


def chart_points(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """What ``static/timeline.js`` draws: one small dict per event."""
    return [{
        "id": e["id"], "date": e["date"]["value"], "basis": e["date"]["basis"],
        "type": e["type"], "quad": e["quad"], "intensity": e["intensity"],
        "modality": e["modality"], "sources": e["independent_sources"],
        "label": e["actors_label"],
        "sentence": _clip((e["citation"] or {}).get("sentence"), 240),
    } for e in events]


def _clip(text: str | None, n: int) -> str | None:
    return text if not text or len(text) <= n else text[: n - 1].rstrip() + "…"


# -- search and ask ----------------------------------------------------------------------

@router.get("/search")
def search(request: Request, q: TextQ = None, actor: TextQ = None,
           date_from: FromQ = None,
           date_to: ToQ = None,
           offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0) -> Response:
    results: list[dict[str, Any]] = []
    if q and q.strip():
        results = backend_search(_kb(request), q, actor=_none(actor),
                                 date_from=_none(date_from), date_to=_none(date_to),
                                 limit=PAGE + 1, offset=offset)
    return _render(request, "search.html", title="Search", q=q or "", actor=actor or "",
                   date_from=date_from or "", date_to=date_to or "", results=results[:PAGE],
                   more=len(results) > PAGE, offset=offset, page=PAGE)


@router.get("/ask")
def ask(request: Request, q: TextQ = None) -> Response:
    answer = backend_ask(_kb(request), q) if q and q.strip() else None
    return _render(request, "ask.html", title="Ask", q=q or "", answer=answer)


# -- upload ------------------------------------------------------------------------------

@router.get("/upload")
def upload_page(request: Request) -> Response:
    if not request.app.state.allow_upload:
        raise HTTPException(status_code=404, detail="uploads are disabled (serve --allow-upload)")
    from .security import MAX_UPLOAD

    return _render(request, "upload.html", title="Add an article", max_mb=MAX_UPLOAD // 2**20)


#: The names other modules use; everything else here is internal.
__all__ = [
    "router",
    "PAGE",
    "FromQ",
    "ToQ",
    "TextQ",
    "CHART_MAX",
    "DYAD_LIST",
    "ACTOR_EVENTS",
    "COUNT_CAP",
    "overview",
    "documents",
    "document",
    "entities",
    "entity",
    "timeline",
    "event",
    "claims",
    "claim",
    "contradictions",
    "dyad",
    "chart_points",
    "search",
    "ask",
    "upload_page",
]
