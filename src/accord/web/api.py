"""The JSON API under ``/api``: the same data as the CLI, paginated and filterable.

Every list answers ``{items, limit, offset, total?, next_offset}``: ``next_offset``
is null on the last page. Filters mirror the CLI's options (``actor``, ``a``/``b``
for a dyad, ``from``/``to`` dates, ``type`` as PLOVER types or quad classes,
``min_sources``, ``modality``). Ids in paths are validated before any query.
Reading goes through the app's :class:`~accord.api.KnowledgeBase` (``app.state.kb``),
as the CLI's and a Python user's do: one record shape everywhere.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, HTTPException, Query, Request, UploadFile

from . import data
from .backend import ask as backend_ask
from .backend import search as backend_search
from .csvout import format_param
from .models import ERRORS, responses
from .security import MAX_OFFSET, MAX_UPLOAD, check_doc_id, check_kb_id, require_write

#: Every route takes ``?format=csv`` (lists only; see :mod:`.csvout` and the app's middleware).
router = APIRouter(prefix="/api", dependencies=[Depends(format_param)], responses=ERRORS)

#: Event lists count matches up to this many; beyond it ``total`` is null (the
#: count would cost as much as the whole list on a store of millions of events).
COUNT_CAP = 10_000

Limit = Annotated[int, Query(ge=1, le=500, description="Page size.")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Items to skip.")]
_DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"
FromQ = Annotated[str | None, Query(alias="from", pattern=_DATE,
                                    description="YYYY, YYYY-MM or YYYY-MM-DD (inclusive).")]
ToQ = Annotated[str | None, Query(alias="to", pattern=_DATE,
                                  description="YYYY, YYYY-MM or YYYY-MM-DD (inclusive).")]
ActorQ = Annotated[str | None, Query(max_length=200,
                                     description="Entity id, name, alias, ISO3 or QID.")]


def _kb(request: Request) -> Any:
    return request.app.state.kb


def page(items: list[Any], limit: int, offset: int, total: int | None = None) -> dict[str, Any]:
    more = (offset + len(items) < total) if total is not None else len(items) == limit
    return {"items": items, "limit": limit, "offset": offset, "total": total,
            "next_offset": offset + len(items) if more else None}


def _resolve(kb: Any, ref: str | None) -> str | None:
    return kb.resolve_actor(ref) if ref else None


@router.get("/stats", responses=responses("stats"),
            summary="Corpus counts")
def stats(request: Request) -> dict[str, Any]:
    kb = _kb(request)
    return {"store": kb.store.name, "counts": kb.store.counts(),
            "dates": dict(zip(("first", "last"), kb.date_range(), strict=True))}


@router.get("/documents", responses=responses("documents"),
            summary="Documents (no text), by publication date")
def documents(request: Request, limit: Limit = 50, offset: Offset = 0,
              q: Annotated[str | None, Query(max_length=200)] = None,
              date_from: FromQ = None,
              date_to: ToQ = None,
              ) -> dict[str, Any]:
    items = _kb(request).documents(date_from=date_from, date_to=date_to, query=q, limit=limit,
                                   offset=offset)
    return page(items, limit, offset)


@router.get("/documents/{doc_id}", responses=responses("document"),
            summary="One document: text, sentences, annotations, copies")
def document(request: Request, doc_id: str) -> dict[str, Any]:
    check_doc_id(doc_id)
    kb = _kb(request)
    out: dict[str, Any] = kb.document(doc_id)
    out["claims"] = kb.document_claims(out["id"])
    out["contradictions"] = kb.contradictions(document=out["id"], sides=True)
    return out


@router.get("/copies", responses=responses("copies"),
            summary="Documents that copy or paraphrase another")
def copies(request: Request, limit: Limit = 100, offset: Offset = 0) -> dict[str, Any]:
    items = _kb(request).copies(limit=limit + offset)[offset:]
    return page(items, limit, offset)


@router.get("/entities", responses=responses("entities"),
            summary="Entities, most mentioned first")
def entities(request: Request, limit: Limit = 50, offset: Offset = 0,
             type: Annotated[str | None, Query(pattern=r"^(?i:STATE|ORG|PERSON|GROUP|LOCATION)$")]
             = None,
             country: ActorQ = None, q: Annotated[str | None, Query(max_length=200)] = None,
             ) -> dict[str, Any]:
    items = _kb(request).entities(type=type, country=country, query=q, limit=limit,
                                  offset=offset)
    return page(items, limit, offset)


@router.get("/entities/{entity_id}", responses=responses("entity"),
            summary="One entity: members, mentions, event counts")
def entity(request: Request, entity_id: str) -> dict[str, Any]:
    check_kb_id(entity_id, "entity id")
    out: dict[str, Any] = _kb(request).entity(entity_id)
    return out


@router.get("/resolve", responses=responses("resolve"),
            summary="The entity id for a name, alias, ISO3 code or QID")
def resolve(request: Request, name: Annotated[str, Query(min_length=1, max_length=200)]
            ) -> dict[str, Any]:
    return {"query": name, "id": _kb(request).resolve_actor(name)}


def _event_page(request: Request, *, limit: int, offset: int, actor: str | None,
                a: str | None, b: str | None, date_from: str | None, date_to: str | None,
                type: str | None, min_sources: int, modality: str | None) -> dict[str, Any]:
    if (a is None) != (b is None):
        raise HTTPException(status_code=400, detail="a dyad needs both a and b")
    kb = _kb(request)
    mods = [m.strip() for m in modality.split(",") if m.strip()] if modality else None
    cap = max(COUNT_CAP, offset + limit) + 1
    ids = kb.event_ids(actor=actor, dyad=[a, b] if a and b else None, date_from=date_from,
                       date_to=date_to, types=type, min_sources=min_sources, modality=mods,
                       limit=cap)
    items = kb.events_by_ids(ids[offset:offset + limit])
    out = page(items, limit, offset, total=len(ids) if len(ids) < cap else None)
    if len(ids) > offset + limit:
        out["next_offset"] = offset + limit
    return out


EVENT_FILTERS = """Filters: `actor`; `a` and `b` (a dyad: events with both, any direction; a state
includes its people and organisations); `from`/`to`; `type` (PLOVER types or quad classes,
comma-separated); `min_sources`; `modality` (comma-separated)."""


@router.get("/events", responses=responses("events"),
            summary="Events in chronological order", description=EVENT_FILTERS)
@router.get("/timeline", responses=responses("events"),
            summary="Timeline (same as /api/events)", description=EVENT_FILTERS)
def events(request: Request, limit: Limit = 50, offset: Offset = 0, actor: ActorQ = None,
           a: ActorQ = None, b: ActorQ = None,
           date_from: FromQ = None,
           date_to: ToQ = None,
           type: Annotated[str | None, Query(max_length=300)] = None,
           min_sources: Annotated[int, Query(ge=1, le=1000)] = 1,
           modality: Annotated[str | None, Query(pattern=r"^[a-z,]{1,100}$")] = None,
           ) -> dict[str, Any]:
    return _event_page(request, limit=limit, offset=offset, actor=actor, a=a, b=b,
                       date_from=date_from, date_to=date_to, type=type,
                       min_sources=min_sources, modality=modality)


@router.get("/events/{event_id}", responses=responses("event"),
            summary="One event with every mention and its context")
def event(request: Request, event_id: str) -> dict[str, Any]:
    check_kb_id(event_id, "event id")
    out: dict[str, Any] = _kb(request).event(event_id)
    return out


@router.get("/claims", responses=responses("claims"),
            summary="Claims (subject, property, value) with their mentions")
def claims(request: Request, limit: Limit = 50, offset: Offset = 0, subject: ActorQ = None,
           property: Annotated[str | None, Query(max_length=100)] = None) -> dict[str, Any]:
    kb = _kb(request)
    res = kb.claims(subject=_resolve(kb, subject), property=property, limit=limit,
                    offset=offset)
    return page(res["items"], limit, offset, total=res["total"])


@router.get("/claims/{claim_id}", responses=responses("claim"),
            summary="One claim with every mention and its context")
def claim(request: Request, claim_id: str) -> dict[str, Any]:
    check_kb_id(claim_id, "claim id")
    out: dict[str, Any] = _kb(request).claim(claim_id)
    return out


@router.get("/contradictions", responses=responses("contradictions"),
            summary="Contradictions between sources")
def contradictions(request: Request, limit: Limit = 50, offset: Offset = 0, actor: ActorQ = None,
                   kind: Annotated[str | None, Query(pattern=r"^[a-z_]{1,32}$")] = None,
                   document: Annotated[str | None, Query(pattern=r"^[A-Za-z0-9_-]{1,64}$")]
                   = None) -> dict[str, Any]:
    kb = _kb(request)
    items = kb.contradictions(actor=actor, kind=kind, document=document)
    # The sides of this page only: the record of `accord contradictions --json`.
    return page(kb.add_sides(items[offset:offset + limit]), limit, offset, total=len(items))


@router.get("/dyad", responses=responses("dyad"),
            summary="Two actors: counts per year, main events, third parties")
def dyad(request: Request, a: Annotated[str, Query(min_length=1, max_length=200)],
         b: Annotated[str, Query(min_length=1, max_length=200)],
         main: Annotated[int, Query(ge=1, le=100)] = 10) -> dict[str, Any]:
    kb = _kb(request)
    out: dict[str, Any] = kb.dyad(a, b, main=main)
    ids = kb.event_ids(dyad=[out["a"]["id"], out["b"]["id"]], limit=COUNT_CAP)
    evs = kb.events_by_ids(ids, with_mentions=False)
    out["graph"] = data.actor_graph(evs, focus=(out["a"]["id"], out["b"]["id"]))
    return out


@router.get("/search", responses=responses("search"),
            summary="Full-text search over sentences")
def search(request: Request, q: Annotated[str, Query(min_length=1, max_length=500)],
           limit: Limit = 20, offset: Offset = 0, actor: ActorQ = None,
           date_from: FromQ = None,
           date_to: ToQ = None) -> dict[str, Any]:
    items = backend_search(_kb(request), q, actor=actor, date_from=date_from,
                           date_to=date_to, limit=limit, offset=offset)
    return page(items, limit, offset)


@router.get("/ask", responses=responses("ask"),
            summary="Extractive, cited answer to a question")
def ask(request: Request, q: Annotated[str, Query(min_length=1, max_length=500)],
        k: Annotated[int, Query(ge=1, le=20, description="Most pieces of evidence.")] = 3
        ) -> dict[str, Any]:
    return backend_ask(_kb(request), q, k=k)


@router.post("/upload", summary="Add one article (needs the token; off unless enabled)",
             status_code=201)
async def upload(request: Request, file: Annotated[UploadFile, File()]) -> dict[str, Any]:
    require_write(request, request.app.state.allow_upload,
                  "uploads are disabled (serve --allow-upload)")
    from .upload import add_upload

    body = await file.read(MAX_UPLOAD + 1)
    if len(body) > MAX_UPLOAD:
        raise HTTPException(status_code=413, detail=f"file larger than {MAX_UPLOAD} bytes")
    return await add_upload(request.app, file.filename or "upload.txt", body)


#: The names other modules use; everything else here is internal.
__all__ = [
    "router",
    "COUNT_CAP",
    "Limit",
    "Offset",
    "FromQ",
    "ToQ",
    "ActorQ",
    "page",
    "stats",
    "documents",
    "document",
    "copies",
    "entities",
    "entity",
    "resolve",
    "EVENT_FILTERS",
    "events",
    "event",
    "claims",
    "claim",
    "contradictions",
    "dyad",
    "search",
    "ask",
    "upload",
]
