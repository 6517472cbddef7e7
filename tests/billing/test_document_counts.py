"""A list's total without a count of its rows: the database counts documents as they come and go
(models.DocumentCount, migration 4), and an unfiltered list's total is that count."""

from __future__ import annotations

import asyncio
from datetime import date

from tortoise.transactions import in_transaction

from billing import documents
from billing.documents import DocumentFilter
from billing.pagination import PageRequest, Window
from billing.plans import UNLIMITED
from models import Document, DocumentCount
from models.enums import Series
from tests.billing.factories import a_client, a_document_row, an_invoice
from tests.conftest import Tenant


async def _kept(tenant: Tenant) -> dict[bool, int]:
    rows = await DocumentCount.filter(organization_id=tenant.org.id)
    return {row.is_estimate: row.documents for row in rows if row.documents}


async def _counted(tenant: Tenant) -> dict[bool, int]:
    rows = Document.filter(organization_id=tenant.org.id)
    flags = [row.is_estimate for row in await rows]
    return {flag: flags.count(flag) for flag in set(flags)}


async def test_every_way_a_document_comes_or_goes_is_counted(
    tenant: Tenant, other_tenant: Tenant
) -> None:
    client = await a_client(tenant.org)
    invoices = [await an_invoice(tenant.org, client) for _ in range(3)]
    estimate = await an_invoice(tenant.org, client, series=Series.ESTIMATE)
    await an_invoice(other_tenant.org)
    await documents.mark_sent(tenant.org, estimate.id, Series.ESTIMATE)
    await documents.convert_estimate(tenant.org, estimate.id, plan=UNLIMITED)
    await documents.delete_document(tenant.org, invoices[0].id, Series.INVOICE)
    await a_document_row(tenant.org, client, "RAW-1")  # written past billing: counted too
    # A write rolled back counts nothing.
    try:
        async with in_transaction() as conn:
            await Document.create(
                using_db=conn,
                organization=tenant.org,
                client=client,
                number="ROLLED-BACK",
                currency="USD",
                minor_units=2,
                issue_date=invoices[1].issue_date,
                public_token="rolled-back-token",
            )
            raise RuntimeError("roll back")
    except RuntimeError:
        pass

    assert await _kept(tenant) == await _counted(tenant) == {False: 4, True: 1}
    page = await documents.list_documents(tenant.org, Series.INVOICE)
    assert page.total == 4
    both = await documents.list_documents(tenant.org, None, page=PageRequest(limit=1))
    assert both.total == 5
    window = await documents.window_documents(tenant.org, Series.ESTIMATE, window=Window(first=1))
    assert await window.count() == 1
    # A filtered list is counted by its rows.
    drafts = await documents.list_documents(
        tenant.org, Series.INVOICE, DocumentFilter(search="RAW")
    )
    assert drafts.total == 1


async def test_documents_created_at_once_are_each_counted(tenant: Tenant) -> None:
    client = await a_client(tenant.org)
    await asyncio.gather(*(an_invoice(tenant.org, client) for _ in range(12)))
    assert (await documents.list_documents(tenant.org, Series.INVOICE)).total == 12
    assert await _kept(tenant) == {False: 12}


async def test_rows_inserted_and_deleted_by_one_statement_are_each_counted(tenant: Tenant) -> None:
    client = await a_client(tenant.org)
    made = [
        Document(
            organization=tenant.org,
            client=client,
            is_estimate=i % 3 == 0,
            number=f"BULK-{i}",
            currency="USD",
            minor_units=2,
            issue_date=date(2026, 1, 1),
            public_token=f"bulk-token-{tenant.org.id}-{i}",
        )
        for i in range(9)
    ]
    await Document.bulk_create(made)  # one INSERT of nine rows
    assert await _kept(tenant) == await _counted(tenant) == {False: 6, True: 3}
    await Document.filter(organization_id=tenant.org.id, number__startswith="BULK-1").delete()
    await Document.filter(organization_id=tenant.org.id, is_estimate=True).delete()
    assert await _kept(tenant) == await _counted(tenant) == {False: 5}
