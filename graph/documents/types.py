"""GraphQL types of invoices, estimates and their lines."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from billing import display, lifecycle
from billing.links import public_url
from billing.payments import amount_due
from graph.clients.dataloaders import ClientByIdLoader
from graph.clients.types import Client
from graph.context import Info
from graph.documents.dataloaders import (
    DocumentByIdLoader,
    InvoiceByEstimateLoader,
    LineItemsByDocumentLoader,
)
from graph.documents.filters import DocumentStatus
from graph.node import Node
from graph.organizations.types import Organization
from models import Document as DocumentModel
from models import LineItem as LineItemModel
from models.enums import DiscountType as StoredDiscountType

if TYPE_CHECKING:
    from graph.payments.types import Payment


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
    description: str = strawberry.field(description="What is billed.")
    quantity: Decimal = strawberry.field(description="How many units (up to 4 decimals).")
    unit_price: Decimal = strawberry.field(
        description="Price of one unit, before discount and tax (up to 4 decimals)."
    )
    tax_rate: Decimal = strawberry.field(description="The line's tax, in percent.")
    apply_tax: bool = strawberry.field(description="Whether the document's taxes apply.")
    apply_discount: bool = strawberry.field(description="Whether the document's discount applies.")
    amount: Decimal = strawberry.field(
        description="quantity times unitPrice, in the currency's decimals."
    )
    discount_amount: Decimal = strawberry.field(
        description="This line's share of the document's discount."
    )
    tax_amount: Decimal = strawberry.field(description="The tax computed on this line.")

    @classmethod
    def from_model(cls, row: LineItemModel, currency: str) -> LineItem:
        """The GraphQL view of a line row."""
        return cls(
            description=row.description,
            quantity=display.plain(row.quantity),
            unit_price=display.unit_price(row.unit_price, currency),
            tax_rate=display.plain(row.tax_rate),
            apply_tax=row.apply_tax,
            apply_discount=row.apply_discount,
            amount=display.money(row.amount, currency),
            discount_amount=display.money(row.discount, currency),
            tax_amount=display.money(row.tax, currency),
        )


@strawberry.interface(name="Document", description="What invoices and estimates share.")
class DocumentFields(Node):
    number: str = strawberry.field(description="Unique in its series (`INV-0001`, `EST-0001`).")
    status: DocumentStatus = strawberry.field(
        description="The status today, OVERDUE derived from the due date."
    )
    currency: str = strawberry.field(description="ISO 4217 code of every amount on it.")
    issue_date: date = strawberry.field(description="Date of issue.")
    due_date: date | None = strawberry.field(description="When payment is due, if set.")
    discount_type: DiscountType | None = strawberry.field(
        description="How discountValue is read; null when there is no discount."
    )
    discount_value: Decimal = strawberry.field(
        description="The discount: a percentage or an amount, by discountType."
    )
    tax: Decimal = strawberry.field(description="Document tax rate, in percent.")
    tax2: Decimal = strawberry.field(description="Second document tax rate, in percent.")
    subtotal: Decimal = strawberry.field(description="Sum of the line amounts.")
    discount_total: Decimal = strawberry.field(description="Total discount.")
    tax_total: Decimal = strawberry.field(description="Total of all taxes.")
    total: Decimal = strawberry.field(description="subtotal - discountTotal + taxTotal.")
    notes: str = strawberry.field(description="Notes shown on the document.")
    terms: str = strawberry.field(description="Terms shown on the document.")
    sent_via_email: bool = strawberry.field(description="Whether it was sent by our e-mail.")
    sent_to: list[str] = strawberry.field(description="Addresses it was e-mailed to.")
    sent_at: datetime | None = strawberry.field(description="When it was first sent.")
    viewed_at: datetime | None = strawberry.field(
        description="When the client first opened its public link."
    )
    voided_at: datetime | None = strawberry.field(description="When it was voided.")
    created_at: datetime = strawberry.field(description="When it was created.")
    updated_at: datetime = strawberry.field(description="When it last changed.")
    client_id: strawberry.Private[str]
    row: strawberry.Private[DocumentModel]

    @staticmethod
    def common(row: DocumentModel, today: date) -> dict[str, Any]:
        """The shared fields of a document row, as constructor arguments."""
        discount = row.discount_value
        return {
            "id": strawberry.ID(row.id),
            "number": row.number,
            "status": DocumentStatus(lifecycle.effective_status(row, today).value),
            "currency": row.currency,
            "issue_date": row.issue_date,
            "due_date": row.due_date,
            "discount_type": DiscountType(row.discount_type.value) if row.discount_type else None,
            "discount_value": (
                display.money(discount, row.currency)
                if row.discount_type is StoredDiscountType.FLAT
                else display.plain(discount)
            ),
            "tax": display.plain(row.tax),
            "tax2": display.plain(row.tax2),
            "subtotal": display.money(row.subtotal, row.currency),
            "discount_total": display.money(row.discount_total, row.currency),
            "tax_total": display.money(row.tax_total, row.currency),
            "total": display.money(row.total, row.currency),
            "notes": row.notes,
            "terms": row.terms,
            "sent_via_email": row.sent_via_email,
            "sent_to": list(row.sent_to or []),
            "sent_at": row.sent_at,
            "viewed_at": row.viewed_at,
            "voided_at": row.voided_at,
            "created_at": row.created_at,
            "updated_at": row.updated_at,
            "client_id": row.client_id,
            "row": row,
        }

    @strawberry.field(description="Who it is addressed to.")
    async def client(self, info: Info) -> Client:
        row = await info.context.loader(ClientByIdLoader).load(self.client_id)
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

    @strawberry.field(description="Its lines, in order (at most 500).")
    async def line_items(self, info: Info) -> list[LineItem]:
        rows = await info.context.loader(LineItemsByDocumentLoader).load(str(self.id))
        return [LineItem.from_model(row, self.currency) for row in rows]


@strawberry.type(description="An invoice: a request for payment.")
class Invoice(DocumentFields):
    amount_paid: Decimal = strawberry.field(description="Sum of its payments.")
    amount_due: Decimal = strawberry.field(description="total - amountPaid.")
    paid_at: datetime | None = strawberry.field(description="When it was paid in full.")
    source_estimate_id: strawberry.Private[str | None]

    @classmethod
    def from_model(cls, row: DocumentModel, today: date) -> Invoice:
        """The GraphQL view of an invoice row."""
        return cls(
            **cls.common(row, today),
            amount_paid=display.money(row.amount_paid, row.currency),
            amount_due=amount_due(row),
            paid_at=row.paid_at,
            source_estimate_id=row.source_estimate_id,
        )

    @strawberry.field(description="Its payments, oldest first (at most 500).")
    async def payments(
        self, info: Info
    ) -> list[Annotated[Payment, strawberry.lazy("graph.payments.types")]]:
        from graph.payments.dataloaders import PaymentsByInvoiceLoader
        from graph.payments.types import Payment

        rows = await info.context.loader(PaymentsByInvoiceLoader).load(str(self.id))
        return [Payment.from_model(row) for row in rows]

    @strawberry.field(description="The estimate it was converted from, if any.")
    async def source_estimate(self, info: Info) -> Estimate | None:
        if self.source_estimate_id is None:
            return None
        row = await info.context.loader(DocumentByIdLoader).load(self.source_estimate_id)
        return None if row is None else Estimate.from_model(row, info.context.today)


@strawberry.type(description="An estimate (quote): a price offered, which may become an invoice.")
class Estimate(DocumentFields):
    accepted_at: datetime | None = strawberry.field(description="When it was accepted.")

    @classmethod
    def from_model(cls, row: DocumentModel, today: date) -> Estimate:
        """The GraphQL view of an estimate row."""
        return cls(**cls.common(row, today), accepted_at=row.accepted_at)

    @strawberry.field(description="The invoice it was converted to, if any.")
    async def converted_invoice(self, info: Info) -> Invoice | None:
        row = await info.context.loader(InvoiceByEstimateLoader).load(str(self.id))
        return None if row is None else Invoice.from_model(row, info.context.today)
