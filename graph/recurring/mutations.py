"""Mutations of recurring invoices."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import strawberry
from strawberry import UNSET

from billing import recurring
from graph.context import Info
from graph.documents.mutations import ContentFieldsInput, LineItemInput
from graph.errors import Error, attempt
from graph.inputs import values_of
from graph.recurring.types import MissedRuns, RecurringAction, RecurringInvoice
from models import RecurringInvoice as RecurringInvoiceModel

Id = Annotated[strawberry.ID, strawberry.argument(description="The recurring invoice's id.")]


@strawberry.input(description="The fields of a recurring invoice that may be set.")
class RecurringInvoiceFieldsInput(ContentFieldsInput):
    name: str | None = strawberry.field(default=UNSET, description="A label (at most 200).")
    payment_terms_days: int | None = strawberry.field(
        default=UNSET,
        description=f"Each invoice is due this many days after its date (0 to "
        f"{recurring.MAX_PAYMENT_TERMS}); null: no due date.",
    )
    ends_on: date | None = strawberry.field(
        default=UNSET, description="The last day it may run; null: no end date."
    )
    count: int | None = strawberry.field(
        default=UNSET,
        description=f"How many dates it runs in all (1 to {recurring.MAX_COUNT}, skipped ones "
        "not counted); null: no limit.",
    )
    action: RecurringAction | None = strawberry.field(
        default=UNSET,
        description="What each run does: DRAFT (when left out on creation) or SEND, which "
        "needs the documents:send scope and a plan with e-mail.",
    )
    missed: MissedRuns | None = strawberry.field(
        default=UNSET,
        description="What becomes of dates that passed while no worker ran: CATCH_UP (when "
        "left out on creation) or SKIP.",
    )


@strawberry.input(description="A new recurring invoice.")
class RecurringInvoiceCreateInput(RecurringInvoiceFieldsInput):
    client_id: strawberry.ID = strawberry.field(description="The client its invoices go to.")
    line_items: list[LineItemInput] = strawberry.field(
        description="Its invoices' lines, in order (1 to 500)."
    )
    rule: str = strawberry.field(
        description="An RFC 5545 recurrence rule, at most daily: `FREQ=MONTHLY` (a start on "
        "the 29th to 31st keeps to the last day of shorter months), `FREQ=WEEKLY;INTERVAL=2`, "
        "`FREQ=MONTHLY;INTERVAL=3` (quarterly), `FREQ=YEARLY`, `FREQ=MONTHLY;BYMONTHDAY=-1` "
        "(the last day of each month). Its start, end and count are the fields of their own."
    )
    starts_on: date = strawberry.field(
        description="The first day it may run: today (the organization's) or later."
    )


@strawberry.input(description="Changes to a recurring invoice; fields left out keep their value.")
class RecurringInvoiceUpdateInput(RecurringInvoiceFieldsInput):
    client_id: strawberry.ID | None = strawberry.field(
        default=UNSET, description="Another client of the organization."
    )
    line_items: list[LineItemInput] | None = strawberry.field(
        default=UNSET, description="New lines, replacing all of them."
    )
    rule: str | None = strawberry.field(
        default=UNSET, description="A new rule; its next run is set anew from today."
    )
    starts_on: date | None = strawberry.field(
        default=UNSET, description="A new first day, until its first run."
    )


@strawberry.type(description="The recurring invoice a mutation changed, or why it did not.")
class RecurringInvoicePayload:
    recurring_invoice: RecurringInvoice | None = strawberry.field(
        description="The recurring invoice, as the change left it."
    )
    errors: list[Error] = strawberry.field(description="Why nothing changed, if so.")


def _payload(row: RecurringInvoiceModel | None, errors: list[Error]) -> RecurringInvoicePayload:
    shown = None if row is None else RecurringInvoice.from_model(row)
    return RecurringInvoicePayload(recurring_invoice=shown, errors=errors)


@strawberry.type
class RecurringMutations:
    @strawberry.mutation(
        description="Add a recurring invoice; its first run is the rule's first date on or "
        "after startsOn. Each invoice it makes counts against the plan's limit."
    )
    async def recurring_invoice_create(
        self,
        info: Info,
        input: Annotated[
            RecurringInvoiceCreateInput, strawberry.argument(description="The new one.")
        ],
    ) -> RecurringInvoicePayload:
        org, values, plan = info.context.organization, values_of(input), info.context.plan
        row, errors = await attempt(
            info, lambda: recurring.create_recurring(org, values, plan=plan)
        )
        return _payload(row, errors)

    @strawberry.mutation(
        description="Change a recurring invoice that is not cancelled; the invoices it made "
        "stay as they are."
    )
    async def recurring_invoice_update(
        self,
        info: Info,
        id: Id,
        input: Annotated[
            RecurringInvoiceUpdateInput, strawberry.argument(description="The changes.")
        ],
    ) -> RecurringInvoicePayload:
        org, values, plan = info.context.organization, values_of(input), info.context.plan
        row, errors = await attempt(
            info, lambda: recurring.update_recurring(org, id, values, plan=plan)
        )
        return _payload(row, errors)

    @strawberry.mutation(description="Stop an ACTIVE recurring invoice's runs until resumed.")
    async def recurring_invoice_pause(self, info: Info, id: Id) -> RecurringInvoicePayload:
        org = info.context.organization
        row, errors = await attempt(info, lambda: recurring.pause_recurring(org, id))
        return _payload(row, errors)

    @strawberry.mutation(
        description="Run a PAUSED recurring invoice again from its first date on or after "
        "today; the dates of the pause are not run."
    )
    async def recurring_invoice_resume(self, info: Info, id: Id) -> RecurringInvoicePayload:
        org = info.context.organization
        row, errors = await attempt(info, lambda: recurring.resume_recurring(org, id))
        return _payload(row, errors)

    @strawberry.mutation(description="End a recurring invoice for good; its invoices stay.")
    async def recurring_invoice_cancel(self, info: Info, id: Id) -> RecurringInvoicePayload:
        org = info.context.organization
        row, errors = await attempt(info, lambda: recurring.cancel_recurring(org, id))
        return _payload(row, errors)
