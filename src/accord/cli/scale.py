"""``accord bench``: measure throughput, build time, incremental add, query latency, memory.

The Spark engine itself is reached through ``accord build --engine spark
--master URL`` (see ``accord.engine.spark.build``); this module adds the
benchmark command only.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from .common import console, err_console

SECTIONS = ("throughput", "build", "incremental", "queries")


def bench(
    quick: Annotated[bool, typer.Option(
        "--quick", help="Small sizes that finish in a few minutes (100-document build, "
        "2,000-document store, 50,000 events).")] = False,
    docs: Annotated[list[int] | None, typer.Option(
        "--docs", min=1, help="Build-benchmark corpus size (repeatable; default 1000 and "
        "10000).")] = None,
    events: Annotated[int | None, typer.Option(
        "--events", min=100, help="Synthetic events in the query-latency store "
        "(default 1,000,000).")] = None,
    store_docs: Annotated[int | None, typer.Option(
        "--store-docs", min=1, help="Documents in the store that `add` goes into "
        "(default 10,000).")] = None,
    throughput_docs: Annotated[int | None, typer.Option(
        "--throughput-docs", min=1, help="Articles for the throughput comparison.")] = None,
    reps: Annotated[int | None, typer.Option(
        "--reps", min=1, help="Repetitions of each query for the latency percentiles.")] = None,
    engine: Annotated[list[str] | None, typer.Option(
        "--engine", help="Build engines to time: local, spark (repeatable; default both).")
    ] = None,
    master: Annotated[str, typer.Option(
        "--master", help="Spark master URL for the Spark build.")] = "local[2]",
    db_url: Annotated[str | None, typer.Option(
        "--db-url", help="Also measure query latency on this PostgreSQL database "
        "(postgresql://...); it must be empty or a previous bench database.")] = None,
    section: Annotated[list[str] | None, typer.Option(
        "--section", help=f"Run only these sections: {', '.join(SECTIONS)} (repeatable).")
    ] = None,
    json_path: Annotated[Path, typer.Option(
        "--json", help="Where to write the results as JSON.")] = Path("accord-bench.json"),
    work_dir: Annotated[Path | None, typer.Option(
        "--work-dir", help="Folder for corpora and stores (default: a temporary folder).")
    ] = None,
    keep: Annotated[bool, typer.Option("--keep", help="Keep the work folder.")] = False,
    seed: Annotated[int, typer.Option("--seed", help="Synthetic corpus seed.")] = 0,
    add_timeout: Annotated[float | None, typer.Option(
        "--add-timeout", min=1, help="Seconds before the incremental `add` is stopped and "
        "reported as failed (default 1800; 300 with --quick).")] = None,
    no_sqlite: Annotated[bool, typer.Option(
        "--no-sqlite", help="Measure query latency on the --db-url database only.")] = False,
    no_cli_add: Annotated[bool, typer.Option(
        "--no-cli-add", help="Skip timing `accord add` as a new process.")] = False,
) -> None:
    """Benchmark accord on synthetic corpora: prints a table and writes JSON.

    Figures: extraction words/s and the ratio to bare spaCy on the same texts;
    build time per corpus size with the local and the Spark engine; `add` of
    one article into a big store; p50/p95 latency of timeline, dyad and search
    on a store of synthetic events (SQLite, and PostgreSQL with --db-url); peak
    memory per worker. Big stores are bulk-loaded with synthetic records, not
    built with spaCy.
    """
    from ..bench.runner import BenchConfig, run

    cfg = BenchConfig.quick() if quick else BenchConfig()
    if docs:
        cfg.build_docs = list(docs)
    if events is not None:
        cfg.events = events
    if store_docs is not None:
        cfg.store_docs = store_docs
    if throughput_docs is not None:
        cfg.throughput_docs = throughput_docs
    if reps is not None:
        cfg.query_reps = reps
    if engine:
        bad = [e for e in engine if e not in ("local", "spark")]
        if bad:
            raise typer.BadParameter(f"unknown engine {bad[0]!r} (local, spark)",
                                     param_hint="--engine")
        cfg.engines = list(engine)
    sections = tuple(section or SECTIONS)
    bad = [s for s in sections if s not in SECTIONS]
    if bad:
        raise typer.BadParameter(f"unknown section {bad[0]!r} ({', '.join(SECTIONS)})",
                                 param_hint="--section")
    cfg.master, cfg.db_url, cfg.seed, cfg.keep = master, db_url, seed, keep
    cfg.cli_add = not no_cli_add
    if no_sqlite:
        if not db_url:
            raise typer.BadParameter("--no-sqlite needs --db-url", param_hint="--no-sqlite")
        cfg.query_sqlite = False
    if add_timeout is not None:
        cfg.add_timeout = add_timeout
    if work_dir is not None:
        cfg.work_dir = str(work_dir)

    def save(results: dict[str, Any]) -> None:
        json_path.write_text(json.dumps(results, indent=2, default=str), encoding="utf-8")

    with console.status("benchmarking") as status:
        def say(message: str) -> None:
            status.update(message)
            err_console.log(message, highlight=False)

        results = run(cfg, say=say, sections=sections, checkpoint=save)
    save(results)
    console.print(results_table(results))
    for name, err in results["errors"].items():
        err_console.print(f"[red]{name} failed:[/red] {err}", highlight=False)
    console.print(f"results written to {json_path}", highlight=False)
    if results["errors"]:
        raise typer.Exit(1)


def _ok(value: float | None, target: float, higher_is_better: bool) -> str:
    if value is None:
        return ""
    good = value >= target if higher_is_better else value <= target
    return "[green]yes[/green]" if good else "[red]no[/red]"


def results_table(r: dict[str, Any]) -> Table:
    """The results as one Rich table: figure, value, target, met."""
    m = r["machine"]
    table = Table(title=f"accord bench ({m['cores']} cores, {m['memory_gib']} GiB, "
                        f"load {m['load_average'][0]})")
    for col in ("figure", "value", "target", "met"):
        table.add_column(col, justify="left" if col == "figure" else "right")
    t = r.get("throughput")
    if t:
        table.add_row(f"extraction, bare spaCy ({t['words']:,} words)",
                      f"{t['spacy_words_per_s']:,.0f} words/s", "", "")
        table.add_row("extraction, accord pipeline", f"{t['accord_words_per_s']:,.0f} words/s",
                      "", "")
        table.add_row("throughput ratio accord / spaCy", f"{t['ratio']:.2f}",
                      f">= {t['target_ratio']}", _ok(t["ratio"], t["target_ratio"], True))
    for b in r.get("build") or []:
        label = f"build {b['documents']:,} docs, {b['engine']}"
        if b["engine"] == "spark":
            label += f" {b.get('master', '')}"
        if "error" in b:
            table.add_row(label, "[red]failed[/red]", "", "")
        else:
            table.add_row(label, f"{b['seconds']:.1f} s ({b['docs_per_s']:.1f} docs/s)", "", "")
    inc = r.get("incremental")
    if inc:
        warm = inc.get("warm_add_seconds")
        table.add_row(f"add 1 article to {inc['store_documents']:,}-doc store (warm)",
                      f"{warm:.3f} s" if warm is not None else "[red]failed[/red]",
                      f"< {inc['target_seconds']} s",
                      _ok(warm, inc["target_seconds"], False))
        if inc.get("pairs_scored") is not None:
            table.add_row("  event pairs scored by that add (inside touched blocks)",
                          f"{inc['pairs_scored']:,}", "", "")
        if "cli_add_seconds" in inc:
            table.add_row("  same, `accord add` as a new process",
                          f"{inc['cli_add_seconds']:.2f} s", "", "")
    for q in r.get("queries") or []:
        if "error" in q:
            table.add_row(f"queries on {q['database']}", "[red]failed[/red]", "", "")
            continue
        for name, lat in q["latency_ms"].items():
            table.add_row(f"{name}, {q['events']:,} events, {q['database']} (p50 / p95)",
                          f"{lat['p50']:.1f} / {lat['p95']:.1f} ms",
                          f"p95 < {q['target_p95_ms']:.0f}",
                          _ok(lat["p95"], q["target_p95_ms"], False))
    mem = r.get("memory") or {}
    target = mem.get("target_mb")
    for key, label in (("local_worker_peak_mb", "peak RSS, largest local-engine worker"),
                       ("spark_worker_peak_mb", "peak RSS, largest Spark Python worker"),
                       ("spark_jvm_peak_mb", "peak RSS, Spark JVM (driver + local executor)"),
                       ("bench_process_peak_mb", "peak RSS, bench process")):
        if (value := mem.get(key)) is not None:
            met = _ok(value, target, False) if key.endswith("worker_peak_mb") and \
                target is not None else ""
            table.add_row(label, f"{mem[key]:,.0f} MB",
                          f"< {target:,.0f}" if met else "", met)
    table.add_row("total bench time", f"{r['seconds']:.0f} s", "", "")
    return table


def register(app: typer.Typer) -> None:
    app.command("bench")(bench)


#: The names other modules use; everything else here is internal.
__all__ = [
    "SECTIONS",
    "bench",
    "results_table",
    "register",
]
