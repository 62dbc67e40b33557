"""Synthetic corpus generator: templated articles with planted facts.

Why: benchmarks need corpora of any size (1,000 or 100,000 articles) whose
content is known, and tests need articles where we *know* which events,
reprints and contradictions are in the text, so that we can check the
extractor finds them. Everything is deterministic by seed: the same
``(seed, index)`` always gives the same article, so a corpus of 10,000 is the
corpus of 1,000 plus 9,000 more.

Each article is plain text in the shape the txt reader understands: a title
line, a ``Published <Month D, YYYY>`` line and paragraphs. Planted events use
explicit absolute dates ("on 4 March 2023") so that the expected date does not
depend on relative-date resolution. Reprints copy an earlier article (same
sentences) and may alter one number (a planted ``copy_alteration``); claims of
the same subject and property with disagreeing values are planted
``numeric`` contradictions.

The templates are our own invented sentences; they mention real states so the
shipped gazetteer links them, but describe no real events.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import random
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

#: (name, ISO3, capital, demonym) of the states synthetic articles are about.
STATES: tuple[tuple[str, str, str, str], ...] = (
    ("Poland", "POL", "Warsaw", "Polish"),
    ("South Korea", "KOR", "Seoul", "South Korean"),
    ("Belarus", "BLR", "Minsk", "Belarusian"),
    ("Russia", "RUS", "Moscow", "Russian"),
    ("North Korea", "PRK", "Pyongyang", "North Korean"),
    ("Japan", "JPN", "Tokyo", "Japanese"),
    ("Germany", "DEU", "Berlin", "German"),
    ("France", "FRA", "Paris", "French"),
    ("Lithuania", "LTU", "Vilnius", "Lithuanian"),
    ("Ukraine", "UKR", "Kyiv", "Ukrainian"),
    ("Turkey", "TUR", "Ankara", "Turkish"),
    ("Canada", "CAN", "Ottawa", "Canadian"),
)

MONTHS = (
    "January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December",
)

#: PLOVER type -> sentence templates. ``{a}``/``{b}`` are state names, ``{on}``
#: is " on 4 March 2023", ``{amount}`` a money phrase, ``{topic}`` a subject.
TEMPLATES: dict[str, tuple[str, ...]] = {
    "AGREE": (
        "{a} and {b} signed a {amount} agreement on {topic}{on}.",
        "{a} signed a {amount} deal with {b} covering {topic}{on}.",
    ),
    "CONSULT": (
        "{a} held talks with {b} on {topic} in {city}{on}.",
        "The foreign minister of {a} met officials from {b} in {city}{on}.",
    ),
    "ACCUSE": (
        "{a} accused {b} of {offense}{on}.",
    ),
    "THREATEN": (
        "{a} threatened {b} with {consequence}{on}.",
    ),
    "REJECT": (
        "{a} rejected a proposal from {b} on {topic}{on}.",
    ),
    "SANCTION": (
        "{a} imposed sanctions on {b} over {offense}{on}.",
    ),
    "AID": (
        "{a} sent humanitarian aid to {b}{on}.",
    ),
    "MOBILIZE": (
        "{a} moved troops to the border with {b}{on}.",
    ),
}
#: Templates whose event is denied by its subject: (type, template).
DENIAL_TEMPLATES: tuple[tuple[str, str], ...] = (
    ("MOBILIZE", "{a} denied reports that it had moved troops to the border with {b}{on}."),
    ("SANCTION", "{a} denied that it had imposed sanctions on {b}{on}."),
)

EXTRAS = (
    "", "", "", "", " for the first time", " after a long cabinet meeting",
    " at a press conference in {city}", " in a written statement",
    " during a short visit to {city}", " after {n} rounds of negotiations",
    " despite objections from several allies", " in an unusually sharp tone",
    " with little advance notice", " as part of a wider review",
)
TOPICS = (
    "air defence", "tank production", "shipbuilding", "cyber security", "border control",
    "energy supplies", "grain exports", "ammunition", "space research", "nuclear safety",
)
OFFENSES = (
    "provocations on the border", "spreading disinformation", "violating its airspace",
    "harbouring saboteurs", "jamming satellite signals",
)
CONSEQUENCES = ("retaliation", "economic reprisals", "a military response", "a trade embargo")
#: Background sentences are assembled from independent slots, so two articles
#: rarely share one: identical filler sentences across articles would make
#: independent articles look like copies of each other to copy detection.
FILLER_SUBJECTS = (
    "Economists", "Diplomats", "Opposition lawmakers", "Retired generals", "Trade unions",
    "Business groups", "Regional governors", "Think-tank researchers", "Veterans' groups",
    "Shipping companies", "Farmers' associations", "University students", "Energy traders",
    "Local mayors", "Church leaders", "Arms manufacturers", "Insurance brokers",
    "Environmental campaigners", "Airline executives", "Border residents",
)
FILLER_VERBS = (
    "have long questioned", "quietly welcomed", "remain divided over", "openly doubted",
    "were briefed on", "asked for more detail about", "pressed for a debate on",
    "wrote to parliament about", "have campaigned against", "praised the speed of",
    "raised concerns over", "expect little change from", "called for an audit of",
)
FILLER_OBJECTS = (
    "the cost of the programme", "the pace of military spending", "the new customs rules",
    "plans for a second pipeline", "the state of the railway link", "the visa regime",
    "the ministry's procurement record", "rules on foreign investment",
    "the future of the port", "the budget for reservists", "the coastal radar network",
    "the power grid upgrade", "subsidies for fertiliser", "the export licence backlog",
    "the programme of joint exercises", "the fishing quota talks",
)
FILLER_TAILS = (
    "", "", " in {city}", " since the election", " in recent weeks", " in several interviews",
    " at a conference in {city}", " in an open letter", " during a televised debate",
    " according to local newspapers", " without naming a figure",
)


def _filler(rng: random.Random) -> str:
    tail = rng.choice(FILLER_TAILS).format(city=rng.choice(STATES)[2])
    return (f"{rng.choice(FILLER_SUBJECTS)} {rng.choice(FILLER_VERBS)} "
            f"{rng.choice(FILLER_OBJECTS)}{tail}.")


def _money(rng: random.Random) -> tuple[str, float]:
    """A money phrase and its value in USD (tenths of a billion or whole millions)."""
    if rng.random() < 0.5:
        tenths = rng.randint(11, 139)
        return f"${tenths / 10:.1f} billion", tenths * 1e8
    millions = rng.randint(12, 950)
    return f"${millions} million", millions * 1e6


def _date_phrase(day: dt.date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


@dataclass
class PlantedEvent:
    """One event written into an article, with what extraction should find."""

    type: str
    source: str  # ISO3 of the acting state
    target: str  # ISO3 of the state acted upon
    date: str  # YYYY-MM-DD
    modality: str  # asserted | reported | denied
    sentence: str
    amount: float | None = None  # USD, for AGREE


@dataclass
class PlantedClaim:
    subject: str  # ISO3 of the state the people live in
    property: str
    value: float
    sentence: str


@dataclass
class SynthArticle:
    name: str  # file name, e.g. ``synth-000042.txt``
    title: str
    published: str  # YYYY-MM-DD
    text: str
    events: list[PlantedEvent] = field(default_factory=list)
    claims: list[PlantedClaim] = field(default_factory=list)
    copy_of: str | None = None  # name of the article this one reprints
    altered: bool = False  # a reprint that changed a number of its original

    @property
    def words(self) -> int:
        return len(self.text.split())

    @property
    def id(self) -> str:
        """Content hash of the text, the same scheme as ingested documents."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


