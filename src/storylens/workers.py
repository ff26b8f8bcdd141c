"""Cleaning in worker processes: the second core cleans while the first reads and groups.

Cleaning is pure Python, one document at a time, and the largest per-article cost before
dedup; on a machine with several cores one process leaves all but one idle. Here the main
process reads the inputs (a cheap, sequential pass) and hands them out in chunks to a pool of
worker processes, taking results back in input order, so the articles, their ids and the
dropped entries are those of the in-process path (``jobs=1``), in the same order.

Memory stays bounded: at most ``jobs * IN_FLIGHT`` chunks are out at a time, and the next
chunk is read only when the oldest one is taken back, so a 10 GB input streams through.

A document that kills its worker (a crash in a compiled parser, the kernel's OOM killer) must
not cost the run: the pool is restarted, the chunk that was being cleaned is cleaned again
one document at a time, and the one that kills its worker again becomes a ``Dropped`` entry.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from storylens.clean import clean_document
from storylens.config import Config
from storylens.records import Article, Dropped, RawDocument

CHUNK = 32
"""Documents per task: large enough that the pool's per-task cost (a pickle each way, a queue
round trip) is small against ~2 ms of cleaning a document, small enough to keep both busy."""
IN_FLIGHT = 4
"""Chunks per worker out at a time: enough to keep a worker busy while the main process
takes a result back, and the bound on how much of the input is held."""
POOL_FROM = 200
"""Inputs below this many documents are cleaned in-process: starting workers (~0.5 s, each
importing the cleaners) costs more than a second core saves on fewer (benchmarks/
cluster_profile.py --jobs; docs/scaling.md)."""

Item = RawDocument | Dropped
Cleaned = Article | Dropped

Cleaner = Callable[[RawDocument, Config], Cleaned]
"""What a worker runs on each document (``clean_safely``; a test passes one that crashes)."""

_config: Config | None = None
_cleaner: Cleaner | None = None


def available_cores() -> int:
    """The cores this process may run on (a container's or ``taskset``'s limit, not the
    machine's count)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def clean_safely(raw: RawDocument, config: Config) -> Cleaned:
    """One malformed input must never cost the user the rest of the run."""
    try:
        return clean_document(raw, config.clean)
    except Exception as exc:  # any failure on one input becomes a dropped entry
        return Dropped(source=raw.source, reason=f"could not clean: {type(exc).__name__}: {exc}")


def _start_worker(config: Config, cleaner: Cleaner) -> None:
    global _config, _cleaner
    _config, _cleaner = config, cleaner


def _clean_chunk(items: list[Item]) -> list[Cleaned]:
    assert _config is not None and _cleaner is not None, "worker started without its config"
    return [item if isinstance(item, Dropped) else _cleaner(item, _config) for item in items]


def _died(item: Item) -> Dropped:
    if isinstance(item, Dropped):
        return item
    return Dropped(
        source=item.source,
        reason="could not clean: the worker process cleaning it died (a crash or out of memory)",
    )


class _Pool:
    """A process pool that can be restarted when a worker dies."""

    def __init__(self, jobs: int, config: Config, cleaner: Cleaner) -> None:
        self.jobs, self.config, self.cleaner = jobs, config, cleaner
        # fork: a worker starts with the cleaners already imported (~1 ms, where spawn and
        # forkserver import them again and re-run the caller's main module, which a script
        # without a ``__main__`` guard cannot survive). It forks only this thread; the
        # cleaners take no lock another thread of this process could hold.
        methods = multiprocessing.get_all_start_methods()
        self.context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
        self.executor = self._new()

    def _new(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            self.jobs,
            mp_context=self.context,
            initializer=_start_worker,
            initargs=(self.config, self.cleaner),
        )

    def submit(self, items: list[Item]) -> Future[list[Cleaned]]:
        return self.executor.submit(_clean_chunk, items)

    def restart(self) -> None:
        self.executor.shutdown(wait=False, cancel_futures=True)
        self.executor = self._new()

    def close(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)


def _chunks(items: Iterator[Item], size: int) -> Iterator[list[Item]]:
    chunk: list[Item] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def clean_in_pool(
    items: Iterable[RawDocument], config: Config, jobs: int, cleaner: Cleaner = clean_safely
) -> Iterator[Cleaned]:
    """The cleaned articles (or why not) of ``items``, in their order, cleaned by ``jobs``
    worker processes with at most ``jobs * IN_FLIGHT`` chunks of them read ahead."""
    pool = _Pool(jobs, config, cleaner)
    window: deque[tuple[list[Item], Future[list[Cleaned]]]] = deque()
    try:
        for chunk in _chunks(iter(items), CHUNK):
            window.append((chunk, pool.submit(chunk)))
            if len(window) >= jobs * IN_FLIGHT:
                yield from _take(window, pool)
        while window:
            yield from _take(window, pool)
    finally:
        pool.close()


def _take(window: deque[tuple[list[Item], Future[list[Cleaned]]]], pool: _Pool) -> list[Cleaned]:
    """The results of the oldest chunk; when its worker died, the chunk is cleaned again a
    document at a time in a new pool, and the chunks behind it are handed to that pool."""
    chunk, future = window.popleft()
    try:
        return future.result()
    except BrokenProcessPool:
        pass
    pool.restart()
    out = [_one(item, pool) for item in chunk]
    for k, (other, pending) in enumerate(window):
        if not (pending.done() and pending.exception() is None):
            window[k] = (other, pool.submit(other))
    return out


def _one(item: Item, pool: _Pool) -> Cleaned:
    """One document in a worker of its own; the one that kills it again is dropped."""
    try:
        return pool.submit([item]).result()[0]
    except BrokenProcessPool:
        pool.restart()
        return _died(item)
