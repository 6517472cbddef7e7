"""Statuses and the transitions between them: the one place that knows them.

Stored statuses are DRAFT, SENT, VIEWED, ACCEPTED, PARTIALLY_PAID, PAID and VOID. OVERDUE is
never stored: an invoice that is SENT, VIEWED or PARTIALLY_PAID whose due date is before
today, in the organization's time zone, reads as OVERDUE, and the list filter asks the
database for exactly that condition.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from enum import StrEnum
from typing import Final
from zoneinfo import ZoneInfo

from billing import validation
from billing.errors import (
    HasCreditNotes,
    HasPayments,
    InvalidTransition,
    NotEditable,
    ValidationError,
)
from billing.money import round_to
from models import CreditNote, Document, Organization
from models.enums import DocumentStatus as S
from models.rows import Statement, Table


class Status(StrEnum):
    """A status as callers see it: the stored ones plus the derived OVERDUE."""

    DRAFT = "DRAFT"
    SENT = "SENT"
    VIEWED = "VIEWED"
    ACCEPTED = "ACCEPTED"
    PARTIALLY_PAID = "PARTIALLY_PAID"
    PAID = "PAID"
    OVERDUE = "OVERDUE"
    VOID = "VOID"


# Which stored status may follow which. Payments move invoices between the payment states in
# both directions (recording one, deleting one); VOID is final and refused once paid.
INVOICE_TRANSITIONS: Mapping[S, frozenset[S]] = {
    S.DRAFT: frozenset({S.SENT, S.PARTIALLY_PAID, S.PAID, S.VOID}),
    S.SENT: frozenset({S.VIEWED, S.PARTIALLY_PAID, S.PAID, S.VOID}),
    S.VIEWED: frozenset({S.PARTIALLY_PAID, S.PAID, S.VOID}),
    S.PARTIALLY_PAID: frozenset({S.PAID, S.DRAFT, S.SENT, S.VIEWED}),
    S.PAID: frozenset({S.PARTIALLY_PAID, S.DRAFT, S.SENT, S.VIEWED}),
    S.ACCEPTED: frozenset(),
    S.VOID: frozenset(),
}
ESTIMATE_TRANSITIONS: Mapping[S, frozenset[S]] = {
    S.DRAFT: frozenset({S.SENT, S.ACCEPTED, S.VOID}),
    S.SENT: frozenset({S.VIEWED, S.ACCEPTED, S.VOID}),
    S.VIEWED: frozenset({S.ACCEPTED, S.VOID}),
    S.ACCEPTED: frozenset(),
    S.PARTIALLY_PAID: frozenset(),
    S.PAID: frozenset(),
    S.VOID: frozenset(),
}
# The time each status stamps when a document enters it (the first time, for sent and viewed).
STAMPS: Mapping[S, str] = {
    S.SENT: "sent_at",
    S.VIEWED: "viewed_at",
    S.ACCEPTED: "accepted_at",
    S.PAID: "paid_at",
    S.VOID: "voided_at",
}
OVERDUE_CAPABLE = (S.SENT, S.VIEWED, S.PARTIALLY_PAID)


def kind(document: Document) -> str:
    """ "estimate" or "invoice", for messages."""
    return "estimate" if document.is_estimate else "invoice"


def label(document: Document) -> str:
    """How messages name a document, e.g. "Invoice INV-0001"."""
    return f"{kind(document).capitalize()} {document.number}"


def can_transition(document: Document, target: S) -> bool:
    """Whether the table allows `document` to move to `target`."""
    table = ESTIMATE_TRANSITIONS if document.is_estimate else INVOICE_TRANSITIONS
    return target in table[document.status]


def transition(document: Document, target: S, now: datetime) -> list[str]:
    """Move `document` to `target`, stamping its time; return the fields changed (unsaved)."""
    if target == document.status:
        return []
    if target is S.VOID and document.amount_paid > 0:
        raise HasPayments(
            f"{label(document)} has payments: delete them before voiding it", field="status"
        )
    if target is S.VOID and document.amount_credited > 0:
        raise HasCreditNotes(
            f"{label(document)} has credit notes, which correct it, and cannot be voided: "
            "credit what is left of it instead",
            field="status",
        )
    if not can_transition(document, target):
        raise InvalidTransition(
            f"{label(document)} is {document.status.value} and cannot become {target.value}",
            field="status",
        )
    changed = ["status"]
    document.status = target
    stamp = STAMPS.get(target)
    if stamp is not None and (
        target in (S.ACCEPTED, S.PAID, S.VOID) or not getattr(document, stamp)
    ):
        setattr(document, stamp, now)
        changed.append(stamp)
    if target is not S.PAID and document.paid_at is not None:
        document.paid_at = None
        changed.append("paid_at")
    return changed


# The statuses an explicit action may start from, where that is narrower than the table
# (which also serves payments moving an invoice back and forth).
ACTION_SOURCES: Mapping[S, frozenset[S]] = {S.SENT: frozenset({S.DRAFT})}


def perform(document: Document, target: S, now: datetime) -> list[str]:
    """An explicit action (mark sent, void, accept) moving `document` to `target`."""
    if document.status is target:
        raise InvalidTransition(f"{label(document)} is already {target.value}", field="status")
    sources = ACTION_SOURCES.get(target)
    if sources is not None and document.status not in sources:
        allowed = " or ".join(sorted(s.value for s in sources))
        raise InvalidTransition(
            f"{label(document)} is {document.status.value}: only a {allowed} {kind(document)} "
            f"can become {target.value}",
            field="status",
        )
    return transition(document, target, now)


# What may be e-mailed: a document its client still has something to do with, again too (a
# reminder). Paid, accepted and void documents are done with; sending one is refused.
SENDABLE: frozenset[S] = frozenset({S.DRAFT, S.SENT, S.VIEWED, S.PARTIALLY_PAID})


def require_sendable(document: Document) -> None:
    """Refuse to e-mail a document that is done with (PAID, ACCEPTED or VOID)."""
    if document.status not in SENDABLE:
        allowed = [s.value for s in S if s in SENDABLE and can_hold(document, s)]
        raise InvalidTransition(
            f"{label(document)} is {document.status.value}: only a {', '.join(allowed[:-1])} "
            f"or {allowed[-1]} {kind(document)} can be sent",
            field="status",
        )


def can_hold(document: Document, status: S) -> bool:
    """Whether a document of `document`'s kind can ever be in `status`."""
    table = ESTIMATE_TRANSITIONS if document.is_estimate else INVOICE_TRANSITIONS
    return status is S.DRAFT or any(status in targets for targets in table.values())


