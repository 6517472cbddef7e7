"""The worker's scheduled passes through their effects over GraphQL: `invoice.overdue` once per
invoice when its due date passes in its organization's time zone, never for one paid, draft
or void; events forgotten after their retention."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import httpx
import pytest

from models import Document
from tests.clock import Clock
from tests.conftest import Tenant, make_tenant
from tests.graph.helpers import act, data, new_client, new_document, ok, pay
from webhooks.sending import Sender
from worker.runner import Worker

OVERDUE = (
    '{ events(filter: {types: ["invoice.overdue"]}) { edges { node {'
    " objectId occurredAt actor { kind id } data } } } }"
)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
async def worker(clock: Clock) -> AsyncIterator[Worker]:
    made = Worker(Sender(), clock=clock, retention=timedelta(days=90))
    try:
        yield made
    finally:
        await made.aclose()


async def overdue(http: httpx.AsyncClient, tenant: Any) -> list[dict[str, Any]]:
    return [edge["node"] for edge in (await data(http, tenant, OVERDUE))["events"]["edges"]]


async def sent_invoice(http: httpx.AsyncClient, tenant: Any, due: date) -> str:
    client = await new_client(http, tenant)
    invoice = await new_document(http, tenant, client["id"], dueDate=due.isoformat())
    ok(await act(http, tenant, "invoiceMarkSent", invoice["id"]))
    return str(invoice["id"])


async def test_an_invoice_is_announced_overdue_once_when_its_due_date_passes_where_it_is(
    http: httpx.AsyncClient, clock: Clock, worker: Worker
) -> None:
    due = datetime.now(UTC).date() + timedelta(days=10)
    east = await make_tenant("East", timezone="Pacific/Kiritimati")  # UTC+14
    west = await make_tenant("West", timezone="Etc/GMT+12")  # UTC-12
    east_invoice = await sent_invoice(http, east, due)
    west_invoice = await sent_invoice(http, west, due)

    clock.set(datetime.combine(due, time(23, 0), UTC) - timedelta(days=1))
    await worker.run_once()
    assert await overdue(http, east) == [] and await overdue(http, west) == []

    # Noon UTC on the due date: the next day already at UTC+14, still the due date at UTC-12.
    clock.set(datetime.combine(due, time(12, 0), UTC))
    await worker.run_once()
    (announced,) = await overdue(http, east)
    assert announced["objectId"] == east_invoice
    assert announced["data"]["status"] == "OVERDUE"
    assert announced["actor"] == {"kind": "SYSTEM", "id": None}
    assert await overdue(http, west) == []

    clock.advance(timedelta(days=1, minutes=1))  # the next day at UTC-12 too
    await worker.run_once()
    (late,) = await overdue(http, west)
    assert late["objectId"] == west_invoice
    # Once: later passes, however many, announce nothing again.
    for _ in range(3):
        clock.advance(timedelta(days=1))
        await worker.run_once()
    assert len(await overdue(http, east)) == 1 and len(await overdue(http, west)) == 1

    # A due date moved later, then passed again, is announced again.
    await Document.filter(id=east_invoice).update(due_date=due + timedelta(days=30))
    clock.advance(timedelta(days=31))
    await worker.run_once()
    assert len(await overdue(http, east)) == 2


async def test_a_paid_draft_or_void_invoice_is_never_announced_overdue(
    http: httpx.AsyncClient, tenant: Tenant, clock: Clock, worker: Worker
) -> None:
    due = datetime.now(UTC).date() + timedelta(days=3)
    paid = await sent_invoice(http, tenant, due)
    ok(await pay(http, tenant, paid, "5500.00"))
    client = await new_client(http, tenant, "Drafted")
    await new_document(http, tenant, client["id"], dueDate=due.isoformat())
    voided = await sent_invoice(http, tenant, due)
    ok(await act(http, tenant, "invoiceVoid", voided))
    partly = await sent_invoice(http, tenant, due)
    ok(await pay(http, tenant, partly, "1.00"))

    clock.advance(timedelta(days=5))
    await worker.run_once()
    assert [event["objectId"] for event in await overdue(http, tenant)] == [partly]


async def test_events_are_forgotten_after_their_retention(
    http: httpx.AsyncClient, tenant: Tenant, clock: Clock, worker: Worker
) -> None:
    await new_client(http, tenant, "Old")
    clock.advance(timedelta(days=80))
    await worker.run_once()
    query = "{ events { edges { node { type data } } } }"
    assert len((await data(http, tenant, query))["events"]["edges"]) == 1
    clock.advance(timedelta(days=11))
    await worker.run_once()
    assert (await data(http, tenant, query))["events"]["edges"] == []
