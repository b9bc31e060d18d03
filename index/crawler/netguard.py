"""Which addresses the crawler may connect to: the public internet, and what the operator named.

An archive page is written by someone else. Without this guard a link or a redirect to
`http://127.0.0.1:8080/`, `http://10.0.0.5/` or `http://169.254.169.254/` (a cloud's metadata
service) would be fetched from inside the operator's network, stored, indexed and then shown to
anyone who searches. So every connection is checked here, on the address the socket is about to
connect to: a host name that resolves to an internal address, a numeric spelling
(`0x7f000001`, `2130706433`) and a name whose DNS answer changes between two lookups (DNS
rebinding) all end at the same check, because the check is made on the resolved address that is
then used for `connect`, not on the name.

Hosts the operator named are exempt: the netlocs (host:port) of a source's own archive URLs,
and the allow-list (`FINSOK_CRAWL_ALLOW_HOSTS`, `--allow-host`), so a förbund whose archive
lives on an intranet, or a test server on 127.0.0.1, can still be crawled.

Through a proxy from the environment (`http_proxy`, `https_proxy`) the crawler connects to the
proxy, which the operator named by configuring it, and the proxy connects to the site. The
guard then resolves the site's host name itself and refuses it when any address is not public;
the proxy's own lookup could still differ (rebinding), so a proxy should enforce its own egress
rules as well.
"""

from __future__ import annotations

import functools
import ipaddress
import os
import socket
import urllib.request
from collections.abc import Callable, Iterable
from urllib.parse import urlsplit

ALLOW_ENV = "FINSOK_CRAWL_ALLOW_HOSTS"
_DEFAULT_PORTS = {"http": 80, "https": 443}
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")  # IPv4 addresses reached through NAT64

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
HostKey = tuple[str, int | None]  # (host, port); port None: any port on that host


class BlockedAddress(OSError):
    """A connection refused before it was made: the address is not on the public internet.

    An OSError, so urllib reports it like any connection failure (as URLError.reason)."""

    def __init__(self, netloc: str, address: IPAddress) -> None:
        mapped = getattr(address, "ipv4_mapped", None)
        shown = f"::ffff:{mapped}" if mapped else str(address)  # not ::ffff:7f00:1
        self.reason = (
            f"adressen pekar på {_what(address)} ({shown}) — lägg till {netloc} i "
            f"{ALLOW_ENV} (eller ange --allow-host {netloc}) om det är avsiktligt"
        )
        super().__init__(self.reason)


def is_public(address: IPAddress) -> bool:
    """True for an address on the public internet; loopback, private, link-local, shared,
    reserved, multicast and unspecified addresses are not, nor IPv6 spellings of them."""
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return is_public(address.ipv4_mapped)
        if int(address) >> 32 == 0:  # ::, ::1 and the deprecated IPv4-compatible ::a.b.c.d
            return False
        if address in _NAT64:
            return is_public(ipaddress.IPv4Address(int(address) & 0xFFFFFFFF))
        if address.sixtofour is not None or address.teredo is not None:
            return False  # tunnels that embed an IPv4 address: not worth the risk
    return address.is_global and not address.is_multicast and not address.is_reserved


def _what(address: IPAddress) -> str:
    """What kind of non-public address this is, in words an operator recognises."""
    inner = getattr(address, "ipv4_mapped", None) or address
    if inner.is_loopback:
        return "den egna datorn"
    if inner.is_link_local:
        return "en länklokal adress (t.ex. molnets metadatatjänst)"
    if inner.is_private and not inner.is_unspecified and not inner.is_reserved:
        return "ett internt nät"
    return "en adress som inte nås från internet"


# --- the operator's names ---------------------------------------------------------------------


def host_key(scheme: str, netloc: str) -> HostKey:
    """(host, port) of a URL's netloc, the port filled in from the scheme; ValueError if bad."""
    parts = urlsplit(f"{scheme}://{netloc}")
    host = (parts.hostname or "").lower()
    if not host:
        raise ValueError(netloc)
    return host, parts.port or _DEFAULT_PORTS.get(scheme)


def allow_entry(entry: str) -> HostKey:
    """One allow-list entry: `host`, `host:port`, `[v6]:port` or a URL; ValueError(entry) if
    it is none of them. A host name with å, ä or ö is IDNA-encoded, as its URLs are."""
    text = entry.strip()
    try:
        if "://" in text:
            parts = urlsplit(text)
            return host_key(parts.scheme, parts.netloc.encode("idna").decode("ascii"))
        parts = urlsplit(f"//{text.encode('idna').decode('ascii')}")
        host, port = (parts.hostname or "").lower(), parts.port
    except (ValueError, UnicodeError):
        raise ValueError(entry) from None
    if not host or parts.path or parts.query or "@" in text:
        raise ValueError(entry)
    return host, port  # port None: every port of the host


