"""Scalars: exact decimals as strings. Dates are GraphQL's ISO `Date` and `DateTime`."""

from __future__ import annotations

import decimal

import strawberry
from strawberry.types.scalar import ScalarDefinition

MAX_DECIMAL_LENGTH = 64


def _serialize(value: decimal.Decimal) -> str:
    # Fixed-point, never scientific: 1E+2 reads as "100".
    return format(value, "f")


def _parse(value: object) -> decimal.Decimal:
    # GraphQL prefixes a ValueError's message with where the value was and what it was.
    # Strings and integers only: a JSON float may already have lost the cents it carried.
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise ValueError(
            'Decimal values are strings such as "12.50" (or integers), so that they stay exact.'
        )
    text = str(value).strip()
    try:
        if len(text) > MAX_DECIMAL_LENGTH:
            raise decimal.InvalidOperation
        parsed = decimal.Decimal(text)
    except decimal.InvalidOperation:
        raise ValueError(f'{text[:20]!r} is not a decimal number such as "12.50".') from None
    if not parsed.is_finite():
        raise ValueError("Decimal values must be finite numbers.")
    return parsed


DECIMAL: ScalarDefinition = strawberry.scalar(
    name="Decimal",
    description=(
        'An exact decimal number, written as a string ("5500.00"). Amounts carry their '
        "currency's decimals; inputs also accept integers."
    ),
    serialize=_serialize,
    parse_value=_parse,
)

# Fields typed `decimal.Decimal` use this scalar in place of Strawberry's own.
SCALAR_OVERRIDES: dict[object, ScalarDefinition] = {decimal.Decimal: DECIMAL}
