"""Amounts as the API shows them: exact decimals quantized to their currency."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

import strawberry

from billing.money import minor_units, quantize


@strawberry.type(description="An amount of money in a currency.")
class Amount:
    amount: Decimal = strawberry.field(description="The amount, in the currency's decimals.")
    currency: str = strawberry.field(description="ISO 4217 currency code.")

    @classmethod
    def of(cls, totals: Mapping[str, Decimal]) -> list[Amount]:
        """One amount per currency, by currency code."""
        return [cls(amount=money(totals[code], code), currency=code) for code in sorted(totals)]


def money(value: Decimal | int, currency: str) -> Decimal:
    """An amount with exactly its currency's decimals (stored values carry four)."""
    return quantize(Decimal(value), currency)


def price(value: Decimal | int, currency: str) -> Decimal:
    """A unit price: the currency's decimals at least, more when it has them (0.1234)."""
    exponent = plain(value).as_tuple().exponent
    assert isinstance(exponent, int), "stored prices are finite"
    places = max(minor_units(currency), -exponent)
    return Decimal(value).quantize(Decimal(1).scaleb(-places))


def plain(value: Decimal | int) -> Decimal:
    """A quantity or percentage without the column's trailing zeros (40.0000 reads 40)."""
    normalized = Decimal(value).normalize()
    return normalized.quantize(Decimal(1)) if normalized == normalized.to_integral() else normalized
