"""What the e-mail tests share: transports that record or fail, and SMTP servers on loopback."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from typing import Any

import httpx
import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import Envelope

from app import create_app
from billing.errors import DeliveryFailed
from mail.message import Outgoing
from models import Organization
from pdf.renderer import Renderer
from settings import Settings
from tests.conftest import Backend, on_plan, serve
from tests.processes import free_port


class Recorder:
    """A transport that keeps what it is given, or refuses everything with `failure`."""

    def __init__(self, failure: str | None = None) -> None:
        self.sent: list[Outgoing] = []
        self.failure = failure

    async def deliver(self, outgoing: Outgoing) -> str:
        """Keep `outgoing` (or fail)."""
        if self.failure is not None:
            raise DeliveryFailed(self.failure)
        self.sent.append(outgoing)
        return "memory"


def parsed(raw: bytes) -> EmailMessage:
    """An e-mail as a mail client reads it."""
    message = BytesParser(policy=policy.default).parsebytes(raw)
    assert isinstance(message, EmailMessage)
    return message


@dataclass
class Inbox:
    """An aiosmtpd handler keeping each accepted envelope; refuses the addresses in `refuse`."""

    refuse: frozenset[str] = frozenset()
    envelopes: list[Envelope] = field(default_factory=list)

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Envelope, address: str, options: list[str]
    ) -> str:
        if address in self.refuse:
            return "550 5.1.1 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Envelope) -> str:
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"


@contextmanager
def smtp_server(handler: Inbox, *, port: int | None = None, **options: Any) -> Iterator[int]:
    """A real SMTP server (aiosmtpd, in its own thread) on loopback, on `port` or a free
    one; yields its port."""
    controller = Controller(handler, hostname="127.0.0.1", port=port or free_port(), **options)
    controller.start()
    try:
        yield controller.port
    finally:
        controller.stop()


@asynccontextmanager
async def silent_server() -> AsyncIterator[int]:
    """A server that accepts connections and never says a word; yields its port."""

    async def ignore(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.read()  # until the client gives up and closes
        writer.close()

    server = await asyncio.start_server(ignore, "127.0.0.1", 0)
    try:
        yield server.sockets[0].getsockname()[1]
    finally:
        server.close()
        await server.wait_closed()


# Mark a test with it to have a plan with API access but no e-mail, for `without_email`.
API_ONLY = pytest.mark.plans({"api-only": {"features": ["api"]}})


async def without_email(org: Organization, settings: Settings) -> None:
    """Move `org` to the plan of API_ONLY, which the test is marked with."""
    await on_plan(org, settings, "api-only")


@pytest.fixture(name="recorder")
def a_recorder() -> Recorder:
    """The transport of `recording_http`'s app. Import it into a test module with
    `recording_http`."""
    return Recorder()


@pytest.fixture(name="http")
async def recording_http(
    db: Backend, settings: Settings, renderer: Renderer, recorder: Recorder
) -> AsyncIterator[httpx.AsyncClient]:
    """conftest's `http` (the name it takes), its app e-mailing through `recorder`. Import it
    into a test module to override `http` there."""
    async with serve(create_app(settings, renderer=renderer, transport=recorder)) as client:
        yield client
