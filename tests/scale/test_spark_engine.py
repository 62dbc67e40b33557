"""The Spark engine builds the same knowledge base as the local engine.

Runs pyspark on ``local[2]`` (marked ``spark``): one session per module.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from accord.bench.synth import Generator, SynthConfig
from accord.reconcile import lshstore as lsh
from accord.reconcile.settings import load_thresholds
from accord.records import IngestedDocument
from accord.store import Store
from accord.store import schema as S

pytestmark = pytest.mark.spark
pytest.importorskip("pyspark")


@pytest.fixture(scope="module")
def spark():  # type: ignore[no-untyped-def]
    from accord.engine.spark import spark_session

    session = spark_session("local[2]")
    yield session
    session.stop()


def _rows(store: Store, table: Any, cols: list[str], drop_none: bool = False) -> list[tuple]:
    """A table's rows as sorted tuples of the named columns (JSON normalised)."""
    with store.connect() as conn:
        rows = conn.execute(select(*[table.c[c] for c in cols])).all()
    out = []
    for r in rows:
        out.append(tuple(json.dumps(v, sort_keys=True) if isinstance(v, list | dict) else v
                         for v in r))
    return sorted(out, key=repr)


#: Content columns of each table (no autoincrement ids, no timestamps).
COMPARE = {
    "documents": ["id", "source", "format", "title", "author", "outlet", "published",
                  "published_basis", "clean_text", "offset_map", "words", "extractor_version",
                  "copy_of", "copied_fraction", "copy_kind"],
    "sentences": ["document_id", "idx", "start", "end", "text"],
    "mentions": ["document_id", "sentence_idx", "start", "end", "text", "key", "type",
                 "entity_id"],
    "event_mentions": ["document_id", "sentence_idx", "start", "end", "text", "trigger",
                       "type", "source_keys", "target_keys", "date_value", "date_basis",
                       "date_granularity", "quantities", "modality", "attributed_keys",
                       "event_id"],
    "claim_mentions": ["document_id", "start", "end", "subject_key", "property", "value",
                       "unit", "qualifier", "modality", "claim_id"],
    "entities": ["id", "name", "type", "country", "role", "iso3", "wikidata"],
    "events": ["id", "type", "source", "target", "date_value", "date_basis",
               "date_granularity", "location", "quantities", "modality", "attributed_to",
               "independent_sources"],
    "claims": ["id", "subject", "property", "value", "unit", "qualifier", "modality"],
    "contradictions": ["id", "kind", "items", "documents", "explanation"],
    "event_pairs": ["a", "b", "event_id", "date_sort", "type", "modality", "intensity",
                    "independent_sources"],
    "pair_links": ["a", "b", "kind", "value", "event_id"],
}


def test_spark_build_equals_local_build_on_examples(example_build, examples_dir: Path,
                                                    spark, tmp_path: Path) -> None:
    from accord.engine import spark as spark_engine

    local_kb, local_report = example_build
    with Store(tmp_path / "spark.db") as store:
        report = spark_engine.build(store, [examples_dir], spark=spark, work_dir=tmp_path / "w",
                                    keep_work=True)
        assert report.status == "ok"
        assert [o.source for o in report.added] == [o.source for o in local_report.added]
        assert len(report.added) >= 8
        # One pipeline load per partition at most, and the records really went through Parquet.
        assert 1 <= report.pipeline_loads <= report.partitions
        for part in ("documents", "extractions", "bands", "copy_candidates", "event_mentions"):
            assert any((tmp_path / "w" / part).rglob("*.parquet")), part
        assert report.peak_rss_mb and all(v > 50 for v in report.peak_rss_mb.values())
        for name, cols in COMPARE.items():
            table = getattr(S, name)
            assert _rows(store, table, cols) == _rows(local_kb.store, table, cols), name
        # The knowledge base is not empty: the comparison compared something.
        assert _rows(store, S.sentences, ["id"])
        # The reprint of the Seoul visit is a Spark copy candidate of the original, and
        # every event block was clustered on the executors.
        src = {o.source.rsplit("/", 1)[-1]: o.document_id for o in report.added}
        pair = tuple(sorted((src["01-seoul-visit.html"], src["02-seoul-visit-reprint.txt"])))
        assert pair in {(a, b) for a, b, _ in report.copy_candidates}
        with store.connect() as conn:
            blocks = conn.execute(select(S.events.c.block_key).distinct()).all()
        assert report.blocks == len(blocks) > 0
        # The band table the Spark engine filled is the one the store would have made.
        assert _rows(store, lsh.copy_lsh, ["doc_id", "scheme", "band"]) == _rows(
            local_kb.store, lsh.copy_lsh, ["doc_id", "scheme", "band"])


