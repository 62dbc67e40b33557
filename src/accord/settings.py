"""Settings, declared once: the store, thresholds, outlet priors and the user's data files.

A :class:`Settings` value is built once at the edge (the CLI, :func:`accord.open`,
the web app) from the environment and the command line, and passed down: the
build engine activates it for the duration of a build and hands it to every
worker process through the pool initialiser. Nothing below the edge reads
``os.environ`` for these values, and nothing writes it.

Why frozen dataclasses rather than pydantic-settings: the settings are a handful
of paths, they must pickle unchanged into worker processes, and the one piece
that needs validation, the thresholds file, takes its valid keys from the shipped
``data/thresholds.yaml`` (other engineers add keys there), which a static pydantic
model would have to repeat. The standard library does that in ~200 lines and
adds no dependency.

Environment variables (the edge reads them; see ``docs/settings.md``):

``ACCORD_DB``          default store (``accord.db``)
``ACCORD_THRESHOLDS``  YAML file layered key by key over ``data/thresholds.yaml``
``ACCORD_OUTLETS``     YAML file of outlet reliabilities replacing ``data/outlets.yaml``
``ACCORD_ACTORS``      extra gazetteer files, ``os.pathsep``-separated
``ACCORD_LEXICON``     extra event lexicon files, ``os.pathsep``-separated
``ACCORD_CAMEO_YAML``  a PLOVER -> CAMEO crosswalk replacing ``data/cameo.yaml``
"""

from __future__ import annotations

import copy
import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from .errors import ConfigError

__all__ = ["Settings", "ENVIRONMENT", "DEFAULT_DB", "current", "activate", "using",
           "threshold_keys", "read_yaml_mapping"]

DATA = Path(__file__).resolve().parent / "data"

#: The store used when none is named.
DEFAULT_DB = "accord.db"

#: Environment variable -> (Settings field, what it holds). The docs test checks
#: that each is documented.
ENVIRONMENT: dict[str, tuple[str, str]] = {
    "ACCORD_DB": ("db", "default store: a SQLite path or a postgresql:// URL"),
    "ACCORD_THRESHOLDS": ("thresholds_file", "YAML overriding keys of data/thresholds.yaml"),
    "ACCORD_OUTLETS": ("outlets_file", "YAML of outlet reliabilities replacing data/outlets.yaml"),
    "ACCORD_ACTORS": ("actors_files", "extra gazetteer files (os.pathsep-separated)"),
    "ACCORD_LEXICON": ("lexicon_files", "extra event lexicon files (os.pathsep-separated)"),
    "ACCORD_CAMEO_YAML": ("cameo_file", "PLOVER -> CAMEO crosswalk replacing data/cameo.yaml"),
}

#: libyaml when available. A file it rejects is re-read by the pure-Python
#: loader, so error messages stay the same.
_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _parse(text: str) -> Any:
    try:
        return yaml.load(text, Loader=_FAST_LOADER)  # noqa: S506 (safe loader)
    except yaml.YAMLError:
        return yaml.safe_load(text)


def read_yaml_mapping(path: Path) -> dict[str, Any]:
    """A YAML file whose top level is a mapping; errors name the file (and line)."""
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


def _paths(value: str | None) -> tuple[str, ...]:
    return tuple(p for p in (value or "").split(os.pathsep) if p)


