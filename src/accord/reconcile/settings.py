"""Reconciliation settings: thresholds and outlet priors, read from commented YAML.

The numbers live in ``accord/data/thresholds.yaml`` and ``accord/data/outlets.yaml``
rather than in code so that an analyst can see and tune why two articles were
called copies or two mentions one event.
"""

from __future__ import annotations

from typing import Any

from ..settings import DATA, Settings, current

__all__ = ["DATA", "load_thresholds", "load_outlets"]


def load_thresholds(path: str | None = None) -> dict[str, Any]:
    """Defaults from the shipped file, overridden key by key by ``path``.

    Without ``path``, the active settings' thresholds file (``$ACCORD_THRESHOLDS``
    at the edge) is layered over the defaults, so a whole build runs with tuned
    thresholds. A key the shipped file does not declare is an error naming it.
    """
    return (Settings(thresholds_file=path) if path else current()).thresholds


def load_outlets(path: str | None = None) -> dict[str, float]:
    """Outlet name (lower case) -> reliability in [0, 1].

    Without ``path``: the active settings' outlets file (``$ACCORD_OUTLETS`` at the
    edge), else the shipped ``outlets.yaml``.
    """
    return (Settings(outlets_file=path) if path else current()).outlets
