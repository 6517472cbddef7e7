"""Root query fields of the event log, which is also the audit log."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import strawberry

from billing import events
from graph.context import Info
from graph.events.types import Event
from graph.pagination import After, Before, Connection, First, Last, window


@strawberry.input(description="Narrows the event log; conditions combine.")
class EventFilterInput:
    types: list[str] | None = strawberry.field(
        default=None,
        description=f"Only these types (`invoice.paid`, ...), at most {events.MAX_TYPES}.",
    )
    object_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only the events of this object."
    )
    since: datetime | None = strawberry.field(
        default=None, description="Only those written at or after this moment."
    )
    until: datetime | None = strawberry.field(
        default=None, description="Only those written before this moment."
    )


@strawberry.type
class EventQueries:
    @strawberry.field(
        description="The organization's event log, newest first: every change of its invoices, "
        "estimates, payments, clients, credit notes and webhook endpoints, with who made it. "
        "A caller sees the events of what it may read."
    )
    async def events(
        self,
        info: Info,
        filter: Annotated[
            EventFilterInput | None,
            strawberry.argument(description="Which events; all if left out."),
        ] = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[Event]:
        where = filter or EventFilterInput()
        page = await events.window_events(
            info.context.organization,
            types=where.types,
            object_id=None if where.object_id is None else str(where.object_id),
            since=where.since,
            until=where.until,
            window=window(first, after, last, before),
        )
        return Connection.of(page, Event.from_model)
