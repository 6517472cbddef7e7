"""Credit notes under concurrency: issued at once, they never credit more than the invoice's
total, none is lost, and their numbers are gap-free; with payments at once, neither overpays."""

from __future__ import annotations

import asyncio
from decimal import Decimal

from billing import credit_notes, payments
from billing.errors import OverCredit, Overpayment
from models import CreditNote, CreditNoteLine, Document, Payment
from models.enums import DocumentStatus
from tests.billing.factories import a_sent_document
from tests.conftest import Tenant


async def test_credit_notes_issued_at_once_never_credit_more_than_the_total(
    tenant: Tenant,
) -> None:
    invoice = await a_sent_document(tenant.org)  # total 5500.00
    # 10 credits of 1650.00 (30 %): exactly 3 fit (4950.00), a 4th would credit 6600.00.
    results = await asyncio.wait_for(
        asyncio.gather(
            *(
                credit_notes.create_credit_note(
                    tenant.org, {"invoice_id": invoice.id, "amount": "1650.00"}
                )
                for _ in range(10)
            ),
            return_exceptions=True,
        ),
        timeout=120,
    )
    issued = [r for r in results if isinstance(r, CreditNote)]
    refused = [r for r in results if isinstance(r, OverCredit)]
    assert (len(issued), len(refused)) == (3, 7), results
    stored = await Document.get(id=invoice.id)
    notes = await CreditNote.filter(invoice_id=invoice.id).order_by("number")
    assert [note.number for note in notes] == ["CN-0001", "CN-0002", "CN-0003"]
    lines = await CreditNoteLine.filter(credit_note_id__in=[note.id for note in notes])
    assert sum(line.amount for line in lines) == stored.amount_credited == Decimal("4950.00")
    assert stored.status is DocumentStatus.PARTIALLY_PAID
    # What is left is still creditable, and then nothing is.
    last = await credit_notes.create_credit_note(tenant.org, {"invoice_id": invoice.id})
    assert last.total == Decimal("550.00")
    assert (await Document.get(id=invoice.id)).status is DocumentStatus.PAID


async def test_two_credits_of_everything_at_once_make_one(tenant: Tenant) -> None:
    invoice = await a_sent_document(tenant.org)
    results = await asyncio.wait_for(
        asyncio.gather(
            *(
                credit_notes.create_credit_note(tenant.org, {"invoice_id": invoice.id})
                for _ in "ab"
            ),
            return_exceptions=True,
        ),
        timeout=60,
    )
    assert sorted(type(r).__name__ for r in results) == ["CreditNote", "OverCredit"], results
    assert (await Document.get(id=invoice.id)).amount_credited == Decimal("5500.00")


async def test_credits_and_payments_at_once_never_overpay(tenant: Tenant) -> None:
    invoice = await a_sent_document(tenant.org)  # 5500.00
    credits = [
        credit_notes.create_credit_note(tenant.org, {"invoice_id": invoice.id, "amount": "1000"})
        for _ in range(4)
    ]
    paid = [
        payments.record_payment(
            tenant.org, {"invoice_id": invoice.id, "amount": "1000", "payment_method": "CASH"}
        )
        for _ in range(4)
    ]
    results = await asyncio.wait_for(
        asyncio.gather(*credits, *paid, return_exceptions=True), timeout=120
    )
    assert all(isinstance(r, CreditNote | Payment | Overpayment) for r in results), results
    stored = await Document.get(id=invoice.id)
    # Credits are bounded by the total only; payments by what credits and payments leave.
    assert stored.amount_credited == Decimal(4000)
    rows = await Payment.filter(document_id=invoice.id)
    assert sum(p.amount for p in rows) == stored.amount_paid
    # Each refused payment found less than 1000.00 due: then at least 4500.00 was settled.
    refused = sum(isinstance(r, Overpayment) for r in results)
    assert len(rows) + refused == 4 and len(rows) >= 1
    if refused:
        assert stored.amount_paid + stored.amount_credited > stored.total - Decimal(1000)
    assert (payments.amount_due(stored) <= 0) == (stored.status is DocumentStatus.PAID)
