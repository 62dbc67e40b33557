"""The event lexicon: YAML data files mapping words to PLOVER events.

The shipped files live in ``accord/data/lexicon/``; users add or override
entries with their own YAML files of the same shape (``ACCORD_LEXICON`` holds
extra paths separated by ``os.pathsep``, or pass ``lexicon_paths`` in the
component config). A user file is a mapping with any of the keys ``verbs``,
``nouns``, ``light_verbs`` and ``modality`` (same shapes as the shipped files);
user entries replace shipped entries with the same lemma.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from ...errors import ConfigError
from ...records import PLOVER_TYPES

DATA = Path(__file__).resolve().parent.parent.parent / "data"
LEXICON_DIR = DATA / "lexicon"


@dataclass(frozen=True)
class Entry:
    """One way of stating an event: a verb, a light-verb construction or a noun."""

    type: str
    cameo: str
    intensity: float
    symmetric: bool
    target_preps: frozenset[str] = frozenset()
    source_preps: frozenset[str] = frozenset()
    place_target: bool = False
    needs_object: bool = False
    particle: str | None = None
    needs_prep: frozenset[str] = frozenset()
    verbal: dict[str, Any] | None = None
    # nouns
    of: str | None = None
    poss: str | None = None
    planned: bool = False
    quantity_ok: bool = False
    singular: bool = False
    # light verbs
    preps: frozenset[str] = frozenset()
    subject_role: str = "source"
    object_role: str = "target"
    noun_owner: str = "none"


@dataclass
class Lexicon:
    types: dict[str, dict[str, Any]]
    verbs: dict[str, Entry]
    nouns: dict[str, Entry]
    light: dict[tuple[str, str], Entry]  # (verb lemma, noun lemma) -> entry
    modality: dict[str, Any]
    light_verbs: frozenset[str] = field(default_factory=frozenset)

    def make(self, raw: dict[str, Any], where: str) -> Entry:
        return _entry(self.types, raw, where)

    def verbal_entry(self, base: Entry) -> Entry:
        """The verbal-conflict reading of a physical verb ("attacked X for ...")."""
        spec = base.verbal or {}
        t = str(spec.get("as", "ACCUSE")).upper()
        d = self.types[t]
        return Entry(type=t, cameo=str(spec.get("cameo", d["cameo"])),
                     intensity=float(spec.get("intensity", d["intensity"])),
                     symmetric=False, target_preps=base.target_preps)


#: libyaml when available: the lexicon parses several times faster, which every new
#: ``accord add`` process pays. A file it rejects is re-read by the pure-Python loader,
#: so error messages stay the same.
_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _load_yaml(path: Path) -> Any:
    try:
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
        try:
            return yaml.load(text, Loader=_FAST_LOADER)  # noqa: S506 (safe loader)
        except yaml.YAMLError:
            return yaml.safe_load(text)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read lexicon ({exc.strerror})") from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f" line {mark.line + 1}" if mark is not None else ""
        raise ConfigError(f"{path}:{line} invalid YAML ({getattr(exc, 'problem', exc)})") from exc


def _words(raw: dict[str, Any], key: str, where: str) -> frozenset[str]:
    """A list of words; YAML reads bare on/off/yes/no as booleans, so say so."""
    items = raw.get(key) or []
    if not isinstance(items, list):
        raise ConfigError(f"{where}: `{key}` must be a list")
    for w in items:
        if not isinstance(w, str):
            raise ConfigError(f"{where}: `{key}` has {w!r}, not a word; quote words such as "
                              "\"on\" or \"no\" that YAML reads as booleans")
    return frozenset(w.lower() for w in items)


def _entry(types: dict[str, dict[str, Any]], raw: Any, where: str) -> Entry:
    if not isinstance(raw, dict) or "type" not in raw:
        raise ConfigError(f"{where}: entry needs a mapping with a `type`")
    t = str(raw["type"]).upper()
    if t not in PLOVER_TYPES:
        raise ConfigError(f"{where}: unknown PLOVER type {raw['type']!r}")
    d = types.get(t, {})
    cameo = str(raw.get("cameo", d.get("cameo", "")))
    if cameo and not cameo.isdigit():
        raise ConfigError(f"{where}: cameo must be a CAMEO code such as \"04\", not {cameo!r}")
    try:
        intensity = float(raw.get("intensity", d.get("intensity", 0.0)))
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"{where}: intensity must be a number") from exc
    verbal = raw.get("verbal")
    if verbal is not None and not isinstance(verbal, dict):
        raise ConfigError(f"{where}: `verbal` must be a mapping")
    return Entry(
        type=t, cameo=cameo.zfill(2) if cameo else "", intensity=intensity,
        symmetric=bool(raw.get("symmetric", d.get("symmetric", False))),
        target_preps=_words(raw, "target_preps", where),
        source_preps=_words(raw, "source_preps", where),
        place_target=bool(raw.get("place_target", False)),
        needs_object=bool(raw.get("needs_object", False)),
        particle=raw.get("particle"),
        needs_prep=_words(raw, "needs_prep", where),
        verbal=verbal,
        of=raw.get("of"), poss=raw.get("poss"),
        planned=bool(raw.get("planned", False)),
        quantity_ok=bool(raw.get("quantity_ok", False)),
        singular=bool(raw.get("singular", False)),
        preps=_words(raw, "preps", where),
        subject_role=str(raw.get("subject_role", "source")),
        object_role=str(raw.get("object_role", "target")),
        noun_owner=str(raw.get("noun_owner", "none")),
    )


def _mapping(data: Any, path: Path) -> dict[str, Any]:
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: expected a mapping at the top level")
    return data


def _add_light(lex: Lexicon, items: Any, path: Path) -> None:
    if items is None:
        return
    if not isinstance(items, list):
        raise ConfigError(f"{path}: light_verbs must be a list of entries")
    for i, raw in enumerate(items):
        where = f"{path}: light_verbs[{i}]"
        if not isinstance(raw, dict) or not raw.get("verbs") or not raw.get("nouns"):
            raise ConfigError(f"{where}: needs `verbs` and `nouns` lists")
        entry = lex.make(raw, where)
        for v in _words(raw, "verbs", where):
            for n in _words(raw, "nouns", where):
                lex.light[(str(v).lower(), str(n).lower())] = entry


def _add_words(lex: Lexicon, table: dict[str, Entry], items: Any, path: Path, kind: str) -> None:
    for lemma, raw in _mapping(items, path).items():
        table[str(lemma).lower()] = lex.make(raw, f"{path}: {kind} {lemma!r}")


def user_paths(extra: list[str] | tuple[str, ...] = ()) -> tuple[str, ...]:
    """The active settings' lexicon files (``ACCORD_LEXICON`` at the edge), then ``extra``."""
    from ...settings import current

    return tuple(p for p in (*current().lexicon_files, *extra) if p)


