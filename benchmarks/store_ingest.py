"""Store ingest speed against one-shot ``analyze`` on the same inputs, measured in one run.

    .venv/bin/python benchmarks/store_ingest.py [--limit 60] [INPUT_DIR]

Default input: the flattened news pages of ../shared/data/extraction/zyte-dev/text (real
publisher pages; see shared/data/MANIFEST.md). Figures, in seconds, models loaded beforehand:

- ``analyze_s``: baseline, ``storylens.analyze`` on all inputs (nothing stored);
- ``ingest_first_s``: ``Store.ingest`` into an empty SQLite store (clean, store, analyse);
- ``ingest_again_s``: the same ingest repeated (every input skipped by content hash, stories
  re-clustered but none re-analysed);
- ``ingest_one_more_s``: ingesting the last input into a store holding all the others (the
  incremental case: only the stories that changed are analysed again).
"""

from __future__ import annotations

import argparse
import json
import platform
import shutil
import tempfile
import time
from pathlib import Path

from storylens import analyze
from storylens.nlp import Models
from storylens.store import Store

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "data" / "extraction" / "zyte-dev" / "text"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="?", default=str(DEFAULT))
    parser.add_argument("--limit", type=int, default=60)
    args = parser.parse_args()
    files = sorted(p for p in Path(args.inputs).rglob("*") if p.is_file())[: args.limit]
    if not files:
        raise SystemExit(f"no inputs under {args.inputs}")
    models = Models()
    with tempfile.TemporaryDirectory() as tmp:
        most, all_ = Path(tmp) / "most", Path(tmp) / "all"
        most.mkdir()
        all_.mkdir()
        for i, f in enumerate(files):
            shutil.copy(f, all_ / f"{i:04d}_{f.name}")
            if i < len(files) - 1:
                shutil.copy(f, most / f"{i:04d}_{f.name}")
        analyze([all_], models=models)  # warm-up: spaCy and embeddings loaded, caches filled

        t0 = time.perf_counter()
        report = analyze([all_], models=Models())
        analyze_s = time.perf_counter() - t0

        with Store(Path(tmp) / "a.db") as store:
            t0 = time.perf_counter()
            first = store.ingest([all_], models=Models())
            first_s = time.perf_counter() - t0
            t0 = time.perf_counter()
            again = store.ingest([all_], models=models)
            again_s = time.perf_counter() - t0
            size = (Path(tmp) / "a.db").stat().st_size

        with Store(Path(tmp) / "b.db") as store:
            store.ingest([most], models=models)
            t0 = time.perf_counter()
            more = store.ingest([all_], models=Models())
            more_s = time.perf_counter() - t0

    print(
        json.dumps(
            {
                "inputs": len(files),
                "articles": len(first.added),
                "dropped": len(first.dropped),
                "stories": len(report.stories),
                "analyze_s": round(analyze_s, 2),
                "ingest_first_s": round(first_s, 2),
                "ingest_again_s": round(again_s, 2),
                "ingest_again_skipped": len(again.skipped),
                "ingest_again_reanalysed": len(again.stories_analysed),
                "ingest_one_more_s": round(more_s, 2),
                "ingest_one_more_reanalysed": len(more.stories_analysed),
                "store_bytes": size,
                "python": platform.python_version(),
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
