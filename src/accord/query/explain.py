"""Why an event holds the mentions it holds: each mention with its sentence, its
outlet (and whether that outlet copies another), and the pair score or veto that
joined it or kept the closest other mention out.

Read from the decisions reconciliation stores in ``events.why``
(:mod:`accord.reconcile.events`); used by ``accord events --explain ID`` and the
web event page.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .events import event

if TYPE_CHECKING:
    from ..store import Store

#: Score parts in the order an analyst reads them.
PARTS = ("type", "actors", "date", "quantities", "objects", "sentence")


def _key(ref: dict[str, Any]) -> tuple[Any, ...]:
    return (ref.get("document"), ref.get("start"), ref.get("end"))


def describe_parts(parts: dict[str, Any] | None) -> str:
    """One line for a pair's breakdown: ``veto: ...`` or ``0.81 = type 1.0, date 0.8 ...``."""
    if not parts:
        return ""
    if parts.get("complement"):
        return str(parts["complement"])
    if parts.get("judgement"):
        return str(parts["judgement"])
    bits = []
    for k in PARTS:
        if k in parts:
            extra = parts.get(f"{k}_relation")
            bits.append(f"{k} {parts[k]}" + (f" ({extra})" if extra else ""))
    head = f"veto: {parts['veto']}" if parts.get("veto") else f"{parts.get('total')}"
    return f"{head} = " + ", ".join(bits) if bits else head


def explain_event(store: Store, id: str) -> dict[str, Any]:
    """The event (as :func:`accord.query.events.event`) plus ``explanation``: one row per
    mention with how it joined, and the outlets with their copies."""
    ev = event(store, id)
    why = ev.get("why") or {}
    decisions: dict[tuple[Any, ...], list[dict[str, Any]]] = {}
    for d in why.get("decisions") or []:
        decisions.setdefault(_key(d.get("mention") or {}), []).append(d)
    labels: dict[tuple[Any, ...], str] = {}
    outlets = {o["document"]: o for o in why.get("outlets") or []}
    for m in ev["mentions"]:
        o = outlets.get(m["document"]) or {}
        labels[_key(m)] = (o.get("outlet") or m.get("title") or m["document"][:12])
    rows = []
    for m in ev["mentions"]:
        ds = decisions.get(_key(m)) or [{}]
        # Two mentions of one sentence (an agreement and what it commits to) share a span.
        d = next((x for x in ds if (x.get("mention") or {}).get("trigger") == m.get("trigger")),
                 ds[0])
        joined = d.get("joined")
        rejected = d.get("closest_rejected")
        o = outlets.get(m["document"]) or {}
        rows.append({
            "document": m["document"], "outlet": o.get("outlet"), "title": m.get("title"),
            "published": m.get("published"), "copy_of": o.get("copy_of") or m.get("copy_of"),
            "counts_for": o.get("counts_for") or [], "wire": o.get("wire"),
            "type": (d.get("mention") or {}).get("type"),
            "trigger": m.get("trigger"), "modality": m.get("modality"),
            "sentence": (m.get("sentence") or m.get("text") or "").strip(),
            "how": ("first mention: the event's anchor" if joined is None and d else
                    f"joined {labels.get(_key(joined['with']), '?')}: "
                    f"{describe_parts(joined.get('parts'))}" if joined else "no decision stored"),
            "closest_rejected": (f"{labels.get(_key(rejected['with']), 'another event')}: "
                                 f"{describe_parts(rejected.get('parts'))}"
                                 if rejected else None),
            "pairs": d.get("pairs"),
        })
    ev["explanation"] = {
        "block": why.get("block"), "independent_sources": ev.get("independent_sources"),
        "outlets": list(outlets.values()), "mentions": rows,
        "judgements": why.get("judgements") or [],
    }
    return ev
