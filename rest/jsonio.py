"""JSON in and out of the shim, with money exact both ways.

Request numbers are read as `Decimal` (never through float) and response `Decimal`s are
written as number tokens spelled exactly as they are (`5000.00` stays `5000.00`), which the
standard encoder cannot do.
"""

from __future__ import annotations

import json
import re
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


def _encode(value: Any, out: list[str]) -> None:
    if isinstance(value, Decimal):
        out.append(format(value, "f"))
    elif isinstance(value, dict):
        out.append("{")
        for index, (key, item) in enumerate(value.items()):
            if index:
                out.append(",")
            out.append(json.dumps(key, ensure_ascii=False))
            out.append(":")
            _encode(item, out)
        out.append("}")
    elif isinstance(value, list | tuple):
        out.append("[")
        for index, item in enumerate(value):
            if index:
                out.append(",")
            _encode(item, out)
        out.append("]")
    else:
        out.append(json.dumps(value, ensure_ascii=False, allow_nan=False))


def dumps(value: Any) -> str:
    """JSON text for `value`, with each finite `Decimal` written as the number it spells."""
    out: list[str] = []
    _encode(value, out)
    return "".join(out)


class JSONResponse(Response):
    """A JSON response whose `Decimal`s are exact number tokens."""

    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        """The body, UTF-8 encoded."""
        return dumps(content).encode("utf-8")
