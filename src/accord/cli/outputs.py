"""``accord timeline``, ``dyad``, ``brief``, ``search``, ``ask``, ``export``, ``demo``.

Thin shell over :mod:`accord.query`, :mod:`accord.report` and :mod:`accord.export`:
parse, call, print. ``--json`` prints the library's result as JSON for scripts.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from .common import DEFAULT_DB, DbOption, QuietOption, console, err_console, open_kb
from .tables import Column, WideOption, footer, show

JsonOption = Annotated[bool, typer.Option("--json", help="Print the result as JSON.")]
FromOption = Annotated[str | None, typer.Option("--from", help="Earliest date: YYYY[-MM[-DD]].")]
ToOption = Annotated[str | None, typer.Option(
    "--to", help="Latest date (inclusive): YYYY[-MM[-DD]].")]
ActorOption = Annotated[str | None, typer.Option(
    "--actor",
    help="Actor name, alias, ISO3 code or id (a state includes its people and agencies).")]


def _json(data: Any) -> None:
    console.print_json(json.dumps(data, ensure_ascii=False, default=str))


def _cite(m: dict[str, Any] | None) -> str:
    from ..query.common import citation_label

    return citation_label(m)


def _actors(ev: dict[str, Any]) -> str:
    return str(ev["actors_label"])  # "Poland <-> South Korea" for a joint event


QUAD_STYLE = {"verbal_cooperation": "cyan", "material_cooperation": "blue",
              "verbal_conflict": "yellow", "material_conflict": "red"}


def _date_cell(ev: dict[str, Any]) -> Text:
    date = Text(ev["date"]["value"] or "undated")
    date.append(f"\n{ev['date']['basis']}", style="dim")
    return date


def _type_cell(ev: dict[str, Any]) -> Text:
    q = "; ".join(x["text"] for x in ev["quantities"] if x.get("text"))
    typ = Text(ev["type"], style=QUAD_STYLE.get(ev["quad"] or "", ""))
    if q:
        typ.append(f"\n{q}", style="dim")
    return typ


def _quote(ev: dict[str, Any]) -> Text:
    cite = ev["citation"] or {}
    quote = Text(f"\u201c{' '.join((cite.get('sentence') or '').split())}\u201d ")
    quote.append(f"[{_cite(cite)}]", style="dim")
    return quote


#: The columns of an event list, most important first when the terminal is narrow.
EVENT_COLUMNS = [
    Column("date", _date_cell, priority=1, min_width=10, no_wrap=True,
           plain=lambda ev: ev["date"]["value"] or "undated"),
    Column("basis", _date_cell, plain=lambda ev: ev["date"]["basis"], terminal=False),
    Column("type", _type_cell, priority=1, min_width=8, plain=lambda ev: ev["type"]),
    Column("quantities", _type_cell, terminal=False,
           plain=lambda ev: "; ".join(x["text"] for x in ev["quantities"] if x.get("text"))),
    Column("actors", lambda ev: escape(_actors(ev)), priority=1, min_width=16, ratio=1,
           plain=_actors),
    Column("modality", lambda ev: ev["modality"], priority=2, min_width=8),
    Column("src", lambda ev: str(ev["independent_sources"]), priority=4, min_width=3,
           justify="right"),
    Column("cited sentence", _quote, priority=3, min_width=20, ratio=3),
]


def show_events(events: list[dict[str, Any]], title: str | None = None,
                wide: bool = False) -> None:
    """Events as a table fitted to the terminal (TSV when piped)."""
    show(console, events, EVENT_COLUMNS, title=title, wide=wide)


def timeline_cmd(
    db: DbOption = DEFAULT_DB,
    actor: ActorOption = None,
    dyad: Annotated[tuple[str, str] | None, typer.Option(
        "--dyad", help="Two actors: events involving both.", show_default=False)] = None,
    date_from: FromOption = None,
    date_to: ToOption = None,
    types: Annotated[list[str] | None, typer.Option(
        "--type", help="PLOVER type or quad class (verbal_conflict...); repeatable.")] = None,
    min_sources: Annotated[int, typer.Option(
        "--min-sources", min=1, help="Only events with at least N independent sources.")] = 1,
    limit: Annotated[int, typer.Option(help="At most N rows (0 = all).")] = 200,
    as_json: JsonOption = False,
    wide: WideOption = False,
) -> None:
    """Chronological table of events: date (basis), type, actors, modality, sources,
    citation. Piped, one tab-separated line per event."""
    with open_kb(db, read_only=True) as kb:
        rows = kb.timeline(actor=actor, dyad=dyad, date_from=date_from, date_to=date_to,
                           types=types, min_sources=min_sources, limit=limit or None)
    if as_json:
        return _json(rows)
    if not rows:
        console.print("No events match.")
        return
    show_events(rows, wide=wide)
    more = " (limit reached: use --limit 0 for all)" if limit and len(rows) >= limit else ""
    footer(f"{len(rows)} events{more}")


def dyad_cmd(
    a: Annotated[str, typer.Argument(help="First actor.")],
    b: Annotated[str, typer.Argument(help="Second actor.")],
    db: DbOption = DEFAULT_DB,
    as_json: JsonOption = False,
) -> None:
    """The relationship of two actors in numbers and words."""
    with open_kb(db, read_only=True) as kb:
        d = kb.dyad(a, b)
    if as_json:
        return _json(d)
    print_dyad(d)


def brief_cmd(
    a: Annotated[str, typer.Argument(help="First actor.")],
    b: Annotated[str, typer.Argument(help="Second actor.")],
    output: Annotated[Path, typer.Option(
        "-o", "--output", help="Report file: .html (default) or .md.")] = Path("brief.html"),
    db: DbOption = DEFAULT_DB,
    quiet: QuietOption = False,
) -> None:
    """Write a self-contained, cited brief on two actors (HTML or Markdown, with plots)."""
    with open_kb(db, read_only=True) as kb:
        kb.brief(a, b, output)
    if not quiet:
        console.print(f"wrote {output}", highlight=False)


def search_cmd(
    query: Annotated[str, typer.Argument(help="Words to find (all must match; if none "
                                              "does, any may).")],
    db: DbOption = DEFAULT_DB,
    actor: ActorOption = None,
    date_from: FromOption = None,
    date_to: ToOption = None,
    limit: Annotated[int, typer.Option(min=1, help="At most N results.")] = 20,
    as_json: JsonOption = False,
) -> None:
    """Full-text search over sentences, ranked, with matches highlighted."""
    with open_kb(db, read_only=True) as kb:
        hits = kb.search(query, actor=actor, date_from=date_from, date_to=date_to,
                         limit=limit)
    if as_json:
        return _json(hits)
    if not hits:
        console.print(f"No sentence matches {query!r}.", highlight=False)
        return
    if hits[0]["match"] == "any":
        console.print("[dim]No sentence has every word; showing sentences with any.[/dim]")
    if hits[0].get("ranked_newest"):
        console.print(f"[dim]Very common words: ranked among the newest "
                      f"{hits[0]['ranked_newest']:,} matching sentences.[/dim]")
    for i, h in enumerate(hits, 1):
        line = Text(f"{i:>2}. ", style="dim")
        # Line breaks of the original become spaces; offsets stay valid.
        text = "".join(" " if c.isspace() else c for c in h["text"]).rstrip()
        pos = 0
        for s, e in h["highlights"]:
            line.append(text[pos:s])
            line.append(text[s:e], style="bold reverse")
            pos = e
        line.append(text[pos:])
        console.print(line, soft_wrap=True)
        copy = " (copy)" if h.get("copy_of") else ""
        console.print(f"    [dim]{escape(_cite(h))}{copy}  {h['document'][:12]} "
                      f"chars {h['start']}-{h['end']}[/dim]", highlight=False)


def ask_cmd(
    question: Annotated[str, typer.Argument(help="A question in plain English.")],
    db: DbOption = DEFAULT_DB,
    as_json: JsonOption = False,
) -> None:
    """Answer a question from the store, quoting cited sentences (no language model)."""
    with open_kb(db, read_only=True) as kb:
        ans = kb.ask(question)
    if as_json:
        return _json(ans)
    console.print(escape(ans["text"]), highlight=False, soft_wrap=True)
    if not ans["found"]:
        raise typer.Exit(5)


def export_cmd(
    fmt: Annotated[str, typer.Option(
        "--format", "-f", help="json (accord/v1), csv (a directory), graphml, gexf, "
                               "ftm (FollowTheMoney), cameo (TSV).")] = "json",
    output: Annotated[Path | None, typer.Option(
        "-o", "--output", help="File (directory for csv); '-' prints to stdout; default "
                               "accord.json, accord-csv/, accord.graphml, ...")] = None,
    db: DbOption = DEFAULT_DB,
    raw_csv: Annotated[bool, typer.Option(
        "--raw-csv", help="csv: write cells unchanged. By default a cell starting with "
                          "= + - @ (a spreadsheet formula) gets a leading ' (OWASP).")] = False,
    quiet: QuietOption = False,
) -> None:
    """Export the knowledge base for other tools."""
    from ..export import DEFAULT_NAMES, FORMATS, ExportError

    fmt = fmt.lower()
    if fmt not in FORMATS:
        raise ExportError(f"--format: unknown export format {fmt!r} "
                          f"(choose from {', '.join(FORMATS)})")
    with open_kb(db, read_only=True) as kb:
        if output is not None and str(output) == "-":
            if fmt == "csv":
                raise ExportError("-o -: csv writes a directory, not stdout")
            data = kb.export(fmt, None)
            text = json.dumps(data, ensure_ascii=False, indent=1) if fmt == "json" else data
            typer.echo(text, nl=not str(text).endswith("\n"))
            return
        out = output or Path(DEFAULT_NAMES[fmt])
        kb.export(fmt, out, raw_csv=raw_csv)
    if not quiet:
        console.print(f"wrote {out} ({fmt})", highlight=False)


def demo_cmd(
    db: DbOption = "accord-demo.db",
    examples: Annotated[Path | None, typer.Option(
        help="Corpus to build (default: the bundled examples/ folder).")] = None,
    output: Annotated[Path, typer.Option(
        "-o", "--output", help="Where to write the brief of the main dyad.")
    ] = Path("brief.html"),
    quiet: QuietOption = False,
) -> None:
    """Build the bundled example corpus, show a brief of its main pair and what to run next."""
    from ..errors import IngestError
    from .common import accord_command, progress_bars

    corpus = examples or _examples_dir()
    if corpus is None or not corpus.is_dir():
        raise IngestError(str(corpus or "examples/"),
                          "example corpus not found (pass --examples DIR)")
    kb = open_kb(db, create=True)
    try:
        with progress_bars(quiet) as progress:
            report = kb.build([corpus], progress=progress)
        for o in report.failed:
            err_console.print(f"[yellow]skipped:[/yellow] {escape(o.source)}: "
                              f"{escape(o.reason)}", highlight=False, soft_wrap=True)
        counts = kb.stats()["counts"]
        console.rule("[bold]accord demo[/bold]")
        console.print(
            f"Built [bold]{db}[/bold] from {corpus}: {counts.get('documents', 0)} documents, "
            f"{counts.get('entities', 0)} actors, {counts.get('events', 0)} events, "
            f"{counts.get('claims', 0)} claims, {counts.get('contradictions', 0)} "
            f"contradictions, {counts.get('copies', 0)} copies.", highlight=False)
        pair = kb.main_dyad()
        if pair is None:
            console.print("No events between two states were found; nothing to brief.")
            return
        d = kb.dyad(pair[0], pair[1])
        print_dyad(d, short=True)
        kb.brief(pair[0], pair[1], output)
    finally:
        kb.close()
    a, b = d["a"]["name"], d["b"]["name"]
    code_a, code_b = _short(d["a"]), _short(d["b"])
    console.print(f"\nWrote the full brief to [bold]{output}[/bold] (open it in a browser; "
                  "it prints well too).", highlight=False)
    console.rule("What next")
    cmd = accord_command()
    console.print(
        f"  {cmd} serve --db {db}              # web UI at http://127.0.0.1:8000\n"
        f"  {cmd} timeline --db {db} --dyad {code_a} {code_b}\n"
        f"  {cmd} dyad --db {db} {code_a} {code_b}\n"
        f"  {cmd} ask --db {db} \"How much was the tank agreement worth?\"\n"
        f"  {cmd} search --db {db} \"embassy plot\"\n"
        f"  {cmd} brief --db {db} {code_a} {code_b} -o brief.md\n"
        f"  {cmd} export --db {db} --format json -o accord.json",
        highlight=False, markup=False, soft_wrap=True)  # whole lines: they are pasted
    if a and b and report.exit_code:
        raise typer.Exit(report.exit_code)


#: Command name -> function, in the order they appear in ``accord --help``.
COMMANDS: dict[str, Callable[..., Any]] = {
    "timeline": timeline_cmd, "dyad": dyad_cmd, "brief": brief_cmd, "search": search_cmd,
    "ask": ask_cmd, "export": export_cmd, "demo": demo_cmd}


def register(app: typer.Typer) -> None:
    for name, command in COMMANDS.items():
        app.command(name)(command)

def _short(actor: dict[str, Any]) -> str:
    """What to type for an actor on the command line: its name, quoted when needed."""
    name = actor["name"]
    return f'"{name}"' if " " in name else name


def _examples_dir() -> Path | None:
    here = Path(__file__).resolve()
    for cand in (here.parents[3] / "examples", Path.cwd() / "examples"):
        if cand.is_dir():
            return cand
    return None


def print_dyad(d: dict[str, Any], short: bool = False) -> None:
    a, b = d["a"]["name"], d["b"]["name"]
    console.rule(f"[bold]{escape(a)} - {escape(b)}[/bold]")
    console.print(escape(d["summary"]), highlight=False)
    if d["years"] and not short:
        t = Table(title="Events per year (counted)", title_justify="left")
        for col in ("year", "verbal coop", "material coop", "verbal conflict",
                    "material conflict", "total", "mean intensity", "net"):
            t.add_column(col, justify="right")
        for y in d["years"]:
            t.add_row(str(y["year"]), str(y["verbal_cooperation"]),
                      str(y["material_cooperation"]), str(y["verbal_conflict"]),
                      str(y["material_conflict"]), str(y["total"]),
                      "" if y["mean_intensity"] is None else f"{y['mean_intensity']:+.1f}",
                      f"{y['net']:+.1f}")
        console.print(t)
    if d["main_events"]:
        main = d["main_events"][:5] if short else d["main_events"]
        show_events(main, title="Main events (best corroborated)")
    if d["third_parties"] and not short:
        console.print("Third parties: " + ", ".join(
            f"{t['name']} ({t['events']})" for t in d["third_parties"]), highlight=False)
    if d["contradictions"]:
        console.print("[bold]Open contradictions[/bold]")
        for c in d["contradictions"][: 5 if short else None]:
            console.print(f"  - {c['kind']}: {escape(c['explanation'])}", highlight=False,
                          soft_wrap=True)


#: The names other modules use; everything else here is internal.
__all__ = [
    "JsonOption",
    "FromOption",
    "ToOption",
    "ActorOption",
    "QUAD_STYLE",
    "EVENT_COLUMNS",
    "show_events",
    "timeline_cmd",
    "dyad_cmd",
    "brief_cmd",
    "search_cmd",
    "ask_cmd",
    "export_cmd",
    "demo_cmd",
    "COMMANDS",
    "register",
    "print_dyad",
]
