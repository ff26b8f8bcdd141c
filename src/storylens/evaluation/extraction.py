"""Article-body extraction, scored as each benchmark scores it, with baselines of the same run.

    storylens eval extraction --data ../shared/data/extraction --json        # both dev sets
    storylens eval extraction --data ../shared/data/extraction/zyte-dev --json

A data directory holds either ``ground-truth.json`` (``{id: {"articleBody", "url"}}``, the
Zyte benchmark: whole gold bodies) or ``labels.json`` (``{id: {"with", "without"}}``,
trafilatura's evaluation corpus: snippets that must and must not be in the main text), with
``html/ID.html.gz`` (the pages) and/or ``text/ID.txt`` (the same pages flattened to text).
A directory of such directories is measured set by set. Measured in one run, on the same pages:

- ``html``: StoryLens's HTML cleaner (text *and* metadata, as the pipeline runs it) against
  trafilatura's ``extract()`` with its defaults and with comments left out (as StoryLens
  calls it), the baselines; all are timed page by page, interleaved, so machine load hits
  them alike; ``time_ratio`` is StoryLens / trafilatura defaults.
- ``text``: StoryLens's flattened-text cleaner against keeping the whole text. Its line
  scorer was fitted on these pages, so ``storylens_cv5`` is the honest figure: the scorer
  refitted on four fifths of the pages and scored on the rest (5 folds split by page; with
  several sets, the folds split every set and the scorer is fitted on all of them).

Whole-body metric (Zyte): tokens are ``\\w+`` matches; the multisets of token 4-gram
shingles of gold and prediction are compared; per page tp/fp/fn are normalised to sum 1;
precision and recall are averaged over pages; F1 = 2PR/(P+R) of those means.
Snippet metric (trafilatura's ``tests/eval_common.py``): a ``with`` snippet found in the
extraction (whitespace-normalised substring) is a true positive, else a false negative; a
``without`` snippet found is a false positive; P, R and F1 over all snippets of all pages.
"""

from __future__ import annotations

import bisect
import gzip
import json
import re
import statistics
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from storylens.clean import text as cleaner
from storylens.config import CleanConfig
from storylens.evaluation import EvaluationError
from storylens.records import Article, RawDocument

_TOKEN = re.compile(r"\w+")


def shingles(text: str, n: int = 4) -> Counter[str]:
    tokens = _TOKEN.findall(text)
    return Counter(" ".join(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)))


def tp_fp_fn(gold: str, pred: str) -> tuple[float, float, float]:
    g, p = shingles(gold), shingles(pred)
    tp = fp = fn = 0.0
    for key in g.keys() | p.keys():
        tc, pc = g.get(key, 0), p.get(key, 0)
        tp += min(tc, pc)
        fp += max(0, pc - tc)
        fn += max(0, tc - pc)
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def score(pairs: Sequence[tuple[str, str]]) -> dict[str, float]:
    """Benchmark P/R/F1 over (gold, prediction) pairs."""
    precisions, recalls = [], []
    for gold, pred in pairs:
        tp, fp, fn = tp_fp_fn(gold, pred)
        precisions.append(1.0 if fp == fn == 0 else (tp / (tp + fp) if tp + fp else 0.0))
        recalls.append(1.0 if fp == fn == 0 else (tp / (tp + fn) if tp + fn else 0.0))
    p, r = statistics.mean(precisions), statistics.mean(recalls)
    return {
        "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
        "p": round(p, 4),
        "r": round(r, 4),
    }


@dataclass(frozen=True)
class Snippets:
    """A page's snippet gold: text that belongs to the main text, and text that does not."""

    keep: tuple[str, ...]
    drop: tuple[str, ...]


Gold = str | Snippets
Page = tuple[str, str, Gold]  # (page id, raw page, gold)


def _norm(text: str) -> str:
    return " ".join(text.split())


def snippet_score(pairs: Sequence[tuple[Snippets, str]]) -> dict[str, float]:
    """trafilatura's evaluation: P, R and F1 over all snippets of all pages."""
    tp = fn = fp = 0
    for gold, pred in pairs:
        text = _norm(pred)
        for snippet in gold.keep:
            if _norm(snippet) in text:
                tp += 1
            else:
                fn += 1
        fp += sum(_norm(snippet) in text for snippet in gold.drop)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {
        "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
        "p": round(p, 4),
        "r": round(r, 4),
    }


