"""Cleaning in worker processes gives what one process gives, and survives a dying worker."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path

from storylens import workers
from storylens.config import Config
from storylens.ingest import read_inputs
from storylens.pipeline import read_articles
from storylens.records import Article, Dropped, RawDocument

ROOT = Path(__file__).resolve().parents[1]
KILLER = "This line makes the cleaning worker exit at once."


def _real_jsonl(tmp_path: Path, n: int) -> Path:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import scale_corpus

    lines = [json.dumps(r) for r in scale_corpus.build(n, seed=5)]
    lines.insert(17, "{not json")  # dropped while reading
    lines.insert(140, json.dumps({"title": "only a title", "text": " "}))
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(lines) + "\n")
    return path


def _raws(paths: list[Path]) -> list[RawDocument]:
    return [r for r in read_inputs(paths, Config().ingest) if isinstance(r, RawDocument)]


def test_cleaning_in_worker_processes_gives_the_same_articles_and_dropped_entries(
    tmp_path: Path,
) -> None:
    feed = _real_jsonl(tmp_path, 400)
    config = Config()
    one_articles, one_dropped = read_articles([feed, ROOT / "examples"], config, jobs=1)
    pool_articles, pool_dropped = read_articles([feed, ROOT / "examples"], config, jobs=2)
    assert len(one_articles) > 350 and len(one_dropped) >= 2
    assert pool_articles == one_articles  # every field, ids and spans included, in order
    assert pool_dropped == one_dropped


def test_the_samples_cleaned_by_workers_are_the_samples_cleaned_here() -> None:
    raws = _raws([ROOT / "examples"])
    config = Config()
    here = [workers.clean_safely(raw, config) for raw in raws]
    assert list(workers.clean_in_pool(raws, config, jobs=2)) == here


def exit_on_killer(raw: RawDocument, config: Config) -> Article | Dropped:
    """A cleaner whose process dies on one document, as a crash in a compiled parser would."""
    if KILLER in raw.raw:
        os._exit(1)
    return workers.clean_safely(raw, config)


def test_a_document_that_kills_its_worker_is_dropped_and_every_other_one_is_cleaned(
    tmp_path: Path,
) -> None:
    raws = _raws([_real_jsonl(tmp_path, 150)])
    bad = raws[70].model_copy(update={"raw": raws[70].raw + "\n\n" + KILLER})
    raws = [*raws[:70], bad, *raws[71:]]
    config = Config()
    out = list(workers.clean_in_pool(raws, config, jobs=2, cleaner=exit_on_killer))
    assert len(out) == len(raws)
    assert isinstance(out[70], Dropped) and out[70].source == bad.source
    assert "worker process cleaning it died" in out[70].reason
    assert out[:70] + out[71:] == [workers.clean_safely(r, config) for r in raws if r is not bad]


def test_workers_read_only_a_bounded_window_ahead_of_what_was_taken(tmp_path: Path) -> None:
    raws = _raws([_real_jsonl(tmp_path, 400)])
    pulled = 0

    def counted() -> Iterator[RawDocument]:
        nonlocal pulled
        for raw in raws:
            pulled += 1
            yield raw

    results = workers.clean_in_pool(counted(), Config(), jobs=2)
    next(results)
    assert pulled <= (2 * workers.IN_FLIGHT + 1) * workers.CHUNK < len(raws)
    assert len([1, *results]) == len(raws)


def test_hostile_inputs_cleaned_by_workers_end_as_they_end_in_one_process(
    tmp_path: Path,
) -> None:
    from hostile import write_corpus

    write_corpus(tmp_path / "hostile", 160)
    raws = _raws([tmp_path / "hostile", ROOT / "examples"])
    config = Config()
    here = [workers.clean_safely(raw, config) for raw in raws]
    assert sum(isinstance(c, Dropped) for c in here) >= 3  # pages with no article text
    assert list(workers.clean_in_pool(raws, config, jobs=2)) == here
