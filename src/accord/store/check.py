"""Is a store sound? Integrity, schema version, row counts and server reachability.

``accord check`` prints :func:`check_store`'s findings; read commands call
:func:`verify_readable` so that a damaged SQLite file is reported (exit 4)
instead of answering from whatever pages happen to be intact. A store is
rebuilt from its ``documents`` table (the original texts are stored) when only
derived tables are damaged, or from the original files otherwise; the advice
says which.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import StoreDamaged, StoreError
from .db import SQLITE_MAGIC, Store, display_url, normalise_url

#: Tables whose rows a store derives from ``documents``; losing them costs a rebuild only.
DERIVED = ("sentences", "mentions", "event_mentions", "claim_mentions", "entities", "events",
           "claims", "contradictions")


@dataclass
class CheckReport:
    """What :func:`check_store` found; ``ok`` when nothing is wrong."""

    store: str
    checks: list[tuple[str, bool, str]] = field(default_factory=list)  # (name, ok, detail)
    counts: dict[str, int] = field(default_factory=dict)
    schema_version: int | None = None
    advice: str = ""

    @property
    def ok(self) -> bool:
        return all(ok for _, ok, _ in self.checks)

    def add(self, name: str, ok: bool, detail: str) -> None:
        self.checks.append((name, ok, " ".join(detail.split())[:300]))

    def to_dict(self) -> dict[str, Any]:
        return {"store": self.store, "ok": self.ok, "schema_version": self.schema_version,
                "checks": [{"check": n, "ok": ok, "detail": d} for n, ok, d in self.checks],
                "counts": self.counts, "advice": self.advice}


def check_store(db: str | os.PathLike[str], *, full: bool = True) -> CheckReport:
    """Check the store ``db`` without changing it.

    SQLite: file header, ``PRAGMA integrity_check`` (``quick_check`` when
    ``full`` is false), schema version, row-count sanity. PostgreSQL:
    connectivity, schema version, row-count sanity.
    """
    url = normalise_url(db)
    report = CheckReport(store=display_url(url))
    if url.startswith("sqlite"):
        path = Path(url.removeprefix("sqlite:///"))
        if not _sqlite_file(path, report, full):
            report.advice = _advice(report, path)
            return report
    try:
        store = Store(db, create=False, read_only=True)
    except StoreError as exc:
        report.add("open", False, str(exc))
        report.advice = _advice(report, None)
        return report
    try:
        if store.dialect == "postgresql":
            report.add("server", True, "reachable")
        from . import schema as S
        from .migrations import current_version

        with store.connect() as conn:
            report.schema_version = current_version(conn)
        report.add("schema", report.schema_version == S.SCHEMA_VERSION,
                   f"v{report.schema_version} (this accord: v{S.SCHEMA_VERSION})")
        report.counts = store.counts()
        _sanity(report, store)
    except StoreError as exc:
        report.add("read", False, str(exc))
    finally:
        store.close()
    report.advice = _advice(report, store.path)
    return report


def _sqlite_file(path: Path, report: CheckReport, full: bool) -> bool:
    """Header and page-level checks of a SQLite file; False when it cannot be opened at all."""
    if not path.is_file():
        report.add("file", False, f"{path}: no such store file")
        return False
    try:
        with path.open("rb") as fh:
            head = fh.read(100)
    except OSError as exc:
        report.add("file", False, f"cannot read ({exc.strerror})")
        return False
    if not head.startswith(SQLITE_MAGIC):
        report.add("header", False, "not a SQLite database (the file header is damaged)")
        return False
    page_size = int.from_bytes(head[16:18], "big") or 65536
    pages = int.from_bytes(head[28:32], "big")
    size = path.stat().st_size
    if pages and size < pages * page_size and not path.with_name(path.name + "-wal").exists():
        report.add("size", False, f"file is {size} bytes, its header says {pages * page_size} "
                   "(truncated)")
    pragma = "integrity_check" if full else "quick_check"
    try:
        problems = integrity_problems(path, pragma)
    except sqlite3.Error as exc:
        report.add(pragma, False, str(exc))
        return False
    report.add(pragma, not problems, "; ".join(problems[:3]) or "ok")
    return True


def integrity_problems(path: Path, pragma: str = "quick_check", limit: int = 20) -> list[str]:
    """SQLite's own page and index check of ``path``, read-only; [] when sound."""
    from .db import _dir_writable

    flag = "mode=ro" if _dir_writable(path.parent) else "immutable=1"
    from urllib.parse import quote

    conn = sqlite3.connect(f"file:{quote(str(path.resolve()))}?{flag}", uri=True)
    try:
        rows = conn.execute(f"PRAGMA {pragma}({int(limit)})").fetchall()
    finally:
        conn.close()
    found = [line.strip() for r in rows for line in str(r[0]).splitlines()
             if line.strip() and not line.startswith("***")]
    return [] if found == ["ok"] else found


def _sanity(report: CheckReport, store: Store) -> None:
    """Row counts that cannot all be true of a sound store."""
    c = report.counts
    bad = []
    if c.get("documents", 0) == 0 and any(c.get(t, 0) for t in DERIVED):
        bad.append("records but no documents")
    if c.get("events", 0) and not c.get("event_mentions", 0):
        bad.append("events without any event mention")
    if c.get("claims", 0) and not c.get("claim_mentions", 0):
        bad.append("claims without any claim mention")
    if c.get("copies", 0) > c.get("documents", 0):
        bad.append("more copies than documents")
    report.add("counts", not bad, "; ".join(bad) or
               f"{c.get('documents', 0)} documents, {c.get('events', 0)} events")


def _advice(report: CheckReport, path: Path | None) -> str:
    if report.ok:
        return "the store is sound"
    failed = {n for n, ok, _ in report.checks if not ok}
    if "server" in failed or any("server unreachable" in d for _, _, d in report.checks):
        return "start the PostgreSQL server (or check the URL), then run `accord check` again"
    if failed == {"schema"}:
        return "open the store with a writing command (`accord reconcile`) to migrate it, " \
               "or upgrade accord if the store is newer"
    if failed <= {"counts"}:
        return "rebuild the derived tables from the stored texts: `accord reconcile` " \
               "(or a fresh `accord build` of the original files)"
    where = f" {path}" if path else ""
    return (f"the store{where} is damaged: move it aside and rebuild it with `accord build "
            "FILES --db NEW`; if only some pages are bad, `sqlite3 OLD .recover | sqlite3 NEW` "
            "may save the documents table (it holds every original text)")


def verify_readable(store: Store, max_bytes: int) -> None:
    """Raise :class:`StoreDamaged` if a SQLite store up to ``max_bytes`` fails ``quick_check``.

    Larger files are left to ``accord check`` (the scan reads every page).
    """
    if store.dialect != "sqlite" or store.path is None:
        return
    try:
        if store.path.stat().st_size > max_bytes:
            return
        problems = integrity_problems(store.path, "quick_check", 3)
    except (OSError, sqlite3.Error) as exc:
        raise StoreDamaged(f"{store.name}: store is damaged ({exc}); run "
                           f"`accord check --db {store.name}` for how to recover") from exc
    if problems:
        raise StoreDamaged(f"{store.name}: store is damaged ({problems[0][:150]}); run "
                           f"`accord check --db {store.name}` for how to recover")
