"""One webhook request to a receiver's URL, made safely, and what came of it.

A receiver's URL is typed by a user, so a request to it must not become a way into the
network the server runs in (server-side request forgery):

- Every attempt resolves the host itself and refuses it when ANY of its addresses is not
  public (`address_refusal`), then connects to that address and no other: the URL handed to
  httpx names the IP, so nothing resolves the name a second time to a different answer (DNS
  rebinding). The `Host` header, TLS SNI and the certificate check keep the hostname.
- Redirects are not followed: a public receiver could answer with a private Location.
- Proxies from the environment are not used (trust_env=False): a proxy resolves the host
  itself, which would undo the pinning.
- Connections are not kept alive: httpcore's pool matches connections by IP and port only, so a
  connection whose certificate was checked for one hostname would carry the next request for
  another hostname on the same address.

A receiver is also bounded in what it costs: one deadline covers the whole attempt, from
resolving to the last byte read, and no more than `max_response_bytes` of the response are
read (asked for uncompressed, so that the bound counts what crosses the wire and a small
compressed answer cannot grow in memory).

Problems with the network or the receiver are an `Outcome` with a readable `error`, never an
exception; cancellation propagates.
"""

from __future__ import annotations

import asyncio
import ipaddress
import os
import socket
import ssl
import time
from collections.abc import Awaitable, Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Final

import httpx

from addresses import address_refusal

EXCERPT_BYTES: Final = 1024
USER_AGENT: Final = "invoicegraph-webhooks/1"

_DEFAULT_PORTS: Final = {"http": 80, "https": 443}

Resolver = Callable[[str, int], Awaitable[list[str]]]


@dataclass(frozen=True, slots=True)
class Outcome:
    """What one attempt came to: the receiver's answer, or why there was none."""

    status: int | None
    duration_ms: int
    excerpt: str
    error: str | None

    @property
    def ok(self) -> bool:
        """Whether the receiver accepted the request (a 2xx; a redirect is not followed)."""
        return self.status is not None and 200 <= self.status < 300


class _NotSent(Exception):
    """The request was not sent; the message says why."""


async def system_resolver(host: str, port: int) -> list[str]:
    """The addresses the system resolves `host` to for TCP, in its order, without repeats."""
    loop = asyncio.get_running_loop()
    infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


