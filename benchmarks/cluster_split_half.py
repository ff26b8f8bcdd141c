"""Split-half check of the full-text clustering settings (issue 17): are they fitted to the data?

The gold stories of each full-text set (ECB+ and Multi-News dev) are split at random in two
halves. For each seed and direction, a setting (full-text weights x lone-article margin) is
chosen on one half from a small grid, by the sum of both sets' BCubed F1, and scored on the
other half, beside the shipped setting and the setting before issue 17 (the headline mix for
every text, no attaching). The real ``cluster_articles`` runs on each half; the grid is applied
by setting the module constants of ``storylens.cluster``.

    python benchmarks/cluster_split_half.py [--data DIR] [--seeds 1 2]

Prints one JSON line per seed and direction.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
from pathlib import Path

from storylens import cluster
from storylens.config import ClusterConfig
from storylens.evaluation.clustering import bcubed, load
from storylens.nlp import Models
from storylens.records import Article

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "clustering"
SETS = ("ecbplus-dev", "multinews-dev")
WEIGHTS = ((0.2, 0.8, 0.5), (0.3, 0.8, 0.7), (0.2, 0.7, 0.6), (0.1, 0.8, 0.5))
MARGINS = (0.05, 0.1, 0.15)
SHIPPED = (cluster.FULL_TEXT_WEIGHTS, cluster.ATTACH_MARGIN)
BEFORE = (cluster.HEADLINE_WEIGHTS, float("inf"))

Setting = tuple[tuple[float, float, float], float]


def score(articles: list[Article], gold: dict[str, str], setting: Setting, models: Models) -> float:
    cluster.FULL_TEXT_WEIGHTS, cluster.ATTACH_MARGIN = setting
    groups = cluster.cluster_articles(articles, models, ClusterConfig())
    pred = {a.id: k for k, group in enumerate(groups) for a in group}
    return bcubed(pred, {a.id: gold[a.id] for a in articles})[2]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    models = Models()
    data = {name: load(args.data / name) for name in SETS}
    grid: list[Setting] = list(itertools.product(WEIGHTS, MARGINS))
    for seed in args.seeds:
        halves: dict[str, tuple[list[Article], list[Article]]] = {}
        for name, (articles, gold) in data.items():
            stories = sorted(set(gold.values()))
            random.Random(seed).shuffle(stories)
            first = set(stories[: len(stories) // 2])
            halves[name] = (
                [a for a in articles if gold[a.id] in first],
                [a for a in articles if gold[a.id] not in first],
            )
        for fit, held in ((0, 1), (1, 0)):
            fitted = {
                s: sum(score(halves[n][fit], data[n][1], s, models) for n in SETS) for s in grid
            }
            chosen = max(grid, key=lambda s: fitted[s])
            row: dict[str, object] = {"seed": seed, "fitted_on_half": fit, "setting": chosen}
            for label, setting in (("chosen", chosen), ("shipped", SHIPPED), ("before", BEFORE)):
                row[label] = {
                    n: round(score(halves[n][held], data[n][1], setting, models), 4) for n in SETS
                }
            print(json.dumps(row), flush=True)
    cluster.FULL_TEXT_WEIGHTS, cluster.ATTACH_MARGIN = SHIPPED


if __name__ == "__main__":
    main()
