"""Cross-document entity resolution: mention keys -> entities, plus analyst judgements.

Extraction gives every mention a key (``state:ISR``, ``org:isr-mossad``,
``person:ilham-aliyev``, or a provisional ``person:aliyev`` for a surname seen without a
full name in its document). This step

1. maps each key to an entity id derived from the key (``state:KOR`` -> ``state-KOR``), so
   ids never depend on insertion order;
2. resolves surname-only people *per mention*: to the full-name person of the same
   surname in the same document, else to the one whose role/country/years fit, else to the
   only candidate; otherwise the mention keeps its own entity (two Aliyevs stay two);
3. merges spelling variants of one person's name (same first name, near-identical surname,
   compatible country) with rapidfuzz;
4. applies analyst judgements (``merge A B``, ``split ENTITY MENTION...``), stored in the
   ``judgements`` table by content (entity ids and document offsets), so they survive
   rebuilds; a split that undoes a merge (or the reverse) is a contradiction: reported,
   neither applied;
5. rewrites ``entities`` (name, type, country, role, codes, aliases, counts) and
   ``mentions.entity_id``.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from rapidfuzz import fuzz
from sqlalchemy import Connection, bindparam, delete, func, insert, select, update

from ..errors import AccordError, ConfigError, NotFound
from ..extract.actors.names import slug
from ..store import schema as S
from .ids import content_id

if TYPE_CHECKING:
    from ..store import Store

SETTINGS_FILE = Path(__file__).resolve().parent.parent / "data" / "actors_resolution.yaml"


def _settings() -> dict[str, Any]:
    try:
        data = yaml.safe_load(SETTINGS_FILE.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"{SETTINGS_FILE}: cannot read resolution settings ({exc})") from exc
    return data


_S = _settings()
#: Two spellings of a surname merge at or above this rapidfuzz ratio (same first name).
NAME_SIMILARITY = int(_S.get("name_similarity", 90))
#: Batches of more new documents than this are resolved from scratch (cheaper than long
#: IN lists, and within database parameter limits).
INCREMENTAL_MAX_DOCS = int(_S.get("incremental_max_docs", 2000))


def entity_id_for(key: str) -> str:
    """``state:KOR`` -> ``state-KOR``; ``person:ilham-aliyev`` -> ``person-ilham-aliyev``."""
    return key.replace(":", "-", 1)


# -- judgements ------------------------------------------------------------------------

@dataclass
class Judgement:
    kind: str  # merge | split
    a: str
    b: str | None = None
    mentions: list[dict[str, Any]] = field(default_factory=list)  # {document, start, end}
    created_at: str = ""
    id: int | None = None

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind, "a": self.a, "created_at": self.created_at}
        if self.kind == "merge":
            out["b"] = self.b
        else:
            out["mentions"] = self.mentions
        return out

    def describe(self) -> str:
        if self.kind == "merge":
            return f"#{self.id} merge {self.a} {self.b}"
        refs = " ".join(f"{m['document'][:12]}:{m['start']}-{m['end']}" for m in self.mentions)
        return f"#{self.id} split {self.a} {refs}"


def split_id(entity: str, mentions: Sequence[dict[str, Any]]) -> str:
    """Id of the entity a split creates (content-derived, stable across rebuilds)."""
    refs = sorted((m["document"], int(m["start"]), int(m["end"])) for m in mentions)
    return content_id(f"{entity}~split", refs, length=8)


def load_judgements(conn: Connection) -> list[Judgement]:
    rows = conn.execute(select(S.judgements).order_by(S.judgements.c.id)).mappings()
    return [Judgement(r["kind"], r["a"], r["b"], list(r["mentions"] or []), r["created_at"],
                      r["id"]) for r in rows]


def conflicts(judgements: Sequence[Judgement], base: dict[tuple[str, int, int], str]
              ) -> list[tuple[Judgement, Judgement]]:
    """Pairs of judgements that contradict each other.

    A merge of A and B contradicts a split of A or B whose mentions (before judgements)
    belong to the other one of the pair, and a split whose new entity is later merged back.
    ``base`` maps (document, start, end) -> entity id before judgements.
    """
    out = []
    merges = [j for j in judgements if j.kind == "merge"]
    splits = [j for j in judgements if j.kind == "split"]
    for m in merges:
        pair = {m.a, m.b}
        for s in splits:
            sid = split_id(s.a, s.mentions)
            owners = {base.get((r["document"], int(r["start"]), int(r["end"])))
                      for r in s.mentions}
            if sid in pair and s.a in pair:
                out.append((m, s))
            elif s.a in pair and owners and owners <= pair and owners != {s.a}:
                out.append((m, s))
    return out


def add_judgement(store: Store, j: Judgement) -> list[str]:
    """Validate and store one judgement; returns contradictions it causes (as text).

    The judgement is stored even if it contradicts an earlier one (so the analyst's record is
    complete), but the next reconciliation applies neither and reports both.
    """
    with store.begin() as conn:
        ids = {r[0] for r in conn.execute(select(S.entities.c.id))}
        if j.kind == "merge":
            for e in (j.a, j.b):
                if e not in ids:
                    raise NotFound(f"no entity {e!r} (see `accord actors`)")
            if j.a == j.b:
                raise AccordError(f"cannot merge {j.a} with itself")
        elif j.kind == "split":
            if j.a not in ids:
                raise NotFound(f"no entity {j.a!r} (see `accord actors`)")
            if not j.mentions:
                raise AccordError("split needs at least one mention")
        else:
            raise AccordError(f"unknown judgement kind {j.kind!r}")
        j.created_at = j.created_at or dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        existing = load_judgements(conn)
        if any(e.as_json() | {"created_at": ""} == j.as_json() | {"created_at": ""}
               for e in existing):
            return []
        res = conn.execute(insert(S.judgements).values(
            kind=j.kind, a=j.a, b=j.b, mentions=j.mentions or None, created_at=j.created_at))
        j.id = res.inserted_primary_key[0] if res.inserted_primary_key else None
        base = _base_owner(conn, [*existing, j])
        return [f"{x.describe()} contradicts {y.describe()}"
                for x, y in conflicts([*existing, j], base)]


def mention_refs(conn: Connection, mention_ids: Iterable[int]) -> list[dict[str, Any]]:
    """Turn mention row ids (as `accord actor` prints them) into stable references."""
    ids = [int(i) for i in mention_ids]
    rows = {r.id: r for r in conn.execute(
        select(S.mentions.c.id, S.mentions.c.document_id, S.mentions.c.start,
               S.mentions.c.end).where(S.mentions.c.id.in_(ids)))}
    missing = [i for i in ids if i not in rows]
    if missing:
        raise NotFound(f"no mention(s) {', '.join(map(str, missing))}")
    return [{"document": rows[i].document_id, "start": rows[i].start, "end": rows[i].end}
            for i in ids]


def export_judgements(store: Store) -> str:
    """All judgements as JSON lines (one object per line)."""
    with store.connect() as conn:
        return "".join(json.dumps(j.as_json(), ensure_ascii=False) + "\n"
                       for j in load_judgements(conn))


def import_judgements(store: Store, text: str, source: str = "<judgements>"
                      ) -> tuple[int, list[str]]:
    """Import JSON lines written by :func:`export_judgements`; returns (added, conflicts).

    Entities named by a judgement need not exist yet (judgements may be imported before a
    rebuild); duplicates are skipped.
    """
    added, problems = 0, []
    parsed = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ConfigError(f"{source}:{n}: not JSON ({exc.msg})") from exc
        if not isinstance(obj, dict) or obj.get("kind") not in ("merge", "split") or \
                not obj.get("a") or (obj["kind"] == "merge" and not obj.get("b")) or \
                (obj["kind"] == "split" and not obj.get("mentions")):
            raise ConfigError(f"{source}:{n}: expected a merge (a, b) or split (a, mentions)")
        unknown = set(obj) - {"kind", "a", "b", "mentions", "created_at"}
        if unknown:
            raise ConfigError(f"{source}:{n}: unknown field {sorted(unknown)[0]!r}")
        parsed.append(Judgement(obj["kind"], obj["a"], obj.get("b"), obj.get("mentions") or [],
                                obj.get("created_at") or ""))
    with store.begin() as conn:
        existing = load_judgements(conn)
        seen = {json.dumps(e.as_json() | {"created_at": ""}, sort_keys=True) for e in existing}
        now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        for j in parsed:
            sig = json.dumps(j.as_json() | {"created_at": ""}, sort_keys=True)
            if sig in seen:
                continue
            seen.add(sig)
            conn.execute(insert(S.judgements).values(
                kind=j.kind, a=j.a, b=j.b, mentions=j.mentions or None,
                created_at=j.created_at or now))
            added += 1
        all_j = load_judgements(conn)
        problems = [f"{x.describe()} contradicts {y.describe()}"
                    for x, y in conflicts(all_j, _base_owner(conn, all_j))]
    return added, problems


def delete_judgement(store: Store, judgement_id: int) -> None:
    with store.begin() as conn:
        res = conn.execute(delete(S.judgements).where(S.judgements.c.id == judgement_id))
        if not res.rowcount:
            raise NotFound(f"no judgement #{judgement_id}")


def _base_owner(conn: Connection, judgements: Sequence[Judgement]
                ) -> dict[tuple[str, int, int], str]:
    """Entity of each mention named by a split, before any judgement (from its key)."""
    refs = [(r["document"], int(r["start"]), int(r["end"]))
            for j in judgements if j.kind == "split" for r in j.mentions]
    if not refs:
        return {}
    docs = {d for d, _, _ in refs}
    out = {}
    for r in conn.execute(select(S.mentions.c.document_id, S.mentions.c.start, S.mentions.c.end,
                                 S.mentions.c.key).where(S.mentions.c.document_id.in_(docs))):
        out[(r.document_id, r.start, r.end)] = entity_id_for(r.key)
    # surname-only keys were resolved to a person; use the resolved (pre-judgement) id
    for r in conn.execute(select(S.mentions.c.document_id, S.mentions.c.start, S.mentions.c.end,
                                 S.mentions.c.entity_id).where(
                                     S.mentions.c.document_id.in_(docs))):
        if r.entity_id and "~split" not in r.entity_id:
            out.setdefault((r.document_id, r.start, r.end), r.entity_id)
    return out


# -- resolution ------------------------------------------------------------------------

@dataclass
class _KeyInfo:
    key: str
    names: Counter[str] = field(default_factory=Counter)
    texts: Counter[str] = field(default_factory=Counter)
    types: Counter[str] = field(default_factory=Counter)
    countries: Counter[str] = field(default_factory=Counter)
    roles: Counter[str] = field(default_factory=Counter)
    iso3: str | None = None
    wikidata: str | None = None
    referenced_only: bool = False  # named by an event/claim but never mentioned as a span

    @property
    def name(self) -> str:
        return self.names.most_common(1)[0][0] if self.names else self.key

    @property
    def country(self) -> str | None:
        return self.countries.most_common(1)[0][0] if self.countries else None

    @property
    def surname_only(self) -> bool:
        return self.key.startswith("person:") and " " not in self.name.strip()


_PREFIX_TYPE = {"state": "STATE", "org": "ORG", "group": "GROUP", "person": "PERSON",
                "loc": "LOCATION"}


def _add_referenced_keys(conn: Connection, infos: dict[str, _KeyInfo],
                         docs: Sequence[str] | None) -> None:
    """Keys that events/claims name without a mention span still get an entity, named from
    the gazetteer, so labels do not depend on the order documents arrive in."""
    refs: set[str] = set()
    cm, em = S.claim_mentions, S.event_mentions
    stmt = select(cm.c.subject_key).distinct()
    estmt = select(em.c.source_keys, em.c.target_keys, em.c.attributed_keys)
    if docs is not None:
        stmt = stmt.where(cm.c.document_id.in_(docs))
        estmt = estmt.where(em.c.document_id.in_(docs))
    for (k,) in conn.execute(stmt):
        refs.add(k)
    for src, tgt, att in conn.execute(estmt):
        refs.update(src or [])
        refs.update(tgt or [])
        refs.update(att or [])
    for info in list(infos.values()):
        refs.update(info.countries)  # an actor's country is an entity too
    missing = [k for k in refs if k not in infos and k.split(":", 1)[0] in _PREFIX_TYPE]
    if not missing:
        return
    try:
        from ..extract.actors import load_gazetteer

        entries = load_gazetteer().entries
    except AccordError:
        entries = {}
    for k in missing:
        e = entries.get(k)
        info = _KeyInfo(k, referenced_only=True)
        info.names[e.name if e else k.split(":", 1)[1]] += 1
        info.types[e.type if e else _PREFIX_TYPE[k.split(":", 1)[0]]] += 1
        if e is not None:
            info.iso3, info.wikidata = e.iso3, e.wikidata
            if e.country:
                info.countries[e.country] += 1
        infos[k] = info


def _gazetteer_offices() -> dict[str, list[tuple[str, str | None, int | None, int | None]]]:
    try:
        from ..extract.actors import load_gazetteer

        gaz = load_gazetteer()
    except AccordError:
        return {}
    return gaz.person_offices()


def _name_parts(name: str) -> tuple[str, str]:
    words = name.split()
    return (slug(words[0]), slug(words[-1])) if words else ("", "")


def run(store: Store, document_ids: Sequence[str] | None = None) -> dict[str, object]:
    """Resolve mentions to entities and bring the ``entities`` table up to date.

    With ``document_ids`` (documents just added) only the keys those documents mention and
    the entities they belong to are recomputed; earlier decisions elsewhere stand, so adding
    one article to a large store stays cheap. ``None`` recomputes everything.
    """
    with store.begin() as conn:
        return _run(conn, list(document_ids) if document_ids is not None else None)


def _details(conn: Connection, infos: dict[str, _KeyInfo], keys: set[str] | None,
             linked: dict[str, set[str]] | None = None) -> None:
    """Aggregate the mentions of ``keys`` (all when ``None``) into ``infos``; ``linked``
    receives the entity ids each key's mentions point at (from the same scan)."""
    m = S.mentions
    cols = (m.c.key, m.c.name, m.c.text, m.c.type, m.c.country_key, m.c.role, m.c.iso3,
            m.c.wikidata, m.c.is_actor, m.c.entity_id)
    stmt = select(*cols, func.count().label("n")).group_by(*cols)
    if keys is not None:
        stmt = stmt.where(m.c.key.in_(keys))
    groups: dict[tuple[Any, ...], int] = {}  # the groups without entity_id, in order
    for *group, entity_id, n in conn.execute(stmt):
        if linked is not None:
            eids = linked.setdefault(group[0], set())
            if entity_id is not None:
                eids.add(entity_id)
        groups[tuple(group)] = groups.get(tuple(group), 0) + n
    # In group order (NULL first), whatever order the database returned them in:
    # most_common() breaks ties by first insertion, so the plan must not decide names.
    for (key, name, text, type_, country_key, role, iso3, wikidata, is_actor), n in sorted(
            groups.items(), key=lambda g: tuple((v is not None, v) for v in g[0])):
        info = infos.setdefault(key, _KeyInfo(key))
        info.names[name] += n
        info.texts[text] += n
        if is_actor or not info.types:
            info.types[type_] += n
        if country_key:
            info.countries[country_key] += n
        if role:
            info.roles[role] += n
        info.iso3 = info.iso3 or iso3
        info.wikidata = info.wikidata or wikidata


