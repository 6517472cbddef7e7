"""GraphQL types of invoices, estimates and their lines."""

from __future__ import annotations

from collections.abc import Awaitable
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import TYPE_CHECKING, Annotated

import strawberry

from billing import display, lifecycle
from billing.documents import needs_lines, tax_lines
from billing.lifecycle import amount_due
from billing.links import public_url
from billing.totals import taxes_of
from graph.clients.dataloaders import ClientByIdLoader
from graph.clients.types import Client
from graph.context import Info
from graph.documents.dataloaders import (
    DocumentByIdLoader,
    InvoiceByEstimateLoader,
    LineItemsByDocumentLoader,
)
from graph.documents.filters import DocumentStatus
from graph.einvoices.types import EInvoice, EInvoiceFormat, e_invoice_of, located
from graph.node import Node
from graph.organizations.types import Organization
from graph.pagination import After, Before, Connection, First, Last, window
from graph.tax_rates.types import AppliedTax, TaxLine, TaxRounding
from models import Client as ClientModel
from models import Document as DocumentModel
from models import LineItem as LineItemModel
from models import Payment as PaymentModel
from models.enums import DiscountType as StoredDiscountType

if TYPE_CHECKING:
    from graph.credit_notes.types import CreditNote
    from graph.payments.types import Payment
    from graph.recurring.types import RecurringInvoice
    from graph.reminders.types import Reminder

LazyPayment = Annotated["Payment", strawberry.lazy("graph.payments.types")]
LazyCreditNote = Annotated["CreditNote", strawberry.lazy("graph.credit_notes.types")]


@strawberry.enum(description="How `discountValue` is read.")
class DiscountType(Enum):
    PERCENT = strawberry.enum_value(
        StoredDiscountType.PERCENT.value,
        description="A percentage of the discountable lines (0 to 100).",
    )
    FLAT = strawberry.enum_value(
        StoredDiscountType.FLAT.value,
        description="An amount in the document's currency, spread over the discountable lines.",
    )


@strawberry.type(description="One line of a document, with the amounts computed for it.")
class LineItem:
    # Each field is computed from the row when asked for: a list shows few of them.
    row: strawberry.Private[LineItemModel]
    document: strawberry.Private[DocumentModel]

    @classmethod
    def from_model(cls, row: LineItemModel, document: DocumentModel) -> LineItem:
        """The GraphQL view of a line row of `document`."""
        return cls(row=row, document=document)

    @property
    def places(self) -> int:
        places: int = self.document.minor_units
        return places

    @strawberry.field(description="What is billed.")
    def description(self) -> str:
        return self.row.description

    @strawberry.field(description="How many units (up to 4 decimals).")
    def quantity(self) -> Decimal:
        return display.plain(self.row.quantity)

    @strawberry.field(description="Price of one unit, before discount and tax (up to 4 decimals).")
    def unit_price(self) -> Decimal:
        return display.unit_price(self.row.unit_price, self.places)

    @strawberry.field(
        description="The line's legacy tax, in percent (with the document's tax and tax2 "
        "where applyTax, one inline tax before the ones it names by taxRateIds)."
    )
    def tax_rate(self) -> Decimal:
        return display.plain(self.row.tax_rate)

    @strawberry.field(description="Whether the document's taxes apply.")
    def apply_tax(self) -> bool:
        return self.row.apply_tax

    @strawberry.field(description="Whether the document's discount applies.")
    def apply_discount(self) -> bool:
        return self.row.apply_discount

    @strawberry.field(description="Unit of measure, UN/ECE Recommendation 20 (C62: one).")
    def unit_code(self) -> str:
        return self.row.unit_code

    @strawberry.field(description="quantity times unitPrice, in the currency's decimals.")
    def amount(self) -> Decimal:
        return display.money(self.row.amount, self.places)

    @strawberry.field(description="This line's share of the document's discount.")
    def discount_amount(self) -> Decimal:
        return display.money(self.row.discount, self.places)

    @strawberry.field(description="The tax computed on this line (its share, per document).")
    def tax_amount(self) -> Decimal:
        return display.money(self.row.tax, self.places)

    @strawberry.field(
        description="Its taxes in the order they apply: the legacy rates as one inline tax "
        "(when not 0), then the catalogue's rates it names, as they were when it was written."
    )
    def taxes(self) -> list[AppliedTax]:
        document = self.document
        return [
            AppliedTax.from_model(applied)
            for applied in taxes_of(self.row, tax=document.tax, tax2=document.tax2)
        ]


