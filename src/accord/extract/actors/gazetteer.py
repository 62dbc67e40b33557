"""Loading and validating the actor gazetteer (YAML data files).

The shipped gazetteer is ``accord/data/actors_*.yaml`` (states generated from pycountry,
organisations, groups, people, and the lexicon of titles/stoplist/templates). Users add
their own files with ``--actors FILE``; those are validated strictly because a typo in a
field name would otherwise silently drop data: any unknown field or YAML syntax error is a
:class:`~accord.errors.ConfigError` naming the file and line.
"""

from __future__ import annotations

import gc
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from ...errors import ConfigError
from .names import slug

DATA_DIR = Path(__file__).resolve().parent.parent.parent / "data"
#: Hand-written (and pycountry-generated) YAML; they win over the Phoenix data.
HAND_FILES = ("actors_states.yaml", "actors_orgs.yaml", "actors_people.yaml",
              "actors_lexicon.yaml", "equipment.yaml")
BUILTIN_FILES = HAND_FILES
#: Generated from the Phoenix dictionaries by ``scripts/make_gazetteer.py`` (see its header).
PHOENIX_FILE = "actors_phoenix.tsv"
#: Environment variable with extra actor files (os.pathsep-separated); lets a process pool or
#: Spark executor pick up ``--actors`` files without passing them through spaCy's config.
ENV_VAR = "ACCORD_ACTORS"

_ENTRY_FIELDS: dict[str, set[str]] = {
    "states": {"iso3", "name", "formal", "aliases", "exact", "capital", "cities",
               "adjectives", "nationals", "metonyms", "wikidata", "un"},
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
               "speech_verbs", "agent_prepositions", "collective_agents",
               "crowd_words", "ignored_sectors", "person_agent_suffixes",
               "owner_compounds", "local_sectors", "group_name_words", "group_heads",
               "domestic_objects", "facility_nouns", "home_bodies", "place_heads",
               "document_nouns"}
TOP_LEVEL = set(_ENTRY_FIELDS) | _WORD_LISTS | {"org_templates", "orgs", "context_metonyms",
                                                "equipment", "agents", "seats"}
