"""accord: a sourced, dated knowledge base from international-relations articles.

``accord.open(db)`` returns a :class:`KnowledgeBase`. The names in ``__all__``
are the public API (a test pins them); every other module is internal.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .errors import AccordError, ConfigError, IngestError, NotFound, StoreError
from .records import (
    ActorRef,
    ClaimRecord,
    EventRecord,
    Extraction,
    IngestedDocument,
    MentionRecord,
    QuantityRecord,
    SentenceRecord,
)
from .settings import Settings

if TYPE_CHECKING:
    from .api import KnowledgeBase
    from .query.common import QueryError

__version__ = "0.1.0"


def open(db=None, *, create=True, read_only=False, settings=None):  # type: ignore[no-untyped-def]  # noqa: A001
    """Open (or create) a knowledge base; see :func:`accord.api.open`."""
    from .api import open as _open

    return _open(db, create=create, read_only=read_only, settings=settings)


def __getattr__(name: str) -> Any:
    """``KnowledgeBase`` and ``QueryError`` load the query layer: only when asked for."""
    if name == "KnowledgeBase":
        from .api import KnowledgeBase

        return KnowledgeBase
    if name == "QueryError":
        from .query.common import QueryError

        return QueryError
    raise AttributeError(f"module 'accord' has no attribute {name!r}")


__all__ = [
    "__version__",
    "open",
    "KnowledgeBase",
    "Settings",
    # records of one document's extraction
    "IngestedDocument",
    "Extraction",
    "SentenceRecord",
    "MentionRecord",
    "ActorRef",
    "EventRecord",
    "ClaimRecord",
    "QuantityRecord",
    # errors
    "AccordError",
    "ConfigError",
    "IngestError",
    "StoreError",
    "NotFound",
    "QueryError",
]
