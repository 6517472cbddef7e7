"""The OpenAPI document: served without a key, complete, and true to the code.

The schemathesis run sends generated requests, valid and invalid, to every operation of a
live server and checks each answer against the document: no 500, only documented statuses,
content types and headers, bodies that match their schemas, invalid input refused.
"""

from __future__ import annotations

import asyncio
import copy
import json
from collections.abc import Callable, Coroutine
from datetime import timedelta
from decimal import Decimal
from typing import Any

import httpx
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.core.result import Err
from schemathesis.schemas import APIOperation
from schemathesis.specs.openapi.checks import positive_data_acceptance

from billing import credit_notes, documents, payments, recurring
from billing.lifecycle import today_in
from billing.plans import UNLIMITED
from models.enums import Series
from rest.app import OPERATIONS, PREFIX, V1
from rest.jsonio import dumps
from rest.openapi import document
from tests.billing.factories import a_client, an_invoice
from tests.conftest import Tenant
from tests.rest.conftest import send

# Per operation and mode: enough to reach every branch of the shim's input handling, few
# enough that both backends together stay within a few seconds each.
EXAMPLES = {GenerationMode.POSITIVE: 10, GenerationMode.NEGATIVE: 6}

Ids = dict[str, list[str]]


async def test_document_is_served_without_a_key(http: httpx.AsyncClient) -> None:
    response = await http.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert json.loads(response.text, parse_float=Decimal) == document(V1, OPERATIONS)


async def test_document_covers_every_route_with_closed_shapes(http: httpx.AsyncClient) -> None:
    spec = (await http.get("/api/v1/openapi.json")).json()
    assert spec["openapi"] == "3.1.0"
    routes = {(method.upper(), path) for path, item in spec["paths"].items() for method in item}
    assert routes == {("GET", "/api/v1/openapi.json")} | {
        (op.method, PREFIX + op.path) for op in OPERATIONS
    }
    for name, schema in spec["components"]["schemas"].items():
        assert schema["additionalProperties"] is False, name
    invoice = spec["components"]["schemas"]["Invoice"]
    assert list(invoice["properties"]) == invoice["required"]
    assert spec["paths"]["/api/v1/invoices"]["get"]["parameters"][4]["schema"]["enum"] == [
        "DRAFT",
        "SENT",
        "VIEWED",
        "PARTIALLY_PAID",
        "PAID",
        "OVERDUE",
        "VOID",
    ]
    assert spec["paths"]["/api/v1/openapi.json"]["get"]["security"] == []
    assert spec["security"] == [{"apiKey": []}]


async def seed(tenant: Tenant) -> Ids:
    """Fresh resources of each kind, so that generated requests also reach existing ones."""
    org = tenant.org
    client = await a_client(org)
    draft = await an_invoice(org, client)
    sent = await an_invoice(org, client)
    await documents.mark_sent(org, sent.id, series=Series.INVOICE)
    payment = await payments.record_payment(
        org, {"invoice_id": sent.id, "amount": "100.00", "payment_method": "CASH"}
    )
    estimate = await an_invoice(org, client, series=Series.ESTIMATE)
    # Paid in full, then credited: the client holds 1000.00 of credit to refund.
    paid = await an_invoice(org, client)
    await documents.mark_sent(org, paid.id, series=Series.INVOICE)
    await payments.record_payment(
        org, {"invoice_id": paid.id, "amount": "5500.00", "payment_method": "CASH"}
    )
    note = await credit_notes.create_credit_note(org, {"invoice_id": paid.id, "amount": "1000"})
    monthly = await recurring.create_recurring(
        org,
        {
            "client_id": client.id,
            "line_items": [{"description": "Retainer", "quantity": "1", "unit_price": "500"}],
            "rule": "FREQ=MONTHLY",
            "starts_on": today_in(org) + timedelta(days=1),
        },
        plan=UNLIMITED,
    )
    return {
        "clients": [client.id],
        "invoices": [draft.id, sent.id, paid.id],
        "estimates": [estimate.id],
        "payments": [payment.id],
        "credit-notes": [note.id],
        "recurring-invoices": [monthly.id],
        "issued": [paid.id],
    }


def _pointed_at(case: Any, ids: Ids, example: dict[str, Any] | None, data: st.DataObject) -> None:
    """Aim a valid case at real resources: existing ids, and at times the documented example."""
    collection = case.path.split("/")[3]
    if "id" in case.path_parameters and data.draw(st.booleans()):
        case.path_parameters["id"] = data.draw(st.sampled_from(ids[collection]))
    if example is not None and data.draw(st.booleans()):
        case.body = copy.deepcopy(example)
    if isinstance(case.body, dict):
        for field, kind in (("clientId", "clients"), ("invoiceId", "invoices")):
            if field in case.body and data.draw(st.booleans()):
                case.body[field] = data.draw(st.sampled_from(ids[kind]))


