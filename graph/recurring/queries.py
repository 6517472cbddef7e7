"""Root query fields of recurring invoices."""

from __future__ import annotations

from typing import Annotated

import strawberry

from billing import recurring
from billing.errors import NotFound
from graph.context import Info
from graph.pagination import After, Before, Connection, First, Last, window
from graph.recurring.types import RecurringInvoice, RecurringInvoiceStatus


@strawberry.type
class RecurringQueries:
    @strawberry.field(description="The organization's recurring invoices, newest first.")
    async def recurring_invoices(
        self,
        info: Info,
        status: Annotated[
            RecurringInvoiceStatus | None,
            strawberry.argument(description="Only those in this status; all if left out."),
        ] = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[RecurringInvoice]:
        page = await recurring.window_recurring(
            info.context.organization,
            status=None if status is None else recurring.Status[status.name],
            window=window(first, after, last, before),
        )
        return Connection.of(page, RecurringInvoice.from_model)

    @strawberry.field(description="A recurring invoice by id; null when there is none.")
    async def recurring_invoice(
        self, info: Info, id: Annotated[strawberry.ID, strawberry.argument(description="Its id.")]
    ) -> RecurringInvoice | None:
        try:
            row = await recurring.get_recurring(info.context.organization, id)
        except NotFound:
            return None
        return RecurringInvoice.from_model(row)
