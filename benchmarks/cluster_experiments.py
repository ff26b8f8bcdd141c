"""Batch story clustering experiments for issue 5 (second round): embeddings x algorithm x signal.

Builds the batch similarity of ``storylens.cluster`` from its parts (lead embedding cosine E,
idf-weighted name cosine N, short-text bonus B, time window) once per set, then scores several
clusterings of it with BCubed, so a grid costs one similarity matrix per set:

- ``avg``: average-linkage agglomerative cut at ``t`` (what ``cluster_articles`` does);
- ``single`` / ``complete`` / ``weighted``: the other scipy linkages, same cut;
- ``louvain`` (``louvain@RES`` for a resolution, ``louvain+K`` to keep each node's K best edges):
  networkx community detection on the graph of pairs with similarity >= ``t``, weighted by it
  (networkx's ``leiden_communities`` needs a backend that is not installed);
- ``hdbscan``: scikit-learn HDBSCAN on the precomputed distance 1 - similarity (``t`` is then
  ``min_cluster_size``; noise points become stories of one).

``--knn K --mix M`` mixes in a second-order (shared-neighbour) similarity: the cosine of two
articles' rows of their K largest similarities, ``(1 - M) * S + M * S2`` (``--floor F``: rows
keep the similarities >= F instead, shifted by F, so no K is needed). ``--name-bigrams``
adds runs of two adjacent names to the name signal. ``--vectors`` replaces the shipped static
embeddings by precomputed ones (text -> vector, from ``benchmarks/embed_transformer.py``).

    python benchmarks/cluster_experiments.py [--vectors /tmp/c2/minilm.npz] [--weights 0.4] \
        [--bonus 0.25] [--knn 0] [--mix 0] [--methods avg louvain] [--thresholds 0.35 0.4 0.45]

Prints one JSON line per setting: BCubed F1/P/R and story count per set.
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import squareform

from storylens.cluster import lead_text, name_vectors, shortness
from storylens.dedup import sort_time
from storylens.evaluation.clustering import bcubed, labelled_sets, load
from storylens.nlp import Models
from storylens.records import Article

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "clustering"
F = npt.NDArray[np.float64]


def parts(
    articles: list[Article], vectors: dict[str, npt.NDArray[np.float32]] | None, models: Models
) -> dict[str, F]:
    leads = [lead_text(a) for a in articles]
    if vectors is None:
        emb = models.embed(leads).astype(np.float64)
    else:
        emb = np.stack([vectors[t] for t in leads]).astype(np.float64)
        emb /= np.linalg.norm(emb, axis=1, keepdims=True)
    ent = name_vectors(articles)
    short = shortness(np.array([len(a.text.split()) for a in articles], np.float32))
    times = np.array([sort_time(a.published) for a in articles], dtype=np.float64)
    t1, t2 = times[:, None], times[None, :]
    with np.errstate(invalid="ignore"):
        far = np.isfinite(t1) & np.isfinite(t2) & (np.abs(t1 - t2) > 7 * 86400.0)
    return {
        "E": emb @ emb.T,
        "N": (ent @ ent.T).toarray().astype(np.float64),
        "B": np.minimum(short[:, None], short[None, :]).astype(np.float64),
        "far": far.astype(np.float64),
    }


def similarity(
    p: dict[str, F], weight: float, bonus: float, k: int = 0, mix: float = 0.0, floor: float = 0.0
) -> F:
    sim = weight * p["E"] + (1 - weight) * p["N"] + bonus * p["B"]
    sim[p["far"] > 0] = 0.0
    sim = np.clip(sim, -1.0, 1.0)
    if mix and floor:
        sim = (1 - mix) * sim + mix * second_order_floor(sim, floor)
    elif k and mix:
        sim = (1 - mix) * sim + mix * second_order(sim, k)
    return sim


def second_order_floor(sim: F, floor: float) -> F:
    """Like ``second_order`` without k: each row keeps its similarities >= floor, minus floor."""
    rows = np.where(sim >= floor, sim - floor, 0.0)
    rows /= np.maximum(np.linalg.norm(rows, axis=1, keepdims=True), 1e-9)
    return rows @ rows.T


def second_order(sim: F, k: int) -> F:
    """Cosine of two items' neighbourhoods: each row keeps its k largest similarities."""
    n = len(sim)
    top = np.argpartition(-sim, k, axis=1)[:, :k]
    rows = np.zeros_like(sim)
    rows[np.arange(n)[:, None], top] = np.maximum(sim[np.arange(n)[:, None], top], 0)
    rows /= np.maximum(np.linalg.norm(rows, axis=1, keepdims=True), 1e-9)
    return rows @ rows.T


