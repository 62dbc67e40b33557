"""Reconciliation settings: thresholds and outlet priors, read from commented YAML.

The numbers live in ``accord/data/thresholds.yaml`` and ``accord/data/outlets.yaml``
rather than in code so that an analyst can see and tune why two articles were
called copies or two mentions one event.
"""

from __future__ import annotations

import copy
import os
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from ..errors import ConfigError

DATA = Path(__file__).resolve().parent.parent / "data"


#: libyaml when available (faster; part of every ``accord add``). A file it rejects
#: is re-read by the pure-Python loader, so error messages stay the same.
_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _parse(text: str) -> Any:
    try:
        return yaml.load(text, Loader=_FAST_LOADER)  # noqa: S506 (safe loader)
    except yaml.YAMLError:
        return yaml.safe_load(text)


def _read(path: Path) -> dict[str, Any]:
    try:
        data = _parse(path.read_text(encoding="utf-8")) or {}
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read ({exc.strerror})") from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark else ""
        raise ConfigError(f"{path}:{where} invalid YAML") from exc
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: expected a mapping at the top level")
    return data


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    out = copy.deepcopy(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def load_thresholds(path: str | None = None) -> dict[str, Any]:
    """Defaults from the shipped file, overridden key by key by ``path``.

    Without ``path``, the file named by ``$ACCORD_THRESHOLDS`` (if set) is layered
    over the defaults, so a whole build can run with tuned thresholds.
    """
    return _thresholds(path or os.environ.get("ACCORD_THRESHOLDS") or None)


@lru_cache(maxsize=8)
def _thresholds(path: str | None) -> dict[str, Any]:
    base = _read(DATA / "thresholds.yaml")
    if path:
        base = _merge(base, _read(Path(path)))
    return base


def load_outlets(path: str | None = None) -> dict[str, float]:
    """Outlet name (lower case) -> reliability in [0, 1].

    Without ``path``: ``$ACCORD_OUTLETS`` if set, else the shipped ``outlets.yaml``.
    """
    return _outlets(path or os.environ.get("ACCORD_OUTLETS") or None)


@lru_cache(maxsize=8)
def _outlets(path: str | None) -> dict[str, float]:
    data = _read(Path(path) if path else DATA / "outlets.yaml")
    outlets = data.get("outlets") or {}
    if not isinstance(outlets, dict):
        raise ConfigError(f"{path or DATA / 'outlets.yaml'}: `outlets` must be a mapping")
    out: dict[str, float] = {}
    for name, value in outlets.items():
        try:
            rel = float(value)
        except (TypeError, ValueError) as exc:
            raise ConfigError(f"{path or 'outlets.yaml'}: outlet {name!r}: not a number") from exc
        if not 0.0 <= rel <= 1.0:
            raise ConfigError(f"{path or 'outlets.yaml'}: outlet {name!r}: must be within 0..1")
        out[str(name).strip().lower()] = rel
    return out
