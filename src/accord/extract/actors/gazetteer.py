"""Loading and validating the actor gazetteer (YAML data files).

The shipped gazetteer is ``accord/data/actors_*.yaml`` (states generated from pycountry,
organisations, groups, people, and the lexicon of titles/stoplist/templates). Users add
their own files with ``--actors FILE``; those are validated strictly because a typo in a
field name would otherwise silently drop data: any unknown field or YAML syntax error is a
:class:`~accord.errors.ConfigError` naming the file and line.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from ...errors import ConfigError
from .names import slug

DATA_DIR = Path(__file__).resolve().parent.parent.parent / "data"
BUILTIN_FILES = ("actors_states.yaml", "actors_orgs.yaml", "actors_people.yaml",
                 "actors_lexicon.yaml")
#: Environment variable with extra actor files (os.pathsep-separated); lets a process pool or
#: Spark executor pick up ``--actors`` files without passing them through spaCy's config.
ENV_VAR = "ACCORD_ACTORS"

_ENTRY_FIELDS: dict[str, set[str]] = {
    "states": {"iso3", "name", "formal", "aliases", "exact", "capital", "adjectives",
               "nationals", "metonyms", "wikidata", "un"},
    "organisations": {"name", "key", "aliases", "exact", "country", "kind", "wikidata"},
    "groups": {"name", "key", "aliases", "exact", "country", "kind", "wikidata"},
    "locations": {"name", "key", "aliases", "exact", "country", "wikidata"},
    "people": {"name", "key", "aliases", "exact", "surname", "country", "offices",
               "wikidata", "born"},
}
_OFFICE_FIELDS = {"role", "country", "from", "to"}
_TEMPLATE_FIELDS = {"key", "name", "names"}
_WORD_LISTS = {"titles", "person_titles", "stoplist", "locative_prepositions",
               "capital_locative_prepositions", "name_particles", "ethnic_markers",
               "non_actor_heads", "motion_words", "org_heads",
               "speech_verbs"}
TOP_LEVEL = set(_ENTRY_FIELDS) | _WORD_LISTS | {"org_templates", "orgs", "context_metonyms"}
_CONTEXT_FIELDS = {"phrase", "state", "requires"}
_LINE = "__line__"


class _LineLoader(yaml.SafeLoader):
    """SafeLoader that records the line of every mapping (for error messages)."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict[str, Any]:
    mapping = loader.construct_mapping(node, deep=True)
    mapping[_LINE] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


class _FastLineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """The same loader on libyaml: the shipped files parse ~10x faster, which every new
    ``accord add`` process pays. Errors are re-parsed with :class:`_LineLoader` so
    messages stay the same."""


_FastLineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


@dataclass
class Office:
    role: str
    country: str | None  # state key
    start: int | None
    end: int | None


@dataclass
class Entry:
    """One gazetteer actor."""

    key: str
    name: str
    type: str  # STATE ORG GROUP PERSON LOCATION
    country: str | None = None  # state key ("state:ISR")
    iso3: str | None = None
    wikidata: str | None = None
    kind: str | None = None
    adjective: str | None = None  # canonical demonym adjective (states)
    surname: str | None = None
    offices: list[Office] = field(default_factory=list)
    origin: str = ""  # file:line

    @property
    def role(self) -> str | None:
        """The most recent office (for people), used when the text gives no title."""
        if not self.offices:
            return None
        return max(self.offices, key=lambda o: (o.end is None, o.end or 0, o.start or 0)).role


@dataclass
class Phrase:
    key: str
    kind: str  # name | capital | adjective | national | metonym


@dataclass
class Template:
    key: str  # "@state" or slug
    name: str | None
    names: list[str]


@dataclass
class ContextMetonym:
    """"the North" is North Korea, but only in a text that names North Korea."""

    phrase: str
    state: str  # state key
    requires: list[str]  # state keys that must be mentioned elsewhere in the document


