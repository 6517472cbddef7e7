"""The SQLite engine: Tortoise's, with Unicode-aware case folding and reader connections.

Tortoise matches `icontains` (every search) as `UPPER(column) LIKE UPPER(term)`, and SQLite's
own UPPER folds ASCII only: "émile" would miss "Émile". Python's `str.upper` folds every
script, as PostgreSQL does, so both backends find the same rows.

Tortoise talks to SQLite through one connection, which a transaction holds from BEGIN to
COMMIT. Read snapshots (`models.snapshot`) run on reader connections of their own instead: in
WAL mode each sees the database as of its first read, while the writer connection commits.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient, TransactionalDBClient
from tortoise.backends.sqlite.client import SqliteClient, SqliteTransactionWrapper

READERS = 4  # reader connections per process, each serving one snapshot at a time


def _upper(value: object) -> object:
    return value.upper() if isinstance(value, str) else value


def _in_memory(filename: str) -> bool:
    return filename in ("", ":memory:") or filename.startswith("file::memory:")


class UnicodeSqliteClient(SqliteClient):
    """A SQLite connection whose UPPER() folds case beyond ASCII, with reader connections
    for read snapshots."""

    def __init__(self, file_path: str, **kwargs: Any) -> None:
        super().__init__(file_path, **kwargs)
        self._idle_readers: list[UnicodeSqliteClient] = []
        self._readers: list[UnicodeSqliteClient] = []
        self._reader_slots = asyncio.Semaphore(READERS)

    async def _post_connect(self) -> None:
        await super()._post_connect()
        assert self._connection is not None
        await self._connection.create_function("upper", 1, _upper, deterministic=True)

    @asynccontextmanager
    async def snapshot(self) -> AsyncIterator[TransactionalDBClient]:
        """A read transaction on a reader connection (on the writer connection for an
        in-memory database, which no other connection sees); yields the client its queries
        go through."""
        if _in_memory(self.filename):
            async with self._in_transaction() as transaction:
                yield transaction
            return
        async with self._reader() as reader:
            transaction = SqliteTransactionWrapper(reader)
            # Its BEGIN first ends whatever a cancelled snapshot left open.
            await transaction.begin()
            try:
                yield transaction
            finally:
                await transaction.rollback()  # read-only: nothing to keep

    @asynccontextmanager
    async def statement_reader(self) -> AsyncIterator[BaseDBAsyncClient]:
        """Where one reading statement runs, a moment by itself: a reader connection with no
        transaction around it (SQLite's own for the statement is enough), which saves the
        snapshot's BEGIN and ROLLBACK; a snapshot for an in-memory database."""
        if _in_memory(self.filename):
            async with self.snapshot() as transaction:
                yield transaction
            return
        async with self._reader() as reader:
            yield reader

    @asynccontextmanager
    async def _reader(self) -> AsyncIterator[UnicodeSqliteClient]:
        async with self._reader_slots:
            reader = self._idle_readers.pop() if self._idle_readers else self._new_reader()
            healthy = False
            try:
                if reader._connection is None:
                    await reader.create_connection(with_db=True)
                yield reader
                healthy = True
            finally:
                # A reader whose block failed or was cancelled in the middle (a transaction
                # perhaps left open) is closed rather than reused.
                if healthy:
                    self._idle_readers.append(reader)
                else:
                    self._readers.remove(reader)
                    await asyncio.shield(reader.close())

    def _new_reader(self) -> UnicodeSqliteClient:
        # query_only: a write slipped into a snapshot fails at once rather than waiting on
        # the writer's lock.
        pragmas = {**self.pragmas, "query_only": "ON"}
        reader = UnicodeSqliteClient(self.filename, connection_name=self.connection_name, **pragmas)
        self._readers.append(reader)
        return reader

    async def close(self) -> None:
        readers, self._readers, self._idle_readers = self._readers, [], []
        for reader in readers:
            await reader.close()
        await super().close()


client_class = UnicodeSqliteClient
