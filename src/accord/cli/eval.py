"""``accord eval``: score accord against a development gold file (see docs/eval.md)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from .common import console, err_console


def _min(name: str, label: str):  # type: ignore[no-untyped-def]
    return Annotated[float | None, typer.Option(
        f"--min-{name.replace('_', '-')}", min=0.0, max=1.0, show_default=False,
        help=f"Exit 1 unless {label} is at least this (0-1).")]


def eval_cmd(
    gold: Annotated[Path, typer.Argument(help="Gold file (JSON Lines).", show_default=False)],
    db: Annotated[str | None, typer.Option(
        "--db", help="Score the events of this existing store (documents matched by sentence "
                     "text) instead of running extraction on each gold sentence.",
        show_default=False)] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
    coref: Annotated[bool, typer.Option(
        "--coref", help="GOLD is an event-coreference gold (JSON, see docs/eval.md): report "
                        "MUC, B-cubed and CEAF-e F1 and each gold event's record and "
                        "independent sources, on --db or a fresh build of the gold's corpus.")
    ] = False,
    min_bcubed: _min("bcubed", "B-cubed F1 (with --coref)") = None,
    tag: Annotated[list[str] | None, typer.Option(
        "--tag", help="Only sentences with this tag; repeatable.", show_default=False)] = None,
    errors: Annotated[int, typer.Option(
        "--errors", min=0, help="Also list this many sentences with a problem.")] = 0,
    actors: Annotated[list[Path] | None, typer.Option(
        "--actors", help="YAML file of extra actors for the gazetteer, as for build "
                         "(repeatable).", show_default=False)] = None,
    compare: Annotated[Path | None, typer.Option(
        "--compare", help="A saved --json result of an earlier run: show its figures and "
                          "the change.", show_default=False)] = None,
    min_main_type: _min("main_type", "the share of sentences with the right main type") = None,
    min_any_event: _min("any_event", "the share of sentences with any event") = None,
    min_precision: _min("precision", "the share of emitted events with the right type") = None,
    min_recall: _min("recall", "the share of gold events found") = None,
    min_type_recall: _min("type_recall", "the recall of every type") = None,
    min_source: _min("source", "source actor accuracy") = None,
    min_target: _min("target", "target actor accuracy") = None,
    min_modality: _min("modality", "modality accuracy") = None,
    min_date: _min("date", "date accuracy") = None,
    min_claim_precision: _min("claim_precision", "claim precision") = None,
    min_claim_recall: _min("claim_recall", "claim recall") = None,
) -> None:
    """Score event coding, actors, dates and claims against a gold file.

    Runs accord's extraction on each gold sentence (as a one-sentence document with
    the gold's publication date) and prints per-type precision and recall, actor,
    modality and date accuracy, claim precision and recall, the top confusions and
    per-tag figures. Exit 1 when a --min-* threshold is not met.
    """
    from ..eval import evaluate
    from ..eval.report import compare as changes
    from ..eval.report import failures, load_previous, render

    if coref:
        _coref(gold, db, as_json, min_bcubed)
        return
    minimums = {k: v for k, v in {
        "main_type": min_main_type, "any_event": min_any_event, "precision": min_precision,
        "recall": min_recall, "type_recall": min_type_recall, "source": min_source,
        "target": min_target, "modality": min_modality, "date": min_date,
        "claim_precision": min_claim_precision, "claim_recall": min_claim_recall,
    }.items() if v is not None}
    before = load_previous(compare) if compare else None
    result = evaluate(gold, db=db, keep_errors=errors, tags=tag, actors_files=actors)
    failed = failures(result, minimums)
    if as_json:
        result["thresholds"] = {"minimums": minimums, "failed": failed}
        if before:
            result["compared_with"] = {"file": str(compare), **changes(result, before)}
        typer.echo(json.dumps(result, indent=2, ensure_ascii=False))
    else:
        console.print(f"[bold]{escape(str(gold))}[/bold]: {result['gold']['sentences']} "
                      f"sentences ({'store ' + escape(db) if db else 'fresh extraction'})")
        # piped output (CI logs, files) gets room for the per-tag table
        out = console if console.is_terminal else Console(width=max(console.width, 140))
        for part in render(result, before=before):
            out.print(part)
            out.print()
    for line in failed:
        err_console.print(f"[red]below threshold:[/red] {escape(line)}", highlight=False)
    if failed:
        raise typer.Exit(1)


def _coref(gold: Path, db: str | None, as_json: bool, min_bcubed: float | None) -> None:
    """``accord eval --coref GOLD``: the read side is :mod:`accord.eval.coref`."""
    from ..eval.coref import evaluate_coref, render

    result = evaluate_coref(gold, db=db)
    f1 = result["b_cubed"]["f1"]
    failed = [f"B-cubed F1 {f1:.3f} < {min_bcubed}"] if min_bcubed is not None and \
        f1 < min_bcubed else []
    if as_json:
        typer.echo(json.dumps(result | {"failed": failed}, indent=2, ensure_ascii=False))
    else:
        console.print(f"[bold]{escape(str(gold))}[/bold]: {result['gold']['events']} gold events, "
                      f"{result['gold']['mentions']} mentions ({escape(result['store'])})")
        for part in render(result):
            console.print(part)
    for line in failed:
        err_console.print(f"[red]below threshold:[/red] {escape(line)}", highlight=False)
    if failed:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command("eval")(eval_cmd)
