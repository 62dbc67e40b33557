"""Store: one SQLAlchemy Core schema on SQLite (default) or PostgreSQL."""

from .db import DEFAULT_DB, Store

__all__ = ["DEFAULT_DB", "Store"]
