"""The generated CAMEO verb lexicon: the generator, the compiled lookup, the layering."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from accord.errors import ConfigError
from accord.extract.events.lexicon import LEXICON_DIR, load_lexicon

ROOT = Path(__file__).resolve().parents[2]
VENDOR = ROOT.parent / "shared" / "vendor"


def _generator():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("make_lexicon", ROOT / "scripts" /
                                                  "make_lexicon.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    sys.modules["make_lexicon"] = mod  # dataclasses look their module up
    spec.loader.exec_module(mod)
    return mod


def _fake_vendor(tmp_path: Path) -> Path:
    """A tiny dictionary in PETRARCH2's format, written for this test."""
    (tmp_path / "petrarch2-dictionaries").mkdir(parents=True)
    (tmp_path / "plover").mkdir()
    (tmp_path / "petrarch2-dictionaries" / "LICENSE").write_text("MIT test licence\n")
    (tmp_path / "petrarch2-dictionaries" / "CAMEO.2.0.txt").write_text(
        "# header\n"
        "####### SYNONYM SETS #######\n"
        "&TOOL\n+HAMMER\n+SPANNER\n\n"
        "####### VERB PATTERNS #######\n"
        "---  FROB   [---]  ---\n"
        "FROB {FROBS FROBBED FROBBING}\n"
        "+GLORP_UP\n"
        "- * &TOOL (TO +)                  [072]  # a comment that is not copied\n"
        "- * (WITH +                      [040]\n"
        "- * NONSENSE                      [9x9]\n"
        "- * LUNCH                         [---]\n"
        "---  ZAP   [190]  ---\n"
        "ZAP\n"
        "######## TRANSFORMATIONS ##########\n")
    (tmp_path / "plover" / "CAMEO2PLOVER-2021.txt").write_text(
        "# table\n04: CONSULT\n040: CONSULT, ,  # x\n07: AID\n072: AID, , military # y\n"
        "19: ASSAULT\n190: ASSAULT, , military # z\n1X0: NOT A ROW\n")
    return tmp_path


def test_generator_reports_bad_entries_and_skips_them(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    vendor = _fake_vendor(tmp_path / "vendor")
    out = tmp_path / "out"
    assert _generator().main(["--vendor", str(vendor), "--out", str(out)]) == 0
    err = capsys.readouterr().err
    cameo = vendor / "petrarch2-dictionaries" / "CAMEO.2.0.txt"
    assert f"{cameo}:12: unbalanced brackets" in err
    assert f"{cameo}:13: malformed code '[9x9]'" in err
    assert f"{vendor / 'plover' / 'CAMEO2PLOVER-2021.txt'}:8:" in err
    verbs = (out / "cameo_verbs.tsv").read_text()
    patterns = (out / "cameo_patterns.tsv").read_text()
    rows = [ln.split("\t") for ln in verbs.splitlines() if not ln.startswith("#")][1:]
    assert [r[:5] for r in rows] == [["frob", "", "0", "", ""], ["glorp", "up", "0", "", ""],
                                     ["zap", "", "1", "190", "ASSAULT"]]
    prow = [ln.split("\t") for ln in patterns.splitlines() if not ln.startswith("#")][1:]
    assert [r[:9] for r in prow] == [
        ["0", "", "hammer|spanner to", "072", "AID", "", "military", "to", ""],
        ["0", "", "lunch", "", "", "", "", "", ""]]
    assert "not copied" not in verbs + patterns  # the dictionary's comments stay out
    assert "MIT test licence" in (out / "NOTICE-cameo.txt").read_text()


def test_committed_output_is_the_generators(tmp_path: Path) -> None:
    if not (VENDOR / "petrarch2-dictionaries" / "CAMEO.2.0.txt").is_file():
        pytest.skip("../shared/vendor not present")
    assert _generator().main(["--vendor", str(VENDOR), "--out", str(tmp_path)]) == 0
    for name in ("cameo_verbs.tsv", "cameo_patterns.tsv", "cameo_plover.tsv",
                 "NOTICE-cameo.txt"):
        assert (tmp_path / name).read_text() == (LEXICON_DIR / name).read_text(), name


def test_the_dictionary_is_large_and_indexed() -> None:
    lex = load_lexicon(())
    assert len(lex.cameo.verbs) > 1000
    assert sum(len(v) for idx in lex.cameo.index.values() for v in idx.values()) > 4000
    assert lex.plover_of("0841") == ("RETREAT", "release", "legal")
    assert lex.plover_of("163")[0] == "SANCTION"  # accord's override of the table
    assert lex.plover_of("010") is None  # statements are not events


def test_a_pattern_gives_the_full_code(coded) -> None:  # type: ignore[no-untyped-def]
    doc = coded("France added new sanctions against Iran.")
    [verb] = [e for e in doc._.events if e.trigger == "added"]
    assert (verb.type, verb.cameo, verb.source, verb.target) == (
        "SANCTION", "163", ["state:FRA"], ["state:IRN"])


def test_a_verb_default_needs_source_and_target(coded) -> None:  # type: ignore[no-untyped-def]
    [e] = coded("Portugal snubbed Spain.")._.events
    assert (e.type, e.cameo, e.trigger) == ("ACCUSE", "111", "snubbed")
    assert coded("The minister snubbed the reporters.")._.events == []


def test_analysis_verbs_are_not_events(coded) -> None:  # type: ignore[no-untyped-def]
    assert coded("Japan considers the Chinese proposal.")._.events == []
    assert coded("Brazil believes Argentina.")._.events == []


def test_multi_word_verbs_need_their_particle(coded) -> None:  # type: ignore[no-untyped-def]
    [e] = coded("Portugal gave in to Spain over the fishing quotas.")._.events
    assert (e.type, e.cameo, e.source) == ("CONCEDE", "080", ["state:PRT"])
    # "give" alone has no default reading; an "in" further on is not its particle
    doc = coded("Portugal gave Spain a role in the talks about fishing.")
    assert "CONCEDE" not in [e.type for e in doc._.events]


def test_user_code_must_be_known(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text('verbs:\n  snub: {type: REJECT, cameo: "999"}\n')
    with pytest.raises(ConfigError) as err:
        load_lexicon((str(bad),))
    assert str(bad) in str(err.value) and "verb 'snub'" in str(err.value)
    assert "unknown CAMEO code '999'" in str(err.value)
    good = tmp_path / "good.yaml"
    good.write_text('verbs:\n  snub: {type: REJECT, cameo: "1232"}\n')
    entry = load_lexicon((str(good),)).verbs["snub"]
    assert (entry.cameo, entry.mode, entry.context) == ("1232", "change", "executive")


def test_a_null_hand_verb_blocks_the_dictionary(tmp_path: Path, coded) -> None:  # type: ignore[no-untyped-def]
    user = tmp_path / "quiet.yaml"
    user.write_text("verbs:\n  snub: null\n")
    lex = load_lexicon((str(user),))
    assert "snub" in lex.blocked and "snub" not in lex.verbs
