"""Per-request loaders of reminder rules and invoices' reminders."""

from __future__ import annotations

from collections.abc import Sequence

from billing import reminders
from billing.pagination import Slice, Window
from graph.context import OrgLoader
from models import Organization, Reminder, ReminderRule


class RuleByIdLoader(OrgLoader[str, ReminderRule | None]):
    """Reminder rules by id, in one query."""

    async def load_batch(self, keys: list[str]) -> Sequence[ReminderRule | None]:
        found = await reminders.rules_by_id(self.org, keys)
        return [found.get(key) for key in keys]


class RemindersByInvoiceLoader(OrgLoader[str, Slice[Reminder]]):
    """The same page of each invoice's reminders, a first page of all in one statement."""

    def __init__(self, org: Organization, window: Window) -> None:
        super().__init__(org)
        self.window = window

    async def load_batch(self, keys: list[str]) -> Sequence[Slice[Reminder]]:
        found = await reminders.window_reminders(self.org, keys, window=self.window)
        return [found[key] for key in keys]
