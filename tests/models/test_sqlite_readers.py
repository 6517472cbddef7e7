"""SQLite's reader connections: a read of one statement runs on a reader with no transaction
around it, beside a writer's open transaction and never seeing what it has not committed; a
reader whose block failed is closed, not reused."""

from __future__ import annotations

import asyncio

import pytest
from tortoise.backends.base.client import TransactionalDBClient
from tortoise.connection import get_connections
from tortoise.transactions import in_transaction

from models import Client
from models.rows import CONNECTION
from models.snapshot import one_statement, read_snapshot
from models.sqlite import UnicodeSqliteClient
from tests.billing.factories import a_client
from tests.conftest import Backend, Tenant


@pytest.fixture
def writer(db: Backend) -> UnicodeSqliteClient:
    if db.is_postgres:
        pytest.skip("SQLite's reader connections")
    client = get_connections().get(CONNECTION)
    assert isinstance(client, UnicodeSqliteClient)
    return client


async def _names(org_id: str) -> set[str]:
    return {client.name for client in await Client.filter(organization_id=org_id)}


async def test_one_statement_reads_on_a_reader_without_a_transaction(
    writer: UnicodeSqliteClient, tenant: Tenant
) -> None:
    await a_client(tenant.org, "Committed")
    async with one_statement():
        reader = get_connections().get(CONNECTION)
        assert isinstance(reader, UnicodeSqliteClient) and reader is not writer
        assert not isinstance(reader, TransactionalDBClient)
        assert await _names(tenant.org.id) == {"Committed"}
        assert reader._connection is not None
        assert not reader._connection._conn.in_transaction  # the statement's own has ended
    assert reader in writer._idle_readers  # and it is there for the next read


async def test_one_statement_reads_beside_an_open_write(
    writer: UnicodeSqliteClient, tenant: Tenant
) -> None:
    await a_client(tenant.org, "Committed")
    written, read = asyncio.Event(), asyncio.Event()

    async def write() -> None:
        async with in_transaction(CONNECTION):
            await a_client(tenant.org, "Uncommitted")
            written.set()
            await asyncio.wait_for(read.wait(), timeout=5)

    writing = asyncio.create_task(write())
    await asyncio.wait_for(written.wait(), timeout=5)
    # The writer holds its transaction open meanwhile: the read neither waits for it nor
    # sees what it wrote.
    async with one_statement():
        assert await asyncio.wait_for(_names(tenant.org.id), timeout=5) == {"Committed"}
    read.set()
    await writing
    assert await _names(tenant.org.id) == {"Committed", "Uncommitted"}


async def test_a_reader_whose_read_failed_is_closed(
    writer: UnicodeSqliteClient, tenant: Tenant
) -> None:
    for reading in (one_statement, read_snapshot):
        with pytest.raises(RuntimeError):
            async with reading():
                reader = get_connections().get(CONNECTION)
                raise RuntimeError("failed in the middle")
        assert reader not in writer._idle_readers
        if isinstance(reader, TransactionalDBClient):
            reader = reader._parent
        assert reader not in writer._readers and reader._connection is None
