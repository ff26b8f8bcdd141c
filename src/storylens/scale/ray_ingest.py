"""``storylens ingest --engine ray``: the same stages as the local ingest, as a Ray Data pipeline.

    files ─▶ read (flat_map) ─▶ clean (map_batches) ─▶ band keys (map_batches)
          ─▶ embed (actor pool: the model loaded once per actor) ─▶ materialised Dataset
    band keys ─▶ explode ─▶ groupby(key) ─▶ candidate pairs ─▶ join texts ─▶ exact check
          ─▶ connected components (driver) ─▶ copy groups
    articles in (time, order) ─▶ store: rows, keys, copy labels; StoryStream; analysis

Everything per record runs on the workers through the functions of ``storylens.scale.stages``,
which the local ingest uses too; what must be global runs on the driver and is small: the
verified copy pairs and the story stream (live stories only). The driver then hands the store
the copy pairs and the embeddings, and the store assigns stories exactly as the local ingest
would: on the same input both engines give the same copy groups and the same stories.

``ray.init(address=...)`` joins an existing cluster (``ray start --head`` on one node,
``ray start --address`` on the others); without an address a local Ray starts on this machine.
"""

from __future__ import annotations

import importlib
import logging
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import numpy as np

from storylens.cluster import lead_text
from storylens.config import Config
from storylens.ingest.files import expand_paths, looks_like_url
from storylens.nlp import Models
from storylens.records import Article, Dropped
from storylens.scale import stages
from storylens.scale.lsh import Verifier, components
from storylens.store.store import IngestResult, Store

Batch = dict[str, Any]


def _columns(rows: list[dict[str, Any]]) -> Batch:
    keys = rows[0].keys() if rows else []
    return {k: [r[k] for r in rows] for k in keys}


def _rows(batch: Batch) -> Iterator[dict[str, Any]]:
    names = list(batch)
    n = len(batch[names[0]]) if names else 0
    for i in range(n):
        yield {k: batch[k][i] for k in names}


def _clean_batch(batch: Batch, config: str) -> Batch:
    """Clean each record, then its band keys (two stage functions, one pass over the batch)."""
    cfg = Config.model_validate_json(config)
    rows = [stages.clean_row(r, cfg) for r in _rows(batch)]
    for row in rows:
        row["keys"] = np.asarray(stages.keys_row(row, cfg), dtype=np.int64)
    return _columns(rows)


class _Embedder:
    """One per actor: the embedding model is loaded once and serves every batch it is given."""

    def __init__(self, config: str) -> None:
        self.models = Models(Config.model_validate_json(config))

    def __call__(self, batch: Batch) -> Batch:
        out = dict(batch)
        kept = [i for i, a in enumerate(batch["article"]) if a]
        articles = [Article.model_validate_json(batch["article"][i]) for i in kept]
        vectors = stages.embed_articles(self.models, articles)
        dim = vectors.shape[1] if len(articles) else 1
        emb = np.zeros((len(batch["article"]), dim), dtype=np.float32)
        if kept:
            emb[kept] = vectors
        out["emb"] = emb
        return out


def _bucket_pairs(block: Batch) -> Batch:
    """Every pair of distinct articles sharing a band key (the candidates), within a block."""
    holders: dict[int, set[str]] = {}
    for key, article_id in zip(block["key"].tolist(), block["id"].tolist(), strict=True):
        holders.setdefault(key, set()).add(str(article_id))
    found: set[tuple[str, str]] = set()
    for ids in holders.values():
        if len(ids) > 1:
            ordered = sorted(ids)
            found.update((x, y) for i, x in enumerate(ordered) for y in ordered[i + 1 :])
    pairs = sorted(found)
    return {"a": [a for a, _ in pairs], "b": [b for _, b in pairs]}


def _verify_batch(batch: Batch, config: str, texts: list[Any]) -> Batch:
    import ray

    cfg = Config.model_validate_json(config)
    text_of: dict[str, str] = ray.get(texts[0])  # a list, so Ray passes the ref, not its value
    verifier = Verifier(cfg.dedup)
    keep_a: list[str] = []
    keep_b: list[str] = []
    for a, b in zip(batch["a"], batch["b"], strict=True):
        a, b = str(a), str(b)
        verifier.add(a, text_of[a])
        verifier.add(b, text_of[b])
        if verifier.is_copy(a, b):
            keep_a.append(a)
            keep_b.append(b)
    return {"a": keep_a, "b": keep_b}


def _text_batch(batch: Batch) -> Batch:
    return {
        "id": list(batch["id"]),
        "text": [Article.model_validate_json(a).text for a in batch["article"]],
    }


def _verified(pairs: Any, embedded: Any, cfg: str, ray: Any) -> list[tuple[str, str]]:
    """The exact copy test on every candidate pair, on the workers.

    Only articles with a candidate (copies, and the few near misses) need their text next to
    their partner's, so those texts are broadcast through the object store (a broadcast join;
    a shuffle join would move every candidate row twice) and each verifying task reads them
    from there.
    """
    involved = {str(x) for r in pairs.iter_rows() for x in (r["a"], r["b"])}
    texts = {
        str(r["id"]): str(r["text"])
        for r in embedded.filter(lambda r: r["id"] in involved)
        .map_batches(_text_batch, batch_size=256)
        .iter_rows()
    }
    ref = ray.put(texts)
    verified = pairs.map_batches(
        _verify_batch, fn_kwargs={"config": cfg, "texts": [ref]}, batch_size=1024
    )
    return sorted({(str(r["a"]), str(r["b"])) for r in verified.iter_rows()})


