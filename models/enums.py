"""Enumerations stored in the database; the domain rules about them live in billing/."""

from enum import StrEnum


class DocumentStatus(StrEnum):
    """A document's stored status. `OVERDUE` is derived at read time, never stored."""

    DRAFT = "DRAFT"
    SENT = "SENT"
    VIEWED = "VIEWED"
    ACCEPTED = "ACCEPTED"
    PARTIALLY_PAID = "PARTIALLY_PAID"
    PAID = "PAID"
    VOID = "VOID"


class DiscountType(StrEnum):
    """How a document's `discountValue` is read."""

    PERCENT = "PERCENT"
    FLAT = "FLAT"


class PaymentMethod(StrEnum):
    """How a payment was made."""

    BANK_TRANSFER = "BANK_TRANSFER"
    CASH = "CASH"
    CHEQUE = "CHEQUE"
    CREDIT_CARD = "CREDIT_CARD"
    DEBIT = "DEBIT"
    ONLINE = "ONLINE"


class Series(StrEnum):
    """A numbering series: invoices and estimates count separately."""

    INVOICE = "INVOICE"
    ESTIMATE = "ESTIMATE"

    @property
    def is_estimate(self) -> bool:
        """The `Document.is_estimate` of this series' documents."""
        return self is Series.ESTIMATE

    @property
    def noun(self) -> str:
        """What a document of this series is called in a message: invoice, estimate."""
        return self.value.lower()


class PaperSize(StrEnum):
    """Page size of an organization's PDFs."""

    A4 = "A4"
    LETTER = "LETTER"


class MemberRole(StrEnum):
    """A member's role in an organization (what each may do: billing/access.py)."""

    OWNER = "OWNER"
    ADMIN = "ADMIN"
    ACCOUNTANT = "ACCOUNTANT"
    VIEWER = "VIEWER"
