"""Event judgements over HTTP: an analyst merges two events or splits mentions off one,
lists the judgements in force and withdraws one (``accord judge events`` in the browser).

Off unless the server was started with ``allow_judge`` (``accord serve --allow-judge``);
every write is checked like an upload (:func:`.security.require_write`: switched on,
same origin, the token). A judgement is recorded through the knowledge base
(:meth:`accord.api.KnowledgeBase.split_event` ...), which reconciles the whole store
again, as the CLI does, so every view agrees; as that gives events new ids, each
answer says which event now holds the mentions the analyst was looking at
(``event``), for the page to open.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from pydantic import BaseModel, Field

from .csvout import format_param
from .models import ERRORS, responses
from .security import KB_ID, MAX_TEXT_OFFSET, check_kb_id, require_write
from .upload import WRITE_LOCK

#: Every write route is under this prefix (the app's read-only guard lets these through
#: only when judgements are allowed).
JUDGE_PREFIX = "/api/judgements/"
JUDGE_OFF = "event judgements are disabled (serve --allow-judge)"

router = APIRouter(prefix="/api/judgements/events", tags=["judgements"], responses=ERRORS)

_EVENT_ID = KB_ID.pattern


class MentionRef(BaseModel):
    """One mention of an event, as a judgement names it: its document and span."""

    document: str = Field(pattern=r"^[A-Za-z0-9_-]{1,64}$")
    start: int = Field(ge=0, le=MAX_TEXT_OFFSET)
    end: int = Field(ge=0, le=MAX_TEXT_OFFSET)
    type: str | None = Field(None, pattern=r"^[A-Za-z_]{1,32}$",
                             description="PLOVER type (two events may share one span).")


class SplitBody(BaseModel):
    event: str = Field(pattern=_EVENT_ID, description="The event id (or a unique prefix).")
    mentions: list[MentionRef] = Field(default_factory=list, max_length=500,
                                       description="The mentions that are another event.")
    documents: list[str] = Field(default_factory=list, max_length=100,
                                 description="Or: documents (id or prefix, title, outlet) "
                                             "whose mentions are another event, as the CLI.")


class MergeBody(BaseModel):
    event: str = Field(pattern=_EVENT_ID, description="An event id (or a unique prefix).")
    other: str = Field(pattern=_EVENT_ID, description="The event that is the same real event.")


def _kb(request: Request) -> Any:
    return request.app.state.kb


async def _write(request: Request, work: Callable[[Any], dict[str, Any]]) -> dict[str, Any]:
    """Run a judgement (which reconciles the store again), one write at a time."""
    require_write(request, request.app.state.allow_judge, JUDGE_OFF)
    kb = _kb(request)

    def run() -> dict[str, Any]:
        with WRITE_LOCK:
            out = work(kb)
        request.app.state.overview_cache.clear()
        return out

    return await asyncio.to_thread(run)


@router.get("", responses=responses("judgements"),
            summary="Event judgements in force (all, or those naming one event's mentions)",
            dependencies=[Depends(format_param)])
def judgements(request: Request,
               event: Annotated[str | None, Query(pattern=_EVENT_ID,
                                                  description="Only those naming a mention "
                                                              "of this event.")] = None,
               ) -> dict[str, Any]:
    if event is not None:
        check_kb_id(event, "event id")
    found = _kb(request).event_judgements(event)
    return {"items": found, "limit": len(found), "offset": 0, "total": len(found),
            "next_offset": None}


@router.post("/split", status_code=201, responses=responses("judged"),
             summary="Split mentions off an event (needs --allow-judge and the token)")
async def split(request: Request, body: SplitBody) -> dict[str, Any]:
    if bool(body.mentions) == bool(body.documents):
        raise HTTPException(status_code=400, detail="give either mentions or documents")
    return await _write(request, lambda kb: kb.split_event(
        body.event, mentions=[m.model_dump() for m in body.mentions],
        documents=body.documents))


@router.post("/merge", status_code=201, responses=responses("judged"),
             summary="Merge two events into one (needs --allow-judge and the token)")
async def merge(request: Request, body: MergeBody) -> dict[str, Any]:
    return await _write(request, lambda kb: kb.merge_events(body.event, body.other))


@router.delete("/{judgement_id}", responses=responses("judged"),
               summary="Withdraw an event judgement (needs --allow-judge and the token)")
async def withdraw(request: Request, judgement_id: int,
                   event: Annotated[str | None, Query(
                       pattern=_EVENT_ID, description="The event the analyst is looking at: "
                                                      "the answer says where its mentions "
                                                      "went.")] = None) -> dict[str, Any]:
    return await _write(request, lambda kb: kb.withdraw_event_judgement(judgement_id,
                                                                         follow=event))


#: The names other modules use; everything else here is internal.
__all__ = [
    "JUDGE_PREFIX",
    "JUDGE_OFF",
    "router",
    "MentionRef",
    "SplitBody",
    "MergeBody",
    "judgements",
    "split",
    "merge",
    "withdraw",
]