def test_spark_work_dir_given_is_kept_with_its_parquet_records(examples_dir: Path, spark,
                                                                 tmp_path: Path) -> None:
    """On a cluster the work folder is a shared location the user names; it is used as
    given and left in place (the default temporary folder is removed)."""
    from accord.engine import spark as spark_engine

    work = tmp_path / "shared-work"
    with Store(tmp_path / "w.db") as store:
        # (accord.open(...).build(engine="spark", work_dir=...) passes it through; the
        # session is shared here because stopping one stops the module's.)
        report = spark_engine.build(store, [examples_dir / "04-belarus-accuses.txt"],
                                    work_dir=str(work), spark=spark)
    assert report.status == "ok" and len(report.added) == 1
    for part in ("documents", "extractions", "bands"):
        assert list((work / part).glob("*.parquet")), part


def test_spark_build_twice_is_a_no_op(examples_dir: Path, spark, tmp_path: Path) -> None:
    from accord.engine import spark as spark_engine

    with Store(tmp_path / "again.db") as store:
        first = spark_engine.build(store, [examples_dir / "03-embassy-plot.md"], spark=spark)
        assert len(first.added) == 1
        again = spark_engine.build(store, [examples_dir / "03-embassy-plot.md",
                                           tmp_path / "missing.txt"], spark=spark)
        assert not again.added
        assert sorted(o.status for o in again.outcomes) == ["exists", "failed"]
        failed = again.failed[0]
        assert failed.source.endswith("missing.txt") and failed.reason


def test_spark_lsh_candidates_are_the_stores_and_find_every_planted_reprint(
        spark, tmp_path: Path) -> None:
    from accord.engine.spark import DOC_SCHEMA, document_to_row
    from accord.engine.spark_reconcile import candidate_lists, lsh_bands

    gen = Generator(SynthConfig(seed=9, reprint_rate=0.25))
    arts = list(gen.articles(60))
    docs = [IngestedDocument(id=a.id, source=a.name, format="txt", original=a.text,
                             clean=a.text, offset_map=[[0, 0, len(a.text), len(a.text)]],
                             published=a.published) for a in arts]
    cfg = load_thresholds()["copies"]
    limit = int(cfg["max_candidates"])
    # The store's own LSH index over the same documents.
    with Store(tmp_path / "lsh.db") as store:
        for d in docs:
            store.put_document(d)
        with store.begin() as conn:
            index = lsh.LshIndex(conn, cfg)
            index.index_missing()
            expected = {d.id: index.candidates(d.id, limit) for d in docs}
    df = spark.createDataFrame([document_to_row(d, i) for i, d in enumerate(docs)], DOC_SCHEMA)
    bands = lsh_bands(df.select("id", "clean"), cfg).cache()
    got: dict[str, list[str]] = {d.id: [] for d in docs}
    for r in sorted(candidate_lists(bands, [d.id for d in docs], limit).collect(),
                    key=lambda r: (r["a"], r["rank"])):
        got[r["a"]].append(r["b"])
    # Same candidates in the same order: copy detection compares the same pairs.
    assert got == expected
    pairs = {tuple(sorted((a, b))) for a, bs in got.items() for b in bs}
    by_name = {a.name: a.id for a in arts}
    planted = {tuple(sorted((a.id, by_name[a.copy_of]))) for a in arts if a.copy_of}
    assert len(planted) >= 8
    assert planted <= pairs


def test_spark_add_to_a_local_store_equals_the_batch_build(example_build, examples_dir: Path,
                                                          spark, tmp_path: Path) -> None:
    """Copies stored first by the local engine, originals added with Spark.

    The Spark candidates must then pair new documents with stored ones (their
    bands come from the store's table) and re-decide the stored copies.
    """
    import accord
    from accord.engine import spark as spark_engine

    local_kb, _ = example_build
    files = sorted(p for p in examples_dir.iterdir()
                   if p.is_file() and p.suffix in (".txt", ".md", ".html"))
    first = [f for f in files if f.name[:2] in ("02", "06", "07", "10")]
    rest = [f for f in files if f not in first and f.name != "README.md"]
    with accord.open(tmp_path / "mixed.db") as kb:
        built = kb.build(first, workers=1)
        assert built.status == "ok"
        # One stored document lost its LSH rows (an older store): Spark hashes it.
        with kb.store.begin() as conn:
            conn.execute(lsh.copy_lsh.delete().where(
                lsh.copy_lsh.c.doc_id == built.added[0].document_id))
        report = spark_engine.build(kb.store, rest, spark=spark, command="add")
        assert report.status == "ok" and len(report.added) == len(rest)
        new = {o.document_id for o in report.added}
        assert any((a in new) != (b in new) for a, b, _ in report.copy_candidates)
        for name, cols in COMPARE.items():
            table = getattr(S, name)
            assert _rows(kb.store, table, cols) == _rows(local_kb.store, table, cols), name


def test_an_executor_error_is_reported_by_what_failed(spark) -> None:
    from accord.engine.spark import _first_line

    def boom(_: int) -> int:
        raise ValueError("block POL|material_conflict|2024 is broken")

    with pytest.raises(Exception) as info:
        spark.sparkContext.parallelize([1]).map(boom).collect()
    assert _first_line(info.value) == "ValueError: block POL|material_conflict|2024 is broken"