@strawberry.interface(name="Document", description="What invoices and estimates share.")
class DocumentFields(Node):
    # Each field is computed from the row when asked for: a list shows few of them.
    row: strawberry.Private[DocumentModel]
    today: strawberry.Private[date]  # the request's, which OVERDUE is read against
    # What a connection loaded for its page before the fields resolved (connections.py),
    # which they then answer from synchronously; None when not loaded: the field loads it.
    client_row: strawberry.Private[ClientModel | None] = None
    line_rows: strawberry.Private[list[LineItemModel] | None] = None

    @strawberry.field(description="Unique in its series (`INV-0001`, `EST-0001`).")
    def number(self) -> str:
        return self.row.number

    @strawberry.field(description="The status today, OVERDUE derived from the due date.")
    def status(self) -> DocumentStatus:
        return DocumentStatus(lifecycle.effective_status(self.row, self.today).value)

    @strawberry.field(description="ISO 4217 code of every amount on it.")
    def currency(self) -> str:
        return self.row.currency

    @strawberry.field(
        description=(
            "Decimals its amounts are rounded to: the currency's minor unit in ISO 4217 when "
            "the document was created, kept however the list changes later."
        )
    )
    def minor_units(self) -> int:
        places: int = self.row.minor_units
        return places

    @strawberry.field(description="Date of issue.")
    def issue_date(self) -> date:
        return self.row.issue_date

    @strawberry.field(description="When payment is due, if set.")
    def due_date(self) -> date | None:
        return self.row.due_date

    @strawberry.field(description="How discountValue is read; null when there is no discount.")
    def discount_type(self) -> DiscountType | None:
        stored = self.row.discount_type
        return DiscountType(stored.value) if stored else None

    @strawberry.field(description="The discount: a percentage or an amount, by discountType.")
    def discount_value(self) -> Decimal:
        row = self.row
        if row.discount_type is StoredDiscountType.FLAT:
            return display.money(row.discount_value, row.minor_units)
        return display.plain(row.discount_value)

    @strawberry.field(description="Document tax rate, in percent.")
    def tax(self) -> Decimal:
        return display.plain(self.row.tax)

    @strawberry.field(description="Second document tax rate, in percent.")
    def tax2(self) -> Decimal:
        return display.plain(self.row.tax2)

    @strawberry.field(description="Sum of the line amounts.")
    def subtotal(self) -> Decimal:
        return display.money(self.row.subtotal, self.row.minor_units)

    @strawberry.field(description="Total discount.")
    def discount_total(self) -> Decimal:
        return display.money(self.row.discount_total, self.row.minor_units)

    @strawberry.field(description="Total of all taxes.")
    def tax_total(self) -> Decimal:
        return display.money(self.row.tax_total, self.row.minor_units)

    @strawberry.field(description="subtotal - discountTotal + taxTotal.")
    def total(self) -> Decimal:
        return display.money(self.row.total, self.row.minor_units)

    @strawberry.field(description="Notes shown on the document.")
    def notes(self) -> str:
        return self.row.notes

    @strawberry.field(description="Terms shown on the document.")
    def terms(self) -> str:
        return self.row.terms

    @strawberry.field(description="Whether it was sent by our e-mail.")
    def sent_via_email(self) -> bool:
        return self.row.sent_via_email

    @strawberry.field(description="Addresses it was e-mailed to.")
    def sent_to(self) -> list[str]:
        return list(self.row.sent_to or [])

    @strawberry.field(description="When it was first sent.")
    def sent_at(self) -> datetime | None:
        return self.row.sent_at

    @strawberry.field(description="When the client first opened its public link.")
    def viewed_at(self) -> datetime | None:
        return self.row.viewed_at

    @strawberry.field(description="When it was voided.")
    def voided_at(self) -> datetime | None:
        return self.row.voided_at

    @strawberry.field(description="When it was created.")
    def created_at(self) -> datetime:
        return self.row.created_at

    @strawberry.field(description="When it last changed.")
    def updated_at(self) -> datetime:
        return self.row.updated_at

    @strawberry.field(description="Who it is addressed to.", graphql_type=Client)
    def client(self, info: Info) -> Client | Awaitable[Client]:
        if self.client_row is None:
            return self._load_client(info)
        return Client.from_model(self.client_row)

    async def _load_client(self, info: Info) -> Client:
        row = await info.context.loader(ClientByIdLoader).load(self.row.client_id)
        assert row is not None, "a document's client is never deleted"
        return Client.from_model(row)

    @strawberry.field(description="The organization that issued it.")
    def organization(self, info: Info) -> Organization:
        return Organization.from_model(info.context.organization)

    @strawberry.field(
        description="Where its PDF downloads (with the API key), rendered once and stored; "
        "the same URL as REST's."
    )
    def pdf_url(self, info: Info) -> str:
        # REST's route: /api/v1/invoices/{id}/pdf or /api/v1/estimates/{id}/pdf.
        collection = "estimates" if self.row.is_estimate else "invoices"
        return f"{info.context.public_base_url}/api/v1/{collection}/{self.id}/pdf"

    @strawberry.field(
        description="Its public page, for the client: no API key needed, the link itself is "
        "the credential (rotate it to retire it). The first view of a SENT document makes it "
        "VIEWED; an estimate can be accepted there."
    )
    def public_url(self, info: Info) -> str:
        return public_url(info.context.public_base_url, self.row)

    @strawberry.field(description="Its lines, in order (at most 500).", graphql_type=list[LineItem])
    def line_items(self, info: Info) -> list[LineItem] | Awaitable[list[LineItem]]:
        if self.line_rows is None:
            return self._load_line_items(info)
        return [LineItem.from_model(row, self.row) for row in self.line_rows]

    async def _load_line_items(self, info: Info) -> list[LineItem]:
        rows = await info.context.loader(LineItemsByDocumentLoader).load(str(self.id))
        return [LineItem.from_model(row, self.row) for row in rows]

    @strawberry.field(
        description="Whether its unit prices include tax: then the line amounts are gross, "
        "the nets derived from them, and the total is the gross after the discount."
    )
    def prices_include_tax(self) -> bool:
        return self.row.prices_include_tax

    @strawberry.field(description="How its taxes were rounded (the organization's way then).")
    def tax_rounding(self) -> TaxRounding:
        return TaxRounding(self.row.tax_rounding.value)

    @strawberry.field(description="The buyer's reference (BT-10), empty if none.")
    def buyer_reference(self) -> str:
        return self.row.buyer_reference

    @strawberry.field(description="The buyer's purchase order it answers (BT-13), if any.")
    def purchase_order_reference(self) -> str:
        return self.row.purchase_order_reference

    @strawberry.field(description="When its goods or services were delivered (BT-72), if said.")
    def delivery_date(self) -> date | None:
        return self.row.delivery_date

    @strawberry.field(description="Where they were delivered (BT-80), empty if not said.")
    def delivery_country(self) -> str:
        return self.row.delivery_country

    @strawberry.field(
        description="Its tax breakdown: one row per tax, in the order first met, adding up to "
        "taxTotal exactly; untaxed lines are in none.",
        graphql_type=list[TaxLine],
    )
    def tax_lines(self, info: Info) -> list[TaxLine] | Awaitable[list[TaxLine]]:
        if not needs_lines(self.row):
            return self._tax_lines(self.line_rows or [])
        if self.line_rows is None:
            return self._load_tax_lines(info)
        return self._tax_lines(self.line_rows)

    def _tax_lines(self, lines: list[LineItemModel]) -> list[TaxLine]:
        places = self.row.minor_units
        return [TaxLine.from_model(row, places) for row in tax_lines(self.row, lines)]

    async def _load_tax_lines(self, info: Info) -> list[TaxLine]:
        rows = await info.context.loader(LineItemsByDocumentLoader).load(str(self.id))
        return self._tax_lines(rows)


