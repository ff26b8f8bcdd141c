"""JSON Lines: one article a line, ``{"text"|"html", "url", "title", "published", "outlet", "byline"}``.

Read line by line (plain or gzipped), so a file of millions of articles never sits in memory
whole, and no line is held past ``max_bytes``: a line over the limit is skipped while being
read, so a small gzip that inflates to one line of gigabytes costs a buffer, not the machine.
A bad line costs only itself: it becomes a ``Dropped`` entry naming its line number.
"""

from __future__ import annotations

import gzip
import io
import zlib
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from storylens.config import IngestConfig
from storylens.ingest import boundedjson
from storylens.ingest.decoding import decode_bytes
from storylens.ingest.files import decoding_notes, hints_from, is_gzip, sniff_format
from storylens.records import Dropped, RawDocument


def _open(path: Path) -> io.BufferedIOBase:
    return gzip.open(path, "rb") if is_gzip(path) else path.open("rb")


def read_jsonl(path: Path, config: IngestConfig) -> Iterator[RawDocument | Dropped]:
    """Yield one record per line; the source of each is ``PATH#LINE`` (1-based)."""
    fetched = datetime.fromtimestamp(path.stat().st_mtime, tz=UTC)
    lineno = 0
    try:
        with _open(path) as fh:
            for lineno, line, size in _lines(fh, config.max_bytes):
                source = f"{path}#{lineno}"
                if line is None:
                    reason = f"line too large ({size:,} bytes; limit {config.max_bytes:,})"
                    yield Dropped(source=source, reason=reason)
                elif line.strip():
                    yield _record(line, source, fetched, config)
    except (EOFError, zlib.error, gzip.BadGzipFile) as exc:
        yield Dropped(
            source=str(path),
            reason=f"truncated or corrupt gzip after line {lineno}: {exc or 'ends early'}",
        )
    except OSError as exc:
        yield Dropped(source=str(path), reason=f"cannot read file: {exc.strerror or exc}")


def _lines(fh: io.BufferedIOBase, limit: int) -> Iterator[tuple[int, bytes | None, int]]:
    """(line number, line or None when over ``limit``, its size so far), reading at most
    ``limit`` + 1 bytes of any line into memory."""
    lineno = 0
    while True:
        line = fh.readline(limit + 1)
        if not line:
            return
        lineno += 1
        if len(line) <= limit or line.endswith(b"\n"):
            yield lineno, line, len(line)
            continue
        size = len(line)
        while line and not line.endswith(b"\n"):  # skip the rest of the line, a chunk at a time
            line = fh.readline(1 << 20)
            size += len(line)
        yield lineno, None, size


def _record(
    line: bytes, source: str, fetched: datetime, config: IngestConfig
) -> RawDocument | Dropped:
    if len(line) > config.max_bytes:
        return Dropped(source=source, reason=f"line too large ({len(line):,} bytes)")
    # JSON is UTF-8 by the standard; exports in a legacy code page or with a stray bad byte
    # are read as a browser would rather than lost.
    decoded = decode_bytes(line)
    if decoded is None:
        return Dropped(source=source, reason="line is not text in any known encoding")
    try:
        obj = boundedjson.loads(decoded.text, config.max_json_depth)
    except ValueError as exc:
        return Dropped(source=source, reason=f"invalid JSON on this line: {exc}")
    if not isinstance(obj, dict):
        return Dropped(source=source, reason="line is not a JSON object")
    html, text = obj.get("html"), obj.get("text")
    fmt: Literal["text", "html"]
    if isinstance(html, str) and html.strip():
        raw, fmt = html, "html"
    elif isinstance(text, str) and text.strip():
        # Some exports put HTML under "text"; the content decides, as for files.
        raw, fmt = text, sniff_format(text)
    else:
        return Dropped(source=source, reason='object has no non-empty "text" or "html" string')
    hints = {**hints_from(obj), **decoding_notes(decoded)}
    if isinstance(obj.get("id"), (str, int)) and str(obj["id"]).strip():
        hints["input_id"] = str(obj["id"]).strip()  # the caller's own key, kept as input_id
    return RawDocument(source=source, raw=raw, fetched_at=fetched, format=fmt, hints=hints)
