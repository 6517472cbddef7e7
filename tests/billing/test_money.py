"""billing.money: currencies from ISO 4217's list, half-up rounding and the number parsers."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from billing.errors import ErrorCode, ValidationError
from billing.money import (
    ISO_4217_EDITION,
    MAX_AMOUNT,
    MAX_QUANTITY,
    MAX_UNIT_PRICE,
    currencies,
    minor_units,
    normalize_currency,
    parse_amount,
    parse_decimal,
    parse_quantity,
    parse_rate,
    parse_unit_price,
    round_to,
)


def exponent_of(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int), value
    return exponent


# --- Currencies -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given_code", "expected"),
    [("usd", "USD"), (" jpy ", "JPY"), ("EUR", "EUR"), ("Kwd", "KWD"), ("CLF", "CLF")],
)
def test_normalize_currency_accepts_codes_in_use(given_code: str, expected: str) -> None:
    assert normalize_currency(given_code) == expected


@pytest.mark.parametrize(
    "bad",
    [
        "ABC",  # not a currency at all
        "XXX",  # ISO's "no currency"
        "XTS",  # ISO's test code
        "XAU",  # gold, not money one invoices in
        "DEM",  # retired in 2002
        "CNH",  # in CLDR, not in ISO 4217
        "HRK",  # replaced by the euro in 2023
        "",
        "   ",
        None,
        123,
        "US",
        "USDX",
        "ÜSD",
        b"USD",
    ],
)
def test_normalize_currency_refuses(bad: object) -> None:
    with pytest.raises(ValidationError) as caught:
        normalize_currency(bad, field="org.defaultCurrency")
    assert caught.value.field == "org.defaultCurrency"
    assert caught.value.code is ErrorCode.VALIDATION
    assert "ISO-4217" in caught.value.message


def test_unknown_currency_message() -> None:
    with pytest.raises(ValidationError) as caught:
        normalize_currency("abc")
    assert caught.value.message == (
        "Unknown currency 'ABC': use a current ISO-4217 code such as USD"
    )
    assert caught.value.field == "currency"


def test_currencies_are_iso_4217s_current_list_of_the_pinned_edition() -> None:
    assert ISO_4217_EDITION == "ISO 4217 List One as published 2026-01-01"
    assert {"USD", "EUR", "JPY", "KWD", "CLF", "GBP", "CHF", "XOF", "SVC", "XAD"} <= currencies()
    assert not {"DEM", "HRK", "CNH", "XAU", "XDR", "XXX", "XTS"} & currencies()


def test_a_code_without_a_minor_unit_says_so() -> None:
    with pytest.raises(ValidationError) as caught:
        normalize_currency("xau")
    assert caught.value.message == (
        "Currency 'XAU' has no minor unit to bill in: use an ISO-4217 currency such as USD"
    )


@pytest.mark.parametrize(
    ("code", "places"),
    [("USD", 2), ("EUR", 2), ("JPY", 0), ("KWD", 3), ("CLF", 4), ("UYW", 4), ("SVC", 2)],
)
def test_minor_units(code: str, places: int) -> None:
    assert minor_units(code) == places


# Where CLDR (Babel) gives other digits than ISO 4217: ISO's are the ones a document is billed in.
ISO_NOT_CLDR = {
    "AFN": 2, "ALL": 2, "IQD": 3, "IRR": 2, "KPW": 2, "LAK": 2, "LBP": 2,
    "MGA": 2, "MMK": 2, "RSD": 2, "SOS": 2, "SYP": 2, "YER": 2,
}  # fmt: skip


@pytest.mark.parametrize(("code", "places"), sorted(ISO_NOT_CLDR.items()))
def test_minor_units_are_iso_4217s_not_cldrs(code: str, places: int) -> None:
    assert minor_units(code) == places


def test_minor_units_refuses_unknown_codes_instead_of_guessing_two() -> None:
    # Babel's get_currency_precision silently answers 2 for any string.
    with pytest.raises(ValidationError):
        minor_units("ABC")
    with pytest.raises(ValidationError):
        minor_units("DEM")


def test_every_currency_fits_the_stored_columns() -> None:
    assert all(0 <= minor_units(code) <= 4 for code in currencies())


# --- Rounding ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "currency", "expected"),
    [
        ("0.005", "USD", "0.01"),
        ("2.675", "USD", "2.68"),  # round(2.675, 2) on a float gives 2.67
        ("1.015", "USD", "1.02"),
        ("0.004", "USD", "0.00"),
        ("-0.004", "USD", "0.00"),  # never a negative zero
        ("0", "USD", "0.00"),
        ("5500", "USD", "5500.00"),
        ("0.5", "JPY", "1"),
        ("1234.4999", "JPY", "1234"),
        ("5500.00", "JPY", "5500"),
        ("1.0005", "KWD", "1.001"),
        ("0.00005", "CLF", "0.0001"),
    ],
)
def test_round_to_half_up_to_the_currency_exponent(
    amount: str, currency: str, expected: str
) -> None:
    result = round_to(Decimal(amount), minor_units(currency))
    assert str(result) == expected
    assert result.as_tuple().exponent == -minor_units(currency)


def test_float_would_get_half_up_wrong() -> None:
    assert round(2.675, 2) == 2.67  # the reason money is never float
    assert round_to(Decimal("2.675"), 2) == Decimal("2.68")


def test_round_to_large_values_keeps_every_digit() -> None:
    value = Decimal("123456789012345678901234567890.125")
    assert str(round_to(value, 2)) == "123456789012345678901234567890.13"


# --- parse_decimal and the convenience parsers -------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("12.50", "12.5"),
        (12, "12"),
        (12.5, "12.5"),
        (0.1, "0.1"),  # a JSON number stays the decimal it was written as
        (Decimal("1E+2"), "100"),
        ("1e2", "100"),
        ("  7 ", "7"),
        ("+3", "3"),
        (".5", "0.5"),
        ("-0", "0"),
        ("0e999999", "0"),
        ("1e-3", "0.001"),
        (Decimal("12.5000"), "12.5"),
        ("1000000000", "1000000000"),
    ],
)
def test_parse_quantity_accepts_and_normalizes(raw: object, expected: str) -> None:
    result = parse_quantity(raw, field="quantity")
    assert str(result) == expected
    assert exponent_of(result) <= 0


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        (float("nan"), "finite"),
        (float("inf"), "finite"),
        (Decimal("NaN"), "finite"),
        (Decimal("sNaN"), "finite"),
        (Decimal("-Infinity"), "finite"),
        ("nan", "finite"),
        ("NaN", "finite"),
        ("Infinity", "finite"),
        ("-inf", "finite"),
        ("1e999999", "too large"),
        ("1e" + "9" * 45, "too large"),
        (Decimal("1E+999999999"), "too large"),
        ("1e-999999", "more than 4 decimal places"),
        ("abc", "must be a number"),
        ("12,50", "must be a number"),
        ("1_000", "must be a number"),
        ("١٢", "must be a number"),  # Arabic-Indic digits, which Decimal() would take
        ("0x10", "must be a number"),
        ("", "must be a number"),
        (True, "must be a number"),
        (False, "must be a number"),
        (None, "required"),
        ([1], "must be a number"),
        ("-1", "must not be negative"),
        (-0.5, "must not be negative"),
        ("-1e999999", "must not be negative"),
        ("1.00001", "more than 4 decimal places"),
        ("1000000000.0001", "too large"),
        ("1" * 51, "too long"),
    ],
)
def test_parse_quantity_refuses(raw: object, fragment: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_quantity(raw, field="lineItems[2].quantity")
    assert caught.value.field == "lineItems[2].quantity"
    assert fragment in caught.value.message
    assert caught.value.message.startswith("quantity ")


def test_huge_integers_are_refused_without_expanding_them() -> None:
    with pytest.raises(ValidationError, match="too large"):
        parse_quantity(10**5000, field="quantity")


def test_messages_name_the_field_in_words_and_say_what_is_acceptable() -> None:
    with pytest.raises(ValidationError) as caught:
        parse_unit_price("-3", field="lineItems[0].unitPrice")
    assert caught.value.message == "unit price must not be negative"
    with pytest.raises(ValidationError) as caught:
        parse_quantity("1.23456", field="quantity")
    assert caught.value.message == "quantity has more than 4 decimal places"
    with pytest.raises(ValidationError) as caught:
        parse_rate("100.0001", field="taxRate")
    assert caught.value.message == "tax rate is too large: the most accepted is 100"
    assert caught.value.field == "taxRate"
    with pytest.raises(ValidationError) as caught:
        parse_quantity("abc", field="quantity")
    assert caught.value.message == "quantity must be a number such as 12.50, not 'abc'"


def test_parse_unit_price_allows_sub_cent_prices() -> None:
    assert parse_unit_price("0.0125", field="unitPrice") == Decimal("0.0125")
    assert parse_unit_price(MAX_UNIT_PRICE, field="unitPrice") == MAX_UNIT_PRICE
    with pytest.raises(ValidationError, match="more than 4 decimal places"):
        parse_unit_price("0.00125", field="unitPrice")
    with pytest.raises(ValidationError, match="too large"):
        parse_unit_price(MAX_UNIT_PRICE + 1, field="unitPrice")


@pytest.mark.parametrize("raw", ["0", "0.0001", "7.5", "100", 100, 100.0, "100.0000"])
def test_parse_rate_accepts_zero_to_one_hundred(raw: object) -> None:
    assert Decimal(0) <= parse_rate(raw, field="tax") <= Decimal(100)


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [("100.0001", "too large"), ("101", "too large"), ("-0.0001", "negative"), ("0.00001", "4")],
)
def test_parse_rate_refuses(raw: str, fragment: str) -> None:
    with pytest.raises(ValidationError, match=fragment) as caught:
        parse_rate(raw, field="tax2")
    assert caught.value.field == "tax2"


def test_parse_amount_follows_the_currency() -> None:
    assert parse_amount("12.50", field="amount", currency="USD", places=2) == Decimal("12.5")
    assert parse_amount("1.234", field="amount", currency="KWD", places=3) == Decimal("1.234")
    assert parse_amount("5500", field="amount", currency="JPY", places=0) == Decimal(5500)
    assert parse_amount("5500.00", field="amount", currency="JPY", places=0) == Decimal(5500)
    assert parse_amount(MAX_AMOUNT, field="amount", currency="USD", places=2) == MAX_AMOUNT
    with pytest.raises(ValidationError) as caught:
        parse_amount("1.005", field="amount", currency="USD", places=2)
    assert caught.value.message == "amount has more than 2 decimal places (USD has 2)"
    with pytest.raises(ValidationError) as caught:
        parse_amount("12.5", field="amount", currency="JPY", places=0)
    assert caught.value.message == "amount must be a whole number in JPY"
    with pytest.raises(ValidationError, match="too large"):
        parse_amount(MAX_AMOUNT + Decimal("0.01"), field="amount", currency="USD", places=2)
    with pytest.raises(ValidationError, match="negative"):
        parse_amount("-0.01", field="amount", currency="USD", places=2)


def test_parse_decimal_with_a_lower_bound() -> None:
    one = Decimal(1)
    assert (
        parse_decimal("1", field="days", max_places=0, max_value=Decimal(365), min_value=one) == 1
    )
    with pytest.raises(ValidationError) as caught:
        parse_decimal("0", field="days", max_places=0, max_value=Decimal(365), min_value=one)
    assert caught.value.message == "days must be at least 1"


@settings(max_examples=300, deadline=None)
@given(st.decimals(allow_nan=False, allow_infinity=False, places=4, min_value=0, max_value=10**9))
def test_every_accepted_quantity_fits_its_column(value: Decimal) -> None:
    for raw in (value, str(value), f"{value:E}"):
        parsed = parse_quantity(raw, field="quantity")
        assert parsed == value
        sign, digits, exponent = parsed.as_tuple()
        assert isinstance(exponent, int)
        assert sign == 0 and -4 <= exponent <= 0
        assert len(digits) + exponent <= 20 - 4  # fits DecimalField(max_digits=20, places=4)
        assert parsed <= MAX_QUANTITY


@settings(max_examples=300, deadline=None)
@given(st.floats(allow_nan=False, allow_infinity=False, min_value=0, max_value=1e9))
def test_floats_go_through_their_shortest_repr(value: float) -> None:
    try:
        parsed = parse_quantity(value, field="quantity")
    except ValidationError as error:
        assert error.message == "quantity has more than 4 decimal places"
        assert -exponent_of(Decimal(repr(value)).normalize()) > 4
    else:
        assert parsed == Decimal(repr(value))


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
def test_arbitrary_text_is_parsed_or_refused_cleanly(text: str) -> None:
    try:
        parsed = parse_unit_price(text, field="unitPrice")
    except ValidationError as error:
        assert error.field == "unitPrice"
    else:
        assert Decimal(0) <= parsed <= MAX_UNIT_PRICE
