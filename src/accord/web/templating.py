"""Jinja2 set-up: autoescaping everywhere, and the few helpers templates share.

Autoescape is forced on for every template (not only ``*.html``), so any text
from an article (titles, sentences, entity names) is escaped. Helpers that
build HTML do so with :func:`markupsafe.escape` and return :class:`Markup`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, StrictUndefined  # noqa: F401
from markupsafe import Markup, escape

from ..records import PLOVER_TYPES, QUAD_CLASS
from .data import mark_segments

TEMPLATES = Path(__file__).resolve().parent / "templates"

QUAD_LABEL = {
    "verbal_cooperation": "verbal cooperation",
    "material_cooperation": "material cooperation",
    "verbal_conflict": "verbal conflict",
    "material_conflict": "material conflict",
}


def doc_href(doc_id: str, start: int | None = None, end: int | None = None) -> str:
    """Link to a document, scrolled to and highlighting ``[start, end)`` when given."""
    url = f"/documents/{quote(doc_id, safe='')}"
    if start is not None and end is not None:
        url += f"?start={int(start)}&end={int(end)}#focus"
    return url


def entity_href(entity_id: str) -> str:
    return f"/entities/{quote(entity_id, safe=':@+')}"


def event_href(event_id: str) -> str:
    return f"/events/{quote(event_id, safe=':@+')}"


def claim_href(claim_id: str) -> str:
    return f"/claims/{quote(claim_id, safe=':@+')}"


def item_href(item: dict[str, Any]) -> str:
    return claim_href(item["id"]) if item.get("kind") == "claim" else event_href(item["id"])


def event_actors(ev: dict[str, Any]) -> Markup:
    """An event's actors as links: ``A → B``, or each actor once, ``A ↔ B``, for a joint event."""
    if ev.get("joint") and len(set(ev["source"])) > 1:
        return Markup(' <span aria-label="and">↔</span> ').join(
            actor_links([i], [n]) for i, n in zip(ev["source"], ev["source_names"], strict=False))
    return Markup('{} <span aria-label="to">→</span> {}').format(
        actor_links(ev["source"], ev["source_names"]),
        actor_links(ev["target"], ev["target_names"]))


def csv_href(request: Any, api_path: str) -> str:
    """The API list behind a page, with the page's filters, as a CSV download."""
    from urllib.parse import urlencode

    params = [(k, v) for k, v in request.query_params.multi_items()
              if v and k not in ("offset", "limit", "format")]
    return f"{api_path}?{urlencode([*params, ('limit', '500'), ('format', 'csv')])}"


def actor_links(ids: list[str], names: list[str] | None = None) -> Markup:
    """Comma-separated links to entities; ``-`` when there are none."""
    if not ids:
        return Markup('<span class="muted">-</span>')
    names = list(names or ids)
    parts = []
    for i, n in zip(ids, names + ids[len(names):], strict=False):
        if n == i:
            # No entity has this id (the query layer names every entity it finds):
            # an attribution to "officials" or to an outlet. Show the words, without
            # a link that would lead nowhere.
            parts.append(Markup('<span class="actor unlinked">{}</span>').format(
                i.split(":", 1)[-1].removeprefix("outlet-").replace("-", " ")))
        else:
            parts.append(Markup('<a class="actor" href="{}">{}</a>').format(entity_href(i), n))
    return Markup(", ").join(parts)



def highlighted(text: str, marks: list[list[int]] | None) -> Markup:
    """``text`` with ``marks`` wrapped in ``<mark>``; everything escaped."""
    out = []
    for piece, hit in mark_segments(text or "", marks or []):
        out.append(Markup("<mark>{}</mark>").format(piece) if hit else escape(piece))
    return Markup("").join(out)


def qs(**params: Any) -> str:
    """A query string from the non-empty parameters."""
    clean = {k.rstrip("_"): v for k, v in params.items() if v not in (None, "", [])}
    return ("?" + urlencode(clean, doseq=True)) if clean else ""


def date_label(date: dict[str, Any] | None) -> str:
    if not date or not date.get("value"):
        return "undated"
    return str(date["value"])


def quantity_label(q: dict[str, Any]) -> str:
    if q.get("text"):
        return str(q["text"])
    return f"{q.get('value')} {q.get('unit') or ''}".strip()


def actor_names(request: Any, limit: int = 300) -> list[str]:
    """Names of the most mentioned actors, for ``<datalist>`` suggestions.

    Cached until the number of entities changes (a build or an upload)."""
    kb = request.app.state.kb
    cache = request.app.state.overview_cache
    key = ("actor_names", kb.store.counts().get("entities"))
    if cache.get("actor_names_key") != key:
        cache["actor_names"] = sorted({e["name"] for e in kb.entities(limit=limit)})
        cache["actor_names_key"] = key
    return list(cache["actor_names"])


def make_templates() -> Jinja2Templates:
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(
        doc_href=doc_href, entity_href=entity_href, event_href=event_href,
        claim_href=claim_href, item_href=item_href, actor_links=actor_links,
        event_actors=event_actors, csv_href=csv_href,
        highlighted=highlighted, qs=qs, actor_names=actor_names, date_label=date_label,
        quantity_label=quantity_label,
        QUAD_LABEL=QUAD_LABEL, QUAD_CLASS=QUAD_CLASS, PLOVER_TYPES=PLOVER_TYPES,
    )
    return Jinja2Templates(env=env)


#: The names other modules use; everything else here is internal.
__all__ = [
    "TEMPLATES",
    "QUAD_LABEL",
    "doc_href",
    "entity_href",
    "event_href",
    "claim_href",
    "item_href",
    "event_actors",
    "csv_href",
    "actor_links",
    "highlighted",
    "qs",
    "date_label",
    "quantity_label",
    "actor_names",
    "make_templates",
]
