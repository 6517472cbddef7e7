"""GraphQL types of recurring invoices and their runs."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from billing import recurring
from graph.clients.dataloaders import ClientByIdLoader
from graph.clients.types import Client
from graph.context import Info
from graph.documents.dataloaders import DocumentByIdLoader
from graph.documents.filters import DocumentFilter, DocumentSort
from graph.documents.types import DiscountType
from graph.node import Node
from graph.pagination import After, Before, Connection, First, Last, window
from graph.recurring.dataloaders import RunsByRecurringLoader
from models import RecurringInvoice as RecurringInvoiceModel
from models import RecurringRun as RecurringRunModel

if TYPE_CHECKING:
    from graph.documents.types import Invoice


@strawberry.enum(description="Where a recurring invoice stands.")
class RecurringInvoiceStatus(Enum):
    ACTIVE = strawberry.enum_value(
        recurring.Status.ACTIVE.value, description="It runs at each date of its rule."
    )
    PAUSED = strawberry.enum_value(
        recurring.Status.PAUSED.value,
        description="No run until resumed; the dates in between are not run.",
    )
    CANCELLED = strawberry.enum_value(
        recurring.Status.CANCELLED.value, description="Ended for good; its invoices stay."
    )
    FINISHED = strawberry.enum_value(
        recurring.Status.FINISHED.value,
        description="Its end date or count was reached; a later end makes it ACTIVE again.",
    )


@strawberry.enum(description="What each run does with the invoice it makes.")
class RecurringAction(Enum):
    DRAFT = strawberry.enum_value(
        recurring.RunAction.DRAFT.value, description="Makes a DRAFT, to look over and send."
    )
    SEND = strawberry.enum_value(
        recurring.RunAction.SEND.value,
        description="Makes the invoice and e-mails it to the client with its PDF.",
    )


@strawberry.enum(description="What becomes of the dates that passed while no worker ran.")
class MissedRuns(Enum):
    CATCH_UP = strawberry.enum_value(
        recurring.Missed.CATCH_UP.value,
        description="Each is run late, its invoice dated to its own date.",
    )
    SKIP = strawberry.enum_value(
        recurring.Missed.SKIP.value,
        description="Only the latest is run; the others are recorded as SKIPPED.",
    )


@strawberry.enum(description="What came of one run.")
class RecurringRunState(Enum):
    CREATED = strawberry.enum_value(
        recurring.RunState.CREATED.value, description="Its DRAFT invoice was made."
    )
    PENDING_SEND = strawberry.enum_value(
        recurring.RunState.PENDING_SEND.value, description="Made, about to be e-mailed."
    )
    SENDING = strawberry.enum_value(
        recurring.RunState.SENDING.value, description="Made, being e-mailed."
    )
    SENT = strawberry.enum_value(recurring.RunState.SENT.value, description="Made and e-mailed.")
    SEND_FAILED = strawberry.enum_value(
        recurring.RunState.SEND_FAILED.value,
        description="Made, but its e-mail failed (`error` says why): the DRAFT is kept, to "
        "send by hand; it is not sent again by itself.",
    )
    FAILED = strawberry.enum_value(
        recurring.RunState.FAILED.value,
        description="No invoice could be made (`error` says why: the plan's limit, a "
        "deactivated client...); not tried again by itself.",
    )
    SKIPPED = strawberry.enum_value(
        recurring.RunState.SKIPPED.value,
        description="Its date passed while no worker ran, and missed runs are skipped.",
    )


@strawberry.type(description="A line of the invoices a recurring invoice makes.")
class RecurringLine:
    description: str = strawberry.field(description="What is billed.")
    quantity: Decimal = strawberry.field(description="How many units.")
    unit_price: Decimal = strawberry.field(description="Price of one unit.")
    tax_rate: Decimal = strawberry.field(description="The line's own tax, in percent.")
    apply_tax: bool = strawberry.field(description="Whether the document's taxes apply to it.")
    apply_discount: bool = strawberry.field(
        description="Whether the document's discount applies to it."
    )
    tax_rate_ids: list[strawberry.ID] = strawberry.field(
        description="The catalogue's tax rates it is taxed with, as they are at each run."
    )
    unit_code: str = strawberry.field(description="Unit of measure, UN/ECE Recommendation 20.")

    @classmethod
    def of(cls, line: dict[str, Any]) -> RecurringLine:
        return cls(
            description=line["description"],
            quantity=Decimal(line["quantity"]),
            unit_price=Decimal(line["unit_price"]),
            tax_rate=Decimal(line["tax_rate"]),
            apply_tax=line["apply_tax"],
            apply_discount=line["apply_discount"],
            tax_rate_ids=[strawberry.ID(each) for each in line["tax_rate_ids"]],
            unit_code=line["unit_code"],
        )


@strawberry.type(description="One date of a recurring invoice, run once: its invoice, or why none.")
class RecurringRun(Node):
    period: date = strawberry.field(description="The date it is for; its invoice's issue date.")
    state: RecurringRunState = strawberry.field(description="What came of it.")
    error: str | None = strawberry.field(
        description="Why no invoice was made, or why it was not e-mailed; null otherwise."
    )
    created_at: datetime = strawberry.field(description="When it ran.")
    updated_at: datetime = strawberry.field(description="When it last changed.")
    invoice_id: strawberry.Private[str | None]

    @classmethod
    def from_model(cls, row: RecurringRunModel) -> RecurringRun:
        return cls(
            id=strawberry.ID(row.id),
            period=row.period,
            state=RecurringRunState(row.state),
            error=row.error or None,
            created_at=row.created_at,
            updated_at=row.updated_at,
            invoice_id=row.document_id,
        )

    @strawberry.field(description="The invoice it made; null if none, or deleted since.")
    async def invoice(
        self, info: Info
    ) -> Annotated[Invoice, strawberry.lazy("graph.documents.types")] | None:
        from graph.documents.types import Invoice

        if self.invoice_id is None:
            return None
        row = await info.context.loader(DocumentByIdLoader).load(self.invoice_id)
        return None if row is None else Invoice.from_model(row, info.context.today)


@strawberry.type(
    description="An invoice made again at each date of an RFC 5545 recurrence rule, in the "
    "organization's time zone: what each invoice holds, when, and what each run does."
)
class RecurringInvoice(Node):
    name: str = strawberry.field(description="A label; invoices do not show it.")
    currency: str = strawberry.field(description="ISO 4217 code of its invoices.")
    line_items: list[RecurringLine] = strawberry.field(description="Its invoices' lines.")
    discount_type: DiscountType | None = strawberry.field(
        description="How discountValue is read; null for no discount."
    )
    discount_value: Decimal = strawberry.field(description="A percentage or an amount.")
    tax: Decimal = strawberry.field(description="Document tax rate in percent.")
    tax2: Decimal = strawberry.field(description="Second document tax rate in percent.")
    prices_include_tax: bool = strawberry.field(description="Whether unit prices include tax.")
    notes: str = strawberry.field(description="Notes its invoices show.")
    terms: str = strawberry.field(description="Terms its invoices show.")
    buyer_reference: str | None = strawberry.field(
        description="The buyer's reference its invoices quote; null: the client's."
    )
    purchase_order_reference: str | None = strawberry.field(
        description="The purchase order its invoices answer, if any."
    )
    payment_terms_days: int | None = strawberry.field(
        description="Each invoice is due this many days after its date; null: no due date."
    )
    rule: str = strawberry.field(
        description="Its RFC 5545 recurrence rule, e.g. `FREQ=MONTHLY;BYMONTHDAY=1`."
    )
    starts_on: date = strawberry.field(description="The first day it may run.")
    ends_on: date | None = strawberry.field(description="The last day it may run, if any.")
    count: int | None = strawberry.field(
        description="How many dates it runs in all (skipped ones not counted), if limited."
    )
    action: RecurringAction = strawberry.field(description="What each run does.")
    missed: MissedRuns = strawberry.field(
        description="What becomes of dates that passed while no worker ran."
    )
    status: RecurringInvoiceStatus = strawberry.field(description="Where it stands.")
    next_run_on: date | None = strawberry.field(
        description="The date of its next run; null when there is none."
    )
    periods_done: int = strawberry.field(description="How many dates it has run.")
    paused_at: datetime | None = strawberry.field(description="When it was paused, if it is.")
    cancelled_at: datetime | None = strawberry.field(description="When it was cancelled.")
    created_at: datetime = strawberry.field(description="When it was created.")
    updated_at: datetime = strawberry.field(description="When it last changed.")
    row: strawberry.Private[RecurringInvoiceModel]

    @classmethod
    def from_model(cls, row: RecurringInvoiceModel) -> RecurringInvoice:
        template = row.template
        discount = template.get("discount_type")
        return cls(
            id=strawberry.ID(row.id),
            name=row.name,
            currency=row.currency,
            line_items=[RecurringLine.of(line) for line in template.get("line_items", ())],
            discount_type=None if discount is None else DiscountType(discount),
            discount_value=Decimal(template.get("discount_value", "0")),
            tax=Decimal(template.get("tax", "0")),
            tax2=Decimal(template.get("tax2", "0")),
            prices_include_tax=bool(template.get("prices_include_tax", False)),
            notes=template.get("notes", ""),
            terms=template.get("terms", ""),
            buyer_reference=template.get("buyer_reference"),
            purchase_order_reference=template.get("purchase_order_reference"),
            payment_terms_days=row.payment_terms_days,
            rule=row.rule,
            starts_on=row.starts_on,
            ends_on=row.ends_on,
            count=row.max_runs,
            action=RecurringAction(row.action),
            missed=MissedRuns(row.missed),
            status=RecurringInvoiceStatus(row.status),
            next_run_on=row.next_run_on,
            periods_done=row.periods_done,
            paused_at=row.paused_at,
            cancelled_at=row.cancelled_at,
            created_at=row.created_at,
            updated_at=row.updated_at,
            row=row,
        )

    @strawberry.field(description="The client its invoices are addressed to.")
    async def client(self, info: Info) -> Client | None:
        row = await info.context.loader(ClientByIdLoader).load(self.row.client_id)
        return None if row is None else Client.from_model(row)

    @strawberry.field(
        description=f"The dates of its next `n` runs (1 to {recurring.MAX_PREVIEW}), from "
        "its next one; empty unless it is ACTIVE."
    )
    def next_runs(
        self,
        n: Annotated[int, strawberry.argument(description="How many dates.")] = 5,
    ) -> list[date]:
        return recurring.upcoming(self.row, n)

    @strawberry.field(description="Its runs, latest date first.")
    async def runs(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[RecurringRun]:

        loader = info.context.loader(RunsByRecurringLoader, window(first, after, last, before))
        return Connection.of(await loader.load(self.row.id), RecurringRun.from_model)

    @strawberry.field(description="The invoices it made, newest first unless sorted.")
    async def invoices(
        self,
        info: Info,
        filter: DocumentFilter = None,
        sort: DocumentSort = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[Annotated[Invoice, strawberry.lazy("graph.documents.types")]]:
        from graph.documents.connections import invoice_connection

        return await invoice_connection(
            info, filter, sort, first, after, last, before, recurring_invoice_id=self.row.id
        )
