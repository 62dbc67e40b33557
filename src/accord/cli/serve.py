"""``accord serve``: the local web UI and HTTP API (see docs/web.md)."""

from __future__ import annotations

import errno
import secrets
import socket
from typing import Annotated

import typer

from ..errors import AccordError
from .common import DEFAULT_DB, DbOption, console, open_store


class ServeError(AccordError):
    exit_code = 2


def register(app: typer.Typer) -> None:
    @app.command("serve")
    def serve(
        db: DbOption = DEFAULT_DB,
        host: Annotated[str, typer.Option(help="Interface to bind; anything but loopback "
                                               "exposes the store to the network.")] = "127.0.0.1",
        port: Annotated[int, typer.Option(min=0, max=65535, help="TCP port.")] = 8000,
        token: Annotated[str | None, typer.Option(
            envvar="ACCORD_TOKEN", help="Secret that write requests (uploads, judgements) must "
                                        "send as 'Authorization: Bearer TOKEN'.")] = None,
        allow_upload: Annotated[bool, typer.Option(
            "--allow-upload", help="Accept new articles at POST /api/upload (needs the token; "
                                   "one is generated and printed if none is given).")] = False,
        allow_judge: Annotated[bool, typer.Option(
            "--allow-judge", help="Let analysts merge and split events from the event page and "
                                  "at /api/judgements/events (needs the token, like "
                                  "uploads).")] = False,
    ) -> None:
        """Serve the web UI and JSON API over a store (read-only unless --allow-upload or
        --allow-judge)."""
        import uvicorn

        from ..web import create_app
        from ..web.app import LOOPBACK_HOSTS
        from ..web.security import is_loopback

        local = is_loopback(host)
        writes = allow_upload or allow_judge
        what = "uploads" if allow_upload else "judgements"
        if writes and not token:
            if not local:
                raise ServeError(f"--host {host}: {what} on a non-local address need --token")
            token = secrets.token_urlsafe(24)
            console.print(f"write token (send as 'Authorization: Bearer …'): {token}",
                          highlight=False)
        if not local:
            console.print(f"[yellow]warning:[/yellow] serving {db} on {host}: anyone who can "
                          "reach this address can read the store", highlight=False)
        hosts = None
        if local:
            hosts = LOOPBACK_HOSTS + ([host] if host not in LOOPBACK_HOSTS else [])
        open_store(db, read_only=not writes).close()  # a damaged store: exit 4, not 503s
        from ..settings import current

        web = create_app(db, token=token, allow_upload=allow_upload, allow_judge=allow_judge,
                         allowed_hosts=hosts,
                         settings=current())  # the command's settings, built at its edge
        sock = _bind(host, port)  # before announcing: a busy port is a one-line error
        port = sock.getsockname()[1]
        shown = f"[{host}]" if ":" in host else host
        mode = " and ".join(w for w, on in (("uploads", allow_upload),
                                             ("judgements", allow_judge)) if on)
        console.print(f"accord: serving {web.state.store.name} at http://{shown}:{port}/ "
                      f"({mode + ' allowed' if mode else 'read-only'}); Ctrl-C stops",
                      highlight=False)
        config = uvicorn.Config(web, log_level="warning", server_header=False,
                                limit_concurrency=64, timeout_keep_alive=5)
        uvicorn.Server(config).run(sockets=[sock])


def _bind(host: str, port: int) -> socket.socket:
    """A listening socket on ``host:port`` that the server then serves on (no race)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
        sock.listen(128)
    except OSError as exc:
        sock.close()
        reason = ("is in use" if exc.errno == errno.EADDRINUSE
                  else f"cannot be used ({exc.strerror})")
        raise ServeError(f"{host}:{port} {reason}; choose another with --port "
                         "(--port 0 picks a free one)") from None
    sock.set_inheritable(True)
    return sock


#: The names other modules use; everything else here is internal.
__all__ = [
    "ServeError",
    "register",
]
