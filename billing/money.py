"""Exact money: ISO-4217 currencies with their minor units, half-up rounding, and number parsing.

Everything here works on `decimal.Decimal`; floats are only ever accepted at the edge, through
their shortest `str` form, so that a JSON `0.1` is the decimal 0.1 and not 0.1000000000000000055.

Currency data (which codes exist and how many decimals each has) is ISO 4217's own list, from the
pinned `iso4217` package: never a hand-typed table, never CLDR's (whose digits are a display
convention, and differ from ISO's for a dozen currencies).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Context, Decimal
from typing import Final

import iso4217
from iso4217 import Currency

from billing.errors import ValidationError

# --- Limits -----------------------------------------------------------------------------------
#
# The database stores money, quantities and prices as DecimalField(max_digits=20,
# decimal_places=4) and rates as DecimalField(max_digits=9, decimal_places=4). Every value the
# parsers accept must fit those columns exactly, so no parser accepts more than 4 decimals, and the
# magnitudes below leave the money columns 3 or more integer digits of headroom (16 are available).
# They are also far beyond any real invoice: a larger number is a typo or an attack.

#: Decimal places of every stored money, quantity and price column.
STORED_PLACES: Final = 4
#: Largest accepted money amount (a payment, a flat discount) and largest computed total.
MAX_AMOUNT: Final = Decimal(10**12)
#: Decimal places allowed in a quantity (e.g. 1.5 hours, 0.0125 kWh).
QUANTITY_PLACES: Final = 4
#: Largest accepted quantity.
MAX_QUANTITY: Final = Decimal(10**9)
#: Decimal places allowed in a unit price: more than a currency's own (0.0125 USD per SMS), since
#: each line's amount is rounded to the currency anyway.
UNIT_PRICE_PLACES: Final = 4
#: Largest accepted unit price.
MAX_UNIT_PRICE: Final = Decimal(10**12)
#: Decimal places allowed in a percentage rate (tax, percent discount).
RATE_PLACES: Final = 4
#: Rates are percentages between 0 and 100 inclusive.
MAX_RATE: Final = Decimal(100)
#: Longest string accepted as a number; anything longer is refused before being parsed.
MAX_NUMBER_LENGTH: Final = 50

# Numbers with more integer digits or decimals than this are refused from their digits and
# exponent alone, before the Decimal is built: "1e999999" must never be expanded to a million
# digits, and a 50-character string can spell 1e(48 nines), which Decimal() itself refuses.
_MAX_MAGNITUDE: Final = 1000

# Rounding context: ample precision so quantize never overflows the coefficient.
_ROUNDING: Final = Context(prec=100, rounding=ROUND_HALF_UP)

_NUMBER_RE: Final = re.compile(
    r"(?P<sign>[+-]?)(?:(?P<int>[0-9]+)(?:\.(?P<frac>[0-9]*))?|\.(?P<frac2>[0-9]+))"
    r"(?:[eE](?P<exp>[+-]?[0-9]+))?"
)
_NON_FINITE: Final = frozenset(
    {"nan", "+nan", "-nan", "snan", "+snan", "-snan"}
    | {"inf", "+inf", "-inf", "infinity", "+infinity", "-infinity"}
)


# --- Currencies -------------------------------------------------------------------------------

#: The edition of ISO 4217's list of current codes (List One) that `CURRENCIES` is, as the
#: `iso4217` package pinned in pyproject.toml ships it. An upgrade of that package is the only
#: thing that changes which codes exist or their minor units, and a stored document keeps the
#: minor units it was created with (`Document.minor_units`) whatever a later edition says.
ISO_4217_EDITION: Final = f"ISO 4217 List One as published {iso4217.__published__.isoformat()}"

_CODE_RE: Final = re.compile(r"[A-Z]{3}")


@functools.cache
def _iso_minor_units() -> Mapping[str, int]:
    """Minor units of every code a document may use: ISO 4217's current codes with a minor
    unit a stored amount can hold (funds codes such as CLF and UYW included; gold, SDR, test
    and "no currency" codes, which have none, left out)."""
    return {
        currency.code: currency.exponent
        for currency in Currency
        if currency.exponent is not None and currency.exponent <= STORED_PLACES
    }


def currencies() -> frozenset[str]:
    """The codes a document, payment or organization may use."""
    return frozenset(_iso_minor_units())


def _show(value: object, limit: int = 20) -> str:
    """A short, safe rendering of a caller's value for an error message."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def normalize_currency(code: object, *, field: str = "currency") -> str:
    """Strip and uppercase a currency code and check it is one of ISO 4217's current codes.

    Raises ValidationError (with `field`) for anything else, e.g. 'ABC', 'XXX' or 'DEM'.
    """
    if code is None or (isinstance(code, str) and not code.strip()):
        raise ValidationError(
            "Currency is required: use a 3-letter ISO-4217 code such as USD", field=field
        )
    text = code.strip().upper() if isinstance(code, str) else ""
    if not (text.isascii() and _CODE_RE.fullmatch(text)):
        shown = _show(code.strip() if isinstance(code, str) else code)
        raise ValidationError(
            f"Currency {shown} is not a 3-letter ISO-4217 code such as USD", field=field
        )
    if text in _iso_minor_units():
        return text
    if text in Currency.__members__:
        raise ValidationError(
            f"Currency '{text}' has no minor unit to bill in: use an ISO-4217 currency such as USD",
            field=field,
        )
    raise ValidationError(
        f"Unknown currency '{text}': use a current ISO-4217 code such as USD", field=field
    )


