"""Story clustering quality on labelled sets: batch, streaming, and a TF-IDF baseline, one run.

A labelled set is a folder with ``articles.jsonl`` (StoryLens's JSONL input: ``id``, ``text``,
optional ``title``, ``url``, ``outlet``, ``published``) and ``gold.json`` = ``{id: story}``;
``evaluate(DIR)`` runs on DIR itself if it is one, else on every such folder below DIR (e.g.
``shared/data/clustering/uci-headlines-dev`` and ``ecbplus-dev``).

Metrics: BCubed precision/recall/F1 (Bagga & Baldwin; per article, the share of its predicted
story that shares its gold story, and the reverse) and pairwise precision/recall/F1. The
baseline is TF-IDF (scikit-learn) + average-linkage agglomerative clustering on cosine distance,
reported twice: at one cut for every set (``baseline_at_setting``, cosine distance
``BASELINE_SETTING``), the fair comparison, since StoryLens too uses one setting for every set;
and at its best cut among a grid *per set* (``baseline``), with the benefit of hindsight.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import squareform

from storylens.cluster import cluster_articles
from storylens.config import ClusterConfig, Config
from storylens.evaluation import EvaluationError
from storylens.nlp import Models
from storylens.records import Article
from storylens.stream import StoryStream, feed_order

BASELINE_CUTS = tuple(round(0.5 + 0.05 * k, 2) for k in range(10))
"""Cosine distance thresholds tried for the baseline (0.50 .. 0.95)."""
BASELINE_SETTING = 0.8
"""The baseline's one setting for every set (best on ECB+; MANIFEST's reference figures)."""


def labelled_sets(data: Path) -> list[Path]:
    if (data / "articles.jsonl").is_file():
        return [data]
    found = sorted(
        p.parent for p in data.rglob("gold.json") if (p.parent / "articles.jsonl").is_file()
    )
    if not found:
        raise EvaluationError(
            f"no labelled clustering set under {data}: expected folders with articles.jsonl "
            "and gold.json"
        )
    return found


def load(folder: Path) -> tuple[list[Article], dict[str, str]]:
    """Articles in file order and the gold story of each id."""
    articles: list[Article] = []
    with (folder / "articles.jsonl").open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                published = row.get("published")
                text = str(row["text"])
                articles.append(
                    Article(
                        id=str(row["id"]),
                        source=row.get("url") or f"{folder.name}#{row['id']}",
                        outlet=row.get("outlet"),
                        url=row.get("url"),
                        title=row.get("title"),
                        text=text,
                        published=datetime.fromisoformat(published) if published else None,
                        words=len(text.split()),
                    )
                )
            except (KeyError, ValueError) as exc:
                raise EvaluationError(f"{folder / 'articles.jsonl'}:{number}: {exc}") from exc
    gold = {str(k): str(v) for k, v in json.loads((folder / "gold.json").read_text()).items()}
    missing = [a.id for a in articles if a.id not in gold]
    if missing:
        raise EvaluationError(
            f"{folder}: {len(missing)} articles have no gold story, e.g. {missing[0]}"
        )
    return articles, gold


def bcubed(pred: dict[str, Any], gold: dict[str, str]) -> tuple[float, float, float]:
    """Per item: precision = share of its predicted cluster in its gold story; recall the reverse."""
    pred_size = Counter(pred.values())
    gold_size = Counter(gold[i] for i in pred)
    both = Counter((pred[i], gold[i]) for i in pred)
    p = sum(both[(pred[i], gold[i])] / pred_size[pred[i]] for i in pred) / len(pred)
    r = sum(both[(pred[i], gold[i])] / gold_size[gold[i]] for i in pred) / len(pred)
    return p, r, _f1(p, r)


def pairwise(pred: dict[str, Any], gold: dict[str, str]) -> tuple[float, float, float]:
    """Precision/recall over the pairs of items put in the same cluster."""

    def pairs(counts: Counter[Any]) -> int:
        return sum(k * (k - 1) // 2 for k in counts.values())

    same_both = pairs(Counter((pred[i], gold[i]) for i in pred))
    same_pred = pairs(Counter(pred.values()))
    same_gold = pairs(Counter(gold[i] for i in pred))
    p = same_both / same_pred if same_pred else 1.0
    r = same_both / same_gold if same_gold else 1.0
    return p, r, _f1(p, r)


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def scores(pred: dict[str, Any], gold: dict[str, str]) -> dict[str, Any]:
    bp, br, bf = bcubed(pred, gold)
    pp, pr, pf = pairwise(pred, gold)
    return {
        "stories": len(set(pred.values())),
        "bcubed": {"p": round(bp, 4), "r": round(br, 4), "f1": round(bf, 4)},
        "pairwise": {"p": round(pp, 4), "r": round(pr, 4), "f1": round(pf, 4)},
    }


def run_batch(articles: list[Article], models: Models, config: ClusterConfig) -> dict[str, int]:
    groups = cluster_articles(articles, models, config)
    return {a.id: k for k, group in enumerate(groups) for a in group}


def run_stream(articles: list[Article], models: Models, config: ClusterConfig) -> dict[str, str]:
    """Feed the articles as `storylens cluster --stream` does (``stream.feed_order``)."""
    ordered = feed_order(articles)
    stream = StoryStream(models, config)
    ids = stream.add_many(ordered)
    stream.consolidate()  # what the feed's owner runs when a page of the feed is done
    # The ids as a caller following merges sees them at the end of the stream.
    return {a.id: stream.resolve(story) for a, story in zip(ordered, ids, strict=True)}


def tfidf_baseline(articles: list[Article], gold: dict[str, str]) -> dict[str, Any]:
    """TF-IDF + average-linkage agglomerative clustering at its best cut for this set (and at
    ``BASELINE_SETTING``, under ``at_setting``)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    start = time.perf_counter()
    texts = [f"{a.title or ''}\n{a.text}" for a in articles]
    x = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform(texts)
    sim = (x @ x.T).toarray()
    dist = np.clip(1.0 - sim, 0.0, 2.0)
    np.fill_diagonal(dist, 0.0)
    tree = linkage(squareform(dist, checks=False), method="average")
    seconds = time.perf_counter() - start
    by_cut = {}
    for cut in BASELINE_CUTS:
        labels = fcluster(tree, t=cut, criterion="distance")
        by_cut[cut] = scores({a.id: int(k) for a, k in zip(articles, labels, strict=True)}, gold)
    best = max(BASELINE_CUTS, key=lambda c: by_cut[c]["bcubed"]["f1"])
    return {
        "method": "tfidf + average-linkage agglomerative (cosine), best cut for this set",
        "best_cut": best,
        **by_cut[best],
        "bcubed_f1_by_cut": {str(c): by_cut[c]["bcubed"]["f1"] for c in BASELINE_CUTS},
        "seconds": round(seconds, 3),
        "at_setting": {"cut": BASELINE_SETTING, **by_cut[BASELINE_SETTING]},
    }


