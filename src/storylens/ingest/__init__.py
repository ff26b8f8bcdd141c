"""Ingest stage: turn every path or URL a user gives into ``RawDocument`` records or ``Dropped`` entries.

One reader per format (``files`` for text and HTML pages, ``jsonl``, ``warc``, ``rss``,
``urls``); which one reads a file is decided by sniffing its content, not by its name. Every
record's ``source`` says where it came from: ``PATH``, ``PATH#LINE`` (JSONL),
``PATH#TARGET-URI`` (WARC), ``PATH#ENTRY`` (feeds) or the URL. ``RawDocument.format`` names
the content ("html" or "text"), which is what picks the cleaner.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from storylens.config import IngestConfig
from storylens.ingest.files import (
    InputError,
    expand_paths,
    has_article_beside,
    is_sidecar,
    looks_like_url,
    read_bytes,
    read_file,
    read_head,
    read_sidecar,
    sidecar_of,
    sniff_kind,
)
from storylens.ingest.jsonl import read_jsonl
from storylens.ingest.rss import read_feed
from storylens.ingest.urls import FetchRequest, fetch_all
from storylens.ingest.warc import read_warc
from storylens.records import Dropped, RawDocument


def read_inputs(
    paths: Iterable[str | Path], config: IngestConfig | None = None
) -> Iterator[RawDocument | Dropped]:
    """Yield records for every input: a directory means every file under it, in sorted order;
    an argument that looks like a URL (or a file listing URLs) is fetched, after the files."""
    config = config or IngestConfig()
    urls: list[FetchRequest] = []
    for arg in paths:
        if isinstance(arg, str) and looks_like_url(arg):
            urls.append(FetchRequest(url=arg.strip(), source=arg.strip()))
            continue
        for item in expand_paths([arg]):
            if isinstance(item, Dropped):
                yield item
            else:
                yield from read_path(item, config, urls)
    yield from fetch_all(urls, config)


def read_path(
    path: Path, config: IngestConfig, urls: list[FetchRequest]
) -> Iterator[RawDocument | Dropped]:
    """Records of one file; URLs it lists are appended to ``urls`` to be fetched together."""
    if is_sidecar(path):
        if not has_article_beside(path):
            yield Dropped(source=str(path), reason="sidecar metadata with no article beside it")
        return
    try:
        head = read_head(path)
    except InputError as exc:
        yield Dropped(source=str(path), reason=str(exc))
        return
    kind = sniff_kind(head) if head.strip() else "text"
    if kind == "warc":
        yield from read_warc(path, config)
    elif kind == "jsonl":
        yield from read_jsonl(path, config)
    elif kind == "rss":
        yield from read_feed(path, config)
    elif kind == "urls":
        yield from _url_list(path, config, urls)
    else:
        yield from _page(path, config)


def _page(path: Path, config: IngestConfig) -> Iterator[RawDocument | Dropped]:
    doc = read_file(path, config)
    sidecar = sidecar_of(path)
    if isinstance(doc, RawDocument) and sidecar is not None:
        try:
            # What the reader found inside the file stays unless the sidecar says otherwise.
            doc = doc.model_copy(update={"hints": {**doc.hints, **read_sidecar(sidecar)}})
        except InputError as exc:
            yield Dropped(source=str(sidecar), reason=str(exc))
    yield doc


def _url_list(path: Path, config: IngestConfig, urls: list[FetchRequest]) -> Iterator[Dropped]:
    try:
        data = read_bytes(path, config.max_bytes)
    except InputError as exc:
        yield Dropped(source=str(path), reason=str(exc))
        return
    for n, line in enumerate(data.decode("utf-8", errors="replace").splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if looks_like_url(line):
            urls.append(FetchRequest(url=line, source=line))
        else:
            yield Dropped(source=f"{path}#{n}", reason=f"not a URL: {line[:80]!r}")


__all__ = ["read_inputs"]
