"""The Gauzy door's invoices and estimates over HTTP: the page's examples, every relation,
the where/order/take/skip rules and their bad values, tenancy, and the same objects over
GraphQL and v1."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import httpx
import pytest

from billing import documents
from models import Document
from models.enums import DocumentStatus, Series
from tests.billing.factories import a_client, an_invoice
from tests.conftest import Tenant
from tests.gauzy.conftest import body_of, gauzy_error, send
from tests.graph.test_query_count import counting_queries, invoices_with_everything

MOMENT = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z")

# The seed page's example: 40 x 125 with a 10 % PERCENT discount and tax 7.5.
SEED: dict[str, Any] = {
    "invoiceNumber": 1001,
    "invoiceDate": "2024-01-15T00:00:00.000Z",
    "dueDate": "2024-02-14T00:00:00.000Z",
    "currency": "USD",
    "discountValue": 10,
    "discountType": "PERCENT",
    "tax": 7.5,
    "totalValue": 4837.5,
    "invoiceItems": [
        {
            "description": "Design",
            "quantity": 40,
            "price": 125,
            "totalValue": 5000,
            "applyTax": True,
            "applyDiscount": True,
        }
    ],
}


async def create(
    http: httpx.AsyncClient, tenant: Tenant, client_id: str, **fields: Any
) -> dict[str, Any]:
    body = {**SEED, "toContactId": client_id, "organizationId": tenant.org.id, **fields}
    created: dict[str, Any] = body_of(await send(http, "POST", "/api/invoices", tenant, body), 201)
    return created


async def test_the_seed_pages_example_is_exact(http: httpx.AsyncClient, tenant: Tenant) -> None:
    client = await a_client(tenant.org)
    invoice = await create(http, tenant, client.id)
    assert invoice["invoiceNumber"] == "1001"
    assert invoice["totalValue"] == Decimal("4837.50")
    assert (invoice["invoiceDate"], invoice["dueDate"]) == (
        "2024-01-15T00:00:00.000Z",
        "2024-02-14T00:00:00.000Z",
    )
    assert (invoice["status"], invoice["isEstimate"], invoice["discountType"]) == (
        "DRAFT",
        False,
        "PERCENT",
    )
    assert (invoice["tax"], invoice["discountValue"]) == (Decimal("7.5"), Decimal("10"))
    assert invoice["organizationId"] == tenant.org.id and invoice["toContactId"] == client.id
    (item,) = invoice["invoiceItems"]
    assert (item["quantity"], item["price"], item["totalValue"]) == (
        Decimal("40"),
        Decimal("125.00"),
        Decimal("5000.00"),
    )
    row = await Document.get(id=invoice["id"])
    assert (row.subtotal, row.discount_total, row.tax_total, row.total) == (
        Decimal("5000.00"),
        Decimal("500.00"),
        Decimal("337.50"),
        Decimal("4837.50"),
    )


async def test_a_sent_total_is_ignored_and_the_answer_shows_the_computed_one(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    client = await a_client(tenant.org)
    items = [{**SEED["invoiceItems"][0], "totalValue": 1}]
    invoice = await create(http, tenant, client.id, totalValue=1, invoiceItems=items)
    assert invoice["totalValue"] == Decimal("4837.50")
    assert invoice["invoiceItems"][0]["totalValue"] == Decimal("5000.00")


async def test_an_estimate_is_numbered_in_its_own_series(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    client = await a_client(tenant.org)
    body = {"toContactId": client.id, "isEstimate": True, "invoiceItems": SEED["invoiceItems"]}
    estimate = body_of(await send(http, "POST", "/api/invoices", tenant, body), 201)
    assert (estimate["invoiceNumber"], estimate["isEstimate"]) == ("EST-0001", True)
    invoice = body_of(
        await send(http, "POST", "/api/invoices", tenant, {"toContactId": client.id}), 201
    )
    assert invoice["invoiceNumber"] == "INV-0001" and invoice["totalValue"] == Decimal("0.00")


async def test_the_list_nests_each_relation_asked_for(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    client = await a_client(tenant.org, email="ap@globex.example", phone="+1 555 0100")
    invoice = await create(http, tenant, client.id)
    plain = body_of(await send(http, "GET", "/api/invoices?take=20&skip=0", tenant))
    assert plain["total"] == 1
    (item,) = plain["items"]
    assert {"toContact", "fromOrganization", "invoiceItems", "payments"}.isdisjoint(item)
    assert MOMENT.fullmatch(item["createdAt"]) and MOMENT.fullmatch(item["invoiceDate"])
    for name in ("id", "invoiceNumber", "invoiceDate", "dueDate", "currency", "discountValue"):
        assert item[name] == invoice[name], name
    for name in ("discountType", "tax", "tax2", "totalValue", "status", "sentTo", "isEstimate"):
        assert item[name] == invoice[name], name
    assert (item["organizationId"], item["toContactId"]) == (tenant.org.id, client.id)

    url = (
        "/api/invoices?take=20&skip=0&relations[]=toContact&relations[]=fromOrganization"
        "&relations[]=invoiceItems&relations[]=payments"
    )
    (nested,) = body_of(await send(http, "GET", url, tenant))["items"]
    assert nested["toContact"]["id"] == client.id
    assert nested["toContact"]["primaryEmail"] == "ap@globex.example"
    assert nested["toContact"]["primaryPhone"] == "+1 555 0100"
    assert nested["fromOrganization"] == {
        "id": tenant.org.id,
        "name": "Acme Studio",
        "currency": "USD",
        "createdAt": nested["fromOrganization"]["createdAt"],
        "updatedAt": nested["fromOrganization"]["updatedAt"],
    }
    assert [i["description"] for i in nested["invoiceItems"]] == ["Design"]
    assert nested["payments"] == []
    # Gauzy's own client writes relations[0]=...: the same list.
    (indexed,) = body_of(await send(http, "GET", "/api/invoices?relations[0]=toContact", tenant))[
        "items"
    ]
    assert indexed["toContact"]["name"] == "Globex"


async def test_where_order_take_and_skip(http: httpx.AsyncClient, tenant: Tenant) -> None:
    acme, zeta = await a_client(tenant.org, "Acme"), await a_client(tenant.org, "Zeta")
    made = [
        await create(http, tenant, acme.id, invoiceNumber=f"A-{n}", invoiceDate=f"2024-01-0{n}")
        for n in (3, 1, 2)
    ]
    await create(http, tenant, zeta.id, invoiceNumber="Z-1", invoiceDate="2024-01-05")
    estimate = await create(http, tenant, acme.id, isEstimate=True, invoiceNumber="E-1")

    def numbers(answer: dict[str, Any]) -> list[str]:
        return [item["invoiceNumber"] for item in answer["items"]]

    everything = body_of(await send(http, "GET", "/api/invoices", tenant))
    assert everything["total"] == 5 and numbers(everything)[0] == "E-1"  # newest first
    only_estimates = body_of(
        await send(http, "GET", "/api/invoices?where[isEstimate]=true", tenant)
    )
    assert numbers(only_estimates) == ["E-1"] and only_estimates["items"][0]["id"] == estimate["id"]
    invoices = f"/api/invoices?where[isEstimate]=false&where[toContactId]={acme.id}"
    by_date = body_of(await send(http, "GET", invoices + "&order[invoiceDate]=ASC", tenant))
    assert numbers(by_date) == ["A-1", "A-2", "A-3"]
    page = body_of(
        await send(http, "GET", invoices + "&order[invoiceDate]=desc&take=2&skip=1", tenant)
    )
    assert (numbers(page), page["total"]) == (["A-2", "A-1"], 3)
    by_number = body_of(await send(http, "GET", "/api/invoices?order[invoiceNumber]=DESC", tenant))
    assert numbers(by_number) == ["Z-1", "E-1", "A-3", "A-2", "A-1"]
    await documents.mark_sent(tenant.org, made[0]["id"], Series.INVOICE)
    sent = body_of(await send(http, "GET", "/api/invoices?where[status]=OVERDUE", tenant))
    assert numbers(sent) == ["A-3"]  # due 2024-02-14: long past
    assert (
        body_of(await send(http, "GET", "/api/invoices?where[status]=DRAFT", tenant))["total"] == 4
    )


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("take=101", "Invalid parameter take: must be between 1 and 100"),
        ("take=0", "Invalid parameter take: must be between 1 and 100"),
        ("take=ten", "Invalid parameter take: must be an integer"),
        ("skip=-1", "Invalid parameter skip: must be between 0 and 1000000"),
        ("where[isEstimate]=yes", "Invalid parameter where[isEstimate]: must be one of true"),
        ("where[status]=LATE", "Invalid parameter where[status]: must be one of DRAFT"),
        ("order[invoiceDate]=UP", "Invalid parameter order[invoiceDate]: must be one of ASC"),
        ("order[invoiceDate]=ASC&order[dueDate]=ASC", "order one field at a time"),
        ("order[color]=ASC", "Unknown parameter: order[color]"),
        ("relations[]=tags", "Invalid parameter relations[]: must be one of toContact"),
        ("where[nope]=1", "Unknown parameter: where[nope]"),
        ("take=1&take=2", "Invalid parameter take: give it once"),
    ],
)
async def test_bad_list_parameters_are_400_in_nests_shape(
    http: httpx.AsyncClient, tenant: Tenant, query: str, message: str
) -> None:
    response = await send(http, "GET", f"/api/invoices?{query}", tenant)
    assert gauzy_error(response, 400).startswith(message)


async def test_another_organizations_id_is_404(
    http: httpx.AsyncClient, tenant: Tenant, other_tenant: Tenant
) -> None:
    client = await a_client(tenant.org)
    theirs = await an_invoice(other_tenant.org)
    refused = await send(
        http,
        "POST",
        "/api/invoices",
        tenant,
        {"toContactId": client.id, "organizationId": other_tenant.org.id},
    )
    assert gauzy_error(refused, 404) == f"No organization with id {other_tenant.org.id!r}"
    listed = await send(
        http, "GET", f"/api/invoices?where[organizationId]={other_tenant.org.id}", tenant
    )
    assert gauzy_error(listed, 404).startswith("No organization with id")
    for method, path in (
        ("GET", f"/api/invoices/{theirs.id}"),
        ("PUT", f"/api/invoices/{theirs.id}"),
        ("DELETE", f"/api/invoices/{theirs.id}"),
        ("PUT", f"/api/invoices/{theirs.id}/convert"),
    ):
        body: dict[str, Any] | None = {} if method == "PUT" else None
        message = gauzy_error(await send(http, method, path, tenant, body), 404)
        assert theirs.id in message, (method, path)
    assert await Document.filter(organization_id=tenant.org.id).count() == 0


async def test_bad_bodies_are_400_and_change_nothing(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    client = await a_client(tenant.org)
    cases: list[tuple[dict[str, Any], str]] = [
        ({}, "Missing required field: toContactId"),
        ({"toContactId": client.id, "status": "SENT"}, "status must be one of DRAFT"),
        ({"toContactId": client.id, "taxType": "FLAT"}, "taxType must be one of PERCENT"),
        ({"toContactId": client.id, "invoiceDate": "15/01/2024"}, "invoiceDate must be a date"),
        ({"toContactId": client.id, "discountType": "HALF"}, "discountType must be one of"),
        ({"toContactId": client.id, "invoiceNumber": True}, "invoiceNumber must be a string or"),
        ({"toContactId": client.id, "tags": []}, "Unknown field: tags"),
        (
            {"toContactId": client.id, "invoiceItems": [{"description": "x", "quantity": 1}]},
            "Missing required field: invoiceItems[0].price",
        ),
        (
            {
                "toContactId": client.id,
                "invoiceItems": [{"description": "x", "quantity": 1, "price": -1}],
            },
            "unit price must not be negative",
        ),
    ]
    for body, message in cases:
        response = await send(http, "POST", "/api/invoices", tenant, body)
        assert gauzy_error(response, 400).startswith(message), (body, response.text)
    unknown = await send(http, "POST", "/api/invoices", tenant, {"toContactId": "cli_nope"})
    assert gauzy_error(unknown, 404) == "No client with id 'cli_nope'"
    assert await Document.all().count() == 0


async def test_get_update_and_delete(http: httpx.AsyncClient, tenant: Tenant) -> None:
    client = await a_client(tenant.org)
    invoice = await create(http, tenant, client.id)
    got = body_of(await send(http, "GET", f"/api/invoices/{invoice['id']}", tenant))
    assert got["id"] == invoice["id"] and "toContact" not in got
    with_all = body_of(
        await send(
            http,
            "GET",
            f"/api/invoices/{invoice['id']}?relations[]=payments&relations[]=invoiceItems",
            tenant,
        )
    )
    assert with_all["payments"] == [] and len(with_all["invoiceItems"]) == 1
    changed = await send(
        http,
        "PUT",
        f"/api/invoices/{invoice['id']}",
        tenant,
        {"invoiceItems": [{**SEED["invoiceItems"][0], "quantity": 50}]},
    )
    assert body_of(changed, 202)["totalValue"] == Decimal("6046.88")
    await documents.mark_sent(tenant.org, invoice["id"], Series.INVOICE)
    refused = await send(http, "PUT", f"/api/invoices/{invoice['id']}", tenant, {"terms": "x"})
    assert "only DRAFT invoices can be edited" in gauzy_error(refused, 400)
    draft = await create(http, tenant, client.id, invoiceNumber="D-1")
    gone = await send(http, "DELETE", f"/api/invoices/{draft['id']}", tenant)
    assert body_of(gone, 202) == {"raw": [], "affected": 1}
    assert not await Document.exists(id=draft["id"])
    again = await send(http, "DELETE", f"/api/invoices/{draft['id']}", tenant)
    assert gauzy_error(again, 404).startswith("No invoice or estimate with id")


async def test_a_converted_estimate_is_accepted_and_its_invoice_is_graphqls(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    client = await a_client(tenant.org)
    estimate = await create(http, tenant, client.id, isEstimate=True, invoiceNumber="E-7")
    converted = await send(http, "PUT", f"/api/invoices/{estimate['id']}/convert", tenant)
    invoice = body_of(converted, 202)
    assert (invoice["isEstimate"], invoice["status"]) == (False, "DRAFT")
    assert invoice["totalValue"] == Decimal("4837.50") and invoice["id"] != estimate["id"]
    query = "query($id: ID!) { estimate(id: $id) { status convertedInvoice { id number total } } }"
    answer = await http.post(
        "/graphql",
        json={"query": query, "variables": {"id": estimate["id"]}},
        headers=tenant.headers,
    )
    seen = answer.json()["data"]["estimate"]
    assert seen["status"] == "ACCEPTED"
    assert seen["convertedInvoice"]["id"] == invoice["id"]
    assert seen["convertedInvoice"]["number"] == invoice["invoiceNumber"]
    again = await send(http, "PUT", f"/api/invoices/{estimate['id']}/convert", tenant)
    assert "already converted" in gauzy_error(again, 409)
    not_an_estimate = await send(http, "PUT", f"/api/invoices/{invoice['id']}/convert", tenant)
    assert gauzy_error(not_an_estimate, 404).startswith("No estimate with id")


async def test_the_same_invoice_through_every_door(http: httpx.AsyncClient, tenant: Tenant) -> None:
    client = await a_client(tenant.org)
    invoice = await create(http, tenant, client.id)
    v1 = (await http.get(f"/api/v1/invoices/{invoice['id']}", headers=tenant.headers)).json()
    assert (v1["data"]["invoiceNumber"], v1["data"]["total"]) == ("1001", 4837.5)
    answer = await http.post(
        "/graphql",
        json={
            "query": "query($id: ID!) { invoice(id: $id) { number total status } }",
            "variables": {"id": invoice["id"]},
        },
        headers=tenant.headers,
    )
    assert answer.json()["data"]["invoice"] == {
        "number": "1001",
        "total": "4837.50",
        "status": "DRAFT",
    }


async def test_statuses_change_only_through_the_domain(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    client = await a_client(tenant.org)
    invoice = await create(http, tenant, client.id)
    refused = await send(http, "PUT", f"/api/invoices/{invoice['id']}", tenant, {"status": "PAID"})
    assert gauzy_error(refused, 400).startswith("Unknown field: status")
    assert (await Document.get(id=invoice["id"])).status is DocumentStatus.DRAFT


async def test_a_page_with_every_relation_costs_the_same_for_5_or_100(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    url = (
        "/api/invoices?take={take}&relations[]=toContact&relations[]=fromOrganization"
        "&relations[]=invoiceItems&relations[]=payments"
    )

    async def statements(take: int) -> int:
        with counting_queries() as sent:
            page = body_of(await send(http, "GET", url.format(take=take), tenant))
        assert len(page["items"]) == take
        assert all(len(item["invoiceItems"]) == 2 for item in page["items"])
        return len(sent)

    await invoices_with_everything(tenant, 5)
    small = await statements(5)
    await invoices_with_everything(tenant, 95)
    assert await statements(100) == small
    assert small <= 8  # the count, the page, its lines, its payments (and the organization)
