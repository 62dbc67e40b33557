"""The FastAPI application: JSON API, server-rendered pages, static files.

``create_app(db)`` opens the store read-only (unless writes are allowed) as a
:class:`~accord.api.KnowledgeBase` (``app.state.kb``: every read and write of a
route goes through it, as the CLI's and a Python user's do) and wires four parts:
:mod:`.api` (``/api/...``), :mod:`.judge` (``/api/judgements/events``), :mod:`.pages`
(HTML) and the static directory. FastAPI's own Swagger UI loads its code from a CDN, so it is
switched off; ``/openapi.json`` stays and ``/docs`` is a page rendered here
from the same schema, with no script at all.
"""

from __future__ import annotations

import logging
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from sqlalchemy.exc import SQLAlchemyError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.routing import Match

from .. import __version__
from ..api import KnowledgeBase
from ..errors import AccordError, NotFound, StoreError, store_error
from ..settings import Settings, activate
from ..store import Store
from .judge import JUDGE_OFF, JUDGE_PREFIX
from .security import BodyLimit, reject_control_chars, security_headers
from .templating import make_templates

HERE = Path(__file__).resolve().parent
log = logging.getLogger("accord.web")

#: Host names accepted when the server listens on loopback: a web page cannot
#: reach the local API through a DNS name of its own (DNS rebinding).
LOOPBACK_HOSTS = ["localhost", "127.0.0.1", "::1", "[::1]"]


#: What a query parameter is, for a validation message in words (not a regex).
_DATE_FORMS = "a date: YYYY, YYYY-MM or YYYY-MM-DD"
_EXPECTED = {"from": _DATE_FORMS, "to": _DATE_FORMS,
             "modality": "modalities separated by commas (asserted, reported, alleged, denied, "
                         "negated, planned, hypothetical)",
             "kind": "a contradiction kind (numeric, status, date, copy_alteration, other)"}


def _plain_error(e: dict[str, Any]) -> str:
    """One validation error in words: ``from: 'x' is not a date: YYYY, ...``."""
    name = str((e.get("loc") or ("", ""))[-1])
    given = e.get("input")
    if e.get("type") == "string_pattern_mismatch":
        return f"{name}: {given!r} is not {_EXPECTED.get(name, 'valid here')}"
    return f"{name}: {e.get('msg', 'invalid')}" + (f" (got {given!r})" if given is not None
                                                   else "")


def allowed_methods(app: Any, scope: Any) -> list[str]:
    """The methods some route answers at this URL (GET implies HEAD; OPTIONS always)."""
    methods: set[str] = set()
    for route in app.routes:
        match, _ = route.matches({**scope, "method": "GET"})
        if match != Match.NONE:
            methods |= set(getattr(route, "methods", None) or {"GET"})
    if not methods:
        return []
    if "GET" in methods:
        methods.add("HEAD")
    order = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"]
    return [m for m in order if m in methods] + ["OPTIONS"]


