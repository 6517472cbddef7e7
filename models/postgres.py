"""The PostgreSQL engine: Tortoise's, whose pooled connections go back without a reset.

asyncpg resets a connection given back to its pool with one more round trip to the server
(`SELECT pg_advisory_unlock_all(); CLOSE ALL; UNLISTEN *; RESET ALL;`), which costs a read as
much as one of its statements. Nothing here leaves such session state on a connection: no
session-level SET (only SET LOCAL, which ends with its transaction), no LISTEN, no advisory
locks held past a transaction, no cursors open past one. So the reset is left out; asyncpg
still ends any transaction a connection was given back in.
"""

from __future__ import annotations

import asyncpg
from tortoise.backends.asyncpg.client import AsyncpgDBClient


class PooledConnection(asyncpg.Connection):  # type: ignore[misc]
    """A connection that the pool takes back without a reset query."""

    def get_reset_query(self) -> str:
        return ""


class PostgresClient(AsyncpgDBClient):
    """Tortoise's asyncpg client, with `PooledConnection`s."""

    connection_class = PooledConnection


client_class = PostgresClient