def evaluate_set(folder: Path, models: Models, config: ClusterConfig) -> dict[str, Any]:
    articles, gold = load(folder)
    result: dict[str, Any] = {"articles": len(articles), "gold_stories": len(set(gold.values()))}
    for name, runner in (("batch", run_batch), ("stream", run_stream)):
        start = time.perf_counter()
        pred = runner(articles, models, config)
        seconds = time.perf_counter() - start
        result[name] = {
            **scores(pred, gold),
            "seconds": round(seconds, 3),
            "articles_per_second": round(len(articles) / seconds, 1),
        }
    baseline = tfidf_baseline(articles, gold)
    at_setting = baseline.pop("at_setting")
    result["baseline"] = baseline
    result["baseline_at_setting"] = {
        "method": f"tfidf + average-linkage agglomerative (cosine), cut {BASELINE_SETTING} "
        "for every set",
        **at_setting,
    }
    for name in ("batch", "stream"):
        result[name]["above_baseline_at_setting"] = bool(
            result[name]["bcubed"]["f1"] > at_setting["bcubed"]["f1"]
        )
    return result


def evaluate(
    data: Path, config: ClusterConfig | None = None, models: Models | None = None
) -> dict[str, Any]:
    config = config or Config().cluster
    models = models or Models()
    start = time.perf_counter()
    models.embed(["warm up"])
    results: dict[str, Any] = {
        "settings": config.model_dump(),
        "model_load_seconds": round(time.perf_counter() - start, 3),
    }
    for folder in labelled_sets(data):
        results[folder.name] = evaluate_set(folder, models, config)
    return results
