"""The extractor finds the events the synthetic generator plants (a correctness test).

Each planted event is one sentence with explicit actors (two states), a PLOVER
type, an absolute date and a modality. We run the real extractor on the
synthetic articles and measure, over all planted events, how many are found
in their sentence with the right type, actors, date and modality.
"""

from __future__ import annotations

import pytest

from accord.bench.synth import Generator, SynthArticle, SynthConfig
from accord.records import EventRecord, IngestedDocument

#: Share of planted events that must be found with each attribute right.
MIN_RECALL = {"found": 0.9, "type": 0.85, "actors": 0.85, "date": 0.85, "modality": 0.8}


def _doc(art: SynthArticle) -> IngestedDocument:
    return IngestedDocument(id=art.id, source=art.name, format="txt", original=art.text,
                            clean=art.text, offset_map=[[0, 0, len(art.text), len(art.text)]],
                            published=art.published, published_basis="text")


def _match(planted, events: list[EventRecord], start: int, end: int) -> EventRecord | None:
    """The extracted event stated in the planted sentence, preferring the right type."""
    inside = [e for e in events if e.start < end and e.end > start]
    inside.sort(key=lambda e: e.type != planted.type)
    return inside[0] if inside else None


@pytest.fixture(scope="module")
def recall() -> dict[str, float]:
    from accord.extract import extract_many
    from accord.extract.pipeline import get_nlp

    if "accord_events" not in get_nlp().pipe_names:
        pytest.skip("the event coder is not in the pipeline yet")
    arts = [a for a in Generator(SynthConfig(seed=21)).articles(40) if not a.copy_of]
    hits = dict.fromkeys(MIN_RECALL, 0)
    total = 0
    misses: list[str] = []
    for art, ex in zip(arts, extract_many([_doc(a) for a in arts]), strict=True):
        for p in art.events:
            total += 1
            start = art.text.index(p.sentence)
            e = _match(p, ex.events, start, start + len(p.sentence))
            if e is None:
                misses.append(f"not found: {p.sentence}")
                continue
            hits["found"] += 1
            checks = {
                "type": e.type == p.type,
                "actors": f"state:{p.source}" in e.source and f"state:{p.target}" in
                (e.target + e.source if p.type in ("AGREE", "CONSULT") else e.target),
                "date": e.date_value == p.date,
                "modality": e.modality == p.modality,
            }
            for k, ok in checks.items():
                hits[k] += ok
                if not ok:
                    misses.append(f"{k}: {p.sentence} -> {e.type} {e.source}->{e.target} "
                                  f"{e.date_value} {e.modality}")
    out = {k: v / total for k, v in hits.items()}
    print(f"planted events: {total}; recall {out}")
    print("\n".join(misses[:30]))
    return out


@pytest.mark.parametrize("attribute", list(MIN_RECALL))
def test_planted_event_recall(recall: dict[str, float], attribute: str) -> None:
    assert recall[attribute] >= MIN_RECALL[attribute], recall
