"""The Gauzy door's error body, NestJS's: `{"statusCode": 404, "message": "...", "error":
"Not Found"}`. The message is always one string naming what is wrong (and the field)."""

from __future__ import annotations

from collections.abc import Mapping
from http import HTTPStatus

from starlette.responses import JSONResponse


def error_body(status: int, message: str, headers: Mapping[str, str] | None = None) -> JSONResponse:
    """The error answer with `status` and `message`."""
    body = {"statusCode": status, "message": message, "error": HTTPStatus(status).phrase}
    return JSONResponse(body, status_code=status, headers=headers)
