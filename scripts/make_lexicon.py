#!/usr/bin/env python3
"""Generate accord's CAMEO verb lexicon from the field's dictionaries.

Why a generator: the CAMEO 2.0 verb dictionary of PETRARCH2 (MIT, Open Event
Data Alliance) holds ~1,800 verbs and ~4,700 patterns, and the CAMEO-to-PLOVER
table (CC BY-SA 4.0, PLOVER project) maps every CAMEO code to a PLOVER type,
mode and context. Typing that by hand would be slow and wrong; importing it as
data keeps accord in step with the field. The output is committed, so running
accord never reads ``../shared/vendor``.

Inputs (default ``../shared/vendor`` next to the repository, or ``--vendor``):
  petrarch2-dictionaries/CAMEO.2.0.txt, plover/CAMEO2PLOVER-2021.txt
and accord's own ``src/accord/data/lexicon/cameo_overrides.yaml`` (where accord
reads a code differently, with reasons).

Outputs, in ``src/accord/data/lexicon/``:
  cameo_plover.tsv   code -> PLOVER type, mode, context
  cameo_verbs.tsv    verb lemma -> block of patterns, default CAMEO code (+ type ...)
  cameo_patterns.tsv pattern words near the verb -> full CAMEO code (+ type ...)
  NOTICE-cameo.txt   licenses and attribution of both sources

Only data crosses over: verb words, pattern words and codes. The dictionaries'
comments and the table's descriptions are not copied. Entries that do not parse
are reported on stderr as ``file:line: reason`` and skipped.

Run:  .venv/bin/python scripts/make_lexicon.py [--vendor DIR]
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "accord" / "data" / "lexicon"
DEFAULT_VENDOR = ROOT.parent / "shared" / "vendor"
PLOVER_TYPES = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
                "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE",
                "COERCE", "ASSAULT"}

_CODE = re.compile(r"^\[(?P<a>[0-9]{2,4}|---)?!?(?::(?P<b>[0-9]{2,4}|---)?!?)?\]$")
_HEADER = re.compile(r"^---\s+(?P<name>\S+)\s+(?P<code>\[[^\]]*\])\s*---(?:\s+---)?\s*$")
_PLOVER_ROW = re.compile(r"^(?P<code>[0-9]{2,4}):\s*(?P<rest>[^#]*)")


@dataclass
class Problems:
    lines: list[str] = field(default_factory=list)

    def add(self, path: Path, line: int, reason: str) -> None:
        self.lines.append(f"{path}:{line}: {reason}")


# -- CAMEO -> PLOVER ----------------------------------------------------------------------
def read_plover(path: Path, problems: Problems) -> dict[str, tuple[str, str, str]]:
    """``code -> (type, mode, context)``; a root line ("03: AGREE") gives the root code."""
    table: dict[str, tuple[str, str, str]] = {}
    for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith(("#", "~")):
            continue
        m = _PLOVER_ROW.match(line)
        if m is None:
            problems.add(path, n, f"not a `code: TYPE, mode, context` row: {line[:40]!r}")
            continue
        parts = [p.strip() for p in m["rest"].split(",")]
        t = parts[0].upper()
        if t not in PLOVER_TYPES:
            problems.add(path, n, f"unknown PLOVER type {parts[0]!r}")
            continue
        mode = parts[1] if len(parts) > 1 else ""
        context = ";".join(p.strip() for p in ",".join(parts[2:]).split(";") if p.strip()) \
            if len(parts) > 2 else ""
        code = m["code"]
        if len(code) == 2 and code in table:
            continue  # "08: RETREAT" after "08: CONCEDE": the root keeps its first reading
        table.setdefault(code, (t, mode.replace(" ", ""), context.replace(" ", "")))
    return table


def apply_overrides(table: dict[str, tuple[str, str, str]], data: dict
                    ) -> tuple[dict[str, tuple[str, str, str]], set[str]]:
    """Overrides replace rows; ``null`` codes are returned as non-events."""
    path = OUT / "cameo_overrides.yaml"
    none: set[str] = set()
    for code, row in (data.get("codes") or {}).items():
        code = str(code)
        if row is None:
            none.add(code)
            table.pop(code, None)
            continue
        t = str(row["type"]).upper()
        if t not in PLOVER_TYPES:
            raise SystemExit(f"{path}: code {code}: unknown PLOVER type {t!r}")
        table[code] = (t, str(row.get("mode") or ""), str(row.get("context") or ""))
    return table, none


def lookup(code: str, table: dict[str, tuple[str, str, str]], none: set[str]
           ) -> tuple[str, str, str] | None:
    """The row for a code: itself, else its 3-digit, else its 2-digit ancestor."""
    for k in (code, code[:3], code[:2]):
        if k in none:
            return None
        if k in table:
            return table[k]
    return None


# -- the verb dictionary ----------------------------------------------------------------
def _strip_comment(line: str) -> str:
    """Drop a ``#`` comment (and the old ``;coder date`` notes after a verb's forms)."""
    i = line.find("#")
    line = line[:i] if i >= 0 else line
    if not line.lstrip().startswith("-") and ";" in line:
        line = line[:line.find(";")]
    return line