@dataclass
class _Pass:
    """What one entity-resolution run knows, filled phase by phase (see :func:`_run`)."""

    conn: Connection
    docs: list[str] | None
    previous: dict[str, str] = field(default_factory=dict)
    old_rows: dict[str, Any] = field(default_factory=dict)
    old_split_entities: list[str] = field(default_factory=list)
    judgements: list[Judgement] = field(default_factory=list)
    infos: dict[str, _KeyInfo] = field(default_factory=dict)
    fixed: set[str] = field(default_factory=set)
    linked: dict[str, set[str]] = field(default_factory=dict)
    scope: set[str] | None = None
    affected: set[str] = field(default_factory=set)
    key_entity: dict[str, str] = field(default_factory=dict)
    full: list[_KeyInfo] = field(default_factory=list)
    merged_variants: int = 0
    mention_entity: dict[int, str] = field(default_factory=dict)
    surname_keys: list[str] = field(default_factory=list)
    resolved: int = 0
    unresolved: int = 0
    bad: list[tuple[Judgement, Judgement]] = field(default_factory=list)
    parent: dict[str, str] = field(default_factory=dict)
    applied: int = 0
    skipped: list[str] = field(default_factory=list)
    split_mentions: dict[tuple[str, int, int], str] = field(default_factory=dict)
    final_key: dict[str, str] = field(default_factory=dict)
    updated: int = 0
    lost: set[str] = field(default_factory=set)
    rows_out: list[dict[str, Any]] = field(default_factory=list)

    def find(self, e: str) -> str:
        """The entity ``e`` ends up in after the merge judgements."""
        while e in self.parent:
            e = self.parent[e]
        return e


