"""The v1 error envelope and the one function from domain error codes to HTTP statuses."""

from __future__ import annotations

from collections.abc import Mapping
from typing import assert_never

from starlette.responses import JSONResponse

from billing.errors import ErrorCode


def status_of(code: ErrorCode) -> int:
    """The HTTP status of a domain error code. Every code has one: a code without a case here
    fails mypy (`assert_never`), rather than becoming a 500."""
    match code:
        case (
            ErrorCode.VALIDATION
            | ErrorCode.NOT_EDITABLE
            | ErrorCode.OVERPAYMENT
            | ErrorCode.OVERCREDIT
            | ErrorCode.CURRENCY_MISMATCH
            | ErrorCode.EINVOICE_INCOMPLETE
        ):
            return 400
        case ErrorCode.UNAUTHENTICATED:
            return 401
        case ErrorCode.PLAN_LIMIT | ErrorCode.FORBIDDEN:
            return 403
        case ErrorCode.NOT_FOUND:
            return 404
        case (
            ErrorCode.DUPLICATE_NUMBER
            | ErrorCode.INVALID_TRANSITION
            | ErrorCode.ALREADY_CONVERTED
            | ErrorCode.HAS_PAYMENTS
            | ErrorCode.HAS_CREDIT_NOTES
            | ErrorCode.HAS_DOCUMENTS
        ):
            return 409
        case ErrorCode.TOO_MANY_ATTEMPTS | ErrorCode.SUBSCRIPTION_LIMIT:
            return 429
        case ErrorCode.SUBSCRIPTION_BEHIND:  # live subscriptions only: no REST route has one
            return 409
        case ErrorCode.DELIVERY_FAILED:
            return 502
        case _:
            assert_never(code)


class UnsupportedMediaType(Exception):
    """A request body sent as something other than JSON (415)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class Unavailable(Exception):
    """A request that failed for a passing reason of the server's (503); worth retrying."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def error_response(
    status: int, message: str, headers: Mapping[str, str] | None = None
) -> JSONResponse:
    """`{"error": message}` with `status`."""
    return JSONResponse({"error": message}, status_code=status, headers=headers)
