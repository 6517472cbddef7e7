"""The live feed of committed events that GraphQL subscriptions read.

Every event reaches the subscribers of its organization in every server process: on
PostgreSQL through LISTEN/NOTIFY (each write notifies in its own transaction, billing.outbox,
so a notification goes out exactly when its events commit; each process listens on one
connection of its own and reads the events notified, once for all its subscribers), on the
embedded SQLite, which one process serves, straight from the writes of this process
(billing.changes.observing).

A subscriber that falls `QUEUE` events behind is ended with an error (it can resubscribe and
read what it missed from `events`); one caller holds at most `MAX_PER_CALLER` subscriptions
in a process.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Collection, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any, Final

from billing import changes
from billing.errors import SubscriptionBehind, SubscriptionLimit
from models import Event
from models.config import dialect, tortoise_config
from models.snapshot import read_snapshot

log = logging.getLogger("invoicegraph.live")

#: How many events a subscriber may fall behind before it is ended.
QUEUE: Final = 256
#: How many subscriptions one caller (an API key, a user) holds in one process.
MAX_PER_CALLER: Final = 10


@dataclass(eq=False)
class Subscriber:
    """One subscription: the events of its organization of `object_types`, and of `types` and
    about `object_id` when given, in commit order."""

    organization_id: str
    object_types: frozenset[str]
    types: frozenset[str] | None = None
    object_id: str | None = None
    queue: asyncio.Queue[Event | None] = field(default_factory=lambda: asyncio.Queue(QUEUE))
    behind: bool = False

    def wants(self, event: Event) -> bool:
        return (
            event.organization_id == self.organization_id
            and event.object_type in self.object_types
            and (self.types is None or event.type in self.types)
            and (self.object_id is None or event.object_id == self.object_id)
        )

    def end(self) -> None:
        """End the subscription after what it has been given (the server is stopping)."""
        try:
            self.queue.put_nowait(None)
        except asyncio.QueueFull:
            self.behind = True

    def offer(self, event: Event) -> None:
        try:
            self.queue.put_nowait(event)
        except asyncio.QueueFull:
            self.behind = True

    async def events(self) -> AsyncIterator[Event]:
        while True:
            if self.behind and self.queue.empty():
                raise SubscriptionBehind(
                    f"This subscription fell {QUEUE} events behind and was ended: read what it "
                    "missed from `events` and subscribe again"
                )
            event = await self.queue.get()
            if event is None:
                return
            yield event


class Feed:
    """The process's feed: `running()` for the app's lifetime, `subscribe()` per subscription."""

    def __init__(self, database_url: str) -> None:
        self.database_url = database_url
        self._subscribers: set[Subscriber] = set()
        self._held: dict[str, int] = {}
        self._notices: asyncio.Queue[tuple[str, list[str]]] = asyncio.Queue()

    @asynccontextmanager
    async def running(self) -> AsyncIterator[None]:
        """Receive the events committed anywhere (PostgreSQL) or here (SQLite)."""
        if dialect(self.database_url) != "postgres":
            with changes.observing(self.publish):
                yield
            return
        tasks = [
            asyncio.create_task(self._listen(), name="invoicegraph-live-listen"),
            asyncio.create_task(self._read(), name="invoicegraph-live-read"),
        ]
        try:
            yield
        finally:
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            for subscriber in list(self._subscribers):
                subscriber.end()

    async def _listen(self) -> None:
        """Listen until cancelled, connecting again (after a pause) whenever the connection
        is lost; what commits while it is down is in the event log."""
        import asyncpg  # here: a server on SQLite does not load it (start-up time)

        credentials = tortoise_config(self.database_url)["connections"]["default"]["credentials"]
        schema = credentials.get("schema") or "public"
        channel = f"ig_events_{schema}"[:63]
        while True:
            connection = None
            try:
                connection = await asyncpg.connect(
                    host=credentials["host"],
                    port=credentials["port"],
                    user=credentials["user"],
                    password=credentials.get("password"),
                    database=credentials["database"],
                )
                lost = asyncio.Event()
                connection.add_termination_listener(lambda _, lost=lost: lost.set())
                await connection.add_listener(channel, self._notified)
                await lost.wait()
            except (OSError, asyncpg.PostgresError) as exc:
                log.warning("live events: cannot listen on PostgreSQL (%s); retrying", exc)
            finally:
                if connection is not None and not connection.is_closed():
                    with contextlib.suppress(Exception):
                        await asyncio.shield(connection.close(timeout=2))
            await asyncio.sleep(1)

    def _notified(self, connection: Any, pid: int, channel: str, payload: str) -> None:
        org_id, *ids = payload.split()
        if ids and any(s.organization_id == org_id for s in self._subscribers):
            self._notices.put_nowait((org_id, ids))

    async def _read(self) -> None:
        """Read the events notified, one notification after the other: in commit order."""
        while True:
            org_id, ids = await self._notices.get()
            try:
                # In a snapshot: its connection goes back to the pool however the task ends.
                async with read_snapshot():
                    rows = await Event.filter(organization_id=org_id, id__in=ids).order_by("id")
            except Exception:  # the database away: these are in the event log
                log.exception("live events: reading notified events failed")
                continue
            self.publish(rows)

    def publish(self, events: Sequence[Event]) -> None:
        """Hand `events` (committed, in order) to the subscribers that want them."""
        for subscriber in list(self._subscribers):
            for event in events:
                if subscriber.wants(event):
                    subscriber.offer(event)

    @asynccontextmanager
    async def subscribe(
        self,
        caller: str,
        organization_id: str,
        object_types: Collection[str],
        *,
        types: Collection[str] | None = None,
        object_id: str | None = None,
    ) -> AsyncIterator[Subscriber]:
        """A subscription of `caller`'s for the block, refused past MAX_PER_CALLER."""
        if self._held.get(caller, 0) >= MAX_PER_CALLER:
            raise SubscriptionLimit(
                f"At most {MAX_PER_CALLER} subscriptions at once per API key or user in one "
                "server process: end one first"
            )
        subscriber = Subscriber(
            organization_id,
            frozenset(object_types),
            None if types is None else frozenset(types),
            object_id,
        )
        self._held[caller] = self._held.get(caller, 0) + 1
        self._subscribers.add(subscriber)
        try:
            yield subscriber
        finally:
            self._subscribers.discard(subscriber)
            self._held[caller] -= 1
            if not self._held[caller]:
                del self._held[caller]
