"""Fetching pages from the web, politely: the only place StoryLens touches the network.

Only URLs the user gives (as arguments, in a ``urls.txt``, or linked from a feed with
``--follow``) are fetched. Each host gets one worker, so hosts are fetched concurrently but a
single host never sees more than one request at a time, spaced by ``per_host_delay_s`` (or
the site's ``Crawl-delay`` when larger). robots.txt is honoured as RFC 9309 reads it: a
missing file (4xx) allows everything, an unreachable one (5xx, network error) allows
nothing. Timeouts and 5xx/429 answers are retried with exponential backoff; everything else
that goes wrong becomes a ``Dropped`` entry saying exactly what happened.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

if TYPE_CHECKING:  # httpx costs ~0.1 s to import; only runs that fetch URLs pay for it
    import httpx

from storylens.config import IngestConfig
from storylens.ingest.files import declared_charset, decode, looks_binary, sniff_format
from storylens.ingest.warc import HTML_TYPES, charset_of
from storylens.records import Dropped, RawDocument

_RETRY_STATUS = {429, 500, 502, 503, 504}
_ROBOTS_LIMIT = 512_000


@dataclass
class FetchRequest:
    url: str
    source: str = ""
    hints: dict[str, str] = field(default_factory=dict)


class _Failure(Exception):
    """A fetch that did not give a page; the message is the ``Dropped`` reason."""


def fetch_all(
    requests: Iterable[FetchRequest], config: IngestConfig
) -> Iterator[RawDocument | Dropped]:
    """Fetch every request, hosts in parallel, and yield the results in the order given."""
    items = list(requests)
    by_host: dict[str, list[int]] = defaultdict(list)
    for i, req in enumerate(items):
        parts = urlsplit(req.url)
        by_host[f"{parts.scheme}://{parts.netloc}".lower()].append(i)
    results: dict[int, RawDocument | Dropped] = {}
    if not items:
        return
    import httpx

    headers = {"User-Agent": config.user_agent}
    with httpx.Client(
        headers=headers,
        timeout=httpx.Timeout(config.timeout_s),
        follow_redirects=True,
        max_redirects=config.max_redirects,
    ) as client:

        def work(host: str) -> list[tuple[int, RawDocument | Dropped]]:
            return _fetch_host(client, host, [(i, items[i]) for i in by_host[host]], config)

        workers = max(1, min(config.max_connections, len(by_host)))
        with ThreadPoolExecutor(max_workers=workers) as pool:
            for done in pool.map(work, list(by_host)):
                results.update(done)
    for i in range(len(items)):
        yield results[i]


def _fetch_host(
    client: httpx.Client,
    host: str,
    batch: list[tuple[int, FetchRequest]],
    config: IngestConfig,
) -> list[tuple[int, RawDocument | Dropped]]:
    out: list[tuple[int, RawDocument | Dropped]] = []
    robots: RobotFileParser | str | None = None
    delay = config.per_host_delay_s
    if config.respect_robots:
        robots = _robots(client, host, config)
        if isinstance(robots, RobotFileParser):
            crawl_delay = robots.crawl_delay(config.user_agent)
            if crawl_delay is not None:
                delay = max(delay, min(float(crawl_delay), 30.0))
    last = 0.0
    for i, req in batch:
        source = req.source or req.url
        if isinstance(robots, str):
            out.append((i, Dropped(source=source, reason=robots)))
            continue
        if robots is not None and not robots.can_fetch(config.user_agent, req.url):
            out.append((i, Dropped(source=source, reason="disallowed by the site's robots.txt")))
            continue
        wait = last + delay - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        try:
            out.append((i, _fetch_page(client, req, config)))
        except _Failure as exc:
            out.append((i, Dropped(source=source, reason=str(exc))))
        last = time.monotonic()
    return out


def _robots(client: httpx.Client, host: str, config: IngestConfig) -> RobotFileParser | str | None:
    """The host's rules; None when it has none (4xx); a reason string when it is unreachable."""
    url = f"{host}/robots.txt"
    try:
        response = _get(client, url, config, limit=_ROBOTS_LIMIT)
    except _Failure as exc:
        return f"robots.txt could not be fetched ({exc}), so the site is not crawled"
    status, _headers, body, _final = response
    if 400 <= status < 500:
        return None
    if status >= 500:
        return f"robots.txt answered HTTP {status}, so the site is not crawled"
    parser = RobotFileParser(url)
    parser.parse(body.decode("utf-8", errors="replace").splitlines())
    return parser


