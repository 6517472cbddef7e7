"""models.postgres: pooled connections go back without asyncpg's reset query, and still end
whatever transaction they were given back in."""

from __future__ import annotations

import asyncpg

from models.config import tortoise_config
from models.postgres import PooledConnection, PostgresClient
from tests.conftest import require_server


def test_postgres_urls_use_the_engine() -> None:
    config = tortoise_config("postgres://u@127.0.0.1:5432/db?schema=s")
    assert config["connections"]["default"]["engine"] == "models.postgres"
    assert config["connections"]["default"]["credentials"]["schema"] == "s"
    assert PostgresClient.connection_class is PooledConnection


async def test_a_connection_given_back_mid_transaction_comes_back_without_it() -> None:
    url = require_server("TEST_POSTGRES_URL", "PostgreSQL")
    pool = await asyncpg.create_pool(
        url.split("?", 1)[0], connection_class=PooledConnection, min_size=1, max_size=1
    )
    try:
        async with pool.acquire() as connection:
            assert connection.get_reset_query() == ""
            await connection.transaction().start()
            await connection.execute("CREATE TEMPORARY TABLE left_open (x int)")
            pid = connection.get_server_pid()
        async with pool.acquire() as connection:  # the same one: the pool holds one
            assert connection.get_server_pid() == pid
            assert not connection.is_in_transaction()
            assert await connection.fetchval("SELECT to_regclass('pg_temp.left_open')") is None
    finally:
        await pool.close()
