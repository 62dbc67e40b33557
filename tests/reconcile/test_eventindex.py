"""The date index of event clustering: which events a mention may join, and that a
sentence's origin (a sentence alignment) is looked up only where a copy can be."""

from __future__ import annotations

from accord.reconcile.eventindex import DateIndex
from accord.reconcile.events import Mention


def mention(i: int, doc: str, date: str | None, sentence: int = 0) -> Mention:
    return Mention(
        id=i, document_id=doc, published="2023-07-01", sentence_idx=sentence, start=10 * i,
        end=10 * i + 9, text="Ruritania sent aid to Freedonia", trigger="sent", type="AID",
        cameo=None, intensity=None, source=["state:RUR"], target=["state:FRE"],
        date_value=date, date_basis="explicit" if date else "none", location=None,
        quantities=[], modality="asserted", attributed=[])


#: copy-doc reprints source-doc; its sentence 0 is source-doc's sentence 0.
COPY_OF = {"copy-doc": "source-doc"}
ORIGIN = {("copy-doc", 0): "source-doc#0"}


def test_a_copy_of_a_members_sentence_is_a_candidate_whatever_its_date() -> None:
    asked: list[str] = []

    def origin(m: Mention) -> str:
        asked.append(m.document_id)
        return ORIGIN.get((m.document_id, m.sentence_idx), f"{m.document_id}#{m.sentence_idx}")

    def sources(m: Mention) -> list[str]:
        return [m.document_id, *([COPY_OF[m.document_id]] if m.document_id in COPY_OF else [])]

    index = DateIndex(7, origin, sources)
    index.add(0, mention(1, "source-doc", "2023-01-10"))  # the original statement
    index.add(1, mention(2, "other-doc", "2023-01-11"))  # an unrelated report
    index.add(2, mention(3, "near-doc", "2023-06-02"))  # dated near the copy
    # The copy altered the date: only its origin makes the original's event a candidate.
    copy = mention(4, "copy-doc", "2023-06-01")
    assert index.candidates(copy) == [0, 2]
    # Only the copy and the member it could copy were looked up, not the others.
    assert sorted(asked) == ["copy-doc", "source-doc"]
    # Another sentence of the copy (its own words) does not reach the original's event.
    assert index.candidates(mention(5, "copy-doc", "2023-06-01", sentence=3)) == [2]


def test_without_copies_no_origin_is_looked_up() -> None:
    def origin(m: Mention) -> str:
        raise AssertionError("no document copies another: nothing to align")

    index = DateIndex(7, origin)
    index.add(0, mention(1, "a-doc", "2023-03-01"))
    index.add(1, mention(2, "b-doc", "2023-03-20"))
    index.add(2, mention(3, "c-doc", "2023-03"))  # a month: meets any day in it
    index.add(3, mention(4, "d-doc", None))  # undated: meets anything
    assert index.candidates(mention(5, "e-doc", "2023-03-03")) == [0, 2, 3]
    assert index.candidates(mention(6, "f-doc", "2023-04-15")) == [3]
    assert index.candidates(mention(7, "g-doc", "2023")) == [0, 1, 2, 3]
