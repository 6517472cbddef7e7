"""Servers run as users run them: `invoicegraph serve` in a process of its own, on a loopback
port, with its log in a file."""

from __future__ import annotations

import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest


def free_port() -> int:
    """A loopback port nothing listens on (at the moment it is asked)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


@dataclass(frozen=True)
class Server:
    """A server process and the file its output goes to."""

    process: subprocess.Popen[bytes]
    log: Path

    def output(self) -> str:
        return self.log.read_text(errors="replace")


@contextmanager
def serving(command: list[str], *, cwd: Path, env: dict[str, str], log: Path) -> Iterator[Server]:
    """A server process for the block, stopped however the block ends (killed when it does not
    stop within 10 s of being asked)."""
    with log.open("wb") as out:
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        yield Server(process, log)
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)


def wait_until_up(
    base_url: str, server: Server, seconds: float = 30, path: str = "/healthz"
) -> None:
    """Poll `path` every 0.1 s until it answers 200, for `seconds` at most; fail with the log
    if the server stops or does not answer in time."""
    with httpx.Client(base_url=base_url, timeout=1) as http:
        for _ in range(int(seconds * 10)):
            try:
                if http.get(path).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            if server.process.poll() is not None:
                pytest.fail(f"the server stopped ({server.process.returncode}):\n{server.output()}")
            time.sleep(0.1)
    pytest.fail(f"no {path} within {seconds} s:\n{server.output()}")