def score_pages(pages: Sequence[Page], preds: Sequence[str]) -> dict[str, float]:
    """The metric of the set the pages come from (all pages of one call share a kind)."""
    pairs = list(zip((gold for _, _, gold in pages), preds, strict=True))
    if pairs and isinstance(pairs[0][0], Snippets):
        return snippet_score([(g, p) for g, p in pairs if isinstance(g, Snippets)])
    return score([(g, p) for g, p in pairs if isinstance(g, str)])


def _gold(data: Path) -> dict[str, Gold]:
    labels = data / "labels.json"
    if labels.is_file():
        raw = json.loads(labels.read_text(encoding="utf-8"))
        return {
            key: Snippets(tuple(v.get("with", [])), tuple(v.get("without", [])))
            for key, v in raw.items()
        }
    path = data / "ground-truth.json"
    if not path.is_file():
        raise EvaluationError(
            f"{path} is missing: expected {{id: {{'articleBody': ...}}}} or labels.json"
        )
    raw = json.loads(path.read_text(encoding="utf-8"))
    return {key: value["articleBody"] for key, value in raw.items()}


def load_text(data: Path) -> list[Page]:
    """(page id, flattened text, gold) for every page of ``text/`` that has a gold."""
    gold = _gold(data)
    return [
        (path.stem, path.read_text(encoding="utf-8"), gold[path.stem])
        for path in sorted((data / "text").glob("*.txt"))
        if path.stem in gold
    ]


def load_html(data: Path) -> list[Page]:
    """(page id, decoded HTML, gold) for every page of ``html/`` that has a gold."""
    from storylens.ingest.files import declared_charset, decode

    gold = _gold(data)
    pages: list[Page] = []
    for path in sorted((data / "html").glob("*.html*")):
        page_id = path.name.split(".")[0]
        raw = path.read_bytes()
        raw = gzip.decompress(raw) if path.name.endswith(".gz") else raw
        text = decode(raw, declared_charset(raw))
        if page_id in gold and text is not None:
            pages.append((page_id, text, gold[page_id]))
    return pages


def clean_text_body(raw: str) -> str:
    from storylens.clean.text import clean_text

    result = clean_text(RawDocument(source="page", raw=raw), CleanConfig(min_words=0))
    return result.text if isinstance(result, Article) else ""


def clean_html_body(raw: str) -> str:
    from storylens.clean.html import clean_html

    result = clean_html(
        RawDocument(source="page", raw=raw, format="html"), CleanConfig(min_words=0)
    )
    return result.text if isinstance(result, Article) else ""


def trafilatura_body(raw: str) -> str:
    import trafilatura

    return trafilatura.extract(raw) or ""


def trafilatura_no_comments_body(raw: str) -> str:
    """trafilatura as StoryLens calls it (reader comments left out): the like-for-like baseline."""
    import trafilatura

    return trafilatura.extract(raw, include_comments=False) or ""


def _timed(
    pages: list[Page], systems: dict[str, Callable[[str], str]]
) -> dict[str, tuple[list[str], float]]:
    """Each system on each page, interleaved page by page, with the CPU seconds each took.

    CPU time of this process, not wall time: on a shared machine other processes' load would
    otherwise decide the ratio (all systems here are single-threaded)."""
    preds: dict[str, list[str]] = {name: [] for name in systems}
    seconds = dict.fromkeys(systems, 0.0)
    from storylens.clean.metadata import registered_domain

    registered_domain("https://www.example.com/")  # loads the public suffix list, once a process
    for run in systems.values():  # warm-up: imports and lazy tables are not page time
        run(pages[0][1])
    for _, raw, _ in pages:
        for name, run in systems.items():
            start = time.process_time()
            preds[name].append(run(raw))
            seconds[name] += time.process_time() - start
    return {name: (preds[name], seconds[name]) for name in systems}


def _figures(pages: list[Page], preds: list[str], seconds: float) -> dict[str, Any]:
    return {
        **score_pages(pages, preds),
        "pages_per_cpu_s": round(len(pages) / seconds, 1) if seconds else None,
    }


# --- refitting the flattened-text line scorer (``benchmarks/eval_extraction_text.py --train``)


def extract(raw: str, weights: cleaner.Scorer | None = None) -> str:
    """The flattened-text cleaner's body for ``raw``; ``weights`` replaces the fitted scorer."""
    doc = RawDocument(source="page", raw=raw)
    result = cleaner.clean_text(doc, CleanConfig(min_words=0), weights=weights)
    return result.text if isinstance(result, Article) else ""


