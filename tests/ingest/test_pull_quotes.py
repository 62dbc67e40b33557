"""Pull quotes: a short paragraph repeating words of the body, in a row, is dropped once;
the check stays linear on long documents (issue 17's leftovers)."""

from __future__ import annotations

import random
import re
import time

from accord.ingest.clean import Paragraph, _drop_pull_quotes

VOCAB = ("ministry council border treaty talks envoy harbour grain convoy ceasefire "
         "minister parliament budget drills pipeline tariff summit observers").split()


def _para(text: str, at: int = 0) -> Paragraph:
    return Paragraph(lines=[], ops=[], text=text, start=at, end=at + len(text))


def _reference(paras: list[Paragraph]) -> list[Paragraph]:
    """The rule stated plainly (quadratic): 4-40 words found in a row in another text."""
    def norm(t: str) -> str:
        return " ".join(re.findall(r"\w+", t.lower()))

    normed = [norm(p.text) for p in paras]
    return [p for p, n in zip(paras, normed, strict=True)
            if not (4 <= len(n.split()) <= 40
                    and any(m != n and f" {n} " in f" {m} " for m in normed))]


def test_a_pull_quote_is_dropped_and_its_sentence_kept() -> None:
    body = _para("The envoy said the harbour talks would resume on Monday, and that the grain "
                 "convoy could sail once observers were in place.")
    quote = _para("\u201cThe grain convoy could sail\u201d")
    short = _para("Talks resume.")
    again = _para("The envoy said nothing new.")
    kept = _drop_pull_quotes([body, quote, short, again, again])
    assert kept == [body, short, again, again]


def test_same_answer_as_the_plain_rule_on_random_documents() -> None:
    rnd = random.Random(7)
    for _ in range(40):
        paras = []
        for i in range(rnd.randint(5, 40)):
            if paras and rnd.random() < 0.3:  # a run of words from an earlier paragraph
                src = rnd.choice(paras).text.split()
                a = rnd.randrange(len(src))
                words = src[a:a + rnd.randint(2, 12)]
                if rnd.random() < 0.3:
                    words = [w.upper() for w in words] + (["ministry"] if rnd.random() < 0.5
                                                          else [])
            else:
                words = [rnd.choice(VOCAB) for _ in range(rnd.randint(1, 60))]
            paras.append(_para(" ".join(words) + ".", i * 1000))
        assert _drop_pull_quotes(paras) == _reference(paras)


def test_a_long_document_stays_fast() -> None:
    rnd = random.Random(11)
    paras = [_para(" ".join(rnd.choice(VOCAB) + str(rnd.randrange(500)) for _ in range(25)),
                   i * 200) for i in range(6000)]
    quotes = [_para(" ".join(p.text.split()[3:12]), 10**7 + i) for i, p in
              enumerate(paras[::600])]
    t0 = time.perf_counter()
    kept = _drop_pull_quotes(paras + quotes)
    took = time.perf_counter() - t0
    assert kept == paras  # every quote found, no body paragraph lost
    assert took < 3.0, f"{took:.1f} s for 6,010 paragraphs"
