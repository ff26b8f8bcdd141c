"""The fetch guard: by default no request reaches an internal address, in any spelling.

The only server here listens on 127.0.0.1; it counts every connection it accepts and every
request it gets, so "refused" means refused before connecting, not failed afterwards.
"""

from __future__ import annotations

import ssl
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from storylens.config import IngestConfig
from storylens.ingest import read_inputs
from storylens.ingest.guard import (
    Refused,
    address_refusal,
    checked_addresses,
    connected_refusal,
    url_refusal,
)
from storylens.ingest.pinned import GuardedTransport
from storylens.records import Dropped, RawDocument

PAGE = (
    "<html><body><article>"
    + "<p>The city council voted on Monday to extend the opening hours of the public "
    "library, and members said the change would help students who work during the day.</p>"
    * 5
    + "</article></body></html>"
)
FAST = IngestConfig(timeout_s=0.5, retries=0, backoff_s=0.01, per_host_delay_s=0.0)
OPTED_IN = FAST.model_copy(update={"allow_private": True})
TLS = Path(__file__).parent / "fixtures" / "tls"  # a certificate for the name localhost only


class Counting(BaseHTTPRequestHandler):
    hits: ClassVar[list[str]] = []
    hosts: ClassVar[list[str]] = []

    def log_message(self, *args: object) -> None:
        return None

    def do_GET(self) -> None:
        Counting.hits.append(self.path)
        Counting.hosts.append(self.headers.get("Host", ""))
        path = urlsplit(self.path).path  # a proxy is asked for absolute URLs
        if path == "/robots.txt":
            body, ctype = b"User-agent: *\nAllow: /\n", "text/plain"
        elif path in ("/to-file", "/hop"):
            [target] = parse_qs(urlsplit(self.path).query).get("to", ["file:///etc/passwd"])
            self.send_response(302)
            self.send_header("Location", target)
            self.end_headers()
            return
        else:
            body, ctype = PAGE.encode(), "text/html; charset=utf-8"
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class CountingServer(ThreadingHTTPServer):
    """Counts the TCP connections it accepts, so a test can tell "never connected" from
    "connected, then stopped"."""

    connections: ClassVar[list[int]] = []

    def get_request(self) -> tuple[Any, Any]:
        request = super().get_request()
        CountingServer.connections.append(self.server_address[1])
        return request


def _serve(tls: ssl.SSLContext | None = None) -> Iterator[int]:
    server = CountingServer(("127.0.0.1", 0), Counting)
    if tls is not None:
        server.socket = tls.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    Counting.hits.clear()
    Counting.hosts.clear()
    CountingServer.connections.clear()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


@pytest.fixture()
def port() -> Iterator[int]:
    yield from _serve()


@pytest.fixture()
def other_port() -> Iterator[int]:
    """A second server, the internal service a redirect points at."""
    server = CountingServer(("127.0.0.1", 0), Counting)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


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


def test_a_name_resolving_to_loopback_gets_no_connection_even_unchecked(port: int) -> None:
    # DNS rebinding in effect: whatever a check made earlier saw, the connection resolves the
    # name itself and is refused before a socket is opened. Nothing checks the URL first here.
    with httpx.Client(transport=GuardedTransport(allow_private=False)) as client:
        for url in (f"http://localhost:{port}/article", f"http://127.0.0.1:{port}/article"):
            with pytest.raises(Refused, match="loopback address"):
                client.get(url)
    assert CountingServer.connections == [] and Counting.hits == []


def test_a_name_resolving_to_loopback_is_dropped_before_connecting(port: int) -> None:
    [result] = _fetch([f"http://localhost:{port}/article"])
    assert isinstance(result, Dropped)
    assert result.reason == (
        "refused: localhost is 127.0.0.1, a loopback address "
        "(use --allow-private to fetch internal addresses)"
    )
    assert CountingServer.connections == [] and Counting.hits == []


