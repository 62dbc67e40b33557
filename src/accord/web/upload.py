"""Add an uploaded article to the store (the other write is :mod:`.judge`).

Off unless the server was started with uploads allowed, and always behind the
token (see :mod:`accord.web.security`). The file is written under a fresh
temporary directory with a sanitised name (never a path the client chose) and
added with the same build engine as ``accord add`` (:meth:`KnowledgeBase.add`);
one write at a time.
"""

from __future__ import annotations

import asyncio
import re
import tempfile
import threading
from pathlib import Path
from typing import Any

from fastapi import FastAPI, HTTPException

ALLOWED_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".pdf")
#: One write at a time (an upload or an event judgement): each reconciles the store.
WRITE_LOCK = threading.Lock()


def safe_name(filename: str) -> str:
    """A plain file name from whatever the client sent (no directories, no odd characters)."""
    base = re.split(r"[\\/]", filename)[-1]
    stem, dot, suffix = base.rpartition(".")
    if not dot or f".{suffix.lower()}" not in ALLOWED_SUFFIXES:
        raise HTTPException(status_code=415,
                            detail=f"unsupported file type (use {' '.join(ALLOWED_SUFFIXES)})")
    stem = re.sub(r"[^A-Za-z0-9_.-]+", "-", stem).strip(".-")[:80] or "upload"
    return f"{stem}.{suffix.lower()}"


def _add(kb: Any, name: str, body: bytes) -> dict[str, Any]:
    with WRITE_LOCK, tempfile.TemporaryDirectory(prefix="accord-upload-") as tmp:
        path = Path(tmp) / name
        path.write_bytes(body)
        report = kb.add([path], workers=1)
    # A build also finishes documents an earlier build left unextracted; report
    # only the uploaded file, and how many others were brought up to date.
    mine = [o for o in report.outcomes if Path(o.source).name == name]
    outcomes = [{"source": name, "status": o.status, "document_id": o.document_id,
                 "reason": o.reason, "title": o.title} for o in mine]
    return {"status": report.status, "documents": outcomes,
            "other_documents": len(report.outcomes) - len(mine)}


async def add_upload(app: FastAPI, filename: str, body: bytes) -> dict[str, Any]:
    name = safe_name(filename)
    if not body.strip():
        raise HTTPException(status_code=400, detail="empty file")
    result = await asyncio.to_thread(_add, app.state.kb, name, body)
    failed = [d for d in result["documents"] if d["status"] == "failed"]
    if failed:
        raise HTTPException(status_code=422, detail=f"{name}: {failed[0]['reason']}")
    return result


#: The names other modules use; everything else here is internal.
__all__ = [
    "ALLOWED_SUFFIXES",
    "WRITE_LOCK",
    "safe_name",
    "add_upload",
]
