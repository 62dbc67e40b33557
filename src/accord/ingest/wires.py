"""Wire credits: which news agency a page says the story is from.

An AP story on a local paper's site is the AP's story: counting it as the local paper's
own reporting would make five reprints five independent sources. The page says so in a
few conventional places, each read here against the agency names in
``data/wires.yaml``: the credit of a dateline ("TEHRAN (AP) -", "/PRNewswire/"), the end
of a byline ("By Nadia Haddad | Reuters", "By OMID KARIMI Associated Press"), the
author metadata of a page ("Nadia Haddad; Reuters") and a copyright line
("Copyright 2012 The Associated Press"). Names are only looked for in these places, never
in the running text, where "Reuters reported" is a citation, not a credit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "wires.yaml"
#: Aliases this short match only in the case the data file writes them.
SHORT_ALIAS = 4
_SEP = re.compile(r"\s*(?:[|;/,\u2013\u2014\u00b7]|\s-\s|\band\b)\s*")
#: "Reuters Staff", "AFP correspondents": the wire's desk, not a person.
_STAFF = re.compile(r"\s+(?:staff(?: writers?| reporters?)?|correspondents?|reporters?|"
                    r"editors?|desk|news desk)\s*$", re.I)
_COPYRIGHT = re.compile(r"^\s*(?:copyright|\(c\)|\u00a9)", re.I)


@dataclass(frozen=True)
class Wires:
    names: dict[str, str]  # alias as matched (lower case for long ones) -> wire name
    pattern: re.Pattern[str]  # any alias, as a whole word
    not_places: frozenset[str]

    def name(self, text: str) -> str | None:
        """The wire ``text`` is exactly (an alias, "the" allowed), else None."""
        t = text.strip(" .()/-\u2013\u2014")
        if t.lower().startswith("the "):
            t = t[4:]
        return self._lookup(t)

    def _lookup(self, alias: str) -> str | None:
        if len(alias) <= SHORT_ALIAS:
            return self.names.get(alias)
        return self.names.get(alias.lower())

    def search(self, text: str) -> str | None:
        """The first wire named anywhere in ``text`` (a credit line, not running text)."""
        for m in self.pattern.finditer(text):
            found = self._lookup(m.group(0))
            if found:
                return found
        return None

    def trailing(self, text: str) -> tuple[str, str] | None:
        """(text before, wire) when ``text`` ends in a wire name: "Omid Karimi Associated
        Press", "Nadia Haddad | Reuters", "Nadia Haddad; Reuters"."""
        best: tuple[str, str] | None = None
        for m in self.pattern.finditer(text):
            if text[m.end():].strip(" .)"):
                continue
            found = self._lookup(m.group(0))
            if found:
                before = text[:m.start()].rstrip()
                before = re.sub(r"(?:\s*[|;/,(\u2013\u2014\u00b7-]|\s+(?:the|The|of|for))+$",
                                "", before).rstrip()
                if best is None or len(before) < len(best[0]):
                    best = (before, found)
        return best


@lru_cache(maxsize=1)
def load() -> Wires:
    raw = yaml.safe_load(DATA_FILE.read_text("utf-8"))
    names: dict[str, str] = {}
    for wire in raw["wires"]:
        for alias in [wire["name"], *wire.get("aliases", [])]:
            key = alias if len(alias) <= SHORT_ALIAS else alias.lower()
            names.setdefault(key, wire["name"])
    aliases = sorted({a for w in raw["wires"] for a in [w["name"], *w.get("aliases", [])]},
                     key=len, reverse=True)
    long = "|".join(re.escape(a) for a in aliases if len(a) > SHORT_ALIAS)
    short = "|".join(re.escape(a) for a in aliases if len(a) <= SHORT_ALIAS)
    pattern = re.compile(rf"(?<![\w-])(?:(?i:{long})|{short})(?![\w-])")
    return Wires(names, pattern, frozenset(p.upper() for p in raw.get("not_places", [])))


def split_author(author: str) -> tuple[str | None, str | None]:
    """(person, wire) of an author credit: "Nadia Haddad; Reuters" -> ("Nadia Haddad",
    "Reuters"), "Associated Press" -> (None, "Associated Press"), a plain name -> (name,
    None)."""
    w = load()
    whole = w.name(_STAFF.sub("", author))
    if whole:
        return None, whole
    people: list[str] = []
    wire: str | None = None
    for part in _SEP.split(author):
        if not part.strip():
            continue
        named = w.name(_STAFF.sub("", part))
        if named:
            wire = wire or named
            continue
        tail = w.trailing(part)
        if tail and tail[0]:
            wire = wire or tail[1]
            part = tail[0]
        people.append(part.strip())
    if wire is None:
        return author, None
    return (", ".join(people) or None), wire


def copyright_credit(line: str) -> str | None:
    """The wire of a "Copyright 2012 The Associated Press" / "(c) Reuters" line."""
    if not _COPYRIGHT.match(line) or len(line.split()) > 40:
        return None
    return load().search(line)
