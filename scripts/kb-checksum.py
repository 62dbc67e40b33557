"""Checksums of a knowledge base, table by table, for "a refactor changed nothing".

Usage::

    python scripts/kb-checksum.py STORE            # checksum an existing store
    python scripts/kb-checksum.py --build DIR      # build DIR into a temporary store first

Every table of the schema is read in full, rows sorted, and hashed; columns that
record *when* something happened (``added_at``, ``reconciled_at``, ``created_at``,
``started_at``, ``finished_at``) and the ``runs`` table are left out, since two
builds of the same input differ there and nowhere else. Compare the output of
two trees (before and after a refactor) with ``diff``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from sqlalchemy import select

#: Columns whose values are wall-clock times.
TIME_COLUMNS = {"added_at", "reconciled_at", "created_at", "started_at", "finished_at"}
#: Tables that log runs rather than hold knowledge.
SKIP_TABLES = {"runs"}


def checksums(db: str) -> dict[str, str]:
    """Table name -> ``rows:sha256`` over the sorted, JSON-encoded rows."""
    from accord.store import Store
    from accord.store import schema as S

    out: dict[str, str] = {}
    with Store(db, create=False, read_only=True) as store, store.connect() as conn:
        for name, table in sorted(S.metadata.tables.items()):
            if name in SKIP_TABLES:
                continue
            cols = [c for c in table.columns if c.name not in TIME_COLUMNS]
            rows = sorted(json.dumps(list(r), sort_keys=True, default=str)
                          for r in conn.execute(select(*cols)))
            digest = hashlib.sha256("\n".join(rows).encode()).hexdigest()[:16]
            out[name] = f"{len(rows)}:{digest}"
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("target", help="a store, or with --build a folder of articles")
    ap.add_argument("--build", action="store_true", help="build TARGET into a temporary store")
    args = ap.parse_args()
    if not args.build:
        db = args.target
        result = checksums(db)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            db = str(Path(tmp) / "kb.db")
            accord = Path(sys.executable).with_name("accord")
            subprocess.run([str(accord), "build", args.target, "--db", db, "--workers", "1",
                            "--quiet"], check=False)
            result = checksums(db)
    for name, value in result.items():
        print(f"{name}\t{value}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
