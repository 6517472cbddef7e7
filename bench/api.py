"""Listing 20 invoices: GraphQL and REST v1, each against a floor that answers the same JSON.

Each floor is a bare Starlette endpoint in the same server process, beside the API: it reads
the same rows from the same database with hand-written SQL, in one read snapshot as every
answer of the API is (README, "One moment per answer"), and writes exactly its target's JSON,
which the bench checks once before measuring. The GraphQL floor answers the data of the
GraphQL query (invoices with their client and lines: two statements); the REST floor answers
`GET /api/v1/invoices?limit=20` (invoices with their client, the total count and the page
fields: two statements, the count and the page, as the contract needs both). Neither
authenticates: the API's key lookup is part of what the ratios price.

Debian's wrk sends the requests (the bench's set-up, `./dev setup`, installs it). Targets
take turns, each next to its floor (floor, GraphQL, floor, REST, then the other way round),
for `--rounds` rounds; each figure is the median of its rounds, and each ratio the median of
the rounds' ratios to the floor run beside it. The server's CPU per request (its process's
user and system time, from /proc) gives a second ratio, less shaken by other work on the
machine than requests per second; wrk's own CPU per request is printed beside it, to show
that the client is not what limits the figures.

    .venv/bin/python -m bench.api [--rounds 5] [--seconds 3] [--connections 16]
    DATABASE_URL='postgres://...?schema=bench' .venv/bin/python -m bench.api
    .venv/bin/python -m bench.api --pdf     # a stored PDF's download against a static file

With `--pdf` it measures instead `GET /api/v1/invoices/{id}/pdf` of a PDF already stored
(Chromium renders it once, before measuring) against its floor: the same bytes as a static
file, which Starlette's FileResponse serves from the same process.

On PostgreSQL the schema is created when missing (and never dropped); each run seeds a new
organization into it. The server's CPU is the uvicorn process's: PostgreSQL's own is not
counted. Not a test: it prints figures and asserts nothing but that each floor answers its
target's JSON. It talks only to 127.0.0.1 (and the database).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit
from zoneinfo import ZoneInfo

import asyncpg
import httpx
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from tortoise import Tortoise

from app import create_app
from bench import wrk
from bench.server import Server, process_cpu, uvicorn
from billing import apikeys, clients, display, documents, organizations
from billing.lifecycle import OVERDUE_CAPABLE
from billing.plans import UNLIMITED
from models.config import dialect, tortoise_config
from models.enums import Series
from models.migrate import upgrade
from models.snapshot import read_snapshot
from settings import Settings

PAGE = 20
GRAPHQL_QUERY = """
{ invoices(first: 20) { edges { node {
    id number status total currency
    client { name email }
    lineItems { description quantity unitPrice amount }
} } } }
"""
# Both lists are the organization's invoices, newest (the greatest id) first.
GRAPHQL_PAGE = """
SELECT d.id, d.number, d.status, d.due_date, d.total, d.currency, c.name, c.email
FROM document d JOIN client c ON c.id = d.client_id
WHERE d.organization_id = {p1} AND d.is_estimate = {false}
ORDER BY d.id DESC LIMIT {p2}
"""
GRAPHQL_LINES = """
SELECT document_id, description, quantity, unit_price, amount
FROM line_item WHERE document_id IN ({ids}) ORDER BY document_id, position
"""
REST_COUNT = """
SELECT COUNT(*) AS total FROM document
WHERE organization_id = {p1} AND is_estimate = {false}
"""
REST_PAGE = """
SELECT d.id, d.client_id, d.number, d.currency, d.issue_date, d.due_date, d.subtotal,
       d.tax_total, d.discount_total, d.total, d.status, d.created_at, c.name, c.email
FROM document d JOIN client c ON c.id = d.client_id
WHERE d.organization_id = {p1} AND d.is_estimate = {false}
ORDER BY d.id DESC LIMIT {p2} OFFSET {p3}
"""
OVERDUE_FROM = frozenset(status.value for status in OVERDUE_CAPABLE)
# The --pdf floor's file: the stored PDF's bytes, written by the bench before it measures.
STATIC_PDF_ENV = "BENCH_STATIC_PDF"
_json = partial(json.dumps, ensure_ascii=False)


def _sql(request: Request, text: str) -> str:
    """`text` in the dialect of the server's database."""
    if request.app.state.postgres:
        return text.format(p1="$1", p2="$2", p3="$3", false="false")
    return text.format(p1="?", p2="?", p3="?", false="0")


