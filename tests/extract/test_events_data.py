"""The lexicon as data: user extensions, clear errors, and build stats for bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

from accord.errors import ConfigError
from accord.extract.events.component import EventCoder
from accord.extract.events.lexicon import load_lexicon


def test_shipped_lexicon_is_valid() -> None:
    lex = load_lexicon(())
    assert lex.verbs["arrest"].type == "COERCE" and lex.verbs["arrest"].cameo == "17"
    assert lex.light[("sign", "agreement")].type == "AGREE"
    assert lex.light[("go", "trial")].preps == frozenset({"on"})  # quoted, not a boolean
    assert lex.nouns["plot"].planned
    for table in (lex.verbs, lex.nouns):
        for entry in table.values():
            assert entry.cameo.isdigit() and 2 <= len(entry.cameo) <= 4
            assert -10 <= entry.intensity <= 10


def test_user_lexicon_adds_a_verb(tmp_path: Path, coded) -> None:  # type: ignore[no-untyped-def]
    user = tmp_path / "mine.yaml"
    user.write_text("# my additions\nverbs:\n  snub: {type: REJECT, intensity: -3.5}\n")
    text = "Portugal snubbed Spain in 2020."
    # the generated CAMEO dictionary reads "snub" as criticism; the user's entry wins
    [e] = coded(text)._.events
    assert (e.type, e.cameo, e.source, e.target) == ("ACCUSE", "111", ["state:PRT"],
                                                     ["state:ESP"])
    from accord.extract.pipeline import load_base

    nlp = load_base()
    doc = nlp(text)
    doc.spans["actors"] = []
    coder = EventCoder(nlp, (str(user),))
    assert load_lexicon((str(user),)).verbs["snub"].type == "REJECT"
    coder(doc)
    assert doc._.events == []  # no actors were marked in this bare doc: no event
    doc = coded(text)
    coder(doc)
    [e] = doc._.events
    assert (e.type, e.intensity, e.source, e.target, e.date_value) == (
        "REJECT", -3.5, ["state:PRT"], ["state:ESP"], "2020")


@pytest.mark.parametrize("content,message", [
    ("verbs:\n  snub: {type: SNUB}\n", "unknown PLOVER type"),
    ("verbs:\n  snub: {intensity: 2}\n", "needs a mapping with a `type`"),
    ("verbs:\n  snub: {type: REJECT, target_preps: [on]}\n", "quote words"),
    ("verbs: [unclosed\n", "invalid YAML"),
    ("adverbs:\n  x: {type: REJECT}\n", "unknown section"),
    ("light_verbs:\n  - {verbs: [sign], type: AGREE}\n", "needs `verbs` and `nouns`"),
])
def test_bad_user_lexicon_names_file_and_reason(tmp_path: Path, content: str,
                                                message: str) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(content)
    with pytest.raises(ConfigError) as err:
        load_lexicon((str(bad),))
    assert str(bad) in str(err.value) and message in str(err.value)
    assert "\n" not in str(err.value)


def test_missing_user_lexicon(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="lexicon file not found"):
        load_lexicon((str(tmp_path / "nope.yaml"),))


def test_bad_input_is_counted_not_fatal(coded) -> None:  # type: ignore[no-untyped-def]
    long = "Poland signed an agreement with Chile " + "and more words " * 200 + "."
    foreign = ("Польша и Южная Корея подписали соглашение о поставках танков в Варшаве "
               "в прошлом году.")
    table = "Country | Tanks | Howitzers | Jets\nPoland | 180 | 212 | 48\nKorea | 20 | 30 | 10"
    doc = coded(f"{long}\n\n{foreign}\n\n{table}\n\nEstonia and Finland held talks in Tallinn.")
    stats = doc.user_data["accord_stats"]
    assert stats["long_sentences_skipped"] == 1
    assert stats["non_english_sentences"] == 1
    assert stats["unparsed_sentences"] >= 1
    assert [e.type for e in doc._.events] == ["CONSULT"]


def test_empty_and_eventless_documents(coded) -> None:  # type: ignore[no-untyped-def]
    for text in ("", "   ", "The weather was pleasant and the market was busy."):
        doc = coded(text)
        assert doc._.events == [] and doc._.claims == []


def test_user_lexicon_from_environment(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from accord.extract.events.lexicon import user_paths

    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    a.write_text("verbs:\n  snub: {type: REJECT}\n")
    b.write_text("verbs:\n  snub: {type: ACCUSE}\nnouns:\n  blockade: {type: SANCTION}\n")
    monkeypatch.setenv("ACCORD_LEXICON", f"{a}:{b}")
    lex = load_lexicon(user_paths())
    assert lex.verbs["snub"].type == "ACCUSE"  # later files win
    assert lex.nouns["blockade"].type == "SANCTION" and lex.verbs["arrest"].type == "COERCE"