def cluster(sim: F, method: str, thresholds: list[float]) -> dict[float, npt.NDArray[np.int64]]:
    n = len(sim)
    out: dict[float, npt.NDArray[np.int64]] = {}
    if method in ("avg", "single", "complete", "weighted"):
        dist = 1.0 - (sim + sim.T) / 2
        np.fill_diagonal(dist, 0.0)
        how = "average" if method == "avg" else method
        tree = linkage(squareform(np.clip(dist, 0, 2), checks=False), method=how)
        for t in thresholds:
            out[t] = fcluster(tree, t=1 - t, criterion="distance").astype(np.int64)
    elif method.startswith("louvain"):
        import networkx as nx

        base, _, res_s = method.partition("@")
        base, _, knn = base.partition("+")
        res = float(res_s) if res_s else 1.0
        for t in thresholds:
            g = nx.Graph()
            g.add_nodes_from(range(n))
            keep = sim >= t
            np.fill_diagonal(keep, False)
            if knn:
                top = np.argsort(-sim, axis=1)[:, 1 : int(knn) + 1]
                mask = np.zeros_like(keep)
                mask[np.arange(n)[:, None], top] = True
                keep &= mask | mask.T
            r, c = np.nonzero(np.triu(keep, 1))
            g.add_weighted_edges_from(zip(r.tolist(), c.tolist(), sim[r, c].tolist(), strict=True))
            comms = nx.community.louvain_communities(g, weight="weight", resolution=res, seed=0)
            labels = np.zeros(n, dtype=np.int64)
            for k, members in enumerate(comms):
                labels[list(members)] = k
            out[t] = labels
    elif method == "hdbscan":
        from sklearn.cluster import HDBSCAN

        dist = np.clip(1.0 - (sim + sim.T) / 2, 0, 2)
        np.fill_diagonal(dist, 0.0)
        for t in thresholds:  # t = min_cluster_size here
            labels = HDBSCAN(min_cluster_size=int(t), metric="precomputed", copy=True).fit_predict(
                dist
            )
            noise = labels < 0
            labels[noise] = labels.max() + 1 + np.arange(noise.sum())
            out[t] = labels.astype(np.int64)
    else:
        raise SystemExit(f"unknown method {method}")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--vectors", type=Path, default=None)
    parser.add_argument("--weights", type=float, nargs="+", default=[0.4])
    parser.add_argument("--bonus", type=float, nargs="+", default=[0.25])
    parser.add_argument("--methods", nargs="+", default=["avg"])
    parser.add_argument("--knn", type=int, nargs="+", default=[0])
    parser.add_argument("--mix", type=float, nargs="+", default=[0.0])
    parser.add_argument(
        "--floor",
        type=float,
        default=0.0,
        help="second-order rows keep similarities >= FLOOR instead of the k largest",
    )
    parser.add_argument("--thresholds", type=float, nargs="+", default=[0.4])
    parser.add_argument(
        "--name-bigrams",
        action="store_true",
        help="also count runs of two adjacent names ('american airlines')",
    )
    args = parser.parse_args()
    if args.name_bigrams:
        import storylens.cluster as sc

        plain = sc.names
        run = re.compile(r"\b([A-Z][\w'’&.-]*\w)\s+(?=([A-Z][\w'’&.-]*\w))")

        def with_bigrams(text: str) -> Counter[str]:
            found = plain(text)
            for m in run.finditer(text):
                a, b = (sc._POSSESSIVE.sub("", w).casefold() for w in m.groups())
                if a not in sc._NOT_NAMES and b not in sc._NOT_NAMES:
                    found[f"{a} {b}"] += 1
            return found

        sc.names = with_bigrams
    vectors = None
    if args.vectors is not None:
        z = np.load(args.vectors, allow_pickle=True)
        vectors = dict(zip(z["texts"].tolist(), z["vectors"], strict=True))
    models = Models()
    sets = [(f.name, *load(f)) for f in labelled_sets(args.data)]
    prepared = [(name, arts, gold, parts(arts, vectors, models)) for name, arts, gold in sets]
    for w, b, k, mix, method in itertools.product(
        args.weights, args.bonus, args.knn, args.mix, args.methods
    ):
        per_t: dict[float, dict[str, Any]] = {t: {} for t in args.thresholds}
        for name, arts, gold, p in prepared:
            sim = similarity(p, w, b, k, mix, args.floor)
            for t, labels in cluster(sim, method, args.thresholds).items():
                pred = {a.id: int(c) for a, c in zip(arts, labels, strict=True)}
                bp, br, bf = bcubed(pred, gold)
                per_t[t][name] = {
                    "f1": round(bf, 4),
                    "p": round(bp, 4),
                    "r": round(br, 4),
                    "k": len(set(labels.tolist())),
                }
        for t, res in per_t.items():
            row = {"w": w, "bonus": b, "knn": k, "mix": mix, "floor": args.floor, "method": method}
            row = {**row, "t": t, **res}
            print(json.dumps(row), flush=True)


if __name__ == "__main__":
    main()
