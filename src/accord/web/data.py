"""What the web layer adds for display over the knowledge base's records: the actor
graph of a list of events and its fixed layout, and highlighted text segments.

Every read of the store goes through the app's :class:`~accord.api.KnowledgeBase`;
nothing here reads the store.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

__all__ = ["actor_graph", "layout_graph", "mark_segments"]


# -- graphs ------------------------------------------------------------------------------

def actor_graph(events: list[dict[str, Any]], focus: tuple[str, ...] = ()) -> dict[str, Any]:
    """Nodes (actors) and weighted edges (source -> target) of a list of query-layer events."""
    edges: Counter[tuple[str, str]] = Counter()
    types: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    names: dict[str, str] = {}
    degree: Counter[str] = Counter()
    for e in events:
        names.update(zip(e["source"], e.get("source_names") or e["source"], strict=False))
        names.update(zip(e["target"], e.get("target_names") or e["target"], strict=False))
        for s in e["source"]:
            for t in e["target"]:
                if s != t:
                    edges[(s, t)] += 1
                    types[(s, t)][e["type"]] += 1
                    degree[s] += 1
                    degree[t] += 1
    for f in focus:
        degree.setdefault(f, 0)
    nodes = [
        {"id": n, "name": names.get(n, n), "degree": d, "focus": n in focus}
        for n, d in sorted(degree.items(), key=lambda kv: (kv[0] not in focus, -kv[1], kv[0]))
    ]
    return {
        "nodes": nodes,
        "edges": [
            {"source": s, "target": t, "weight": w, "types": dict(types[(s, t)])}
            for (s, t), w in edges.most_common()
        ],
    }


def layout_graph(graph: dict[str, Any], width: int = 640, height: int = 420,
                 max_nodes: int = 24) -> dict[str, Any]:
    """Positions for an SVG drawing: focus actors in the middle, the others on a ring.

    A fixed layout (not force-directed) so that the drawing is the same on every
    load and the two actors of a dyad are always easy to find.
    """
    import math

    nodes = graph["nodes"][:max_nodes]
    keep = {n["id"] for n in nodes}
    focus = [n for n in nodes if n["focus"]]
    ring = [n for n in nodes if not n["focus"]]
    cx, cy = width / 2, height / 2
    pos: dict[str, tuple[float, float]] = {}
    for i, n in enumerate(focus):
        offset = (i - (len(focus) - 1) / 2) * min(220.0, width / 3)
        pos[n["id"]] = (cx + offset, cy)
    r = min(width, height) / 2 - 50
    for i, n in enumerate(ring):
        ang = -math.pi / 2 + 2 * math.pi * i / max(len(ring), 1)
        pos[n["id"]] = (cx + r * 1.3 * math.cos(ang), cy + r * math.sin(ang))
    maxw = max((e["weight"] for e in graph["edges"]), default=1)
    maxd = max((n["degree"] for n in nodes), default=1) or 1
    radius = {n["id"]: round(9 + 13 * (n["degree"] / maxd), 1) for n in nodes}
    pairs = {(e["source"], e["target"]) for e in graph["edges"]}
    edges = []
    for e in graph["edges"]:
        s, t = e["source"], e["target"]
        if s not in keep or t not in keep:
            continue
        (x1, y1), (x2, y2) = pos[s], pos[t]
        dx, dy = x2 - x1, y2 - y1
        length = math.hypot(dx, dy) or 1.0
        ux, uy = dx / length, dy / length
        # Two-way pairs are drawn as two parallel lines; each line stops at the
        # edge of its target's circle so that the arrowhead shows.
        off = 4.0 if (t, s) in pairs else 0.0
        ox, oy = -uy * off, ux * off
        edges.append({
            **e,
            "x1": round(x1 + ux * radius[s] + ox, 1), "y1": round(y1 + uy * radius[s] + oy, 1),
            "x2": round(x2 - ux * (radius[t] + 3) + ox, 1),
            "y2": round(y2 - uy * (radius[t] + 3) + oy, 1),
            "w": round(1 + 4 * e["weight"] / maxw, 1),
        })
    return {
        "width": width, "height": height,
        "nodes": [{**n, "x": round(pos[n["id"]][0], 1), "y": round(pos[n["id"]][1], 1),
                   "r": radius[n["id"]]} for n in nodes],
        "edges": edges,
        "hidden": max(0, len(graph["nodes"]) - len(nodes)),
    }


# -- display ----------------------------------------------------------------------------

def mark_segments(text: str, marks: list[list[int]]) -> list[tuple[str, bool]]:
    """Split ``text`` into ``(piece, highlighted)`` parts for escaping in a template."""
    out: list[tuple[str, bool]] = []
    pos = 0
    for a, b in sorted(marks):
        a, b = max(a, pos), min(b, len(text))
        if b <= a:
            continue
        if a > pos:
            out.append((text[pos:a], False))
        out.append((text[a:b], True))
        pos = b
    if pos < len(text):
        out.append((text[pos:], False))
    return out
