"""``accord actors``, ``actor NAME``, ``merge A B``, ``split ENTITY MENTION...``, ``judgements``.

Thin shell over the :class:`~accord.api.KnowledgeBase` (reading) and
:mod:`accord.reconcile.entities` (judgements, and the mentions an analyst picks
from); after a judgement the store is reconciled again so every view agrees.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from .common import DEFAULT_DB, DbOption, console, err_console, open_kb, open_store

JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
TYPES = ("STATE", "ORG", "GROUP", "PERSON", "LOCATION")


def _codes(e: dict[str, Any]) -> str:
    codes = e.get("codes") or {}
    return " ".join(c for c in (codes.get("iso3"), codes.get("wikidata")) if c)


def _reconcile(store: Any) -> list[str]:
    from ..reconcile import reconcile

    stats = reconcile(store, None)
    ent = stats.get("entities") or {}
    return list(ent.get("contradictory_judgements") or []) if isinstance(ent, dict) else []


def _warn(problems: list[str]) -> None:
    for p in problems:
        err_console.print(f"[yellow]contradictory judgements (neither applied):[/yellow] "
                          f"{escape(p)}")


def actors_cmd(
    type: Annotated[str | None, typer.Option(
        "--type", "-t", help=f"Only this type: {', '.join(TYPES)}.", case_sensitive=False)] = None,
    country: Annotated[str | None, typer.Option(
        "--country", help="Only actors of this state (name, alias, ISO3 or id).")] = None,
    all_: Annotated[bool, typer.Option(
        "--all", help="Include places (LOCATION) and actors only named by events.")] = False,
    limit: Annotated[int, typer.Option("--limit", "-n", help="At most this many rows.")] = 200,
    db: DbOption = DEFAULT_DB,
    as_json: JsonOption = False,
) -> None:
    """List the actors in the store: name, type, country, codes, mentions, documents."""
    if type and type.upper() not in TYPES:
        raise typer.BadParameter(f"type must be one of {', '.join(TYPES)}", param_hint="--type")
    with open_kb(db) as kb:
        rows = kb.entities(type=type, country=country, limit=None)
        names = {r["id"]: r["name"] for r in rows if r["type"] == "STATE"}
        if not type and not all_:
            rows = [r for r in rows if r["type"] != "LOCATION" and r["mention_count"]]
        rows = rows[:limit]
        if country or any(r["country"] and r["country"] not in names for r in rows):
            names.update({r["id"]: r["name"] for r in kb.entities(type="STATE", limit=None)})
    if as_json:
        console.print_json(json.dumps(rows, ensure_ascii=False))
        return
    t = Table(title=f"{len(rows)} actors", title_justify="left")
    for col, kw in (("name", {}), ("type", {"no_wrap": True}), ("country", {}),
                    ("codes", {"no_wrap": True}), ("mentions", {"justify": "right"}),
                    ("documents", {"justify": "right"}), ("id", {"style": "dim"})):
        t.add_column(col, **kw)
    for r in rows:
        name = Text(r["name"])
        if r.get("role"):
            name.append(f"\n{r['role']}", style="dim")
        t.add_row(name, r["type"], escape(names.get(r["country"], r["country"] or "")),
                  _codes(r), str(r["mention_count"]), str(r["document_count"]), r["id"])
    console.print(t)


def actor_cmd(
    name: Annotated[str, typer.Argument(help="Name, alias, ISO3 code, Wikidata QID or id.")],
    mentions: Annotated[int, typer.Option("--mentions", "-m",
                                          help="Show at most this many mentions.")] = 20,
    db: DbOption = DEFAULT_DB,
    as_json: JsonOption = False,
) -> None:
    """Show one actor: aliases, roles, codes and its mentions with their sentences.

    The number before each mention is its id, for `accord split`.
    """
    from ..reconcile.entities import entity_mentions, find_entity

    with open_kb(db) as kb:
        info = kb.entity(name, mentions_limit=0)
        rows = entity_mentions(kb.store, info["id"], limit=mentions)
        with kb.store.connect() as conn:
            others = [e for e in find_entity(conn, name) if e["id"] != info["id"]]
    roles = sorted({r["role"] for r in rows if r["role"]})
    if as_json:
        console.print_json(json.dumps({**info, "roles": roles, "mentions": rows,
                                       "also_matches": [e["id"] for e in others]},
                                      ensure_ascii=False, default=str))
        return
    console.print(f"[bold]{escape(info['name'])}[/bold]  [dim]{info['id']}[/dim]")
    if others:
        console.print("[yellow]also matches:[/yellow] " + escape(", ".join(
            f"{e['name']} ({e['id']})" for e in others)))
    console.print(f"type: {info['type']}"
                  + (f"   country: {escape(info.get('country_name') or info['country'])}"
                     if info.get("country") else "")
                  + (f"   codes: {_codes(info)}" if _codes(info) else ""))
    if info.get("role") or roles:
        console.print("roles: " + escape("; ".join(roles or [info["role"]])))
    console.print("aliases: " + escape(", ".join(info["aliases"]) or "-"))
    console.print(f"{info['mention_count']} mentions in {info['document_count']} documents"
                  + (f", {info['events']} events" if info.get("events") else ""))
    if info.get("members"):
        console.print("members: " + escape(", ".join(m["name"] for m in info["members"][:15])))
    t = Table(show_lines=True, title_justify="left", title="mentions")
    t.add_column("id", justify="right", no_wrap=True)
    t.add_column("document", max_width=28)
    t.add_column("sentence", ratio=1)
    for r in rows:
        sent = Text(r["sentence"] or r["text"])
        i = (r["sentence"] or "").find(r["text"])
        if i >= 0:
            sent.stylize("bold yellow", i, i + len(r["text"]))
        if not r["is_actor"]:
            sent.append("  (place)", style="dim")
        doc = f"{r['title'] or r['source']}\n[dim]{r['document_id'][:12]} · " \
              f"{r['published'] or 'undated'}[/dim]"
        t.add_row(str(r["id"]), doc, sent)
    console.print(t)


def merge_cmd(
    a: Annotated[str, typer.Argument(help="The actor to keep (name, alias or id).")],
    b: Annotated[str, typer.Argument(help="The actor folded into A.")],
    db: DbOption = DEFAULT_DB,
) -> None:
    """Record that A and B are the same actor (kept across rebuilds) and re-reconcile."""
    from ..reconcile.entities import Judgement, add_judgement

    with open_kb(db) as kb:
        ea, eb = kb.resolve_actor(a), kb.resolve_actor(b)
        problems = add_judgement(kb.store, Judgement("merge", ea, eb))
        problems = sorted(set(problems) | set(_reconcile(kb.store)))
    console.print(f"merged {eb} into {ea}")
    _warn(problems)


def split_cmd(
    entity: Annotated[str, typer.Argument(help="The actor to split (name, alias or id).")],
    mention_ids: Annotated[list[int], typer.Argument(
        help="Mention ids (from `accord actor NAME`) that are a different actor.")],
    db: DbOption = DEFAULT_DB,
) -> None:
    """Move some mentions of an actor to a new actor (kept across rebuilds)."""
    from ..reconcile.entities import Judgement, add_judgement, mention_refs, split_id

    with open_kb(db) as kb:
        eid = kb.resolve_actor(entity)
        with kb.store.connect() as conn:
            refs = mention_refs(conn, mention_ids)
        problems = add_judgement(kb.store, Judgement("split", eid, mentions=refs))
        problems = sorted(set(problems) | set(_reconcile(kb.store)))
    console.print(f"split {len(refs)} mention(s) of {eid} into {split_id(eid, refs)}")
    _warn(problems)


judgements_app = typer.Typer(help="List, export, import or delete merge/split judgements.",
                             no_args_is_help=True)


@judgements_app.command("list")
def judgements_list(db: DbOption = DEFAULT_DB) -> None:
    """List the stored judgements, oldest first."""
    from ..reconcile.entities import list_judgements

    with open_store(db) as store:
        for j in list_judgements(store):
            console.print(f"{escape(j.describe())}  [dim]{j.created_at}[/dim]")


@judgements_app.command("export")
def judgements_export(
    file: Annotated[Path | None, typer.Argument(help="Write here (default: stdout).")] = None,
    db: DbOption = DEFAULT_DB,
) -> None:
    """Write all judgements as JSON lines (re-import with `accord judgements import`)."""
    from ..reconcile.entities import export_judgements

    with open_store(db) as store:
        text = export_judgements(store)
    if file is None:
        typer.echo(text, nl=False)
    else:
        file.write_text(text, encoding="utf-8")
        err_console.print(f"wrote {len(text.splitlines())} judgement(s) to {file}")


@judgements_app.command("import")
def judgements_import(
    file: Annotated[Path, typer.Argument(help="JSON lines from `accord judgements export`.")],
    db: DbOption = DEFAULT_DB,
) -> None:
    """Add judgements from a file (duplicates skipped) and re-reconcile."""
    from ..errors import ConfigError
    from ..reconcile.entities import import_judgements

    try:
        text = file.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"{file}: cannot read ({exc.strerror})") from exc
    with open_store(db) as store:
        added, problems = import_judgements(store, text, str(file))
        problems = sorted(set(problems) | set(_reconcile(store)))
    console.print(f"imported {added} judgement(s)")
    _warn(problems)


@judgements_app.command("delete")
def judgements_delete(
    judgement_id: Annotated[int, typer.Argument(help="Id shown by `accord judgements list`.")],
    db: DbOption = DEFAULT_DB,
) -> None:
    """Delete one judgement (e.g. one side of a contradiction) and re-reconcile."""
    from ..reconcile.entities import delete_judgement

    with open_store(db) as store:
        delete_judgement(store, judgement_id)
        problems = _reconcile(store)
    console.print(f"deleted judgement #{judgement_id}")
    _warn(problems)


def register(app: typer.Typer) -> None:
    app.command("actors")(actors_cmd)
    app.command("actor")(actor_cmd)
    app.command("merge")(merge_cmd)
    app.command("split")(split_cmd)
    app.add_typer(judgements_app, name="judgements")


#: The names other modules use; everything else here is internal.
__all__ = [
    "JsonOption",
    "TYPES",
    "actors_cmd",
    "actor_cmd",
    "merge_cmd",
    "split_cmd",
    "judgements_app",
    "judgements_list",
    "judgements_export",
    "judgements_import",
    "judgements_delete",
    "register",
]