def emailed(document: Document, now: datetime) -> list[str]:
    """Record that `document` was e-mailed: a DRAFT becomes SENT; `sent_at` keeps the first
    sending (set now if it has none). Return the fields changed (unsaved)."""
    require_sendable(document)
    if document.status is S.DRAFT:
        return transition(document, S.SENT, now)
    if document.sent_at is None:
        # Paid in part before it was ever sent: the status stays, the sending is recorded.
        document.sent_at = now
        return ["sent_at"]
    return []


def unpaid_status(document: Document) -> S:
    """The status an invoice has on the strength of its history alone, payments aside."""
    if document.viewed_at is not None:
        return S.VIEWED
    if document.sent_at is not None:
        return S.SENT
    return S.DRAFT


def settle(document: Document, amount_paid: Decimal, now: datetime) -> list[str]:
    """Set an invoice's amount paid and the status it implies with its credit notes (what
    they credit settles it as payments do, less what was refunded); return the fields
    changed, its amounts among them."""
    document.amount_paid = amount_paid
    settled = amount_paid + document.amount_credited - document.amount_refunded
    if settled <= 0:
        target = unpaid_status(document)
    elif settled >= document.total:
        target = S.PAID
    else:
        target = S.PARTIALLY_PAID
    amounts = ["amount_paid", "amount_credited", "amount_refunded"]
    return [*amounts, *transition(document, target, now)]


# How long an e-mail may take to render and deliver before its claim lapses (the PDF's and
# the SMTP server's time-outs are far shorter): only a process that died mid-send leaves a
# claim to lapse.
SENDING_CLAIM: Final = timedelta(minutes=10)


