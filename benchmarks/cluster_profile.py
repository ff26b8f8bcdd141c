"""Seconds per stage of ``storylens cluster`` (read+clean, dedup, stream or batch) on a corpus of
real-derived full-text articles, and the stories it forms, to check a speed-up changes nothing.

    .venv/bin/python benchmarks/cluster_profile.py --articles 3000 [--modes stream batch]
        [--save groups.json] [--compare groups.json] [--profile stream] [--jobs 2]

The corpus is ``scale_corpus.build`` (ECB+, Multi-News and Zyte texts with perturbed replicas
30 days apart, syndicated copies and reprints), written as one JSONL file and read through the
CLI's own path (``pipeline.read_articles`` with the cluster command's relaxed config, then
``dedup.mark_duplicates``). Times are CPU seconds of this process (``time.process_time``: the
shared machine's load does not inflate them) and wall seconds. ``--save`` writes each mode's
stories (story id -> the sources of its articles, in order); ``--compare`` reads such a file
and says whether every mode formed exactly the same stories with the same ids.
``--jobs N`` cleans in N worker processes (their CPU is counted in read+clean's ``cpu``;
``main_cpu`` is this process's). ``--profile MODE`` prints the 25 heaviest functions (cumulative) of that mode's assignment.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import scale_corpus
from storylens import dedup
from storylens.cluster import cluster_articles, make_story
from storylens.config import Config
from storylens.grouping import _streamed
from storylens.nlp import Models
from storylens.pipeline import quiet, read_articles
from storylens.records import Article


def _timed(fn: Any, *args: Any) -> tuple[Any, float, float]:
    cpu, wall = time.process_time(), time.perf_counter()
    out = fn(*args)
    return out, time.process_time() - cpu, time.perf_counter() - wall


def _batch(articles: list[Article], models: Models, config: Config) -> dict[str, list[str]]:
    groups = cluster_articles(articles, models, config.cluster)
    stories = [make_story(g) for g in groups]
    return {s.id: [a.source for a in s.articles] for s in stories}


def _stream(articles: list[Article], models: Models, config: Config) -> dict[str, list[str]]:
    grouping = _streamed(articles, models, config, [], quiet)
    return {s.id: [a.source for a in s.articles] for s in grouping.stories}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--modes", nargs="+", default=["stream", "batch"])
    parser.add_argument("--save", type=Path)
    parser.add_argument("--compare", type=Path)
    parser.add_argument("--profile", choices=("stream", "batch"))
    parser.add_argument(
        "--jobs", type=int, default=1, help="processes that clean (read_articles' jobs)"
    )
    args = parser.parse_args()

    config = Config()
    relaxed = config.model_copy(update={"clean": config.clean.model_copy(update={"min_words": 0})})
    models = Models(config)
    models.embed(["warm-up"])
    out: dict[str, Any] = {"articles": args.articles, "seconds": {}}
    # A fixed path: an article's source (and so the saved stories) names the file.
    path = Path(tempfile.gettempdir()) / f"storylens-profile-{args.articles}-{args.seed}.jsonl"
    if not path.exists():
        rows = scale_corpus.build(args.articles, seed=args.seed)
        path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    children = os.times()
    (read, _), cpu, wall = _timed(lambda p, c: read_articles(p, c, jobs=args.jobs), [path], relaxed)
    after = os.times()
    workers_cpu = (after.children_user + after.children_system) - (
        children.children_user + children.children_system
    )
    out["jobs"] = args.jobs
    out["seconds"]["read+clean"] = {
        "cpu": round(cpu + workers_cpu, 2),
        "main_cpu": round(cpu, 2),
        "wall": round(wall, 2),
    }
    articles, cpu, wall = _timed(dedup.mark_duplicates, read, config.dedup)
    out["seconds"]["dedup"] = {"cpu": round(cpu, 2), "wall": round(wall, 2)}
    stories: dict[str, dict[str, list[str]]] = {}
    for mode in args.modes:
        run = _stream if mode == "stream" else _batch
        profiler = cProfile.Profile() if args.profile == mode else None
        if profiler:
            profiler.enable()
        stories[mode], cpu, wall = _timed(run, articles, models, config)
        if profiler:
            profiler.disable()
            pstats.Stats(profiler, stream=sys.stderr).sort_stats("cumulative").print_stats(25)
            pstats.Stats(profiler, stream=sys.stderr).sort_stats("tottime").print_stats(25)
        out["seconds"][mode] = {"cpu": round(cpu, 2), "wall": round(wall, 2)}
        out[f"{mode}_stories"] = len(stories[mode])
        total_cpu = sum(out["seconds"][k]["cpu"] for k in ("read+clean", "dedup", mode))
        out[f"{mode}_articles_per_cpu_s_clean_dedup_{mode}"] = round(len(read) / total_cpu, 1)
        out[f"{mode}_articles_per_cpu_s_{mode}_alone"] = round(len(read) / cpu, 1)
    if args.save:
        args.save.write_text(json.dumps(stories, indent=0, sort_keys=True))
    if args.compare:
        before = json.loads(args.compare.read_text())
        out["identical"] = {m: before.get(m) == stories[m] for m in stories}
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
