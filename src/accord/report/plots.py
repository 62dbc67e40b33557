"""Plots for the brief, drawn with matplotlib (Agg) and returned as PNG bytes.

Colours are fixed per quad class (blue/green for cooperation, orange/red for
conflict) so that every plot in a brief reads the same way; they are also
distinguishable in greyscale print by lightness.
"""

from __future__ import annotations

import io
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import networkx as nx  # noqa: E402

QUAD_COLOURS = {
    "verbal_cooperation": "#6baed6",
    "material_cooperation": "#2171b5",
    "verbal_conflict": "#fd8d3c",
    "material_conflict": "#cb181d",
}
QUAD_LABELS = {
    "verbal_cooperation": "verbal cooperation",
    "material_cooperation": "material cooperation",
    "verbal_conflict": "verbal conflict",
    "material_conflict": "material conflict",
}


def _png(fig: Any) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=130, bbox_inches="tight")
    plt.close(fig)
    return buf.getvalue()


def year_fraction(value: str | None) -> float | None:
    """``2024-03-04`` -> 2024.17; partial dates go to the middle of their period."""
    if not value:
        return None
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 1:
        return parts[0] + 0.5
    month = parts[1]
    day = parts[2] if len(parts) > 2 else 15
    return parts[0] + (month - 1) / 12 + (day - 1) / 365


