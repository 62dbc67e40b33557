"""accord: a sourced, dated knowledge base from international-relations articles.

``accord.open(db)`` returns a :class:`~accord.api.KnowledgeBase`.
"""

__version__ = "0.1.0"


def open(db="accord.db", *, create=True, read_only=False):  # noqa: A001
    """Open (or create) a knowledge base; see :func:`accord.api.open`."""
    from .api import open as _open

    return _open(db, create=create, read_only=read_only)


__all__ = ["__version__", "open"]
