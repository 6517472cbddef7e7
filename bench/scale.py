"""The document lists at 1k, 100k and 1M invoices: p50 and p95 of each list query, and its plan.

The bench seeds, by bulk SQL, two organizations with as many invoices each: the measured one
and another, so that a plan that walks through other tenants' rows shows it. Each has 1,000
clients with varied names (a tenth of its invoices go to its ten biggest clients); its
invoices are spread over five years (the first 1,000 are the newest, and have three lines
each), with mixed stored statuses (drafts and unpaid ones mostly recent, older ones mostly
paid, a few voided), due dates 14 to 56 days after issue (a tenth without), varied totals,
numbers unique in the organization, ids of the app's shape whose order is creation order,
and unique public tokens. Invoices only: no estimates. Rows are generated in the database
(PostgreSQL: `INSERT ... SELECT ... FROM generate_series`; SQLite: the same statements over a
recursive CTE), into a database migrated by `models.migrate.upgrade`, so the schema is the
app's own, with its later migrations; the columns filled are those the table has (one that
is NOT NULL, without a default and unknown to the bench stops it, naming the column).

The database grows step by step: seeded up to the first size, analyzed (and vacuumed, on
PostgreSQL), measured, grown to the next, measured again. At each size every query is called
in-process through billing's public list functions (not over HTTP: at 1M the database is what is
measured), once to warm up while the SQL statements it executes are captured (at the level of
the Tortoise connection class, so whatever SQL billing/ sends is seen), then `--repeat` times
(fewer if one query's runs pass 15 s) for its p50 and p95. Each query's plan is then asked for:
`EXPLAIN (ANALYZE, BUFFERS)` on PostgreSQL (one line a node by default, the plan in full with
`--plans`), `EXPLAIN QUERY PLAN` on SQLite. At the end, a verdict per query against the goals:
on PostgreSQL every query at 1M within 2x its 1k figure and `totalCount` within 50 ms; on SQLite
at 100k the first page in the default sort and the searches within 3x.

    DATABASE_URL='postgres://postgres@127.0.0.1:5432/test?schema=scale' \\
        .venv/bin/python -m bench.scale                  # --sizes 1000,100000,1000000
    .venv/bin/python -m bench.scale                      # SQLite: --sizes 1000,100000
    .venv/bin/python -m bench.scale --sizes 1000,10000 --repeat 9 --plans

On PostgreSQL the schema the URL names is the bench's own: it is dropped and created again
at the start of each run (so runs are repeatable), which is why the URL must name one (and
not `public`). SQLite runs in a temporary folder (a SQLite DATABASE_URL is not used). A
statement run repeatedly may switch to a generic plan on PostgreSQL (asyncpg prepares them)
where EXPLAIN shows the plan for the values given. Not a test: it prints figures and asserts
nothing. It talks only to the database.
"""

from __future__ import annotations

import argparse
import asyncio
import contextvars
import hashlib
import itertools
import json
import os
import re
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Awaitable, Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import parse_qs, urlsplit

import asyncpg
from tortoise import Tortoise

from billing import clients, documents, organizations
from billing.documents import DocumentFilter, DocumentSort
from billing.lifecycle import Status
from billing.pagination import MAX_SKIP, PageRequest, Window
from models import Organization
from models.config import dialect, tortoise_config
from models.enums import Series
from models.ids import ALPHABET, base32
from models.migrate import upgrade

