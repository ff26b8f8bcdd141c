"""Fetching from the web, against a real HTTP server the tests start on 127.0.0.1."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest

from storylens.config import IngestConfig
from storylens.ingest import read_inputs
from storylens.records import Dropped, RawDocument

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = sorted((ROOT / "examples" / "coverage-trump-putin-iran").glob("*.txt"))[0]
PARAGRAPHS = "".join(
    f"<p>{line}</p>"
    for line in SAMPLE.read_text(encoding="utf-8").splitlines()
    if len(line.split()) > 12
)
PAGE = f"<!DOCTYPE html><html><head><title>Story</title></head><body><article>{PARAGRAPHS}</article></body></html>"
# The server runs on 127.0.0.1, which the fetch guard refuses unless told otherwise.
FAST = IngestConfig(
    timeout_s=0.5, retries=1, backoff_s=0.01, per_host_delay_s=0.0, allow_private=True
)


class Handler(BaseHTTPRequestHandler):
    robots = "User-agent: *\nDisallow: /private/\n"
    agents: ClassVar[list[str]] = []
    flaky_hits = 0

    def log_message(self, *args: object) -> None:  # keep test output clean
        return None

    def send(self, status: int, body: bytes, ctype: str = "text/html; charset=utf-8",
             extra: dict[str, str] | None = None) -> None:  # fmt: skip
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for key, value in (extra or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        Handler.agents.append(self.headers.get("User-Agent", ""))
        path = self.path
        if path == "/robots.txt":
            if self.robots == "500":
                self.send(500, b"oops", "text/plain")
            else:
                self.send(200, self.robots.encode(), "text/plain")
        elif path in ("/article", "/private/article"):
            self.send(200, PAGE.encode())
        elif path == "/legacy":
            page = PAGE.replace("<article>", "<article><p>Café in Zürich — “quoted”.</p>")
            self.send(200, page.encode("cp1252"))  # says utf-8, is cp1252
        elif path == "/slow":
            time.sleep(1.5)
            self.send(200, PAGE.encode())
        elif path == "/big":
            self.send(200, b"<html><body>" + b"<p>word</p>" * 20_000 + b"</body></html>")
        elif path == "/pdf":
            self.send(200, b"%PDF-1.4 ...", "application/pdf")
        elif path.startswith("/hop?to="):
            self.send(302, b"", extra={"Location": path.removeprefix("/hop?to=")})
        elif path == "/loop":
            self.send(302, b"", extra={"Location": "/loop"})
        elif path == "/flaky":
            Handler.flaky_hits += 1
            if Handler.flaky_hits == 1:
                self.send(503, b"busy", "text/plain", {"Retry-After": "0"})
            else:
                self.send(200, PAGE.encode())
        else:
            self.send(404, b"<html>Not found</html>")


@pytest.fixture()
def server() -> Iterator[str]:
    Handler.robots = "User-agent: *\nDisallow: /private/\n"
    Handler.agents = []
    Handler.flaky_hits = 0
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def fetch(urls: list[str], config: IngestConfig = FAST) -> list[RawDocument | Dropped]:
    return list(read_inputs(urls, config))


def test_a_page_is_fetched_with_a_clear_user_agent(server: str) -> None:
    (doc,) = fetch([f"{server}/article"])
    assert isinstance(doc, RawDocument) and doc.format == "html"
    assert doc.source == f"{server}/article" and doc.hints["url"] == f"{server}/article"
    assert doc.fetched_at is not None
    assert all(agent.startswith("StoryLens/") for agent in Handler.agents)


def test_each_failure_is_dropped_with_its_precise_reason(server: str) -> None:
    config = FAST.model_copy(update={"max_page_bytes": 100_000})
    paths = ["/missing", "/slow", "/big", "/pdf", "/loop", "/private/article", "/article"]
    items = fetch([server + p for p in paths], config)
    reasons = {i.source.removeprefix(server): getattr(i, "reason", "ok") for i in items}
    assert reasons["/missing"] == "HTTP 404 Not Found"
    assert reasons["/slow"].startswith("timed out") and "2 attempts" in reasons["/slow"]
    assert "too large" in reasons["/big"]
    assert reasons["/pdf"] == "not an HTML page (content type application/pdf)"
    assert reasons["/loop"] == "too many redirects (limit 5)"
    assert reasons["/private/article"] == "disallowed by the site's robots.txt"
    assert reasons["/article"] == "ok"


def test_a_503_is_retried_and_then_succeeds(server: str) -> None:
    (doc,) = fetch([f"{server}/flaky"])
    assert isinstance(doc, RawDocument)
    assert Handler.flaky_hits == 2


def test_a_redirect_cannot_lead_around_robots_txt(server: str) -> None:
    port = server.rsplit(":", 1)[1]
    other_host = f"http://localhost:{port}"  # same server, another host as far as robots go
    items = fetch([f"{server}/hop?to=/private/article", f"{server}/hop?to={other_host}/private/article",
                   f"{server}/hop?to={other_host}/article"])  # fmt: skip
    first, second, third = items
    assert isinstance(first, Dropped) and first.reason == (
        f"redirected to {server}/private/article: disallowed by the site's robots.txt"
    )
    assert isinstance(second, Dropped) and second.reason.startswith(
        f"redirected to {other_host}/private/article: disallowed"
    )
    assert isinstance(third, RawDocument) and third.hints["url"] == f"{other_host}/article"


def test_unreachable_robots_txt_means_nothing_is_crawled(server: str) -> None:
    Handler.robots = "500"
    (item,) = fetch([f"{server}/article"], FAST.model_copy(update={"retries": 0}))
    assert isinstance(item, Dropped) and item.reason == (
        "robots.txt could not be fetched (HTTP 500 Internal Server Error (after 1 attempt)),"
        " so the site is not crawled"
    )


def test_connection_refused_is_dropped_after_retries() -> None:
    (item,) = fetch(
        ["http://127.0.0.1:9/article"], FAST.model_copy(update={"respect_robots": False})
    )
    assert isinstance(item, Dropped) and item.reason.startswith("unreachable")


def test_page_labelled_utf8_but_in_cp1252_is_decoded(server: str) -> None:
    (doc,) = fetch([f"{server}/legacy"])
    assert isinstance(doc, RawDocument)
    assert "Café in Zürich — “quoted”." in doc.raw


def test_a_file_of_urls_is_sniffed_and_fetched(server: str, tmp_path: Path) -> None:
    listing = tmp_path / "urls.txt"
    listing.write_text(f"# coverage\n{server}/article\n{server}/missing\n")
    items = list(read_inputs([listing], FAST))
    assert [i.source for i in items] == [f"{server}/article", f"{server}/missing"]
    assert isinstance(items[0], RawDocument) and isinstance(items[1], Dropped)


def test_follow_fetches_each_feed_entry_page_with_the_feed_metadata(
    server: str, tmp_path: Path
) -> None:
    feed = tmp_path / "feed.rss"
    feed.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Local Wire</title>'
        f"<item><title>Teaser only</title><link>{server}/article</link>"
        "<description>One line.</description>"
        "<pubDate>Thu, 26 Jun 2025 10:00:00 GMT</pubDate></item></channel></rss>"
    )
    (doc,) = read_inputs([feed], FAST.model_copy(update={"follow": True}))
    assert isinstance(doc, RawDocument)
    assert doc.source == f"{server}/article"
    assert doc.raw == PAGE
    assert doc.hints["title"] == "Teaser only" and doc.hints["outlet"] == "Local Wire"
    assert doc.hints["published"] == "2025-06-26T10:00:00+00:00"
