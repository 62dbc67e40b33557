"""The local build engine on real files: storing, idempotency, bad input, resume."""

from __future__ import annotations

from pathlib import Path

import pytest

import accord
from accord.extract import EXTRACTOR_VERSION
from accord.store import schema as S

from .corpus import article, write_corpus
from .snapshot import snapshot


@pytest.fixture
def kb(tmp_path: Path):  # type: ignore[no-untyped-def]
    kb = accord.open(tmp_path / "accord.db")
    yield kb
    kb.close()


def test_build_stores_extracts_reconciles_and_records_the_run(kb, tmp_path):
    write_corpus(tmp_path / "in", 6)
    report = kb.build([tmp_path / "in"], workers=1)
    assert report.status == "ok" and report.exit_code == 0
    assert len(report.added) == 6 and not report.failed and not report.skipped
    docs = kb.store.list_documents()
    assert len(docs) == 6
    assert {d["extractor_version"] for d in docs} == {EXTRACTOR_VERSION}
    assert all(d["title"] for d in docs)
    snap = snapshot(kb.store)
    assert snap["unreconciled"] == 0
    assert len({s[0] for s in snap["sentences"]}) == 6  # every document has sentences
    assert report.totals["documents"] == 6
    assert report.new_records["sentences"] == report.totals["sentences"] > 6
    run = kb.store.runs()[0]
    assert run["status"] == "ok" and run["extractor_version"] == EXTRACTOR_VERSION
    assert run["stats"]["added"] == 6 and run["finished_at"]


def test_same_content_twice_is_a_noop_and_says_so(kb, tmp_path):
    paths = write_corpus(tmp_path / "in", 3)
    kb.build([tmp_path / "in"], workers=1)
    before = snapshot(kb.store)
    again = kb.build([tmp_path / "in"], workers=1)
    assert [o.status for o in again.outcomes] == ["exists"] * 3
    assert {o.reason for o in again.outcomes} == {"already stored"}
    assert again.exit_code == 0
    # the same bytes under another name and folder are the same document
    other = tmp_path / "elsewhere" / "renamed.txt"
    other.parent.mkdir()
    other.write_bytes(paths[0].read_bytes())
    r = kb.add([other])
    assert [(o.status, o.reason) for o in r.outcomes] == [("exists", "already stored")]
    assert r.outcomes[0].document_id in {d[0] for d in before["documents"]}
    assert snapshot(kb.store) == before


def test_duplicate_content_within_one_batch_is_stored_once(kb, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "one.txt").write_text(article(1))
    (folder / "two.txt").write_text(article(1))
    r = kb.build([folder], workers=1)
    assert sorted(o.status for o in r.outcomes) == ["added", "exists"]
    assert kb.store.counts()["documents"] == 1


def test_bad_inputs_are_reported_and_skipped(kb, tmp_path):
    folder = tmp_path / "in"
    good = write_corpus(folder, 2)
    (folder / "empty.txt").write_text("")
    (folder / "blank.md").write_text("\n   \n\t\n")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (folder / "cut.html").write_text("<html><head><title>Arms talks</title></head><body><di")
    (folder / "fake.pdf").write_text("This is not really a PDF.")
    fpdf = pytest.importorskip("fpdf")
    blank = fpdf.FPDF()
    blank.add_page()
    blank.output(str(folder / "scan.pdf"))  # a page with no text layer
    unknown = tmp_path / "notes.xyz"
    unknown.write_text("Poland and South Korea held talks.")
    missing = tmp_path / "missing.txt"
    r = kb.add([folder, unknown, missing], workers=1)
    failed = {Path(o.source).name: o.reason for o in r.failed}
    assert set(failed) == {"empty.txt", "blank.md", "binary.txt", "notes.xyz", "missing.txt",
                           "cut.html", "fake.pdf", "scan.pdf"}
    for o in r.failed:
        assert o.reason and "\n" not in o.reason
    assert len(r.added) == len(good)
    assert r.exit_code == 1
    assert kb.store.counts()["documents"] == 2
    assert kb.store.runs()[0]["stats"]["failed"] == len(r.failed)


def test_only_bad_input_exits_3(kb, tmp_path):
    (tmp_path / "empty.txt").write_text("")
    r = kb.add([tmp_path / "empty.txt"], workers=1)
    assert r.exit_code == 3 and r.status == "ok"