def minor_units(currency: str) -> int:
    """Decimals of `currency` per ISO 4217 today (USD 2, JPY 0, IQD 3, CLF 4): what a new
    document in it is rounded to. A stored document is rounded to its own `minor_units`.

    Raises ValidationError for a code that is not current (see normalize_currency).
    """
    code = currency.upper()
    places = _iso_minor_units().get(code)
    if places is None:
        normalize_currency(code)  # raises, saying why
        raise AssertionError(code)  # pragma: no cover: normalize_currency accepted no more
    return places


# --- Rounding ---------------------------------------------------------------------------------


def round_to(amount: Decimal, places: int) -> Decimal:
    """Round half-up (ties away from zero) to exactly `places` decimals; never returns -0."""
    rounded = amount.quantize(_exponent(places), rounding=ROUND_HALF_UP, context=_ROUNDING)
    return rounded.copy_abs() if rounded.is_zero() else rounded


@functools.cache
def _exponent(places: int) -> Decimal:
    """1 scaled to `places` decimals (0.01 for 2), what `round_to` quantizes to."""
    return Decimal(1).scaleb(-places, context=_ROUNDING)


# --- Parsing ----------------------------------------------------------------------------------


def _label(field: str) -> str:
    """Human words for a field path: 'lineItems[2].unitPrice' -> 'unit price'."""
    last = re.split(r"[.\[\]]+", field.strip(".[]"))[-1] or field
    words = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", last).replace("_", " ")
    return words.lower()


def _significant(digits: str, exponent: int) -> tuple[str, int]:
    """Digits without leading or trailing zeros and the matching exponent; '' for zero."""
    digits = digits.lstrip("0")
    stripped = digits.rstrip("0")
    return stripped, exponent + len(digits) - len(stripped)


def _build(negative: bool, digits: str, exponent: int) -> Decimal:
    """The Decimal for significant digits and exponent, never in exponent form (1E+2 -> 100)."""
    if not digits:
        return Decimal(0)
    if exponent > 0:
        digits, exponent = digits + "0" * exponent, 0
    return Decimal((int(negative), tuple(int(d) for d in digits), exponent))


