"""Request hygiene for the web app: id patterns, write tokens, size limits, headers.

The app is read-only and bound to localhost by default. Ids in URLs are checked
against strict patterns before they reach a query, so no id can carry a path
separator, a NUL or markup. Writes (the optional upload and event judgements)
always need the token (compared in constant time), which also stops a web page
the analyst visits from posting to the local server behind their back (CSRF);
a write whose ``Origin`` is another site is refused before the token is looked at. Every response
carries a Content-Security-Policy that forbids inline and foreign scripts, a
second line of defence behind template autoescaping.
"""

from __future__ import annotations

import hmac
import ipaddress
import re

from fastapi import HTTPException, Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

#: Document ids are content hashes (hex); allow any short run of safe characters.
DOC_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
#: Knowledge ids (entities, events, claims, contradictions): words, dots, colons, dashes.
KB_ID = re.compile(r"^[\w.:@+-]{1,128}$", re.UNICODE)

#: Largest offset (items skipped) a list accepts; larger is a 422, not an integer
#: overflow in the database driver.
MAX_OFFSET = 1_000_000
#: Largest character offset into a document (``start``/``end`` of a highlight).
MAX_TEXT_OFFSET = 100_000_000

#: C0 control characters and DEL: no parameter has a use for them, and a NUL
#: is an error in a PostgreSQL string.
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")

#: Largest request body accepted for anything but an upload.
MAX_BODY = 64 * 1024
#: Largest upload (one article).
MAX_UPLOAD = 5 * 1024 * 1024

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)


def check_doc_id(doc_id: str) -> str:
    if not DOC_ID.fullmatch(doc_id):
        raise HTTPException(status_code=400, detail="invalid document id")
    return doc_id


def check_kb_id(value: str, what: str = "id") -> str:
    if not KB_ID.fullmatch(value) or ".." in value:
        raise HTTPException(status_code=400, detail=f"invalid {what}")
    return value


def reject_control_chars(request: Request) -> None:
    """App-wide dependency: a query parameter with a control character is a 422.

    (Ids in paths are checked against their patterns by each route: 400.)
    """
    from fastapi.exceptions import RequestValidationError

    for key, value in request.query_params.multi_items():
        if _CONTROL.search(key) or _CONTROL.search(value):
            raise RequestValidationError([{"loc": ("query", key[:40]),
                                           "msg": "control characters are not allowed",
                                           "type": "value_error"}])


def is_loopback(host: str) -> bool:
    if host in ("localhost", "localhost.localdomain"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def require_token(request: Request, token: str | None) -> None:
    """Refuse a write unless the request carries the configured token."""
    if not token:
        raise HTTPException(status_code=403, detail="writes are disabled (no token configured)")
    given = request.headers.get("x-accord-token") or ""
    auth = request.headers.get("authorization") or ""
    if not given and auth.lower().startswith("bearer "):
        given = auth[7:].strip()
    if not given or not hmac.compare_digest(given.encode(), token.encode()):
        raise HTTPException(status_code=401, detail="missing or wrong token")


def check_origin(request: Request) -> None:
    """Refuse a write sent by a page of another origin (a browser always says which).

    Behind the token this is a second guard: no other site's page can make the
    analyst's browser write, even one that learnt the token. Clients that are not
    browsers send no ``Origin`` and are judged by the token alone.
    """
    origin = request.headers.get("origin")
    if origin is None:
        return
    host = request.headers.get("host") or ""
    if origin == "null" or origin.split("://", 1)[-1].rstrip("/").lower() != host.lower():
        raise HTTPException(status_code=403, detail="cross-origin write refused")


def require_write(request: Request, enabled: bool, disabled: str) -> None:
    """Every write's checks, in order: switched on (else 403 ``disabled``), same
    origin, the token."""
    if not enabled:
        raise HTTPException(status_code=403, detail=disabled)
    check_origin(request)
    require_token(request, request.app.state.token)


class BodyLimit:
    """ASGI middleware: reject bodies over the limit (413), by header and while streaming."""

    def __init__(self, app: ASGIApp, *, default: int = MAX_BODY, upload: int = MAX_UPLOAD,
                 upload_paths: tuple[str, ...] = ("/api/upload",)):
        self.app = app
        self.default = default
        self.upload = upload
        self.upload_paths = upload_paths

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.upload if scope.get("path") in self.upload_paths else self.default
        for name, value in scope.get("headers") or []:
            if name == b"content-length":
                try:
                    too_big = int(value) > limit
                except ValueError:
                    too_big = True
                if too_big:
                    await _reject(send, limit)
                    return
        seen = 0
        over = False
        started = False

        async def limited() -> Message:
            nonlocal seen, over
            msg = await receive()
            if msg["type"] == "http.request":
                seen += len(msg.get("body", b""))
                if seen > limit:
                    over = True
                    raise _TooLarge()
            return msg

        async def guarded(msg: Message) -> None:
            # A form parser may catch _TooLarge and answer 400 "error parsing the
            # body" (a chunked upload has no Content-Length): the answer is still 413.
            nonlocal started
            if over:
                if msg["type"] == "http.response.start" and not started:
                    started = True
                    await _reject(send, limit)
                return
            started = started or msg["type"] == "http.response.start"
            await send(msg)

        try:
            await self.app(scope, limited, guarded)
        except _TooLarge:
            if not started:
                await _reject(send, limit)


class _TooLarge(Exception):
    pass


async def _reject(send: Send, limit: int) -> None:
    body = f'{{"detail":"request body larger than {limit} bytes"}}'.encode()
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


def security_headers() -> dict[str, str]:
    return {
        "Content-Security-Policy": CSP,
        "X-Content-Type-Options": "nosniff",
        "X-Frame-Options": "DENY",
        "Referrer-Policy": "no-referrer",
        "Cross-Origin-Resource-Policy": "same-origin",
    }


#: The names other modules use; everything else here is internal.
__all__ = [
    "DOC_ID",
    "KB_ID",
    "MAX_OFFSET",
    "MAX_TEXT_OFFSET",
    "MAX_BODY",
    "MAX_UPLOAD",
    "CSP",
    "check_doc_id",
    "check_kb_id",
    "reject_control_chars",
    "is_loopback",
    "require_token",
    "check_origin",
    "require_write",
    "BodyLimit",
    "security_headers",
]
