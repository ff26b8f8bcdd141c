"""Corroboration on the cross-outlet gold with the gold grouping forced, beside the user path.

Diagnostic harness (not shipped): it separates the fact recall lost to clustering (the articles
of one gold story put into different report stories) from the recall lost in claim alignment.
Both modes read the gold story's articles exactly as ``storylens eval crossoutlet`` does
(written as files, ingested, cleaned, de-duplicated) and score with the same metric
(:func:`storylens.evaluation.crossoutlet.score_story`); only the grouping differs:

* ``user``: the articles are clustered as ``storylens analyze`` clusters them;
* ``forced``: every article of the gold story is one story (clustering bypassed).

Only the claims stage runs (the corroboration figures read nothing else), so quote and conflict
figures of this harness are meaningless. Cleaned articles, parses and the user grouping are
cached in ``/tmp`` (keyed by the article texts), so a rerun costs the alignment only.

    python benchmarks/corroboration_grouping.py [--mode forced|user|both] [--only ID ...]
        [--half even|odd] [--explain FILE]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import pickle
import sys
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any

from storylens import claims, cluster, dedup
from storylens.config import Config
from storylens.evaluation.crossoutlet import _load, _write_inputs, figures, score_story
from storylens.nlp import Models
from storylens.pipeline import read_articles
from storylens.records import Article, Report
from storylens.report.jsonreport import render_json

DATA = Path("/work/shared/data/crossoutlet")
CACHE = Path("/tmp/co18_cache")


def _upstream_code() -> bytes:
    """The source of every stage before claims, so a cache made under older cleaning,
    dedup or clustering (the user grouping) is not read back."""
    root = Path(__file__).resolve().parents[1] / "src" / "storylens"
    files = sorted(p for p in root.rglob("*.py") if "claims" not in p.relative_to(root).parts)
    return b"".join(p.read_bytes() for p in files)


def _prepared(
    story_id: str, rows: list[dict[str, Any]], models: Models, config: Config
) -> tuple[list[Article], list[list[str]]]:
    """Cleaned, de-duplicated articles and the user grouping (ids), cached with the parses."""
    from spacy.tokens import DocBin

    key = hashlib.sha1(json.dumps(rows, sort_keys=True).encode() + _upstream_code()).hexdigest()[
        :16
    ]
    path = CACHE / f"{story_id}-{key}.pkl"
    if path.exists():
        articles, groups, docbytes = pickle.loads(path.read_bytes())
        docs = list(DocBin().from_bytes(docbytes).get_docs(models.spacy.vocab))
        models._store({a.text: doc for a, doc in zip(articles, docs, strict=True)})
        return articles, groups
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        _write_inputs(folder, rows)
        articles, _ = read_articles([folder], config)
    articles = dedup.mark_duplicates(articles, config.dedup)
    groups = [[a.id for a in g] for g in cluster.cluster_articles(articles, models, config.cluster)]
    models.parse_all(articles)
    bin_ = DocBin(store_user_data=True)
    for a in articles:
        bin_.add(models.doc(a))
    CACHE.mkdir(exist_ok=True)
    path.write_bytes(pickle.dumps((articles, groups, bin_.to_bytes())))
    return articles, groups


def _report(
    articles: list[Article], groups: list[list[str]], models: Models, config: Config
) -> Any:
    by_id = {a.id: a for a in articles}
    stories = []
    for ids in groups:
        story = cluster.make_story([by_id[i] for i in ids])
        if len(story.articles) > 1:
            story = story.model_copy(
                update={"claims": claims.align_claims(story, models, config.claims)}
            )
        stories.append(story)
    return json.loads(render_json(Report(stories=stories, dropped=[])))


def _missed(gold: Any, report: Any) -> list[str]:
    """Gold facts no corroborated row links, with their mentions (what alignment missed)."""
    from storylens.evaluation.crossoutlet import gold_article, overlaps

    id_map = {a["id"]: gold_article(a) for st in report["stories"] for a in st["articles"]}
    rows = [
        [(id_map.get(s["article"], ""), s["text"]) for s in c["sources"]]
        for st in report["stories"]
        for c in st.get("claims", [])
        if c.get("support", 0) >= 2
    ]
    out = []
    for fact in gold.get("facts", []):

        def states(a: str, t: str, fact: Any = fact) -> bool:
            return any(m["article"] == a and overlaps(m["quote"], t) for m in fact["mentions"])

        if any(len({a for a, t in r if states(a, t)}) >= 2 for r in rows):
            continue
        ms = " || ".join(f"{m['article']}: {m['quote'][:160]}" for m in fact["mentions"])
        out.append(f"MISSED {gold['id'][:11]} {fact['about']!r}: {ms}")
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mode", choices=["forced", "user", "both"], default="both")
    parser.add_argument("--only", nargs="*", default=[])
    parser.add_argument("--half", choices=["even", "odd"])
    parser.add_argument("--explain", type=Path)
    parser.add_argument(
        "--set", nargs="*", default=[], help="NAME=VALUE: a claims constant, for a quick sweep"
    )
    parser.add_argument("--threshold", type=float, help="the claims threshold, for a sweep")
    args = parser.parse_args()
    import importlib
    import pkgutil

    rooms = [claims] + [
        importlib.import_module(f"storylens.claims.{m.name}")
        for m in pkgutil.iter_modules(getattr(claims, "__path__", []))
    ]
    for item in args.set:
        name, value = item.split("=", 1)
        for room in rooms:  # every room that holds the constant, so all its readers see it
            if hasattr(room, name):
                setattr(room, name, type(getattr(room, name))(value))

    config = Config()
    if args.threshold is not None:
        config.claims.threshold = args.threshold
    models = Models(config)
    stories, rows = _load(DATA)
    stories = sorted(stories, key=lambda s: s["id"])
    if args.half:
        stories = stories[0 if args.half == "even" else 1 :: 2]
    if args.only:
        stories = [s for s in stories if s["id"] in set(args.only)]
    modes = ["forced", "user"] if args.mode == "both" else [args.mode]
    out: dict[str, Any] = {}
    lines: list[str] = []
    for mode in modes:
        tally: dict[str, int] = defaultdict(int)
        per_story: dict[str, Any] = {}
        for gold in stories:
            chosen = [rows[gold["id"]][a] for a in gold["articles"] if a in rows[gold["id"]]]
            articles, groups = _prepared(gold["id"], chosen, models, config)
            if mode == "forced":
                groups = [[a.id for a in articles]]
            report = _report(articles, groups, models, config)
            one: dict[str, int] = defaultdict(int)
            score_story(gold, report, one, lines if mode == "forced" else None)
            if mode == "forced":
                lines.extend(_missed(gold, report))
            for k, v in one.items():
                tally[k] += v
            per_story[gold["id"]] = figures(one)["corroboration"]
        out[mode] = {"stories": len(per_story), **figures(tally)["corroboration"]}
        out[mode + "_per_story"] = per_story
    if args.explain:
        keep = [ln for ln in lines if "corroborated row" in ln or ln.startswith("MISSED")]
        args.explain.write_text("\n".join(keep) + "\n", encoding="utf-8")
    json.dump({k: v for k, v in out.items() if not k.endswith("per_story")}, sys.stdout, indent=1)
    print()
    Path("/tmp/co18_last.json").write_text(json.dumps(out, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
