"""The worker: delivers webhooks and runs the scheduled passes (overdue invoices, recurring
invoices, reminders of unpaid invoices, the event log's retention), in the server's process
or in one of its own (`invoicegraph worker`), as many of either as share the database.

Nothing here needs to be the only worker. Deliveries are claimed with leases (billing.
webhooks.claim_due: row locks that skip each other on PostgreSQL, the one writer on SQLite),
and the passes are safe run twice (billing.passes). A worker wakes when its process commits
an event (`nudge`, an observer of billing.changes) and otherwise looks every `poll`; it
attempts up to `concurrency` deliveries at once, each ending before its lease does (the
sender's timeout is shorter).

Time comes from a `Clock`: the worker decides what is due by it, so that a test can run days
of retries, or a year of schedules, without waiting. Signatures are dated by the real clock,
which receivers check theirs against.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Protocol

from billing import changes, passes, recurring, reminders, webhooks
from billing.plans import Plans
from billing.webhooks import Attempted, Claim
from einvoice.store import EInvoices
from mail.sending import Mailer
from models import Event, Organization, ReminderRule
from models.enums import Series
from pdf.renderer import Renderer
from pdf.store import DocumentPdfs
from settings import Settings
from webhooks.sending import Sender
from webhooks.signing import signed_headers

log = logging.getLogger("invoicegraph.worker")


class Clock(Protocol):
    """What time the worker thinks it is."""

    def now(self) -> datetime: ...


class SystemClock:
    """The real time, in UTC."""

    def now(self) -> datetime:
        return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class Pass:
    """Work done every `every`, in batches until a batch finds less than a full one."""

    name: str
    every: timedelta
    run: Callable[[datetime], Awaitable[int]]
    batch: int


#: The most batches one pass runs in one go, so that one pass never starves the others.
MAX_BATCHES = 50


class Worker:
    """Delivers due webhooks and runs its passes when due; `start()` it, `stop()` it."""

    def __init__(
        self,
        sender: Sender,
        *,
        clock: Clock | None = None,
        lease: timedelta = timedelta(seconds=60),
        poll: timedelta = timedelta(seconds=1),
        concurrency: int = 8,
        retention: timedelta = timedelta(days=90),
        overdue_every: timedelta = timedelta(minutes=1),
        retention_every: timedelta = timedelta(hours=1),
        plans: Plans | None = None,
        mailer: Mailer | None = None,
        recurring_every: timedelta = timedelta(minutes=1),
        reminders_every: timedelta = timedelta(minutes=1),
        closing: Sequence[Callable[[], Awaitable[None]]] = (),
    ) -> None:
        self.sender = sender
        self.mailer = mailer
        self.plans = plans or Plans.load(None)
        self._closing = closing
        self.clock = clock or SystemClock()
        self.lease = lease
        self.poll = poll
        self.concurrency = concurrency
        self.passes = (
            Pass("overdue", overdue_every, passes.announce_overdue, passes.BATCH),
            Pass("recurring", recurring_every, self._run_recurring, recurring.BATCH),
            Pass("reminders", reminders_every, self._run_reminders, reminders.BATCH),
            Pass(
                "retention",
                retention_every,
                lambda now: passes.forget_events(now, retention),
                passes.RETENTION_BATCH,
            ),
        )
        self._next: dict[str, datetime] = {}
        self._stopping = False
        self._wake = asyncio.Event()
        self._in_flight: set[asyncio.Task[None]] = set()
        self._task: asyncio.Task[None] | None = None

    async def _run_recurring(self, now: datetime) -> int:
        send = self._send if self.mailer is not None else None
        return await recurring.run_due(now, plans=self.plans, send=send)

    async def _run_reminders(self, now: datetime) -> int:
        if self.mailer is None:  # reminders are e-mails: none without a mailer
            return 0
        return await reminders.remind_due(
            now, plans=self.plans, remind=self._remind, send=self._send
        )

    async def _remind(
        self, org: Organization, invoice_id: str, rule: ReminderRule
    ) -> Sequence[str]:
        assert self.mailer is not None
        return await self.mailer.send_reminder(
            org, invoice_id, rule, plan=self.plans.of(org), now=self.clock.now()
        )

    async def _send(self, org: Organization, invoice_id: str) -> None:
        assert self.mailer is not None
        await self.mailer.send_document(
            org, invoice_id, series=Series.INVOICE, plan=self.plans.of(org), now=self.clock.now()
        )

    def nudge(self, written: Sequence[Event] = ()) -> None:
        """Look for due work now (an event committed: it may have deliveries)."""
        self._wake.set()

    async def deliver_due(self) -> int:
        """Attempt the deliveries due now, as many as there is room for; how many, once
        every attempt started has been recorded."""
        started = await self._start_due()
        await asyncio.gather(*started)
        return len(started)

    async def _start_due(self) -> list[asyncio.Task[None]]:
        room = self.concurrency - len(self._in_flight)
        if room <= 0:
            return []
        claims = await webhooks.claim_due(self.clock.now(), self.lease, room)
        started = [asyncio.create_task(self._attempt(claim)) for claim in claims]
        for task in started:
            self._in_flight.add(task)
            task.add_done_callback(self._finished)
        return started

    def _finished(self, task: asyncio.Task[None]) -> None:
        self._in_flight.discard(task)
        self._wake.set()  # room for another

    async def _attempt(self, claim: Claim) -> None:
        try:
            body = webhooks.payload(claim.event)
            secrets = webhooks.signing_secrets(claim.endpoint, self.clock.now())
            headers = signed_headers(claim.delivery.id, datetime.now(UTC), body, secrets)
            started = self.clock.now()
            outcome = await self.sender.post(claim.endpoint.url, body, headers)
            attempted = Attempted(
                started_at=started,
                duration_ms=outcome.duration_ms,
                status=outcome.status,
                succeeded=outcome.ok,
                error=outcome.error or "",
                excerpt=outcome.excerpt,
            )
            await webhooks.record_attempt(claim, attempted, self.clock.now())
        except Exception:  # the lease runs out and another attempt follows
            log.exception(
                "Delivery %s of %s could not be attempted", claim.delivery.id, claim.event.type
            )

    async def run_passes(self) -> int:
        """Run the passes that are due; what they did."""
        done = 0
        for each in self.passes:
            now = self.clock.now()
            if now < self._next.get(each.name, now):
                continue
            for _ in range(MAX_BATCHES):
                count = await each.run(now)
                done += count
                if count < each.batch:
                    break
            self._next[each.name] = now + each.every
        return done

    async def run_once(self) -> int:
        """Do what is due now and wait for it to finish: the passes, then the deliveries
        (an overdue pass writes events, which may have deliveries); what was done."""
        return await self.run_passes() + await self.deliver_due()

    async def run(self) -> None:
        """Work until stopped."""
        while not self._stopping:
            self._wake.clear()
            try:
                done = await self.run_passes()
                done += len(await self._start_due())
            except Exception:  # the database gone, say: try again after a pause
                log.exception("The worker could not look for work")
                done = 0
            if done:
                continue
            with suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), self.poll.total_seconds())

    def start(self) -> None:
        """Work in the background of the running event loop."""
        if self._task is None:
            self._task = asyncio.create_task(self.run(), name="invoicegraph-worker")

    async def stop(self) -> None:
        """Stop looking for work once the look under way ends, and let the attempts under way
        finish: each is bounded by the sender's timeout, shorter than a lease. Not cancelled
        mid-statement, which could leave a database connection inside its transaction."""
        self._stopping = True
        self._wake.set()
        running = [task for task in (self._task, *self._in_flight) if task is not None]
        if running:
            await asyncio.wait(running, timeout=self.lease.total_seconds())
        for task in running:  # past its lease anyway: another worker will attempt it
            if not task.done():
                task.cancel()
        await asyncio.gather(*running, return_exceptions=True)
        self._task = None

    async def aclose(self) -> None:
        """Stop, and close the sender (and what it was given to close)."""
        await self.stop()
        await self.sender.aclose()
        for close in self._closing:
            await close()


def from_settings(
    settings: Settings,
    *,
    clock: Clock | None = None,
    mailer: Mailer | None = None,
    plans: Plans | None = None,
) -> Worker:
    """The worker the settings describe, with its own sender (`aclose()` closes both). It
    e-mails recurring invoices through `mailer` (the server's), or without one through a
    mailer of its own, whose Chromium starts at its first PDF and closes with it."""
    closing: list[Callable[[], Awaitable[None]]] = []
    if mailer is None:
        renderer = Renderer.from_settings(settings)
        einvoices = EInvoices(DocumentPdfs(renderer))
        mailer = Mailer.from_settings(settings, einvoices)
        closing += [einvoices.close, einvoices.pdfs.close, renderer.close]
    return Worker(
        Sender(
            allow_private=settings.webhooks_allow_private,
            timeout=float(settings.webhook_timeout_seconds),
        ),
        clock=clock,
        lease=timedelta(seconds=settings.worker_lease_seconds),
        poll=timedelta(milliseconds=settings.worker_poll_ms),
        retention=timedelta(days=settings.event_retention_days),
        plans=plans or Plans.load(settings.plans_file),
        mailer=mailer,
        closing=closing,
    )


@asynccontextmanager
async def working(worker: Worker | None) -> AsyncIterator[None]:
    """`worker` at work in the background for the block (woken by each event this process
    commits), then stopped and closed; nothing when None."""
    if worker is None:
        yield
        return
    with changes.observing(worker.nudge):
        worker.start()
        try:
            yield
        finally:
            await worker.aclose()
