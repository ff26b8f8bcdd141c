"""Aligned units grouped greedily into claims, best pair first, at most one sentence per
article, a merge checked against every cross pair so that groups do not chain."""

from __future__ import annotations

import numpy as np

from storylens.claims.checks import (
    different_amounts,
    different_figures,
    different_subjects,
    different_times,
    shares_specifics,
    states_same,
)
from storylens.claims.scoring import WordMatcher, pair_score
from storylens.claims.units import Unit

LINKAGE_MARGIN = 0.2
"""Two groups merge only if their sentences score, on average over all cross pairs, at least
the threshold minus this: one strong link is not enough to pull a whole group in."""

GROUPS_MARGIN = 0.0
"""Two groups of 2+ sentences each merge only when their cross pairs score, on average, as an
aligned pair does: each group already states its fact, and a long sentence holding two facts
("acquitted of murder charges ... but was found responsible ... in civil court") bridges
two rows that state different ones."""

COVER_MARGIN = 0.05
COVER_SHARE = 0.5
"""A pair scoring up to ``COVER_MARGIN`` below the threshold still aligns when the shorter
sentence's content (IDF-weighted) recurs word for word, for ``COVER_SHARE`` of it, in the other:
"Heath was booked on a $1 million bond." / "He is currently being held at the Fort Worth jail
with a $1 million bond." (crossoutlet dev, checked on each half of the stories:
benchmarks/results/issue-18.md)."""
MIN_COSINE = 0.45
"""Sentence pairs below this embedding similarity are never compared further (speed)."""


def figures_recur(one: list[Unit], other: list[Unit]) -> bool:
    """Whether two groups about to merge share a figure (rounding aside), when one is a row
    of 2+ sentences and both give figures: a row keeps its figures, and a sentence none of
    whose figures the row gives ("almost £14m" beside "20 per cent", "20%", "$19.6 million")
    reports another finding, whatever words it shares with the row. Two single sentences are
    left to the pair score, which already weighs their figures."""
    if max(len(one), len(other)) < 2:
        return True
    mine = [x for u in one for x in u.numbers]
    theirs = [y for u in other for y in u.numbers]
    if not mine or not theirs:
        return True
    return any(round(x) == round(y) for x in mine for y in theirs)


def align_units(
    units: list[Unit], embeddings: np.ndarray, matcher: WordMatcher, threshold: float
) -> list[list[int]]:
    """Groups of unit indices: greedy best-pair-first union, at most one sentence per article.

    Two sentences of one outlet may share a claim (a duplicate and its original do) but never
    corroborate each other: support counts outlets, not sentences. A merge also needs the
    average score over all cross pairs of the two groups (pairs never compared count as 0) to
    reach ``threshold - LINKAGE_MARGIN`` (``threshold - GROUPS_MARGIN`` when both groups
    already hold 2+ sentences): with single links only, a group grows by chaining (A like B, B
    like C, C merely topical to A), which on the ECB+ gold aligned one pair in nine of the
    topic's *other* event. Every cross pair must also pass :func:`states_same` and
    :func:`different_figures`, so a group of three never joins two pieces of a quotation or two
    sets of figures through a third sentence that holds both, and a row's figures must recur
    in what joins it (:func:`figures_recur`).
    """
    n = len(units)
    if n == 0:
        return []
    sims = embeddings @ embeddings.T
    scores: dict[tuple[int, int], float] = {}
    rows, cols = np.nonzero(np.triu(sims >= MIN_COSINE, k=1))
    for i, j in zip(rows.tolist(), cols.tolist(), strict=True):
        if units[i].article.id == units[j].article.id or not states_same(units[i], units[j]):
            continue
        if not shares_specifics(units[i], units[j], matcher):
            continue
        if different_figures(units[i], units[j]) or different_subjects(units[i], units[j]):
            continue
        if different_amounts(units[i], units[j]):
            continue
        if different_times(units[i], units[j]):
            continue
        scores[i, j] = pair_score(
            float(sims[i, j]), matcher.score(units[i], units[j]), units[i], units[j], matcher
        )
    candidates = sorted(
        (
            (s, i, j)
            for (i, j), s in scores.items()
            if s >= threshold
            or (s >= threshold - COVER_MARGIN and matcher.cover(units[i], units[j]) >= COVER_SHARE)
        ),
        key=lambda c: (-c[0], c[1], c[2]),
    )

    parent = list(range(n))
    members: dict[int, set[str]] = {i: {units[i].article.id} for i in range(n)}
    indices: dict[int, list[int]] = {i: [i] for i in range(n)}

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def linkage(ri: int, rj: int) -> float:
        cross = [scores.get((min(x, y), max(x, y)), 0.0) for x in indices[ri] for y in indices[rj]]
        return sum(cross) / len(cross)

    def compatible(ri: int, rj: int) -> bool:
        # every cross pair must be the same quotation and the same figures, not only the pair
        # that links them: a long sentence holding two quotations ("I imagine the price ... I
        # just think we have to start delineating ...") would otherwise join an outlet that
        # printed only the first to one that printed only the second. Shared specific words
        # are not asked of every pair: a paraphrase may share only the topic with a third
        # outlet's wording of the same fact.
        return all(
            (min(x, y), max(x, y)) in scores
            or (
                states_same(units[x], units[y])
                and not different_figures(units[x], units[y])
                and not different_amounts(units[x], units[y])
            )
            for x in indices[ri]
            for y in indices[rj]
        )

    for _, i, j in candidates:
        ri, rj = find(i), find(j)
        if ri == rj or members[ri] & members[rj]:
            continue
        if not figures_recur([units[x] for x in indices[ri]], [units[y] for y in indices[rj]]):
            continue
        margin = LINKAGE_MARGIN if min(len(indices[ri]), len(indices[rj])) == 1 else GROUPS_MARGIN
        if linkage(ri, rj) < threshold - margin or not compatible(ri, rj):
            continue
        parent[rj] = ri
        members[ri] |= members.pop(rj)
        indices[ri] += indices.pop(rj)

    groups: dict[int, list[int]] = {}
    for i in range(n):
        groups.setdefault(find(i), []).append(i)
    return list(groups.values())
