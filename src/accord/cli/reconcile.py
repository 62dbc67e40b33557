"""``accord copies``, ``accord contradictions``, ``accord event ID``, ``accord reconcile``.

Thin shell over the :class:`~accord.api.KnowledgeBase` (reading: the same records as
the Python and HTTP APIs, with what reconciliation decided) and
:func:`accord.reconcile.reconcile` (re-running it).
"""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer
from rich.table import Table

from ..query.contradictions import KINDS
from .common import DEFAULT_DB, DbOption, console, open_kb, open_store

JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")]


def _doc(h: dict[str, Any]) -> str:
    """A document cell from a record's ``{id|document, title, source, published}``."""
    doc_id = h.get("id") or h.get("document") or ""
    title = h.get("title") or h.get("source") or doc_id or "?"
    date = h.get("published") or "undated"
    return f"{title}\n[dim]{doc_id[:12]} · {date}[/dim]"


def _print_json(data: Any) -> None:
    console.print_json(json.dumps(data, default=str, ensure_ascii=False))


def copies_cmd(
    document: Annotated[str | None, typer.Argument(
        help="Only copies of / by this document id (prefix allowed).")] = None,
    sentences: Annotated[bool, typer.Option(
        "--sentences", "-s", help="Show the aligned sentences side by side.")] = False,
    db: DbOption = DEFAULT_DB,
    as_json: JsonOption = False,
) -> None:
    """List documents that copy another: reprints, paraphrases and partial copies."""
    with open_kb(db, read_only=True) as kb:
        if document:
            document = kb.store.resolve_document_id(document)
        rows = kb.copies(document=document, explain=True, sentences=sentences)
    if as_json:
        _print_json(rows)
        return
    if not rows:
        console.print("No copies found.")
        return
    table = Table(title="Copies", show_lines=True)
    for col in ("Copy", "Copies from", "Kind", "Copied", "Direction from"):
        table.add_column(col)
    for r in rows:
        copy = {"id": r["document"], "title": r["title"], "source": r["source"],
                "published": r["published"]}
        original = {"id": r["copy_of"], "title": r["copy_of_title"],
                    "published": r["copy_of_published"]}
        table.add_row(_doc(copy), _doc(original), r["copy_kind"] or "",
                      f"{100 * (r['copied_fraction'] or 0):.0f}% of its sentences",
                      r.get("direction") or "")
    console.print(table)
    if sentences:
        for r in rows:
            t = Table(title=f"{r['title'] or r['document']} <- "
                            f"{r['copy_of_title'] or r['copy_of']}", show_lines=True)
            t.add_column("Source sentence", ratio=1)
            t.add_column("Copy sentence", ratio=1)
            t.add_column("Changes")
            for p in r["pairs"]:
                t.add_row(p["source"], p["copy"], "\n".join(p["changes"]) or
                          ("verbatim" if p["verbatim"] else f"reworded ({p['score']:.0f})"))
            console.print(t)


def contradictions_cmd(
    kind: Annotated[str | None, typer.Option(
        "--kind", "-k", help=f"Only this kind: {', '.join(KINDS)}.")] = None,
    document: Annotated[str | None, typer.Option(
        "--document", "-d", help="Only contradictions involving this document id (prefix).")]
    = None,
    db: DbOption = DEFAULT_DB,
    as_json: JsonOption = False,
) -> None:
    """Where sources disagree, with each side's sentences next to each other."""
    if kind and kind not in KINDS:
        raise typer.BadParameter(f"{kind!r}: choose one of {', '.join(KINDS)}", param_hint="--kind")
    with open_kb(db, read_only=True) as kb:
        if document:
            document = kb.store.resolve_document_id(document)
        rows = kb.contradictions(kind=kind, document=document, sides=True)
    if as_json:
        _print_json(rows)
        return
    if not rows:
        console.print("No contradictions found.")
        return
    for r in rows:
        t = Table(title=f"[bold]{r['kind']}[/bold] {r['id']}", caption=r["explanation"],
                  show_lines=True, caption_justify="left")
        sides = r["sides"]
        if not sides:
            console.print(f"[bold]{r['kind']}[/bold] {r['id']}: {r['explanation']}")
            continue
        for s in sides:
            t.add_column(_doc(s), ratio=1)
        t.add_row(*["\n".join(m["sentence"] for m in s["mentions"]) or "-" for s in sides])
        t.add_row(*["[dim]" + "; ".join(dict.fromkeys(m["detail"] for m in s["mentions"]))
                    + "[/dim]" for s in sides])
        console.print(t)


