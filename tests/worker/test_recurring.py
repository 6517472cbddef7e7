"""Recurring invoices run by the worker on a clock the tests move: a year in a few seconds.
Each period once, dated to its period, whatever races or is missed; e-mailed over a real SMTP
server on loopback when the schedule says so; failures recorded once, never retried blindly."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import httpx
import pytest

from billing import recurring
from billing.plans import Plans
from einvoice.store import EInvoices
from mail.sending import Mailer
from mail.transport import SmtpTransport
from models import RecurringRun
from pdf.renderer import Renderer
from pdf.store import DocumentPdfs
from settings import Settings
from tests.clock import Clock
from tests.conftest import Tenant, make_tenant, on_plan
from tests.graph.helpers import ERRORS, data, new_client, ok
from tests.graph.test_query_count import counting_queries
from tests.graph.test_recurring import a_recurring, last_days
from tests.mail.helpers import Inbox, parsed, smtp_server
from tests.processes import free_port
from webhooks.sending import Sender
from worker.runner import Worker

Json = dict[str, Any]

RUNS = """
query($id: ID!) { recurringInvoice(id: $id) {
  status nextRunOn periodsDone
  runs(first: 100) { edges { node { period state error invoice { id number issueDate dueDate
    status recurringInvoice { id } } } } }
  invoices(first: 100) { totalCount edges { node { id issueDate } } }
} }
"""
RUN_FAILED = (
    'query($id: ID!) { events(filter: {objectId: $id, types: ["recurring_invoice.run_failed"]})'
    " { edges { node { type data } } } }"
)


@pytest.fixture
def clock() -> Clock:
    return Clock()


def noon(day: date, hours: int = 12) -> datetime:
    return datetime.combine(day, time(hours), UTC)


@pytest.fixture
async def worker(clock: Clock, settings: Settings) -> AsyncIterator[Worker]:
    made = Worker(Sender(), clock=clock, plans=Plans.load(settings.plans_file))
    try:
        yield made
    finally:
        await made.aclose()


async def runs_of(http: httpx.AsyncClient, tenant: Tenant, recurring_id: str) -> Json:
    found: Json = (await data(http, tenant, RUNS, {"id": recurring_id}))["recurringInvoice"]
    return found


def periods(found: Json) -> list[str]:
    return sorted(edge["node"]["period"] for edge in found["runs"]["edges"])


async def walk(clock: Clock, worker: Worker, days: list[date], *, at: int = 12) -> None:
    """Move the clock to each of `days` in turn (at `at` o'clock UTC) and run the worker."""
    for day in days:
        clock.set(noon(day, at))
        await worker.run_once()


async def test_a_monthly_schedule_from_31_january_invoices_each_month_s_last_day_once(
    http: httpx.AsyncClient, tenant: Tenant, clock: Clock, worker: Worker
) -> None:
    client = await new_client(http, tenant)
    year = date.today().year + 1
    made = await a_recurring(
        http, tenant, client["id"], startsOn=f"{year}-01-31", paymentTermsDays=30
    )
    expected = last_days(year)
    # The day before each last day nothing is due; on it, its invoice. Then twice more, as a
    # retry or a restart would: nothing more.
    for day in map(date.fromisoformat, expected):
        await walk(clock, worker, [day - timedelta(days=1)])
        assert len(periods(await runs_of(http, tenant, made["id"]))) == expected.index(
            day.isoformat()
        )
        await walk(clock, worker, [day, day, day + timedelta(days=1)])
    found = await runs_of(http, tenant, made["id"])
    assert periods(found) == expected
    assert found["invoices"]["totalCount"] == 12
    for edge in found["runs"]["edges"]:
        run = edge["node"]
        invoice = run["invoice"]
        assert run["state"] == "CREATED" and run["error"] is None
        assert invoice["issueDate"] == run["period"] and invoice["status"] == "DRAFT"
        assert (
            invoice["dueDate"]
            == (date.fromisoformat(run["period"]) + timedelta(days=30)).isoformat()
        )
        assert invoice["recurringInvoice"] == {"id": made["id"]}
    numbers = sorted(edge["node"]["invoice"]["number"] for edge in found["runs"]["edges"])
    assert numbers == [f"INV-{n:04d}" for n in range(1, 13)]
    assert (found["periodsDone"], found["nextRunOn"]) == (12, f"{year + 1}-01-31")


async def test_two_workers_racing_make_one_invoice_a_period(
    http: httpx.AsyncClient, tenant: Tenant, clock: Clock, worker: Worker, settings: Settings
) -> None:
    client = await new_client(http, tenant)
    year = date.today().year + 1
    schedules = [
        (
            await a_recurring(
                http, tenant, client["id"], rule="FREQ=WEEKLY", startsOn=f"{year}-01-04"
            )
        )["id"]
        for _ in range(5)
    ]
    other = Worker(Sender(), clock=clock, plans=Plans.load(settings.plans_file))
    try:
        for week in range(8):
            clock.set(noon(date(year, 1, 4) + timedelta(weeks=week)))
            await asyncio.gather(worker.run_once(), other.run_once(), worker.run_once())
    finally:
        await other.aclose()
    for schedule in schedules:
        found = await runs_of(http, tenant, schedule)
        assert periods(found) == [
            (date(year, 1, 4) + timedelta(weeks=week)).isoformat() for week in range(8)
        ]
        assert found["invoices"]["totalCount"] == 8
    assert await RecurringRun.filter(state=recurring.RunState.CREATED.value).count() == 40


async def test_a_server_down_for_three_months_catches_them_up_each_dated_to_its_period(
    http: httpx.AsyncClient, tenant: Tenant, clock: Clock, worker: Worker
) -> None:
    client = await new_client(http, tenant)
    year = date.today().year + 1
    made = await a_recurring(http, tenant, client["id"], startsOn=f"{year}-01-01")
    await walk(clock, worker, [date(year, 3, 20)])
    found = await runs_of(http, tenant, made["id"])
    assert periods(found) == [f"{year}-01-01", f"{year}-02-01", f"{year}-03-01"]
    assert sorted(edge["node"]["issueDate"] for edge in found["invoices"]["edges"]) == [
        f"{year}-01-01",
        f"{year}-02-01",
        f"{year}-03-01",
    ]
    assert found["nextRunOn"] == f"{year}-04-01"


async def test_one_that_skips_missed_periods_runs_the_latest_only(
    http: httpx.AsyncClient, tenant: Tenant, clock: Clock, worker: Worker
) -> None:
    client = await new_client(http, tenant)
    year = date.today().year + 1
    made = await a_recurring(http, tenant, client["id"], startsOn=f"{year}-01-01", missed="SKIP")
    await walk(clock, worker, [date(year, 3, 20)])
    found = await runs_of(http, tenant, made["id"])
    states = sorted(
        (edge["node"]["period"], edge["node"]["state"]) for edge in found["runs"]["edges"]
    )
    assert states == [
        (f"{year}-01-01", "SKIPPED"),
        (f"{year}-02-01", "SKIPPED"),
        (f"{year}-03-01", "CREATED"),
    ]
    (invoice,) = [edge["node"] for edge in found["invoices"]["edges"]]
    assert invoice["issueDate"] == f"{year}-03-01"
    assert found["periodsDone"] == 1  # what a count counts: the periods run


async def test_a_count_finishes_it_with_an_event(
    http: httpx.AsyncClient, tenant: Tenant, clock: Clock, worker: Worker
) -> None:
    client = await new_client(http, tenant)
    year = date.today().year + 1
    made = await a_recurring(http, tenant, client["id"], startsOn=f"{year}-01-01", count=2)
    await walk(clock, worker, [date(year, month, 2) for month in (1, 2, 3, 4)])
    found = await runs_of(http, tenant, made["id"])
    assert periods(found) == [f"{year}-01-01", f"{year}-02-01"]
    assert (found["status"], found["nextRunOn"]) == ("FINISHED", None)
    events = await data(
        http,
        tenant,
        'query($id: ID!) { events(filter: {objectId: $id, types: ["recurring_invoice.finished"]})'
        " { totalCount } }",
        {"id": made["id"]},
    )
    assert events["events"]["totalCount"] == 1


async def test_a_paused_schedule_makes_nothing_and_resumes_from_today(
    http: httpx.AsyncClient, tenant: Tenant, clock: Clock, worker: Worker
) -> None:
    client = await new_client(http, tenant)
    year = date.today().year + 1
    made = await a_recurring(http, tenant, client["id"], startsOn=f"{year}-01-01")
    pause = (
        "mutation($id: ID!) { recurringInvoicePause(id: $id) {"
        f" recurringInvoice {{ status }} {ERRORS} }} }}"
    )
    ok((await data(http, tenant, pause, {"id": made["id"]}))["recurringInvoicePause"])
    await walk(clock, worker, [date(year, 1, 2), date(year, 2, 2)])
    assert periods(await runs_of(http, tenant, made["id"])) == []
    # Resumed on 1 March of that year (the real clock of the API is not moved: the pause is
    # lifted by the billing call at the worker's moment).
    resumed = await recurring.resume_recurring(tenant.org, made["id"], now=noon(date(year, 3, 1)))
    assert resumed.next_run_on == date(year, 3, 1)
    await walk(clock, worker, [date(year, 3, 1)])
    assert periods(await runs_of(http, tenant, made["id"])) == [f"{year}-03-01"]


@pytest.mark.plans({"two-a-month": {"monthlyInvoiceLimit": 2}})
async def test_a_run_past_the_plan_s_limit_fails_once_with_an_event(
    http: httpx.AsyncClient, tenant: Tenant, clock: Clock, worker: Worker, settings: Settings
) -> None:
    await on_plan(tenant.org, settings, "two-a-month")
    client = await new_client(http, tenant)
    year = date.today().year + 1
    made = await a_recurring(http, tenant, client["id"], startsOn=f"{year}-01-01")
    # Three months caught up at once: the plan counts invoices by when they are made.
    await walk(clock, worker, [date(year, 3, 2), date(year, 3, 3), date(year, 3, 4)])
    found = await runs_of(http, tenant, made["id"])
    states = sorted(
        (edge["node"]["period"], edge["node"]["state"]) for edge in found["runs"]["edges"]
    )
    assert states == [
        (f"{year}-01-01", "CREATED"),
        (f"{year}-02-01", "CREATED"),
        (f"{year}-03-01", "FAILED"),
    ]
    failed = next(e["node"] for e in found["runs"]["edges"] if e["node"]["state"] == "FAILED")
    assert failed["error"].startswith("PLAN_LIMIT") and failed["invoice"] is None
    (event,) = (await data(http, tenant, RUN_FAILED, {"id": made["id"]}))["events"]["edges"]
    assert event["node"]["data"]["lastRun"]["state"] == "FAILED"
    assert found["invoices"]["totalCount"] == 2 and found["nextRunOn"] == f"{year}-04-01"


async def test_a_dated_number_pattern_restarts_on_1_january_in_the_organization_s_zone(
    http: httpx.AsyncClient, clock: Clock, worker: Worker
) -> None:
    east = await make_tenant("East", timezone="Pacific/Kiritimati")  # UTC+14
    ok(
        (
            await data(
                http,
                east,
                "mutation { organizationUpdate(input: {invoiceNumberPattern: "
                f'"INV-{{YYYY}}-{{SEQ:4}}", nextInvoiceNumber: 42}}) {{ {ERRORS} }} }}',
            )
        )["organizationUpdate"]
    )
    client = await new_client(http, east)
    year = datetime.now(UTC).year
    made = await a_recurring(http, east, client["id"], rule="FREQ=DAILY", startsOn=f"{year}-12-31")
    # Noon UTC on 30 December is 31 December there; noon on the 31st already 1 January.
    await walk(clock, worker, [date(year, 12, 30), date(year, 12, 31)])
    found = await runs_of(http, east, made["id"])
    numbers = sorted(
        (edge["node"]["period"], edge["node"]["invoice"]["number"])
        for edge in found["runs"]["edges"]
    )
    assert numbers == [
        (f"{year}-12-31", f"INV-{year}-0042"),
        (f"{year + 1}-01-01", f"INV-{year + 1}-0001"),
    ]


def smtp_mailer(renderer: Renderer, port: int) -> Mailer:
    transport = SmtpTransport("127.0.0.1", port, security="none", timeout=5)
    return Mailer(
        transport,
        EInvoices(DocumentPdfs(renderer)),
        sender="invoices@acme.example",
        public_base_url="https://billing.example",
    )


async def test_a_schedule_that_sends_e_mails_each_invoice_once_with_its_pdf(
    http: httpx.AsyncClient, tenant: Tenant, clock: Clock, renderer: Renderer, settings: Settings
) -> None:
    client = await new_client(http, tenant, email="ap@globex.example")
    year = date.today().year + 1
    made = await a_recurring(http, tenant, client["id"], startsOn=f"{year}-01-01", action="SEND")
    inbox = Inbox()
    with smtp_server(inbox) as port:
        mailer = smtp_mailer(renderer, port)
        sending = Worker(
            Sender(), clock=clock, mailer=mailer, plans=Plans.load(settings.plans_file)
        )
        try:
            await walk(clock, sending, [date(year, 1, 1), date(year, 1, 2), date(year, 2, 1)])
        finally:
            await sending.aclose()
            await mailer.einvoices.close()
            await mailer.pdfs.close()
    found = await runs_of(http, tenant, made["id"])
    assert [edge["node"]["state"] for edge in found["runs"]["edges"]] == ["SENT", "SENT"]
    assert {edge["node"]["invoice"]["status"] for edge in found["runs"]["edges"]} == {"SENT"}
    assert len(inbox.envelopes) == 2
    message = parsed(inbox.envelopes[0].content)  # type: ignore[arg-type]
    assert message["To"] == "ap@globex.example"
    (attachment,) = list(message.iter_attachments())
    assert attachment.get_content_type() == "application/pdf"


async def test_smtp_gone_keeps_the_draft_records_the_failure_once_and_sends_nothing_later(
    http: httpx.AsyncClient, tenant: Tenant, clock: Clock, renderer: Renderer, settings: Settings
) -> None:
    client = await new_client(http, tenant, email="ap@globex.example")
    year = date.today().year + 1
    made = await a_recurring(http, tenant, client["id"], startsOn=f"{year}-01-01", action="SEND")
    mailer = smtp_mailer(renderer, free_port())  # nothing listens there
    sending = Worker(Sender(), clock=clock, mailer=mailer, plans=Plans.load(settings.plans_file))
    try:
        await walk(clock, sending, [date(year, 1, 1), date(year, 1, 2), date(year, 1, 3)])
    finally:
        await sending.aclose()
        await mailer.einvoices.close()
        await mailer.pdfs.close()
    found = await runs_of(http, tenant, made["id"])
    (run,) = [edge["node"] for edge in found["runs"]["edges"]]
    assert run["state"] == "SEND_FAILED" and run["error"].startswith("DELIVERY_FAILED")
    assert run["invoice"]["status"] == "DRAFT"
    events = (await data(http, tenant, RUN_FAILED, {"id": made["id"]}))["events"]["edges"]
    assert len(events) == 1 and events[0]["node"]["data"]["lastRun"]["state"] == "SEND_FAILED"


async def test_a_worker_that_died_while_sending_leaves_the_run_failed_not_sent_twice(
    http: httpx.AsyncClient, tenant: Tenant, clock: Clock, worker: Worker
) -> None:
    client = await new_client(http, tenant, email="ap@globex.example")
    year = date.today().year + 1
    made = await a_recurring(http, tenant, client["id"], startsOn=f"{year}-01-01", action="SEND")
    await walk(clock, worker, [date(year, 1, 1)])  # no mailer: made, left to be sent
    (run,) = await RecurringRun.filter(recurring_invoice_id=made["id"])
    assert run.state == recurring.RunState.PENDING_SEND
    # As a worker leaves it when it dies between its claim and the e-mail's outcome.
    await RecurringRun.filter(id=run.id).update(
        state=recurring.RunState.SENDING.value, sending_until=noon(date(year, 1, 1), 13)
    )
    await recurring.run_due(noon(date(year, 1, 1), 14), plans=worker.plans, send=_never)
    (run,) = await RecurringRun.filter(recurring_invoice_id=made["id"])
    assert run.state == recurring.RunState.SEND_FAILED
    assert "may or may not have gone out" in run.error


async def _never(org: Any, invoice_id: str) -> None:
    raise AssertionError("nothing is sent again")


LISTED = """
{ recurringInvoices(first: 50) { totalCount edges { node {
  id name client { name } nextRuns(n: 3)
  runs(first: 5) { totalCount edges { node { period state invoice { number client { name } } } } }
  invoices(first: 5) { totalCount edges { node { number lineItems { description } } } }
} } } }
"""


async def test_a_list_of_recurring_invoices_with_their_runs_and_invoices_is_not_n_plus_1(
    http: httpx.AsyncClient, tenant: Tenant, clock: Clock, worker: Worker
) -> None:
    year = date.today().year + 1

    async def more(count: int) -> None:
        for index in range(count):
            client = await new_client(http, tenant, f"Client {index}")
            await a_recurring(
                http, tenant, client["id"], rule="FREQ=WEEKLY", startsOn=f"{year}-01-04"
            )

    async def statements(expected: int) -> int:
        with counting_queries() as sent:
            found = await data(http, tenant, LISTED)
        nodes = [edge["node"] for edge in found["recurringInvoices"]["edges"]]
        assert len(nodes) == expected
        for node in nodes:
            assert node["runs"]["totalCount"] == node["invoices"]["totalCount"] == 3
            assert all(edge["node"]["invoice"]["number"] for edge in node["runs"]["edges"])
        return len(sent)

    await more(2)
    await walk(clock, worker, [date(year, 1, 18)])  # three weeks caught up: three runs each
    small = await statements(2)
    await more(6)
    await walk(clock, worker, [date(year, 1, 19)])
    assert await statements(8) == small
