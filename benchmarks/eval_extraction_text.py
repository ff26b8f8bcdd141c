"""Body extraction from flattened page text, on zyte-dev and trafilatura-dev, each by its metric.

    .venv/bin/python benchmarks/eval_extraction_text.py [--data DIR ...] [--baseline] [--per-page]
    .venv/bin/python benchmarks/eval_extraction_text.py --train   # refit the line scorer

Metrics (shared/data/MANIFEST.md): zyte-dev, token 4-gram shingles of gold and prediction,
per-page P/R averaged, F1 of the means; trafilatura-dev, ``with``/``without`` snippets found
in the extraction, P/R/F1 over all snippets. Keeping the whole flattened text scores F1 0.686
on zyte-dev and 0.700 on trafilatura-dev.

``--train`` refits the logistic line scorer of ``storylens.clean.text`` on the line labels of
every set given (zyte: a line is body when most of its shingles are in the gold body;
trafilatura: a line a ``with`` snippet overlaps is body, a ``without`` one is not, the rest
unlabelled), reports 5-fold cross-validated figures of the whole cleaner per set (folds split
by page, fitted on all sets together), and prints the weight table to paste into ``_WEIGHTS``.
``--half A|B`` keeps only the pages of one half of each set (even or odd position), for a
split-half check: fit on one half with ``--train --half A``, then score the other half with
the printed weights via ``--weights FILE --half B``.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

from storylens.clean import text as cleaner
from storylens.evaluation.extraction import Page, extract, load_text, score_pages, train

ROOT = Path(__file__).resolve().parents[1]
SETS = ROOT.parent / "shared" / "data" / "extraction"
DEFAULT_DATA = [SETS / "zyte-dev", SETS / "trafilatura-dev"]


def _half(pages: list[Page], half: str | None) -> list[Page]:
    if half is None:
        return pages
    return [p for i, p in enumerate(pages) if i % 2 == (0 if half == "A" else 1)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, action="append", help="a set (repeatable)")
    parser.add_argument("--baseline", action="store_true", help="also score the whole text kept")
    parser.add_argument("--per-page", action="store_true", help="add each page's F1")
    parser.add_argument("--train", action="store_true", help="refit the scorer with 5-fold CV")
    parser.add_argument("--half", choices=["A", "B"], help="only one half of each set's pages")
    parser.add_argument("--weights", type=Path, help="JSON weight table to score with")
    args = parser.parse_args()
    sets = {d.name: _half(load_text(d), args.half) for d in (args.data or DEFAULT_DATA)}
    if args.train:
        print(json.dumps({"benchmark": "extraction_text_train", **train(sets)}, indent=2))
        return
    weights = None
    if args.weights:  # the JSON that --train printed
        table = json.loads(args.weights.read_text())
        names2 = (*cleaner.FEATURES, *cleaner.STAGE2_FEATURES, "bias")
        weights = (
            np.array([table["weights"][n] for n in (*cleaner.FEATURES, "bias")]),
            np.array([table["weights2"][n] for n in names2]),
        )
    out: dict[str, object] = {"benchmark": "extraction_text"}
    for name, pages in sets.items():
        start = time.process_time()
        preds = [extract(raw, weights) for _, raw, _ in pages]
        elapsed = time.process_time() - start
        result: dict[str, object] = {
            "pages": len(pages),
            **score_pages(pages, preds),
            "pages_per_cpu_s": round(len(pages) / elapsed, 1),
        }
        if args.baseline:
            result["baseline_full_text"] = score_pages(pages, [raw for _, raw, _ in pages])
        if args.per_page:
            result["per_page"] = {
                pid: score_pages([page], [pred])["f1"]
                for page, pred in zip(pages, preds, strict=True)
                for pid in [page[0]]
            }
        out[name] = result
    json.dump(out, sys.stdout, indent=2)
    print()


if __name__ == "__main__":
    main()