@dataclass
class SynthConfig:
    seed: int = 0
    events_per_article: tuple[int, int] = (3, 6)
    fillers_per_article: tuple[int, int] = (3, 6)
    reprint_rate: float = 0.1  # share of articles that reprint an earlier one
    alteration_rate: float = 0.5  # share of reprints that change a number
    claim_rate: float = 0.2  # share of articles with a population claim
    reported_rate: float = 0.2  # share of events attributed to officials
    denial_rate: float = 0.1  # share of events that are denials
    start: dt.date = dt.date(2022, 1, 1)
    days: int = 3 * 365


class Generator:
    """Deterministic article generator: article ``i`` depends only on (seed, i).

    Reprints pick their original among the previous 50 articles, so they are
    regenerated from the same seed rather than kept in memory: a corpus of any
    size streams in constant memory.
    """

    def __init__(self, config: SynthConfig | None = None):
        self.config = config or SynthConfig()

    def _rng(self, index: int, salt: str = "") -> random.Random:
        return random.Random(f"{self.config.seed}:{index}:{salt}")

    def _event(self, rng: random.Random, published: dt.date) -> PlantedEvent:
        cfg = self.config
        a, b = rng.sample(STATES, 2)
        day = published - dt.timedelta(days=rng.randint(1, 20))
        # A neutral phrase before the date varies sentences of one template, as
        # real reports of different events vary.
        extra = rng.choice(EXTRAS).format(city=rng.choice(STATES)[2], n=rng.randint(2, 9))
        on = f"{extra} on {_date_phrase(day)}"
        city = rng.choice((a[2], b[2]))
        fill = {
            "a": a[0], "b": b[0], "on": on, "city": city, "topic": rng.choice(TOPICS),
            "offense": rng.choice(OFFENSES), "consequence": rng.choice(CONSEQUENCES),
        }
        amount = None
        if rng.random() < cfg.denial_rate:
            etype, template = rng.choice(DENIAL_TEMPLATES)
            return PlantedEvent(etype, a[1], b[1], day.isoformat(), "denied",
                                template.format(**fill))
        etype = rng.choice(sorted(TEMPLATES))
        template = rng.choice(TEMPLATES[etype])
        if "{amount}" in template:
            fill["amount"], amount = _money(rng)
        sentence = template.format(**fill)
        modality = "asserted"
        if rng.random() < cfg.reported_rate:
            sentence = sentence[:-1] + ", officials said."
            modality = "reported"
        return PlantedEvent(etype, a[1], b[1], day.isoformat(), modality, sentence, amount)

    def _published(self, index: int) -> dt.date:
        # Publication dates grow with the index (plus jitter) so reprints,
        # which copy an earlier index, are published later than their original.
        cfg = self.config
        rng = self._rng(index, "date")
        base = cfg.start + dt.timedelta(days=(index * 7) % cfg.days)
        return base + dt.timedelta(days=rng.randint(0, 3))

    def original(self, index: int) -> SynthArticle:
        """Article ``index`` written from scratch (never a reprint)."""
        cfg = self.config
        rng = self._rng(index)
        published = self._published(index)
        events = [self._event(rng, published) for _ in range(rng.randint(*cfg.events_per_article))]
        claims: list[PlantedClaim] = []
        if rng.random() < cfg.claim_rate:
            host, guest = rng.sample(STATES, 2)
            # Values come from a small set per (host, guest) pair so that
            # different articles about the same pair disagree on the number.
            value = rng.choice((2000, 3000, 5000, 12000))
            sentence = f"About {value:,} {guest[3]} citizens live in {host[0]}."
            claims.append(PlantedClaim(host[1], f"population:{guest[1]}", value, sentence))
        paragraphs: list[str] = []
        fillers = [_filler(rng) for _ in range(rng.randint(*cfg.fillers_per_article))]
        body = [e.sentence for e in events] + [c.sentence for c in claims]
        for i, sentence in enumerate(body):
            para = [sentence]
            if i < len(fillers):
                para.append(fillers[i])
            paragraphs.append(" ".join(para))
        first = events[0]
        title = f"Dispatch {index}: {_name(first.source)} and {_name(first.target)}"
        text = _render(title, published, paragraphs)
        return SynthArticle(
            name=f"synth-{index:06d}.txt", title=title, published=published.isoformat(),
            text=text, events=events, claims=claims,
        )

    def _is_reprint(self, index: int) -> bool:
        return index > 0 and self._rng(index, "reprint").random() < self.config.reprint_rate

    def article(self, index: int) -> SynthArticle:
        """Article ``index``: a reprint of an earlier one with ``reprint_rate``."""
        cfg = self.config
        if not self._is_reprint(index):
            return self.original(index)
        rng = self._rng(index, "reprint-of")
        # The original must itself be an original article, so the file named
        # by ``copy_of`` holds exactly the text that was copied.
        src_index = max(0, index - rng.randint(1, 50))
        while self._is_reprint(src_index):
            src_index -= 1
        src = self.original(src_index)
        published = max(self._published(index), dt.date.fromisoformat(src.published)
                        + dt.timedelta(days=1))
        events = [PlantedEvent(**asdict(e)) for e in src.events]
        altered = False
        body = src.text.split("\n\n", 2)[2]  # drop title and date lines
        if rng.random() < cfg.alteration_rate:
            for e in events:
                if e.amount is not None:
                    old_phrase = _money_phrase_in(e.sentence)
                    if old_phrase is None:
                        continue
                    new_phrase, new_amount = _altered_money(old_phrase, e.amount)
                    new_sentence = e.sentence.replace(old_phrase, new_phrase)
                    body = body.replace(e.sentence, new_sentence)
                    e.sentence, e.amount = new_sentence, new_amount
                    altered = True
                    break
        title = f"Reprint {index}: {src.title}"
        first_seen = _date_phrase(dt.date.fromisoformat(src.published))
        paragraphs = [*body.strip().split("\n\n"), f"This article first appeared on {first_seen}."]
        text = _render(title, published, paragraphs)
        return SynthArticle(
            name=f"synth-{index:06d}.txt", title=title, published=published.isoformat(),
            text=text, events=events, claims=list(src.claims), copy_of=src.name,
            altered=altered,
        )

    def articles(self, n: int, start: int = 0) -> Iterator[SynthArticle]:
        for i in range(start, start + n):
            yield self.article(i)


