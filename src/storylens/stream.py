"""Stories from a stream: each article joins an existing story or starts one, as it arrives.

A news feed never ends, so the batch method (all pairs, then agglomerative clustering) cannot
serve it: the stream keeps one summary per live story and compares a new article with those
summaries only. The similarity mixes the batch signals (``storylens.cluster``) against a story
as a whole, with the batch's length-dependent weights (``cluster.combine``): cosine(embedding,
story centroid), cosine(names, story name centroid), the mean keyword cosine with the story's
members, and the short-text bonus; the best story at or above ``config.stream_threshold`` wins.
The centroid cosine was measured against the mean pairwise similarity for embeddings and names
(BCubed F1 0.896 vs 0.874 on ECB+, 0.759 vs 0.731 on headlines, before consolidation existed;
benchmarks/RESULTS.md): a centroid is less noisy than a story's first few members. For keywords
the mean is better (ECB+ stream 0.849 with the centroid, 0.886 with the mean): the normalised
keyword centroid of a broad story holds its whole topic's vocabulary. Name and keyword idf come
from the articles seen so far (an arriving article cannot know the future), padded with the
general-English background of ``storylens.idf`` while they are fewer than
``idf.PRIOR_DOCUMENTS``, as a batch of that size is; a story's weights are computed again as
the stream grows (``REWEIGH_GROWTH``), since its first articles were weighed with the document
frequencies of a handful of articles.

A one-pass greedy assignment cannot undo an early split: when a story's first reports happen to
differ, two stories start and each grows its own followers. So every ``CONSOLIDATE_EVERY``
articles (and when a feed is done, ``consolidate()``) the stream runs batch average linkage
over its live stories: two stories merge when each is the other's closest by the mean
similarity over their members' pairs and that mean reaches ``config.threshold``, the batch
threshold. Merging mutual nearest pairs until none is left is exact average linkage, so a
stream consolidated at its end matches batch clustering started from its stories. The older
story (the one created first) keeps its id; the younger id is recorded in ``merged_into`` so
that a caller holding it can follow it (``resolve``).

Cost stays sub-linear in the number of live stories: while there are few (below
``exact_below``), one matrix product against every live centroid is both exact and faster than
an index; beyond that, candidates come from an approximate nearest-neighbour index (usearch
HNSW) over the story centroids. The stories that share the article's rarest names (an inverted
index) are candidates as well, and only candidates are scored exactly. Memory stays bounded: a
story not updated for ``config.window_days`` (of published time) goes dormant and is dropped
from the index and from memory; only its id lives on in what ``add`` returned (and, if it
absorbed others, in ``merged_into``, one pair of ids per merge).

Ids are stable: a story is named after its first article and never renamed; a merge retires
the younger id and says where it went.
"""

from __future__ import annotations

import hashlib
import heapq
import math
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache, lru_cache
from operator import mul
from typing import Any

import numpy as np
import numpy.typing as npt
from scipy.sparse import csr_matrix
from usearch.index import Index

from storylens.cluster import (
    ATTACH_FLOOR,
    ATTACH_MARGIN,
    KEYWORDS,
    combine,
    keywords,
    lead_text,
    names,
    shortness,
)
from storylens.config import ClusterConfig
from storylens.dedup import sort_time
from storylens.idf import idfs
from storylens.nlp import Models
from storylens.records import Article

Vector = npt.NDArray[np.float32]