def line_labels(raw: str, gold: Gold) -> list[int]:
    """1 body, 0 not, -1 unknown, for each line of ``raw`` (``cleaner.line_spans``).

    A whole gold body: a line is body when most of its shingles (or, when short, its tokens,
    and then only verbatim) are in it. Snippets: a line a ``with`` snippet overlaps is body, a
    line a ``without`` snippet overlaps is not, and the other lines are unknown."""
    if isinstance(gold, Snippets):
        return _snippet_labels(raw, gold)
    gold_sh = shingles(gold)
    gold_tokens = set(_TOKEN.findall(gold))
    labels = []
    for start, end in cleaner.line_spans(raw):
        line = raw[start:end]
        tokens = _TOKEN.findall(line)
        if len(tokens) >= 4:
            sh = shingles(line)
            hit = sum(min(c, gold_sh.get(k, 0)) for k, c in sh.items()) / sum(sh.values())
        else:
            hit = sum(t in gold_tokens for t in tokens) / len(tokens) if tokens else 0.0
            # A short line counts as body only when it sits in the gold body verbatim.
            hit = hit if line in gold else 0.0
        labels.append(int(hit >= 0.5))
    return labels


def _snippet_labels(raw: str, gold: Snippets) -> list[int]:
    spans = cleaner.line_spans(raw)
    pieces = [_norm(raw[s:e]) for s, e in spans]
    starts, pos = [], 0
    for piece in pieces:
        starts.append(pos)
        pos += len(piece) + 1
    page = " ".join(pieces)
    labels = [-1] * len(spans)
    for value, snippets in ((0, gold.drop), (1, gold.keep)):
        for snippet in snippets:
            needle = _norm(snippet)
            at = page.find(needle) if needle else -1
            while at >= 0:
                first = bisect.bisect_right(starts, at) - 1
                last = bisect.bisect_right(starts, at + len(needle) - 1) - 1
                for i in range(first, last + 1):
                    labels[i] = value
                at = page.find(needle, at + 1)
    return labels


def fit_logistic(x: np.ndarray, y: np.ndarray, s: np.ndarray, l2: float = 1.0) -> np.ndarray:
    """L2-regularised logistic regression by Newton steps (numpy only), rows weighted by ``s``.

    Rows are weighted by sqrt(1 + words): the metric counts tokens, so long lines matter more
    than menu items (CV F1 0.911 weighted vs 0.907 unweighted when this was chosen)."""
    xb = np.hstack([x, np.ones((len(x), 1))])
    w = np.zeros(xb.shape[1])
    for _ in range(50):
        p = 1 / (1 + np.exp(-(xb @ w)))
        grad = xb.T @ (s * (p - y)) + l2 * np.r_[w[:-1], 0]
        hess = (xb * (s * p * (1 - p))[:, None]).T @ xb + l2 * np.eye(len(w))
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w


# Snippet sets label about a dozen lines a page where a whole-body set labels every line;
# their rows count this much more, so that both kinds of page shape the scorer.
SNIPPET_ROW_WEIGHT = 3.0


def _design(pages: list[Page]) -> tuple[list[np.ndarray], list[np.ndarray], list[np.ndarray]]:
    """Per page: the line features, labels (-1 unknown) and row weights of every line."""
    feats, labels, sizes = [], [], []
    for _, raw, gold in pages:
        factor = SNIPPET_ROW_WEIGHT if isinstance(gold, Snippets) else 1.0
        spans = cleaner.line_spans(raw)
        feats.append(cleaner.line_features(raw))
        labels.append(np.array(line_labels(raw, gold), dtype=float))
        sizes.append(factor * np.sqrt(1 + np.array([len(raw[s:e].split()) for s, e in spans])))
    return feats, labels, sizes


def _fit(
    pages: list[Page], feats: list[np.ndarray], labels: list[np.ndarray], sizes: list[np.ndarray]
) -> cleaner.Scorer:
    """Both passes: the first on the line features, the second on those plus the first's
    verdicts on each line's neighbourhood (computed with the first pass just fitted)."""
    known = [y >= 0 for y in labels]
    y = np.concatenate([lab[k] for lab, k in zip(labels, known, strict=True)])
    s = np.concatenate([sz[k] for sz, k in zip(sizes, known, strict=True)])
    w1 = fit_logistic(np.vstack([f[k] for f, k in zip(feats, known, strict=True)]), y, s)
    rows2 = []
    for (_, raw, _), f, k in zip(pages, feats, known, strict=True):
        texts = [raw[a:b] for a, b in cleaner.line_spans(raw)]
        rows2.append(cleaner.stage2_features(texts, f, w1)[k])
    w2 = fit_logistic(np.vstack(rows2), y, s)
    return w1, w2


