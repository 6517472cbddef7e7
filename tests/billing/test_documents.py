"""Invoices and estimates: totals stored exactly, numbering under concurrency, drafts only,
deletion rules and estimate conversion."""

from __future__ import annotations

import asyncio
from decimal import Decimal
from typing import Any

import pytest
from tortoise.exceptions import NoValuesFetched

from billing import documents, payments
from billing.errors import (
    AlreadyConverted,
    DuplicateNumber,
    HasPayments,
    NotEditable,
    NotFound,
    ValidationError,
)
from billing.plans import UNLIMITED
from models import Document, LineItem, Payment
from models.enums import DocumentStatus, Series
from tests.billing.factories import WORKED_LINE, a_client, an_invoice
from tests.conftest import Tenant


async def test_the_worked_example_is_stored_exactly(tenant: Tenant) -> None:
    invoice = await an_invoice(tenant.org)
    stored = await Document.get(id=invoice.id)
    assert stored.status is DocumentStatus.DRAFT and not stored.is_estimate
    assert (stored.subtotal, stored.tax_total, stored.discount_total, stored.total) == (
        Decimal("5000"),
        Decimal("500"),
        Decimal("0"),
        Decimal("5500"),
    )
    (line,) = await LineItem.filter(document_id=stored.id)
    assert (line.amount, line.tax, line.discount) == (Decimal(5000), Decimal(500), Decimal(0))
    assert stored.number == "INV-0001" and stored.id.startswith("inv_")
    assert len(stored.public_token) >= 32


async def test_discount_and_invoice_level_tax(tenant: Tenant) -> None:
    invoice = await an_invoice(
        tenant.org,
        line_items=[{"description": "x", "quantity": "40", "unit_price": "125.00"}],
        discount_type="PERCENT",
        discount_value="10",
        tax="7.5",
    )
    assert (invoice.discount_total, invoice.tax_total, invoice.total) == (
        Decimal("500.00"),
        Decimal("337.50"),
        Decimal("4837.50"),
    )


async def test_totals_sent_by_the_client_are_not_fields(tenant: Tenant) -> None:
    client = await a_client(tenant.org)
    with pytest.raises(ValidationError) as info:
        await documents.create_document(
            tenant.org,
            {"client_id": client.id, "line_items": [WORKED_LINE], "total": "1"},
            series=Series.INVOICE,
            plan=UNLIMITED,
        )
    assert info.value.field == "total"


@pytest.mark.parametrize(
    ("line", "field"),
    [
        ({"description": "x", "quantity": "NaN", "unit_price": "1"}, "lineItems[0].quantity"),
        ({"description": "x", "quantity": "1", "unit_price": "-1"}, "lineItems[0].unitPrice"),
        (
            {"description": "x", "quantity": "1", "unit_price": "1", "tax_rate": "101"},
            "lineItems[0].taxRate",
        ),
        ({"description": "", "quantity": "1", "unit_price": "1"}, "lineItems[0].description"),
        ({"quantity": "1", "unit_price": "1"}, "lineItems[0].description"),
        (
            {"description": "x", "quantity": "1", "unit_price": "1", "colour": "red"},
            "lineItems[0].colour",
        ),
        ({"description": "x", "quantity": "1e9999", "unit_price": "1"}, "lineItems[0].quantity"),
    ],
)
async def test_bad_lines_are_refused_before_anything_is_stored(
    tenant: Tenant, line: dict[str, str], field: str
) -> None:
    client = await a_client(tenant.org)
    with pytest.raises(ValidationError) as info:
        await documents.create_document(
            tenant.org,
            {"client_id": client.id, "line_items": [line]},
            series=Series.INVOICE,
            plan=UNLIMITED,
        )
    assert info.value.field == field
    assert await Document.all().count() == 0


async def test_too_many_lines_are_refused(tenant: Tenant) -> None:
    line = {"description": "x", "quantity": "1", "unit_price": "1"}
    with pytest.raises(ValidationError, match="at most 500"):
        await an_invoice(tenant.org, line_items=[line] * 501)


async def test_header_validation(tenant: Tenant) -> None:
    cases: list[tuple[dict[str, Any], str]] = [
        ({"currency": "ABC"}, "currency"),
        ({"issue_date": "2026-02-30"}, "issueDate"),
        ({"issue_date": "2026-03-10", "due_date": "2026-03-01"}, "dueDate"),
        ({"discount_type": "BOGUS"}, "discountType"),
        ({"discount_value": "5"}, "discountType"),
        ({"discount_type": "PERCENT", "discount_value": "150"}, "discountValue"),
        ({"tax": "-1"}, "tax"),
        ({"number": "   "}, "number"),
    ]
    client = await a_client(tenant.org)
    for values, field in cases:
        with pytest.raises(ValidationError) as info:
            await an_invoice(tenant.org, client, **values)
        assert info.value.field == field, values
    assert await Document.all().count() == 0