def _today(request: Request) -> date:
    """Today in the organization's time zone, which its API key would give a handler."""
    return datetime.now(UTC).astimezone(ZoneInfo(request.query_params["tz"])).date()


def _day(value: date | str | None) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) else value


def _status(row: Any, today: date) -> str:
    """The status as the API shows it: OVERDUE derived from the due date."""
    due = _day(row["due_date"])
    if row["status"] in OVERDUE_FROM and due is not None and due < today:
        return "OVERDUE"
    return str(row["status"])


def _timestamp(value: datetime | str) -> str:
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    moment = moment.astimezone(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


async def graphql_floor(request: Request) -> Response:
    """The data of GRAPHQL_QUERY, from hand-written SQL."""
    org_id = request.query_params["org"]
    postgres = request.app.state.postgres
    today = _today(request)
    line_rows: Sequence[dict[str, Any]] = ()
    async with read_snapshot():
        conn = Tortoise.get_connection("default")
        _, rows = await conn.execute_query(_sql(request, GRAPHQL_PAGE), [org_id, PAGE])
        ids = [row["id"] for row in rows]
        if ids:
            marks = ", ".join(f"${i + 1}" if postgres else "?" for i in range(len(ids)))
            _, line_rows = await conn.execute_query(GRAPHQL_LINES.format(ids=marks), ids)
    lines: dict[str, list[dict[str, str]]] = {doc_id: [] for doc_id in ids}
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
                "status": _status(row, today),
                "total": str(display.money(Decimal(row["total"]), row["currency"])),
                "currency": row["currency"],
                "client": {"name": row["name"], "email": row["email"]},
                "lineItems": lines[row["id"]],
            }
        }
        for row in rows
    ]
    return JSONResponse({"data": {"invoices": {"edges": edges}}})


def _rest_item(row: Any, today: date) -> str:
    """One invoice of the REST list, its amounts exact number tokens as REST writes them."""
    code = row["currency"]

    def money(column: str) -> str:
        return format(display.money(Decimal(row[column]), code), "f")

    due = _day(row["due_date"])
    return (
        f'{{"id":{_json(row["id"])},"clientId":{_json(row["client_id"])},'
        f'"invoiceNumber":{_json(row["number"])},"currency":{_json(code)},'
        f'"issueDate":"{_day(row["issue_date"])}",'
        f'"dueDate":{_json(due.isoformat() if due is not None else None)},'
        f'"subtotal":{money("subtotal")},"taxTotal":{money("tax_total")},'
        f'"discountTotal":{money("discount_total")},"total":{money("total")},'
        f'"status":"{_status(row, today)}","createdAt":"{_timestamp(row["created_at"])}",'
        f'"client":{{"name":{_json(row["name"])},"email":{_json(row["email"])}}}}}'
    )


async def rest_floor(request: Request) -> Response:
    """What `GET /api/v1/invoices?limit=20` answers, from hand-written SQL."""
    org_id = request.query_params["org"]
    limit = int(request.query_params.get("limit", PAGE))
    today = _today(request)
    async with read_snapshot():
        conn = Tortoise.get_connection("default")
        _, counted = await conn.execute_query(_sql(request, REST_COUNT), [org_id])
        _, rows = await conn.execute_query(_sql(request, REST_PAGE), [org_id, limit, 0])
    total = int(counted[0]["total"])
    items = ",".join(_rest_item(row, today) for row in rows)
    body = (
        f'{{"data":[{items}],"total":{total},"page":1,"limit":{limit},'
        f'"totalPages":{-(-total // limit)}}}'
    )
    return Response(body, media_type="application/json")


async def static_pdf(request: Request) -> Response:
    """The --pdf floor: the stored PDF's bytes as a static file."""
    return FileResponse(os.environ[STATIC_PDF_ENV], media_type="application/pdf")


