"""Exact and near-duplicate detection: syndicated copies are grouped so they never count twice.

A wire story reprinted by ten outlets is one source, not ten. Copies rarely match byte for
byte: outlets change the headline, trim the last paragraphs, or wrap the body in their own
boilerplate. So two articles are copies when their normalised texts are equal (exact), or when
most of the word shingles of the shorter one occur in the longer one (containment). Jaccard
similarity alone would miss a copy trimmed to half its length (Jaccard 0.5, containment 1.0);
containment never falls below Jaccard, so checking containment catches both.

Signatures are computed in numpy (:mod:`storylens.minhash`). Candidates come from MinHash LSH indexes (datasketch: an LSH Ensemble for containment, plain
LSH for Jaccard), which find likely pairs without comparing every pair; each candidate pair is then confirmed on the exact
shingle sets, so the LSH estimate only decides what gets checked, never the verdict.
"""

from __future__ import annotations

import functools
import hashlib
import math
import re
from collections.abc import Callable, Sequence
from datetime import UTC, datetime

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH, MinHashLSHEnsemble

from storylens import lsh_pairs
from storylens.config import DedupConfig
from storylens.minhash import Permutations, shingle_hashes
from storylens.records import Article

_WORD = re.compile(r"\w+")
MIN_SHINGLES = 10
"""A text with fewer shingles is only matched exactly: a sentence or two shared by two articles
(a common quote, a stock phrase) must not make a short text a 'copy' of a long one."""
_LSH_PARTITIONS = 16
PARTIAL_COPY_SHARE = 0.5
"""A page that shares this much of its shingles with another *and* at least
``PARTIAL_COPY_SHINGLES`` of them carries a long verbatim passage of it: a wire story with the
page's own paragraphs around it is still the same source, not a second one."""
PARTIAL_COPY_SHINGLES = 120
"""About 120 words copied verbatim: more than any quotation two reports share (benchmarks/
dedup_quality.py: precision 1.0, recall 0.900 -> 0.936 with this rule; at 80 shingles four
same-event reports merge, and a plain 0.5 threshold falls to precision 0.17)."""


def normalise(text: str) -> str:
    """The text as compared: casefolded, punctuation dropped, whitespace collapsed."""
    return " ".join(_WORD.findall(text.casefold()))


def shingles(words: Sequence[str], size: int) -> set[str]:
    """Overlapping runs of ``size`` words; a text shorter than that is one shingle."""
    if len(words) <= size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


def containment(a: set[str], b: set[str]) -> float:
    """Share of the smaller set found in the larger one (1.0 for a trimmed copy)."""
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    if not small:
        return 0.0
    return len(small & large) / len(small)


def is_copy(a: set[str], b: set[str], threshold: float) -> bool:
    """Most of the shorter text is in the longer one, or a long passage of it is (see
    ``PARTIAL_COPY_SHARE``)."""
    share = containment(a, b)
    if share >= threshold:
        return True
    return share >= PARTIAL_COPY_SHARE and len(a & b) >= PARTIAL_COPY_SHINGLES


Signer = Callable[[list[str], set[str], DedupConfig], MinHash | LeanMinHash]
"""The MinHash of a text from its normalised words and their shingles."""


@functools.cache
def _permutations(num_perm: int) -> Permutations:
    return Permutations(num_perm)


def numpy_minhash(words: list[str], sets: set[str], config: DedupConfig) -> LeanMinHash:
    """The signature computed in numpy (``storylens.minhash``) from the words, wrapped for the
    datasketch indexes (which only read its values)."""
    sig = _permutations(config.num_perm).signature(shingle_hashes(words, config.shingle_words))
    return LeanMinHash(seed=1, hashvalues=sig, scheme="affine64")


def datasketch_minhash(words: list[str], sets: set[str], config: DedupConfig) -> MinHash:
    """datasketch's signature (sha1 of every shingle): the reference the numpy one is
    measured against (benchmarks/scale.py --dedup)."""
    mh = MinHash(num_perm=config.num_perm)
    mh.update_batch([s.encode("utf-8") for s in sets])
    return mh


def sort_time(published: datetime | None) -> float:
    """A comparable timestamp; naive datetimes are read as UTC, unknown dates sort last."""
    if published is None:
        return float("inf")
    if published.tzinfo is None:
        published = published.replace(tzinfo=UTC)
    return published.timestamp()


