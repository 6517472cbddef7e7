"""Request budgets per API key and per client address, over storage several processes share.

Every request under the protected prefixes spends from one budget: its API key's when it
carries a valid key, its client address's otherwise (a missing, malformed, unknown or
revoked key), so that guessing keys is slow. An address over its budget is refused even
with a valid key, in the very same words, so that a blocked guesser cannot tell which of its
guesses is valid. Both budgets are moving windows of a minute.
"""

from __future__ import annotations

import asyncio
import logging
import math
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from ipaddress import IPv4Address, IPv6Address, ip_address, ip_network
from typing import TYPE_CHECKING

from limits import RateLimitItem, RateLimitItemPerMinute
from limits.aio.storage import MemoryStorage, Storage
from limits.aio.strategies import MovingWindowRateLimiter
from limits.errors import StorageError
from limits.util import WindowStats
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from gateway.auth import Principal, principal_of
from gateway.codes import RefusalCode
from gateway.refusal import Refusal, Refuse
from settings import Network, Settings

if TYPE_CHECKING:
    from redis.asyncio import ConnectionPool

log = logging.getLogger("invoicegraph.ratelimit")

# A shared store slower than this is as good as down: fail (open or closed) rather than wait.
STORAGE_TIMEOUT = 0.5
# At most one warning this often while the store fails, so that an outage cannot flood logs.
WARNING_INTERVAL = 60.0
# The two kinds of budget, as the first part of their storage keys.
KEY = "key"
ADDRESS = "address"
SIGN_IN_ADDRESS = "sign-in-address"
SIGN_IN_ACCOUNT = "sign-in-account"

IPAddress = IPv4Address | IPv6Address


@dataclass(frozen=True, slots=True)
class Verdict:
    """What the limiter says of one request: the headers its response carries, and when
    refused, in how many seconds to retry and why."""

    headers: dict[str, str] = field(default_factory=dict)
    retry_after: int | None = None
    message: str = ""

    @property
    def allowed(self) -> bool:
        """Whether the request may go on."""
        return self.retry_after is None


