"""Scoring accord against development gold: ``accord eval``.

    from accord.eval import evaluate
    result = evaluate("tests/eval/data/coding.jsonl")   # runs extraction on each sentence
    result["overall"]["main_type"], result["types"]["PROTEST"]["recall"]

Modules: :mod:`.gold` reads and checks gold files, :mod:`.predict` gets what
accord emits (fresh extraction or a store), :mod:`.codes` puts emitted actors,
units and dates in gold's terms, :mod:`.score` matches and counts, :mod:`.report`
prints. The matching rules are in :mod:`.score` and ``docs/eval.md``.
"""

from __future__ import annotations

from collections.abc import Sequence
from os import PathLike
from pathlib import Path
from typing import Any

from .gold import GoldError, GoldSentence, load_gold
from .predict import Prediction, read_store, run_extraction
from .score import Score, score


def evaluate(gold_path: str | Path, *, db: str | None = None, keep_errors: int = 0,
             tags: list[str] | None = None,
             actors_files: Sequence[str | PathLike[str]] | None = None) -> dict[str, Any]:
    """Every figure for one gold file, as the ``--json`` output of ``accord eval``.

    ``db`` scores the events already in a store instead of running extraction;
    ``tags`` keeps only sentences carrying one of these tags; ``actors_files`` are
    user gazetteer files (as ``accord build --actors``), so a user sees what an
    extension of the dictionaries changes.
    """
    gold = load_gold(gold_path)
    if tags:
        gold = [g for g in gold if set(g.tags) & set(tags)]
        if not gold:
            raise GoldError(f"{gold_path}: no gold sentence has tag {', '.join(tags)}")
    if db:
        if actors_files:
            raise GoldError("--actors applies to fresh extraction, not to a stored --db")
        preds = read_store(gold, db)
    else:
        preds = _extract_with(gold, actors_files)
    result = score(gold, preds, keep_errors=keep_errors).to_dict()
    result["gold"] = {"file": str(gold_path), "sentences": len(gold),
                      "mode": "store" if db else "extract"}
    return result


def _extract_with(gold: list[GoldSentence],
                  actors_files: Sequence[str | PathLike[str]] | None) -> list[Prediction]:
    """Run extraction with extra actor files active, then restore the settings before."""
    if not actors_files:
        return run_extraction(gold)
    from ..engine.local import configure_extractor
    from ..settings import current

    previous = current()
    try:
        configure_extractor(actors_files)
        return run_extraction(gold)
    finally:
        configure_extractor(None, previous)


__all__ = ["GoldError", "GoldSentence", "Prediction", "Score", "evaluate", "load_gold",
           "read_store", "run_extraction", "score"]
