"""Wall time of `storylens analyze examples` from a cold process, as JSON.

    .venv/bin/python benchmarks/cold_start.py [--runs 3]

Each run is a fresh interpreter (imports, model loading and analysis all counted), which is
what a user waits for. The target from issue 3 is under 3 s on 2 cores.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("inputs", nargs="*", default=[str(ROOT / "examples")])
    args = parser.parse_args()
    exe = Path(sys.executable).with_name("storylens")
    times = []
    with tempfile.TemporaryDirectory() as out:
        for _ in range(args.runs):
            start = time.perf_counter()
            proc = subprocess.run(
                [str(exe), "analyze", *args.inputs, "--out", out, "--quiet"],
                capture_output=True,
                text=True,
                check=False,
            )
            times.append(time.perf_counter() - start)
            if proc.returncode not in (0, 1):
                sys.exit(f"storylens failed ({proc.returncode}):\n{proc.stderr}")
    print(
        json.dumps(
            {
                "benchmark": "cold_start",
                "command": "storylens analyze " + " ".join(args.inputs),
                "runs": args.runs,
                "wall_s": {
                    "median": round(statistics.median(times), 3),
                    "min": round(min(times), 3),
                    "max": round(max(times), 3),
                },
                "target_s": 3.0,
                "cpus": os.cpu_count(),
                "python": platform.python_version(),
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
