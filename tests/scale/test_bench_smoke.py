"""`accord bench --quick` completes and reports every figure (sizes kept tiny by flags).

A smoke test only: no timing is asserted, only that each figure is measured.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from accord.cli import app


@pytest.mark.slow
@pytest.mark.spark
def test_bench_quick_reports_every_figure(tmp_path: Path) -> None:
    pytest.importorskip("pyspark")
    out = tmp_path / "bench.json"
    result = CliRunner().invoke(app, [
        "bench", "--quick", "--docs", "6", "--throughput-docs", "4", "--store-docs", "40",
        "--events", "3000", "--reps", "3", "--json", str(out), "--work-dir",
        str(tmp_path / "work"),
    ])
    assert result.exit_code == 0, result.output
    r = json.loads(out.read_text())
    assert r["errors"] == {}
    t = r["throughput"]
    assert t["words"] > 100 and t["spacy_words_per_s"] > 0 and t["accord_words_per_s"] > 0
    assert t["ratio"] == pytest.approx(t["accord_words_per_s"] / t["spacy_words_per_s"],
                                       rel=0.01)
    assert {(b["engine"], b["documents"]) for b in r["build"]} == {("local", 6), ("spark", 6)}
    for b in r["build"]:
        assert "error" not in b, b
        assert b["added"] == 6 and b["seconds"] > 0
    # Both engines built the same knowledge base from the same corpus.
    local, spark = sorted(r["build"], key=lambda b: b["engine"])
    assert local["totals"] == spark["totals"]
    inc = r["incremental"]
    assert inc["store_documents"] == 40 and inc["added"] == 1 and inc["warm_add_seconds"] > 0
    assert inc["cli_exit_code"] == 0
    assert inc["pairs_scored"] is not None and inc["pairs_scored"] >= 0
    (q,) = r["queries"]
    assert q["database"] == "sqlite" and q["events"] >= 3000
    assert set(q["latency_ms"]) == {"timeline", "dyad", "search"}
    for lat in q["latency_ms"].values():
        assert 0 < lat["p50"] <= lat["p95"] and lat["n"] == 3
    mem = r["memory"]
    assert mem["spark_worker_peak_mb"] > 50 and mem["bench_process_peak_mb"] > 50
    assert "throughput ratio" in result.output and "build 6 docs, spark" in result.output
