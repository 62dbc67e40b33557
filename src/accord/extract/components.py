"""Which accord components run, in order, with their config.

Each entry names a factory registered with spaCy (``@Language.factory``) in
the module listed beside it; importing that module registers the factory.
"""

from __future__ import annotations

import importlib
from typing import Any

#: (factory name, module that registers it, config)
PLAN: list[tuple[str, str, dict[str, Any]]] = [
    ("accord_actors", "accord.extract.actors.component", {}),
    ("accord_events", "accord.extract.events.component", {}),
]


def _available() -> list[tuple[str, dict[str, Any]]]:
    out = []
    for name, module, config in PLAN:
        importlib.import_module(module)  # a missing component is an error, not a gap
        out.append((name, config))
    return out


COMPONENTS: list[tuple[str, dict[str, Any]]] = _available()