CLIENTS = 1000  # per organization
BIG_CLIENTS = 10  # a tenth of the invoices go to these
STEP_MS = 157_000  # between two invoices' creation: 1M invoices span five years
RECENT_DAYS = 90  # newer invoices are often unpaid; older ones mostly paid
LINED = 1000  # the newest invoices, which have lines
LINES = 3
# Creation times end an hour before the run (nothing is in the future), on a whole second.
END_MS = (time.time_ns() // 1_000_000_000 - 3600) * 1000
FIRST_NUMBER = 10_000_000  # numbers count up to it, in creation order
CHUNK = 250_000  # invoices per INSERT statement
# Search terms: one client's name (few invoices) and a fifth of the clients' (many).
FEW_TERM = "Zephyrine"
MANY_TERM = "Group"
BUDGET_S = 15.0  # of one query's timed runs, after at least MIN_RUNS
MIN_RUNS = 3
MAX_STATEMENTS = 6  # captured per call, for the plans
SQL_SHOWN = 200  # characters of a statement shown above its compact plan

FIRST_WORDS = (
    "Acme", "Northwind", "Blue Harbor", "Cedar", "Granite", "Juniper", "Kestrel", "Lumen",
    "Maple", "Nimbus", "Orchid", "Pioneer", "Quartz", "Riverside", "Summit", "Tidewater",
    "Umber", "Vantage", "Willow", "Yarrow", "Émile", "Aster", "Birch", "Copper", "Delta",
)  # fmt: skip
SECOND_WORDS = ("Design", "Logistics", "Bakery", "Studio", "Partners", "Labs", "Foods", "Works")
SUFFIXES = ("Ltd", "GmbH", "& Co", MANY_TERM, "LLC")

# Goals: the query names the SQLite goal covers (first page default sort, and search).
PG_FACTOR, PG_COUNT_MS, SQLITE_FACTOR = 2.0, 50.0, 3.0
FIRST_DEFAULT = ("first page, created desc (window)", "first page, created desc (offset)")
SEARCHES = ("search, few rows (window)", "search, many rows (window)")
TOTAL_COUNT = "totalCount"


def _moment(ms: int) -> datetime:
    return datetime.fromtimestamp(ms / 1000, UTC)


# The SQL functions the seeding statements call, one definition per dialect: on SQLite in
# Python (stored as Tortoise stores them: text dates, times and decimals), on PostgreSQL in
# SQL, created in the bench's schema for the seeding and dropped after it.
SQLITE_FUNCTIONS: dict[str, tuple[int, Callable[..., str]]] = {
    "scale_b32": (1, lambda ms: base32(ms, 10)),
    "scale_hex": (1, lambda text: hashlib.md5(text.encode(), usedforsecurity=False).hexdigest()),
    "scale_ts": (1, lambda ms: _moment(ms).isoformat(sep=" ", timespec="microseconds")),
    "scale_day": (2, lambda ms, days: (_moment(ms).date() + timedelta(days=days)).isoformat()),
    "scale_money": (1, lambda cents: str(Decimal(cents).scaleb(-2))),
}
_B32_SQL = " || ".join(
    f"substr('{ALPHABET}', ((ms >> {5 * shift}) & 31)::int + 1, 1)" for shift in range(9, -1, -1)
)
POSTGRES_FUNCTIONS = {
    "scale_b32": f"(ms bigint) RETURNS text AS $$ SELECT {_B32_SQL} $$",
    "scale_hex": "(value text) RETURNS text AS $$ SELECT md5(value) $$",
    "scale_ts": "(ms bigint) RETURNS timestamptz AS $$ SELECT to_timestamp(ms / 1000.0) $$",
    "scale_day": (
        "(ms bigint, days bigint) RETURNS date AS "
        "$$ SELECT (to_timestamp(ms / 1000.0) AT TIME ZONE 'UTC')::date + days::int $$"
    ),
    "scale_money": "(cents bigint) RETURNS numeric AS $$ SELECT round(cents / 100.0, 2) $$",
}


@dataclass(frozen=True, slots=True)
class Column:
    """A column of a table as the database has it."""

    name: str
    required: bool  # NOT NULL, with no default and not generated


class Seeder(Protocol):
    """A connection of the bench's own, beside Tortoise's, that seeds and analyzes."""

    dialect: str

    async def execute(self, sql: str) -> None: ...

    async def columns(self, table: str) -> list[Column]: ...

    async def analyze(self, tables: Sequence[str]) -> None: ...

    async def close(self) -> None: ...


class SqliteSeeder:
    """The standard library's sqlite3, in a thread, with the seeding functions in Python."""

    dialect = "sqlite"

    def __init__(self, path: Path) -> None:
        self._conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        for name, (arity, fn) in SQLITE_FUNCTIONS.items():
            self._conn.create_function(name, arity, fn, deterministic=True)

    async def execute(self, sql: str) -> None:
        await asyncio.to_thread(self._conn.execute, sql)

    async def columns(self, table: str) -> list[Column]:
        rows = await asyncio.to_thread(
            lambda: self._conn.execute(f'PRAGMA table_xinfo("{table}")').fetchall()
        )
        # cid, name, type, notnull, dflt_value, pk, hidden (generated columns: not 0)
        return [
            Column(name, bool(notnull) and default is None and not hidden)
            for _, name, _, notnull, default, _, hidden in rows
        ]

    async def analyze(self, tables: Sequence[str]) -> None:
        await self.execute("ANALYZE")

    async def close(self) -> None:
        await asyncio.to_thread(self._conn.close)


class PostgresSeeder:
    """An asyncpg connection in the bench's schema, with the seeding functions in SQL."""

    dialect = "postgres"

    def __init__(self, conn: Any, schema: str) -> None:
        self._conn = conn
        self._schema = schema

    @classmethod
    async def connect(cls, dsn: str, schema: str) -> PostgresSeeder:
        conn = await asyncpg.connect(dsn, server_settings={"search_path": schema})
        seeder = cls(conn, schema)
        for name, definition in POSTGRES_FUNCTIONS.items():
            await conn.execute(
                f'CREATE OR REPLACE FUNCTION "{schema}".{name}{definition} '
                "LANGUAGE sql IMMUTABLE PARALLEL SAFE"
            )
        return seeder

    async def execute(self, sql: str) -> None:
        await self._conn.execute(sql)

    async def columns(self, table: str) -> list[Column]:
        rows = await self._conn.fetch(
            "SELECT column_name, is_nullable, column_default, is_generated, is_identity "
            "FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2",
            self._schema,
            table,
        )
        return [
            Column(
                row["column_name"],
                row["is_nullable"] == "NO"
                and row["column_default"] is None
                and row["is_generated"] != "ALWAYS"
                and row["is_identity"] != "YES",
            )
            for row in rows
        ]

    async def analyze(self, tables: Sequence[str]) -> None:
        # VACUUM too: autovacuum would have set the visibility map of a table in use, which
        # index-only scans read.
        await self._conn.execute(f"VACUUM (ANALYZE) {', '.join(tables)}")

    async def close(self) -> None:
        try:
            for name in POSTGRES_FUNCTIONS:
                await self._conn.execute(f'DROP FUNCTION IF EXISTS "{self._schema}".{name}')
        finally:
            await self._conn.close()


def _rows(seeder: Seeder, low: int, high: int) -> str:
    """A FROM item of the integers `low` to `high` as column `n`."""
    if seeder.dialect == "postgres":
        return f"generate_series({low}::bigint, {high}::bigint) AS seq(n)"
    return (
        f"(WITH RECURSIVE seq(n) AS (SELECT {low} UNION ALL SELECT n + 1 FROM seq "
        f"WHERE n < {high}) SELECT n FROM seq) AS seq"
    )


def _text(value: str) -> str:
    """`value` as an SQL string literal."""
    quoted = value.replace("'", "''")
    return f"'{quoted}'"


def _json(seeder: Seeder, sql: str) -> str:
    """The SQL text `sql` as a JSON column takes it."""
    return f"CAST({sql} AS jsonb)" if seeder.dialect == "postgres" else sql


def _bool(seeder: Seeder, value: bool) -> str:
    if seeder.dialect == "postgres":
        return "true" if value else "false"
    return "1" if value else "0"


async def _insert(seeder: Seeder, table: str, values: dict[str, str], source: str) -> None:
    """INSERT INTO `table` the `values` (column: SQL expression over `source`) of the columns
    the table has; stops on a required column the bench does not know."""
    columns = await seeder.columns(table)
    unknown = [c.name for c in columns if c.required and c.name not in values]
    if unknown:
        raise SystemExit(
            f"bench.scale: table {table} has NOT NULL columns without a default that the "
            f"bench does not fill: {', '.join(unknown)} (teach bench/scale.py their values)"
        )
    names = [c.name for c in columns if c.name in values]
    listed = ", ".join(f'"{name}"' for name in names)
    exprs = ", ".join(values[name] for name in names)
    await seeder.execute(f'INSERT INTO "{table}" ({listed}) SELECT {exprs} FROM {source}')


def _client_id(org_index: int, k: str) -> str:
    """The SQL of the id of client number `k` (an SQL expression) of an organization."""
    return (
        f"'cli_' || scale_b32({_client_ms(org_index)} + ({k})) "
        f"|| substr(scale_hex('c{org_index}:' || ({k})), 1, 16)"
    )


def _client_ms(org_index: int) -> int:
    # Clients were made before the oldest invoice a run may seed (ten million of them).
    return END_MS - 10_000_000 * STEP_MS - 86_400_000 + org_index


def client_name(k: int) -> str:
    """The name of client number `k`: unique in its organization; a fifth end in MANY_TERM,
    and the last alone holds FEW_TERM."""
    if k == CLIENTS - 1:
        return f"Quillfeather {FEW_TERM}"
    first = FIRST_WORDS[k % len(FIRST_WORDS)]
    second = SECOND_WORDS[k // len(FIRST_WORDS) % len(SECOND_WORDS)]
    suffix = SUFFIXES[k // (len(FIRST_WORDS) * len(SECOND_WORDS)) % len(SUFFIXES)]
    return f"{first} {second} {suffix}"


async def seed_clients(seeder: Seeder, org_id: str, org_index: int) -> None:
    """The organization's CLIENTS clients."""
    names = " ".join(f"WHEN {k} THEN {_text(client_name(k))}" for k in range(CLIENTS))
    at = f"scale_ts({_client_ms(org_index)} + n)"
    values = {
        "id": _client_id(org_index, "n"),
        "created_at": at,
        "updated_at": at,
        "name": f"CASE n {names} END",
        "email": "'ap' || n || '@client' || n || '.example.com'",
        "address": "''",
        "tax_id": "''",
        "phone": "''",
        "notes": "''",
        "is_active": _bool(seeder, True),
        "organization_id": f"'{org_id}'",
    }
    await _insert(seeder, "client", values, _rows(seeder, 0, CLIENTS - 1))


# An invoice's row from `n` (1: the newest): its creation time `ms`, and `h`, a hash of `n`
# that spreads the rest.
_INVOICE_BASE = (
    "(SELECT n, {end} - n * {step} AS ms, (n * 2654435761) % 4294967296 AS h FROM {rows})"
)
# Its stored status, from `h` and its age.
_STATUS = (
    "CASE WHEN h % 100 < 3 THEN 'VOID' WHEN h % 100 < 8 THEN 'DRAFT' "
    "WHEN n < {recent} THEN CASE WHEN h % 100 < 40 THEN 'SENT' WHEN h % 100 < 50 THEN 'VIEWED' "
    "WHEN h % 100 < 55 THEN 'PARTIALLY_PAID' ELSE 'PAID' END "
    "WHEN h % 100 < 10 THEN 'SENT' WHEN h % 100 < 12 THEN 'VIEWED' "
    "WHEN h % 100 < 13 THEN 'PARTIALLY_PAID' ELSE 'PAID' END"
)
_CLIENT_K = f"CASE WHEN h % 10 = 0 THEN (h >> 4) % {BIG_CLIENTS} ELSE (h >> 4) % {CLIENTS} END"


def _invoice_source(seeder: Seeder, low: int, high: int) -> str:
    base = _INVOICE_BASE.format(end=END_MS, step=STEP_MS, rows=_rows(seeder, low, high))
    status = _STATUS.format(recent=RECENT_DAYS * 86_400_000 // STEP_MS)
    return (
        f"(SELECT n, ms, h, {status} AS st, 1000 + (h >> 5) % 900000 AS cents, "
        f"{_CLIENT_K} AS k FROM {base} AS b) AS r"
    )


def _after(hours: float) -> str:
    """The SQL of a moment `hours` after an invoice's creation, or before the run's end."""
    later = int(hours * 3_600_000)
    return f"scale_ts(ms + CASE WHEN n * {STEP_MS} > {later} THEN {later} ELSE n * {STEP_MS} END)"


def _invoice_id(org_index: int) -> str:
    return f"'inv_' || scale_b32(ms) || substr(scale_hex('d{org_index}:' || n), 1, 16)"


async def seed_invoices(seeder: Seeder, org_id: str, org_index: int, low: int, high: int) -> None:
    """The organization's invoices `low` to `high` (1: the newest), by chunks."""
    false = _bool(seeder, False)
    total = "scale_money(cents)"
    values = {
        "id": _invoice_id(org_index),
        "created_at": "scale_ts(ms)",
        "updated_at": "scale_ts(ms)",
        "is_estimate": false,
        "number": f"'INV-' || ({FIRST_NUMBER} - n)",
        "status": "st",
        "currency": "CASE WHEN h % 10 = 7 THEN 'EUR' ELSE 'USD' END",
        "minor_units": "2",
        "issue_date": "scale_day(ms, -(h % 7))",
        "due_date": (
            "CASE WHEN h % 10 = 3 THEN NULL ELSE scale_day(ms, 14 * (1 + h % 4) - h % 7) END"
        ),
        "discount_type": "NULL",
        "discount_value": "scale_money(0)",
        "tax": "scale_money(0)",
        "tax2": "scale_money(0)",
        "subtotal": total,
        "discount_total": "scale_money(0)",
        "tax_total": "scale_money(0)",
        "total": total,
        "amount_paid": (
            f"CASE st WHEN 'PAID' THEN {total} WHEN 'PARTIALLY_PAID' THEN scale_money(cents / 2) "
            "ELSE scale_money(0) END"
        ),
        "notes": "''",
        "terms": "''",
        "sent_via_email": f"CASE WHEN st = 'DRAFT' THEN {false} ELSE {_bool(seeder, True)} END",
        "sent_to": _json(
            seeder, "CASE WHEN st = 'DRAFT' THEN '[]' ELSE '[\"ap' || k || '@example.com\"]' END"
        ),
        "sent_at": f"CASE WHEN st = 'DRAFT' THEN NULL ELSE {_after(0.5)} END",
        "viewed_at": (
            f"CASE WHEN st IN ('VIEWED', 'PARTIALLY_PAID', 'PAID') THEN {_after(24)} END"
        ),
        "accepted_at": "NULL",
        "paid_at": f"CASE WHEN st = 'PAID' THEN {_after(240)} END",
        "voided_at": f"CASE WHEN st = 'VOID' THEN {_after(2)} END",
        "public_token": f"scale_hex('t{org_index}:' || n)",
        "sending_until": "NULL",
        "client_id": _client_id(org_index, "k"),
        "organization_id": f"'{org_id}'",
        "source_estimate_id": "NULL",
    }
    for start in range(low, high + 1, CHUNK):
        end = min(high, start + CHUNK - 1)
        await _insert(seeder, "document", values, _invoice_source(seeder, start, end))
    if low <= LINED:
        await seed_lines(seeder, org_index, low, min(high, LINED))


async def seed_lines(seeder: Seeder, org_index: int, low: int, high: int) -> None:
    """LINES lines on each of the invoices `low` to `high`."""
    money = "scale_money(cents)"
    values = {
        "id": (
            f"'li_' || scale_b32(ms) || substr(scale_hex('l{org_index}:' || n || ':' || p), 1, 16)"
        ),
        "created_at": "scale_ts(ms)",
        "updated_at": "scale_ts(ms)",
        "position": "p",
        "description": "'Consulting, phase ' || (p + 1)",
        "quantity": "scale_money(100 * (1 + p))",
        "unit_price": money,
        "tax_rate": "scale_money(0)",
        "apply_tax": _bool(seeder, True),
        "apply_discount": _bool(seeder, True),
        "amount": "scale_money(cents * (1 + p))",
        "discount": "scale_money(0)",
        "tax": "scale_money(0)",
        "document_id": _invoice_id(org_index),
    }
    positions = " UNION ALL ".join(f"SELECT {p} AS p" for p in range(LINES))
    base = _INVOICE_BASE.format(end=END_MS, step=STEP_MS, rows=_rows(seeder, low, high))
    source = (
        f"(SELECT n, ms, p, 100 + h % 90000 AS cents FROM {base} AS b, ({positions}) AS ps) AS r"
    )
    await _insert(seeder, "line_item", values, source)


async def seed_up_to(seeder: Seeder, orgs: Sequence[Organization], done: int, size: int) -> None:
    """Grow both organizations from `done` invoices to `size`, then analyze."""
    for index, org in enumerate(orgs):
        await seed_invoices(seeder, org.id, index, done + 1, size)
    # The next invoice the app numbers comes after every seeded one.
    await seeder.execute(
        f"UPDATE number_sequence SET next_value = {FIRST_NUMBER} WHERE series = 'INVOICE'"
    )
    await seeder.analyze(["document", "client", "line_item"])


# Capturing the SQL of a call: the connection class's execute_query and execute_query_dict
# record what they run, for as long as a `capturing()` block lasts. Class level, as the
# snapshots' connections (SQLite's readers, asyncpg's transactions) are other instances of
# subclasses of the default connection's class.


@dataclass(slots=True)
class Statement:
    """One SQL statement a call executed, with its values."""

    sql: str
    values: list[Any]


_recording: contextvars.ContextVar[list[Statement] | None] = contextvars.ContextVar(
    "recording", default=None
)
_QUERY_METHODS = ("execute_query", "execute_query_dict")


def _owner(cls: type, name: str) -> type:
    """The class of `cls`'s MRO whose `name` runs."""
    return next(klass for klass in cls.__mro__ if name in vars(klass))


@contextmanager
def capturing(limit: int = MAX_STATEMENTS) -> Iterator[list[Statement]]:
    """The SELECT statements run by the default connection (and its snapshots) in the block,
    the first `limit` of them."""
    conn_class = type(Tortoise.get_connection("default"))
    captured: list[Statement] = []
    originals: list[tuple[type, str, Any]] = []
    for name in _QUERY_METHODS:
        owner = _owner(conn_class, name)
        original = vars(owner)[name]
        originals.append((owner, name, original))

        def recorder(original: Any) -> Any:
            async def execute(self: Any, query: str, values: list[Any] | None = None) -> Any:
                recording = _recording.get()
                if recording is not None:
                    token = _recording.set(None)  # one record, if one method calls another
                    try:
                        if len(recording) < limit and re.match(r"\s*(SELECT|WITH)\b", query, re.I):
                            recording.append(Statement(query, list(values or [])))
                        return await original(self, query, values)
                    finally:
                        _recording.reset(token)
                return await original(self, query, values)

            return execute

        setattr(owner, name, recorder(original))
    token = _recording.set(captured)
    try:
        yield captured
    finally:
        _recording.reset(token)
        for owner, name, original in originals:
            setattr(owner, name, original)


async def explain(statement: Statement, postgres: bool, full: bool) -> list[str]:
    """The plan of `statement`: compact node lines, or EXPLAIN's own text with `full`."""
    conn = Tortoise.get_connection("default")
    if not postgres:
        _, rows = await conn.execute_query(f"EXPLAIN QUERY PLAN {statement.sql}", statement.values)
        depth: dict[int, int] = {}
        lines = []
        for row in rows:
            node, parent, detail = int(row["id"]), int(row["parent"]), str(row["detail"])
            depth[node] = depth.get(parent, -1) + 1
            lines.append("  " * depth[node] + detail)
        return lines
    if full:
        _, rows = await conn.execute_query(
            f"EXPLAIN (ANALYZE, BUFFERS) {statement.sql}", statement.values
        )
        return [str(row["QUERY PLAN"]) for row in rows]
    _, rows = await conn.execute_query(
        f"EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) {statement.sql}", statement.values
    )
    raw = rows[0]["QUERY PLAN"]
    (plan,) = json.loads(raw) if isinstance(raw, str) else raw
    lines = []
    _plan_nodes(plan["Plan"], 0, lines)
    lines.append(
        f"execution {plan['Execution Time']:.1f} ms, planning {plan['Planning Time']:.1f} ms"
    )
    return lines


def _statement_shown(sql: str) -> str:
    """A statement shortened for a compact plan: its select list elided."""
    text = " ".join(sql.split())
    text = re.sub(r"^SELECT (.{40,}?) FROM ", "SELECT ... FROM ", text)
    return _short(text, SQL_SHOWN)


def _short(text: str, width: int) -> str:
    text = re.sub(r"'([a-z]{2,4})_[0-9a-z]{26}'", r"'\1_...'", " ".join(text.split()))
    return text if len(text) <= width else text[: width - 1] + "…"


def _plan_nodes(node: dict[str, Any], depth: int, lines: list[str]) -> None:
    """One line for `node` and each node below it: what it is, what it read and cost."""
    parts = [node["Node Type"]]
    if "Index Name" in node:
        parts.append(f"using {node['Index Name']}")
    if "Relation Name" in node:
        parts.append(f"on {node['Relation Name']}")
    for key, label in (("Index Cond", "cond"), ("Filter", "filter"), ("Sort Key", "by")):
        if key in node:
            value = node[key]
            text = ", ".join(value) if isinstance(value, list) else str(value)
            parts.append(f"{label} {_short(text, 90)}")
    parts.append(
        f"rows={node.get('Actual Rows', 0)}x{node.get('Actual Loops', 1)} "
        f"{node.get('Actual Total Time', 0.0):.1f} ms"
    )
    removed = node.get("Rows Removed by Filter", 0) + node.get("Rows Removed by Index Recheck", 0)
    if removed:
        parts.append(f"removed {removed}")
    if "Heap Fetches" in node:
        parts.append(f"heap fetches {node['Heap Fetches']}")
    if "Sort Method" in node:
        parts.append(f"sort {node['Sort Method']}")
    blocks = node.get("Shared Hit Blocks", 0) + node.get("Shared Read Blocks", 0)
    if blocks:
        parts.append(f"buffers {blocks} ({node.get('Shared Read Blocks', 0)} read)")
    lines.append("  " * depth + ", ".join(parts))
    for child in node.get("Plans", ()):
        _plan_nodes(child, depth + 1, lines)


@dataclass(slots=True)
class Query:
    """One list query the bench measures: its name and the call that runs it."""

    name: str
    call: Callable[[], Awaitable[object]]


@dataclass(slots=True)
class Measured:
    """One query's timings at one size, and the statements of one call with their plans."""

    runs_ms: list[float]
    plans: list[tuple[Statement, list[str]]] = field(default_factory=list)

    @property
    def p50(self) -> float:
        return statistics.median(self.runs_ms)

    @property
    def p95(self) -> float:
        if len(self.runs_ms) < 2:
            return self.runs_ms[0]
        return statistics.quantiles(self.runs_ms, n=20, method="inclusive")[18]


async def _value(sql: str, postgres: bool, *values: Any) -> Any:
    """The first column of the first row of `sql` (its placeholders `{}` numbered as the
    dialect wants), None for no row."""
    marks = [f"${i + 1}" if postgres else "?" for i in range(len(values))]
    _, rows = await Tortoise.get_connection("default").execute_query(
        sql.format(*marks), list(values)
    )
    return next(iter(dict(rows[0]).values())) if rows else None


async def queries(org: Organization, size: int, postgres: bool) -> list[Query]:
    """The queries measured at `size` invoices, with what they need found first: a cursor
    and an offset page 90% into the list, the biggest client and a page of clients."""
    invoice = Series.INVOICE
    by_due: dict[str, Any] = {"sort": DocumentSort.DUE_DATE, "descending": False}
    # A due date about 90% into the dated invoices (80% into the list: a tenth have none,
    # and sort last), and the cursor of the first invoice due then: a filtered window's,
    # which is valid on the unfiltered list in the same sort.
    deep_due = await _value(
        "SELECT due_date FROM document WHERE organization_id = {} AND due_date IS NOT NULL "
        "ORDER BY due_date LIMIT 1 OFFSET {}",
        postgres,
        org.id,
        int(size * 0.8),
    )
    if isinstance(deep_due, str):
        deep_due = date.fromisoformat(deep_due)
    found = await documents.window_documents(
        org, invoice, DocumentFilter(due_date_from=deep_due), **by_due, window=Window(first=1)
    )
    deep_cursor = found.end_cursor
    big_client = await _value(
        "SELECT id FROM client WHERE organization_id = {} AND name = {}",
        postgres,
        org.id,
        client_name(0),
    )
    client_page = [client.id for client in (await clients.list_clients(org)).items]
    deep_page = max(1, min(int(size * 0.9), MAX_SKIP) // 20)
    counted = await documents.window_documents(org, invoice)

    def window(
        where: DocumentFilter | None = None, **options: Any
    ) -> Callable[[], Awaitable[object]]:
        return lambda: documents.window_documents(org, invoice, where, **options)

    listed: list[tuple[str, Callable[[], Awaitable[object]]]] = [
        (FIRST_DEFAULT[0], window()),
        (FIRST_DEFAULT[1], lambda: documents.list_documents(org, invoice)),
        ("first page, due date asc", window(**by_due)),
        ("first page, due date desc", window(sort=DocumentSort.DUE_DATE)),
        ("deep window, due date asc", window(**by_due, window=Window(after=deep_cursor))),
        (
            f"offset page {deep_page} (offset)",
            lambda: documents.list_documents(org, invoice, page=PageRequest(page=deep_page)),
        ),
        (TOTAL_COUNT, counted.count),
        (SEARCHES[0], window(DocumentFilter(search=FEW_TERM))),
        (SEARCHES[1], window(DocumentFilter(search=MANY_TERM))),
        ("status OVERDUE (window)", window(DocumentFilter(status=Status.OVERDUE))),
        ("one client's invoices (window)", window(DocumentFilter(client_id=big_client))),
        (
            "windows of 20 clients (nested)",
            lambda: documents.windows_by(org, invoice, "client_id", client_page),
        ),
        ("clients, search (offset)", lambda: clients.list_clients(org, search=MANY_TERM)),
    ]
    return [Query(name, call) for name, call in listed]


def _query_key(name: str) -> str:
    """The name of a query the same at every size (the deep offset page's number is not)."""
    return re.sub(r"^offset page \d+", "deep offset page", name)


async def measure(query: Query, repeat: int, postgres: bool, full_plans: bool) -> Measured:
    """One call (warm-up) capturing its SQL, up to `repeat` timed calls, then the plans."""
    with capturing() as statements:
        await query.call()
    runs: list[float] = []
    started = time.perf_counter()
    for _ in range(repeat):
        before = time.perf_counter()
        await query.call()
        runs.append((time.perf_counter() - before) * 1000)
        if len(runs) >= MIN_RUNS and time.perf_counter() - started > BUDGET_S:
            break
    measured = Measured(runs)
    for statement in statements:
        measured.plans.append((statement, await explain(statement, postgres, full_plans)))
    return measured


def size_label(size: int) -> str:
    """1k, 100k, 1M."""
    if size >= 1_000_000 and size % 1_000_000 == 0:
        return f"{size // 1_000_000}M"
    if size >= 1000 and size % 1000 == 0:
        return f"{size // 1000}k"
    return str(size)


def report(
    kind: str,
    size: int,
    results: dict[str, Measured],
    first: dict[str, Measured],
    first_size: int,
    full_plans: bool,
) -> None:
    """The table of one size, then each query's statements and plans."""
    print(
        f"\n{kind}, {size:,} invoices in each of 2 organizations: p50 and p95 in ms "
        f"(ratio: p50 over its p50 at {size_label(first_size)})"
    )
    print(f"{'query':40} {'runs':>4} {'p50':>9} {'p95':>9} {'ratio':>7}")
    for name, measured in results.items():
        base = first.get(_query_key(name))
        ratio = f"{measured.p50 / base.p50:6.1f}x" if base and base.p50 else ""
        print(
            f"{name:40} {len(measured.runs_ms):4} {measured.p50:9.2f} {measured.p95:9.2f} "
            f"{ratio:>7}"
        )
    print(f"\nplans at {size_label(size)}:")
    for name, measured in results.items():
        print(f"[{name}] {len(measured.plans)} statement(s)")
        for number, (statement, plan) in enumerate(measured.plans, 1):
            shown = (
                " ".join(statement.sql.split()) if full_plans else _statement_shown(statement.sql)
            )
            print(f"  {number}. {shown}")
            for line in plan:
                print(f"       {line}")


def verdicts(kind: str, by_size: dict[int, dict[str, Measured]]) -> None:
    """One line a query against the goals; printed, not asserted."""
    postgres = kind == "postgres"
    goal_size = 1_000_000 if postgres else 100_000
    print(
        "\nverdicts: "
        + (
            f"every query at 1M within {PG_FACTOR:g}x of 1k, totalCount within "
            f"{PG_COUNT_MS:g} ms at 1M"
            if postgres
            else f"at 100k, first page in the default sort and search within "
            f"{SQLITE_FACTOR:g}x of 1k"
        )
    )
    if 1000 not in by_size or goal_size not in by_size:
        print(f"  none: the goals compare 1k with {size_label(goal_size)}, not both measured")
        return
    base = {_query_key(name): m for name, m in by_size[1000].items()}
    for name, measured in by_size[goal_size].items():
        key = _query_key(name)
        ratio = measured.p50 / base[key].p50
        figures = f"{base[key].p50:8.2f} -> {measured.p50:8.2f} ms ({ratio:5.1f}x)"
        if postgres:
            met = ratio <= PG_FACTOR and (key != TOTAL_COUNT or measured.p50 <= PG_COUNT_MS)
            goal = f"<= {PG_FACTOR:g}x" + (f", <= {PG_COUNT_MS:g} ms" if key == TOTAL_COUNT else "")
        elif key in FIRST_DEFAULT or key in SEARCHES:
            met, goal = ratio <= SQLITE_FACTOR, f"<= {SQLITE_FACTOR:g}x"
        else:
            print(f"  {key:40} {figures}  no goal on SQLite")
            continue
        print(f"  {key:40} {figures}  {'meets' if met else 'MISSES'} ({goal})")


async def prepare(database_url: str) -> Seeder:
    """The bench's database, migrated and empty, and its seeding connection; on PostgreSQL
    the URL's schema is dropped and created anew."""
    if dialect(database_url) == "postgres":
        schema = (parse_qs(urlsplit(database_url).query).get("schema") or [""])[0]
        if not schema or schema == "public":
            raise SystemExit(
                "bench.scale drops and recreates its schema: name one of its own in "
                "DATABASE_URL, such as ?schema=scale"
            )
        dsn = database_url.split("?", 1)[0]
        conn = await asyncpg.connect(dsn)
        try:
            await conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
            await conn.execute(f'CREATE SCHEMA "{schema}"')
        finally:
            await conn.close()
        await upgrade(database_url)
        return await PostgresSeeder.connect(dsn, schema)
    await upgrade(database_url)
    path = Path(database_url.removeprefix("sqlite://").split("?", 1)[0])
    return SqliteSeeder(path)


async def run(database_url: str, sizes: Sequence[int], repeat: int, full_plans: bool) -> None:
    """Seed, measure and print at each size, then the verdicts."""
    kind = dialect(database_url)
    postgres = kind == "postgres"
    seeder = await prepare(database_url)
    config = tortoise_config(database_url)
    by_size: dict[int, dict[str, Measured]] = {}
    try:
        await Tortoise.init(config=config, _enable_global_fallback=True)
        try:
            orgs = [
                await organizations.create_organization(name)
                for name in ("Scale Measured Ltd", "Scale Other Ltd")
            ]
        finally:
            await Tortoise.close_connections()
        for index, org in enumerate(orgs):
            await seed_clients(seeder, org.id, index)
        done = 0
        for size in sizes:
            started = time.perf_counter()
            await seed_up_to(seeder, orgs, done, size)
            done = size
            print(
                f"\nseeded {size:,} invoices per organization, "
                f"{'vacuumed and analyzed' if postgres else 'analyzed'} "
                f"({time.perf_counter() - started:.1f} s)",
                flush=True,
            )
            # A fresh connection at each size: it reads the new statistics, and no plan
            # prepared at the last size is reused.
            await Tortoise.init(config=config, _enable_global_fallback=True)
            try:
                org = await organizations.get_organization(orgs[0].id)
                results = {}
                for query in await queries(org, size, postgres):
                    results[query.name] = await measure(query, repeat, postgres, full_plans)
            finally:
                await Tortoise.close_connections()
            by_size[size] = results
            first_size = sizes[0]
            first = {_query_key(name): m for name, m in by_size[first_size].items()}
            report(kind, size, results, first, first_size, full_plans)
            print(flush=True)
    finally:
        await seeder.close()
    verdicts(kind, by_size)


def _sizes(text: str) -> list[int]:
    sizes = [int(part.replace("_", "")) for part in text.split(",") if part.strip()]
    if not sizes or any(b <= a for a, b in itertools.pairwise(sizes)) or sizes[0] < 1:
        raise argparse.ArgumentTypeError("sizes: increasing positive integers, e.g. 1000,100000")
    return sizes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes",
        type=_sizes,
        help="invoices per organization, growing (PostgreSQL: 1000,100000,1000000; SQLite: "
        "1000,100000)",
    )
    parser.add_argument("--repeat", type=int, default=15, help="timed calls of each query")
    parser.add_argument(
        "--plans", action="store_true", help="PostgreSQL's plans in full, with whole statements"
    )
    args = parser.parse_args()
    if args.repeat < 1:
        parser.error("--repeat: at least 1")
    database_url = os.environ.get("DATABASE_URL", "")
    with tempfile.TemporaryDirectory(prefix="invoicegraph-scale-") as folder:
        if not database_url.startswith(("postgres://", "postgresql://")):
            database_url = f"sqlite://{Path(folder) / 'scale.sqlite3'}"
        default = (
            [1000, 100_000, 1_000_000] if dialect(database_url) == "postgres" else [1000, 100_000]
        )
        asyncio.run(run(database_url, args.sizes or default, args.repeat, args.plans))


if __name__ == "__main__":
    main()
