"""Per-request loaders of recurring invoices and their runs."""

from __future__ import annotations

from collections.abc import Sequence

from billing import recurring
from billing.pagination import Slice, Window
from graph.context import OrgLoader
from models import Organization, RecurringInvoice, RecurringRun


class RecurringByIdLoader(OrgLoader[str, RecurringInvoice | None]):
    """Recurring invoices by id, in one query."""

    async def load_batch(self, keys: list[str]) -> Sequence[RecurringInvoice | None]:
        found = await recurring.recurring_by_id(self.org, keys)
        return [found.get(key) for key in keys]


class RunsByRecurringLoader(OrgLoader[str, Slice[RecurringRun]]):
    """The same page of each recurring invoice's runs, a first page of all in one statement."""

    def __init__(self, org: Organization, window: Window) -> None:
        super().__init__(org)
        self.window = window

    async def load_batch(self, keys: list[str]) -> Sequence[Slice[RecurringRun]]:
        found = await recurring.window_runs(self.org, keys, window=self.window)
        return [found[key] for key in keys]
