"""Store behaviour on SQLite and on a real PostgreSQL server (``store_url``)."""

from __future__ import annotations

from sqlalchemy import func, select

from accord.errors import NotFound, StoreError
from accord.store import Store
from accord.store import schema as S

from .conftest import ARTICLE, make_doc, make_extraction


def count(store: Store, table) -> int:  # type: ignore[no-untyped-def]
    with store.connect() as conn:
        return conn.execute(select(func.count()).select_from(table)).scalar_one()


def test_fresh_store_has_current_schema_and_reopens(store_url):
    from accord.store.migrations import current_version

    with Store(store_url) as s:
        with s.connect() as conn:
            assert current_version(conn) == S.SCHEMA_VERSION
    with Store(store_url, create=False) as s:  # reopening neither fails nor recreates
        assert s.counts()["documents"] == 0


def test_document_and_extraction_round_trip(store_url, article):
    with Store(store_url) as s:
        ex = make_extraction(article)
        assert s.store_document(article, ex) == "added"
        back = s.load_document(article.id)
        assert (back.original, back.clean, back.title, back.published) == \
            (ARTICLE, ARTICLE, "Tank deal", "2024-03-06")
        assert back.offset_map == article.offset_map
        c = s.counts()
        assert (c["documents"], c["sentences"], c["mentions"], c["event_mentions"],
                c["claim_mentions"]) == (1, 3, 4, 1, 1)
        with s.connect() as conn:
            m = conn.execute(select(S.mentions).order_by(S.mentions.c.start)).mappings().first()
            q = conn.execute(select(S.event_mentions.c.quantities)).scalar_one()
        assert ARTICLE[m["start"]:m["end"]] == m["text"] == "Poland"
        assert q[0]["value"] == 2.6e9 and q[0]["unit"] == "USD"
        assert s.unreconciled_documents() == [article.id]
        s.mark_reconciled([article.id])
        assert s.unreconciled_documents() == []


def test_same_content_twice_is_a_noop(store_url, article):
    with Store(store_url) as s:
        ex = make_extraction(article)
        assert s.store_document(article, ex) == "added"
        again = make_doc(ARTICLE, source="elsewhere/copy.txt")
        assert s.store_document(again, make_extraction(again)) == "exists"
        assert s.put_document(again) is False
        c = s.counts()
        assert (c["documents"], c["sentences"], c["mentions"]) == (1, 3, 4)
        assert s.load_document(article.id).source == "mem.txt"  # first source kept


def test_stored_but_unextracted_document_is_pending_then_extracted(store_url, article):
    with Store(store_url) as s:
        assert s.put_document(article) is True
        assert s.pending_documents("test-1") == [article.id]
        assert s.store_document(article, make_extraction(article)) == "extracted"
        assert s.pending_documents("test-1") == []
        # A newer extractor makes it pending again; re-extraction replaces records.
        assert s.pending_documents("test-2") == [article.id]
        assert s.store_document(article, make_extraction(article, "test-2")) == "extracted"
        c = s.counts()
        assert (c["sentences"], c["mentions"], c["event_mentions"]) == (3, 4, 1)


def test_search_ranks_matching_sentences_and_tolerates_any_text(store_url, article):
    with Store(store_url) as s:
        s.store_document(article, make_extraction(article))
        other = make_doc("Seoul hosted a trade fair.\nThe fair was about ships, not tanks.\n")
        s.store_document(other, make_extraction(other))
        rows = s.search_sentences("tank agreement", 10)
        assert [r["sentence_idx"] for r in rows] == [0]
        r = rows[0]
        assert r["document_id"] == article.id and r["title"] == "Tank deal"
        assert ARTICLE[r["start"]:r["end"]] == r["text"]
        # stemming: "ministers" finds "minister"-forms; both documents mention tanks
        assert {x["document_id"] for x in s.search_sentences("tanks", 10)} == \
            {article.id, other.id}
        assert s.search_sentences("minister", 10)[0]["sentence_idx"] == 1
        for nasty in ('"K2" (tanks', "NEAR(", "AND OR NOT", "*", "col:umn ^x", "'", "", "--"):
            assert isinstance(s.search_sentences(nasty, 5), list)
        assert s.search_sentences("submarine", 5) == []


def test_search_index_follows_reextraction(store_url, article):
    with Store(store_url) as s:
        s.store_document(article, make_extraction(article))
        s.store_document(article, make_extraction(article, "test-2"))
        assert len(s.search_sentences("tank agreement", 10)) == 1


def test_document_id_prefix(store_url, article):
    with Store(store_url) as s:
        s.put_document(article)
        assert s.resolve_document_id(article.id[:6]) == article.id
        assert s.resolve_document_id(article.id[:6].upper()) == article.id
        import pytest

        with pytest.raises(NotFound):
            s.resolve_document_id("zzzz")
        with pytest.raises(NotFound):
            s.resolve_document_id("%")  # LIKE wildcards are escaped


def test_runs_are_recorded(store_url):
    with Store(store_url) as s:
        rid = s.start_run("build x", "test-1")
        assert s.runs()[0]["status"] == "running"
        s.finish_run(rid, "ok", {"added": 2})
        run = s.runs()[0]
        assert run["status"] == "ok" and run["stats"] == {"added": 2} and run["finished_at"]


def test_list_documents_orders_by_publication(store_url):
    with Store(store_url) as s:
        for text, pub in (("B text.\n", "2024-01-02"), ("A text.\n", None),
                          ("C text.\n", "2023-05")):
            s.put_document(make_doc(text, published=pub))
        assert [d["published"] for d in s.list_documents()] == ["2023-05", "2024-01-02", None]


def test_read_only_store_reads_and_refuses_writes(store_url, article):
    import pytest

    with Store(store_url) as s:
        s.store_document(article, make_extraction(article))
    with Store(store_url, read_only=True) as ro:
        assert ro.counts()["documents"] == 1
        assert ro.search_sentences("tank", 5)
        with pytest.raises(StoreError, match="read-only"):
            ro.put_document(make_doc("Another text.\n"))


def test_document_found_by_source_file_name(store_url):
    import pytest

    with Store(store_url) as s:
        doc = make_doc("Seoul and Warsaw.\n", source="/data/in/03-embassy-plot.md")
        s.put_document(doc)
        assert s.resolve_document_id("03-embassy-plot.md") == doc.id
        assert s.resolve_document_id("in/03-embassy-plot.md") == doc.id
        with pytest.raises(NotFound):
            s.resolve_document_id("embassy-plot.md")  # a whole file name, not a fragment
