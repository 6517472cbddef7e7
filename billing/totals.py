"""The one totals function: lines, discount and taxes to exact, currency-rounded amounts.

Pure: no I/O, no ORM. GraphQL, REST and the PDF all show what `compute_totals` returns.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Context, Decimal, DivisionByZero, Inexact, InvalidOperation, localcontext
from typing import Final, Protocol

from billing.errors import ValidationError
from billing.money import MAX_AMOUNT, minor_units, round_to
from models.enums import DiscountType, TaxRounding
from models.taxes import AppliedTax, TaxLine

# Arithmetic before rounding is exact: validated inputs need under 40 significant digits, and
# Inexact is trapped so a loss of precision could only ever raise, never go unnoticed.
_EXACT: Final = Context(prec=100, traps=[Inexact, InvalidOperation, DivisionByZero])
# A gross divided by what its taxes add rarely ends: to 100 digits, then rounded to the currency.
_DIVIDING: Final = Context(prec=100, traps=[InvalidOperation, DivisionByZero])


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
    @property
    def taxes(self) -> Sequence[AppliedTax]: ...


class Header(Protocol):
    """What of a document its totals are computed with, beside its lines: a stored Document
    is one."""

    @property
    def currency(self) -> str: ...
    @property
    def minor_units(self) -> int: ...
    @property
    def discount_type(self) -> DiscountType | None: ...
    @property
    def discount_value(self) -> Decimal: ...
    @property
    def tax(self) -> Decimal: ...
    @property
    def tax2(self) -> Decimal: ...
    @property
    def tax_rounding(self) -> TaxRounding: ...
    @property
    def prices_include_tax(self) -> bool: ...


def effective_tax_rate(line: Priced, *, tax: Decimal, tax2: Decimal) -> Decimal:
    """The legacy percentage `line` is taxed at: its own `taxRate`, plus the document's `tax`
    and `tax2` where it has `apply_tax` (one tax of the line, before its catalogue ones)."""
    return line.tax_rate + (tax + tax2 if line.apply_tax else Decimal(0))


def taxes_of(line: Priced, *, tax: Decimal, tax2: Decimal) -> tuple[AppliedTax, ...]:
    """Every tax of `line`, in the order they apply: the legacy rates as one inline tax (when
    not zero), then the line's own taxes from the catalogue."""
    legacy = effective_tax_rate(line, tax=tax, tax2=tax2)
    inline = (AppliedTax(rate=legacy),) if legacy else ()
    return inline + tuple(line.taxes)


@dataclass(frozen=True, slots=True)
class LineTotals:
    """A line's computed amounts: amount = quantity * unit price (with the tax when prices
    include it), discount its share of the document's, net what it is taxed on, tax its taxes."""

    amount: Decimal
    discount: Decimal
    net: Decimal
    tax: Decimal


@dataclass(frozen=True, slots=True)
class Totals:
    """A document's totals, one LineTotals per input line in the same order, and its tax
    breakdown: one TaxLine per tax, in the order first met."""

    lines: tuple[LineTotals, ...]
    subtotal: Decimal
    discount_total: Decimal
    tax_total: Decimal
    total: Decimal
    tax_lines: tuple[TaxLine, ...] = ()


