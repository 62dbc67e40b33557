"""The dyad brief: one self-contained HTML (or Markdown) report with plots.

Everything in it comes from the store and is cited: quoted sentences carry
``[D2 s.3]`` (document 2 of the sources table, sentence 3), so a reader can
find the sentence in the document; the numbers paragraph says which events it
counts. Plots are PNGs embedded as base64, so the file works offline.
"""

from __future__ import annotations

import base64
import datetime as dt
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import Environment, PackageLoader

from ..errors import AccordError
from ..query.common import quad
from ..query.dyad import dyad
from ..query.events import timeline
from . import plots

if TYPE_CHECKING:
    from ..store import Store

#: How many best-corroborated events the extractive summary quotes.
SUMMARY_EVENTS = 6
#: Timeline rows in the report (the CLI/web show the rest).
TIMELINE_ROWS = 200


class ReportError(AccordError):
    exit_code = 2


def _env() -> Environment:
    # HTML templates escape; the Markdown one must not (it would print "-&gt;").
    env = Environment(loader=PackageLoader("accord.report", "templates"),
                      autoescape=lambda name: name is not None and ".html" in name,
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["b64"] = lambda data: base64.b64encode(data).decode("ascii")
    # A Markdown table cell: one line, pipes escaped.
    env.filters["cell"] = lambda v: " ".join(str(v if v is not None else "").split()).replace(
        "|", "\\|")
    return env


class Sources:
    """Numbers documents D1, D2, ... in order of publication, for citations."""

    def __init__(self, docs: dict[str, dict[str, Any]]):
        order = sorted(docs.values(), key=lambda d: (d.get("published") or "9999",
                                                     d.get("title") or "", d["document"]))
        self.rows = order
        self.number = {d["document"]: i for i, d in enumerate(order, 1)}

    def cite(self, m: dict[str, Any] | None) -> dict[str, Any] | None:
        if not m or m["document"] not in self.number:
            return None
        n = self.number[m["document"]]
        return {"ref": f"D{n}", "sentence": m.get("sentence_idx", 0) + 1,
                "label": f"D{n} s.{m.get('sentence_idx', 0) + 1}", "title": m.get("title") or "",
                "copy": bool(m.get("copy_of"))}


def _unique(cites: list[dict[str, Any] | None],
            skip: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    """Citations in order, each label once ("[D6 s.1; D6 s.1]" says nothing twice)."""
    seen = set(skip)
    out = []
    for c in cites:
        if c and c["label"] not in seen:
            seen.add(c["label"])
            out.append(c)
    return out


def _altered(contradictions: list[dict[str, Any]],
             meta: dict[str, dict[str, Any]]) -> set[tuple[str, str]]:
    """``(event or claim id, copy document)`` pairs where a copy changed its source's figure.

    Such a copy is evidence of the alteration, not support for the original
    figure: the brief never cites it as a source of that event.
    """
    out: set[tuple[str, str]] = set()
    for c in contradictions:
        if c["kind"] != "copy_alteration":
            continue
        copies = [doc for doc in c["documents"] if meta.get(doc, {}).get("copy_of")
                  in c["documents"]]
        out.update((item, doc) for item in c["items"] for doc in copies)
    return out


def _supporting(ev: dict[str, Any], altered: set[tuple[str, str]]) -> list[dict[str, Any]]:
    """The event's mentions that support it (an altered copy's mention does not)."""
    return [m for m in ev["mentions"] if (ev["id"], m["document"]) not in altered]


def _one_line(text: str) -> str:
    """A quoted sentence on one line (hard breaks of the original would break tables)."""
    return " ".join(text.split())


def _countries(store: Store, events: list[dict[str, Any]]) -> dict[str, tuple[str, str]]:
    """``{actor id: (state id, state name)}`` for the people and organisations in events."""
    from ..query.common import entity_names

    ids = {a for e in events for a in e["source"] + e["target"]}
    with store.connect() as conn:
        info = entity_names(conn, ids)
        states = entity_names(conn, {x["country"] for x in info.values() if x.get("country")})
    return {i: (x["country"], states.get(x["country"], {}).get("name", x["country"]))
            for i, x in info.items() if x.get("country")}


def context(store: Store, a: str, b: str) -> dict[str, Any]:
    d = dyad(store, a, b, main=SUMMARY_EVENTS)
    a_name, b_name = d["a"]["name"], d["b"]["name"]
    events = timeline(store, dyad=(d["a"]["id"], d["b"]["id"]), limit=TIMELINE_ROWS)
    docs: dict[str, dict[str, Any]] = {}
    for ev in events + d["main_events"]:
        for m in ev["mentions"]:
            docs.setdefault(m["document"], {"document": m["document"], "title": m.get("title"),
                                            "published": m.get("published"),
                                            "source": m.get("source"), "copy_of": m.get("copy_of")})
    from ..query.documents import documents as all_docs

    meta = {x["id"]: x for x in all_docs(store)}
    for c in d["contradictions"]:
        for doc in c["documents"]:
            if doc in meta and doc not in docs:
                x = meta[doc]
                docs[doc] = {"document": doc, "title": x["title"], "published": x["published"],
                             "source": x["source"], "copy_of": x["copy_of"]}
    src = Sources(docs)
    for row in src.rows:
        x = meta.get(row["document"], {})
        row.update(outlet=x.get("outlet"), author=x.get("author"),
                   copied_fraction=x.get("copied_fraction"), copy_kind=x.get("copy_kind"),
                   copy_of_ref=(f"D{src.number[row['copy_of']]}" if row.get("copy_of") in
                                src.number else (row.get("copy_of") or "")[:12] or None))
    altered = _altered(d["contradictions"], meta)
    # Extractive summary: the best-corroborated events, quoted, in date order.
    key = sorted(d["main_events"], key=lambda e: (e["date"]["value"] or "9999", e["id"]))
    summary, seen = [], set()
    for ev in key:
        support = _supporting(ev, altered)
        m = support[0] if support else None
        if not m or (m["document"], m["sentence_idx"]) in seen:
            continue
        seen.add((m["document"], m["sentence_idx"]))
        cite = src.cite(m)
        also = _unique([src.cite(x) for x in support[1:]], skip=(cite["label"],) if cite else ())
        summary.append({"text": _one_line(m.get("sentence") or m["text"]), "cite": cite,
                        "also": also, "event": ev})
    rows = []
    for ev in events:
        support = _supporting(ev, altered)
        citation = support[0] if support else ev["citation"]
        rows.append({**ev, "cite": src.cite(citation),
                     "quote": _one_line((citation or {}).get("sentence", ""))})
    contra = []
    for c in d["contradictions"]:
        cites = [src.cite(m) for x in c["item_details"] for m in x.get("mentions") or []]
        contra.append({**c, "refs": [f"D{src.number[x]}" if x in src.number else x[:12]
                                     for x in c["documents"]],
                       "cites": _unique(cites)})
    # Each third party is cited to the first event of the pair that names it.
    third = []
    for t in d["third_parties"]:
        ev = next((e for e in events if t["id"] in e["source"] + e["target"]), None)
        third.append({**t, "cite": src.cite(ev["citation"]) if ev else None})
    pair = f"{a_name} - {b_name}"
    figs = {
        "per_year": plots.events_per_year(d["years"], f"{pair}: events per year by type"),
        "intensity": plots.intensity_over_time(events, d["years"],
                                               f"{pair}: intensity of each event over time"),
        "network": plots.actor_network(events, (d["a"]["id"], d["b"]["id"]),
                                       f"{pair}: actors in the pair's events",
                                       _countries(store, events)),
    }
    return {"a": a_name, "b": b_name, "dyad": d, "summary": summary, "rows": rows,
            "third_parties": third,
            "sources": src.rows, "contradictions": contra, "plots": figs,
            "generated": dt.date.today().isoformat(), "quad": quad,
            "truncated": len(events) >= TIMELINE_ROWS}


def brief(store: Store, a: str, b: str, path: str | os.PathLike[str] | None = None,
          format: str | None = None) -> str:
    """Render the brief of the pair ``a``-``b``; write it to ``path`` if given.

    The format is ``format`` or the path's suffix (``.md`` for Markdown,
    anything else HTML). Returns the rendered text.
    """
    fmt = (format or (Path(path).suffix.lstrip(".") if path else "html")).lower()
    fmt = "md" if fmt in ("md", "markdown") else "html"
    if path is not None and not Path(path).parent.exists():
        raise ReportError(f"{path}: directory {Path(path).parent} does not exist")
    ctx = context(store, a, b)
    text = _env().get_template(f"brief.{fmt}.j2").render(**ctx)
    if path is not None:
        Path(path).write_text(text, encoding="utf-8")
    return text


#: The names other modules use; everything else here is internal.
__all__ = [
    "SUMMARY_EVENTS",
    "TIMELINE_ROWS",
    "ReportError",
    "Sources",
    "context",
    "brief",
]
