"""GraphQL types of taxes: the catalogue's rates, a line's taxes and a document's breakdown."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from enum import Enum

import strawberry

from billing import display
from graph.node import Node
from models import TaxRate as TaxRateModel
from models.enums import TaxCategory as StoredTaxCategory
from models.enums import TaxRounding as StoredTaxRounding
from models.taxes import AppliedTax as AppliedTaxModel
from models.taxes import TaxLine as TaxLineModel


@strawberry.enum(description="A tax's VAT category code, as EN 16931 (UNTDID 5305) names it.")
class TaxCategory(Enum):
    S = strawberry.enum_value(StoredTaxCategory.S.value, description="Standard rate.")
    Z = strawberry.enum_value(StoredTaxCategory.Z.value, description="Zero rated goods.")
    E = strawberry.enum_value(StoredTaxCategory.E.value, description="Exempt from tax.")
    AE = strawberry.enum_value(
        StoredTaxCategory.AE.value, description="VAT reverse charge: the buyer accounts for it."
    )
    K = strawberry.enum_value(
        StoredTaxCategory.K.value, description="Intra-community (EEA) supply, VAT not charged."
    )
    G = strawberry.enum_value(
        StoredTaxCategory.G.value, description="Free export item, VAT not charged."
    )
    O = strawberry.enum_value(  # noqa: E741 (the standard's code)
        StoredTaxCategory.O.value, description="Services outside the scope of tax."
    )
    L = strawberry.enum_value(
        StoredTaxCategory.L.value, description="Canary Islands general indirect tax (IGIC)."
    )
    M = strawberry.enum_value(
        StoredTaxCategory.M.value, description="Ceuta and Melilla tax (IPSI)."
    )


@strawberry.enum(description="How a document's taxes are rounded.")
class TaxRounding(Enum):
    PER_LINE = strawberry.enum_value(
        StoredTaxRounding.PER_LINE.value,
        description="Each line's taxes rounded on the line; each breakdown row sums its lines.",
    )
    PER_DOCUMENT = strawberry.enum_value(
        StoredTaxRounding.PER_DOCUMENT.value,
        description="Each tax applied once to the sum of its lines' nets and rounded once "
        "(EN 16931's BR-CO-17); the lines share it.",
    )


@strawberry.type(description="A tax of the organization's catalogue, which lines name by id.")
class TaxRate(Node):
    name: str = strawberry.field(description="Its name, unique in the organization (`VAT 20%`).")
    rate: Decimal = strawberry.field(description="In percent (0 to 100).")
    category: TaxCategory = strawberry.field(description="Its EN 16931 VAT category.")
    compound: bool = strawberry.field(
        description="Whether it applies to the net plus the line's taxes before it."
    )
    exemption_reason: str = strawberry.field(
        description="Why no tax is charged (categories E, AE, K, G, O); empty otherwise."
    )
    exemption_reason_code: str = strawberry.field(
        description="The reason as a code (VATEX list, e.g. `VATEX-EU-AE`); empty if none."
    )
    created_at: datetime = strawberry.field(description="When it was created.")
    updated_at: datetime = strawberry.field(description="When it last changed.")

    @classmethod
    def from_model(cls, row: TaxRateModel) -> TaxRate:
        """The GraphQL view of a catalogue row."""
        return cls(
            id=strawberry.ID(row.id),
            name=row.name,
            rate=display.plain(row.rate),
            category=TaxCategory(row.category.value),
            compound=row.compound,
            exemption_reason=row.exemption_reason,
            exemption_reason_code=row.exemption_reason_code,
            created_at=row.created_at,
            updated_at=row.updated_at,
        )


@strawberry.type(
    description="A tax as a line keeps it: the catalogue's rate as it was when the line was "
    "written (or the legacy taxRate, tax and tax2 as one inline tax, without a name)."
)
class AppliedTax:
    rate: Decimal = strawberry.field(description="In percent.")
    name: str = strawberry.field(description="The rate's name; empty for the legacy rates.")
    category: TaxCategory = strawberry.field(description="Its EN 16931 VAT category.")
    compound: bool = strawberry.field(
        description="Whether it applied to the net plus the line's taxes before it."
    )
    exemption_reason: str = strawberry.field(description="Why no tax is charged, if so.")
    exemption_reason_code: str = strawberry.field(description="That reason as a code, if so.")
    tax_rate_id: strawberry.ID | None = strawberry.field(
        description="The catalogue's rate it was copied from; null for the legacy rates. The "
        "rate may have changed or gone since: this copy is what the line was taxed with."
    )

    @classmethod
    def from_model(cls, applied: AppliedTaxModel) -> AppliedTax:
        """The GraphQL view of a stored tax."""
        return cls(
            rate=display.plain(applied.rate),
            name=applied.name,
            category=TaxCategory(applied.category.value),
            compound=applied.compound,
            exemption_reason=applied.exemption_reason,
            exemption_reason_code=applied.exemption_reason_code,
            tax_rate_id=None if applied.tax_rate_id is None else strawberry.ID(applied.tax_rate_id),
        )


@strawberry.type(description="One row of a document's tax breakdown: a tax and what it taxed.")
class TaxLine:
    rate: Decimal = strawberry.field(description="In percent.")
    name: str = strawberry.field(description="The tax's name; empty for the legacy rates.")
    category: TaxCategory = strawberry.field(description="Its EN 16931 VAT category.")
    compound: bool = strawberry.field(
        description="Whether it applied to the net plus the taxes before it."
    )
    exemption_reason: str = strawberry.field(description="Why no tax is charged, if so.")
    exemption_reason_code: str = strawberry.field(description="That reason as a code, if so.")
    taxable_amount: Decimal = strawberry.field(
        description="What it was applied to: the sum of its lines' nets (after the discount)."
    )
    tax_amount: Decimal = strawberry.field(
        description="The tax: the rows add up to the document's taxTotal exactly."
    )

    @classmethod
    def from_model(cls, row: TaxLineModel, places: int) -> TaxLine:
        """The GraphQL view of a breakdown row of a document rounded to `places` decimals."""
        applied = row.tax
        return cls(
            rate=display.plain(applied.rate),
            name=applied.name,
            category=TaxCategory(applied.category.value),
            compound=applied.compound,
            exemption_reason=applied.exemption_reason,
            exemption_reason_code=applied.exemption_reason_code,
            taxable_amount=display.money(row.taxable_amount, places),
            tax_amount=display.money(row.tax_amount, places),
        )