class RateLimiter:
    """The per-key and per-address budgets, in memory or in Redis (shared by processes)."""

    def __init__(self, settings: Settings) -> None:
        storage, self._pool = _storage(settings)
        self.window = MovingWindowRateLimiter(storage)
        self.per_key = RateLimitItemPerMinute(settings.rate_limit_per_minute)
        self.per_address = RateLimitItemPerMinute(settings.rate_limit_unauthenticated_per_minute)
        self.sign_ins = RateLimitItemPerMinute(settings.sign_in_per_minute)

    async def attempt_sign_in(self, address: str, account: str) -> str | None:
        """Spend one sign-in attempt of `address`'s budget and of `account`'s; why it is
        refused, if it is (a guess at passwords goes no faster than the budgets allow, from
        one address or from many against one account).

        Raises `StorageError` when the storage fails."""
        for scope, value, per in (
            (SIGN_IN_ADDRESS, address, "from this address"),
            (SIGN_IN_ACCOUNT, account, "for this account"),
        ):
            if not await self.window.hit(self.sign_ins, scope, value):
                stats = await self.window.get_window_stats(self.sign_ins, scope, value)
                retry_after = max(1, _second_after(stats.reset_time - time.time()))
                return (
                    f"Too many sign-in attempts {per}: {self.sign_ins.amount} a minute; "
                    f"retry in {retry_after} s"
                )
        return None

    async def check(self, key_id: str | None, address: str) -> Verdict:
        """Spend one request of `key_id`'s budget (of `address`'s without a valid key).

        Raises `StorageError` when the storage fails."""
        if key_id is None:
            if await self.window.hit(self.per_address, ADDRESS, address):
                return Verdict()
            stats = await self.window.get_window_stats(self.per_address, ADDRESS, address)
            return self._refused(self.per_address, stats, "per address without a valid API key")
        # Both windows at once: one round trip to a shared store, not two.
        address_stats, key_stats = await asyncio.gather(
            self.window.get_window_stats(self.per_address, ADDRESS, address),
            self.window.get_window_stats(self.per_key, KEY, key_id),
        )
        if address_stats.remaining <= 0:
            # Without the key's headers: the answer must not tell a valid key from a guess.
            return self._refused(
                self.per_address, address_stats, "per address without a valid API key"
            )
        if key_stats.remaining > 0:
            if await self.window.hit(self.per_key, KEY, key_id):
                return Verdict(self._key_headers(key_stats.reset_time, key_stats.remaining - 1))
            # Another process spent the last request since the window was read.
            key_stats = await self.window.get_window_stats(self.per_key, KEY, key_id)
        return self._refused(
            self.per_key,
            key_stats,
            "per API key",
            self._key_headers(key_stats.reset_time, 0),
        )

    def _key_headers(self, reset_time: float, remaining: int) -> dict[str, str]:
        return {
            "X-RateLimit-Limit": str(self.per_key.amount),
            "X-RateLimit-Remaining": str(max(0, remaining)),
            "X-RateLimit-Reset": str(_second_after(reset_time)),
        }

    @staticmethod
    def _refused(
        item: RateLimitItem, stats: WindowStats, per: str, headers: Mapping[str, str] = {}
    ) -> Verdict:
        # The moving window frees a request when its oldest one is more than a minute old;
        # a window with room already (it freed since the refusal) is worth a retry at once.
        retry_after = 1
        if stats.remaining <= 0:
            retry_after = max(1, _second_after(stats.reset_time - time.time()))
        return Verdict(
            {**headers, "Retry-After": str(retry_after)},
            retry_after,
            f"Rate limit exceeded: {item.amount} requests per minute {per}; "
            f"retry in {retry_after} s",
        )

    async def close(self) -> None:
        """Close the connections to the shared store, if any."""
        if self._pool is not None:
            await self._pool.aclose()


def _storage(settings: Settings) -> tuple[Storage, ConnectionPool | None]:
    """The storage RATE_LIMIT_STORAGE names, with the connection pool to close when it is
    Redis."""
    if settings.rate_limit_storage.startswith("memory://"):
        return MemoryStorage(wrap_exceptions=True), None
    # Imported only for a redis:// storage: redis is a large part of `import app`'s time.
    from limits.aio.storage import RedisStorage
    from redis.asyncio import ConnectionPool
    from redis.asyncio.retry import Retry
    from redis.backoff import NoBackoff

    url = settings.rate_limit_storage.removeprefix("async+")
    # Our own pool: short timeouts and one retry (a connection the server dropped), where
    # redis-py would retry for seconds; and a pool `close()` can close.
    pool = ConnectionPool.from_url(
        url,
        socket_timeout=STORAGE_TIMEOUT,
        socket_connect_timeout=STORAGE_TIMEOUT,
        retry=Retry(NoBackoff(), 1),
    )
    # limits types these options as scalars, but hands them to redis-py as they are.
    options: dict[str, object] = {"connection_pool": pool}
    storage = RedisStorage(
        f"async+{url}",
        wrap_exceptions=True,
        implementation="redispy",
        key_prefix=settings.rate_limit_key_prefix,
        **options,  # type: ignore[arg-type]
    )
    return storage, pool


def _second_after(moment: float) -> int:
    # A request exactly a minute old still counts: the first whole second past it is free.
    return math.floor(moment) + 1


def client_address(scope: Scope, trusted_proxies: tuple[Network, ...]) -> str:
    """Whose address budget a request spends: the connection's peer, or when the peer is a
    trusted proxy, the right-most address of X-Forwarded-For that is not a trusted proxy.

    IPv6 clients are counted by /64, the block one host is usually given."""
    client = scope.get("client")
    host = client[0] if client else "unknown"
    peer = _ip(host)
    if peer is None:
        return host
    address = peer
    if _is_within(peer, trusted_proxies):
        hops = [
            hop.strip()
            for value in Headers(scope=scope).getlist("x-forwarded-for")
            for hop in value.split(",")
            if hop.strip()
        ]
        address = _forwarded_client(hops, trusted_proxies) or peer
    if isinstance(address, IPv6Address):
        return str(ip_network(f"{address}/64", strict=False))
    return str(address)