def _run(conn: Connection, docs: list[str] | None) -> dict[str, object]:
    """One entity-resolution run, in named phases over one :class:`_Pass`."""
    p = _Pass(conn, docs)
    _scope(p)  # earlier entities and judgements; the keys this run decides
    _name_variants(p)  # one entity per key; spelling variants and org-named people joined
    _surnames(p)  # surname-only mentions, each to a full name in context
    _judgements(p)  # the analyst's merges and splits
    _link_mentions(p)  # entity ids written on the mentions
    _write_entities(p)  # the entities table
    return _stats(p)

def _scope(p: _Pass) -> None:
    """Earlier entities and judgements; the keys to decide (all, or those new documents touch)."""
    m = S.mentions
    p.previous = {}
    p.old_rows = {}
    p.old_split_entities = []
    for r in p.conn.execute(select(S.entities)).mappings():
        p.old_rows[r["id"]] = r
        if "~split-" in r["id"]:
            p.old_split_entities.append(r["id"])
            continue
        for k in r["keys"] or []:
            p.previous[k] = r["id"]
    p.judgements = load_judgements(p.conn)
    if p.docs is not None:
        split_docs = {ref["document"] for j in p.judgements if j.kind == "split"
                      for ref in j.mentions}
        if not p.old_rows or split_docs & set(p.docs) or len(p.docs) > INCREMENTAL_MAX_DOCS:
            p.docs = None  # first run, a split concerns these documents, or a big batch
    p.infos = {}
    p.fixed = set()  # keys decided earlier, kept as they are (incremental)
    p.linked = {}  # key -> entities its mentions point at (incremental)
    if p.docs is None:
        p.scope = None
        _details(p.conn, p.infos, None)
        _add_referenced_keys(p.conn, p.infos, None)
    else:
        touched = {k for (k,) in p.conn.execute(
            select(m.c.key).where(m.c.document_id.in_(p.docs)).distinct())}
        _add_referenced_keys(p.conn, p.infos, p.docs)
        touched |= set(p.infos)
        p.infos.clear()
        # a new full name may now resolve surname-only mentions made earlier ("Aliyev")
        maybe = set()
        for k in touched:
            if k.startswith("person:") and "-" in k:
                parts = k.split(":", 1)[1].split("-")
                maybe |= {f"person:{parts[0]}", f"person:{parts[-1]}"}
        if maybe:
            touched |= {k for (k,) in p.conn.execute(
                select(m.c.key).where(m.c.key.in_(maybe)).distinct())}
        p.affected = {p.previous[k] for k in touched if k in p.previous}
        p.scope = touched | {k for e in p.affected for k in p.old_rows[e]["keys"] or []}
        _details(p.conn, p.infos, p.scope, p.linked)
        _add_referenced_keys(p.conn, p.infos, p.docs)
        for k in list(p.infos):
            if k not in p.scope and k in p.previous:
                del p.infos[k]  # referenced, but already an entity of its own
        # people decided earlier are context for the new keys (variants, surnames)
        for eid, r in p.old_rows.items():
            if r["type"] != "PERSON" or eid in p.affected or "~split-" in eid:
                continue
            for k in r["keys"] or []:
                if k in p.infos or not k.startswith("person:"):
                    continue
                ctx = _KeyInfo(k)
                ctx.names[r["name"]] += r["mention_count"] or 1
                if r["country"]:
                    ctx.countries[r["country"].replace("-", ":", 1)] += 1
                if r["role"]:
                    ctx.roles[r["role"]] += 1
                p.infos[k] = ctx
                p.fixed.add(k)


