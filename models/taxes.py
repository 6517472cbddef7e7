"""A tax as a document keeps it: what a line was taxed with, and a document's tax breakdown.

Both are snapshots, stored with the document as JSON (`LineItem.applied_taxes`,
`Document.tax_breakdown`): a tax rate of the organization's catalogue may change or go, and a
stored document still says exactly what it was taxed with. billing.totals computes them.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from models.enums import TaxCategory


@dataclass(frozen=True, slots=True)
class AppliedTax:
    """One tax of a line: a rate of the catalogue as it was when the line was written."""

    rate: Decimal  # percent
    name: str = ""
    category: TaxCategory = TaxCategory.S
    compound: bool = False  # applied on the net plus the line's taxes before it
    exemption_reason: str = ""
    exemption_reason_code: str = ""
    tax_rate_id: str | None = None  # the catalogue's rate, while it exists

    @property
    def key(self) -> tuple[object, ...]:
        """What makes two lines' taxes one row of the breakdown: all but the catalogue id."""
        return (
            self.rate,
            self.name,
            self.category,
            self.compound,
            self.exemption_reason,
            self.exemption_reason_code,
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "rate": str(self.rate),
            "name": self.name,
            "category": self.category.value,
            "compound": self.compound,
            "exemptionReason": self.exemption_reason,
            "exemptionReasonCode": self.exemption_reason_code,
            "taxRateId": self.tax_rate_id,
        }

    @classmethod
    def from_json(cls, value: dict[str, Any]) -> AppliedTax:
        return cls(
            rate=Decimal(value["rate"]),
            name=value.get("name", ""),
            category=TaxCategory(value.get("category", "S")),
            compound=bool(value.get("compound", False)),
            exemption_reason=value.get("exemptionReason", ""),
            exemption_reason_code=value.get("exemptionReasonCode", ""),
            tax_rate_id=value.get("taxRateId"),
        )


@dataclass(frozen=True, slots=True)
class TaxLine:
    """One row of a document's tax breakdown: a tax and what it was applied to."""

    tax: AppliedTax
    taxable_amount: Decimal
    tax_amount: Decimal

    def to_json(self) -> dict[str, Any]:
        return {
            **self.tax.to_json(),
            "taxableAmount": str(self.taxable_amount),
            "taxAmount": str(self.tax_amount),
        }

    @classmethod
    def from_json(cls, value: dict[str, Any]) -> TaxLine:
        return cls(
            tax=AppliedTax.from_json(value),
            taxable_amount=Decimal(value["taxableAmount"]),
            tax_amount=Decimal(value["taxAmount"]),
        )
