"""Where the platform may send a request: public addresses only (no SSRF).

A webhook URL is a request the platform makes on a tenant's behalf from inside
the operator's network. Its host is resolved and every address must be public:
loopback, link-local (cloud metadata at 169.254.169.254), private, shared,
multicast and reserved addresses are refused unless the operator lists the
network as allowed (``SAFELEDGER_WEBHOOK_ALLOWED_NETWORKS``). The check is made
at registration and again at each delivery, and the delivery then connects to
the very address checked, so a name that re-resolves elsewhere gets nowhere.
Redirects are never followed.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

from safeledger.tenants.errors import InvalidValueError

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


class ForbiddenTargetError(InvalidValueError):
    """A webhook goes to a public address, or to a network the operator allows."""

    rule = "public_address"
    field = "url"


@dataclass(frozen=True)
class Target:
    """A checked destination: the URL's parts and the address to connect to."""

    scheme: str
    host: str
    port: int
    path: str
    address: str


def networks(specs: Iterable[str]) -> tuple[Network, ...]:
    """Parse the operator's allowed networks (CIDR notation)."""
    return tuple(ipaddress.ip_network(spec.strip(), strict=False) for spec in specs)


def check_target(url: str, allowed: Iterable[Network] = ()) -> Target:
    """The URL's destination, if every address its host resolves to may be reached."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ForbiddenTargetError("a webhook URL is http:// or https:// with a host")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
        found = socket.getaddrinfo(parts.hostname, port, type=socket.SOCK_STREAM)
    except (OSError, ValueError, UnicodeError):
        raise ForbiddenTargetError(
            f"the host {parts.hostname!r} cannot be resolved"
        ) from None
    addresses = {info[4][0] for info in found}
    allowed = tuple(allowed)
    for address in addresses:
        if not reachable(ipaddress.ip_address(address.split("%")[0]), allowed):
            raise ForbiddenTargetError(
                f"the host {parts.hostname!r} is at {address}, which is not a public"
                " address; webhooks go to public addresses only"
            )
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    return Target(parts.scheme, parts.hostname, port, path, sorted(addresses)[0])


def reachable(
    address: ipaddress.IPv4Address | ipaddress.IPv6Address,
    allowed: tuple[Network, ...],
) -> bool:
    """Whether the platform may connect to ``address``."""
    if any(address in network for network in allowed):
        return True
    mapped = getattr(address, "ipv4_mapped", None)
    if mapped is not None:
        return reachable(mapped, allowed)
    return address.is_global and not address.is_multicast


def post(target: Target, body: bytes, headers: dict[str, str], timeout: float) -> int:
    """POST ``body`` to the checked address; the status (a redirect is not followed)."""
    connection = _connection(target, timeout)
    try:
        connection.request(
            "POST", target.path, body=body, headers={**headers, "Host": target.host}
        )
        response = connection.getresponse()
        response.read(64 * 1024)
        return response.status
    finally:
        connection.close()


class _PinnedHTTP(http.client.HTTPConnection):
    def __init__(self, target: Target, timeout: float) -> None:
        super().__init__(target.host, target.port, timeout=timeout)
        self.address = target.address

    def connect(self) -> None:
        self.sock = socket.create_connection((self.address, self.port), self.timeout)


class _PinnedHTTPS(http.client.HTTPSConnection):
    def __init__(self, target: Target, timeout: float) -> None:
        self.tls = ssl.create_default_context()
        super().__init__(target.host, target.port, timeout=timeout, context=self.tls)
        self.address = target.address

    def connect(self) -> None:
        raw = socket.create_connection((self.address, self.port), self.timeout)
        # The certificate is checked against the URL's host name, not the address.
        self.sock = self.tls.wrap_socket(raw, server_hostname=self.host)


def _connection(target: Target, timeout: float) -> http.client.HTTPConnection:
    if target.scheme == "https":
        return _PinnedHTTPS(target, timeout)
    return _PinnedHTTP(target, timeout)
