"""The copy-candidate band table: an add indexes only its own documents once every
stored document was indexed under the banding scheme, and a new scheme indexes all."""

from __future__ import annotations

from sqlalchemy import func, select

from accord.reconcile.lshstore import COMPLETE_KEY, LshIndex, copy_lsh, scheme
from accord.reconcile.settings import load_thresholds
from accord.store import Store
from accord.store import schema as S

from . import corpus

CFG = load_thresholds()["copies"]


def _indexed(store: Store, scheme: str) -> int:
    with store.connect() as conn:
        return int(conn.execute(select(func.count(func.distinct(copy_lsh.c.doc_id)))
                                .where(copy_lsh.c.scheme == scheme)).scalar() or 0)


def test_an_add_indexes_its_documents_and_a_new_scheme_indexes_every_one(built: Store) -> None:
    with built.connect() as conn:
        n_docs = int(conn.execute(select(func.count()).select_from(S.documents)).scalar() or 0)
        marker = conn.execute(select(S.config.c.value)
                              .where(S.config.c.key == COMPLETE_KEY)).scalar()
    assert marker == {"scheme": scheme(CFG)}
    assert _indexed(built, scheme(CFG)) == n_docs
    # Other banding (thresholds edited): the first add indexes every document again.
    other = {**CFG, "lsh_bands": 64, "lsh_rows": 4}
    with built.begin() as conn:
        assert LshIndex(conn, other).index_missing([corpus.visit().id]) == n_docs
    # Now complete under that scheme too: an add looks at its own documents only.
    with built.begin() as conn:
        conn.execute(copy_lsh.delete().where(copy_lsh.c.scheme == scheme(other),
                                             copy_lsh.c.doc_id == corpus.blog().id))
        assert LshIndex(conn, other).index_missing([corpus.visit().id]) == 0
        assert LshIndex(conn, other).index_missing([corpus.blog().id]) == 1
    assert _indexed(built, scheme(other)) == n_docs


def test_a_band_table_of_an_older_accord_gets_the_covering_index(built: Store) -> None:
    from sqlalchemy import inspect, text

    visit = corpus.visit().id
    with built.begin() as conn:
        before = LshIndex(conn, CFG).candidates(visit)
        # The band index as older accords made it.
        conn.execute(text("DROP INDEX ix_reconcile_copy_lsh_band_doc"))
        conn.execute(text("CREATE INDEX ix_reconcile_copy_lsh_band "
                          "ON reconcile_copy_lsh (band, scheme)"))
    with built.begin() as conn:
        index = LshIndex(conn, CFG)
        names = {ix["name"] for ix in inspect(conn).get_indexes("reconcile_copy_lsh")}
        assert "ix_reconcile_copy_lsh_band_doc" in names
        assert "ix_reconcile_copy_lsh_band" not in names
        assert index.candidates(visit) == before
    assert corpus.reprint().id in before