@dataclass(frozen=True)
class Settings:
    """Everything a build or a query may be configured with; immutable, picklable."""

    db: str = DEFAULT_DB
    thresholds_file: str | None = None
    outlets_file: str | None = None
    actors_files: tuple[str, ...] = ()
    lexicon_files: tuple[str, ...] = ()
    cameo_file: str | None = None

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
        """Settings from ``environ`` (default: the process environment), then ``overrides``.

        Unknown override names are errors naming the valid ones.
        """
        env = os.environ if environ is None else environ
        values: dict[str, Any] = {
            "db": env.get("ACCORD_DB") or DEFAULT_DB,
            "thresholds_file": env.get("ACCORD_THRESHOLDS") or None,
            "outlets_file": env.get("ACCORD_OUTLETS") or None,
            "actors_files": _paths(env.get("ACCORD_ACTORS")),
            "lexicon_files": _paths(env.get("ACCORD_LEXICON")),
            "cameo_file": env.get("ACCORD_CAMEO_YAML") or None,
        }
        return cls(**values).with_(**overrides)

    def with_(self, **changes: Any) -> Settings:
        """A copy with ``changes``; ``None`` leaves a field as it is."""
        valid = {f for f in self.__dataclass_fields__}
        unknown = sorted(set(changes) - valid)
        if unknown:
            raise ConfigError(f"unknown setting {unknown[0]!r} (valid: {', '.join(sorted(valid))})")
        clean: dict[str, Any] = {}
        for key, value in changes.items():
            if value is None:
                continue
            if key in ("actors_files", "lexicon_files"):
                value = tuple(str(v) for v in value)
            else:
                value = str(value)
            clean[key] = value
        return replace(self, **clean) if clean else self

    # -- derived values (read and validated once per distinct file) ---------------
    @property
    def thresholds(self) -> dict[str, Any]:
        """``data/thresholds.yaml`` with the user's file layered over it, key by key.

        Read once per file and shared (hot loops read it): callers must not change it.
        """
        return _thresholds(self.thresholds_file)

    @property
    def outlets(self) -> dict[str, float]:
        """Outlet name (lower case) -> reliability in [0, 1]; shared, like :attr:`thresholds`."""
        return _outlets(self.outlets_file)

    def check(self) -> Settings:
        """Read every file named, so a bad one fails at the edge, before any work."""
        _thresholds(self.thresholds_file)
        _outlets(self.outlets_file)
        return self


# -- the active settings -----------------------------------------------------------
_active: Settings | None = None


def current() -> Settings:
    """The settings of the running build or query.

    The edge activates them; a library call that never went through an edge
    (a reconcile function called directly) reads the environment as it is now.
    """
    return _active if _active is not None else Settings.from_env()


def activate(settings: Settings | None) -> Settings | None:
    """Make ``settings`` the active ones (worker initialisers call this); returns the previous.

    ``None`` goes back to reading the environment.
    """
    global _active
    previous, _active = _active, settings
    return previous


@contextmanager
def using(settings: Settings) -> Iterator[Settings]:
    """Activate ``settings`` for a block (one build, one request), then restore."""
    previous = activate(settings)
    try:
        yield settings
    finally:
        activate(previous)


# -- thresholds: valid keys come from the shipped file ---------------------------------
@lru_cache(maxsize=1)
def _defaults() -> dict[str, Any]:
    return read_yaml_mapping(DATA / "thresholds.yaml")


def threshold_keys() -> list[str]:
    """Every threshold key the shipped file declares, as a dotted path (``copies.lsh_bands``)."""
    out: list[str] = []

    def walk(prefix: str, node: Mapping[str, Any]) -> None:
        for key, value in node.items():
            path = f"{prefix}{key}"
            out.append(path)
            if isinstance(value, dict):
                walk(f"{path}.", value)

    walk("", _defaults())
    return out


def _merge(base: dict[str, Any], over: Mapping[str, Any], where: str, prefix: str = "") -> None:
    """Layer ``over`` onto ``base`` in place; a key the base does not declare is an error."""
    for key, value in over.items():
        if key not in base:
            valid = ", ".join(str(k) for k in base)
            raise ConfigError(f"{where}: unknown threshold key {prefix + str(key)!r} "
                              f"(valid{' under ' + prefix.rstrip('.') if prefix else ''}: {valid})")
        if isinstance(base[key], dict):
            if not isinstance(value, dict):
                raise ConfigError(f"{where}: threshold {prefix + str(key)!r} must be a mapping")
            _merge(base[key], value, where, f"{prefix}{key}.")
        else:
            base[key] = value


@lru_cache(maxsize=8)
def _thresholds(path: str | None) -> dict[str, Any]:
    base = copy.deepcopy(_defaults())
    if path:
        _merge(base, read_yaml_mapping(Path(path)), path)
    return base


@lru_cache(maxsize=8)
def _outlets(path: str | None) -> dict[str, float]:
    name = path or str(DATA / "outlets.yaml")
    data = read_yaml_mapping(Path(name))
    outlets = data.get("outlets") or {}
    if not isinstance(outlets, dict):
        raise ConfigError(f"{name}: `outlets` must be a mapping")
    out: dict[str, float] = {}
    for key, value in outlets.items():
        try:
            rel = float(value)
        except (TypeError, ValueError) as exc:
            raise ConfigError(f"{path or 'outlets.yaml'}: outlet {key!r}: not a number") from exc
        if not 0.0 <= rel <= 1.0:
            raise ConfigError(f"{path or 'outlets.yaml'}: outlet {key!r}: must be within 0..1")
        out[str(key).strip().lower()] = rel
    return out
