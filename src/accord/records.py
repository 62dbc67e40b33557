"""Plain records passed between layers.

These dataclasses are the contract between ``ingest``, ``extract`` and
``store``: extraction is a pure function from an :class:`IngestedDocument` to
an :class:`Extraction`, so it can run in a process pool or on a Spark
executor and be serialised (``asdict``) without carrying spaCy objects.

All ``start``/``end`` offsets in records that leave ``extract`` are character
offsets into the document's *original* text (``IngestedDocument.original``);
``text`` always equals ``original[start:end]``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

#: The seven modalities of DESIGN.md, in order of how strongly a source commits.
MODALITIES = ("asserted", "reported", "alleged", "denied", "negated", "planned", "hypothetical")
#: Where an event's date came from.
DATE_BASES = ("explicit", "relative", "publication", "none")
ENTITY_TYPES = ("STATE", "ORG", "PERSON", "GROUP", "LOCATION")
#: How much of a date value to read (a week's value is its Monday, a decade's or
#: century's its first year).
DATE_GRANULARITIES = ("day", "week", "month", "year", "decade", "century")


def date_granularity(value: str | None, given: str | None = None) -> str:
    """A date's granularity: the one extraction gave, else read from the value's shape
    (``YYYY-MM-DD`` day, ``YYYY-MM`` month, ``YYYY`` year); ``none`` without a value.

    Why a fallback: stores written before schema v6 kept no granularity.
    """
    if not value:
        return "none"
    if given:
        return given
    return {10: "day", 7: "month", 4: "year"}.get(len(value), "none")


def _plover_table() -> dict[str, dict[str, Any]]:
    """The one table of PLOVER types (``data/lexicon/types.yaml``), read once at import.

    Why a data file: the lexicon, the quad classes, the bench, the ``accord ask``
    crosswalk and the schema enum used to keep their own copies and disagreed.
    """
    import yaml

    path = Path(__file__).resolve().parent / "data" / "lexicon" / "types.yaml"
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with open(path, encoding="utf-8") as fh:
        data = yaml.load(fh, Loader=loader)  # noqa: S506 (safe loader)
    return {str(t).upper(): dict(row) for t, row in data.items()}


#: ``{type: {cameo, intensity, quad, symmetric, target_preps}}`` in PLOVER order.
PLOVER_TABLE: dict[str, dict[str, Any]] = _plover_table()
PLOVER_TYPES: tuple[str, ...] = tuple(PLOVER_TABLE)
QUAD_CLASS: dict[str, str] = {t: str(row["quad"]) for t, row in PLOVER_TABLE.items()}
QUALIFIERS = ("exact", "about", "up_to", "at_least", "more_than", "less_than")


@dataclass
class IngestedDocument:
    """A document after reading and cleaning, before any NLP.

    ``original`` is the text as read (decoded file text; for HTML the text that
    trafilatura extracted; for PDF the text layer of all pages). ``clean`` is the
    article body with joined lines, repaired hyphenation and furniture removed.
    ``offset_map`` maps clean offsets back to original ones (see
    :class:`accord.ingest.offsets.OffsetMap`), serialised as a list of
    ``[clean_start, orig_start, length, orig_length]`` segments.
    """

    id: str
    source: str
    format: str
    original: str
    clean: str
    offset_map: list[list[int]]
    title: str | None = None
    author: str | None = None
    outlet: str | None = None
    published: str | None = None  # YYYY[-MM[-DD]]
    published_basis: str = "none"  # sidecar | metadata | text | none
    language: str | None = "en"
    warnings: list[str] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def words(self) -> int:
        return len(self.clean.split())


@dataclass
class SentenceRecord:
    index: int
    start: int
    end: int
    text: str  # cleaned sentence text (for display and full-text search)


@dataclass
class ActorRef:
    """What the actor linker knows about one mention.

    ``key`` is stable across documents for gazetteer actors (``state:ISR``,
    ``org:mossad``) and a provisional ``person:<normalised full name>`` or
    ``org:<normalised name>`` otherwise; cross-document resolution in
    ``reconcile`` turns keys into entity ids.
    """

    key: str
    name: str
    type: str  # one of ENTITY_TYPES
    country: str | None = None  # key of the state, e.g. "state:ISR" (for a person whose
    # title names an international body, that body: "org:nato")
    role: str | None = None
    iso3: str | None = None
    wikidata: str | None = None
    is_actor: bool = True  # False when a capital/country names a place, not an agent


@dataclass
class MentionRecord:
    start: int
    end: int
    text: str
    sentence_index: int
    actor: ActorRef


@dataclass
class QuantityRecord:
    value: float
    unit: str  # ISO currency (USD), "people", "km", "percent", "barrels", "tons", ...
    qualifier: str | None  # one of QUALIFIERS
    text: str
    start: int | None = None
    end: int | None = None


@dataclass
class EventRecord:
    type: str  # PLOVER, upper case
    start: int  # span of the clause/sentence that states the event
    end: int
    text: str
    sentence_index: int
    trigger: str
    source: list[str] = field(default_factory=list)  # actor keys
    target: list[str] = field(default_factory=list)
    cameo: str | None = None
    intensity: float | None = None
    date_value: str | None = None
    date_basis: str = "none"
    date_text: str | None = None
    #: day | week | month | year | decade | century; None: read it from the value's shape
    #: (a week's value is its Monday, a decade's or century's its first year).
    date_granularity: str | None = None
    location: str | None = None  # actor key of a place, or free text
    quantities: list[QuantityRecord] = field(default_factory=list)
    modality: str = "asserted"
    attributed_to: list[str] = field(default_factory=list)  # actor keys or "outlet:<name>"
    confidence: float | None = None


@dataclass
class ClaimRecord:
    subject: str  # actor key
    property: str
    value: float | str
    unit: str | None
    qualifier: str | None
    modality: str
    start: int
    end: int
    text: str
    sentence_index: int
    value_text: str | None = None


@dataclass
class Extraction:
    """Everything ``extract`` finds in one document."""

    document_id: str
    extractor_version: str
    sentences: list[SentenceRecord] = field(default_factory=list)
    mentions: list[MentionRecord] = field(default_factory=list)
    events: list[EventRecord] = field(default_factory=list)
    claims: list[ClaimRecord] = field(default_factory=list)
    stats: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
