"""JSON Lines: one article a line, ``{"text"|"html", "url", "title", "published", "outlet", "byline"}``.

Read line by line (plain or gzipped), so a file of millions of articles never sits in memory
whole. A bad line costs only itself: it becomes a ``Dropped`` entry naming its line number.
"""

from __future__ import annotations

import gzip
import io
import json
import zlib
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from storylens.config import IngestConfig
from storylens.ingest.files import hints_from, is_gzip, sniff_format
from storylens.records import Dropped, RawDocument


def _open(path: Path) -> io.BufferedIOBase:
    return gzip.open(path, "rb") if is_gzip(path) else path.open("rb")


def read_jsonl(path: Path, config: IngestConfig) -> Iterator[RawDocument | Dropped]:
    """Yield one record per line; the source of each is ``PATH#LINE`` (1-based)."""
    fetched = datetime.fromtimestamp(path.stat().st_mtime, tz=UTC)
    lineno = 0
    try:
        with _open(path) as fh:
            for lineno, line in enumerate(fh, 1):
                if line.strip():
                    yield _record(line, f"{path}#{lineno}", fetched, config)
    except (EOFError, zlib.error, gzip.BadGzipFile) as exc:
        yield Dropped(
            source=str(path),
            reason=f"truncated or corrupt gzip after line {lineno}: {exc or 'ends early'}",
        )
    except OSError as exc:
        yield Dropped(source=str(path), reason=f"cannot read file: {exc.strerror or exc}")


def _record(
    line: bytes, source: str, fetched: datetime, config: IngestConfig
) -> RawDocument | Dropped:
    if len(line) > config.max_bytes:
        return Dropped(source=source, reason=f"line too large ({len(line):,} bytes)")
    try:
        obj = json.loads(line)
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
    hints = hints_from(obj)
    if isinstance(obj.get("id"), (str, int)) and str(obj["id"]).strip():
        hints["input_id"] = str(obj["id"]).strip()  # the caller's own key, kept as input_id
    return RawDocument(source=source, raw=raw, fetched_at=fetched, format=fmt, hints=hints)
