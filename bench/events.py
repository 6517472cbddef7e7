"""What the event log costs a write: `POST /api/v1/invoices` with events, and with events and
a webhook endpoint (a delivery written per event), against the same server code with no
events written at all, the floor.

One server process serves the app twice: as shipped, and under `/floor` with
billing.events.record writing nothing for its requests (so no snapshot is read, no event
inserted, no delivery fanned out, no notification sent): the floor. It does not run the
worker (WORKER_IN_PROCESS=false), whose deliveries are not the write's cost, nor refresh
PDFs and e-invoices after each write (Chromium's work, the same with or without events).
Debian's wrk sends the
requests, one invoice of three lines each; the targets take turns beside the floor (floor,
events, floor, events and endpoint, then the other way round) for `--rounds` rounds, and each
ratio is the median of its rounds' ratios to the floor run beside it, by requests per second
and by the server process's CPU per request (from /proc), with wrk's own CPU printed beside to
show that the client is not the limit.

    .venv/bin/python -m bench.events [--rounds 5] [--seconds 3] [--connections 8]
    DATABASE_URL='postgres://...?schema=bench' .venv/bin/python -m bench.events

Not a test: it prints figures, and asserts only that each server answers 201 and that the
floor wrote no event while the others did. It talks only to 127.0.0.1 (and the database).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import tempfile
from contextvars import ContextVar
from pathlib import Path
from typing import Any, Final

import httpx
from starlette.types import ASGIApp, Receive, Scope, Send
from tortoise import Tortoise

from app import create_app
from bench import wrk
from bench.api import Pair, _ensure_schema, in_turns, report
from bench.server import uvicorn
from billing import apikeys, clients, events, organizations, webhooks
from billing.plans import UNLIMITED
from einvoice.store import EInvoices
from models import Event
from models.config import dialect, tortoise_config
from models.migrate import upgrade
from pdf.store import DocumentPdfs
from settings import Settings

FLOOR: Final = "/floor"
# Set for the floor's requests: their writes record no event.
_no_events: ContextVar[bool] = ContextVar("bench_no_events", default=False)
_record = events.record
LINE = {"description": "Design work", "quantity": 3, "unitPrice": 125.5, "taxRate": 10}


async def _record_unless_floor(*args: Any, **kwargs: Any) -> list[Event]:
    return [] if _no_events.get() else await _record(*args, **kwargs)


def _unchanged(self: object, changes: object) -> None:
    return None


class WithFloor:
    """The app, and under FLOOR the same app writing no events."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith(FLOOR + "/"):
            await self.app(scope, receive, send)
            return
        path = scope["path"].removeprefix(FLOOR)
        token = _no_events.set(True)
        try:
            await self.app({**scope, "path": path, "raw_path": path.encode()}, receive, send)
        finally:
            _no_events.reset(token)


def server_app() -> ASGIApp:
    """The bench's server: the app, and its floor."""
    events.record = _record_unless_floor
    # Background work that follows each write, the same with or without events.
    DocumentPdfs.changed = _unchanged  # type: ignore[method-assign]
    EInvoices.changed = _unchanged  # type: ignore[method-assign]
    return WithFloor(create_app(Settings.from_env()))


async def seed(database_url: str) -> list[tuple[str, str]]:
    """Two organizations with a client each, the second with a webhook endpoint (at an
    address nothing listens on: no worker runs); each one's client id and API key secret."""
    if dialect(database_url) == "postgres":
        await _ensure_schema(database_url)
    await upgrade(database_url)
    await Tortoise.init(config=tortoise_config(database_url), _enable_global_fallback=True)
    try:
        made = []
        for name, endpoint in (("Bench Ltd", False), ("Bench Hooks Ltd", True)):
            org = await organizations.create_organization(name)
            _, secret = await apikeys.create_api_key(org, "bench")
            client = await clients.create_client(org, {"name": "Globex"}, UNLIMITED)
            if endpoint:
                await webhooks.create_endpoint(
                    org, {"url": "http://127.0.0.1:9/hooks"}, allow_private=True
                )
            made.append((client.id, secret))
        return made
    finally:
        await Tortoise.close_connections()


def invoice(client_id: str, secret: str, prefix: str = "") -> wrk.Target:
    return wrk.Target(
        "POST",
        prefix + "/api/v1/invoices",
        {"Authorization": f"Bearer {secret}", "Content-Type": "application/json"},
        json.dumps({"clientId": client_id, "currency": "USD", "lineItems": [LINE] * 3}),
    )


async def _events_written(database_url: str) -> int:
    await Tortoise.init(config=tortoise_config(database_url))
    try:
        return await Event.all().count()
    finally:
        await Tortoise.close_connections()


async def run(args: argparse.Namespace) -> None:
    wrk.wrk_path()
    with tempfile.TemporaryDirectory(prefix="invoicegraph-bench-") as folder:
        await bench_in(Path(folder), args)


async def bench_in(workdir: Path, args: argparse.Namespace) -> None:
    database_url = os.environ.get("DATABASE_URL") or f"sqlite://{workdir / 'bench.sqlite3'}"
    (plain_client, plain_key), (hooked_client, hooked_key) = await seed(database_url)
    env = {
        "DATABASE_URL": database_url,
        "RATE_LIMIT_ENABLED": "false",
        "WORKER_IN_PROCESS": "false",
        "WEBHOOKS_ALLOW_PRIVATE": "true",
    }
    plain, with_endpoint = invoice(plain_client, plain_key), invoice(hooked_client, hooked_key)
    floor = invoice(plain_client, plain_key, FLOOR)
    async with uvicorn("bench.events:server_app", env) as server:
        servers = {"floor": server, "target": server}
        bench = [
            Pair("events", plain, floor),
            Pair("events + webhook", with_endpoint, floor),
        ]
        before = await _events_written(database_url)
        async with httpx.AsyncClient(base_url=server.base, timeout=30) as http:
            headers = dict(floor.headers)
            answer = await http.post(floor.path, headers=headers, content=floor.body)
            assert answer.status_code == 201, answer.text
        assert await _events_written(database_url) == before, "the floor wrote events"
        results = await in_turns(bench, servers, workdir, args)
        assert await _events_written(database_url) > before, "the shipped server wrote none"
    report(
        results,
        bench,
        f"{dialect(database_url)}, POST /api/v1/invoices (three lines): medians of "
        f"{args.rounds} rounds of {args.seconds:g} s per target, wrk with "
        f"{args.connections} connections, one server process on 127.0.0.1\n"
        "floor: the same server writing no events; events: each write's event (its snapshot "
        "read and inserted in the write's transaction); events + webhook: and a delivery "
        "row for the organization's endpoint;\nratio req/s: requests per second over the "
        "floor's in the same round; ratio CPU: the floor's CPU per request over the "
        "target's.",
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seconds", type=float, default=3, help="each target's run a round")
    parser.add_argument("--connections", type=int, default=8, help="wrk's open connections")
    asyncio.run(run(parser.parse_args()))


if __name__ == "__main__":
    main()