def _name_variants(p: _Pass) -> None:
    """One entity per key; a person's spelling variants and an org named as a person joined."""
    p.key_entity = {k: p.previous.get(k, entity_id_for(k)) if k in p.fixed else entity_id_for(k)
                  for k in p.infos}
    # spelling variants of one person (same first name, near-identical surname)
    p.full = [i for i in p.infos.values() if i.key.startswith("person:") and not i.surname_only]
    by_first: dict[str, list[_KeyInfo]] = defaultdict(list)
    # (Listing the gazetteer's people costs a pass over ~18,000 entries: only when
    # there are people to order.)
    gaz_people = set(_gazetteer_offices()) if p.full else set()
    for i in sorted(p.full, key=lambda i: (i.key not in p.fixed, i.key not in gaz_people,
                                         -sum(i.names.values()), i.country is None, i.key)):
        by_first[_name_parts(i.name)[0]].append(i)
    p.merged_variants = 0
    for group in by_first.values():
        for idx, i in enumerate(group):
            if i.key not in p.fixed and p.key_entity[i.key] != entity_id_for(i.key):
                continue
            for j in group[idx + 1:]:
                if j.key in p.fixed or p.key_entity[j.key] != entity_id_for(j.key):
                    continue
                if i.country and j.country and i.country != j.country:
                    continue
                if fuzz.ratio(_name_parts(i.name)[1], _name_parts(j.name)[1]) >= NAME_SIMILARITY \
                        and len(i.name.split()) == len(j.name.split()):
                    p.key_entity[j.key] = p.key_entity[i.key]
                    p.merged_variants += 1

    # an NER "organisation" with exactly a person's full name is that person
    person_by_slug = {i.key.split(":", 1)[1]: i.key for i in p.full}
    for k, i in p.infos.items():
        if k.startswith("org:") and k not in p.fixed and " " in i.name \
                and k.split(":", 1)[1] in person_by_slug \
                and sum(i.names.values()) <= sum(p.infos[person_by_slug[k.split(":", 1)[1]]]
                                                 .names.values()):
            p.key_entity[k] = p.key_entity[person_by_slug[k.split(":", 1)[1]]]


