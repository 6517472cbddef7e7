"""Public page fixtures: the app served over a real socket, for a real browser."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator
from dataclasses import replace

import pytest
import uvicorn

from app import create_app
from pdf.renderer import Renderer
from settings import Settings
from tests.conftest import Backend
from tests.rest.conftest import _ServerInTheTestLoop


@pytest.fixture
async def site(db: Backend, settings: Settings, renderer: Renderer) -> AsyncIterator[str]:
    """The app listening on a free loopback port, its public base URL set to it; yields that
    URL. The PDF refreshes its requests scheduled finish within the test."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    base_url = f"http://127.0.0.1:{sock.getsockname()[1]}"
    app = create_app(replace(settings, public_base_url=base_url), renderer=renderer)
    # No lifespan: the session has set up the database already.
    server = _ServerInTheTestLoop(uvicorn.Config(app, lifespan="off", log_level="warning"))
    task = asyncio.create_task(server.serve(sockets=[sock]))
    while not server.started:
        if task.done():
            task.result()  # startup failed: raise why
        await asyncio.sleep(0.01)
    try:
        yield base_url
    finally:
        server.should_exit = True
        await task
        sock.close()
        await app.state.pdfs.drain()
