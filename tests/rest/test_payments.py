"""/api/v1/payments: recording, listing and deleting payments; the invoice follows."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from billing import documents, payments
from models import Document, Payment
from models.enums import Series
from tests.billing.factories import an_invoice
from tests.conftest import Tenant
from tests.rest.conftest import TIMESTAMP, assert_no_content, data_of, error_of, send

PAYMENT_FIELDS = [
    "id",
    "invoiceId",
    "amount",
    "currency",
    "paymentDate",
    "paymentMethod",
    "note",
    "createdAt",
]


async def status_of(http: httpx.AsyncClient, tenant: Tenant, invoice_id: str) -> str:
    response = await send(http, "GET", f"/api/v1/invoices/{invoice_id}", tenant)
    return str(response.json()["data"]["status"])


async def test_record_list_and_delete(http: httpx.AsyncClient, tenant: Tenant) -> None:
    invoice = await an_invoice(tenant.org)
    await documents.mark_sent(tenant.org, invoice.id, series=Series.INVOICE)
    body = (
        f'{{"invoiceId": "{invoice.id}", "amount": 2000.50, "paymentMethod": "BANK_TRANSFER",'
        ' "paymentDate": "2024-02-01", "note": "Wire 4711"}'
    )
    created = await send(http, "POST", "/api/v1/payments", tenant, body)
    payment = data_of(created, 201)
    assert list(payment) == PAYMENT_FIELDS
    assert '"amount":2000.50' in created.text
    assert (payment["invoiceId"], payment["currency"], payment["paymentDate"]) == (
        invoice.id,
        "USD",
        "2024-02-01",
    )
    assert (payment["paymentMethod"], payment["note"]) == ("BANK_TRANSFER", "Wire 4711")
    assert TIMESTAMP.fullmatch(payment["createdAt"])
    assert await status_of(http, tenant, invoice.id) == "PARTIALLY_PAID"

    rest = await send(
        http,
        "POST",
        "/api/v1/payments",
        tenant,
        f'{{"invoiceId": "{invoice.id}", "amount": 3499.50, "paymentMethod": "CASH"}}',
    )
    assert rest.status_code == 201
    assert await status_of(http, tenant, invoice.id) == "PAID"

    other = await an_invoice(tenant.org)
    await payments.record_payment(
        tenant.org, {"invoice_id": other.id, "amount": "1", "payment_method": "CASH"}
    )
    listed = await send(http, "GET", f"/api/v1/payments?invoiceId={invoice.id}", tenant)
    assert listed.status_code == 200
    assert listed.headers["content-type"] == "application/json"
    body_json = listed.json()
    assert (body_json["total"], body_json["page"], body_json["limit"]) == (2, 1, 20)
    assert {p["id"] for p in body_json["data"]} == {payment["id"], rest.json()["data"]["id"]}
    everything = (await send(http, "GET", "/api/v1/payments", tenant)).json()
    assert everything["total"] == 3

    assert_no_content(await send(http, "DELETE", f"/api/v1/payments/{payment['id']}", tenant))
    assert await status_of(http, tenant, invoice.id) == "PARTIALLY_PAID"
    gone = await send(http, "DELETE", f"/api/v1/payments/{payment['id']}", tenant)
    assert error_of(gone, 404) == f"No payment with id {payment['id']!r}"


REFUSED: list[tuple[dict[str, Any], int, str]] = [
    ({"amount": 10, "paymentMethod": "CASH"}, 400, "Missing required field: invoiceId"),
    ({"amount": "10", "paymentMethod": "CASH"}, 400, "amount must be a number"),
    (
        {"amount": 10, "paymentMethod": "cash"},
        400,
        "paymentMethod must be one of BANK_TRANSFER, CASH, CHEQUE, CREDIT_CARD, DEBIT, ONLINE",
    ),
    ({"amount": 0, "paymentMethod": "CASH"}, 400, "amount must be greater than 0"),
    ({"amount": 10.001, "paymentMethod": "CASH"}, 400, "amount has more than 2 decimal"),
    ({"amount": 5500.01, "paymentMethod": "CASH"}, 400, "at most 5500.00 is due"),
    (
        {"amount": 10, "paymentMethod": "CASH", "currency": "EUR"},
        400,
        "is in USD; a payment in EUR cannot be recorded on it",
    ),
    (
        {"amount": 10, "paymentMethod": "CASH", "paymentDate": "yesterday"},
        400,
        "paymentDate must be a date in YYYY-MM-DD form",
    ),
    (
        {"amount": 10, "paymentMethod": "CASH", "reference": "x"},
        400,
        "Unknown field: reference",
    ),
]


async def test_refused_payments_change_nothing(http: httpx.AsyncClient, tenant: Tenant) -> None:
    invoice = await an_invoice(tenant.org)
    for body, status, message in REFUSED:
        sent = body if "Missing" in message else {"invoiceId": invoice.id, **body}
        response = await send(http, "POST", "/api/v1/payments", tenant, sent)
        assert message in error_of(response, status), body
    assert await Payment.all().count() == 0
    assert (await Document.get(id=invoice.id)).status == "DRAFT"


async def test_a_void_invoice_takes_no_payment(http: httpx.AsyncClient, tenant: Tenant) -> None:
    invoice = await an_invoice(tenant.org)
    await documents.void_document(tenant.org, invoice.id, series=Series.INVOICE)
    response = await send(
        http,
        "POST",
        "/api/v1/payments",
        tenant,
        {"invoiceId": invoice.id, "amount": 10, "paymentMethod": "CASH"},
    )
    assert "VOID and takes no payments" in error_of(response, 409)


async def test_an_estimate_takes_no_payment(http: httpx.AsyncClient, tenant: Tenant) -> None:
    estimate = await an_invoice(tenant.org, series=Series.ESTIMATE)
    response = await send(
        http,
        "POST",
        "/api/v1/payments",
        tenant,
        {"invoiceId": estimate.id, "amount": 10, "paymentMethod": "CASH"},
    )
    assert "cannot take payments: convert it to an invoice" in error_of(response, 400)


async def test_another_organizations_invoice_and_payment_are_404(
    http: httpx.AsyncClient, tenant: Tenant, other_tenant: Tenant
) -> None:
    theirs = await an_invoice(other_tenant.org)
    payment = await payments.record_payment(
        other_tenant.org, {"invoice_id": theirs.id, "amount": "10", "payment_method": "CASH"}
    )
    created = await send(
        http,
        "POST",
        "/api/v1/payments",
        tenant,
        {"invoiceId": theirs.id, "amount": 10, "paymentMethod": "CASH"},
    )
    assert error_of(created, 404) == f"No invoice with id {theirs.id!r}"
    deleted = await send(http, "DELETE", f"/api/v1/payments/{payment.id}", tenant)
    assert error_of(deleted, 404) == f"No payment with id {payment.id!r}"
    listed = (await send(http, "GET", f"/api/v1/payments?invoiceId={theirs.id}", tenant)).json()
    assert listed["total"] == 0
    assert await Payment.filter(document_id=theirs.id).count() == 1


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("invoiceId=", "Invalid parameter invoiceId: must not be empty"),
        ("limit=1000", "Invalid parameter limit: must be between 1 and 100"),
        ("search=x", "Unknown parameter: search (accepted: page, limit, invoiceId)"),
    ],
)
async def test_bad_parameters_are_400(
    http: httpx.AsyncClient, tenant: Tenant, query: str, message: str
) -> None:
    response = await send(http, "GET", f"/api/v1/payments?{query}", tenant)
    assert error_of(response, 400) == message
