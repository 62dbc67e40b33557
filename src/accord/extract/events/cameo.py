"""The CAMEO verb dictionary, compiled for lookup by verb lemma.

The generated files ``data/lexicon/cameo_verbs.tsv`` and ``cameo_patterns.tsv``
(``scripts/make_lexicon.py``, from PETRARCH2's CAMEO 2.0 dictionary and the
CAMEO-to-PLOVER table) give ~1,700 verbs, each with a default CAMEO code, and
~4,500 patterns: words near the verb that select a more specific code ("add *
SANCTIONS" -> 163) or no event at all. Matching a verb token never loops over
the patterns: the verb lemma selects its blocks, and each block indexes its
patterns by the words of their first slot, so only patterns sharing a word with
the verb's clause are checked.

A slot is a set of alternative words; a pattern matches when every slot of its
``before`` part has a word in the verb's clause before the verb (the subject
side) and every slot of its ``after`` part one after it. The pattern with most
slots wins (ties: the dictionary's order); no pattern: the verb's default.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ...errors import ConfigError

if TYPE_CHECKING:
    from spacy.tokens import Token

    from .lexicon import Entry

Slots = tuple[frozenset[str], ...]

#: Children whose subtrees are another clause: their words are not the verb's.
_OTHER_CLAUSE = frozenset({"ccomp", "advcl", "relcl", "parataxis", "csubj", "acl", "mark",
                           "punct"})
#: Below two steps from the verb only noun modifiers count ("free TRADE zone").
_MODIFIERS = frozenset({"compound", "amod", "nmod", "nummod", "poss"})
#: Tokens beyond this many in a clause are not looked at (run-on sentences).
_MAX_CLAUSE = 60


@dataclass(frozen=True)
class Pattern:
    before: Slots
    after: Slots
    entry: Entry | None  # None: not an event
    line: int

    @property
    def size(self) -> int:
        return len(self.before) + len(self.after)


@dataclass
class VerbForm:
    """One verb line: its block, the other words of a multi-word verb, its default."""

    extra: Slots
    block: int
    default: Entry | None


@dataclass
class CameoVerbs:
    verbs: dict[str, list[VerbForm]] = field(default_factory=dict)
    #: block -> first-slot word -> patterns
    index: dict[int, dict[str, list[Pattern]]] = field(default_factory=dict)

    def __contains__(self, lemma: str) -> bool:
        return lemma in self.verbs

    def match(self, verb: Token) -> tuple[bool, Entry | None]:
        """(found, entry) for a verb token: found is False when no row applies.

        ``(True, None)`` is an explicit "not an event" (a statement, a figure of
        speech); the caller must not fall back on another reading then.
        """
        forms = self.verbs.get(verb.lemma_.lower())
        if not forms:
            return False, None
        before, after = clause_words(verb)
        words = before | after
        best: Pattern | None = None
        default: VerbForm | None = None
        for form in forms:
            if form.extra and not (particle_ok(verb, form.extra) and
                                   all(s & after for s in form.extra)):
                continue
            if default is None or len(form.extra) > len(default.extra):
                default = form
            seen: set[int] = set()
            idx = self.index.get(form.block)
            if not idx:
                continue
            for w in words:
                for p in idx.get(w, ()):
                    if id(p) in seen:
                        continue
                    seen.add(id(p))
                    if best is not None and (p.size < best.size or
                                             p.size == best.size and p.line > best.line):
                        continue
                    if all(s & before for s in p.before) and all(s & after for s in p.after):
                        best = p
        if best is not None:
            return True, best.entry
        if default is not None and default.default is not None:
            return True, default.default
        return False, None


def clause_words(verb: Token) -> tuple[frozenset[str], frozenset[str]]:
    """Lower-case forms and lemmas of the verb's clause, before and after the verb.

    The clause is the verb's dependents up to two steps down (object, preposition
    and its object), plus the modifiers of those nouns ("free TRADE zone"), without
    nested clauses (complements, adverbial and relative clauses) and without verbal
    conjuncts: a pattern word deep inside another phrase is not about this verb.
    """
    before: set[str] = set()
    after: set[str] = set()
    stack = [(c, 1) for c in verb.children]
    n = 0
    while stack and n < _MAX_CLAUSE:
        t, depth = stack.pop()
        if t.dep_ in _OTHER_CLAUSE or (t.dep_ == "conj" and t.pos_ in ("VERB", "AUX")):
            continue
        if depth > 2 and t.dep_ not in _MODIFIERS:
            continue
        n += 1
        side = before if t.i < verb.i else after
        side.add(t.lower_)
        side.add(t.lemma_.lower())
        stack.extend((c, depth + 1) for c in t.children)
    return frozenset(before), frozenset(after)


def particle_ok(verb: Token, extra: Slots) -> bool:
    """The other words of a multi-word verb ("give in", "set up", "take part"): the
    first one is a particle of the verb or the word right after it; the rest are
    in its clause."""
    first = extra[0]
    for c in verb.children:
        if (c.dep_ == "prt" or c.i == verb.i + 1) and (c.lower_ in first or
                                                         c.lemma_.lower() in first):
            return True
    return False


def _slots(text: str, cache: dict[str, frozenset[str]] | None = None) -> Slots:
    """ "a|b c" -> ({a, b}, {c}), each word also in a naive singular ("talks" -> "talk");
    ``cache`` shares one frozenset per distinct slot (synsets repeat across patterns)."""
    if cache is None:
        cache = {}
    return tuple(cache[slot] if slot in cache else cache.setdefault(slot, _slot(slot))
                 for slot in text.split())


def _slot(slot: str) -> frozenset[str]:
    words = set()
    for w in slot.split("|"):
        words.add(w)
        if len(w) > 3 and w.endswith("ies"):
            words.add(w[:-3] + "y")
        elif len(w) > 3 and w.endswith("s") and not w.endswith("ss"):
            words.add(w[:-1])
    return frozenset(words)


def _rows(path: Path) -> list[list[str]]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read lexicon ({exc.strerror})") from exc
    rows = [ln.split("\t") for ln in text.splitlines() if ln and not ln.startswith("#")]
    return rows[1:]  # the column header


def read_plover(path: Path) -> dict[str, tuple[str, str, str] | None]:
    """``cameo_plover.tsv``: code -> (type, mode, context), or None for non-events."""
    out: dict[str, tuple[str, str, str] | None] = {}
    for code, t, mode, ctx in _rows(path):
        out[code] = None if t == "none" else (t, mode, ctx)
    return out


def load_cameo(verbs_path: Path, patterns_path: Path, make: MakeEntry) -> CameoVerbs:
    """Read the generated tables; ``make(type, cameo, mode, context, tpreps, spreps)``."""
    cache: dict[tuple[str, ...], Entry | None] = {}

    def entry(code: str, t: str, mode: str, ctx: str, tp: str = "", sp: str = "",
              layer: str = "pattern") -> Entry | None:
        if not code:
            return None
        key = (code, t, mode, ctx, tp, sp, layer)
        if key not in cache:
            cache[key] = make(t, code, mode, ctx, frozenset(tp.split()), frozenset(sp.split()),
                              layer)
        return cache[key]

    cv = CameoVerbs()
    slot_cache: dict[str, frozenset[str]] = {}
    for verb, extra, block, code, t, mode, ctx, _line in _rows(verbs_path):
        cv.verbs.setdefault(verb, []).append(
            VerbForm(_slots(extra, slot_cache), int(block),
                     entry(code, t, mode, ctx, layer="pattern" if extra else "default")))
    for block, before, after, code, t, mode, ctx, tp, sp, line in _rows(patterns_path):
        p = Pattern(_slots(before, slot_cache), _slots(after, slot_cache),
                    entry(code, t, mode, ctx, tp, sp), int(line))
        first = (p.before or p.after)[0]
        idx = cv.index.setdefault(int(block), {})
        for w in first:
            idx.setdefault(w, []).append(p)
    return cv


if TYPE_CHECKING:
    from collections.abc import Callable

    MakeEntry = Callable[[str, str, str, str, frozenset[str], frozenset[str], str],
                         "Entry | None"]
