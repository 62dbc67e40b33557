"""Search and ask for the web layer: the knowledge base's answers, shaped for pages.

The query layer owns ranking (search) and question answering (ask), so the web
UI gives the same answers as ``accord search`` and ``accord ask``. Here results
only get the field names the templates use (``marks`` for highlight offsets).
"""

from __future__ import annotations

from typing import Any

from ..api import KnowledgeBase


def search(kb: KnowledgeBase, q: str, *, actor: str | None = None,
           date_from: str | None = None, date_to: str | None = None, limit: int = 20,
           offset: int = 0) -> list[dict[str, Any]]:
    """Ranked sentences; each hit has ``marks``: ``[start, end]`` of matched words in ``text``."""
    hits = kb.search(q, actor=actor, date_from=date_from, date_to=date_to, limit=limit,
                     offset=offset)
    for h in hits:
        h["marks"] = h.get("highlights") or []
    return hits


def ask(kb: KnowledgeBase, q: str, *, k: int = 3) -> dict[str, Any]:
    """``{question, found, text, evidence: [{kind, id, summary, citations, ...}], parsed}``."""
    return kb.ask(q, k=k)


#: The names other modules use; everything else here is internal.
__all__ = [
    "search",
    "ask",
]
