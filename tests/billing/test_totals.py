"""billing.totals.compute_totals: domain.md's worked examples and its invariants as properties."""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal, localcontext
from fractions import Fraction

import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

from billing.errors import ValidationError
from billing.money import (
    MAX_AMOUNT,
    MAX_QUANTITY,
    MAX_RATE,
    MAX_UNIT_PRICE,
    minor_units,
    round_to,
)
from billing.totals import Totals, compute_totals, effective_tax_rate
from models.enums import DiscountType
from models.taxes import AppliedTax

D = Decimal
PERCENT, FLAT = DiscountType.PERCENT, DiscountType.FLAT


@dataclass(frozen=True, slots=True)
class LineInput:
    """A line priced and nothing more: what compute_totals reads of a line."""

    quantity: Decimal
    unit_price: Decimal
    tax_rate: Decimal = Decimal(0)
    apply_tax: bool = True
    apply_discount: bool = True
    taxes: tuple[AppliedTax, ...] = ()


def amounts(totals: Totals) -> list[Decimal]:
    """Every amount a Totals holds."""
    values = [totals.subtotal, totals.discount_total, totals.tax_total, totals.total]
    for line in totals.lines:
        values += [line.amount, line.discount, line.net, line.tax]
    return values


# --- Worked examples --------------------------------------------------------------------------


def test_forty_at_125_with_ten_percent_tax() -> None:
    totals = compute_totals([LineInput(D(40), D("125.00"), tax_rate=D(10))], currency="USD")
    assert totals.lines[0].amount == D("5000.00")
    assert str(totals.subtotal) == "5000.00"
    assert str(totals.tax_total) == "500.00"
    assert str(totals.discount_total) == "0.00"
    assert str(totals.total) == "5500.00"


def test_percent_discount_and_invoice_level_tax() -> None:
    totals = compute_totals(
        [LineInput(D(40), D("125.00"))],
        currency="USD",
        discount_type=PERCENT,
        discount_value=D(10),
        tax=D("7.5"),
    )
    assert str(totals.discount_total) == "500.00"
    assert str(totals.tax_total) == "337.50"
    assert str(totals.total) == "4837.50"
    assert totals.lines[0].net == D("4500.00")


def test_quantity_fifty() -> None:
    totals = compute_totals([LineInput(D(50), D("125.00"), tax_rate=D(10))], currency="USD")
    assert str(totals.subtotal) == "6250.00"
    assert str(totals.total) == "6875.00"


def test_jpy_has_no_decimals() -> None:
    totals = compute_totals([LineInput(D(40), D(125), tax_rate=D(10))], currency="JPY")
    assert str(totals.total) == "5500"
    assert str(totals.discount_total) == "0"
    # 3 x 33.5 = 100.5 -> 101; 8% of 101 = 8.08 -> 8.
    totals = compute_totals([LineInput(D(3), D("33.5"), tax_rate=D(8))], currency="JPY")
    assert (str(totals.subtotal), str(totals.tax_total), str(totals.total)) == ("101", "8", "109")


def test_kwd_has_three_decimals() -> None:
    totals = compute_totals([LineInput(D("1.5"), D("2.3335"), tax_rate=D(5))], currency="KWD")
    # 3.50025 -> 3.500; 5% of 3.500 = 0.175.
    assert str(totals.subtotal) == "3.500"
    assert str(totals.tax_total) == "0.175"
    assert str(totals.total) == "3.675"


@pytest.mark.parametrize(
    ("quantity", "price", "expected"), [("1", "0.005", "0.01"), ("1", "2.675", "2.68")]
)
def test_line_amounts_round_half_up(quantity: str, price: str, expected: str) -> None:
    totals = compute_totals([LineInput(D(quantity), D(price))], currency="USD")
    assert str(totals.lines[0].amount) == expected


def test_tax_rounds_half_up() -> None:
    # 10.50 at 5% = 0.525 -> 0.53 (banker's rounding would give 0.52).
    totals = compute_totals([LineInput(D(1), D("10.50"), tax_rate=D(5))], currency="USD")
    assert str(totals.tax_total) == "0.53"


def test_flat_discount_is_clamped_to_the_base() -> None:
    totals = compute_totals(
        [LineInput(D(1), D(30)), LineInput(D(1), D(70), apply_discount=False)],
        currency="USD",
        discount_type=FLAT,
        discount_value=D(500),
    )
    assert str(totals.discount_total) == "30.00"
    assert [line.discount for line in totals.lines] == [D(30), D(0)]
    assert str(totals.total) == "70.00"


