"""Numbers as every surface shows them: exact decimals, before any locale formatting.

GraphQL and REST put these values on the wire and the PDF hands them to Babel, so the three
always show the same digits. A module of its own, beside billing.money (which rounds and parses):
this is what is shown, not what is computed. Stored columns carry four decimals, which are not
precision, so none of these shows the column's trailing zeros unless the currency asks for them.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from billing.money import minor_units, round_to


def _places(value: Decimal) -> int:
    """How many decimals `value` needs to be shown exactly: 40.0000 needs 0, 7.5000 needs 1."""
    if value.is_zero():
        return 0
    _, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int), "shown numbers are finite"
    trailing_zeros = len(digits) - len("".join(map(str, digits)).rstrip("0"))
    return max(0, -(exponent + trailing_zeros))


def money(value: Decimal | int, places: int) -> Decimal:
    """An amount with exactly the decimals of its document's currency (`minor_units`, as the
    document recorded them): USD 5500.00, JPY 5500, KWD 1.500."""
    return round_to(Decimal(value), places)


def unit_price(value: Decimal | int, places: int) -> Decimal:
    """A unit price: the currency's decimals at least, more when it has them (125.00, 0.0125)."""
    value = Decimal(value)
    return round_to(value, max(places, _places(value)))


def money_sum(value: Decimal | int, currency: str) -> Decimal:
    """A sum over documents in `currency`, which may have recorded other minor units than
    today's: today's decimals at least, more where a stored amount had them."""
    return unit_price(value, minor_units(currency))


def plain(value: Decimal | int) -> Decimal:
    """A quantity or percentage without storage's trailing zeros: 40.0000 -> 40, 7.5000 -> 7.5."""
    value = Decimal(value)
    return round_to(value, _places(value))


def timestamp(value: datetime) -> str:
    """A moment as every surface writes it: ISO 8601 in UTC with milliseconds and `Z`, e.g.
    2024-01-15T09:30:00.000Z."""
    return value.astimezone(UTC).isoformat(timespec="milliseconds")[:23] + "Z"