@dataclass
class Gazetteer:
    entries: dict[str, Entry] = field(default_factory=dict)
    phrases: dict[str, Phrase] = field(default_factory=dict)  # lower-cased -> phrase
    exact: dict[str, Phrase] = field(default_factory=dict)  # case-sensitive
    words: dict[str, set[str]] = field(default_factory=lambda: {w: set() for w in _WORD_LISTS})
    templates: list[Template] = field(default_factory=list)
    context: list[ContextMetonym] = field(default_factory=list)
    files: list[str] = field(default_factory=list)

    def surnames(self) -> dict[str, list[str]]:
        """slug of surname -> person keys (for surname-only mentions)."""
        out: dict[str, list[str]] = {}
        for e in self.entries.values():
            if e.type == "PERSON" and e.surname:
                out.setdefault(slug(e.surname), []).append(e.key)
        return out

    # -- loading -----------------------------------------------------------------
    def add_file(self, path: str | os.PathLike[str]) -> None:
        path = Path(path)
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise ConfigError(f"{path}: cannot read actors file ({exc.strerror})") from exc
        try:
            try:
                data = yaml.load(text, Loader=_FastLineLoader)  # noqa: S506 (safe loader)
            except yaml.YAMLError:
                data = yaml.load(text, Loader=_LineLoader)  # noqa: S506 (SafeLoader subclass)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f":{mark.line + 1}" if mark is not None else ""
            problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
            raise ConfigError(f"{path}{where}: YAML syntax error ({problem})") from exc
        self.files.append(str(path))
        if data is None:
            return
        if not isinstance(data, dict):
            raise ConfigError(f"{path}:1: expected a mapping with keys such as "
                              f"'people', 'organisations', 'states'")
        for top, value in data.items():
            if top == _LINE:
                continue
            if top not in TOP_LEVEL:
                raise ConfigError(f"{path}:{_line_of_key(text, top)}: unknown section {top!r} "
                                  f"(expected one of {', '.join(sorted(TOP_LEVEL))})")
            if top in _WORD_LISTS:
                if not isinstance(value, list):
                    raise ConfigError(f"{path}:{_line_of_key(text, top)}: {top} must be a list")
                self.words[top].update(str(w).lower() for w in value)
                continue
            if not isinstance(value, list):
                raise ConfigError(f"{path}:{_line_of_key(text, top)}: {top} must be a list")
            for item in value:
                if not isinstance(item, dict):
                    raise ConfigError(f"{path}:{_line_of_key(text, top)}: every entry of {top} "
                                      f"must be a mapping, got {item!r}")
                if top == "org_templates":
                    self._add_template(path, item)
                elif top == "context_metonyms":
                    line = item.get(_LINE, 0)
                    _check_fields(path, line, item, _CONTEXT_FIELDS, top)
                    if not item.get("phrase") or not item.get("state"):
                        raise ConfigError(f"{path}:{line}: a context metonym needs 'phrase' "
                                          f"and 'state'")
                    self.context.append(ContextMetonym(
                        str(item["phrase"]), _state_key(item["state"]) or "",
                        [_state_key(r) or "" for r in _as_list(path, line, item.get("requires"))]))
                else:
                    self._add_entry(path, "organisations" if top == "orgs" else top, item)

    def _add_template(self, path: Path, item: dict[str, Any]) -> None:
        line = item.get(_LINE, 0)
        _check_fields(path, line, item, _TEMPLATE_FIELDS, "org_templates")
        if "key" not in item or "names" not in item:
            raise ConfigError(f"{path}:{line}: an org template needs 'key' and 'names'")
        self.templates.append(Template(str(item["key"]), item.get("name"),
                                       [str(n) for n in _as_list(path, line, item["names"])]))

    def _add_entry(self, path: Path, section: str, item: dict[str, Any]) -> None:
        line = item.get(_LINE, 0)
        origin = f"{path.name}:{line}"
        _check_fields(path, line, item, _ENTRY_FIELDS[section], section)
        if section == "states":
            if not item.get("iso3") or not item.get("name"):
                raise ConfigError(f"{path}:{line}: a state needs 'iso3' and 'name'")
            iso3 = str(item["iso3"]).upper()
            key = f"state:{iso3}"
            adjs = [str(a) for a in _as_list(path, line, item.get("adjectives"))]
            entry = Entry(key=key, name=str(item["name"]), type="STATE", iso3=iso3,
                          wikidata=item.get("wikidata"), adjective=adjs[0] if adjs else None,
                          origin=origin)
            if key in self.entries:  # a user file refining a state: keep what it omits
                old = self.entries[key]
                entry.wikidata = entry.wikidata or old.wikidata
                entry.adjective = entry.adjective or old.adjective
            self.entries[key] = entry
            names = [item["name"], item.get("formal"), *_as_list(path, line, item.get("aliases"))]
            for n in names:
                self._phrase(n, key, "name")
            for n in _as_list(path, line, item.get("capital")):
                self._phrase(n, key, "capital")
            for n in adjs:
                self._phrase(n, key, "adjective")
            for n in _as_list(path, line, item.get("nationals")):
                self._phrase(n, key, "national")
            for n in _as_list(path, line, item.get("metonyms")):
                self._phrase(n, key, "metonym")
            for n in _as_list(path, line, item.get("exact")):
                self.exact[str(n)] = Phrase(key, "name")
            return
        if not item.get("name"):
            raise ConfigError(f"{path}:{line}: an entry of {section} needs a 'name'")
        name = str(item["name"])
        prefix, etype = {"organisations": ("org", "ORG"), "groups": ("group", "GROUP"),
                         "locations": ("loc", "LOCATION"), "people": ("person", "PERSON")}[section]
        key = f"{prefix}:{slug(str(item.get('key') or name))}"
        country = _state_key(item.get("country"))
        offices = []
        for o in _as_list(path, line, item.get("offices")):
            if not isinstance(o, dict):
                raise ConfigError(f"{path}:{line}: offices must be mappings with role/from/to")
            _check_fields(path, o.get(_LINE, line), o, _OFFICE_FIELDS, "offices")
            if not o.get("role"):
                raise ConfigError(f"{path}:{o.get(_LINE, line)}: an office needs a 'role'")
            offices.append(Office(str(o["role"]), _state_key(o.get("country")) or country,
                                  _year(path, o, "from"), _year(path, o, "to")))
        surname = item.get("surname")
        if section == "people" and not surname:
            surname = name.split()[-1] if " " in name else None
        self.entries[key] = Entry(key=key, name=name, type=etype, country=country,
                                  wikidata=item.get("wikidata"), kind=item.get("kind"),
                                  surname=surname, offices=offices, origin=origin)
        for n in [name, *_as_list(path, line, item.get("aliases"))]:
            self._phrase(n, key, "name")
        for n in _as_list(path, line, item.get("exact")):
            self.exact[str(n)] = Phrase(key, "name")

    def _phrase(self, text: Any, key: str, kind: str) -> None:
        if not text:
            return
        text = str(text).strip()
        if text.lower().startswith("the "):
            text = text[4:]  # spans never start with "the"
        self.phrases[text.lower()] = Phrase(key, kind)


