"""Listing 20 invoices with their clients and lines: GraphQL and REST against the floor.

The floor is a bare Starlette endpoint in the same server process that reads the same rows
from the same database with hand-written SQL and writes the same JSON as the GraphQL
answer. Every figure comes from one run, so the ratios compare like with like.

    .venv/bin/python -m bench.api [--requests 2000] [--concurrency 16]
    DATABASE_URL=postgres://... .venv/bin/python -m bench.api   # on PostgreSQL

Not a test: it prints figures and asserts nothing. It talks only to 127.0.0.1.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import tempfile
from decimal import Decimal
from pathlib import Path

import httpx
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Mount, Route
from tortoise import Tortoise

from app import create_app
from bench.server import Call, measure, percentile, uvicorn
from billing import apikeys, clients, display, documents, organizations
from billing.plans import UNLIMITED
from models.config import dialect, tortoise_config
from models.enums import Series
from models.migrate import upgrade
from settings import Settings

PAGE = 20
GRAPHQL_QUERY = """
{ invoices(first: 20) { edges { node {
    id number status total currency
    client { name email }
    lineItems { description quantity unitPrice amount }
} } } }
"""
# The floor's two statements: the page with its clients, then the page's lines.
FLOOR_PAGE = """
SELECT d.id, d.number, d.status, d.total, d.currency, c.name, c.email
FROM document d JOIN client c ON c.id = d.client_id
WHERE d.organization_id = {p1} AND d.is_estimate = {false}
ORDER BY d.id DESC LIMIT 20
"""
FLOOR_LINES = """
SELECT document_id, description, quantity, unit_price, amount
FROM line_item WHERE document_id IN ({ids}) ORDER BY document_id, position
"""


async def floor(request: Request) -> Response:
    """The same JSON as the GraphQL query, from hand-written SQL."""
    org_id = request.query_params["org"]
    conn = Tortoise.get_connection("default")
    postgres = dialect(request.app.state.database_url) == "postgres"
    page_sql = FLOOR_PAGE.format(p1="$1" if postgres else "?", false="false" if postgres else "0")
    _, rows = await conn.execute_query(page_sql, [org_id])
    ids = [row["id"] for row in rows]
    marks = ", ".join(f"${i + 1}" if postgres else "?" for i in range(len(ids)))
    lines: dict[str, list[dict[str, str]]] = {doc_id: [] for doc_id in ids}
    if ids:
        _, line_rows = await conn.execute_query(FLOOR_LINES.format(ids=marks), ids)
        currency = {row["id"]: row["currency"] for row in rows}
        for line in line_rows:
            code = currency[line["document_id"]]
            lines[line["document_id"]].append(
                {
                    "description": line["description"],
                    "quantity": str(display.plain(Decimal(line["quantity"]))),
                    "unitPrice": str(display.unit_price(Decimal(line["unit_price"]), code)),
                    "amount": str(display.money(Decimal(line["amount"]), code)),
                }
            )
    edges = [
        {
            "node": {
                "id": row["id"],
                "number": row["number"],
                "status": row["status"],
                "total": str(display.money(Decimal(row["total"]), row["currency"])),
                "currency": row["currency"],
                "client": {"name": row["name"], "email": row["email"]},
                "lineItems": lines[row["id"]],
            }
        }
        for row in rows
    ]
    return JSONResponse({"data": {"invoices": {"edges": edges}}})


def server_app() -> Starlette:
    """The API with the floor beside it, as the bench's server process serves them."""
    settings = Settings.from_env()
    api = create_app(settings)
    bench = Starlette(routes=[Route("/floor", floor), Mount("/", api)], lifespan=None)
    bench.state.database_url = settings.database_url
    return _with_lifespan_of(bench, api)


def _with_lifespan_of(outer: Starlette, inner: Starlette) -> Starlette:
    outer.router.lifespan_context = inner.router.lifespan_context
    return outer


async def seed(database_url: str, invoices: int) -> tuple[str, str]:
    """An organization with `invoices` three-line invoices over ten clients; its id and key."""
    await upgrade(database_url)
    await Tortoise.init(config=tortoise_config(database_url), _enable_global_fallback=True)
    try:
        org = await organizations.create_organization("Bench Ltd")
        _, secret = await apikeys.create_api_key(org, "bench")
        people = [
            await clients.create_client(
                org, {"name": f"Client {i}", "email": f"c{i}@example.com"}, UNLIMITED
            )
            for i in range(10)
        ]
        for i in range(invoices):
            line = {"description": f"Work {i}", "quantity": "3", "unit_price": "125.50"}
            await documents.create_document(
                org,
                {"client_id": people[i % 10].id, "line_items": [line, line, line]},
                series=Series.INVOICE,
                plan=UNLIMITED,
            )
        return org.id, secret
    finally:
        await Tortoise.close_connections()


async def run(args: argparse.Namespace) -> None:
    workdir = Path(tempfile.mkdtemp(prefix="invoicegraph-bench-"))
    database_url = os.environ.get("DATABASE_URL") or f"sqlite://{workdir / 'bench.sqlite3'}"
    org_id, secret = await seed(database_url, args.invoices)
    headers = {"Authorization": f"Bearer {secret}"}
    # Without the rate limiter: its cost is bench/load.py's to measure, and 120 a minute
    # would refuse most of this.
    env = {"DATABASE_URL": database_url, "RATE_LIMIT_ENABLED": "false"}
    async with uvicorn("bench.api:server_app", env) as server:
        base = server.base
        targets: dict[str, Call] = {
            "floor (hand-written SQL)": lambda c: c.get("/floor", params={"org": org_id}),
            "GraphQL": lambda c: c.post("/graphql", json={"query": GRAPHQL_QUERY}, headers=headers),
            "REST list (clients, no lines)": lambda c: c.get(
                "/api/v1/invoices", params={"limit": PAGE}, headers=headers
            ),
        }
        async with httpx.AsyncClient(base_url=base) as client:
            floor_data = (await targets["floor (hand-written SQL)"](client)).json()["data"]
            graphql_data = (await targets["GraphQL"](client)).json()["data"]
            assert floor_data == graphql_data, "floor and GraphQL differ"
        results = {}
        for name, call in targets.items():
            results[name] = await measure(base, call, args.requests, args.concurrency)
    floor_rps, floor_latencies = results["floor (hand-written SQL)"]
    floor_p50 = percentile(floor_latencies, 50)
    print(
        f"{dialect(database_url)}, {args.invoices} invoices, {args.requests} requests per "
        f"target, {args.concurrency} concurrent, one server process on 127.0.0.1"
    )
    print(
        f"{'target':32} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} "
        f"{'rps/floor':>10} {'p50/floor':>10}"
    )
    for name, (rps, latencies) in results.items():
        p50, p99 = percentile(latencies, 50), percentile(latencies, 99)
        print(
            f"{name:32} {rps:8.0f} {p50:8.2f} {p99:8.2f} "
            f"{rps / floor_rps:10.2f} {p50 / floor_p50:10.2f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000, help="requests per target")
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--invoices", type=int, default=200, help="invoices to seed")
    asyncio.run(run(parser.parse_args()))


if __name__ == "__main__":
    main()
