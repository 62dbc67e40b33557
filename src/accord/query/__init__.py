"""Read-only queries over a store, shared by the CLI, the brief report and the web UI.

Every function takes a :class:`~accord.store.Store` first and returns plain,
JSON-serialisable dicts and lists (see ``docs/outputs.md`` for the shapes).
Nothing here writes the store.
"""

from .actors import entities, entity, resolve_actor
from .ask import Answer, Answerer, Evidence, ExtractiveAnswerer, ParsedQuestion, Retriever, ask
from .common import QueryError
from .contradictions import contradictions
from .documents import copies, document, documents
from .dyad import dyad, main_dyad
from .events import event, timeline
from .search import search

__all__ = [
    "timeline", "dyad", "main_dyad", "search", "ask", "entities", "entity", "event", "document",
    "documents",
    "contradictions", "copies", "resolve_actor", "QueryError",
    "Retriever", "Answerer", "ExtractiveAnswerer", "ParsedQuestion", "Evidence", "Answer",
]
