"""Tortoise models and the ORM configuration, nothing else."""

from models.client import Client
from models.credit_note import (
    CreditNote,
    CreditNoteEInvoice,
    CreditNoteLine,
    CreditNotePdf,
    Refund,
)
from models.document import Document, DocumentCount, DocumentEInvoice, DocumentPdf, LineItem
from models.event import Event
from models.idempotency import IdempotencyKey
from models.organization import ApiKey, NumberCounter, NumberSequence, Organization, TaxRate
from models.payment import Payment
from models.people import Invitation, Membership, Session, User
from models.recurring import RecurringInvoice, RecurringRun
from models.reminder import Reminder, ReminderRule
from models.webhook import WebhookAttempt, WebhookDelivery, WebhookEndpoint

__all__ = [
    "ApiKey",
    "Client",
    "CreditNote",
    "CreditNoteEInvoice",
    "CreditNoteLine",
    "CreditNotePdf",
    "Document",
    "DocumentCount",
    "DocumentEInvoice",
    "DocumentPdf",
    "Event",
    "IdempotencyKey",
    "Invitation",
    "LineItem",
    "Membership",
    "NumberCounter",
    "NumberSequence",
    "Organization",
    "Payment",
    "RecurringInvoice",
    "RecurringRun",
    "Refund",
    "Reminder",
    "ReminderRule",
    "Session",
    "TaxRate",
    "User",
    "WebhookAttempt",
    "WebhookDelivery",
    "WebhookEndpoint",
]