ANN_CANDIDATES = 16
"""Stories fetched by embedding per article; more only adds exact scoring work."""
NAME_CANDIDATES = 3
"""The article's rarest names whose stories are scored as well: two reports sharing unusual names
can be far apart in embedding space (e.g. a headline and a long body)."""
MAX_POSTINGS = 64
"""Stories kept per name in the inverted index (the most recent); a name in more live stories
than that is common and carries little evidence anyway."""
EXACT_BELOW = 2048
"""Up to this many live stories, candidates come from one exact matrix product over all live
centroids (microseconds for a few hundred); above it, from the usearch index."""
CONSOLIDATE_EVERY = 1000
"""Articles between two consolidations: one page of a feed (``grouping.STREAM_PAGE``). Merges
are final, and between small young stories the mean similarity is a noisy estimate: on ECB+
consolidating every 200 articles merged three pairs of same-kind events the full data keeps
apart (stream 0.891; every 1,000: 0.915, batch 0.919); headlines 0.838 vs 0.829 (batch 0.821)."""
MERGE_NEIGHBOURS = 8
"""Nearest stories (by centroid embedding) each story is compared with when consolidating."""
MERGE_NAMES = 5
"""The stories sharing one of a story's heaviest names are compared with it as well: between
full texts the lead embedding is the weakest signal, and 8 embedding neighbours missed a
Multi-News story's other half (stream 0.920 without, 0.932 with)."""
REWEIGH_GROWTH = 1.5
"""A story's name and keyword weights are computed again once the stream has seen this many
times the articles it had when they were computed (so each story is reweighed a few times at
most, and seldom once the stream is long). Multi-News stream 0.917 -> 0.932 (= batch)."""


@cache
def _blas() -> Any:
    """The process's BLAS thread pools (created once: finding them scans the loaded libraries)."""
    from threadpoolctl import ThreadpoolController  # type: ignore[import-untyped]

    return ThreadpoolController()


@contextmanager
def _one_blas_thread() -> Iterator[None]:
    """The stream's matrix products are small (a few dozen stories against a few thousand
    centroids), and a threaded BLAS spends more waking its threads than computing them: on
    the 2-core machine of the benchmarks a 20 x 1,500 x 256 product took 4.8 ms of CPU with two
    threads against 0.25 ms with one. The results are the same (a BLAS splits the output, not
    the sums, among its threads)."""
    with _blas().limit(limits=1, user_api="blas"):
        yield


@lru_cache(maxsize=256)
def _tf(count: int) -> float:
    """Sublinear term frequency, as ``cluster.tfidf_rows`` has it."""
    return 1.0 + math.log(count)


def feed_order(articles: list[Article]) -> list[Article]:
    """The order to stream a collection in: undated articles first (in input order), then the
    dated ones by publication time.

    An undated article has no time, so it may belong with any story; streamed last it could
    join only the stories still live at the feed's end (the last ``window_days``), and the
    reports of an earlier event would start stories of their own. Streamed first, they are
    what the feed already holds when its dated part begins (ECB+ through ``storylens cluster
    --stream``, 49 of 572 articles dated by the cleaner: 0.853 undated-last, see
    benchmarks/results/issue-17.md)."""
    return sorted(articles, key=lambda a: (a.published is not None, sort_time(a.published)))


@dataclass
class _Story:
    id: str
    key: int
    slot: int
    emb_sum: Vector
    names: dict[str, float] = field(default_factory=dict)
    names_sq: float = 0.0
    words: dict[str, float] = field(default_factory=dict)
    words_sq: float = 0.0
    terms: list[tuple[Counter[str], Counter[str]]] = field(default_factory=list)
    """Each member's raw name and keyword counts, to weigh them again as the idf matures."""
    weighed_at: int = 0
    rows: dict[bool, tuple[npt.NDArray[np.int64], npt.NDArray[np.float32]]] = field(
        default_factory=dict
    )
    """Cached sparse rows of ``names`` (False) and ``words`` (True); cleared when they change."""
    """Articles the stream had seen when the oldest of the story's weights was computed."""
    short_sum: float = 0.0
    count: int = 0
    last_seen: float = -math.inf
    first_dated: float = math.inf
    last_dated: float = -math.inf
    dated: int = 0
    """Members with a publication time, and the range of their times."""
    articles: list[str] = field(default_factory=list)

    def names_norm(self) -> float:
        return math.sqrt(self.names_sq) or 1.0

    def words_norm(self) -> float:
        return float(self.count) or 1.0


