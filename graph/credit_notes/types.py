"""GraphQL types of credit notes and refunds."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated

import strawberry

from billing import display
from billing.links import credit_note_url
from graph.clients.dataloaders import ClientByIdLoader
from graph.clients.types import Client
from graph.context import Info
from graph.credit_notes.dataloaders import CreditNoteLinesLoader, RefundsByCreditNoteLoader
from graph.einvoices.types import EInvoice, EInvoiceFormat, e_invoice_of, located
from graph.node import Node
from graph.payments.types import PaymentMethod
from graph.tax_rates.types import AppliedTax, TaxLine
from models import CreditNote as CreditNoteModel
from models import CreditNoteLine as CreditNoteLineModel
from models import Refund as RefundModel
from models.taxes import TaxLine as TaxLineModel

if TYPE_CHECKING:
    from graph.documents.types import Invoice

LazyInvoice = Annotated["Invoice", strawberry.lazy("graph.documents.types")]


@strawberry.type(description="What a credit note credits of one line of its invoice.")
class CreditNoteLine:
    row: strawberry.Private[CreditNoteLineModel]
    places: strawberry.Private[int]

    @strawberry.field(description="The invoice line's index (from 0) in its lineItems.")
    def invoice_line_index(self) -> int:
        return self.row.invoice_line

    @strawberry.field(description="The invoice line's description.")
    def description(self) -> str:
        return self.row.description

    @strawberry.field(description="The quantity credited, when the credit was given as one.")
    def quantity(self) -> Decimal | None:
        return None if self.row.quantity is None else display.plain(self.row.quantity)

    @strawberry.field(description="What it credits of the line, with its taxes.")
    def amount(self) -> Decimal:
        return display.money(self.row.amount, self.places)

    @strawberry.field(description="Of that, the net.")
    def net_amount(self) -> Decimal:
        return display.money(self.row.net, self.places)

    @strawberry.field(description="Of that, the tax.")
    def tax_amount(self) -> Decimal:
        return display.money(self.row.tax, self.places)

    @strawberry.field(description="The line's taxes, as the invoice line was taxed.")
    def taxes(self) -> list[AppliedTax]:
        return [AppliedTax.from_model(applied) for applied in self.row.taxes]


@strawberry.type(description="Money paid back to the client out of a credit note's credit.")
class Refund:
    id: strawberry.ID = strawberry.field(description="Its id.")
    amount: Decimal = strawberry.field(description="The amount paid back.")
    method: PaymentMethod = strawberry.field(description="How it was paid back.")
    refund_date: date = strawberry.field(description="When it was paid back.")
    note: str = strawberry.field(description="Free text, e.g. a bank reference.")
    created_at: datetime = strawberry.field(description="When it was recorded.")

    @classmethod
    def from_model(cls, row: RefundModel, places: int) -> Refund:
        """The GraphQL view of a refund of a credit note rounded to `places` decimals."""
        return cls(
            id=strawberry.ID(row.id),
            amount=display.money(row.amount, places),
            method=PaymentMethod(row.method.value),
            refund_date=row.refund_date,
            note=row.note,
            created_at=row.created_at,
        )


@strawberry.type(
    description="A credit note: the correction of an issued invoice, numbered in its own "
    "series (CN-0001). Its amounts are what it credits; never edited once issued."
)
class CreditNote(Node):
    row: strawberry.Private[CreditNoteModel]

    @classmethod
    def from_model(cls, row: CreditNoteModel) -> CreditNote:
        """The GraphQL view of a credit note row."""
        return cls(id=strawberry.ID(row.id), row=row)

    @property
    def places(self) -> int:
        places: int = self.row.minor_units
        return places

    @strawberry.field(description="Unique in the credit note series (`CN-0001`).")
    def number(self) -> str:
        return self.row.number

    @strawberry.field(description="Its invoice's currency.")
    def currency(self) -> str:
        return self.row.currency

    @strawberry.field(description="Decimals its amounts are rounded to: its invoice's.")
    def minor_units(self) -> int:
        return self.places

    @strawberry.field(description="Date of issue.")
    def issue_date(self) -> date:
        return self.row.issue_date

    @strawberry.field(description="Why it was issued.")
    def reason(self) -> str:
        return self.row.reason

    @strawberry.field(description="The nets it credits.")
    def subtotal(self) -> Decimal:
        return display.money(self.row.subtotal, self.places)

    @strawberry.field(description="The tax it credits.")
    def tax_total(self) -> Decimal:
        return display.money(self.row.tax_total, self.places)

    @strawberry.field(description="What it credits: subtotal + taxTotal.")
    def total(self) -> Decimal:
        return display.money(self.row.total, self.places)

    @strawberry.field(description="What of it was paid back to the client.")
    def amount_refunded(self) -> Decimal:
        return display.money(self.row.amount_refunded, self.places)

    @strawberry.field(description="Its tax breakdown, one row per tax, adding up to taxTotal.")
    def tax_lines(self) -> list[TaxLine]:
        return [
            TaxLine.from_model(TaxLineModel.from_json(row), self.places)
            for row in self.row.tax_breakdown
        ]

    @strawberry.field(description="When it was issued.")
    def created_at(self) -> datetime:
        return self.row.created_at

    @strawberry.field(description="Whom it was last e-mailed to (creditNoteSend); empty if never.")
    def sent_to(self) -> list[str]:
        return list(self.row.sent_to)

    @strawberry.field(description="When it was first e-mailed; null if never.")
    def sent_at(self) -> datetime | None:
        return self.row.sent_at

    @strawberry.field(
        description="Where its PDF downloads (with the API key): the same URL as REST's."
    )
    def pdf_url(self, info: Info) -> str:
        return f"{info.context.public_base_url}/api/v1/credit-notes/{self.id}/pdf"

    @strawberry.field(
        description="Its e-invoice (EN 16931 type 381, naming its invoice) in `format`, as "
        "Invoice.eInvoice gives an invoice's."
    )
    async def e_invoice(
        self,
        info: Info,
        format: Annotated[EInvoiceFormat, strawberry.argument(description="The format.")],
    ) -> EInvoice:
        org = info.context.organization
        chosen, url = located(info.context.public_base_url, "credit-notes", str(self.id), format)
        return await e_invoice_of(
            info, lambda: info.context.einvoices.credit_note(org, str(self.id), chosen), format, url
        )

    @strawberry.field(
        description="Its public page, for the client: no API key needed, the link itself is "
        "the credential."
    )
    def public_url(self, info: Info) -> str:
        return credit_note_url(info.context.public_base_url, self.row)

    @strawberry.field(description="What it credits of each line of its invoice, in order.")
    async def lines(self, info: Info) -> list[CreditNoteLine]:
        rows = await info.context.loader(CreditNoteLinesLoader).load(str(self.id))
        return [CreditNoteLine(row=row, places=self.places) for row in rows]

    @strawberry.field(description="Its refunds, oldest first (at most 100).")
    async def refunds(self, info: Info) -> list[Refund]:
        rows = await info.context.loader(RefundsByCreditNoteLoader).load(str(self.id))
        return [Refund.from_model(row, self.places) for row in rows]

    @strawberry.field(description="The invoice it credits.", graphql_type=LazyInvoice)
    async def invoice(self, info: Info) -> Invoice:
        from graph.documents.dataloaders import DocumentByIdLoader
        from graph.documents.types import Invoice

        row = await info.context.loader(DocumentByIdLoader).load(self.row.invoice_id)
        assert row is not None, "an invoice with credit notes is never deleted"
        return Invoice.from_model(row, info.context.today)

    @strawberry.field(description="Who it is addressed to: its invoice's client.")
    async def client(self, info: Info) -> Client:
        row = await info.context.loader(ClientByIdLoader).load(self.row.client_id)
        assert row is not None, "a credit note's client is never deleted"
        return Client.from_model(row)
