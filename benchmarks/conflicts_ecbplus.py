"""Conflict precision on unseen coverage: ECB+ dev gold events (issue 14).

No conflict gold exists for ECB+ (``shared/data/clustering/ecbplus-dev/``), but each gold event
is real coverage of one happening by several outlets, unseen while writing the conflict rules.
Each event's articles are analysed as one story (quotes, claims, then every conflict finder)
and every conflict is printed with both sides' sentences, to be read by a person: the figure
is how many of them are real or plausible disagreements.

    python benchmarks/conflicts_ecbplus.py [--data DIR] [--events N] [--cache FILE]

The articles carry no publication date, so relative days ("yesterday") are never placed.
``--cache FILE`` keeps each story after claims (and its parses) for reruns of the conflict
stage only. Prints one JSON object: events, articles, conflicts and their list.
"""

from __future__ import annotations

import argparse
import json
import pickle
from collections import defaultdict
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from storylens import claims, cluster, conflicts, quotes
from storylens.config import Config
from storylens.nlp import Models
from storylens.records import Article, Story

DEFAULT_DATA = (
    Path(__file__).resolve().parents[2] / "shared" / "data" / "clustering" / "ecbplus-dev"
)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--events", type=int, default=0, help="only the first N events (0: all)")
    ap.add_argument("--cache", type=Path, default=None)
    args = ap.parse_args()
    gold: dict[str, str] = json.loads((args.data / "gold.json").read_text(encoding="utf-8"))
    texts: dict[str, str] = {}
    with (args.data / "articles.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                row = json.loads(line)
                texts[row["id"]] = row["text"]
    events: dict[str, list[str]] = defaultdict(list)
    for aid, event in gold.items():
        events[event].append(aid)
    chosen = sorted(events)[: args.events or None]
    config = Config()
    models = Models(config)
    cached: dict[str, tuple[Story, dict[str, bytes]]] = {}
    if args.cache is not None and args.cache.exists():
        cached = pickle.loads(args.cache.read_bytes())
    found: list[dict[str, Any]] = []
    for event in chosen:
        if event in cached:
            story, docs = cached[event]
            for a in story.articles:
                models._docs[(a.id, hash(a.text))] = Doc(models.spacy.vocab).from_bytes(docs[a.id])
        else:
            items = [
                Article(id=a, source=a + ".txt", outlet=a, text=texts[a])
                for a in sorted(events[event])
            ]
            story = cluster.make_story(items).model_copy(update={"id": event})
            models.parse_all(story.articles)
            story = story.model_copy(
                update={"quotes": quotes.find_quotes(story, models, config.quotes)}
            )
            story = story.model_copy(
                update={"claims": claims.align_claims(story, models, config.claims)}
            )
            cached[event] = (story, {a.id: models.doc(a).to_bytes() for a in story.articles})
        for c in conflicts.find_conflicts(story, models):
            sides = []
            for v in c.values:
                for sp in v.spans:
                    assert story.article(sp.article).slice(sp.span) == sp.text
                    sentence = sp.sentence.text if sp.sentence else None
                    sides.append({"value": v.value, "article": sp.article, "text": sp.text,
                                  "sentence": sentence})  # fmt: skip
            found.append({"event": event, "kind": c.kind, "slot": c.slot, "sides": sides})
    if args.cache is not None:
        args.cache.write_bytes(pickle.dumps(cached))
    result = {
        "events": len(chosen),
        "articles": sum(len(events[e]) for e in chosen),
        "conflicts": len(found),
        "found": found,
    }
    print(json.dumps(result, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
