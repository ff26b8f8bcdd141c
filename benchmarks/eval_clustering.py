"""Story clustering quality and speed on the development sets in shared/data/clustering/.

Data (see shared/data/MANIFEST.md): ``uci-headlines-dev`` (UCI News Aggregator, Google News
story clusters of March 2014, headlines only, CC BY 4.0) and ``ecbplus-dev`` (ECB+ corpus,
full-text articles, two events of the same kind per topic, CC BY 3.0). Each is a JSONL of
articles plus ``gold.json`` = {id: story}.

Prints JSON: per data set BCubed precision/recall/F1, pairwise precision/recall/F1, number of
predicted and gold stories, and articles per second of ``cluster_articles`` (embedding model
already loaded; the model load is reported separately).

    python benchmarks/eval_clustering.py [--data DIR ...] [--threshold T] [--embed-weight W]
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from datetime import datetime
from pathlib import Path

from storylens import cluster
from storylens.config import ClusterConfig
from storylens.nlp import Models
from storylens.records import Article

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "clustering"
DATASETS = ("uci-headlines-dev", "ecbplus-dev")


def load(folder: Path) -> tuple[list[Article], dict[str, str]]:
    articles: list[Article] = []
    with (folder / "articles.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            published = row.get("published")
            articles.append(
                Article(
                    id=str(row["id"]),
                    source=row.get("url") or f"{folder.name}#{row['id']}",
                    outlet=row.get("outlet"),
                    url=row.get("url"),
                    title=row.get("title"),
                    text=row["text"],
                    published=datetime.fromisoformat(published) if published else None,
                    words=len(row["text"].split()),
                )
            )
    gold = {str(k): str(v) for k, v in json.loads((folder / "gold.json").read_text()).items()}
    return articles, gold


def bcubed(pred: dict[str, int], gold: dict[str, str]) -> tuple[float, float, float]:
    """Per item: precision = share of its predicted cluster in its gold story; recall the reverse."""
    pred_size = Counter(pred.values())
    gold_size = Counter(gold.values())
    both = Counter((pred[i], gold[i]) for i in pred)
    p = sum(both[(pred[i], gold[i])] / pred_size[pred[i]] for i in pred) / len(pred)
    r = sum(both[(pred[i], gold[i])] / gold_size[gold[i]] for i in pred) / len(pred)
    return p, r, _f1(p, r)


def pairwise(pred: dict[str, int], gold: dict[str, str]) -> tuple[float, float, float]:
    """Precision/recall over the pairs of items put in the same cluster."""

    def pairs(counts: Counter[object]) -> int:
        return sum(k * (k - 1) // 2 for k in counts.values())

    same_both = pairs(Counter((pred[i], gold[i]) for i in pred))
    same_pred = pairs(Counter(pred.values()))
    same_gold = pairs(Counter(gold[i] for i in pred))
    p = same_both / same_pred if same_pred else 1.0
    r = same_both / same_gold if same_gold else 1.0
    return p, r, _f1(p, r)


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def evaluate(folder: Path, models: Models, config: ClusterConfig) -> dict[str, object]:
    articles, gold = load(folder)
    start = time.perf_counter()
    groups = cluster.cluster_articles(articles, models, config)
    seconds = time.perf_counter() - start
    pred = {a.id: k for k, group in enumerate(groups) for a in group}
    bp, br, bf = bcubed(pred, gold)
    pp, pr, pf = pairwise(pred, gold)
    return {
        "articles": len(articles),
        "gold_stories": len(set(gold.values())),
        "predicted_stories": len(groups),
        "bcubed": {"p": round(bp, 4), "r": round(br, 4), "f1": round(bf, 4)},
        "pairwise": {"p": round(pp, 4), "r": round(pr, 4), "f1": round(pf, 4)},
        "seconds": round(seconds, 3),
        "articles_per_second": round(len(articles) / seconds, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--sets", nargs="*", default=list(DATASETS))
    parser.add_argument("--threshold", type=float, default=None)
    parser.add_argument("--embed-weight", type=float, default=None)
    args = parser.parse_args()

    config = ClusterConfig()
    if args.threshold is not None:
        config = config.model_copy(update={"threshold": args.threshold})
    if args.embed_weight is not None:
        cluster.EMBED_WEIGHT = args.embed_weight
    models = Models()
    start = time.perf_counter()
    models.embed(["warm up"])
    load_seconds = time.perf_counter() - start

    results: dict[str, object] = {
        "threshold": config.threshold,
        "embed_weight": cluster.EMBED_WEIGHT,
        "model_load_seconds": round(load_seconds, 3),
    }
    for name in args.sets:
        results[name] = evaluate(args.data / name, models, config)
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
