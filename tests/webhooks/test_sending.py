"""Webhook requests against a real HTTP server on loopback: what arrives, what is reported,
and what is refused before any connection is made.

Every test talks to loopback only; `loopback_only` makes any other connection fail loudly.
"""

from __future__ import annotations

import asyncio
import shutil
import socket
import ssl
import subprocess
from collections.abc import AsyncIterator, Iterator, Mapping
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest

from addresses import address_refusal
from tests.webhooks.receiver import BOUND_SECONDS, Receiver, receiving
from webhooks.sending import EXCERPT_BYTES, USER_AGENT, Outcome, Resolver, Sender

JSON = {"Content-Type": "application/json"}


@asynccontextmanager
async def sending(**options: Any) -> AsyncIterator[Sender]:
    sender = Sender(**options)
    try:
        yield sender
    finally:
        await sender.aclose()


async def post(
    sender: Sender, url: str, body: bytes = b"{}", headers: Mapping[str, str] = JSON
) -> Outcome:
    async with asyncio.timeout(BOUND_SECONDS):
        return await sender.post(url, body, headers)


def answering(*answers: list[str]) -> tuple[Resolver, list[tuple[str, int]]]:
    """A resolver giving `answers` in turn (the last one thereafter), and the questions it got."""
    questions: list[tuple[str, int]] = []

    async def resolve(host: str, port: int) -> list[str]:
        questions.append((host, port))
        return answers[min(len(questions), len(answers)) - 1]

    return resolve, questions


