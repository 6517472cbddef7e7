"""Sending through a real SMTP server on loopback: what arrives, and that every failure (a
refused recipient, a refused login, nothing listening, a server that never answers) comes
back as DELIVERY_FAILED with the reason and leaves the document as it was."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from aiosmtpd.smtp import AuthResult, Envelope

from billing import documents, numbering, organizations
from billing.errors import DeliveryFailed, ErrorCode, InvalidTransition
from billing.plans import UNLIMITED
from billing.sending import SendRequest
from einvoice.store import EInvoices
from mail.sending import Mailer
from mail.transport import SmtpTransport
from models import Document, Organization
from models.enums import DocumentStatus, Series
from pdf.renderer import Renderer
from pdf.store import DocumentPdfs
from tests.billing.factories import a_client, an_invoice
from tests.conftest import Backend
from tests.mail.helpers import Inbox, parsed, silent_server, smtp_server
from tests.processes import free_port

SENDER = "invoices@acme.example"
BASE_URL = "https://billing.example"


def mailer(renderer: Renderer, port: int, **options: Any) -> Mailer:
    options.setdefault("timeout", 5)
    transport = SmtpTransport("127.0.0.1", port, security="none", **options)
    einvoices = EInvoices(DocumentPdfs(renderer))
    return Mailer(transport, einvoices, sender=SENDER, public_base_url=BASE_URL)


async def draft(org: Organization, *, is_estimate: bool = False) -> Document:
    client = await a_client(org, email="ap@globex.example")
    return await an_invoice(org, client, series=numbering.series_of(is_estimate))


async def unchanged(document: Document) -> None:
    """The document is stored exactly as before the attempt."""
    now = await Document.get(id=document.id)
    assert (now.status, now.sent_at, now.sent_to, now.sent_via_email, now.updated_at) == (
        document.status,
        document.sent_at,
        document.sent_to,
        document.sent_via_email,
        document.updated_at,
    )


async def test_the_server_receives_the_email_and_the_invoice_becomes_sent(
    db: Backend, renderer: Renderer
) -> None:
    org = await organizations.create_organization("Acme Studio")
    invoice = await draft(org)
    inbox = Inbox()
    sent_at = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
    with smtp_server(inbox) as port:
        result = await mailer(renderer, port).send_document(
            org,
            invoice.id,
            series=Series.INVOICE,
            request=SendRequest(cc=["cfo@globex.example"]),
            now=sent_at,
            plan=UNLIMITED,
        )
    (envelope,) = inbox.envelopes
    assert envelope.mail_from == SENDER
    assert envelope.rcpt_tos == ["ap@globex.example", "cfo@globex.example"]
    assert isinstance(envelope.content, bytes)
    message = parsed(envelope.content)
    assert message["Subject"] == "Invoice INV-0001 from Acme Studio"
    assert message["To"] == "ap@globex.example" and message["Cc"] == "cfo@globex.example"
    text, html = message.get_body(("plain",)), message.get_body(("html",))
    assert text is not None and html is not None
    link = f"{BASE_URL}/d/{invoice.public_token}"
    assert link in text.get_content() and f'href="{link}"' in html.get_content()
    (attachment,) = message.iter_attachments()
    assert attachment.get_filename() == "INV-0001.pdf"
    assert attachment.get_content().startswith(b"%PDF-")
    assert result.status is DocumentStatus.SENT and result.sent_at == sent_at
    assert result.sent_via_email and result.sent_to == ["ap@globex.example", "cfo@globex.example"]


async def test_sending_again_keeps_the_status_and_first_sent_at(
    db: Backend, renderer: Renderer
) -> None:
    org = await organizations.create_organization("Acme Studio")
    invoice = await draft(org)
    first = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
    inbox = Inbox()
    with smtp_server(inbox) as port:
        sender = mailer(renderer, port)
        await sender.send_document(
            org, invoice.id, series=Series.INVOICE, now=first, plan=UNLIMITED
        )
        again = await sender.send_document(
            org,
            invoice.id,
            series=Series.INVOICE,
            request=SendRequest(to=["cfo@globex.example"], subject="Reminder"),
            now=first + timedelta(days=14),
            plan=UNLIMITED,
        )
    assert [e.rcpt_tos for e in inbox.envelopes] == [["ap@globex.example"], ["cfo@globex.example"]]
    assert again.status is DocumentStatus.SENT and again.sent_at == first
    assert again.sent_to == ["cfo@globex.example"]


async def test_an_estimate_is_sent_as_an_estimate(db: Backend, renderer: Renderer) -> None:
    org = await organizations.create_organization("Acme Studio")
    estimate = await draft(org, is_estimate=True)
    inbox = Inbox()
    with smtp_server(inbox) as port:
        result = await mailer(renderer, port).send_document(
            org, estimate.id, series=Series.ESTIMATE, plan=UNLIMITED
        )
    (envelope,) = inbox.envelopes
    assert isinstance(envelope.content, bytes)
    message = parsed(envelope.content)
    assert message["Subject"] == "Estimate EST-0001 from Acme Studio"
    assert [a.get_filename() for a in message.iter_attachments()] == ["EST-0001.pdf"]
    assert result.status is DocumentStatus.SENT and result.sent_via_email


async def test_a_refused_recipient_sends_nothing_to_anyone_and_changes_nothing(
    db: Backend, renderer: Renderer
) -> None:
    org = await organizations.create_organization("Acme Studio")
    invoice = await draft(org)
    inbox = Inbox(refuse=frozenset({"gone@globex.example"}))
    with smtp_server(inbox) as port, pytest.raises(DeliveryFailed) as failure:
        await mailer(renderer, port).send_document(
            org,
            invoice.id,
            series=Series.INVOICE,
            request=SendRequest(cc=["gone@globex.example"]),
            plan=UNLIMITED,
        )
    assert failure.value.code is ErrorCode.DELIVERY_FAILED
    assert failure.value.message == (
        f"The e-mail was not sent: the SMTP server 127.0.0.1:{port} refused the recipient "
        "gone@globex.example (550 5.1.1 No such user here); nobody was sent it"
    )
    assert not failure.value.retryable  # for good: trying again would be refused again
    assert inbox.envelopes == []
    await unchanged(invoice)


async def test_a_refused_login_says_so_without_the_password(
    db: Backend, renderer: Renderer
) -> None:
    org = await organizations.create_organization("Acme Studio")
    invoice = await draft(org)

    def refuse(*args: Any) -> AuthResult:
        return AuthResult(success=False, handled=False)

    inbox = Inbox()
    options: dict[str, Any] = {"authenticator": refuse, "auth_require_tls": False}
    with smtp_server(inbox, **options) as port, pytest.raises(DeliveryFailed) as failure:
        await mailer(renderer, port, user="acme", password="hunter2-secret").send_document(
            org, invoice.id, series=Series.INVOICE, plan=UNLIMITED
        )
    assert "refused the login of 'acme': 535" in failure.value.message
    assert "hunter2" not in failure.value.message
    assert not failure.value.retryable
    assert inbox.envelopes == []
    await unchanged(invoice)


async def test_nothing_listening_is_a_delivery_failure(db: Backend, renderer: Renderer) -> None:
    org = await organizations.create_organization("Acme Studio")
    invoice = await draft(org)
    port = free_port()
    with pytest.raises(DeliveryFailed) as failure:
        await mailer(renderer, port).send_document(
            org, invoice.id, series=Series.INVOICE, plan=UNLIMITED
        )
    assert failure.value.message.startswith(
        f"The e-mail was not sent: could not reach the SMTP server 127.0.0.1:{port}: "
    )
    assert failure.value.retryable  # it never reached a server: later, it may
    await unchanged(invoice)


async def test_a_server_that_never_answers_times_out(db: Backend, renderer: Renderer) -> None:
    org = await organizations.create_organization("Acme Studio")
    invoice = await draft(org)
    async with silent_server() as port:
        with pytest.raises(DeliveryFailed) as failure:
            await mailer(renderer, port, timeout=0.5).send_document(
                org, invoice.id, series=Series.INVOICE, plan=UNLIMITED
            )
    assert failure.value.message.startswith(
        f"The e-mail was not sent: the SMTP server 127.0.0.1:{port} did not answer in time"
    )
    assert failure.value.retryable  # before the message was handed over
    await unchanged(invoice)


class Busy(Inbox):
    """Takes the message, then answers that it cannot just now."""

    async def handle_DATA(self, server: Any, session: Any, envelope: Envelope) -> str:
        return "451 4.3.0 Try again later"


class Slow(Inbox):
    """Takes the message, then answers too late."""

    async def handle_DATA(self, server: Any, session: Any, envelope: Envelope) -> str:
        await asyncio.sleep(3)
        return await super().handle_DATA(server, session, envelope)


async def test_try_again_later_is_worth_trying_again_and_no_answer_to_the_message_is_not(
    db: Backend, renderer: Renderer
) -> None:
    org = await organizations.create_organization("Acme Studio")
    invoice = await draft(org)
    with smtp_server(Busy()) as port, pytest.raises(DeliveryFailed) as busy:
        await mailer(renderer, port).send_document(
            org, invoice.id, series=Series.INVOICE, plan=UNLIMITED
        )
    assert "refused the message: 451" in busy.value.message
    assert busy.value.retryable  # the server said it did not take it
    with smtp_server(Slow()) as port, pytest.raises(DeliveryFailed) as slow:
        await mailer(renderer, port, timeout=1).send_document(
            org, invoice.id, series=Series.INVOICE, plan=UNLIMITED
        )
    assert "did not answer in time" in slow.value.message
    # The server had the message: it may have delivered it, so it is not tried again.
    assert not slow.value.retryable
    await unchanged(invoice)


async def test_a_void_invoice_is_refused_before_anything_is_sent(
    db: Backend, renderer: Renderer
) -> None:
    org = await organizations.create_organization("Acme Studio")
    invoice = await documents.void_document(org, (await draft(org)).id, series=Series.INVOICE)
    inbox = Inbox()
    with smtp_server(inbox) as port, pytest.raises(InvalidTransition) as refusal:
        await mailer(renderer, port).send_document(
            org, invoice.id, series=Series.INVOICE, plan=UNLIMITED
        )
    assert refusal.value.message == (
        "Invoice INV-0001 is VOID: only a DRAFT, SENT, VIEWED or PARTIALLY_PAID invoice can be sent"
    )
    assert inbox.envelopes == []
    await unchanged(invoice)
