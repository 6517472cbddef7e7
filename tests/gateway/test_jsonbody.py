"""JSON bodies as REST and GraphQL read them: UTF-8, well formed, at most MAX_DEPTH deep."""

from __future__ import annotations

from decimal import Decimal

import pytest

from gateway.jsonbody import MAX_DEPTH, MalformedJson, is_json, parse, too_deep


def nested(depth: int) -> bytes:
    return b'{"a": ' * depth + b"1" + b"}" * depth


def test_depth_up_to_the_limit_parses_and_one_more_is_refused() -> None:
    assert not too_deep(nested(MAX_DEPTH))
    assert parse(nested(MAX_DEPTH))
    assert too_deep(nested(MAX_DEPTH + 1))
    with pytest.raises(MalformedJson, match=f"more than {MAX_DEPTH} deep"):
        parse(nested(MAX_DEPTH + 1))


def test_a_huge_nesting_is_refused_without_recursion() -> None:
    with pytest.raises(MalformedJson, match="deep"):
        parse(b"[" * 1_000_000)


def test_brackets_and_escaped_quotes_inside_strings_do_not_count() -> None:
    body = b'{"name": "' + b"[{" * 100 + b'\\" [[[[", "x": ["]]]]"]}'
    assert not too_deep(body)
    assert parse(body) == {"name": "[{" * 100 + '" [[[[', "x": ["]]]]"]}


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"", "empty"),
        (b"  \n", "empty"),
        (b'{"a": "\xff"}', "not valid UTF-8"),
        (b'{"a": 1,}', "Malformed JSON: Expecting property name"),
        (b'{"a": NaN}', "NaN is not a JSON number"),
        (b"1" * 5000, "Malformed JSON"),
    ],
)
def test_what_is_refused_says_why(raw: bytes, message: str) -> None:
    with pytest.raises(MalformedJson, match=message):
        parse(raw)


def test_numbers_are_exact_unless_asked_otherwise() -> None:
    assert parse(b'{"a": 0.1}') == {"a": Decimal("0.1")}
    assert parse(b'{"a": 0.1}', parse_float=float) == {"a": 0.1}


def test_json_content_types() -> None:
    assert is_json("application/json")
    assert is_json("application/json; charset=UTF-8")
    assert not is_json("application/jsonp")
    assert not is_json("text/json")
    assert not is_json(None)
