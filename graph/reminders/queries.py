"""Root query fields of reminder rules."""

from __future__ import annotations

from typing import Annotated

import strawberry

from billing import reminders
from billing.errors import NotFound
from graph.context import Info
from graph.pagination import After, Before, Connection, First, Last, window
from graph.reminders.types import ReminderRule


@strawberry.type
class ReminderQueries:
    @strawberry.field(
        description=f"The organization's reminder rules (at most {reminders.MAX_RULES}), "
        "earliest first."
    )
    async def reminder_rules(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[ReminderRule]:
        page = await reminders.window_rules(
            info.context.organization, window=window(first, after, last, before)
        )
        return Connection.of(page, ReminderRule.from_model)

    @strawberry.field(description="A reminder rule by id; null when there is none.")
    async def reminder_rule(
        self, info: Info, id: Annotated[strawberry.ID, strawberry.argument(description="Its id.")]
    ) -> ReminderRule | None:
        try:
            return ReminderRule.from_model(await reminders.get_rule(info.context.organization, id))
        except NotFound:
            return None