class StoryStream:
    """Assigns articles to stories one at a time, in (roughly) publication order.

    ``add(article)`` returns the story id; ``add_many`` does the same for a batch (one embedding
    call, so faster) and assigns in the given order. Undated articles are compared with every
    live story and do not move the stream's clock. An id returned earlier may later be merged
    into an older story: ``resolve(id)`` gives the id it now goes by.
    """

    def __init__(
        self,
        models: Models,
        config: ClusterConfig | None = None,
        *,
        exact_below: int = EXACT_BELOW,
        consolidate_every: int = CONSOLIDATE_EVERY,
    ) -> None:
        self.models = models
        self.config = config or ClusterConfig()
        self.window = self.config.window_days * 86400.0
        self.exact_below = exact_below
        self.consolidate_every = consolidate_every
        self.clock = -math.inf
        self.seen = 0
        self.dormant = 0
        self.merged_into: dict[str, str] = {}
        """Retired story id -> the id of the story it was merged into (which may be retired too)."""
        self._stories: dict[int, _Story] = {}
        self._story_of_article: dict[str, int] = {}
        self._postings: dict[str, list[int]] = {}
        self._df: Counter[str] = Counter()
        self._word_df: Counter[str] = Counter()
        self._columns: dict[str, int] = {}
        """Column of each name and keyword in the consolidation's sparse rows."""
        self._next_key = 0
        self._last_sweep = -math.inf
        # Unit centroid directions of live stories, one row per slot; slots are reused.
        self._dirs: Vector = np.zeros((0, 0), dtype=np.float32)
        self._slot_key = np.zeros(0, dtype=np.int64)
        self._free: list[int] = []
        self._index: Index | None = None
        self._dirty: set[int] = set()
        """Keys of stories changed since the last consolidation: only their pairs can change."""

    # --- public ---------------------------------------------------------------------------

    def add(self, article: Article) -> str:
        return self.add_many([article])[0]

    def add_many(self, articles: Iterable[Article]) -> list[str]:
        batch = list(articles)
        if not batch:
            return []
        embeddings = self.models.embed([lead_text(a) for a in batch])
        with _one_blas_thread():
            return [self._add(a, e) for a, e in zip(batch, embeddings, strict=True)]

    def resolve(self, story_id: str) -> str:
        """The id a story goes by now: itself, or the story it was (transitively) merged into."""
        seen = {story_id}
        while story_id in self.merged_into:
            story_id = self.merged_into[story_id]
            if story_id in seen:  # pragma: no cover - merges always go to an older story
                break
            seen.add(story_id)
        return story_id

    @property
    def live_stories(self) -> int:
        return len(self._stories)

    def members(self) -> dict[str, str]:
        """Article id -> story id for the articles of live (not dormant) stories."""
        return {a: self._stories[k].id for a, k in self._story_of_article.items()}

    def consolidate(self) -> list[tuple[str, str]]:
        """Merge live stories as batch average linkage would; returns (retired, kept) id pairs.

        Two stories merge when each is the other's closest (by the mean similarity of their
        members' pairs, the batch criterion) and that similarity reaches ``config.threshold``,
        the batch threshold. Merging mutual nearest pairs, pass after pass, is exact average
        linkage (the linkage is reducible), so a stream consolidated at its end groups its
        candidates as batch clustering would, while never splitting what it already merged.
        """
        with _one_blas_thread():
            return self._consolidate()

    def _consolidate(self) -> list[tuple[str, str]]:
        merges: list[tuple[str, str]] = []
        for story in list(self._stories.values()):
            if self.seen >= REWEIGH_GROWTH * story.weighed_at:
                self._reweigh(story)
        while True:
            live = list(self._stories.values())
            changed = [i for i, s in enumerate(live) if s.key in self._dirty]
            self._dirty.clear()
            if len(live) < 2 or not changed:
                return merges + self._attach_lone_stories()
            pairs = self._close_pairs(live, changed, floor=self.config.threshold)
            best: dict[int, tuple[float, int]] = {}
            for sim, a, b in pairs:
                for one, other in ((a, b), (b, a)):
                    if (sim, -other.key) > best.get(one.key, (-math.inf, 0)):
                        best[one.key] = (sim, -other.key)
            merged: set[int] = set()
            for _, a, b in sorted(pairs, key=lambda p: (-p[0], p[1].key, p[2].key)):
                mutual = best[a.key][1] == -b.key and best[b.key][1] == -a.key
                if not mutual or a.key in merged or b.key in merged:
                    continue
                merged.update((a.key, b.key))
                keep, gone = (a, b) if a.key < b.key else (b, a)
                self._merge(keep, gone)
                merges.append((gone.id, keep.id))
            if not merged:
                return merges + self._attach_lone_stories()
            # A close pair left unmerged because one side had a closer partner is looked at
            # again in the next pass, against the merged stories.
            self._dirty.update(s.key for _, a, b in pairs for s in (a, b) if s.key in self._stories)

    def _attach_lone_stories(self) -> list[tuple[str, str]]:
        """A story of one article joins the story it is clearly closest to, as in batch
        (``cluster.ATTACH_MARGIN``); returns (retired, kept) id pairs."""
        live = list(self._stories.values())
        lone = [i for i, s in enumerate(live) if s.count == 1]
        if len(live) < 2 or not lone:
            return []
        near: dict[int, list[tuple[float, _Story]]] = {}
        for sim, a, b in self._close_pairs(live, lone, floor=-math.inf):
            near.setdefault(a.key, []).append((sim, b))
            near.setdefault(b.key, []).append((sim, a))
        moves: list[tuple[_Story, _Story]] = []
        for i in lone:
            story = live[i]
            others = near.get(story.key, [])
            groups = [(sim, other) for sim, other in others if other.count > 1]
            if not groups:
                continue
            sim, target = max(groups, key=lambda p: (p[0], -p[1].key))
            runner_up = max([0.0, *(x for x, other in others if other is not target)])
            if sim >= ATTACH_FLOOR and sim - runner_up >= ATTACH_MARGIN:
                moves.append((story, target))
        merges: list[tuple[str, str]] = []
        for story, target in moves:
            if story.key not in self._stories or target.key not in self._stories:
                continue
            keep, gone = (story, target) if story.key < target.key else (target, story)
            self._merge(keep, gone)
            merges.append((gone.id, keep.id))
        return merges

    # --- assignment -----------------------------------------------------------------------

    def _add(self, article: Article, emb: Vector) -> str:
        self.seen += 1
        t = sort_time(article.published)
        dated = math.isfinite(t)
        if dated and t > self.clock:
            self.clock = t
            if self.clock - self._last_sweep > self.window / 8:
                # A slow feed is consolidated on its clock too, not only every
                # CONSOLIDATE_EVERY articles: a day's split stories merge within the day.
                self._consolidate()
                self._sweep()
        terms = self._terms(article)
        vec = self._weigh(terms[0], words=False)
        kw = self._weigh(terms[1], words=True)
        short = float(shortness(len(article.text.split())))

        story: _Story | None = None
        if article.duplicate_of is not None:
            key = self._story_of_article.get(article.duplicate_of)
            story = self._stories.get(key) if key is not None else None
        if story is None:
            story = self._best(emb, vec, kw, short, t if dated else None)
        if story is None:
            story = self._new_story(article, emb)
        story.terms.append(terms)
        self._join(story, article, emb, vec, kw, short, t if dated else None)
        story_id = story.id
        if self.consolidate_every and self.seen % self.consolidate_every == 0:
            self._consolidate()
        return story_id

    def _terms(self, article: Article) -> tuple[Counter[str], Counter[str]]:
        """The article's name and keyword counts, added to the document frequencies."""
        text = f"{article.title or ''}\n{article.text}"
        counts, words = names(text), keywords(text)
        self._df.update(counts.keys())
        self._word_df.update(words.keys())
        return counts, words

    def _weigh(self, counts: Counter[str], *, words: bool) -> dict[str, float]:
        """Unit TF-IDF weights with the idf of the articles seen so far (keywords: the
        ``KEYWORDS`` heaviest only), as ``cluster.tfidf_rows`` weighs a batch."""
        df = self._word_df if words else self._df
        terms = list(counts)
        scores = np.array(idfs(terms, list(map(df.__getitem__, terms)), self.seen))
        negative = -np.fromiter(map(_tf, counts.values()), np.float64, len(terms)) * scores
        if words and len(terms) > KEYWORDS:
            # The same list as sorted(pairs)[:KEYWORDS]: only the words that can be among the
            # heaviest (ties at the cut included) are sorted.
            cut = np.partition(negative, KEYWORDS - 1)[KEYWORDS - 1]
            heavy = np.flatnonzero(negative <= cut).tolist()
            pairs = [(float(negative[i]), terms[i]) for i in heavy]
            weighed = sorted(pairs)[:KEYWORDS]
        else:
            weighed = sorted(zip(negative.tolist(), terms, strict=True))
        norm = math.sqrt(sum(v * v for v, _ in weighed)) or 1.0
        return {w: -v / norm for v, w in weighed}

    def _reweigh(self, story: _Story) -> None:
        """Recompute the story's name and keyword sums with today's idf: the first articles of
        a stream were weighed with the document frequencies of a handful of articles (ECB+
        stream 0.893 -> see benchmarks/results/issue-17.md)."""
        story.names, story.words = {}, {}
        story.rows.clear()
        story.names_sq = story.words_sq = 0.0
        for counts, words in story.terms:
            for w, v in self._weigh(counts, words=False).items():
                story.names[w] = story.names.get(w, 0.0) + v
            for w, v in self._weigh(words, words=True).items():
                story.words[w] = story.words.get(w, 0.0) + v
        story.names_sq = sum(v * v for v in story.names.values())
        story.words_sq = sum(v * v for v in story.words.values())
        story.weighed_at = self.seen
        self._dirty.add(story.key)

    def _share_in_window(self, story: _Story, t: float | None) -> float:
        """The share of the story's members an article published at ``t`` may pair with.

        In batch a pair of dated articles further apart than the window has similarity 0 and
        counts as such in the average; a story's mean similarity to the article is scaled the
        same way, taking the story's dated members as one range (all near when ``t`` is within
        the window of it, all too far otherwise). Undated members always count.
        """
        if t is None or not story.dated:
            return 1.0
        if story.first_dated - self.window <= t <= story.last_dated + self.window:
            return 1.0
        return (story.count - story.dated) / story.count

    def _nearest(self, emb: Vector, k: int) -> list[int]:
        """Keys of the (about) k live stories whose centroids are nearest to ``emb``."""
        if not self._stories:
            return []
        if self._index is not None:
            return [int(key) for key in self._index.search(emb, k, threads=1).keys]
        used = self._slot_key >= 0
        cos = self._dirs @ emb
        cos[~used] = -np.inf
        top = np.argpartition(-cos, k)[:k] if k < len(self._stories) else np.flatnonzero(used)
        return [int(key) for key in self._slot_key[top] if key >= 0]

    def _candidates(self, emb: Vector, vec: dict[str, float]) -> list[_Story]:
        found = set(self._nearest(emb, ANN_CANDIDATES))
        rare = heapq.nsmallest(NAME_CANDIDATES, vec, key=self._df.__getitem__)
        for w in rare:
            found.update(self._postings.get(w, ()))
        return [self._stories[k] for k in sorted(found) if k in self._stories]

    def _best(
        self,
        emb: Vector,
        vec: dict[str, float],
        kw: dict[str, float],
        short: float,
        t: float | None,
    ) -> _Story | None:
        live = self._candidates(emb, vec)
        share = np.array([self._share_in_window(s, t) for s in live], dtype=np.float32)
        live = [s for s, x in zip(live, share, strict=True) if x > 0]
        share = share[share > 0]
        if not live:
            return None
        cos = self._dirs[[s.slot for s in live]] @ emb
        words, weights = list(vec), list(vec.values())
        shared = np.array(
            [
                sum(map(mul, weights, map(s.names.get, words, [0.0] * len(words)))) / s.names_norm()
                for s in live
            ],
            dtype=np.float32,
        )
        kw_words, kw_weights = list(kw), list(kw.values())
        shared_kw = np.array(
            [
                sum(map(mul, kw_weights, map(s.words.get, kw_words, [0.0] * len(kw_words))))
                / s.words_norm()
                for s in live
            ],
            dtype=np.float32,
        )
        story_short = np.array([s.short_sum / s.count for s in live], dtype=np.float32)
        sim = share * combine(cos, shared, shared_kw, np.minimum(short, story_short))
        best = int(np.argmax(sim))
        return live[best] if sim[best] >= self.config.stream_threshold else None

    # --- story bookkeeping ----------------------------------------------------------------

    def _new_story(self, article: Article, emb: Vector) -> _Story:
        key = self._next_key
        self._next_key += 1
        digest = hashlib.sha1(article.id.encode("utf-8")).hexdigest()[:12]
        story = _Story(
            id="s-" + digest,
            key=key,
            slot=self._take_slot(key, emb.shape[0]),
            emb_sum=emb * 0,
            weighed_at=self.seen,
        )
        self._stories[key] = story
        return story

    def _take_slot(self, key: int, ndim: int) -> int:
        if not self._free:
            old = len(self._slot_key)
            grown = max(64, 2 * old)
            dirs = np.zeros((grown, ndim), dtype=np.float32)
            dirs[:old] = self._dirs[:old] if old else 0.0
            self._dirs = dirs
            self._slot_key = np.concatenate([self._slot_key, np.full(grown - old, -1, np.int64)])
            self._free = list(range(grown - 1, old - 1, -1))
        slot = self._free.pop()
        self._slot_key[slot] = key
        return slot

    def _join(
        self,
        story: _Story,
        article: Article,
        emb: Vector,
        vec: dict[str, float],
        kw: dict[str, float],
        short: float,
        t: float | None,
    ) -> None:
        story.emb_sum += emb
        story.count += 1
        story.short_sum += short
        self._add_names(story, vec)
        self._add_words(story, kw)
        if t is not None:
            story.last_seen = max(story.last_seen, t)
            story.first_dated = min(story.first_dated, t)
            story.last_dated = max(story.last_dated, t)
            story.dated += 1
        elif not math.isfinite(story.last_seen):
            story.last_seen = self.clock
        story.articles.append(article.id)
        self._story_of_article[article.id] = story.key
        self._dirty.add(story.key)
        self._place(story)

    def _add_names(self, story: _Story, vec: dict[str, float]) -> None:
        story.rows.pop(False, None)
        for w, v in vec.items():
            old = story.names.get(w)
            if old is None:
                old = 0.0
                postings = self._postings.setdefault(w, [])
                postings.append(story.key)
                if len(postings) > MAX_POSTINGS:
                    del postings[0]
            story.names[w] = old + v
            story.names_sq += (old + v) ** 2 - old**2

    @staticmethod
    def _add_words(story: _Story, kw: dict[str, float]) -> None:
        story.rows.pop(True, None)
        for w, v in kw.items():
            old = story.words.get(w, 0.0)
            story.words[w] = old + v
            story.words_sq += (old + v) ** 2 - old**2

    def _place(self, story: _Story) -> None:
        """Refresh the story's centroid row (and index entry, when the index is in use)."""
        norm = float(np.linalg.norm(story.emb_sum)) or 1.0
        self._dirs[story.slot] = story.emb_sum / norm
        if self._index is not None:
            if story.key in self._index:
                self._index.remove(story.key)
            self._index.add(story.key, self._dirs[story.slot])
        elif len(self._stories) > self.exact_below:
            self._rebuild_index()

    def _rebuild_index(self) -> None:
        """A fresh index over the live stories (or none while they are few)."""
        self._index = None
        if len(self._stories) <= self.exact_below:
            return
        self._index = Index(ndim=self._dirs.shape[1], metric="cos", dtype="f32")
        live = list(self._stories.values())
        self._index.add(
            np.array([s.key for s in live], dtype=np.uint64),
            self._dirs[[s.slot for s in live]],
        )

    def _close_pairs(
        self, live: list[_Story], changed: list[int], *, floor: float
    ) -> list[tuple[float, _Story, _Story]]:
        """Pairs of live stories whose mean member similarity reaches ``floor``.

        Each changed story (an index into ``live``) is compared with its ``MERGE_NEIGHBOURS``
        nearest by centroid embedding and the stories sharing its ``MERGE_NAMES`` heaviest
        names; the name and keyword terms of all those pairs come from sparse row-wise
        products over the stories involved.
        """
        dirs = self._dirs[[s.slot for s in live]]
        k = min(MERGE_NEIGHBOURS + 1, len(live))
        if self._index is not None:
            pos = {s.key: i for i, s in enumerate(live)}
            near = [
                [
                    pos[int(key)]
                    for key in self._index.search(dirs[i], k, threads=1).keys
                    if key in pos
                ]
                for i in changed
            ]
        else:
            cos = dirs[changed] @ dirs.T
            near = np.argpartition(-cos, k - 1, axis=1)[:, :k].tolist()
        # Stories sharing a changed story's rarest names are candidates too: between full
        # texts the lead embeddings are the weakest signal (see cluster.py).
        pos_of = {s.key: i for i, s in enumerate(live)}
        for i, row in zip(changed, near, strict=True):
            for w in heapq.nlargest(MERGE_NAMES, live[i].names, key=live[i].names.__getitem__):
                row.extend(pos_of[key] for key in self._postings.get(w, ()) if key in pos_of)
        found = sorted(
            {
                (min(i, j), max(i, j))
                for i, row in zip(changed, near, strict=True)
                for j in row
                if i != j
            }
        )
        if not found:
            return []
        involved = sorted({i for pair in found for i in pair})
        row_of = {i: r for r, i in enumerate(involved)}
        stories = [live[i] for i in involved]
        a = np.array([row_of[i] for i, _ in found], dtype=np.int64)
        b = np.array([row_of[j] for _, j in found], dtype=np.int64)
        # Pairs of dated members further apart than the window count 0, as in batch (each
        # story's dated members taken as one range; undated members pair with anyone).
        lo = np.array([s.first_dated for s in stories], dtype=np.float64)
        hi = np.array([s.last_dated for s in stories], dtype=np.float64)
        dated = np.array([s.dated for s in stories], dtype=np.float64)
        with np.errstate(invalid="ignore"):
            gap = np.maximum(lo[a], lo[b]) - np.minimum(hi[a], hi[b])
            too_far = (dated[a] > 0) & (dated[b] > 0) & (gap > self.window)
        short = np.array([s.short_sum / s.count for s in stories], dtype=np.float32)
        # Average linkage, as in batch: the mean similarity over all pairs of members, from
        # the stories' summed unit vectors (sum_a . sum_b / (n_a n_b) per signal).
        count = np.array([s.count for s in stories], dtype=np.float32)
        pairs = count[a] * count[b]
        sums = np.stack([s.emb_sum for s in stories])
        name_rows = self._sum_matrix(stories, words=False)
        shared = np.asarray(name_rows[a].multiply(name_rows[b]).sum(axis=1)).ravel()
        word_rows = self._sum_matrix(stories, words=True)
        shared_kw = np.asarray(word_rows[a].multiply(word_rows[b]).sum(axis=1)).ravel()
        sim = combine(
            np.einsum("ij,ij->i", sums[a], sums[b]) / pairs,
            (shared / pairs).astype(np.float32),
            (shared_kw / pairs).astype(np.float32),
            np.minimum(short[a], short[b]),
        )
        sim[too_far] *= 1.0 - (dated[a] * dated[b] / pairs)[too_far]
        keep = np.flatnonzero(sim >= floor)
        return [(float(sim[p]), stories[a[p]], stories[b[p]]) for p in keep]

    def _sum_matrix(self, stories: list[_Story], *, words: bool) -> csr_matrix:
        """The stories' summed name (or keyword) vectors of their members, one sparse row each.

        Each story's row is kept until its vector changes, in columns of one vocabulary for the
        whole stream, so a consolidation pass rebuilds only the stories that changed (this was
        45% of consolidation time)."""
        cols: list[npt.NDArray[np.int64]] = []
        vals: list[npt.NDArray[np.float32]] = []
        indptr = [0]
        vocab = self._columns
        for s in stories:
            row = s.rows.get(words)
            if row is None:
                summed = s.words if words else s.names
                for w in [w for w in summed if w not in vocab]:
                    vocab[w] = len(vocab)
                row = (
                    np.fromiter(map(vocab.__getitem__, summed), np.int64, len(summed)),
                    np.fromiter(summed.values(), np.float32, len(summed)),
                )
                s.rows[words] = row
            cols.append(row[0])
            vals.append(row[1])
            indptr.append(indptr[-1] + len(row[0]))
        return csr_matrix(
            (np.concatenate(vals), np.concatenate(cols), np.asarray(indptr)),
            shape=(len(stories), max(1, len(vocab))),
        )

    def _merge(self, keep: _Story, gone: _Story) -> None:
        keep.emb_sum += gone.emb_sum
        keep.count += gone.count
        keep.short_sum += gone.short_sum
        keep.last_seen = max(keep.last_seen, gone.last_seen)
        keep.first_dated = min(keep.first_dated, gone.first_dated)
        keep.last_dated = max(keep.last_dated, gone.last_dated)
        keep.dated += gone.dated
        for w in gone.names:
            postings = self._postings.get(w)
            if postings is not None and gone.key in postings:
                postings.remove(gone.key)
        self._add_names(keep, gone.names)
        self._add_words(keep, gone.words)
        keep.terms.extend(gone.terms)
        keep.weighed_at = min(keep.weighed_at, gone.weighed_at)
        for a in gone.articles:
            self._story_of_article[a] = keep.key
        keep.articles.extend(gone.articles)
        self._dirty.add(keep.key)
        self._drop(gone)
        self._place(keep)
        self.merged_into[gone.id] = keep.id

    def _drop(self, story: _Story) -> None:
        del self._stories[story.key]
        self._dirty.discard(story.key)
        self._slot_key[story.slot] = -1
        self._dirs[story.slot] = 0.0
        self._free.append(story.slot)
        if self._index is not None and story.key in self._index:
            self._index.remove(story.key)

    def _sweep(self) -> None:
        """Drop stories not updated within the window: they can never be joined again."""
        self._last_sweep = self.clock
        cutoff = self.clock - self.window
        # A story holding an undated article stays: that article pairs with reports of any
        # time, as in batch (and a feed holds few of them). ECB+ through the CLI, 49 of 572
        # articles dated: stream 0.906 when such stories went dormant, see issue-17.md.
        gone = [s for s in self._stories.values() if s.dated == s.count and s.last_seen < cutoff]
        if not gone:
            return
        gone_keys = {s.key for s in gone}
        for story in gone:
            self._drop(story)
            for a in story.articles:
                # An id can be listed twice (byte-identical inputs share one id) or have moved
                # to a live story since: drop only the entry that still points here.
                if self._story_of_article.get(a) == story.key:
                    del self._story_of_article[a]
        self.dormant += len(gone)
        # A fresh index rather than removals: HNSW removal leaves tombstones behind.
        if self._index is not None:
            self._rebuild_index()
        # Only the names of the gone stories can list them: a story is posted under a name
        # when the name enters its vector, and its names never leave it (a reweigh changes
        # weights, not which names; a merge takes the retired story out of its postings).
        for w in {w for story in gone for w in story.names}:
            postings = self._postings.get(w)
            if postings is None:
                continue
            kept = [k for k in postings if k not in gone_keys]
            if kept:
                self._postings[w] = kept
            else:
                del self._postings[w]
