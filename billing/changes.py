"""What billing announces after its writes commit: which documents changed, and how.

Every write that changes a document runs in `writing()`, which is a transaction that also
collects the changes its code announces (`Write.announce`). Once the transaction has
committed, the changes go, in the order announced, to the listeners of the task that wrote
(`listening`); a transaction that rolls back announces nothing. The app listens for each
request (its stored PDFs refresh); a CLI command or a test that does not listen delivers to
no one, which changes nothing else.

A change carries what an event log or a webhook needs of it: the kind, the organization,
the document and its series, the payment concerned, and the time of the write. Listeners
run after the commit, in the writer's task, so they must return at once (schedule work
rather than do it) and must not raise; one that raises is logged and the others still run.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable, Iterator, Sequence
from contextlib import asynccontextmanager, contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.transactions import in_transaction

from billing import events, idempotency, numbering, outbox
from billing.events import Noted, Seen
from models import Document, Event, Payment
from models.enums import DocumentStatus, Series

log = logging.getLogger("invoicegraph.billing")


class ChangeKind(StrEnum):
    """What happened to a document."""

    CREATED = "CREATED"
    UPDATED = "UPDATED"  # edited, or its public link changed
    DELETED = "DELETED"
    SENT = "SENT"  # e-mailed, or marked as sent by other means
    VIEWED = "VIEWED"  # first opened by the client through its public link
    ACCEPTED = "ACCEPTED"  # an estimate
    CONVERTED = "CONVERTED"  # an estimate became an invoice (which is CREATED)
    VOIDED = "VOIDED"
    OVERDUE = "OVERDUE"  # its due date passed, in its organization's time zone, unpaid
    PAYMENT_RECORDED = "PAYMENT_RECORDED"
    PAYMENT_REMOVED = "PAYMENT_REMOVED"
    PARTIALLY_PAID = "PARTIALLY_PAID"  # a payment left some of the invoice due
    PAID = "PAID"  # payments now cover the invoice's total
    CREDITED = "CREDITED"  # a credit note was issued against the invoice
    REFUNDED = "REFUNDED"  # some of its credit was paid back to the client
    REMINDED = "REMINDED"  # a reminder rule e-mailed the client about it (billing.reminders)


@dataclass(frozen=True, slots=True)
class Change:
    """One change of one document, as its transaction committed it."""

    kind: ChangeKind
    organization_id: str
    document_id: str
    series: Series
    at: datetime
    payment_id: str | None = None


Listener = Callable[[Sequence[Change]], None]
Observer = Callable[[Sequence[Event]], None]

# The process's observers of committed events (`observing`), whatever task wrote them.
_observers: list[Observer] = []

_listeners: ContextVar[tuple[Listener, ...]] = ContextVar("billing_listeners", default=())
# What the outermost `writing()` under way in this task has collected, if one is.
_pending: ContextVar[Write | None] = ContextVar("billing_pending", default=None)


@dataclass
class Write:
    """A transaction of `writing()`: its connection, the changes announced in it, and the
    events they make (billing.events), with the objects last seen of each."""

    conn: BaseDBAsyncClient
    at: datetime
    changes: list[Change] = field(default_factory=list)
    events: list[events.Pending] = field(default_factory=list)
    seen: dict[str, Seen] = field(default_factory=dict)

    def announce(
        self,
        kind: ChangeKind,
        document: Document,
        *,
        payment_id: str | None = None,
        payment: Payment | None = None,
    ) -> None:
        """Record that `document` changed so (and the payment concerned, or as it was when
        deleted); delivered once the transaction commits, its event written before."""
        payment_id = payment.id if payment is not None else payment_id
        org_id = str(document.organization_id)
        self.changes.append(
            Change(
                kind,
                org_id,
                document.id,
                numbering.series_of(document.is_estimate),
                self.at,
                payment_id,
            )
        )
        self.seen[document.id] = document
        made = events.payment_event(kind.value, payment_id, org_id) if payment_id else None
        if made is not None:
            self.events.append(made)
            if payment is not None:
                self.seen[payment.id] = payment
        else:
            self.events.append(
                events.document_event(kind.value, document.id, document.is_estimate, org_id)
            )

    def noted(self, type: str, changed: Noted) -> None:
        """Record an event of a client, a credit note or a webhook endpoint
        (`client.created`, `credit_note.refunded`, `webhook_endpoint.disabled`, ...),
        written before the commit."""
        object_type = events.NOTED[type]
        self.seen[changed.id] = changed
        self.events.append(
            events.Pending(type, object_type, changed.id, str(changed.organization_id))
        )

    def _join(self, inner: Write) -> None:
        self.changes.extend(inner.changes)
        self.events.extend(inner.events)
        self.seen.update(inner.seen)

    def paid(self, invoice: Document, *, payment_id: str) -> None:
        """Announce a payment recorded on `invoice`, and the status it left it in (a payment
        can only be taken while some of the total is due, so PAID is always new)."""
        self.announce(ChangeKind.PAYMENT_RECORDED, invoice, payment_id=payment_id)
        if invoice.status is DocumentStatus.PAID:
            self.announce(ChangeKind.PAID, invoice, payment_id=payment_id)
        elif invoice.status is DocumentStatus.PARTIALLY_PAID:
            self.announce(ChangeKind.PARTIALLY_PAID, invoice, payment_id=payment_id)


@asynccontextmanager
async def writing(now: datetime | None = None) -> AsyncIterator[Write]:
    """A transaction whose announced changes reach the listeners once it has committed.

    Nested in another `writing()` of the same task, it delivers nothing itself: its changes
    join the outer one's when it succeeds, and go out when that one commits."""
    at = now or datetime.now(UTC)
    outer = _pending.get()
    written: list[Event] = []
    async with in_transaction() as conn:
        write = Write(conn, at)
        token = _pending.set(write)
        try:
            yield write
        finally:
            _pending.reset(token)
        if outer is None:
            # In the transaction: the events and their webhook deliveries commit with the
            # change, or not at all.
            written = await events.record(write.events, write.seen, at, conn)
            await outbox.fan_out(written, at, conn)
            await outbox.notify(written, conn)
            await idempotency.mark_committed(conn, at)
    if outer is not None:
        outer._join(write)
    else:
        deliver(write.changes)
        published(written)


def published(written: Sequence[Event]) -> None:
    """Hand committed events to the process's observers (the worker, live subscriptions)."""
    if not written:
        return
    for observer in _observers:
        try:
            observer(written)
        except Exception:  # an observer's failure must not undo a commit's answer
            log.exception("An observer of committed events failed")


@contextmanager
def observing(observer: Observer) -> Iterator[None]:
    """Hand every event this process commits, from any task, to `observer` (which must
    return at once and not raise) while the block runs."""
    _observers.append(observer)
    try:
        yield
    finally:
        _observers.remove(observer)


def deliver(changes: Sequence[Change]) -> None:
    """Hand committed `changes` to this task's listeners (nothing when there are none)."""
    if not changes:
        return
    for listener in _listeners.get():
        try:
            listener(changes)
        except Exception:  # one listener's failure must not undo a commit's answer
            log.exception("A listener of committed changes failed")


@contextmanager
def listening(*listeners: Listener) -> Iterator[None]:
    """Deliver the changes that commit inside this block (in this task, and in the tasks it
    starts) to `listeners` too."""
    token = _listeners.set((*_listeners.get(), *listeners))
    try:
        yield
    finally:
        _listeners.reset(token)
