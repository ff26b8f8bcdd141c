"""Reading files from disk: decoding, sniffing, and refusing what is not text, with a reason."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from storylens.config import IngestConfig
from storylens.records import Dropped, RawDocument

# Bytes that never occur in text; a few of them in the first kilobytes mean binary data.
_CONTROL = bytes(range(0, 9)) + bytes(range(14, 32))
_SKIP_NAMES = {".DS_Store", "Thumbs.db"}


def expand_paths(paths: Iterable[str | Path]) -> Iterator[Path | Dropped]:
    for p in paths:
        path = Path(p)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if name.startswith(".") or name in _SKIP_NAMES:
                        continue
                    yield Path(root) / name
        elif path.exists():
            yield path
        else:
            yield Dropped(source=str(p), reason="no such file or directory")


def looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample and not (sample.startswith((b"\xff\xfe", b"\xfe\xff"))):
        return True
    controls = sum(1 for b in sample if b in _CONTROL)
    return controls > max(2, len(sample) // 100)


def decode(data: bytes) -> str | None:
    """Decode text bytes: UTF-8 (with or without BOM) first, then charset detection."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        return None
    text = str(best)
    return text[1:] if text.startswith("\ufeff") else text


def sniff_format(text: str) -> Literal["text", "html"]:
    head = text[:2048].lstrip().lower()
    if head.startswith(("<!doctype html", "<html")) or "<body" in head or "<div" in head:
        return "html"
    return "text"


def read_file(path: Path, config: IngestConfig) -> RawDocument | Dropped:
    source = str(path)
    try:
        size = path.stat().st_size
        if size == 0:
            return Dropped(source=source, reason="empty file")
        if size > config.max_bytes:
            return Dropped(
                source=source,
                reason=f"file too large ({size:,} bytes; limit {config.max_bytes:,})",
            )
        data = path.read_bytes()
    except OSError as exc:
        return Dropped(source=source, reason=f"cannot read file: {exc.strerror or exc}")
    if not data.strip():
        return Dropped(source=source, reason="empty file (only whitespace)")
    if looks_binary(data):
        return Dropped(source=source, reason="binary data, not text")
    text = decode(data)
    if text is None:
        return Dropped(source=source, reason="unknown text encoding")
    fetched = datetime.fromtimestamp(path.stat().st_mtime, tz=UTC)
    fmt = sniff_format(text)
    return RawDocument(source=source, raw=text, fetched_at=fetched, format=fmt)
