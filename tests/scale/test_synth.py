"""The synthetic corpus generator: deterministic, streamable, with the facts it plants."""

from __future__ import annotations

import json

from accord.bench.synth import STATES, Generator, SynthConfig, generate, write_corpus

ISO3 = {s[1] for s in STATES}


def test_same_seed_same_corpus_and_prefix_stability() -> None:
    a = generate(40, seed=3)
    b = generate(40, seed=3)
    assert [x.text for x in a] == [x.text for x in b]
    # A bigger corpus starts with the smaller one: sizes are comparable across runs.
    c = generate(60, seed=3)
    assert [x.text for x in c[:40]] == [x.text for x in a]
    # Another seed gives other articles.
    d = generate(40, seed=4)
    assert sum(x.text != y.text for x, y in zip(a, d, strict=True)) >= 35


def test_planted_events_are_in_the_text() -> None:
    for art in generate(50, seed=1):
        assert art.events, art.name
        for ev in art.events:
            assert ev.sentence in art.text
            assert ev.source in ISO3 and ev.target in ISO3 and ev.source != ev.target
            # Explicit dates, before publication.
            assert ev.date < art.published
            day, month, year = ev.sentence.rsplit(" on ", 1)[1].rstrip(".").split(" ")[:3]
            assert ev.date.startswith(year.rstrip(",."))
        for claim in art.claims:
            assert claim.sentence in art.text
            assert f"{int(claim.value):,}" in claim.sentence


def test_reprints_copy_an_earlier_original_and_alterations_change_one_number() -> None:
    gen = Generator(SynthConfig(seed=5, reprint_rate=0.3, alteration_rate=1.0))
    arts = {a.name: a for a in gen.articles(120)}
    reprints = [a for a in arts.values() if a.copy_of]
    assert len(reprints) >= 20
    altered = [a for a in reprints if a.altered]
    assert altered
    for r in reprints:
        src = arts[r.copy_of]
        assert src.copy_of is None  # the original really is the file named
        assert src.published < r.published
        changed = [(e, o) for e, o in zip(r.events, src.events, strict=True)
                   if e.sentence != o.sentence]
        if r.altered:
            assert len(changed) == 1
            new, old = changed[0]
            assert new.amount != old.amount and new.type == old.type == "AGREE"
            assert old.sentence not in r.text and new.sentence in r.text
        else:
            assert not changed
            body = src.text.split("\n\n", 2)[2].strip()
            assert body in r.text


def test_planted_numeric_contradictions_exist_in_a_large_corpus() -> None:
    by_key: dict[tuple[str, str], set[float]] = {}
    for art in generate(400, seed=0):
        for c in art.claims:
            by_key.setdefault((c.subject, c.property), set()).add(c.value)
    assert any(len(v) > 1 for v in by_key.values())


def test_write_corpus_writes_files_and_manifest(tmp_path) -> None:
    arts = generate(5, seed=2)
    paths = write_corpus(tmp_path / "corpus", arts, manifest=tmp_path / "manifest.json")
    assert [p.name for p in paths] == [a.name for a in arts]
    assert paths[0].read_text(encoding="utf-8") == arts[0].text
    manifest = json.loads((tmp_path / "manifest.json").read_text())
    assert manifest[0]["events"][0]["type"] == arts[0].events[0].type
    assert sorted(p.name for p in (tmp_path / "corpus").iterdir()) == [a.name for a in arts]
