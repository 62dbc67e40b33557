"""Errors that users see.

Every error raised for bad input names the file and the reason in one line, so
a batch can report it and go on. The CLI maps these to exit codes.
"""

from __future__ import annotations


class AccordError(Exception):
    """Base class; ``str(err)`` is a one-line message fit for a terminal."""

    exit_code = 1


class IngestError(AccordError):
    """A file could not be read into a document (empty, binary, no text...)."""

    exit_code = 3

    def __init__(self, path: str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class StoreError(AccordError):
    """The store cannot be opened or written (unwritable path, corrupt file...)."""

    exit_code = 4


class StoreUnavailable(StoreError):
    """The store's server went away mid-command (PostgreSQL stopped, network lost).

    Everything committed before is kept; a build says to run it again to resume.
    """


class StoreDamaged(StoreError):
    """The store file is corrupt (SQLite "database disk image is malformed"...)."""


def store_error(name: str, exc: BaseException, *, what: str = "cannot read store") -> StoreError:
    """A one-line :class:`StoreError` for a database driver error on store ``name``.

    Lost connections and corrupt files get their own class and a message that
    says how to recover, because a user's next step differs: rerun the build,
    or check and rebuild the store.
    """
    orig = getattr(exc, "orig", None) or exc
    line = " ".join(str(orig).split())[:300]
    low = line.lower()
    if getattr(exc, "connection_invalidated", False) or _is_lost_connection(orig) or any(
            m in low for m in _LOST):
        if what == "cannot open store":
            return StoreUnavailable(f"{name}: cannot open store (server unreachable: {line})")
        return StoreUnavailable(f"{name}: server unreachable; run the build again to resume "
                                f"({line})")
    if any(m in low for m in _DAMAGED):
        return StoreDamaged(f"{name}: store is damaged ({line}); run `accord check --db {name}` "
                            "for how to recover")
    return StoreError(f"{name}: {what} ({line})")


#: Driver messages of a server that went away (psycopg, libpq).
_LOST = ("terminating connection due to administrator command", "server closed the connection",
         "connection refused", "the connection is lost", "connection is closed",
         "consuming input failed", "could not receive data from server",
         "no connection to the server", "connection timeout expired")
#: SQLite messages of a damaged file.
_DAMAGED = ("database disk image is malformed", "file is not a database",
            "disk i/o error", "malformed database schema")


def _is_lost_connection(orig: BaseException) -> bool:
    try:
        import psycopg
    except ImportError:
        return False
    e = psycopg.errors
    # Connection failures raise OperationalError itself; its subclasses are
    # server answers (deadlock, lock timeout) except the shutdown ones.
    return type(orig) is psycopg.OperationalError or isinstance(
        orig, e.AdminShutdown | e.CrashShutdown | e.CannotConnectNow)


class ConfigError(AccordError):
    """A user data file (actors YAML, lexicon) is malformed; names file and line."""

    exit_code = 2


class NotFound(AccordError):
    exit_code = 5
