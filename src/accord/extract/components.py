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
        try:
            importlib.import_module(module)
        except ModuleNotFoundError as exc:
            if exc.name is not None and module.startswith(exc.name):
                continue  # component not built yet
            raise
        out.append((name, config))
    return out


COMPONENTS: list[tuple[str, dict[str, Any]]] = _available()
