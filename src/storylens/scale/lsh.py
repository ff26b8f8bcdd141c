"""Near-duplicate candidates by MinHash band keys, the same on one machine and on a cluster.

A store that grows cannot keep an LSH index in memory, and a cluster cannot share one: both
need candidates that come from a *key* per article, so that "which articles share a key" is a
SQL join (the store) or a group-by (Ray Data). Each article gets ``BANDS`` keys, one per band
of ``ROWS`` MinHash values of its word shingles (the banding of Leskovec et al., the pattern
NeMo Curator and text-dedup use), plus one key for its exact normalised text. Two articles
sharing any key are a candidate pair; the verdict is always the exact check of
``storylens.dedup`` (equal normalised text, shingle containment at ``DedupConfig.threshold``, or a
long verbatim passage: ``dedup.is_copy``),
so the keys decide only what is compared, never what is a copy.

Why 42 bands of 3: a copy trimmed to half its length has shingle Jaccard ~0.5 with its
original and becomes a candidate with probability 1 - (1 - 0.5^3)^42 = 0.996; at Jaccard 0.3
(trimmed to a third) 0.68; two different reports of one event (Jaccard ~0.05) 0.5 %, which the
exact check then rejects.

Shingles are hashed by :mod:`storylens.minhash` (as in the batch deduplicator); each of these
permutations is a splitmix64 of the shingle hash xor a seed (kept as it was: stored band keys
stay valid), so one article costs one vectorised pass.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Hashable, Iterable
from typing import TypeVar

import numpy as np
import numpy.typing as npt

from storylens.config import DedupConfig
from storylens.dedup import MIN_SHINGLES, is_copy, normalise, shingles
from storylens.minhash import U64, shingle_hashes
from storylens.minhash import mix as _mix

BANDS = 42
ROWS = 3
NUM_PERM = BANDS * ROWS
EXACT_BAND = BANDS
"""The band number of the exact-text key (after the MinHash bands)."""

_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_SEEDS = np.random.default_rng(20191).integers(0, 2**63, size=NUM_PERM, dtype=np.uint64)

K = TypeVar("K", bound=Hashable)


def signature(hashes: U64) -> U64:
    """The MinHash signature (``NUM_PERM`` values) of a set of shingle hashes."""
    if hashes.size == 0:
        return np.full(NUM_PERM, np.iinfo(np.uint64).max, dtype=np.uint64)
    return _mix(hashes[:, None] ^ _SEEDS[None, :]).min(axis=0)  # type: ignore[no-any-return]


def _signed(x: U64) -> npt.NDArray[np.int64]:
    """As signed 64-bit integers: what SQL BIGINT columns and Arrow int64 hold."""
    return x.view(np.int64)


def band_keys(text: str, config: DedupConfig) -> list[int]:
    """The article's candidate keys: one per MinHash band, plus its exact-text key.

    A text with fewer than ``MIN_SHINGLES`` shingles gets only the exact key, as in
    ``dedup.mark_duplicates`` (a shared sentence must not make a short text a copy).
    An empty text gets none.
    """
    norm = normalise(text)
    if not norm:
        return []
    exact = int.from_bytes(hashlib.sha1(norm.encode("utf-8")).digest()[:8], "little")
    keys = [_signed(_mix(np.array([exact ^ EXACT_BAND], dtype=np.uint64)))[0]]
    hashed = shingle_hashes(norm.split(), config.shingle_words)
    if hashed.size >= MIN_SHINGLES:
        sig = signature(hashed).reshape(BANDS, ROWS)
        band = np.arange(BANDS, dtype=np.uint64) * _GOLDEN
        for r in range(ROWS):
            band = _mix(band ^ sig[:, r])
        keys.extend(_signed(band).tolist())
    return [int(k) for k in keys]


class Verifier:
    """The exact copy test of ``storylens.dedup``, caching each text's shingles once."""

    def __init__(self, config: DedupConfig) -> None:
        self.config = config
        self._norm: dict[str, str] = {}
        self._sets: dict[str, set[str]] = {}

    def add(self, key: str, text: str) -> None:
        if key not in self._norm:
            norm = normalise(text)
            self._norm[key] = norm
            self._sets[key] = shingles(norm.split(), self.config.shingle_words)

    def __contains__(self, key: str) -> bool:
        return key in self._norm

    def is_copy(self, a: str, b: str) -> bool:
        if self._norm[a] == self._norm[b]:
            return bool(self._norm[a])
        sa, sb = self._sets[a], self._sets[b]
        if len(sa) < MIN_SHINGLES or len(sb) < MIN_SHINGLES:
            return False
        return is_copy(sa, sb, self.config.threshold)  # the batch verdict, long passages too

    def length(self, key: str) -> int:
        return len(self._norm[key])


def components(
    edges: Iterable[tuple[K, K]], order: Callable[[K], tuple[float, int, int]]
) -> dict[K, K]:
    """Connected components of the copy graph: member -> canonical (the member first in ``order``).

    Only members of components with two or more articles appear; the canonical maps to itself.
    """
    parent: dict[K, K] = {}

    def find(x: K) -> K:
        root = x
        while parent.get(root, root) != root:
            root = parent[root]
        while x != root:
            parent[x], x = root, parent[x]
        return root

    for a, b in edges:
        ra, rb = find(a), find(b)
        if ra != rb:
            first, second = (ra, rb) if order(ra) <= order(rb) else (rb, ra)
            parent[second] = first
        parent.setdefault(ra, ra)
        parent.setdefault(rb, rb)
    return {x: find(x) for x in parent}