def server_app() -> Starlette:
    """The API with the floors beside it, as the bench's server process serves them."""
    settings = Settings.from_env()
    api = create_app(settings)
    routes = [
        Route("/floor/graphql", graphql_floor),
        Route("/floor/rest", rest_floor),
        Route("/floor/pdf", static_pdf),
        Mount("/", api),
    ]
    bench = Starlette(routes=routes, lifespan=None)
    bench.state.postgres = dialect(settings.database_url) == "postgres"
    return _with_lifespan_of(bench, api)


def _with_lifespan_of(outer: Starlette, inner: Starlette) -> Starlette:
    outer.router.lifespan_context = inner.router.lifespan_context
    return outer


async def _ensure_schema(database_url: str) -> None:
    """Create the PostgreSQL schema the URL names, if it does not exist (never drop it)."""
    schema = parse_qs(urlsplit(database_url).query).get("schema")
    if not schema:
        return
    conn = await asyncpg.connect(database_url.split("?", 1)[0])
    try:
        await conn.execute(f'CREATE SCHEMA IF NOT EXISTS "{schema[0]}"')
    finally:
        await conn.close()


async def seed(database_url: str, invoices: int) -> tuple[str, str, str]:
    """An organization with `invoices` three-line invoices over ten clients, a third of them
    sent, some of those overdue; its id, time zone and an API key. Then ANALYZE, so that
    the planner knows the tables as it would in use."""
    if dialect(database_url) == "postgres":
        await _ensure_schema(database_url)
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
        # One a day up to ten days ago, due in a week or a month: the newest page holds
        # drafts, sent invoices and overdue ones.
        first_day = datetime.now(UTC).date() - timedelta(days=invoices + 10)
        for i in range(invoices):
            line = {"description": f"Work {i}", "quantity": "3", "unit_price": "125.50"}
            issued = first_day + timedelta(days=i)
            due = issued + timedelta(days=7 if i % 2 else 30)
            document = await documents.create_document(
                org,
                {
                    "client_id": people[i % 10].id,
                    "issue_date": issued.isoformat(),
                    "due_date": due.isoformat(),
                    "line_items": [line, line, line],
                },
                series=Series.INVOICE,
                plan=UNLIMITED,
            )
            if i % 3 == 0:
                await documents.mark_sent(org, document.id, Series.INVOICE)
        conn = Tortoise.get_connection("default")
        if dialect(database_url) == "postgres":
            # This schema's tables only: others may share the database.
            models = Tortoise.apps["models"].values()
            tables = ", ".join(f'"{model._meta.db_table}"' for model in models)
            await conn.execute_script(f"ANALYZE {tables}")
        else:
            await conn.execute_script("ANALYZE")
        return org.id, org.timezone, secret
    finally:
        await Tortoise.close_connections()


@dataclass(frozen=True, slots=True)
class Pair:
    """A target and the floor that answers its JSON."""

    name: str
    target: wrk.Target
    floor: wrk.Target


@dataclass(frozen=True, slots=True)
class Figures:
    """One wrk run of one target, with the server's CPU over it."""

    run: wrk.Run
    server_cpu: float

    @property
    def rps(self) -> float:
        return self.run.requests / self.run.seconds

    @property
    def server_ms(self) -> float:
        return 1000 * self.server_cpu / self.run.requests

    @property
    def client_ms(self) -> float:
        return 1000 * self.run.client_cpu / self.run.requests

    @property
    def server_busy(self) -> float:
        return self.server_cpu / self.run.seconds


def pairs(org_id: str, timezone: str, secret: str) -> list[Pair]:
    """The targets, each with its floor."""
    auth = {"Authorization": f"Bearer {secret}"}
    floor_query = urlencode({"org": org_id, "tz": timezone})
    return [
        Pair(
            "GraphQL",
            wrk.Target(
                "POST",
                "/graphql",
                {**auth, "Content-Type": "application/json"},
                json.dumps({"query": GRAPHQL_QUERY}),
            ),
            wrk.Target("GET", f"/floor/graphql?{floor_query}"),
        ),
        Pair(
            "REST v1",
            wrk.Target("GET", f"/api/v1/invoices?limit={PAGE}", auth),
            wrk.Target("GET", f"/floor/rest?{floor_query}&limit={PAGE}"),
        ),
    ]


