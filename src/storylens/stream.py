"""Stories from a stream: each article joins an existing story or starts one, as it arrives.

A news feed never ends, so the batch method (all pairs, then agglomerative clustering) cannot
serve it: the stream keeps one summary per live story and compares a new article with those
summaries only. The similarity mixes the batch signals (``storylens.cluster``) against a story
as a whole: ``EMBED_WEIGHT * cosine(embedding, story centroid) + (1 - EMBED_WEIGHT) *
cosine(names, story name centroid) + short-text bonus``; the best story at or above
``config.stream_threshold`` wins. The centroid cosine was measured against the mean pairwise
similarity (the average-linkage rule taken greedily): BCubed F1 0.896 vs 0.874 on ECB+ and
0.759 vs 0.731 on headlines, before consolidation existed (benchmarks/RESULTS.md), because a
story's centroid is less noisy than its first few members, which dominate a greedy average.

A one-pass greedy assignment cannot undo an early split: when a story's first reports happen to
differ, two stories start and each grows its own followers. So every ``CONSOLIDATE_EVERY``
articles the stream compares its live stories with each other, by the same centroid similarity,
and merges the pairs at or above ``config.merge_threshold``. The older story (the one created
first) keeps its id; the younger id is recorded in ``merged_into`` so that a caller holding it
can follow it (``resolve``).

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
import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from operator import mul

import numpy as np
import numpy.typing as npt
from scipy.sparse import csr_matrix
from usearch.index import Index

from storylens.cluster import EMBED_WEIGHT, SHORT_TEXT_BONUS, lead_text, names, shortness
from storylens.config import ClusterConfig
from storylens.dedup import sort_time
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
CONSOLIDATE_EVERY = 200
"""Articles between two consolidation passes (comparing live stories with each other)."""
MERGE_NEIGHBOURS = 8
"""Nearest stories (by centroid embedding) each story is compared with when consolidating."""


@dataclass
class _Story:
    id: str
    key: int
    slot: int
    emb_sum: Vector
    names: dict[str, float] = field(default_factory=dict)
    names_sq: float = 0.0
    short_sum: float = 0.0
    count: int = 0
    last_seen: float = -math.inf
    articles: list[str] = field(default_factory=list)

    def names_norm(self) -> float:
        return math.sqrt(self.names_sq) or 1.0


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
        """Merge live stories whose centroids are close; returns (retired id, kept id) pairs.

        A pass merges each story at most once, best pairs first, so it never chains a row of
        stories together through centroids that move while it runs; passes repeat over the
        merged stories until none is close enough to another.
        """
        merges: list[tuple[str, str]] = []
        while True:
            live = list(self._stories.values())
            changed = [i for i, s in enumerate(live) if s.key in self._dirty]
            self._dirty.clear()
            if len(live) < 2 or not changed:
                return merges
            done: set[int] = set()
            pairs = self._close_pairs(live, changed)
            for _, a, b in sorted(pairs, key=lambda p: (-p[0], p[1].key, p[2].key)):
                if a.key in done or b.key in done:
                    continue
                done.update((a.key, b.key))
                keep, gone = (a, b) if a.key < b.key else (b, a)
                self._merge(keep, gone)
                merges.append((gone.id, keep.id))

    # --- assignment -----------------------------------------------------------------------

    def _add(self, article: Article, emb: Vector) -> str:
        self.seen += 1
        t = sort_time(article.published)
        dated = math.isfinite(t)
        if dated and t > self.clock:
            self.clock = t
            if self.clock - self._last_sweep > self.window / 8:
                self._sweep()
        vec = self._name_vector(article)
        short = float(shortness(len(article.text.split())))

        story: _Story | None = None
        if article.duplicate_of is not None:
            key = self._story_of_article.get(article.duplicate_of)
            story = self._stories.get(key) if key is not None else None
        if story is None:
            story = self._best(emb, vec, short, t if dated else None)
        if story is None:
            story = self._new_story(article, emb)
        self._join(story, article, emb, vec, short, t if dated else None)
        story_id = story.id
        if self.consolidate_every and self.seen % self.consolidate_every == 0:
            self.consolidate()
        return story_id

    def _name_vector(self, article: Article) -> dict[str, float]:
        counts = names(f"{article.title or ''}\n{article.text}")
        self._df.update(counts.keys())
        n = self.seen
        weights = {
            w: (1.0 + math.log(k)) * (math.log((1.0 + n) / (1.0 + self._df[w])) + 1.0)
            for w, k in counts.items()
        }
        norm = math.sqrt(sum(v * v for v in weights.values())) or 1.0
        return {w: v / norm for w, v in weights.items()}

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
        rare = sorted(vec, key=lambda w: self._df[w])[:NAME_CANDIDATES]
        for w in rare:
            found.update(self._postings.get(w, ()))
        return [self._stories[k] for k in sorted(found) if k in self._stories]

    def _best(
        self, emb: Vector, vec: dict[str, float], short: float, t: float | None
    ) -> _Story | None:
        live = self._candidates(emb, vec)
        if t is not None:
            live = [
                s for s in live if not math.isfinite(s.last_seen) or t - s.last_seen <= self.window
            ]
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
        story_short = np.array([s.short_sum / s.count for s in live], dtype=np.float32)
        sim = EMBED_WEIGHT * cos + (1.0 - EMBED_WEIGHT) * shared
        sim += SHORT_TEXT_BONUS * np.minimum(short, story_short)
        best = int(np.argmax(sim))
        return live[best] if sim[best] >= self.config.stream_threshold else None

    # --- story bookkeeping ----------------------------------------------------------------

    def _new_story(self, article: Article, emb: Vector) -> _Story:
        key = self._next_key
        self._next_key += 1
        digest = hashlib.sha1(article.id.encode("utf-8")).hexdigest()[:12]
        story = _Story(
            id="s-" + digest, key=key, slot=self._take_slot(key, emb.shape[0]), emb_sum=emb * 0
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
        short: float,
        t: float | None,
    ) -> None:
        story.emb_sum += emb
        story.count += 1
        story.short_sum += short
        self._add_names(story, vec)
        if t is not None:
            story.last_seen = max(story.last_seen, t)
        elif not math.isfinite(story.last_seen):
            story.last_seen = self.clock
        story.articles.append(article.id)
        self._story_of_article[article.id] = story.key
        self._dirty.add(story.key)
        self._place(story)

    def _add_names(self, story: _Story, vec: dict[str, float]) -> None:
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
        self, live: list[_Story], changed: list[int]
    ) -> list[tuple[float, _Story, _Story]]:
        """Pairs of live stories whose centroid similarity reaches ``config.merge_threshold``.

        Each changed story (an index into ``live``) is compared with its ``MERGE_NEIGHBOURS``
        nearest by centroid embedding; the name cosines of all those pairs come from one sparse
        row-wise product over the stories involved.
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
        first = np.array([i for i, _ in found], dtype=np.int64)
        second = np.array([j for _, j in found], dtype=np.int64)
        seen = np.array([s.last_seen for s in live], dtype=np.float64)
        with np.errstate(invalid="ignore"):
            too_far = np.abs(seen[first] - seen[second]) > self.window
        short = np.array([s.short_sum / s.count for s in live], dtype=np.float32)
        name_rows = self._name_matrix([live[i] for i in involved])
        rows_a = name_rows[[row_of[int(i)] for i in first]]
        rows_b = name_rows[[row_of[int(j)] for j in second]]
        shared = np.asarray(rows_a.multiply(rows_b).sum(axis=1)).ravel()
        sim = EMBED_WEIGHT * np.einsum("ij,ij->i", dirs[first], dirs[second])
        sim += (1.0 - EMBED_WEIGHT) * shared
        sim += SHORT_TEXT_BONUS * np.minimum(short[first], short[second])
        sim[too_far] = -np.inf
        keep = np.flatnonzero(sim >= self.config.merge_threshold)
        return [(float(sim[p]), live[first[p]], live[second[p]]) for p in keep]

    @staticmethod
    def _name_matrix(live: list[_Story]) -> csr_matrix:
        """Unit-length name centroids of the stories, one sparse row each."""
        vocab: dict[str, int] = {}
        indptr = [0]
        cols: list[int] = []
        vals: list[float] = []
        for s in live:
            cols.extend(vocab.setdefault(w, len(vocab)) for w in s.names)
            norm = s.names_norm()
            vals.extend(v / norm for v in s.names.values())
            indptr.append(len(cols))
        return csr_matrix(
            (np.asarray(vals, np.float32), np.asarray(cols, np.int64), np.asarray(indptr)),
            shape=(len(live), max(1, len(vocab))),
        )

    def _merge(self, keep: _Story, gone: _Story) -> None:
        keep.emb_sum += gone.emb_sum
        keep.count += gone.count
        keep.short_sum += gone.short_sum
        keep.last_seen = max(keep.last_seen, gone.last_seen)
        for w in gone.names:
            postings = self._postings.get(w)
            if postings is not None and gone.key in postings:
                postings.remove(gone.key)
        self._add_names(keep, gone.names)
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
        gone = [s for s in self._stories.values() if s.last_seen < cutoff]
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
        for w in list(self._postings):
            kept = [k for k in self._postings[w] if k not in gone_keys]
            if kept:
                self._postings[w] = kept
            else:
                del self._postings[w]
