"""One object, two doors: what REST creates, GraphQL shows with the same id and values."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import httpx
import pytest

from billing import display
from graph.scalars import parse_moment
from tests.conftest import Tenant
from tests.graph.helpers import data

CLIENT = "query($id: ID!) { client(id: $id) { id name email taxId isActive } node(id: $id) { id } }"
INVOICE = """
query($id: ID!) {
  invoice(id: $id) { id number total status client { id } lineItems { amount } }
}
"""


async def test_a_client_created_over_rest_is_the_same_over_graphql(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    created = await http.post(
        "/api/v1/clients",
        json={"name": "Globex", "email": "ap@globex.example", "taxId": "US-1"},
        headers=tenant.headers,
    )
    assert created.status_code == 201
    client = created.json()["data"]
    shown = await http.post(
        "/graphql",
        json={"query": CLIENT, "variables": {"id": client["id"]}},
        headers=tenant.headers,
    )
    assert shown.json()["data"] == {
        "client": {
            "id": client["id"],
            "name": "Globex",
            "email": "ap@globex.example",
            "taxId": "US-1",
            "isActive": True,
        },
        "node": {"id": client["id"]},
    }


async def test_an_invoice_created_over_rest_is_the_same_over_graphql(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    client = (
        await http.post("/api/v1/clients", json={"name": "Globex"}, headers=tenant.headers)
    ).json()["data"]
    # Written as text so that 125.00 goes over the wire as the contract's number.
    line = '{"description": "Design", "quantity": 40, "unitPrice": 125.00, "taxRate": 10}'
    body = f'{{"clientId": "{client["id"]}", "lineItems": [{line}]}}'
    created = await http.post(
        "/api/v1/invoices",
        content=body,
        headers={**tenant.headers, "Content-Type": "application/json"},
    )
    assert created.status_code == 201, created.text
    invoice = created.json()["data"]
    shown = await http.post(
        "/graphql",
        json={"query": INVOICE, "variables": {"id": invoice["id"]}},
        headers=tenant.headers,
    )
    assert shown.json()["data"]["invoice"] == {
        "id": invoice["id"],
        "number": invoice["invoiceNumber"],
        "total": "5500.00",
        "status": "DRAFT",
        "client": {"id": client["id"]},
        "lineItems": [{"amount": "5000.00"}],
    }


async def test_moments_are_written_alike_on_both_doors(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    created = await http.post("/api/v1/clients", json={"name": "Globex"}, headers=tenant.headers)
    client = created.json()["data"]
    query = "query($id: ID!) { client(id: $id) { createdAt updatedAt } }"
    moments = (await data(http, tenant, query, {"id": client["id"]}))["client"]
    assert moments == {"createdAt": client["createdAt"], "updatedAt": client["updatedAt"]}
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", moments["createdAt"])


def test_moments_are_utc_with_milliseconds_whatever_their_zone() -> None:
    paris = datetime(2026, 12, 1, 20, 10, 13, 944327, tzinfo=ZoneInfo("Europe/Paris"))
    assert display.timestamp(paris) == "2026-12-01T19:10:13.944Z"
    assert display.timestamp(datetime(2026, 1, 2, tzinfo=UTC)) == "2026-01-02T00:00:00.000Z"
    assert parse_moment("2026-12-01T19:10:13.944Z") == paris.replace(microsecond=944000)
    with pytest.raises(ValueError, match="time zone"):
        parse_moment("2026-12-01T19:10:13")
    with pytest.raises(ValueError, match="ISO 8601"):
        parse_moment("yesterday")