async def pdf_pair(base: str, secret: str, static: Path) -> tuple[Pair, int]:
    """A stored PDF's download and its floor, and the PDF's size: one invoice's PDF,
    downloaded once (which renders and stores it), its bytes written to `static`, the
    floor's file."""
    auth = {"Authorization": f"Bearer {secret}"}
    async with httpx.AsyncClient(base_url=base, headers=auth, timeout=60) as client:
        listed = (await client.get("/api/v1/invoices", params={"limit": 1})).raise_for_status()
        path = f"/api/v1/invoices/{listed.json()['data'][0]['id']}/pdf"
        pdf = (await client.get(path)).raise_for_status().content
    await asyncio.to_thread(static.write_bytes, pdf)
    pair = Pair("stored PDF", wrk.Target("GET", path, auth), wrk.Target("GET", "/floor/pdf"))
    return pair, len(pdf)


def _parsed(response: httpx.Response) -> Any:
    """The JSON of `response`, its numbers kept as they are spelled (a PDF's bytes)."""
    response.raise_for_status()
    if response.headers["content-type"] == "application/pdf":
        return response.content
    return json.loads(response.text, parse_float=str, parse_int=str)


async def check_floors(base: str, bench: list[Pair]) -> None:
    """Each floor answers exactly its target's data (GraphQL's `data`, REST's whole body)."""
    async with httpx.AsyncClient(base_url=base, timeout=30) as client:
        for pair in bench:
            answers = []
            for target in (pair.target, pair.floor):
                response = await client.request(
                    target.method,
                    target.path,
                    headers=dict(target.headers),
                    content=target.body or None,
                )
                answers.append(_parsed(response))
            answer, floor = answers
            if pair.target.path == "/graphql":
                assert "errors" not in answer, answer["errors"]
                answer, floor = answer["data"], floor["data"]
            assert answer == floor, f"the {pair.name} floor does not answer what {pair.name} does"


async def measure(
    server: Server, target: wrk.Target, lua: Path, seconds: float, connections: int
) -> Figures:
    """One wrk run of `target` against the server, with the CPU the server spent over it."""
    before = process_cpu(server.pid)
    run = await wrk.run(server.base + target.path, lua, seconds=seconds, connections=connections)
    if run.errors:
        raise SystemExit(f"{run.errors} requests failed against {target.path}")
    return Figures(run, process_cpu(server.pid) - before)


async def in_turns(
    bench: list[Pair], servers: Mapping[str, Server], workdir: Path, args: argparse.Namespace
) -> dict[tuple[str, str], list[Figures]]:
    """Each pair's runs, target and floor (each against its server of `servers`, by role),
    after a warm-up of each: every target beside its floor (floor, first target, floor,
    second...), the next round backwards, for `args.rounds` rounds of `args.seconds`."""
    scripts = {
        (pair.name, role): (target, wrk.script(target, workdir, f"{index}-{role}"))
        for index, pair in enumerate(bench)
        for role, target in (("floor", pair.floor), ("target", pair.target))
    }
    order = [(pair.name, role) for pair in bench for role in ("floor", "target")]
    results: dict[tuple[str, str], list[Figures]] = {key: [] for key in order}
    for key in order:  # warm-up, not counted
        await measure(servers[key[1]], *scripts[key], seconds=1, connections=args.connections)
    for round_number in range(args.rounds):
        for key in order if round_number % 2 == 0 else reversed(order):
            figures = await measure(
                servers[key[1]], *scripts[key], seconds=args.seconds, connections=args.connections
            )
            results[key].append(figures)
    return results


