"""The SQLite engine: Tortoise's, with Unicode-aware case folding.

Tortoise matches `icontains` (every search) as `UPPER(column) LIKE UPPER(term)`, and SQLite's
own UPPER folds ASCII only: "émile" would miss "Émile". Python's `str.upper` folds every
script, as PostgreSQL does, so both backends find the same rows.
"""

from __future__ import annotations

from tortoise.backends.sqlite.client import SqliteClient


def _upper(value: object) -> object:
    return value.upper() if isinstance(value, str) else value


class UnicodeSqliteClient(SqliteClient):
    """A SQLite connection whose UPPER() folds case beyond ASCII."""

    async def _post_connect(self) -> None:
        await super()._post_connect()
        assert self._connection is not None
        await self._connection.create_function("upper", 1, _upper, deterministic=True)


client_class = UnicodeSqliteClient
