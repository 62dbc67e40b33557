"""``accord events``: the coded events as an analyst's chronology, with spans.

Reads the reconciled ``events`` table (through the :class:`~accord.api.KnowledgeBase`);
a store that was built but not reconciled yet has only per-document
``event_mentions``, which are listed instead (one row per mention, actor keys instead of entity
names) so the command is useful straight after extraction.
"""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from ..records import MODALITIES, date_granularity
from .common import DEFAULT_DB, DbOption, console, open_kb
from .tables import Column, WideOption, footer, show

TypeOption = Annotated[list[str] | None, typer.Option(
    "--type", help="PLOVER type (AGREE, ACCUSE...) or quad class (verbal_conflict...); "
                   "repeatable.", show_default=False)]
ActorOption = Annotated[str | None, typer.Option(
    "--actor", help="Actor name, alias, ISO3 code or id (a state includes its people and "
                    "organisations).", show_default=False)]
FromOption = Annotated[str | None, typer.Option(
    "--from", help="Earliest date: YYYY[-MM[-DD]].", show_default=False)]
ToOption = Annotated[str | None, typer.Option(
    "--to", help="Latest date (inclusive): YYYY[-MM[-DD]].", show_default=False)]
ModalityOption = Annotated[list[str] | None, typer.Option(
    "--modality", help=f"Only these modalities ({', '.join(MODALITIES)}); repeatable.",
    show_default=False)]


def _check_modalities(values: list[str] | None) -> list[str] | None:
    if not values:
        return None
    out = [v.strip().lower() for v in values for v in v.split(",") if v.strip()]
    bad = [v for v in out if v not in MODALITIES]
    if bad:
        raise typer.BadParameter(f"unknown modality {bad[0]!r} (one of {', '.join(MODALITIES)})",
                                 param_hint="--modality")
    return out


def _quantities(qs: list[dict[str, Any]]) -> str:
    return "; ".join(q.get("text") or f"{q.get('value')} {q.get('unit')}" for q in qs)


def _row_actors(src: list[str], tgt: list[str]) -> str:
    from ..query.common import pair_label

    return pair_label(src, tgt)  # a joint event names each actor once: "A <-> B"


def _date(r: dict[str, Any]) -> Text:
    date = Text(r["date"] or "undated")
    gran = r.get("granularity")
    # "2024-03-04 / relative, week": a week's value is its Monday, not that day
    date.append(f"\n{r['basis']}" + (f", {gran}" if gran and gran not in ("day", "none") else ""),
                style="dim")
    return date


def _type(r: dict[str, Any]) -> Text:
    typ = Text(r["type"])
    if r["quantities"]:
        typ.append(f"\n{r['quantities']}", style="dim")
    return typ


def _modality(r: dict[str, Any]) -> Text:
    mod = Text(r["modality"])
    if r["attributed"]:
        mod.append(f"\n{r['attributed']}", style="dim")
    return mod


def _span(r: dict[str, Any]) -> Text:
    span = Text(f"\u201c{r['span'].strip()}\u201d")
    if r.get("where"):
        span.append(f" [{r['where']}]", style="dim")
    return span


#: Columns of ``accord events``, the most important kept longest on a narrow terminal.
COLUMNS = [
    Column("date", _date, priority=1, min_width=10, no_wrap=True,
           plain=lambda r: r["date"] or "undated"),
    Column("basis", _date, plain=lambda r: r["basis"], terminal=False),
    Column("granularity", _date, plain=lambda r: r.get("granularity") or "none",
           terminal=False),
    Column("type", _type, priority=1, min_width=8, plain=lambda r: r["type"]),
    Column("quantities", _type, plain=lambda r: r["quantities"], terminal=False),
    Column("actors", lambda r: escape(r["actors"]), priority=1, min_width=16, ratio=1,
           plain=lambda r: r["actors"]),
    Column("modality", _modality, priority=2, min_width=8, plain=lambda r: r["modality"]),
    Column("attributed to", _modality, plain=lambda r: r["attributed"], terminal=False),
    Column("document", lambda r: escape(r["document"]), priority=4, min_width=10, ratio=1,
           plain=lambda r: r["document"]),
    Column("span", _span, priority=3, min_width=20, ratio=3,
           plain=lambda r: f"{r['span'].strip()} [{r.get('where') or ''}]"),
]


def _from_events(kb: Any, types: list[str] | None, actor: str | None, date_from: str | None,
                 date_to: str | None, modality: list[str] | None,
                 limit: int | None) -> list[dict[str, Any]]:
    evs = kb.timeline(actor=actor, date_from=date_from, date_to=date_to, types=types,
                      limit=limit, modality=modality)
    out = []
    for ev in evs:
        m = ev.get("citation") or {}
        out.append({
            "id": ev["id"], "date": ev["date"]["value"], "basis": ev["date"]["basis"],
            "granularity": ev["date"].get("granularity") or "none",
            "type": ev["type"], "quantities": _quantities(ev["quantities"]),
            "actors": _row_actors(ev["source_names"], ev["target_names"]),
            "modality": ev["modality"], "attributed": ", ".join(ev["attributed_names"]),
            "document": (m.get("title") or m.get("source") or m.get("document") or "-")
            + (f" ({m['published']})" if m.get("published") else ""),
            "span": m.get("sentence") or m.get("text") or "",
            "where": f"{m['start']}-{m['end']}" if m.get("start") is not None else "",
            "sources": ev["independent_sources"], "mentions": len(ev["mentions"]),
        })
    return out


