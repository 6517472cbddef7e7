"""Which documents may be e-mailed, and what recording a delivered e-mail changes."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from billing import documents, payments
from billing.errors import InvalidTransition, ValidationError
from billing.sending import SendRequest, prepare_sending
from models import Document, Organization
from models.enums import DocumentStatus, Series
from tests.billing.factories import a_client, an_invoice
from tests.conftest import Backend, Tenant

FIRST = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
LATER = datetime(2026, 3, 16, 9, 30, tzinfo=UTC)


async def record(org: Organization, document_id: str, to: str, now: datetime) -> Document:
    return await documents.record_sent(
        org, document_id, series=Series.INVOICE, recipients=[to], now=now
    )


async def test_a_draft_becomes_sent_and_a_resend_keeps_the_first_sent_at(
    db: Backend, tenant: Tenant
) -> None:
    invoice = await an_invoice(tenant.org)
    first = await record(tenant.org, invoice.id, "a@globex.example", FIRST)
    assert (first.status, first.sent_at, first.sent_to) == (
        DocumentStatus.SENT,
        FIRST,
        ["a@globex.example"],
    )
    again = await record(tenant.org, invoice.id, "b@globex.example", LATER)
    assert (again.status, again.sent_at, again.sent_to) == (
        DocumentStatus.SENT,
        FIRST,
        ["b@globex.example"],
    )


async def test_an_invoice_paid_in_part_before_sending_keeps_its_status(
    db: Backend, tenant: Tenant
) -> None:
    invoice = await an_invoice(tenant.org)
    await payments.record_payment(
        tenant.org, {"invoice_id": invoice.id, "amount": "100.00", "payment_method": "CASH"}
    )
    sent = await record(tenant.org, invoice.id, "a@globex.example", FIRST)
    assert (sent.status, sent.sent_at, sent.sent_via_email) == (
        DocumentStatus.PARTIALLY_PAID,
        FIRST,
        True,
    )


async def test_paid_and_accepted_documents_are_done_with(db: Backend, tenant: Tenant) -> None:
    client = await a_client(tenant.org, email="ap@globex.example")
    invoice = await an_invoice(tenant.org, client)
    await payments.record_payment(
        tenant.org, {"invoice_id": invoice.id, "amount": "5500.00", "payment_method": "CASH"}
    )
    with pytest.raises(
        InvalidTransition, match="is PAID: only a DRAFT, SENT, VIEWED or PARTIALLY_PAID invoice"
    ):
        await prepare_sending(tenant.org, invoice.id, series=Series.INVOICE)
    with pytest.raises(InvalidTransition):
        await record(tenant.org, invoice.id, "a@globex.example", FIRST)
    estimate = await an_invoice(tenant.org, client, series=Series.ESTIMATE)
    await documents.accept_estimate(tenant.org, estimate.id)
    with pytest.raises(
        InvalidTransition, match="is ACCEPTED: only a DRAFT, SENT or VIEWED estimate"
    ):
        await prepare_sending(tenant.org, estimate.id, series=Series.ESTIMATE)


async def test_recipients_subject_and_message_are_checked(db: Backend, tenant: Tenant) -> None:
    client = await a_client(tenant.org, email="AP@globex.example")
    invoice = await an_invoice(tenant.org, client)
    sending = await prepare_sending(
        tenant.org,
        invoice.id,
        series=Series.INVOICE,
        request=SendRequest(cc=["ap@globex.example", "cfo@globex.example"]),
    )
    # One copy per address, however it is spelled.
    assert sending.recipients == ("AP@globex.example", "cfo@globex.example")
    assert sending.subject == "Invoice INV-0001 from Acme Studio" and sending.message == ""
    for values, field in (
        ({"to": "ap@globex.example"}, "to"),
        ({"to": ['"quoted"@globex.example']}, "to[0]"),
        ({"to": ["zoë@globex.example"]}, "to[0]"),
        ({"cc": [f"p{n}@globex.example" for n in range(11)]}, "cc"),
        ({"subject": "Two\nlines"}, "subject"),
        ({"message": "x" * 5001}, "message"),
    ):
        with pytest.raises(ValidationError) as refusal:
            request = SendRequest(**values)
            await prepare_sending(tenant.org, invoice.id, series=Series.INVOICE, request=request)
        assert refusal.value.field == field, values
