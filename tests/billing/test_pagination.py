"""Keyset windows: every sort walks the whole list in order, forward and backward, on both
databases; cursors survive inserts; bad cursors and sizes are refused by name."""

from __future__ import annotations

import base64
import json
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest

from billing import clients, documents
from billing.documents import DocumentFilter, DocumentSort
from billing.errors import ValidationError
from billing.pagination import MAX_PAGE_SIZE, PageRequest, Window
from models import Document
from models.enums import Series
from tests.billing.factories import a_client, an_invoice
from tests.conftest import Tenant
from tests.graph.test_query_count import counting_queries

# Totals whose text order differs from their numeric order, and ties on every key.
PRICES = ["9", "10", "100.5", "2", "10", "0.99", "1000", "9"]


async def _documents(tenant: Tenant) -> list[Document]:
    client = await a_client(tenant.org, "Initech")
    made = []
    for i, price in enumerate(PRICES):
        due = None if i % 3 == 0 else date(2026, 3, 1) + timedelta(days=i % 2)
        line = {"description": "Work", "quantity": "1", "unit_price": price}
        made.append(
            await an_invoice(
                tenant.org,
                client,
                line_items=[line],
                number=f"N-{(i * 7) % 10:02d}-{i}",
                due_date=due and due.isoformat(),
                issue_date=date(2026, 1, 1 + i % 4).isoformat(),
            )
        )
    return made


def _expected(made: list[Document], sort: DocumentSort, descending: bool) -> list[str]:
    def key(doc: Document) -> tuple[Any, ...]:
        if sort is DocumentSort.CREATED_AT:
            return (doc.id,)
        value = getattr(doc, sort.value.lower())
        # NULLs sort after every value ascending.
        return (value is None, value or 0, doc.id)

    ordered = sorted(made, key=key)
    return [doc.id for doc in (reversed(ordered) if descending else ordered)]


async def _walk(tenant: Tenant, sort: DocumentSort, descending: bool, size: int) -> list[str]:
    seen: list[str] = []
    after = None
    for _ in range(len(PRICES) + 2):
        window = Window(first=size, after=after)
        page = await documents.window_documents(
            tenant.org, series=Series.INVOICE, sort=sort, descending=descending, window=window
        )
        seen += [doc.id for _, doc in page.edges]
        assert page.has_previous_page is (after is not None)
        if not page.has_next_page:
            return seen
        after = page.end_cursor
    raise AssertionError("the walk did not end")


async def _walk_back(tenant: Tenant, sort: DocumentSort, descending: bool, size: int) -> list[str]:
    seen: list[str] = []
    before = None
    for _ in range(len(PRICES) + 2):
        window = Window(last=size, before=before)
        page = await documents.window_documents(
            tenant.org, series=Series.INVOICE, sort=sort, descending=descending, window=window
        )
        seen = [doc.id for _, doc in page.edges] + seen
        assert page.has_next_page is (before is not None)
        if not page.has_previous_page:
            return seen
        before = page.start_cursor
    raise AssertionError("the walk did not end")


@pytest.mark.parametrize("descending", [False, True], ids=["asc", "desc"])
@pytest.mark.parametrize("sort", list(DocumentSort))
async def test_every_sort_walks_the_whole_list_in_order(
    tenant: Tenant, sort: DocumentSort, descending: bool
) -> None:
    made = await _documents(tenant)
    expected = _expected(made, sort, descending)
    assert await _walk(tenant, sort, descending, 3) == expected
    assert await _walk_back(tenant, sort, descending, 3) == expected
    # Offset pages (REST) order the same way.
    page = await documents.list_documents(
        tenant.org,
        series=Series.INVOICE,
        sort=sort,
        descending=descending,
        page=PageRequest(1, 100),
    )
    assert [doc.id for doc in page.items] == expected