def test_flat_discount_is_quantized() -> None:
    totals = compute_totals(
        [LineInput(D(1), D(10))], currency="USD", discount_type=FLAT, discount_value=D("0.005")
    )
    assert str(totals.discount_total) == "0.01"


def test_three_way_split_by_largest_remainder_earlier_line_first() -> None:
    totals = compute_totals(
        [LineInput(D(1), D(10))] * 3, currency="USD", discount_type=FLAT, discount_value=D("0.10")
    )
    assert [str(line.discount) for line in totals.lines] == ["0.04", "0.03", "0.03"]
    assert str(totals.discount_total) == "0.10"


def test_split_follows_the_remainders_not_the_order() -> None:
    # 1.00 over 1 : 2 : 4 (base 7): exact shares 0.142857.., 0.285714.., 0.571428..
    # floors 0.14 + 0.28 + 0.57 = 0.99; the largest remainder is the second line's.
    totals = compute_totals(
        [LineInput(D(1), D(1)), LineInput(D(1), D(2)), LineInput(D(1), D(4))],
        currency="USD",
        discount_type=FLAT,
        discount_value=D(1),
    )
    assert [str(line.discount) for line in totals.lines] == ["0.14", "0.29", "0.57"]


def test_lines_without_apply_discount_get_no_share() -> None:
    totals = compute_totals(
        [
            LineInput(D(1), D(100)),
            LineInput(D(1), D(100), apply_discount=False),
            LineInput(D(1), D(300)),
        ],
        currency="USD",
        discount_type=PERCENT,
        discount_value=D(10),
    )
    assert str(totals.discount_total) == "40.00"  # 10% of the eligible 400.00
    assert [str(line.discount) for line in totals.lines] == ["10.00", "0.00", "30.00"]


def test_zero_amount_lines_and_a_zero_base() -> None:
    totals = compute_totals(
        [LineInput(D(0), D(100)), LineInput(D(5), D(0))],
        currency="USD",
        discount_type=FLAT,
        discount_value=D(10),
    )
    assert str(totals.discount_total) == "0.00"
    assert str(totals.total) == "0.00"


def test_apply_tax_false_keeps_the_line_rate_but_not_the_invoice_rates() -> None:
    totals = compute_totals(
        [
            LineInput(D(1), D(100), tax_rate=D(5)),
            LineInput(D(1), D(100), tax_rate=D(5), apply_tax=False),
        ],
        currency="USD",
        tax=D(10),
        tax2=D(2),
    )
    assert [str(line.tax) for line in totals.lines] == ["17.00", "5.00"]
    assert str(totals.tax_total) == "22.00"
    assert str(totals.total) == "222.00"


@pytest.mark.parametrize(
    ("tax_rate", "apply_tax", "rate"),
    [("5", True, "17.0000"), ("5", False, "5"), ("0", True, "12.0000"), ("0", False, "0")],
)
def test_the_effective_tax_rate_adds_the_document_rates_only_where_apply_tax(
    tax_rate: str, apply_tax: bool, rate: str
) -> None:
    line = LineInput(D(1), D(100), tax_rate=D(tax_rate), apply_tax=apply_tax)
    assert effective_tax_rate(line, tax=D("10.0000"), tax2=D("2.0000")) == D(rate)


def test_tax_is_on_the_net_after_the_discount_share() -> None:
    totals = compute_totals(
        [LineInput(D(1), D(100), tax_rate=D(20)), LineInput(D(1), D(100))],
        currency="EUR",
        discount_type=FLAT,
        discount_value=D(50),
    )
    assert [str(line.net) for line in totals.lines] == ["75.00", "75.00"]
    assert [str(line.tax) for line in totals.lines] == ["15.00", "0.00"]
    assert str(totals.total) == "165.00"


def test_no_lines_and_no_discount_type() -> None:
    totals = compute_totals([], currency="USD", discount_value=D(10))
    assert amounts(totals) == [D(0)] * 4
    assert [str(value) for value in amounts(totals)] == ["0.00"] * 4
    assert totals.lines == ()


