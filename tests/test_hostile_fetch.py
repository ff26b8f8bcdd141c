"""The fetch guard: by default no request reaches an internal address, in any spelling.

The only server here listens on 127.0.0.1; it counts every request it gets, so "refused"
means refused before connecting, not failed afterwards.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest

from storylens.config import IngestConfig
from storylens.ingest import read_inputs
from storylens.ingest.guard import address_refusal, connected_refusal, url_refusal
from storylens.records import Dropped, RawDocument

PAGE = (
    "<html><body><article>"
    + "<p>The city council voted on Monday to extend the opening hours of the public "
    "library, and members said the change would help students who work during the day.</p>"
    * 5
    + "</article></body></html>"
)
FAST = IngestConfig(timeout_s=0.5, retries=0, backoff_s=0.01, per_host_delay_s=0.0)


class Counting(BaseHTTPRequestHandler):
    hits: ClassVar[list[str]] = []

    def log_message(self, *args: object) -> None:
        return None

    def do_GET(self) -> None:
        Counting.hits.append(self.path)
        if self.path == "/robots.txt":
            body, ctype = b"User-agent: *\nAllow: /\n", "text/plain"
        elif self.path == "/to-file":
            self.send_response(302)
            self.send_header("Location", "file:///etc/passwd")
            self.end_headers()
            return
        else:
            body, ctype = PAGE.encode(), "text/html; charset=utf-8"
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture()
def port() -> Iterator[int]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Counting)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    Counting.hits.clear()
    yield server.server_address[1]
    server.shutdown()


def _fetch(urls: list[str], config: IngestConfig = FAST) -> list[RawDocument | Dropped]:
    return list(read_inputs(urls, config))


def test_loopback_in_every_spelling_is_refused_without_a_request(port: int) -> None:
    spellings = ["127.0.0.1", "localhost", "2130706433", "0x7f000001", "127.1", "0177.0.0.1"]
    urls = [f"http://{host}:{port}/article" for host in spellings]
    results = _fetch(urls)
    assert all(isinstance(r, Dropped) and r.reason.startswith("refused:") for r in results)
    assert Counting.hits == []


def test_urls_listed_in_a_file_are_guarded_too(port: int, tmp_path: Path) -> None:
    listing = tmp_path / "urls.txt"
    listing.write_text(f"http://127.0.0.1:{port}/article\nhttp://[::1]:{port}/article\n")
    results = list(read_inputs([listing], FAST))
    assert len(results) == 2 and all(isinstance(r, Dropped) for r in results)
    assert Counting.hits == []


def test_feed_links_followed_are_guarded_too(port: int, tmp_path: Path) -> None:
    feed = tmp_path / "feed.xml"
    feed.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
        f"<item><title>A</title><link>http://127.0.0.1:{port}/article</link></item>"
        "</channel></rss>"
    )
    results = list(read_inputs([feed], FAST.model_copy(update={"follow": True})))
    assert [type(r) for r in results] == [Dropped] and Counting.hits == []


def test_allow_private_opts_in_and_the_page_is_fetched(port: int) -> None:
    [result] = _fetch(
        [f"http://127.0.0.1:{port}/article"], FAST.model_copy(update={"allow_private": True})
    )
    assert isinstance(result, RawDocument)
    assert Counting.hits == ["/robots.txt", "/article"]


def test_every_redirect_hop_is_checked_again(port: int) -> None:
    # The test's server is opted in; the hop it redirects to is vetted on its own (here a
    # scheme no opt-in allows, so no internal address outside 127.0.0.1 is ever tried).
    config = FAST.model_copy(update={"allow_private": True})
    [result] = _fetch([f"http://127.0.0.1:{port}/to-file"], config)
    assert isinstance(result, Dropped) and "only http and https" in result.reason
    assert Counting.hits == ["/robots.txt", "/to-file"]


def test_a_redirect_to_the_metadata_service_is_refused_by_default() -> None:
    refusal = url_refusal("http://169.254.169.254/latest/meta-data/")
    assert refusal is not None and "link-local" in refusal and "--allow-private" in refusal


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "0.0.0.0",
        "100.64.0.1", "224.0.0.1", "240.0.0.1", "::1", "fc00::1", "fd12::1", "fe80::1",
        "ff02::1", "::ffff:127.0.0.1", "::ffff:169.254.169.254", "2002:7f00:1::", "::",
    ],
)  # fmt: skip
def test_internal_addresses_of_every_kind_are_refused(address: str) -> None:
    assert address_refusal(address) is not None
    host = f"[{address}]" if ":" in address else address
    assert url_refusal(f"http://{host}/") is not None


def test_public_addresses_pass_the_guard() -> None:
    assert address_refusal("93.184.216.34") is None
    assert address_refusal("2606:2800:220:1:248:1893:25c8:1946") is None


def test_a_connection_that_landed_on_an_internal_address_is_not_read() -> None:
    # DNS rebinding: the name checked public, the socket connected to loopback.
    assert connected_refusal(("127.0.0.1", 80), "http://example.com/") is not None
    assert connected_refusal(("93.184.216.34", 80), "http://example.com/") is None
    assert connected_refusal(("127.0.0.1", 80), "http://example.com/", allow_private=True) is None


def test_only_http_and_https_are_fetched() -> None:
    for url in ("file:///etc/passwd", "gopher://127.0.0.1/", "ftp://example.com/"):
        refusal = url_refusal(url, allow_private=True)
        assert refusal is not None and "only http and https" in refusal
