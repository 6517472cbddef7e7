"""Budgets per API key and per address on both surfaces: headers, 429 with a Retry-After
true to the window, blocked addresses, trusted proxies, and the switch that turns it off."""

from __future__ import annotations

import math
import time
from dataclasses import replace
from ipaddress import ip_network
from typing import Any

import httpx
import pytest

from app import create_app
from gateway import ratelimit
from gateway.ratelimit import KEY, RateLimiter, client_address
from settings import Settings
from tests.conftest import Tenant, serve

VIEWER = {"query": "{ viewer { apiKeyId } }"}
BAD_KEY = {"Authorization": "Bearer cinv_" + "A" * 40}


async def call(client: httpx.AsyncClient, surface: str, headers: dict[str, str]) -> httpx.Response:
    """One cheap authenticated request to `surface`."""
    if surface == "rest":
        return await client.get("/api/v1/clients", headers=headers)
    return await client.post("/graphql", json=VIEWER, headers=headers)


def assert_rate_limited(response: httpx.Response, surface: str, message: str) -> int:
    """A 429 in the surface's shape saying `message`; its Retry-After."""
    assert response.status_code == 429, response.text
    retry_after = int(response.headers["retry-after"])
    assert 1 <= retry_after <= 60
    body = response.json()
    if surface == "rest":
        assert body == {"error": f"{message}; retry in {retry_after} s"}
    else:
        (error,) = body["errors"]
        assert body["data"] is None
        assert error["message"] == f"{message}; retry in {retry_after} s"
        assert error["extensions"] == {"code": "RATE_LIMITED", "retryAfter": retry_after}
    return retry_after


def limiter_of(app: Any) -> RateLimiter:
    limiter = app.state.rate_limiter
    assert isinstance(limiter, RateLimiter)
    return limiter


@pytest.mark.parametrize("surface", ["rest", "graphql"])
async def test_the_121st_request_in_a_minute_is_refused(
    settings: Settings, tenant: Tenant, surface: str
) -> None:
    assert settings.rate_limit_per_minute == 120, "the contract's figure, not a test's"
    app = create_app(settings)
    async with serve(app) as client:
        started = time.time()
        first = await call(client, surface, tenant.headers)
        first_done = time.time()
        resets = {first.headers["x-ratelimit-reset"]}
        assert first.status_code == 200
        assert first.headers["x-ratelimit-limit"] == "120"
        assert first.headers["x-ratelimit-remaining"] == "119"
        for spent in range(2, 121):
            response = await call(client, surface, tenant.headers)
            assert response.status_code == 200, (spent, response.text)
            assert response.headers["x-ratelimit-remaining"] == str(120 - spent)
            resets.add(response.headers["x-ratelimit-reset"])
        refused = await call(client, surface, tenant.headers)
        now = time.time()
    retry_after = assert_rate_limited(
        refused, surface, "Rate limit exceeded: 120 requests per minute per API key"
    )
    assert refused.headers["x-ratelimit-remaining"] == "0"
    # A slot frees when the first request leaves the window, a minute after it: what every
    # response said, what the refusal says, and what the limiter's own window says.
    (reset,) = resets
    assert math.floor(started + 60) + 1 <= int(reset) <= math.floor(first_done + 60) + 1
    assert refused.headers["x-ratelimit-reset"] == reset
    assert abs(now + retry_after - int(reset)) <= 1
    limiter = limiter_of(app)
    stats = await limiter.window.get_window_stats(limiter.per_key, KEY, tenant.key.id)
    assert stats.remaining == 0
    assert abs(retry_after - (stats.reset_time - now)) <= 1


