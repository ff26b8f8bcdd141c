"""How far can the available signals go on a labelled set? A supervised, in-sample upper bound.

Issue 5, second round: batch BCubed F1 on uci-headlines-dev stalls at ~0.82-0.84 whatever the
embedding, weights or algorithm. This script asks whether *any* combination of the signals could
reach 0.90: it fits a logistic regression on pairs of articles *with the gold labels of the same
set* (in-sample, so generous), turns its pair probabilities into a similarity, clusters with
average linkage and reports the best cut in hindsight. Per signal it also reports:

- ``alone``: average linkage on that signal only, best cut in hindsight;
- ``one_nn_same_gold``: share of articles whose most similar other article is in its gold story;
- ``nearest_gold_story``: an oracle that *knows every gold story's members* and puts each
  article in the story whose other members it is most similar to on average (the criterion
  average linkage applies). Where that oracle errs, no clustering driven by that similarity can
  be right, so its BCubed F1 bounds what tuning the cut or merging clusters can reach.

Nothing here is usable at run time; it is a bound, not a method.

    python benchmarks/cluster_bound.py --set uci-headlines-dev [--vectors /tmp/c2/minilm.npz]
Prints JSON.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import squareform

from cluster_experiments import DEFAULT_DATA, parts, second_order, similarity
from storylens.evaluation.clustering import bcubed, load
from storylens.nlp import Models


def tfidf_cos(texts: list[str], **kw: Any) -> np.ndarray:
    from sklearn.feature_extraction.text import TfidfVectorizer

    x = TfidfVectorizer(sublinear_tf=True, **kw).fit_transform(texts)
    return np.asarray((x @ x.T).toarray(), dtype=np.float32)


def best_cut(sim: np.ndarray, ids: list[str], gold: dict[str, str]) -> dict[str, Any]:
    dist = np.clip(1.0 - (sim + sim.T) / 2, 0, 2)
    np.fill_diagonal(dist, 0.0)
    tree = linkage(squareform(dist, checks=False), method="average")
    best: dict[str, Any] = {"f1": -1.0}
    for cut in np.linspace(0.02, 0.98, 49):
        labels = fcluster(tree, t=cut, criterion="distance")
        p, r, f = bcubed(dict(zip(ids, labels.tolist(), strict=True)), gold)
        if f > best["f1"]:
            best = {
                "f1": round(f, 4),
                "p": round(p, 4),
                "r": round(r, 4),
                "cut": round(1 - cut, 2),
                "stories": int(labels.max()),
            }
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--set", default="uci-headlines-dev")
    parser.add_argument("--vectors", type=Path, default=None)
    parser.add_argument("--pairs", type=int, default=400_000)
    args = parser.parse_args()
    from sklearn.linear_model import LogisticRegression

    arts, gold = load(args.data / args.set)
    ids = [a.id for a in arts]
    texts = [f"{a.title or ''}\n{a.text}" for a in arts]
    models = Models()
    p = parts(arts, None, models)
    feats: dict[str, np.ndarray] = {
        "static_embedding": p["E"],
        "names": p["N"],
        "words_tfidf": tfidf_cos(texts, stop_words="english"),
        "char_3_5_tfidf": tfidf_cos(texts, analyzer="char_wb", ngram_range=(3, 5)),
        "shipped_similarity": similarity(p, 0.4, 0.25),
    }
    feats["second_order_k10"] = second_order(feats["shipped_similarity"], 10)
    if args.vectors is not None:
        z = np.load(args.vectors, allow_pickle=True)
        pt = parts(arts, dict(zip(z["texts"].tolist(), z["vectors"], strict=True)), models)
        feats["minilm_transformer"] = pt["E"]
        feats["minilm_mix_w0.5_b0.3"] = similarity(pt, 0.5, 0.3)
    g = np.array([gold[i] for i in ids])
    same = g[:, None] == g[None, :]
    n = len(ids)
    out: dict[str, Any] = {
        "set": args.set,
        "articles": n,
        "one_nn_same_gold": {},
        "nearest_gold_story": {},
        "alone": {},
    }
    stories = sorted(set(g.tolist()))
    member = (g[:, None] == np.array(stories)[None, :]).astype(np.float64)
    for name, s in feats.items():
        s2 = s.astype(np.float64)
        np.fill_diagonal(s2, -np.inf)
        out["one_nn_same_gold"][name] = round(float(same[np.arange(n), s2.argmax(1)].mean()), 4)
        np.fill_diagonal(s2, 0.0)
        others = np.maximum(member.sum(0)[None, :] - member, 1.0)  # leave the article out
        choice = ((s2 @ member) / others).argmax(1)
        pred = {i: int(c) for i, c in zip(ids, choice, strict=True)}
        bp, br, bf = bcubed(pred, gold)
        out["nearest_gold_story"][name] = {
            "accuracy": round(float((np.array(stories)[choice] == g).mean()), 4),
            "f1": round(bf, 4),
            "p": round(bp, 4),
            "r": round(br, 4),
        }
        out["alone"][name] = best_cut(s.astype(np.float64), ids, gold)
    iu = np.triu_indices(n, 1)
    rng = np.random.default_rng(0)
    pick = rng.choice(len(iu[0]), size=min(args.pairs, len(iu[0])), replace=False)
    names = list(feats)
    x_all = np.stack([feats[k][iu] for k in names], axis=1)
    y_all = same[iu]
    model = LogisticRegression(max_iter=1000, class_weight="balanced").fit(x_all[pick], y_all[pick])
    prob = np.zeros((n, n))
    prob[iu] = model.predict_proba(x_all)[:, 1]
    prob = prob + prob.T
    np.fill_diagonal(prob, 1.0)
    out["supervised_in_sample"] = {
        "features": names,
        "coefficients": [round(float(c), 3) for c in model.coef_[0]],
        **best_cut(prob, ids, gold),
    }
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
