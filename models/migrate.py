"""Applying and writing aerich migrations, one chain per SQL dialect.

aerich writes SQL for the dialect of the connection it is given, so SQLite and PostgreSQL
each keep their own chain under `migrations/<dialect>/models/`, generated from the same
models by `invoicegraph makemigrations`.
"""

from __future__ import annotations

import asyncio
import shutil
import tempfile
from collections.abc import Awaitable, Callable
from contextvars import copy_context
from pathlib import Path
from typing import Any, TypeVar

from aerich import Command
from aerich.ddl.sqlite import SqliteDDL
from aerich.migrate import Migrate
from aerich.models import Aerich
from tortoise.context import TortoiseContext
from tortoise.exceptions import OperationalError

from models.config import (
    APP,
    MIGRATIONS_ROOT,
    MigrationsMissing,
    dialect,
    sqlite_path,
    tortoise_config,
)

# What each chain is generated against. aerich's offline mode needs only the dialect of the
# connection, never a live server.
T = TypeVar("T")

DIALECT_URLS = {
    "sqlite": "sqlite://:memory:",
    "postgres": "postgres://offline@127.0.0.1:5432/offline",
}


async def _isolated(fn: Callable[[], Awaitable[T]]) -> T:
    # aerich initialises Tortoise "unless it already is" and closes it when done. Run it in a
    # task of its own with a fresh Tortoise context, so it neither reuses nor closes the
    # caller's (or the process-wide fallback) connections.
    _reset_aerich_state()

    async def run() -> T:
        with TortoiseContext():
            return await fn()

    return await asyncio.create_task(run(), context=copy_context())


def _no_comment_on_sqlite(self: SqliteDDL, model: Any, field_describe: dict[str, Any]) -> str:
    # SQLite has no column comments: a changed one (Tortoise writes an enum's members into its
    # column's comment) is nothing to migrate there, where aerich would refuse the whole diff.
    return ""


_add_operator = Migrate._add_operator.__func__  # type: ignore[attr-defined]


def _add_nonempty_operator(
    cls: type[Migrate], operator: str, upgrade: bool = True, fk_m2m_index: bool = False
) -> None:
    if operator.strip():
        _add_operator(cls, operator, upgrade, fk_m2m_index)


SqliteDDL.set_comment = _no_comment_on_sqlite  # type: ignore[method-assign]
Migrate._add_operator = classmethod(_add_nonempty_operator)  # type: ignore[method-assign,assignment]


def _reset_aerich_state() -> None:
    # aerich keeps the operations of a diff in class attributes; start every run clean.
    Migrate.upgrade_operators = []
    Migrate.downgrade_operators = []
    Migrate._upgrade_fk_m2m_index_operators = []
    Migrate._downgrade_fk_m2m_index_operators = []
    Migrate._upgrade_m2m = []
    Migrate._downgrade_m2m = []
    Migrate._rename_fields = {}
    Migrate._rename_models = {}
    Migrate._last_version_content = None


def _location(dialect: str, root: Path = MIGRATIONS_ROOT) -> str:
    return str(root / dialect)


def _chain(database_url: str, root: Path) -> tuple[str, list[str]]:
    # The location of the database's chain and its versions in order. Every chain starts
    # with its init, so an empty one is an installation without its migrations.
    location = _location(dialect(database_url), root)
    versions = sorted(
        (p.name for p in Path(location, APP).glob("*_*.py")), key=lambda n: int(n.split("_")[0])
    )
    if not versions:
        raise MigrationsMissing(f"no migrations in {Path(location, APP)}: reinstall invoicegraph")
    return location, versions


async def upgrade(database_url: str, root: Path = MIGRATIONS_ROOT) -> list[str]:
    """Apply the pending migrations of the database's chain; return the versions applied."""
    location, _ = _chain(database_url, root)
    path = sqlite_path(database_url)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)

    async def run() -> list[str]:
        command = Command(tortoise_config(database_url), app=APP, location=location)
        async with command:
            return await command.upgrade(run_in_transaction=True)

    return await _isolated(run)


async def unapplied(database_url: str, root: Path = MIGRATIONS_ROOT) -> list[str]:
    """The versions of the database's chain that it has not applied yet."""
    _, chain = _chain(database_url, root)

    async def run() -> list[str]:
        async with TortoiseContext() as ctx:
            await ctx.init(config=tortoise_config(database_url))
            try:
                rows = await Aerich.filter(app=APP).values_list("version", flat=True)
                applied = {str(row) for row in rows}
            except OperationalError:  # no aerich table: nothing was ever applied
                applied = set()
        return [version for version in chain if version not in applied]

    return await asyncio.create_task(run(), context=copy_context())


async def make_migrations(name: str, root: Path = MIGRATIONS_ROOT) -> dict[str, str]:
    """Write the migration from the last state to the models, in every dialect's chain.

    Returns the file written per dialect ("" where the models have not changed).
    """
    written: dict[str, str] = {}
    for name_of_dialect, url in DIALECT_URLS.items():
        location = _location(name_of_dialect, root)
        chain = Path(location, APP)
        is_new = not any(chain.glob("*.py"))

        async def run(url: str = url, location: str = location, is_new: bool = is_new) -> str:
            command = Command(tortoise_config(url), app=APP, location=location)
            try:
                if is_new:
                    await command.init_migrations(safe=True)
                    return ""
                await command.init(offline=True)
                return await command.migrate(name, no_input=True, offline=True)
            finally:
                await command.aclose()

        version = await _isolated(run)
        written[name_of_dialect] = version or (
            sorted(p.name for p in chain.glob("*.py"))[-1] if is_new else ""
        )
    return written


async def pending_changes() -> dict[str, str]:
    """What `make_migrations` would write now, per dialect, without writing it."""
    with tempfile.TemporaryDirectory() as scratch:
        for chain in DIALECT_URLS:
            shutil.copytree(MIGRATIONS_ROOT / chain, Path(scratch, chain))
        return {d: f for d, f in (await make_migrations("pending", Path(scratch))).items() if f}