class Clock:
    """A clock that moves only when told, for the limiter and its in-memory storage."""

    def __init__(self) -> None:
        self.now = 1_800_000_000.25

    def time(self) -> float:
        return self.now

    def monotonic(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    from limits.aio.storage import memory

    fake = Clock()
    monkeypatch.setattr(memory, "time", fake)
    monkeypatch.setattr(ratelimit, "time", fake)
    return fake


@pytest.mark.parametrize("surface", ["rest", "graphql"])
async def test_retry_after_is_when_the_window_frees(
    settings: Settings, tenant: Tenant, clock: Clock, surface: str
) -> None:
    first = clock.now
    message = "Rate limit exceeded: 3 requests per minute per API key"
    async with serve(create_app(replace(settings, rate_limit_per_minute=3))) as client:

        async def refused_for() -> int:
            response = await call(client, surface, tenant.headers)
            return assert_rate_limited(response, surface, message)

        for _ in range(3):
            assert (await call(client, surface, tenant.headers)).status_code == 200
            clock.now += 10
        # 30.5 s after the first of three requests, it leaves the window in 29.5 s.
        clock.now += 0.5
        refused = await call(client, surface, tenant.headers)
        assert assert_rate_limited(refused, surface, message) == 30
        assert refused.headers["x-ratelimit-reset"] == str(math.floor(first + 60) + 1)
        clock.now += 29
        assert await refused_for() == 1
        # A request exactly a minute old still counts.
        clock.now = first + 60
        assert await refused_for() == 1
        clock.now += 1
        freed = await call(client, surface, tenant.headers)
        assert freed.status_code == 200
        assert freed.headers["x-ratelimit-remaining"] == "0"
        # The next to leave is the second request, 10 s after the first.
        assert freed.headers["x-ratelimit-reset"] == str(math.floor(first + 70) + 1)


async def test_rest_and_graphql_spend_one_budget_per_key(
    settings: Settings, tenant: Tenant
) -> None:
    async with serve(create_app(replace(settings, rate_limit_per_minute=4))) as client:
        for surface in ("rest", "graphql", "rest", "graphql"):
            assert (await call(client, surface, tenant.headers)).status_code == 200
        message = "Rate limit exceeded: 4 requests per minute per API key"
        assert_rate_limited(await call(client, "rest", tenant.headers), "rest", message)
        assert_rate_limited(await call(client, "graphql", tenant.headers), "graphql", message)


async def test_each_key_has_its_own_budget(
    settings: Settings, tenant: Tenant, other_tenant: Tenant
) -> None:
    async with serve(create_app(replace(settings, rate_limit_per_minute=2))) as client:
        for _ in range(2):
            assert (await call(client, "rest", tenant.headers)).status_code == 200
        assert (await call(client, "rest", tenant.headers)).status_code == 429
        other = await call(client, "rest", other_tenant.headers)
        assert other.status_code == 200
        assert other.headers["x-ratelimit-remaining"] == "1"


async def test_only_keyed_responses_carry_the_headers(settings: Settings, tenant: Tenant) -> None:
    async with serve(create_app(settings)) as client:
        before = time.time()
        keyed = await call(client, "rest", tenant.headers)
        assert keyed.headers["x-ratelimit-limit"] == "120"
        assert before + 60 <= int(keyed.headers["x-ratelimit-reset"]) <= time.time() + 61
        assert "retry-after" not in keyed.headers
        # Refusals after the limiter carry them too: an unknown route, a plan refusal.
        missing = await client.get("/api/v1/nope", headers=tenant.headers)
        assert missing.status_code == 404
        assert missing.headers["x-ratelimit-remaining"] == "118"
        for response in (
            await call(client, "rest", BAD_KEY),
            await call(client, "graphql", {}),
            await client.get("/healthz", headers=tenant.headers),
        ):
            assert not any(name.startswith("x-ratelimit") for name in response.headers)


@pytest.mark.parametrize("surface", ["rest", "graphql"])
async def test_an_address_guessing_keys_is_blocked_even_with_a_valid_key(
    settings: Settings, tenant: Tenant, surface: str
) -> None:
    app = create_app(replace(settings, rate_limit_unauthenticated_per_minute=3))
    message = "Rate limit exceeded: 3 requests per minute per address without a valid API key"
    async with serve(app, "203.0.113.7") as guesser, serve(app, "203.0.113.8") as neighbour:
        # A valid key spends its own budget, not its address's.
        for _ in range(5):
            assert (await call(guesser, surface, tenant.headers)).status_code == 200
        for _ in range(3):
            assert (await call(guesser, surface, BAD_KEY)).status_code == 401
        guess = await call(guesser, surface, BAD_KEY)
        valid = await call(guesser, surface, tenant.headers)
        assert_rate_limited(guess, surface, message)
        assert_rate_limited(valid, surface, message)
        # Nothing tells the valid key from the guess.
        assert valid.json() == guess.json()
        assert not any(name.startswith("x-ratelimit") for name in valid.headers)
        # Another address is not affected.
        assert (await call(neighbour, surface, BAD_KEY)).status_code == 401
        assert (await call(neighbour, surface, tenant.headers)).status_code == 200


async def test_a_missing_key_spends_the_address_budget_too(
    settings: Settings, tenant: Tenant
) -> None:
    app = create_app(replace(settings, rate_limit_unauthenticated_per_minute=2))
    async with serve(app) as client:
        assert (await client.get("/api/v1/clients")).status_code == 401
        assert (await client.get("/graphql", headers={"Accept": "text/html"})).status_code == 200
        assert (await client.get("/api/v1/clients")).status_code == 429
        # The budget covers the protected paths only.
        assert (await client.get("/healthz")).status_code == 200


async def test_behind_a_trusted_proxy_each_forwarded_client_has_its_budget(
    settings: Settings, tenant: Tenant
) -> None:
    app = create_app(
        replace(
            settings,
            rate_limit_unauthenticated_per_minute=1,
            trusted_proxies=(ip_network("10.0.0.0/8"),),
        )
    )
    async with serve(app, "10.0.0.2") as proxy, serve(app, "198.51.100.4") as direct:

        async def guess(client: httpx.AsyncClient, forwarded: str | None) -> int:
            headers = {**BAD_KEY, **({"X-Forwarded-For": forwarded} if forwarded else {})}
            return (await client.get("/api/v1/clients", headers=headers)).status_code

        assert await guess(proxy, "192.0.2.1") == 401
        assert await guess(proxy, "192.0.2.1") == 429
        # A client writing its own X-Forwarded-For: the proxy appends the real address.
        assert await guess(proxy, "192.0.2.99, 192.0.2.1") == 429
        assert await guess(proxy, "192.0.2.2") == 401
        # An untrusted peer's header is not believed: it spends its own address's budget.
        assert await guess(direct, "192.0.2.3") == 401
        assert await guess(direct, "192.0.2.4") == 429


def _scope(client: tuple[str, int] | None, forwarded: list[str]) -> dict[str, Any]:
    return {
        "type": "http",
        "client": client,
        "headers": [(b"x-forwarded-for", value.encode()) for value in forwarded],
    }


@pytest.mark.parametrize(
    ("peer", "forwarded", "expected"),
    [
        ("198.51.100.4", ["192.0.2.1"], "198.51.100.4"),
        ("10.0.0.2", [], "10.0.0.2"),
        ("10.0.0.2", ["192.0.2.1"], "192.0.2.1"),
        ("10.0.0.2", ["192.0.2.99, 192.0.2.1"], "192.0.2.1"),
        ("10.0.0.2", ["192.0.2.99", "192.0.2.1, 10.0.0.3"], "192.0.2.1"),
        ("10.0.0.2", ["10.0.0.5, 10.0.0.3"], "10.0.0.5"),
        ("10.0.0.2", ["192.0.2.99, not-an-address"], "10.0.0.2"),
        ("10.0.0.2", ["2001:db8:1:2:3:4:5:6"], "2001:db8:1:2::/64"),
        ("2001:db8::1", [], "2001:db8::/64"),
        ("::ffff:198.51.100.4", [], "198.51.100.4"),
        ("testclient", ["192.0.2.1"], "testclient"),
    ],
)
def test_the_client_address(peer: str, forwarded: list[str], expected: str) -> None:
    trusted = (ip_network("10.0.0.0/8"),)
    assert client_address(_scope((peer, 4711), forwarded), trusted) == expected


def test_without_a_peer_every_request_shares_one_address() -> None:
    assert client_address(_scope(None, ["192.0.2.1"]), ()) == "unknown"


async def test_the_limiter_can_be_turned_off(settings: Settings, tenant: Tenant) -> None:
    app = create_app(
        replace(
            settings,
            rate_limit_enabled=False,
            rate_limit_per_minute=1,
            rate_limit_unauthenticated_per_minute=1,
        )
    )
    async with serve(app) as client:
        for headers in (tenant.headers, tenant.headers, BAD_KEY, BAD_KEY):
            response = await call(client, "rest", headers)
            assert response.status_code in (200, 401)
            assert "x-ratelimit-limit" not in response.headers
