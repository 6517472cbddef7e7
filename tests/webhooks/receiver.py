"""A webhook receiver for tests: a real HTTP server on a loopback port that keeps what
arrived and answers as told (a status, or a status per request in turn)."""

from __future__ import annotations

import asyncio
import ssl
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

# How long any one request of a test may take before the test fails instead of hanging.
BOUND_SECONDS = 10


@dataclass(frozen=True)
class Arrived:
    """A request as the server read it; header names in lower case."""

    method: str
    target: str
    headers: dict[str, str]
    body: bytes


@dataclass
class Receiver:
    """An HTTP server's behaviour: it answers every request alike and keeps what arrived.

    `endless` answers with a body that does not end (for BOUND_SECONDS at most); `statuses`
    are answered in turn before `status` is, and `delays` waited in turn before `delay`."""

    status: int = 200
    statuses: list[int] = field(default_factory=list)
    body: bytes = b""
    headers: Mapping[str, str] = field(default_factory=dict)
    delay: float = 0.0
    delays: list[float] = field(default_factory=list)
    endless: bool = False
    arrived: list[Arrived] = field(default_factory=list)
    arrival: asyncio.Event = field(default_factory=asyncio.Event)
    server_names: list[str | None] = field(default_factory=list)
    port: int = 0

    def url(self, host: str = "127.0.0.1", path: str = "/hooks/in", scheme: str = "http") -> str:
        return f"{scheme}://{host}:{self.port}{path}"

    async def serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        head = await reader.readuntil(b"\r\n\r\n")
        request_line, *lines = head.decode("latin-1").removesuffix("\r\n\r\n").split("\r\n")
        method, target, _ = request_line.split(" ")
        headers = {
            name.strip().lower(): value.strip()
            for name, _, value in (line.partition(":") for line in lines)
        }
        body = await reader.readexactly(int(headers.get("content-length", "0")))
        self.arrived.append(Arrived(method, target, headers, body))
        self.arrival.set()
        await asyncio.sleep(self.delays.pop(0) if self.delays else self.delay)
        status = self.statuses.pop(0) if self.statuses else self.status
        length = 10**12 if self.endless else len(self.body)
        extra = "".join(f"{name}: {value}\r\n" for name, value in self.headers.items())
        writer.write(
            f"HTTP/1.1 {status} Reply\r\nContent-Length: {length}\r\n{extra}\r\n".encode()
            + self.body
        )
        await writer.drain()
        deadline = asyncio.get_running_loop().time() + BOUND_SECONDS
        while self.endless and asyncio.get_running_loop().time() < deadline:
            writer.write(b"x" * 65536)
            await writer.drain()


@asynccontextmanager
async def receiving(
    receiver: Receiver, tls: ssl.SSLContext | None = None
) -> AsyncIterator[Receiver]:
    """`receiver` listening on a loopback port for the block."""
    handlers: set[asyncio.Task[Any]] = set()

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        handlers.add(task)
        try:
            await receiver.serve(reader, writer)
        except (ConnectionError, asyncio.IncompleteReadError):
            pass
        finally:
            writer.close()

    server = await asyncio.start_server(handle, "127.0.0.1", 0, ssl=tls)
    receiver.port = server.sockets[0].getsockname()[1]
    try:
        yield receiver
    finally:
        server.close()
        for task in handlers:
            task.cancel()
        async with asyncio.timeout(BOUND_SECONDS):
            await asyncio.gather(*handlers, return_exceptions=True)
            await server.wait_closed()
