"""Plain addresses: what mail can go to as it is."""

from __future__ import annotations

import pytest

from addresses import is_plain_address


@pytest.mark.parametrize("value", ["ap@globex.example", "a.b+c@sub.example.org"])
def test_a_plain_address_is_one(value: str) -> None:
    assert is_plain_address(value)


@pytest.mark.parametrize(
    "value",
    [
        "",
        "no-at-sign",
        "Globex <ap@globex.example>",
        "ap@globex.example (accounts)",
        "zoë@globex.example",
        "ap@globex.example\r\nBcc: x@y.example",
    ],
)
def test_anything_else_is_not(value: str) -> None:
    assert not is_plain_address(value)
