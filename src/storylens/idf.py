"""How telling a word is: its document frequency in the articles at hand, smoothed toward how
common it is in English at large.

Inverse document frequency fitted on the articles being clustered works on a corpus of
thousands, where a word in every article is a word every article has. On a user's folder of
five reports of one event it inverts: the event's own words ("vaccine", the names of its
people) are in all five and get the lowest weight, while each article's incidental words are
in one and get the highest, so two reports of one event look unrelated (cross-outlet dev:
22 gold stories became 48 report stories). A background frequency tells the two apart
without a large corpus: ``PRIOR_DOCUMENTS`` pseudo-articles whose words occur as often as in
general English (``wordfreq``, a packaged blend of web, news, subtitles and books counts) are
counted in beside the real ones. A small collection is weighed mostly by the prior, a large one
mostly by itself.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import lru_cache

PRIOR_DOCUMENTS = 200
"""Fewest articles an idf is estimated on: a smaller collection is padded up to this many with
pseudo-articles of general English. From this size on the collection's own counts decide
alone, so a corpus is clustered as before the prior existed."""
WORDS_PER_DOCUMENT = 400.0
"""Words in a typical article: turns a word's frequency per word into the share of articles
that hold it at least once (1 - exp(-frequency x words))."""


@lru_cache(maxsize=1 << 18)
def background_share(word: str) -> float:
    """The share of general-English articles that hold ``word`` (casefolded), 0 if unknown."""
    from wordfreq import word_frequency

    frequency = float(word_frequency(word, "en"))
    return 1.0 - math.exp(-frequency * WORDS_PER_DOCUMENT)


def idf(word: str, df: int, n: int) -> float:
    """Smooth idf, log((1 + n) / (1 + df)) + 1, of a word held by ``df`` of ``n`` articles,
    the collection padded to ``PRIOR_DOCUMENTS`` with background pseudo-articles."""
    padding = max(0, PRIOR_DOCUMENTS - n)
    prior = padding * background_share(word) if padding else 0.0
    return math.log((1.0 + n + padding) / (1.0 + df + prior)) + 1.0


def idfs(words: Sequence[str], dfs: Sequence[int], n: int) -> list[float]:
    """``idf(word, df, n)`` of many words of one collection, each value exactly as ``idf`` gives
    it. From ``PRIOR_DOCUMENTS`` articles on a word's idf depends on its document frequency
    alone, so it is computed once per distinct frequency (an article's few hundred words have a
    few dozen): this is most of the cost of weighing a streamed article."""
    if n < PRIOR_DOCUMENTS:
        return [idf(w, df, n) for w, df in zip(words, dfs, strict=True)]
    by_df = {df: idf("", df, n) for df in set(dfs)}
    return [by_df[df] for df in dfs]
