"""Recurring invoices with worker processes racing on one PostgreSQL database, one of them
killed (SIGKILL) in the middle of its runs: every schedule still has one invoice for each of
its twelve months, on each month's last day, and none twice."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from contextlib import AbstractContextManager
from datetime import UTC, date, datetime, time
from pathlib import Path

from tests.graph.test_recurring import last_days
from tests.processes import Server, serving
from tests.test_two_servers import deployment, graphql
from tests.test_two_servers_events import until

ROOT = Path(__file__).resolve().parents[1]
SCHEDULES = 20
CREATE = (
    "mutation($input: RecurringInvoiceCreateInput!) { recurringInvoiceCreate(input: $input) {"
    " recurringInvoice { id } errors { code message } } }"
)
RUNS = """
query($after: String) { recurringInvoices(first: 100, after: $after) {
  pageInfo { hasNextPage endCursor }
  edges { node { id periodsDone
    runs(first: 20) { totalCount edges { node { period state invoice { number issueDate } } } }
  } }
} }
"""
COUNT = "{ invoices { totalCount } }"


def walker(
    moments: list[str], tmp_path: Path, env: dict[str, str], name: str
) -> AbstractContextManager[Server]:
    """A worker process walking through `moments` (tests.recurring_worker)."""
    command = [sys.executable, "-m", "tests.recurring_worker", *moments]
    return serving(command, cwd=ROOT, env=env, log=tmp_path / f"{name}.log")


async def test_workers_racing_and_one_killed_mid_run_make_each_month_s_invoice_once(
    tmp_path: Path,
) -> None:
    year = date.today().year + 1
    days = last_days(year)
    # Noon UTC of each last day.
    moments = [datetime.combine(date.fromisoformat(day), time(12), UTC).isoformat() for day in days]
    # The servers only serve: the workers are the processes this test races.
    off = {"WORKER_IN_PROCESS": "false"}
    async with deployment(tmp_path, off, (off, off)) as d:
        demo = int((await graphql(d.http[0], COUNT))["invoices"]["totalCount"])
        for index in range(SCHEDULES):
            made = (
                await graphql(
                    d.http[index % 2],
                    CREATE,
                    input={
                        "clientId": d.client_id,
                        "rule": "FREQ=MONTHLY",
                        "startsOn": days[0],
                        "name": f"Schedule {index}",
                        "lineItems": [
                            {"description": "Retainer", "quantity": "1", "unitPrice": "10"}
                        ],
                    },
                )
            )["recurringInvoiceCreate"]
            assert made["errors"] == [], made
        env = {**d.env, "PYTHONPATH": str(ROOT)}
        # One walks the year at once (its first moment is the last: it catches all twelve
        # months up), racing another that walks it month by month; the first is killed as
        # soon as invoices appear, mid-run.
        with (
            walker([moments[-1]], tmp_path, env, "a") as a,
            walker(moments, tmp_path, env, "b") as b,
        ):

            async def started() -> bool:
                count = int((await graphql(d.http[0], COUNT))["invoices"]["totalCount"])
                return count >= demo + 5

            await until(started, 60, "the first invoices")
            os.kill(a.process.pid, signal.SIGKILL)
            # Killed while at work (it had not finished the year), not after.
            assert a.process.wait(timeout=10) == -signal.SIGKILL, a.output()
            await asyncio.to_thread(b.process.wait, 120)
            assert b.process.returncode == 0, b.output()
        # A third finishes what the killed one left, if anything, and runs it all again.
        with walker([moments[-1], moments[-1]], tmp_path, env, "c") as c:
            await asyncio.to_thread(c.process.wait, 120)
            assert c.process.returncode == 0, c.output()
        found = (await graphql(d.http[1], RUNS))["recurringInvoices"]
        nodes = [edge["node"] for edge in found["edges"]]
        assert len(nodes) == SCHEDULES
        numbers: list[str] = []
        for node in nodes:
            runs = [edge["node"] for edge in node["runs"]["edges"]]
            assert node["runs"]["totalCount"] == 12 and node["periodsDone"] == 12
            assert sorted(run["period"] for run in runs) == days
            assert all(run["state"] == "CREATED" for run in runs)
            assert all(run["invoice"]["issueDate"] == run["period"] for run in runs)
            numbers += [run["invoice"]["number"] for run in runs]
        assert len(set(numbers)) == len(numbers) == 12 * SCHEDULES
        total = (await graphql(d.http[0], COUNT))["invoices"]["totalCount"]
        assert total == demo + 12 * SCHEDULES
