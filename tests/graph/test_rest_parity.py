"""One object, two doors: what REST creates, GraphQL shows with the same id and values."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import httpx
import pytest

from billing import display
from graph.scalars import parse_moment
from models import Document
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


async def test_a_document_keeps_the_minor_units_it_was_created_with(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    """ISO 4217 gives IQD 3 decimals; a document rounded to 0 (as those created before each
    recorded its own were, from CLDR) shows, takes payments in and is edited with 0."""
    client = (
        await http.post("/api/v1/clients", json={"name": "Globex"}, headers=tenant.headers)
    ).json()["data"]
    line = {"description": "Design", "quantity": 3, "unitPrice": 0.3335, "taxRate": 10}
    created = await http.post(
        "/api/v1/invoices",
        json={"clientId": client["id"], "currency": "IQD", "lineItems": [line]},
        headers=tenant.headers,
    )
    assert created.status_code == 201, created.text
    invoice_id = created.json()["data"]["id"]
    query = "query($id: ID!) { invoice(id: $id) { minorUnits total lineItems { amount } } }"
    shown = (await data(http, tenant, query, {"id": invoice_id}))["invoice"]
    assert shown == {"minorUnits": 3, "total": "1.101", "lineItems": [{"amount": "1.001"}]}

    await Document.filter(id=invoice_id).update(minor_units=0)  # as an older document was
    update = (
        "mutation($id: ID!, $lines: [LineItemInput!]) { invoiceUpdate(id: $id, input: "
        "{lineItems: $lines}) { invoice { minorUnits total } errors { code } } }"
    )
    lines = [{**line, "quantity": "3000", "unitPrice": "0.3335"}]
    updated = await data(http, tenant, update, {"id": invoice_id, "lines": lines})
    assert updated["invoiceUpdate"] == {
        "invoice": {"minorUnits": 0, "total": "1101"},  # 1000.5 rounds to 1001, tax 100
        "errors": [],
    }
    rest = await http.get(f"/api/v1/invoices/{invoice_id}", headers=tenant.headers)
    assert '"total":1101,' in rest.text and '"amount":1001,' in rest.text, rest.text
    await data(
        http,
        tenant,
        "mutation($id: ID!) { invoiceMarkSent(id: $id) { errors { code } } }",
        {"id": invoice_id},
    )
    refused = await http.post(
        "/api/v1/payments",
        json={"invoiceId": invoice_id, "amount": 0.5, "paymentMethod": "CASH"},
        headers=tenant.headers,
    )
    assert refused.status_code == 400 and "whole number" in refused.text, refused.text
    paid = await http.post(
        "/api/v1/payments",
        json={"invoiceId": invoice_id, "amount": 101, "paymentMethod": "CASH"},
        headers=tenant.headers,
    )
    assert paid.status_code == 201, paid.text
    assert '"amount":101,' in paid.text
    due = "query($id: ID!) { invoice(id: $id) { amountDue payments { amount } } }"
    assert (await data(http, tenant, due, {"id": invoice_id}))["invoice"] == {
        "amountDue": "1000",
        "payments": [{"amount": "101"}],
    }
