"""Body extraction from flattened page text, scored like the Zyte article-extraction benchmark.

    .venv/bin/python benchmarks/eval_extraction_text.py [--data DIR] [--baseline] [--per-page]
    .venv/bin/python benchmarks/eval_extraction_text.py --train   # refit the line scorer

Metric (shared/data/MANIFEST.md): tokens are ``\\w+`` matches; the multisets of token 4-gram
shingles of gold and prediction are compared; per page tp/fp/fn are normalised to sum 1;
precision and recall are averaged over pages; F1 = 2PR/(P+R) of those means. Keeping the
whole flattened text scores F1 0.686 (P 0.524, R 0.995) on zyte-dev.

``--train`` refits the logistic line scorer of ``storylens.clean.text`` on the pages'
line labels (a line is body when most of its shingles are in the gold body), reports
5-fold cross-validated F1 of the whole cleaner (folds split by page), and prints the
weight table to paste into ``_WEIGHTS``.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

from storylens.evaluation.extraction import extract, load_text, score, train

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "extraction" / "zyte-dev"
_TOKEN = re.compile(r"\w+")


def load(data: Path) -> list[tuple[str, str, str]]:
    """(page id, flattened text, gold body) for every page of the split."""
    return load_text(data)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--baseline", action="store_true", help="also score the whole text kept")
    parser.add_argument("--per-page", action="store_true", help="add each page's F1")
    parser.add_argument("--train", action="store_true", help="refit the scorer with 5-fold CV")
    args = parser.parse_args()
    pages = load(args.data)
    if args.train:
        print(json.dumps({"benchmark": "extraction_text_train", **train(pages)}, indent=2))
        return
    run: Callable[[str], str] = extract
    start = time.perf_counter()
    preds = [run(raw) for _, raw, _ in pages]
    elapsed = time.perf_counter() - start
    result: dict[str, object] = {
        "benchmark": "extraction_text",
        "data": str(args.data),
        "pages": len(pages),
        **score([(gold, pred) for (_, _, gold), pred in zip(pages, preds, strict=True)]),
        "pages_per_s": round(len(pages) / elapsed, 1),
    }
    if args.baseline:
        result["baseline_full_text"] = score([(gold, raw) for _, raw, gold in pages])
    if args.per_page:
        result["per_page"] = {
            pid: score([(gold, pred)])["f1"]
            for (pid, _, gold), pred in zip(pages, preds, strict=True)
        }
    json.dump(result, sys.stdout, indent=2)
    print()


if __name__ == "__main__":
    main()
