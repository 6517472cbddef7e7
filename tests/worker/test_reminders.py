"""Reminders of unpaid invoices sent by the worker over a real SMTP server on loopback, on a
clock the tests move: each rule once per invoice, in the organization's time zone, never to a
draft, paid, void or opted-out invoice, whatever races, fails or is missed; late fees issued
as invoices of their own."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import httpx
import pytest

from billing import reminders
from billing.plans import Plans
from mail.sending import Mailer
from models import Reminder
from pdf.renderer import Renderer
from settings import Settings
from tests.clock import Clock
from tests.conftest import Tenant, make_tenant, on_plan
from tests.graph.helpers import act, data, new_client, new_document, ok, pay
from tests.graph.test_query_count import counting_queries
from tests.graph.test_reminders import SET, a_rule
from tests.mail.helpers import Inbox, parsed, smtp_server
from tests.processes import free_port
from tests.worker.test_recurring import smtp_mailer
from webhooks.sending import Sender
from worker.runner import Worker

Json = dict[str, Any]

YEAR = date.today().year + 1
DUE = date(YEAR, 1, 31)
REMINDERS = """
query($id: ID!) { invoice(id: $id) { number status remindersEnabled
  reminders(first: 20) { totalCount edges { node {
    offsetDays state sentTo sentAt error attempts nextAttemptAt rule { offsetDays }
    lateFeeInvoice { number status total amountDue issueDate dueDate sentTo
      lateFeeFor { id } lineItems { description quantity unitPrice } }
  } } }
} }
"""
REMINDED = (
    'query($id: ID!) { events(filter: {objectId: $id, types: ["invoice.reminded"]})'
    " { edges { node { type data } } } }"
)


def at(day: date, hour: int = 12) -> datetime:
    return datetime.combine(day, time(hour), UTC)


@pytest.fixture
def inbox() -> Inbox:
    return Inbox()


@pytest.fixture
def smtp_port(inbox: Inbox) -> Iterator[int]:
    with smtp_server(inbox) as port:
        yield port


@pytest.fixture
async def mailer(renderer: Renderer, smtp_port: int) -> AsyncIterator[Mailer]:
    made = smtp_mailer(renderer, smtp_port)
    try:
        yield made
    finally:
        await made.einvoices.close()
        await made.pdfs.close()


def a_worker(clock: Clock, mailer: Mailer, settings: Settings) -> Worker:
    return Worker(Sender(), clock=clock, mailer=mailer, plans=Plans.load(settings.plans_file))


@pytest.fixture
async def worker(clock: Clock, mailer: Mailer, settings: Settings) -> AsyncIterator[Worker]:
    made = a_worker(clock, mailer, settings)
    try:
        yield made
    finally:
        await made.aclose()


@pytest.fixture
def clock() -> Clock:
    return Clock()


async def walk(clock: Clock, worker: Worker, days: list[date], *, hour: int = 12) -> None:
    """Move the clock to each of `days` in turn and run the worker there, twice (a retry or
    a restart on the same day)."""
    for day in days:
        clock.set(at(day, hour))
        await worker.run_once()
        await worker.run_once()


def days(first: date, last: date) -> list[date]:
    return [first + timedelta(n) for n in range((last - first).days + 1)]


async def sent_invoice(
    http: httpx.AsyncClient, tenant: Tenant, client_id: str, due: date = DUE, **fields: Any
) -> Json:
    """An invoice issued a month before `due`, marked as sent."""
    made = await new_document(
        http,
        tenant,
        client_id,
        issueDate=(due - timedelta(days=30)).isoformat(),
        dueDate=due.isoformat(),
        **fields,
    )
    ok(await act(http, tenant, "invoiceMarkSent", made["id"]))
    return made


async def reminded_on_its_due_date(http: httpx.AsyncClient, tenant: Tenant) -> Json:
    """An invoice due on DUE, marked as sent, of an organization reminding on the due date."""
    await a_rule(http, tenant, offsetDays=0)
    client = await new_client(http, tenant, email="ap@globex.example")
    return await sent_invoice(http, tenant, client["id"])


async def reminders_of(http: httpx.AsyncClient, tenant: Tenant, invoice_id: str) -> Json:
    found: Json = (await data(http, tenant, REMINDERS, {"id": invoice_id}))["invoice"]
    return found


def nodes(found: Json) -> list[Json]:
    return [edge["node"] for edge in found["reminders"]["edges"]]


def subjects(inbox: Inbox) -> list[str]:
    return [str(parsed(envelope.content)["Subject"]) for envelope in inbox.envelopes]  # type: ignore[arg-type]


async def test_each_rule_reminds_of_an_open_invoice_once_and_never_of_others(
    http: httpx.AsyncClient, tenant: Tenant, clock: Clock, worker: Worker, inbox: Inbox
) -> None:
    await a_rule(http, tenant, offsetDays=-3, subject="Soon: {number}")
    await a_rule(http, tenant, offsetDays=0, subject="Today: {number}")
    await a_rule(
        http,
        tenant,
        offsetDays=7,
        subject="Late: {number} ({amount_due})",
        message="Dear {client}, {number} of {organization} was due on {due_date}: {link}",
    )
    client = await new_client(http, tenant, email="ap@globex.example")
    open_one = await sent_invoice(http, tenant, client["id"])
    paid = await sent_invoice(http, tenant, client["id"])
    ok(await pay(http, tenant, paid["id"], paid["total"]))
    voided = await sent_invoice(http, tenant, client["id"])
    ok(await act(http, tenant, "invoiceVoid", voided["id"]))
    opted_out = await sent_invoice(http, tenant, client["id"])
    ok(
        (await data(http, tenant, SET, {"id": opted_out["id"], "enabled": False}))[
            "invoiceRemindersSet"
        ]
    )
    draft = await new_document(http, tenant, client["id"], dueDate=DUE.isoformat())
    partly = await sent_invoice(http, tenant, client["id"])
    ok(await pay(http, tenant, partly["id"], "1000"))

    await walk(clock, worker, days(DUE - timedelta(days=5), DUE + timedelta(days=10)))

    number, rest = open_one["number"], partly["number"]
    assert sorted(subjects(inbox)) == sorted(
        [
            f"Soon: {number}",
            f"Today: {number}",
            f"Late: {number} ($5,500.00)",
            f"Soon: {rest}",
            f"Today: {rest}",
            f"Late: {rest} ($4,500.00)",
        ]
    )
    late = next(
        parsed(envelope.content)  # type: ignore[arg-type]
        for envelope in inbox.envelopes
        if envelope.content and f"Late: {number}".encode() in envelope.content
    )
    assert late["To"] == "ap@globex.example"
    text = late.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert (
        f"Dear Globex, {number} of Acme Studio was due on January 31, {YEAR}: "
        "https://billing.example/d/" in text
    )
    (attachment,) = list(late.iter_attachments())
    assert attachment.get_filename() == f"{number}.pdf"
    assert attachment.get_content().startswith(b"%PDF")

    found = await reminders_of(http, tenant, open_one["id"])
    # A reminder changes nothing of the invoice (due next year: not overdue to the API).
    assert found["status"] == "SENT"
    sent = nodes(found)
    assert [(node["offsetDays"], node["state"]) for node in sent] == [
        (7, "SENT"),
        (0, "SENT"),
        (-3, "SENT"),
    ]
    assert all(node["sentTo"] == ["ap@globex.example"] and node["error"] is None for node in sent)
    assert sent[0]["sentAt"].startswith((DUE + timedelta(days=7)).isoformat())
    assert [node["rule"]["offsetDays"] for node in sent] == [7, 0, -3]
    for other in (paid, voided, opted_out, draft):
        assert (await reminders_of(http, tenant, other["id"]))["reminders"]["totalCount"] == 0
    events = (await data(http, tenant, REMINDED, {"id": open_one["id"]}))["events"]["edges"]
    assert len(events) == 3
    latest = events[0]["node"]["data"]
    assert latest["number"] == number and latest["status"] == "OVERDUE"
    assert latest["lastReminder"]["offsetDays"] == 7
    assert latest["lastReminder"]["sentTo"] == ["ap@globex.example"]


async def test_two_workers_racing_send_one_reminder(
    http: httpx.AsyncClient,
    tenant: Tenant,
    clock: Clock,
    worker: Worker,
    mailer: Mailer,
    settings: Settings,
    inbox: Inbox,
) -> None:
    await a_rule(http, tenant, offsetDays=0)
    client = await new_client(http, tenant, email="ap@globex.example")
    invoices = [await sent_invoice(http, tenant, client["id"]) for _ in range(3)]
    second = a_worker(clock, mailer, settings)
    try:
        clock.set(at(DUE))
        await asyncio.gather(worker.run_once(), second.run_once(), worker.run_once())
    finally:
        await second.aclose()
    assert len(inbox.envelopes) == 3
    for invoice in invoices:
        assert [
            node["state"] for node in nodes(await reminders_of(http, tenant, invoice["id"]))
        ] == ["SENT"]


async def test_a_worker_down_sends_only_the_latest_rule_due_and_none_past_the_grace(
    http: httpx.AsyncClient, tenant: Tenant, clock: Clock, worker: Worker, inbox: Inbox
) -> None:
    for offset in (-3, 0, 1):
        await a_rule(http, tenant, offsetDays=offset, subject=f"{offset}: {{number}}")
    client = await new_client(http, tenant, email="ap@globex.example")
    invoice = await sent_invoice(http, tenant, client["id"])
    await walk(clock, worker, [DUE + timedelta(days=2)])  # down since before the -3 rule's day
    assert subjects(inbox) == [f"1: {invoice['number']}"]
    found = nodes(await reminders_of(http, tenant, invoice["id"]))
    # The -3 rule's day is past the grace days: not sent, ever. The one on the due date is
    # within them, but a later rule is due: one reminder a day at most.
    assert sorted((node["offsetDays"], node["state"]) for node in found) == [
        (0, "SKIPPED"),
        (1, "SENT"),
    ]
    await walk(clock, worker, days(DUE + timedelta(days=3), DUE + timedelta(days=30)))
    assert len(inbox.envelopes) == 1
    # A rule added after its day passed by more than the grace days reminds of nothing.
    late = await sent_invoice(http, tenant, client["id"], due=DUE - timedelta(days=10))
    await a_rule(http, tenant, offsetDays=5)
    await walk(clock, worker, [DUE + timedelta(days=31)])
    assert len(inbox.envelopes) == 1
    assert (await reminders_of(http, tenant, late["id"]))["reminders"]["totalCount"] == 0


async def test_the_day_is_the_organization_s(
    http: httpx.AsyncClient, clock: Clock, worker: Worker, inbox: Inbox
) -> None:
    kiritimati = await make_tenant("Line Islands Co", timezone="Pacific/Kiritimati")  # UTC+14
    await a_rule(http, kiritimati, offsetDays=0)
    client = await new_client(http, kiritimati, email="ap@globex.example")
    await sent_invoice(http, kiritimati, client["id"])
    clock.set(at(DUE - timedelta(days=1), 9))  # 23:00 on 30 January there
    await worker.run_once()
    assert inbox.envelopes == []
    clock.set(at(DUE - timedelta(days=1), 11))  # 01:00 on 31 January there
    await worker.run_once()
    assert len(inbox.envelopes) == 1


async def test_placeholders_are_filled_in_the_organization_s_locale(
    http: httpx.AsyncClient, clock: Clock, worker: Worker, inbox: Inbox
) -> None:
    berlin = await make_tenant(
        "Müller GmbH", locale="de_DE", currency="EUR", timezone="Europe/Berlin"
    )
    await a_rule(
        http,
        berlin,
        offsetDays=0,
        subject="Rechnung {number}: {amount_due} fällig am {due_date}",
        message="Sehr geehrte Damen und Herren von {client}, bitte zahlen Sie {amount_due}.",
    )
    client = await new_client(http, berlin, "Globex AG", email="ap@globex.example")
    invoice = await sent_invoice(http, berlin, client["id"])
    await walk(clock, worker, [DUE])
    (envelope,) = inbox.envelopes
    message = parsed(envelope.content)  # type: ignore[arg-type]
    due = f"31. Januar {YEAR}"
    assert message["Subject"] == f"Rechnung {invoice['number']}: 5.500,00\xa0€ fällig am {due}"
    text = message.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert "Sehr geehrte Damen und Herren von Globex AG, bitte zahlen Sie 5.500,00\xa0€." in text
    assert str(message["From"]) == "Müller GmbH <invoices@acme.example>"


async def test_a_late_fee_is_an_invoice_of_its_own_issued_once(
    http: httpx.AsyncClient, tenant: Tenant, clock: Clock, worker: Worker, inbox: Inbox
) -> None:
    await a_rule(http, tenant, offsetDays=7, lateFeeType="PERCENT", lateFeeValue="1.5")
    await a_rule(http, tenant, offsetDays=14, lateFeeType="FLAT", lateFeeValue="25")
    await a_rule(
        http, tenant, offsetDays=21, lateFeeType="FLAT", lateFeeValue="20", lateFeeCurrency="EUR"
    )
    client = await new_client(http, tenant, email="ap@globex.example")
    invoice = await sent_invoice(http, tenant, client["id"])
    ok(await pay(http, tenant, invoice["id"], "1000.33"))
    await walk(clock, worker, days(DUE, DUE + timedelta(days=22)))
    found = await reminders_of(http, tenant, invoice["id"])
    assert found["status"] == "PARTIALLY_PAID" and found["reminders"]["totalCount"] == 3
    by_offset = {node["offsetDays"]: node for node in nodes(found)}
    percent = by_offset[7]["lateFeeInvoice"]
    day = (DUE + timedelta(days=7)).isoformat()
    assert percent == {
        "number": percent["number"],
        "status": "SENT",
        "total": "67.50",  # 1.5% of 4,499.67 is 67.49505: to the cent, 67.50
        "amountDue": "67.50",
        "issueDate": day,
        "dueDate": (DUE + timedelta(days=37)).isoformat(),  # the same 30 days' terms
        "sentTo": ["ap@globex.example"],
        "lateFeeFor": {"id": invoice["id"]},
        "lineItems": [
            {
                "description": f"Late fee on invoice {invoice['number']}, due {DUE.isoformat()}",
                "quantity": "1",
                "unitPrice": "67.50",
            }
        ],
    }
    assert by_offset[14]["lateFeeInvoice"]["total"] == "25.00"
    assert by_offset[21]["lateFeeInvoice"] is None
    assert (
        by_offset[21]["error"] == "No late fee: the rule's flat fee is in EUR, the invoice in USD"
    )
    # Three reminders and two late fee invoices e-mailed; the late fee invoices themselves,
    # due later, were reminded of by the 7 days' rule without a fee on the fee.
    fees = [node["lateFeeInvoice"]["number"] for node in (by_offset[7], by_offset[14])]
    assert len(inbox.envelopes) == 5
    # The overdue invoice is as it was: nothing of the fees is on it.
    assert (
        await data(
            http,
            tenant,
            "query($id: ID!) { invoice(id: $id) { total amountDue } }",
            {"id": invoice["id"]},
        )
    )["invoice"] == {"total": "5500.00", "amountDue": "4499.67"}
    await walk(clock, worker, days(DUE + timedelta(days=23), DUE + timedelta(days=50)))
    again = await reminders_of(http, tenant, invoice["id"])
    assert again["reminders"]["totalCount"] == 3
    for number in fees:
        listed = await data(
            http,
            tenant,
            "query($n: String!) { invoices(filter: {search: $n}) { edges { node { number"
            " reminders { edges { node { offsetDays lateFeeInvoice { id } error } } } } } } }",
            {"n": number},
        )
        (fee,) = [
            edge["node"] for edge in listed["invoices"]["edges"] if edge["node"]["number"] == number
        ]
        for reminder in (edge["node"] for edge in fee["reminders"]["edges"]):
            assert reminder["lateFeeInvoice"] is None
            assert reminder["offsetDays"] == 14 or reminder["error"] in (
                None,
                "No late fee: the invoice is itself a late fee",
            )


@pytest.mark.plans({"two-a-month": {"monthlyInvoiceLimit": 2}, "no-email": {"features": ["api"]}})
async def test_plans_limit_late_fee_invoices_and_reminders_need_e_mail(
    http: httpx.AsyncClient,
    tenant: Tenant,
    clock: Clock,
    worker: Worker,
    inbox: Inbox,
    settings: Settings,
) -> None:
    await a_rule(http, tenant, offsetDays=7, lateFeeType="FLAT", lateFeeValue="10")
    await a_rule(http, tenant, offsetDays=14, lateFeeType="FLAT", lateFeeValue="20")
    client = await new_client(http, tenant, email="ap@globex.example")
    invoice = await sent_invoice(http, tenant, client["id"])
    await on_plan(tenant.org, settings, "two-a-month")
    # The invoice and both fees are made in one month of the plan's (it counts invoices by
    # when they are made): the first fee is issued, the second refused.
    await walk(clock, worker, days(DUE, DUE + timedelta(days=15)))
    by_offset = {
        node["offsetDays"]: node for node in nodes(await reminders_of(http, tenant, invoice["id"]))
    }
    assert by_offset[7]["lateFeeInvoice"]["total"] == "10.00"
    assert by_offset[14]["state"] == "SENT" and by_offset[14]["lateFeeInvoice"] is None
    assert by_offset[14]["error"].startswith("No late fee invoice: PLAN_LIMIT")
    assert len(inbox.envelopes) == 3  # two reminders, one late fee invoice

    other = await make_tenant("Quiet Co")
    await a_rule(http, other, offsetDays=0)
    their_client = await new_client(http, other, email="ap@initech.example")
    later = DUE + timedelta(days=20)
    theirs = await sent_invoice(http, other, their_client["id"], due=later)
    await on_plan(other.org, settings, "no-email")
    await walk(clock, worker, [later])
    (reminder,) = nodes(await reminders_of(http, other, theirs["id"]))
    assert reminder["state"] == "FAILED" and reminder["error"].startswith("PLAN_LIMIT")
    assert len(inbox.envelopes) == 3


@pytest.fixture
async def unreachable(renderer: Renderer) -> AsyncIterator[tuple[Mailer, int]]:
    """A mailer of an SMTP server on loopback that is not there (yet), and its port."""
    port = free_port()
    made = smtp_mailer(renderer, port)
    try:
        yield made, port
    finally:
        await made.einvoices.close()
        await made.pdfs.close()


async def test_smtp_gone_is_tried_again_until_it_is_back_and_sent_once(
    http: httpx.AsyncClient,
    tenant: Tenant,
    clock: Clock,
    settings: Settings,
    unreachable: tuple[Mailer, int],
) -> None:
    invoice = await reminded_on_its_due_date(http, tenant)
    mailer, port = unreachable
    worker = a_worker(clock, mailer, settings)
    try:
        clock.set(at(DUE))
        await worker.run_once()
        (reminder,) = nodes(await reminders_of(http, tenant, invoice["id"]))
        assert (reminder["state"], reminder["attempts"]) == ("RETRYING", 1)
        assert reminder["error"].startswith("DELIVERY_FAILED: The e-mail was not sent: could not")
        assert reminder["nextAttemptAt"].startswith(f"{DUE.isoformat()}T12:05:00")
        clock.set(at(DUE) + timedelta(minutes=3))  # not yet
        await worker.run_once()
        assert nodes(await reminders_of(http, tenant, invoice["id"]))[0]["attempts"] == 1
        inbox = Inbox()
        with smtp_server(inbox, port=port):
            for minutes in (6, 7, 30):
                clock.set(at(DUE) + timedelta(minutes=minutes))
                await worker.run_once()
    finally:
        await worker.aclose()
    assert len(inbox.envelopes) == 1
    (reminder,) = nodes(await reminders_of(http, tenant, invoice["id"]))
    assert (reminder["state"], reminder["attempts"], reminder["error"]) == ("SENT", 2, None)
    assert reminder["nextAttemptAt"] is None
    (event,) = (await data(http, tenant, REMINDED, {"id": invoice["id"]}))["events"]["edges"]
    assert event["node"]["data"]["lastReminder"]["attempts"] == 2


async def test_smtp_gone_for_hours_fails_the_reminder_after_its_last_attempt(
    http: httpx.AsyncClient,
    tenant: Tenant,
    clock: Clock,
    settings: Settings,
    unreachable: tuple[Mailer, int],
) -> None:
    invoice = await reminded_on_its_due_date(http, tenant)
    worker = a_worker(clock, unreachable[0], settings)
    try:
        # Tried at 12:00, then 5, 10, 20, 40 and 80 minutes after each failure.
        for minutes in (0, 5, 15, 35, 75, 155, 400, 2000):
            clock.set(at(DUE) + timedelta(minutes=minutes))
            await worker.run_once()
    finally:
        await worker.aclose()
    (reminder,) = nodes(await reminders_of(http, tenant, invoice["id"]))
    assert (reminder["state"], reminder["attempts"]) == ("FAILED", reminders.MAX_ATTEMPTS)
    assert reminder["error"].startswith("DELIVERY_FAILED") and reminder["sentAt"] is None
    assert (await data(http, tenant, REMINDED, {"id": invoice["id"]}))["events"]["edges"] == []


async def test_a_reminder_to_try_again_is_skipped_once_its_invoice_is_paid(
    http: httpx.AsyncClient,
    tenant: Tenant,
    clock: Clock,
    settings: Settings,
    unreachable: tuple[Mailer, int],
) -> None:
    invoice = await reminded_on_its_due_date(http, tenant)
    mailer, port = unreachable
    worker = a_worker(clock, mailer, settings)
    inbox = Inbox()
    try:
        clock.set(at(DUE))
        await worker.run_once()
        ok(await pay(http, tenant, invoice["id"], invoice["total"]))
        with smtp_server(inbox, port=port):
            clock.set(at(DUE) + timedelta(minutes=10))
            await worker.run_once()
    finally:
        await worker.aclose()
    assert inbox.envelopes == []
    (reminder,) = nodes(await reminders_of(http, tenant, invoice["id"]))
    assert reminder["state"] == "SKIPPED" and "no longer open" in reminder["error"]


async def test_a_client_without_an_address_fails_the_reminder_saying_so(
    http: httpx.AsyncClient, tenant: Tenant, clock: Clock, worker: Worker, inbox: Inbox
) -> None:
    await a_rule(http, tenant, offsetDays=0)
    client = await new_client(http, tenant)
    invoice = await sent_invoice(http, tenant, client["id"])
    await walk(clock, worker, [DUE])
    (reminder,) = nodes(await reminders_of(http, tenant, invoice["id"]))
    assert reminder["state"] == "FAILED"
    assert reminder["error"] == "VALIDATION: Client 'Globex' has no e-mail address"
    assert inbox.envelopes == []


async def test_a_worker_that_died_while_sending_leaves_the_reminder_failed_not_sent_twice(
    http: httpx.AsyncClient, tenant: Tenant, settings: Settings
) -> None:
    invoice = await reminded_on_its_due_date(http, tenant)
    claim, recorded = await reminders._claim(invoice["id"], [await _rule_id(tenant)], at(DUE))
    assert claim is not None and recorded == 1  # as a worker leaves it when it dies here
    plans = Plans.load(settings.plans_file)
    later = at(DUE) + reminders.SEND_LEASE - timedelta(seconds=1)
    await reminders.remind_due(later, plans=plans, remind=_never, send=_never)
    (row,) = await Reminder.filter(document_id=invoice["id"])
    assert row.state == reminders.ReminderState.SENDING  # its lease runs for a while yet
    later = at(DUE) + reminders.SEND_LEASE + timedelta(seconds=1)
    await reminders.remind_due(later, plans=plans, remind=_never, send=_never)
    (row,) = await Reminder.filter(document_id=invoice["id"])
    assert row.state == reminders.ReminderState.FAILED
    assert "may or may not have gone out" in row.error


async def _rule_id(tenant: Tenant) -> str:
    from models import ReminderRule

    (rule,) = await ReminderRule.filter(organization_id=tenant.org.id)
    return rule.id


async def _never(*args: Any) -> Any:
    raise AssertionError("nothing is sent again")


LISTED = """
{ invoices(first: 50) { totalCount edges { node { number
  reminders(first: 5) { totalCount edges { node { state rule { offsetDays }
    lateFeeInvoice { number lateFeeFor { number } } } } }
} } } }
"""


async def test_a_list_of_invoices_with_their_reminders_is_not_n_plus_1(
    http: httpx.AsyncClient, tenant: Tenant, clock: Clock, worker: Worker
) -> None:
    await a_rule(http, tenant, offsetDays=0)
    await a_rule(http, tenant, offsetDays=3, lateFeeType="FLAT", lateFeeValue="10")
    client = await new_client(http, tenant, email="ap@globex.example")

    async def statements(expected: int) -> int:
        with counting_queries() as sent:
            found = await data(http, tenant, LISTED)
        reminded = [
            edge["node"]
            for edge in found["invoices"]["edges"]
            if edge["node"]["reminders"]["totalCount"]
        ]
        assert len(reminded) == expected
        for node in reminded:
            assert node["reminders"]["totalCount"] == 2
            assert {edge["node"]["state"] for edge in node["reminders"]["edges"]} == {"SENT"}
        return len(sent)

    due = DUE
    for _ in range(2):
        await sent_invoice(http, tenant, client["id"], due=due)
    await walk(clock, worker, [due, due + timedelta(days=3)])
    small = await statements(2)
    for _ in range(6):
        await sent_invoice(http, tenant, client["id"], due=due + timedelta(days=10))
    await walk(clock, worker, [due + timedelta(days=10), due + timedelta(days=13)])
    assert await statements(8) == small
