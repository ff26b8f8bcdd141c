"""Statement alignment measured on real coverage: ``storylens eval claims --data DIR``.

``DIR`` holds gold files ``claims-*.json`` (the one shipped, ``benchmarks/data/
claims-ecbplus-dev.json``, is built from ECB+ cross-document event coreference by
``benchmarks/build_claims_gold.py``; its ``origin`` field says so). Each file lists sentences
(article id, text) and labelled sentence pairs from different articles: 1 = the two report
the same event action, 0 = they do not (same event but other action, or the other event of
the same topic).

Two figures, both with baselines computed in the same run:

* **pairs** — every labelled pair scored by :func:`storylens.claims.pair_score` (IDF and
  word vectors over the sentences of its topic, as a story would give them); precision,
  recall and F1 at the configured threshold, average precision over all thresholds, and the
  best-F1 threshold (an oracle, shown so the fixed threshold can be judged), and the recall each
  method reaches at the precision StoryLens keeps at its threshold and at ``FIXED_PRECISION``.
  Baselines: sentence-embedding cosine alone and content-word Jaccard, each at its own best
  threshold.
* **grouping** — :func:`storylens.claims.align_units` run over all sentences of a topic (both
  of its events mixed, so topical look-alikes compete); a labelled pair counts as predicted
  aligned when both sentences land in one claim. Recall here is bounded: a claim holds one
  sentence per article, while the gold may pair several sentences of one article with the
  same sentence of another.

``aligned_share_by_pair_type`` breaks both down by the gold's pair types: the share of
positives aligned is recall per type, of negatives the false-alignment rate per type.
"""

from __future__ import annotations

import json
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.metrics import average_precision_score

from storylens.claims import Unit, WordMatcher, align_units, pair_score, unit_at
from storylens.config import Config
from storylens.evaluation import EvaluationError
from storylens.nlp import Models
from storylens.records import Article

FIXED_PRECISION = 0.87
"""The precision corroboration counts are held to (the pipeline's threshold kept 0.872)."""


def _gold_files(data: Path) -> list[Path]:
    if data.is_file():
        return [data]
    if not data.is_dir():
        raise EvaluationError(f"{data} does not exist")
    files = sorted(data.glob("claims-*.json"))
    if not files:
        raise EvaluationError(
            f"no claims-*.json gold file in {data} (build one with benchmarks/build_claims_gold.py)"
        )
    return files


def _load(path: Path) -> tuple[dict[str, dict[str, Any]], list[dict[str, Any]], str]:
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
        sentences: dict[str, dict[str, Any]] = gold["sentences"]
        pairs: list[dict[str, Any]] = gold["pairs"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise EvaluationError(f"{path} is not a claims gold file: {exc}") from exc
    return sentences, pairs, str(gold.get("origin", "not stated"))


def _units(sentences: dict[str, dict[str, Any]], models: Models) -> dict[str, Unit]:
    """One Article per gold article (its gold sentences as paragraphs), one Unit per sentence."""
    by_article: dict[str, list[str]] = defaultdict(list)
    for key, sent in sentences.items():
        by_article[str(sent["article"])].append(key)
    units: dict[str, Unit] = {}
    articles: list[tuple[Article, list[tuple[str, tuple[int, int]]]]] = []
    for article_id, keys in sorted(by_article.items()):
        text, spans = "", []
        for key in keys:
            start = len(text)
            text += str(sentences[key]["text"])
            spans.append((key, (start, len(text))))
            text += "\n\n"
        articles.append((Article(id=article_id, source=article_id, text=text), spans))
    models.parse_all([a for a, _ in articles])
    for article, spans in articles:
        for key, span in spans:
            unit = unit_at(article, span, models)
            if unit is not None:
                units[key] = unit
    return units


def _prf(pred: np.ndarray, gold: np.ndarray) -> dict[str, float]:
    tp = float(np.sum(pred & gold))
    p = tp / max(float(np.sum(pred)), 1.0)
    r = tp / max(float(np.sum(gold)), 1.0)
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3)}


def _best(scores: np.ndarray, gold: np.ndarray) -> dict[str, float]:
    best = {"threshold": 0.0, "f1": -1.0}
    for t in np.unique(np.round(scores, 3)):
        f1 = _prf(scores >= t, gold)["f1"]
        if f1 > best["f1"]:
            best = {"threshold": float(t), "f1": f1}
    return best


