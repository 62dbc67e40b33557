"""Partial-date helpers used for event matching and ordering."""

from __future__ import annotations

import pytest

from accord.reconcile import dates


@pytest.mark.parametrize(("a", "b", "rel"), [
    ("2024-03-04", "2024-03-04", "equal"),
    ("2024-03", "2024-03-04", "contains"),
    ("2024", "2024-12-31", "contains"),
    ("2024-03-04", "2024-03-05", "conflict"),
    ("2023", "2024-01", "conflict"),
    (None, "2024", "unknown"),
])
def test_relation(a: str | None, b: str | None, rel: str) -> None:
    assert dates.relation(a, b) == rel
    assert dates.relation(b, a) == rel


@pytest.mark.parametrize(("a", "a_text", "b", "b_text", "rel"), [
    ("2024-03-04", "later this week", "2024-03-07", "on Thursday", "contains"),
    ("2024-03-04", "later this week", "2024-03-12", "12 March", "conflict"),
    ("1990", "the 1990s", "1994", "in 1994", "contains"),
    ("1990", "the 1990s", "2001", "in 2001", "conflict"),
    ("2000", "this century", "2012-02", "February 2012", "contains"),
    ("2024-03-04", "last week", "2024-03-04", "the weekend", "equal"),
    ("2011", "in 2011", "2012-02", "in February 2012", "conflict"),
])
def test_relation_reads_weeks_decades_and_centuries_from_their_words(
        a: str, a_text: str, b: str, b_text: str, rel: str) -> None:
    assert dates.relation(a, b, a_text, b_text) == rel
    assert dates.relation(b, a, b_text, a_text) == rel


def test_granularity_from_value_and_words() -> None:
    assert [dates.granularity(v, t) for v, t in [
        ("2024-03-04", "Monday"), ("2024-03-04", "next week"), ("2024-03", None),
        ("2024", "in 2024"), ("1990", "the 1990s"), ("2000", "this century"), (None, "soon")]] \
        == ["day", "week", "month", "year", "decade", "century", "none"]


def test_sort_key_orders_partial_dates_first() -> None:
    keys = [dates.sort_key(v) for v in ("2024-03-04", "2024", "2024-03", "2023-12-31")]
    assert keys == ["2024-03-04", "2024-00-00", "2024-03-00", "2023-12-31"]
    assert sorted(keys) == ["2023-12-31", "2024-00-00", "2024-03-00", "2024-03-04"]
    assert dates.sort_key(None) is None
    assert [dates.precision(v) for v in (None, "2024", "2024-03", "2024-03-04")] == [0, 1, 2, 3]


# -- date and number disagreements between independent sources (end to end) ------------
_ARTICLES = {
    "a.txt": "Chile and Peru sign patrol boat deal\n\nPublished: 2012-02-27\n\n"
             "The Chilean defence ministry confirmed on Monday that Chile and Peru signed a "
             "$1.6 billion contract for patrol boats in February 2012.\n\n"
             "Some 16 million ethnic Quechuas live in Peru, according to the ministry.\n",
    "b.txt": "Peru buys boats from Chile\n\nPublished: 2012-03-02\n\n"
             "Peru and Chile signed a $1.6 billion contract for patrol boats in 2011, a news "
             "agency in Lima reported.\n\n"
             "Up to 30 million ethnic Quechuas live in Peru, a scholar estimates.\n",
    "c.txt": "Andean census notes\n\nPublished: 2012-03-05\n\n"
             "About 16.2 million ethnic Quechuas live in Peru, the census office said.\n",
    # two rounds of annual talks, each reported when it happened: two events, no dispute
    "d.txt": "Border talks in La Paz\n\nPublished: 2022-05-12\n\n"
             "Chile and Bolivia held their annual border talks in La Paz in May 2022.\n",
    "e.txt": "Border talks again\n\nPublished: 2023-05-11\n\n"
             "Chile and Bolivia held their annual border talks in La Paz in May 2023.\n",
}


@pytest.fixture(scope="module")
def disagreeing_kb(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    import accord

    folder = tmp_path_factory.mktemp("disagree")
    for name, text in _ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    kb = accord.open(folder / "kb.db")
    report = kb.build([folder / n for n in sorted(_ARTICLES)], workers=1)
    assert report.status == "ok", report.to_dict()
    yield kb
    kb.close()


def _contradictions(kb, kind: str) -> list:  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    from accord.store import schema as S

    with kb.store.connect() as conn:
        return [r for r in conn.execute(select(S.contradictions)) if r.kind == kind]


@pytest.mark.slow
def test_signed_in_2011_against_february_2012_is_a_date_contradiction(disagreeing_kb) -> None:  # type: ignore[no-untyped-def]
    [c] = _contradictions(disagreeing_kb, "date")  # not the annual talks of d and e
    assert len(c.items) == 2 and len(c.documents) == 2
    assert "is dated 2011 by 'Peru buys boats from Chile'" in c.explanation
    assert "2012-02 by 'Chile and Peru sign patrol boat deal'" in c.explanation
    # both sentences are quoted
    assert "signed a $1.6 billion contract for patrol boats in 2011" in c.explanation
    assert "for patrol boats in February 2012" in c.explanation


@pytest.mark.slow
def test_up_to_disagrees_and_about_agrees(disagreeing_kb) -> None:  # type: ignore[no-untyped-def]
    numeric = _contradictions(disagreeing_kb, "numeric")
    assert len(numeric) == 2  # up to 30 million against each of the two others
    assert all("up to 30,000,000" in c.explanation for c in numeric)
    # "about 16 million" and "about 16.2 million" are never set against each other
    assert not any("16,000,000" in c.explanation and "16,200,000" in c.explanation
                   for c in numeric)
