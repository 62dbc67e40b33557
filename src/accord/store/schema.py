"""The one schema, for SQLite and PostgreSQL (SQLAlchemy Core).

Two families of tables:

* per-document *records* written by a build from :class:`accord.records.Extraction`
  (``sentences``, ``mentions``, ``event_mentions``, ``claim_mentions``). They are
  replaced as a unit, in one transaction per document.
* cross-document *knowledge* written by ``reconcile`` (``entities``, ``events``,
  ``claims``, ``contradictions``, and ``documents.copy_of``). Records point at
  knowledge through nullable ``entity_id``/``event_id``/``claim_id`` columns.

Ids of knowledge rows are strings derived from content (not autoincrement), so
that building a corpus in one go and adding it file by file give the same ids.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

#: Bumped with every change to the tables below; see ``store.migrations``.
SCHEMA_VERSION = 7

metadata = MetaData()


def _document_id() -> Column[str]:
    """The owning document of a per-document record; deleting the document deletes it."""
    return Column(
        "document_id", String(64), ForeignKey("documents.id", ondelete="CASCADE"), nullable=False
    )


schema_info = Table(
    "schema_info",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

documents = Table(
    "documents",
    metadata,
    Column("id", String(64), primary_key=True),  # content hash of the original text
    Column("source", Text, nullable=False),
    Column("format", String(16), nullable=False),
    Column("title", Text),
    Column("author", Text),
    Column("outlet", Text),
    Column("published", String(10)),  # YYYY[-MM[-DD]]
    Column("published_basis", String(16), nullable=False, default="none"),
    Column("original_text", Text, nullable=False),
    Column("clean_text", Text, nullable=False),
    Column("offset_map", JSON, nullable=False),
    Column("words", Integer, nullable=False, default=0),
    Column("language", String(8)),
    Column("meta", JSON),
    Column("added_at", String(32), nullable=False),
    # Set when extraction records are stored; NULL means "ingested, not extracted"
    # so an interrupted build resumes at this document.
    Column("extractor_version", String(32)),
    Column("extract_stats", JSON),
    # Written by reconcile.
    Column("copy_of", String(64)),
    Column("copied_fraction", Float),
    Column("copy_kind", String(16)),  # full | partial | paraphrase
    # v2: set when reconcile has taken this document into account; NULL after
    # (re-)extraction, so a build killed between extraction and reconcile
    # reconciles these documents next time.
    Column("reconciled_at", String(32)),
    # v2: a build looks up unextracted and unreconciled documents on every run.
    Index("ix_documents_extractor", "extractor_version"),
    Index("ix_documents_reconciled", "reconciled_at"),
    # v7: an add finds the copies of the documents it changes (their events and
    # contradictions follow the original's).
    Index("ix_documents_copy_of", "copy_of"),
)

sentences = Table(
    "sentences",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _document_id(),
    Column("idx", Integer, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Index("ix_sentences_doc", "document_id", "idx", unique=True),
)

entities = Table(
    "entities",
    metadata,
    Column("id", String(128), primary_key=True),
    Column("name", Text, nullable=False),
    Column("type", String(16), nullable=False),
    Column("country", String(128)),  # entity id of a STATE
    Column("role", Text),
    Column("iso3", String(3)),
    Column("wikidata", String(16)),
    Column("aliases", JSON, nullable=False, default=list),
    Column("keys", JSON, nullable=False, default=list),  # extraction keys folded into it
    Column("mention_count", Integer, nullable=False, default=0),
    Column("document_count", Integer, nullable=False, default=0),
)

#: Columns the two mention lookups of entity resolution read.
_MENTION_KEY_COVER = ("name", "text", "type", "country_key", "role", "iso3", "wikidata",
                      "is_actor", "entity_id")
_MENTION_ENTITY_COVER = ("document_id", "text")

mentions = Table(
    "mentions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _document_id(),
    Column("sentence_idx", Integer, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("key", String(256), nullable=False),
    Column("name", Text, nullable=False),
    Column("type", String(16), nullable=False),
    Column("country_key", String(64)),
    Column("role", Text),
    Column("iso3", String(3)),
    Column("wikidata", String(16)),
    Column("is_actor", Boolean, nullable=False, default=True),
    Column("entity_id", String(128)),
    Index("ix_mentions_doc", "document_id"),
    # v4, SQLite: covering, so resolving a new article's mentions against the
    # store reads only index pages (an `add` reads every mention of each key and
    # entity it touches). Not on PostgreSQL, whose index entries have a size cap
    # that a long mention text could exceed.
    Index("ix_mentions_entity", "entity_id", *_MENTION_ENTITY_COVER).ddl_if(dialect="sqlite"),
    Index("ix_mentions_key", "key", *_MENTION_KEY_COVER).ddl_if(dialect="sqlite"),
    Index("ix_mentions_entity", "entity_id").ddl_if(dialect="postgresql"),
    Index("ix_mentions_key", "key").ddl_if(dialect="postgresql"),
)

event_mentions = Table(
    "event_mentions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _document_id(),
    Column("sentence_idx", Integer, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("trigger", Text, nullable=False),
    Column("type", String(16), nullable=False),
    Column("cameo", String(4)),
    Column("intensity", Float),
    Column("source_keys", JSON, nullable=False, default=list),
    Column("target_keys", JSON, nullable=False, default=list),
    Column("date_value", String(10)),
    Column("date_basis", String(16), nullable=False, default="none"),
    # v6: day | week | month | year | decade | century; NULL: read it from the value's
    # shape (a week's value is its Monday, a decade's or century's its first year).
    Column("date_granularity", String(8)),
    Column("date_text", Text),
    Column("location", Text),
    Column("quantities", JSON, nullable=False, default=list),
    Column("modality", String(16), nullable=False, default="asserted"),
    Column("attributed_keys", JSON, nullable=False, default=list),
    Column("confidence", Float),
    Column("event_id", String(64)),
    Index("ix_event_mentions_doc", "document_id"),
    # v4: covering, so a dyad counts its documents from the index alone.
    Index("ix_event_mentions_event", "event_id", "document_id"),
)

events = Table(
    "events",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("type", String(16), nullable=False),
    Column("cameo", String(4)),
    Column("intensity", Float),
    Column("source", JSON, nullable=False, default=list),  # entity ids
    Column("target", JSON, nullable=False, default=list),
    Column("date_value", String(10)),
    Column("date_basis", String(16), nullable=False, default="none"),
    Column("date_granularity", String(8)),  # v6, as on event_mentions
    Column("date_sort", String(10)),  # date_value padded for ordering/range filters
    Column("location", Text),
    Column("quantities", JSON, nullable=False, default=list),
    Column("modality", String(16), nullable=False),
    Column("attributed_to", JSON, nullable=False, default=list),
    Column("independent_sources", Integer, nullable=False, default=1),
    Column("confidence", Float),
    Column("block_key", String(256)),
    Column("why", JSON),  # merge decisions, for `accord event ID --why`
    Index("ix_events_date", "date_sort"),
    Index("ix_events_type", "type"),
    Index("ix_events_block", "block_key"),
)

# Denormalised (event, actor, role) rows so timeline/dyad queries use indexes
# instead of scanning JSON arrays.
event_actors = Table(
    "event_actors",
    metadata,
    Column("event_id", String(64), nullable=False),
    Column("entity_id", String(128), nullable=False),
    Column("role", String(8), nullable=False),  # source | target
    Column("date_sort", String(10)),
    # Covering: a dyad or actor timeline never touches the table rows.
    Index("ix_event_actors_entity", "entity_id", "date_sort", "event_id"),
    # v4: covering, so a dyad finds its third parties from the index alone.
    Index("ix_event_actors_event", "event_id", "entity_id"),
)

# v4: one row per (unordered actor pair, event), with what a dyad summary counts,
# so a dyad is one range read of the primary key instead of intersecting two
# actors' index ranges (hundreds of thousands of rows each on a big store).
# Maintained with ``event_actors`` by :mod:`accord.store.pairs`; ``a < b``.
event_pairs = Table(
    "event_pairs",
    metadata,
    Column("a", String(128), primary_key=True),
    Column("b", String(128), primary_key=True),
    Column("event_id", String(64), primary_key=True),
    Column("date_sort", String(10)),
    Column("type", String(16), nullable=False),
    Column("modality", String(16), nullable=False),
    Column("intensity", Float),
    Column("independent_sources", Integer, nullable=False, default=1),
    Index("ix_event_pairs_event", "event_id"),
    # PostgreSQL keeps rows in insertion order: a covering index makes a pair's
    # rows one index-only range read there too.
    Index("ix_event_pairs_cover", "a", "b",
          postgresql_include=["event_id", "date_sort", "type", "modality", "intensity",
                              "independent_sources"]).ddl_if(dialect="postgresql"),
    # SQLite: rows stored in primary-key order, so a pair's rows are contiguous.
    sqlite_with_rowid=False,
)

# v4: what a dyad counts besides its events: the documents that report them
# (kind "document") and the other actors taking part (kind "actor"), one row per
# actor pair, event and value, so both are a range read of the primary key
# instead of one index probe per event of the pair.
pair_links = Table(
    "pair_links",
    metadata,
    Column("a", String(128), primary_key=True),
    Column("b", String(128), primary_key=True),
    Column("kind", String(8), primary_key=True),
    Column("value", String(128), primary_key=True),
    Column("event_id", String(64), primary_key=True),
    Index("ix_pair_links_event", "event_id"),
    sqlite_with_rowid=False,
)

claim_mentions = Table(
    "claim_mentions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _document_id(),
    Column("sentence_idx", Integer, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("subject_key", String(256), nullable=False),
    Column("property", Text, nullable=False),
    Column("value", Text, nullable=False),  # JSON-encoded number or string
    Column("value_text", Text),
    Column("unit", String(32)),
    Column("qualifier", String(16)),
    Column("modality", String(16)),
    Column("claim_id", String(64)),
    Index("ix_claim_mentions_doc", "document_id"),
)

claims = Table(
    "claims",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("subject", String(128), nullable=False),
    Column("property", Text, nullable=False),
    Column("value", Text, nullable=False),  # JSON-encoded
    Column("unit", String(32)),
    Column("qualifier", String(16)),
    Column("modality", String(16)),
)

contradictions = Table(
    "contradictions",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("kind", String(32), nullable=False),
    Column("items", JSON, nullable=False),
    Column("documents", JSON, nullable=False),
    Column("explanation", Text, nullable=False),
    Column("block_key", String(256)),
)

# Analyst judgements on events (v5): "these mentions are one event" (merge) or "these
# are not the same event as those" (split), kept across rebuilds. Mentions are named
# by content ({document, start, end, type}), never by row or event id, which change.
event_judgements = Table(
    "event_judgements",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(16), nullable=False),  # merge | split
    Column("a", JSON, nullable=False),
    Column("b", JSON, nullable=False),
    Column("created_at", String(32), nullable=False),
)

# Analyst judgements on entities (merge/split), kept across rebuilds.
judgements = Table(
    "judgements",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(16), nullable=False),  # merge | split
    Column("a", Text, nullable=False),
    Column("b", Text),
    Column("mentions", JSON),
    Column("created_at", String(32), nullable=False),
)

runs = Table(
    "runs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("started_at", String(32), nullable=False),
    Column("finished_at", String(32)),
    Column("command", Text),
    Column("extractor_version", String(32)),
    Column("status", String(16), nullable=False),  # running | ok | failed | interrupted
    Column("stats", JSON),
)

config = Table(
    "config",
    metadata,
    Column("key", String(128), primary_key=True),
    Column("value", JSON),
)
