"""With Redis, separate app instances (processes) spend one budget per key, and a Redis that
fails makes requests neither hang nor 500: they pass (fail open) or get 503 (fail closed).

Redis fails here behind a TCP proxy that the test cuts, never by stopping the shared server.
"""

from __future__ import annotations

import asyncio
import logging
import os
import secrets
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import replace
from urllib.parse import urlsplit

import pytest

from app import create_app
from settings import Settings
from tests.conftest import REDIS_ENV, Tenant, require_server, serve
from tests.gateway.test_ratelimit import VIEWER, assert_rate_limited, call

MESSAGE = "Rate limit exceeded: 120 requests per minute per API key"


@pytest.fixture
def redis_settings(settings: Settings) -> Settings:
    """Settings with limits in the test Redis, under keys of this test alone."""
    return replace(
        settings,
        rate_limit_storage=require_server(REDIS_ENV, "Redis"),
        rate_limit_key_prefix=f"ig-test-{os.getpid()}-{secrets.token_hex(4)}",
    )


async def test_two_instances_sharing_redis_spend_one_budget(
    redis_settings: Settings, tenant: Tenant
) -> None:
    assert redis_settings.rate_limit_per_minute == 120
    async with (
        serve(create_app(redis_settings)) as first,
        serve(create_app(redis_settings)) as second,
    ):
        for spent in range(1, 121):
            client = first if spent % 2 else second
            response = await call(client, "rest", tenant.headers)
            assert response.status_code == 200, (spent, response.text)
            assert response.headers["x-ratelimit-remaining"] == str(120 - spent)
        assert_rate_limited(await call(first, "rest", tenant.headers), "rest", MESSAGE)
        assert_rate_limited(await call(second, "graphql", tenant.headers), "graphql", MESSAGE)


async def test_instances_with_other_key_prefixes_do_not_share(
    redis_settings: Settings, tenant: Tenant
) -> None:
    small = replace(redis_settings, rate_limit_per_minute=1)
    other = replace(small, rate_limit_key_prefix=small.rate_limit_key_prefix + "-other")
    async with serve(create_app(small)) as first, serve(create_app(other)) as second:
        assert (await call(first, "rest", tenant.headers)).status_code == 200
        assert (await call(first, "rest", tenant.headers)).status_code == 429
        assert (await call(second, "rest", tenant.headers)).status_code == 200


class Proxy:
    """A TCP proxy from 127.0.0.1 to a server, which `cut()` takes down with its connections."""

    def __init__(self, host: str, port: int) -> None:
        self.target = (host, port)
        self.port = 0
        self.server: asyncio.Server | None = None
        self.writers: set[asyncio.StreamWriter] = set()

    async def start(self) -> None:
        """Listen: on a free port the first time, on the same one after a cut."""
        self.server = await asyncio.start_server(self._connect, "127.0.0.1", self.port)
        self.port = int(self.server.sockets[0].getsockname()[1])

    async def _connect(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        upstream_reader, upstream_writer = await asyncio.open_connection(*self.target)
        self.writers |= {writer, upstream_writer}
        await asyncio.gather(
            self._pipe(reader, upstream_writer),
            self._pipe(upstream_reader, writer),
            return_exceptions=True,
        )

    async def _pipe(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while data := await reader.read(65536):
                writer.write(data)
                await writer.drain()
        finally:
            writer.close()

    async def cut(self) -> None:
        """Stop listening and drop every live connection, as a crashed server would."""
        if self.server is not None:
            self.server.close()
        for writer in self.writers:
            writer.close()
        if self.server is not None:
            await asyncio.wait_for(self.server.wait_closed(), 5)
        self.server = None


@asynccontextmanager
async def redis_behind_proxy(settings: Settings) -> AsyncIterator[tuple[Settings, Proxy]]:
    """`settings` with their Redis reached through a `Proxy`, cut at the end at the latest."""
    url = urlsplit(settings.rate_limit_storage)
    proxy = Proxy(url.hostname or "127.0.0.1", url.port or 6379)
    await proxy.start()
    credentials = url.netloc.rpartition("@")[0]
    netloc = f"{credentials}@127.0.0.1:{proxy.port}" if credentials else f"127.0.0.1:{proxy.port}"
    try:
        yield replace(settings, rate_limit_storage=url._replace(netloc=netloc).geturl()), proxy
    finally:
        await proxy.cut()


async def test_when_redis_fails_requests_pass_with_one_warning(
    redis_settings: Settings, tenant: Tenant, caplog: pytest.LogCaptureFixture
) -> None:
    assert redis_settings.rate_limit_on_storage_error == "open", "the default"
    async with (
        redis_behind_proxy(redis_settings) as (settings, proxy),
        serve(create_app(settings)) as client,
    ):
        before = await call(client, "rest", tenant.headers)
        assert before.headers["x-ratelimit-remaining"] == "119"
        await proxy.cut()
        with caplog.at_level(logging.WARNING, logger="invoicegraph.ratelimit"):
            for surface in ("rest", "graphql", "rest"):
                response = await asyncio.wait_for(call(client, surface, tenant.headers), 5)
                assert response.status_code == 200, response.text
                assert "x-ratelimit-remaining" not in response.headers
            unauthenticated = await call(client, "rest", {})
            assert unauthenticated.status_code == 401
    (warning,) = [r for r in caplog.records if r.name == "invoicegraph.ratelimit"]
    assert warning.levelno == logging.WARNING
    assert "letting requests through" in warning.getMessage()


async def test_when_redis_fails_closed_requests_get_503(
    redis_settings: Settings, tenant: Tenant
) -> None:
    closed = replace(redis_settings, rate_limit_on_storage_error="closed")
    async with (
        redis_behind_proxy(closed) as (settings, proxy),
        serve(create_app(settings)) as client,
    ):
        assert (await call(client, "rest", tenant.headers)).status_code == 200
        await proxy.cut()
        rest = await asyncio.wait_for(call(client, "rest", tenant.headers), 5)
        assert rest.status_code == 503
        assert rest.json() == {"error": "Rate limiting is unavailable; retry in a moment"}
        graphql = await asyncio.wait_for(
            client.post("/graphql", json=VIEWER, headers=tenant.headers), 5
        )
        assert graphql.status_code == 503
        assert graphql.json()["errors"][0]["extensions"] == {"code": "SERVICE_UNAVAILABLE"}
        # What the limiter does not guard still answers.
        assert (await client.get("/healthz")).status_code == 200


async def test_requests_are_limited_again_once_redis_is_back(
    redis_settings: Settings, tenant: Tenant
) -> None:
    async with (
        redis_behind_proxy(redis_settings) as (settings, proxy),
        serve(create_app(settings)) as client,
    ):
        assert (await call(client, "rest", tenant.headers)).status_code == 200
        await proxy.cut()
        assert "x-ratelimit-remaining" not in (await call(client, "rest", tenant.headers)).headers
        await proxy.start()
        # Redis is back where it was: the storage reconnects on its own.
        back = await call(client, "rest", tenant.headers)
        assert back.status_code == 200
        assert back.headers["x-ratelimit-remaining"] == "118"