def train(sets: dict[str, list[Page]] | list[Page], folds: int = 5) -> dict[str, Any]:
    """Cross-validated figures of the whole cleaner, set by set, and the weights fitted on all.

    Folds split each set by page (page i of a set is in fold i mod ``folds``); every fold's
    scorer is fitted on the other folds of every set together."""
    by_set = sets if isinstance(sets, dict) else {"pages": sets}
    pages = [(name, page) for name, ps in by_set.items() for page in ps]
    fold_of = [i % folds for ps in by_set.values() for i in range(len(ps))]
    plain = [page for _, page in pages]
    feats, labels, sizes = _design(plain)
    cv_preds: list[str] = [""] * len(pages)
    for k in range(folds):
        tr = [i for i in range(len(pages)) if fold_of[i] != k]
        te = [i for i in range(len(pages)) if fold_of[i] == k]
        if not te:
            continue
        w = _fit(
            [plain[i] for i in tr],
            [feats[i] for i in tr],
            [labels[i] for i in tr],
            [sizes[i] for i in tr],
        )
        for i in te:
            cv_preds[i] = extract(plain[i][1], w)
    w_all = _fit(plain, feats, labels, sizes)
    result: dict[str, Any] = {"cv": {}, "train_fit": {}}
    for name, ps in by_set.items():
        idx = [i for i, (n, _) in enumerate(pages) if n == name]
        result["cv"][name] = score_pages(ps, [cv_preds[i] for i in idx])
        result["train_fit"][name] = score_pages(ps, [extract(raw, w_all) for _, raw, _ in ps])
    if not isinstance(sets, dict):
        result["cv"], result["train_fit"] = result["cv"]["pages"], result["train_fit"]["pages"]
    result["weights"] = {
        n: round(float(v), 3) for n, v in zip((*cleaner.FEATURES, "bias"), w_all[0], strict=True)
    }
    names2 = (*cleaner.FEATURES, *cleaner.STAGE2_FEATURES, "bias")
    result["weights2"] = {n: round(float(v), 3) for n, v in zip(names2, w_all[1], strict=True)}
    return result


def _is_set(data: Path) -> bool:
    return (data / "labels.json").is_file() or (data / "ground-truth.json").is_file()


def evaluate(data: Path) -> dict[str, Any]:
    """Every set under ``data`` (or ``data`` itself when it is one); the flattened-text scorer
    is cross-validated over all of them together, as it is fitted."""
    if _is_set(data):
        result = evaluate_set(data)
        if "text" in result:
            result["text"]["storylens_cv5"] = train(load_text(data))["cv"]
        return result
    names = sorted(p.name for p in data.iterdir() if p.is_dir() and _is_set(p))
    if not names:
        raise EvaluationError(f"{data} has no labels.json or ground-truth.json (nor sets under it)")
    results = {name: evaluate_set(data / name) for name in names}
    text_sets = {n: load_text(data / n) for n in names if "text" in results[n]}
    if text_sets:
        cv = train(text_sets)["cv"]
        for name, figures in cv.items():
            results[name]["text"]["storylens_cv5"] = figures
    return {"benchmark": "extraction", "data": str(data), "sets": results}


def evaluate_set(data: Path) -> dict[str, Any]:
    result: dict[str, Any] = {"benchmark": "extraction", "data": str(data)}
    html_pages = load_html(data) if (data / "html").is_dir() else []
    text_pages = load_text(data) if (data / "text").is_dir() else []
    if not html_pages and not text_pages:
        raise EvaluationError(f"{data} has no html/ or text/ pages with gold bodies")
    if html_pages:
        runs = _timed(
            html_pages,
            {
                "storylens": clean_html_body,
                "trafilatura": trafilatura_body,
                "trafilatura_no_comments": trafilatura_no_comments_body,
            },
        )
        ours, base = runs["storylens"], runs["trafilatura"]
        result["html"] = {
            "pages": len(html_pages),
            "storylens": _figures(html_pages, *ours),
            "baseline_trafilatura": _figures(html_pages, *base),
            "baseline_trafilatura_no_comments": _figures(
                html_pages, *runs["trafilatura_no_comments"]
            ),
            "time_ratio": round(ours[1] / base[1], 3) if base[1] else None,
        }
    if text_pages:
        runs = _timed(text_pages, {"storylens": clean_text_body})
        result["text"] = {
            "pages": len(text_pages),
            "storylens": _figures(text_pages, *runs["storylens"]),
            "baseline_full_text": score_pages(text_pages, [raw for _, raw, _ in text_pages]),
        }
    return result