def _from_mentions(kb: Any, types: list[str] | None, actor: str | None,
                   date_from: str | None, date_to: str | None, modality: list[str] | None,
                   limit: int | None) -> list[dict[str, Any]]:
    """Unreconciled store: one row per event mention, actors as extraction keys."""
    rows = kb.event_mentions(types, date_from, date_to, modality)
    if actor:
        a = actor.lower()
        rows = [r for r in rows if any(a == k.lower() or a == k.split(":", 1)[-1].lower()
                                       for k in [*(r["source_keys"] or []),
                                                 *(r["target_keys"] or [])])]
    rows.sort(key=lambda r: (r["date_value"] is None, r["date_value"] or "", r["document_id"],
                             r["start"]))
    if limit:
        rows = rows[:limit]
    return [{
        "id": f"{r['document_id'][:12]}#{r['id']}", "date": r["date_value"],
        "basis": r["date_basis"],
        "granularity": date_granularity(r["date_value"], r.get("date_granularity")),
        "type": r["type"],
        "quantities": _quantities(r["quantities"] or []),
        "actors": _row_actors(r["source_keys"] or [], r["target_keys"] or []),
        "modality": r["modality"], "attributed": ", ".join(r["attributed_keys"] or []),
        "document": (r["title"] or r["source"]) + (f" ({r['published']})" if r["published"]
                                                   else ""),
        "span": r["text"], "where": f"{r['start']}-{r['end']}",
        "trigger": r["trigger"],
    } for r in rows]


def register(app: typer.Typer) -> None:
    from .judge import judge_app

    app.add_typer(judge_app, name="judge")

    @app.command("events")
    def events_cmd(
        db: DbOption = DEFAULT_DB,
        types: TypeOption = None,
        actor: ActorOption = None,
        date_from: FromOption = None,
        date_to: ToOption = None,
        modality: ModalityOption = None,
        limit: Annotated[int, typer.Option(help="At most N rows (0 = all).")] = 500,
        as_json: Annotated[bool, typer.Option("--json", help="Print rows as JSON.")] = False,
        wide: WideOption = False,
        explain: Annotated[str | None, typer.Option(
            "--explain", help="Explain one event (id or prefix): each mention with its "
                              "sentence and outlet, and the pair scores and vetoes that joined "
                              "it or kept other mentions out.", show_default=False)] = None,
    ) -> None:
        """Events in date order: date and basis, PLOVER type, source -> target, modality
        (and who says so), document and the span that states the event."""
        if explain:
            _explain(db, explain, as_json)
            return
        mods = _check_modalities(modality)
        with open_kb(db) as kb:
            reconciled = kb.is_reconciled()
            fetch = _from_events if reconciled else _from_mentions
            rows = fetch(kb, types, actor, date_from, date_to, mods, limit or None)
        if as_json:
            console.print_json(json.dumps(rows, ensure_ascii=False, default=str))
            return
        if not rows:
            console.print("No events match.")
            return
        title = "Events" if reconciled else "Event mentions (store not reconciled yet)"
        show(console, rows, COLUMNS, title=title, wide=wide)
        more = " (limit reached: use --limit 0 for all)" if limit and len(rows) >= limit else ""
        footer(f"{len(rows)} rows{more}")


def _explain(db: str, event_id: str, as_json: bool) -> None:
    """``accord events --explain ID``: the knowledge base's ``explain_event``."""
    with open_kb(db) as kb:
        ev = kb.explain_event(event_id)
    x = ev["explanation"]
    if as_json:
        console.print_json(json.dumps(x | {"id": ev["id"]}, ensure_ascii=False, default=str))
        return
    console.print(f"[bold]{escape(ev['id'])}[/bold] {ev['type']} · "
                  f"{escape(str((ev.get('date') or {}).get('value') or 'undated'))} · "
                  f"{ev['modality']} · {x['independent_sources']} independent source(s) "
                  f"from {len(x['outlets'])} document(s) · block {escape(str(x['block']))}")
    table = Table(show_lines=True)
    for col in ("outlet", "mention", "how it joined", "closest rejected"):
        table.add_column(col)
    for r in x["mentions"]:
        who = escape(r["outlet"] or r["title"] or r["document"][:12])
        if r["copy_of"]:
            who += f"\n[dim]copy of {escape(r['copy_of'][:12])}[/dim]"
        if r.get("wire"):
            who += f"\n[dim]{escape(r['wire'])} story (one source)[/dim]"
        table.add_row(who, escape(f"{r['type'] or ''} [{r['trigger'] or ''}] {r['modality']}: "
                                  f"{r['sentence']}"),
                      escape(r["how"]), escape(r["closest_rejected"] or ""))
    console.print(table)
    for j in x["judgements"]:
        console.print(f"[yellow]analyst judgement:[/yellow] {escape(str(j))}")


#: The names other modules use; everything else here is internal.
__all__ = [
    "TypeOption",
    "ActorOption",
    "FromOption",
    "ToOption",
    "ModalityOption",
    "COLUMNS",
    "register",
]
