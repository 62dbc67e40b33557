"""The printed report of ``accord eval`` and its pass/fail thresholds.

Formatting lives here, not in the CLI, so the Python API and the command print
the same thing.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from rich.console import Group
from rich.table import Table
from rich.text import Text

#: Thresholds a run can be held to: option name -> (figure path, label).
THRESHOLDS: dict[str, tuple[tuple[str, ...], str]] = {
    "main_type": (("overall", "main_type"), "sentences with the right main type"),
    "any_event": (("overall", "any_event"), "sentences with any event"),
    "precision": (("overall", "event_precision"), "emitted events with the right type"),
    "recall": (("overall", "event_recall"), "gold events found"),
    "type_recall": (("overall", "worst_type_recall"), "worst per-type recall"),
    "source": (("overall", "source"), "right source actor"),
    "target": (("overall", "target"), "right target actor"),
    "modality": (("overall", "modality"), "right modality"),
    "date": (("overall", "date"), "right date at the right granularity"),
    "claim_precision": (("claims", "precision"), "claim precision"),
    "claim_recall": (("claims", "recall"), "claim recall"),
}


def figure(result: dict[str, Any], name: str) -> float | None:
    node: Any = result
    for part in THRESHOLDS[name][0]:
        node = node.get(part) if isinstance(node, dict) else None
    return node


def failures(result: dict[str, Any], minimums: dict[str, float]) -> list[str]:
    """One line per threshold not met; a figure with nothing to measure fails too."""
    out = []
    for name, minimum in minimums.items():
        value = figure(result, name)
        label = THRESHOLDS[name][1]
        if value is None:
            out.append(f"{label}: nothing to measure (minimum {minimum:.2f})")
        elif value < minimum:
            out.append(f"{label}: {value:.3f} < {minimum:.2f}")
    return out


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.1f}%"


def _delta(now: float | None, before: float | None) -> str:
    if now is None or before is None:
        return ""
    d = 100 * (now - before)
    return "=" if abs(d) < 0.05 else f"{d:+.1f}"


def load_previous(path: str | Path) -> dict[str, Any]:
    """A saved ``accord eval --json`` result to compare with (``--compare``)."""
    from ..errors import ConfigError

    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: no such file to compare with") from None
    except (OSError, ValueError) as exc:
        raise ConfigError(f"{path}: not a saved accord eval --json result ({exc})") from None
    if not isinstance(data, dict) or not {"overall", "types"} <= set(data):
        raise ConfigError(f"{path}: not a saved accord eval --json result")
    return data


def compare(res: dict[str, Any], before: dict[str, Any]) -> dict[str, Any]:
    """Changes from ``before`` to ``res`` in points (0-1 scale), for ``--json``."""
    def diff(a: Any, b: Any) -> float | None:
        ok = isinstance(a, (int, float)) and isinstance(b, (int, float))
        return round(a - b, 4) if ok else None

    keys = [k for k, v in res["overall"].items() if isinstance(v, (int, float))]
    return {
        "overall": {k: diff(res["overall"][k], before["overall"].get(k)) for k in keys},
        "types": {t: {m: diff(f[m], before["types"].get(t, {}).get(m))
                      for m in ("precision", "recall", "f1")}
                  for t, f in res["types"].items()},
        "claims": {m: diff(res["claims"][m], before.get("claims", {}).get(m))
                   for m in ("precision", "recall")},
    }


def _overall(res: dict[str, Any], before: dict[str, Any] | None = None) -> Table:
    o, c = res["overall"], res["overall"]["counts"]
    t = Table(title="Overall", title_justify="left", show_header=before is not None,
              box=None)
    t.add_column("figure")
    t.add_column("now" if before else "value", justify="right")
    if before:
        t.add_column("before", justify="right")
        t.add_column("change", justify="right")
    t.add_column("of", style="dim")
    b = (before or {}).get("overall", {})
    bc = (before or {}).get("claims", {})

    def row(label: str, value: float | None, old: float | None, of: str) -> None:
        cells = [label, _pct(value)]
        if before:
            cells += [_pct(old), _delta(value, old)]
        t.add_row(*cells, of)

    rows = [
        ("sentences with the right main type", o["main_type"], f"{c['with_event']} with an event"),
        ("sentences with any event", o["any_event"], f"{c['with_event']} with an event"),
        ("no event emitted where gold has none", o["quiet_on_no_event"],
         f"{c['no_event']} without"),
        ("emitted events with the right type (precision)", o["event_precision"],
         f"{c['emitted']} emitted"),
        ("gold events found (recall)", o["event_recall"], f"{c['gold_events']} gold"),
        ("event F1", o["event_f1"], ""),
        ("worst per-type recall", o["worst_type_recall"], ""),
        ("right source actor", o["source"], f"{c['gold_events']} gold events"),
        ("right target actor", o["target"], f"{c['with_target']} with a target"),
        ("right modality", o["modality"], f"{c['matched']} matched"),
        ("right date at the right granularity", o["date"],
         f"{c['dated']} matched of {c['dated_gold']} dated in gold"),
    ]
    keys = ["main_type", "any_event", "quiet_on_no_event", "event_precision", "event_recall",
            "event_f1", "worst_type_recall", "source", "target", "modality", "date"]
    for (label, value, of), key in zip(rows, keys, strict=True):
        row(label, value, b.get(key), of)
    cl = res["claims"]
    if cl["gold"] or cl["emitted"]:
        row("claim precision", cl["precision"], bc.get("precision"), f"{cl['emitted']} emitted")
        row("claim recall", cl["recall"], bc.get("recall"), f"{cl['gold']} gold")
    return t


def _types(res: dict[str, Any], before: dict[str, Any] | None = None) -> Table:
    t = Table(title="Per type", title_justify="left")
    cols = ["type", "gold", "emitted", "matched", "precision", "recall", "F1"]
    if before:
        cols += ["P change", "R change"]
    for col in cols:
        t.add_column(col, justify="left" if col == "type" else "right")
    for name, f in res["types"].items():
        cells = [name, str(f["gold"]), str(f["emitted"]), str(f["matched"]),
                 _pct(f["precision"]), _pct(f["recall"]), _pct(f["f1"])]
        if before:
            old = before["types"].get(name, {})
            cells += [_delta(f["precision"], old.get("precision")),
                      _delta(f["recall"], old.get("recall"))]
        t.add_row(*cells)
    return t


def _confusion_table(title: str, rows: list[dict[str, Any]]) -> Table:
    """gold -> emitted pairs with their counts (types, or modalities of matched events)."""
    t = Table(title=title, title_justify="left")
    t.add_column("gold")
    t.add_column("emitted")
    t.add_column("count", justify="right")
    for c in rows:
        t.add_row(c["gold"], c["emitted"], str(c["count"]))
    return t


def _confusions(res: dict[str, Any]) -> Table:
    return _confusion_table("Top confusions (gold -> emitted; NONE = nothing)", res["confusions"])


def _modality_confusions(res: dict[str, Any]) -> Table:
    return _confusion_table("Modality confusions (matched events)", res["modality_confusions"])


def _tags(res: dict[str, Any]) -> Table:
    t = Table(title="Per tag", title_justify="left")
    for col in ("tag", "sent.", "main type", "any event", "quiet", "P", "R", "source",
                "target", "modality", "date"):
        t.add_column(col, justify="left" if col == "tag" else "right")
    for tag, f in res["tags"].items():
        t.add_row(tag, str(f["sentences"]), _pct(f["main_type"]), _pct(f["any_event"]),
                  _pct(f["quiet_on_no_event"]), _pct(f["event_precision"]),
                  _pct(f["event_recall"]), _pct(f["source"]), _pct(f["target"]),
                  _pct(f["modality"]), _pct(f["date"]))
    return t


def _event_line(ev: dict[str, Any], trigger: bool) -> str:
    head = f"{ev['type']}({ev['trigger']})" if trigger else ev["type"]
    date = ev.get("date")
    when = f" @{date['value'] or '-'}/{date['granularity']}" if date else ""
    return (f"{head} {','.join(ev['source']) or '-'}->{','.join(ev['target']) or '-'} "
            f"{ev['modality']}{when}")


def _claim_line(claims: list[dict[str, Any]]) -> str:
    return "; ".join(f"{c['value']:g} {c['unit']} ({c['text']})" for c in claims) or "none"


def _errors(res: dict[str, Any]) -> Group:
    parts: list[Any] = [Text("Sentences with problems", style="bold")]
    for e in res["errors"]:
        gold = "; ".join(_event_line(g, False) for g in e["gold"])
        emitted = "; ".join(_event_line(p, True) for p in e["emitted"])
        parts.append(Text(f"{e['id']} [{', '.join(e['problems'])}] {e['text']}"))
        parts.append(Text(f"    gold:    {gold or 'no event'}", style="green"))
        parts.append(Text(f"    emitted: {emitted or 'no event'}", style="red"))
        if "claims" in e["problems"]:
            parts.append(Text(f"    gold claims:    {_claim_line(e['gold_claims'])}",
                              style="green"))
            parts.append(Text(f"    emitted claims: {_claim_line(e['emitted_claims'])}",
                              style="red"))
    return Group(*parts)


def render(res: dict[str, Any], *, tags: bool = True,
           before: dict[str, Any] | None = None) -> list[Any]:
    """Renderables for a rich console, in reading order; ``before`` (a saved
    ``--json`` result) adds its figures and the change to the overall and type tables."""
    out: list[Any] = [_overall(res, before), _types(res, before), _confusions(res)]
    if res["modality_confusions"]:
        out.append(_modality_confusions(res))
    if tags and res["tags"]:
        out.append(_tags(res))
    if res["missing_sentences"]:
        out.append(Text(f"{len(res['missing_sentences'])} gold sentences not found in the "
                        f"store (scored as missed): {', '.join(res['missing_sentences'][:10])}"))
    if res["errors"]:
        out.append(_errors(res))
    return out