async def test_totals_order_by_value_not_by_spelling(tenant: Tenant) -> None:
    await _documents(tenant)
    page = await documents.window_documents(
        tenant.org, series=Series.INVOICE, sort=DocumentSort.TOTAL, descending=False
    )
    totals = [doc.total for _, doc in page.edges]
    assert totals == sorted(totals) and totals[0] == Decimal("0.99")


async def test_a_cursor_survives_rows_added_before_it(tenant: Tenant) -> None:
    made = await _documents(tenant)
    first = await documents.window_documents(
        tenant.org, series=Series.INVOICE, window=Window(first=4)
    )
    await an_invoice(tenant.org, made[0].client)  # newest: sorts first, before the cursor
    rest = await documents.window_documents(
        tenant.org, series=Series.INVOICE, window=Window(first=10, after=first.end_cursor)
    )
    seen = [doc.id for _, doc in [*first.edges, *rest.edges]]
    assert seen == _expected(made, DocumentSort.CREATED_AT, True)
    assert await rest.count() == len(PRICES) + 1


async def test_filters_apply_to_windows_and_counts(tenant: Tenant) -> None:
    made = await _documents(tenant)
    where = DocumentFilter(search="n-0", due_date_from=date(2026, 3, 1))
    page = await documents.window_documents(tenant.org, series=Series.INVOICE, where=where)
    expected = {d.id for d in made if d.number.startswith("N-0") and d.due_date is not None}
    assert {doc.id for _, doc in page.edges} == expected
    assert await page.count() == len(expected)


async def test_first_zero_is_empty_but_knows_more_exist(tenant: Tenant) -> None:
    await _documents(tenant)
    page = await documents.window_documents(
        tenant.org, series=Series.INVOICE, window=Window(first=0)
    )
    assert page.edges == [] and page.start_cursor is None and page.has_next_page


async def test_clients_walk_by_name(tenant: Tenant) -> None:
    for name in ["Zeta", "alpha", "Beta", "Alpha"]:
        await a_client(tenant.org, name)
    page = await clients.window_clients(tenant.org, window=Window(first=2))
    rest = await clients.window_clients(tenant.org, window=Window(first=2, after=page.end_cursor))
    names = [c.name for _, c in [*page.edges, *rest.edges]]
    assert sorted(names) == sorted(["Zeta", "alpha", "Beta", "Alpha"]) and len(set(names)) == 4
    assert not rest.has_next_page and rest.has_previous_page


@pytest.mark.parametrize(
    ("window", "field"),
    [
        (dict(first=MAX_PAGE_SIZE + 1), "first"),
        (dict(last=-1), "last"),
        (dict(first=1, last=1), "last"),
    ],
)
def test_sizes_out_of_range_are_refused(window: dict[str, Any], field: str) -> None:
    with pytest.raises(ValidationError) as caught:
        Window(**window)
    assert caught.value.field == field


def _cursor(*parts: object) -> str:
    return base64.urlsafe_b64encode(json.dumps(list(parts)).encode()).decode()


@pytest.mark.parametrize(
    "cursor",
    [
        "not a cursor",
        "",
        "%%%",
        _cursor("TOTAL:ASC", "12", "inv_x"),  # made for another sort
        _cursor("ISSUE_DATE:DESC", "yesterday", "inv_x"),
        _cursor("ISSUE_DATE:DESC", 5, "inv_x"),
        _cursor("ISSUE_DATE:DESC", "2026-01-01", None),
        _cursor("ISSUE_DATE:DESC"),
        base64.urlsafe_b64encode(b"\xff\xfe").decode(),
    ],
)
async def test_foreign_or_broken_cursors_are_refused(tenant: Tenant, cursor: str) -> None:
    windows = ((Window(after=cursor), "after"), (Window(last=2, before=cursor), "before"))
    for window, field in windows:
        with pytest.raises(ValidationError) as caught:
            await documents.window_documents(
                tenant.org, series=Series.INVOICE, sort=DocumentSort.ISSUE_DATE, window=window
            )
        assert caught.value.field == field


