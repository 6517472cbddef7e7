"""Taxes over REST: the extension fields (`taxRateIds` on a line, `pricesIncludeTax` on a
document) and the breakdown route, `GET /api/v1/{invoices,estimates}/:id/taxes`, while the
contract's shapes stay exactly as they are; the same numbers as GraphQL's."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import httpx

from billing import tax_rates
from models import Document
from tests.billing.factories import a_client
from tests.conftest import Tenant
from tests.rest.conftest import data_of, error_of, send
from tests.rest.test_invoices import FULL_FIELDS, LINE_FIELDS


def _line(price: str, *rate_ids: str) -> str:
    ids = ", ".join(f'"{rate_id}"' for rate_id in rate_ids)
    return f'{{"description": "Work", "quantity": 1, "unitPrice": {price}, "taxRateIds": [{ids}]}}'


async def _vat(tenant: Tenant) -> str:
    rate = await tax_rates.create_tax_rate(tenant.org, {"name": "VAT 20%", "rate": "20"})
    return rate.id


async def test_three_lines_at_20_percent_per_document(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    client, vat = await a_client(tenant.org), await _vat(tenant)
    lines = ", ".join(_line(price, vat) for price in ("0.33", "0.33", "0.34"))
    body = f'{{"clientId": "{client.id}", "currency": "EUR", "lineItems": [{lines}]}}'
    created = data_of(await send(http, "POST", "/api/v1/invoices", tenant, body), 201)
    assert created["total"] == 1.2

    response = await send(http, "GET", f"/api/v1/invoices/{created['id']}", tenant)
    invoice = data_of(response)
    assert list(invoice) == FULL_FIELDS  # the contract's shape, no field more
    assert all(list(line) == LINE_FIELDS for line in invoice["lineItems"])
    for token in ('"subtotal":1.00', '"taxTotal":0.20', '"total":1.20', '"taxRate":0}'):
        assert token in response.text, token

    taxes = await send(http, "GET", f"/api/v1/invoices/{created['id']}/taxes", tenant)
    assert taxes.status_code == 200
    assert taxes.text == (
        f'{{"data":{{"id":"{created["id"]}","pricesIncludeTax":false,'
        '"taxRounding":"PER_DOCUMENT","taxTotal":0.20,"taxLines":[{"rate":20,"name":"VAT 20%",'
        '"category":"S","compound":false,"exemptionReason":"","exemptionReasonCode":"",'
        '"taxableAmount":1.00,"taxAmount":0.20}]}}'
    )


async def test_a_tax_inclusive_500_euro_line_is_billed_at_500(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    client, vat = await a_client(tenant.org), await _vat(tenant)
    body = (
        f'{{"clientId": "{client.id}", "currency": "EUR", "pricesIncludeTax": true,'
        f' "lineItems": [{_line("500.00", vat)}]}}'
    )
    created = data_of(await send(http, "POST", "/api/v1/invoices", tenant, body), 201)
    shown = (await send(http, "GET", f"/api/v1/invoices/{created['id']}", tenant)).text
    for token in ('"subtotal":500.00', '"taxTotal":83.33', '"total":500.00'):
        assert token in shown, token
    taxes = data_of(await send(http, "GET", f"/api/v1/invoices/{created['id']}/taxes", tenant))
    assert taxes["pricesIncludeTax"] is True
    assert [(row["taxableAmount"], row["taxAmount"]) for row in taxes["taxLines"]] == [
        (416.67, 83.33)
    ]
    # Prices that include tax can be turned off on the draft: the same lines, now net.
    changed = await send(
        http, "PUT", f"/api/v1/invoices/{created['id']}", tenant, {"pricesIncludeTax": False}
    )
    assert data_of(changed)["total"] == 600


async def test_the_breakdown_is_graphqls(http: httpx.AsyncClient, tenant: Tenant) -> None:
    client, vat = await a_client(tenant.org), await _vat(tenant)
    reduced = await tax_rates.create_tax_rate(tenant.org, {"name": "VAT 5.5%", "rate": "5.5"})
    lines = f"{_line('19.99', vat)}, {_line('7.49', reduced.id)}, {_line('3.10', vat, reduced.id)}"
    body = f'{{"clientId": "{client.id}", "lineItems": [{lines}]}}'
    created = data_of(await send(http, "POST", "/api/v1/estimates", tenant, body), 201)
    response = await send(http, "GET", f"/api/v1/estimates/{created['id']}/taxes", tenant)
    rest = json.loads(response.text, parse_float=Decimal)["data"]  # exact, as sent
    graph = await http.post(
        "/graphql",
        json={
            "query": "query($id: ID!) { estimate(id: $id) { taxTotal taxRounding"
            " taxLines { rate name taxableAmount taxAmount } } }",
            "variables": {"id": created["id"]},
        },
        headers=tenant.headers,
    )
    estimate = graph.json()["data"]["estimate"]
    assert rest["taxTotal"] == Decimal(estimate["taxTotal"])
    assert rest["taxRounding"] == estimate["taxRounding"]
    assert [
        (str(r["rate"]), r["name"], str(r["taxableAmount"]), str(r["taxAmount"]))
        for r in rest["taxLines"]
    ] == [(r["rate"], r["name"], r["taxableAmount"], r["taxAmount"]) for r in estimate["taxLines"]]


async def test_bad_tax_input_is_refused_and_stores_nothing(
    http: httpx.AsyncClient, tenant: Tenant, other_tenant: Tenant
) -> None:
    client = await a_client(tenant.org)
    foreign = await _vat(other_tenant)
    line = {"description": "Work", "quantity": 1, "unitPrice": 10}
    cases: list[tuple[dict[str, Any], str]] = [
        ({"lineItems": [{**line, "taxRateIds": "tax_x"}]}, "lineItems[0].taxRateIds must be"),
        ({"lineItems": [{**line, "taxRateIds": [1]}]}, "lineItems[0].taxRateIds[0] must be"),
        ({"lineItems": [{**line, "taxRateIds": [foreign]}]}, "lineItems[0].taxRateIds[0]: no"),
        ({"lineItems": [{**line, "taxRateIds": ["tax_" + "x" * 200]}]}, "at most"),
        ({"pricesIncludeTax": "yes", "lineItems": [line]}, "pricesIncludeTax must be true or"),
    ]
    for extra, words in cases:
        response = await send(
            http, "POST", "/api/v1/invoices", tenant, {"clientId": client.id, **extra}
        )
        assert words in error_of(response, 400), extra
    assert await Document.all().count() == 0


async def test_another_organizations_breakdown_is_not_found(
    http: httpx.AsyncClient, tenant: Tenant, other_tenant: Tenant
) -> None:
    client = await a_client(tenant.org)
    body = {
        "clientId": client.id,
        "lineItems": [{"description": "W", "quantity": 1, "unitPrice": 1}],
    }
    created = data_of(await send(http, "POST", "/api/v1/invoices", tenant, body), 201)
    for path in (
        f"/api/v1/invoices/{created['id']}/taxes",
        f"/api/v1/estimates/{created['id']}/taxes",
    ):
        assert error_of(await send(http, "GET", path, other_tenant), 404)
    # An invoice's id is not an estimate's.
    assert error_of(
        await send(http, "GET", f"/api/v1/estimates/{created['id']}/taxes", tenant), 404
    )