def _recall_at_precision(scores: np.ndarray, gold: np.ndarray, precision: float) -> float:
    """Highest recall any threshold reaches while keeping at least ``precision``."""
    best = 0.0
    for t in np.unique(np.round(scores, 3)):
        m = _prf(scores >= t, gold)
        if m["precision"] >= precision:
            best = max(best, m["recall"])
    return best


def _method(
    scores: np.ndarray, gold: np.ndarray, threshold: float | None, precision: float
) -> dict[str, Any]:
    out: dict[str, Any] = {
        "average_precision": round(float(average_precision_score(gold, scores)), 3),
        "best_f1": _best(scores, gold),
        f"recall_at_precision_{precision}": _recall_at_precision(scores, gold, precision),
        # a fixed target too, so figures stay comparable when the scorer's own precision moves
        f"recall_at_precision_{FIXED_PRECISION}": _recall_at_precision(
            scores, gold, FIXED_PRECISION
        ),
    }
    if threshold is not None:
        out["at_threshold"] = {"threshold": threshold, **_prf(scores >= threshold, gold)}
    return out


def _jaccard(a: Unit, b: Unit) -> float:
    sa, sb = set(a.words), set(b.words)
    return len(sa & sb) / len(sa | sb) if sa | sb else 0.0


def evaluate(data: Path, config: Config | None = None) -> dict[str, Any]:
    config = config or Config()
    threshold = config.claims.threshold
    models = Models(config)
    result: dict[str, Any] = {"threshold": threshold, "sets": {}}
    for path in _gold_files(data):
        sentences, pairs, origin = _load(path)
        started = time.perf_counter()
        units = _units(sentences, models)
        topic_of = {
            k: str(s.get("event", s["article"])).split("_")[0] for k, s in sentences.items()
        }
        by_topic: dict[str, list[str]] = defaultdict(list)
        for key in units:
            by_topic[topic_of[key]].append(key)
        matchers = {
            t: WordMatcher([units[k] for k in keys], models) for t, keys in by_topic.items()
        }
        vectors = models.embed([u.text for u in units.values()])
        row = {k: i for i, k in enumerate(units)}

        kept = [p for p in pairs if p["a"] in units and p["b"] in units]
        gold = np.asarray([bool(p["label"]) for p in kept])
        ours, cosine, jaccard = [], [], []
        for p in kept:
            a, b = units[p["a"]], units[p["b"]]
            cos = float(vectors[row[p["a"]]] @ vectors[row[p["b"]]])
            matcher = matchers[topic_of[p["a"]]]
            ours.append(pair_score(cos, matcher.score(a, b), a, b, matcher))
            cosine.append(cos)
            jaccard.append(_jaccard(a, b))

        together: set[frozenset[str]] = set()
        for keys in by_topic.values():
            topic_units = [units[k] for k in keys]
            emb = np.stack([vectors[row[k]] for k in keys])
            groups = align_units(topic_units, emb, matchers[topic_of[keys[0]]], threshold)
            for group in groups:
                members = [keys[i] for i in group]
                together.update(
                    frozenset((x, y)) for i, x in enumerate(members) for y in members[i + 1 :]
                )
        grouped = np.asarray([frozenset((p["a"], p["b"])) in together for p in kept])
        elapsed = time.perf_counter() - started
        scored = np.asarray(ours) >= threshold
        # baselines are compared at the precision StoryLens keeps at its threshold
        target = _prf(scored, gold)["precision"]
        by_type: dict[str, dict[str, float]] = {}
        for why in sorted({str(p.get("why", "")) for p in kept}):
            rows = np.asarray([str(p.get("why", "")) == why for p in kept])
            by_type[why] = {
                "pairs": int(rows.sum()),
                "aligned_by_score": round(float(scored[rows].mean()), 3),
                "aligned_by_grouping": round(float(grouped[rows].mean()), 3),
            }

        result["sets"][path.stem] = {
            "origin": origin,
            "pairs": len(kept),
            "positive": int(gold.sum()),
            "skipped_pairs": len(pairs) - len(kept),
            "pair_scoring": {
                "storylens": _method(np.asarray(ours), gold, threshold, target),
                "baseline_cosine": _method(np.asarray(cosine), gold, None, target),
                "baseline_word_jaccard": _method(np.asarray(jaccard), gold, None, target),
            },
            "grouping": _prf(grouped, gold),
            "aligned_share_by_pair_type": by_type,
            "seconds": round(elapsed, 1),
        }
    return result
