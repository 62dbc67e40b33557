"""``accord build``, ``add``, ``docs``, ``show``, ``stats``: filling and inspecting a store."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich import box
from rich.markup import escape
from rich.table import Table

from ..errors import IngestError
from .common import (
    DEFAULT_DB,
    EXIT_CODES,
    DbOption,
    QuietOption,
    console,
    err_console,
    open_kb,
    progress_bars,
)

PathsArg = Annotated[list[Path], typer.Argument(
    help="Files or folders (searched recursively) of articles: .txt .md .html .pdf",
    show_default=False, readable=False)]  # an unreadable file is skipped and reported (exit 1)
WorkersOption = Annotated[int | None, typer.Option(
    "--workers", "-w", min=1,
    help="Extraction processes (default: one per core; 1 runs in this process).")]
ActorsOption = Annotated[list[Path] | None, typer.Option(
    "--actors", help="YAML file of extra actors for the gazetteer (repeatable).")]
EngineOption = Annotated[str, typer.Option(
    "--engine", help="Where reading and extraction run: local (process pool) or spark.")]
MasterOption = Annotated[str | None, typer.Option(
    "--master", help="Spark master URL for --engine spark (default local[2]).")]
WorkDirOption = Annotated[str | None, typer.Option(
    "--work-dir", help="With --engine spark: where Spark keeps its Parquet records; on a "
    "cluster a location every node reaches (hdfs://, s3a://, a shared mount). Default: a "
    "temporary folder here, removed afterwards.")]


def _run(command: str, paths: list[Path], db: str, workers: int | None,
         actors: list[Path] | None, quiet: bool, engine: str = "local",
         master: str | None = None, work_dir: str | None = None) -> None:
    if engine not in ("local", "spark"):
        raise typer.BadParameter(f"unknown engine {engine!r} (local, spark)",
                                 param_hint="--engine")
    if master and engine != "spark":
        raise typer.BadParameter("--master needs --engine spark", param_hint="--master")
    if work_dir and engine != "spark":
        raise typer.BadParameter("--work-dir needs --engine spark", param_hint="--work-dir")
    fresh = _new_sqlite_file(db)
    kb = open_kb(db, create=True)
    empty = False
    try:
        if not quiet:
            _warn_long(paths)
        try:
            with progress_bars(quiet) as progress:
                fn = kb.build if command == "build" else kb.add
                report = fn(paths, workers=workers, progress=progress, actors_files=actors,
                            engine=engine, master=master, work_dir=work_dir)
        except KeyboardInterrupt as exc:  # Ctrl-C: 130; SIGTERM (engine.lifeline): 143
            err_console.print(
                f"interrupted: the documents stored so far are complete; run `accord {command}` "
                "again to resume", highlight=False, soft_wrap=True)
            raise typer.Exit(getattr(exc, "exit_code", 130)) from None
        for o in report.failed:
            err_console.print(f"[yellow]skipped:[/yellow] {escape(shown(o.source))}: "
                              f"{escape(o.reason or '')}", highlight=False, soft_wrap=True)
        for o in report.outcomes:
            for note in o.notes:
                err_console.print(f"[yellow]{escape(note.split(':', 1)[0])}:[/yellow] "
                                  f"{escape(shown(o.source))}: "
                                  f"{escape(note.split(':', 1)[-1].strip())}",
                                  highlight=False, soft_wrap=True)
        if not quiet:
            for o in report.skipped:
                console.print(f"[dim]{escape(o.source)}: already stored "
                              f"({o.document_id[:12]})[/dim]", highlight=False, soft_wrap=True)
            _summary(report, kb.store.name)
            if report.added or report.extracted:
                db_opt = "" if db == DEFAULT_DB else f" --db {kb.store.name}"
                console.print(f"[dim]next: accord docs{db_opt} | accord timeline{db_opt} | "
                              f"accord search WORDS{db_opt} | accord serve{db_opt}[/dim]",
                              highlight=False, soft_wrap=True)
    finally:
        try:
            empty = fresh is not None and not kb.store.counts().get("documents")
        finally:
            kb.close()
        if empty and fresh is not None:  # a failed first build leaves no empty store behind
            for p in (fresh, *(fresh.with_name(fresh.name + s) for s in ("-wal", "-shm"))):
                p.unlink(missing_ok=True)
    if report.exit_code == 3 and not report.outcomes:
        raise IngestError(" ".join(str(p) for p in paths), "no articles found")
    if report.exit_code:
        raise typer.Exit(report.exit_code)


def _new_sqlite_file(db: str) -> Path | None:
    """The SQLite file this command is about to create, or None (it exists, or a URL)."""
    if "://" in db:
        return None
    path = Path(db).expanduser()
    return None if path.exists() else path.resolve()


def shown(path: str) -> str:
    """A path on one line: control characters (a newline in a file name) as escapes."""
    if any(ord(c) < 32 or ord(c) == 127 for c in path):
        return repr(path)[1:-1]
    return path


def _warn_long(paths: list[Path]) -> None:
    """Name the inputs big enough that extraction takes minutes, before it starts."""
    from ..ingest import max_article_chars
    from ..settings import current

    limit = int(current().thresholds.get("ingest", {}).get("long_document_bytes", 0) or 0)
    if limit <= 0:
        return
    from ..ingest import discover

    files: list[Path] = []
    for given in paths:
        try:
            files.extend(discover([given], errors=[]))
        except IngestError:
            continue  # reported by the build
    for p in files:
        try:
            size = p.stat().st_size
        except OSError:
            continue
        if size > limit:
            chars = min(size, max_article_chars())
            err_console.print(
                f"[yellow]long document:[/yellow] {escape(shown(str(p)))} ({size / 1e6:.1f} MB): "
                f"reading at most {max_article_chars():,} characters; extraction may take "
                f"~{max(1, round(chars / 3000 / 60))} min", highlight=False, soft_wrap=True)


def _summary(report, store_name: str) -> None:  # type: ignore[no-untyped-def]
    t = report.totals
    new = len(report.added) + len(report.extracted)
    console.print(
        f"[bold]{report.command}[/bold] {store_name}: {len(report.added)} documents added, "
        f"{len(report.skipped)} already stored, {len(report.failed)} failed"
        + (f", {len(report.extracted)} resumed" if report.extracted else "")
        + f" ({report.seconds:.1f} s, {report.workers} worker{'s' * (report.workers > 1)})",
        highlight=False, soft_wrap=True,
    )
    if new or report.reconcile:
        nr = report.new_records
        console.print(
            f"  new: {nr.get('sentences', 0)} sentences, {nr.get('mentions', 0)} mentions, "
            f"{nr.get('events', 0)} event mentions, {nr.get('claims', 0)} claim mentions",
            highlight=False,
        )
        dropped = {k.removeprefix("absurd_"): v for k, v in nr.items()
                   if k.startswith("absurd_") and v}
        if dropped:
            console.print("  dropped as impossible (not stored): " + ", ".join(
                f"{v} {k.replace('_', ' ')}" for k, v in sorted(dropped.items())),
                highlight=False)
    console.print(
        f"  store: {t.get('documents', 0)} documents, {t.get('sentences', 0)} sentences, "
        f"{t.get('mentions', 0)} mentions, {t.get('entities', 0)} entities, "
        f"{t.get('events', 0)} events, {t.get('claims', 0)} claims, "
        f"{t.get('contradictions', 0)} contradictions, {t.get('copies', 0)} copies",
        highlight=False, soft_wrap=True,
    )


def build(
    paths: PathsArg,
    db: DbOption = DEFAULT_DB,
    workers: WorkersOption = None,
    actors: ActorsOption = None,
    engine: EngineOption = "local",
    master: MasterOption = None,
    work_dir: WorkDirOption = None,
    quiet: QuietOption = False,
) -> None:
    """Build (or extend) a knowledge base from folders of articles.

    Content already stored is skipped; a build that was interrupted resumes.
    A bad file is reported and skipped; the batch goes on.
    """
    _run("build", paths, db, workers, actors, quiet, engine, master, work_dir)


def add(
    paths: PathsArg,
    db: DbOption = DEFAULT_DB,
    workers: WorkersOption = None,
    actors: ActorsOption = None,
    engine: EngineOption = "local",
    master: MasterOption = None,
    work_dir: WorkDirOption = None,
    quiet: QuietOption = False,
) -> None:
    """Add articles to a knowledge base; adding the same content twice is a no-op."""
    _run("add", paths, db, workers, actors, quiet, engine, master, work_dir)


_DOC_COLUMNS = ("id", "title", "author", "outlet", "published", "words", "copy of")


def docs(
    db: DbOption = DEFAULT_DB,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """List documents with their metadata."""
    with open_kb(db, read_only=True) as kb:
        rows = kb.store.list_documents()
    if as_json:
        console.print_json(json.dumps(rows, default=str))
        return
    table = Table(title=f"{len(rows)} documents", show_lines=False)
    # One line per document: long titles and names are cut with an ellipsis to fit
    # the terminal (`accord show ID` and `accord docs --json` give them in full).
    ids = {r["id"] for r in rows}
    narrow = console.width < 120
    if narrow:
        table.box = box.SIMPLE_HEAD
        table.show_edge = False
        table.pad_edge = False
    id_len = 8 if narrow else 10
    cells = []
    for r in rows:
        pub = r["published"] or "-"
        if r["published"]:
            basis = r["published_basis"] or ""
            pub += f" {basis[:4]}" if narrow else f" ({basis})"
        copy = ""
        if r["copy_of"]:
            copy = r["copy_of"][:id_len] + ("" if r["copy_of"] in ids else "?")
            if r["copied_fraction"] is not None:
                copy += f" {r['copied_fraction']:.0%}"
        cells.append([r["id"][:id_len], r["title"] or f"({Path(r['source']).name})",
                      r["author"] or "", r["outlet"] or "", pub, str(r["words"]), copy])
    fixed = {0, 4, 5, 6}
    widths = [max([len(h)] + [len(c[i]) for c in cells]) for i, h in enumerate(_DOC_COLUMNS)]
    chrome = 2 * len(widths) + 4 if narrow else 3 * len(widths) + 2  # padding, rules
    room = console.width - chrome - sum(widths[i] for i in fixed)
    flexible = [widths[1], widths[2], widths[3]]
    if sum(flexible) > room:  # share the room: title first, names after
        title_w = max(16, min(widths[1], room - min(widths[2], 12) - min(widths[3], 10)))
        rest = max(room - title_w, 12)
        widths[1] = title_w
        widths[2] = max(6, min(widths[2], rest // 2))
        widths[3] = max(6, min(widths[3], rest - widths[2]))
    for i, h in enumerate(_DOC_COLUMNS):
        table.add_column(h, no_wrap=True, overflow="ellipsis", width=widths[i],
                         justify="right" if h == "words" else "left")
    for c in cells:
        table.add_row(*(escape(x) for x in c))
    console.print(table)


def show(
    doc: Annotated[str, typer.Argument(help="Document id (a unique prefix is enough).")],
    db: DbOption = DEFAULT_DB,
    original: Annotated[bool, typer.Option(
        "--original", help="Print the original text as read, not the cleaned text.")] = False,
) -> None:
    """Print one document's metadata and its cleaned (or original) text."""
    with open_kb(db, read_only=True) as kb:
        d = kb.store.load_document(kb.store.resolve_document_id(doc))
    header = Table.grid(padding=(0, 2))
    for k, v in (("id", d.id), ("source", d.source), ("format", d.format), ("title", d.title),
                 ("author", d.author), ("outlet", d.outlet),
                 ("published", f"{d.published} ({d.published_basis})" if d.published else None),
                 ("words", str(d.words))):
        if v:
            header.add_row(f"[bold]{k}[/bold]", escape(v))
    if console.is_terminal:
        console.print(header)
        console.rule()
    console.print(d.original if original else d.clean, markup=False, highlight=False,
                  soft_wrap=True)