def _parse(
    value: object,
    *,
    field: str,
    max_places: int,
    max_value: Decimal,
    min_value: Decimal,
    places_hint: str = "",
) -> Decimal:
    label = _label(field)
    example = "12.50" if max_places else "12"

    if min_value == 0:
        below_min = f"{label} must not be negative"
    else:
        below_min = f"{label} must be at least {min_value:,}"
    too_large = f"{label} is too large: the most accepted is {max_value:,}"
    if max_places == 0:
        too_precise = f"{label} must be a whole number{places_hint}"
    else:
        too_precise = f"{label} has more than {max_places} decimal places{places_hint}"

    def refuse(message: str) -> ValidationError:
        return ValidationError(message, field=field)

    # 1. Reduce every accepted type to a sign, a digit string and an exponent, exactly.
    if value is None:
        raise refuse(f"{label} is required: enter a number such as {example}")
    if isinstance(value, bool):
        raise refuse(f"{label} must be a number such as {example}, not {_show(value)}")
    if isinstance(value, float):
        value = str(value)  # shortest repr: JSON's 0.1 stays 0.1; nan/inf are caught below
    if isinstance(value, int):
        value = Decimal(value)
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise refuse(f"{label} must be a finite number, not {value}")
        sign, digit_tuple, exp = value.as_tuple()
        negative, digits, exponent = bool(sign), "".join(map(str, digit_tuple)), int(exp)
    elif isinstance(value, str):
        text = value.strip()
        if not text:
            raise refuse(f"{label} must be a number such as {example}, not an empty string")
        if len(text) > MAX_NUMBER_LENGTH:
            raise refuse(
                f"{label} is too long to be a number (at most {MAX_NUMBER_LENGTH} characters)"
            )
        if text.lower() in _NON_FINITE:
            raise refuse(f"{label} must be a finite number, not {text}")
        match = _NUMBER_RE.fullmatch(text)
        if match is None:
            raise refuse(f"{label} must be a number such as {example}, not {_show(text)}")
        fraction = match["frac"] or match["frac2"] or ""
        negative = match["sign"] == "-"
        digits = (match["int"] or "") + fraction
        exponent = int(match["exp"] or 0) - len(fraction)
    else:
        raise refuse(f"{label} must be a number such as {example}, not {type(value).__name__}")

    # 2. Refuse absurd magnitudes from the digits alone: 1e999999 must never be expanded.
    digits, exponent = _significant(digits, exponent)
    if digits and negative and min_value >= 0:
        raise refuse(below_min)
    if digits and len(digits) + exponent > _MAX_MAGNITUDE:
        raise refuse(below_min if negative else too_large)
    if digits and exponent < -_MAX_MAGNITUDE:
        raise refuse(too_precise)

    # 3. Normalize (1E+2 -> 100, 12.50 -> 12.5, -0 -> 0), then check the range and decimals.
    number = _build(negative, digits, exponent)
    if number < min_value:
        raise refuse(below_min)
    if number > max_value:
        raise refuse(too_large)
    if -exponent > max_places:
        raise refuse(too_precise)
    return number


def parse_decimal(
    value: object,
    *,
    field: str,
    max_places: int,
    max_value: Decimal,
    min_value: Decimal = Decimal(0),
) -> Decimal:
    """Parse a Decimal, int, str or float (via its str) into a finite, range-checked Decimal.

    Raises ValidationError naming `field`; returns it without exponent form or trailing zeros.
    """
    return _parse(
        value, field=field, max_places=max_places, max_value=max_value, min_value=min_value
    )


def parse_amount(value: object, *, field: str, currency: str, places: int) -> Decimal:
    """A money amount in `currency`, whose documents are rounded to `places` decimals (a
    document's `minor_units`): 0 to MAX_AMOUNT, with at most those decimals."""
    code = currency.upper()
    hint = f" ({code} has {places})" if places else f" in {code}"
    return _parse(
        value,
        field=field,
        max_places=places,
        max_value=MAX_AMOUNT,
        min_value=Decimal(0),
        places_hint=hint,
    )


def parse_quantity(value: object, *, field: str) -> Decimal:
    """A line quantity: 0 to MAX_QUANTITY, at most QUANTITY_PLACES decimals."""
    return parse_decimal(value, field=field, max_places=QUANTITY_PLACES, max_value=MAX_QUANTITY)


def parse_unit_price(value: object, *, field: str) -> Decimal:
    """A unit price: 0 to MAX_UNIT_PRICE, at most UNIT_PRICE_PLACES decimals (finer than cents)."""
    return parse_decimal(value, field=field, max_places=UNIT_PRICE_PLACES, max_value=MAX_UNIT_PRICE)


def parse_rate(value: object, *, field: str) -> Decimal:
    """A percentage (a tax rate, a percent discount): 0 to 100 inclusive, at most 4 decimals."""
    return parse_decimal(value, field=field, max_places=RATE_PLACES, max_value=MAX_RATE)