_AGENT_FIELDS = {"sector", "nouns"}
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
    start_date: str | None = None  # ISO date when known (Phoenix ranges), else None
    end_date: str | None = None

    def holds(self, date: str) -> bool:
        """Whether the office was held on ``date`` (``YYYY[-MM[-DD]]``)."""
        lo = self.start_date or (str(self.start) if self.start else "")
        hi = self.end_date or (f"{self.end}-12-31" if self.end else "9999")
        return lo[: len(date)] <= date <= hi or (lo <= date and not hi)


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
    cameo: str | None = None  # CAMEO actor code (Phoenix entries)

    def office_at(self, date: str | None) -> Office | None:
        """The office held on ``date``: a dated office covering it first, else an undated
        one; None if the person held none then (or no date)."""
        if not date or not self.offices:
            return None
        dated = [o for o in self.offices if (o.start or o.end) and o.holds(date)]
        if dated:  # the government role wins over "elite" when both cover the date
            return max(dated, key=lambda o: (o.role == "GOV", o.start_date or ""))
        return None

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
    #: Phoenix names (see :meth:`add_phoenix`): lower-case tokens joined by " " -> phrase,
    #: and first token -> most tokens of a name starting with it (the matcher's index).
    bulk: dict[str, Phrase] = field(default_factory=dict)
    bulk_len: dict[str, int] = field(default_factory=dict)
    #: agent nouns (lower-case tokens joined by " ") -> CAMEO sector ("students" -> "EDU")
    agents: dict[str, str] = field(default_factory=dict)
    agent_len: dict[str, int] = field(default_factory=dict)
    sectors: dict[str, str] = field(default_factory=dict)  # code -> label
    #: capitals that stand for an international body when they act (``Brussels`` -> EU)
    seats: dict[str, str] = field(default_factory=dict)
    #: weapon systems and products (``equipment.yaml``): matched, never actors
    equipment: list[str] = field(default_factory=list)
    lazy_surnames: dict[str, list[str]] = field(default_factory=dict)
    #: (file:line, "country" | "sector", code) checked by :meth:`validate` after loading
    checks: list[tuple[str, str, str]] = field(default_factory=list)

    def surnames(self) -> dict[str, list[str]]:
        """slug of surname -> person keys (for surname-only mentions)."""
        out: dict[str, list[str]] = {k: list(v) for k, v in self.lazy_surnames.items()}
        for e in dict.values(self.entries):
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
            if top == "seats":
                if not isinstance(value, dict):
                    raise ConfigError(f"{path}:{_line_of_key(text, top)}: seats must map a "
                                      f"city to an actor key, e.g. {{Brussels: org:eu}}")
                for city, key in value.items():
                    if city != _LINE:
                        self.seats[str(city).lower()] = str(key)
                        self.checks.append((f"{path}:{_line_of_key(text, top)}", "key",
                                            str(key)))
                continue
            if top == "equipment":
                if not isinstance(value, list) or not all(isinstance(v, (str, int))
                                                          for v in value):
                    raise ConfigError(f"{path}:{_line_of_key(text, top)}: equipment must be "
                                      f"a list of names")
                self.equipment.extend(str(v) for v in value)
                continue
            if not isinstance(value, list):
                raise ConfigError(f"{path}:{_line_of_key(text, top)}: {top} must be a list")
            for item in value:
                if not isinstance(item, dict):
                    raise ConfigError(f"{path}:{_line_of_key(text, top)}: every entry of {top} "
                                      f"must be a mapping, got {item!r}")
                if top == "org_templates":
                    self._add_template(path, item)
                elif top == "agents":
                    self._add_agents(path, item)
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

    def _add_agents(self, path: Path, item: dict[str, Any]) -> None:
        """``{sector: GOV, nouns: [official, officials]}``; sector ``"-"`` removes nouns
        (a Phoenix agent noun that is no actor). Written entries win over Phoenix ones."""
        line = item.get(_LINE, 0)
        _check_fields(path, line, item, _AGENT_FIELDS, "agents")
        sector = str(item.get("sector") or "")
        if not sector or not (sector == "-" or re.fullmatch(r"(?:[A-Z]{3})+", sector)):
            raise ConfigError(f"{path}:{line}: agents entry needs a 'sector' such as GOV, MIL, "
                              f"OPPEDU (3-letter CAMEO sector codes) or '-', got {sector!r}")
        if sector != "-":
            self.checks.append((f"{path}:{line}", "sector", sector))
        for noun in _as_list(path, line, item.get("nouns")):
            text = " ".join(str(noun).lower().replace("-", " - ").split())
            self.agents[text] = "" if sector == "-" else sector
            first, k = text.partition(" ")[0], text.count(" ") + 1
            if self.agent_len.get(first, 0) < k:
                self.agent_len[first] = k

    def person_offices(self) -> dict[str, list[tuple[str, str | None, int | None, int | None]]]:
        """person key -> [(role, country, from year, to year)] for every gazetteer person,
        without building the ~18,000 lazy Phoenix entries (cross-document resolution asks
        for all of them on every run). Cached."""
        cached = getattr(self, "_person_offices", None)
        if cached is not None:
            return cached
        out = {k: [(o.role, o.country, o.start, o.end) for o in e.offices]
               for k, e in dict.items(self.entries) if e.type == "PERSON"}
        lazy = getattr(self.entries, "lazy", {})
        for k, (line, _) in lazy.items():
            if line.startswith("P\t"):
                out[k] = [(o.role, o.country, o.start, o.end)
                          for o in _phoenix_offices(line.split("\t")[5])]
        self._person_offices = out
        return out

    def validate(self) -> None:
        """Codes the loaded files refer to must exist: the country of an entry or office
        (an ISO3 the states define) and agent sectors (the Phoenix sector table)."""
        for where, what, code in self.checks:
            if what == "country" and code not in self.entries:
                raise ConfigError(f"{where}: unknown country code {code.split(':', 1)[1]!r} "
                                  f"(expected the ISO 3166 alpha-3 code of a state, e.g. POL)")
            if what == "key" and code not in self.entries:
                raise ConfigError(f"{where}: unknown actor key {code!r} (expected a key such "
                                  f"as org:eu or state:BEL)")
            if what == "sector" and self.sectors and any(
                    code[i:i + 3] not in self.sectors for i in range(0, len(code), 3)):
                raise ConfigError(f"{where}: unknown sector code {code!r} (known: "
                                  f"{', '.join(sorted(self.sectors))})")

    def add_phoenix(self, path: Path) -> None:
        """The generated Phoenix file (format in its header). Entries whose key the
        hand-written files already define are skipped (the hand entry wins); their names
        still lead to it. Entries are built when first looked up (a new process pays only
        for reading the names)."""
        try:
            lines = path.read_text(encoding="utf-8").split("\n")
        except OSError as exc:
            raise ConfigError(f"{path}: cannot read actors file ({exc.strerror})") from exc
        was_enabled = gc.isenabled()
        gc.disable()  # ~60,000 small objects: collection passes would double the time
        try:
            self._read_phoenix(path, lines)
        finally:
            if was_enabled:
                gc.enable()
        self.files.append(str(path))

    def _read_phoenix(self, path: Path, lines: list[str]) -> None:
        entries = self.entries
        if not isinstance(entries, LazyEntries):
            entries = self.entries = LazyEntries(entries)
        bulk, bulk_len, agents, agent_len = self.bulk, self.bulk_len, self.agents, \
            self.agent_len
        lazy = entries.lazy
        origin = path.name
        for n, line in enumerate(lines, 1):
            if not line or line[0] == "#":
                continue
            f = line.split("\t")
            kind = f[0]
            if kind == "A" and len(f) == 3:
                name = f[2]
                agents.setdefault(name, f[1])
                first, _, _ = name.partition(" ")
                k = name.count(" ") + 1
                if agent_len.get(first, 0) < k:
                    agent_len[first] = k
                continue
            if kind == "S" and len(f) == 4:
                key = f"state:{f[1]}"
                if key not in entries:
                    continue
                ph = Phrase(key, "name" if f[2] == "name" else "capital")
                names = f[3]
            elif kind == "X" and len(f) == 3:
                key, names = f[1], f[2]
                ph = Phrase(key, "name")
            elif kind in ("O", "P") and len(f) == (8 if kind == "O" else 7):
                key, names = f[1], f[-1]
                if key not in entries:
                    lazy[key] = (line, f"{origin}:{n}")
                    if kind == "P" and f[3]:
                        self.lazy_surnames.setdefault(slug(f[3]), []).append(key)
                ph = Phrase(key, "name")
            elif kind == "C" and len(f) == 3:
                self.sectors[f[1]] = f[2]
                continue
            else:
                raise ConfigError(f"{path}:{n}: malformed record")
            for name in names.split("|"):
                if name not in bulk:
                    bulk[name] = ph
                    first, _, _ = name.partition(" ")
                    k = name.count(" ") + 1
                    if bulk_len.get(first, 0) < k:
                        bulk_len[first] = k

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
            for n in [*_as_list(path, line, item.get("capital")),
                      *_as_list(path, line, item.get("cities"))]:
                self._phrase(n, key, "capital")  # a place, or the state when it acts
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
        if country:
            self.checks.append((f"{path}:{line}", "country", country))
        offices = []
        for o in _as_list(path, line, item.get("offices")):
            if not isinstance(o, dict):
                raise ConfigError(f"{path}:{line}: offices must be mappings with role/from/to")
            _check_fields(path, o.get(_LINE, line), o, _OFFICE_FIELDS, "offices")
            if not o.get("role"):
                raise ConfigError(f"{path}:{o.get(_LINE, line)}: an office needs a 'role'")
            if o.get("country"):
                self.checks.append((f"{path}:{o.get(_LINE, line)}", "country",
                                    _state_key(o["country"]) or ""))
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


