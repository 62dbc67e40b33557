"""Response shapes of the HTTP API, for its OpenAPI schema.

They document what each route returns (the records of :mod:`accord.query`,
the same as the Python API's and the CLI's ``--json``) and every error answer
(400, 404, 422, 503). They describe, they do not filter: routes return the
query layer's dicts as they are, and records may carry more display fields than
listed here (``extra="allow"``).
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["ERRORS", "responses"]


class _Record(BaseModel):
    model_config = ConfigDict(extra="allow")


class Error(BaseModel):
    detail: str | list[dict[str, Any]] = Field(
        description="One line saying what was wrong (a list of field errors for 422).")


class Citation(_Record):
    document: str
    start: int = Field(description="Character offset in the document's original text.")
    end: int
    text: str | None = None
    sentence: str | None = None
    sentence_idx: int | None = None


class DateValue(_Record):
    value: str | None = Field(description="YYYY, YYYY-MM or YYYY-MM-DD; null if undated.")
    basis: str = Field(description="explicit, relative, publication or none.")


class Event(_Record):
    id: str
    type: str = Field(description="PLOVER event type.")
    quad: str | None = None
    source: list[str]
    target: list[str]
    source_names: list[str]
    target_names: list[str]
    joint: bool = Field(description="Both sides are the same actors.")
    actors_label: str = Field(description="'A -> B', or 'A <-> B' for a joint event.")
    date: DateValue
    modality: str
    independent_sources: int
    confidence: float | None = None
    mentions: list[Citation]


class Document(_Record):
    id: str
    source: str
    title: str | None = None
    published: str | None = None
    copy_of: str | None = None


class Entity(_Record):
    id: str
    name: str
    type: str


class Claim(_Record):
    id: str
    subject: str
    property: str
    value: Any = None


class Contradiction(_Record):
    id: str
    kind: str
    items: list[str]
    documents: list[str]
    explanation: str | None = None
    sides: list[dict[str, Any]] | None = Field(
        None, description="Per document: {document, title, published, copy_of, mentions}, "
                          "each mention a citation with `detail` (what that source states).")


class Copy(_Record):
    document: str
    copy_of: str
    copied_fraction: float | None = None
    copy_kind: str | None = None


class SearchHit(_Record):
    document: str
    start: int
    end: int
    text: str


class _Page(BaseModel):
    limit: int
    offset: int
    total: int | None = Field(None, description="null when counting would cost too much.")
    next_offset: int | None = Field(None, description="Offset of the next page, or null.")


class EventPage(_Page):
    items: list[Event]


class DocumentPage(_Page):
    items: list[Document]


class EntityPage(_Page):
    items: list[Entity]


class ClaimPage(_Page):
    items: list[Claim]


class ContradictionPage(_Page):
    items: list[Contradiction]


class CopyPage(_Page):
    items: list[Copy]


class SearchPage(_Page):
    items: list[SearchHit]


class Side(_Record):
    id: str
    name: str


class Dyad(_Record):
    a: Side
    b: Side
    total: int
    main_events: list[Event]


class Answer(_Record):
    text: str
    found: bool


class Resolved(_Record):
    query: str
    id: str = Field(description="The entity id the name refers to.")


class Judgement(_Record):
    id: int | None
    kind: str = Field(description="merge or split.")
    a: list[dict[str, Any]] = Field(description="Mentions ({document, start, end, type}).")
    b: list[dict[str, Any]]
    created_at: str
    description: str
    status: str = Field(description="applied, withdrawn, or why it is not applied.")
    events: list[str] = Field(description="The events that now hold its mentions.")


class JudgementPage(_Page):
    items: list[Judgement]


class Judged(_Record):
    judgement: Judgement
    problems: list[str] = Field(description="Judgements this one contradicts (neither applied).")
    skipped: list[str] = Field(description="Judgements the reconciliation did not apply, why.")
    event: str | None = Field(description="The event that now holds the mentions followed "
                                          "(what stays after a split; the merged event).")
    events: list[str] = Field(description="Every event now holding a judged mention.")


class Stats(_Record):
    store: str
    counts: dict[str, int]


#: Error answers every API route may give.
ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": Error, "description": "A parameter is well-formed but impossible "
                                         "(a date that does not exist, an unknown kind)."},
    404: {"model": Error, "description": "No such document, actor, event or claim."},
    422: {"model": Error, "description": "A parameter does not have the expected form."},
    503: {"model": Error, "description": "The store cannot be read (damaged, or its server "
                                         "is gone)."},
}

_MODELS: dict[str, type[BaseModel]] = {
    "events": EventPage, "event": Event, "documents": DocumentPage, "document": Document,
    "entities": EntityPage, "entity": Entity, "claims": ClaimPage, "claim": Claim,
    "contradictions": ContradictionPage, "copies": CopyPage, "search": SearchPage,
    "dyad": Dyad, "ask": Answer, "stats": Stats, "resolve": Resolved,
    "judgements": JudgementPage, "judged": Judged,
}


def responses(name: str) -> dict[int | str, dict[str, Any]]:
    """``responses=`` for a route: its 200 shape (``name`` in the table above), and the errors."""
    return {200: {"model": _MODELS[name], "description": "OK (also as CSV with ?format=csv "
                                                         "for lists)"}, **ERRORS}