def ingest_ray(
    paths: Iterable[str | Path],
    store: Store,
    *,
    models: Models | None = None,
    address: str | None = None,
    num_cpus: int | None = None,
    analyse: bool = True,
    parquet_dir: Path | None = None,
    embed_actors: int = 1,
) -> IngestResult:
    """Ingest ``paths`` into ``store`` with Ray Data; the result reads as ``Store.ingest``'s.

    ``address``: a running Ray cluster ("auto", "ray://host:10001", ...); None starts a local
    Ray (``num_cpus`` workers) unless one is already running in this process.
    ``parquet_dir``: also write the cleaned articles with their band keys and vectors there.
    """
    # typed as Any: Ray's own annotations of map_batches do not cover fn_kwargs callables
    ray: Any = importlib.import_module("ray")
    config = store.config
    cfg = stages.config_json(config)
    if not ray.is_initialized():
        ray.init(address=address, num_cpus=num_cpus, include_dashboard=False, log_to_driver=False)
    context = ray.data.DataContext.get_current()
    context.enable_progress_bars = False
    context.print_on_execution_start = False
    context.execution_options.preserve_order = True
    logging.getLogger("ray.data").setLevel(logging.WARNING)
    given = [str(p) for p in paths]
    run_id = store._start_run(given)
    result = IngestResult(run_id=run_id)
    timings = result.timings
    started = time.perf_counter()

    files: list[str] = []
    for p in given:
        if looks_like_url(p):
            result.dropped.append(
                Dropped(source=p, reason="URLs are fetched by the local engine only")
            )
            continue
        for item in expand_paths([p]):
            if isinstance(item, Dropped):
                result.dropped.append(item)
            else:
                files.append(str(item))
    if not files:
        store._record_dropped(run_id, result)
        store._finish_run(run_id, result)
        return result

    listing = ray.data.from_items(
        [{"path": f, "file": i} for i, f in enumerate(files)], override_num_blocks=len(files)
    )
    records = listing.flat_map(
        lambda r: list(stages.read_file(r["path"], int(r["file"]), Config.model_validate_json(cfg)))
    )
    cleaned = records.map_batches(_clean_batch, fn_kwargs={"config": cfg}, batch_size=64)
    embedded = cleaned.map_batches(
        _Embedder,
        fn_constructor_kwargs={"config": cfg},
        batch_size=256,
        compute=ray.data.ActorPoolStrategy(size=embed_actors),
    ).materialize()
    for row in embedded.filter(lambda r: bool(r["reason"])).iter_rows():
        result.dropped.append(Dropped(source=row["source"], reason=row["reason"]))
    embedded = embedded.filter(lambda r: not r["reason"]).materialize()
    timings["ray_read_clean_keys_embed"] = time.perf_counter() - started

    started = time.perf_counter()
    exploded = embedded.select_columns(["id", "keys"]).flat_map(
        lambda r: [{"key": int(k), "id": r["id"]} for k in r["keys"]]
    )
    parts = max(1, int(ray.cluster_resources().get("CPU", 1)))
    # Hash-partitioned by key: every article holding a key lands in the same block, which is
    # then grouped whole (one call per block, not one per key: most keys are held by one article).
    pairs = (
        exploded.repartition(parts, keys=["key"])
        .map_batches(_bucket_pairs, batch_size=None, batch_format="numpy")
        .materialize()
    )
    edges = _verified(pairs, embedded, cfg, ray) if pairs.count() else []
    order_of: dict[str, tuple[float, int, int]] = {}
    for r in embedded.select_columns(["id", "t", "norm_len", "ordinal"]).iter_rows():
        key = (float(r["t"]), -int(r["norm_len"]), int(r["ordinal"]))
        order_of[r["id"]] = min(order_of.get(r["id"], key), key)
    canonical = components(edges, order_of.__getitem__)
    timings["ray_dedup"] = time.perf_counter() - started

    if parquet_dir is not None:
        embedded.write_parquet(str(parquet_dir))

    started = time.perf_counter()
    vectors: dict[str, Any] = {}
    # preserve_order keeps the records in reading order, the order the local ingest stores them
    last = -1
    for batch in embedded.iter_batches(batch_size=512, batch_format="numpy"):
        for row in _rows(batch):
            if int(row["ordinal"]) < last:
                raise RuntimeError("Ray returned the records out of reading order")
            last = int(row["ordinal"])
            article = Article.model_validate_json(row["article"])
            store.add_article(
                article,
                row["format"],
                stages.fetched(row["fetched_at"]),
                row["digest"],
                run_id,
                result,
                keys=[int(k) for k in row["keys"]],
            )
            vectors[lead_text(article)] = np.asarray(row["emb"], dtype=np.float32)
    timings["ray_load"] = time.perf_counter() - started
    store._record_dropped(run_id, result)
    models = models or Models(config)
    store.update_stories(
        models=models,
        result=result,
        analyse=analyse,
        edges=[(m, c) for m, c in canonical.items() if m != c],
        embedder=stages.PrecomputedEmbeddings(config, vectors),
    )
    store._finish_run(run_id, result)
    return result