def _surnames(p: _Pass) -> None:
    """Surname-only people, per mention: the full name that fits the document and date."""
    m = S.mentions
    # surname-only people, per mention
    p.mention_entity = {}
    p.surname_keys = [k for k, i in p.infos.items() if i.surname_only and k not in p.fixed]
    p.resolved = p.unresolved = 0
    if p.surname_keys:
        candidates: dict[str, list[_KeyInfo]] = defaultdict(list)
        for i in p.full:
            first, last = _name_parts(i.name)
            candidates[last].append(i)
            if first != last:
                candidates[first].append(i)  # Korean order: "Shin" of "Shin Won-sik"
        offices = _gazetteer_offices()
        stmt = (select(m.c.id, m.c.document_id, m.c.key, m.c.role, m.c.country_key,
                       m.c.text, S.documents.c.published)
                .join(S.documents, S.documents.c.id == m.c.document_id)
                .where(m.c.key.in_(p.surname_keys)))
        rows = p.conn.execute(stmt).all()
        sdocs = {r.document_id for r in rows}
        in_doc: dict[str, set[str]] = defaultdict(set)
        for r in p.conn.execute(select(m.c.document_id, m.c.key).where(
                m.c.document_id.in_(sdocs), m.c.key.like("person:%")).distinct()):
            in_doc[r.document_id].add(r.key)
        for r in rows:
            sname = r.key.split(":", 1)[1]
            cands = [c for c in candidates.get(sname, [])
                     if not (r.country_key and c.country and c.country != r.country_key)]
            pick = _pick(cands, r, in_doc[r.document_id], offices)
            if pick is not None:
                p.mention_entity[r.id] = p.key_entity[pick.key]
                p.resolved += 1
            else:
                p.unresolved += 1