def allow_list_from_env(environ: dict[str, str] | None = None) -> frozenset[HostKey]:
    """The operator's allow-list from `FINSOK_CRAWL_ALLOW_HOSTS` (commas or spaces between);
    ValueError naming the first entry that is no host."""
    text = (environ if environ is not None else os.environ).get(ALLOW_ENV, "")
    return frozenset(allow_entry(e) for e in text.replace(",", " ").split())


class AddressGuard:
    """Decides, per request, whether its connection must go to a public address.

    `allowed` is the operator's allow-list; `named` the current source's own hosts, set by the
    fetcher for the duration of one source's crawl."""

    def __init__(self, allowed: Iterable[HostKey] = ()) -> None:
        self.allowed = frozenset(allowed)
        self.named: frozenset[HostKey] = frozenset()

    def permits(self, scheme: str, netloc: str) -> bool:
        """True when the operator named this host (and port), so any address is fine."""
        try:
            host, port = host_key(scheme, netloc)
        except ValueError:
            return False
        names = self.allowed | self.named
        return (host, port) in names or (host, None) in names

    def connection_class(self, http_class: type, request) -> Callable:
        """`http_class`, or a factory for it whose connections refuse non-public addresses."""
        target = urlsplit(request.full_url)
        if self.permits(target.scheme, target.netloc):
            return http_class
        proxied = bool(getattr(request, "_tunnel_host", None)) or request.has_proxy()
        check = functools.partial(
            _connect,
            netloc=target.netloc,
            target=(target.hostname or "", target.port or _DEFAULT_PORTS.get(target.scheme, 80)),
            proxied=proxied,
        )

        def make(host: str, **options: object):
            connection = http_class(host, **options)
            connection._create_connection = check  # what HTTPConnection.connect calls
            return connection

        return make


def _connect(
    address: tuple[str, int],
    timeout: float | None = None,
    source_address: tuple[str, int] | None = None,
    *,
    netloc: str,
    target: tuple[str, int],
    proxied: bool,
) -> socket.socket:
    """`socket.create_connection` that never connects to a non-public address.

    Direct: each address the name resolves to is checked, and the socket connects to exactly
    that checked address, so no second lookup can slip another one in. Through a proxy: the
    site's own addresses are checked, then the connection goes to the proxy."""
    if proxied:
        for *_, sockaddr in socket.getaddrinfo(*target, 0, socket.SOCK_STREAM):
            resolved = ipaddress.ip_address(sockaddr[0])
            if not is_public(resolved):
                raise BlockedAddress(netloc, resolved)
        return socket.create_connection(address, timeout, source_address)
    blocked: IPAddress | None = None
    error: OSError | None = None
    for family, kind, proto, _, sockaddr in socket.getaddrinfo(*address, 0, socket.SOCK_STREAM):
        resolved = ipaddress.ip_address(sockaddr[0])
        if not is_public(resolved):
            blocked = blocked or resolved
            continue
        sock = socket.socket(family, kind, proto)
        try:
            if isinstance(timeout, int | float):  # not urllib's "global default" marker
                sock.settimeout(timeout)
            if source_address:
                sock.bind(source_address)
            sock.connect(sockaddr)
            return sock
        except OSError as exc:
            error = exc
            sock.close()
    if error is not None:
        raise error
    if blocked is not None:
        raise BlockedAddress(netloc, blocked)
    raise OSError("getaddrinfo gav inga adresser")


class _Guarded:
    """A urllib handler whose connections go through an `AddressGuard`."""

    def __init__(self, guard: AddressGuard, **options: object) -> None:
        super().__init__(**options)  # type: ignore[call-arg]
        self._guard = guard

    def do_open(self, http_class, req, **http_conn_args):
        factory = self._guard.connection_class(http_class, req)
        return super().do_open(factory, req, **http_conn_args)  # type: ignore[misc]


class GuardedHTTPHandler(_Guarded, urllib.request.HTTPHandler):
    """urllib's HTTP handler, with every connection checked by the guard."""


class GuardedHTTPSHandler(_Guarded, urllib.request.HTTPSHandler):
    """urllib's HTTPS handler, with every connection checked by the guard."""
