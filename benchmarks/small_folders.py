"""Clustering a user's small folder: BCubed F1 when each folder holds a few stories' articles.

A user analyses a folder of a handful of articles, not a corpus; there the collection's own
document frequencies say little (``storylens.idf``). This cuts the labelled clustering sets into
small collections, clusters each on its own, and scores all of them together (a story never
spans two folders):

* multinews-dev: folders of ``--stories`` gold stories drawn at random (seeded), 2-3 articles
  each: the coverage of one event must stay together, and different events apart;
* uci-headlines-dev: the same, with at most ``--per-story`` headlines of each story (seeded);
* ecbplus-dev: one folder per topic holding its two events of one kind (ECB and ECB+ halves):
  the hard case of keeping same-kind events apart in a small collection.

``--half A|B --seed S`` keeps half the gold stories (topics for ECB+), for a split-half check.
``--stream`` feeds each folder to a new ``StoryStream`` in one call instead of batch clustering.

    python benchmarks/small_folders.py [--prior 0 100 ...] [--stories 3] [--per-story 6]
        [--half A --seed 1] [--sets multinews-dev ecbplus-dev uci-headlines-dev] [--stream]
Prints JSON lines.
"""

from __future__ import annotations

import argparse
import json
import random
from collections import defaultdict
from pathlib import Path

from storylens import idf, stream
from storylens.cluster import cluster_articles
from storylens.config import ClusterConfig
from storylens.evaluation.clustering import bcubed, load
from storylens.nlp import Models
from storylens.records import Article

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "clustering"


def _half(keys: list[str], half: str | None, seed: int) -> set[str]:
    if half is None:
        return set(keys)
    keys = sorted(keys)
    random.Random(seed).shuffle(keys)
    first = set(keys[: len(keys) // 2])
    return first if half == "A" else set(keys) - first


def folders(
    name: str,
    articles: list[Article],
    gold: dict[str, str],
    size: int,
    half: str | None,
    seed: int,
    per_story: int,
) -> list[list[Article]]:
    by_story: dict[str, list[Article]] = defaultdict(list)
    for a in articles:
        by_story[gold[a.id]].append(a)
    for story, members in by_story.items():
        if len(members) > per_story and not name.startswith("ecbplus"):
            by_story[story] = random.Random(f"{seed}/{story}").sample(members, per_story)
    if name.startswith("ecbplus"):
        topics: dict[str, list[Article]] = defaultdict(list)
        for story, members in by_story.items():
            topics[story.split("_", 1)[0]].extend(members)
        kept = _half(list(topics), half, seed)
        return [topics[t] for t in sorted(kept, key=int)]
    stories = sorted(_half(list(by_story), half, seed))
    random.Random(seed + 1000).shuffle(stories)
    return [
        [a for s in stories[i : i + size] for a in by_story[s]]
        for i in range(0, len(stories), size)
    ]


def _streamed(folder: list[Article], models: Models, config: ClusterConfig) -> list[list[Article]]:
    """The folder fed to a new ``StoryStream`` in one call, as ``storylens cluster --stream``."""
    ordered = stream.feed_order(folder)
    feed = stream.StoryStream(models, config)
    ids = feed.add_many(ordered)
    feed.consolidate()
    groups: dict[str, list[Article]] = {}
    for article, story in zip(ordered, ids, strict=True):
        groups.setdefault(feed.resolve(story), []).append(article)
    return list(groups.values())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--sets", nargs="*", default=["multinews-dev", "ecbplus-dev"])
    parser.add_argument("--prior", nargs="*", type=int, default=[0, idf.PRIOR_DOCUMENTS])
    parser.add_argument("--stories", type=int, default=3, help="gold stories per folder")
    parser.add_argument("--per-story", type=int, default=6, help="most articles of a story")
    parser.add_argument("--half", choices=["A", "B"], default=None)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--stream", action="store_true", help="stream each folder (one call)")
    args = parser.parse_args()
    models = Models()
    config = ClusterConfig()
    for name in args.sets:
        articles, gold = load(args.data / name)
        cut = folders(name, articles, gold, args.stories, args.half, args.seed, args.per_story)
        for prior in args.prior:
            idf.PRIOR_DOCUMENTS = prior
            pred: dict[str, str] = {}
            split = 0
            for f, folder in enumerate(cut):
                groups = _streamed(folder, models, config) if args.stream else None
                groups = groups or cluster_articles(folder, models, config)
                for k, group in enumerate(groups):
                    pred.update({a.id: f"{f}/{k}" for a in group})
                stories = {gold[a.id] for a in folder}
                split += sum(
                    1 for s in stories if len({pred[a.id] for a in folder if gold[a.id] == s}) > 1
                )
            truth = {a: gold[a] for a in pred}
            p, r, f1 = bcubed(pred, truth)
            row = {"set": name, "prior": prior, "folders": len(cut), "articles": len(pred)}
            row.update(bcubed={"p": round(p, 4), "r": round(r, 4), "f1": round(f1, 4)})
            row.update(stories=len(set(truth.values())), stories_split=split)
            row.update(report_stories=len(set(pred.values())))
            if args.stream:
                row.update(mode="stream")
            if args.half:
                row.update(half=args.half, seed=args.seed)
            print(json.dumps(row), flush=True)


if __name__ == "__main__":
    main()