def test_allow_private_fetches_a_name_resolving_to_loopback_with_its_host_header(
    port: int,
) -> None:
    [result] = _fetch([f"http://localhost:{port}/article"], OPTED_IN)
    assert isinstance(result, RawDocument) and Counting.hits == ["/robots.txt", "/article"]
    # Connected to the checked address, but the server is still asked for the name.
    assert Counting.hosts == [f"localhost:{port}"] * 2


def test_the_checked_addresses_are_the_ones_connected_to() -> None:
    assert checked_addresses("127.0.0.1", 80, allow_private=True) == ["127.0.0.1"]
    with pytest.raises(Refused, match="loopback"):
        checked_addresses("localhost", 80)
    with pytest.raises(OSError):
        checked_addresses("no..such..name", 80, allow_private=True)


def test_a_redirect_to_an_internal_address_is_refused_before_connecting_to_it(
    port: int, other_port: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The first hop must reach a server, and the only one here is internal; so it is reached
    # as the user's HTTP proxy (proxies keep their behaviour: the URL's own host is checked).
    for name in ("no_proxy", "NO_PROXY", "all_proxy", "ALL_PROXY", "HTTP_PROXY", "HTTPS_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("http_proxy", f"http://127.0.0.1:{port}")
    internal = f"http://127.0.0.1:{other_port}/admin"
    [result] = _fetch([f"http://93.184.216.34/hop?to={internal}"])
    assert isinstance(result, Dropped)
    assert result.reason.startswith(f"redirected to {internal}: refused: 127.0.0.1 is a loopback")
    assert Counting.hits == [
        "http://93.184.216.34/robots.txt",
        f"http://93.184.216.34/hop?to={internal}",
    ]
    assert other_port not in CountingServer.connections


@pytest.fixture()
def tls_port(monkeypatch: pytest.MonkeyPatch) -> Iterator[int]:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(TLS / "localhost.pem", TLS / "localhost.key")
    monkeypatch.setenv("SSL_CERT_FILE", str(TLS / "localhost.pem"))  # trust it, only it
    monkeypatch.delenv("SSL_CERT_DIR", raising=False)
    names: list[str | None] = []
    context.sni_callback = lambda _sock, name, _ctx: names.append(name)
    yield from _serve(context)
    # Every handshake named the host; an IP literal sends no SNI, so None would show here.
    assert set(names) <= {"localhost", None}


def test_https_to_the_pinned_address_verifies_the_certificate_for_the_name(
    tls_port: int,
) -> None:
    # The certificate names localhost and no address: the connection goes to 127.0.0.1, the
    # checked address, and verification still passes because it is done for the name.
    [page] = _fetch([f"https://localhost:{tls_port}/article"], OPTED_IN)
    assert isinstance(page, RawDocument) and Counting.hosts == [f"localhost:{tls_port}"] * 2
    # Verification is on: the same server reached by its address fails it.
    [refused] = _fetch([f"https://127.0.0.1:{tls_port}/article"], OPTED_IN)
    assert isinstance(refused, Dropped) and "CERTIFICATE_VERIFY_FAILED" in refused.reason
    assert Counting.hits == ["/robots.txt", "/article"]


def test_a_redirect_hop_gets_its_own_checked_connection_even_unchecked(
    port: int, other_port: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    # No early check at all: the HTTP client follows the redirect itself. The first hop goes
    # to the user's proxy; the hop to localhost is direct (no_proxy), so its connection is the
    # transport's own, which resolves localhost, judges 127.0.0.1 and opens no socket.
    for name in ("NO_PROXY", "all_proxy", "ALL_PROXY", "HTTP_PROXY", "HTTPS_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("http_proxy", f"http://127.0.0.1:{port}")
    monkeypatch.setenv("no_proxy", "localhost")
    internal = f"http://localhost:{other_port}/admin"
    transport = GuardedTransport(allow_private=False)
    with (
        httpx.Client(transport=transport, follow_redirects=True) as client,
        pytest.raises(Refused, match=r"localhost is 127\.0\.0\.1, a loopback address"),
    ):
        client.get(f"http://93.184.216.34/hop?to={internal}")
    assert Counting.hits == [f"http://93.184.216.34/hop?to={internal}"]
    assert other_port not in CountingServer.connections
