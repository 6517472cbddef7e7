"""Mutations of payments."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated

import strawberry
from strawberry import UNSET

from billing import payments
from graph.context import Info
from graph.documents.mutations import written_invoice
from graph.documents.types import Invoice
from graph.errors import Error, attempt
from graph.inputs import values_of
from graph.payments.types import Payment, PaymentMethod


@strawberry.input(description="A payment to record against an invoice.")
class PaymentCreateInput:
    invoice_id: strawberry.ID = strawberry.field(description="The invoice it pays.")
    amount: Decimal = strawberry.field(
        description="More than 0, at most what is still due, in the currency's decimals."
    )
    payment_method: PaymentMethod = strawberry.field(description="How it was paid.")
    payment_date: date | None = strawberry.field(
        default=UNSET, description="When it was paid; today (organization's time zone) if left out."
    )
    currency: str | None = strawberry.field(
        default=UNSET, description="Must be the invoice's currency; the invoice's if left out."
    )
    note: str | None = strawberry.field(default=UNSET, description="Free text.")


@strawberry.type(description="A recorded payment and its invoice, or why it was not recorded.")
class PaymentPayload:
    payment: Payment | None = strawberry.field(description="The payment.")
    invoice: Invoice | None = strawberry.field(
        description="The invoice, with its new amount paid and status."
    )
    errors: list[Error] = strawberry.field(description="Why nothing changed, if so.")


@strawberry.type(description="A deleted payment's invoice, or why it was not deleted.")
class PaymentDeletePayload:
    deleted_id: strawberry.ID | None = strawberry.field(description="The deleted payment's id.")
    invoice: Invoice | None = strawberry.field(
        description="The invoice, with its amount paid and status recomputed."
    )
    errors: list[Error] = strawberry.field(description="Why nothing changed, if so.")


@strawberry.type
class PaymentMutations:
    @strawberry.mutation(
        description="Record a payment; the invoice becomes PARTIALLY_PAID or PAID. Refused "
        "when it would pay more than is due."
    )
    async def payment_create(
        self,
        info: Info,
        input: Annotated[PaymentCreateInput, strawberry.argument(description="The payment.")],
    ) -> PaymentPayload:
        org, values = info.context.organization, values_of(input)
        values["invoice_id"] = str(input.invoice_id)
        row, errors = await attempt(info, lambda: payments.record_payment(org, values))
        if row is None:
            return PaymentPayload(payment=None, invoice=None, errors=errors)
        return PaymentPayload(
            payment=Payment.from_model(row),
            invoice=written_invoice(info, row.document),
            errors=[],
        )

    @strawberry.mutation(description="Delete a payment; the invoice's status is recomputed.")
    async def payment_delete(
        self,
        info: Info,
        id: Annotated[strawberry.ID, strawberry.argument(description="The payment's id.")],
    ) -> PaymentDeletePayload:
        org = info.context.organization
        row, errors = await attempt(info, lambda: payments.delete_payment(org, id))
        return PaymentDeletePayload(
            deleted_id=None if errors else id,
            invoice=None if row is None else written_invoice(info, row),
            errors=errors,
        )
