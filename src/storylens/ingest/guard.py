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
with ``--allow-private``. The address actually connected to is checked again
(``connected_refusal``), so a name that resolves to a public address for the check and to
an internal one for the connection (DNS rebinding) gets no page read.
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit
from urllib.request import getproxies, proxy_bypass

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
OPT_IN = "use --allow-private to fetch internal addresses"


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


def resolve(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to, as the connection would resolve it; [] when it
    does not resolve (the request then fails on its own, with the resolver's reason)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError, ValueError):
        return []
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


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
    for address in resolve(host, port):
        why = address_refusal(address)
        if why is not None:
            # "127.0.0.1 is a loopback address", "localhost is 127.0.0.1, a loopback address"
            why = why.split(", ", 1)[1] if why.startswith(f"{host}, ") else why
            return f"refused: {host} is {why} ({OPT_IN})"
    return None


def uses_proxy(url: str) -> bool:
    """True when the environment sends ``url`` through a proxy: then the connected address
    is the proxy's, which the user chose, and only the URL's own host can be judged."""
    parts = urlsplit(url)
    proxies = getproxies()
    if not (proxies.get(parts.scheme) or proxies.get("all")):
        return False
    return not proxy_bypass(parts.hostname or "")


def connected_refusal(peer: object, url: str, allow_private: bool = False) -> str | None:
    """Why the connection just made (``peer``: the socket's peer address) must not be read."""
    if allow_private or uses_proxy(url):
        return None
    address = peer[0] if isinstance(peer, tuple) and peer else peer
    if not isinstance(address, str):
        return None
    why = address_refusal(address)
    return None if why is None else f"refused: connected to {why} ({OPT_IN})"