def _state_key(value: Any) -> str | None:
    if not value:
        return None
    value = str(value)
    return value if value.startswith("state:") else f"state:{value.upper()}"


def _year(path: Path, office: dict[str, Any], name: str) -> int | None:
    value = office.get(name)
    if value is None:
        return None
    try:
        return int(str(value)[:4])
    except ValueError:
        raise ConfigError(f"{path}:{office.get(_LINE, 0)}: office '{name}' must be a year, "
                          f"got {value!r}") from None


def _as_list(path: Path, line: int, value: Any) -> list[Any]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return value
    raise ConfigError(f"{path}:{line}: expected a list, got {value!r}")


def _check_fields(path: Path, line: int, item: dict[str, Any], allowed: set[str],
                  section: str) -> None:
    for k in item:
        if k != _LINE and k not in allowed:
            raise ConfigError(f"{path}:{line}: unknown field {k!r} in {section} "
                              f"(allowed: {', '.join(sorted(allowed))})")


def _line_of_key(text: str, key: str) -> int:
    for i, line in enumerate(text.splitlines(), 1):
        if line.startswith(f"{key}:"):
            return i
    return 1


def env_files() -> list[str]:
    """User gazetteer files of the active settings (``--actors``, ``ACCORD_ACTORS`` at the edge)."""
    from ...settings import current

    return list(current().actors_files)


def load_gazetteer(extra_files: Sequence[str | os.PathLike[str]] | None = None) -> Gazetteer:
    """The shipped gazetteer plus ``extra_files`` (user YAML, applied in order, last wins)."""
    return _load(tuple(str(f) for f in (extra_files or ())))


@lru_cache(maxsize=8)
def _load(extra: tuple[str, ...]) -> Gazetteer:
    gaz = Gazetteer()
    for name in BUILTIN_FILES:
        gaz.add_file(DATA_DIR / name)
    for f in extra:
        gaz.add_file(f)
    return gaz


def iter_phrases(gaz: Gazetteer) -> Iterable[tuple[str, Phrase]]:
    return gaz.phrases.items()
