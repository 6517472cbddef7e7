"""Scalars: exact decimals as strings; moments as REST writes them (UTC, milliseconds, `Z`).
Dates are GraphQL's ISO `Date`."""

from __future__ import annotations

import decimal
from datetime import datetime

import strawberry
from strawberry.types.scalar import ScalarDefinition

from billing import display

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


def parse_moment(value: object) -> datetime:
    """A DateTime input: ISO 8601 with a time zone, or a ValueError saying so."""
    if isinstance(value, str):
        try:
            parsed = datetime.fromisoformat(value.strip())
        except ValueError:
            parsed = None
        if parsed is not None and parsed.tzinfo is not None:
            return parsed
    raise ValueError(
        'DateTime values are ISO 8601 with a time zone, such as "2026-12-01T19:10:13.944Z".'
    )


DATETIME: ScalarDefinition = strawberry.scalar(
    name="DateTime",
    description=(
        'A moment, in UTC with milliseconds: "2026-12-01T19:10:13.944Z", as REST writes it. '
        "Inputs take any ISO 8601 moment with a time zone."
    ),
    serialize=display.timestamp,
    parse_value=parse_moment,
)

# Fields typed `decimal.Decimal` and `datetime` use these scalars in place of Strawberry's.
SCALAR_OVERRIDES: dict[object, ScalarDefinition] = {decimal.Decimal: DECIMAL, datetime: DATETIME}
