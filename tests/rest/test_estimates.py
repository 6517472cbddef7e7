"""/api/v1/estimates: the invoices' shapes and rules, plus conversion and voiding."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from billing import documents
from models import Document
from models.enums import Series
from tests.billing.factories import a_client, an_invoice
from tests.conftest import Tenant
from tests.rest.conftest import TIMESTAMP, assert_no_content, data_of, error_of, send

LIST_FIELDS = [
    "id",
    "clientId",
    "estimateNumber",
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
FULL_FIELDS = [*LIST_FIELDS, "lineItems", "notes", "terms", "sentViaEmail", "sentAt", "acceptedAt"]
LINE = {"description": "Workshop", "quantity": 2, "unitPrice": 900, "taxRate": 10}


async def test_create_get_list_update_delete(http: httpx.AsyncClient, tenant: Tenant) -> None:
    client = await a_client(tenant.org)
    created = await send(
        http,
        "POST",
        "/api/v1/estimates",
        tenant,
        {"clientId": client.id, "lineItems": [LINE], "terms": "Valid 30 days"},
    )
    estimate_id = data_of(created, 201)["id"]
    assert created.text == (
        f'{{"data":{{"id":"{estimate_id}","estimateNumber":"EST-0001",'
        '"total":1980.00,"status":"DRAFT"}}'
    )

    full = await send(http, "GET", f"/api/v1/estimates/{estimate_id}", tenant)
    data = data_of(full)
    assert list(data) == FULL_FIELDS
    assert (data["terms"], data["acceptedAt"], data["status"]) == ("Valid 30 days", None, "DRAFT")
    assert '"subtotal":1800.00,"taxTotal":180.00,"discountTotal":0.00,"total":1980.00' in (
        full.text
    )

    listed = (await send(http, "GET", "/api/v1/estimates", tenant)).json()
    assert listed["total"] == 1 and list(listed["data"][0]) == LIST_FIELDS

    updated = await send(
        http, "PUT", f"/api/v1/estimates/{estimate_id}", tenant, {"estimateNumber": "Q-1"}
    )
    assert data_of(updated)["estimateNumber"] == "Q-1"

    assert_no_content(await send(http, "DELETE", f"/api/v1/estimates/{estimate_id}", tenant))
    error_of(await send(http, "GET", f"/api/v1/estimates/{estimate_id}", tenant), 404)


async def test_invoices_and_estimates_are_apart(http: httpx.AsyncClient, tenant: Tenant) -> None:
    invoice = await an_invoice(tenant.org)
    response = await send(http, "GET", f"/api/v1/estimates/{invoice.id}", tenant)
    assert error_of(response, 404) == f"No estimate with id {invoice.id!r}"
    invoice_field = await send(
        http,
        "POST",
        "/api/v1/estimates",
        tenant,
        {"clientId": invoice.client_id, "invoiceNumber": "X"},
    )
    assert "Unknown field: invoiceNumber" in error_of(invoice_field, 400)


async def test_convert_creates_a_draft_invoice_once(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    estimate = await an_invoice(tenant.org, series=Series.ESTIMATE, notes="From the workshop")
    response = await send(http, "POST", f"/api/v1/estimates/{estimate.id}/convert", tenant)
    data = data_of(response, 201)
    assert list(data) == ["id", "invoiceNumber", "total", "status"]
    assert (data["invoiceNumber"], data["status"]) == ("INV-0001", "DRAFT")
    assert '"total":5500.00' in response.text

    invoice = (await send(http, "GET", f"/api/v1/invoices/{data['id']}", tenant)).json()["data"]
    assert invoice["notes"] == "From the workshop" and invoice["clientId"] == estimate.client_id
    accepted = (await send(http, "GET", f"/api/v1/estimates/{estimate.id}", tenant)).json()
    assert accepted["data"]["status"] == "ACCEPTED"
    assert TIMESTAMP.fullmatch(accepted["data"]["acceptedAt"])

    again = await send(http, "POST", f"/api/v1/estimates/{estimate.id}/convert", tenant)
    assert f"already converted to invoice INV-0001 ({data['id']})" in error_of(again, 409)
    assert await Document.filter(is_estimate=False).count() == 1


async def test_void_and_the_status_filter(http: httpx.AsyncClient, tenant: Tenant) -> None:
    declined = await an_invoice(tenant.org, series=Series.ESTIMATE)
    await an_invoice(tenant.org, series=Series.ESTIMATE)
    voided = data_of(await send(http, "POST", f"/api/v1/estimates/{declined.id}/void", tenant))
    assert list(voided) == FULL_FIELDS and voided["status"] == "VOID"
    listed = (await send(http, "GET", "/api/v1/estimates?status=VOID", tenant)).json()
    assert [item["id"] for item in listed["data"]] == [declined.id]
    converted = await send(http, "POST", f"/api/v1/estimates/{declined.id}/convert", tenant)
    assert "VOID and cannot become ACCEPTED" in error_of(converted, 409)


async def test_overdue_is_an_invoice_status(http: httpx.AsyncClient, tenant: Tenant) -> None:
    response = await send(http, "GET", "/api/v1/estimates?status=OVERDUE", tenant)
    assert error_of(response, 400) == (
        "Invalid parameter status: must be one of DRAFT, SENT, VIEWED, ACCEPTED, VOID"
    )


async def test_a_sent_estimate_cannot_be_updated(http: httpx.AsyncClient, tenant: Tenant) -> None:
    estimate = await an_invoice(tenant.org, series=Series.ESTIMATE)
    await documents.mark_sent(tenant.org, estimate.id, series=Series.ESTIMATE)
    response = await send(http, "PUT", f"/api/v1/estimates/{estimate.id}", tenant, {"notes": "x"})
    assert "only DRAFT estimates can be edited" in error_of(response, 400)
    assert (await Document.get(id=estimate.id)).notes == ""


@pytest.mark.parametrize(
    ("method", "suffix", "body"),
    [
        ("GET", "", None),
        ("PUT", "", {"notes": "Mine now"}),
        ("DELETE", "", None),
        ("POST", "/convert", None),
        ("POST", "/void", None),
    ],
)
async def test_another_organizations_estimate_is_404_and_untouched(
    http: httpx.AsyncClient,
    tenant: Tenant,
    other_tenant: Tenant,
    method: str,
    suffix: str,
    body: dict[str, Any] | None,
) -> None:
    theirs = await an_invoice(other_tenant.org, series=Series.ESTIMATE)
    response = await send(http, method, f"/api/v1/estimates/{theirs.id}{suffix}", tenant, body)
    assert error_of(response, 404) == f"No estimate with id {theirs.id!r}"
    stored = await Document.get(id=theirs.id)
    assert (stored.notes, stored.status) == ("", "DRAFT")
    assert await Document.filter(is_estimate=False).count() == 0
