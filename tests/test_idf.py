"""The idf of a small folder leans on general English; a corpus is weighed by its own counts."""

from __future__ import annotations

import json
import math
import tempfile
from collections import Counter
from pathlib import Path

import pytest

from storylens import dedup
from storylens.cluster import cluster_articles
from storylens.config import Config
from storylens.idf import PRIOR_DOCUMENTS, background_share, idf, idfs
from storylens.nlp import Models

CROSSOUTLET = Path(__file__).resolve().parents[2] / "shared" / "data" / "crossoutlet"


def test_a_common_english_word_is_in_more_articles_than_a_rare_one() -> None:
    assert background_share("people") > 0.3 > 0.01 > background_share("vaccine") > 0.0
    assert background_share("qzxvbnwk") == 0.0


def test_in_a_small_folder_the_events_own_word_outweighs_a_common_word_of_one_article() -> None:
    # Five reports of one event all say "vaccine"; one of them also says "people". With the
    # folder's own counts alone "vaccine" (in all five) would weigh least of all.
    assert idf("vaccine", df=5, n=5) > idf("people", df=1, n=5)


def test_a_rare_word_of_one_article_still_outweighs_a_word_all_share() -> None:
    assert idf("hydrofoil", df=1, n=5) > idf("vaccine", df=5, n=5)


def test_a_collection_of_prior_size_or_more_is_weighed_by_its_own_counts() -> None:
    n = PRIOR_DOCUMENTS + 50
    for word, df in (("people", 3), ("vaccine", 40), ("said", 200)):
        assert idf(word, df, n) == pytest.approx(math.log((1 + n) / (1 + df)) + 1)


def _user_folder_groups(rows: list[dict[str, str]], models: Models) -> list[set[str]]:
    from storylens.evaluation.crossoutlet import _write_inputs
    from storylens.pipeline import read_articles

    config = Config()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        _write_inputs(folder, rows)
        articles, _ = read_articles([folder], config)
    articles = dedup.mark_duplicates(articles, config.dedup)
    groups = cluster_articles(articles, models, config.cluster)
    return [{Path(a.source.split("#", 1)[0]).stem for a in g} for g in groups]


@pytest.mark.skipif(not CROSSOUTLET.is_dir(), reason="shared data not present")
def test_a_users_folder_of_one_events_coverage_stays_one_story() -> None:
    """Cross-outlet dev, each gold story's articles analysed as one folder: before the prior
    28 of 80 articles sat outside their story's largest group (benchmarks/crossoutlet_grouping.py);
    the 10 left are mostly pages about something else (an archive notice, a Wikipedia entry)."""
    stories: dict[str, list[dict[str, str]]] = {}
    for path in sorted(CROSSOUTLET.glob("*-articles.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                stories.setdefault(row["story"], []).append(row)
    models = Models(Config())
    outside = Counter[str]()
    for story, rows in stories.items():
        groups = _user_folder_groups(rows, models)
        outside[story] = sum(len(g) for g in groups) - max(len(g) for g in groups)
    assert sum(outside.values()) <= 12


def test_many_words_at_once_are_weighed_exactly_as_one_at_a_time() -> None:
    words = ["vaccine", "people", "hydrofoil", "said", "vaccine"]
    dfs = [5, 1, 1, 3, 2]
    for n in (5, PRIOR_DOCUMENTS - 1, PRIOR_DOCUMENTS, 5000):
        assert idfs(words, dfs, n) == [idf(w, d, n) for w, d in zip(words, dfs, strict=True)]
