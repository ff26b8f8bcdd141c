"""`storylens analyze` on 1,000+ hostile inputs mixed with the samples, as a new user would run it.

    .venv/bin/python benchmarks/hostile_run.py [--inputs 1000] [--heavy 1] [--keep DIR]

The inputs come from ``tests/hostile.py`` (every kind of issue 15: codecs that raise, deep
JSON, over-long names, lone surrogates, non-UTF-8 names, escape sequences, year-1 dates,
bad offsets, WARC garbage, dot-files, UTF-16/32, Shift-JIS, damaged UTF-8, gzip bombs, a
one-line megabyte page, many quote marks, entity expansion, private URLs), cycled with a
fixed seed; ``--heavy`` adds that many of each costly kind (gzip bombs, huge page). The
command runs in a subprocess so its peak RSS is its own. Printed as JSON:

- ``inputs``: hostile inputs written (plus the sample files);
- ``exit_code``, ``crashes``: 1 when the run exited 3 or printed a traceback or wrote no
  report (a crash of the run itself), else 0;
- ``silent_losses``: inputs that became neither an article nor a dropped entry;
- ``needless_drops``: inputs of a kind that must be readable yet were dropped;
- ``dropped_by_reason``: dropped entries grouped by the first words of their reason;
- ``samples_story``: quotes / claims / summary sentences of the samples' story;
- ``peak_rss_mb``, ``wall_s``.
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from hostile import write_corpus  # noqa: E402


def safe_source(source: str) -> str:
    """A file name as the report shows it: bytes that are not UTF-8 as ``\\xNN`` (kept here,
    not imported, so the benchmark also measures versions of StoryLens before this one)."""
    try:
        source.encode("utf-8")
        return source
    except UnicodeEncodeError:
        return source.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _reason_kind(reason: str) -> str:
    head = re.sub(r"[\d,.]+", "N", reason.split(":")[0].split("(")[0]).strip()
    return " ".join(head.split()[:6])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--inputs", type=int, default=1000)
    parser.add_argument("--heavy", type=int, default=1)
    parser.add_argument("--keep", type=Path, default=None, help="Write the corpus here")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="storylens-hostile-"))
    corpus = work / "hostile"
    cases = write_corpus(corpus, args.inputs, heavy=args.heavy)
    shutil.copytree(ROOT / "examples", work / "examples", dirs_exist_ok=True)
    out = work / "out"
    started = time.monotonic()
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "storylens.cli",
            "analyze",
            str(corpus),
            str(work / "examples"),
            "--out",
            str(out),
            "--format",
            "json",
            "-q",
        ],
        capture_output=True,
        text=True,
        errors="backslashreplace",
    )
    wall = time.monotonic() - started
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    report_path = out / "report.json"
    crashed = proc.returncode == 3 or "Traceback" in proc.stderr or not report_path.exists()
    report = json.loads(report_path.read_text(encoding="utf-8")) if report_path.exists() else {}
    articles = {a["source"].split("#")[0] for s in report.get("stories", []) for a in s["articles"]}
    dropped = report.get("dropped", [])
    dropped_sources = {d["source"].split("#")[0] for d in dropped}
    losses, needless = [], []
    for case in cases:
        if case.kind == "url-list-private":
            continue  # its URLs are the records; each must be refused (checked below)
        source = safe_source(str(case.path))
        if source not in articles and source not in dropped_sources:
            losses.append(f"{case.kind}: {source}")
        elif case.expect == "article" and source not in articles:
            needless.append(f"{case.kind}: {source}")
    refused = sum(1 for d in dropped if d["reason"].startswith("refused:"))
    samples = [
        s
        for s in report.get("stories", [])
        if any("coverage-trump-putin-iran" in a["source"] for a in s["articles"])
    ]
    figures = {
        "inputs": len(cases),
        "sample_files": len(list((ROOT / "examples").rglob("*.txt"))),
        "exit_code": proc.returncode,
        "crashes": int(crashed),
        "silent_losses": len(losses),
        "silent_loss_examples": losses[:5],
        "needless_drops": len(needless),
        "needless_drop_examples": needless[:5],
        "articles": sum(len(s["articles"]) for s in report.get("stories", [])),
        "stories": len(report.get("stories", [])),
        "dropped": len(dropped),
        "dropped_by_reason": dict(
            Counter(_reason_kind(d["reason"]) for d in dropped).most_common()
        ),
        "private_urls_refused": refused,
        "samples_story": {
            "stories": len(samples),
            "articles": len(samples[0]["articles"]) if samples else 0,
            "quotes": len(samples[0]["quotes"]) if samples else 0,
            "claims": len(samples[0]["claims"]) if samples else 0,
            "summary": len(samples[0]["summary"]) if samples else 0,
        },
        "peak_rss_mb": round(peak_mb),
        "wall_s": round(wall, 1),
        "stderr_tail": proc.stderr[-400:] if crashed else "",
    }
    print(json.dumps(figures, indent=2))
    if args.keep is None:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
