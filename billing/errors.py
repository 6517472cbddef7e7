"""The one family of errors a caller can cause. Each surface maps `code` to its own format."""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum


class ErrorCode(StrEnum):
    """Stable, machine-readable error codes shared by GraphQL and REST: the one list of them.
    Each has what it means, in words for a developer: GraphQL's schema describes its enum
    with them, and REST gives each its status (rest/errors.py)."""

    description: str

    def __new__(cls, value: str, description: str = "") -> ErrorCode:
        code = str.__new__(cls, value)
        code._value_ = value
        code.description = description
        return code

    NOT_FOUND = "NOT_FOUND", "No such object in the caller's organization."
    VALIDATION = "VALIDATION", "An input value is invalid; see `field`."
    DUPLICATE_NUMBER = "DUPLICATE_NUMBER", "The document number is already taken in its series."
    INVALID_TRANSITION = "INVALID_TRANSITION", "The document's status does not allow this action."
    NOT_EDITABLE = "NOT_EDITABLE", "Only DRAFT documents can be edited."
    OVERPAYMENT = "OVERPAYMENT", "The payment would take the amount paid above the invoice's total."
    OVERCREDIT = (
        "OVERCREDIT",
        "The credit note (or refund) would credit more than is left of the invoice or its line; "
        "the message says how much is left.",
    )
    HAS_CREDIT_NOTES = (
        "HAS_CREDIT_NOTES",
        "The invoice has credit notes, which correct it: it cannot be deleted or voided.",
    )
    CURRENCY_MISMATCH = "CURRENCY_MISMATCH", "The payment's currency is not the invoice's."
    EINVOICE_INCOMPLETE = (
        "EINVOICE_INCOMPLETE",
        "The document (or its organization or client) lacks what an EN 16931 e-invoice needs; "
        "the message lists each missing value by its path.",
    )
    ALREADY_CONVERTED = (
        "ALREADY_CONVERTED",
        "The estimate was already converted; the message names the invoice.",
    )
    HAS_PAYMENTS = (
        "HAS_PAYMENTS",
        "The invoice has payments: void it (after deleting them) instead.",
    )
    HAS_DOCUMENTS = "HAS_DOCUMENTS", "The client has documents and cannot be deleted for good."
    PLAN_LIMIT = "PLAN_LIMIT", "The organization's plan does not allow this (a limit or a feature)."
    UNAUTHENTICATED = "UNAUTHENTICATED", "The API key is missing, malformed, unknown or revoked."
    TOO_MANY_ATTEMPTS = (
        "TOO_MANY_ATTEMPTS",
        "Too many sign-in attempts from this address or for this account; the message says "
        "when to retry.",
    )
    FORBIDDEN = (
        "FORBIDDEN",
        "The caller's role, or the API key's scopes, do not allow this; the message says what "
        "it needs.",
    )
    DELIVERY_FAILED = (
        "DELIVERY_FAILED",
        "The e-mail was not sent: the SMTP server refused it or could not be reached (the "
        "message gives its reason), or its PDF could not be rendered. Nothing changed.",
    )
    SUBSCRIPTION_LIMIT = (
        "SUBSCRIPTION_LIMIT",
        "The caller holds as many live subscriptions as it may at once; end one first.",
    )
    SUBSCRIPTION_BEHIND = (
        "SUBSCRIPTION_BEHIND",
        "The subscription fell too far behind and was ended: read what it missed from "
        "`events` (since its last event) and subscribe again.",
    )


class DomainError(Exception):
    """An error the caller caused: a stable code, a human message and the offending field."""

    code: ErrorCode = ErrorCode.VALIDATION

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.code}: {self.message!r}, field={self.field!r})"


class TooManyAttempts(DomainError):
    code = ErrorCode.TOO_MANY_ATTEMPTS


class Forbidden(DomainError):
    code = ErrorCode.FORBIDDEN


class SubscriptionLimit(DomainError):
    code = ErrorCode.SUBSCRIPTION_LIMIT


class SubscriptionBehind(DomainError):
    code = ErrorCode.SUBSCRIPTION_BEHIND


class NotFound(DomainError):
    code = ErrorCode.NOT_FOUND


class ValidationError(DomainError):
    code = ErrorCode.VALIDATION


class EInvoiceIncomplete(DomainError):
    """A document lacks what its e-invoice needs: `missing` names each value by its path, with
    why it is needed (`organization.vatId: the seller's VAT identifier (BR-S-02)`)."""

    code = ErrorCode.EINVOICE_INCOMPLETE

    def __init__(self, missing: Sequence[str]) -> None:
        self.missing = tuple(missing)
        super().__init__(
            "The document lacks what an EN 16931 e-invoice needs: " + "; ".join(self.missing),
            field=self.missing[0].split(":")[0] if self.missing else None,
        )


class DuplicateNumber(DomainError):
    code = ErrorCode.DUPLICATE_NUMBER


class InvalidTransition(DomainError):
    code = ErrorCode.INVALID_TRANSITION


class NotEditable(DomainError):
    code = ErrorCode.NOT_EDITABLE


class Overpayment(DomainError):
    code = ErrorCode.OVERPAYMENT


class OverCredit(DomainError):
    code = ErrorCode.OVERCREDIT


class HasCreditNotes(DomainError):
    code = ErrorCode.HAS_CREDIT_NOTES


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
    message carries the server's reason. `retryable`: the failure was a passing one (the
    server could not be reached, or answered "try again later") and the server never took
    the message, so that trying again later cannot deliver it twice."""

    code = ErrorCode.DELIVERY_FAILED

    def __init__(self, message: str, *, field: str | None = None, retryable: bool = False) -> None:
        super().__init__(message, field=field)
        self.retryable = retryable


def shown_id(value: object) -> str:
    """An id for a message: quoted, and cut short when it is too long to be one."""
    text = repr(value)
    return text if len(text) <= 40 else text[:36] + "...'"
