"""Mutations of credit notes: issuing one, and refunding its credit."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated

import strawberry
from strawberry import UNSET

from billing import credit_notes
from billing.sending import SendRequest
from graph.context import Info
from graph.credit_notes.dataloaders import (
    CreditNoteLinesLoader,
    CreditNotesByInvoiceLoader,
    RefundsByCreditNoteLoader,
)
from graph.credit_notes.types import CreditNote, Refund
from graph.documents.mutations import written_invoice
from graph.documents.sending import DocumentSendInput, SendInput
from graph.documents.types import Invoice
from graph.errors import Error, attempt
from graph.inputs import values_of
from graph.payments.types import PaymentMethod
from models import Document

CreditNoteId = Annotated[strawberry.ID, strawberry.argument(description="The credit note's id.")]


@strawberry.input(description="What to credit of one line of the invoice.")
class CreditNoteLineInput:
    line_index: int = strawberry.field(description="The line's index (from 0) in lineItems.")
    quantity: Decimal | None = strawberry.field(
        default=UNSET, description="Credit this many of its units (its share of the line)."
    )
    amount: Decimal | None = strawberry.field(
        default=UNSET, description="Credit this amount of it, taxes included."
    )


@strawberry.input(
    description="A credit note against an issued invoice: all that is left of it when neither "
    "lines nor amount is given."
)
class CreditNoteCreateInput:
    invoice_id: strawberry.ID = strawberry.field(description="The invoice it credits.")
    lines: list[CreditNoteLineInput] | None = strawberry.field(
        default=UNSET,
        description="Credit these lines: each whole (what is left of it), a quantity or an amount.",
    )
    amount: Decimal | None = strawberry.field(
        default=UNSET,
        description="Credit this amount, taxes included, spread over the lines in proportion "
        "to what is left of each.",
    )
    reason: str | None = strawberry.field(default=UNSET, description="Why it is issued.")
    issue_date: date | None = strawberry.field(
        default=UNSET, description="Date of issue; today (organization's time zone) if left out."
    )


@strawberry.input(description="Money paid back to the client out of a credit note.")
class RefundInput:
    amount: Decimal = strawberry.field(
        description="At most what the credit note has not refunded and the client's credit."
    )
    method: PaymentMethod = strawberry.field(description="How it is paid back.")
    refund_date: date | None = strawberry.field(
        default=UNSET, description="When; today (organization's time zone) if left out."
    )
    note: str | None = strawberry.field(default=UNSET, description="Free text.")


@strawberry.type(description="An issued credit note and its invoice, or why it was not issued.")
class CreditNotePayload:
    credit_note: CreditNote | None = strawberry.field(description="The credit note.")
    invoice: Invoice | None = strawberry.field(
        description="The invoice, with its amount credited, amount due and status."
    )
    errors: list[Error] = strawberry.field(description="Why nothing changed, if so.")


@strawberry.type(description="A recorded refund, or why it was not recorded.")
class RefundPayload:
    refund: Refund | None = strawberry.field(description="The refund.")
    credit_note: CreditNote | None = strawberry.field(description="Its credit note.")
    invoice: Invoice | None = strawberry.field(description="The invoice, as the refund left it.")
    errors: list[Error] = strawberry.field(description="Why nothing changed, if so.")


@strawberry.type(description="An e-mailed credit note, or why it was not e-mailed.")
class CreditNoteSendPayload:
    credit_note: CreditNote | None = strawberry.field(
        description="The credit note, with sentTo and sentAt."
    )
    errors: list[Error] = strawberry.field(description="Why nothing was sent, if so.")


def _written_credit_note(info: Info, shown: credit_notes.Shown) -> CreditNote:
    """A credit note as the write that e-mailed it left it, its lines and refunds from that
    write's own read."""
    note = shown.note
    info.context.loader(CreditNoteLinesLoader).prime(note.id, shown.lines, force=True)
    info.context.loader(RefundsByCreditNoteLoader).prime(note.id, shown.refunds, force=True)
    return CreditNote.from_model(note)


def _written_invoice(info: Info, row: Document) -> Invoice:
    """The invoice as a credit note's write left it, its creditNotes those the write saw."""
    written = credit_notes.credit_notes_written(row)
    if written is not None:
        info.context.loader(CreditNotesByInvoiceLoader).prime(row.id, written, force=True)
    return written_invoice(info, row)


@strawberry.type
class CreditNoteMutations:
    @strawberry.mutation(
        description="Issue a credit note against a SENT, VIEWED, PARTIALLY_PAID or PAID "
        "invoice, never crediting more than is left of it; the invoice's amount due falls (below "
        "zero, the client holds a credit)."
    )
    async def credit_note_create(
        self,
        info: Info,
        input: Annotated[
            CreditNoteCreateInput, strawberry.argument(description="The credit note.")
        ],
    ) -> CreditNotePayload:
        org, values = info.context.organization, values_of(input)
        values["invoice_id"] = str(input.invoice_id)
        row, errors = await attempt(info, lambda: credit_notes.create_credit_note(org, values))
        if row is None:
            return CreditNotePayload(credit_note=None, invoice=None, errors=errors)
        return CreditNotePayload(
            credit_note=CreditNote.from_model(row),
            invoice=_written_invoice(info, row.invoice),
            errors=[],
        )

    @strawberry.mutation(
        description="Record money paid back to the client out of a credit note's credit."
    )
    async def credit_note_refund(
        self,
        info: Info,
        id: CreditNoteId,
        input: Annotated[RefundInput, strawberry.argument(description="The refund.")],
    ) -> RefundPayload:
        org, values = info.context.organization, values_of(input)
        row, errors = await attempt(info, lambda: credit_notes.record_refund(org, id, values))
        if row is None:
            return RefundPayload(refund=None, credit_note=None, invoice=None, errors=errors)
        note = row.credit_note
        return RefundPayload(
            refund=Refund.from_model(row, note.minor_units),
            credit_note=CreditNote.from_model(note),
            invoice=_written_invoice(info, note.invoice),
            errors=[],
        )

    @strawberry.mutation(
        description="E-mail a credit note with its PDF and public link (to its client unless "
        "`to` is given); once the e-mail is accepted, sentTo and the first sentAt are set. It "
        "may be sent again. Needs the plan's email feature."
    )
    async def credit_note_send(
        self, info: Info, id: CreditNoteId, input: SendInput = None
    ) -> CreditNoteSendPayload:
        given = input or DocumentSendInput()
        row, errors = await attempt(
            info,
            lambda: info.context.mailer.send_credit_note(
                info.context.organization,
                id,
                plan=info.context.plan,
                request=SendRequest(given.to, given.cc, given.subject, given.message),
            ),
        )
        note = None if row is None else _written_credit_note(info, row)
        return CreditNoteSendPayload(credit_note=note, errors=errors)
