"""Mutations of the caller's organization."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry import UNSET

from billing import organizations
from graph.context import Info
from graph.errors import Error, attempt
from graph.inputs import values_of
from graph.organizations.types import Organization, PaperSize
from graph.parties import PartyInput, PaymentMeansInput
from graph.tax_rates.types import TaxRounding

_NUMBERING = (
    "invoice_number_pattern",
    "next_invoice_number",
    "estimate_number_pattern",
    "next_estimate_number",
)


@strawberry.input(description="Changes to the organization; fields left out keep their value.")
class OrganizationUpdateInput(PartyInput):
    name: str | None = strawberry.field(default=UNSET, description="Display name.")
    email: str | None = strawberry.field(default=UNSET, description="Contact e-mail.")
    address: str | None = strawberry.field(default=UNSET, description="Postal address.")
    tax_id: str | None = strawberry.field(default=UNSET, description="Tax or VAT identifier.")
    phone: str | None = strawberry.field(default=UNSET, description="Phone number.")
    currency: str | None = strawberry.field(
        default=UNSET, description="Default ISO 4217 currency of new documents."
    )
    timezone: str | None = strawberry.field(default=UNSET, description="IANA time zone.")
    locale: str | None = strawberry.field(default=UNSET, description="Locale, e.g. fr_FR.")
    paper_size: PaperSize | None = strawberry.field(default=UNSET, description="PDF page size.")
    tax_rounding: TaxRounding | None = strawberry.field(
        default=UNSET,
        description="How new documents' taxes are rounded; documents already written keep theirs.",
    )
    payment_means: PaymentMeansInput | None = strawberry.field(
        default=UNSET, description="How it is paid, on its e-invoices (null clears it)."
    )
    email_facturx: bool | None = strawberry.field(
        default=UNSET,
        name="emailFacturX",
        description="E-mail invoices and credit notes as Factur-X PDFs (PDF/A-3 with their "
        "EN 16931 XML): then one that lacks what e-invoices need is not sent.",
    )
    invoice_number_pattern: str | None = strawberry.field(
        default=UNSET,
        description="Pattern of invoice numbers: one `{SEQ}` (`{SEQ:4}` zero-pads it to 4 "
        "digits), and optionally `{YYYY}`, `{YY}`, `{MM}` from the issue date; a pattern with "
        "the year restarts its count each year, with the month each month "
        "(`INV-{YYYY}-{SEQ:4}`).",
    )
    next_invoice_number: int | None = strawberry.field(
        default=UNSET,
        description="The sequence value of the next invoice number (for a dated pattern, "
        "the next of the current year or month).",
    )
    estimate_number_pattern: str | None = strawberry.field(
        default=UNSET, description="Pattern of estimate numbers, as invoiceNumberPattern."
    )
    next_estimate_number: int | None = strawberry.field(
        default=UNSET,
        description="The sequence value of the next estimate number (for a dated pattern, "
        "the next of the current year or month).",
    )


@strawberry.type(description="The organization as it is now, or why it did not change.")
class OrganizationPayload:
    organization: Organization | None = strawberry.field(description="The organization.")
    errors: list[Error] = strawberry.field(description="Why nothing changed, if so.")


@strawberry.type
class OrganizationMutations:
    @strawberry.mutation(description="Change the organization's settings and numbering.")
    async def organization_update(
        self,
        info: Info,
        input: Annotated[OrganizationUpdateInput, strawberry.argument(description="The changes.")],
    ) -> OrganizationPayload:
        values = values_of(input)
        numbering = {key: values.pop(key) for key in _NUMBERING if key in values}
        org = info.context.organization
        row, errors = await attempt(
            info, lambda: organizations.update_organization(org, values, **numbering)
        )
        if row is not None:
            info.context.organization = row
        return OrganizationPayload(
            organization=None if row is None else Organization.from_model(row), errors=errors
        )
