"""Payments: exact, never above the total, never lost, status and paidAt following."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import pytest

from billing import documents, payments
from billing.errors import (
    CurrencyMismatch,
    InvalidTransition,
    NotFound,
    Overpayment,
    ValidationError,
)
from billing.payments import PaymentFilter
from models import Document, Payment
from models.enums import DocumentStatus, PaymentMethod, Series
from tests.billing.factories import a_client, an_invoice
from tests.conftest import Tenant

NOW = datetime(2026, 5, 4, 12, 0, tzinfo=UTC)


async def pay(tenant: Tenant, invoice: Document, amount: str, **values: Any) -> Payment:
    return await payments.record_payment(
        tenant.org,
        {"invoice_id": invoice.id, "amount": amount, "payment_method": "BANK_TRANSFER", **values},
        now=NOW,
    )


async def test_partial_then_full_payment(tenant: Tenant) -> None:
    invoice = await an_invoice(tenant.org)  # total 5500.00
    await documents.mark_sent(tenant.org, invoice.id, series=Series.INVOICE)
    first = await pay(tenant, invoice, "2000.00", note="first half")
    assert first.payment_date == NOW.date() and first.currency == "USD"
    stored = await Document.get(id=invoice.id)
    assert stored.status is DocumentStatus.PARTIALLY_PAID and stored.amount_paid == 2000
    assert stored.paid_at is None
    await pay(tenant, invoice, "3500", payment_date="2026-05-01")
    stored = await Document.get(id=invoice.id)
    assert stored.status is DocumentStatus.PAID and stored.paid_at == NOW
    assert stored.amount_paid == Decimal("5500")


async def test_deleting_a_payment_recomputes_from_what_remains(tenant: Tenant) -> None:
    invoice = await an_invoice(tenant.org)
    await documents.mark_sent(tenant.org, invoice.id, series=Series.INVOICE)
    first = await pay(tenant, invoice, "5000")
    second = await pay(tenant, invoice, "500")
    await payments.delete_payment(tenant.org, second.id)
    stored = await Document.get(id=invoice.id)
    assert stored.status is DocumentStatus.PARTIALLY_PAID and stored.paid_at is None
    await payments.delete_payment(tenant.org, first.id)
    stored = await Document.get(id=invoice.id)
    assert stored.status is DocumentStatus.SENT and stored.amount_paid == 0


async def test_a_payment_on_a_draft_takes_it_out_of_draft(tenant: Tenant) -> None:
    invoice = await an_invoice(tenant.org)
    await pay(tenant, invoice, "1")
    assert (await Document.get(id=invoice.id)).status is DocumentStatus.PARTIALLY_PAID


@pytest.mark.parametrize(
    ("values", "error", "field"),
    [
        ({"amount": "5500.01"}, Overpayment, "amount"),
        ({"amount": "0"}, ValidationError, "amount"),
        ({"amount": "-5"}, ValidationError, "amount"),
        ({"amount": "1.001"}, ValidationError, "amount"),
        ({"amount": "NaN"}, ValidationError, "amount"),
        ({"amount": "10", "currency": "EUR"}, CurrencyMismatch, "currency"),
        ({"amount": "10", "currency": "nope"}, ValidationError, "currency"),
        ({"amount": "10", "payment_method": "BITCOIN"}, ValidationError, "paymentMethod"),
        ({"amount": "10", "payment_date": "yesterday"}, ValidationError, "paymentDate"),
        ({"amount": "10", "invoice_id": "inv_nope"}, NotFound, "invoiceId"),
        ({"amount": "10", "tip": "1"}, ValidationError, "tip"),
    ],
)
async def test_refused_payments_change_nothing(
    tenant: Tenant, values: dict[str, str], error: type[Exception], field: str
) -> None:
    invoice = await an_invoice(tenant.org)
    with pytest.raises(error) as info:
        await pay(tenant, invoice, **{"amount": "1", **values})
    assert getattr(info.value, "field", None) == field
    stored = await Document.get(id=invoice.id)
    assert stored.status is DocumentStatus.DRAFT and stored.amount_paid == 0
    assert await Payment.all().count() == 0


async def test_estimates_and_void_invoices_take_no_payments(tenant: Tenant) -> None:
    estimate = await an_invoice(tenant.org, series=Series.ESTIMATE)
    with pytest.raises(ValidationError, match="Estimate"):
        await pay(tenant, estimate, "1")
    void = await an_invoice(tenant.org)
    await documents.void_document(tenant.org, void.id, series=Series.INVOICE)
    with pytest.raises(InvalidTransition, match="VOID"):
        await pay(tenant, void, "1")
    assert await Payment.all().count() == 0


async def test_other_organizations_cannot_pay_or_see_payments(
    tenant: Tenant, other_tenant: Tenant
) -> None:
    invoice = await an_invoice(tenant.org)
    payment = await pay(tenant, invoice, "1")
    with pytest.raises(NotFound):
        await payments.record_payment(
            other_tenant.org,
            {"invoice_id": invoice.id, "amount": "1", "payment_method": "CASH"},
        )
    with pytest.raises(NotFound):
        await payments.delete_payment(other_tenant.org, payment.id)
    assert (await payments.list_payments(other_tenant.org)).total == 0


async def test_japanese_yen_takes_whole_amounts(tenant: Tenant) -> None:
    invoice = await an_invoice(
        tenant.org,
        currency="JPY",
        line_items=[{"description": "x", "quantity": "3", "unit_price": "333.5"}],
    )
    assert invoice.total == Decimal("1001")
    with pytest.raises(ValidationError, match="JPY"):
        await pay(tenant, invoice, "1.5")
    await pay(tenant, invoice, "1001")
    assert (await Document.get(id=invoice.id)).status is DocumentStatus.PAID


async def test_twenty_concurrent_payments_never_overpay_and_none_is_lost(tenant: Tenant) -> None:
    invoice = await an_invoice(tenant.org)  # total 5500.00
    # 20 payments of 400.00 = 8000.00: exactly 13 fit (5200.00), the 14th would overpay.
    results = await asyncio.wait_for(
        asyncio.gather(
            *(pay(tenant, invoice, "400.00") for _ in range(20)), return_exceptions=True
        ),
        timeout=120,
    )
    succeeded = [r for r in results if isinstance(r, Payment)]
    refused = [r for r in results if isinstance(r, Overpayment)]
    assert (len(succeeded), len(refused)) == (13, 7), results
    stored = await Document.get(id=invoice.id)
    rows = await Payment.filter(document_id=invoice.id)
    assert {p.id for p in rows} == {p.id for p in succeeded}
    assert sum(p.amount for p in rows) == stored.amount_paid == Decimal("5200.00")
    assert stored.status is DocumentStatus.PARTIALLY_PAID
    await pay(tenant, invoice, "300.00")
    assert (await Document.get(id=invoice.id)).status is DocumentStatus.PAID


async def test_listing_filters(tenant: Tenant) -> None:
    client = await a_client(tenant.org)
    first = await an_invoice(tenant.org, client)
    second = await an_invoice(tenant.org, client)
    other = await an_invoice(tenant.org)
    await pay(tenant, other, "3", payment_date="2025-12-01")
    await pay(tenant, first, "1", payment_date="2026-01-10", payment_method="CASH")
    await pay(tenant, second, "2", payment_date="2026-02-10")
    everything = await payments.list_payments(tenant.org)
    assert [p.amount for p in everything.items] == [Decimal("2"), Decimal("1"), Decimal("3")]
    assert (await payments.list_payments(tenant.org, PaymentFilter(invoice_id=first.id))).total == 1
    cash = await payments.list_payments(
        tenant.org, PaymentFilter(payment_method=PaymentMethod.CASH)
    )
    assert [p.document_id for p in cash.items] == [first.id]
    february = await payments.list_payments(tenant.org, PaymentFilter(date_from=date(2026, 2, 1)))
    assert [p.document_id for p in february.items] == [second.id]
    by_client = await payments.list_payments(tenant.org, PaymentFilter(client_id=first.client_id))
    assert by_client.total == 2


async def test_an_invoice_takes_at_most_the_maximum_of_payments(
    tenant: Tenant, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(payments, "MAX_PAYMENTS_PER_INVOICE", 3)
    invoice = await an_invoice(tenant.org)
    for _ in range(3):
        await pay(tenant, invoice, "1.00")
    with pytest.raises(ValidationError, match="already has 3 payments") as caught:
        await pay(tenant, invoice, "1.00")
    assert caught.value.field == "invoiceId"
    stored = await Document.get(id=invoice.id)
    assert (
        stored.amount_paid == Decimal("3")
        and await Payment.filter(document_id=invoice.id).count() == 3
    )
