"""The event log: every change billing commits is also an event row, written in the same
transaction as the change (a transactional outbox), so an event exists exactly when its
change committed and never for one rolled back.

`changes.writing()` records, before it commits, one event per change announced in it (and
per client change noted in it): its type (`invoice.paid`, `payment.created`,
`client.updated`, ...), the object, the actor (the API key or user the request acts for, or
the system), the moment of the write, and the object as GraphQL shows it at the end of the
write (the same field names and formatting; a deleted object as it was last seen). Events of
one write are ordered as announced; their ids order them in time.

Listing them is tenant-scoped, and a caller sees the events of the objects it may read.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any, Final, TypeAlias

from tortoise.backends.base.client import BaseDBAsyncClient

from billing import access, display, lifecycle
from billing.access import Permission
from billing.errors import ValidationError
from billing.pagination import Listing, Ordering, Slice, Window, compare, keyset, one_of
from models import (
    Client,
    CreditNote,
    CreditNoteLine,
    Document,
    Event,
    LineItem,
    Organization,
    Payment,
    RecurringInvoice,
    RecurringRun,
    Reminder,
    WebhookEndpoint,
)
from models.ids import ALPHABET, base32, new_id
from models.rows import table


class ObjectType(StrEnum):
    """What an event is about."""

    INVOICE = "invoice"
    ESTIMATE = "estimate"
    PAYMENT = "payment"
    CLIENT = "client"
    CREDIT_NOTE = "credit_note"
    WEBHOOK_ENDPOINT = "webhook_endpoint"
    RECURRING_INVOICE = "recurring_invoice"


#: What a caller must be allowed to read to see an event about each kind of object.
READ_PERMISSION: Final[Mapping[ObjectType, Permission]] = {
    ObjectType.INVOICE: Permission.DOCUMENTS_READ,
    ObjectType.ESTIMATE: Permission.DOCUMENTS_READ,
    ObjectType.PAYMENT: Permission.PAYMENTS_READ,
    ObjectType.CLIENT: Permission.CLIENTS_READ,
    ObjectType.CREDIT_NOTE: Permission.DOCUMENTS_READ,
    ObjectType.WEBHOOK_ENDPOINT: Permission.WEBHOOKS_MANAGE,
    ObjectType.RECURRING_INVOICE: Permission.DOCUMENTS_READ,
}

# A document change's event, by billing.changes' kind (its value): `<series>.<this>`.
_DOCUMENT_EVENTS: Final[Mapping[str, str]] = {
    "CREATED": "created",
    "UPDATED": "updated",
    "DELETED": "deleted",
    "SENT": "sent",
    "VIEWED": "viewed",
    "ACCEPTED": "accepted",
    "CONVERTED": "converted",
    "VOIDED": "voided",
    "OVERDUE": "overdue",
    "PARTIALLY_PAID": "partially_paid",
    "PAID": "paid",
    "CREDITED": "credited",
    "REFUNDED": "refunded",
    "REMINDED": "reminded",
}
_PAYMENT_EVENTS: Final[Mapping[str, str]] = {
    "PAYMENT_RECORDED": "payment.created",
    "PAYMENT_REMOVED": "payment.deleted",
}
#: A reminder of an invoice was e-mailed (billing.reminders): its data has `lastReminder`.
REMINDED: Final = "invoice.reminded"
CLIENT_EVENTS: Final = ("client.created", "client.updated", "client.deleted")
CREDIT_NOTE_EVENTS: Final = ("credit_note.created", "credit_note.sent", "credit_note.refunded")
ENDPOINT_EVENTS: Final = (
    "webhook_endpoint.created",
    "webhook_endpoint.updated",
    "webhook_endpoint.deleted",
    "webhook_endpoint.disabled",  # by the server, after a long run of failed deliveries
)
RECURRING_EVENTS: Final = (
    "recurring_invoice.created",
    "recurring_invoice.updated",
    "recurring_invoice.paused",
    "recurring_invoice.resumed",
    "recurring_invoice.cancelled",
    "recurring_invoice.finished",  # its end date or count reached
    "recurring_invoice.run_failed",  # a run made no invoice, or could not e-mail it
)
#: The object type of the events written with `Write.noted`, by their type.
NOTED: Final[Mapping[str, ObjectType]] = {
    **dict.fromkeys(CLIENT_EVENTS, ObjectType.CLIENT),
    **dict.fromkeys(CREDIT_NOTE_EVENTS, ObjectType.CREDIT_NOTE),
    **dict.fromkeys(ENDPOINT_EVENTS, ObjectType.WEBHOOK_ENDPOINT),
    **dict.fromkeys(RECURRING_EVENTS, ObjectType.RECURRING_INVOICE),
}

#: Every event type there is.
TYPES: Final = (
    *(
        f"{series}.{name}"
        for series in ("invoice", "estimate")
        for name in _DOCUMENT_EVENTS.values()
    ),
    *_PAYMENT_EVENTS.values(),
    *CLIENT_EVENTS,
    *CREDIT_NOTE_EVENTS,
    *ENDPOINT_EVENTS,
    *RECURRING_EVENTS,
)


#: What `Write.noted` records an event of; and every object an event is of.
Noted: TypeAlias = Client | CreditNote | WebhookEndpoint | RecurringInvoice
Seen: TypeAlias = Document | Payment | Noted


@dataclass(frozen=True, slots=True)
class Pending:
    """An event to write: its type, its object, and the object seen last (for one deleted)."""

    type: str
    object_type: ObjectType
    object_id: str
    organization_id: str
    seen: Seen | None = None


def document_event(kind: str, document_id: str, is_estimate: bool, org_id: str) -> Pending:
    """The event of a document change of `kind` (billing.changes.ChangeKind's value)."""
    object_type = ObjectType.ESTIMATE if is_estimate else ObjectType.INVOICE
    return Pending(
        f"{object_type.value}.{_DOCUMENT_EVENTS[kind]}", object_type, document_id, org_id
    )


def payment_event(kind: str, payment_id: str, org_id: str) -> Pending | None:
    """The event of a payment change, or None for a change that is no payment's."""
    name = _PAYMENT_EVENTS.get(kind)
    return None if name is None else Pending(name, ObjectType.PAYMENT, payment_id, org_id)


def _ordered_ids(count: int) -> list[str]:
    """`count` new event ids in order: one moment's, their random parts increasing."""
    first = new_id(Event.id_prefix)
    head, tail = first[:-16], first[-16:]
    start = min(int(tail.translate(_DIGITS), 32), 32**16 - 1 - count)
    return [head + base32(start + offset, 16) for offset in range(count)]


# Crockford base-32 digits as int() reads base 32.
_DIGITS: Final = str.maketrans(ALPHABET, "0123456789abcdefghijklmnopqrstuv")


async def record(
    pending: Sequence[Pending],
    seen: Mapping[str, Seen],
    at: datetime,
    conn: BaseDBAsyncClient,
) -> list[Event]:
    """Write the events of one write's `pending` changes in its transaction `conn`, each with
    its object as it is now (one read per object), or as `seen` last when it is gone; the
    events written, in order."""
    if not pending:
        return []
    actor = access.current().actor
    snapshots: dict[str, dict[str, Any]] = {}
    for event in pending:
        if event.object_id not in snapshots:
            snapshots[event.object_id] = await _snapshot(event, seen.get(event.object_id), at, conn)
    ids = _ordered_ids(len(pending))
    written = [
        Event(
            id=event_id,
            organization_id=event.organization_id,
            type=event.type,
            object_type=event.object_type.value,
            object_id=event.object_id,
            actor_kind=actor.kind.value,
            actor_id=actor.id,
            occurred_at=at,
            data=snapshots[event.object_id],
        )
        for event_id, event in zip(ids, pending, strict=True)
    ]
    await Event.bulk_create(written, using_db=conn)
    return written


async def _snapshot(
    event: Pending,
    seen: Seen | None,
    at: datetime,
    conn: BaseDBAsyncClient,
) -> dict[str, Any]:
    plain = _PLAIN.get(event.object_type)
    if plain is not None:  # one row: as it is now, or as last seen when it is gone
        model, shown = plain
        found = await model.filter(id=event.object_id).using_db(conn).first() or seen
        assert isinstance(found, model), f"a {event.object_type} event names one"
        return shown(found)
    if event.object_type is ObjectType.RECURRING_INVOICE:
        schedule = await RecurringInvoice.filter(id=event.object_id).using_db(conn).get()
        last = (
            await RecurringRun.filter(recurring_invoice_id=schedule.id)
            .using_db(conn)
            .order_by("-period")
            .first()
        )
        return recurring_invoice_data(schedule, last)
    if event.object_type is ObjectType.CREDIT_NOTE:
        note = await CreditNote.filter(id=event.object_id).using_db(conn).get()
        note_lines = (
            await CreditNoteLine.filter(credit_note_id=note.id).using_db(conn).order_by("position")
        )
        return credit_note_data(note, note_lines)
    # Imported here: billing.documents writes through billing.changes, which imports this.
    from billing.documents.queries import lines_of, read_written

    document = await read_written(event.object_id, conn)
    if document is not None:
        today = lifecycle.today_in(document.organization, at)
        data = document_data(document, lines_of(document), today)
        if event.type == REMINDED:
            reminder = (
                await Reminder.filter(document_id=document.id, sent_at__not_isnull=True)
                .using_db(conn)
                .order_by("-sent_at", "-id")
                .first()
            )
            data["lastReminder"] = None if reminder is None else reminder_data(reminder)
        return data
    # Deleted in this write: as it was last seen, without its lines.
    assert isinstance(seen, Document), "a document event names a document"
    org = await Organization.filter(id=event.organization_id).using_db(conn).get()
    return document_data(seen, None, lifecycle.today_in(org, at))


def _day(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def _moment(value: datetime | None) -> str | None:
    return None if value is None else display.timestamp(value)


def _money(value: Any, places: int) -> str:
    return format(display.money(value, places), "f")


def document_data(
    document: Document, lines: Sequence[LineItem] | None, today: date
) -> dict[str, Any]:
    """An invoice or estimate as GraphQL shows it (its fields of the same names)."""
    places = document.minor_units
    data: dict[str, Any] = {
        "id": document.id,
        "number": document.number,
        "status": lifecycle.effective_status(document, today).value,
        "client": {"id": document.client_id},
        "currency": document.currency,
        "issueDate": _day(document.issue_date),
        "dueDate": _day(document.due_date),
        "subtotal": _money(document.subtotal, places),
        "discountTotal": _money(document.discount_total, places),
        "taxTotal": _money(document.tax_total, places),
        "total": _money(document.total, places),
        "buyerReference": document.buyer_reference,
        "purchaseOrderReference": document.purchase_order_reference,
        "notes": document.notes,
        "terms": document.terms,
        "sentAt": _moment(document.sent_at),
        "viewedAt": _moment(document.viewed_at),
        "voidedAt": _moment(document.voided_at),
        "createdAt": _moment(document.created_at),
        "updatedAt": _moment(document.updated_at),
    }
    if document.is_estimate:
        data["acceptedAt"] = _moment(document.accepted_at)
    else:
        data |= {
            "amountPaid": _money(document.amount_paid, places),
            "amountCredited": _money(document.amount_credited, places),
            "amountRefunded": _money(document.amount_refunded, places),
            "amountDue": format(lifecycle.amount_due(document), "f"),
            "paidAt": _moment(document.paid_at),
        }
    if lines is not None:
        data["lineItems"] = [
            {
                "description": line.description,
                "quantity": format(display.plain(line.quantity), "f"),
                "unitPrice": format(display.unit_price(line.unit_price, places), "f"),
                "unitCode": line.unit_code,
                "amount": _money(line.amount, places),
                "taxAmount": _money(line.tax, places),
            }
            for line in lines
        ]
    return data


def payment_data(payment: Payment) -> dict[str, Any]:
    """A payment as GraphQL shows it."""
    return {
        "id": payment.id,
        "invoice": {"id": payment.document_id},
        "amount": _money(payment.amount, payment.minor_units),
        "currency": payment.currency,
        "paymentDate": _day(payment.payment_date),
        "paymentMethod": payment.payment_method.value,
        "note": payment.note,
        "createdAt": _moment(payment.created_at),
    }


def credit_note_data(note: CreditNote, lines: Sequence[CreditNoteLine]) -> dict[str, Any]:
    """A credit note as GraphQL shows it (its fields of the same names)."""
    places = note.minor_units
    return {
        "id": note.id,
        "number": note.number,
        "invoice": {"id": note.invoice_id},
        "client": {"id": note.client_id},
        "currency": note.currency,
        "issueDate": _day(note.issue_date),
        "reason": note.reason,
        "subtotal": _money(note.subtotal, places),
        "taxTotal": _money(note.tax_total, places),
        "total": _money(note.total, places),
        "amountRefunded": _money(note.amount_refunded, places),
        "sentTo": list(note.sent_to),
        "sentAt": _moment(note.sent_at),
        "createdAt": _moment(note.created_at),
        "lines": [
            {
                "invoiceLineIndex": line.invoice_line,
                "description": line.description,
                "quantity": None
                if line.quantity is None
                else format(display.plain(line.quantity), "f"),
                "amount": _money(line.amount, places),
                "netAmount": _money(line.net, places),
                "taxAmount": _money(line.tax, places),
            }
            for line in lines
        ],
    }


def client_data(client: Client) -> dict[str, Any]:
    """A client as GraphQL shows it (its contact fields; no balances)."""
    return {
        "id": client.id,
        "name": client.name,
        "email": client.email,
        "address": client.address,
        "taxId": client.tax_id,
        "phone": client.phone,
        "notes": client.notes,
        "vatId": client.vat_id,
        "buyerReference": client.buyer_reference,
        "isActive": client.is_active,
        "createdAt": _moment(client.created_at),
        "updatedAt": _moment(client.updated_at),
    }


def endpoint_data(endpoint: WebhookEndpoint) -> dict[str, Any]:
    """An endpoint as GraphQL shows it (never its secrets), for its events."""
    return {
        "id": endpoint.id,
        "url": endpoint.url,
        "description": endpoint.description,
        "eventTypes": list(endpoint.event_types),
        "enabled": endpoint.enabled,
        "disabledReason": endpoint.disabled_reason or None,
        "createdAt": display.timestamp(endpoint.created_at),
        "updatedAt": display.timestamp(endpoint.updated_at),
    }


def run_data(run: RecurringRun) -> dict[str, Any]:
    """A recurring invoice's run as GraphQL shows it."""
    return {
        "id": run.id,
        "period": _day(run.period),
        "state": run.state,
        "invoice": None if run.document_id is None else {"id": run.document_id},
        "error": run.error or None,
    }


def reminder_data(reminder: Reminder) -> dict[str, Any]:
    """A reminder of an invoice as GraphQL shows it."""
    return {
        "id": reminder.id,
        "offsetDays": reminder.offset_days,
        "state": reminder.state,
        "sentTo": list(reminder.sent_to),
        "sentAt": _moment(reminder.sent_at),
        "error": reminder.error or None,
        "attempts": reminder.attempts,
        "lateFeeInvoice": None
        if reminder.late_fee_document_id is None
        else {"id": reminder.late_fee_document_id},
    }


def recurring_invoice_data(
    schedule: RecurringInvoice, last_run: RecurringRun | None
) -> dict[str, Any]:
    """A recurring invoice as GraphQL shows it (its schedule, not its template's lines),
    with its latest run."""
    return {
        "id": schedule.id,
        "name": schedule.name,
        "client": {"id": schedule.client_id},
        "currency": schedule.currency,
        "rule": schedule.rule,
        "startsOn": _day(schedule.starts_on),
        "endsOn": _day(schedule.ends_on),
        "count": schedule.max_runs,
        "paymentTermsDays": schedule.payment_terms_days,
        "action": schedule.action,
        "missed": schedule.missed,
        "status": schedule.status,
        "nextRunOn": _day(schedule.next_run_on),
        "periodsDone": schedule.periods_done,
        "lastRun": None if last_run is None else run_data(last_run),
        "createdAt": _moment(schedule.created_at),
        "updatedAt": _moment(schedule.updated_at),
    }


# The objects whose events show one row of their own, and how each is shown.
_PLAIN: Final[Mapping[ObjectType, tuple[type[Any], Callable[[Any], dict[str, Any]]]]] = {
    ObjectType.CLIENT: (Client, client_data),
    ObjectType.PAYMENT: (Payment, payment_data),
    ObjectType.WEBHOOK_ENDPOINT: (WebhookEndpoint, endpoint_data),
}


# --- Reading the log ------------------------------------------------------------------------

EVENTS: Final = table(Event, "e")
NEWEST_FIRST: Final = Ordering("NEWEST_FIRST", descending=True)
MAX_TYPES: Final = 20


def check_types(types: Sequence[str] | None) -> None:
    """Refuse a filter of more than MAX_TYPES types, or of a type there is not."""
    if types is None:
        return
    if len(types) > MAX_TYPES:
        raise ValidationError(f"At most {MAX_TYPES} types", field="types")
    unknown = sorted(set(types) - set(TYPES))
    if unknown:
        raise ValidationError(
            f"Unknown event type {unknown[0]!r}: types are {', '.join(TYPES)}", field="types"
        )


def visible_object_types() -> list[str]:
    """The object types whose events the caller may read (and asked for)."""
    caller = access.current()
    allowed = [
        kind.value for kind, permission in READ_PERMISSION.items() if caller.allows(permission)
    ]
    if not allowed:
        access.require(Permission.DOCUMENTS_READ)  # refused, naming what would do
    return allowed


def event_listing(
    org: Organization,
    *,
    types: Sequence[str] | None = None,
    object_id: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
) -> Listing[Event]:
    """The organization's events the caller may read: of `types` if given, about
    `object_id`, written from `since` (inclusive) to `until` (exclusive)."""
    check_types(types)
    conditions = [
        compare(EVENTS, "organization_id", "=", org.id),
        one_of(EVENTS, "object_type", visible_object_types()),
    ]
    if types is not None:
        conditions.append(one_of(EVENTS, "type", list(types)))
    if object_id is not None:
        conditions.append(compare(EVENTS, "object_id", "=", object_id))
    if since is not None:
        conditions.append(compare(EVENTS, "occurred_at", ">=", since))
    if until is not None:
        conditions.append(compare(EVENTS, "occurred_at", "<", until))
    return Listing(EVENTS, tuple(conditions))


async def window_events(
    org: Organization,
    *,
    types: Sequence[str] | None = None,
    object_id: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    window: Window | None = None,
) -> Slice[Event]:
    """A keyset window of the organization's events the caller may read, newest first."""
    listing = event_listing(org, types=types, object_id=object_id, since=since, until=until)
    return await keyset(listing, NEWEST_FIRST, window or Window())
