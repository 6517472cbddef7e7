"""No N+1: a list costs the same few SQL queries whatever its length, because nested
fields go through per-request dataloaders. Queries are counted from Tortoise's own log of
every statement it sends, on both databases."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
import pytest

from billing import documents, payments
from billing.plans import UNLIMITED
from models.enums import Series
from tests.billing.factories import a_client, an_invoice
from tests.conftest import Tenant

STATEMENTS = ("SELECT", "INSERT", "UPDATE", "DELETE", "WITH")

INVOICES = """
query($first: Int!) {
  invoices(first: $first) {
    totalCount
    edges { cursor node {
      number total amountDue status
      client { name outstandingBalance { amount currency } }
      organization { name invoiceNumberPattern }
      lineItems { description amount }
      payments { amount invoice { number } }
      sourceEstimate { number convertedInvoice { number } }
    } }
  }
}
"""

CLIENTS = """
query($first: Int!) {
  clients(first: $first) { edges { node { name outstandingBalance { amount } } } }
}
"""


class _Counter(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.statements: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage().lstrip()
        # Authentication's own queries (and its throttled last-used stamp) are not the list's.
        if message.upper().startswith(STATEMENTS) and '"api_key"' not in message:
            self.statements.append(message)


@contextmanager
def counting_queries() -> Iterator[list[str]]:
    """The SQL statements sent while the block runs."""
    logger = logging.getLogger("tortoise.db_client")
    counter, level = _Counter(), logger.level
    logger.addHandler(counter)
    logger.setLevel(logging.DEBUG)
    try:
        yield counter.statements
    finally:
        logger.removeHandler(counter)
        logger.setLevel(level)


async def invoices_with_everything(tenant: Tenant, count: int) -> None:
    """`count` invoices with two lines and a payment each; some converted from estimates."""
    client = await a_client(tenant.org, f"Client {count}", email="billing@example.com")
    line = {"description": "Work", "quantity": "2", "unit_price": "50", "tax_rate": "10"}
    for i in range(count):
        if i % 4 == 0:
            estimate = await an_invoice(
                tenant.org, client, series=Series.ESTIMATE, line_items=[line, line]
            )
            invoice = await documents.convert_estimate(tenant.org, estimate.id, plan=UNLIMITED)
        else:
            invoice = await an_invoice(tenant.org, client, line_items=[line, line])
        await payments.record_payment(
            tenant.org,
            {"invoice_id": invoice.id, "amount": "10", "payment_method": "CASH"},
        )


async def _count(http: httpx.AsyncClient, tenant: Tenant, query: str, first: int) -> int:
    with counting_queries() as statements:
        response = await http.post(
            "/graphql", json={"query": query, "variables": {"first": first}}, headers=tenant.headers
        )
    body: dict[str, Any] = response.json()
    assert response.status_code == 200 and "errors" not in body, body
    assert len(next(iter(body["data"].values()))["edges"]) == first
    return len(statements)


async def test_listing_100_invoices_costs_what_listing_5_does(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    await invoices_with_everything(tenant, 5)
    small = await _count(http, tenant, INVOICES, 5)
    await invoices_with_everything(tenant, 95)
    large = await _count(http, tenant, INVOICES, 100)
    assert large == small
    # The window, the count, and one query per loader: a small fixed number.
    assert small <= 10


async def test_listing_clients_with_balances_is_a_fixed_cost(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    await invoices_with_everything(tenant, 2)
    small = await _count(http, tenant, CLIENTS, 1)
    for i in range(30):
        await a_client(tenant.org, f"Extra {i:02d}")
    assert await _count(http, tenant, CLIENTS, 31) == small


async def _statements(http: httpx.AsyncClient, tenant: Tenant, query: str, id: str) -> int:
    with counting_queries() as statements:
        response = await http.post(
            "/graphql", json={"query": query, "variables": {"id": id}}, headers=tenant.headers
        )
    assert response.status_code == 200 and "errors" not in response.json(), response.text
    return len(statements)


@pytest.mark.parametrize(
    "shape",
    [
        "query ($id: ID!) {{ invoice(id: $id) {{ {} }} }}",
        "query ($id: ID!) {{ node(id: $id) {{ ... on Invoice {{ {} }} }} }}",
    ],
    ids=["invoice", "node"],
)
async def test_one_invoice_with_its_lines_and_client_is_read_once(
    http: httpx.AsyncClient, tenant: Tenant, shape: str
) -> None:
    """The document's one read brings its client and lines: asking for them costs nothing more."""
    invoice = await an_invoice(tenant.org)
    bare = await _statements(http, tenant, shape.format("number"), invoice.id)
    full = shape.format("number client { name } lineItems { amount }")
    assert await _statements(http, tenant, full, invoice.id) == bare


