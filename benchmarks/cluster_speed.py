"""How story clustering cost grows: articles/second and peak memory at 1k, 10k and 100k articles.

Data: the real headlines of ``shared/data/clustering/uci-headlines-dev`` (UCI News Aggregator,
CC BY 4.0), replicated to size. Each replica is perturbed so it is not a byte copy (one word
dropped per headline at a seeded random position) and shifted in time by 30 days, so the
stream sees a long feed whose stories come and go, as a real one does; the window is the default
7 days. Each (mode, size) runs in a fresh process, so peak RSS (ru_maxrss) is its own, model
included. Threads are capped at 2 (OMP/MKL/OpenBLAS) to match the 2-core goal.

    python benchmarks/cluster_speed.py [--sizes 1000 10000 100000] [--modes stream batch]
        [--batch-max 20000]

Batch is all-pairs within connected components (quadratic in the corpus); it is run up to
``--batch-max`` articles and the larger sizes are reported as skipped, not extrapolated silently.
Prints JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "clustering" / "uci-headlines-dev"


def corpus(size: int) -> list[object]:
    from storylens.dedup import sort_time
    from storylens.evaluation.clustering import load

    base, _ = load(DATA)
    base.sort(key=lambda a: sort_time(a.published))
    rng = random.Random(0)
    out = []
    replica = 0
    while len(out) < size:
        for a in base:
            if len(out) >= size:
                break
            words = a.text.split()
            if replica and len(words) > 3:
                del words[rng.randrange(len(words))]
            text = " ".join(words)
            shift = timedelta(days=30 * replica)
            out.append(
                a.model_copy(
                    update={
                        "id": f"{a.id}-{replica}",
                        "text": text,
                        "title": text,
                        "published": a.published + shift if a.published else None,
                    }
                )
            )
        replica += 1
    return out


def run_one(mode: str, size: int) -> dict[str, object]:
    from storylens.cluster import cluster_articles
    from storylens.config import ClusterConfig
    from storylens.nlp import Models
    from storylens.stream import StoryStream

    articles = corpus(size)
    models = Models()
    models.embed(["warm up"])
    config = ClusterConfig()
    start = time.perf_counter()
    if mode == "stream":
        stream = StoryStream(models, config)
        ids = []
        for k in range(0, len(articles), 1000):  # a feed arrives in pages
            ids.extend(stream.add_many(articles[k : k + 1000]))  # type: ignore[arg-type]
        stories = len({stream.resolve(i) for i in ids})  # as a caller following merges sees
        extra = {
            "live_stories_at_end": stream.live_stories,
            "dormant": stream.dormant,
            "merges": len(stream.merged_into),
        }
    else:
        stories = len(cluster_articles(articles, models, config))  # type: ignore[arg-type]
        extra = {}
    seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "mode": mode,
        "articles": size,
        "stories": stories,
        "seconds": round(seconds, 2),
        "articles_per_second": round(size / seconds, 1),
        "peak_rss_mb": round(peak_mb, 1),
        **extra,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 10000, 100000])
    parser.add_argument("--modes", nargs="*", default=["stream", "batch"])
    parser.add_argument("--batch-max", type=int, default=20000)
    parser.add_argument("--one", nargs=2, metavar=("MODE", "SIZE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one[0], int(args.one[1]))))
        return
    if not DATA.is_dir():
        sys.exit(f"data not found: {DATA}")
    env = {
        **os.environ,
        "OMP_NUM_THREADS": "2",
        "MKL_NUM_THREADS": "2",
        "OPENBLAS_NUM_THREADS": "2",
    }
    results: list[dict[str, object]] = []
    for mode in args.modes:
        for size in args.sizes:
            if mode == "batch" and size > args.batch_max:
                results.append({"mode": mode, "articles": size, "skipped": "above --batch-max"})
                continue
            done = subprocess.run(
                [sys.executable, __file__, "--one", mode, str(size)],
                env=env,
                capture_output=True,
                text=True,
                check=True,
            )
            results.append(json.loads(done.stdout.strip().splitlines()[-1]))
    print(json.dumps({"data": str(DATA), "cpus": os.cpu_count(), "runs": results}, indent=2))


if __name__ == "__main__":
    main()
