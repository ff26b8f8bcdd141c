"""Ingest stage: turn every path a user gives into ``RawDocument`` records or ``Dropped`` entries."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from storylens.config import IngestConfig
from storylens.ingest.files import expand_paths, read_file
from storylens.records import Dropped, RawDocument


def read_inputs(
    paths: Iterable[str | Path], config: IngestConfig | None = None
) -> Iterator[RawDocument | Dropped]:
    """Yield one record per input file; a directory means every file under it, in sorted order."""
    config = config or IngestConfig()
    for item in expand_paths(paths):
        if isinstance(item, Dropped):
            yield item
        else:
            yield read_file(item, config)


__all__ = ["read_inputs"]
