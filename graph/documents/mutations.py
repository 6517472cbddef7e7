"""Mutations of invoices and estimates: create, update, delete, and the lifecycle moves."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated

import strawberry
from strawberry import UNSET

from billing import documents
from graph.context import Info
from graph.documents.dataloaders import remember
from graph.documents.types import DiscountType, Estimate, Invoice
from graph.errors import Error, attempt
from graph.inputs import values_of
from graph.payloads import DeletePayload
from models import Document
from models.enums import Series

DocumentId = Annotated[strawberry.ID, strawberry.argument(description="The document's id.")]


@strawberry.input(description="A line of a document.")
class LineItemInput:
    description: str = strawberry.field(description="What is billed (required, multi-line).")
    quantity: Decimal = strawberry.field(description="How many units, 0 or more, 4 decimals.")
    unit_price: Decimal = strawberry.field(description="Price of one unit, 4 decimals.")
    tax_rate: Decimal = strawberry.field(
        default=Decimal(0), description="The line's tax, in percent (0 to 100)."
    )
    apply_tax: bool = strawberry.field(
        default=True, description="Whether the document's taxes apply to it."
    )
    apply_discount: bool = strawberry.field(
        default=True, description="Whether the document's discount applies to it."
    )
    tax_rate_ids: list[strawberry.ID] = strawberry.field(
        default_factory=list,
        description="The catalogue's tax rates it is taxed with, in the order they apply "
        "(at most 5); the line keeps a copy of each as it is now.",
    )
    unit_code: str | None = strawberry.field(
        default=UNSET,
        description="Unit of measure, UN/ECE Recommendation 20 (HUR hour, DAY day, KGM "
        "kilogram); C62 (one) when left out.",
    )


@strawberry.input(
    description="What an invoice holds besides its parties, dates and lines: shared by "
    "documents and recurring invoices."
)
class ContentFieldsInput:
    currency: str | None = strawberry.field(
        default=UNSET, description="ISO 4217 code; the organization's when left out."
    )
    discount_type: DiscountType | None = strawberry.field(
        default=UNSET, description="How discountValue is read; null for no discount."
    )
    discount_value: Decimal | None = strawberry.field(
        default=UNSET, description="A percentage (0-100) or an amount, by discountType."
    )
    tax: Decimal | None = strawberry.field(
        default=UNSET, description="Document tax rate in percent, on lines that apply tax."
    )
    tax2: Decimal | None = strawberry.field(
        default=UNSET, description="Second document tax rate in percent."
    )
    prices_include_tax: bool | None = strawberry.field(
        default=UNSET,
        description="Whether unit prices include tax; false when left out on creation.",
    )
    notes: str | None = strawberry.field(default=UNSET, description="Notes shown on it.")
    terms: str | None = strawberry.field(default=UNSET, description="Terms shown on it.")
    buyer_reference: str | None = strawberry.field(
        default=UNSET,
        description="The buyer's reference (BT-10; a Leitweg-ID for a German public buyer); "
        "the client's when left out on creation.",
    )
    purchase_order_reference: str | None = strawberry.field(
        default=UNSET, description="The buyer's purchase order it answers (BT-13)."
    )


@strawberry.input(description="The fields of a document that may be set.")
class DocumentFieldsInput(ContentFieldsInput):
    number: str | None = strawberry.field(
        default=UNSET, description="Its number; the series' next one when left out."
    )
    issue_date: date | None = strawberry.field(
        default=UNSET, description="Date of issue; today (organization's time zone) if left out."
    )
    due_date: date | None = strawberry.field(
        default=UNSET, description="When payment is due; null for none."
    )
    delivery_date: date | None = strawberry.field(
        default=UNSET,
        description="When the goods or services were delivered (BT-72); an intra-community "
        "supply's e-invoice needs it.",
    )
    delivery_country: str | None = strawberry.field(
        default=UNSET,
        description="Where they were delivered, ISO 3166-1 alpha-2 (BT-80); for an "
        "intra-community supply, the client's country when left empty.",
    )


@strawberry.input(description="A new document.")
class DocumentCreateInput(DocumentFieldsInput):
    client_id: strawberry.ID = strawberry.field(description="The client it is addressed to.")
    line_items: list[LineItemInput] = strawberry.field(
        default_factory=list, description="Its lines, in order (at most 500)."
    )


@strawberry.input(description="Changes to a DRAFT document; fields left out keep their value.")
class DocumentUpdateInput(DocumentFieldsInput):
    client_id: strawberry.ID | None = strawberry.field(
        default=UNSET, description="Another client of the organization."
    )
    line_items: list[LineItemInput] | None = strawberry.field(
        default=UNSET, description="New lines, replacing all of them; totals are recomputed."
    )


@strawberry.input(name="InvoiceCreateInput", description="A new DRAFT invoice.")
class InvoiceCreateInput(DocumentCreateInput):
    pass


@strawberry.input(name="InvoiceUpdateInput", description="Changes to a DRAFT invoice.")
class InvoiceUpdateInput(DocumentUpdateInput):
    pass


@strawberry.input(name="EstimateCreateInput", description="A new DRAFT estimate.")
class EstimateCreateInput(DocumentCreateInput):
    pass


@strawberry.input(name="EstimateUpdateInput", description="Changes to a DRAFT estimate.")
class EstimateUpdateInput(DocumentUpdateInput):
    pass


@strawberry.type(description="The invoice a mutation produced, or why it did not.")
class InvoicePayload:
    invoice: Invoice | None = strawberry.field(description="The invoice, as it is now.")
    errors: list[Error] = strawberry.field(description="Why nothing changed, if so.")


@strawberry.type(description="The estimate a mutation produced, or why it did not.")
class EstimatePayload:
    estimate: Estimate | None = strawberry.field(description="The estimate, as it is now.")
    errors: list[Error] = strawberry.field(description="Why nothing changed, if so.")


@strawberry.type(description="An estimate converted to an invoice, or why it was not.")
class EstimateConvertPayload:
    estimate: Estimate | None = strawberry.field(description="The estimate, now ACCEPTED.")
    invoice: Invoice | None = strawberry.field(description="The new DRAFT invoice.")
    errors: list[Error] = strawberry.field(description="Why nothing changed, if so.")


def written_invoice(info: Info, row: Document) -> Invoice:
    """An invoice as the mutation that changed it wrote it."""
    remember(info.context, row)
    return Invoice.from_model(row, info.context.today)


def written_estimate(info: Info, row: Document) -> Estimate:
    """An estimate as the mutation that changed it wrote it."""
    remember(info.context, row)
    return Estimate.from_model(row, info.context.today)


def invoice_payload(info: Info, row: Document | None, errors: list[Error]) -> InvoicePayload:
    """The payload of a mutation that changed an invoice (or did not)."""
    invoice = None if row is None else written_invoice(info, row)
    return InvoicePayload(invoice=invoice, errors=errors)


def estimate_payload(info: Info, row: Document | None, errors: list[Error]) -> EstimatePayload:
    """The payload of a mutation that changed an estimate (or did not)."""
    estimate = None if row is None else written_estimate(info, row)
    return EstimatePayload(estimate=estimate, errors=errors)


async def _delete(info: Info, document_id: str, *, series: Series) -> DeletePayload:
    org = info.context.organization
    _, errors = await attempt(
        info, lambda: documents.delete_document(org, document_id, series=series)
    )
    return DeletePayload(deleted_id=None if errors else strawberry.ID(document_id), errors=errors)


@strawberry.type
class DocumentMutations:
    @strawberry.mutation(description="Create a DRAFT invoice, numbered by its series.")
    async def invoice_create(
        self,
        info: Info,
        input: Annotated[InvoiceCreateInput, strawberry.argument(description="The new invoice.")],
    ) -> InvoicePayload:
        org = info.context.organization
        values = values_of(input)
        row, errors = await attempt(
            info,
            lambda: documents.create_document(
                org, values, series=Series.INVOICE, plan=info.context.plan
            ),
        )
        return invoice_payload(info, row, errors)

    @strawberry.mutation(description="Change a DRAFT invoice; totals are recomputed.")
    async def invoice_update(
        self,
        info: Info,
        id: DocumentId,
        input: Annotated[InvoiceUpdateInput, strawberry.argument(description="The changes.")],
    ) -> InvoicePayload:
        org = info.context.organization
        values = values_of(input)
        row, errors = await attempt(
            info, lambda: documents.update_document(org, id, values, series=Series.INVOICE)
        )
        return invoice_payload(info, row, errors)

    @strawberry.mutation(
        description="Delete an invoice and its PDF for good; one with payments must be voided."
    )
    async def invoice_delete(self, info: Info, id: DocumentId) -> DeletePayload:
        return await _delete(info, id, series=Series.INVOICE)

    @strawberry.mutation(description="Record that a DRAFT invoice was sent by other means.")
    async def invoice_mark_sent(self, info: Info, id: DocumentId) -> InvoicePayload:
        org = info.context.organization
        row, errors = await attempt(
            info, lambda: documents.mark_sent(org, id, series=Series.INVOICE)
        )
        return invoice_payload(info, row, errors)

    @strawberry.mutation(description="Void an invoice (final); refused while it has payments.")
    async def invoice_void(self, info: Info, id: DocumentId) -> InvoicePayload:
        org = info.context.organization
        row, errors = await attempt(
            info, lambda: documents.void_document(org, id, series=Series.INVOICE)
        )
        return invoice_payload(info, row, errors)

    @strawberry.mutation(description="Create a DRAFT estimate, numbered by its series.")
    async def estimate_create(
        self,
        info: Info,
        input: Annotated[EstimateCreateInput, strawberry.argument(description="The new estimate.")],
    ) -> EstimatePayload:
        org = info.context.organization
        values = values_of(input)
        row, errors = await attempt(
            info,
            lambda: documents.create_document(
                org, values, series=Series.ESTIMATE, plan=info.context.plan
            ),
        )
        return estimate_payload(info, row, errors)

    @strawberry.mutation(description="Change a DRAFT estimate; totals are recomputed.")
    async def estimate_update(
        self,
        info: Info,
        id: DocumentId,
        input: Annotated[EstimateUpdateInput, strawberry.argument(description="The changes.")],
    ) -> EstimatePayload:
        org = info.context.organization
        values = values_of(input)
        row, errors = await attempt(
            info, lambda: documents.update_document(org, id, values, series=Series.ESTIMATE)
        )
        return estimate_payload(info, row, errors)

    @strawberry.mutation(description="Delete an estimate and its PDF for good.")
    async def estimate_delete(self, info: Info, id: DocumentId) -> DeletePayload:
        return await _delete(info, id, series=Series.ESTIMATE)

    @strawberry.mutation(description="Record that a DRAFT estimate was sent by other means.")
    async def estimate_mark_sent(self, info: Info, id: DocumentId) -> EstimatePayload:
        org = info.context.organization
        row, errors = await attempt(
            info, lambda: documents.mark_sent(org, id, series=Series.ESTIMATE)
        )
        return estimate_payload(info, row, errors)

    @strawberry.mutation(description="Record the client's acceptance of an estimate.")
    async def estimate_accept(self, info: Info, id: DocumentId) -> EstimatePayload:
        org = info.context.organization
        row, errors = await attempt(info, lambda: documents.accept_estimate(org, id))
        return estimate_payload(info, row, errors)

    @strawberry.mutation(
        description="Turn an estimate into a new DRAFT invoice (once); the estimate becomes "
        "ACCEPTED and the two are linked both ways."
    )
    async def estimate_convert(self, info: Info, id: DocumentId) -> EstimateConvertPayload:
        org = info.context.organization
        conversion, errors = await attempt(
            info, lambda: documents.convert(org, id, plan=info.context.plan)
        )
        if conversion is None:
            return EstimateConvertPayload(estimate=None, invoice=None, errors=errors)
        return EstimateConvertPayload(
            estimate=written_estimate(info, conversion.estimate),
            invoice=written_invoice(info, conversion.invoice),
            errors=[],
        )

    @strawberry.mutation(description="Void (decline) an estimate; final.")
    async def estimate_void(self, info: Info, id: DocumentId) -> EstimatePayload:
        org = info.context.organization
        row, errors = await attempt(
            info, lambda: documents.void_document(org, id, series=Series.ESTIMATE)
        )
        return estimate_payload(info, row, errors)