def test_zero_is_written_with_the_currency_exponent() -> None:
    for currency, zero in [("USD", "0.00"), ("JPY", "0"), ("KWD", "0.000"), ("CLF", "0.0000")]:
        totals = compute_totals([LineInput(D(0), D(1))], currency=currency)
        assert {str(value) for value in amounts(totals)} == {zero}


def test_values_beyond_default_decimal_precision_stay_exact() -> None:
    # 29 significant digits: Decimal's default 28-digit context would round this product.
    quantity, price = D("999999.9999"), D("999999.9999")
    totals = compute_totals([LineInput(quantity, price)], currency="USD")
    assert str(totals.subtotal) == "999999999800.00"


def test_a_total_too_large_to_store_is_refused() -> None:
    with pytest.raises(ValidationError) as caught:
        compute_totals([LineInput(MAX_QUANTITY, MAX_UNIT_PRICE)], currency="USD")
    assert caught.value.field == "lineItems[0]"
    with pytest.raises(ValidationError) as caught:
        compute_totals(
            [LineInput(D(1), MAX_AMOUNT)], currency="USD", tax=D(10), lines_field="lines"
        )
    assert caught.value.field == "lines"
    # The subtotal is at the limit; what exceeds it is the total, and the message says so.
    assert caught.value.message == (
        "The document's total of 1,100,000,000,000.00 is too large (the most a document's "
        "total may be is 1,000,000,000,000)"
    )
    with pytest.raises(ValidationError) as caught:
        compute_totals([LineInput(D(1), MAX_AMOUNT), LineInput(D(1), D(1))], currency="USD")
    assert caught.value.message.startswith("The document's subtotal of 1,000,000,000,001.00")


def test_a_document_rounds_to_the_minor_units_it_recorded() -> None:
    # An IQD document created when its currency was rounded to 0 decimals keeps them.
    line = LineInput(D(3), D("0.3335"), tax_rate=D(10))
    assert str(compute_totals([line], currency="IQD").total) == "1.101"
    assert str(compute_totals([line], currency="IQD", places=0).total) == "1"


# --- Properties -------------------------------------------------------------------------------

CURRENCIES = ["USD", "JPY", "KWD", "EUR", "CLF"]


@st.composite
def decimals(draw: st.DrawFn, max_value: Decimal, max_digits: int, places: int = 4) -> Decimal:
    """A value in [0, max_value] with 0..places decimals and up to max_digits significant digits."""
    scale = draw(st.integers(0, places))
    digits = draw(st.integers(0, max_digits))
    value = D(draw(st.integers(0, 10**digits))).scaleb(-scale)
    return min(value, max_value)


def small_or_any(max_value: Decimal, small_digits: int) -> st.SearchStrategy[Decimal]:
    """Mostly values that multiply to storable totals, sometimes anything up to the limit."""
    return st.one_of(
        decimals(max_value, small_digits), decimals(max_value, len(str(int(max_value))) + 4)
    )


rates = st.one_of(st.just(D(0)), decimals(MAX_RATE, 7))
lines_strategy = st.lists(
    st.builds(
        LineInput,
        quantity=small_or_any(MAX_QUANTITY, 6),
        unit_price=small_or_any(MAX_UNIT_PRICE, 9),
        tax_rate=rates,
        apply_tax=st.booleans(),
        apply_discount=st.booleans(),
    ),
    max_size=8,
)


@dataclass(frozen=True)
class Document:
    """Everything compute_totals takes."""

    lines: list[LineInput]
    currency: str
    discount_type: DiscountType | None
    discount_value: Decimal
    tax: Decimal
    tax2: Decimal

    def totals(self) -> Totals:
        return compute_totals(
            self.lines,
            currency=self.currency,
            discount_type=self.discount_type,
            discount_value=self.discount_value,
            tax=self.tax,
            tax2=self.tax2,
        )


@st.composite
def documents(draw: st.DrawFn) -> Document:
    discount_type = draw(st.sampled_from([None, PERCENT, FLAT]))
    if discount_type is FLAT:
        discount_value = draw(small_or_any(MAX_AMOUNT, 8))
    elif discount_type is PERCENT:
        discount_value = draw(rates)
    else:
        discount_value = draw(st.sampled_from([D(0), D(10)]))
    return Document(
        lines=draw(lines_strategy),
        currency=draw(st.sampled_from(CURRENCIES)),
        discount_type=discount_type,
        discount_value=discount_value,
        tax=draw(rates),
        tax2=draw(rates),
    )


