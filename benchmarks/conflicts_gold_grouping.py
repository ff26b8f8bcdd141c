"""Conflicts on the cross-outlet dev gold with the gold stories as the grouping (issue 14).

``storylens eval crossoutlet`` runs the whole pipeline, so a conflict whose two sides the
clustering stage puts in different stories is lost before the conflict stage sees it. This
benchmark measures the conflict stage alone: each gold story's articles are read and cleaned
as a user's folder would be (the same ``ARTICLE.txt`` + ``.meta.json`` sidecar files as the
eval writes, so publication dates from URLs count), marked for duplicates, and analysed as ONE
story (quotes, claims, conflicts; signals and summary are skipped, no conflict reads them).
The score is the library's copy of ``score.py`` (conflict figures only are meaningful here).

    python benchmarks/conflicts_gold_grouping.py [--data DIR] [--only ID ...] [--cache FILE]

``--cache FILE`` keeps each story after claims (and its parses) in a pickle, so a rerun only
reruns the conflict stage: for iterating on the conflict rules. Delete it when quotes, claims
or cleaning change. Prints one JSON object: conflict figures, per-story counts, the explain
lines of conflicts, and every reported conflict with both sides' sentences.
"""

from __future__ import annotations

import argparse
import json
import pickle
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from storylens import claims, cluster, conflicts, dedup, quotes
from storylens.config import Config
from storylens.evaluation.crossoutlet import _load, _write_inputs, figures, score_story
from storylens.nlp import Models
from storylens.pipeline import read_articles
from storylens.records import Report, Story

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "crossoutlet"
Json = dict[str, Any]


def story_until_claims(rows: list[Json], models: Models, config: Config) -> Story:
    with tempfile.TemporaryDirectory() as tmp:
        inputs = Path(tmp) / "in"
        _write_inputs(inputs, rows)
        articles, _ = read_articles([inputs], config)
        for a in articles:  # the source path of a temporary folder is no part of the story
            a.source = a.source.replace(str(inputs), "IN")
    articles = dedup.mark_duplicates(articles, config.dedup)
    story = cluster.make_story(articles)
    models.parse_all(story.articles)
    story = story.model_copy(update={"quotes": quotes.find_quotes(story, models, config.quotes)})
    return story.model_copy(update={"claims": claims.align_claims(story, models, config.claims)})


def conflict_rows(story: Story) -> list[Json]:
    out = []
    for c in story.conflicts:
        sides = []
        for v in c.values:
            for sp in v.spans:
                assert story.article(sp.article).slice(sp.span) == sp.text  # the span invariant
                sides.append(
                    {
                        "value": v.value,
                        "article": story.article(sp.article).source.split("/")[-1],
                        "text": sp.text,
                        "sentence": sp.sentence.text if sp.sentence else None,
                    }
                )
        out.append({"kind": c.kind, "slot": c.slot, "sides": sides})
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--only", nargs="*", default=[])
    ap.add_argument("--cache", type=Path, default=None)
    args = ap.parse_args()
    config = Config()
    models = Models(config)
    gold_stories, rows = _load(args.data)
    cached: dict[str, tuple[Story, dict[str, bytes]]] = {}
    if args.cache is not None and args.cache.exists():
        cached = pickle.loads(args.cache.read_bytes())
    tally: dict[str, int] = defaultdict(int)
    lines: list[str] = []
    per_story: dict[str, Json] = {}
    found: dict[str, list[Json]] = {}
    for gold in gold_stories:
        sid = gold["id"]
        if args.only and sid not in args.only:
            continue
        if sid in cached:
            story, docs = cached[sid]
            for a in story.articles:
                models._docs[(a.id, hash(a.text))] = Doc(models.spacy.vocab).from_bytes(docs[a.id])
        else:
            picked = [rows[sid][a] for a in gold["articles"] if a in rows[sid]]
            story = story_until_claims(picked, models, config)
            docs = {a.id: models.doc(a).to_bytes() for a in story.articles}
            cached[sid] = (story, docs)
        story = story.model_copy(update={"conflicts": conflicts.find_conflicts(story, models)})
        report = json.loads(Report(stories=[story], dropped=[]).model_dump_json())
        one: dict[str, int] = defaultdict(int)
        score_story(gold, report, one, lines)
        for key, value in one.items():
            tally[key] += value
        per_story[sid] = figures(one)["conflicts"]
        found[sid] = conflict_rows(story)
    if args.cache is not None:
        args.cache.write_bytes(pickle.dumps(cached))
    result = {
        "grouping": "gold stories",
        "stories": len(per_story),
        "conflicts": figures(tally)["conflicts"],
        "per_story": per_story,
        "explain": [line for line in lines if "conflict" in line],
        "reported": found,
    }
    print(json.dumps(result, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
