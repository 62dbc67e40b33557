"""Claims: claim mentions grouped into statements.

Mentions with the same subject entity, property, unit, value and qualifier are
one claim with several mentions ("about 3,000 South Koreans live in Poland"
said twice). Different values for one (subject, property) stay different
claims; ``contradictions`` decides whether they disagree.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, bindparam, delete, insert, select, update

from ..records import MODALITIES
from ..store import schema as S
from .actormap import ActorMap
from .ids import content_id
from .textsim import normalise

if TYPE_CHECKING:
    from ..store import Store


def claim_value(raw: str) -> float | str:
    """The decoded value: a number when it is one, else normalised text."""
    try:
        value = json.loads(raw)
    except (TypeError, ValueError):
        value = raw
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int | float):
        return float(value)
    return normalise(str(value))


def claim_key(subject: str, prop: str, unit: str | None, value: float | str,
              qualifier: str | None) -> tuple[str, str, str, str, str]:
    v = repr(value) if isinstance(value, float) else value
    return (subject, prop.strip().lower(), unit or "", v, qualifier or "exact")


def group_key(subject: str, prop: str) -> str:
    """Block key of every claim (and numeric contradiction) on one subject and property."""
    return f"claim:{subject}|{prop.strip().lower()}"


def _rows(conn: Connection) -> list[Any]:
    cm = S.claim_mentions
    return list(conn.execute(select(cm.c.id, cm.c.document_id, cm.c.subject_key, cm.c.property,
                                    cm.c.value, cm.c.unit, cm.c.qualifier, cm.c.modality,
                                    cm.c.claim_id)))


def run(store: Store, document_ids: Sequence[str] | None = None) -> dict[str, Any]:
    with store.begin() as conn:
        amap = ActorMap(conn)
        rows = _rows(conn)
        keyed = []
        for r in rows:
            subject = amap.resolve(r.subject_key)
            value = claim_value(r.value)
            keyed.append((r, subject, claim_key(subject, r.property, r.unit, value,
                                                r.qualifier), value))
        if document_ids is None:
            touched = {group_key(s, k[1]) for _r, s, k, _v in keyed}
            conn.execute(delete(S.claims))
        else:
            ids = set(document_ids)
            old = {r.claim_id for r in rows if r.document_id in ids and r.claim_id}
            touched = {group_key(s, k[1]) for r, s, k, _v in keyed if r.document_id in ids}
            for cid in old:
                row = conn.execute(select(S.claims.c.subject, S.claims.c.property)
                                   .where(S.claims.c.id == cid)).first()
                if row:
                    touched.add(group_key(row[0], row[1]))
            for r in conn.execute(select(S.claims.c.id, S.claims.c.subject,
                                         S.claims.c.property)).all():
                if group_key(r[1], r[2]) in touched:
                    conn.execute(delete(S.claims).where(S.claims.c.id == r[0]))
        claims: dict[str, dict[str, Any]] = {}
        assign = []
        for r, subject, key, value in keyed:
            if group_key(subject, key[1]) not in touched:
                continue
            cid = content_id("cl", *key)
            c = claims.setdefault(cid, {
                "id": cid, "subject": subject, "property": key[1], "value": json.dumps(value),
                "unit": r.unit, "qualifier": key[4], "modality": r.modality})
            if _rank(r.modality) < _rank(c["modality"]):
                c["modality"] = r.modality
            assign.append({"mid": r.id, "cid": cid})
        if claims:
            conn.execute(insert(S.claims), [claims[k] for k in sorted(claims)])
        if assign:
            conn.execute(update(S.claim_mentions).where(S.claim_mentions.c.id == bindparam("mid"))
                         .values(claim_id=bindparam("cid")), assign)
        linked = select(S.claim_mentions.c.claim_id).where(S.claim_mentions.c.claim_id.is_not(None))
        conn.execute(delete(S.claims).where(S.claims.c.id.not_in(linked)))
    return {"groups": len(touched), "claims": len(claims), "mentions": len(assign)}


def _rank(modality: str | None) -> int:
    return MODALITIES.index(modality) if modality in MODALITIES else len(MODALITIES)
