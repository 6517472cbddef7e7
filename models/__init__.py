"""Tortoise models and the ORM configuration, nothing else."""

from models.client import Client
from models.credit_note import CreditNote, CreditNoteLine, CreditNotePdf, Refund
from models.document import Document, DocumentCount, DocumentPdf, LineItem
from models.organization import ApiKey, NumberSequence, Organization, TaxRate
from models.payment import Payment
from models.people import Invitation, Membership, Session, User

__all__ = [
    "ApiKey",
    "Client",
    "CreditNote",
    "CreditNoteLine",
    "CreditNotePdf",
    "Document",
    "DocumentCount",
    "DocumentPdf",
    "Invitation",
    "LineItem",
    "Membership",
    "NumberSequence",
    "Organization",
    "Payment",
    "Refund",
    "Session",
    "TaxRate",
    "User",
]
