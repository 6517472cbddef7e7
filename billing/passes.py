"""What the worker does on a schedule, besides delivering webhooks: announcing invoices that
have become overdue, and forgetting events past their retention.

Each pass is safe to run in several processes at once: the overdue pass claims its invoices
with `FOR UPDATE SKIP LOCKED` on PostgreSQL and marks each with the due date it announced, in
the transaction of its event, so that an invoice's `invoice.overdue` is written once per due
date (a due date moved later, then passed again, is announced again).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Final

from tortoise.transactions import in_transaction

from billing import changes, lifecycle
from billing.changes import ChangeKind
from models import Document, Event
from models.rows import Statement, skip_locked, table

#: The most invoices one overdue batch takes, and events one retention batch deletes.
BATCH: Final = 200
RETENTION_BATCH: Final = 1000
DOCUMENTS: Final = table(Document, "doc")


async def announce_overdue(now: datetime, *, batch: int = BATCH) -> int:
    """Write `invoice.overdue` for up to `batch` invoices whose due date has passed in their
    organization's time zone at `now` and was not announced yet; how many were announced."""
    column = DOCUMENTS.column
    async with changes.writing(now) as write:
        statement = Statement(write.conn)
        # A superset in SQL (no time zone is more than a day ahead of UTC), exact in Python.
        latest = statement((now + timedelta(days=1)).date())
        sql = (
            f"SELECT {column('id')} FROM {DOCUMENTS.source} "  # noqa: S608
            f"WHERE {column('status')} IN ({lifecycle.OPEN_STATUSES_SQL}) "
            f"AND {column('is_estimate')} = FALSE AND {column('due_date')} < {latest} "
            f"AND ({column('overdue_announced_for')} IS NULL "
            f"OR {column('overdue_announced_for')} <> {column('due_date')}) "
            f"ORDER BY {column('due_date')}, {column('id')} LIMIT {statement(batch)}"
            + skip_locked(statement, DOCUMENTS)
        )
        ids = [str(row[0]) for row in await statement.fetch(sql)]
        if not ids:
            return 0
        found = (
            await Document.filter(id__in=ids)
            .using_db(write.conn)
            .select_related("organization")
            .order_by("due_date", "id")
        )
        announced = 0
        for invoice in found:
            today = lifecycle.today_in(invoice.organization, now)
            if lifecycle.effective_status(invoice, today) is not lifecycle.Status.OVERDUE:
                continue  # not yet past in its organization's time zone
            # Not save(): its update time says what the document shows, which is unchanged.
            await (
                Document.filter(id=invoice.id)
                .using_db(write.conn)
                .update(overdue_announced_for=invoice.due_date)
            )
            write.announce(ChangeKind.OVERDUE, invoice)
            announced += 1
    return announced


async def forget_events(
    now: datetime, retention: timedelta, *, batch: int = RETENTION_BATCH
) -> int:
    """Delete up to `batch` events written before `now - retention` (with their webhook
    deliveries, long finished: retention is longer than a delivery's retries); how many."""
    async with in_transaction() as conn:
        ids = (
            await Event.filter(occurred_at__lt=now - retention)
            .using_db(conn)
            .order_by("id")
            .limit(batch)
            .values_list("id", flat=True)
        )
        if ids:
            await Event.filter(id__in=list(ids)).using_db(conn).delete()
    return len(ids)