def _judgements(p: _Pass) -> None:
    """Apply merge and split judgements, skipping contradictory ones."""
    # judgements
    base = _base_owner(p.conn, p.judgements)
    p.bad = conflicts(p.judgements, base)
    bad_ids = {j.id for pair in p.bad for j in pair}
    p.parent = {}


    p.applied = 0
    p.skipped = []
    known = set(p.key_entity.values()) | set(p.old_rows)
    p.split_mentions = {}
    for j in p.judgements:
        if j.id in bad_ids:
            continue
        if j.kind == "merge":
            if j.a not in known and not j.a.count("~split") or \
                    j.b not in known and not (j.b or "").count("~split"):
                p.skipped.append(f"{j.describe()}: entity not in the store")
                continue
            ra, rb = p.find(j.a), p.find(j.b or "")
            if ra != rb:
                p.parent[rb] = ra
            p.applied += 1
        else:
            sid = split_id(j.a, j.mentions)
            for ref in j.mentions:
                p.split_mentions[(ref["document"], int(ref["start"]), int(ref["end"]))] = sid
            p.applied += 1


def _link_mentions(p: _Pass) -> None:
    """Write entity ids on the mentions: by key in bulk, then per-mention decisions."""
    m = S.mentions
    # assign mention entity ids: by key in bulk (only keys that are new or changed), then
    # the per-mention decisions (surname-only people, splits). No pass over all mentions in
    # Python, so adding one document to a large store stays cheap.
    p.final_key = {k: p.find(e) for k, e in p.key_entity.items()}
    # Unlinked mentions are the new ones: few, found through the entity_id index (a
    # DISTINCT would make SQLite walk the key index, i.e. every mention, instead).
    unlinked: dict[str, list[int]] = defaultdict(list)
    if p.docs is None:
        null_keys = {k for (k,) in p.conn.execute(
            select(m.c.key).where(m.c.entity_id.is_(None)).distinct())}
    else:
        for mid, k in p.conn.execute(select(m.c.id, m.c.key).where(m.c.entity_id.is_(None))):
            unlinked[k].append(mid)
        null_keys = set(unlinked)
    surname_set = {k for k, i in p.infos.items() if i.surname_only}
    bulk = [{"k": k, "e": e} for k, e in p.final_key.items()
            if k not in surname_set and k not in p.fixed
            and (k in null_keys or p.previous.get(k) != e)]
    p.updated = 0
    if p.docs is not None:
        # A key whose linked mentions all point at its entity already only gains its
        # unlinked ones: update those by id instead of reading every mention of the key
        # (a state has thousands).
        by_id = [{"mid": mid, "eid": b["e"]} for b in bulk if b["k"] in p.linked
                 and p.linked[b["k"]] <= {b["e"]} for mid in unlinked.get(b["k"], ())]
        bulk = [b for b in bulk if not (b["k"] in p.linked and p.linked[b["k"]] <= {b["e"]})]
        if by_id:
            p.conn.execute(update(m).where(m.c.id == bindparam("mid"))
                         .values(entity_id=bindparam("eid")), by_id)
            p.updated += len(by_id)
    if bulk:
        res = p.conn.execute(
            update(m).where(m.c.key == bindparam("k"),
                            (m.c.entity_id.is_(None)) | (m.c.entity_id != bindparam("e")))
            .values(entity_id=bindparam("e")), bulk)
        p.updated += max(res.rowcount or 0, 0)
    # mentions that need their own decision, and those that had one last time
    cond = m.c.key.in_(p.surname_keys)
    if p.docs is None:
        cond = cond | m.c.entity_id.in_(p.old_split_entities) \
            | m.c.document_id.in_({d for d, _, _ in p.split_mentions})
    special = p.conn.execute(select(m.c.id, m.c.key, m.c.entity_id, m.c.document_id, m.c.start,
                                  m.c.end).where(cond)).all()
    updates = []
    p.lost = set()  # entities that lose per-mention links: recount them
    for r in special:
        eid = p.find(p.mention_entity.get(r.id) or p.key_entity.get(r.key) or entity_id_for(r.key))
        sid = p.split_mentions.get((r.document_id, r.start, r.end))
        if sid is not None:
            eid = p.find(sid)
        if eid != r.entity_id:
            updates.append({"mid": r.id, "eid": eid})
            if r.entity_id:
                p.lost.add(r.entity_id)
    if updates:
        p.conn.execute(update(m).where(m.c.id == bindparam("mid"))
                     .values(entity_id=bindparam("eid")), updates)
    p.updated += len(updates)


