"""GraphQL types of payments."""

from __future__ import annotations

from collections.abc import Awaitable
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import TYPE_CHECKING, Annotated

import strawberry

from billing import display
from graph.context import Info
from graph.node import Node
from models import Document as DocumentModel
from models import Payment as PaymentModel
from models.enums import PaymentMethod as StoredPaymentMethod

if TYPE_CHECKING:
    from graph.documents.types import Invoice


@strawberry.enum(description="How a payment was made.")
class PaymentMethod(Enum):
    BANK_TRANSFER = strawberry.enum_value(
        StoredPaymentMethod.BANK_TRANSFER.value, description="Bank transfer."
    )
    CASH = strawberry.enum_value(StoredPaymentMethod.CASH.value, description="Cash.")
    CHEQUE = strawberry.enum_value(StoredPaymentMethod.CHEQUE.value, description="Cheque.")
    CREDIT_CARD = strawberry.enum_value(
        StoredPaymentMethod.CREDIT_CARD.value, description="Credit card."
    )
    DEBIT = strawberry.enum_value(
        StoredPaymentMethod.DEBIT.value, description="Debit card or direct debit."
    )
    ONLINE = strawberry.enum_value(
        StoredPaymentMethod.ONLINE.value, description="An online payment service."
    )


@strawberry.type(description="A payment recorded against an invoice.")
class Payment(Node):
    amount: Decimal = strawberry.field(description="The amount paid, more than 0.")
    currency: str = strawberry.field(description="ISO 4217 code; always the invoice's.")
    payment_date: date = strawberry.field(description="When it was paid.")
    payment_method: PaymentMethod = strawberry.field(description="How it was paid.")
    note: str = strawberry.field(description="Free text, e.g. a bank reference.")
    created_at: datetime = strawberry.field(description="When it was recorded.")
    invoice_id: strawberry.Private[str]
    # The invoice's row, when a list of payments loaded it for its page (queries.py): the
    # field answers from it synchronously; None when not loaded: the field loads it.
    invoice_row: strawberry.Private[DocumentModel | None] = None

    @classmethod
    def from_model(cls, row: PaymentModel) -> Payment:
        """The GraphQL view of a payment row."""
        return cls(
            id=strawberry.ID(row.id),
            amount=display.money(row.amount, row.minor_units),
            currency=row.currency,
            payment_date=row.payment_date,
            payment_method=PaymentMethod(row.payment_method.value),
            note=row.note,
            created_at=row.created_at,
            invoice_id=row.document_id,
        )

    @strawberry.field(
        description="The invoice it pays.",
        graphql_type=Annotated["Invoice", strawberry.lazy("graph.documents.types")],
    )
    def invoice(self, info: Info) -> Invoice | Awaitable[Invoice]:
        from graph.documents.types import Invoice

        if self.invoice_row is None:
            return self._load_invoice(info)
        return Invoice.from_model(self.invoice_row, info.context.today)

    async def _load_invoice(self, info: Info) -> Invoice:
        from graph.documents.dataloaders import DocumentByIdLoader
        from graph.documents.types import Invoice

        row = await info.context.loader(DocumentByIdLoader).load(self.invoice_id)
        assert row is not None, "an invoice with payments is never deleted"
        return Invoice.from_model(row, info.context.today)