@lru_cache(maxsize=8)
def load_lexicon(extra_paths: tuple[str, ...] = ()) -> Lexicon:
    """Shipped lexicon plus the user files in ``extra_paths`` (later files win)."""
    types = _mapping(_load_yaml(LEXICON_DIR / "types.yaml"), LEXICON_DIR / "types.yaml")
    lex = Lexicon(types=types, verbs={}, nouns={}, light={},
                  modality=_mapping(_load_yaml(LEXICON_DIR / "modality.yaml"),
                                    LEXICON_DIR / "modality.yaml"))
    _add_words(lex, lex.verbs, _load_yaml(LEXICON_DIR / "verbs.yaml"),
               LEXICON_DIR / "verbs.yaml", "verb")
    _add_words(lex, lex.nouns, _load_yaml(LEXICON_DIR / "nouns.yaml"),
               LEXICON_DIR / "nouns.yaml", "noun")
    _add_light(lex, _load_yaml(LEXICON_DIR / "light_verbs.yaml"), LEXICON_DIR / "light_verbs.yaml")
    for p in extra_paths:
        path = Path(p).expanduser()
        if not path.is_file():
            raise ConfigError(f"{path}: lexicon file not found")
        data = _mapping(_load_yaml(path), path)
        unknown = set(data) - {"verbs", "nouns", "light_verbs", "modality"}
        if unknown:
            raise ConfigError(f"{path}: unknown section(s) {sorted(unknown)}; "
                              "use verbs, nouns, light_verbs, modality")
        _add_words(lex, lex.verbs, data.get("verbs"), path, "verb")
        _add_words(lex, lex.nouns, data.get("nouns"), path, "noun")
        _add_light(lex, data.get("light_verbs"), path)
        for k, v in _mapping(data.get("modality"), path).items():
            if isinstance(v, list) and isinstance(lex.modality.get(k), list):
                lex.modality[k] = [*lex.modality[k], *v]
            else:
                lex.modality[k] = v
    lex.light_verbs = frozenset(v for v, _ in lex.light)
    return lex
