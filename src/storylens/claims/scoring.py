"""How surely two statements state the same thing: the pair score (sentence embedding, soft
IDF-weighted word overlap, shared predicate, entity and number agreement)."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from storylens.claims.units import Unit, entity_agreement
from storylens.nlp import Models

# Weights of :func:`pair_score`. The entity and number terms were tuned on the sample coverage
# and the paraphrase pairs in tests/test_claims.py; the embedding weight and the two overlap
# terms on the ECB+ alignment gold, two-fold by topic (benchmarks/RESULTS.md, "Claims
# alignment"): the sentence embedding sees the topic, the soft word overlap sees the specific
# content, a shared predicate and the number of shared words say that the same thing is stated
# rather than the same subject discussed, a shared set of named entities lifts a paraphrase, a
# different set of numbers pushes look-alikes apart.
EMBEDDING_WEIGHT = 0.3
PREDICATE_BONUS = 0.1
"""Added when both sentences use the same content verb (reporting verbs do not count)."""
SHARED_WORDS_WEIGHT = 0.04
"""Times ``log(1 + shared content lemmas)``: two long sentences sharing six words are more
surely one statement than two short ones sharing two, at the same proportion of overlap."""
WORD_MATCH_FLOOR = 0.5
"""Word pairs less similar than this (static embeddings) count as no match at all."""
ENTITY_WEIGHT = 0.16
NUMBER_AGREE = 0.05
NUMBER_DISAGREE = 0.12

TOPIC_SHARE = 0.08
"""A content word used by at least this share of the story's statements is
one of its topic words ("lion", "park", "Nairobi" in a story of a lion shot near the park);
five at least, so that a handful of sentences has no topic words to discount."""


class WordMatcher:
    """Soft, IDF-weighted word overlap between sentences of one story.

    Each content word of one sentence is matched to its most similar word of the other
    (static word embeddings, so "help" finds "assistance"); similarities below
    ``WORD_MATCH_FLOOR`` count as zero and the rest are rescaled to [0, 1]. Words are weighted
    by a smoothed inverse document frequency over the story's sentences, ``log(1 + n / df)``,
    so the names every sentence of the story repeats ("Trump", "Iran") carry little and the
    specific content carries the match, without a story of two short articles counting the
    very words they share as noise. The score is the mean of both directions.
    """

    def __init__(self, units: list[Unit], models: Models) -> None:
        vocab = sorted({w for u in units for w in u.words})
        self.index = {w: k for k, w in enumerate(vocab)}
        self.vectors = models.embed(vocab) if vocab else np.zeros((0, 1), dtype=np.float32)
        n = len(units)
        df: dict[str, int] = {}
        for u in units:
            for w in u.words:
                df[w] = df.get(w, 0) + 1
        idf = np.zeros(len(vocab), dtype=np.float32)
        for w, k in self.index.items():
            idf[k] = float(np.log1p(n / df[w]))
        self.idf = idf
        self.topic = {w for w, c in df.items() if c >= max(5.0, TOPIC_SHARE * n)}

    def specific_shared(self, a: Unit, b: Unit) -> int:
        """Content words both sentences use that are not the story's topic words nor words
        of who is speaking; none when no shared word names a thing, party or act (describing
        words alone, "electric" and "inside", do not make one statement)."""
        shared = set(a.words) & set(b.words) - self.topic - a.source_words - b.source_words
        if not shared & a.naming & b.naming:
            return 0  # only describing words in common: "electric", "inside"
        return len(shared)

    def cover(self, a: Unit, b: Unit) -> float:
        """Share of the shorter sentence's content (its words weighted by IDF) that the other
        repeats word for word: a short report whose every specific word recurs in a longer
        one is restated there, however low the embedding puts the longer sentence."""
        wa, wb = self.weight(a), self.weight(b)
        shared = sum(self.idf[self.index[w]] for w in set(a.words) & set(b.words))
        smaller = min(wa, wb)
        return float(shared / smaller) if smaller > 0 else 0.0

    def similarity(self, one: str, other: str) -> float:
        """Cosine similarity of two of the story's content words (0 for a word not in it)."""
        if one not in self.index or other not in self.index:
            return 0.0
        return float(self.vectors[self.index[one]] @ self.vectors[self.index[other]])

    def weight(self, unit: Unit) -> float:
        return float(self.idf[self._ids(unit)].sum()) if unit.words else 0.0

    def _ids(self, unit: Unit) -> np.ndarray:
        return np.asarray([self.index[w] for w in unit.words], dtype=np.int64)

    def score(self, a: Unit, b: Unit) -> float:
        ia, ib = self._ids(a), self._ids(b)
        if len(ia) == 0 or len(ib) == 0:
            return 0.0
        sims = self.vectors[ia] @ self.vectors[ib].T
        sims = np.clip((sims - WORD_MATCH_FLOOR) / (1 - WORD_MATCH_FLOOR), 0.0, 1.0)
        wa, wb = self.idf[ia], self.idf[ib]
        forward = float((sims.max(axis=1) * wa).sum() / wa.sum())
        backward = float((sims.max(axis=0) * wb).sum() / wb.sum())
        return (forward + backward) / 2


