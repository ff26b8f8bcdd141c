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
from storylens.ingest.decoding import scrub
from storylens.ingest.files import (
    NOTES_HINT,
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
                yield safe_record(item)
            else:
                for record in _guarded(str(item), read_path(item, config, urls)):
                    yield safe_record(record)
    for record in _guarded("fetching URLs", fetch_all(urls, config)):
        yield safe_record(record)


def _guarded(
    source: str, records: Iterator[RawDocument | Dropped]
) -> Iterator[RawDocument | Dropped]:
    """The records of one input; a failure no reader foresaw ends that input with a dropped
    entry (keeping the records before it) instead of ending the run."""
    try:
        yield from records
    except Exception as exc:  # any reader's surprise costs its input only
        yield Dropped(source=source, reason=f"could not read: {type(exc).__name__}: {exc}")


def safe_source(source: str) -> str:
    """``source`` as a string every writer can encode: bytes of a file name that are not
    UTF-8 (held as surrogate escapes) are shown as ``\\xNN``."""
    try:
        source.encode("utf-8")
        return source
    except UnicodeEncodeError:
        pass
    try:
        return source.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:
        return source.encode("utf-8", "backslashreplace").decode("utf-8")


def safe_record(record: RawDocument | Dropped) -> RawDocument | Dropped:
    """No lone surrogate leaves ingest: a JSON ``\\ud800`` escape would break hashing,
    tokenizers and every report writer much later, far from the input that carried it."""
    if isinstance(record, Dropped):
        source, reason = safe_source(record.source), scrub(record.reason)[0]
        if (source, reason) == (record.source, record.reason):
            return record
        return record.model_copy(update={"source": source, "reason": reason})
    raw, replaced = scrub(record.raw)
    hints = {key: scrub(value)[0] for key, value in record.hints.items()}
    if replaced:
        note = f"{replaced} lone surrogate code points replaced by U+FFFD"
        hints[NOTES_HINT] = "\n".join(filter(None, [hints.get(NOTES_HINT), note]))
    source = safe_source(record.source)
    if raw is record.raw and hints == record.hints and source == record.source:
        return record
    return record.model_copy(update={"raw": raw, "hints": hints, "source": source})


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
            doc = doc.model_copy(
                update={"hints": {**doc.hints, **read_sidecar(sidecar, config.max_json_depth)}}
            )
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