def _forwarded_client(hops: list[str], trusted_proxies: tuple[Network, ...]) -> IPAddress | None:
    # Each proxy appends the address it was connected from: from the right, the first one
    # not a trusted proxy is the client; whatever is left of it, the client may have written.
    for hop in reversed(hops):
        address = _ip(hop)
        if address is None:
            return None  # no proxy writes this: count the proxy itself
        if not _is_within(address, trusted_proxies):
            return address
    return _ip(hops[0]) if hops else None


def _ip(text: str) -> IPAddress | None:
    try:
        address = ip_address(text)
    except ValueError:
        return None
    if isinstance(address, IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def _is_within(address: IPAddress, networks: tuple[Network, ...]) -> bool:
    return any(address in network for network in networks)


class RateLimitMiddleware:
    """Spends each request under `protected_prefixes` from its budget (after authentication):
    within it, X-RateLimit-* headers on the response of a valid key; past it, 429 with
    Retry-After, in the shape `on_refusal` gives it for what the request is for. When the
    storage fails, `fail_open` lets requests through (with a warning), or else refuses them
    with 503."""

    def __init__(
        self,
        app: ASGIApp,
        limiter: RateLimiter,
        protected_prefixes: tuple[str, ...],
        on_refusal: Refuse,
        trusted_proxies: tuple[Network, ...] = (),
        fail_open: bool = True,
    ) -> None:
        self.app = app
        self.limiter = limiter
        self.protected_prefixes = protected_prefixes
        self.on_refusal = on_refusal
        self.trusted_proxies = trusted_proxies
        self.fail_open = fail_open
        self._last_warning = -math.inf
        self._unreported_failures = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith(self.protected_prefixes):
            await self.app(scope, receive, send)
            return
        principal = principal_of(scope)
        key_id = principal.subject if isinstance(principal, Principal) else None
        try:
            verdict = await self.limiter.check(key_id, client_address(scope, self.trusted_proxies))
        except StorageError as exc:
            self._warn(exc)
            if self.fail_open:
                await self.app(scope, receive, send)
                return
            message = "Rate limiting is unavailable; retry in a moment"
            response = self.on_refusal(
                scope, Refusal(503, message, RefusalCode.SERVICE_UNAVAILABLE)
            )
            await response(scope, receive, send)
            return
        if not verdict.allowed:
            refusal = Refusal(
                429,
                verdict.message,
                RefusalCode.RATE_LIMITED,
                headers=verdict.headers,
                extensions={"retryAfter": verdict.retry_after},
            )
            response = self.on_refusal(scope, refusal)
            await response(scope, receive, send)
            return
        await self.app(scope, receive, _with_headers(send, verdict.headers))

    def _warn(self, exc: StorageError) -> None:
        self._unreported_failures += 1
        now = time.monotonic()
        if now - self._last_warning < WARNING_INTERVAL:
            return
        log.warning(
            "rate limit storage failed (%s): %s; %d failure(s) since the last such warning",
            exc.storage_error,
            "letting requests through" if self.fail_open else "refusing requests with 503",
            self._unreported_failures,
        )
        self._last_warning = now
        self._unreported_failures = 0


def _with_headers(send: Send, headers: Mapping[str, str]) -> Send:
    """`send`, adding `headers` to the response's start."""
    if not headers:
        return send
    raw = [
        (name.lower().encode("latin-1"), value.encode("latin-1")) for name, value in headers.items()
    ]

    async def sending(message: Message) -> None:
        if message["type"] == "http.response.start":
            message = {**message, "headers": [*message.get("headers", ()), *raw]}
        await send(message)

    return sending
