"""accord's MinHash must give datasketch's signatures: stored LSH band hashes depend on them."""

from __future__ import annotations

import numpy as np
import pytest

from accord.reconcile.minhash import MinHash
from accord.reconcile.textsim import minhash, shingles

TEXTS = [
    "The ministers met in Warsaw on Monday and signed a defence agreement worth $2.6bn.",
    "THE MINISTERS MET IN WARSAW ON MONDAY AND SIGNED A DEFENCE AGREEMENT.",
    "Officials denied the report; the embassy said no such plot existed.",
    "one two",
    "",
]


@pytest.mark.parametrize("num_perm", [16, 64, 128])
@pytest.mark.parametrize("text", TEXTS)
def test_signature_equals_datasketch(text: str, num_perm: int) -> None:
    datasketch = pytest.importorskip("datasketch")
    for k in (1, 3, 5):
        items = [s.encode("utf-8") for s in sorted(shingles(text, k))]
        ref = datasketch.MinHash(num_perm=num_perm, seed=1)
        ours = MinHash(num_perm=num_perm, seed=1)
        if items:
            ref.update_batch(items)
            ours.update_batch(items)
        assert ours.hashvalues.dtype == ref.hashvalues.dtype
        assert np.array_equal(ours.hashvalues, ref.hashvalues)


def test_textsim_minhash_is_deterministic_and_order_free() -> None:
    a = minhash(TEXTS[0], 3, 64).hashvalues
    b = minhash(TEXTS[0], 3, 64).hashvalues
    assert np.array_equal(a, b)
    m = MinHash(num_perm=64)
    m.update_batch([b"x", b"y"])
    n = MinHash(num_perm=64)
    n.update_batch([b"y"])
    n.update_batch([b"x"])
    assert np.array_equal(m.hashvalues, n.hashvalues)
    c = n.copy()
    c.update_batch([b"z"])
    assert np.array_equal(m.hashvalues, n.hashvalues)
    n.update_batch([b"z"])
    assert np.array_equal(c.hashvalues, n.hashvalues)
