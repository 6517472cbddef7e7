"""The rate limiter's cost: throughput of a cheap authenticated request with it off and on.

The server is one uvicorn process on 127.0.0.1, started afresh for each configuration: the
limiter off, on with in-memory storage, and on with Redis when REDIS_URL (or
TEST_REDIS_URL) names one. The limit is the default 120 a minute; the requests go round as
many API keys as keep each under it, so nothing is refused and each window holds what it
would in use: what is measured is the price of counting. Configurations take turns for
`--rounds` rounds, and each shows its best, the round least disturbed by the machine.

    .venv/bin/python -m bench.load [--requests 2000] [--concurrency 16] [--rounds 3]
    REDIS_URL=redis://127.0.0.1:6379/0 .venv/bin/python -m bench.load

Not a test: it prints figures and asserts nothing. It talks only to 127.0.0.1 (and Redis).
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import secrets
import tempfile
from collections.abc import Awaitable
from pathlib import Path

import httpx
from tortoise import Tortoise

from bench.server import Call, measure, percentile, uvicorn
from billing import apikeys, organizations
from models.config import tortoise_config
from models.migrate import upgrade
from settings import Settings

LIMIT = Settings().rate_limit_per_minute
# Requests per key and run, warm-up included: well within the limit.
PER_KEY = LIMIT // 2


async def seed_keys(database_url: str, count: int) -> list[str]:
    """An organization with `count` API keys; their secrets."""
    await upgrade(database_url)
    await Tortoise.init(config=tortoise_config(database_url), _enable_global_fallback=True)
    try:
        org = await organizations.create_organization("Load Ltd")
        return [(await apikeys.create_api_key(org, f"load {i}"))[1] for i in range(count)]
    finally:
        await Tortoise.close_connections()


def round_robin(keys: list[str]) -> Call:
    """The request measured, with each of `keys` in turn."""
    turns = itertools.cycle(keys)

    def call(client: httpx.AsyncClient) -> Awaitable[httpx.Response]:
        headers = {"Authorization": f"Bearer {next(turns)}"}
        return client.get("/api/v1/clients", params={"limit": 1}, headers=headers)

    return call


async def run(args: argparse.Namespace) -> None:
    workdir = Path(tempfile.mkdtemp(prefix="invoicegraph-load-"))
    database_url = os.environ.get("DATABASE_URL") or f"sqlite://{workdir / 'load.sqlite3'}"
    configurations: dict[str, dict[str, str]] = {"off": {"RATE_LIMIT_ENABLED": "false"}}
    configurations["memory"] = {"RATE_LIMIT_STORAGE": "memory://"}
    redis_url = os.environ.get("REDIS_URL") or os.environ.get("TEST_REDIS_URL")
    if redis_url:
        configurations["redis"] = {"RATE_LIMIT_STORAGE": redis_url}
    # Fresh keys for every run of every configuration: no budget is spent twice.
    runs = args.rounds * len(configurations)
    per_run = -(-(args.requests + 50) // PER_KEY)
    secrets_left = iter(await seed_keys(database_url, runs * per_run))

    results: dict[str, list[tuple[float, list[float]]]] = {name: [] for name in configurations}
    for _ in range(args.rounds):
        for name, settings in configurations.items():
            call = round_robin([next(secrets_left) for _ in range(per_run)])
            env = {
                "DATABASE_URL": database_url,
                "RATE_LIMIT_PER_MINUTE": str(LIMIT),
                # Keys no earlier run (of this bench or another) has spent in Redis.
                "RATE_LIMIT_KEY_PREFIX": f"bench-{os.getpid()}-{secrets.token_hex(4)}",
                **settings,
            }
            async with uvicorn("app:create_app", env) as server:
                results[name].append(
                    await measure(server.base, call, args.requests, args.concurrency)
                )

    print(
        f"GET /api/v1/clients?limit=1, {args.requests} requests a run, {args.concurrency} "
        f"concurrent, best of {args.rounds} rounds, one server process on 127.0.0.1"
    )
    print(f"{'limiter':10} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'rps/off':>8}")
    best = {name: max(rounds, key=lambda result: result[0]) for name, rounds in results.items()}
    for name, (rps, latencies) in best.items():
        p50, p99 = percentile(latencies, 50), percentile(latencies, 99)
        print(f"{name:10} {rps:8.0f} {p50:8.2f} {p99:8.2f} {rps / best['off'][0]:8.2f}")
    if not redis_url:
        print("(set REDIS_URL=redis://... to measure the limiter on Redis too)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000, help="requests a run")
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--rounds", type=int, default=3)
    asyncio.run(run(parser.parse_args()))


if __name__ == "__main__":
    main()
