"""accord.web: a local web UI and JSON API over a knowledge base (read-only by default).

``create_app(db)`` builds the FastAPI app; ``accord serve`` runs it with uvicorn.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from fastapi import FastAPI


def create_app(db: Any, *, token: str | None = None, allow_upload: bool = False,
               allow_judge: bool = False, allowed_hosts: list[str] | None = None,
               settings: Any = None) -> FastAPI:
    """See :func:`accord.web.app.create_app`."""
    from .app import create_app as _create

    return _create(db, token=token, allow_upload=allow_upload, allow_judge=allow_judge,
                   allowed_hosts=allowed_hosts, settings=settings)


__all__ = ["create_app"]
