"""The whole life of a sale over GraphQL, as a frontend would drive it:
client -> estimate -> convert -> send -> partial payment -> payment -> PAID."""

from __future__ import annotations

from typing import Any

import httpx

from tests.conftest import Tenant

DOCUMENT = """
  id number status total amountPaid amountDue sentAt paidAt
  client { id name outstandingBalance { amount currency } }
  lineItems { description quantity unitPrice taxRate amount }
  payments { amount paymentMethod }
  sourceEstimate { id status convertedInvoice { id } }
"""


async def _run(
    http: httpx.AsyncClient, tenant: Tenant, query: str, **variables: Any
) -> dict[str, Any]:
    response = await http.post(
        "/graphql", json={"query": query, "variables": variables}, headers=tenant.headers
    )
    body: dict[str, Any] = response.json()
    assert response.status_code == 200 and "errors" not in body, body
    (payload,) = body["data"].values()
    assert payload.get("errors", []) == [], payload
    return dict(payload)


async def test_a_sale_from_estimate_to_paid(http: httpx.AsyncClient, tenant: Tenant) -> None:
    client = (
        await _run(
            http,
            tenant,
            "mutation($input: ClientCreateInput!) { clientCreate(input: $input) "
            "{ client { id } errors { code } } }",
            input={"name": "Globex", "email": "ap@globex.example"},
        )
    )["client"]

    estimate = (
        await _run(
            http,
            tenant,
            "mutation($input: EstimateCreateInput!) { estimateCreate(input: $input) "
            "{ estimate { id number status total } errors { code } } }",
            input={
                "clientId": client["id"],
                "dueDate": "2099-01-31",
                "lineItems": [
                    {
                        "description": "Design",
                        "quantity": "40",
                        "unitPrice": "125.00",
                        "taxRate": "10",
                    }
                ],
            },
        )
    )["estimate"]
    assert estimate["number"] == "EST-0001" and estimate["status"] == "DRAFT"
    assert estimate["total"] == "5500.00"

    converted = await _run(
        http,
        tenant,
        f"mutation($id: ID!) {{ estimateConvert(id: $id) {{ estimate {{ status }} "
        f"invoice {{ {DOCUMENT} }} errors {{ code }} }} }}",
        id=estimate["id"],
    )
    invoice = converted["invoice"]
    assert converted["estimate"]["status"] == "ACCEPTED"
    assert invoice["number"] == "INV-0001" and invoice["status"] == "DRAFT"
    assert invoice["sourceEstimate"]["convertedInvoice"]["id"] == invoice["id"]
    assert invoice["lineItems"] == [
        {
            "description": "Design",
            "quantity": "40",
            "unitPrice": "125.00",
            "taxRate": "10",
            "amount": "5000.00",
        }
    ]

    sent = (
        await _run(
            http,
            tenant,
            f"mutation($id: ID!) {{ invoiceMarkSent(id: $id) {{ invoice {{ {DOCUMENT} }} "
            "errors { code } } }",
            id=invoice["id"],
        )
    )["invoice"]
    assert sent["status"] == "SENT" and sent["sentAt"]
    assert sent["client"]["outstandingBalance"] == [{"amount": "5500.00", "currency": "USD"}]

    pay = (
        "mutation($input: PaymentCreateInput!) { paymentCreate(input: $input) "
        f"{{ payment {{ id amount }} invoice {{ {DOCUMENT} }} errors {{ code }} }} }}"
    )
    partial = await _run(
        http,
        tenant,
        pay,
        input={"invoiceId": invoice["id"], "amount": "1500.50", "paymentMethod": "BANK_TRANSFER"},
    )
    assert partial["payment"]["amount"] == "1500.50"
    assert partial["invoice"]["status"] == "PARTIALLY_PAID"
    assert (partial["invoice"]["amountPaid"], partial["invoice"]["amountDue"]) == (
        "1500.50",
        "3999.50",
    )

    paid = (
        await _run(
            http,
            tenant,
            pay,
            input={"invoiceId": invoice["id"], "amount": "3999.50", "paymentMethod": "CASH"},
        )
    )["invoice"]
    assert paid["status"] == "PAID" and paid["paidAt"]
    assert (paid["amountPaid"], paid["amountDue"]) == ("5500.00", "0.00")
    assert [p["amount"] for p in paid["payments"]] == ["1500.50", "3999.50"]
    assert paid["client"]["outstandingBalance"] == []

    listed = await http.post(
        "/graphql",
        json={"query": "{ invoices(filter: {status: PAID}) { totalCount edges { node { id } } } }"},
        headers=tenant.headers,
    )
    assert listed.json()["data"]["invoices"] == {
        "totalCount": 1,
        "edges": [{"node": {"id": invoice["id"]}}],
    }
