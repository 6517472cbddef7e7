"""Two `invoicegraph serve` processes on one PostgreSQL database and one Redis, as a deployment
that scales out runs them: what one writes the other reads, numbers stay unique and gap-free
however the writes are spread, a payment race between them never overpays, a process killed in
the middle of writing leaves no half of anything, and the rate limits are one budget."""

from __future__ import annotations

import asyncio
import os
import re
import secrets
import signal
import time
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.conftest import (
    POSTGRES_ENV,
    REDIS_ENV,
    _drop_postgres_schema,
    _postgres_schema,
    require_server,
)
from tests.processes import Server, free_port, serving, wait_until_up
from tests.test_cli import INVOICEGRAPH, run_cli

PER_MINUTE = 150  # what each key may send a minute: far more than the test's own key sends
WORKED_LINE = {"description": "Design work", "quantity": 40, "unitPrice": 125, "taxRate": 10}


@dataclass
class Deployment:
    """The two servers, their clients (with the demo organization's key) and the database."""

    servers: list[Server]
    http: list[httpx.AsyncClient]
    database_url: str
    client_id: str
    env: dict[str, str]  # the servers' environment (what another process of theirs needs)


@asynccontextmanager
async def deployment(
    tmp_path: Path,
    settings: dict[str, str] | None = None,
    each: tuple[dict[str, str], dict[str, str]] = ({}, {}),
) -> AsyncIterator[Deployment]:
    """Two servers with `settings` (and `each` one's own), the demo organization migrated and
    made in a schema of their own."""
    base = require_server(POSTGRES_ENV, "PostgreSQL")
    redis = require_server(REDIS_ENV, "Redis")
    schema, url = await _postgres_schema(base)
    try:
        await run_cli(url, "migrate")
        out = await run_cli(url, "demo")
        secret = re.search(r"(cinv_\w{40})", out).group(1)  # type: ignore[union-attr]
        env = {
            **os.environ,
            "DATABASE_URL": url,
            "HOST": "127.0.0.1",
            "OUTBOX_DIR": str(tmp_path / "outbox"),
            "RATE_LIMIT_STORAGE": redis,
            "RATE_LIMIT_KEY_PREFIX": f"ig-two-{secrets.token_hex(4)}",
            "RATE_LIMIT_PER_MINUTE": str(PER_MINUTE),
            **(settings or {}),
        }
        for name in ("PORT", "PUBLIC_BASE_URL", "WORKERS"):
            env.pop(name, None)
        async with AsyncExitStack() as stack:
            servers, clients = [], []
            for name, own in zip(("a", "b"), each, strict=True):
                port = free_port()
                command = [INVOICEGRAPH, "serve", "--port", str(port)]
                server = stack.enter_context(
                    serving(command, cwd=tmp_path, env={**env, **own}, log=tmp_path / f"{name}.log")
                )
                base_url = f"http://127.0.0.1:{port}"
                await asyncio.to_thread(wait_until_up, base_url, server, path="/readyz")
                servers.append(server)
                clients.append(
                    await stack.enter_async_context(
                        httpx.AsyncClient(
                            base_url=base_url,
                            headers={"Authorization": f"Bearer {secret}"},
                            timeout=30,
                        )
                    )
                )
            listed = (await clients[0].get("/api/v1/clients?limit=1")).json()
            yield Deployment(servers, clients, url, listed["data"][0]["id"], env)
    finally:
        await _drop_postgres_schema(base, schema)


async def key_of(d: Deployment) -> dict[str, str]:
    """The header of a new key of the demo organization, made by the command line."""
    viewer = await graphql(d.http[0], "{ viewer { organization { id } } }")
    org_id = viewer["viewer"]["organization"]["id"]
    out = await run_cli(d.database_url, "apikey", "create", "--org", org_id)
    secret = re.search(r"secret .*: (cinv_\w{40})$", out, re.M).group(1)  # type: ignore[union-attr]
    return {"Authorization": f"Bearer {secret}"}


async def create_invoice(http: httpx.AsyncClient, client_id: str) -> httpx.Response:
    return await http.post(
        "/api/v1/invoices",
        json={"clientId": client_id, "currency": "USD", "lineItems": [WORKED_LINE]},
    )


async def all_invoices(http: httpx.AsyncClient) -> list[dict[str, Any]]:
    """Every invoice of the organization, page by page (at most 20 pages of 100)."""
    found: list[dict[str, Any]] = []
    for page in range(1, 21):
        body = (await http.get(f"/api/v1/invoices?limit=100&page={page}")).json()
        found.extend(body["data"])
        if len(found) >= body["total"]:
            assert len(found) == body["total"]
            return found
    pytest.fail("more than 2,000 invoices")


