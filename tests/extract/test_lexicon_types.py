"""One table of PLOVER types: everything that names types derives from it and agrees."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

import accord
from accord.bench import bulk
from accord.extract.events.lexicon import LEXICON_DIR, load_lexicon
from accord.query.cameo import crosswalk
from accord.records import PLOVER_TABLE, PLOVER_TYPES, QUAD_CLASS

DATA = Path(accord.__file__).resolve().parent / "data"
SHARED_SCHEMA = Path(__file__).resolve().parents[3] / "shared" / "schema" / "accord-v1.schema.json"
QUADS = {"verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict"}


def _table() -> dict:
    return yaml.safe_load((LEXICON_DIR / "types.yaml").read_text(encoding="utf-8"))


def test_records_derive_from_the_table() -> None:
    table = _table()
    assert PLOVER_TYPES == tuple(table) and len(PLOVER_TYPES) == 16
    assert QUAD_CLASS == {t: row["quad"] for t, row in table.items()}
    assert set(QUAD_CLASS.values()) == QUADS
    # DESIGN.md's four quad classes
    assert [t for t in PLOVER_TYPES if QUAD_CLASS[t] == "verbal_conflict"] == [
        "REQUEST", "ACCUSE", "REJECT", "THREATEN"]
    for row in table.values():
        assert row["cameo"].isdigit() and len(row["cameo"]) == 2
        assert -10 <= row["intensity"] <= 10 and isinstance(row["symmetric"], bool)


def _schema_enum(path: Path) -> list[str]:
    schema = json.loads(path.read_text(encoding="utf-8"))
    return schema["$defs"]["event"]["properties"]["type"]["enum"]


def test_schema_enum_is_the_table() -> None:
    assert tuple(_schema_enum(DATA / "accord-v1.schema.json")) == PLOVER_TYPES


def test_shared_contract_enum_is_the_table() -> None:
    if not SHARED_SCHEMA.is_file():
        pytest.skip("shared schema not present")
    assert set(_schema_enum(SHARED_SCHEMA)) == set(PLOVER_TYPES)


def test_bench_and_crosswalk_use_the_table(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    assert bulk.CAMEO == {t: row["cameo"] for t, row in PLOVER_TABLE.items()}
    assert bulk.INTENSITY == {t: row["intensity"] for t, row in PLOVER_TABLE.items()}
    xw = crosswalk()
    for t, row in PLOVER_TABLE.items():
        assert (xw[t]["cameo"], xw[t]["goldstein"]) == (row["cameo"], row["intensity"])
        assert xw[t]["words"]  # `accord ask` still has its question words


def test_lexicon_defaults_come_from_the_table() -> None:
    lex = load_lexicon(())
    assert lex.types is PLOVER_TABLE
    agree = lex.verbs["agree"]  # a hand entry that names no code of its own
    assert (agree.cameo, agree.intensity, agree.symmetric) == ("03", 4.0, True)
    # every root is a CAMEO code of the generated CAMEO -> PLOVER table, and (where
    # PLOVER did not merge two types into one CAMEO root) of this very type
    shared = {"08"}  # yield: CONCEDE and RETREAT
    for t, row in PLOVER_TABLE.items():
        got = lex.plover_of(row["cameo"])
        assert got is not None, t
        assert got[0] == t or row["cameo"] in shared, (t, got)
