"""Actor networks for Gephi/Cytoscape/yEd: GraphML and GEXF via networkx.

Nodes are actors (entities in events) with name, type, ISO3 and country;
edges are events, one per (source, target) pair, directed source -> target,
keyed by event id, with ``event_type`` (PLOVER; also the edge ``label``),
``quad``, ``date``, ``modality``, ``intensity``, ``cameo`` and ``weight``
(independent sources). Events without a target have no edge.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx
from sqlalchemy import select

from ..records import QUAD_CLASS
from ..store import schema as S

if TYPE_CHECKING:
    from ..store import Store


def build_graph(store: Store, event_ids: list[str] | None = None) -> nx.MultiDiGraph:
    """The event network (optionally limited to some events)."""
    g = nx.MultiDiGraph(name="accord actor network")
    ev, e = S.events, S.entities
    stmt = select(ev.c.id, ev.c.type, ev.c.source, ev.c.target, ev.c.date_value, ev.c.modality,
                  ev.c.intensity, ev.c.cameo, ev.c.independent_sources).order_by(ev.c.date_sort)
    if event_ids is not None:
        stmt = stmt.where(ev.c.id.in_(event_ids))
    with store.connect() as conn:
        rows = conn.execute(stmt).all()
        ids = {a for r in rows for a in (r.source or []) + (r.target or [])}
        ents = {r.id: r for r in conn.execute(
            select(e.c.id, e.c.name, e.c.type, e.c.iso3, e.c.country).where(e.c.id.in_(ids)))}
    for i in sorted(ids):
        r = ents.get(i)
        attrs: dict[str, Any] = {"label": r.name if r else i, "actor_type": r.type if r else ""}
        if r is not None and r.iso3:
            attrs["iso3"] = r.iso3
        if r is not None and r.country:
            attrs["country"] = r.country
        g.add_node(i, **attrs)
    for r in rows:
        for s in r.source or []:
            for t in r.target or []:
                if s == t:
                    continue
                attrs = {"label": r.type, "event_type": r.type,
                         "quad": QUAD_CLASS.get(r.type, ""), "date": r.date_value or "",
                         "modality": r.modality, "weight": float(r.independent_sources or 1),
                         "event_id": r.id}
                if r.intensity is not None:
                    attrs["intensity"] = float(r.intensity)
                if r.cameo:
                    attrs["cameo"] = r.cameo
                g.add_edge(s, t, key=f"{r.id}:{s}:{t}", **attrs)
    return g


def write(store: Store, fmt: str, out: Path | None) -> Path | str:
    g = build_graph(store)
    if fmt == "graphml":
        if out is None:
            return "\n".join(nx.generate_graphml(g))
        nx.write_graphml(g, out)
        return out
    if out is None:
        return "\n".join(nx.generate_gexf(g))
    nx.write_gexf(g, out)
    return out
