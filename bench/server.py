"""What the benchmarks share: a uvicorn server process on 127.0.0.1, the CPU it spends, and
a measuring loop."""

from __future__ import annotations

import asyncio
import os
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

Call = Callable[[httpx.AsyncClient], Awaitable[httpx.Response]]
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


@dataclass(frozen=True, slots=True)
class Server:
    """A running bench server: where it listens and its process."""

    base: str
    pid: int


def process_cpu(pid: int) -> float:
    """The CPU seconds (user and system, all its threads) process `pid` has used so far."""
    stat = Path(f"/proc/{pid}/stat").read_text()
    # Fields after the command name, which is in parentheses and may hold spaces: utime and
    # stime are the 14th and 15th fields of the line, the 12th and 13th after the name.
    after_name = stat.rsplit(")", 1)[1].split()
    return (int(after_name[11]) + int(after_name[12])) / CLOCK_TICKS


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def wait_ready(base: str, deadline: float) -> None:
    """Until the server at `base` answers /healthz (or the deadline passes: exit)."""
    async with httpx.AsyncClient(base_url=base) as client:
        while time.monotonic() < deadline:
            try:
                if (await client.get("/healthz")).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            await asyncio.sleep(0.1)
    raise SystemExit("the bench server did not start in time")


@asynccontextmanager
async def uvicorn(factory: str, env: Mapping[str, str]) -> AsyncIterator[Server]:
    """One uvicorn process serving the app `factory` makes, on 127.0.0.1."""
    port = free_port()
    server = subprocess.Popen(  # noqa: ASYNC220 - started once, before any measurement
        [
            sys.executable,
            "-m",
            "uvicorn",
            factory,
            "--factory",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--log-level",
            "warning",
        ],
        env={**os.environ, "LOG_LEVEL": "warning", **env},
    )
    base = f"http://127.0.0.1:{port}"
    try:
        await wait_ready(base, time.monotonic() + 30)
        yield Server(base, server.pid)
    finally:
        server.terminate()
        server.wait(timeout=10)


async def measure(
    base: str, call: Call, requests: int, concurrency: int
) -> tuple[float, list[float]]:
    """Requests per second and each request's latency, `concurrency` at a time."""
    latencies: list[float] = []
    remaining = iter(range(requests))
    limits = httpx.Limits(max_connections=concurrency)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30) as client:
        for _ in range(min(50, requests)):  # warm-up
            (await call(client)).raise_for_status()

        async def worker() -> None:
            for _ in remaining:
                start = time.perf_counter()
                response = await call(client)
                latencies.append(time.perf_counter() - start)
                response.raise_for_status()

        start = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        elapsed = time.perf_counter() - start
    return requests / elapsed, latencies


def percentile(values: list[float], q: int) -> float:
    """The q-th percentile of `values` (seconds), in milliseconds."""
    return statistics.quantiles(values, n=100)[q - 1] * 1000