@pytest.fixture(autouse=True)
def loopback_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any connection to an address other than loopback fails (and so fails its test)."""
    connect = socket.socket.connect

    def guarded(self: socket.socket, address: Any) -> None:
        if isinstance(address, tuple) and address[0] not in ("127.0.0.1", "::1"):
            raise AssertionError(f"a test tried to connect to {address}")
        connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", guarded)


async def test_the_request_arrives_as_sent() -> None:
    body = b'{"type": "invoice.sent", "data": {"id": "inv_1"}}'
    headers = {**JSON, "Webhook-Id": "msg_1", "Webhook-Signature": "v1,abc="}
    async with (
        receiving(Receiver(body=b"thanks")) as receiver,
        sending(allow_private=True) as sender,
    ):
        outcome = await post(sender, receiver.url(path="/hooks/in?source=ig"), body, headers)

    assert (outcome.ok, outcome.status, outcome.excerpt, outcome.error) == (
        True,
        200,
        "thanks",
        None,
    )
    assert 0 <= outcome.duration_ms < BOUND_SECONDS * 1000
    [arrived] = receiver.arrived
    assert (arrived.method, arrived.target, arrived.body) == ("POST", "/hooks/in?source=ig", body)
    assert arrived.headers["host"] == f"127.0.0.1:{receiver.port}"
    assert arrived.headers["content-type"] == "application/json"
    assert arrived.headers["webhook-id"] == "msg_1"
    assert arrived.headers["webhook-signature"] == "v1,abc="
    assert arrived.headers["user-agent"] == USER_AGENT
    assert arrived.headers["accept-encoding"] == "identity"


async def test_a_user_agent_given_wins() -> None:
    async with receiving(Receiver()) as receiver, sending(allow_private=True) as sender:
        await post(sender, receiver.url(), headers={**JSON, "user-agent": "acme/2"})

    assert receiver.arrived[0].headers["user-agent"] == "acme/2"


@pytest.mark.parametrize("status", [200, 202, 204])
async def test_a_2xx_is_ok(status: int) -> None:
    async with (
        receiving(Receiver(status=status)) as receiver,
        sending(allow_private=True) as sender,
    ):
        outcome = await post(sender, receiver.url())

    assert (outcome.ok, outcome.status, outcome.excerpt, outcome.error) == (True, status, "", None)


async def test_a_500_is_not_ok_and_its_body_is_kept() -> None:
    receiver = Receiver(status=500, body="panne: élan".encode())
    async with receiving(receiver), sending(allow_private=True) as sender:
        outcome = await post(sender, receiver.url())

    assert (outcome.ok, outcome.status, outcome.excerpt, outcome.error) == (
        False,
        500,
        "panne: élan",
        None,
    )


async def test_a_redirect_is_reported_not_followed() -> None:
    receiver = Receiver(status=302)
    async with receiving(receiver), sending(allow_private=True) as sender:
        location = receiver.url(path="/elsewhere")
        receiver.headers = {"Location": location}
        outcome = await post(sender, receiver.url())

    assert not outcome.ok
    assert outcome.status == 302
    assert outcome.error == f"redirects are not followed (302 to {location})"
    assert [arrived.target for arrived in receiver.arrived] == ["/hooks/in"]


async def test_a_slow_receiver_meets_the_deadline() -> None:
    receiver = Receiver(delay=BOUND_SECONDS)
    async with receiving(receiver), sending(allow_private=True, timeout=0.5) as sender:
        outcome = await post(sender, receiver.url())

    assert (outcome.status, outcome.excerpt, outcome.error) == (None, "", "timed out after 0.5 s")
    assert 450 <= outcome.duration_ms < 2000


async def test_a_body_without_end_is_cut_at_the_limit() -> None:
    """The receiver would send for BOUND_SECONDS: the request ends long before, with no error."""
    async with (
        receiving(Receiver(endless=True)) as receiver,
        sending(allow_private=True, timeout=3) as sender,
    ):
        outcome = await post(sender, receiver.url())

    assert (outcome.status, outcome.error) == (200, None)
    assert outcome.excerpt == "x" * EXCERPT_BYTES
    assert outcome.duration_ms < 3000


async def test_no_more_than_max_response_bytes_are_kept() -> None:
    receiver = Receiver(body=b"0123456789abcdef")
    async with receiving(receiver), sending(allow_private=True, max_response_bytes=10) as sender:
        outcome = await post(sender, receiver.url())

    assert outcome.excerpt == "0123456789"


async def test_loopback_is_refused_unless_private_addresses_are_allowed() -> None:
    async with receiving(Receiver()) as receiver:
        async with sending() as sender:
            refused = await post(sender, receiver.url())
        async with sending(allow_private=True) as sender:
            allowed = await post(sender, receiver.url())

    assert (refused.status, refused.error) == (None, "address 127.0.0.1 is not public")
    assert allowed.ok
    assert len(receiver.arrived) == 1


async def test_an_ipv6_literal_is_judged_too() -> None:
    async with sending() as sender:
        outcome = await post(sender, "http://[::ffff:127.0.0.1]:8080/hooks")

    assert outcome.error == "address ::ffff:127.0.0.1 is not public"


async def test_the_request_goes_to_the_address_resolved() -> None:
    resolver, questions = answering(["127.0.0.1"])
    async with (
        receiving(Receiver()) as receiver,
        sending(allow_private=True, resolver=resolver) as sender,
    ):
        outcome = await post(sender, receiver.url(host="hooks.example.com"))

    assert outcome.ok
    assert receiver.arrived[0].headers["host"] == f"hooks.example.com:{receiver.port}"
    assert questions == [("hooks.example.com", receiver.port)]


async def test_every_attempt_resolves_again() -> None:
    resolver, questions = answering(["127.0.0.1"], ["0.0.0.0"])
    async with (
        receiving(Receiver()) as receiver,
        sending(allow_private=True, resolver=resolver) as sender,
    ):
        first = await post(sender, receiver.url(host="hooks.example.com"))
        second = await post(sender, receiver.url(host="hooks.example.com"))

    assert first.ok
    assert second.error == "address 0.0.0.0 of hooks.example.com is unspecified"
    assert len(questions) == 2
    assert len(receiver.arrived) == 1


async def test_a_public_name_resolving_to_a_private_address_is_refused() -> None:
    resolver, _ = answering(["10.0.0.1"])
    async with sending(resolver=resolver) as sender:
        outcome = await post(sender, "https://hooks.example.com/in")

    assert (outcome.status, outcome.error) == (
        None,
        "address 10.0.0.1 of hooks.example.com is not public",
    )


async def test_one_private_address_among_public_ones_refuses_them_all() -> None:
    resolver, _ = answering(["93.184.215.14", "10.0.0.1", "8.8.8.8"])
    async with sending(resolver=resolver) as sender:
        outcome = await post(sender, "https://hooks.example.com/in")

    assert outcome.error == "address 10.0.0.1 of hooks.example.com is not public"


async def test_a_name_that_does_not_resolve() -> None:
    async def nowhere(host: str, port: int) -> list[str]:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    async with sending(resolver=nowhere) as sender:
        outcome = await post(sender, "https://nowhere.example/in")

    assert outcome.error == "could not resolve nowhere.example: name or service not known"


async def test_a_closed_port_is_connection_refused() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    async with sending(allow_private=True) as sender:
        outcome = await post(sender, f"http://127.0.0.1:{port}/in")

    assert (outcome.status, outcome.excerpt, outcome.error) == (None, "", "connection refused")


@pytest.mark.parametrize(
    ("url", "error"),
    [
        ("ftp://127.0.0.1/in", "only http and https URLs are sent, not ftp:"),
        ("file:///etc/passwd", "only http and https URLs are sent, not file:"),
        ("hooks.example.com/in", "only http and https URLs are sent, not a URL without a scheme"),
        ("http:///in", "the URL has no host"),
    ],
)
async def test_what_is_not_an_http_url_is_refused(url: str, error: str) -> None:
    async with sending(allow_private=True) as sender:
        outcome = await post(sender, url)

    assert (outcome.status, outcome.error) == (None, error)


@pytest.mark.parametrize(
    ("url", "error"),
    [
        ("http://127.0.0.1:99999/in", "port 99999 does not exist"),
        ("http://127.0.0.1:0/in", "port 0 does not exist"),
        ("http://[::1/in", "invalid URL: Invalid port: ':1'"),
    ],
)
async def test_an_invalid_url_is_an_outcome(url: str, error: str) -> None:
    async with sending(allow_private=True) as sender:
        outcome = await post(sender, url)

    assert (outcome.status, outcome.error) == (None, error)


async def test_cancellation_propagates() -> None:
    async with (
        receiving(Receiver(delay=BOUND_SECONDS)) as receiver,
        sending(allow_private=True) as sender,
    ):
        attempt = asyncio.create_task(sender.post(receiver.url(), b"{}", JSON))
        async with asyncio.timeout(BOUND_SECONDS):
            await receiver.arrival.wait()
        attempt.cancel()
        with pytest.raises(asyncio.CancelledError):
            await attempt


@pytest.fixture
def tls(tmp_path: Path) -> Iterator[ssl.SSLContext]:
    """A server TLS context with a self-signed certificate for hooks.example.com."""
    if shutil.which("openssl") is None:
        pytest.skip("needs the openssl command")
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(
        [
            *("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"),
            *("-keyout", str(key), "-out", str(cert), "-subj", "/CN=hooks.example.com"),
            *("-addext", "subjectAltName=DNS:hooks.example.com"),
        ],
        check=True,
        capture_output=True,
        timeout=30,
    )
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    yield context


async def test_tls_names_the_host_and_checks_its_certificate(tls: ssl.SSLContext) -> None:
    """Connected to the resolved IP, TLS still asks for the hostname (SNI) and checks the
    certificate: a self-signed one is not accepted."""
    receiver = Receiver()
    tls.sni_callback = lambda _socket, name, _context: receiver.server_names.append(name)
    resolver, _ = answering(["127.0.0.1"])
    async with receiving(receiver, tls), sending(allow_private=True, resolver=resolver) as sender:
        outcome = await post(sender, receiver.url(host="hooks.example.com", scheme="https"))

    assert receiver.server_names == ["hooks.example.com"]
    assert outcome.status is None
    assert outcome.error == "TLS certificate not accepted: self-signed certificate"
    assert receiver.arrived == []


@pytest.mark.parametrize(
    ("address", "refusal", "refusal_when_private_allowed"),
    [
        ("8.8.8.8", None, None),
        ("2001:4860:4860::8888", None, None),
        ("::ffff:8.8.8.8", None, None),
        ("10.0.0.1", "is not public", None),
        ("192.168.1.1", "is not public", None),
        ("100.64.0.1", "is not public", None),
        ("169.254.169.254", "is not public", None),
        ("127.0.0.1", "is not public", None),
        ("::1", "is not public", None),
        ("::ffff:127.0.0.1", "is not public", None),
        ("::ffff:10.0.0.1", "is not public", None),
        ("2002:a00:1::", "is not public", None),
        ("fc00::1", "is not public", None),
        ("fe80::1", "is not public", None),
        ("240.0.0.1", "is not public", None),
        ("0.0.0.0", "is unspecified", "is unspecified"),
        ("::", "is unspecified", "is unspecified"),
        ("224.0.0.1", "is multicast", "is multicast"),
        ("ff02::1", "is multicast", "is multicast"),
        ("hooks.example.com", "is not an IP address", "is not an IP address"),
    ],
)
def test_address_refusal(
    address: str, refusal: str | None, refusal_when_private_allowed: str | None
) -> None:
    assert address_refusal(address, allow_private=False) == refusal
    assert address_refusal(address, allow_private=True) == refusal_when_private_allowed
