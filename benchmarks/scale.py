"""A store that grows: time per ingest batch as the store fills, per stage; local vs Ray.

    .venv/bin/python benchmarks/scale.py --articles 3000 --batches 10 [--analyse]
        [--mode incremental|recluster] [--ray] [--signatures 1000]

The corpus is real full-text articles with small perturbations (``scale_corpus.py``: ECB+,
Multi-News and Zyte texts; replicas 30 days apart with 15 % of words dropped; 8 % trimmed
syndicated copies, 2 % byte-identical reprints), in time order, cut into ``--batches`` JSONL
shards of consecutive articles (a feed, day after day). Each shard is ingested into one SQLite
store in its own run, models loaded once beforehand. Printed as JSON:

- ``batches``: seconds per batch, and per stage (``ingest`` = read + clean + store,
  ``dedup``, ``stream``, ``analyse``), with the live stories and the saved stream's bytes;
- ``last_over_first``: the last batch's seconds over the first's (the goal: <= 1.3);
- ``mode=recluster``: what ingest did before (store, then re-cluster the whole store in one
  batch: ``dedup.mark_duplicates`` + ``cluster.cluster_articles`` on every stored article);
- ``--ray``: the whole corpus once more, with the local engine and with the Ray engine
  (``ray.init(num_cpus=2)``), each into an empty store: seconds, articles/s, peak RSS of this
  process (Ray workers are other processes: their peak is read from /proc while it runs);
- ``--signatures N``: MinHash signatures of N articles, the numpy band keys against datasketch.
- ``--dedup``: ``dedup.mark_duplicates`` on the ``--articles`` records with numpy MinHash
  signatures and with datasketch's (same duplicate groups?), and signatures per second of
  numpy, datasketch and ``rensa`` (compiled, when installed);
- ``--analysis N``: ``analyze`` of N real full-text articles (no perturbation), CPU seconds
  per stage (process time, all threads) and articles per CPU-second, against a bare
  ``nlp.pipe`` of the same texts (the floor: the parse every stage reads).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import scale_corpus
from storylens.cluster import cluster_articles
from storylens.config import Config
from storylens.dedup import mark_duplicates, normalise, shingles
from storylens.nlp import Models
from storylens.store import Store


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _tree_rss_mb(pids: set[int]) -> float:
    """Current RSS of every process whose command line mentions ray (this session's workers)."""
    total = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmd = (entry / "cmdline").read_bytes()
            if int(entry.name) not in pids and not (
                b"ray::" in cmd or b"site-packages/ray/" in cmd
            ):
                continue
            for line in (entry / "status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except (OSError, ValueError):
            continue
    return total / 1024


def run_batches(
    shards: list[Path], db: Path, models: Models, mode: str, analyse: bool
) -> list[dict[str, Any]]:
    out = []
    config = Config()
    for n, shard in enumerate(shards, 1):
        started = time.perf_counter()
        with Store(db) as store:
            result = store.ingest([shard], models=models, analyse=analyse and mode != "recluster")
            row: dict[str, Any] = {"batch": n, "added": len(result.added)}
            row.update({k: round(v, 2) for k, v in result.timings.items()})
            if mode == "recluster":
                t0 = time.perf_counter()
                if analyse:
                    store.recluster(models=models)
                else:
                    articles = mark_duplicates(store.articles(), config.dedup)
                    cluster_articles(articles, models, config.cluster)
                row["recluster"] = round(time.perf_counter() - t0, 2)
            with store.engine.connect() as conn:
                state = conn.exec_driver_sql("SELECT length(data) FROM stream_state").scalar()
                stories = conn.exec_driver_sql(
                    "SELECT count(DISTINCT stream_story) FROM stream_members"
                ).scalar()
            row.update(
                stream_state_bytes=state,
                stream_stories=stories,
                stories_analysed=len(result.stories_analysed),
            )
        row["seconds"] = round(time.perf_counter() - started, 2)
        row["store_mb"] = round(db.stat().st_size / 2**20, 1)
        row["peak_rss_mb"] = round(_rss_mb())
        out.append(row)
        print(json.dumps(row), file=sys.stderr)
    return out


def compare_ray(folder: Path, tmp: Path, models: Models) -> dict[str, Any]:
    import ray

    from storylens.scale import ingest_ray

    out: dict[str, Any] = {}
    started = time.perf_counter()
    with Store(tmp / "local.db") as store:
        local = store.ingest([folder], models=models, analyse=False)
    out["local"] = {
        "seconds": round(time.perf_counter() - started, 1),
        "articles": len(local.added),
        "stages": {k: round(v, 1) for k, v in local.timings.items()},
        "peak_rss_mb": round(_rss_mb()),
    }
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    peak = [0.0]
    done = threading.Event()

    def watch() -> None:
        while not done.wait(0.5):
            peak[0] = max(peak[0], _tree_rss_mb({os.getpid()}))

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    started = time.perf_counter()
    with Store(tmp / "ray.db") as store:
        remote = ingest_ray([folder], store, models=models, analyse=False)
    seconds = time.perf_counter() - started
    done.set()
    ray.shutdown()
    out["ray"] = {
        "seconds": round(seconds, 1),
        "articles": len(remote.added),
        "stages": {k: round(v, 1) for k, v in remote.timings.items()},
        "peak_rss_all_ray_processes_mb": round(peak[0]),
    }
    for k in ("local", "ray"):
        out[k]["articles_per_s"] = round(out[k]["articles"] / out[k]["seconds"], 1)
    out["ray_over_local_throughput"] = round(
        out["ray"]["articles_per_s"] / out["local"]["articles_per_s"], 2
    )
    same = {}
    for name in ("duplicates", "stream_members"):
        rows = []
        for db in ("local.db", "ray.db"):
            with Store(tmp / db) as store, store.engine.connect() as conn:
                rows.append(sorted(conn.exec_driver_sql(f"SELECT * FROM {name}").all()))
        same[name] = rows[0] == rows[1]
    out["same_as_local"] = same
    return out


def compare_signatures(rows: list[dict[str, Any]], n: int) -> dict[str, Any]:
    from datasketch import MinHash

    from storylens.scale.lsh import band_keys

    config = Config().dedup
    texts = [r["text"] for r in rows[:n]]
    started = time.perf_counter()
    for text in texts:
        band_keys(text, config)
    ours = time.perf_counter() - started
    started = time.perf_counter()
    for text in texts:
        mh = MinHash(num_perm=config.num_perm)
        mh.update_batch(
            [s.encode("utf-8") for s in shingles(normalise(text).split(), config.shingle_words)]
        )
    theirs = time.perf_counter() - started
    return {
        "articles": len(texts),
        "numpy_band_keys_per_s": round(len(texts) / ours),
        "datasketch_minhash_per_s": round(len(texts) / theirs),
    }


def profile_analysis(n: int, ray: bool = False) -> dict[str, Any]:
    """CPU seconds of each stage of ``analyze_articles`` on ``n`` real articles."""
    import storylens.pipeline as pipeline
    from storylens import claims, cluster, conflicts, dedup, nlp, quotes, signals, summarize

    base = scale_corpus.base_articles()
    step = max(1, len(base) // n)
    texts = [row["text"] for row in base[::step][:n]]
    config = Config()
    with tempfile.TemporaryDirectory() as tmp:
        feed = Path(tmp) / "articles.jsonl"
        feed.write_text("".join(json.dumps({"text": t}) + "\n" for t in texts))
        started = time.process_time()
        articles, _ = pipeline.read_articles([feed], config)
    seconds: dict[str, float] = {"clean": time.process_time() - started}

    def timed(name: str, fn: Any) -> Any:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            t = time.process_time()
            try:
                return fn(*args, **kwargs)
            finally:
                seconds[name] = seconds.get(name, 0.0) + time.process_time() - t

        return wrapper

    patched = [
        (dedup, "mark_duplicates", "dedup"),
        (cluster, "cluster_articles", "cluster"),
        (pipeline, "parse_ahead", "parse"),
        (quotes, "find_quotes", "quotes"),
        (claims, "align_claims", "claims"),
        (conflicts, "find_conflicts", "conflicts"),
        (signals, "compute_signals", "signals"),
        (summarize, "summarize", "summary"),
    ]
    patched = [p for p in patched if hasattr(p[0], p[1])]  # an older checkout: no parse_ahead
    originals = [(module, attr, getattr(module, attr)) for module, attr, _ in patched]
    for module, attr, name in patched:
        setattr(module, attr, timed(name, getattr(module, attr)))
    models = Models(config)
    models.spacy  # noqa: B018 (loading is not analysis)
    models.embed(["warm-up"])
    try:
        started = time.process_time()
        report = pipeline.analyze_articles(articles, config, models=models)
        total = time.process_time() - started
    finally:
        for module, attr, fn in originals:
            setattr(module, attr, fn)
    rss = _rss_mb()
    floor: dict[str, float] = {}
    for batch in (getattr(nlp, "PARSE_BATCH", 48), 1000):
        t = time.process_time()
        list(models.spacy.pipe([a.text for a in articles], batch_size=batch))
        floor[f"batch_{batch}"] = round(len(articles) / (time.process_time() - t), 2)
    out: dict[str, Any] = {}
    if ray:
        out["local_vs_ray"] = compare_ray_analysis(report.stories, config, models)
    return out | {
        "articles": len(articles),
        "stories": len(report.stories),
        "analysis_cpu_s": round(total, 1),
        "articles_per_cpu_s": round(len(articles) / total, 2),
        "stage_cpu_s": {k: round(v, 2) for k, v in seconds.items()},
        "stage_share_of_analysis": {
            k: round(v / total, 3) for k, v in seconds.items() if k != "clean"
        },
        "bare_nlp_pipe_articles_per_cpu_s": floor,
        "peak_rss_mb_of_analysis": round(rss),
        "cached_parses_at_end": getattr(models, "cached", lambda: None)(),
    }


def corpus_articles(rows: list[dict[str, Any]]) -> list[Any]:
    """The records as cleaned-looking ``Article`` records (ids by position, dates kept)."""
    from datetime import datetime

    from storylens.records import Article

    return [
        Article(
            id=f"a{i}",
            source=f"bench#{i}",
            text=r["text"],
            published=datetime.fromisoformat(r["published"]),
        )
        for i, r in enumerate(rows)
    ]


def compare_ray_analysis(stories: list[Any], config: Config, models: Models) -> dict[str, Any]:
    """Wall seconds of analysing the same stories locally (one process) and on 2 Ray actors."""
    import ray

    from storylens.cluster import make_story
    from storylens.pipeline import analyse_story_safely
    from storylens.records import Report
    from storylens.report import render_json
    from storylens.scale import analyse_stories_ray

    bare = [make_story(s.articles) for s in stories]
    fresh = Models(config)
    fresh.spacy  # noqa: B018 (loaded before the clock starts, as each actor's is)
    started = time.perf_counter()
    local = [analyse_story_safely(s, fresh, config)[0] for s in bare]
    local_s = time.perf_counter() - started
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    try:
        started = time.perf_counter()
        remote = [s for s, _ in analyse_stories_ray(bare, config, actors=2)]
        ray_s = time.perf_counter() - started
    finally:
        ray.shutdown()
    n = sum(len(s.articles) for s in bare)
    return {
        "local_wall_s": round(local_s, 1),
        "ray_wall_s_2_actors_incl_model_loading": round(ray_s, 1),
        "local_articles_per_s": round(n / local_s, 2),
        "ray_articles_per_s": round(n / ray_s, 2),
        "same_report": render_json(Report(stories=local)) == render_json(Report(stories=remote)),
    }


def compare_dedup(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """``mark_duplicates`` with numpy signatures against datasketch's, and the signatures alone
    (numpy, datasketch, and rensa when it is installed: it is not a dependency)."""
    from storylens import dedup

    config = Config().dedup
    articles = corpus_articles(rows)
    out: dict[str, Any] = {"articles": len(articles)}
    labels = {}
    for name, signer in (("numpy", dedup.numpy_minhash), ("datasketch", dedup.datasketch_minhash)):
        started = time.process_time()
        marked = mark_duplicates(articles, config, signer=signer)
        seconds = time.process_time() - started
        labels[name] = [a.duplicate_of for a in marked]
        out[f"mark_duplicates_{name}_cpu_s"] = round(seconds, 2)
        out[f"mark_duplicates_{name}_per_s"] = round(len(articles) / seconds)
    out["copies"] = sum(x is not None for x in labels["numpy"])
    out["same_duplicate_groups"] = labels["numpy"] == labels["datasketch"]
    out["labels_differing"] = sum(a != b for a, b in zip(*labels.values(), strict=True))
    words = [normalise(a.text).split() for a in articles]
    sets = [shingles(w, config.shingle_words) for w in words]
    signers: dict[str, Any] = {
        "numpy": lambda w, s: dedup.numpy_minhash(w, s, config),
        "datasketch": lambda w, s: dedup.datasketch_minhash(w, s, config),
    }
    try:
        from rensa import RMinHash

        def rensa_sign(w: list[str], s: set[str]) -> Any:
            mh = RMinHash(num_perm=config.num_perm, seed=1)
            mh.update(list(s))
            return mh

        signers["rensa"] = rensa_sign
    except ImportError:
        out["rensa"] = "not installed (pip install rensa to compare)"
    for name, sign in signers.items():
        started = time.process_time()
        for w, s in zip(words, sets, strict=True):
            sign(w, s)
        out[f"signatures_{name}_per_s"] = round(len(words) / (time.process_time() - started))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=3000)
    parser.add_argument("--batches", type=int, default=10)
    parser.add_argument("--mode", choices=("incremental", "recluster"), default="incremental")
    parser.add_argument("--analyse", action="store_true", help="analyse changed stories too")
    parser.add_argument("--ray", action="store_true", help="also compare with the Ray engine")
    parser.add_argument("--signatures", type=int, default=0)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--analysis", type=int, default=0, help="profile analyze on N articles")
    parser.add_argument(
        "--dedup", action="store_true", help="only mark_duplicates: numpy vs datasketch"
    )
    args = parser.parse_args()
    if args.dedup:
        print(json.dumps(compare_dedup(scale_corpus.build(args.articles, args.seed)), indent=2))
        return
    if args.analysis:
        print(json.dumps(profile_analysis(args.analysis, args.ray), indent=2))
        return

    rows = scale_corpus.build(args.articles, seed=args.seed)
    models = Models()
    models.embed(["warm-up"])
    result: dict[str, Any] = {
        "articles": len(rows),
        "batches": args.batches,
        "mode": args.mode,
        "analyse": args.analyse,
        "python": platform.python_version(),
        "load_average_start": os.getloadavg()[0],
    }
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        shards = scale_corpus.write_shards(rows, tmp / "feed", args.batches)
        batches = run_batches(shards, tmp / "store.db", models, args.mode, args.analyse)
        result["per_batch"] = batches
        first, last = batches[0]["seconds"], batches[-1]["seconds"]
        result["last_over_first"] = round(last / first, 2)
        middle = sorted(b["seconds"] for b in batches[1:])
        result["median_later_over_first"] = round(middle[len(middle) // 2] / first, 2)
        totals: dict[str, float] = {}
        for b in batches:
            for stage in ("ingest", "dedup", "stream", "analyse", "recluster"):
                totals[stage] = totals.get(stage, 0.0) + float(b.get(stage, 0.0))
        added = sum(b["added"] for b in batches)
        result["seconds_per_million_articles"] = {
            k: round(v / added * 1e6) for k, v in totals.items() if v
        }
        if args.ray:
            result["local_vs_ray"] = compare_ray(tmp / "feed", tmp, models)
        if args.signatures:
            result["signatures"] = compare_signatures(rows, args.signatures)
    result["load_average_end"] = os.getloadavg()[0]
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
