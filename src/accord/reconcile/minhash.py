"""MinHash signatures, bit for bit those of datasketch 2's ``MinHash(num_perm, seed)``.

Why not datasketch itself: importing the package imports scipy (its LSH
classes integrate false-positive rates), about half a second that every
``accord add`` paid for one signature. Copy detection only needs the
signature: SHA-1 (first 4 bytes, little-endian) of each shingle, the
MurmurHash3 32-bit finalizer, then ``a * h + b`` modulo 2**32 with odd ``a``
(datasketch's default ``affine32`` scheme), and the minimum per permutation.

The persistent LSH index (:mod:`accord.reconcile.lshstore`) stores band hashes
of these signatures, so they must never drift from what stored indexes hold:
``tests/reconcile/test_minhash.py`` compares them with datasketch.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from functools import lru_cache

import numpy as np

_U32 = np.uint32
#: MurmurHash3 fmix32 shifts and multipliers.
_FMIX = (_U32(16), _U32(0x85EBCA6B), _U32(13), _U32(0xC2B2AE35), _U32(16))
_EMPTY = _U32(0xFFFFFFFF)


@lru_cache(maxsize=8)
def _permutations(num_perm: int, seed: int) -> np.ndarray:
    """(2, num_perm) array of ``a`` (odd) and ``b``, drawn as datasketch draws them."""
    gen = np.random.RandomState(seed)
    a = gen.randint(0, 1 << 31, num_perm, dtype=_U32) * _U32(2) + _U32(1)
    b = gen.randint(0, 1 << 32, num_perm, dtype=_U32)
    perms = np.array([a, b])
    perms.setflags(write=False)
    return perms


class MinHash:
    """The part of ``datasketch.MinHash`` accord uses: ``update_batch`` and ``hashvalues``."""

    def __init__(self, num_perm: int = 128, seed: int = 1):
        if num_perm < 1:
            raise ValueError("num_perm must be positive")
        self.num_perm = num_perm
        self.seed = seed
        self.permutations = _permutations(num_perm, seed)
        self.hashvalues = np.full(num_perm, _EMPTY, dtype=_U32)

    def copy(self) -> MinHash:
        """An independent copy (the permutations are shared: they are read-only)."""
        out = MinHash.__new__(MinHash)
        out.num_perm, out.seed, out.permutations = self.num_perm, self.seed, self.permutations
        out.hashvalues = self.hashvalues.copy()
        return out

    def update_batch(self, values: Iterable[bytes]) -> None:
        hv = np.array([int.from_bytes(hashlib.sha1(v).digest()[:4], "little") for v in values],
                      dtype=_U32).reshape(-1, 1)
        if not hv.size:
            return
        s1, m1, s2, m2, s3 = _FMIX
        hv = hv ^ (hv >> s1)
        hv = hv * m1
        hv = hv ^ (hv >> s2)
        hv = hv * m2
        hv = hv ^ (hv >> s3)
        a, b = self.permutations
        self.hashvalues = np.minimum(self.hashvalues, (hv * a + b).min(axis=0))
