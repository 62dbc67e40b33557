"""Several processes writing one store at once lose nothing and duplicate nothing."""

from __future__ import annotations

import multiprocessing as mp
import random

from sqlalchemy import func, select

from accord.store import Store
from accord.store import schema as S

from .conftest import make_doc, make_extraction

TEXTS = [
    f"Poland and South Korea signed agreement number {i} in Seoul.\n"
    f"Officials from Poland and Korea described item {i} as routine.\n"
    for i in range(24)
]


def _writer(url: str, order: list[int], out: mp.Queue) -> None:  # type: ignore[type-arg]
    results = []
    with Store(url) as s:
        for i in order:
            doc = make_doc(TEXTS[i], source=f"w{i}.txt")
            results.append(s.store_document(doc, make_extraction(doc)))
        with s.exclusive("reconcile"):  # the lock must be acquirable by each in turn
            pass
    out.put(results)


def test_concurrent_writers_lose_and_duplicate_nothing(store_url):
    Store(store_url).close()  # create the schema once; writers race on data, not DDL
    ctx = mp.get_context("spawn")
    out = ctx.Queue()
    rng = random.Random(7)
    orders = []
    for _ in range(3):  # three writers, each storing every document, in its own order
        order = list(range(len(TEXTS)))
        rng.shuffle(order)
        orders.append(order)
    procs = [ctx.Process(target=_writer, args=(store_url, o, out)) for o in orders]
    for p in procs:
        p.start()
    results = [out.get(timeout=120) for _ in procs]
    for p in procs:
        p.join(timeout=60)
        assert p.exitcode == 0
    flat = [r for rs in results for r in rs]
    assert flat.count("added") == len(TEXTS)  # each document added by exactly one writer
    assert flat.count("exists") == 2 * len(TEXTS)
    with Store(store_url) as s, s.connect() as conn:
        c = s.counts()
        assert c["documents"] == len(TEXTS)
        assert c["sentences"] == 2 * len(TEXTS)
        assert c["mentions"] == 4 * len(TEXTS)
        assert c["event_mentions"] == c["claim_mentions"] == len(TEXTS)
        dup = conn.execute(
            select(S.mentions.c.document_id, S.mentions.c.start, func.count())
            .group_by(S.mentions.c.document_id, S.mentions.c.start)
            .having(func.count() > 1)).all()
        assert dup == []