class Sender:
    """Posts webhook requests through one HTTP client; `aclose()` when done."""

    def __init__(
        self,
        *,
        allow_private: bool = False,
        timeout: float = 10.0,
        max_response_bytes: int = 64 * 1024,
        resolver: Resolver | None = None,
    ) -> None:
        if timeout <= 0 or max_response_bytes < 0:
            raise ValueError("timeout must be positive and max_response_bytes not negative")
        self._allow_private = allow_private
        self._timeout = timeout
        self._max_response_bytes = max_response_bytes
        self._resolve = resolver or system_resolver
        self._client = httpx.AsyncClient(
            headers={"User-Agent": USER_AGENT, "Accept-Encoding": "identity"},
            follow_redirects=False,
            trust_env=False,
            # The attempt's deadline is post()'s; httpx's restarts at each phase, so it never
            # ends an attempt sooner.
            timeout=timeout,
            limits=httpx.Limits(max_keepalive_connections=0),
        )

    async def post(self, url: str, body: bytes, headers: Mapping[str, str]) -> Outcome:
        """POST `body` to `url` with `headers` (Content-Type among them), once."""
        started = time.monotonic()
        try:
            async with asyncio.timeout(self._timeout):
                return await self._attempt(url, body, headers, started)
        except (TimeoutError, httpx.TimeoutException):
            error = f"timed out after {self._timeout:g} s"
        except _NotSent as refusal:
            error = str(refusal)
        except httpx.InvalidURL as exc:
            error = f"invalid URL: {exc}"
        except (httpx.HTTPError, OSError) as exc:
            error = _describe(exc)
        return Outcome(status=None, duration_ms=_ms_since(started), excerpt="", error=error)

    async def aclose(self) -> None:
        """Close the client's connections."""
        await self._client.aclose()

    async def _attempt(
        self, url: str, body: bytes, headers: Mapping[str, str], started: float
    ) -> Outcome:
        target = httpx.URL(url)
        if target.scheme not in _DEFAULT_PORTS:
            scheme = f"{target.scheme}:" if target.scheme else "a URL without a scheme"
            raise _NotSent(f"only http and https URLs are sent, not {scheme}")
        host = target.raw_host.decode("ascii")
        if not host:
            raise _NotSent("the URL has no host")
        port = _DEFAULT_PORTS[target.scheme] if target.port is None else target.port
        if not 0 < port < 65536:
            raise _NotSent(f"port {port} does not exist")
        address = await self._pinned_address(host, port)
        request_headers = httpx.Headers(headers)
        request_headers["Host"] = target.netloc.decode("ascii")
        request = self._client.build_request(
            "POST",
            target.copy_with(host=address),
            content=body,
            headers=request_headers,
            extensions={"sni_hostname": host} if target.scheme == "https" else {},
        )
        response = await self._client.send(request, stream=True)
        try:
            received = await _read_at_most(response, self._max_response_bytes)
        finally:
            await response.aclose()
        return Outcome(
            status=response.status_code,
            duration_ms=_ms_since(started),
            excerpt=received[:EXCERPT_BYTES].decode("utf-8", errors="replace"),
            error=_redirect_error(response),
        )

    async def _pinned_address(self, host: str, port: int) -> str:
        """The address to connect to for `host`, when every address it has may be reached."""
        if _is_ip(host):
            reason = address_refusal(host, self._allow_private)
            if reason is not None:
                raise _NotSent(f"address {host} {reason}")
            return host
        try:
            addresses = await self._resolve(host, port)
        except OSError as exc:
            raise _NotSent(f"could not resolve {host}: {_describe(exc)}") from exc
        if not addresses:
            raise _NotSent(f"{host} resolved to no address")
        for address in addresses:
            reason = address_refusal(address, self._allow_private)
            if reason is not None:
                raise _NotSent(f"address {address} of {host} {reason}")
        return addresses[0]


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


async def _read_at_most(response: httpx.Response, limit: int) -> bytes:
    received = bytearray()
    async for chunk in response.aiter_raw():
        received += chunk[: limit - len(received)]
        if len(received) >= limit:
            break
    return bytes(received)


def _redirect_error(response: httpx.Response) -> str | None:
    if not 300 <= response.status_code < 400:
        return None
    location = response.headers.get("Location")
    where = f"to {location}" if location else "without a Location"
    return f"redirects are not followed ({response.status_code} {where})"


def _describe(exc: BaseException) -> str:
    """A failure in words: the OS's or TLS's reason when one is underneath, else httpx's."""
    for cause in _causes(exc):
        if isinstance(cause, ssl.SSLCertVerificationError):
            return f"TLS certificate not accepted: {cause.verify_message}"
        if isinstance(cause, ssl.SSLError):
            return f"TLS failed: {cause.reason or cause}"
        if isinstance(cause, OSError) and (reason := _os_reason(cause)):
            return reason[:1].lower() + reason[1:]
    if isinstance(exc, httpx.RemoteProtocolError):
        return f"the receiver broke HTTP: {exc}"
    return str(exc) or type(exc).__name__


def _os_reason(error: OSError) -> str | None:
    # asyncio words a refused connection "Connect call failed (address)": its errno says more.
    if error.errno is None or isinstance(error, socket.gaierror):
        return error.strerror
    return os.strerror(error.errno)


def _causes(exc: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = current.__cause__ or current.__context__


def _ms_since(started: float) -> int:
    return round((time.monotonic() - started) * 1000)
