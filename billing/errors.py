"""The one family of errors a caller can cause. Each surface maps `code` to its own format."""

from __future__ import annotations

from enum import StrEnum


class ErrorCode(StrEnum):
    """Stable, machine-readable error codes shared by GraphQL and REST."""

    NOT_FOUND = "NOT_FOUND"
    VALIDATION = "VALIDATION"
    DUPLICATE_NUMBER = "DUPLICATE_NUMBER"
    INVALID_TRANSITION = "INVALID_TRANSITION"
    NOT_EDITABLE = "NOT_EDITABLE"
    OVERPAYMENT = "OVERPAYMENT"
    CURRENCY_MISMATCH = "CURRENCY_MISMATCH"
    ALREADY_CONVERTED = "ALREADY_CONVERTED"
    HAS_PAYMENTS = "HAS_PAYMENTS"
    HAS_DOCUMENTS = "HAS_DOCUMENTS"
    PLAN_LIMIT = "PLAN_LIMIT"
    UNAUTHENTICATED = "UNAUTHENTICATED"
    DELIVERY_FAILED = "DELIVERY_FAILED"


class DomainError(Exception):
    """An error the caller caused: a stable code, a human message and the offending field."""

    code: ErrorCode = ErrorCode.VALIDATION

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.code}: {self.message!r}, field={self.field!r})"


class NotFound(DomainError):
    code = ErrorCode.NOT_FOUND


class ValidationError(DomainError):
    code = ErrorCode.VALIDATION


class DuplicateNumber(DomainError):
    code = ErrorCode.DUPLICATE_NUMBER


class InvalidTransition(DomainError):
    code = ErrorCode.INVALID_TRANSITION


class NotEditable(DomainError):
    code = ErrorCode.NOT_EDITABLE


class Overpayment(DomainError):
    code = ErrorCode.OVERPAYMENT


class CurrencyMismatch(DomainError):
    code = ErrorCode.CURRENCY_MISMATCH


class AlreadyConverted(DomainError):
    code = ErrorCode.ALREADY_CONVERTED


class HasPayments(DomainError):
    code = ErrorCode.HAS_PAYMENTS


class HasDocuments(DomainError):
    code = ErrorCode.HAS_DOCUMENTS


class PlanLimit(DomainError):
    code = ErrorCode.PLAN_LIMIT


class Unauthenticated(DomainError):
    code = ErrorCode.UNAUTHENTICATED


class DeliveryFailed(DomainError):
    """An e-mail was not sent (the SMTP server refused it or could not be reached); the
    message carries the server's reason."""

    code = ErrorCode.DELIVERY_FAILED


def shown_id(value: object) -> str:
    """An id for a message: quoted, and cut short when it is too long to be one."""
    text = repr(value)
    return text if len(text) <= 40 else text[:36] + "...'"