# Aims a valid case at real resources: (case, the body's documented example, data).
Aim = Callable[[Any, dict[str, Any] | None, st.DataObject], None]


def fuzz(
    operation: APIOperation[Any, Any, Any, Any],
    mode: GenerationMode,
    base_url: str,
    headers: dict[str, str],
    aim: Aim | None = None,
) -> None:
    """Send `operation` generated cases of `mode`, valid ones aimed (by `aim`) at real
    resources at times, and validate every answer."""
    body = operation.definition.raw.get("requestBody", {})
    example = body.get("content", {}).get("application/json", {}).get("example")

    @given(case=operation.as_strategy(generation_mode=mode), data=st.data())
    @settings(
        max_examples=EXAMPLES[mode],
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def check(case: Any, data: st.DataObject) -> None:
        if aim is not None:
            aim(case, example, data)
        # Valid requests may still break billing's rules (a date in 1066, a client that
        # does not exist), which the document does not express: any 4xx is fine for them.
        case.call_and_validate(
            base_url=base_url, headers=headers, excluded_checks=[positive_data_acceptance]
        )

    check()


def _can_be_invalid(definition: dict[str, Any]) -> bool:
    """Whether an operation takes anything a request can get wrong by the document: a JSON
    body or a parameter. A file upload's body is any bytes (the route says what they are)."""
    body = definition.get("requestBody", {}).get("content", {})
    return "application/json" in body or bool(definition.get("parameters"))


def _run_schemathesis(
    base_url: str, prefix: str, headers: dict[str, str], fresh_aim: Callable[[], Aim]
) -> None:
    """Every operation of the door at `prefix`, with valid then invalid cases, against the
    live server."""
    schema = schemathesis.openapi.from_url(f"{base_url}{prefix}/openapi.json")
    # The key is sent with every request (and the `ignored_auth` check sends each without
    # it): invalid cases are about the operation's own parameters, not the key.
    schema.config.generation.update(with_security_parameters=False)
    for result in schema.get_all_operations():
        if isinstance(result, Err):
            raise result.err()
        # Each operation gets resources of its own: an earlier DELETE may have used some up.
        operation = result.ok()
        fuzz(operation, GenerationMode.POSITIVE, base_url, headers, fresh_aim())
        if _can_be_invalid(operation.definition.raw):
            fuzz(operation, GenerationMode.NEGATIVE, base_url, headers)


Seed = Callable[[Tenant], Coroutine[Any, Any, Ids]]
PointAt = Callable[[Any, Ids, "dict[str, Any] | None", st.DataObject], None]


async def run_schemathesis(
    live_server: str, prefix: str, tenant: Tenant, seed: Seed, point_at: PointAt
) -> None:
    """schemathesis against the door at `prefix`, valid cases pointed at resources that
    `seed` makes afresh for each operation."""
    loop = asyncio.get_running_loop()

    def fresh_aim() -> Aim:
        ids = asyncio.run_coroutine_threadsafe(seed(tenant), loop).result()
        return lambda case, example, data: point_at(case, ids, example, data)

    # schemathesis blocks on its requests: it runs in a thread while this loop serves them.
    await asyncio.to_thread(_run_schemathesis, live_server, prefix, tenant.headers, fresh_aim)


async def test_schemathesis_finds_no_error_and_no_drift(live_server: str, tenant: Tenant) -> None:
    await run_schemathesis(live_server, PREFIX, tenant, seed, _pointed_at)


async def test_every_documented_example_is_accepted(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    ids = await seed(tenant)
    spec = json.loads(dumps(document(V1, OPERATIONS)))
    # Real ids, and a start that is not in the past (a recurring invoice starts today or later).
    real = {
        "clientId": ids["clients"][0],
        "invoiceId": ids["invoices"][0],
        "startsOn": (today_in(tenant.org) + timedelta(days=1)).isoformat(),
    }
    for op in OPERATIONS:
        if op.signature.body is None:
            continue
        content = spec["paths"][PREFIX + op.path][op.method.lower()]["requestBody"]["content"]
        example = content["application/json"]["example"]
        # A credit note is issued against an issued invoice, not a draft.
        given = {**real, "invoiceId": ids["issued"][0]} if op.path == "/credit-notes" else real
        body = {key: given.get(key, value) for key, value in example.items()}
        path = op.path.replace("{id}", ids[op.path.split("/")[1]][0])
        response = await send(http, op.method, PREFIX + path, tenant, body)
        assert response.status_code == op.status, (op.method, op.path, response.text)