class LazyEntries(dict):  # type: ignore[type-arg]
    """``key -> Entry`` where Phoenix entries are built on first lookup from their record.

    Lookups (``get``, ``[]``, ``in``) see every entry; iterating builds the rest once."""

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.lazy: dict[str, tuple[str, str]] = {}

    def __missing__(self, key: str) -> Entry:
        line, origin = self.lazy.pop(key)
        f = line.split("\t")
        if f[0] == "O":
            e = Entry(key=key, name=f[3], type=f[2], country=f"state:{f[4]}" if f[4] else None,
                      kind=f[5] or None, cameo=f[6] or None, origin=origin)
        else:
            e = Entry(key=key, name=f[2], type="PERSON",
                      country=f"state:{f[4]}" if f[4] else None, surname=f[3] or None,
                      offices=_phoenix_offices(f[5]), origin=origin)
        self[key] = e
        return e

    def get(self, key: str, default: Any = None) -> Any:
        try:
            return self[key]
        except KeyError:
            return default

    def __setitem__(self, key: str, value: Entry) -> None:
        self.lazy.pop(key, None)  # a user file replacing a Phoenix entry
        super().__setitem__(key, value)

    def __contains__(self, key: object) -> bool:
        return dict.__contains__(self, key) or key in self.lazy

    def _all(self) -> None:
        for key in list(self.lazy):
            self[key]  # noqa: B018 (builds it)

    def values(self):  # type: ignore[no-untyped-def, override]
        self._all()
        return super().values()

    def items(self):  # type: ignore[no-untyped-def, override]
        self._all()
        return super().items()

    def __iter__(self):  # type: ignore[no-untyped-def]
        self._all()
        return super().__iter__()

    def __len__(self) -> int:
        return dict.__len__(self) + len(self.lazy)


def _phoenix_offices(text: str) -> list[Office]:
    """``GOV:AFG:2001-12-22:;ELI:AFG::`` -> offices (years kept for cross-document use)."""
    out = []
    for item in text.split(";") if text else []:
        role, country, start, end = item.split(":")
        out.append(Office(role, f"state:{country}" if country else None,
                          int(start[:4]) if start else None, int(end[:4]) if end else None,
                          start or None, end or None))
    return out


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
    gaz.add_phoenix(DATA_DIR / PHOENIX_FILE)
    for f in extra:
        gaz.add_file(f)
    gaz.validate()
    return gaz


def iter_phrases(gaz: Gazetteer) -> Iterable[tuple[str, Phrase]]:
    return gaz.phrases.items()
