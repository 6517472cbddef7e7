"""Reads that see one moment of the database, without waiting for writers.

Inside `read_snapshot()` every query of the task (and of the tasks it starts) runs in one
read-only transaction, so a document and its lines, or a page and its count, read by several
statements still come from the same committed state:

- on PostgreSQL, a `REPEATABLE READ READ ONLY` transaction on a connection of the pool: its
  snapshot is taken at its first statement, and it takes no lock a writer would wait for;
- on SQLite, a transaction on a reader connection of the engine's own (`models.sqlite`): in
  WAL mode a reader keeps the snapshot of its first read while the writer connection goes on
  committing, so readers and the writer do not wait for one another.

Within a transaction already (a write's own, or an enclosing snapshot) it adds nothing: that
transaction is one moment already, and a write sees what it wrote.

Both are written here rather than with Tortoise's `in_transaction`, whose entry leaks its
connection (and, on SQLite, its lock) when cancelled between taking it and BEGIN; a request
whose client went away, or a PDF refresh stopped at shutdown, is cancelled anywhere.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager, contextmanager
from contextvars import ContextVar

from tortoise.backends.base.client import BaseDBAsyncClient, TransactionalDBClient
from tortoise.connection import get_connections

from models.sqlite import UnicodeSqliteClient

CONNECTION = "default"
# The connection the task had before its read snapshot began, while one is under way.
_outside: ContextVar[BaseDBAsyncClient | None] = ContextVar("outside_snapshot", default=None)


def in_transaction_already() -> bool:
    """Whether this task's queries run in a transaction (a write's or a snapshot's)."""
    return isinstance(get_connections().get(CONNECTION), TransactionalDBClient)


@asynccontextmanager
async def _postgres_snapshot(client: BaseDBAsyncClient) -> AsyncIterator[TransactionalDBClient]:
    # Imported here: asyncpg is PostgreSQL's alone (whose connection has imported it already).
    from tortoise.backends.asyncpg.client import AsyncpgDBClient
    from tortoise.backends.asyncpg.client import TransactionWrapper as AsyncpgTransaction

    if not isinstance(client, AsyncpgDBClient):
        raise TypeError(f"no read snapshot for a {type(client).__name__} connection")
    if client._pool is None:
        async with client._pool_init_lock:
            if client._pool is None:
                await client.create_connection(with_db=True)
    assert client._pool is not None
    # asyncpg's own context managers: the connection goes back to the pool (rolled back) and
    # the transaction ends, however the block ends.
    async with (
        client._pool.acquire() as connection,
        connection.transaction(isolation="repeatable_read", readonly=True),
    ):
        transaction = AsyncpgTransaction(client)
        transaction._connection = connection
        yield transaction


@asynccontextmanager
async def read_snapshot() -> AsyncIterator[None]:
    """Run the queries of the block in one read-only snapshot of the database.

    Nothing in the block may write: PostgreSQL refuses it, and so does SQLite's reader."""
    if in_transaction_already():
        yield
        return
    client = get_connections().get(CONNECTION)
    snapshot: AbstractAsyncContextManager[TransactionalDBClient]
    if isinstance(client, UnicodeSqliteClient):
        snapshot = client.snapshot()
    else:
        snapshot = _postgres_snapshot(client)
    async with snapshot as transaction:
        token = get_connections().set(CONNECTION, transaction)
        outside = _outside.set(client)
        try:
            yield
        finally:
            _outside.reset(outside)
            get_connections().reset(token)


@contextmanager
def outside_snapshot() -> Iterator[None]:
    """Run the block's queries (and those of the tasks it starts) on the connection the task
    had before its read snapshot began, if it is in one: for a task that outlives the reads
    it started from, or stores what it made of them (a snapshot cannot write)."""
    client = _outside.get()
    if client is None:
        yield
        return
    token = get_connections().set(CONNECTION, client)
    outside = _outside.set(None)
    try:
        yield
    finally:
        _outside.reset(outside)
        get_connections().reset(token)


@asynccontextmanager
async def one_statement() -> AsyncIterator[None]:
    """Where a read of one statement runs, which is one moment by itself: on PostgreSQL any
    connection of the pool, with no transaction around it; on SQLite a reader connection,
    also with none, so that reads run beside one another rather than in line on the writer
    connection."""
    client = get_connections().get(CONNECTION)
    if in_transaction_already() or not isinstance(client, UnicodeSqliteClient):
        yield
        return
    async with client.statement_reader() as reader:
        token = get_connections().set(CONNECTION, reader)
        try:
            yield
        finally:
            get_connections().reset(token)
