"""``accord eval`` end to end on a small gold file: real extraction, one spaCy load."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from accord.extract import extract
from accord.ingest import read_text

LINES = [
    {"id": "e-1", "text": "Police arrested twelve protesters in Jakarta on Monday.",
     "published": "2024-05-14", "events": [{"type": "COERCE", "source": ["IDN"],
                                            "target": ["IDN"]}], "tags": ["agent-noun-actor"]},
    {"id": "e-2", "text": "Chile and Peru signed a fisheries agreement in Lima.",
     "published": "2024-05-14", "events": [{"type": "AGREE", "source": ["CHL", "PER"],
                                            "target": ["CHL", "PER"]}], "tags": ["symmetric"]},
    {"id": "e-3", "text": "The lake is deep and cold.", "published": "2024-05-14", "events": [],
     "tags": ["no-event"]},
]


@pytest.fixture(scope="module")
def gold_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    p = tmp_path_factory.mktemp("eval") / "small.jsonl"
    p.write_text("\n".join(json.dumps(x) for x in LINES) + "\n", encoding="utf-8")
    return p


def test_json_report_counts_what_extraction_emits(run, gold_file: Path) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run("eval", gold_file, "--json")
    assert code == 0, err
    res = json.loads(out)
    assert res["gold"] == {"file": str(gold_file), "sentences": 3, "mode": "extract"}
    emitted: Counter[str] = Counter()
    for line in LINES:
        doc = read_text(line["text"], "t", meta={"published": line["published"]})
        emitted.update(e.type for e in extract(doc).events)
    assert {t: f["emitted"] for t, f in res["types"].items() if f["emitted"]} == dict(emitted)
    assert res["overall"]["counts"]["gold_events"] == 2
    assert res["overall"]["counts"]["emitted"] == sum(emitted.values())
    assert set(res["tags"]) == {"agent-noun-actor", "symmetric", "no-event"}


def test_text_report_and_thresholds(run, gold_file: Path) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run("eval", gold_file, "--tag", "no-event", "--min-recall", "0.5",
                         "--errors", "3")
    # one no-event sentence: no gold event, so recall has nothing to measure -> exit 1
    assert code == 1
    assert "1 sentences" in out and "Per type" in out and "Top confusions" in out
    assert "below threshold: gold events found: nothing to measure" in err


def test_bad_gold_is_one_line_error(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    p = tmp_path / "bad.jsonl"
    p.write_text(json.dumps(LINES[0]) + "\n" + '{"id": "x", "text": "y", "events": [{"type": '
                 '"FIGHT"}]}\n', encoding="utf-8")
    code, out, err = run("eval", p)
    assert code == 2
    assert f"{p}:2: event 1: unknown type 'FIGHT'" in err
    assert "Traceback" not in err


ARTICLE = ("Police arrested twelve protesters in Jakarta on Monday. "
           "Chile and Peru signed a fisheries agreement in Lima.")


def test_store_mode_scores_the_stored_sentences(run, gold_file: Path,  # type: ignore[no-untyped-def]
                                                tmp_path: Path) -> None:
    import accord
    from accord.ingest import read_document

    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "jakarta.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "jakarta.meta.json").write_text('{"published": "2024-05-14"}', encoding="utf-8")
    db = tmp_path / "kb.db"
    with accord.open(db) as kb:
        assert kb.build([folder]).status == "ok"
    code, out, err = run("eval", gold_file, "--db", db, "--json")
    assert code == 0, err
    res = json.loads(out)
    assert res["gold"]["mode"] == "store"
    assert res["missing_sentences"] == ["e-3"]  # the lake sentence is in no stored document
    ex = extract(read_document(folder / "jakarta.txt"))
    emitted = Counter(e.type for e in ex.events)
    assert {t: f["emitted"] for t, f in res["types"].items() if f["emitted"]} == dict(emitted)

    # a gold item the store split into two sentences gets the events of both
    both = tmp_path / "both.jsonl"
    both.write_text(json.dumps({"id": "b", "text": ARTICLE, "published": "2024-05-14",
                                "events": []}) + "\n", encoding="utf-8")
    code, out, err = run("eval", both, "--db", db, "--json")
    res = json.loads(out)
    assert res["missing_sentences"] == [] and res["overall"]["counts"]["emitted"] == len(ex.events)


def test_unreadable_store_is_one_line_error(run, gold_file: Path,  # type: ignore[no-untyped-def]
                                            tmp_path: Path) -> None:
    code, out, err = run("eval", gold_file, "--db", tmp_path / "absent.db")
    assert code == 4 and "Traceback" not in err and err.strip().count("\n") == 0


def test_sentence_that_cleaning_removes_scores_as_no_output() -> None:
    from accord.eval.gold import GoldSentence
    from accord.eval.predict import run_extraction

    gold = [GoldSentence(id="f", text="(photo credit: REUTERS)", published="2024-05-14",
                         events=[]),
            GoldSentence(id="g", text=LINES[0]["text"], published="2024-05-14", events=[])]
    furniture, real = run_extraction(gold)
    assert furniture.events == [] and furniture.claims == []
    expected = extract(read_text(LINES[0]["text"], "t", meta={"published": "2024-05-14"}))
    assert [e.type for e in real.events] == [e.type for e in expected.events]


def test_user_actors_file_changes_the_actor_figures(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    gold = tmp_path / "kestrel.jsonl"
    gold.write_text(json.dumps({
        "id": "k-1", "published": "2024-05-14",
        "text": "The Kestrel Liberation Front attacked a Nigerian army base on Monday.",
        "events": [{"type": "ASSAULT", "source": ["NGA"], "target": ["NGA"]}]}) + "\n",
        encoding="utf-8")
    actors = tmp_path / "actors.yaml"
    actors.write_text("groups:\n  - {name: Kestrel Liberation Front, country: NGA, "
                      "kind: militant}\n", encoding="utf-8")
    code, out, err = run("eval", gold, "--json")
    before = json.loads(out)["overall"]
    code, out, err = run("eval", gold, "--json", "--actors", actors)
    assert code == 0, err
    after = json.loads(out)["overall"]
    assert before["source"] == 0.0 and after["source"] == 1.0
    # the shipped gazetteer is back for the next run in this process
    code, out, err = run("eval", gold, "--json")
    assert json.loads(out)["overall"]["source"] == 0.0
    code, out, err = run("eval", gold, "--actors", tmp_path / "absent.yaml")
    assert code == 2 and "actors file not found" in err


def test_compare_with_a_saved_run(run, gold_file: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run("eval", gold_file, "--json")
    saved = tmp_path / "before.json"
    saved.write_text(out, encoding="utf-8")
    code, out, err = run("eval", gold_file, "--json", "--compare", saved)
    assert code == 0, err
    changes = json.loads(out)["compared_with"]
    assert changes["file"] == str(saved)
    assert all(v in (0.0, None) for v in changes["overall"].values())  # same code, same figures
    code, out, err = run("eval", gold_file, "--compare", saved)
    assert "before" in out and "change" in out
    saved.write_text("[1, 2]", encoding="utf-8")
    code, out, err = run("eval", gold_file, "--compare", saved)
    assert code == 2 and "not a saved accord eval --json result" in err
