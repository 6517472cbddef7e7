"""Load from Debian's wrk: a compiled client whose CPU per request is a fraction of the
server's, so what is measured is the server, and wrk's own CPU is measured to show it.

A target is a method, a path, headers and a body; wrk reads it from a Lua script written
into a temporary folder, whose `done` hook prints wrk's figures as one JSON line.
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import subprocess
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

# The line of wrk's output that the script's `done` hook writes.
MARK = "bench-wrk-result "
DONE = f"""
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{MARK}{{"requests": %d, "micros": %d, "errors": %d, "p50": %d, "p99": %d}}\\n',
    summary.requests, summary.duration, e.connect + e.read + e.write + e.status + e.timeout,
    latency:percentile(50), latency:percentile(99)))
end
"""


@dataclass(frozen=True, slots=True)
class Target:
    """One request, as wrk sends it over and over."""

    method: str
    path: str
    headers: Mapping[str, str] = field(default_factory=dict)
    body: str = ""


@dataclass(frozen=True, slots=True)
class Run:
    """What one wrk run did: requests answered, over how long, and wrk's own CPU."""

    requests: int
    seconds: float
    errors: int
    p50_ms: float
    p99_ms: float
    client_cpu: float


def _lua_string(text: str) -> str:
    """`text` as a Lua long string, whatever it holds."""
    level = 0
    # The closing bracket must not occur in the text, nor where the text meets it.
    while f"]{'=' * level}]" in f"{text}]":
        level += 1
    fence = "=" * level
    # Lua drops a newline that opens a long string: give it one to drop.
    return f"[{fence}[\n{text}]{fence}]"


def script(target: Target, folder: Path, name: str) -> Path:
    """The Lua script that makes wrk send `target`, written into `folder`."""
    lines = [f"wrk.method = {_lua_string(target.method)}"]
    if target.body:
        lines.append(f"wrk.body = {_lua_string(target.body)}")
    lines += [
        f"wrk.headers[ {_lua_string(key)} ] = {_lua_string(value)}"
        for key, value in target.headers.items()
    ]
    path = folder / f"{name}.lua"
    path.write_text("\n".join(lines) + "\n" + DONE)
    return path


def wrk_path() -> str:
    """The wrk executable, or exit saying how to get it."""
    found = shutil.which("wrk")
    if found is None:
        raise SystemExit(
            "the bench needs wrk, Debian's HTTP load generator: ./dev setup installs it "
            "(or apt-get install wrk)"
        )
    return found


def _measured(command: list[str], timeout: float) -> tuple[str, float]:
    """wrk's output and the CPU seconds (user and system) its process used."""
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    # wrk stops by itself after its duration; the watchdog only bounds a wrk that hangs.
    watchdog = threading.Timer(timeout, process.kill)
    watchdog.start()
    try:
        assert process.stdout is not None
        with process.stdout:
            output = process.stdout.read()
        # Reaped here rather than by Popen, to read its resource usage.
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
    finally:
        watchdog.cancel()
    if process.returncode != 0:
        raise SystemExit(f"wrk failed (exit {process.returncode}): {output}")
    return output, usage.ru_utime + usage.ru_stime


async def run(url: str, lua: Path, *, seconds: float, connections: int, threads: int = 1) -> Run:
    """wrk sending `lua`'s request to `url` with `connections` open, for `seconds`."""
    command = [
        wrk_path(),
        f"--threads={threads}",
        f"--connections={connections}",
        f"--duration={seconds:g}s",
        "--timeout=10s",
        f"--script={lua}",
        url,
    ]
    output, cpu = await asyncio.to_thread(_measured, command, seconds + 30)
    line = next((line for line in output.splitlines() if line.startswith(MARK)), None)
    if line is None:
        raise SystemExit(f"wrk printed no result: {output}")
    figures = json.loads(line.removeprefix(MARK))
    return Run(
        requests=figures["requests"],
        seconds=figures["micros"] / 1e6,
        errors=figures["errors"],
        p50_ms=figures["p50"] / 1000,
        p99_ms=figures["p99"] / 1000,
        client_cpu=cpu,
    )
