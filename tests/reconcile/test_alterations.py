"""Sentence-level changes a copy makes to its source (invented sentences)."""

from __future__ import annotations

from accord.reconcile.alterations import compare, numbers


def kinds(src: str, cpy: str) -> list[tuple[str, str, str]]:
    return [(c.kind, c.source, c.copy) for c in compare(src, cpy)]


def test_changed_amount() -> None:
    assert kinds("The ministers signed a $3.1 billion contract on Monday.",
                 "The ministers signed a $1.3 billion contract on Monday.") == [
        ("number", "$3.1 billion", "$1.3 billion")]


def test_dropped_number_is_not_a_change() -> None:
    assert kinds("The base lies 400 km (250 miles) from the border.",
                 "The base lies some 250 miles from the border.") == []


def test_changed_count_and_date() -> None:
    assert kinds("Police detained three men in raids last month.",
                 "Police detained five men in raids last week.") == [
        ("number", "three", "five"), ("date", "last month", "last week")]


def test_dropped_hedge_is_a_modality_change() -> None:
    out = kinds("The air force may be preparing to use the northern airfield.",
                "The air force is using the northern airfield.")
    assert out == [("modality", "hedge (may, preparing to)", "no hedge")]


def test_added_negation() -> None:
    out = kinds("The minister signed the agreement in Seoul.",
                "The minister did not sign the agreement in Seoul.")
    assert ("modality", "no negation", "negation (not)") in out


def test_changed_name_but_not_a_spelling_variant() -> None:
    assert kinds("Officials in Gdansk met the envoy from Vilnius.",
                 "Officials in Gdansk met the envoy from Riga.") == [("name", "vilnius", "riga")]
    assert kinds("Two Hizbullah members were charged.", "Two Hezbollah members were charged.") == []


def test_all_caps_copy_is_not_a_change() -> None:
    assert kinds("Poland and South Korea signed the deal in Warsaw.",
                 "POLAND and SOUTH KOREA signed the deal in WARSAW.") == []


def test_numbers_skip_years_and_read_scales() -> None:
    text = "In 2022 the deal was worth $13.7 billion and 12% of it went to 5,000 jobs."
    assert numbers(text) == [
        ("$13.7 billion", ("USD", 13.7e9)), ("12%", ("percent", 12.0)), ("5,000", ("", 5000.0))]


def test_reworded_sentence_with_changed_figure() -> None:
    from accord.reconcile.alterations import number_context_changes

    src = "Officials fear the region, as up to 40,000 migrants are waiting at the fence."
    cpy = "Warsaw worries about its eastern border and the 15,000 migrants waiting at the fence."
    assert [c.describe() for c in number_context_changes(src, cpy)] == [
        "number 'up to 40,000' -> '15,000'"]
    # Different things counted: no change reported.
    assert number_context_changes("It sent 40,000 soldiers to the fence.",
                                  "It waited for 15,000 migrants at the gate.") == []
