"""Exact JSON both ways: decimals written as the numbers they spell, read without float."""

from __future__ import annotations

from decimal import Decimal

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
