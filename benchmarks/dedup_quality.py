"""Near-duplicate detection: precision/recall on real articles with realistic copy edits, and speed.

Data: ``shared/data/clustering/ecbplus-dev`` (ECB+, 572 real news articles, CC BY 3.0). Every
article is kept as an original, and a seeded half of them also get one edited copy, the way
syndicated wire copy is reprinted:

- ``retitled``: a new first line (headline) and a byline line added;
- ``trimmed``: the last 10-40% of the paragraphs cut;
- ``boilerplate``: wrapped in site furniture (ad marker, newsletter pitch, copyright line,
  "related" teasers) taken from real article pages' conventions;
- ``light_edit``: 5% of the words dropped (house-style edits, lost markup);
- ``combined``: trimmed + boilerplate + light edit + retitled.

Articles of ECB+ that already share half their shingles with another (real reprints, unlabelled)
are left out of the pool first. The gold duplicate pairs are (original, its copy). Every other pair is a negative, and the
hard ones are two different articles of the same ECB+ event (same facts, other words), which
must *not* be grouped. Reported: pair precision/recall/F1 of ``mark_duplicates``, recall per
edit kind, false merges among same-event originals, articles per second; and two baselines in
the same run: exact match of the normalised text, and plain Jaccard at the same threshold
(datasketch MinHash LSH candidates, confirmed on the exact shingle sets).

    python benchmarks/dedup_quality.py [--copies 0.5] [--seed 0] [--shingle-words 5]
        [--threshold 0.7]
Prints JSON.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

from datasketch import MinHash, MinHashLSH

from storylens.config import DedupConfig
from storylens.dedup import containment, mark_duplicates, normalise, shingles
from storylens.evaluation.clustering import load
from storylens.records import Article

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "clustering" / "ecbplus-dev"
EDITS = ("retitled", "trimmed", "boilerplate", "light_edit", "combined")
FURNITURE_TOP = ["Advertisement", "Share this article", "Related: Top stories this hour"]
FURNITURE_BOTTOM = [
    "Sign up for our morning newsletter to get the day's top stories in your inbox.",
    "Copyright 2013 The Associated Press. All rights reserved. This material may not be "
    "published, broadcast, rewritten or redistributed.",
    "More from our network: Five things to know before the markets open",
]


def _paragraphs(text: str) -> list[str]:
    return [p for p in text.split("\n\n") if p.strip()]


def edit(text: str, kind: str, rng: random.Random) -> str:
    paras = _paragraphs(text)
    if kind in ("trimmed", "combined") and len(paras) > 3:
        keep = max(2, round(len(paras) * rng.uniform(0.6, 0.9)))
        paras = paras[:keep]
    if kind in ("light_edit", "combined"):
        edited = []
        for p in paras:
            words = p.split(" ")
            edited.append(" ".join(w for w in words if rng.random() >= 0.05) or p)
        paras = edited
    if kind in ("boilerplate", "combined"):
        paras = [*rng.sample(FURNITURE_TOP, 2), *paras, *rng.sample(FURNITURE_BOTTOM, 2)]
    if kind in ("retitled", "combined"):
        paras = ["Breaking: what we know so far", "By Staff Reporter", *paras]
    return "\n\n".join(paras)


def distinct(articles: list[Article], config: DedupConfig) -> tuple[list[Article], int]:
    """Articles sharing less than half their shingles with any other (checked exhaustively).

    ECB+ itself holds some reprints of one wire story; they are real duplicates without a
    label, so they are left out of the pool rather than counted either way.
    """
    sets = [shingles(normalise(a.text).split(), config.shingle_words) for a in articles]
    keep = []
    for i, a in enumerate(articles):
        if all(i == j or containment(sets[i], sets[j]) < 0.5 for j in range(len(articles))):
            keep.append(a)
    return keep, len(articles) - len(keep)


def build(articles: list[Article], share: float, seed: int) -> tuple[list[Article], dict[str, str]]:
    """The originals plus edited copies; returns (corpus, copy id -> edit kind)."""
    rng = random.Random(seed)
    corpus = list(articles)
    kind_of: dict[str, str] = {}
    for a in articles:
        if rng.random() >= share:
            continue
        kind = rng.choice(EDITS)
        text = edit(a.text, kind, rng)
        copy_id = f"{a.id}~{kind}"
        corpus.append(
            a.model_copy(update={"id": copy_id, "text": text, "words": len(text.split())})
        )
        kind_of[copy_id] = kind
    rng.shuffle(corpus)
    return corpus, kind_of


def original_of(article_id: str) -> str:
    return article_id.split("~")[0]


def groups_from_marks(marked: list[Article]) -> list[set[str]]:
    groups: dict[str, set[str]] = {}
    for a in marked:
        head = a.duplicate_of or a.id
        groups.setdefault(head, {head}).add(a.id)
    return list(groups.values())


def pairs_of(groups: list[set[str]]) -> set[tuple[str, str]]:
    out: set[tuple[str, str]] = set()
    for g in groups:
        for x, y in itertools.combinations(sorted(g), 2):
            out.add((x, y))
    return out


def exact_groups(corpus: list[Article]) -> list[set[str]]:
    by_hash: dict[str, set[str]] = {}
    for a in corpus:
        digest = hashlib.sha1(normalise(a.text).encode("utf-8")).hexdigest()
        by_hash.setdefault(digest, set()).add(a.id)
    return list(by_hash.values())


def jaccard_pairs(corpus: list[Article], config: DedupConfig) -> set[tuple[str, str]]:
    sets = {a.id: shingles(normalise(a.text).split(), config.shingle_words) for a in corpus}
    lsh = MinHashLSH(threshold=config.threshold, num_perm=config.num_perm)
    hashes = {}
    for a in corpus:
        mh = MinHash(num_perm=config.num_perm)
        mh.update_batch([s.encode("utf-8") for s in sets[a.id]])
        hashes[a.id] = mh
        lsh.insert(a.id, mh)
    found: set[tuple[str, str]] = set()
    for a in corpus:
        for b in lsh.query(hashes[a.id]):
            if b == a.id:
                continue
            x, y = sets[a.id], sets[b]
            if x and y and len(x & y) / len(x | y) >= config.threshold:
                found.add((min(a.id, b), max(a.id, b)))
    return found


def score(
    predicted: set[tuple[str, str]],
    gold: set[tuple[str, str]],
    kind_of: dict[str, str],
    event_of: Callable[[str], str],
) -> dict[str, object]:
    tp = len(predicted & gold)
    p = tp / len(predicted) if predicted else 1.0
    r = tp / len(gold) if gold else 1.0
    per_kind = {}
    for kind in EDITS:
        mine = {pair for pair in gold if kind_of.get(pair[0], kind_of.get(pair[1])) == kind}
        per_kind[kind] = round(len(mine & predicted) / len(mine), 4) if mine else None
    same_event_false = sum(
        1
        for x, y in predicted - gold
        if original_of(x) != original_of(y) and event_of(x) == event_of(y)
    )
    return {
        "pairs_predicted": len(predicted),
        "precision": round(p, 4),
        "recall": round(r, 4),
        "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
        "recall_by_edit": per_kind,
        "false_merges_same_event": same_event_false,
        "false_merges_other": len(predicted - gold) - same_event_false,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--copies", type=float, default=0.5, help="share of articles copied")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--shingle-words", type=int, default=DedupConfig().shingle_words)
    parser.add_argument("--threshold", type=float, default=DedupConfig().threshold)
    args = parser.parse_args()
    if not (args.data / "articles.jsonl").is_file():
        sys.exit(f"data not found: {args.data}")
    config = DedupConfig(shingle_words=args.shingle_words, threshold=args.threshold)
    articles, gold_event = load(args.data)
    articles, reprints = distinct(articles, DedupConfig())  # one pool whatever the setting
    corpus, kind_of = build(articles, args.copies, args.seed)
    gold = {(min(c, original_of(c)), max(c, original_of(c))) for c in kind_of}

    def event_of(article_id: str) -> str:
        return gold_event[original_of(article_id)]

    start = time.perf_counter()
    marked = mark_duplicates(corpus, config)
    seconds = time.perf_counter() - start
    storylens_pairs = pairs_of(groups_from_marks(marked))
    start = time.perf_counter()
    jaccard = jaccard_pairs(corpus, config)
    jaccard_seconds = time.perf_counter() - start
    print(
        json.dumps(
            {
                "data": str(args.data),
                "originals": len(articles),
                "left_out_as_reprints_in_ecbplus": reprints,
                "articles": len(corpus),
                "copies": len(kind_of),
                "copies_by_edit": {k: sum(v == k for v in kind_of.values()) for k in EDITS},
                "settings": config.model_dump(),
                "storylens": {
                    **score(storylens_pairs, gold, kind_of, event_of),
                    "articles_per_second": round(len(corpus) / seconds, 1),
                },
                "baseline_exact_hash": score(
                    pairs_of(exact_groups(corpus)), gold, kind_of, event_of
                ),
                "baseline_jaccard_lsh": {
                    **score(jaccard, gold, kind_of, event_of),
                    "articles_per_second": round(len(corpus) / jaccard_seconds, 1),
                },
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
