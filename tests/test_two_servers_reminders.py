"""Reminders with worker processes racing on one PostgreSQL database over a real SMTP server on
loopback, one of them killed (SIGKILL) while it sends: each rule reminds of each invoice once
at most, a reminder e-mailed is one recorded, and none is e-mailed twice."""

from __future__ import annotations

import asyncio
import os
import signal
from collections import Counter
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from tests.mail.helpers import Inbox, parsed, smtp_server
from tests.test_two_servers import deployment, graphql
from tests.test_two_servers_events import until
from tests.test_two_servers_recurring import ROOT, walker

INVOICES = 12
CLIENT = (
    'mutation { clientCreate(input: {name: "Globex", email: "ap@globex.example"}) {'
    " client { id } } }"
)
RULE = (
    "mutation($input: ReminderRuleCreateInput!) { reminderRuleCreate(input: $input) {"
    " errors { code message } } }"
)
INVOICE = (
    "mutation($input: InvoiceCreateInput!) { invoiceCreate(input: $input) {"
    " invoice { id number } errors { code message } } }"
)
MARK_SENT = "mutation($id: ID!) { invoiceMarkSent(id: $id) { errors { code message } } }"
REMINDERS = """
query($after: String) { invoices(first: 100, after: $after) {
  pageInfo { hasNextPage endCursor }
  edges { node { number reminders(first: 10) { edges { node { offsetDays state } } } } }
} }
"""


async def test_workers_racing_and_one_killed_send_each_rule_s_reminder_once(
    tmp_path: Path,
) -> None:
    due = date(date.today().year + 1, 1, 31)
    inbox = Inbox()
    off = {"WORKER_IN_PROCESS": "false"}
    with smtp_server(inbox) as port:
        async with deployment(tmp_path, off, (off, off)) as d:
            client_id = (await graphql(d.http[0], CLIENT))["clientCreate"]["client"]["id"]
            for offset in (0, 7):
                made = await graphql(
                    d.http[0], RULE, input={"offsetDays": offset, "subject": f"{offset} {{number}}"}
                )
                assert made["reminderRuleCreate"]["errors"] == [], made
            numbers = []
            for index in range(INVOICES):
                made = (
                    await graphql(
                        d.http[index % 2],
                        INVOICE,
                        input={
                            "clientId": client_id,
                            "issueDate": (due - timedelta(days=30)).isoformat(),
                            "dueDate": due.isoformat(),
                            "lineItems": [
                                {"description": "Work", "quantity": "1", "unitPrice": "10"}
                            ],
                        },
                    )
                )["invoiceCreate"]
                assert made["errors"] == [], made
                marked = await graphql(d.http[0], MARK_SENT, id=made["invoice"]["id"])
                assert marked["invoiceMarkSent"]["errors"] == [], marked
                numbers.append(made["invoice"]["number"])
            env = {
                **d.env,
                "PYTHONPATH": str(ROOT),
                "SMTP_HOST": "127.0.0.1",
                "SMTP_PORT": str(port),
                "SMTP_SECURITY": "none",
            }
            days = [due, due + timedelta(days=7)]
            moments = [datetime.combine(day, time(12), UTC).isoformat() for day in days]
            # Both walk the same days, racing; the first is killed once e-mails go out.
            with (
                walker(moments, tmp_path, env, "a") as a,
                walker(moments, tmp_path, env, "b") as b,
            ):

                async def started() -> bool:
                    return len(inbox.envelopes) >= 3

                await until(started, 90, "the first reminders")
                os.kill(a.process.pid, signal.SIGKILL)
                assert a.process.wait(timeout=10) == -signal.SIGKILL, a.output()
                await asyncio.to_thread(b.process.wait, 180)
                assert b.process.returncode == 0, b.output()
            # A third, after the killed one's leases ended, finds nothing left to send.
            later = datetime.combine(days[-1], time(13), UTC).isoformat()
            with walker([later, later], tmp_path, env, "c") as c:
                await asyncio.to_thread(c.process.wait, 120)
                assert c.process.returncode == 0, c.output()
            found = (await graphql(d.http[1], REMINDERS))["invoices"]["edges"]
    states: dict[str, str] = {}  # each reminder's state, by the subject it went out with
    for edge in found:
        node = edge["node"]
        if node["number"] not in numbers:
            continue  # the demo's
        offsets = sorted(reminder["node"]["offsetDays"] for reminder in node["reminders"]["edges"])
        assert offsets == [0, 7], node  # each rule once: SENT, or FAILED when killed mid-send
        for reminder in node["reminders"]["edges"]:
            states[f"{reminder['node']['offsetDays']} {node['number']}"] = reminder["node"]["state"]
    subjects = Counter(str(parsed(e.content)["Subject"]) for e in inbox.envelopes)  # type: ignore[arg-type]
    assert max(subjects.values()) == 1, subjects  # none e-mailed twice
    sent = {subject for subject, state in states.items() if state == "SENT"}
    failed = {subject for subject, state in states.items() if state == "FAILED"}
    assert len(sent) + len(failed) == len(states) == 2 * INVOICES
    # Every reminder recorded as sent was e-mailed; the one its worker was killed sending may
    # have gone out or not (a worker sends one reminder at a time).
    assert sent <= set(subjects) <= sent | failed
    assert len(failed) <= 1, failed