async def as_csv(request: Request, response: Any) -> Response:
    """The JSON list of an API response as a CSV download (``?format=csv``)."""
    import json

    from .csvout import to_csv

    body = b"".join([chunk async for chunk in response.body_iterator])
    text = to_csv(json.loads(body))
    if text is None:
        return JSONResponse({"detail": "format=csv is for lists (this answer is one record)"},
                            status_code=400)
    name = request.url.path.rstrip("/").rsplit("/", 1)[-1] or "accord"
    return Response(text, media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{name}.csv"'})


def _lifespan(store: Store, settings: Settings, *, owned: bool) -> Any:
    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        previous = activate(settings)  # the app's settings while it serves
        try:
            yield
        finally:
            activate(previous)
            if owned:
                store.close()

    return lifespan


def create_app(
    db: str | os.PathLike[str] | Store,
    *,
    token: str | None = None,
    allow_upload: bool = False,
    allow_judge: bool = False,
    allowed_hosts: list[str] | None = None,
    settings: Settings | None = None,
) -> FastAPI:
    """The web app over the store ``db`` (path, URL or an open :class:`Store`).

    ``settings`` (default: the environment's, :meth:`Settings.from_env`) are built
    here, at the edge, and active while the app serves.
    Read-only unless ``allow_upload`` (articles) or ``allow_judge`` (an analyst's
    event judgements); every write also needs ``token``.
    ``allowed_hosts`` restricts the ``Host`` header (``accord serve`` passes the
    loopback names when it binds to localhost).
    """
    if isinstance(db, Store):
        store = db
    else:
        store = Store(db, create=False, read_only=not (allow_upload or allow_judge))
    settings = settings or Settings.from_env().check()
    app = FastAPI(
        title="accord",
        version=__version__,
        description="API over an accord knowledge base: documents, entities, events, "
                    "claims, contradictions, timelines, dyads, search and cited answers; "
                    "read-only unless the server allows uploads or event judgements. "
                    "Every fact carries its citations (document, start, end, sentence).",
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
        lifespan=_lifespan(store, settings, owned=not isinstance(db, Store)),
        dependencies=[Depends(reject_control_chars)],
    )
    app.state.store = store
    app.state.kb = KnowledgeBase(store, settings)
    app.state.token = token
    app.state.allow_upload = allow_upload
    app.state.allow_judge = allow_judge
    app.state.templates = make_templates()
    app.state.overview_cache = {}  # see pages._overview_aggregates

    @app.middleware("http")
    async def headers(request: Request, call_next: Any) -> Response:
        if request.method == "OPTIONS":  # which methods this URL answers
            allowed = allowed_methods(app, request.scope)
            if not allowed:
                return error(request, 404, f"no such page: {request.url.path}")
            return Response(status_code=204, headers={"Allow": ", ".join(allowed),
                                                      **security_headers()})
        head = request.method == "HEAD"
        if head:  # answered as GET without the body: same status and headers
            request.scope["method"] = "GET"
        if request.method not in ("GET", "HEAD", "OPTIONS"):
            path = request.url.path
            if path == "/api/upload":
                if not app.state.allow_upload:
                    return JSONResponse({"detail": "uploads are disabled (serve --allow-upload)"},
                                        status_code=403)
            elif path.startswith(JUDGE_PREFIX):
                if not app.state.allow_judge:
                    return JSONResponse({"detail": JUDGE_OFF}, status_code=403)
            else:
                return JSONResponse({"detail": "method not allowed: this server is read-only"},
                                    status_code=405)
        response: Response = await call_next(request)
        if request.query_params.get("format") == "csv" and request.url.path.startswith("/api/") \
                and response.status_code == 200:
            response = await as_csv(request, response)
        for k, v in security_headers().items():
            response.headers.setdefault(k, v)
        if head:
            async for _chunk in response.body_iterator:  # type: ignore[attr-defined]
                pass
            return Response(status_code=response.status_code, headers=dict(response.headers))
        return response

    app.add_middleware(BodyLimit)
    if allowed_hosts:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts)

    def wants_html(request: Request) -> bool:
        # Pages answer errors as pages, the API and static files as JSON.
        return not request.url.path.startswith(("/api/", "/openapi", "/static/"))

    def error(request: Request, status: int, message: str,
              bad: tuple[str, ...] = ()) -> Response:
        if wants_html(request):
            # Keep what the user asked for: the filters, and the page again without the
            # ones that were wrong.
            params = [(k, v) for k, v in request.query_params.multi_items() if v]
            keep = [(k, v) for k, v in params if k not in bad]
            retry = request.url.path + (f"?{urlencode(keep)}" if keep else "")
            page: Response = app.state.templates.TemplateResponse(
                request, "error.html", {"status": status, "message": message,
                                        "params": params, "bad": bad, "retry": retry},
                status_code=status)
            return page
        return JSONResponse({"detail": message}, status_code=status)

    @app.exception_handler(NotFound)
    async def not_found(request: Request, exc: NotFound) -> Response:
        return error(request, 404, str(exc))

    @app.exception_handler(StoreError)
    async def store_unavailable(request: Request, exc: StoreError) -> Response:
        # The store, not the request, is at fault (damaged file, server gone): 503.
        log.error("store error serving %s: %s", request.url.path, exc)
        return error(request, 503, str(exc))

    @app.exception_handler(SQLAlchemyError)
    async def store_failed(request: Request, exc: SQLAlchemyError) -> Response:
        err = store_error(store.name, exc)
        log.error("store error serving %s: %s", request.url.path, err)
        return error(request, 503, str(err))

    @app.exception_handler(AccordError)
    async def bad_request(request: Request, exc: AccordError) -> Response:
        # "--from: '2024-13' ..." names the parameter (the CLI's spelling)
        name = str(exc).split(":", 1)[0].lstrip("-")
        return error(request, 400, str(exc).replace("--from:", "from:").replace("--to:", "to:"),
                     bad=(name,) if name in request.query_params else ())

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        return error(request, exc.status_code, str(exc.detail))

    @app.exception_handler(Exception)
    async def crashed(request: Request, exc: Exception) -> Response:
        # Log the traceback for the operator; show the user one line, no internals.
        log.exception("error serving %s", request.url.path)
        return error(request, 500, f"internal error ({type(exc).__name__}); see the server log")

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        if wants_html(request):
            parts = [_plain_error(e) for e in exc.errors()]
            bad = tuple(str(e.get("loc", ("", ""))[-1]) for e in exc.errors())
            return error(request, 422, "; ".join(parts) or "invalid request", bad=bad)
        return JSONResponse({"detail": exc.errors()}, status_code=422)

    from . import api, judge, pages

    app.include_router(api.router)
    app.include_router(judge.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    @app.get("/docs", include_in_schema=False, response_class=HTMLResponse)
    def docs(request: Request) -> Response:
        page: Response = app.state.templates.TemplateResponse(
            request, "apidocs.html", {"spec": app.openapi(), "title": "API"})
        return page

    return app


#: The names other modules use; everything else here is internal.
__all__ = [
    "HERE",
    "log",
    "LOOPBACK_HOSTS",
    "allowed_methods",
    "as_csv",
    "create_app",
]