def report(results: dict[tuple[str, str], list[Figures]], bench: list[Pair], header: str) -> None:
    """The table: each target's medians, its floor's, and its ratios to the floor."""
    print(header)
    print(
        f"{'':24} {'req/s':>7} {'p50 ms':>7} {'p99 ms':>7} {'server':>7} {'busy':>5} "
        f"{'wrk':>6} {'ratio':>6} {'ratio':>6}"
    )
    print(
        f"{'':24} {'':>7} {'':>7} {'':>7} {'ms/req':>7} {'':>5} {'ms/req':>6} "
        f"{'req/s':>6} {'CPU':>6}"
    )
    for pair in bench:
        floors, targets = results[pair.name, "floor"], results[pair.name, "target"]
        for label, runs in ((f"floor of {pair.name}", floors), (pair.name, targets)):
            line = (
                f"{label:24} {statistics.median([f.rps for f in runs]):7.0f} "
                f"{statistics.median([f.run.p50_ms for f in runs]):7.2f} "
                f"{statistics.median([f.run.p99_ms for f in runs]):7.2f} "
                f"{statistics.median([f.server_ms for f in runs]):7.3f} "
                f"{statistics.median([f.server_busy for f in runs]):5.0%} "
                f"{statistics.median([f.client_ms for f in runs]):6.3f}"
            )
            if runs is targets:
                by_rps = statistics.median(
                    [t.rps / f.rps for f, t in zip(floors, targets, strict=True)]
                )
                by_cpu = statistics.median(
                    [f.server_ms / t.server_ms for f, t in zip(floors, targets, strict=True)]
                )
                line += f" {by_rps:6.2f} {by_cpu:6.2f}"
            print(line)
    for pair in bench:
        floors, targets = results[pair.name, "floor"], results[pair.name, "target"]
        rounds = zip(floors, targets, strict=True)
        ratios = "  ".join(
            f"{t.rps / f.rps:.2f}/{f.server_ms / t.server_ms:.2f}" for f, t in rounds
        )
        print(f"{pair.name} round by round, ratio req/s/CPU: {ratios}")
    every = [figures for runs in results.values() for figures in runs]
    share = max(f.run.client_cpu / f.server_cpu for f in every if f.server_cpu)
    print(f"wrk's CPU was at most {share:.0%} of the server's over any one run.")


async def run(args: argparse.Namespace) -> None:
    wrk.wrk_path()
    with tempfile.TemporaryDirectory(prefix="invoicegraph-bench-") as folder:
        await bench_in(Path(folder), args)


async def bench_in(workdir: Path, args: argparse.Namespace) -> None:
    """Seed, check the floors, measure and print, with the SQLite file and scripts in
    `workdir`."""
    database_url = os.environ.get("DATABASE_URL") or f"sqlite://{workdir / 'bench.sqlite3'}"
    org_id, timezone, secret = await seed(database_url, args.invoices)
    static = workdir / "static.pdf"
    # Without the rate limiter: its cost is bench/load.py's to measure, and 120 a minute
    # would refuse most of this.
    env = {"DATABASE_URL": database_url, "RATE_LIMIT_ENABLED": "false", STATIC_PDF_ENV: str(static)}
    async with uvicorn("bench.api:server_app", env) as server:
        if args.pdf:
            pair, size = await pdf_pair(server.base, secret, static)
            bench, what = [pair], f"a stored PDF of {size} bytes"
        else:
            bench, what = pairs(org_id, timezone, secret), f"pages of {PAGE}"
        await check_floors(server.base, bench)
        results = await in_turns(bench, {"floor": server, "target": server}, workdir, args)
    report(
        results,
        bench,
        f"{dialect(database_url)}, {args.invoices} invoices, {what}: medians of "
        f"{args.rounds} rounds of {args.seconds:g} s per target, wrk with "
        f"{args.connections} connections, one server process on 127.0.0.1\n"
        "server ms/req: the server process's CPU per request (busy: its CPU over the run's "
        "time); wrk ms/req: the client's;\nratio req/s: requests per second over the "
        "floor's in the same round; ratio CPU: the floor's CPU per request over the "
        "target's.",
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seconds", type=float, default=3, help="each target's run a round")
    parser.add_argument("--connections", type=int, default=16, help="wrk's open connections")
    parser.add_argument("--invoices", type=int, default=200, help="invoices to seed")
    parser.add_argument(
        "--pdf", action="store_true", help="a stored PDF's download against a static file"
    )
    asyncio.run(run(parser.parse_args()))


if __name__ == "__main__":
    main()
