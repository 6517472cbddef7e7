"""/api/v1/invoices as the contract says, the worked example exact to the character."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import httpx
import pytest

from billing import documents, payments
from billing.lifecycle import today_in
from models import Client, Document
from models.enums import Series
from settings import Settings
from tests.billing.factories import a_client, an_invoice
from tests.conftest import Tenant, on_plan
from tests.rest.conftest import DATE, TIMESTAMP, assert_no_content, data_of, error_of, send

LIST_FIELDS = [
    "id",
    "clientId",
    "invoiceNumber",
    "currency",
    "issueDate",
    "dueDate",
    "subtotal",
    "taxTotal",
    "discountTotal",
    "total",
    "status",
    "createdAt",
    "client",
]
FULL_FIELDS = [*LIST_FIELDS, "lineItems", "notes", "terms", "sentViaEmail", "sentAt", "paidAt"]
LINE_FIELDS = ["description", "quantity", "unitPrice", "amount", "taxRate"]
WORKED_LINE_JSON = {"description": "Design work", "quantity": 40, "unitPrice": 125, "taxRate": 10}


def worked_example(client_id: str, quantity: int = 40) -> str:
    """The contract's worked example as a client would write it: 125.00 with its zeros."""
    return (
        f'{{"clientId": "{client_id}", "invoiceNumber": "INV-2024-001", "currency": "USD",'
        ' "issueDate": "2024-01-15", "dueDate": "2024-02-14",'
        ' "lineItems": [{"description": "Design work", '
        f'"quantity": {quantity}, "unitPrice": 125.00, "taxRate": 10}}],'
        ' "notes": "Thanks", "terms": "Net 30"}'
    )


async def test_the_worked_example_is_exact(http: httpx.AsyncClient, tenant: Tenant) -> None:
    client = await a_client(tenant.org, email="ap@globex.test")
    created = await send(http, "POST", "/api/v1/invoices", tenant, worked_example(client.id))
    assert created.status_code == 201
    assert created.headers["content-type"] == "application/json"
    invoice_id = created.json()["data"]["id"]
    assert created.text == (
        f'{{"data":{{"id":"{invoice_id}","invoiceNumber":"INV-2024-001",'
        '"total":5500.00,"status":"DRAFT"}}'
    )

    response = await send(http, "GET", f"/api/v1/invoices/{invoice_id}", tenant)
    invoice = data_of(response)
    text = response.text
    for token in (
        '"subtotal":5000.00',
        '"taxTotal":500.00',
        '"discountTotal":0.00',
        '"total":5500.00',
        '"lineItems":[{"description":"Design work","quantity":40,"unitPrice":125.00,'
        '"amount":5000.00,"taxRate":10}]',
    ):
        assert token in text, token
    assert list(invoice) == FULL_FIELDS
    assert invoice["discountTotal"] == 0
    assert TIMESTAMP.fullmatch(invoice["createdAt"])
    assert {k: v for k, v in invoice.items() if k not in ("id", "createdAt", "lineItems")} == {
        "clientId": client.id,
        "invoiceNumber": "INV-2024-001",
        "currency": "USD",
        "issueDate": "2024-01-15",
        "dueDate": "2024-02-14",
        "subtotal": 5000,
        "taxTotal": 500,
        "discountTotal": 0,
        "total": 5500,
        "status": "DRAFT",
        "client": {"name": "Globex", "email": "ap@globex.test"},
        "notes": "Thanks",
        "terms": "Net 30",
        "sentViaEmail": False,
        "sentAt": None,
        "paidAt": None,
    }

    updated = await send(
        http, "PUT", f"/api/v1/invoices/{invoice_id}", tenant, worked_example(client.id, 50)
    )
    assert updated.status_code == 200
    assert updated.headers["content-type"] == "application/json"
    assert updated.text == (
        f'{{"data":{{"id":"{invoice_id}","invoiceNumber":"INV-2024-001",'
        '"total":6875.00,"status":"DRAFT"}}'
    )
    again = (await send(http, "GET", f"/api/v1/invoices/{invoice_id}", tenant)).text
    assert '"subtotal":6250.00' in again and '"taxTotal":625.00' in again


