"""WARC archives (plain or gzipped, e.g. Common Crawl CC-NEWS): every HTML response is a page.

Records are streamed one at a time from an open file handle by warcio's ``ArchiveIterator``,
so memory stays constant however large the archive. Requests, metadata, redirects, error
responses and non-HTML payloads (images, robots.txt, scripts) are not articles and are passed
over silently; an HTML response that cannot be read becomes a ``Dropped`` entry, and a corrupt
tail of the archive ends the file with one ``Dropped`` entry, keeping every record before it.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecord

from storylens.config import IngestConfig
from storylens.ingest.decoding import decode_bytes
from storylens.ingest.files import declared_charset, decoding_notes, looks_binary
from storylens.records import Dropped, RawDocument

HTML_TYPES = ("text/html", "application/xhtml+xml")


def charset_of(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None


def _fetch_date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        when = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return when if 1990 <= when.year <= 9000 else None  # crawls began in the 1990s


def read_warc(path: Path, config: IngestConfig) -> Iterator[RawDocument | Dropped]:
    """Yield each HTML response; its source is ``PATH#TARGET-URI``."""
    count = seen = 0
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            records = ArchiveIterator(fh, arc2warc=True)
            end = 0
            for record in records:
                seen += 1
                item = _page(record, path, config)
                if item is not None:
                    count += 1
                    yield item
                end = records.get_record_offset() + records.get_record_length()
        if end < size:
            # warcio stops quietly at a cut-off record; the bytes it left unread say so.
            yield Dropped(
                source=str(path),
                reason=f"truncated or corrupt WARC: the last {size - end:,} bytes hold no "
                f"complete record (kept the {count} pages before them)",
            )
        elif count == 0:
            # Every input ends as articles or a reason: an archive of requests, images or
            # redirects only must say so rather than vanish.
            yield Dropped(
                source=str(path),
                reason=f"WARC holds no readable HTML page ({seen} records read)",
            )
    except (ArchiveLoadFailed, EOFError, zlib.error, ValueError) as exc:
        yield Dropped(
            source=str(path),
            reason=f"corrupt or truncated WARC after {count} pages: {exc or type(exc).__name__}",
        )
    except OSError as exc:
        yield Dropped(source=str(path), reason=f"cannot read file: {exc.strerror or exc}")


def _page(record: ArcWarcRecord, path: Path, config: IngestConfig) -> RawDocument | Dropped | None:
    if record.rec_type != "response" or record.http_headers is None:
        return None
    uri = record.rec_headers.get_header("WARC-Target-URI") or ""
    content_type = record.http_headers.get_header("Content-Type") or ""
    status = record.http_headers.get_statuscode() or ""
    if not status.startswith("2") or content_type.split(";")[0].strip().lower() not in HTML_TYPES:
        return None
    source = f"{path}#{uri}"
    data = record.content_stream().read(config.max_bytes + 1)
    if len(data) > config.max_bytes:
        return Dropped(source=source, reason=f"page too large (over {config.max_bytes:,} bytes)")
    if not data.strip():
        return Dropped(source=source, reason="empty HTML response")
    if looks_binary(data):
        return Dropped(source=source, reason="binary data in an HTML response")
    decoded = decode_bytes(data, charset_of(content_type) or declared_charset(data))
    if decoded is None:
        return Dropped(source=source, reason="unknown text encoding")
    return RawDocument(
        source=source,
        raw=decoded.text,
        fetched_at=_fetch_date(record.rec_headers.get_header("WARC-Date")),
        format="html",
        hints={**({"url": uri} if uri else {}), **decoding_notes(decoded)},
    )
