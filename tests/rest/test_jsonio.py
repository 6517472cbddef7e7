"""Exact JSON both ways: decimals written as the numbers they spell, read without float."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from rest.jsonio import JSONResponse, dumps


def test_decimals_are_number_tokens_spelled_exactly() -> None:
    value = {
        "total": Decimal("5500.00"),
        "zero": Decimal("0.00"),
        "yen": Decimal("5500"),
        "tiny": Decimal("0.0125"),
        "big": Decimal("999999999999.9999"),
        "others": [1, "ü\x00", None, True, {"nested": Decimal("1.10")}],
    }
    assert dumps(value) == (
        '{"total":5500.00,"zero":0.00,"yen":5500,"tiny":0.0125,"big":999999999999.9999,'
        '"others":[1,"ü\\u0000",null,true,{"nested":1.10}]}'
    )


def test_no_exponent_form_ever() -> None:
    assert dumps([Decimal("1E+3"), Decimal("1E-7")]) == "[1000,0.0000001]"


def test_the_response_is_utf8_json() -> None:
    response = JSONResponse({"amount": Decimal("12.50"), "name": "Müller"}, status_code=201)
    assert response.body == '{"amount":12.50,"name":"Müller"}'.encode()
    assert response.headers["content-type"] == "application/json"
    assert response.status_code == 201


def test_only_decimals_become_numbers_whatever_a_string_holds() -> None:
    # Strings that look like the encoder's marks for decimals, with or without a NUL.
    looks_marked = ["\x000123456789abcdef12.50", "\x0012.50", "12.50", '"\\u000012.50"']
    assert json.loads(dumps(looks_marked)) == looks_marked
    assert json.loads(dumps({"\x0012": Decimal("-0.10")}), parse_float=Decimal) == {
        "\x0012": Decimal("-0.10")
    }


@pytest.mark.parametrize("value", [Decimal("NaN"), Decimal("Infinity"), float("nan"), object()])
def test_what_json_cannot_spell_is_refused(value: object) -> None:
    with pytest.raises((TypeError, ValueError)):
        dumps({"amount": value})
