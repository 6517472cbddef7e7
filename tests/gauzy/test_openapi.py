"""The Gauzy door's OpenAPI document: served, complete, its examples accepted, and
schemathesis finding neither an error nor a drift between it and the server."""

from __future__ import annotations

import copy
import json
from decimal import Decimal
from typing import Any

import httpx
from hypothesis import strategies as st

from billing import documents, payments
from gauzy.app import DOOR, OPERATIONS, PREFIX
from models.enums import Series
from rest.jsonio import dumps
from rest.openapi import document
from tests.billing.factories import a_client, an_invoice
from tests.conftest import Tenant
from tests.gauzy.conftest import send
from tests.rest.conftest import live_server  # noqa: F401  (a fixture)
from tests.rest.test_openapi import Ids, run_schemathesis


async def test_document_is_served_without_a_key(http: httpx.AsyncClient) -> None:
    response = await http.get("/api/openapi.json")
    assert response.status_code == 200
    assert json.loads(response.text, parse_float=Decimal) == document(DOOR, OPERATIONS)
    spec = response.json()
    routes = {(method.upper(), path) for path, item in spec["paths"].items() for method in item}
    assert routes == {("GET", "/api/openapi.json")} | {
        (op.method, PREFIX + op.path) for op in OPERATIONS
    }
    for name, schema in spec["components"]["schemas"].items():
        assert schema["additionalProperties"] is False, name
    assert spec["components"]["schemas"]["Error"]["required"] == ["statusCode", "message", "error"]
    # The v1 document is v1's alone.
    v1 = (await http.get("/api/v1/openapi.json")).json()
    assert not set(v1["paths"]) & set(spec["paths"])


async def seed(tenant: Tenant) -> Ids:
    """Fresh resources, so that generated requests also reach existing ones."""
    org = tenant.org
    client = await a_client(org)
    draft = await an_invoice(org, client)
    sent = await an_invoice(org, client)
    await documents.mark_sent(org, sent.id, Series.INVOICE)
    await payments.record_payment(
        org, {"invoice_id": sent.id, "amount": "100.00", "payment_method": "CASH"}
    )
    estimate = await an_invoice(org, client, series=Series.ESTIMATE)
    return {"clients": [client.id], "invoices": [draft.id, sent.id, estimate.id]}


def _pointed_at(case: Any, ids: Ids, example: dict[str, Any] | None, data: st.DataObject) -> None:
    if "id" in case.path_parameters and data.draw(st.booleans()):
        case.path_parameters["id"] = data.draw(st.sampled_from(ids["invoices"]))
    if example is not None and data.draw(st.booleans()):
        case.body = copy.deepcopy(example)
    if isinstance(case.body, dict):
        for field, kind in (("toContactId", "clients"), ("invoiceId", "invoices")):
            if field in case.body and data.draw(st.booleans()):
                case.body[field] = data.draw(st.sampled_from(ids[kind]))


async def test_schemathesis_finds_no_error_and_no_drift(live_server: str, tenant: Tenant) -> None:  # noqa: F811
    await run_schemathesis(live_server, PREFIX, tenant, seed, _pointed_at)


async def test_every_documented_example_is_accepted(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    spec = json.loads(dumps(document(DOOR, OPERATIONS)))
    for op in OPERATIONS:
        if op.signature.body is None:
            continue
        ids = await seed(tenant)
        real = {"toContactId": ids["clients"][0], "invoiceId": ids["invoices"][1]}
        content = spec["paths"][PREFIX + op.path][op.method.lower()]["requestBody"]["content"]
        example = content["application/json"]["example"]
        body = {key: real.get(key, value) for key, value in example.items()}
        if "invoiceNumber" in body:
            body["invoiceNumber"] = f"{body['invoiceNumber']}-{op.method}"
        path = op.path.replace("{id}", ids["invoices"][0])
        response = await send(http, op.method, PREFIX + path, tenant, body)
        assert response.status_code == op.status, (op.method, op.path, response.text)
