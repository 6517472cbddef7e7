"""The one totals function: lines, discount and taxes to exact, currency-rounded amounts.

Pure: no I/O, no ORM. GraphQL, REST and the PDF all show what `compute_totals` returns.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Context, Decimal, DivisionByZero, Inexact, InvalidOperation, localcontext
from typing import Final, Protocol

from billing.errors import ValidationError
from billing.money import MAX_AMOUNT, minor_units, round_to
from models.enums import DiscountType

# Arithmetic before rounding is exact: validated inputs need under 40 significant digits, and
# Inexact is trapped so a loss of precision could only ever raise, never go unnoticed.
_EXACT: Final = Context(prec=100, traps=[Inexact, InvalidOperation, DivisionByZero])


class Priced(Protocol):
    """A line as the totals read it, values already validated by billing.money's parsers: a
    request's validated line and a stored LineItem both are one."""

    @property
    def quantity(self) -> Decimal: ...
    @property
    def unit_price(self) -> Decimal: ...
    @property
    def tax_rate(self) -> Decimal: ...
    @property
    def apply_tax(self) -> bool: ...
    @property
    def apply_discount(self) -> bool: ...


def effective_tax_rate(line: Priced, *, tax: Decimal, tax2: Decimal) -> Decimal:
    """The percentage `line` is taxed at: its own rate, plus the document's `tax` and `tax2`
    where it has `apply_tax`."""
    return line.tax_rate + (tax + tax2 if line.apply_tax else Decimal(0))


@dataclass(frozen=True, slots=True)
class LineTotals:
    """A line's computed amounts: amount = quantity * unit price, net = amount - discount."""

    amount: Decimal
    discount: Decimal
    net: Decimal
    tax: Decimal


@dataclass(frozen=True, slots=True)
class Totals:
    """A document's totals, one LineTotals per input line in the same order."""

    lines: tuple[LineTotals, ...]
    subtotal: Decimal
    discount_total: Decimal
    tax_total: Decimal
    total: Decimal


def _allocate(total_units: int, weights: Sequence[int]) -> list[int]:
    """Split `total_units` in proportion to `weights` by largest remainder; earlier wins ties."""
    base = sum(weights)
    if base <= 0 or total_units <= 0:
        return [0] * len(weights)
    shares: list[int] = []
    remainders: list[tuple[int, int]] = []
    for index, weight in enumerate(weights):
        share, remainder = divmod(total_units * weight, base)
        shares.append(share)
        remainders.append((-remainder, index))
    for _, index in sorted(remainders)[: total_units - sum(shares)]:
        shares[index] += 1
    return shares


def compute_totals(
    lines: Sequence[Priced],
    *,
    currency: str,
    places: int | None = None,
    discount_type: DiscountType | None = None,
    discount_value: Decimal = Decimal(0),
    tax: Decimal = Decimal(0),
    tax2: Decimal = Decimal(0),
    lines_field: str = "lineItems",
) -> Totals:
    """Compute a document's totals exactly as domain.md specifies, rounded half-up to `places`
    decimals: the document's minor units, or `currency`'s in ISO 4217 today when None.

    Raises ValidationError if a line amount or a total would exceed MAX_AMOUNT (too big to store).
    """
    if places is None:
        places = minor_units(currency)

    def rnd(value: Decimal) -> Decimal:
        return round_to(value, places)

    def units(value: Decimal) -> int:  # a value already rounded to the currency, in minor units
        return int(value.scaleb(places))

    with localcontext(_EXACT):
        # 1-2. Line amounts and the subtotal.
        amounts = [rnd(line.quantity * line.unit_price) for line in lines]
        for index, amount in enumerate(amounts):
            if amount > MAX_AMOUNT:
                raise ValidationError(
                    f"Line {index + 1}: quantity times unit price is too large "
                    f"(the most accepted is {MAX_AMOUNT:,})",
                    field=f"{lines_field}[{index}]",
                )
        subtotal = rnd(sum(amounts, Decimal(0)))

        # 3. The discount, on the eligible lines, shared by largest remainder in minor units.
        eligible = [
            line.apply_discount and amount > 0 for line, amount in zip(lines, amounts, strict=True)
        ]
        base = rnd(sum((a for a, ok in zip(amounts, eligible, strict=True) if ok), Decimal(0)))
        if discount_type is DiscountType.PERCENT:
            discount_total = rnd(base * discount_value.scaleb(-2))
        elif discount_type is DiscountType.FLAT:
            discount_total = rnd(discount_value)
        else:
            discount_total = rnd(Decimal(0))
        discount_total = max(rnd(Decimal(0)), min(discount_total, base))
        shares = _allocate(
            units(discount_total),
            [units(a) if ok else 0 for a, ok in zip(amounts, eligible, strict=True)],
        )

        # 4. Tax per line on its net amount; invoice-level rates only where apply_tax.
        line_totals: list[LineTotals] = []
        for line, amount, share in zip(lines, amounts, shares, strict=True):
            discount = rnd(Decimal(share).scaleb(-places))
            net = rnd(amount - discount)
            rate = effective_tax_rate(line, tax=tax, tax2=tax2)
            line_tax = rnd(net * rate.scaleb(-2))
            line_totals.append(LineTotals(amount=amount, discount=discount, net=net, tax=line_tax))
        tax_total = rnd(sum((lt.tax for lt in line_totals), Decimal(0)))

        # 5. The total.
        total = rnd(subtotal - discount_total + tax_total)

    for name, amount in (("subtotal", subtotal), ("tax", tax_total), ("total", total)):
        if amount > MAX_AMOUNT:
            raise ValidationError(
                f"The document's {name} of {amount:,} is too large (the most a document's "
                f"{name} may be is {MAX_AMOUNT:,})",
                field=lines_field,
            )
    return Totals(
        lines=tuple(line_totals),
        subtotal=subtotal,
        discount_total=discount_total,
        tax_total=tax_total,
        total=total,
    )
