"""Credit notes under concurrency: issued at once, they never credit more than the invoice's
total, none is lost, and their numbers are gap-free; with payments at once, neither overpays.
And together they credit an invoice exactly, to the unit."""

from __future__ import annotations

import asyncio
import contextlib
import random
from decimal import Decimal

from billing import credit_notes, documents, lifecycle, payments, tax_rates
from billing.errors import OverCredit, Overpayment
from models import CreditNote, CreditNoteLine, Document, Payment
from models.enums import DocumentStatus, Series, TaxRounding
from models.taxes import TaxLine
from tests.billing.factories import a_client, a_sent_document, an_invoice
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
    assert (lifecycle.amount_due(stored) <= 0) == (stored.status is DocumentStatus.PAID)


async def test_credit_notes_credit_the_invoice_exactly_once_all_is_credited(
    tenant: Tenant,
) -> None:
    """Over random invoices (rates, compound taxes, discounts, inclusive prices, both rounding
    modes) credited in random parts and then for all that is left: the credit notes' nets,
    taxes and breakdown rows add up to the invoice's to the unit, and each note's breakdown
    to its own tax."""
    rng = random.Random(20261203)
    org = tenant.org
    vat = await tax_rates.create_tax_rate(org, {"name": "VAT 20%", "rate": "20"})
    gst = await tax_rates.create_tax_rate(org, {"name": "GST", "rate": "5"})
    qst = await tax_rates.create_tax_rate(org, {"name": "QST", "rate": "9.975", "compound": True})
    client = await a_client(org)
    for case in range(12):
        org.tax_rounding = rng.choice(list(TaxRounding))
        await org.save(update_fields=["tax_rounding", "updated_at"])
        lines = [
            {
                "description": f"Line {n}",
                "quantity": rng.choice(["1", "3", "7", "0.5", "12.25"]),
                "unit_price": str(Decimal(rng.randint(1, 99_999)) / 100),
                "tax_rate_ids": rng.choice([[], [vat.id], [gst.id, qst.id], [vat.id, gst.id]]),
            }
            for n in range(rng.randint(1, 4))
        ]
        draft = await an_invoice(
            org,
            client,
            line_items=lines,
            prices_include_tax=rng.random() < 0.5,
            discount_type="PERCENT",
            discount_value=rng.choice(["0", "10", "33.3"]),
        )
        invoice = await documents.mark_sent(org, draft.id, Series.INVOICE)
        for _ in range(rng.randint(0, 4)):
            part: dict[str, object] = rng.choice(
                [
                    {"amount": str(Decimal(rng.randint(1, 300_00)) / 100)},
                    {"lines": [{"line_index": 0, "quantity": "0.5"}]},
                    {"lines": [{"line_index": len(lines) - 1}]},
                    {"lines": [{"line_index": 0, "amount": "0.03"}]},
                ]
            )
            with contextlib.suppress(OverCredit):
                await credit_notes.create_credit_note(org, {"invoice_id": invoice.id, **part})
        with contextlib.suppress(OverCredit):  # (unless the parts took it all)
            await credit_notes.create_credit_note(org, {"invoice_id": invoice.id})

        notes = await CreditNote.filter(invoice_id=invoice.id)
        credited = await CreditNoteLine.filter(credit_note_id__in=[note.id for note in notes])
        stored = await documents.get_document(org, invoice.id, Series.INVOICE)
        context = f"case {case}: {lines}, {stored.tax_rounding}"
        assert sum(note.total for note in notes) == stored.total == stored.amount_credited
        assert sum(note.tax_total for note in notes) == stored.tax_total, context
        assert sum(note.subtotal for note in notes) == stored.total - stored.tax_total, context
        for position, line in enumerate(documents.lines_of(stored)):
            of_line = [row for row in credited if row.invoice_line == position]
            assert sum(row.tax for row in of_line) == line.tax, context
        by_tax: dict[object, list[Decimal]] = {}
        for note in notes:
            rows = [TaxLine.from_json(row) for row in note.tax_breakdown]
            assert sum(row.tax_amount for row in rows) == note.tax_total, context
            for row in rows:
                sums = by_tax.setdefault(row.tax, [Decimal(0), Decimal(0)])
                sums[0] += row.taxable_amount
                sums[1] += row.tax_amount
        invoice_rows = documents.tax_lines(stored, documents.lines_of(stored))
        assert {row.tax: [row.taxable_amount, row.tax_amount] for row in invoice_rows} == {
            tax: sums for tax, sums in by_tax.items() if any(sums)
        }, context
