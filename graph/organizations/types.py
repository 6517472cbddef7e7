"""GraphQL types of organizations."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from enum import Enum
from typing import cast

import strawberry

from billing import numbering
from billing.organizations import sequences_of
from graph.context import Info, OrgLoader
from graph.node import Node
from graph.parties import PartyFields, PaymentMeans
from graph.tax_rates.types import TaxRounding
from models import NumberSequence
from models import Organization as OrganizationModel
from models.enums import PaperSize as StoredPaperSize
from models.enums import Series


@strawberry.enum(description="Page size of the organization's PDFs.")
class PaperSize(Enum):
    A4 = strawberry.enum_value(StoredPaperSize.A4.value, description="ISO A4, 210 by 297 mm.")
    LETTER = strawberry.enum_value(
        StoredPaperSize.LETTER.value, description="US Letter, 8.5 by 11 inches."
    )


class SequencesLoader(OrgLoader[str, dict[Series, NumberSequence]]):
    """The caller's organization's number sequences, in one query."""

    async def load_batch(self, keys: list[str]) -> Sequence[dict[Series, NumberSequence]]:
        sequences = await sequences_of(self.org)
        return [sequences if key == self.org.id else {} for key in keys]


@strawberry.type(description="A tenant: it owns every client, document, payment and key.")
class Organization(PartyFields, Node):
    name: str = strawberry.field(description="Display name, shown on documents.")
    email: str = strawberry.field(description="Contact e-mail address.")
    address: str = strawberry.field(description="Postal address, free text.")
    tax_id: str = strawberry.field(description="Tax or VAT identifier.")
    phone: str = strawberry.field(description="Phone number.")
    currency: str = strawberry.field(description="Default ISO 4217 currency of new documents.")
    timezone: str = strawberry.field(
        description="IANA time zone; decides which day it is for due dates."
    )
    locale: str = strawberry.field(description="Locale for formatting amounts and dates.")
    paper_size: PaperSize = strawberry.field(description="Page size of its PDFs.")
    tax_rounding: TaxRounding = strawberry.field(
        description="How new documents' taxes are rounded (each document records its own)."
    )
    plan: str = strawberry.field(description="Name of the plan setting limits and features.")
    created_at: datetime = strawberry.field(description="When the organization was created.")

    @classmethod
    def from_model(cls, org: OrganizationModel) -> Organization:
        """The GraphQL view of an organization row."""
        return cls(
            id=strawberry.ID(org.id),
            party=org,
            name=org.name,
            email=org.email,
            address=org.address,
            tax_id=org.tax_id,
            phone=org.phone,
            currency=org.currency,
            timezone=org.timezone,
            locale=org.locale,
            paper_size=PaperSize(org.paper_size.value),
            tax_rounding=TaxRounding(org.tax_rounding.value),
            plan=org.plan,
            created_at=org.created_at,
        )

    @strawberry.field(description="How it is paid, on its e-invoices; null if not given.")
    def payment_means(self) -> PaymentMeans | None:
        org = cast(OrganizationModel, self.party)
        return PaymentMeans.from_json(org.payment_means)

    @strawberry.field(
        name="emailFacturX",
        description="Whether invoices and credit notes are e-mailed as Factur-X PDFs.",
    )
    def email_facturx(self) -> bool:
        return cast(OrganizationModel, self.party).email_facturx

    async def _sequence(self, info: Info, series: Series) -> NumberSequence:
        sequences = await info.context.loader(SequencesLoader).load(str(self.id))
        return sequences[series]

    async def _next_value(self, info: Info, series: Series) -> int:
        sequence = await self._sequence(info, series)
        return (await numbering.next_values({series: sequence}, info.context.today))[series]

    @strawberry.field(
        description="Pattern of invoice numbers, e.g. `INV-{seq:04}` or `INV-{YYYY}-{SEQ:4}`."
    )
    async def invoice_number_pattern(self, info: Info) -> str:
        return (await self._sequence(info, Series.INVOICE)).pattern

    @strawberry.field(
        description="The sequence value the next invoice number is made from (for a dated "
        "pattern, today's year's or month's)."
    )
    async def next_invoice_number(self, info: Info) -> int:
        return await self._next_value(info, Series.INVOICE)

    @strawberry.field(description="Pattern of estimate numbers, e.g. `EST-{seq:04}`.")
    async def estimate_number_pattern(self, info: Info) -> str:
        return (await self._sequence(info, Series.ESTIMATE)).pattern

    @strawberry.field(
        description="The sequence value the next estimate number is made from (for a dated "
        "pattern, today's year's or month's)."
    )
    async def next_estimate_number(self, info: Info) -> int:
        return await self._next_value(info, Series.ESTIMATE)