def _word(w: str) -> str:
    """A dictionary word as accord matches it: lower case, no trailing "_" marker."""
    return w.strip("_").replace("_", " ").lower()


def read_synsets(lines: list[str], start: int, end: int, path: Path,
                 problems: Problems) -> dict[str, list[str]]:
    sets: dict[str, list[str]] = {}
    name = None
    for n in range(start, end):
        line = _strip_comment(lines[n]).strip()
        if not line:
            continue
        if line.startswith("&"):
            name = line.split()[0]
            sets.setdefault(name, [])
        elif line.startswith("+") and name is not None:
            w = line[1:].split("{")[0].strip()
            if w:
                sets[name].append(_word(w))
        else:
            problems.add(path, n + 1, f"not a synset line: {line[:40]!r}")
    return sets


def _slots(text: str, sets: dict[str, list[str]]) -> tuple[list[list[str]], list[str],
                                                            list[str]] | str:
    """Pattern text -> (slots, target_preps, source_preps), or the reason it fails.

    A slot is a list of alternative words; every slot must be found near the verb.
    ``(PREP X)`` groups give slots too; a ``+`` (target) or ``$`` (source) inside
    one names the preposition that introduces that role.
    """
    if text.count("(") != text.count(")") or text.count("{") != text.count("}"):
        return "unbalanced brackets"
    tpreps: list[str] = []
    spreps: list[str] = []
    for group in re.findall(r"\(([^()]*)\)", text):
        toks = group.split()
        if toks and len(toks) > 1 and toks[1] in ("+", "$"):
            for p in toks[0].split("/"):
                (tpreps if toks[1] == "+" else spreps).append(p.lower())
    flat = re.sub(r"[(){}]", " ", text)
    slots: list[list[str]] = []
    for tok in flat.split():
        if tok in ("+", "$", "^", "%", "*", "|"):
            continue
        if tok.startswith("&"):
            if tok not in sets:
                return f"unknown synset {tok}"
            words = [w.split()[-1] for w in sets[tok] if w]
        else:
            if not re.fullmatch(r"[A-Za-z0-9._'/-]+", tok):
                return f"unexpected token {tok!r}"
            words = [_word(w) for w in tok.split("/") if w.strip("._")]
        words = [w for w in dict.fromkeys(words) if w]
        if words:
            slots.append(words)
    return slots, tpreps, spreps


def _code(raw: str) -> str | None:
    """First code of ``[a:b]`` (or b when a is empty); "" for ``---``; None if malformed."""
    m = _CODE.match(raw)
    if m is None:
        return None
    a, b = m["a"], m["b"]
    code = a if a else b
    return "" if code in (None, "---") else code


