"""A worker process whose clock walks through given moments, for the tests that race
processes over recurring invoices: `python -m tests.recurring_worker MOMENT...` (ISO 8601,
UTC) runs the worker once at each, as `invoicegraph worker` would on those days, then stops.
The database and the rest come from the environment, as the command's do."""

from __future__ import annotations

import asyncio
import sys
from datetime import datetime

from cli import orm
from settings import get_settings
from tests.clock import Clock
from worker import runner


async def walk(moments: list[datetime]) -> None:
    settings = get_settings()
    clock = Clock()
    async with orm(settings):
        worker = runner.from_settings(settings, clock=clock)
        try:
            for moment in moments:
                clock.set(moment)
                done = await worker.run_once()
                print(f"{moment.isoformat()} {done}", flush=True)
        finally:
            await worker.aclose()


if __name__ == "__main__":
    asyncio.run(walk([datetime.fromisoformat(arg) for arg in sys.argv[1:]]))
