"""BCubed F1 of batch and stream clustering for several strengths of the background idf prior.

    python benchmarks/idf_prior_sweep.py [--sets ecbplus-dev ...] [--prior 0 30 100 ...]
        [--modes batch stream] [--stories-half A|B --seed S]

``--stories-half`` keeps half of each set's gold stories (split at random with ``--seed``), for
the split-half check: fit ``PRIOR_DOCUMENTS`` on one half, read the other. Prints JSON lines.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

from storylens import idf
from storylens.config import ClusterConfig
from storylens.evaluation.clustering import load, run_batch, run_stream, scores
from storylens.nlp import Models

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "clustering"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--sets", nargs="*", default=["ecbplus-dev", "multinews-dev"])
    parser.add_argument("--prior", nargs="*", type=float, default=[idf.PRIOR_DOCUMENTS])
    parser.add_argument("--words", nargs="*", type=float, default=[idf.WORDS_PER_DOCUMENT])
    parser.add_argument("--modes", nargs="*", default=["batch"])
    parser.add_argument("--threshold", type=float, default=None)
    parser.add_argument("--stories-half", choices=["A", "B"], default=None)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    config = ClusterConfig()
    if args.threshold is not None:
        config = ClusterConfig(threshold=args.threshold)
    models = Models()
    for name in args.sets:
        articles, gold = load(args.data / name)
        if args.stories_half:
            stories = sorted(set(gold.values()))
            random.Random(args.seed).shuffle(stories)
            half = set(stories[: len(stories) // 2])
            if args.stories_half == "B":
                half = set(stories) - half
            articles = [a for a in articles if gold[a.id] in half]
            gold = {a.id: gold[a.id] for a in articles}
        for words in args.words:
            idf.WORDS_PER_DOCUMENT = words
            idf.background_share.cache_clear()
            for prior in args.prior:
                idf.PRIOR_DOCUMENTS = prior
                for mode in args.modes:
                    runner = run_batch if mode == "batch" else run_stream
                    got = scores(runner(articles, models, config), gold)
                    row = {"set": name, "mode": mode, "prior": prior, "words": words}
                    row.update(bcubed=got["bcubed"], stories=got["stories"])
                    print(json.dumps(row), flush=True)


if __name__ == "__main__":
    main()
