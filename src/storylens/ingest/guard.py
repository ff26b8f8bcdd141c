"""The one fetch guard: no request StoryLens makes may reach an internal address.

URLs come from files a user did not write (a feed's links, a ``urls.txt`` someone shared, a
redirect a site answers with), so each one could point at a cloud metadata service
(169.254.169.254), the machine itself (127.0.0.1, ``localhost``, ``[::1]``, ``2130706433``,
``0x7f000001``, ``127.1``) or an intranet (10/8, 172.16/12, 192.168/16, fc00::/7). Every
request URL, robots.txt included, and every redirect target is checked here before it is
requested: the host is resolved the way the connection will resolve it (``getaddrinfo``
reads every numeric spelling), and any address that is not globally routable (loopback,
private, link-local, multicast, reserved, unspecified, shared, documentation; IPv4-mapped
and 6to4/Teredo IPv6 judged by the IPv4 inside) refuses the URL, unless the user opted in
with ``--allow-private``.

That early check gives a clear reason before robots.txt or a delay is spent, but it cannot
be the guarantee: a name resolved again for the connection may answer differently (DNS
rebinding). The guarantee is ``checked_addresses``, which the connection itself calls
(``ingest.pinned``): it resolves once, refuses, and returns the addresses the socket is then
opened to, so no address reaches a socket without having been judged here.
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit
from urllib.request import getproxies, proxy_bypass

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
OPT_IN = "use --allow-private to fetch internal addresses"


class Refused(Exception):
    """A connection the guard would not open; the message is the reason, as ``url_refusal``
    words it. Not a network error, so it is never retried."""


def _inner(ip: Address) -> Address:
    """The IPv4 address an IPv6 one carries (mapped ``::ffff:a.b.c.d``, 6to4, Teredo)."""
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return ip.ipv4_mapped
        if ip.sixtofour is not None:
            return ip.sixtofour
        if ip.teredo is not None:
            return ip.teredo[1]
    return ip


def address_refusal(address: str) -> str | None:
    """Why ``address`` must not be connected to, or None for a public address."""
    try:
        ip = _inner(ipaddress.ip_address(address.split("%", 1)[0]))
    except ValueError:
        return f"{address} is not an IP address"
    for test, kind in (
        (ip.is_loopback, "a loopback"),
        (ip.is_link_local, "a link-local"),
        (ip.is_multicast, "a multicast"),
        (ip.is_unspecified, "an unspecified"),
        (ip.is_private, "a private"),
        (ip.is_reserved, "a reserved"),
        (not ip.is_global, "a non-public"),
    ):
        if test:
            return f"{ip}, {kind} address"
    return None


def _lookup(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to, in the resolver's order; raises ``OSError`` (or
    ``UnicodeError``/``ValueError`` for a name no resolver takes) when it does not resolve."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    addresses: list[str] = []
    for family, _type, _proto, _name, sockaddr in infos:
        address = str(sockaddr[0])
        if family == socket.AF_INET6 and len(sockaddr) == 4 and sockaddr[3]:
            address = f"{address}%{sockaddr[3]}"  # a link-local address needs its interface
        addresses.append(address)
    return list(dict.fromkeys(addresses))


def resolve(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to, as the connection would resolve it; [] when it
    does not resolve (the request then fails on its own, with the resolver's reason)."""
    try:
        return _lookup(host, port)
    except (OSError, UnicodeError, ValueError):
        return []


def _host_refusal(host: str, addresses: list[str]) -> str | None:
    """Why ``host`` must not be connected to, given what it resolved to: any internal address
    refuses it (a name that mixes public and internal addresses is not trusted either)."""
    for address in addresses:
        why = address_refusal(address)
        if why is not None:
            # "127.0.0.1 is a loopback address", "localhost is 127.0.0.1, a loopback address"
            why = why.split(", ", 1)[1] if why.startswith(f"{host}, ") else why
            return f"refused: {host} is {why} ({OPT_IN})"
    return None


def checked_addresses(host: str, port: int, allow_private: bool = False) -> list[str]:
    """The addresses a connection to ``host`` may be opened to: resolved once, here, and
    each one judged, so the socket goes to an address that was checked, never to whatever a
    second lookup answers. Raises ``Refused`` when any is internal (unless
    ``allow_private``), ``OSError`` with the resolver's reason when the name does not
    resolve."""
    try:
        addresses = _lookup(host, port)
    except (UnicodeError, ValueError) as exc:
        raise OSError(f"{host} cannot be resolved: {exc}") from exc
    if not addresses:
        raise OSError(f"{host} resolved to no address")
    if not allow_private and (why := _host_refusal(host, addresses)) is not None:
        raise Refused(why)
    return addresses


def url_refusal(url: str, allow_private: bool = False) -> str | None:
    """Why ``url`` must not be fetched, or None. Checked before every request and hop."""
    try:
        parts = urlsplit(url)
        host = parts.hostname
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as exc:
        return f"invalid URL: {exc}"
    if parts.scheme not in ("http", "https"):
        return f"refused: only http and https URLs are fetched, not {parts.scheme or 'none'}"
    if not host:
        return "invalid URL: no host"
    if allow_private:
        return None
    return _host_refusal(host, resolve(host, port))


def proxy_for(url: str) -> str | None:
    """The proxy the environment sends ``url`` through (``http_proxy``, ``https_proxy``,
    ``all_proxy``, less ``no_proxy``), or None for a direct connection. The transport routes
    by this same answer, so the guard never skips a check for a URL that is in fact
    connected to directly."""
    parts = urlsplit(url)
    proxies = getproxies()
    proxy = proxies.get(parts.scheme) or proxies.get("all")
    if not proxy or proxy_bypass(parts.hostname or ""):
        return None
    return proxy if "://" in proxy else f"http://{proxy}"


def uses_proxy(url: str) -> bool:
    """True when the environment sends ``url`` through a proxy: then the connected address
    is the proxy's, which the user chose, and only the URL's own host can be judged."""
    return proxy_for(url) is not None


def connected_refusal(peer: object, url: str, allow_private: bool = False) -> str | None:
    """Why the connection just made (``peer``: the socket's peer address) must not be read.

    Connections are opened only to checked addresses, so this never fires unless something
    bypassed that; it stays as a second, independent look at what the socket is attached to.
    """
    if allow_private or uses_proxy(url):
        return None
    address = peer[0] if isinstance(peer, tuple) and peer else peer
    if not isinstance(address, str):
        return None
    why = address_refusal(address)
    return None if why is None else f"refused: connected to {why} ({OPT_IN})"
