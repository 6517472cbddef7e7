"""models.rows: plain reads give the models Tortoise gives, and the lists' orders walk an index."""

from __future__ import annotations

from typing import Any

import pytest
from tortoise import Tortoise
from tortoise.models import Model
from tortoise.transactions import in_transaction

from billing import clients, documents, payments
from billing.documents import DocumentFilter, DocumentSort
from billing.documents.queries import document_listing, ordering
from billing.lifecycle import Status
from billing.pagination import Listing, Ordering, _beyond, order_by
from models import ApiKey, Client, Document, LineItem, Organization, Payment
from models.enums import Series
from models.rows import Statement, table
from tests.billing.factories import a_client, an_invoice
from tests.conftest import Tenant


def _state(instance: Model) -> dict[str, Any]:
    meta = instance._meta
    return {field: getattr(instance, field) for field in meta.fields_db_projection}


@pytest.mark.parametrize("model", [Organization, ApiKey, Client, Document, LineItem, Payment])
async def test_rows_decode_every_column_as_tortoise_does(
    tenant: Tenant, model: type[Model]
) -> None:
    client = await a_client(tenant.org, "Émile & Co", email="e@example.com")
    invoice = await an_invoice(
        tenant.org,
        client,
        issue_date="2026-01-01",
        due_date="2026-02-01",
        discount_type="PERCENT",
        discount_value="5",
    )
    invoice = await documents.mark_sent(tenant.org, invoice.id, Series.INVOICE)
    await payments.record_payment(
        tenant.org,
        {
            "invoice_id": invoice.id,
            "amount": "10.5",
            "payment_method": "BANK_TRANSFER",
            "payment_date": "2026-01-05",
        },
    )
    await an_invoice(tenant.org, client)  # no due date, no discount, a draft

    rows = table(model, "r")
    statement = Statement()
    sql = f"SELECT {rows.select_list(statement)} FROM {rows.source}"
    layout = rows.layout(statement)
    plain = {row.pk: row for row in map(layout.build, await statement.fetch(sql))}
    through_tortoise = {row.pk: row for row in await model.all()}

    assert plain.keys() == through_tortoise.keys() and plain
    for key, row in plain.items():
        expected = _state(through_tortoise[key])
        assert _state(row) == expected
        # The same types, not only equal values (a Decimal, not a str; an enum, not its value).
        assert {k: type(v) for k, v in _state(row).items()} == {
            k: type(v) for k, v in expected.items()
        }


async def test_a_row_read_plainly_can_be_saved_as_tortoise_would(tenant: Tenant) -> None:
    client = await a_client(tenant.org, "Initech")
    (read,) = (await clients.clients_by_id(tenant.org, [client.id])).values()
    read.notes = "changed"
    await read.save(update_fields=["notes", "updated_at"])
    assert (await Client.get(id=client.id)).notes == "changed"


def _plan_lines(rows: list[Any]) -> list[str]:
    return [str(row[-1]) for row in rows]


@pytest.mark.parametrize("sort", list(DocumentSort))
@pytest.mark.parametrize("descending", [False, True])
async def test_every_document_order_is_read_from_an_index_not_sorted(
    tenant: Tenant, sort: DocumentSort, descending: bool
) -> None:
    listing = await document_listing(tenant.org, Series.INVOICE, DocumentFilter())
    await _assert_index_order(listing, ordering(sort, descending))


async def test_filtered_and_searched_lists_keep_their_order_index(tenant: Tenant) -> None:
    # (Ranges of dates are left out, OVERDUE's included: reading a range of due or issue dates
    # and sorting it may well be the better plan when it holds few rows, and planners choose
    # it.)
    for where in (
        DocumentFilter(status=Status.SENT),
        DocumentFilter(search="acme"),
        DocumentFilter(search="émile"),
    ):
        listing = await document_listing(tenant.org, Series.INVOICE, where)
        await _assert_index_order(listing, ordering(DocumentSort.DUE_DATE, False))


