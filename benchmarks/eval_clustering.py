"""Story clustering quality: a thin wrapper over ``storylens eval clustering`` for tuning runs.

The benchmark itself lives in ``storylens.evaluation.clustering`` (batch, streaming and the
TF-IDF + agglomerative baseline on every labelled set under ``--data``); this script only adds
flags to try other settings without editing the defaults.

    python benchmarks/eval_clustering.py [--data DIR] [--threshold T] [--stream-threshold T]
        [--window-days D]
Prints JSON.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from storylens.config import ClusterConfig
from storylens.evaluation.clustering import evaluate

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "clustering"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--threshold", type=float, default=None)
    parser.add_argument("--stream-threshold", type=float, default=None)
    parser.add_argument("--window-days", type=float, default=None)
    args = parser.parse_args()
    overrides = {
        key: value
        for key, value in (
            ("threshold", args.threshold),
            ("stream_threshold", args.stream_threshold),
            ("window_days", args.window_days),
        )
        if value is not None
    }
    print(json.dumps(evaluate(args.data, ClusterConfig(**overrides)), indent=2))


if __name__ == "__main__":
    main()