async def test_another_organizations_client_is_not_found(
    tenant: Tenant, other_tenant: Tenant
) -> None:
    theirs = await a_client(other_tenant.org)
    with pytest.raises(NotFound):
        await an_invoice(tenant.org, theirs)


async def test_numbers_follow_the_series_and_given_numbers_are_taken_as_is(
    tenant: Tenant,
) -> None:
    client = await a_client(tenant.org)
    first = await an_invoice(tenant.org, client)
    given = await an_invoice(tenant.org, client, number="SPECIAL-7")
    second = await an_invoice(tenant.org, client)
    estimate = await an_invoice(tenant.org, client, series=Series.ESTIMATE)
    assert [first.number, given.number, second.number] == ["INV-0001", "SPECIAL-7", "INV-0002"]
    assert estimate.number == "EST-0001" and estimate.id.startswith("est_")
    with pytest.raises(DuplicateNumber):
        await an_invoice(tenant.org, client, number="INV-0001")
    # The same number in the other series is fine.
    assert (await an_invoice(tenant.org, client, number="INV-0001", series=Series.ESTIMATE)).number


async def test_fifty_concurrent_creations_get_fifty_distinct_numbers(tenant: Tenant) -> None:
    client = await a_client(tenant.org)
    created = await asyncio.wait_for(
        asyncio.gather(*(an_invoice(tenant.org, client) for _ in range(50))), timeout=120
    )
    numbers = sorted(d.number for d in created)
    assert numbers == [f"INV-{i:04d}" for i in range(1, 51)]
    assert await Document.filter(organization_id=tenant.org.id).count() == 50


async def test_concurrent_duplicate_given_numbers_make_one_document(tenant: Tenant) -> None:
    client = await a_client(tenant.org)
    results = await asyncio.gather(
        *(an_invoice(tenant.org, client, number="X-1") for _ in range(5)), return_exceptions=True
    )
    assert sum(isinstance(r, Document) for r in results) == 1
    assert all(isinstance(r, Document | DuplicateNumber) for r in results)


async def test_update_replaces_lines_and_recomputes(tenant: Tenant) -> None:
    invoice = await an_invoice(tenant.org)
    updated = await documents.update_document(
        tenant.org,
        invoice.id,
        {"line_items": [{**WORKED_LINE, "quantity": "50"}]},
        series=Series.INVOICE,
    )
    assert updated.total == Decimal("6875.00")
    assert await LineItem.filter(document_id=invoice.id).count() == 1
    noted = await documents.update_document(
        tenant.org, invoice.id, {"notes": "Thanks!", "tax": "5"}, series=Series.INVOICE
    )
    # Lines kept; 6250.00 taxed at the line's 10% plus the new invoice-level 5%.
    assert noted.notes == "Thanks!" and noted.total == Decimal("7187.50")


async def test_only_drafts_are_editable(tenant: Tenant) -> None:
    invoice = await an_invoice(tenant.org)
    await documents.mark_sent(tenant.org, invoice.id, series=Series.INVOICE)
    with pytest.raises(NotEditable, match="SENT"):
        await documents.update_document(
            tenant.org, invoice.id, {"notes": "x"}, series=Series.INVOICE
        )
    assert (await Document.get(id=invoice.id)).notes == ""


async def test_invoices_and_estimates_do_not_mix(tenant: Tenant) -> None:
    estimate = await an_invoice(tenant.org, series=Series.ESTIMATE)
    with pytest.raises(NotFound):
        await documents.get_document(tenant.org, estimate.id, series=Series.INVOICE)


async def test_a_document_read_without_lines_has_its_parties_and_no_lines(
    tenant: Tenant,
) -> None:
    invoice = await an_invoice(tenant.org)
    read = await documents.get_document(tenant.org, invoice.id, Series.INVOICE, with_lines=False)
    assert (read.client.name, read.organization.id) == (invoice.client.name, tenant.org.id)
    with pytest.raises(NoValuesFetched):
        documents.lines_of(read)
    with pytest.raises(NotFound):
        await documents.get_document(tenant.org, invoice.id, Series.ESTIMATE, with_lines=False)