def _write_entities(p: _Pass) -> None:
    """Rewrite the entities rows that changed (all of them on a full run)."""
    m = S.mentions
    # entities table
    groups: dict[str, list[_KeyInfo]] = defaultdict(list)
    for k, e in p.final_key.items():
        if k not in p.fixed:
            groups[e].append(p.infos[k])
    if p.docs is not None:
        # an affected entity also holds mentions resolved to it per mention elsewhere
        wanted = set(groups) | set(p.mention_entity.values()) | p.lost
        for e in wanted:
            groups.setdefault(e, [])
        stmt = select(m.c.entity_id, func.count(), func.count(func.distinct(m.c.document_id))
                      ).where(m.c.entity_id.in_(wanted)).group_by(m.c.entity_id)
    else:
        stmt = select(m.c.entity_id, func.count(), func.count(func.distinct(m.c.document_id))
                      ).group_by(m.c.entity_id)
    counts: dict[str, tuple[int, int]] = {r[0]: (r[1], r[2]) for r in p.conn.execute(stmt)}
    # aliases: the distinct surface forms of the entity's mentions, most frequent first
    astmt = select(m.c.entity_id, m.c.text, func.count().label("n")).group_by(
        m.c.entity_id, m.c.text)
    if p.docs is not None:
        astmt = astmt.where(m.c.entity_id.in_(wanted))
    alias_counts: dict[str, Counter[str]] = defaultdict(Counter)
    for r in p.conn.execute(astmt):
        alias_counts[r.entity_id][r.text] += r.n
    split_texts: dict[str, Counter[str]] = defaultdict(Counter)
    split_rows: dict[str, list[Any]] = defaultdict(list)
    if p.split_mentions and p.docs is None:
        for r in p.conn.execute(select(m).where(m.c.entity_id.like("%~split-%"))):
            split_texts[r.entity_id][r.text] += 1
            split_rows[r.entity_id].append(r)
    p.rows_out = []
    for eid, members in groups.items():
        if eid not in counts and not any(i.referenced_only for i in members):
            continue
        if not members:  # only per-mention links: refresh the counts of the old row
            if eid in p.old_rows:
                row = dict(p.old_rows[eid])
                row["mention_count"], row["document_count"] = counts[eid]
                row["aliases"] = _aliases(alias_counts[eid])
                p.rows_out.append(row)
            continue
        row = _entity_row(eid, members, counts.get(eid, (0, 0)), p.final_key)
        row["aliases"] = _aliases(alias_counts[eid])
        p.rows_out.append(row)
    for eid, texts in split_texts.items():
        if eid in counts:
            rs = split_rows[eid]
            first = rs[0]
            p.rows_out.append({
                "id": eid, "name": first.name if " " in first.name else texts.most_common(1)[0][0],
                "type": first.type, "country": p.final_key.get(first.country_key or "", None)
                if first.country_key else None, "role": first.role, "iso3": first.iso3,
                "wikidata": first.wikidata, "aliases": [t for t, _ in texts.most_common()],
                "keys": sorted({r.key for r in rs}), "mention_count": counts[eid][0],
                "document_count": counts[eid][1]})
    if p.docs is None:
        p.conn.execute(delete(S.entities))
    else:
        gone = {p.previous[k] for k in (p.scope or ()) if k in p.previous} | \
            {r["id"] for r in p.rows_out}
        if gone:
            p.conn.execute(delete(S.entities).where(S.entities.c.id.in_(gone)))
    if p.rows_out:
        p.conn.execute(insert(S.entities), p.rows_out)


def _stats(p: _Pass) -> dict[str, object]:
    """What the run did, for the build report."""
    return {
        "mode": "full" if p.docs is None else "incremental",
        "entities": len(p.rows_out), "keys": len(p.infos) - len(p.fixed),
        "updated_mentions": p.updated,
        "surname_resolved": p.resolved, "surname_unresolved": p.unresolved,
        "name_variants_merged": p.merged_variants, "judgements_applied": p.applied,
        "judgements_skipped": p.skipped,
        "contradictory_judgements": [f"{x.describe()} contradicts {y.describe()}"
                                     for x, y in p.bad],
    }


def _pick(cands: list[_KeyInfo], r: Any, doc_keys: set[str],
          offices: dict[str, list[tuple[str, str | None, int | None, int | None]]]
          ) -> _KeyInfo | None:
    if not cands:
        return None
    same_doc = [c for c in cands if c.key in doc_keys]
    if len(same_doc) == 1:
        return same_doc[0]
    if len(cands) == 1:
        return cands[0]
    year = int(r.published[:4]) if r.published and r.published[:4].isdigit() else None
    role = (r.role or "").lower()
    scored = []
    for c in cands:
        score = 0
        for orole, _country, start, end in offices.get(c.key, []):
            fits_year = year is not None and (start or 0) <= year <= (end or 9999)
            fits_role = bool(role) and (orole.lower() in role or role in orole.lower())
            score = max(score, 2 * fits_year + fits_role)
        if role and role in {x.lower() for x in c.roles}:
            score += 1
        scored.append((score, c))
    scored.sort(key=lambda x: -x[0])
    if scored[0][0] > 0 and (len(scored) == 1 or scored[0][0] > scored[1][0]):
        return scored[0][1]
    return None


def _role(roles: Counter[str]) -> str | None:
    """Most frequent role, counted case-insensitively ("president" = "President"), shown
    in its capitalised spelling when there is one."""
    if not roles:
        return None
    groups: dict[str, Counter[str]] = defaultdict(Counter)
    for r, n in roles.items():
        groups[r.lower()][r] += n
    # "Minister" is the short form of "Defense Minister": count it for the longer role
    weight = {g: sum(c.values()) for g, c in groups.items()}
    for g in list(weight):
        longer = [h for h in weight if h != g and " " not in g and h.endswith(f" {g}")]
        if longer:
            weight[max(longer, key=lambda h: weight[h])] += weight.pop(g)
    best = groups[max(weight, key=lambda g: (weight[g], len(g), g))]
    return max(best, key=lambda r: (r[:1].isupper(), best[r], r))