@strawberry.type(description="An invoice: a request for payment.")
class Invoice(DocumentFields):
    payment_rows: strawberry.Private[list[PaymentModel] | None] = None  # as client_row

    @classmethod
    def from_model(cls, row: DocumentModel, today: date) -> Invoice:
        """The GraphQL view of an invoice row (`today` the request's)."""
        return cls(id=strawberry.ID(row.id), row=row, today=today)

    @strawberry.field(description="Sum of its payments.")
    def amount_paid(self) -> Decimal:
        return display.money(self.row.amount_paid, self.row.minor_units)

    @strawberry.field(
        description="Its e-invoice (EN 16931) in `format`: the download URL and what the "
        "official rules found, or what it lacks for that format. Only an issued invoice has one; "
        "stored once generated and validated, generated again when what it shows changes; at "
        "most 10 per request."
    )
    async def e_invoice(
        self,
        info: Info,
        format: Annotated[EInvoiceFormat, strawberry.argument(description="The format.")],
    ) -> EInvoice:
        org = info.context.organization
        chosen, url = located(info.context.public_base_url, "invoices", str(self.id), format)
        return await e_invoice_of(
            info, lambda: info.context.einvoices.invoice(org, str(self.id), chosen), format, url
        )

    @strawberry.field(
        description="total - amountPaid - amountCredited + amountRefunded: what is still owed. "
        "Below zero, the client holds a credit (see creditBalance)."
    )
    def amount_due(self) -> Decimal:
        return amount_due(self.row)

    @strawberry.field(description="What its credit notes credit.")
    def amount_credited(self) -> Decimal:
        return display.money(self.row.amount_credited, self.row.minor_units)

    @strawberry.field(description="What was paid back to the client out of its credit notes.")
    def amount_refunded(self) -> Decimal:
        return display.money(self.row.amount_refunded, self.row.minor_units)

    @strawberry.field(
        description="What the client holds beyond the total (paid and credited, not refunded): "
        "-amountDue when that is below zero, else 0. Refund it, or keep it for the client."
    )
    def credit_balance(self) -> Decimal:
        return max(-amount_due(self.row), display.money(0, self.row.minor_units))

    @strawberry.field(
        description="Its credit notes, oldest first (at most 100).",
        graphql_type=list[LazyCreditNote],
    )
    async def credit_notes(self, info: Info) -> list[CreditNote]:
        from graph.credit_notes.dataloaders import CreditNotesByInvoiceLoader
        from graph.credit_notes.types import CreditNote

        rows = await info.context.loader(CreditNotesByInvoiceLoader).load(str(self.id))
        return [CreditNote.from_model(row) for row in rows]

    @strawberry.field(description="When it was paid in full.")
    def paid_at(self) -> datetime | None:
        return self.row.paid_at

    @strawberry.field(
        description="Its payments, oldest first (at most 500).", graphql_type=list[LazyPayment]
    )
    def payments(self, info: Info) -> list[Payment] | Awaitable[list[Payment]]:
        from graph.payments.types import Payment

        if self.payment_rows is None:
            return self._load_payments(info)
        return [Payment.from_model(row) for row in self.payment_rows]

    async def _load_payments(self, info: Info) -> list[Payment]:
        from graph.payments.dataloaders import PaymentsByInvoiceLoader
        from graph.payments.types import Payment

        rows = await info.context.loader(PaymentsByInvoiceLoader).load(str(self.id))
        return [Payment.from_model(row) for row in rows]

    @strawberry.field(description="The recurring invoice that made it, if one did.")
    async def recurring_invoice(
        self, info: Info
    ) -> Annotated[RecurringInvoice, strawberry.lazy("graph.recurring.types")] | None:
        from graph.recurring.dataloaders import RecurringByIdLoader
        from graph.recurring.types import RecurringInvoice

        if self.row.recurring_invoice_id is None:
            return None
        row = await info.context.loader(RecurringByIdLoader).load(self.row.recurring_invoice_id)
        return None if row is None else RecurringInvoice.from_model(row)

    @strawberry.field(
        description="Whether the organization's reminder rules remind the client of it "
        "(invoiceRemindersSet)."
    )
    def reminders_enabled(self) -> bool:
        return not self.row.reminders_disabled

    @strawberry.field(description="The reminders of it its rules sent (or tried), newest first.")
    async def reminders(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[Annotated[Reminder, strawberry.lazy("graph.reminders.types")]]:
        from graph.reminders.dataloaders import RemindersByInvoiceLoader
        from graph.reminders.types import Reminder

        loader = info.context.loader(RemindersByInvoiceLoader, window(first, after, last, before))
        return Connection.of(await loader.load(self.row.id), Reminder.from_model)

    @strawberry.field(description="On a late fee invoice: the overdue invoice it charges for.")
    async def late_fee_for(self, info: Info) -> Invoice | None:
        if self.row.late_fee_for_id is None:
            return None
        row = await info.context.loader(DocumentByIdLoader).load(self.row.late_fee_for_id)
        return None if row is None else Invoice.from_model(row, info.context.today)

    @strawberry.field(description="The estimate it was converted from, if any.")
    async def source_estimate(self, info: Info) -> Estimate | None:
        if self.row.source_estimate_id is None:
            return None
        row = await info.context.loader(DocumentByIdLoader).load(self.row.source_estimate_id)
        return None if row is None else Estimate.from_model(row, info.context.today)


@strawberry.type(description="An estimate (quote): a price offered, which may become an invoice.")
class Estimate(DocumentFields):
    @classmethod
    def from_model(cls, row: DocumentModel, today: date) -> Estimate:
        """The GraphQL view of an estimate row (`today` the request's)."""
        return cls(id=strawberry.ID(row.id), row=row, today=today)

    @strawberry.field(description="When it was accepted.")
    def accepted_at(self) -> datetime | None:
        return self.row.accepted_at

    @strawberry.field(description="The invoice it was converted to, if any.")
    async def converted_invoice(self, info: Info) -> Invoice | None:
        row = await info.context.loader(InvoiceByEstimateLoader).load(str(self.id))
        return None if row is None else Invoice.from_model(row, info.context.today)
