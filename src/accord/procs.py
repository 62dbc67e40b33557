"""Whether a process still runs: the store's stale-lock check and the build's lifeline
(:mod:`accord.engine.lifeline`) ask the same question, so they share one answer.

At the bottom of the layers and free of imports, so that the build's forkserver,
which preloads the lifeline, does not load the store (SQLAlchemy) to ask it."""

from __future__ import annotations

import os


def pid_alive(pid: object) -> bool:
    """True while ``pid`` runs. A zombie (killed, not yet reaped) counts as gone; a pid
    that is not a number is unknown and counts as alive (never claim a holder died
    without knowing it); one we may not signal exists."""
    if not isinstance(pid, int) or isinstance(pid, bool):
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            return fh.read().rsplit(b")", 1)[1].split()[0] != b"Z"
    except (OSError, IndexError):  # no /proc (macOS) or a malformed line
        return True


__all__ = ["pid_alive"]
