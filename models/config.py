"""The Tortoise configuration for a database URL, and the matching aerich migration chain."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from tortoise.backends.base.config_generator import expand_db_url

MIGRATIONS_ROOT = Path(__file__).resolve().parent.parent / "migrations"
APP = "models"


class MigrationsMissing(RuntimeError):
    """A database's migration chain is not where the code looks for it (an incomplete
    installation): migrating would apply nothing and report the database up to date."""


def dialect(database_url: str) -> str:
    """`sqlite` or `postgres`: which migration chain a database URL uses."""
    scheme = urlsplit(database_url).scheme
    if scheme == "sqlite":
        return "sqlite"
    if scheme in ("postgres", "postgresql"):
        return "postgres"
    raise ValueError(f"unsupported database URL scheme {scheme!r}: use sqlite:// or postgres://")


def sqlite_path(database_url: str) -> Path | None:
    """The file of a SQLite URL (None for in-memory or other backends)."""
    if dialect(database_url) != "sqlite":
        return None
    path = database_url.removeprefix("sqlite://").split("?", 1)[0]
    return None if path in ("", ":memory:") else Path(path)


def tortoise_config(database_url: str) -> dict[str, Any]:
    """The Tortoise ORM configuration for `database_url`."""
    connection: str | dict[str, Any] = database_url
    if dialect(database_url) == "postgres":
        url = "postgres://" + database_url.split("://", 1)[1]
        connection = {**expand_db_url(url), "engine": "models.postgres"}
    else:
        connection = {**expand_db_url(database_url), "engine": "models.sqlite"}
    return {
        "connections": {"default": connection},
        "apps": {
            APP: {"models": ["models", "aerich.models"], "default_connection": "default"},
        },
        "use_tz": True,
        "timezone": "UTC",
    }