async def _assert_index_order(
    listing: Listing[Document], order: Ordering, *, ranged: bool = False
) -> None:
    """The database can give the first page of `listing` in `ordering` by walking an index:
    no sort step. PostgreSQL is asked with sorting priced out (its planner rightly prefers a
    sort for a table this small), SQLite's plan says whether it needs a temporary B-tree. With
    `ranged`, the listing's cursor condition must bound the index's range, not filter it."""
    plan = await _plan(listing, order)
    if statement_is_postgres():
        assert not any("Sort  (" in line for line in plan), plan
        assert any("idx_document_by_" in line for line in plan), plan
        if ranged:
            conds = [line for line in plan if "Index Cond" in line]
            assert any(" > " in line or " < " in line for line in conds), plan
    else:
        assert not any("TEMP B-TREE" in line for line in plan), plan
        assert any("idx_document_by_" in line for line in plan), plan
        if ranged:
            assert any(">" in line or "<" in line for line in plan), plan


def statement_is_postgres() -> bool:
    return Statement().postgres


async def _plan(listing: Listing[Document], order: Ordering) -> list[str]:
    """The plan of the first page of `listing` in `order`: PostgreSQL's with sorting priced
    out, SQLite's EXPLAIN QUERY PLAN."""
    statement = Statement()
    sql = listing.select(
        statement, tail=f"ORDER BY {order_by(order, listing.table)} LIMIT {statement(21)}"
    )
    if statement.postgres:
        async with in_transaction() as transaction:
            await transaction.execute_script("SET LOCAL enable_sort = off")
            _, rows = await transaction.execute_query(f"EXPLAIN {sql}", statement.params)
        return [row["QUERY PLAN"] for row in rows]
    conn = Tortoise.get_connection("default")
    _, rows = await conn.execute_query(f"EXPLAIN QUERY PLAN {sql}", statement.params)
    return _plan_lines(list(rows))


@pytest.mark.parametrize("sort", list(DocumentSort))
@pytest.mark.parametrize("descending", [False, True])
async def test_a_page_after_a_cursor_is_a_range_of_the_orders_index(
    tenant: Tenant, sort: DocumentSort, descending: bool
) -> None:
    client = await a_client(tenant.org)
    await an_invoice(tenant.org, client, issue_date="2026-01-01", due_date="2026-02-01")
    await an_invoice(tenant.org, client, issue_date="2026-01-01", due_date=None)
    order = ordering(sort, descending)
    listing = await document_listing(tenant.org, Series.INVOICE, DocumentFilter())
    window = await documents.window_documents(
        tenant.org, Series.INVOICE, sort=sort, descending=descending
    )
    for cursor, _ in window.edges:  # a NULL due date's cursor and a date's
        after = listing.where(_beyond(order, listing.table, cursor, "after", not descending))
        await _assert_index_order(after, order, ranged=True)


async def test_overdue_invoices_are_walked_in_the_open_invoices_own_index(tenant: Tenant) -> None:
    listing = await document_listing(
        tenant.org, Series.INVOICE, DocumentFilter(status=Status.OVERDUE)
    )
    order = ordering(DocumentSort.CREATED_AT, True)
    if statement_is_postgres():
        plan = await _plan(listing, order)
        assert any("idx_document_open" in line for line in plan), plan
        return
    # SQLite's choice on an empty table says little; that it can use the partial index at all
    # (INDEXED BY fails the statement otherwise) is what the conditions decide.
    statement = Statement()
    sql = listing.select(statement, tail=f"ORDER BY {order_by(order, listing.table)} LIMIT 21")
    forced = sql.replace('"document" AS "d"', '"document" AS "d" INDEXED BY "idx_document_open"')
    conn = Tortoise.get_connection("default")
    _, rows = await conn.execute_query(f"EXPLAIN QUERY PLAN {forced}", statement.params)
    plan = _plan_lines(list(rows))
    assert any("idx_document_open" in line for line in plan), plan
    assert not any("TEMP B-TREE" in line for line in plan), plan
