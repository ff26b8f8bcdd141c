"""The candidate pairs of datasketch's LSH Ensemble and MinHash LSH, found with numpy.

``dedup`` asks two indexes which pairs to check: an LSH Ensemble (containment, partitioned by
set size) and a plain MinHash LSH (Jaccard). Building and querying them through datasketch
costs a Python call, a byte swap and a dict lookup per band per article and partition: 70 % of
``mark_duplicates`` at 3,000 articles. The answer is only "which pairs share a band": here
every band of every signature is hashed at once, equal band hashes are found by sorting, and
each pair is confirmed on the band's values, so the pairs are exactly datasketch's (same
partitions, same (b, r) per partition and query size, same bands), found in array operations.
``tests/test_dedup.py`` checks the two give the same pairs on real-derived articles.
"""

from __future__ import annotations

from collections import Counter

import numpy as np
import numpy.typing as npt
from datasketch import MinHashLSH, MinHashLSHEnsemble
from datasketch.lshensemble_partition import optimal_partitions

from storylens.minhash import U64, mix

I64 = npt.NDArray[np.int64]
_GOLDEN = 0x9E3779B97F4A7C15


def _band_hashes(sig: U64, r: int) -> U64:
    """One hash per band of ``r`` values: shape (rows, num_perm // r)."""
    bands = sig.shape[1] // r
    cut = sig[:, : bands * r].reshape(sig.shape[0], bands, r)
    acc = np.zeros((sig.shape[0], bands), dtype=np.uint64)
    for j in range(r):
        salt = np.uint64(_GOLDEN * (j + 1) % 2**64)  # each position its own salt
        acc = mix(acc ^ (cut[:, :, j] + salt))
    return acc


def _matches(
    sig: U64, hashes: U64, r: int, band: int, queries: I64, members: I64
) -> tuple[I64, I64]:
    """(query, member) pairs whose band ``band`` (of ``r`` values) is equal."""
    if queries.size == 0 or members.size == 0:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    keys = hashes[members, band]
    order = np.argsort(keys, kind="stable")
    sorted_keys = keys[order]
    q_keys = hashes[queries, band]
    lo = np.searchsorted(sorted_keys, q_keys, side="left")
    hi = np.searchsorted(sorted_keys, q_keys, side="right")
    counts = hi - lo
    if not counts.any():
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    q = np.repeat(queries, counts)
    starts = np.repeat(lo, counts)
    offsets = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
    m = members[order[starts + offsets]]
    span = slice(band * r, (band + 1) * r)
    same = (sig[q, span] == sig[m, span]).all(axis=1)  # a hash collision is not a match
    return q[same], m[same]


def candidate_pairs(
    sig: U64,
    sizes: list[int],
    indexed_sizes: list[int],
    containment: float,
    jaccard: float,
    num_part: int,
) -> set[tuple[int, int]]:
    """Pairs (low, high) of row numbers of ``sig`` that
    ``MinHashLSHEnsemble(containment, num_part=num_part)`` indexed with ``indexed_sizes`` and
    queried with ``sizes``, or ``MinHashLSH(jaccard)``, would return for some query."""
    n, num_perm = sig.shape
    if n < 2:
        return set()
    found_q: list[I64] = []
    found_m: list[I64] = []

    # The ensemble: datasketch's partitions of the indexed sizes and its (b, r) per query.
    ensemble = MinHashLSHEnsemble(threshold=containment, num_perm=num_perm, num_part=num_part)
    distinct, counts = np.array(sorted(Counter(indexed_sizes).most_common())).T
    uppers = [upper for _lower, upper in optimal_partitions(distinct, counts, num_part)]
    part = np.zeros(n, dtype=np.int64)
    current = 0
    for row in sorted(range(n), key=lambda k: indexed_sizes[k]):  # as ``index`` assigns them
        if indexed_sizes[row] > uppers[current]:
            current += 1
        part[row] = current
    query_sizes = np.asarray(sizes, dtype=np.float64)
    hashes: dict[int, U64] = {}
    rows = np.arange(n, dtype=np.int64)
    for p, upper in enumerate(uppers):
        members = rows[part == p]
        if members.size == 0:
            continue
        at = np.searchsorted(ensemble.xqs, float(upper) / query_sizes, side="left")
        params = ensemble.params[np.minimum(at, len(ensemble.params) - 1)]
        for r in np.unique(params[:, 1]).tolist():
            asking = params[:, 1] == r
            if r not in hashes:
                hashes[r] = _band_hashes(sig, r)
            for band in range(int(params[asking, 0].max())):
                queries = rows[asking & (params[:, 0] > band)]
                q, m = _matches(sig, hashes[r], r, band, queries, members)
                found_q.append(q)
                found_m.append(m)

    # Plain Jaccard LSH over every row: all of its bands.
    lsh = MinHashLSH(threshold=jaccard, num_perm=num_perm)
    if lsh.r not in hashes:
        hashes[lsh.r] = _band_hashes(sig, lsh.r)
    for band in range(lsh.b):
        q, m = _matches(sig, hashes[lsh.r], lsh.r, band, rows, rows)
        found_q.append(q)
        found_m.append(m)

    q_all, m_all = np.concatenate(found_q), np.concatenate(found_m)
    keep = q_all != m_all
    low, high = np.minimum(q_all, m_all)[keep], np.maximum(q_all, m_all)[keep]
    codes = np.unique(low * n + high)
    return {(int(c // n), int(c % n)) for c in codes}
