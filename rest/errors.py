"""The v1 error envelope and the one table from domain error codes to HTTP statuses."""

from __future__ import annotations

from collections.abc import Mapping

from starlette.responses import JSONResponse

from billing.errors import DomainError, ErrorCode

STATUS_BY_CODE: Mapping[ErrorCode, int] = {
    ErrorCode.VALIDATION: 400,
    ErrorCode.NOT_EDITABLE: 400,
    ErrorCode.OVERPAYMENT: 400,
    ErrorCode.CURRENCY_MISMATCH: 400,
    ErrorCode.UNAUTHENTICATED: 401,
    ErrorCode.PLAN_LIMIT: 403,
    ErrorCode.NOT_FOUND: 404,
    ErrorCode.DUPLICATE_NUMBER: 409,
    ErrorCode.INVALID_TRANSITION: 409,
    ErrorCode.ALREADY_CONVERTED: 409,
    ErrorCode.HAS_PAYMENTS: 409,
    ErrorCode.HAS_DOCUMENTS: 409,
    ErrorCode.DELIVERY_FAILED: 502,
}


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


def domain_error_response(error: DomainError) -> JSONResponse:
    """The response for a domain error, by the table above."""
    return error_response(STATUS_BY_CODE[error.code], error.message)
