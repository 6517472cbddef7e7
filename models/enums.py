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
    CREDIT_NOTE = "CREDIT_NOTE"

    @property
    def is_estimate(self) -> bool:
        """The `Document.is_estimate` of this series' documents."""
        return self is Series.ESTIMATE

    @property
    def noun(self) -> str:
        """What a document of this series is called in a message: invoice, estimate."""
        return self.value.lower().replace("_", " ")


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


class TaxRounding(StrEnum):
    """Where a document's taxes are rounded (docs/domain.md, Taxes)."""

    PER_LINE = "PER_LINE"  # each line's tax rounded, then summed (before 2026-12)
    PER_DOCUMENT = "PER_DOCUMENT"  # each rate applied once to the sum of its nets (EN 16931)


class TaxCategory(StrEnum):
    """The VAT category of a tax, by EN 16931's code list (UNCL 5305 subset)."""

    S = "S"  # standard rate
    Z = "Z"  # zero rated goods
    E = "E"  # exempt from tax
    AE = "AE"  # VAT reverse charge
    K = "K"  # intra-community supply, exempt
    G = "G"  # free export item, tax not charged
    O = "O"  # noqa: E741  services outside the scope of tax
    L = "L"  # Canary Islands general indirect tax (IGIC)
    M = "M"  # tax for production, services and importation in Ceuta and Melilla (IPSI)
