"""Amounts as the API shows them: exact decimals quantized to their currency (billing.display)."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

import strawberry

from billing import display


@strawberry.type(description="An amount of money in a currency.")
class Amount:
    amount: Decimal = strawberry.field(description="The amount, in the currency's decimals.")
    currency: str = strawberry.field(description="ISO 4217 currency code.")

    @classmethod
    def of(cls, totals: Mapping[str, Decimal]) -> list[Amount]:
        """One amount per currency, by currency code."""
        return [
            cls(amount=display.money_sum(totals[code], code), currency=code)
            for code in sorted(totals)
        ]
