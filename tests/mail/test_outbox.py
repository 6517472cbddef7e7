"""The default without SMTP_HOST: each e-mail is an .eml file in the outbox folder, written
whole, that a mail client (or Python's parser) reads back as the e-mail."""

from __future__ import annotations

import logging
from email.message import EmailMessage
from pathlib import Path

import httpx
import pytest

from app import create_app
from billing.demo import create_demo
from billing.errors import DeliveryFailed
from mail.message import Outgoing
from mail.transport import OutboxTransport
from models import Document
from models.enums import DocumentStatus
from pdf.renderer import Renderer
from settings import Settings
from tests.billing.factories import a_client, an_invoice
from tests.conftest import Backend, Tenant, serve
from tests.mail.helpers import parsed
from tests.rest.conftest import data_of, send


def outgoing(name: str = "INV-0001") -> Outgoing:
    message = EmailMessage()
    message["Subject"] = "Invoice"
    message.set_content("Hello")
    return Outgoing(message, "invoices@localhost", ("ap@globex.example",), name)


async def test_messages_are_written_whole_under_distinct_names(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    outbox = OutboxTransport(tmp_path / "new" / "outbox")
    with caplog.at_level(logging.INFO, logger="invoicegraph.mail"):
        first = await outbox.deliver(outgoing())
        second = await outbox.deliver(outgoing())
    files = sorted((tmp_path / "new" / "outbox").iterdir())
    assert [str(f) for f in files] == sorted([first, second]) and first != second
    assert all(f.name.endswith("-INV-0001.eml") for f in files)  # no temporary file is left
    assert parsed(files[0].read_bytes())["Subject"] == "Invoice"
    assert f"written to {first}" in caplog.text


async def test_an_outbox_that_cannot_be_written_is_a_delivery_failure(tmp_path: Path) -> None:
    occupied = tmp_path / "a-file"
    occupied.write_text("not a folder")
    with pytest.raises(DeliveryFailed) as failure:
        await OutboxTransport(occupied).deliver(outgoing())
    assert failure.value.message.startswith(f"The e-mail was not written to the outbox {occupied}")


async def test_default_settings_write_a_readable_eml_with_the_public_link(
    http: httpx.AsyncClient, settings: Settings, tenant: Tenant
) -> None:
    client = await a_client(tenant.org, email="ap@globex.example")
    invoice = await an_invoice(tenant.org, client)
    response = await send(http, "POST", f"/api/v1/invoices/{invoice.id}/send", tenant)
    assert data_of(response)["status"] == "SENT"
    (eml,) = settings.outbox_dir.iterdir()
    message = parsed(eml.read_bytes())
    assert message["To"] == "ap@globex.example"
    assert message["From"] == f"Acme Studio <{settings.smtp_from}>"
    text = message.get_body(("plain",))
    assert text is not None
    assert f"{settings.public_base_url}/d/{invoice.public_token}" in text.get_content()
    (attachment,) = message.iter_attachments()
    assert attachment.get_content().startswith(b"%PDF-")


async def test_a_demo_invoice_sent_with_default_settings_lands_in_the_outbox(
    db: Backend, settings: Settings, renderer: Renderer
) -> None:
    # The README's walk-through: demo data, send with the defaults, open the e-mail's link.
    org, secret = await create_demo()
    draft = await Document.filter(
        organization_id=org.id, is_estimate=False, status=DocumentStatus.DRAFT
    ).first()
    assert draft is not None
    headers = {"Authorization": f"Bearer {secret}"}
    async with serve(create_app(settings, renderer=renderer)) as http:
        response = await http.post(f"/api/v1/invoices/{draft.id}/send", headers=headers)
        sent = data_of(response)
        assert (sent["status"], sent["sentViaEmail"]) == ("SENT", True)
        (eml,) = settings.outbox_dir.iterdir()
        message = parsed(eml.read_bytes())
        assert message["Subject"] == f"Invoice {draft.number} from Demo Design Co."
        assert message["Reply-To"] == '"Demo Design Co." <billing@demo.example>'
        html = message.get_body(("html",))
        assert html is not None
        link = f"{settings.public_base_url}/d/{draft.public_token}"
        assert f'href="{link}"' in html.get_content()

        page = await http.get(link.removeprefix(settings.public_base_url))
        assert page.status_code == 200 and draft.number in page.text
        viewed = data_of(await http.get(f"/api/v1/invoices/{draft.id}", headers=headers))
        assert viewed["status"] == "VIEWED"
    assert (await Document.get(id=draft.id)).viewed_at is not None
