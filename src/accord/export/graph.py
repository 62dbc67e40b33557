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

from ..query import tables
from ..records import QUAD_CLASS
from .safe import xml_value

if TYPE_CHECKING:
    from ..store import Store


def build_graph(store: Store, event_ids: list[str] | None = None) -> nx.MultiDiGraph:
    """The event network (optionally limited to some events)."""
    g = nx.MultiDiGraph(name="accord actor network")
    rows = tables.network_events(store, event_ids)
    ids = {a for r in rows for a in (r.source or []) + (r.target or [])}
    ents = {r.id: r for r in tables.entities(store, ids)}
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


def xml_safe(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of ``g`` whose ids and string attributes hold only characters XML 1.0
    allows (an actor name with a control character would break the file)."""
    h = nx.MultiDiGraph(**{k: xml_value(v) for k, v in g.graph.items()})
    for n, attrs in g.nodes(data=True):
        h.add_node(xml_value(n), **{k: xml_value(v) for k, v in attrs.items()})
    for s, t, k, attrs in g.edges(keys=True, data=True):
        h.add_edge(xml_value(s), xml_value(t), key=xml_value(k),
                   **{a: xml_value(v) for a, v in attrs.items()})
    return h


def write(store: Store, fmt: str, out: Path | None) -> Path | str:
    g = xml_safe(build_graph(store))
    if fmt == "graphml":
        if out is None:
            return "\n".join(nx.generate_graphml(g))
        nx.write_graphml(g, out)
        return out
    if out is None:
        return "\n".join(nx.generate_gexf(g))
    nx.write_gexf(g, out)
    return out


#: The names other modules use; everything else here is internal.
__all__ = [
    "build_graph",
    "xml_safe",
    "write",
]