NESTED = """
query($first: Int!, $sort: DocumentSortInput) {
  clients(first: $first) { edges { node { id
    invoices(first: 3, sort: $sort) {
      totalCount pageInfo { hasNextPage }
      edges { cursor node { id number lineItems { description } } }
    }
  } } }
}
"""
ONE_CLIENT = """
query($id: ID!, $sort: DocumentSortInput) {
  invoices(first: 3, sort: $sort, filter: {clientId: $id}) {
    totalCount pageInfo { hasNextPage }
    edges { cursor node { id number lineItems { description } } }
  }
}
"""


async def _clients_with_invoices(tenant: Tenant, clients: int) -> None:
    line = {"description": "Work", "quantity": "1", "unit_price": "10"}
    for c in range(clients):
        client = await a_client(tenant.org, f"Nested {clients}-{c}")
        for i in range(c % 5):  # 0 to 4 invoices: some lists empty, some with more to come
            due = None if i % 2 else f"2026-0{1 + i}-15"
            await an_invoice(
                tenant.org,
                client,
                line_items=[line] * (i + 1),
                due_date=due,
                issue_date="2026-01-01",
            )


async def test_nested_connections_cost_the_same_for_3_or_30_parents(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    async def statements(first: int) -> int:
        with counting_queries() as sent:
            response = await http.post(
                "/graphql",
                json={"query": NESTED, "variables": {"first": first}},
                headers=tenant.headers,
            )
        body = response.json()
        assert "errors" not in body, body
        assert len(body["data"]["clients"]["edges"]) == first
        return len(sent)

    await _clients_with_invoices(tenant, 3)
    small = await statements(3)
    await _clients_with_invoices(tenant, 27)
    assert await statements(30) == small
    # Clients and their count; the invoice pages, their rows, their counts; the lines.
    assert small <= 8


@pytest.mark.parametrize(
    "sort",
    [None, {"field": "DUE_DATE", "direction": "ASC"}, {"field": "TOTAL", "direction": "DESC"}],
)
async def test_a_nested_page_is_the_clients_own_list(
    http: httpx.AsyncClient, tenant: Tenant, sort: dict[str, str] | None
) -> None:
    await _clients_with_invoices(tenant, 6)
    nested = await http.post(
        "/graphql",
        json={"query": NESTED, "variables": {"first": 6, "sort": sort}},
        headers=tenant.headers,
    )
    for edge in nested.json()["data"]["clients"]["edges"]:
        own = await http.post(
            "/graphql",
            json={"query": ONE_CLIENT, "variables": {"id": edge["node"]["id"], "sort": sort}},
            headers=tenant.headers,
        )
        assert edge["node"]["invoices"] == own.json()["data"]["invoices"]


async def test_a_nested_page_counted_from_the_end_is_the_clients_own_too(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    # `last` (like a cursor) belongs to one list: each client's page is read on its own.
    await _clients_with_invoices(tenant, 5)
    query = NESTED.replace("invoices(first: 3", "invoices(last: 2")
    nested = await http.post(
        "/graphql", json={"query": query, "variables": {"first": 5}}, headers=tenant.headers
    )
    for edge in nested.json()["data"]["clients"]["edges"]:
        own = await http.post(
            "/graphql",
            json={
                "query": ONE_CLIENT.replace("invoices(first: 3", "invoices(last: 2"),
                "variables": {"id": edge["node"]["id"]},
            },
            headers=tenant.headers,
        )
        assert edge["node"]["invoices"] == own.json()["data"]["invoices"]
