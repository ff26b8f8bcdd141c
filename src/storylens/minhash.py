"""MinHash signatures in numpy: one vectorised pass per text instead of a hash call per shingle.

Word hashes are blake2b (stable across processes and machines, unlike Python's ``hash``), each
distinct word hashed once; a shingle hash mixes its words' hashes (splitmix64's finaliser),
so building a text's shingle hashes is a handful of array operations over its words. A
permutation is a multiply-add of the (already well mixed) shingle hash by an odd 64-bit
constant, modulo 2^64: a bijection, so the minimum over a set is a min-wise sample, and two
array operations per permutation instead of datasketch's sha1 per shingle in Python.

``storylens.dedup`` (the batch deduplicator) and ``storylens.scale.lsh`` (the store's and
Ray's band keys) both hash shingles here, so the two paths read the same words the same way.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

U64 = npt.NDArray[np.uint64]
_M1 = np.uint64(0xBF58476D1CE4E5B9)
_M2 = np.uint64(0x94D049BB133111EB)
_SHINGLE_MULT = np.array(
    [0x8CB92BA72F3D8DD7, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0xD6E8FEB86659FD93] * 4,
    dtype=np.uint64,
)
EMPTY = np.iinfo(np.uint64).max
"""The signature value of an empty set (no shingle can be smaller than it)."""


def mix(x: U64) -> U64:
    """splitmix64's finaliser: a bijection of uint64 that spreads every input bit."""
    x = x ^ (x >> np.uint64(30))
    x = x * _M1
    x = x ^ (x >> np.uint64(27))
    x = x * _M2
    return x ^ (x >> np.uint64(31))


_WORDS: dict[str, int] = {}
_WORDS_KEPT = 1 << 20
"""Word hashes remembered across texts (news vocabulary repeats; ~100 MB at most)."""


def _word_hash(word: str) -> int:
    h = int.from_bytes(hashlib.blake2b(word.encode("utf-8"), digest_size=8).digest(), "little")
    if len(_WORDS) >= _WORDS_KEPT:
        _WORDS.clear()
    _WORDS[word] = h
    return h


def word_hashes(words: Sequence[str]) -> U64:
    """A stable 64-bit hash per word (each distinct word hashed once, then remembered)."""
    get = _WORDS.get
    return np.array([get(w) or _word_hash(w) for w in words], dtype=np.uint64)


def shingle_hashes(words: Sequence[str], size: int) -> U64:
    """One 64-bit hash per distinct shingle of ``size`` words (the hashed ``dedup.shingles``;
    a text shorter than ``size`` words is one shingle)."""
    if not words:
        return np.zeros(0, dtype=np.uint64)
    w = word_hashes(words)
    if len(w) <= size:
        acc = np.zeros(1, dtype=np.uint64)
        for k in range(len(w)):
            acc = mix(acc ^ (w[k : k + 1] * _SHINGLE_MULT[k]))
        return acc
    n = len(w) - size + 1
    acc = np.zeros(n, dtype=np.uint64)
    for k in range(size):
        acc = mix(acc ^ (w[k : k + n] * _SHINGLE_MULT[k]))
    return np.unique(acc)


class Permutations:
    """``num_perm`` multiply-add permutations of uint64, fixed by ``seed`` (reproducible)."""

    def __init__(self, num_perm: int, seed: int = 1) -> None:
        rng = np.random.default_rng(seed)
        self.a = rng.integers(0, 2**63, size=num_perm, dtype=np.uint64) * np.uint64(2) + np.uint64(
            1
        )
        self.b = rng.integers(0, 2**63, size=num_perm, dtype=np.uint64)

    def signature(self, hashes: U64) -> U64:
        """The MinHash signature of a set of shingle hashes (``EMPTY`` everywhere when empty)."""
        if hashes.size == 0:
            return np.full(self.a.size, EMPTY, dtype=np.uint64)
        out = np.full(self.a.size, EMPTY, dtype=np.uint64)
        # In chunks of shingles, so the (shingles x permutations) product stays in cache.
        for lo in range(0, hashes.size, 256):
            part = hashes[lo : lo + 256, None] * self.a[None, :] + self.b[None, :]
            np.minimum(out, part.min(axis=0), out=out)
        return out