ROLE_MATCH = 0.4
"""Two nouns filling one role of a shared verb are the same thing at this word similarity
(static embeddings) or more: "help" / "assistance" (0.47), "lion" / "animal" (0.43); the
different things seen on the crossoutlet dev gold score 0.15 at most ("order" / "warning",
"distribution" / "noise")."""


def roles_agree(
    a: Unit, b: Unit, predicate: str, similar: Callable[[str, str], float] | None = None
) -> bool:
    """Whether a verb both sentences use is said of the same things: no role (doer, undergoer,
    what one is ordered to do) that both fill is filled with different words ("issued
    evacuation orders" / "issued a hurricane warning", "the storm fell" / "rain may fall").
    ``similar`` (word similarity) lets a synonym fill the role ("offered assistance" /
    "offered him help")."""
    mine = {(r, n) for p, r, n in a.roles if p == predicate}
    theirs = {(r, n) for p, r, n in b.roles if p == predicate}
    for role in {r for r, _ in mine} & {r for r, _ in theirs}:
        if not any(
            x == y or (similar is not None and similar(x, y) >= ROLE_MATCH)
            for r1, x in mine
            if r1 == role
            for r2, y in theirs
            if r2 == role
        ):
            return False
    return True


def pair_score(
    cos: float, words: float, a: Unit, b: Unit, matcher: WordMatcher | None = None
) -> float:
    """How surely two sentences state the same thing.

    ``EMBEDDING_WEIGHT * cos + (1 - EMBEDDING_WEIGHT) * words`` (words: the soft overlap of
    :class:`WordMatcher`), plus PREDICATE_BONUS for a shared content verb and
    ``SHARED_WORDS_WEIGHT * log(1 + shared lemmas)`` (exact overlap: the soft overlap alone
    lets near-synonyms of a topic's vocabulary, "patch" and "flaw", pass for a restatement),
    plus ``ENTITY_WEIGHT * (agreement - 0.5)`` when either names an entity (same people and
    places gain up to 0.08, different ones lose as much), plus NUMBER_AGREE for a shared figure
    or minus NUMBER_DISAGREE when both give figures and none is shared.
    """
    score = EMBEDDING_WEIGHT * cos + (1 - EMBEDDING_WEIGHT) * words
    similar = matcher.similarity if matcher is not None else None
    if any(roles_agree(a, b, p, similar) for p in a.predicates & b.predicates):
        score += PREDICATE_BONUS
    shared = len(set(a.words) & set(b.words))
    score += SHARED_WORDS_WEIGHT * float(np.log1p(shared))
    agree = entity_agreement(a.entities, b.entities)
    if agree is not None:
        score += ENTITY_WEIGHT * (agree - 0.5)
    if a.numbers and b.numbers:
        # most of the figures of the sentence giving fewer must recur in the other: sharing an
        # age bracket ("under 50") while giving other percentages is two different findings
        shared_figures = len(a.numbers & b.numbers)
        if shared_figures * 2 >= min(len(a.numbers), len(b.numbers)):
            score += NUMBER_AGREE
        else:
            score -= NUMBER_DISAGREE
    return score
