"""Each dialect's aerich chain builds exactly the tables the models describe."""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from contextvars import copy_context
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import TypeVar

import asyncpg
import pytest
from tortoise import Tortoise
from tortoise.connection import get_connection
from tortoise.context import TortoiseContext
from tortoise.transactions import in_transaction

from billing import numbering
from models import (
    Client,
    CreditNote,
    Document,
    DocumentPdf,
    NumberSequence,
    Organization,
    Payment,
)
from models.config import APP, MIGRATIONS_ROOT, MigrationsMissing, tortoise_config
from models.enums import Series
from models.migrate import pending_changes, unapplied, upgrade
from tests.conftest import Backend, _drop_postgres_schema, _postgres_schema, require_server

POSTGRES_ENV = "TEST_POSTGRES_URL"
T = TypeVar("T")


def model_columns() -> dict[str, set[str]]:
    """The tables and columns the models declare (aerich's own table included)."""
    tables: dict[str, set[str]] = {}
    for model in Tortoise.apps["models"].values():
        meta = model._meta
        tables[meta.db_table] = set(meta.fields_db_projection.values())
    return tables


async def sqlite_columns(path: str) -> dict[str, set[str]]:
    import aiosqlite

    async with aiosqlite.connect(path) as conn:
        names = [
            row[0]
            async for row in await conn.execute(
                # Ordinary tables: not FTS5's virtual tables nor the shadow tables they keep.
                "SELECT name FROM pragma_table_list WHERE type = 'table' AND schema = 'main' "
                "AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {
            name: {row[1] async for row in await conn.execute(f'PRAGMA table_info("{name}")')}
            for name in names
        }


async def postgres_columns(base_url: str, schema: str) -> dict[str, set[str]]:
    conn = await asyncpg.connect(base_url.split("?", 1)[0])
    try:
        rows = await conn.fetch(
            "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE table_schema = $1",
            schema,
        )
    finally:
        await conn.close()
    tables: dict[str, set[str]] = {}
    for row in rows:
        tables.setdefault(row["table_name"], set()).add(row["column_name"])
    return tables


async def test_models_have_no_changes_missing_from_either_chain() -> None:
    assert await pending_changes() == {}


def migrated_columns(backend: Backend) -> dict[str, set[str]]:
    """The tables and columns a migrated database of `backend` has: the models', and on
    SQLite the keys of its index of the numbers (migration 7), which no model declares."""
    tables = model_columns()
    if not backend.is_postgres:
        tables["document_search_key"] = {"key", "document_id"}
    return tables


async def test_a_fresh_database_migrates_to_the_models(backend: Backend, tmp_path: Path) -> None:
    expected = migrated_columns(backend)
    if backend.is_postgres:
        base = require_server(POSTGRES_ENV, "PostgreSQL")
        schema, url = await _postgres_schema(base)
        try:
            pending = await unapplied(url)
            applied = await upgrade(url)
            assert await upgrade(url) == [] and await unapplied(url) == []
            actual = await postgres_columns(base, schema)
        finally:
            await _drop_postgres_schema(base, schema)
    else:
        path = tmp_path / "fresh" / "db.sqlite3"
        url = f"sqlite://{path}"
        pending = await unapplied(url)
        applied = await upgrade(url)
        assert await upgrade(url) == [] and await unapplied(url) == []
        actual = await sqlite_columns(str(path))
    assert applied and applied[0].startswith("0_") and pending == applied
    assert actual == expected


def _chains_up_to(root: Path, last: int) -> Path:
    """A copy of both chains that ends at version `last`: the migrations as they once were."""
    for chain in ("sqlite", "postgres"):
        (root / chain / APP).mkdir(parents=True)
        for migration in (MIGRATIONS_ROOT / chain / APP).glob("*_*.py"):
            if int(migration.name.split("_")[0]) <= last:
                shutil.copy(migration, root / chain / APP / migration.name)
    return root


async def _in_database(url: str, work: Callable[[], Awaitable[T]]) -> T:
    """What `work` returns, run with the ORM connected to the database at `url` alone."""

    async def run() -> T:
        async with TortoiseContext() as ctx:
            await ctx.init(config=tortoise_config(url))
            return await work()

    return await asyncio.create_task(run(), context=copy_context())


async def _insert(table: str, values: dict[str, object]) -> None:
    """A row written as an older version's code wrote it: by SQL, of that version's columns
    (the models describe the latest)."""
    conn = get_connection("default")
    postgres = conn.capabilities.dialect == "postgres"
    marks = [f"${n}" if postgres else "?" for n in range(1, len(values) + 1)]
    listed = ", ".join(f'"{column}"' for column in values)
    await conn.execute_query(
        f'INSERT INTO "{table}" ({listed}) VALUES ({", ".join(marks)})', list(values.values())
    )


async def _an_old_tenant() -> tuple[str, str]:
    """An organization and a client of version 1's columns (unchanged to version 8)."""
    now = datetime.now(UTC)
    party = {"created_at": now, "updated_at": now, "email": "", "address": "", "tax_id": ""}
    await _insert(
        "organization",
        {
            "id": "org_old",
            **party,
            "name": "Org",
            "phone": "",
            "currency": "USD",
            "timezone": "UTC",
            "locale": "en_US",
            "plan": "unlimited",
            "paper_size": "A4",
        },
    )
    await _insert(
        "client",
        {
            "id": "cli_old",
            **party,
            "name": "C",
            "phone": "",
            "notes": "",
            "is_active": True,
            "organization_id": "org_old",
        },
    )
    return "org_old", "cli_old"


async def _an_old_document(
    org_id: str, client_id: str, number: str, currency: str, **later: object
) -> str:
    """A document of version 7's columns (before each recorded its minor units), and the
    `later` versions' columns given."""
    now = datetime.now(UTC)
    document_id = f"inv_{number}"
    await _insert(
        "document",
        {
            "id": document_id,
            "created_at": now,
            "updated_at": now,
            "organization_id": org_id,
            "client_id": client_id,
            "is_estimate": False,
            "number": number,
            "status": "SENT",
            "currency": currency,
            "issue_date": date(2026, 1, 1),
            "discount_value": Decimal(0),
            "tax": Decimal(0),
            "tax2": Decimal(0),
            "subtotal": Decimal(1500),
            "discount_total": Decimal(0),
            "tax_total": Decimal(0),
            "total": Decimal(1500),
            "amount_paid": Decimal(0),
            "notes": "",
            "terms": "",
            "sent_via_email": False,
            "sent_to": "[]",
            "public_token": f"t-{number}",
            **later,
        },
    )
    return document_id


async def _store_a_pdf_as_version_1_did() -> None:
    org_id, client_id = await _an_old_tenant()
    invoice_id = await _an_old_document(org_id, client_id, "INV-1", "USD")
    now = datetime.now(UTC)
    await _insert(
        "document_pdf",
        {
            "id": "pdf_1",
            "created_at": now,
            "updated_at": now,
            "input_hash": "hash",
            "content": b"%PDF-",
            "document_id": invoice_id,
        },
    )


async def _stored_pdfs() -> int:
    return await DocumentPdf.all().count()


@dataclass(frozen=True)
class Database:
    """A database of its own for one test: its URL, and (on PostgreSQL) its server and schema."""

    url: str
    base: str = ""
    schema: str = ""

    async def columns(self, tmp_path: Path) -> dict[str, set[str]]:
        if self.schema:
            return await postgres_columns(self.base, self.schema)
        return await sqlite_columns(str(tmp_path / "db.sqlite3"))


@asynccontextmanager
async def database_at(backend: Backend, tmp_path: Path, version: int) -> AsyncIterator[Database]:
    """A new database of `backend` migrated as far as version `version`, dropped after."""
    if backend.is_postgres:
        base = require_server(POSTGRES_ENV, "PostgreSQL")
        schema, url = await _postgres_schema(base)
        database = Database(url, base, schema)
    else:
        database = Database(f"sqlite://{tmp_path / 'db.sqlite3'}")
    try:
        await upgrade(database.url, root=_chains_up_to(tmp_path / "chains", version))
        yield database
    finally:
        if database.schema:
            await _drop_postgres_schema(database.base, database.schema)


async def test_stored_pdfs_without_a_version_go_with_the_migration_that_adds_it(
    backend: Backend, tmp_path: Path
) -> None:
    """Stored before PDFs had versions, a PDF is not served again but rendered again: the
    migration empties their table, where adding NOT NULL columns to its rows would fail."""
    async with database_at(backend, tmp_path, 1) as db:
        await _in_database(db.url, _store_a_pdf_as_version_1_did)
        applied = await upgrade(db.url)
        assert applied[0].split("_")[0] == "2"
        assert await _in_database(db.url, _stored_pdfs) == 0
        assert await db.columns(tmp_path) == migrated_columns(backend)


async def _store_documents_as_version_7_did() -> None:
    org_id, client_id = await _an_old_tenant()
    for currency in ("IQD", "JPY", "USD", "KWD"):
        await _an_old_document(org_id, client_id, f"{currency}-1", currency)
    now = datetime.now(UTC)
    await _insert(
        "payment",
        {
            "id": "pay_1",
            "created_at": now,
            "updated_at": now,
            "organization_id": org_id,
            "document_id": "inv_IQD-1",
            "amount": Decimal(500),
            "currency": "IQD",
            "payment_date": date(2026, 1, 2),
            "payment_method": "CASH",
            "note": "",
        },
    )


async def _recorded_minor_units() -> tuple[dict[str, int], dict[str, int]]:
    documents = dict(await Document.all().values_list("currency", "minor_units"))
    payments = dict(await Payment.all().values_list("currency", "minor_units"))
    return documents, payments


async def test_stored_documents_keep_the_minor_units_they_were_rounded_to(
    backend: Backend, tmp_path: Path
) -> None:
    """Rounded to CLDR's digits before documents recorded theirs, an IQD document keeps 0
    decimals (ISO 4217 says 3, which new ones get), and its payments with it."""
    async with database_at(backend, tmp_path, 7) as db:
        await _in_database(db.url, _store_documents_as_version_7_did)
        applied = await upgrade(db.url)
        assert applied[0].split("_")[0] == "8"
        documents, payments = await _in_database(db.url, _recorded_minor_units)
        assert documents == {"IQD": 0, "JPY": 0, "USD": 2, "KWD": 3}
        assert payments == {"IQD": 0}


async def _an_old_tenants_credit_note_number() -> tuple[list[tuple[str, str, int]], str]:
    sequences = await NumberSequence.filter(organization_id="org_old").values_list(
        "series", "pattern", "next_value"
    )
    org = await Organization.get(id="org_old")
    async with in_transaction() as conn:
        number = await numbering.take_next_number(
            org, Series.CREDIT_NOTE, conn, issued=date(2026, 3, 1)
        )
    return [(str(series), pattern, value) for series, pattern, value in sequences], number


async def test_an_existing_organization_numbers_its_credit_notes_from_cn_0001(
    backend: Backend, tmp_path: Path
) -> None:
    async with database_at(backend, tmp_path, 9) as db:
        await _in_database(db.url, _an_old_tenant)
        applied = await upgrade(db.url)
        assert applied[0].split("_")[0] == "10"
        sequences, number = await _in_database(db.url, _an_old_tenants_credit_note_number)
        assert sequences == [("CREDIT_NOTE", "CN-{seq:04}", 1)]
        assert number == "CN-0001"


async def _a_credit_note_as_version_10_did() -> None:
    org_id, client_id = await _an_old_tenant()
    invoice_id = await _an_old_document(
        org_id, client_id, "INV-1", "USD", minor_units=2, amount_credited=Decimal(100)
    )
    now = datetime.now(UTC)
    await _insert(
        "credit_note",
        {
            "id": "cn_1",
            "created_at": now,
            "updated_at": now,
            "organization_id": org_id,
            "invoice_id": invoice_id,
            "client_id": client_id,
            "number": "CN-0001",
            "currency": "USD",
            "minor_units": 2,
            "issue_date": date(2026, 1, 2),
            "reason": "",
            "subtotal": Decimal(100),
            "tax_total": Decimal(0),
            "total": Decimal(100),
            "tax_breakdown": "[]",
            "amount_refunded": Decimal(0),
            "public_token": "t-cn-1",
        },
    )


async def _credit_note_sending() -> tuple[list[str], object, object]:
    note = await CreditNote.get(id="cn_1")
    return note.sent_to, note.sent_at, note.sending_until


async def test_an_issued_credit_note_reads_as_never_e_mailed_after_the_migration(
    backend: Backend, tmp_path: Path
) -> None:
    async with database_at(backend, tmp_path, 10) as db:
        await _in_database(db.url, _a_credit_note_as_version_10_did)
        applied = await upgrade(db.url)
        assert applied[0].split("_")[0] == "11"
        assert await _in_database(db.url, _credit_note_sending) == ([], None, None)


async def test_a_missing_chain_is_an_error_not_up_to_date(tmp_path: Path) -> None:
    """Without its migrations (an incomplete installation), migrating must not do nothing."""
    url = f"sqlite://{tmp_path / 'data' / 'db.sqlite3'}"
    with pytest.raises(MigrationsMissing, match="no migrations in"):
        await upgrade(url, root=tmp_path / "nowhere")
    with pytest.raises(MigrationsMissing, match="no migrations in"):
        await unapplied(url, root=tmp_path / "nowhere")
    assert not (tmp_path / "data").exists()


async def test_the_database_refuses_what_must_never_happen(db: Backend) -> None:
    """Unique numbers and no silent cascades are database constraints, not only code."""
    from tortoise.exceptions import IntegrityError

    from models.enums import PaymentMethod

    org = await Organization.create(name="Org")
    client = await Client.create(organization=org, name="C")
    doc = await Document.create(
        organization=org,
        client=client,
        number="INV-1",
        currency="USD",
        minor_units=2,
        issue_date=date(2026, 1, 1),
        public_token="t1",
    )
    with pytest.raises(IntegrityError):
        await Document.create(
            organization=org,
            client=client,
            number="INV-1",
            currency="USD",
            minor_units=2,
            issue_date=date(2026, 1, 1),
            public_token="t2",
        )
    estimate = await Document.create(
        organization=org,
        client=client,
        number="INV-1",
        currency="USD",
        minor_units=2,
        is_estimate=True,
        issue_date=date(2026, 1, 1),
        public_token="t3",
    )
    assert estimate.id.startswith("est_") and doc.id.startswith("inv_")
    with pytest.raises(IntegrityError):
        await client.delete()
    await Payment.create(
        organization=org,
        document=doc,
        amount=1,
        currency="USD",
        minor_units=2,
        payment_date=date(2026, 1, 2),
        payment_method=PaymentMethod.CASH,
    )
    with pytest.raises(IntegrityError):
        await doc.delete()
