"""Files made from rows and kept in the database (PDFs, e-invoices): their rows, made once at a
time, and refreshed in the background.

A stored file is the version of what it shows and the fingerprint of the code that made it,
with its bytes (models.base.StoredFile). `Shelf` reads one of a kind's files while it is of a
given version and fingerprint, and stores one so that its row only moves forward; `Flights`
makes each file once however many ask for it at the same time; `Refreshes` runs background
refreshes, never two of one thing at once. pdf.store and einvoice.store are built of them.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Coroutine, Hashable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Generic, TypeVar

from tortoise.exceptions import IntegrityError

from models.base import StoredFile
from models.rows import Statement, table
from models.snapshot import outside_snapshot

Key = TypeVar("Key", bound=Hashable)
Made = TypeVar("Made")


@dataclass(frozen=True, slots=True)
class Shelf:
    """The stored files of `model`, each owned by the row its `owner` column names, and within
    an owner told apart by the columns of a key (an e-invoice's format)."""

    model: type[StoredFile]
    owner: str

    async def find(
        self,
        key: Mapping[str, str],
        version: str,
        fingerprint: str,
        columns: Sequence[str] = ("content",),
    ) -> tuple[Any, ...] | None:
        """The `columns` of the file of `key` (its owner column and the others) if it is of
        `version` and `fingerprint`, else None. One statement, no model built."""
        statement = Statement()
        stored = table(self.model, "stored")
        wanted = {**key, "version": version, "fingerprint": fingerprint}
        chosen = ", ".join(stored.column(column) for column in columns)
        where = " AND ".join(
            f"{stored.column(name)} = {statement(v)}" for name, v in wanted.items()
        )
        sql = f"SELECT {chosen} FROM {stored.source} WHERE {where}"  # noqa: S608
        found = await statement.fetch(sql)
        return tuple(found[0]) if found else None

    async def kept(self, owner_id: str, column: str) -> list[str]:
        """The values of `column` (a key column) of the files `owner_id` has stored."""
        values = await self.model.filter(**{self.owner: owner_id}).values_list(column, flat=True)
        return [str(value) for value in values]

    async def store(
        self, key: Mapping[str, str], version: str, fingerprint: str, values: Mapping[str, Any]
    ) -> None:
        """Store the file of `key` of `version` (its `values`: content and the others), unless
        a later version's is stored: however makers and processes race, the row only moves
        forward (a file of an older state finishing last serves its caller and stores
        nothing). At the same version it replaces: another fingerprint (a deploy) takes over."""
        if await self._replace(key, version, fingerprint, values):
            return
        try:
            row: dict[str, Any] = {**key, **values, "version": version}
            await self.model.create(**row, fingerprint=fingerprint)
        except IntegrityError:
            # A row is there already (the key is unique): one of a later version, or one
            # another process stored since; or the owner was deleted: then nothing is.
            await self._replace(key, version, fingerprint, values)

    async def _replace(
        self, key: Mapping[str, str], version: str, fingerprint: str, values: Mapping[str, Any]
    ) -> bool:
        # One conditional statement, so no other store can come between the test and the write.
        replaced = await self.model.filter(**key, version__lte=version).update(
            **values, version=version, fingerprint=fingerprint, updated_at=datetime.now(UTC)
        )
        return bool(replaced)


class Flights(Generic[Key, Made]):
    """Makes each thing once at a time: one asking for a thing while it is being made waits
    for that making rather than starting another."""

    def __init__(self) -> None:
        self._tasks: dict[Key, asyncio.Task[Made]] = {}

    async def run(self, key: Key, make: Callable[[], Coroutine[Any, Any, Made]]) -> Made:
        """What `make` gives for `key`, or what the making of `key` under way gives."""
        task = self._tasks.get(key)
        if task is None:
            # Outside the caller's read snapshot: the making outlives the caller's reads (others
            # wait for it) and stores what it made.
            with outside_snapshot():
                task = asyncio.create_task(make())
            self._tasks[key] = task
            task.add_done_callback(lambda _: self._tasks.pop(key, None))
        # Shielded: a caller that goes away (a closed connection) does not cancel a making
        # that others may be waiting for, and that is worth storing anyway.
        return await asyncio.shield(task)

    def cancel(self) -> list[asyncio.Task[Made]]:
        """Cancel the makings under way; the tasks, to wait for."""
        tasks = list(self._tasks.values())
        for task in tasks:
            task.cancel()
        return tasks


class Refreshes:
    """Background refreshes by id (a document's), each `refresh(id)`.

    `schedule` returns at once. Refreshes of one id never overlap: one scheduled while another
    runs follows it, so the last write is the one refreshed. Failures are logged as `what`'s.
    `close` (at shutdown) cancels those under way, which is safe when a file missing or stale
    is made when next asked for.
    """

    def __init__(
        self, refresh: Callable[[str], Awaitable[None]], what: str, log: logging.Logger
    ) -> None:
        self._refresh = refresh
        self._what = what
        self._log = log
        self._running: dict[str, asyncio.Task[None]] = {}
        # The ids to refresh once more when the current refresh ends (a write arrived while it
        # was running).
        self._again: set[str] = set()
        self._closed = False

    def schedule(self, id: str) -> None:
        """Refresh `id` in the background (call it after the write commits)."""
        if self._closed:
            return
        if id in self._running:
            self._again.add(id)
            return
        task = asyncio.create_task(self._loop(id), name=f"{self._what}:{id}")
        self._running[id] = task
        # A callback rather than a `finally`: a task cancelled before it starts runs no code.
        task.add_done_callback(lambda _: self._running.pop(id, None))

    async def drain(self) -> None:
        """Wait until no refresh is pending."""
        while self._running:
            await asyncio.gather(*self._running.values(), return_exceptions=True)

    def close(self) -> list[asyncio.Task[None]]:
        """Schedule no more, and cancel the refreshes under way; the tasks, to wait for."""
        self._closed = True
        tasks = list(self._running.values())
        for task in tasks:
            task.cancel()
        return tasks

    async def _loop(self, id: str) -> None:
        while True:
            self._again.discard(id)
            try:
                await self._refresh(id)
            except Exception:  # a background refresh reports and gives up; a read retries
                self._log.exception("Refreshing the %s of %s failed", self._what, id)
            if id not in self._again:
                return
