"""Cleaning throughput: StoryLens's flattened-text and HTML cleaners beside trafilatura.

    .venv/bin/python benchmarks/clean_speed.py [--data DIR ...] [--pages N] [--rounds R]

Every system runs on the same pages, interleaved page by page in one process, timed in CPU
seconds of this process (the machine is shared: other processes' load would otherwise decide
the figures); pages per CPU second are printed per set. ``text`` is the flattened-text
cleaner on ``text/ID.txt`` (text and metadata, as the pipeline runs it), ``html`` the HTML
cleaner and ``trafilatura`` trafilatura's ``extract()`` (comments left out, as StoryLens calls
it) on ``html/ID.html.gz``. To compare with another version, run this file with that
version's ``src`` first on ``PYTHONPATH`` (``git archive REV src | tar -x -C DIR``).
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from pathlib import Path

from storylens.evaluation.extraction import clean_html_body, clean_text_body
from storylens.ingest.files import declared_charset, decode


def trafilatura_no_comments_body(raw: str) -> str:
    """trafilatura as StoryLens calls it (defined here so older versions can be measured)."""
    import trafilatura

    return trafilatura.extract(raw, include_comments=False) or ""


ROOT = Path(__file__).resolve().parents[1]
SETS = ROOT.parent / "shared" / "data" / "extraction"
DEFAULT_DATA = [SETS / "zyte-dev", SETS / "trafilatura-dev"]


def measure(data: Path, pages: int, rounds: int) -> dict[str, object]:
    # read here rather than by the evaluation's loaders, so older versions can be measured
    texts = {p.stem: p.read_text(encoding="utf-8") for p in (data / "text").glob("*.txt")}
    htmls = {}
    for path in (data / "html").glob("*.html.gz"):
        raw = gzip.decompress(path.read_bytes())
        if (page := decode(raw, declared_charset(raw))) is not None:
            htmls[path.name.split(".")[0]] = page
    ids = [pid for pid in sorted(texts) if pid in htmls][:pages]
    systems = {
        "text": (clean_text_body, texts),
        "html": (clean_html_body, htmls),
        "trafilatura": (trafilatura_no_comments_body, htmls),
    }
    for run, inputs in systems.values():  # warm-up: imports and lazy tables are not page time
        run(inputs[ids[0]])
    seconds = dict.fromkeys(systems, 0.0)
    for _ in range(rounds):
        for pid in ids:
            for name, (run, inputs) in systems.items():
                start = time.process_time()
                run(inputs[pid])
                seconds[name] += time.process_time() - start
    done = len(ids) * rounds
    return {
        "pages": len(ids),
        "rounds": rounds,
        **{f"{name}_pages_per_cpu_s": round(done / s, 1) for name, s in seconds.items()},
        "html_time_ratio": round(seconds["html"] / seconds["trafilatura"], 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, action="append", help="a set (repeatable)")
    parser.add_argument("--pages", type=int, default=80, help="first N pages of each set")
    parser.add_argument("--rounds", type=int, default=1, help="passes over the pages")
    args = parser.parse_args()
    out = {
        "benchmark": "clean_speed",
        **{d.name: measure(d, args.pages, args.rounds) for d in (args.data or DEFAULT_DATA)},
    }
    json.dump(out, sys.stdout, indent=2)
    print()


if __name__ == "__main__":
    main()