def stats(db: DbOption = DEFAULT_DB,
          as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False) -> None:
    """Counts of documents, records and knowledge in the store, and recent builds."""
    with open_kb(db, read_only=True) as kb:
        s = kb.stats()
    if as_json:
        console.print_json(json.dumps(s, default=str))
        return
    table = Table(title=s["store"], show_header=False)
    table.add_column("what")
    table.add_column("count", justify="right")
    for k, v in s["counts"].items():
        table.add_row(k.replace("_", " "), str(v))
    console.print(table)
    if s["runs"]:
        runs = Table(title="recent runs")
        for col in ("id", "started", "finished", "status", "extractor", "command"):
            runs.add_column(col)
        for r in s["runs"]:
            runs.add_row(str(r["id"]), r["started_at"], r["finished_at"] or "", r["status"],
                         r["extractor_version"] or "", (r["command"] or "")[:60])
        console.print(runs)


def register(app: typer.Typer) -> None:
    epilog = EXIT_CODES
    for fn in (build, add, docs, show, stats):
        app.command(epilog=epilog)(fn)


#: The names other modules use; everything else here is internal.
__all__ = [
    "PathsArg",
    "WorkersOption",
    "ActorsOption",
    "EngineOption",
    "MasterOption",
    "WorkDirOption",
    "shown",
    "build",
    "add",
    "docs",
    "show",
    "stats",
    "register",
]
