"""/api/v1/credit-notes and /api/v1/invoices/:id/balance (extensions in the v1 style): a
credit note for half of a paid invoice, its JSON, its PDF, a refund, and the refusals."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from app import create_app
from billing import credit_notes, documents, payments
from mail.transport import SmtpTransport
from models import CreditNote, CreditNotePdf
from models.enums import PaperSize, Series
from pdf.renderer import Renderer
from settings import Settings
from tests.billing.factories import a_client, an_invoice
from tests.conftest import Backend, Tenant, serve
from tests.mail.helpers import Inbox, parsed, smtp_server
from tests.pdf.conftest import pdf_text
from tests.rest.conftest import data_of, error_of, send
from tests.rest.test_invoices import FULL_FIELDS


async def _paid_invoice(tenant: Tenant) -> str:
    """The contract's worked example (5500.00), sent and paid in full."""
    client = await a_client(tenant.org, "Globex")
    invoice = await an_invoice(tenant.org, client, issue_date="2026-03-01")
    await documents.mark_sent(tenant.org, invoice.id, Series.INVOICE)
    await payments.record_payment(
        tenant.org, {"invoice_id": invoice.id, "amount": "5500.00", "payment_method": "CASH"}
    )
    return invoice.id


async def test_half_of_a_paid_invoice_credited_then_refunded(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    invoice_id = await _paid_invoice(tenant)
    body = (
        f'{{"invoiceId": "{invoice_id}", "amount": 2750.00, "reason": "Half the hours",'
        ' "issueDate": "2026-03-10"}'
    )
    created = await send(http, "POST", "/api/v1/credit-notes", tenant, body)
    note = data_of(created, 201)
    for token in (
        '"creditNoteNumber":"CN-0001"',
        '"invoiceNumber":"INV-0001"',
        '"subtotal":2500.00',
        '"taxTotal":250.00',
        '"total":2750.00',
        '"amountRefunded":0.00',
        '"lineItems":[{"invoiceLineIndex":0,"description":"Design work","quantity":null,'
        '"amount":2750.00,"netAmount":2500.00,"taxAmount":250.00}]',
    ):
        assert token in created.text, token

    balance = await send(http, "GET", f"/api/v1/invoices/{invoice_id}/balance", tenant)
    assert balance.text == (
        f'{{"data":{{"id":"{invoice_id}","total":5500.00,"amountPaid":5500.00,'
        '"amountCredited":2750.00,"amountRefunded":0.00,"amountDue":-2750.00,'
        '"creditBalance":2750.00}}'
    )
    # The contract's invoice is as it was: no field more.
    assert list(data_of(await send(http, "GET", f"/api/v1/invoices/{invoice_id}", tenant))) == (
        FULL_FIELDS
    )

    pdf = await send(http, "GET", f"/api/v1/credit-notes/{note['id']}/pdf", tenant)
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    assert 'filename="CN-0001.pdf"' in pdf.headers["content-disposition"]
    lines = pdf_text(pdf.content).splitlines()
    assert "CREDIT NOTE" in " ".join(lines).upper()
    for expected in (
        "Number CN-0001",
        "Issue date March 10, 2026",
        "Credits invoice INV-0001 of March 1, 2026",
        "Subtotal $2,500.00",
        "Tax 10% on $2,500.00 $250.00",
        "Total credited $2,750.00",
        "Half the hours",
    ):
        assert expected in lines, (expected, lines)
    invoice_pdf = await send(http, "GET", f"/api/v1/invoices/{invoice_id}/pdf", tenant)
    assert "Credit balance $2,750.00" in pdf_text(invoice_pdf.content).splitlines()

    refunded = await send(
        http,
        "POST",
        f"/api/v1/credit-notes/{note['id']}/refunds",
        tenant,
        {"amount": 2750, "method": "BANK_TRANSFER", "refundDate": "2026-03-11"},
    )
    shown = data_of(refunded)
    assert shown["amountRefunded"] == 2750
    assert [(r["amount"], r["method"], r["refundDate"]) for r in shown["refunds"]] == [
        (2750, "BANK_TRANSFER", "2026-03-11")
    ]
    after = data_of(await send(http, "GET", f"/api/v1/invoices/{invoice_id}/balance", tenant))
    assert (after["amountDue"], after["creditBalance"]) == (0, 0)
    pdf_after = await send(http, "GET", f"/api/v1/credit-notes/{note['id']}/pdf", tenant)
    assert "Refunded $2,750.00" in pdf_text(pdf_after.content).splitlines()


async def test_refusals_change_nothing(
    http: httpx.AsyncClient, tenant: Tenant, other_tenant: Tenant
) -> None:
    invoice_id = await _paid_invoice(tenant)
    draft = await an_invoice(tenant.org)
    cases: list[tuple[dict[str, Any], int, str]] = [
        ({"invoiceId": invoice_id, "amount": 5500.01}, 400, "more than is left to credit"),
        ({"invoiceId": invoice_id, "amount": "1"}, 400, "amount must be"),
        ({"invoiceId": invoice_id, "lineItems": [{"lineIndex": 3}]}, 400, "lineIndex"),
        ({"invoiceId": invoice_id, "lines": []}, 400, "Unknown field: lines"),
        ({"invoiceId": draft.id}, 409, "DRAFT"),
        ({"invoiceId": "inv_missing"}, 404, "No invoice"),
        ({}, 400, "Missing required field: invoiceId"),
        ({"invoiceId": invoice_id, "issueDate": "3000-01-01"}, 400, "between 1900 and 2999"),
    ]
    for body, status, words in cases:
        response = await send(http, "POST", "/api/v1/credit-notes", tenant, body)
        assert words in error_of(response, status), body
    assert await CreditNote.all().count() == 0
    theirs = await send(
        http, "POST", "/api/v1/credit-notes", other_tenant, {"invoiceId": invoice_id}
    )
    assert error_of(theirs, 404)
    note = data_of(
        await send(http, "POST", "/api/v1/credit-notes", tenant, {"invoiceId": invoice_id}), 201
    )
    for path in (f"/api/v1/credit-notes/{note['id']}", f"/api/v1/credit-notes/{note['id']}/pdf"):
        assert error_of(await send(http, "GET", path, other_tenant), 404)
    too_much = await send(
        http,
        "POST",
        f"/api/v1/credit-notes/{note['id']}/refunds",
        tenant,
        {"amount": 5500.01, "method": "CASH"},
    )
    assert "at most 5500.00" in error_of(too_much, 400)
    unpaid = await an_invoice(tenant.org)
    await documents.mark_sent(tenant.org, unpaid.id, Series.INVOICE)
    body = {"invoiceId": unpaid.id, "amount": 1}
    data_of(await send(http, "POST", "/api/v1/credit-notes", tenant, body), 201)
    deleted = await send(http, "DELETE", f"/api/v1/invoices/{unpaid.id}", tenant)
    assert "has credit notes" in error_of(deleted, 409)
    voided = await send(http, "POST", f"/api/v1/invoices/{unpaid.id}/void", tenant)
    assert "has credit notes" in error_of(voided, 409)


async def test_lists_page_and_filter(http: httpx.AsyncClient, tenant: Tenant) -> None:
    first, second = await _paid_invoice(tenant), await _paid_invoice(tenant)
    for invoice_id, amount in ((first, 10), (second, 20), (first, 30)):
        body = {"invoiceId": invoice_id, "amount": amount}
        data_of(await send(http, "POST", "/api/v1/credit-notes", tenant, body), 201)
    page = await send(http, "GET", "/api/v1/credit-notes?limit=2", tenant)
    listed = page.json()
    assert (listed["total"], listed["totalPages"]) == (3, 2)
    assert [n["creditNoteNumber"] for n in listed["data"]] == ["CN-0003", "CN-0002"]
    one = (await send(http, "GET", f"/api/v1/credit-notes?invoiceId={first}", tenant)).json()
    assert [n["total"] for n in one["data"]] == [30, 10]
    alone = data_of(await send(http, "GET", f"/api/v1/credit-notes/{one['data'][0]['id']}", tenant))
    assert alone == one["data"][0]


async def test_post_send_emails_it_through_a_real_smtp_server(
    db: Backend, settings: Settings, renderer: Renderer, tenant: Tenant
) -> None:
    """POST /credit-notes/{id}/send: the e-mail a real SMTP server on loopback receives, the
    credit note as GET then shows it, and each refusal's status, recording nothing."""
    invoice_id = await _paid_invoice(tenant)
    note = await credit_notes.create_credit_note(
        tenant.org, {"invoice_id": invoice_id, "amount": "2750.00"}
    )
    url = f"/api/v1/credit-notes/{note.id}/send"
    inbox = Inbox(refuse=frozenset({"gone@globex.example"}))
    with smtp_server(inbox) as port:
        transport = SmtpTransport("127.0.0.1", port, security="none", timeout=5)
        async with serve(create_app(settings, renderer=renderer, transport=transport)) as http:
            refused = await send(http, "POST", url, tenant, {"to": ["gone@globex.example"]})
            assert "refused" in error_of(refused, 502)
            assert error_of(await send(http, "POST", url, tenant), 400) == (
                "Client 'Globex' has no e-mail address: give `to`"
            )
            assert error_of(await send(http, "POST", url, tenant, {"cc": "x"}), 400) == (
                "cc must be a list or null"
            )
            missing = "/api/v1/credit-notes/cn_nope/send"
            body = {"to": ["ap@globex.example"]}
            assert error_of(await send(http, "POST", missing, tenant, body), 404)
            stored = await CreditNote.get(id=note.id)
            assert (stored.sent_to, stored.sent_at, stored.sending_until) == ([], None, None)
            assert inbox.envelopes == []

            answer = await send(http, "POST", url, tenant, {**body, "subject": "Your credit"})
            sent = data_of(answer)
            shown = data_of(await send(http, "GET", f"/api/v1/credit-notes/{note.id}", tenant))
    assert sent == shown
    assert sent["sentTo"] == ["ap@globex.example"] and sent["sentAt"]
    (envelope,) = inbox.envelopes
    assert envelope.rcpt_tos == ["ap@globex.example"]
    assert isinstance(envelope.content, bytes)
    message = parsed(envelope.content)
    assert message["Subject"] == "Your credit"
    (attachment,) = message.iter_attachments()
    assert attachment.get_filename() == "CN-0001.pdf"
    assert "Credits invoice INV-0001 of March 1, 2026" in pdf_text(attachment.get_content())


async def test_a_credit_notes_pdf_is_stored_and_rendered_again_only_when_it_changes(
    http: httpx.AsyncClient, tenant: Tenant, renderer: Renderer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """GET /credit-notes/{id}/pdf renders once and serves the stored PDF after (the public
    page's PDF too); a refund, which the PDF shows, makes it stale."""
    invoice_id = await _paid_invoice(tenant)
    note = await credit_notes.create_credit_note(
        tenant.org, {"invoice_id": invoice_id, "amount": "2750.00"}
    )
    rendered: list[str] = []
    render = renderer.render

    async def counted(html: str, paper_size: PaperSize) -> bytes:
        if "Credits invoice" in html:  # not the invoice's own PDF, refreshed in the background
            rendered.append(html)
        return await render(html, paper_size)

    monkeypatch.setattr(renderer, "render", counted)
    url = f"/api/v1/credit-notes/{note.id}/pdf"
    first = await send(http, "GET", url, tenant)
    assert first.status_code == 200 and first.content.startswith(b"%PDF-")
    stored = await CreditNotePdf.get(credit_note_id=note.id)
    assert bytes(stored.content) == first.content
    again = await send(http, "GET", url, tenant)
    public = await http.get(f"/d/cn/{note.public_token}/pdf")
    assert again.content == first.content == public.content
    assert len(rendered) == 1

    await credit_notes.record_refund(tenant.org, note.id, {"amount": "750.00", "method": "CASH"})
    refunded = await send(http, "GET", url, tenant)
    assert len(rendered) == 2 and "Refunded $750.00" in pdf_text(refunded.content)
    assert (await send(http, "GET", url, tenant)).content == refunded.content
    assert len(rendered) == 2