async def test_totals_sent_by_the_client_are_ignored(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    client = await a_client(tenant.org)
    body = {
        "clientId": client.id,
        "lineItems": [{**WORKED_LINE_JSON, "amount": 1}],
        "subtotal": 1,
        "taxTotal": 1,
        "discountTotal": 1,
        "total": 1,
    }
    response = await send(http, "POST", "/api/v1/invoices", tenant, body)
    assert response.status_code == 201
    assert '"total":5500.00' in response.text
    document = await Document.get(id=response.json()["data"]["id"])
    assert document.total == 5500


async def test_defaults_number_currency_and_dates(http: httpx.AsyncClient, tenant: Tenant) -> None:
    client = await a_client(tenant.org)
    created = await send(http, "POST", "/api/v1/invoices", tenant, {"clientId": client.id})
    summary = data_of(created, 201)
    assert summary["invoiceNumber"] == "INV-0001"
    response = await send(http, "GET", f"/api/v1/invoices/{summary['id']}", tenant)
    invoice = data_of(response)
    assert (invoice["currency"], invoice["lineItems"], invoice["dueDate"]) == ("USD", [], None)
    assert DATE.fullmatch(invoice["issueDate"])
    assert invoice["issueDate"] == today_in(tenant.org).isoformat()
    assert '"total":0.00' in response.text


async def test_money_has_the_currencys_decimals(http: httpx.AsyncClient, tenant: Tenant) -> None:
    client = await a_client(tenant.org)
    lines = [
        {"description": "Hours", "quantity": 1.5, "unitPrice": 0.0125, "taxRate": 7.5},
        {"description": "Yen", "quantity": 3, "unitPrice": 1000},
    ]
    for currency, tokens in {
        "JPY": ['"total":3000,', '"unitPrice":0.0125', '"quantity":1.5', '"taxRate":7.5'],
        "KWD": ['"total":3000.020', '"amount":0.019', '"unitPrice":1000.000'],
        "IQD": ['"total":3000.020', '"amount":0.019', '"unitPrice":1000.000'],  # ISO's 3
        "SVC": ['"total":3000.02', '"amount":0.02', '"unitPrice":1000.00'],
    }.items():
        created = await send(
            http,
            "POST",
            "/api/v1/invoices",
            tenant,
            {"clientId": client.id, "currency": currency, "lineItems": lines},
        )
        assert created.status_code == 201, created.text
        text = (
            await send(http, "GET", f"/api/v1/invoices/{created.json()['data']['id']}", tenant)
        ).text
        for token in tokens:
            assert token in text, (currency, token, text)


async def test_list_items_have_the_contract_shape(http: httpx.AsyncClient, tenant: Tenant) -> None:
    invoice = await an_invoice(tenant.org, due_date="2099-01-31")
    response = await send(http, "GET", "/api/v1/invoices", tenant)
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    body = response.json()
    assert list(body) == ["data", "total", "page", "limit", "totalPages"]
    assert (body["total"], body["page"], body["limit"], body["totalPages"]) == (1, 1, 20, 1)
    (item,) = body["data"]
    assert list(item) == LIST_FIELDS
    assert item["id"] == invoice.id and item["dueDate"] == "2099-01-31"
    assert item["client"] == {"name": "Globex", "email": ""}
    assert '"subtotal":5000.00,"taxTotal":500.00,"discountTotal":0.00,"total":5500.00' in (
        response.text
    )


async def test_list_filters_and_search(http: httpx.AsyncClient, tenant: Tenant) -> None:
    org = tenant.org
    globex = await a_client(org, "Globex", email="ap@globex.test")
    initech = await a_client(org, "Initech", email="billing@initech.test")
    draft = await an_invoice(org, globex, number="G-1")
    today = today_in(org)
    overdue = await an_invoice(
        org,
        initech,
        number="I-1",
        issue_date=(today - timedelta(days=40)).isoformat(),
        due_date=(today - timedelta(days=10)).isoformat(),
    )
    await documents.mark_sent(org, overdue.id, series=Series.INVOICE)
    sent = await an_invoice(org, initech, number="I-2", due_date="2999-01-01")
    await documents.mark_sent(org, sent.id, series=Series.INVOICE)

    async def numbers(query: str) -> list[str]:
        response = await send(http, "GET", f"/api/v1/invoices?{query}", tenant)
        assert response.status_code == 200, response.text
        return sorted(item["invoiceNumber"] for item in response.json()["data"])

    assert await numbers(f"clientId={initech.id}") == ["I-1", "I-2"]
    assert await numbers("status=OVERDUE") == ["I-1"]
    assert await numbers("status=SENT") == ["I-2"]
    assert await numbers("status=DRAFT") == ["G-1"]
    assert await numbers("status=PAID") == []
    assert await numbers("search=initech.TEST") == ["I-1", "I-2"]
    assert await numbers("search=glob") == ["G-1"]
    assert await numbers("search=i-2") == ["I-2"]
    assert await numbers(f"clientId={globex.id}&status=DRAFT&search=G-") == ["G-1"]
    assert await numbers("clientId=cli_unknown") == []
    listed = (await send(http, "GET", "/api/v1/invoices?status=OVERDUE", tenant)).json()
    assert listed["data"][0]["status"] == "OVERDUE"
    assert draft.id not in {item["id"] for item in listed["data"]}


async def test_pages(http: httpx.AsyncClient, tenant: Tenant) -> None:
    client = await a_client(tenant.org)
    for _ in range(5):
        await an_invoice(tenant.org, client)
    body = (await send(http, "GET", "/api/v1/invoices?page=3&limit=2", tenant)).json()
    assert (body["total"], body["page"], body["limit"], body["totalPages"]) == (5, 3, 2, 3)
    assert len(body["data"]) == 1
    beyond = (await send(http, "GET", "/api/v1/invoices?page=4&limit=2", tenant)).json()
    assert beyond["data"] == [] and beyond["total"] == 5


BAD_PARAMETERS = [
    ("page=0", "Invalid parameter page: must be at least 1"),
    ("page=two", "Invalid parameter page: must be an integer"),
    ("page=%C2%B2", "Invalid parameter page: must be an integer"),
    ("limit=0", "Invalid parameter limit: must be between 1 and 100"),
    ("limit=101", "Invalid parameter limit: must be between 1 and 100"),
    ("limit=", "Invalid parameter limit: must be an integer"),
    ("search=" + "x" * 256, "Invalid parameter search: must be at most 255 characters"),
    ("search=a%00b", "Invalid parameter search: must not contain NUL characters"),
    ("clientId=", "Invalid parameter clientId: must not be empty"),
    ("clientId=" + "c" * 33, "Invalid parameter clientId: must be at most 32 characters"),
    ("status=overdue", "Invalid parameter status: must be one of DRAFT, SENT, VIEWED,"),
    ("status=ACCEPTED", "Invalid parameter status: must be one of"),
    ("stauts=PAID", "Unknown parameter: stauts (accepted: page, limit, search, clientId,"),
]


async def test_bad_parameters_are_400_naming_them(http: httpx.AsyncClient, tenant: Tenant) -> None:
    for query, message in BAD_PARAMETERS:
        response = await send(http, "GET", f"/api/v1/invoices?{query}", tenant)
        assert message in error_of(response, 400), query


async def test_update_replaces_lines_and_keeps_the_rest(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    invoice = await an_invoice(tenant.org, notes="Keep me", due_date="2099-01-01")
    body = {
        "lineItems": [
            {"description": "A", "quantity": 1, "unitPrice": 10},
            {"description": "B", "quantity": 2, "unitPrice": 5, "taxRate": None},
        ],
        "terms": "Net 15",
    }
    response = await send(http, "PUT", f"/api/v1/invoices/{invoice.id}", tenant, body)
    assert list(data_of(response)) == ["id", "invoiceNumber", "total", "status"]
    full = (await send(http, "GET", f"/api/v1/invoices/{invoice.id}", tenant)).json()["data"]
    assert [line["description"] for line in full["lineItems"]] == ["A", "B"]
    assert (full["notes"], full["terms"], full["dueDate"]) == ("Keep me", "Net 15", "2099-01-01")
    assert full["total"] == 20


async def test_a_sent_invoice_cannot_be_updated(http: httpx.AsyncClient, tenant: Tenant) -> None:
    invoice = await an_invoice(tenant.org)
    await documents.mark_sent(tenant.org, invoice.id, series=Series.INVOICE)
    before = (await send(http, "GET", f"/api/v1/invoices/{invoice.id}", tenant)).text
    response = await send(
        http, "PUT", f"/api/v1/invoices/{invoice.id}", tenant, {"notes": "Too late"}
    )
    message = error_of(response, 400)
    assert "is SENT: only DRAFT invoices can be edited" in message
    assert (await send(http, "GET", f"/api/v1/invoices/{invoice.id}", tenant)).text == before


REFUSED_CHANGES: list[tuple[dict[str, Any] | str, int, str]] = [
    (
        {"lineItems": [{"description": "X", "quantity": "40", "unitPrice": 1}]},
        400,
        "lineItems[0].quantity must be a number",
    ),
    (
        {"lineItems": [{"description": "X", "unitPrice": 1}]},
        400,
        "Missing required field: lineItems[0].quantity",
    ),
    (
        {"lineItems": [{"description": "X", "quantity": 1, "unitPrice": 1, "tax": 5}]},
        400,
        "Unknown field: lineItems[0].tax"
        " (accepted: description, quantity, unitPrice, taxRate, taxRateIds, unitCode)",
    ),
    (
        {"lineItems": [{"description": "X", "quantity": -1, "unitPrice": 1}]},
        400,
        "quantity must not be negative",
    ),
    (
        {"lineItems": [{"description": "X", "quantity": 1, "unitPrice": 1, "taxRate": 101}]},
        400,
        "tax rate is too large",
    ),
    (
        '{"lineItems": [{"description": "X", "quantity": 1e999, "unitPrice": 1}]}',
        400,
        "quantity is too large",
    ),
    ({"lineItems": {"description": "X"}}, 400, "lineItems must be a list"),
    ({"currency": "XYZ"}, 400, "Unknown currency 'XYZ'"),
    ({"issueDate": "15/01/2024"}, 400, "issueDate must be a date in YYYY-MM-DD form"),
    (
        {"dueDate": "2000-01-01", "issueDate": "2024-01-01"},
        400,
        "dueDate must not be before issueDate",
    ),
    ({"invoiceNumber": 7}, 400, "invoiceNumber must be a string or null"),
    ({"invoiceNumber": ""}, 400, "invoiceNumber must not be empty"),
    ({"invoiceNumber": "N" * 65}, 400, "invoiceNumber must be at most 64 characters"),
    ({"status": "PAID"}, 400, "Unknown field: status"),
    ({"clientId": None}, 400, "clientId must be a string"),
    ({"clientId": "cli_nobody"}, 404, "No client with id 'cli_nobody'"),
]


async def test_refused_changes_leave_the_invoice_as_it_was(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    invoice = await an_invoice(tenant.org)
    url = f"/api/v1/invoices/{invoice.id}"
    before = (await send(http, "GET", url, tenant)).text
    for body, status, message in REFUSED_CHANGES:
        response = await send(http, "PUT", url, tenant, body)
        assert message in error_of(response, status), body
    assert (await send(http, "GET", url, tenant)).text == before


async def test_a_taken_number_is_409(http: httpx.AsyncClient, tenant: Tenant) -> None:
    client = await a_client(tenant.org)
    await an_invoice(tenant.org, client, number="INV-7")
    response = await send(
        http, "POST", "/api/v1/invoices", tenant, {"clientId": client.id, "invoiceNumber": "INV-7"}
    )
    assert "Invoice number INV-7 is already taken" in error_of(response, 409)
    assert await Document.filter(organization_id=tenant.org.id).count() == 1


async def test_create_refuses_without_a_client_and_creates_nothing(
    http: httpx.AsyncClient, tenant: Tenant, other_tenant: Tenant
) -> None:
    theirs = await a_client(other_tenant.org)
    missing = await send(http, "POST", "/api/v1/invoices", tenant, {"lineItems": []})
    assert error_of(missing, 400) == "Missing required field: clientId"
    foreign = await send(http, "POST", "/api/v1/invoices", tenant, {"clientId": theirs.id})
    assert error_of(foreign, 404) == f"No client with id {theirs.id!r}"
    assert await Document.all().count() == 0


@pytest.mark.plans({"small": {"monthlyInvoiceLimit": 1, "features": ["api"]}})
async def test_the_plans_invoice_limit_is_403(
    http: httpx.AsyncClient, tenant: Tenant, settings: Settings
) -> None:
    await on_plan(tenant.org, settings, "small")
    client = await a_client(tenant.org)
    first = await send(http, "POST", "/api/v1/invoices", tenant, {"clientId": client.id})
    assert first.status_code == 201
    second = await send(http, "POST", "/api/v1/invoices", tenant, {"clientId": client.id})
    assert "allows 1 invoices a month" in error_of(second, 403)
    assert await Document.all().count() == 1


async def test_delete_answers_204_and_the_invoice_is_gone(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    invoice = await an_invoice(tenant.org)
    assert_no_content(await send(http, "DELETE", f"/api/v1/invoices/{invoice.id}", tenant))
    assert await Document.filter(id=invoice.id).count() == 0
    error_of(await send(http, "GET", f"/api/v1/invoices/{invoice.id}", tenant), 404)


async def test_an_invoice_with_payments_is_voided_not_deleted(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    invoice = await an_invoice(tenant.org)
    await payments.record_payment(
        tenant.org, {"invoice_id": invoice.id, "amount": "10", "payment_method": "CASH"}
    )
    deleted = await send(http, "DELETE", f"/api/v1/invoices/{invoice.id}", tenant)
    assert "has payments and cannot be deleted" in error_of(deleted, 409)
    voided = await send(http, "POST", f"/api/v1/invoices/{invoice.id}/void", tenant)
    assert "has payments" in error_of(voided, 409)
    assert (await Document.get(id=invoice.id)).status == "PARTIALLY_PAID"


async def test_void_answers_the_full_void_invoice(http: httpx.AsyncClient, tenant: Tenant) -> None:
    invoice = await an_invoice(tenant.org)
    data = data_of(await send(http, "POST", f"/api/v1/invoices/{invoice.id}/void", tenant))
    assert list(data) == FULL_FIELDS and data["status"] == "VOID"
    assert list(data["lineItems"][0]) == LINE_FIELDS
    again = await send(http, "POST", f"/api/v1/invoices/{invoice.id}/void", tenant)
    assert "already VOID" in error_of(again, 409)
    listed = await send(http, "GET", "/api/v1/invoices?status=VOID", tenant)
    assert [item["id"] for item in listed.json()["data"]] == [invoice.id]


async def test_paid_at_and_sent_at_are_timestamps(http: httpx.AsyncClient, tenant: Tenant) -> None:
    invoice = await an_invoice(tenant.org)
    await documents.mark_sent(tenant.org, invoice.id, series=Series.INVOICE)
    await payments.record_payment(
        tenant.org, {"invoice_id": invoice.id, "amount": "5500.00", "payment_method": "CASH"}
    )
    data = (await send(http, "GET", f"/api/v1/invoices/{invoice.id}", tenant)).json()["data"]
    assert data["status"] == "PAID"
    assert TIMESTAMP.fullmatch(data["sentAt"]) and TIMESTAMP.fullmatch(data["paidAt"])


@pytest.mark.parametrize(
    ("method", "suffix", "body"),
    [
        ("GET", "", None),
        ("PUT", "", {"notes": "Mine now"}),
        ("DELETE", "", None),
        ("POST", "/void", None),
    ],
)
async def test_another_organizations_invoice_is_404_and_untouched(
    http: httpx.AsyncClient,
    tenant: Tenant,
    other_tenant: Tenant,
    method: str,
    suffix: str,
    body: dict[str, Any] | None,
) -> None:
    theirs = await an_invoice(other_tenant.org)
    response = await send(http, method, f"/api/v1/invoices/{theirs.id}{suffix}", tenant, body)
    assert error_of(response, 404) == f"No invoice with id {theirs.id!r}"
    stored = await Document.get(id=theirs.id)
    assert (stored.notes, stored.status) == ("", "DRAFT")


async def test_an_estimate_is_not_an_invoice(http: httpx.AsyncClient, tenant: Tenant) -> None:
    estimate = await an_invoice(tenant.org, series=Series.ESTIMATE)
    error_of(await send(http, "GET", f"/api/v1/invoices/{estimate.id}", tenant), 404)
    listed = (await send(http, "GET", "/api/v1/invoices", tenant)).json()
    assert listed["total"] == 0


async def test_a_client_deleted_keeps_its_invoices_readable(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    invoice = await an_invoice(tenant.org)
    await Client.filter(id=invoice.client_id).update(is_active=False)
    response = await send(http, "GET", f"/api/v1/invoices/{invoice.id}", tenant)
    assert data_of(response)["client"] == {"name": "Globex", "email": ""}
