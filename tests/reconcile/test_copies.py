"""Copy detection on invented documents: reprints, partial copies, and non-copies."""

from __future__ import annotations

from sqlalchemy import select

from accord.reconcile import reconcile
from accord.reconcile.copies import relate
from accord.reconcile.settings import load_thresholds
from accord.reconcile.textsim import Sentence, normalise, split_sentences
from accord.store import Store
from accord.store import schema as S

from . import corpus
from .builder import add


def copy_rows(store: Store) -> dict[str, tuple[str | None, float | None, str | None]]:
    with store.connect() as conn:
        return {r[0]: (r[1], r[2], r[3]) for r in conn.execute(
            select(S.documents.c.id, S.documents.c.copy_of, S.documents.c.copied_fraction,
                   S.documents.c.copy_kind))}


def test_reprint_is_full_copy_of_earlier_article(built: Store) -> None:
    rows = copy_rows(built)
    src, frac, kind = rows[corpus.reprint().id]
    assert src == corpus.visit().id
    assert kind == "full"
    assert frac == 1.0
    # The original is not a copy of its reprint.
    assert rows[corpus.visit().id] == (None, None, None)


def test_blog_quoting_an_article_is_a_partial_copy(built: Store) -> None:
    src, frac, kind = copy_rows(built)[corpus.blog().id]
    assert src == corpus.plot().id
    assert kind == "partial"
    assert 0.2 < frac < 0.5  # four quoted sentences inside longer commentary


def test_independent_report_on_same_topic_is_not_a_copy(built: Store) -> None:
    rows = copy_rows(built)
    for doc in (corpus.independent(), corpus.earlier(), corpus.brief(), corpus.koreans_many()):
        assert rows[doc.id] == (None, None, None), doc.title


def test_only_the_expected_documents_are_copies(built: Store) -> None:
    copies = {d for d, (src, _f, _k) in copy_rows(built).items() if src}
    assert copies == {corpus.reprint().id, corpus.blog().id}


def _sents(text: str) -> list[Sentence]:
    return [Sentence(i, s, e, t, normalise(t)) for i, (s, e, t) in enumerate(split_sentences(text))]


def test_paraphrased_reprint_is_detected_and_direction_follows_dates() -> None:
    cfg = load_thresholds()["copies"]
    original = corpus.visit()
    para = (
        "Polish defence minister Anna Wrobel came to Seoul on Monday for talks with her South "
        "Korean counterpart Lee Dae-ho. The two ministers signed a contract worth $3.1 billion "
        "for self-propelled howitzers, officials said. The first guns are planned to be "
        "delivered in the autumn of next year, according to the ministry in Warsaw. Wrobel "
        "also visited a shipyard in Busan where submarine parts are built for export customers. "
        "Worth $3.1 billion, the howitzer contract is the largest Polish arms purchase this year."
    )
    from .builder import Doc

    p = Doc(para, published="2024-03-10")
    rel = relate(p_info(p), p_info(original), _sents(para), _sents(original.text), cfg)
    assert rel is not None
    assert rel.copy == p.id and rel.source == original.id and rel.basis == "publication"
    assert rel.verbatim_share < cfg["verbatim_share"]
    from accord.reconcile.copies import copy_kind

    assert copy_kind(rel, cfg) == "paraphrase"


def p_info(doc):  # type: ignore[no-untyped-def]
    from accord.reconcile.copies import DocInfo

    return DocInfo(doc.id, doc.published, doc.text)


def test_undated_direction_falls_back_to_containment(store: Store) -> None:
    # Without dates, the commentary that embeds the whole article is the copy.
    plot, blog = corpus.plot(), corpus.blog()
    plot.published = blog.published = None
    add(store, plot, blog)
    reconcile(store, None)
    assert copy_rows(store)[blog.id][0] == plot.id
    assert copy_rows(store)[plot.id][0] is None


def test_few_quoted_sentences_in_long_commentary_are_a_partial_copy() -> None:
    from accord.reconcile.copies import copy_kind

    from .builder import Doc

    cfg = load_thresholds()["copies"]
    plot = Doc(corpus.plot().text + " The raids followed months of surveillance. A court will "
               "hear the case next spring. Defence lawyers say the evidence is thin. The "
               "embassy thanked the Polish police.", published="2023-11-20")
    own = " ".join(f"Paragraph {w} of my own commentary says something different about {w}."
                   for w in ("one", "two", "three", "four", "five", "six", "seven", "eight",
                             "nine", "ten", "eleven", "twelve"))
    blog = Doc(own + " " + " ".join(corpus.PLOT_SENTENCES[:3]), published="2023-12-01")
    rel = relate(p_info(blog), p_info(plot), _sents(blog.text), _sents(plot.text), cfg)
    assert rel is not None and rel.copy == blog.id
    assert rel.fraction < cfg["partial_fraction"]
    assert rel.source_fraction < cfg["partial_source_fraction"]
    assert copy_kind(rel, cfg) == "partial"
    # Two quoted sentences are not enough.
    blog2 = Doc(own + " " + " ".join(corpus.PLOT_SENTENCES[:2]), published="2023-12-01")
    assert relate(p_info(blog2), p_info(plot), _sents(blog2.text), _sents(plot.text),
                  cfg) is None


def test_same_template_with_other_actors_is_not_aligned() -> None:
    """Wire-style sentences built on one template but about other parties are not copies."""
    from accord.reconcile.settings import load_thresholds
    from accord.reconcile.textsim import Sentence, align, normalise

    cfg = load_thresholds()["copies"]

    def doc(*texts: str) -> list[Sentence]:
        return [Sentence(i, 0, len(t), t, normalise(t)) for i, t in enumerate(texts)]

    kenya = doc("Kenya and Ethiopia signed a $300 million agreement on border trade in Nairobi.",
                "The KENYAN minister met his counterpart on Monday to discuss the plan.")
    chile = doc("Chile and Peru signed a $300 million agreement on border trade in Lima.")
    reprint = doc("KENYA and ETHIOPIA signed a $900 million agreement on border trade in NAIROBI.")
    assert align(chile, kenya, cfg) == []
    pairs = align(reprint, kenya, cfg)
    assert [(p.a, p.b) for p in pairs] == [(0, (0,))]
