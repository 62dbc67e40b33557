"""``QueryAPI``: the query, report and export functions as methods of a knowledge base.

``accord.api.KnowledgeBase`` inherits this mixin and provides ``self.store``,
so ``accord.open("accord.db").timeline(actor="Poland")`` works. Each method
forwards to the module-level function of the same name with ``self.store``.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from .actors import entities as _entities
from .actors import entity as _entity
from .actors import resolve_actor as _resolve_actor
from .ask import ask as _ask
from .contradictions import contradictions as _contradictions
from .documents import copies as _copies
from .documents import document as _document
from .documents import documents as _documents
from .dyad import dyad as _dyad
from .events import event as _event
from .events import timeline as _timeline
from .search import search as _search

if TYPE_CHECKING:
    from ..store import Store


class QueryAPI:
    store: Store

    def timeline(self, actor: str | None = None, dyad: Sequence[str] | None = None,
                 date_from: str | None = None, date_to: str | None = None,
                 types: Sequence[str] | str | None = None, min_sources: int = 1,
                 limit: int | None = None) -> list[dict[str, Any]]:
        return _timeline(self.store, actor=actor, dyad=dyad, date_from=date_from,
                               date_to=date_to, types=types, min_sources=min_sources, limit=limit)

    def dyad(self, a: str, b: str) -> dict[str, Any]:
        return _dyad(self.store, a, b)

    def search(self, query: str, actor: str | None = None, date_from: str | None = None,
               date_to: str | None = None, limit: int = 20) -> list[dict[str, Any]]:
        return _search(self.store, query, actor=actor, date_from=date_from,
                             date_to=date_to, limit=limit)

    def ask(self, question: str) -> dict[str, Any]:
        return _ask(self.store, question)

    def entities(self, **filters: Any) -> list[dict[str, Any]]:
        return _entities(self.store, **filters)

    def entity(self, name_or_id: str) -> dict[str, Any]:
        return _entity(self.store, name_or_id)

    def resolve_actor(self, text: str) -> str:
        return _resolve_actor(self.store, text)

    def event(self, id: str) -> dict[str, Any]:
        return _event(self.store, id)

    def document(self, id: str) -> dict[str, Any]:
        return _document(self.store, id)

    def documents(self, **filters: Any) -> list[dict[str, Any]]:
        return _documents(self.store, **filters)

    def contradictions(self, **filters: Any) -> list[dict[str, Any]]:
        return _contradictions(self.store, **filters)

    def copies(self) -> list[dict[str, Any]]:
        return _copies(self.store)

    def brief(self, a: str, b: str, path: str | os.PathLike[str] | None = None) -> str:
        """Write the dyad brief to ``path`` (``.html`` or ``.md``); returns the text."""
        from ..report import brief

        return brief(self.store, a, b, path)

    def export(self, format: str, path: str | os.PathLike[str] | None = None) -> Any:
        """Export the store (``json csv graphml gexf ftm cameo``); see :mod:`accord.export`."""
        from ..export import export

        return export(self.store, format, path)

    def export_json(self) -> dict[str, Any]:
        """The ``accord/v1`` document as a Python dict."""
        from ..export.json_export import to_dict

        return to_dict(self.store)
