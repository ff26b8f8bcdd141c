"""How many stories each cross-outlet gold story's articles form when a user analyses its folder.

``storylens eval crossoutlet`` analyses each gold story's articles as one folder, the way
``storylens analyze FOLDER`` reads it (ingest, cleaning, dedup, clustering); when clustering
splits one event, the cross-outlet comparison (corroboration, conflicts) is lost. This runs
the same path up to the clustering and prints, per gold story, the report stories its
articles form and how many articles sit outside the largest. Prints JSON.

    python benchmarks/crossoutlet_grouping.py [--data DIR] [--only STORY ...] [--pairs] [--stream]
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path
from typing import Any

import numpy as np

from storylens import cluster, dedup
from storylens.config import Config
from storylens.evaluation.crossoutlet import _load, _write_inputs
from storylens.grouping import _streamed
from storylens.nlp import Models
from storylens.pipeline import quiet, read_articles


def _name(source: str) -> str:
    name = source.split("#", 1)[0].rsplit("/", 1)[-1]
    return name[:-4] if name.endswith(".txt") else name


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default="/work/shared/data/crossoutlet")
    parser.add_argument("--only", nargs="*", default=[])
    parser.add_argument("--pairs", action="store_true", help="print each pair's signal cosines")
    parser.add_argument("--stream", action="store_true", help="as `storylens cluster --stream`")
    args = parser.parse_args()
    config = Config()
    models = Models(config)
    stories, rows = _load(Path(args.data))
    out: dict[str, Any] = {}
    total_outside = total_groups = total_articles = 0
    for story in stories:
        if args.only and story["id"] not in args.only:
            continue
        chosen = [rows[story["id"]][a] for a in story["articles"] if a in rows[story["id"]]]
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / "in"
            _write_inputs(folder, chosen)
            articles, _ = read_articles([folder], config)
        articles = dedup.mark_duplicates(articles, config.dedup)
        if args.stream:
            groups = [s.articles for s in _streamed(articles, models, config, [], quiet).stories]
        else:
            groups = cluster.cluster_articles(articles, models, config.cluster)
        named = sorted(
            (sorted(_name(a.source) for a in g) for g in groups), key=lambda g: (-len(g), g)
        )
        outside = len(articles) - len(named[0]) if named else 0
        entry: dict[str, Any] = {"articles": len(articles), "stories": len(named)}
        entry["outside_largest"] = outside
        entry["groups"] = named
        if args.pairs:
            sim = cluster._Similarity(
                [a for a in articles if a.duplicate_of is None], models, config.cluster
            )
            heads = [a for a in articles if a.duplicate_of is None]
            idx = np.arange(len(heads), dtype=np.int64)
            entry["heads"] = [_name(a.source) for a in heads]
            entry["sim"] = np.round(sim.rows(idx, idx), 3).tolist()
            entry["names"] = np.round((sim.ent @ sim.ent.T).toarray(), 3).tolist()
            entry["keywords"] = np.round((sim.kw @ sim.kw.T).toarray(), 3).tolist()
            entry["embedding"] = np.round(sim.emb @ sim.emb.T, 3).tolist()
        out[story["id"]] = entry
        total_outside += outside
        total_groups += len(named)
        total_articles += len(articles)
    summary = {
        "gold_stories": len(out),
        "articles": total_articles,
        "report_stories": total_groups,
        "articles_outside_largest": total_outside,
        "stories_split": sum(1 for e in out.values() if e["stories"] > 1),
    }
    print(json.dumps({"summary": summary, "per_story": out}, indent=1))


if __name__ == "__main__":
    main()