def event_cmd(
    event_id: Annotated[str, typer.Argument(help="Event id (a unique prefix is enough).")],
    why: Annotated[bool, typer.Option(
        "--why", help="Show the merge decisions that built this event.")] = False,
    db: DbOption = DEFAULT_DB,
    as_json: JsonOption = False,
) -> None:
    """One event: every mention side by side with its document, modality and date."""
    with open_kb(db, read_only=True) as kb:
        ev = kb.event(event_id)
    if as_json:
        if not why:
            ev.pop("why", None)
        _print_json(ev)
        return
    src = ", ".join(ev["source_names"]) or "-"
    tgt = ", ".join(ev["target_names"]) or "-"
    console.print(f"[bold]{ev['type']}[/bold] {src} -> {tgt}  "
                  f"date {ev['date']['value'] or 'unknown'} ({ev['date']['basis']})  "
                  f"modality {ev['modality']}")
    console.print(f"{ev['id']}  independent sources: {ev['independent_sources']}  "
                  f"confidence: {ev['confidence']}")
    t = Table(show_lines=True)
    for col in ("Document", "Sentence", "Modality", "Date", "Source group"):
        t.add_column(col)
    for m in ev["mentions"]:
        group = m["independent_source"][:12] + (" (copied)" if m["copied"] else "")
        t.add_row(_doc(m), m["sentence"].strip(), m["modality"],
                  f"{m['date_value'] or '-'}\n[dim]{m['date_basis']}[/dim]", group)
    console.print(t)
    for c in ev["contradictions"]:
        console.print(f"[red]{c['kind']}[/red]: {c['explanation']}")
    if why:
        _print_why(ev["why"] or {})


def _print_why(why: dict[str, Any]) -> None:
    from ..query.explain import describe_parts

    console.print(f"\n[bold]Why[/bold] block {why.get('block')}")
    for d in why.get("decisions", []):
        m = d["mention"]
        where = f"{m['document'][:12]}:{m['start']}-{m['end']}"
        if d.get("joined"):
            j = d["joined"]
            how = (f"score {j['score']:.3f} {_parts(j['parts'])}" if j.get("score") is not None
                   else describe_parts(j.get("parts")))  # a complement or a judgement
            console.print(f"  {where} joined {j['with']['document'][:12]}:{j['with']['start']} "
                          f"{how}")
        else:
            console.print(f"  {where} started the event")
        rej = d.get("closest_rejected")
        if rej:
            p = rej["parts"]
            reason = p.get("veto") or f"score {p.get('total') or 0:.3f} below the merge score"
            console.print(f"    [dim]not merged with {rej['with']['document'][:12]}:"
                          f"{rej['with']['start']}: {reason} {_parts(p)}[/dim]")


def _parts(p: dict[str, Any]) -> str:
    return (f"(type {p.get('type')}, actors {p.get('actors')}, date {p.get('date')} "
            f"{p.get('date_relation')}, quantities {p.get('quantities')}, "
            f"objects {p.get('objects')}, sentence {p.get('sentence')})")


def reconcile_cmd(db: DbOption = DEFAULT_DB) -> None:
    """Re-run reconciliation over the whole store (after editing thresholds or judgements)."""
    from ..reconcile import reconcile

    store = open_store(db)
    try:
        stats = reconcile(store, None)
    finally:
        store.close()
    copies: Any = stats.get("copies", {})
    events: Any = stats.get("events", {})
    cx: Any = stats.get("contradictions", {})
    console.print(f"copies: {copies.get('copies', 0)}  events: {events.get('events', 0)} "
                  f"({events.get('merged', 0)} merged)  contradictions: "
                  f"{cx.get('contradictions', 0)}")


def register(app: typer.Typer) -> None:
    app.command("copies")(copies_cmd)
    app.command("contradictions")(contradictions_cmd)
    app.command("event")(event_cmd)
    app.command("reconcile")(reconcile_cmd)


#: The names other modules use; everything else here is internal.
__all__ = [
    "JsonOption",
    "copies_cmd",
    "contradictions_cmd",
    "event_cmd",
    "reconcile_cmd",
    "register",
]
