"""The example corpus added file by file (real pipeline) equals the batch build."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from .builder import snapshot

ORDERS = {
    "forward": lambda files: list(files),
    "reverse": lambda files: list(reversed(files)),  # copies arrive before their originals
}


@pytest.mark.slow
@pytest.mark.parametrize("order", sorted(ORDERS))
def test_examples_one_by_one_equal_batch(example_kb: Any, examples_dir: Path, tmp_path: Path,
                                         order: str) -> None:
    import accord

    files = sorted(p for p in examples_dir.iterdir()
                   if p.is_file() and p.suffix in (".txt", ".md", ".html")
                   and p.name != "README.md")
    with accord.open(tmp_path / "inc.db") as kb:
        for f in ORDERS[order](files):
            report = kb.add([f], workers=1)
            assert report.status == "ok", report.to_dict()
        inc = snapshot(kb.store)
    batch = snapshot(example_kb.store)
    for key in ("documents", "events", "event_links", "claims", "claim_links",
                "contradictions", "event_actors", "event_pairs", "pair_links"):
        assert inc[key] == batch[key], key