@dataclass
class Verb:
    lemma: str
    extra: list[list[str]]  # the other words of a multi-word verb ("set up")
    block: int
    code: str
    line: int


@dataclass
class Pattern:
    block: int
    before: list[list[str]]
    after: list[list[str]]
    code: str
    tpreps: list[str]
    spreps: list[str]
    line: int


def read_verbs(path: Path, problems: Problems) -> tuple[list[Verb], list[Pattern]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    syn_start = next(i for i, s in enumerate(lines) if s.startswith("####### SYNONYM SETS"))
    verb_start = next(i for i, s in enumerate(lines) if s.startswith("####### VERB PATTERNS"))
    verb_end = next((i for i, s in enumerate(lines) if s.startswith("######## TRANSFORM")),
                    len(lines))
    sets = read_synsets(lines, syn_start + 1, verb_start, path, problems)
    verbs: list[Verb] = []
    patterns: list[Pattern] = []
    block = -1
    block_code = ""
    skip_block = False
    in_patterns = False
    for n in range(verb_start + 1, verb_end):
        line = _strip_comment(lines[n]).replace("\t", " ").strip()
        if not line:
            continue
        if line.startswith("---"):
            m = _HEADER.match(line)
            code = _code(m["code"]) if m else None
            block += 1
            in_patterns = False
            skip_block = m is None or code is None
            if skip_block:
                problems.add(path, n + 1, f"not a verb block header: {line[:50]!r}")
            block_code = code or ""
            continue
        if skip_block:
            continue
        if line.startswith("-"):
            in_patterns = True
            m = re.match(r"^-\s*(?P<body>.*?)\s*(?P<code>\[[^\]]*\])\s*$", line)
            if m is None:
                problems.add(path, n + 1, "pattern without a [code] at its end")
                continue
            code = _code(m["code"])
            if code is None:
                problems.add(path, n + 1, f"malformed code {m['code']!r}")
                continue
            body = m["body"]
            if body.count("*") != 1:
                problems.add(path, n + 1, "pattern needs exactly one * (the verb)")
                continue
            pre, post = body.split("*")
            got_pre, got_post = _slots(pre, sets), _slots(post, sets)
            if isinstance(got_pre, str) or isinstance(got_post, str):
                problems.add(path, n + 1, str(got_pre if isinstance(got_pre, str)
                                              else got_post))
                continue
            patterns.append(Pattern(block, got_pre[0], got_post[0], code,
                                    got_pre[1] + got_post[1], got_pre[2] + got_post[2], n + 1))
            continue
        if in_patterns:
            problems.add(path, n + 1, f"verb line after the block's patterns: {line[:40]!r}")
            continue
        # a verb line: WORD {FORMS} [code] or +MULTI_WORD {forms} [code]
        m = re.match(r"^(?P<plus>\+?)(?P<word>[A-Za-z_'-]+)\s*(?:\{[^}]*\})?\s*"
                     r"(?P<code>\[[^\]]*\])?\s*$", line)
        if m is None:
            problems.add(path, n + 1, f"not a verb line: {line[:40]!r}")
            continue
        own = _code(m["code"]) if m["code"] else block_code
        if own is None:
            problems.add(path, n + 1, f"malformed code {m['code']!r}")
            continue
        words = [w for w in m["word"].lower().split("_") if w]
        if not words:
            problems.add(path, n + 1, "empty verb")
            continue
        verbs.append(Verb(words[0], [[w] for w in words[1:]], block, own, n + 1))
    return verbs, patterns


# -- output ----------------------------------------------------------------------------------
def _fmt_slots(slots: list[list[str]]) -> str:
    return " ".join("|".join(s) for s in slots)


HEADER = (
    "# GENERATED by scripts/make_lexicon.py: do not edit by hand (edit the hand lexicon,\n"
    "# verbs.yaml / light_verbs.yaml, which wins, or cameo_overrides.yaml, and re-run).\n"
    "# Derived from CAMEO.2.0.txt of PETRARCH2 (MIT License, Open Event Data Alliance) and\n"
    "# CAMEO2PLOVER-2021.txt (CC BY-SA 4.0, PLOVER project): see NOTICE-cameo.txt; shared\n"
    "# under the same terms.\n"
)


def _plover_cols(code: str, table: dict[str, tuple[str, str, str]], none: set[str],
                 line: int, problems: Problems) -> list[str]:
    plover = lookup(code, table, none) if code else None
    if code and plover is None and not {code[:2], code[:3]} & none:
        problems.add(Path("CAMEO.2.0.txt"), line, f"code {code} not in the PLOVER table")
    return [code, *plover] if plover else ["", "", "", ""]


def write(verbs: list[Verb], patterns: list[Pattern], table: dict[str, tuple[str, str, str]],
          none: set[str], out: Path, problems: Problems) -> tuple[int, int]:
    """``cameo_verbs.tsv`` (verbs and their block) and ``cameo_patterns.tsv`` (per block)."""
    coded_blocks = {p.block for p in patterns if p.code and lookup(p.code, table, none)}
    coded_blocks |= {v.block for v in verbs if v.code and lookup(v.code, table, none)}
    vrows: list[str] = []
    seen: set[tuple[str, str, int]] = set()
    for v in verbs:
        extra = _fmt_slots(v.extra)
        if v.block not in coded_blocks or (v.lemma, extra, v.block) in seen:
            continue
        seen.add((v.lemma, extra, v.block))
        vrows.append("\t".join([v.lemma, extra, str(v.block),
                                *_plover_cols(v.code, table, none, v.line, problems),
                                str(v.line)]) + "\n")
    prows: list[str] = []
    pseen: set[tuple[int, str, str, str]] = set()
    for p in patterns:
        before, after = _fmt_slots(p.before), _fmt_slots(p.after)
        if p.block not in coded_blocks or (not before and not after):
            continue
        key = (p.block, before, after, p.code)
        if key in pseen:
            continue
        pseen.add(key)
        prows.append("\t".join([str(p.block), before, after,
                                *_plover_cols(p.code, table, none, p.line, problems),
                                " ".join(dict.fromkeys(p.tpreps)),
                                " ".join(dict.fromkeys(p.spreps)), str(p.line)]) + "\n")
    (out / "cameo_verbs.tsv").write_text(
        "# accord CAMEO verbs: verb lemma -> its block of patterns and its default code.\n"
        + HEADER +
        "#   verb    verb lemma (lower case)\n"
        "#   extra   other words of a multi-word verb that must be near it (\"set up\")\n"
        "#   block   the block of cameo_patterns.tsv the verb shares with its synonyms\n"
        "#   cameo   the verb's default CAMEO code (2-4 digits); empty: no event unless a\n"
        "#           pattern matches\n"
        "#   type mode context   PLOVER reading of the code (cameo_plover.tsv)\n"
        "#   line    line of CAMEO.2.0.txt\n"
        "verb\textra\tblock\tcameo\ttype\tmode\tcontext\tline\n" + "".join(vrows),
        encoding="utf-8")
    (out / "cameo_patterns.tsv").write_text(
        "# accord CAMEO verb patterns: words near a verb -> a more specific CAMEO code.\n"
        + HEADER +
        "#   block   the verbs of cameo_verbs.tsv with this block number\n"
        "#   before  words that must occur in the verb's clause before it (subject side)\n"
        "#   after   words that must occur in the verb's clause after it (object side);\n"
        "#           a slot is `a|b|c` (alternatives), slots are separated by spaces\n"
        "#   cameo   full CAMEO code; empty: not an event (blocks the verb's default)\n"
        "#   type mode context   PLOVER reading of the code\n"
        "#   tpreps / spreps     prepositions introducing the target / the source\n"
        "#   line    line of CAMEO.2.0.txt\n"
        "block\tbefore\tafter\tcameo\ttype\tmode\tcontext\ttpreps\tspreps\tline\n"
        + "".join(prows), encoding="utf-8")
    return len(vrows), len(prows)


def write_plover(table: dict[str, tuple[str, str, str]], none: set[str], path: Path) -> None:
    header = (
        "# CAMEO code -> PLOVER type, mode, context. GENERATED by scripts/make_lexicon.py from\n"
        "# CAMEO2PLOVER-2021.txt (PLOVER project, Philip Schrodt; CC BY-SA 4.0, see\n"
        "# NOTICE-cameo.txt) with accord's cameo_overrides.yaml applied. Shared under\n"
        "# CC BY-SA 4.0. A longer code not listed takes its 3-digit, then 2-digit row;\n"
        "# codes in the `none` rows are not PLOVER events.\n"
        "code\ttype\tmode\tcontext\n"
    )
    rows = [f"{c}\t{t}\t{m}\t{x}\n" for c, (t, m, x) in sorted(table.items())]
    rows += [f"{c}\tnone\t\t\n" for c in sorted(none)]
    path.write_text(header + "".join(rows), encoding="utf-8")


def write_notice(vendor: Path, path: Path) -> None:
    mit = (vendor / "petrarch2-dictionaries" / "LICENSE").read_text(encoding="utf-8")
    path.write_text(
        "Attribution for the generated files cameo_verbs.tsv and cameo_plover.tsv\n"
        "=======================================================================\n\n"
        "cameo_verbs.tsv holds data derived from CAMEO.2.0.txt, the CAMEO verb pattern\n"
        "dictionary of PETRARCH2 (https://github.com/openeventdata/petrarch2, commit 676801c),\n"
        "Copyright (c) 2014-2015 Open Event Data Alliance, under the MIT License below.\n"
        "The dictionary derives from the TABARI CAMEO dictionaries (Schrodt et al.), developed\n"
        "with funding from the U.S. National Science Foundation.\n\n"
        "cameo_plover.tsv and the type/mode/context columns of cameo_verbs.tsv are derived\n"
        "from CAMEO2PLOVER-2021.txt (PLOVER manual draft 0.8, 2021; edited by Philip\n"
        "Schrodt; https://github.com/openeventdata/PLOVER, commit 5e0c24f), licensed under\n"
        "the Creative Commons Attribution-ShareAlike 4.0 International License\n"
        "(https://creativecommons.org/licenses/by-sa/4.0/). accord changed some rows (see\n"
        "cameo_overrides.yaml); the derived files are shared under CC BY-SA 4.0.\n\n"
        "----------------------------------------------------------------------------\n"
        f"{mit}", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--vendor", type=Path, default=DEFAULT_VENDOR)
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    verbs_src = args.vendor / "petrarch2-dictionaries" / "CAMEO.2.0.txt"
    plover_src = args.vendor / "plover" / "CAMEO2PLOVER-2021.txt"
    for p in (verbs_src, plover_src):
        if not p.is_file():
            print(f"{p}: not found (pass --vendor)", file=sys.stderr)
            return 2
    problems = Problems()
    table = read_plover(plover_src, problems)
    overrides = yaml.safe_load((OUT / "cameo_overrides.yaml").read_text(encoding="utf-8"))
    table, none = apply_overrides(table, overrides)
    verbs, patterns = read_verbs(verbs_src, problems)
    no_default = {str(v).lower() for v in overrides.get("no_default") or ()}
    for v in verbs:
        if v.lemma in no_default and not v.extra:
            v.code = ""
    args.out.mkdir(parents=True, exist_ok=True)
    nv, np_ = write(verbs, patterns, table, none, args.out, problems)
    write_plover(table, none, args.out / "cameo_plover.tsv")
    write_notice(args.vendor, args.out / "NOTICE-cameo.txt")
    for p in problems.lines:
        print(p, file=sys.stderr)
    print(f"{nv} verbs, {np_} patterns; "
          f"{len(table)} PLOVER codes; {len(problems.lines)} entries skipped", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