def test_file_vanishing_mid_build_is_reported_and_the_rest_stored(kb, tmp_path):
    paths = write_corpus(tmp_path / "in", 10)
    victim = paths[-1]

    def progress(stage, done, total, item):  # type: ignore[no-untyped-def]
        if stage == "extract" and done == 1 and victim.exists():
            victim.unlink()  # discovered, but gone before its chunk is read

    r = kb.build([tmp_path / "in"], workers=1, progress=progress)
    assert [Path(o.source).name for o in r.failed] == [victim.name]
    assert "a009.txt" in r.failed[0].source and r.failed[0].reason
    assert len(r.added) == 9 and kb.store.counts()["documents"] == 9


def test_documents_of_an_older_extractor_are_reextracted(kb, tmp_path):
    write_corpus(tmp_path / "in", 3)
    kb.build([tmp_path / "in"], workers=1)
    before = snapshot(kb.store)
    with kb.store.begin() as conn:  # as if built by an older accord
        conn.execute(S.documents.update().values(extractor_version="0.0.1"))
    r = kb.build([tmp_path / "in"], workers=1)
    assert sorted(o.status for o in r.outcomes) == ["exists"] * 3 + ["extracted"] * 3
    assert snapshot(kb.store) == before


def test_stored_but_unextracted_documents_resume(kb, tmp_path):
    """A document whose extraction never landed (e.g. a killed writer) is extracted next time."""
    from accord.ingest import read_document

    paths = write_corpus(tmp_path / "in", 2)
    for p in paths:
        kb.store.put_document(read_document(p))
    assert len(kb.store.pending_documents(EXTRACTOR_VERSION)) == 2
    r = kb.build([tmp_path / "in"], workers=1)
    assert len(r.extracted) == 2 and len(r.skipped) == 2
    assert kb.store.pending_documents(EXTRACTOR_VERSION) == []
    clean = accord.open(tmp_path / "clean.db")
    clean.build([tmp_path / "in"], workers=1)
    assert snapshot(kb.store) == snapshot(clean.store)
    clean.close()


def test_unreconciled_documents_are_reconciled_by_the_next_build(kb, tmp_path):
    write_corpus(tmp_path / "in", 3)
    kb.build([tmp_path / "in"], workers=1)
    before = snapshot(kb.store)
    with kb.store.begin() as conn:  # as if killed between storing and reconciling
        conn.execute(S.documents.update().values(reconciled_at=None))
    assert snapshot(kb.store)["unreconciled"] == 3
    r = kb.build([tmp_path / "in"], workers=1)
    assert r.status == "ok" and not r.added
    assert snapshot(kb.store) == before


@pytest.mark.slow
def test_process_pool_gives_the_same_knowledge_base(tmp_path, store_url):
    write_corpus(tmp_path / "in", 12)
    with accord.open(tmp_path / "one.db") as one, accord.open(store_url) as two:
        r1 = one.build([tmp_path / "in"], workers=1)
        r2 = two.build([tmp_path / "in"], workers=2)
        assert r2.workers == 2
        assert len(r1.added) == len(r2.added) == 12
        assert snapshot(one.store) == snapshot(two.store)
        again = two.build([tmp_path / "in"], workers=2)  # workers see what is stored
        assert [o.status for o in again.outcomes] == ["exists"] * 12


def test_missing_actors_file_is_a_config_error(kb, tmp_path):
    from accord.errors import ConfigError

    with pytest.raises(ConfigError, match="actors file not found"):
        kb.build([tmp_path], actors_files=[tmp_path / "nope.yaml"])


def test_broken_actors_file_stops_the_build_with_its_line(kb, tmp_path, monkeypatch):
    from accord.errors import ConfigError

    monkeypatch.setenv("ACCORD_ACTORS", "")  # restored (unset) after the test
    write_corpus(tmp_path / "in", 2)
    bad = tmp_path / "actors.yaml"
    bad.write_text("people:\n  - name: Jan Nowak\n    favourite_colour: blue\n")
    with pytest.raises(ConfigError, match="actors.yaml"):
        kb.build([tmp_path / "in"], workers=1, actors_files=[bad])
    assert kb.store.counts()["documents"] == 0
    assert kb.store.runs()[0]["status"] == "failed"
    from accord.extract.pipeline import get_nlp

    get_nlp.cache_clear()
