"""``accord judge events merge|split|list|delete``: an analyst's correction of event coreference.

Thin shell over the :class:`~accord.api.KnowledgeBase`'s event judgements (recorded by
:mod:`accord.reconcile.eventjudge`); after a judgement the store is reconciled again so
every view agrees. Registered by :mod:`accord.cli.events`.
"""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.markup import escape

from .common import DEFAULT_DB, DbOption, console, err_console, open_kb

judge_app = typer.Typer(help="Record an analyst's decision that survives rebuilds.",
                        no_args_is_help=True)
events_app = typer.Typer(help="Merge two events, or split mentions off one (kept across "
                              "rebuilds; `accord events --explain ID` shows them).",
                         no_args_is_help=True)
judge_app.add_typer(events_app, name="events")


def _report(out: dict[str, Any]) -> None:
    """Warn about the judgements a write left unapplied (as :meth:`KnowledgeBase.split_event`
    and friends report them)."""
    for p in sorted(set(out["problems"])):
        err_console.print(f"[yellow]contradictory judgements (neither applied):[/yellow] "
                          f"{escape(p)}")
    for s in out["skipped"]:
        if not s.endswith("contradicts another judgement"):
            err_console.print(f"[yellow]judgement not applied:[/yellow] {escape(s)}")


@events_app.command("merge")
def merge_cmd(
    a: Annotated[str, typer.Argument(help="An event id (or unique prefix).")],
    b: Annotated[str, typer.Argument(help="The event that is the same real event.")],
    db: DbOption = DEFAULT_DB,
) -> None:
    """Record that events A and B are one real event, and re-reconcile."""
    with open_kb(db) as kb:
        out = kb.merge_events(a, b)
    _report(out)
    j = out["judgement"]
    console.print(f"judgement #{j['id']}: {len(j['a']) + len(j['b'])} mentions of "
                  f"{' and '.join(out['judged'])} are one event")


@events_app.command("split")
def split_cmd(
    event: Annotated[str, typer.Argument(help="The event id (or unique prefix).")],
    documents: Annotated[list[str], typer.Argument(
        help="Documents (id or prefix, title, outlet or file name) whose mentions are "
             "another event.")],
    db: DbOption = DEFAULT_DB,
) -> None:
    """Record that the event's mentions in these documents are another event, and
    re-reconcile."""
    with open_kb(db) as kb:
        out = kb.split_event(event, documents=documents)
    _report(out)
    j = out["judgement"]
    console.print(f"judgement #{j['id']}: {len(j['a'])} mention(s) split off {out['judged'][0]}")


@events_app.command("list")
def list_cmd(db: DbOption = DEFAULT_DB) -> None:
    """List the event judgements, oldest first."""
    with open_kb(db) as kb:
        rows = kb.event_judgements()
    if not rows:
        console.print("No event judgements.")
    for j in rows:
        status = "" if j["status"] == "applied" else f" [yellow]({escape(j['status'])})[/yellow]"
        console.print(f"{escape(j['description'])} [dim]{j['created_at']}[/dim]{status}",
                      highlight=False)


@events_app.command("delete")
def delete_cmd(
    judgement_id: Annotated[int, typer.Argument(help="Id shown by `accord judge events list`.")],
    db: DbOption = DEFAULT_DB,
) -> None:
    """Withdraw one event judgement (e.g. one side of a contradiction) and re-reconcile."""
    with open_kb(db) as kb:
        out = kb.withdraw_event_judgement(judgement_id)
    _report(out)
    console.print(f"withdrew judgement {escape(out['judgement']['description'])}",
                  highlight=False)
