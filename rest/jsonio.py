"""JSON in and out of the shim, with money exact both ways.

Request numbers are read as `Decimal` (never through float) and response `Decimal`s are
written as number tokens spelled exactly as they are (`5000.00` stays `5000.00`), which the
standard encoder cannot do.
"""

from __future__ import annotations

import json
import re
import secrets
from decimal import Decimal
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from billing.errors import ValidationError
from gateway import jsonbody
from rest.errors import UnsupportedMediaType

# PostgreSQL text cannot hold NUL, and neither database driver can encode a lone surrogate
# (which a JSON `\ud800` escape produces): such strings could never be stored.
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def storable(text: str) -> bool:
    """False for text no database column can hold (a NUL, an unpaired surrogate)."""
    return _UNSTORABLE.search(text) is None


def _check_strings(value: object, path: str) -> None:
    if isinstance(value, str):
        if not storable(value):
            raise ValidationError(
                f"{path or 'The body'} contains a NUL character or an unpaired surrogate "
                "escape, which cannot be stored",
                field=path or None,
            )
    elif isinstance(value, dict):
        for key, item in value.items():
            where = f"{path}.{key}" if path else key
            if not storable(key):
                raise ValidationError(
                    "A field name contains a NUL character or an unpaired surrogate escape"
                )
            _check_strings(item, where)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _check_strings(item, f"{path}[{index}]")


async def read_json(request: Request) -> object:
    """The request's JSON body: 415 unless it is declared as JSON, 400 unless it parses."""
    if not jsonbody.is_json(request.headers.get("content-type")):
        raise UnsupportedMediaType(
            "Content-Type must be application/json; send the body as a JSON object"
        )
    try:
        value = jsonbody.parse(await request.body())
    except jsonbody.MalformedJson as exc:
        raise ValidationError(exc.message) from None
    _check_strings(value, "")
    return value


# Decimals go through the standard (C) encoder as strings wrapped in a mark no other string
# can hold (it starts with a NUL, which nothing stored holds, and is random per process), then
# each such string is replaced by the number it carries.
_MARK = "\x00" + secrets.token_hex(8)
_QUOTED_MARK = json.dumps(_MARK)[1:-1]
_MARKED = re.compile(f'"{re.escape(_QUOTED_MARK)}(-?[0-9]+(?:\\.[0-9]+)?)"')


def _marked(value: object) -> str:
    if isinstance(value, Decimal) and value.is_finite():
        return _MARK + format(value, "f")
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


def _number(marked: re.Match[str]) -> str:
    return marked[1]


_ENCODER = json.JSONEncoder(
    ensure_ascii=False, allow_nan=False, separators=(",", ":"), default=_marked
)


def dumps(value: Any) -> str:
    """JSON text for `value`, with each finite `Decimal` written as the number it spells."""
    return _MARKED.sub(_number, _ENCODER.encode(value))


class JSONResponse(Response):
    """A JSON response whose `Decimal`s are exact number tokens."""

    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        """The body, UTF-8 encoded."""
        return dumps(content).encode("utf-8")
