"""Helpers shared by the query modules: row shapes, names, citations, date bounds.

Every query function returns plain, JSON-serialisable dicts (the same shapes
the ``accord/v1`` export uses, plus display fields such as ``source_names``),
so the CLI, the report and the web UI can print or serialise them directly.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, and_, select

from ..errors import AccordError
from ..records import QUAD_CLASS, date_granularity
from ..store import rows
from ..store import schema as S

#: How many ids go into one ``IN (...)`` list; keeps statements within SQLite limits.
CHUNK = 500

_DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


class QueryError(AccordError):
    """A query argument is malformed (a bad date, an unknown type...)."""

    exit_code = 2


def raw_rows(conn: Connection, stmt: Any) -> list[tuple[Any, ...]]:
    """All rows of ``stmt`` as plain tuples, fetched by the DBAPI cursor in one go.

    For the few queries that read hundreds of thousands of index entries (the two
    sides of a dyad), SQLAlchemy's per-row result processing costs more than the
    database; the values read there are plain strings, which need no processing.
    """
    compiled = stmt.compile(dialect=conn.dialect, compile_kwargs={"render_postcompile": True})
    params = compiled.params
    args: Any = (tuple(params[k] for k in compiled.positiontup or ())
                 if compiled.positional else params)
    cur = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        cur.execute(str(compiled), args)
        return list(cur.fetchall())
    finally:
        cur.close()


def chunks(items: Sequence[Any], size: int = CHUNK) -> Iterable[Sequence[Any]]:
    return rows.chunks(items, size)


def check_date(value: str | None, what: str) -> str | None:
    """Validate a ``YYYY[-MM[-DD]]`` filter value (None passes)."""
    if value is None or value == "":
        return None
    value = str(value).strip()
    forms = "use YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2024, 2024-03 or 2024-03-04"
    if not _DATE_RE.match(value):
        raise QueryError(f"{what}: {value!r} is not a date ({forms})")
    parts = [int(p) for p in value.split("-")]
    if len(parts) > 1 and not 1 <= parts[1] <= 12:
        raise QueryError(f"{what}: {value!r} has no month {parts[1]} ({forms})")
    if len(parts) == 3:
        import calendar

        last = calendar.monthrange(parts[0], parts[1])[1]
        if not 1 <= parts[2] <= last:
            raise QueryError(f"{what}: {value!r} is not a day of {value[:7]} "
                             f"(1 to {last}; {forms})")
    return value


def check_modalities(values: Sequence[str] | None) -> None:
    """Every value is a modality this program assigns, or the error lists them."""
    from ..records import MODALITIES

    bad = [v for v in values or () if v not in MODALITIES]
    if bad:
        raise QueryError(f"modality: unknown {bad[0]!r} (one of {', '.join(MODALITIES)})")


def check_pair(a: str, b: str, a_id: str, b_id: str) -> None:
    """A dyad is two different actors ("Poland" and "POL" are one)."""
    if a_id == b_id:
        raise QueryError(f"a dyad needs two different actors: {a!r} and {b!r} are the same "
                         f"actor ({a_id})")


def date_bounds(date_from: str | None, date_to: str | None) -> tuple[str | None, str | None]:
    """Lower/upper bounds on ``date_sort`` for an inclusive partial-date range.

    ``date_sort`` is ``date_value`` padded so that it sorts as a string; whatever
    the padding, every date inside ``2024-03`` starts with ``2024-03``, so the
    prefix itself is a lower bound and the prefix followed by ``~`` (which sorts
    after digits and ``-``) an upper bound.
    """
    lo = check_date(date_from, "--from")
    hi = check_date(date_to, "--to")
    return lo, (hi + "~" if hi else None)


def quad(event_type: str | None) -> str | None:
    return QUAD_CLASS.get((event_type or "").upper())


def entity_names(conn: Connection, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    """``{id: {name, type, iso3, country}}`` for the given entity ids."""
    ids = sorted({i for i in ids if i})
    out: dict[str, dict[str, Any]] = {}
    e = S.entities
    for part in chunks(ids):
        rows = conn.execute(
            select(e.c.id, e.c.name, e.c.type, e.c.iso3, e.c.country).where(e.c.id.in_(part))
        )
        for r in rows:
            out[r.id] = {"name": r.name, "type": r.type, "iso3": r.iso3, "country": r.country}
    missing = [i for i in ids if i not in out]
    if missing:
        out.update(_names_from_mentions(conn, missing))
    return out


def _names_from_mentions(conn: Connection, ids: list[str]) -> dict[str, dict[str, Any]]:
    """Names for actor ids that have no ``entities`` row (yet), from their mentions.

    Reconciliation gives unresolved actors the id ``state-POL`` for the key
    ``state:POL``; the indexed ``mentions.key`` column finds the linker's name.
    """
    m = S.mentions
    keys = {i.replace("-", ":", 1): i for i in ids}
    out: dict[str, dict[str, Any]] = {}
    for part in chunks(sorted(keys)):
        for r in conn.execute(select(m.c.key, m.c.name, m.c.type, m.c.iso3, m.c.country_key)
                              .where(m.c.key.in_(part)).distinct()):
            i = keys[r.key]
            if i not in out:
                country = r.country_key.replace(":", "-", 1) if r.country_key else None
                out[i] = {"name": r.name, "type": r.type, "iso3": r.iso3, "country": country}
    return out


def document_heads(conn: Connection, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    """Short document descriptions (title, source, date, copy status) by id."""
    ids = sorted({i for i in ids if i})
    d = S.documents
    out: dict[str, dict[str, Any]] = {}
    for part in chunks(ids):
        rows = conn.execute(
            select(d.c.id, d.c.title, d.c.source, d.c.published, d.c.outlet, d.c.copy_of,
                   d.c.copied_fraction, d.c.copy_kind).where(d.c.id.in_(part))
        )
        for r in rows:
            out[r.id] = dict(r._mapping)
    return out


def event_mentions(conn: Connection, event_ids: Sequence[str]) -> dict[str, list[dict[str, Any]]]:
    """Citations for events: ``{event_id: [mention, ...]}``, originals before copies.

    A mention is ``{document, start, end, text, sentence, sentence_idx, title,
    source, published, copy_of, modality, trigger, type}`` (``type``: this mention's
    own PLOVER type, which names it in a judgement); ``text`` is ``original[start:end]``
    as stored by extraction, ``sentence`` the (cleaned) sentence for display.
    """
    em, s = S.event_mentions, S.sentences
    out: dict[str, list[dict[str, Any]]] = {}
    rows: list[Any] = []
    for part in chunks(list(event_ids)):
        rows.extend(conn.execute(
            select(em.c.event_id, em.c.document_id, em.c.sentence_idx, em.c.start, em.c.end,
                   em.c.text, em.c.modality, em.c.date_text, em.c.trigger, em.c.type,
                   s.c.text.label("sentence"))
            .select_from(em.outerjoin(s, and_(s.c.document_id == em.c.document_id,
                                              s.c.idx == em.c.sentence_idx)))
            .where(em.c.event_id.in_(part))
        ))
    heads = document_heads(conn, (r.document_id for r in rows))
    for r in rows:
        h = heads.get(r.document_id, {})
        out.setdefault(r.event_id, []).append({
            "document": r.document_id, "start": r.start, "end": r.end, "text": r.text,
            "sentence": r.sentence if r.sentence is not None else r.text,
            "sentence_idx": r.sentence_idx, "title": h.get("title"), "source": h.get("source"),
            "published": h.get("published"), "copy_of": h.get("copy_of"),
            "modality": r.modality, "trigger": r.trigger, "type": r.type,
        })
    for mentions in out.values():
        # Originals first (a copy adds no corroboration), prose before footnotes and
        # link lists, then by date and position.
        mentions.sort(key=lambda m: (m["copy_of"] is not None, _looks_like_reference(m),
                                     m["published"] or "9999", m["document"], m["start"]))
    return out


_REFERENCE = re.compile(r"^\s*(\[\d+\]|\d+\.\s|\^)|https?://|www\.")


def _looks_like_reference(m: dict[str, Any]) -> bool:
    """A footnote or bibliography line ("[45] ... http://..."): a poor citation to show."""
    return bool(_REFERENCE.search(m.get("sentence") or m.get("text") or ""))


def event_dict(row: Any, names: dict[str, dict[str, Any]],
               mentions: list[dict[str, Any]] | None) -> dict[str, Any]:
    """One ``events`` row as the public event shape (``accord/v1`` plus display fields)."""
    m = dict(row._mapping) if hasattr(row, "_mapping") else dict(row)

    def nm(i: str) -> str:
        return str(names.get(i, {}).get("name", i))

    mentions = mentions or []
    source, target = list(m.get("source") or []), list(m.get("target") or [])
    source_names, target_names = [nm(i) for i in source], [nm(i) for i in target]
    return {
        "id": m["id"],
        "type": m["type"],
        "quad": quad(m["type"]),
        "cameo": m.get("cameo"),
        "intensity": m.get("intensity"),
        "source": list(m.get("source") or []),
        "target": list(m.get("target") or []),
        "source_names": source_names,
        "target_names": target_names,
        # "Poland <-> South Korea" for a joint event, "Belarus -> Poland" otherwise
        "joint": is_joint(source, target),
        "actors_label": pair_label(source_names, target_names, joint=is_joint(source, target)),
        "date": {"value": m.get("date_value"), "basis": m.get("date_basis") or "none",
                 "granularity": date_granularity(m.get("date_value"),
                                                 m.get("date_granularity"))},
        "location": m.get("location"),
        "quantities": list(m.get("quantities") or []),
        "modality": m["modality"],
        "attributed_to": list(m.get("attributed_to") or []),
        "attributed_names": [nm(i) for i in m.get("attributed_to") or []],
        "independent_sources": m.get("independent_sources") or 1,
        "confidence": m.get("confidence"),
        "mentions": mentions,
        "citation": mentions[0] if mentions else None,
    }


def events_by_ids(conn: Connection, ids: Sequence[str], *, with_mentions: bool = True
                  ) -> list[dict[str, Any]]:
    """Full event dicts for ``ids``, in the order given."""
    ev = S.events
    rows: dict[str, Any] = {}
    for part in chunks(list(ids)):
        for r in conn.execute(select(ev).where(ev.c.id.in_(part))):
            rows[r.id] = r
    actor_ids: set[str] = set()
    for r in rows.values():
        actor_ids.update(r.source or [])
        actor_ids.update(r.target or [])
        actor_ids.update(r.attributed_to or [])
    names = entity_names(conn, actor_ids)
    mentions = event_mentions(conn, list(rows)) if with_mentions else {}
    return [event_dict(rows[i], names, mentions.get(i)) for i in ids if i in rows]


def actor_label(names: list[str]) -> str:
    return ", ".join(names) if names else "-"


def is_joint(source: Sequence[str], target: Sequence[str]) -> bool:
    """A joint event: both sides are the same actors ("Poland and South Korea signed")."""
    return bool(source) and set(source) == set(target)


def pair_label(source_names: Sequence[str], target_names: Sequence[str],
               joint: bool | None = None) -> str:
    """``A, B -> C``; a joint event names each actor once: ``A <-> B``.

    ``joint`` defaults to comparing the names (pass it when ids are at hand).
    """
    if joint is None:
        joint = is_joint(source_names, target_names)
    if joint and len(set(source_names)) > 1:
        return " <-> ".join(dict.fromkeys(source_names))
    return f"{actor_label(list(source_names))} -> {actor_label(list(target_names))}"


def citation_label(m: dict[str, Any] | None) -> str:
    """``title (date), sentence N`` for humans; ids stay in the data."""
    if not m:
        return "-"
    title = m.get("title") or m.get("source") or m["document"][:12]
    date = f" ({m['published']})" if m.get("published") else ""
    return f"{title}{date}, sentence {m.get('sentence_idx', 0) + 1}"


__all__ = [
    "QueryError", "check_date", "date_bounds", "quad", "entity_names", "document_heads",
    "event_mentions", "event_dict", "events_by_ids", "citation_label", "actor_label",
    "is_joint", "pair_label",
]