def exact(value: Decimal) -> Fraction:
    return Fraction(value)


def try_totals(doc: Document) -> Totals | None:
    """compute_totals, or None when it refuses a total too large to store (checked here)."""
    line_amounts = [
        round_to(line.quantity * line.unit_price, minor_units(doc.currency)) for line in doc.lines
    ]
    try:
        totals = doc.totals()
    except ValidationError:
        # Only ever when something is truly out of reach: total <= 4 x subtotal (rates <= 300%).
        assert 4 * sum(line_amounts, D(0)) + len(doc.lines) > MAX_AMOUNT
        return None
    assert all(value <= MAX_AMOUNT for value in amounts(totals))
    assert len(totals.lines) == len(doc.lines)
    return totals


@settings(max_examples=400, deadline=None)
@given(documents())
def test_totals_invariants(doc: Document) -> None:
    with localcontext(prec=100):  # the test's own arithmetic must be exact too
        totals = try_totals(doc)
        event("refused as too large" if totals is None else "computed")
        if totals is None:
            return
        lines, currency = doc.lines, doc.currency
        places = minor_units(currency)

        # Every amount is quantized to the currency, and none is negative.
        for value in amounts(totals):
            assert value.as_tuple().exponent == -places
            assert value >= 0 and not value.is_signed()

        # The lines: amount = round(quantity x price), net = amount - discount.
        assert len(totals.lines) == len(lines)
        for line, result in zip(lines, totals.lines, strict=True):
            assert result.amount == round_to(line.quantity * line.unit_price, minor_units(currency))
            assert 0 <= result.discount <= result.amount
            assert result.net == result.amount - result.discount
            if not line.apply_discount:
                assert result.discount == 0
            extra = doc.tax + doc.tax2 if line.apply_tax else D(0)
            assert result.tax == round_to(
                result.net * (line.tax_rate + extra) / 100, minor_units(currency)
            )

        # The document: sums and the formula, exactly.
        assert totals.subtotal == sum((line.amount for line in totals.lines), D(0))
        assert totals.discount_total == sum((line.discount for line in totals.lines), D(0))
        assert totals.tax_total == sum((line.tax for line in totals.lines), D(0))
        assert totals.total == totals.subtotal - totals.discount_total + totals.tax_total
        assert 0 <= totals.discount_total <= totals.subtotal

        # The discount: what the document asks for, clamped to the eligible base.
        eligible = [
            r.amount for line, r in zip(lines, totals.lines, strict=True) if line.apply_discount
        ]
        base = sum(eligible, D(0))
        if doc.discount_type is PERCENT:
            expected = round_to(base * doc.discount_value / 100, minor_units(currency))
        elif doc.discount_type is FLAT:
            expected = round_to(doc.discount_value, minor_units(currency))
        else:
            expected = D(0)
        assert totals.discount_total == min(expected, base)

        # Shares are proportional: each within one minor unit of its exact share.
        unit = Fraction(1, 10**places)
        if base > 0:
            for line, result in zip(lines, totals.lines, strict=True):
                if line.apply_discount:
                    share = exact(totals.discount_total) * exact(result.amount) / exact(base)
                    assert abs(exact(result.discount) - share) < unit


@settings(max_examples=300, deadline=None)
@given(documents())
def test_totals_are_deterministic(doc: Document) -> None:
    first = try_totals(doc)
    second = try_totals(replace(doc, lines=list(doc.lines)))
    assert first == second
    if first is not None and second is not None:
        assert [str(v) for v in amounts(first)] == [str(v) for v in amounts(second)]


@settings(max_examples=300, deadline=None)
@given(documents())
def test_how_a_number_is_written_does_not_matter(doc: Document) -> None:
    """1.5, 1.50 and 15E-1 are the same input and give the very same totals."""
    rewritten = [
        LineInput(
            quantity=line.quantity.quantize(D("0.0001")),
            unit_price=line.unit_price.normalize() if line.unit_price else D("0E+3"),
            tax_rate=line.tax_rate.quantize(D("0.0001")),
            apply_tax=line.apply_tax,
            apply_discount=line.apply_discount,
        )
        for line in doc.lines
    ]
    first = try_totals(doc)
    second = try_totals(replace(doc, lines=rewritten))
    if first is not None and second is not None:
        assert [str(v) for v in amounts(first)] == [str(v) for v in amounts(second)]
    else:
        assert first is second is None