def allocate(total_units: int, weights: Sequence[int]) -> list[int]:
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
    rounding: TaxRounding = TaxRounding.PER_LINE,
    prices_include_tax: bool = False,
    lines_field: str = "lineItems",
) -> Totals:
    """Compute a document's totals exactly as domain.md specifies, rounded half-up to `places`
    decimals: the document's minor units, or `currency`'s in ISO 4217 today when None.

    Raises ValidationError if a line amount or a total would exceed MAX_AMOUNT (too big to store).
    """
    if places is None:
        places = minor_units(currency)
    unit = Decimal(1).scaleb(-places)

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
        shares = allocate(
            units(discount_total),
            [units(a) if ok else 0 for a, ok in zip(amounts, eligible, strict=True)],
        )
        discounts = [rnd(Decimal(share).scaleb(-places)) for share in shares]
        after = [rnd(a - d) for a, d in zip(amounts, discounts, strict=True)]

        # 4. Taxes, per line or per document, on prices with or without them.
        taxed = [taxes_of(line, tax=tax, tax2=tax2) for line in lines]
        if rounding is TaxRounding.PER_LINE:
            nets, line_taxes, tax_lines = _per_line(after, taxed, prices_include_tax, rnd)
        else:
            nets, line_taxes, tax_lines = _per_document(
                after, taxed, prices_include_tax, rnd, units, unit
            )
        tax_total = rnd(sum((row.tax_amount for row in tax_lines), Decimal(0)))

        # 5. The total: what the lines come to after the discount, with their taxes.
        total = rnd(sum(nets, Decimal(0)) + tax_total)
        line_totals = tuple(
            LineTotals(amount=a, discount=d, net=n, tax=t)
            for a, d, n, t in zip(amounts, discounts, nets, line_taxes, strict=True)
        )

    for name, amount in (("subtotal", subtotal), ("tax", tax_total), ("total", total)):
        if amount > MAX_AMOUNT:
            raise ValidationError(
                f"The document's {name} of {amount:,} is too large (the most a document's "
                f"{name} may be is {MAX_AMOUNT:,})",
                field=lines_field,
            )
    return Totals(
        lines=line_totals,
        subtotal=subtotal,
        discount_total=discount_total,
        tax_total=tax_total,
        total=total,
        tax_lines=tax_lines,
    )


def totals_of(document: Header, lines: Sequence[Priced]) -> Totals:
    """`compute_totals` of a document's lines with its header's discount, taxes and rounding."""
    return compute_totals(
        lines,
        currency=document.currency,
        places=document.minor_units,
        discount_type=document.discount_type,
        discount_value=document.discount_value,
        tax=document.tax,
        tax2=document.tax2,
        rounding=document.tax_rounding,
        prices_include_tax=document.prices_include_tax,
    )


Round = Callable[[Decimal], Decimal]


def _factors(taxes: Sequence[AppliedTax]) -> list[Decimal]:
    """What each tax adds per unit of net: its rate, or for a compound tax its rate applied to
    one plus what the taxes before it add."""
    factors: list[Decimal] = []
    for applied in taxes:
        rate = applied.rate.scaleb(-2)
        factors.append(rate * (1 + sum(factors, Decimal(0))) if applied.compound else rate)
    return factors


def _net_of(gross: Decimal, taxes: Sequence[AppliedTax], rnd: Round) -> Decimal:
    """The net whose taxes make `gross`, rounded: gross / (1 + what the taxes add)."""
    with localcontext(_DIVIDING):
        return rnd(gross / (1 + sum(_factors(taxes), Decimal(0))))


class _Rows:
    """The breakdown as it is summed: one row per tax key, in the order first met."""

    def __init__(self) -> None:
        self.taxes: dict[tuple[object, ...], AppliedTax] = {}
        self.taxable: dict[tuple[object, ...], Decimal] = {}
        self.amount: dict[tuple[object, ...], Decimal] = {}

    def add(self, applied: AppliedTax, taxable: Decimal, amount: Decimal) -> None:
        key = applied.key
        self.taxes.setdefault(key, applied)
        self.taxable[key] = self.taxable.get(key, Decimal(0)) + taxable
        self.amount[key] = self.amount.get(key, Decimal(0)) + amount


def _per_line(
    after: Sequence[Decimal],
    taxed: Sequence[tuple[AppliedTax, ...]],
    inclusive: bool,
    rnd: Round,
) -> tuple[list[Decimal], list[Decimal], tuple[TaxLine, ...]]:
    """Each line's taxes rounded on the line, a compound one on the net plus the line's
    rounded taxes before it; with prices that include tax, the net is the gross divided by what
    the taxes add, rounded, and the line's last tax takes what rounding left over."""
    rows = _Rows()
    nets: list[Decimal] = []
    line_taxes: list[Decimal] = []
    for gross, taxes in zip(after, taxed, strict=True):
        net = _net_of(gross, taxes, rnd) if inclusive and taxes else gross
        bases: list[Decimal] = []
        amounts: list[Decimal] = []
        for applied in taxes:
            taxable = net + sum(amounts, Decimal(0)) if applied.compound else net
            bases.append(taxable)
            amounts.append(rnd(taxable * applied.rate.scaleb(-2)))
        if inclusive and taxes:
            amounts[-1] = gross - net - sum(amounts[:-1], Decimal(0))
            if amounts[-1] < 0:  # a few minor units taxed at several rates: the net takes it
                net, amounts[-1] = net + amounts[-1], rnd(Decimal(0))
        for applied, taxable, amount in zip(taxes, bases, amounts, strict=True):
            rows.add(applied, taxable, amount)
        nets.append(net)
        line_taxes.append(rnd(sum(amounts, Decimal(0))))
    return nets, line_taxes, _breakdown(rows, rnd)


