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
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.transactions import in_transaction

from billing import numbering
from models import Document
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
    PAYMENT_RECORDED = "PAYMENT_RECORDED"
    PAYMENT_REMOVED = "PAYMENT_REMOVED"
    PARTIALLY_PAID = "PARTIALLY_PAID"  # a payment left some of the invoice due
    PAID = "PAID"  # payments now cover the invoice's total
    CREDITED = "CREDITED"  # a credit note was issued against the invoice
    REFUNDED = "REFUNDED"  # some of its credit was paid back to the client


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

_listeners: ContextVar[tuple[Listener, ...]] = ContextVar("billing_listeners", default=())
# The changes of the outermost `writing()` under way in this task, if any.
_pending: ContextVar[list[Change] | None] = ContextVar("billing_pending", default=None)


@dataclass
class Write:
    """A transaction of `writing()`: its connection, and the changes announced in it."""

    conn: BaseDBAsyncClient
    at: datetime
    changes: list[Change]

    def announce(
        self, kind: ChangeKind, document: Document, *, payment_id: str | None = None
    ) -> None:
        """Record that `document` changed so; delivered once the transaction commits."""
        self.changes.append(
            Change(
                kind,
                str(document.organization_id),
                document.id,
                numbering.series_of(document.is_estimate),
                self.at,
                payment_id,
            )
        )

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
    changes: list[Change] = []
    token = _pending.set(changes)
    try:
        async with in_transaction() as conn:
            yield Write(conn, at, changes)
    finally:
        _pending.reset(token)
    if outer is not None:
        outer.extend(changes)
    else:
        deliver(changes)


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
