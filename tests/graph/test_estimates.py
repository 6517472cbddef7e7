"""Estimates over GraphQL: create and update (drafts only), their lifecycle (sent, accepted,
void), conversion to an invoice linked both ways, delete, lists, and refusals."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import httpx
import pytest

from billing import documents
from billing.plans import UNLIMITED
from tests.conftest import Tenant
from tests.graph.helpers import (
    ERRORS,
    ESTIMATE_FIELDS,
    INVOICE_FIELDS,
    SEED_LINE,
    WORKED_LINE,
    Json,
    act,
    batch,
    codes,
    data,
    emptied_with_delete,  # noqa: F401  (overrides conftest's `db`: see its docstring)
    gql,
    new_document,
    ok,
    seed_client,
    seed_document,
    top_errors,
)

UPDATE = (
    "mutation($id: ID!, $input: EstimateUpdateInput!) { estimateUpdate(id: $id, input: $input) {"
    f" estimate {{ ...EstimateFields }} {ERRORS} }} }}" + ESTIMATE_FIELDS
)
READ = (
    "query($id: ID!) { estimate(id: $id) { ...EstimateFields updatedAt"
    " convertedInvoice { id number } } }" + ESTIMATE_FIELDS
)
CONVERT = (
    "mutation($id: ID!) { estimateConvert(id: $id) {"
    " estimate { ...EstimateFields convertedInvoice { id number } }"
    " invoice { ...InvoiceFields sourceEstimate { id number } }"
    f" {ERRORS} }} }}" + ESTIMATE_FIELDS + INVOICE_FIELDS
)
COUNTS = (
    "{ estimates { totalCount } invoices { totalCount }"
    " viewer { organization { nextEstimateNumber nextInvoiceNumber } } }"
)
LIST = (
    "query($filter: DocumentFilterInput, $sort: DocumentSortInput) {"
    " estimates(filter: $filter, sort: $sort) { totalCount edges { node { number status } } } }"
)


async def read(http: httpx.AsyncClient, tenant: Tenant, estimate_id: str) -> Json | None:
    estimate: Json | None = (await data(http, tenant, READ, {"id": estimate_id}))["estimate"]
    return estimate


async def counts(http: httpx.AsyncClient, tenant: Tenant) -> tuple[int, int, int, int]:
    """Estimates and invoices stored, and the next number of each series."""
    result = await data(http, tenant, COUNTS)
    organization = result["viewer"]["organization"]
    return (
        result["estimates"]["totalCount"],
        result["invoices"]["totalCount"],
        organization["nextEstimateNumber"],
        organization["nextInvoiceNumber"],
    )


async def convert(http: httpx.AsyncClient, tenant: Tenant, estimate_id: str) -> Json:
    payload: Json = (await data(http, tenant, CONVERT, {"id": estimate_id}))["estimateConvert"]
    return payload


@pytest.fixture
async def client_id(tenant: Tenant) -> str:
    return await seed_client(tenant, "Globex", email="ap@globex.test")


async def test_the_worked_example_its_number_and_its_update(
    http: httpx.AsyncClient, tenant: Tenant, client_id: str
) -> None:
    estimate = await new_document(http, tenant, client_id, estimate=True)
    assert estimate["id"].startswith("est_") and estimate["number"] == "EST-0001"
    assert (estimate["status"], estimate["acceptedAt"], estimate["currency"]) == (
        "DRAFT",
        None,
        "USD",
    )
    assert [estimate[k] for k in ("subtotal", "taxTotal", "discountTotal", "total")] == [
        "5000.00",
        "500.00",
        "0.00",
        "5500.00",
    ]
    assert estimate["lineItems"][0]["amount"] == "5000.00"
    stored = await read(http, tenant, estimate["id"])
    assert stored is not None and stored["convertedInvoice"] is None
    assert {key: stored[key] for key in estimate} == estimate

    result = await data(
        http,
        tenant,
        UPDATE,
        {"id": estimate["id"], "input": {"lineItems": [{**WORKED_LINE, "quantity": "50"}]}},
    )
    changed = ok(result["estimateUpdate"])["estimate"]
    assert (changed["subtotal"], changed["taxTotal"], changed["total"]) == (
        "6250.00",
        "625.00",
        "6875.00",
    )
    second = await new_document(http, tenant, client_id, estimate=True, currency="JPY")
    assert (second["number"], second["total"]) == ("EST-0002", "5500")
    assert await counts(http, tenant) == (2, 0, 3, 1)


async def test_invalid_creates_and_updates_change_nothing(
    http: httpx.AsyncClient, tenant: Tenant, other_tenant: Tenant, client_id: str
) -> None:
    theirs = {"id": await seed_client(other_tenant, "Theirs")}
    cases: list[tuple[Json, tuple[str, str]]] = [
        (
            {"lineItems": [{**WORKED_LINE, "quantity": "-2"}]},
            ("VALIDATION", "lineItems[0].quantity"),
        ),
        (
            {"lineItems": [{**WORKED_LINE, "unitPrice": "0.00001"}]},
            ("VALIDATION", "lineItems[0].unitPrice"),
        ),
        ({"currency": "XXX"}, ("VALIDATION", "currency")),
        ({"discountType": "PERCENT", "discountValue": "100.5"}, ("VALIDATION", "discountValue")),
        ({"clientId": theirs["id"]}, ("NOT_FOUND", "clientId")),
        ({"clientId": "cli_missing"}, ("NOT_FOUND", "clientId")),
    ]
    created = await batch(
        http,
        tenant,
        "estimateCreate",
        {"input": "EstimateCreateInput!"},
        [{"input": {"clientId": client_id, **fields}} for fields, _ in cases],
        f"estimate {{ id }} {ERRORS}",
    )
    for (fields, expected), payload in zip(cases, created, strict=True):
        assert (fields, payload["estimate"], codes(payload)) == (fields, None, [expected])
    assert await counts(http, tenant) == (0, 0, 1, 1)

    estimate = {"id": (await seed_document(tenant, client_id, estimate=True)).id}
    before = await read(http, tenant, estimate["id"])
    updated = await batch(
        http,
        tenant,
        "estimateUpdate",
        {"id": "ID!", "input": "EstimateUpdateInput!"},
        [{"id": estimate["id"], "input": fields} for fields, _ in cases],
        f"estimate {{ id }} {ERRORS}",
    )
    for (fields, expected), payload in zip(cases, updated, strict=True):
        assert (fields, payload["estimate"], codes(payload)) == (fields, None, [expected])
    assert await read(http, tenant, estimate["id"]) == before
    body = await data(
        http,
        other_tenant,
        "query($id: ID!) { client(id: $id) { estimates { totalCount } } }",
        theirs,
    )
    assert body["client"]["estimates"]["totalCount"] == 0


async def test_sent_then_accepted_and_what_is_refused_after(
    http: httpx.AsyncClient, tenant: Tenant, client_id: str
) -> None:
    estimate = {"id": (await seed_document(tenant, client_id, estimate=True)).id}
    sent = ok(await act(http, tenant, "estimateMarkSent", estimate["id"]))["document"]
    assert sent["status"] == "SENT" and sent["sentAt"]
    accepted = ok(await act(http, tenant, "estimateAccept", estimate["id"]))["document"]
    assert accepted["status"] == "ACCEPTED" and accepted["acceptedAt"]
    assert accepted["sentAt"] == sent["sentAt"]
    before = await read(http, tenant, estimate["id"])

    for mutation in ("estimateAccept", "estimateMarkSent", "estimateVoid"):
        refused = await act(http, tenant, mutation, estimate["id"])
        assert refused["document"] is None
        assert (mutation, codes(refused)) == (mutation, [("INVALID_TRANSITION", "status")])
    result = await data(http, tenant, UPDATE, {"id": estimate["id"], "input": {"notes": "late"}})
    assert [e["code"] for e in result["estimateUpdate"]["errors"]] == ["NOT_EDITABLE"]
    assert result["estimateUpdate"]["estimate"] is None
    assert await read(http, tenant, estimate["id"]) == before


async def test_a_void_estimate_is_final(
    http: httpx.AsyncClient, tenant: Tenant, client_id: str
) -> None:
    estimate = {"id": (await seed_document(tenant, client_id, estimate=True)).id}
    voided = ok(await act(http, tenant, "estimateVoid", estimate["id"]))["document"]
    assert voided["status"] == "VOID" and voided["voidedAt"]
    before = await read(http, tenant, estimate["id"])
    for mutation in ("estimateAccept", "estimateMarkSent", "estimateVoid"):
        refused = await act(http, tenant, mutation, estimate["id"])
        assert (mutation, refused["document"], codes(refused)) == (
            mutation,
            None,
            [("INVALID_TRANSITION", "status")],
        )
    converted = await convert(http, tenant, estimate["id"])
    assert (converted["invoice"], converted["estimate"]) == (None, None)
    assert codes(converted) == [("INVALID_TRANSITION", "status")]
    assert await read(http, tenant, estimate["id"]) == before
    assert await counts(http, tenant) == (1, 0, 2, 1)


async def test_convert_copies_the_estimate_into_a_linked_draft_invoice_once(
    http: httpx.AsyncClient, tenant: Tenant, client_id: str
) -> None:
    lines = [
        WORKED_LINE,
        {
            "description": "Travel",
            "quantity": "1",
            "unitPrice": "300",
            "applyTax": False,
            "applyDiscount": False,
        },
    ]
    estimate = await new_document(
        http,
        tenant,
        client_id,
        estimate=True,
        currency="EUR",
        issueDate="2026-01-05",
        dueDate="2026-02-05",
        discountType="PERCENT",
        discountValue="10",
        tax="5",
        tax2="2.5",
        notes="Thanks",
        terms="Net 15",
        lineItems=lines,
    )
    payload = ok(await convert(http, tenant, estimate["id"]))
    invoice, converted = payload["invoice"], payload["estimate"]
    assert invoice["id"].startswith("inv_") and invoice["number"] == "INV-0001"
    assert invoice["status"] == "DRAFT"
    assert invoice["issueDate"] == datetime.now(ZoneInfo("UTC")).date().isoformat()
    copied = [
        "currency",
        "client",
        "discountType",
        "discountValue",
        "tax",
        "tax2",
        "notes",
        "terms",
        "subtotal",
        "discountTotal",
        "taxTotal",
        "total",
        "lineItems",
    ]
    assert {k: invoice[k] for k in copied} == {k: estimate[k] for k in copied}
    assert invoice["amountDue"] == estimate["total"]
    assert invoice["sourceEstimate"] == {"id": estimate["id"], "number": "EST-0001"}
    assert converted["status"] == "ACCEPTED" and converted["acceptedAt"]
    assert converted["convertedInvoice"] == {"id": invoice["id"], "number": "INV-0001"}

    # Both links read back, through either side.
    linked = await data(
        http,
        tenant,
        "query($e: ID!, $i: ID!) { estimate(id: $e) { status convertedInvoice { id } }"
        " invoice(id: $i) { sourceEstimate { id status } } }",
        {"e": estimate["id"], "i": invoice["id"]},
    )
    assert linked == {
        "estimate": {"status": "ACCEPTED", "convertedInvoice": {"id": invoice["id"]}},
        "invoice": {"sourceEstimate": {"id": estimate["id"], "status": "ACCEPTED"}},
    }

    again = await convert(http, tenant, estimate["id"])
    assert (again["invoice"], again["estimate"]) == (None, None)
    assert codes(again) == [("ALREADY_CONVERTED", "id")]
    message = again["errors"][0]["message"]
    assert "INV-0001" in message and invoice["id"] in message
    assert await counts(http, tenant) == (1, 1, 2, 2)


async def test_an_accepted_estimate_converts_and_keeps_its_acceptance(
    http: httpx.AsyncClient, tenant: Tenant, client_id: str
) -> None:
    estimate = {"id": (await seed_document(tenant, client_id, estimate=True)).id}
    accepted = ok(await act(http, tenant, "estimateAccept", estimate["id"]))["document"]
    payload = ok(await convert(http, tenant, estimate["id"]))
    assert payload["estimate"]["acceptedAt"] == accepted["acceptedAt"]
    assert payload["invoice"]["sourceEstimate"]["id"] == estimate["id"]
    plain = await data(
        http,
        tenant,
        "query($id: ID!) { invoice(id: $id) { sourceEstimate { id } } }",
        {"id": payload["invoice"]["id"]},
    )
    assert plain["invoice"]["sourceEstimate"] == {"id": estimate["id"]}
    unconverted = (await seed_document(tenant, client_id, estimate=True)).id
    stored = await read(http, tenant, unconverted)
    assert stored is not None and stored["convertedInvoice"] is None


async def test_estimates_are_never_overdue(
    http: httpx.AsyncClient, tenant: Tenant, client_id: str
) -> None:
    past: Json = {"issue_date": "2020-01-01", "due_date": "2020-01-31"}
    estimate = {"id": (await seed_document(tenant, client_id, estimate=True, **past)).id}
    assert (
        ok(await act(http, tenant, "estimateMarkSent", estimate["id"]))["document"]["status"]
        == "SENT"
    )
    result = await data(
        http,
        tenant,
        "{ overdue: estimates(filter: {status: OVERDUE}) { totalCount }"
        " sent: estimates(filter: {status: SENT}) { totalCount } }",
    )
    assert result == {"overdue": {"totalCount": 0}, "sent": {"totalCount": 1}}


async def test_delete_removes_an_estimate_and_unlinks_its_invoice(
    http: httpx.AsyncClient, tenant: Tenant, client_id: str
) -> None:
    draft = {"id": (await seed_document(tenant, client_id, estimate=True)).id}
    converted = {"id": (await seed_document(tenant, client_id, estimate=True)).id}
    invoice = {
        "id": (await documents.convert_estimate(tenant.org, converted["id"], plan=UNLIMITED)).id
    }
    delete = f"mutation($id: ID!) {{ estimateDelete(id: $id) {{ deletedId {ERRORS} }} }}"
    for estimate in (draft, converted):
        payload = (await data(http, tenant, delete, {"id": estimate["id"]}))["estimateDelete"]
        assert ok(payload)["deletedId"] == estimate["id"]
        assert await read(http, tenant, estimate["id"]) is None
    kept = await data(
        http,
        tenant,
        "query($id: ID!) { invoice(id: $id) { number sourceEstimate { id } } }",
        {"id": invoice["id"]},
    )
    assert kept["invoice"] == {"number": "INV-0001", "sourceEstimate": None}
    again = (await data(http, tenant, delete, {"id": draft["id"]}))["estimateDelete"]
    assert (again["deletedId"], codes(again)) == (None, [("NOT_FOUND", "id")])


ESTIMATE_MUTATIONS = [
    "estimateUpdate",
    "estimateDelete",
    "estimateMarkSent",
    "estimateAccept",
    "estimateConvert",
    "estimateVoid",
]


async def test_unknown_foreign_or_invoice_ids_are_not_found(
    http: httpx.AsyncClient, tenant: Tenant, other_tenant: Tenant, client_id: str
) -> None:
    theirs = {
        "id": (await seed_document(other_tenant, await seed_client(other_tenant), estimate=True)).id
    }
    before = await read(http, other_tenant, theirs["id"])
    invoice = {"id": (await seed_document(tenant, client_id)).id}
    ids = [theirs["id"], invoice["id"], "est_" + "0" * 26, "nonsense"]
    for mutation in ESTIMATE_MUTATIONS:
        arguments = {"id": "ID!"}
        calls: list[Json] = [{"id": estimate_id} for estimate_id in ids]
        if mutation == "estimateUpdate":
            arguments["input"] = "EstimateUpdateInput!"
            calls = [{**call, "input": {"notes": "hijacked"}} for call in calls]
        selection = "deletedId" if mutation == "estimateDelete" else "estimate { id }"
        payloads = await batch(http, tenant, mutation, arguments, calls, f"{selection} {ERRORS}")
        for estimate_id, payload in zip(ids, payloads, strict=True):
            result = payload.get("estimate", payload.get("deletedId"))
            assert (mutation, estimate_id, result, codes(payload)) == (
                mutation,
                estimate_id,
                None,
                [("NOT_FOUND", "id")],
            )
    found = await batch(
        http, tenant, "estimate", {"id": "ID!"}, [{"id": i} for i in ids], "id", operation="query"
    )
    assert found == [None] * len(ids)
    assert await read(http, other_tenant, theirs["id"]) == before
    mine = await data(
        http, tenant, "query($id: ID!) { invoice(id: $id) { status notes } }", invoice
    )
    assert mine["invoice"] == {"status": "DRAFT", "notes": ""}
    assert await counts(http, tenant) == (0, 1, 1, 2)


async def test_lists_filter_and_sort(
    http: httpx.AsyncClient, tenant: Tenant, client_id: str
) -> None:
    initech = await seed_client(tenant, "Initech")
    one = [{**SEED_LINE, "quantity": "1"}]
    await seed_document(tenant, client_id, estimate=True, issue_date="2026-01-10", line_items=one)
    second = await seed_document(tenant, initech, estimate=True, issue_date="2026-01-20")
    await seed_document(tenant, client_id, estimate=True, issue_date="2026-01-30", line_items=[])
    await documents.accept_estimate(tenant.org, second.id)

    cases: list[tuple[Json, Json | None, list[str]]] = [
        ({}, None, ["EST-0003", "EST-0002", "EST-0001"]),
        ({"search": "initech"}, None, ["EST-0002"]),
        ({"search": "est-0001"}, None, ["EST-0001"]),
        ({"clientId": client_id}, None, ["EST-0003", "EST-0001"]),
        ({"status": "ACCEPTED"}, None, ["EST-0002"]),
        ({"status": "DRAFT"}, {"field": "NUMBER", "direction": "ASC"}, ["EST-0001", "EST-0003"]),
        ({"issueDateFrom": "2026-01-15", "issueDateTo": "2026-01-25"}, None, ["EST-0002"]),
        ({}, {"field": "TOTAL", "direction": "DESC"}, ["EST-0002", "EST-0001", "EST-0003"]),
        ({}, {"field": "ISSUE_DATE", "direction": "ASC"}, ["EST-0001", "EST-0002", "EST-0003"]),
    ]
    found = await batch(
        http,
        tenant,
        "estimates",
        {"filter": "DocumentFilterInput", "sort": "DocumentSortInput"},
        [{"filter": where, "sort": sort} for where, sort, _ in cases]
        + [{"filter": {"search": "x" * 255}, "sort": None}],
        "totalCount edges { node { number } }",
        operation="query",
    )
    for (where, sort, expected), connection in zip(cases, found, strict=False):
        listed = [edge["node"]["number"] for edge in connection["edges"]]
        assert (where, sort, listed, connection["totalCount"]) == (
            where,
            sort,
            expected,
            len(expected),
        )
    assert found[-1]["totalCount"] == 0
    too_long = await gql(http, tenant, LIST, {"filter": {"search": "x" * 256}})
    assert top_errors(too_long) == [("VALIDATION", "search")]