def being_sent(document: Document | CreditNote, now: datetime) -> bool:
    """Whether the document's (or credit note's) e-mail is being delivered just now
    (`claim_sending`)."""
    return document.sending_until is not None and document.sending_until > now


def claim_sending(row: Document | CreditNote, name: str, now: datetime) -> None:
    """Mark `row` (locked, then saved by the caller) as being e-mailed from `now` for
    SENDING_CLAIM at most; refused while another e-mail of it, `name`, is being delivered."""
    if being_sent(row, now):
        raise InvalidTransition(
            f"{name} is being e-mailed just now: wait for that sending to end", field="id"
        )
    row.sending_until = now + SENDING_CLAIM


def require_editable(document: Document, now: datetime) -> None:
    """Only drafts can be edited, and not while being e-mailed; say why anything else cannot."""
    if being_sent(document, now):
        raise NotEditable(
            f"{label(document)} is being e-mailed just now: it can be changed again if the "
            "sending fails"
        )
    if document.status is not S.DRAFT:
        raise NotEditable(
            f"{label(document)} is {document.status.value}: only DRAFT {kind(document)}s can "
            "be edited" + ("; void it and create a new one" if not document.is_estimate else ""),
        )


def today_in(org: Organization, now: datetime | None = None) -> date:
    """Today's date in the organization's time zone."""
    now = now or datetime.now(UTC)
    return now.astimezone(ZoneInfo(org.timezone)).date()


def given_date(org: Organization, value: object, *, field: str, now: datetime) -> date:
    """A date a request gives (a payment's, a refund's, a credit note's), between 1900 and
    2999; today in the organization's time zone when it gives none."""
    if value is None:
        return today_in(org, now)
    given = validation.iso_date(value, field=field)
    if not date(1900, 1, 1) <= given <= date(2999, 12, 31):
        raise ValidationError(f"{field} must be between 1900 and 2999", field=field)
    return given


def effective_status(document: Document, today: date) -> Status:
    """The status callers see: OVERDUE derived from the due date, the stored one otherwise."""
    if (
        not document.is_estimate
        and document.status in OVERDUE_CAPABLE
        and document.due_date is not None
        and document.due_date < today
    ):
        return Status.OVERDUE
    return Status(document.status.value)


# OVERDUE_CAPABLE as SQL literals: the enum's own names, nothing a caller gives.
OPEN_STATUSES_SQL: Final = ", ".join(f"'{capable.value}'" for capable in OVERDUE_CAPABLE)


def status_conditions(
    status: Status, today: date, documents: Table[Document], statement: Statement
) -> list[str]:
    """The conditions (SQL over `documents`) of documents that read as `status` today."""
    column = documents.column
    if status is Status.OVERDUE:
        # The statuses written out, not passed: the open invoices' partial index (migrations 3
        # and 7, with the due date as a key it checks itself) is used only where the statement
        # itself says that it holds.
        return [
            f"{column('status')} IN ({OPEN_STATUSES_SQL})",
            f"{column('is_estimate')} = FALSE",
            f"{column('due_date')} < {statement(today)}",
        ]
    stored = [f"{column('status')} = {statement(status.value)}"]
    if S(status.value) in OVERDUE_CAPABLE:
        # Spelled out rather than NOT overdue: NOT over a NULL due date is NULL, not true.
        not_due_yet = (
            f"{column('due_date')} IS NULL OR {column('due_date')} >= {statement(today)} "
            f"OR {column('is_estimate')} = {statement(True)}"
        )
        return [*stored, not_due_yet]
    return stored


def amount_due(invoice: Document) -> Decimal:
    """What is still owed on an invoice, in its currency's decimals: its total less its
    payments and credit notes, plus what was refunded of those. Below zero, the client holds
    a credit."""
    return outstanding(invoice, invoice.amount_paid)


def outstanding(invoice: Document, paid: Decimal) -> Decimal:
    """`amount_due` of `invoice` if it had been paid `paid`."""
    due = invoice.total - paid - invoice.amount_credited + invoice.amount_refunded
    return round_to(due, invoice.minor_units)
