"""One slow document cannot hold up the run: a text of 1,800 short quotes beside the samples.

    .venv/bin/python benchmarks/hostile_budget.py [--budget 10]

Quote attribution on main is roughly cubic in quote marks (issue 13 fixes that); the story
budget (``Config.story_budget_s``, CPU seconds) gives such a story up, keeps its articles
unanalysed and lists it in ``dropped``, while every other story is analysed. Prints JSON.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from hostile import TOPICS  # noqa: E402
from storylens import analyze  # noqa: E402
from storylens.config import Config  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--budget", type=float, default=10.0, help="story_budget_s (CPU s)")
    parser.add_argument("--quotes", type=int, default=1800)
    args = parser.parse_args()
    words = TOPICS[2].split()
    rng = random.Random(1)
    text = " ".join(
        f'"{rng.choice(words)} {rng.choice(words)}." he said.' for _ in range(args.quotes)
    )
    folder = Path(tempfile.mkdtemp(prefix="storylens-quotes-"))
    page = folder / "quotes.txt"
    page.write_text(text)
    config = Config(story_budget_s=args.budget, story_budget_per_article_s=0)
    started = time.monotonic()
    report = analyze([page, ROOT / "examples"], config)
    usage = resource.getrusage(resource.RUSAGE_SELF)
    print(
        json.dumps(
            {
                "page_bytes": len(text.encode()),
                "budget_cpu_s": args.budget,
                "wall_s": round(time.monotonic() - started, 1),
                "cpu_s": round(usage.ru_utime + usage.ru_stime, 1),
                "stories": [
                    {
                        "articles": len(s.articles),
                        "quotes": len(s.quotes),
                        "claims": len(s.claims),
                        "summary": len(s.summary),
                    }
                    for s in report.stories
                ],
                "dropped": [f"{d.source}: {d.reason}" for d in report.dropped],
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
