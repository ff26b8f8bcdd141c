"""HTTP connections opened only to the address the fetch guard checked.

Checking a host's addresses and then letting the HTTP client connect by name resolves the
name twice, and a server that answers the second lookup with an internal address (DNS
rebinding) gets the request. Here the name is resolved once, inside the connection: httpcore
asks its network backend for a socket to ``(host, port)``, and ``CheckedBackend`` answers
with a socket to one of the addresses ``guard.checked_addresses`` judged, or refuses. Every
connection the client opens (each redirect hop, each retry, robots.txt) goes through it.

The name is still what TLS sends as SNI and verifies the certificate against, and what the
Host header carries: httpcore takes both from the URL, not from the socket, so pinning the
address changes nothing for HTTPS. A URL the environment sends through a proxy is handed to
an ordinary proxy transport (the socket then goes to the proxy the user chose), routed by
``guard.proxy_for``, the same answer the guard itself relies on.

httpx 0.28 has no public way to give its transport a network backend, so ``GuardedTransport``
drives an ``httpcore.ConnectionPool`` itself, as ``httpx.HTTPTransport`` does, through
public APIs only.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterable, Iterator

import httpcore
import httpx

from storylens.ingest import guard

# httpcore's errors and the httpx ones callers catch (most specific first).
_ERRORS: tuple[tuple[type[Exception], type[httpx.TransportError]], ...] = (
    (httpcore.ConnectTimeout, httpx.ConnectTimeout),
    (httpcore.ReadTimeout, httpx.ReadTimeout),
    (httpcore.WriteTimeout, httpx.WriteTimeout),
    (httpcore.PoolTimeout, httpx.PoolTimeout),
    (httpcore.TimeoutException, httpx.TimeoutException),
    (httpcore.ConnectError, httpx.ConnectError),
    (httpcore.ReadError, httpx.ReadError),
    (httpcore.WriteError, httpx.WriteError),
    (httpcore.NetworkError, httpx.NetworkError),
    (httpcore.ProxyError, httpx.ProxyError),
    (httpcore.UnsupportedProtocol, httpx.UnsupportedProtocol),
    (httpcore.RemoteProtocolError, httpx.RemoteProtocolError),
    (httpcore.LocalProtocolError, httpx.LocalProtocolError),
    (httpcore.ProtocolError, httpx.ProtocolError),
)


@contextlib.contextmanager
def _as_httpx_errors() -> Iterator[None]:
    """httpcore's exceptions as the httpx ones ``urls`` handles; ``guard.Refused`` and
    anything else pass through unchanged."""
    try:
        yield
    except Exception as exc:
        for source, target in _ERRORS:
            if isinstance(exc, source):
                raise target(str(exc)) from exc
        raise


class CheckedBackend(httpcore.NetworkBackend):
    """httpcore's sync backend, except that a name is resolved and judged once, here, and
    the socket opened to an address that passed."""

    def __init__(self, allow_private: bool) -> None:
        self._allow_private = allow_private
        self._sockets = httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        try:
            addresses = guard.checked_addresses(host, port, self._allow_private)
        except OSError as exc:
            raise httpcore.ConnectError(str(exc)) from exc
        # As socket.create_connection does with a name: each address in the resolver's
        # order, the first that answers wins. An IP literal is not looked up again.
        failure: httpcore.ConnectError | httpcore.ConnectTimeout | None = None
        for address in addresses:
            try:
                return self._sockets.connect_tcp(
                    address, port, timeout, local_address, socket_options
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                failure = exc
        assert failure is not None  # checked_addresses never returns []
        raise failure

    def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        raise httpcore.ConnectError("unix sockets are not fetched")

    def sleep(self, seconds: float) -> None:
        self._sockets.sleep(seconds)


class _Body(httpx.SyncByteStream):
    """A response body read from httpcore, its errors turned into httpx ones."""

    def __init__(self, stream: Iterable[bytes]) -> None:
        self._stream = stream

    def __iter__(self) -> Iterator[bytes]:
        with _as_httpx_errors():
            yield from self._stream

    def close(self) -> None:
        close = getattr(self._stream, "close", None)
        if callable(close):
            with _as_httpx_errors():
                close()


class GuardedTransport(httpx.BaseTransport):
    """The transport of every fetch: direct connections through ``CheckedBackend``, proxied
    ones through the proxy the environment names."""

    def __init__(self, allow_private: bool) -> None:
        limits = httpx.Limits()
        self._ssl_context = httpx.create_ssl_context()  # certifi, or SSL_CERT_FILE/DIR
        self._pool = httpcore.ConnectionPool(
            ssl_context=self._ssl_context,
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            network_backend=CheckedBackend(allow_private),
        )
        self._proxies: dict[str, httpx.HTTPTransport] = {}
        self._lock = threading.Lock()

    def _proxy(self, proxy: str) -> httpx.HTTPTransport:
        with self._lock:
            if proxy not in self._proxies:
                self._proxies[proxy] = httpx.HTTPTransport(verify=self._ssl_context, proxy=proxy)
            return self._proxies[proxy]

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if (proxy := guard.proxy_for(str(request.url))) is not None:
            return self._proxy(proxy).handle_request(request)
        assert isinstance(request.stream, httpx.SyncByteStream)
        core_request = httpcore.Request(
            method=request.method,
            url=httpcore.URL(
                scheme=request.url.raw_scheme,
                host=request.url.raw_host,
                port=request.url.port,
                target=request.url.raw_path,
            ),
            headers=request.headers.raw,
            content=request.stream,
            extensions=request.extensions,
        )
        with _as_httpx_errors():
            response = self._pool.handle_request(core_request)
        assert isinstance(response.stream, Iterable)
        return httpx.Response(
            status_code=response.status,
            headers=response.headers,
            stream=_Body(response.stream),
            extensions=response.extensions,
        )

    def close(self) -> None:
        with _as_httpx_errors():
            self._pool.close()
        for transport in self._proxies.values():
            transport.close()
