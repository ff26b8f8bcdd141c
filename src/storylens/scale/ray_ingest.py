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


def _explode_batch(batch: Batch) -> Batch:
    """One (band key, article id) row per key an article holds."""
    counts = [len(k) for k in batch["keys"]]
    keys = np.concatenate(list(batch["keys"])) if sum(counts) else np.zeros(0, np.int64)
    return {"key": keys.astype(np.int64), "id": np.repeat(np.asarray(batch["id"]), counts)}


def _bucket_task(part: int, parts: int, *blocks: Batch) -> list[tuple[str, str]]:
    """Every pair of distinct articles sharing a band key whose hash falls in ``part``."""
    holders: dict[int, set[str]] = {}
    for block in blocks:
        if "key" not in block:  # an empty block (a filter can leave one) has no columns
            continue
        keys = np.asarray(block["key"], dtype=np.int64)
        mine = np.flatnonzero(keys % parts == part)
        ids = np.asarray(block["id"])
        for key, article_id in zip(keys[mine].tolist(), ids[mine].tolist(), strict=True):
            holders.setdefault(key, set()).add(str(article_id))
    found: set[tuple[str, str]] = set()
    for held in holders.values():
        if len(held) > 1:
            ordered = sorted(held)
            found.update((x, y) for i, x in enumerate(ordered) for y in ordered[i + 1 :])
    return sorted(found)


def _text_batch(batch: Batch) -> Batch:
    return {
        "id": list(batch["id"]),
        "text": [Article.model_validate_json(a).text for a in batch["article"]],
    }


def _verify_task(pairs: list[tuple[str, str]], text_of: dict[str, str], config: str) -> Any:
    verifier = Verifier(Config.model_validate_json(config).dedup)
    kept = []
    for a, b in pairs:
        verifier.add(a, text_of[a])
        verifier.add(b, text_of[b])
        if verifier.is_copy(a, b):
            kept.append((a, b))
    return kept


def _verified(
    pairs: list[tuple[str, str]], embedded: Any, cfg: str, ray: Any, parts: int
) -> list[tuple[str, str]]:
    """The exact copy test on every candidate pair, in parallel tasks.

    Only articles with a candidate (copies, and the few near misses) need their text next to
    their partner's, so those texts are broadcast through the object store once (a broadcast
    join; a shuffle join would move every candidate row twice).
    """
    involved = {x for pair in pairs for x in pair}
    if not involved:
        return []
    texts = {
        str(r["id"]): str(r["text"])
        for r in embedded.filter(lambda r: r["id"] in involved)
        .map_batches(_text_batch, batch_size=256)
        .iter_rows()
    }
    ref = ray.put(texts)
    verify = ray.remote(_verify_task)
    size = max(1, -(-len(pairs) // parts))
    chunks = [pairs[i : i + size] for i in range(0, len(pairs), size)]
    kept = ray.get([verify.remote(chunk, ref, cfg) for chunk in chunks])
    return sorted({pair for part in kept for pair in part})


def ingest_ray(
    paths: Iterable[str | Path],
    store: Store,
    *,
    models: Models | None = None,
    address: str | None = None,
    num_cpus: int | None = None,
    analyse: bool = True,
    parquet_dir: Path | None = None,
    embed_actors: int | None = None,
) -> IngestResult:
    """Ingest ``paths`` into ``store`` with Ray Data; the result reads as ``Store.ingest``'s.

    ``address``: a running Ray cluster ("auto", "ray://host:10001", ...); None starts a local
    Ray (``num_cpus`` workers) unless one is already running in this process.
    ``parquet_dir``: also write the cleaned articles with their band keys and vectors there.
    ``embed_actors``: most actors in the pool that cleans and embeds (default: one per CPU;
    each loads the model once and then serves every batch it gets).
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
    cpus = max(1, int(ray.cluster_resources().get("CPU", 1)))
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
        store._record_dropped(result.dropped, run_id)
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
        compute=ray.data.ActorPoolStrategy(min_size=1, max_size=embed_actors or cpus),
    ).materialize()
    for row in embedded.filter(lambda r: bool(r["reason"])).iter_rows():
        result.dropped.append(Dropped(source=row["source"], reason=row["reason"]))
    embedded = embedded.filter(lambda r: not r["reason"]).materialize()
    timings["ray_read_clean_keys_embed"] = time.perf_counter() - started

    started = time.perf_counter()
    # Band grouping as a hash shuffle of plain tasks: each block is exploded to (key, id)
    # arrays, and task p groups the keys with key % parts == p from every block. (Ray Data's
    # own groupby starts an actor per partition and calls the UDF once per key: ~20 s of
    # overhead for 160 articles on 2 cores, against well under a second for these tasks.)
    blocks = embedded.select_columns(["id", "keys"]).map_batches(
        _explode_batch, batch_format="numpy", batch_size=4096
    )
    refs = blocks.to_numpy_refs()
    bucket = ray.remote(_bucket_task)
    found = ray.get([bucket.remote(p, cpus, *refs) for p in range(cpus)])
    pairs = sorted({pair for part in found for pair in part})
    timings["ray_dedup_pairs"] = time.perf_counter() - started
    edges = _verified(pairs, embedded, cfg, ray, cpus)
    timings["ray_dedup"] = time.perf_counter() - started

    if parquet_dir is not None:
        embedded.write_parquet(str(parquet_dir))

    started = time.perf_counter()
    vectors: dict[str, Any] = {}
    # preserve_order keeps the records in reading order, the order the local ingest stores them
    last = -1
    order_of: dict[str, tuple[float, int, int]] = {}
    for batch in embedded.iter_batches(batch_size=512, batch_format="numpy"):
        for row in _rows(batch):
            if int(row["ordinal"]) < last:
                raise RuntimeError("Ray returned the records out of reading order")
            last = int(row["ordinal"])
            key = (float(row["t"]), -int(row["norm_len"]), last)
            order_of[row["id"]] = min(order_of.get(row["id"], key), key)
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
    canonical = components(edges, order_of.__getitem__)  # connected components of the copies
    store._record_dropped(result.dropped, run_id)
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