def _get(
    client: httpx.Client, url: str, config: IngestConfig, *, limit: int
) -> tuple[int, httpx.Headers, bytes, str]:
    """GET with retries; (status, headers, body, final url). Raises ``_Failure`` with the reason."""
    attempt = 0
    while True:
        try:
            return _get_once(client, url, config, limit=limit)
        except _Retryable as exc:
            attempt += 1
            if attempt > config.retries:
                tries = f"{attempt} attempt{'s' if attempt > 1 else ''}"
                raise _Failure(f"{exc} (after {tries})") from exc
            pause = exc.retry_after if exc.retry_after is not None else 0.0
            time.sleep(max(pause, config.backoff_s * 2 ** (attempt - 1)))


class _Retryable(Exception):
    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


def _get_once(
    client: httpx.Client, url: str, config: IngestConfig, *, limit: int
) -> tuple[int, httpx.Headers, bytes, str]:
    import httpx

    deadline = time.monotonic() + config.timeout_s * 2
    try:
        with client.stream("GET", url) as response:
            if response.status_code in _RETRY_STATUS:
                raise _Retryable(
                    f"HTTP {response.status_code} {response.reason_phrase}".strip(),
                    _retry_after(response.headers.get("Retry-After")),
                )
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > limit:
                raise _Failure(f"page too large ({int(length):,} bytes; limit {limit:,})")
            body = bytearray()
            for chunk in response.iter_bytes():
                body += chunk
                if len(body) > limit:
                    raise _Failure(f"page too large (over {limit:,} bytes)")
                if time.monotonic() > deadline:
                    raise _Retryable(f"timed out reading the page after {config.timeout_s * 2:g} s")
            return response.status_code, response.headers, bytes(body), str(response.url)
    except httpx.TooManyRedirects as exc:
        raise _Failure(f"too many redirects (limit {config.max_redirects})") from exc
    except httpx.TimeoutException as exc:
        raise _Retryable(f"timed out ({type(exc).__name__})") from exc
    except httpx.TransportError as exc:
        raise _Retryable(f"unreachable: {exc or type(exc).__name__}") from exc
    except httpx.InvalidURL as exc:
        raise _Failure(f"invalid URL: {exc}") from exc


def _retry_after(value: str | None) -> float | None:
    if value and value.strip().isdigit():
        return min(float(value), 60.0)
    return None


def _fetch_page(client: httpx.Client, req: FetchRequest, config: IngestConfig) -> RawDocument:
    import httpx

    status, headers, body, final = _get(client, req.url, config, limit=config.max_page_bytes)
    if status >= 400:
        raise _Failure(f"HTTP {status} {httpx.codes.get_reason_phrase(status)}".strip())
    content_type = headers.get("Content-Type", "")
    mime = content_type.split(";")[0].strip().lower()
    if mime and mime not in HTML_TYPES:
        raise _Failure(f"not an HTML page (content type {mime})")
    if not body.strip():
        raise _Failure("empty response")
    if looks_binary(body):
        raise _Failure("binary data, not an HTML page")
    text = decode(body, charset_of(content_type) or declared_charset(body))
    if text is None:
        raise _Failure("unknown text encoding")
    if not mime and sniff_format(text) != "html":
        raise _Failure("not an HTML page (no content type, and the body is not HTML)")
    return RawDocument(
        source=req.source or req.url,
        raw=text,
        fetched_at=datetime.now(UTC),
        format="html",
        hints={**req.hints, "url": req.hints.get("url") or final},
    )