def _per_document(
    after: Sequence[Decimal],
    taxed: Sequence[tuple[AppliedTax, ...]],
    inclusive: bool,
    rnd: Round,
    units: Callable[[Decimal], int],
    unit: Decimal,
) -> tuple[list[Decimal], list[Decimal], tuple[TaxLine, ...]]:
    """Each tax applied once to what it taxes over the whole document, rounded once (EN 16931's
    BR-CO-17): taxable = the sum of its lines' nets (for a compound tax, with their exact taxes
    before it), rounded; tax = taxable x rate, rounded. With prices that include tax, the lines
    taxed alike have their gross summed and divided by what their taxes add, rounded once, and
    what rounding leaves between that and the taxes is taken by the largest tax."""
    nets = list(after)
    if inclusive:
        together: dict[tuple[tuple[object, ...], ...], list[int]] = {}
        for index, taxes in enumerate(taxed):
            if taxes:
                together.setdefault(tuple(t.key for t in taxes), []).append(index)
        for indexes in together.values():
            net = _net_of(sum((after[i] for i in indexes), Decimal(0)), taxed[indexes[0]], rnd)
            for i, share in zip(
                indexes, allocate(units(net), [units(after[i]) for i in indexes]), strict=True
            ):
                nets[i] = rnd(Decimal(share) * unit)
    # The exact tax of each line and tax, and each tax's exact taxable amount over the lines.
    exact: dict[tuple[object, ...], list[tuple[int, Decimal]]] = {}
    rows = _Rows()
    for index, (net, taxes) in enumerate(zip(nets, taxed, strict=True)):
        before = Decimal(0)
        for applied in taxes:
            taxable = net + before if applied.compound else net
            amount = taxable * applied.rate.scaleb(-2)
            before += amount
            rows.add(applied, taxable, Decimal(0))
            exact.setdefault(applied.key, []).append((index, taxable))
    for key, applied in rows.taxes.items():
        rows.taxable[key] = rnd(rows.taxable[key])
        rows.amount[key] = rnd(rows.taxable[key] * applied.rate.scaleb(-2))
    if inclusive:
        _absorb(rows, sum(after, Decimal(0)) - sum(nets, Decimal(0)), rnd, units, unit)
    # Each tax's amount shared over its lines in proportion to what it taxes on each.
    line_units = [0] * len(nets)
    for key, parts in exact.items():
        weights = [max(0, int((taxable / unit).to_integral_value())) for _, taxable in parts]
        for (index, _), share in zip(
            parts, allocate(units(rows.amount[key]), weights), strict=True
        ):
            line_units[index] += share
    line_taxes = [rnd(Decimal(n) * unit) for n in line_units]
    return nets, line_taxes, _breakdown(rows, rnd)


def _absorb(
    rows: _Rows, target: Decimal, rnd: Round, units: Callable[[Decimal], int], unit: Decimal
) -> None:
    """Make the taxes add up to `target` (what the gross typed in holds beyond the nets): the
    difference, a few minor units, goes to the largest tax (by amount, then by what it taxes),
    or is taken from the largest ones in turn (never below zero; `target` never is). A tax on
    nothing takes nothing: it has no line to share it with."""
    left = units(rnd(target)) - sum(units(amount) for amount in rows.amount.values())
    order = sorted(
        (key for key in rows.amount if rows.taxable[key] > 0),
        key=lambda key: (-rows.amount[key], -rows.taxable[key]),
    )
    if left > 0 and order:
        rows.amount[order[0]] += left * unit
    for key in order:
        if left >= 0:
            break
        taken = min(-left, units(rows.amount[key]))
        rows.amount[key] -= taken * unit
        left += taken


def _breakdown(rows: _Rows, rnd: Round) -> tuple[TaxLine, ...]:
    return tuple(
        TaxLine(
            tax=applied, taxable_amount=rnd(rows.taxable[key]), tax_amount=rnd(rows.amount[key])
        )
        for key, applied in rows.taxes.items()
    )
