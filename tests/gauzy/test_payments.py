"""The Gauzy door's payments, e-mail and the page's whole script: what it does through this
door is what GraphQL and v1 show."""

from __future__ import annotations

import email
from decimal import Decimal
from typing import Any

import httpx

from billing import documents
from models import Payment
from models.enums import Series
from settings import Settings
from tests.billing.factories import a_client, an_invoice
from tests.conftest import Tenant
from tests.gauzy.conftest import body_of, gauzy_error, send
from tests.gauzy.test_invoices import SEED as PAGE_SEED

# Not yet due, so that statuses read as stored rather than OVERDUE.
SEED = {**PAGE_SEED, "dueDate": "2099-01-31T00:00:00.000Z"}


async def a_sent_invoice(http: httpx.AsyncClient, tenant: Tenant) -> dict[str, Any]:
    client = await a_client(tenant.org, email="ap@globex.example")
    body = {**SEED, "toContactId": client.id}
    invoice: dict[str, Any] = body_of(await send(http, "POST", "/api/invoices", tenant, body), 201)
    await documents.mark_sent(tenant.org, invoice["id"], Series.INVOICE)
    return invoice


async def test_a_payment_through_this_door_changes_the_status_seen_over_v1(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    invoice = await a_sent_invoice(http, tenant)
    body = {
        "invoiceId": invoice["id"],
        "paymentDate": "2024-02-01T00:00:00.000Z",
        "amount": 1000,
        "currency": "USD",
        "paymentMethod": "BANK_TRANSFER",
        "note": "Wire ref 4711",
        "organizationId": tenant.org.id,
    }
    payment = body_of(await send(http, "POST", "/api/payment", tenant, body), 201)
    assert (payment["amount"], payment["paymentDate"]) == (
        Decimal("1000.00"),
        "2024-02-01T00:00:00.000Z",
    )
    assert (payment["invoiceId"], payment["organizationId"]) == (invoice["id"], tenant.org.id)
    v1 = (await http.get(f"/api/v1/invoices/{invoice['id']}", headers=tenant.headers)).json()
    assert v1["data"]["status"] == "PARTIALLY_PAID"
    shown = body_of(await send(http, "GET", f"/api/invoices/{invoice['id']}", tenant))
    assert (shown["alreadyPaid"], shown["amountDue"], shown["paid"]) == (
        Decimal("1000.00"),
        Decimal("3837.50"),
        False,
    )
    rest = {**body, "amount": 3837.5, "paymentDate": "2024-02-02"}
    body_of(await send(http, "POST", "/api/payments", tenant, rest), 201)
    v1 = (await http.get(f"/api/v1/invoices/{invoice['id']}", headers=tenant.headers)).json()
    assert v1["data"]["status"] == "PAID"

    listed = body_of(
        await send(http, "GET", f"/api/payment?where[invoiceId]={invoice['id']}", tenant)
    )
    assert listed["total"] == 2
    assert [p["amount"] for p in listed["items"]] == [Decimal("3837.50"), Decimal("1000.00")]
    oldest = body_of(
        await send(
            http,
            "GET",
            f"/api/payments?where[invoiceId]={invoice['id']}&order[paymentDate]=ASC&take=1",
            tenant,
        )
    )
    assert ([p["amount"] for p in oldest["items"]], oldest["total"]) == ([Decimal("1000.00")], 2)


async def test_a_bad_payment_is_refused_and_records_nothing(
    http: httpx.AsyncClient, tenant: Tenant, other_tenant: Tenant
) -> None:
    invoice = await a_sent_invoice(http, tenant)
    theirs = await an_invoice(other_tenant.org)
    base = {"invoiceId": invoice["id"], "amount": 10, "paymentMethod": "CASH"}
    for body, status, message in (
        ({**base, "amount": 5000}, 400, "A payment of 5000.00 USD would take invoice"),
        ({**base, "currency": "EUR"}, 400, "Invoice 1001 is in USD"),
        ({**base, "paymentMethod": "BARTER"}, 400, "paymentMethod must be one of"),
        ({**base, "paymentDate": "yesterday"}, 400, "paymentDate must be a date"),
        ({**base, "organizationId": other_tenant.org.id}, 404, "No organization with id"),
        ({**base, "invoiceId": theirs.id}, 404, "No invoice with id"),
    ):
        response = await send(http, "POST", "/api/payment", tenant, body)
        assert gauzy_error(response, status).startswith(message), (body, response.text)
    assert await Payment.all().count() == 0
    listed = await send(http, "GET", f"/api/payment?where[organizationId]={theirs.id}", tenant)
    assert gauzy_error(listed, 404).startswith("No organization with id")


async def test_email_sends_the_document_to_the_address_given(
    http: httpx.AsyncClient, tenant: Tenant, settings: Settings
) -> None:
    client = await a_client(tenant.org, email="ap@globex.example")
    invoice = body_of(
        await send(http, "POST", "/api/invoices", tenant, {**SEED, "toContactId": client.id}), 201
    )
    sent = await send(
        http,
        "PUT",
        f"/api/invoices/{invoice['id']}/email",
        tenant,
        {"email": "boss@globex.example"},
    )
    answer = body_of(sent, 202)
    assert (answer["status"], answer["sentTo"]) == ("SENT", "boss@globex.example")
    (eml,) = settings.outbox_dir.glob("*.eml")
    message = email.message_from_bytes(eml.read_bytes())
    assert message["To"] == "boss@globex.example"
    refused = await send(
        http, "PUT", f"/api/invoices/{invoice['id']}/email", tenant, {"email": "not an address"}
    )
    assert gauzy_error(refused, 400).startswith("to[0]")
    assert len(list(settings.outbox_dir.glob("*.eml"))) == 1


async def test_the_pages_script_runs_and_its_objects_are_the_same_everywhere(
    http: httpx.AsyncClient, tenant: Tenant, settings: Settings
) -> None:
    # As an integration written against the page would: create, e-mail, convert, pay, list.
    client = await a_client(tenant.org, email="ap@globex.example")
    org = tenant.org.id
    invoice = body_of(
        await send(
            http,
            "POST",
            "/api/invoices",
            tenant,
            {**SEED, "toContactId": client.id, "organizationId": org},
        ),
        201,
    )
    estimate = body_of(
        await send(
            http,
            "POST",
            "/api/invoices",
            tenant,
            {**SEED, "invoiceNumber": 2001, "isEstimate": True, "toContactId": client.id},
        ),
        201,
    )
    body_of(await send(http, "PUT", f"/api/invoices/{invoice['id']}/email", tenant, {}), 202)
    converted = body_of(
        await send(http, "PUT", f"/api/invoices/{estimate['id']}/convert", tenant), 202
    )
    payment = body_of(
        await send(
            http,
            "POST",
            "/api/payment",
            tenant,
            {
                "invoiceId": invoice["id"],
                "paymentDate": "2024-02-01T00:00:00.000Z",
                "amount": 1000,
                "currency": "USD",
                "paymentMethod": "BANK_TRANSFER",
                "note": "Partial",
                "organizationId": org,
            },
        ),
        201,
    )
    listed = body_of(
        await send(
            http,
            "GET",
            "/api/invoices?take=20&skip=0&relations[]=toContact&relations[]=fromOrganization",
            tenant,
        )
    )
    by_id = {item["id"]: item for item in listed["items"]}
    assert listed["total"] == 3
    assert by_id[invoice["id"]]["status"] == "PARTIALLY_PAID"
    assert by_id[estimate["id"]]["status"] == "ACCEPTED"
    assert by_id[converted["id"]]["status"] == "DRAFT"
    payments = body_of(
        await send(http, "GET", f"/api/payment?where[invoiceId]={invoice['id']}", tenant)
    )
    assert [p["id"] for p in payments["items"]] == [payment["id"]]

    # The same objects over v1 and GraphQL: ids, numbers, totals, statuses.
    v1 = (await http.get("/api/v1/invoices", headers=tenant.headers)).json()["data"]
    assert {(i["id"], i["invoiceNumber"], i["status"]) for i in v1} == {
        (invoice["id"], "1001", "PARTIALLY_PAID"),
        (converted["id"], converted["invoiceNumber"], "DRAFT"),
    }
    query = """query { invoices(first: 10) { edges { node { id number total status
      payments { id amount } } } }
      estimates(first: 10) { edges { node { id number status } } } }"""
    data = (await http.post("/graphql", json={"query": query}, headers=tenant.headers)).json()
    graph = {e["node"]["id"]: e["node"] for e in data["data"]["invoices"]["edges"]}
    assert graph[invoice["id"]]["total"] == "4837.50"
    assert graph[invoice["id"]]["payments"] == [{"id": payment["id"], "amount": "1000.00"}]
    assert graph[converted["id"]]["number"] == converted["invoiceNumber"]
    assert [e["node"] for e in data["data"]["estimates"]["edges"]] == [
        {"id": estimate["id"], "number": "2001", "status": "ACCEPTED"}
    ]
    assert len(list(settings.outbox_dir.glob("*.eml"))) == 1
