"""billing.display: the exact decimals GraphQL, REST and the PDF show, from stored values."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from billing.display import money, money_sum, plain, unit_price
from billing.money import STORED_PLACES, minor_units

D = Decimal

# Stored columns carry four decimals: what every surface is given.
stored = st.decimals(
    min_value=D("-1e12"), max_value=D("1e12"), places=STORED_PLACES, allow_nan=False
).map(lambda value: value.quantize(D(1).scaleb(-STORED_PLACES)))


@pytest.mark.parametrize(
    ("value", "currency", "shown"),
    [
        ("5500.0000", "USD", "5500.00"),
        ("5500.0000", "JPY", "5500"),
        ("1.5000", "KWD", "1.500"),
        ("0.1250", "USD", "0.13"),  # half-up, as billing.money rounds
        ("2.5000", "JPY", "3"),
        ("-500.0000", "USD", "-500.00"),
        ("-0.0040", "USD", "0.00"),  # never -0.00
        ("0.0000", "EUR", "0.00"),
        ("1.2345", "CLF", "1.2345"),
        (0, "USD", "0.00"),
        (7, "KWD", "7.000"),
    ],
)
def test_money_has_exactly_the_currency_decimals(
    value: str | int, currency: str, shown: str
) -> None:
    assert str(money(D(value) if isinstance(value, str) else value, minor_units(currency))) == shown


@pytest.mark.parametrize(
    ("value", "currency", "shown"),
    [
        ("125.0000", "USD", "125.00"),
        ("125.5000", "USD", "125.50"),
        ("0.0125", "USD", "0.0125"),  # finer than the currency: every decimal it has
        ("0.1230", "USD", "0.123"),
        ("1500.0000", "JPY", "1500"),
        ("0.5000", "JPY", "0.5"),
        ("2.0000", "KWD", "2.000"),
        ("2.1234", "KWD", "2.1234"),
        ("-3.0000", "USD", "-3.00"),
        ("-0.0125", "USD", "-0.0125"),
        ("0.0000", "USD", "0.00"),
        ("0.0000", "JPY", "0"),
        (125, "USD", "125.00"),
    ],
)
def test_unit_price_has_the_currency_decimals_at_least(
    value: str | int, currency: str, shown: str
) -> None:
    assert (
        str(unit_price(D(value) if isinstance(value, str) else value, minor_units(currency)))
        == shown
    )


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("40.0000", "40"),
        ("7.5000", "7.5"),
        ("0.0125", "0.0125"),
        ("100.0000", "100"),
        ("1000", "1000"),
        ("1E+3", "1000"),  # never in exponent form
        ("0.0000", "0"),
        ("-0.0000", "0"),  # never -0
        ("-7.5000", "-7.5"),
        ("-40.0000", "-40"),
        ("12345678901234567.8900", "12345678901234567.89"),
    ],
)
def test_plain_drops_the_columns_trailing_zeros(value: str, shown: str) -> None:
    assert str(plain(D(value))) == shown


def test_plain_takes_an_int() -> None:
    assert str(plain(40)) == "40"


@given(stored, st.sampled_from(["USD", "JPY", "KWD", "CLF", "EUR"]))
def test_shown_values_are_the_stored_values(value: Decimal, currency: str) -> None:
    # Only money rounds; a price or quantity is shown exactly as stored, without exponent form.
    assert plain(value) == value
    places = minor_units(currency)
    assert unit_price(value, places) == value
    for shown in (plain(value), unit_price(value, places), money(value, places)):
        assert "E" not in str(shown)
    exponent = unit_price(value, places).as_tuple().exponent
    assert isinstance(exponent, int)
    assert -exponent >= minor_units(currency)
    assert plain(plain(value)) == plain(value)
    assert str(plain(plain(value))) == str(plain(value))


def test_money_has_the_decimals_its_document_recorded_not_todays() -> None:
    # An IQD document stored before ISO's 3 decimals were used was rounded to 0: it stays so.
    assert str(money(D("1500.0000"), 0)) == "1500"
    assert str(money(D("1500.0000"), minor_units("IQD"))) == "1500.000"


def test_a_sum_over_documents_shows_todays_decimals_and_every_stored_one() -> None:
    assert str(money_sum(D("1500.0000"), "IQD")) == "1500.000"
    assert str(money_sum(D("12.5000"), "JPY")) == "12.5"  # from a document with 2 decimals
    assert str(money_sum(D(0), "USD")) == "0.00"
