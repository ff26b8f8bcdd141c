"""Fetching pages from the web, politely: the only place StoryLens touches the network.

Only URLs the user gives (as arguments, in a ``urls.txt``, or linked from a feed with
``--follow``) are fetched. Each host gets one worker, so hosts are fetched concurrently but a
single host never sees more than one request at a time, spaced by ``per_host_delay_s`` (or
the site's ``Crawl-delay`` when larger). robots.txt is honoured as RFC 9309 reads it: a
missing file (4xx) allows everything, an unreachable one (5xx, network error) allows
nothing, and every redirect hop is checked against the robots.txt of the host it leads to
(a page may not be reached through a redirect that its own site forbids). Timeouts and 5xx/429
answers are retried with exponential backoff; everything else that goes wrong becomes a
``Dropped`` entry saying exactly what happened. No request reaches an internal address
unless ``allow_private`` is set: ``ingest.guard`` vets every URL and hop, and every
connection is opened by ``ingest.pinned`` to an address the guard checked.
"""

from __future__ import annotations

import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

if TYPE_CHECKING:  # httpx costs ~0.1 s to import; only runs that fetch URLs pay for it
    import httpx

from storylens.config import IngestConfig
from storylens.ingest import guard
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


_Rules = RobotFileParser | str | None
_Allow = Callable[[str], str | None]


class _RobotsCache:
    """robots.txt per host, fetched once and shared by the host workers.

    Redirects can lead a worker to any host, so the rules cannot live in one worker; a lock
    per host makes the first asker fetch while the others wait for the same answer.
    """

    def __init__(self, client: httpx.Client, config: IngestConfig) -> None:
        self._client = client
        self._config = config
        self._rules: dict[str, _Rules] = {}
        self._locks: defaultdict[str, threading.Lock] = defaultdict(threading.Lock)
        self._guard = threading.Lock()

    def rules(self, host: str) -> _Rules:
        with self._guard:
            lock = self._locks[host]
        with lock:
            if host not in self._rules:
                self._rules[host] = _robots(self._client, host, self._config)
            return self._rules[host]

    def refusal(self, url: str) -> str | None:
        """Why ``url`` may not be fetched, or None when its site allows it."""
        rules = self.rules(_host_of(url))
        if isinstance(rules, str):
            return rules
        if rules is not None and not rules.can_fetch(self._config.user_agent, url):
            return "disallowed by the site's robots.txt"
        return None


def _host_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


def fetch_all(
    requests: Iterable[FetchRequest], config: IngestConfig
) -> Iterator[RawDocument | Dropped]:
    """Fetch every request, hosts in parallel, and yield the results in the order given."""
    items = list(requests)
    by_host: dict[str, list[int]] = defaultdict(list)
    for i, req in enumerate(items):
        by_host[_host_of(req.url)].append(i)
    results: dict[int, RawDocument | Dropped] = {}
    if not items:
        return
    import httpx

    from storylens.ingest.pinned import GuardedTransport

    headers = {"User-Agent": config.user_agent}
    with httpx.Client(
        headers=headers,
        timeout=httpx.Timeout(config.timeout_s),
        max_redirects=config.max_redirects,
        transport=GuardedTransport(config.allow_private),
    ) as client:
        robots = _RobotsCache(client, config) if config.respect_robots else None

        def work(host: str) -> list[tuple[int, RawDocument | Dropped]]:
            batch = [(i, items[i]) for i in by_host[host]]
            return _fetch_host(client, host, batch, config, robots)

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
    robots: _RobotsCache | None,
) -> list[tuple[int, RawDocument | Dropped]]:
    out: list[tuple[int, RawDocument | Dropped]] = []
    delay = config.per_host_delay_s
    if (refusal := guard.url_refusal(host, config.allow_private)) is not None:
        # An internal host gets no request at all, robots.txt included.
        return [(i, Dropped(source=req.source or req.url, reason=refusal)) for i, req in batch]
    rules = robots.rules(host) if robots is not None else None
    if isinstance(rules, RobotFileParser):
        crawl_delay = rules.crawl_delay(config.user_agent)
        if crawl_delay is not None:
            delay = max(delay, min(float(crawl_delay), 30.0))
    allow = robots.refusal if robots is not None else None
    last = 0.0
    for i, req in batch:
        source = req.source or req.url
        refusal = guard.url_refusal(req.url, config.allow_private)
        if refusal is None and allow is not None:
            refusal = allow(req.url)
        if refusal is not None:
            out.append((i, Dropped(source=source, reason=refusal)))
            continue
        wait = last + delay - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        try:
            out.append((i, _fetch_page(client, req, config, allow)))
        except _Failure as exc:
            out.append((i, Dropped(source=source, reason=str(exc))))
        last = time.monotonic()
    return out


def _robots(client: httpx.Client, host: str, config: IngestConfig) -> _Rules:
    """The host's rules; None when it has none (4xx); a reason string when it is unreachable."""
    url = f"{host}/robots.txt"
    try:
        response = _get(client, url, config, limit=_ROBOTS_LIMIT, allow=None)
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
    client: httpx.Client, url: str, config: IngestConfig, *, limit: int, allow: _Allow | None
) -> tuple[int, httpx.Headers, bytes, str]:
    """GET with retries; (status, headers, body, final url). Raises ``_Failure`` with the reason.

    ``allow`` vets every redirect target (robots.txt of the host it points at).
    """
    attempt = 0
    while True:
        try:
            return _get_once(client, url, config, limit=limit, allow=allow)
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
    client: httpx.Client, url: str, config: IngestConfig, *, limit: int, allow: _Allow | None
) -> tuple[int, httpx.Headers, bytes, str]:
    for _hop in range(config.max_redirects + 1):
        target = _get_hop(client, url, config, limit=limit)
        if isinstance(target, tuple):
            return target
        refusal = guard.url_refusal(target, config.allow_private)
        if refusal is None and allow is not None:
            refusal = allow(target)
        if refusal is not None:
            raise _Failure(f"redirected to {target}: {refusal}")
        url = target
    raise _Failure(f"too many redirects (limit {config.max_redirects})")


def _get_hop(
    client: httpx.Client, url: str, config: IngestConfig, *, limit: int
) -> tuple[int, httpx.Headers, bytes, str] | str:
    """One request: the answer, or the URL a redirect points to."""
    import httpx

    deadline = time.monotonic() + config.timeout_s * 2
    if (refusal := guard.url_refusal(url, config.allow_private)) is not None:
        raise _Failure(refusal)
    try:
        with client.stream("GET", url, follow_redirects=False) as response:
            stream = response.extensions.get("network_stream")
            peer = stream.get_extra_info("server_addr") if stream is not None else None
            if (refusal := guard.connected_refusal(peer, url, config.allow_private)) is not None:
                raise _Failure(refusal)
            if response.next_request is not None:
                return str(response.next_request.url)
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
    except guard.Refused as exc:  # the name resolved to an internal address when connecting
        raise _Failure(str(exc)) from exc
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


def _fetch_page(
    client: httpx.Client, req: FetchRequest, config: IngestConfig, allow: _Allow | None
) -> RawDocument:
    import httpx

    status, headers, body, final = _get(
        client, req.url, config, limit=config.max_page_bytes, allow=allow
    )
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