def mark_duplicates(
    articles: list[Article], config: DedupConfig, *, signer: Signer | None = None
) -> list[Article]:
    """Return the articles in input order, copies carrying ``duplicate_of`` = their canonical id.

    ``signer`` makes the MinHash of a text (default: ``numpy_minhash``); it decides only which
    pairs are checked, never the verdict.

    The canonical article of a group is the earliest published (the likely origin of the
    wire copy), then the longest (the least trimmed), then the first given.
    """
    signer = signer or numpy_minhash
    n = len(articles)
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i: int, j: int) -> None:
        ri, rj = find(i), find(j)
        if ri != rj:
            parent[max(ri, rj)] = min(ri, rj)

    normalised = [normalise(a.text) for a in articles]
    first_with_text: dict[str, int] = {}
    for i, norm in enumerate(normalised):
        if not norm:
            continue
        digest = hashlib.sha1(norm.encode("utf-8")).hexdigest()
        if digest in first_with_text:
            union(first_with_text[digest], i)
        else:
            first_with_text[digest] = i

    # Near duplicates: one representative per exact group is enough.
    reps = sorted(first_with_text.values())
    words = {i: normalised[i].split() for i in reps}
    sets = {i: shingles(words[i], config.shingle_words) for i in reps}
    reps = [i for i in reps if len(sets[i]) >= MIN_SHINGLES]
    for i, j in _candidate_pairs(reps, words, sets, config, PARTIAL_COPY_SHARE, signer):
        if is_copy(sets[i], sets[j], config.threshold):
            union(i, j)

    groups: dict[int, list[int]] = {}
    for i in range(n):
        groups.setdefault(find(i), []).append(i)
    canonical_of: dict[int, int] = {}
    for members in groups.values():
        if len(members) < 2:
            continue
        head = min(
            members,
            key=lambda i: (sort_time(articles[i].published), -len(normalised[i]), i),
        )
        for i in members:
            if i != head:
                canonical_of[i] = head

    return [
        a.model_copy(update={"duplicate_of": articles[canonical_of[i]].id})
        if i in canonical_of
        else a
        for i, a in enumerate(articles)
    ]


def _candidate_pairs(
    reps: list[int],
    words: dict[int, list[str]],
    sets: dict[int, set[str]],
    config: DedupConfig,
    floor: float,
    signer: Signer,
) -> set[tuple[int, int]]:
    """Pairs whose estimated containment (either way) reaches the threshold, as (low, high):
    those of ``datasketch_pairs``, found in numpy (``storylens.lsh_pairs``)."""
    if len(reps) < 2:
        return set()
    sig = np.stack([signer(words[i], sets[i], config).hashvalues for i in reps]).astype(np.uint64)
    pairs = lsh_pairs.candidate_pairs(
        sig,
        sizes=[len(sets[i]) for i in reps],
        indexed_sizes=[_size_bucket(len(sets[i])) for i in reps],
        containment=_ensemble_threshold(config, floor),
        jaccard=config.threshold,
        num_part=min(_LSH_PARTITIONS, len(reps)),
    )
    return {(reps[a], reps[b]) for a, b in pairs}


def _ensemble_threshold(config: DedupConfig, floor: float) -> float:
    # The ensemble's estimate is loose; asking a little below the threshold costs a few extra
    # exact checks and loses fewer real copies.
    return max(0.05, min(config.threshold, floor) - 0.1)


def datasketch_pairs(
    reps: list[int],
    words: dict[int, list[str]],
    sets: dict[int, set[str]],
    config: DedupConfig,
    floor: float,
    signer: Signer,
) -> set[tuple[int, int]]:
    """The candidate pairs as datasketch's indexes give them: the reference ``lsh_pairs``
    is tested against (``tests/test_dedup.py``)."""
    if len(reps) < 2:
        return set()
    hashes = {i: signer(words[i], sets[i], config) for i in reps}
    ensemble = MinHashLSHEnsemble(
        threshold=_ensemble_threshold(config, floor),
        num_perm=config.num_perm,
        num_part=min(_LSH_PARTITIONS, len(reps)),
    )
    # Sizes rounded up to a geometric grid: the partitioning step costs the square of the number
    # of distinct sizes, and a larger indexed size only lowers the bar (more candidates).
    ensemble.index([(i, hashes[i], _size_bucket(len(sets[i]))) for i in reps])
    # Plain Jaccard LSH as well: the ensemble partitions by set size and can miss two
    # near-identical texts that fall into different partitions.
    jaccard = MinHashLSH(threshold=config.threshold, num_perm=config.num_perm)
    for i in reps:
        jaccard.insert(i, hashes[i])
    pairs: set[tuple[int, int]] = set()
    for i in reps:
        for j in [*ensemble.query(hashes[i], len(sets[i])), *jaccard.query(hashes[i])]:
            if j != i:
                pairs.add((min(i, j), max(i, j)))
    return pairs


def _size_bucket(size: int) -> int:
    return max(size, math.ceil(1.05 ** math.ceil(math.log(max(size, 1), 1.05))))
