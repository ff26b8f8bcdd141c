"""RSS and Atom feeds (feedparser): each entry is an article made from its own content.

An entry's full content (``content:encoded``, Atom ``content``) is preferred to its summary;
entries that carry only a teaser become short articles that the cleaner drops with a word
count, unless ``follow`` is set, in which case the page each entry links to is fetched
(politely, see ``ingest.urls``) and the feed's title, date and author travel with it.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from storylens.config import IngestConfig
from storylens.ingest.files import InputError, read_bytes
from storylens.ingest.urls import FetchRequest, fetch_all
from storylens.records import Dropped, RawDocument


def _published(entry: Any) -> str | None:
    """The entry's date as ISO 8601 in UTC (feedparser normalises every feed format to UTC)."""
    for key in ("published_parsed", "updated_parsed"):
        parsed = entry.get(key)
        if parsed:
            return datetime.fromtimestamp(calendar.timegm(parsed), tz=UTC).isoformat()
    return None


def _content(entry: Any) -> str:
    contents = entry.get("content") or []
    best = max((c.get("value", "") for c in contents), key=len, default="")
    summary = entry.get("summary", "") or ""
    return best if len(best) >= len(summary) else summary


def read_feed(path: Path, config: IngestConfig) -> Iterator[RawDocument | Dropped]:
    """Yield an article per entry (source ``PATH#ENTRY-ID``) or, with ``follow``, its page."""
    try:
        data = read_bytes(path, config.max_bytes)
    except InputError as exc:
        yield Dropped(source=str(path), reason=str(exc))
        return
    import feedparser  # ~0.1 s to import: only feeds pay for it

    feed = feedparser.parse(data)
    if not feed.entries:
        reason = f"feed has no entries{f' ({feed.bozo_exception})' if feed.bozo else ''}"
        yield Dropped(source=str(path), reason=reason)
        return
    outlet = (feed.feed.get("title") or "").strip()
    fetched = datetime.fromtimestamp(path.stat().st_mtime, tz=UTC)
    to_follow: list[FetchRequest] = []
    for n, entry in enumerate(feed.entries, 1):
        link = (entry.get("link") or "").strip()
        source = f"{path}#{entry.get('id') or link or n}"
        hints = {
            key: value
            for key, value in (
                ("url", link),
                ("title", (entry.get("title") or "").strip()),
                ("byline", (entry.get("author") or "").strip()),
                ("published", _published(entry) or ""),
                ("outlet", outlet),
                ("language", (feed.feed.get("language") or "").strip()),
            )
            if value
        }
        if config.follow and link.startswith(("http://", "https://")):
            to_follow.append(FetchRequest(url=link, source=link, hints=hints))
            continue
        body = _content(entry)
        if not body.strip():
            yield Dropped(source=source, reason="feed entry has no content")
            continue
        yield RawDocument(
            source=source,
            raw=f"<html><body><article>{body}</article></body></html>",
            fetched_at=fetched,
            format="html",
            hints=hints,
        )
    yield from fetch_all(to_follow, config)