def events_per_year(years: list[dict[str, Any]], title: str) -> bytes:
    """Stacked bars: events per year by quad class."""
    fig, ax = plt.subplots(figsize=(7.5, 3.4))
    if years:  # every year of the period, empty ones included, so gaps show as gaps
        have = {y["year"]: y for y in years}
        empty = dict.fromkeys(QUAD_COLOURS, 0)
        years = [have.get(x, {"year": x, **empty})
                 for x in range(years[0]["year"], years[-1]["year"] + 1)]
    xs = [y["year"] for y in years]
    bottom = [0] * len(xs)
    for q, colour in QUAD_COLOURS.items():
        vals = [y[q] for y in years]
        ax.bar(xs, vals, bottom=bottom, color=colour, label=QUAD_LABELS[q], width=0.6,
               edgecolor="white", linewidth=0.5)
        bottom = [b + v for b, v in zip(bottom, vals, strict=True)]
    ax.set_xticks(xs, [str(x) for x in xs])
    ax.set_ylabel("events")
    ax.yaxis.get_major_locator().set_params(integer=True)  # type: ignore[call-arg]
    ax.set_title(title, fontsize=11, loc="left")
    ax.spines[["top", "right"]].set_visible(False)
    ax.legend(fontsize=8, frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    if not xs:
        ax.text(0.5, 0.5, "no dated events", ha="center", va="center", transform=ax.transAxes)
    return _png(fig)


def intensity_over_time(events: list[dict[str, Any]], years: list[dict[str, Any]],
                        title: str) -> bytes:
    """Each event at its date and Goldstein-style intensity, with the yearly mean."""
    fig, ax = plt.subplots(figsize=(7.5, 3.4))
    for q, colour in QUAD_COLOURS.items():
        pts = [(year_fraction(e["date"]["value"]), e["intensity"]) for e in events
               if e.get("quad") == q and e.get("intensity") is not None
               and e["date"]["value"]]
        if pts:
            sizes = [30 + 25 * (e["independent_sources"] - 1) for e in events
                     if e.get("quad") == q and e.get("intensity") is not None
                     and e["date"]["value"]]
            ax.scatter([p[0] for p in pts], [p[1] for p in pts],  # type: ignore[arg-type]
                       s=sizes, color=colour,
                       label=QUAD_LABELS[q], alpha=0.85, edgecolor="white", linewidth=0.5,
                       zorder=3)
    means = [(y["year"] + 0.5, y["mean_intensity"]) for y in years
             if y.get("mean_intensity") is not None]
    if means:
        ax.plot([m[0] for m in means], [m[1] for m in means], color="#444", linewidth=1.5,
                marker="s", markersize=4, label="yearly mean", zorder=2)
    ax.axhline(0, color="#999", linewidth=0.8)
    ax.set_ylim(-10.5, 10.5)
    ax.set_ylabel("intensity (conflict < 0 < cooperation)", fontsize=8)
    if years:
        lo, hi = years[0]["year"], years[-1]["year"] + 1
        ax.set_xlim(lo - 0.1, hi + 0.1)
        ax.set_xticks(range(lo, hi + 1), [str(x) for x in range(lo, hi + 1)])
    ax.set_title(title, fontsize=11, loc="left")
    ax.spines[["top", "right"]].set_visible(False)
    if ax.get_legend_handles_labels()[0]:
        ax.legend(fontsize=8, frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    else:
        ax.text(0.5, 0.5, "no dated events with an intensity", ha="center", va="center",
                transform=ax.transAxes)
    return _png(fig)


#: Most actors drawn in the network plot; more become unreadable on a page.
MAX_NODES = 14


def _layout(g: nx.Graph) -> dict[Any, Any]:
    """Kamada-Kawai (even spacing) per component, components side by side."""
    pos: dict[Any, Any] = {}
    comps = sorted(nx.connected_components(g), key=len, reverse=True)
    x0 = 0.0
    for comp in comps:
        sub = g.subgraph(comp)
        if len(sub) == 1:
            p = {next(iter(comp)): (0.0, 0.0)}
        else:
            try:
                p = nx.kamada_kawai_layout(sub)
            except (ImportError, ModuleNotFoundError):  # scipy missing
                p = nx.spring_layout(sub, seed=7, iterations=200)
        xs = [v[0] for v in p.values()]
        width = (max(xs) - min(xs)) if len(xs) > 1 else 0.0
        for n, (x, y) in p.items():
            pos[n] = (x - min(xs) + x0, y)
        x0 += width + 0.6
    return pos


def actor_network(events: list[dict[str, Any]], focus: tuple[str, str], title: str,
                  countries: dict[str, tuple[str, str]] | None = None) -> bytes:
    """Actors as nodes (size = events), events as edges coloured by their quad class.

    ``countries`` maps a person or organisation to ``(state id, state name)``; a
    dashed grey line joins it to its state so ministers sit next to their country.
    """
    g = nx.MultiDiGraph()
    names: dict[str, str] = {}
    for e in events:
        for i, n in zip(e["source"] + e["target"], e["source_names"] + e["target_names"],
                        strict=True):
            names[i] = n
            g.add_node(i)
        for s in e["source"]:
            for t in e["target"]:
                if s != t:
                    g.add_edge(s, t, quad=e.get("quad"))
    members = []
    for n in list(g.nodes):
        c = (countries or {}).get(n)
        if c and c[0] != n:
            names.setdefault(c[0], c[1])
            g.add_node(c[0])
            members.append((n, c[0]))
    simple = nx.Graph(g)
    simple.add_edges_from(members)
    # Readability: drop actors with no link at all and keep the best-connected ones.
    keep = [n for n in simple.nodes if simple.degree(n) > 0 or n in focus]
    keep.sort(key=lambda n: (n not in focus, -simple.degree(n), names.get(n, n)))
    keep = keep[:MAX_NODES]
    g = g.subgraph(keep).copy()
    simple = simple.subgraph(keep).copy()
    members = [(u, v) for u, v in members if u in simple and v in simple]
    fig, ax = plt.subplots(figsize=(7.5, 5.0))
    ax.set_title(title, fontsize=11, loc="left")
    ax.axis("off")
    if not g.number_of_nodes():
        ax.text(0.5, 0.5, "no actors", ha="center", va="center", transform=ax.transAxes)
        return _png(fig)
    pos = _layout(simple)
    nodes = list(g.nodes)
    deg = {n: sum(1 for _ in g.in_edges(n)) + sum(1 for _ in g.out_edges(n)) for n in nodes}
    sizes = [250 + 120 * deg[n] for n in nodes]
    colours = ["#fdd0a2" if n in focus else "#d9d9d9" for n in nodes]
    if members:
        nx.draw_networkx_edges(simple, pos, edgelist=members, ax=ax, edge_color="#aaa",
                               style="dashed", width=1.0)
    nx.draw_networkx_nodes(g, pos, nodelist=nodes, ax=ax, node_size=sizes, node_color=colours,
                           edgecolors="#555", linewidths=0.8)
    for q, colour in QUAD_COLOURS.items():
        edges = [(u, v) for u, v, d in g.edges(data=True) if d.get("quad") == q]
        if edges:
            nx.draw_networkx_edges(g, pos, edgelist=edges, ax=ax, edge_color=colour, width=1.8,
                                   arrows=True, arrowsize=12, connectionstyle="arc3,rad=0.12",
                                   nodelist=nodes, node_size=sizes)
    ys = [p[1] for p in pos.values()]
    drop = 0.06 * ((max(ys) - min(ys)) or 1)
    for n in nodes:
        x, y = pos[n]
        ax.text(x, y - drop, names[n], ha="center", va="top", fontsize=8,
                bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.8})
    from matplotlib.lines import Line2D

    handles = [Line2D([0], [0], color=c, linewidth=2, label=QUAD_LABELS[q])
               for q, c in QUAD_COLOURS.items()]
    if members:
        handles.append(Line2D([0], [0], color="#aaa", linestyle="--", label="member of"))
    ax.legend(handles=handles, fontsize=8, frameon=False, loc="upper left",
              bbox_to_anchor=(1.0, 1.0))
    ax.margins(0.18)
    return _png(fig)


#: The names other modules use; everything else here is internal.
__all__ = [
    "QUAD_COLOURS",
    "QUAD_LABELS",
    "year_fraction",
    "events_per_year",
    "intensity_over_time",
    "MAX_NODES",
    "actor_network",
]
