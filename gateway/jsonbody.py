"""JSON request bodies, read the same way by REST and GraphQL: UTF-8, well formed, and at
most MAX_DEPTH arrays and objects deep.

The depth is checked before parsing, by a scan that stops at the first level too deep, so a
body of a million opening brackets costs MAX_DEPTH steps rather than the parser's recursion.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any, NoReturn

MAX_DEPTH = 32  # the deepest real body (GraphQL variables with lines) is about 5

# Strings (with their escapes) go first, so that brackets inside them do not count.
_STRINGS_AND_BRACKETS = re.compile(rb'"(?:[^"\\]|\\.)*"?|[\[\]{}]', re.DOTALL)


class MalformedJson(ValueError):
    """A body that is not JSON we read; `message` says why, for the caller."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _no_constant(name: str) -> NoReturn:
    raise ValueError(f"{name} is not a JSON number")


def is_json(content_type: str | None) -> bool:
    """Whether a Content-Type header names JSON (parameters such as charset aside)."""
    media_type = (content_type or "").split(";", 1)[0].strip().lower()
    return media_type == "application/json"


def too_deep(raw: bytes, limit: int = MAX_DEPTH) -> bool:
    """Whether `raw` nests arrays and objects more than `limit` deep."""
    depth = 0
    for match in _STRINGS_AND_BRACKETS.finditer(raw):
        token = match.group()
        if token in (b"[", b"{"):
            depth += 1
            if depth > limit:
                return True
        elif token in (b"]", b"}"):
            depth -= 1
    return False


def parse(raw: bytes, *, parse_float: Callable[[str], Any] = Decimal) -> object:
    """The JSON value of `raw`; MalformedJson when it is empty, not UTF-8, not JSON, uses
    NaN or Infinity, or nests deeper than MAX_DEPTH."""
    if not raw.strip():
        raise MalformedJson("The request body is empty: send a JSON object")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise MalformedJson(f"The body is not valid UTF-8 (byte {exc.start})") from None
    if too_deep(raw):
        raise MalformedJson(f"The body nests arrays and objects more than {MAX_DEPTH} deep")
    try:
        return json.loads(text, parse_float=parse_float, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise MalformedJson(
            f"Malformed JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"
        ) from None
    except (ValueError, RecursionError) as exc:  # integers too long to convert
        raise MalformedJson(f"Malformed JSON: {exc}") from None