async def test_a_total_cursor_cannot_smuggle_sql_or_nan(tenant: Tenant) -> None:
    await _documents(tenant)
    for value in ["NaN", "1) OR 1=1 --", "Infinity"]:
        with pytest.raises(ValidationError):
            await documents.window_documents(
                tenant.org,
                series=Series.INVOICE,
                sort=DocumentSort.TOTAL,
                descending=False,
                window=Window(after=_cursor("TOTAL:ASC", value, "inv_x")),
            )


@pytest.mark.parametrize("sort", list(DocumentSort))
@pytest.mark.parametrize("descending", [False, True])
async def test_nested_windows_are_each_clients_own_first_page(
    tenant: Tenant, sort: DocumentSort, descending: bool
) -> None:
    made = await _documents(tenant)
    other = await a_client(tenant.org, "Hooli")
    for price in ("3", "30"):
        line = {"description": "Work", "quantity": "1", "unit_price": price}
        await an_invoice(tenant.org, other, line_items=[line])
    nobody = await a_client(tenant.org, "Nobody")
    client_ids = [made[0].client_id, other.id, nobody.id]
    window = Window(first=3)
    nested = await documents.windows_by(
        tenant.org,
        Series.INVOICE,
        "client_id",
        client_ids,
        sort=sort,
        descending=descending,
        window=window,
    )
    for client_id in client_ids:
        own = await documents.window_documents(
            tenant.org,
            Series.INVOICE,
            DocumentFilter(client_id=client_id),
            sort=sort,
            descending=descending,
            window=window,
        )
        assert [c for c, _ in nested[client_id].edges] == [c for c, _ in own.edges]
        assert nested[client_id].has_next_page == own.has_next_page
        assert await nested[client_id].count() == await own.count()


@pytest.mark.parametrize("listed", [0, 1, 5])
async def test_a_search_finds_the_same_however_many_clients_match(
    tenant: Tenant, monkeypatch: pytest.MonkeyPatch, listed: int
) -> None:
    # At most `listed` matching clients are named in the statement; past that, a subquery.
    monkeypatch.setattr("billing.documents.queries.MAX_LISTED_CLIENTS", listed)
    acme = [await a_client(tenant.org, f"Acme {i}") for i in range(3)]
    initech = await a_client(tenant.org, "Initech", email="books@acme-partner.example")
    other = await a_client(tenant.org, "Globex")
    expected = {(await an_invoice(tenant.org, client)).id for client in [*acme, initech]}
    expected.add((await an_invoice(tenant.org, other, number="ACME-77")).id)
    await an_invoice(tenant.org, other)
    for where in (DocumentFilter(search="acme"), DocumentFilter(search="ACME")):
        page = await documents.list_documents(tenant.org, Series.INVOICE, where)
        assert {d.id for d in page.items} == expected and page.total == len(expected)
        window = await documents.window_documents(tenant.org, Series.INVOICE, where)
        assert {d.id for _, d in window.edges} == expected


async def test_a_page_and_its_total_are_read_by_one_statement(tenant: Tenant) -> None:
    client = await a_client(tenant.org, "Initech")
    for _ in range(3):
        await an_invoice(tenant.org, client)
    for where in (DocumentFilter(), DocumentFilter(client_id=client.id)):
        with counting_queries() as statements:
            page = await documents.list_documents(
                tenant.org, Series.INVOICE, where, page=PageRequest(limit=2)
            )
        assert len(statements) == 1, statements
        assert (len(page.items), page.total) == (2, 3)
        # Past the end the page carries no count: it is read apart, and still right.
        beyond = await documents.list_documents(
            tenant.org, Series.INVOICE, where, page=PageRequest(page=9, limit=2)
        )
        assert (list(beyond.items), beyond.total) == ([], 3)
    empty = await documents.list_documents(tenant.org, Series.ESTIMATE)
    assert (list(empty.items), empty.total) == ([], 0)