async def test_delete_removes_lines_and_is_refused_with_payments(tenant: Tenant) -> None:
    draft = await an_invoice(tenant.org)
    await documents.delete_document(tenant.org, draft.id, series=Series.INVOICE)
    assert not await Document.exists(id=draft.id)
    assert await LineItem.filter(document_id=draft.id).count() == 0

    paid = await an_invoice(tenant.org)
    await payments.record_payment(
        tenant.org, {"invoice_id": paid.id, "amount": "10", "payment_method": "CASH"}
    )
    with pytest.raises(HasPayments, match="void"):
        await documents.delete_document(tenant.org, paid.id, series=Series.INVOICE)
    assert await Document.exists(id=paid.id)


async def test_conversion_copies_the_estimate_once(tenant: Tenant) -> None:
    estimate = await an_invoice(
        tenant.org,
        series=Series.ESTIMATE,
        discount_type="FLAT",
        discount_value="100",
        tax="5",
        notes="N",
        terms="T",
    )
    invoice = await documents.convert_estimate(tenant.org, estimate.id, plan=UNLIMITED)
    assert invoice.status is DocumentStatus.DRAFT and invoice.number == "INV-0001"
    assert invoice.source_estimate_id == estimate.id
    assert (invoice.total, invoice.notes, invoice.terms) == (estimate.total, "N", "T")
    assert (invoice.discount_type, invoice.discount_value) == (
        estimate.discount_type,
        estimate.discount_value,
    )
    assert [line.description for line in documents.lines_of(invoice)] == ["Design work"]
    accepted = await Document.get(id=estimate.id)
    assert accepted.status is DocumentStatus.ACCEPTED and accepted.accepted_at is not None
    with pytest.raises(AlreadyConverted, match=invoice.number):
        await documents.convert_estimate(tenant.org, estimate.id, plan=UNLIMITED)


async def test_concurrent_double_conversion_makes_one_invoice(tenant: Tenant) -> None:
    estimate = await an_invoice(tenant.org, series=Series.ESTIMATE)
    results = await asyncio.gather(
        *(documents.convert_estimate(tenant.org, estimate.id, plan=UNLIMITED) for _ in range(4)),
        return_exceptions=True,
    )
    assert sum(isinstance(r, Document) for r in results) == 1
    assert all(isinstance(r, Document | AlreadyConverted) for r in results), results
    assert await Document.filter(source_estimate_id=estimate.id).count() == 1


async def test_list_search_filters_and_sort(tenant: Tenant) -> None:
    acme = await a_client(tenant.org, "Acme", email="ap@acme.test")
    zeta = await a_client(tenant.org, "Zeta", email="billing@zeta.test")
    small = await an_invoice(
        tenant.org, acme, line_items=[{"description": "a", "quantity": "1", "unit_price": "9"}]
    )
    big = await an_invoice(
        tenant.org, zeta, line_items=[{"description": "b", "quantity": "1", "unit_price": "10"}]
    )
    await an_invoice(tenant.org, zeta, series=Series.ESTIMATE)

    page = await documents.list_documents(
        tenant.org, series=Series.INVOICE, where=documents.DocumentFilter(search="acme")
    )
    assert [d.id for d in page.items] == [small.id] and page.items[0].client.name == "Acme"
    by_client = await documents.list_documents(
        tenant.org, series=Series.INVOICE, where=documents.DocumentFilter(client_id=zeta.id)
    )
    assert [d.id for d in by_client.items] == [big.id]
    by_total = await documents.list_documents(
        tenant.org, series=Series.INVOICE, sort=documents.DocumentSort.TOTAL
    )
    # Numeric order (10 before 9 as text, 9 before 10 as numbers).
    assert [d.id for d in by_total.items] == [big.id, small.id]


async def test_demo_data_covers_the_lifecycle(db: object) -> None:
    from billing.demo import create_demo
    from billing.lifecycle import Status, effective_status, today_in

    org, secret = await create_demo()
    docs = await Document.filter(organization_id=org.id)
    today = today_in(org)
    statuses = {effective_status(d, today) for d in docs if not d.is_estimate}
    assert statuses == {
        Status.DRAFT,
        Status.SENT,
        Status.PARTIALLY_PAID,
        Status.PAID,
        Status.OVERDUE,
        Status.VOID,
    }
    estimates = [d for d in docs if d.is_estimate]
    assert {e.status for e in estimates} == {DocumentStatus.ACCEPTED, DocumentStatus.SENT}
    assert await Payment.filter(organization_id=org.id).count() == 2
    assert secret.startswith("cinv_")