def sequence_numbers(invoices: list[dict[str, Any]]) -> list[int]:
    return sorted(int(re.search(r"(\d+)$", i["invoiceNumber"]).group(1)) for i in invoices)  # type: ignore[union-attr]


def assert_gap_free(invoices: list[dict[str, Any]]) -> None:
    numbers = sequence_numbers(invoices)
    assert numbers == list(range(1, len(numbers) + 1)), numbers


async def graphql(http: httpx.AsyncClient, query: str, **variables: Any) -> dict[str, Any]:
    response = await http.post("/graphql", json={"query": query, "variables": variables})
    body = response.json()
    assert response.status_code == 200 and "errors" not in body, body
    data: dict[str, Any] = body["data"]
    return data


PAY = """
mutation($input: PaymentCreateInput!) {
  paymentCreate(input: $input) {
    payment { id }
    invoice { amountPaid amountDue status }
    errors { code field }
  }
}"""


async def test_two_server_processes_share_one_database_and_one_rate_limit(
    tmp_path: Path,
) -> None:
    async with deployment(tmp_path) as d:
        a, b = d.http
        before = await all_invoices(a)
        assert_gap_free(before)

        # Writes spread over both processes at once: every one numbered, none twice, no gap.
        made = await asyncio.gather(
            *(create_invoice(d.http[i % 2], d.client_id) for i in range(24))
        )
        assert [r.status_code for r in made] == [201] * 24, [r.text for r in made]
        after = await all_invoices(b)
        assert len(after) == len(before) + 24
        assert_gap_free(after)
        assert {i["id"] for i in after} == {i["id"] for i in await all_invoices(a)}

        # Both pay the whole amount due of one invoice at the same moment: one payment lands.
        invoice_id = made[0].json()["data"]["id"]
        sent = await graphql(
            a, "mutation($id: ID!) { invoiceMarkSent(id: $id) { errors { code } } }", id=invoice_id
        )
        assert sent["invoiceMarkSent"]["errors"] == []
        payment = {"invoiceId": invoice_id, "amount": "5500.00", "paymentMethod": "BANK_TRANSFER"}
        raced = await asyncio.gather(*(graphql(h, PAY, input=payment) for h in (a, b, a, b)))
        landed = [r for r in raced if r["paymentCreate"]["payment"] is not None]
        refused = [r["paymentCreate"]["errors"] for r in raced if r not in landed]
        assert len(landed) == 1 and len(refused) == 3, raced
        assert all(errors and errors[0]["code"] == "OVERPAYMENT" for errors in refused), refused
        shown = await b.get(f"/api/v1/invoices/{invoice_id}")
        assert shown.json()["data"]["status"] == "PAID"

        # A key's budget is one for both processes, counted in Redis: of requests sent to
        # each in turn, exactly the budget passes, and then each refuses.
        second = await key_of(d)
        codes: list[tuple[int, int]] = []
        for i in range(PER_MINUTE + 6):
            response = await d.http[i % 2].get("/api/v1/clients?limit=1", headers=second)
            codes.append((i % 2, response.status_code))
        assert [code for _, code in codes] == [200] * PER_MINUTE + [429] * 6, codes
        assert {server for server, code in codes if code == 429} == {0, 1}

        # B is killed with writes in flight: each invoice is there whole or not at all, the
        # numbers still have no gap, and A goes on from the last one.
        burst = [asyncio.ensure_future(create_invoice(b, d.client_id)) for _ in range(16)]
        deadline = time.monotonic() + 30
        while sum(task.done() for task in burst) < 3:
            assert time.monotonic() < deadline, "no write answered within 30 s"
            await asyncio.sleep(0.005)
        os.kill(d.servers[1].process.pid, signal.SIGKILL)
        outcomes = await asyncio.gather(*burst, return_exceptions=True)
        answered = [o for o in outcomes if isinstance(o, httpx.Response)]
        assert all(r.status_code == 201 for r in answered), [r.text for r in answered]
        assert any(isinstance(o, httpx.TransportError) for o in outcomes), outcomes
        survived = await all_invoices(a)
        assert_gap_free(survived)
        committed = len(survived) - len(after)
        # Every answered write committed; some cut off may have committed before the answer.
        assert len(answered) <= committed <= len(burst)
        assert {r.json()["data"]["id"] for r in answered} <= {i["id"] for i in survived}
        new_ids = {i["id"] for i in survived} - {i["id"] for i in after}
        for invoice_id in sorted(new_ids):
            full = (await a.get(f"/api/v1/invoices/{invoice_id}")).json()["data"]
            assert len(full["lineItems"]) == 1 and Decimal(str(full["total"])) == 5500
        again = await create_invoice(a, d.client_id)
        assert again.status_code == 201
        assert sequence_numbers([again.json()["data"]]) == [len(survived) + 1]
