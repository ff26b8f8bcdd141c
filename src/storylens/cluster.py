"""Group articles into stories: same event = similar lead, shared names and words, close in time.

Three signals are combined, because each fails where another holds. Embeddings of the headline
and lead see that "Trump rejects Putin's offer" and "Putin called him to offer help" tell the
same thing in different words, but they also find two earthquakes alike. Names (people, places,
organisations, numbers) separate two events of the same kind, but are sparse in a headline.
Keywords (every content word, TF-IDF fitted on the articles being clustered, an article's
``KEYWORDS`` heaviest kept) carry what a full text says beyond its lead: two reports of one
event written from different angles share few lead words but many body words. Names and
keywords take their idf from ``storylens.idf``: the articles' own document frequencies, with a
collection smaller than ``idf.PRIOR_DOCUMENTS`` padded with general-English pseudo-articles, so
that a user's folder of five reports of one event does not weigh the event's own words least.

How much each signal is worth depends on the length of the texts (``weights``): between two
headlines the embedding carries most and keywords add nothing the names do not (measured: no
setting lifts headlines by more than half a point); between two full articles the static
embedding of a lead is the weakest signal (alone, BCubed F1 0.79 on ECB+ and 0.74 on
Multi-News, against 0.88 / 0.93 for names and 0.85 / 0.96 for keywords). So the weights move
linearly from ``HEADLINE_WEIGHTS`` (plus ``SHORT_TEXT_BONUS``) to ``FULL_TEXT_WEIGHTS`` with
the pair's shortness. Articles both dated and further apart than ``config.window_days`` have
similarity 0.

Names are capitalised tokens found by a regular expression, not spaCy entities: a run over
thousands of articles must not need the parser, and for telling stories apart "capitalised word
that is not a sentence-opening function word" is nearly as good as a named-entity tag (the idf
weights push down the capitalised words every article has).

Stories are built by average-linkage agglomerative clustering (scipy), cut where the average
similarity between two groups falls below ``config.threshold``. Average linkage can only merge
two groups if some pair across them reaches the threshold, so the articles are first split into
the connected components of the "similarity >= threshold" graph and each component is clustered
on its own: the same result as clustering everything at once, without an n x n matrix for the
whole corpus. An article the cut leaves alone then joins the story it is clearly closest to
(``ATTACH_MARGIN``): a report from another angle shares fewer words with its story than the
threshold asks, yet far more than with any other story.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter

import numpy as np
import numpy.typing as npt
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import connected_components
from scipy.spatial.distance import squareform

from storylens.config import ClusterConfig
from storylens.dedup import normalise, sort_time
from storylens.idf import idfs
from storylens.nlp import Models
from storylens.records import Article, Story

EMBED_WEIGHT = 0.4
"""Share of the similarity of two headlines that comes from the lead embeddings; the rest
comes from names (``HEADLINE_WEIGHTS``)."""
HEADLINE_WEIGHTS = (EMBED_WEIGHT, 1.0 - EMBED_WEIGHT, 0.0)
"""(embedding, names, keywords) between two headline-sized texts (issue 5's measured mix)."""
FULL_TEXT_WEIGHTS = (0.2, 0.8, 0.5)
"""(embedding, names, keywords) between two full articles, at the same threshold: chosen on
ECB+ and Multi-News dev (grid in benchmarks/results/issue-17.md, split-half checked)."""
KEYWORDS = 40
"""Heaviest TF-IDF words kept per article: the rest is the long tail a full text has of words
that say nothing about its event (better than all words: 0.955 vs 0.946 alone on Multi-News),
and it bounds the cost of a story's keyword centroid when streaming."""
SHORT_TEXT_BONUS = 0.25
"""Added to the similarity of two texts without a real body (headlines, feed teasers): with a
dozen words, two reports of one event share few names and their embeddings agree less, so the
same threshold would split every headline-only story. Measured on headline and full-text sets."""
SHORT_TEXT_WORDS = (20, 60)
"""The bonus is full when both texts have at most the first count of words, none when either has
the second or more (a headline next to a full article gets none), linear between."""
ATTACH_FLOOR = 0.2
"""Least mean similarity at which an article left alone may join a story (``ATTACH_MARGIN``)."""
ATTACH_MARGIN = 0.1
"""How far the story a lone article joins must be ahead of the next closest story or article.
BCubed F1 ECB+ / Multi-News without attaching 0.918 / 0.932; margin 0.05: 0.932 / 0.950; 0.1:
0.929 / 0.954; 0.15: 0.925 / 0.944 (the floor matters little between 0.1 and 0.3); headlines
unchanged at 0.821 for all. A lone article torn between the two events of one kind stays alone."""
ATTACH_CANDIDATES = 8
"""Nearest articles whose stories a lone article is compared with."""
LEAD_SENTENCES = 3
LEAD_CHARS = 600
_BLOCK = 2048

Matrix = npt.NDArray[np.float32]

_SENTENCE_END = re.compile(r"(?<=[^\s.A-Z][.!?…])[\"'”’)]*\s+|\n\s*\n")
_NAME = re.compile(r"\b[A-Z][\w'’&.-]*\w|\b[A-Z]\b")
_NUMBER = re.compile(r"\b\d[\d.,]*\d\b|\b\d\b")
_POSSESSIVES = ("'s", "’s")
"""Endings removed from a name or keyword (a token never holds a line break, so this is the
``['’]s$`` of a regular expression, without its cost per token)."""
_WORD = re.compile(r"[^\W\d_][\w'’-]*[^\W_]|[^\W\d_]")
_NOT_NAME_WORDS = """a about after again against all also an and any are as at be because been before but by
    can could did do does during each even every for from had has have he her here hers him his
    how i if in into is it its just last late latest let many may me more most much must my new
    news next no not now of off on once one only or other our out over own said says she should
    since so some such than that the their them then there these they this those though through
    to today too under until up us very was we were what when where which while who whom why will
    with would yet you your breaking exclusive update updated video watch read photo photos live
    opinion analysis report reports"""
_NOT_NAMES = frozenset(_NOT_NAME_WORDS.split())


def lead_text(article: Article) -> str:
    """Headline plus the first sentences: where a news article says what the event is."""
    body = article.text.strip()
    sentences: list[str] = []
    pos = 0
    for m in _SENTENCE_END.finditer(body):
        sentences.append(body[pos : m.start()])
        pos = m.end()
        if len(sentences) >= LEAD_SENTENCES:
            break
    else:
        sentences.append(body[pos:])
    lead = " ".join(s.strip() for s in sentences if s.strip())[:LEAD_CHARS]
    title = (article.title or "").strip()
    if title and normalise(lead).startswith(normalise(title)):
        return lead
    return f"{title}. {lead}" if title else lead


def shortness(words: int | npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    """1 for a headline-sized text, 0 for a real body, linear between (see SHORT_TEXT_WORDS)."""
    lo, hi = SHORT_TEXT_WORDS
    return np.clip((hi - np.asarray(words, dtype=np.float32)) / (hi - lo), 0.0, 1.0)


def names(text: str) -> Counter[str]:
    """Capitalised words that are not function words (casefolded, possessives removed), and numbers.

    Numbers count as names because they tell two events of one kind apart: a 6.1 and a 4.6
    earthquake, 160 and 12 casualties, 2013 and 2014.
    """
    found: Counter[str] = Counter()
    # Each distinct token is normalised once (a full text repeats most of its names); the
    # counts and the order of first appearance are those of a token-by-token pass.
    for token, k in Counter(_NAME.findall(text)).items():
        word = (token[:-2] if token.endswith(_POSSESSIVES) else token).rstrip(".").casefold()
        if word and word not in _NOT_NAMES:
            found[word] += k
    for token, k in Counter(_NUMBER.findall(text)).items():
        found[token.replace(",", "")] += k
    return found


def keywords(text: str) -> Counter[str]:
    """Content words of a text, casefolded, possessives removed: the vocabulary of its event.

    Function words and words of one or two letters are left out; corpus idf pushes down the
    rest of what every article says.
    """
    found: Counter[str] = Counter()
    for token, k in Counter(_WORD.findall(text)).items():
        word = token.casefold()
        if word.endswith(_POSSESSIVES):
            word = word[:-2]
        if len(word) > 2 and word not in _NOT_NAMES:
            found[word] += k
    return found


def weights(pair_shortness: npt.NDArray[np.float32]) -> tuple[Matrix, Matrix, Matrix, Matrix]:
    """(embedding, names, keywords, bonus) weights of pairs, from how headline-like they are."""
    s = pair_shortness.astype(np.float32)
    mix = [h * s + f * (1.0 - s) for h, f in zip(HEADLINE_WEIGHTS, FULL_TEXT_WEIGHTS, strict=True)]
    return mix[0], mix[1], mix[2], SHORT_TEXT_BONUS * s


def combine(emb: Matrix, ent: Matrix, kw: Matrix, pair_shortness: Matrix) -> Matrix:
    """The similarity of pairs from their three signal cosines (see the module docstring)."""
    w_emb, w_ent, w_kw, bonus = weights(pair_shortness)
    return np.asarray(w_emb * emb + w_ent * ent + w_kw * kw + bonus, dtype=np.float32)


def name_vectors(articles: list[Article]) -> csr_matrix:
    """Rows of idf-weighted, sublinear name counts, unit length (a dot product is the cosine)."""
    return tfidf_rows([names(f"{a.title or ''}\n{a.text}") for a in articles])


def keyword_vectors(articles: list[Article]) -> csr_matrix:
    """Rows of TF-IDF keyword weights fitted on these articles, ``KEYWORDS`` per row, unit length."""
    return tfidf_rows([keywords(f"{a.title or ''}\n{a.text}") for a in articles], top=KEYWORDS)


def tfidf_rows(counts: list[Counter[str]], top: int = 0) -> csr_matrix:
    """Sublinear tf x smooth idf (fitted on ``counts`` themselves, a small collection padded
    with the background of ``storylens.idf``), ``top`` heaviest per row."""
    n = len(counts)
    df: Counter[str] = Counter()
    for c in counts:
        df.update(c.keys())
    vocab: dict[str, int] = {}
    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    weight = dict(zip(df, idfs(list(df), list(df.values()), n), strict=True))
    for r, c in enumerate(counts):
        items = [(word, (1.0 + math.log(k)) * weight[word]) for word, k in c.items()]
        if top and len(items) > top:
            items = sorted(items, key=lambda item: (-item[1], item[0]))[:top]
        norm = math.sqrt(sum(v * v for _, v in items)) or 1.0
        for word, v in items:
            rows.append(r)
            cols.append(vocab.setdefault(word, len(vocab)))
            vals.append(v / norm)
    return csr_matrix(
        (np.asarray(vals, dtype=np.float32), (rows, cols)),
        shape=(n, max(1, len(vocab))),
        dtype=np.float32,
    )


class _Similarity:
    """Pairwise similarity of a fixed set of articles, computed a block of rows at a time."""

    def __init__(self, articles: list[Article], models: Models, config: ClusterConfig) -> None:
        self.emb = models.embed([lead_text(a) for a in articles])
        self.ent = name_vectors(articles)
        self.kw = keyword_vectors(articles)
        self.times = np.array([sort_time(a.published) for a in articles], dtype=np.float64)
        self.shortness = shortness(np.array([len(a.text.split()) for a in articles], np.float32))
        self.window = config.window_days * 86400.0

    def rows(self, idx: npt.NDArray[np.int64], cols: npt.NDArray[np.int64]) -> Matrix:
        sim = combine(
            self.emb[idx] @ self.emb[cols].T,
            (self.ent[idx] @ self.ent[cols].T).toarray(),
            (self.kw[idx] @ self.kw[cols].T).toarray(),
            np.minimum(self.shortness[idx][:, None], self.shortness[cols][None, :]),
        )
        t1, t2 = self.times[idx][:, None], self.times[cols][None, :]
        dated = np.isfinite(t1) & np.isfinite(t2)
        with np.errstate(invalid="ignore"):
            too_far = dated & (np.abs(t1 - t2) > self.window)
        sim[too_far] = 0.0
        return np.asarray(sim, dtype=np.float32)


def cluster_articles(
    articles: list[Article], models: Models, config: ClusterConfig
) -> list[list[Article]]:
    """Stories as lists of articles, in order of first appearance; copies join their original."""
    if not articles:
        return []
    by_id = {a.id: a for a in articles}
    heads = [a for a in articles if _root(a, by_id) == a.id]
    labels = _cluster_heads(heads, models, config)
    label_of_id = {a.id: label for a, label in zip(heads, labels, strict=True)}

    groups: dict[int, list[Article]] = {}
    for a in articles:
        groups.setdefault(label_of_id[_root(a, by_id)], []).append(a)
    return list(groups.values())


def _root(article: Article, by_id: dict[str, Article]) -> str:
    """The canonical article a copy points to, following chains (a copy of a copy)."""
    seen = {article.id}
    current = article
    while current.duplicate_of is not None and current.duplicate_of in by_id:
        current = by_id[current.duplicate_of]
        if current.id in seen:
            break
        seen.add(current.id)
    return current.id


def _cluster_heads(articles: list[Article], models: Models, config: ClusterConfig) -> list[int]:
    n = len(articles)
    if n == 1:
        return [0]
    sim = _Similarity(articles, models, config)
    everyone = np.arange(n, dtype=np.int64)
    edge_rows: list[npt.NDArray[np.int64]] = []
    edge_cols: list[npt.NDArray[np.int64]] = []
    k = min(ATTACH_CANDIDATES, n - 1)
    nearest = np.zeros((n, k), dtype=np.int64)
    for start in range(0, n, _BLOCK):
        block = everyone[start : start + _BLOCK]
        block_sim = sim.rows(block, everyone)
        block_sim[np.arange(len(block)), block] = -np.inf  # an article is not its own neighbour
        r, c = np.nonzero(block_sim >= config.threshold)
        edge_rows.append(block[r])
        edge_cols.append(c.astype(np.int64))
        nearest[block] = np.argpartition(-block_sim, k - 1, axis=1)[:, :k]
    rows, cols = np.concatenate(edge_rows), np.concatenate(edge_cols)
    graph = csr_matrix((np.ones(len(rows), dtype=np.int8), (rows, cols)), shape=(n, n))
    _, component = connected_components(graph, directed=False)

    labels = np.full(n, -1, dtype=np.int64)
    next_label = 0
    for comp in _in_order_of_first_member(component):
        if len(comp) == 1:
            labels[comp[0]] = next_label
            next_label += 1
            continue
        s = np.clip(sim.rows(comp, comp).astype(np.float64), -1.0, 1.0)
        dist = 1.0 - (s + s.T) / 2.0
        np.fill_diagonal(dist, 0.0)
        tree = linkage(squareform(dist, checks=False), method="average")
        sub = fcluster(tree, t=1.0 - config.threshold, criterion="distance")
        relabel: dict[int, int] = {}
        for member, k in zip(comp, sub, strict=True):
            if int(k) not in relabel:
                relabel[int(k)] = next_label
                next_label += 1
            labels[member] = relabel[int(k)]
    labels = _attach_lone_articles(labels, nearest, sim)
    # Story order = order of each story's first article in the input.
    order: dict[int, int] = {}
    for label in labels:
        order.setdefault(int(label), len(order))
    return [order[int(label)] for label in labels]


def _attach_lone_articles(
    labels: npt.NDArray[np.int64], nearest: npt.NDArray[np.int64], sim: _Similarity
) -> npt.NDArray[np.int64]:
    """An article left alone joins the story it is clearly closest to (see ``ATTACH_MARGIN``).

    Average linkage leaves an article alone when its mean similarity to every story is below
    the threshold; a report of one event written from another angle (an explainer, a
    follow-up, a report leading on a quote) often is, yet it is much closer to its own story
    than to any other. The stories compared are those of its ``ATTACH_CANDIDATES`` nearest
    articles; all are scored against the clustering before any attachment, so nothing chains.
    """
    members: dict[int, list[int]] = {}
    for i, label in enumerate(labels):
        members.setdefault(int(label), []).append(i)
    attached = labels.copy()
    for i in (int(x) for x in np.flatnonzero([len(members[int(g)]) == 1 for g in labels])):
        candidates = sorted({int(labels[j]) for j in nearest[i]} - {int(labels[i])})
        if not candidates:
            continue
        means = {
            c: float(sim.rows(np.array([i]), np.asarray(members[c], np.int64)).mean())
            for c in candidates
        }
        stories = [c for c in candidates if len(members[c]) > 1]
        if not stories:
            continue
        best = max(stories, key=lambda c: (means[c], -c))
        runner_up = max([0.0, *(means[c] for c in candidates if c != best)])
        if means[best] >= ATTACH_FLOOR and means[best] - runner_up >= ATTACH_MARGIN:
            attached[i] = best
    return attached


def _in_order_of_first_member(component: npt.NDArray[np.int32]) -> list[npt.NDArray[np.int64]]:
    members: dict[int, list[int]] = {}
    for i, c in enumerate(component):
        members.setdefault(int(c), []).append(i)
    return [np.asarray(m, dtype=np.int64) for m in members.values()]


def make_story(articles: list[Article]) -> Story:
    """A story whose id depends only on which original articles it holds.

    The title is the most representative headline: the one sharing most words with the other
    headlines (a medoid, so an odd clickbait headline loses to the plain one most outlets used).
    """
    ordered = sorted(articles, key=lambda a: (sort_time(a.published), a.id))
    originals = sorted(a.id for a in articles if a.duplicate_of is None) or sorted(
        a.id for a in articles
    )
    digest = hashlib.sha1("\n".join(originals).encode("utf-8")).hexdigest()[:12]
    dates = [a.published for a in articles if a.published is not None]
    return Story(
        id="s-" + digest,
        title=_representative_title(ordered),
        first_seen=min(dates, key=sort_time) if dates else None,
        last_seen=max(dates, key=sort_time) if dates else None,
        articles=ordered,
    )


def _representative_title(ordered: list[Article]) -> str:
    titles = [a.title.strip() for a in ordered if a.title and a.title.strip()]
    if not titles:
        return _first_sentence(ordered[0].text) if ordered else ""
    words = [set(normalise(t).split()) for t in titles]

    def centrality(k: int) -> float:
        return sum(
            len(words[k] & w) / max(1, len(words[k] | w)) for j, w in enumerate(words) if j != k
        )

    best = max(range(len(titles)), key=lambda k: (centrality(k), -k))
    return titles[best]


def _first_sentence(text: str) -> str:
    body = text.strip()
    m = _SENTENCE_END.search(body)
    sentence = body[: m.start()] if m else body
    return sentence.strip()[:200]