def _name(iso3: str) -> str:
    return next(s[0] for s in STATES if s[1] == iso3)


def _render(title: str, published: dt.date, paragraphs: list[str]) -> str:
    date_line = f"Published {MONTHS[published.month - 1]} {published.day}, {published.year}"
    return "\n\n".join([title, date_line, *paragraphs]) + "\n"


def _money_phrase_in(sentence: str) -> str | None:
    import re

    m = re.search(r"\$\d+(?:\.\d)? (?:billion|million)", sentence)
    return m.group(0) if m else None


def _altered_money(phrase: str, amount: float) -> tuple[str, float]:
    """Swap the digits of a money phrase ($2.6 billion -> $6.2 billion), or double it."""
    number, scale = phrase[1:].split(" ")
    swapped = number[::-1]
    factor = 1e9 if scale == "billion" else 1e6
    if swapped != number and not swapped.startswith(("0", ".")) and not swapped.endswith("."):
        return f"${swapped} {scale}", float(swapped) * factor
    doubled = float(number) * 2
    text = f"{doubled:.1f}" if "." in number else f"{int(doubled)}"
    return f"${text} {scale}", doubled * factor


def generate(n: int, seed: int = 0, **options: object) -> list[SynthArticle]:
    """``n`` articles from a generator with ``SynthConfig(seed=seed, **options)``."""
    return list(Generator(SynthConfig(seed=seed, **options)).articles(n))  # type: ignore[arg-type]


def write_corpus(directory: str | Path, articles: list[SynthArticle] | Iterator[SynthArticle],
                 manifest: str | Path | None = None) -> list[Path]:
    """Write articles as ``.txt`` files, and the planted facts as JSON to ``manifest``.

    Keep the manifest outside ``directory``: ``accord build`` would try to read it.
    """
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    planted: list[dict[str, object]] = []
    for art in articles:
        path = directory / art.name
        path.write_text(art.text, encoding="utf-8")
        paths.append(path)
        if manifest is not None:
            planted.append({k: v for k, v in asdict(art).items() if k != "text"})
    if manifest is not None:
        Path(manifest).write_text(json.dumps(planted, indent=1), encoding="utf-8")
    return paths


__all__ = [
    "Generator", "PlantedClaim", "PlantedEvent", "STATES", "SynthArticle", "SynthConfig",
    "generate", "write_corpus",
]
