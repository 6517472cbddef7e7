"""Apps served over a real loopback socket, and a real Chromium to look at them.

For the tests that need what an in-process client cannot give: a browser, another origin, a
property run over real HTTP.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
from collections.abc import AsyncIterator, Callable, Iterator

import uvicorn
from playwright.async_api import Browser, async_playwright
from starlette.types import ASGIApp

from settings import Settings


class _ServerInTheTestLoop(uvicorn.Server):
    """uvicorn in the test's own event loop, where the ORM's connections live.

    It leaves signal handling to pytest, so Ctrl-C still stops the run.
    """

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield


def free_socket() -> socket.socket:
    """A loopback socket bound to a free port, not yet listening."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    return sock


def url_of(sock: socket.socket) -> str:
    return f"http://127.0.0.1:{sock.getsockname()[1]}"


@contextlib.asynccontextmanager
async def listening(app: ASGIApp, sock: socket.socket | None = None) -> AsyncIterator[str]:
    """`app` served on `sock` (a free loopback port if none) without its lifespan (the session
    has set up the database already); yields its base URL."""
    sock = sock or free_socket()
    server = _ServerInTheTestLoop(uvicorn.Config(app, lifespan="off", log_level="warning"))
    task = asyncio.create_task(server.serve(sockets=[sock]))
    while not server.started:
        if task.done():
            task.result()  # startup failed: raise why
        await asyncio.sleep(0.01)
    try:
        yield url_of(sock)
    finally:
        server.should_exit = True
        await task
        sock.close()


@contextlib.asynccontextmanager
async def chromium() -> AsyncIterator[Browser]:
    """The system's Chromium (CHROMIUM_PATH), never a downloaded one."""
    async with async_playwright() as playwright:
        launched = await playwright.chromium.launch(executable_path=Settings().chromium_path)
        try:
            yield launched
        finally:
            await launched.close()


def loopback_only(blocked: list[str]) -> Callable[[str], bool]:
    """A URL filter for Playwright's routing: True for loopback, else records the URL."""

    def allowed(url: str) -> bool:
        host = url.split("://", 1)[-1].split("/", 1)[0].rsplit(":", 1)[0]
        if url.startswith(("data:", "blob:", "about:")) or host in ("127.0.0.1", "localhost"):
            return True
        blocked.append(url)
        return False

    return allowed