def _gazetteer_role(key: str) -> str | None:
    """The gazetteer's latest office, when the text never gave a title."""
    if not key.startswith("person:"):
        return None
    try:
        from ..extract.actors import load_gazetteer

        e = load_gazetteer().entries.get(key)
    except AccordError:
        return None
    return e.role if e is not None else None


def _aliases(texts: Counter[str]) -> list[str]:
    return [t for t, _ in sorted(texts.items(), key=lambda x: (-x[1], x[0]))]


def _entity_row(eid: str, members: list[_KeyInfo], count: tuple[int, int],
                final_key: dict[str, str]) -> dict[str, Any]:
    own = [i for i in members if entity_id_for(i.key) == eid] or members
    head = max(own, key=lambda i: (not i.surname_only, sum(i.names.values())))
    types: Counter[str] = Counter()
    countries: Counter[str] = Counter()
    roles: Counter[str] = Counter()
    texts: Counter[str] = Counter()
    for i in members:
        types.update(i.types)
        countries.update(i.countries)
        roles.update(i.roles)
        texts.update(i.texts)
    if eid.startswith("state-"):
        etype = "STATE"
    elif eid.startswith("loc-"):
        etype = "LOCATION"
    else:
        etype = types.most_common(1)[0][0] if types else "ORG"
    country_key = countries.most_common(1)[0][0] if countries else None
    country = final_key.get(country_key, entity_id_for(country_key)) if country_key else None
    if country == eid:
        country = None
    return {
        "id": eid, "name": head.name, "type": etype, "country": country,
        "role": _role(roles) or _gazetteer_role(head.key),
        "iso3": next((i.iso3 for i in members if i.iso3), None),
        "wikidata": next((i.wikidata for i in members if i.wikidata), None),
        "aliases": [t for t, _ in texts.most_common()],
        "keys": sorted(i.key for i in members),
        "mention_count": count[0], "document_count": count[1],
    }


def entity_for_key(conn: Connection,
                   counts: Iterable[tuple[str, str, int]] | None = None) -> dict[str, str]:
    """Extraction key -> entity id (for events/claims reconciliation).

    A key whose mentions were split or resolved per mention maps to the entity most of its
    mentions went to (on a tie, the smallest entity id, so the answer does not depend on
    the order the database returns groups in). ``counts``: the (key, entity id, number of
    mentions) groups when the caller has already read them (``ActorMap`` does, in the same
    scan as the countries).
    """
    if counts is None:
        counts = conn.execute(
            select(S.mentions.c.key, S.mentions.c.entity_id, func.count())
            .where(S.mentions.c.entity_id.is_not(None))
            .group_by(S.mentions.c.key, S.mentions.c.entity_id)).all()
    best: dict[str, tuple[int, str]] = {}
    for key, eid, n in counts:
        cur = best.get(key)
        if cur is None or n > cur[0] or (n == cur[0] and eid < cur[1]):
            best[key] = (n, eid)
    out = {k: eid for k, (_n, eid) in best.items()}
    for eid, keys in conn.execute(select(S.entities.c.id, S.entities.c["keys"])):
        for k in keys or []:
            out.setdefault(k, eid)
    return out


def find_entity(conn: Connection, name: str) -> list[dict[str, Any]]:
    """Entities whose id, name or an alias matches ``name`` (case-insensitive), and people
    whose surname it is (so `accord actor Aliyev` can say it is ambiguous)."""
    rows = [dict(r) for r in conn.execute(select(S.entities)).mappings()]
    low = name.strip().lower()
    exact = [r for r in rows if r["id"].lower() == low]
    if exact:
        return exact
    return [r for r in rows if r["name"].lower() == low
            or any(a.lower() == low for a in r["aliases"] or [])
            or (r["type"] == "PERSON" and " " not in low and r["name"].split()
                and r["name"].split()[-1].lower() == low)]


def entity_mentions(store: Store, entity_id: str, limit: int = 50) -> list[dict[str, Any]]:
    """Mentions of an entity with their sentences (for `accord actor`, newest first)."""
    m, s, d = S.mentions, S.sentences, S.documents
    stmt = (select(m.c.id, m.c.document_id, m.c.start, m.c.end, m.c.text, m.c.role,
                   m.c.is_actor, s.c.text.label("sentence"), d.c.title, d.c.source,
                   d.c.published)
            .join(d, d.c.id == m.c.document_id)
            .outerjoin(s, (s.c.document_id == m.c.document_id) & (s.c.idx == m.c.sentence_idx))
            .where(m.c.entity_id == entity_id)
            .order_by(d.c.published.desc(), m.c.document_id, m.c.start).limit(limit))
    with store.connect() as conn:
        return [dict(r) for r in conn.execute(stmt).mappings()]


def list_judgements(store: Store) -> list[Judgement]:
    with store.connect() as conn:
        return load_judgements(conn)
