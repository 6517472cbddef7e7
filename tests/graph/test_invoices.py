"""Invoices over GraphQL: create and its numbering, update (drafts only), delete, mark sent,
void, the derived OVERDUE, filters, sorts, discounts and how decimals are written."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest

from billing import clients, documents
from models.enums import Series
from settings import Settings
from tests.conftest import Tenant, on_plan
from tests.graph.helpers import (
    ERRORS,
    INVOICE_FIELDS,
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
    seed_payment,
    top_errors,
)

CREATE = (
    "mutation($input: InvoiceCreateInput!) { invoiceCreate(input: $input) {"
    f" invoice {{ ...InvoiceFields }} {ERRORS} }} }}" + INVOICE_FIELDS
)
CREATE_LIGHT = (
    "mutation($input: InvoiceCreateInput!) { invoiceCreate(input: $input) {"
    f" invoice {{ id number }} {ERRORS} }} }}"
)
UPDATE = (
    "mutation($id: ID!, $input: InvoiceUpdateInput!) { invoiceUpdate(id: $id, input: $input) {"
    f" invoice {{ ...InvoiceFields }} {ERRORS} }} }}" + INVOICE_FIELDS
)
DELETE = f"mutation($id: ID!) {{ invoiceDelete(id: $id) {{ deletedId {ERRORS} }} }}"
READ = (
    "query($id: ID!) { invoice(id: $id) { ...InvoiceFields updatedAt organization { id } } }"
    + INVOICE_FIELDS
)
LIST = (
    "query($filter: DocumentFilterInput, $sort: DocumentSortInput, $first: Int,"
    " $after: String) { invoices(filter: $filter, sort: $sort, first: $first, after: $after)"
    " { totalCount pageInfo { endCursor hasNextPage } edges { node { number status } } } }"
)
COUNTS = "{ invoices { totalCount } viewer { organization { nextInvoiceNumber } } }"


async def read(http: httpx.AsyncClient, tenant: Tenant, invoice_id: str) -> Json | None:
    invoice: Json | None = (await data(http, tenant, READ, {"id": invoice_id}))["invoice"]
    return invoice


async def read_all(http: httpx.AsyncClient, tenant: Tenant, ids: list[str]) -> list[Json | None]:
    """Each invoice (or null), in one request."""
    return await batch(
        http,
        tenant,
        "invoice",
        {"id": "ID!"},
        [{"id": invoice_id} for invoice_id in ids],
        "...InvoiceFields updatedAt",
        fragments=INVOICE_FIELDS,
        operation="query",
    )


async def numbers(http: httpx.AsyncClient, tenant: Tenant, **variables: Any) -> list[str]:
    result = await data(http, tenant, LIST, variables)
    return [edge["node"]["number"] for edge in result["invoices"]["edges"]]


async def counts(http: httpx.AsyncClient, tenant: Tenant) -> tuple[int, int]:
    """How many invoices there are, and the next number the series will hand out."""
    result = await data(http, tenant, COUNTS)
    return (
        result["invoices"]["totalCount"],
        result["viewer"]["organization"]["nextInvoiceNumber"],
    )


async def create(http: httpx.AsyncClient, tenant: Tenant, **fields: Any) -> Json:
    """invoiceCreate's payload, with the invoice's id and number only."""
    payload: Json = (await data(http, tenant, CREATE_LIGHT, {"input": fields}))["invoiceCreate"]
    return payload


async def update(http: httpx.AsyncClient, tenant: Tenant, invoice_id: str, **fields: Any) -> Json:
    result = await data(http, tenant, UPDATE, {"id": invoice_id, "input": fields})
    payload: Json = result["invoiceUpdate"]
    return payload


@pytest.fixture
async def client_id(tenant: Tenant) -> str:
    return await seed_client(tenant, "Globex", email="ap@globex.test")


async def _sent(tenant: Tenant, invoice_id: str) -> None:
    await documents.mark_sent(tenant.org, invoice_id, series=Series.INVOICE)


async def _void(tenant: Tenant, invoice_id: str) -> None:
    await documents.void_document(tenant.org, invoice_id, series=Series.INVOICE)


async def _partly_paid(tenant: Tenant, invoice_id: str) -> None:
    await seed_payment(tenant, invoice_id, "100.00")


async def _paid(tenant: Tenant, invoice_id: str) -> None:
    await seed_payment(tenant, invoice_id, "5500.00")


STATES = {"SENT": _sent, "VOID": _void, "PARTIALLY_PAID": _partly_paid, "PAID": _paid}


async def in_states(tenant: Tenant, client_id: str, states: list[str]) -> list[str]:
    """The ids of new invoices, each moved to the state of the same rank."""
    ids = []
    for state in states:
        ids.append((await seed_document(tenant, client_id)).id)
        await STATES[state](tenant, ids[-1])
    return ids


# --- Create, numbering, the worked example ----------------------------------------------------


async def test_the_worked_example_and_its_update(
    http: httpx.AsyncClient, tenant: Tenant, client_id: str
) -> None:
    result = await data(
        http, tenant, CREATE, {"input": {"clientId": client_id, "lineItems": [WORKED_LINE]}}
    )
    invoice = ok(result["invoiceCreate"])["invoice"]
    assert invoice["id"].startswith("inv_") and invoice["number"] == "INV-0001"
    assert invoice["status"] == "DRAFT" and invoice["currency"] == "USD"
    assert invoice["issueDate"] == datetime.now(ZoneInfo("UTC")).date().isoformat()
    assert invoice["client"] == {"id": client_id, "name": "Globex"}
    assert (invoice["dueDate"], invoice["discountType"], invoice["sentAt"]) == (None, None, None)
    assert [invoice[k] for k in ("discountValue", "tax", "tax2")] == ["0", "0", "0"]
    assert [invoice[k] for k in ("subtotal", "taxTotal", "discountTotal", "total")] == [
        "5000.00",
        "500.00",
        "0.00",
        "5500.00",
    ]
    assert (invoice["amountPaid"], invoice["amountDue"]) == ("0.00", "5500.00")
    assert invoice["lineItems"] == [
        {
            "description": "Design work",
            "quantity": "40",
            "unitPrice": "125.00",
            "taxRate": "10",
            "applyTax": True,
            "applyDiscount": True,
            "amount": "5000.00",
            "discountAmount": "0.00",
            "taxAmount": "500.00",
        }
    ]
    stored = await read(http, tenant, invoice["id"])
    assert stored is not None and stored["organization"] == {"id": tenant.org.id}
    assert {key: stored[key] for key in invoice} == invoice

    changed = ok(
        await update(http, tenant, invoice["id"], lineItems=[{**WORKED_LINE, "quantity": "50"}])
    )["invoice"]
    assert [changed[k] for k in ("subtotal", "taxTotal", "total", "amountDue")] == [
        "6250.00",
        "625.00",
        "6875.00",
        "6875.00",
    ]
    assert changed["lineItems"][0]["quantity"] == "50"
    reread = await read(http, tenant, invoice["id"])
    assert reread is not None and reread["total"] == "6875.00"


async def test_numbers_follow_the_series_unless_given(
    http: httpx.AsyncClient, tenant: Tenant, client_id: str
) -> None:
    made = [
        ok(await create(http, tenant, clientId=client_id, **given))["invoice"]
        for given in ({}, {"number": "  CUSTOM-7 "}, {}, {"number": "INV-0003"}, {})
    ]
    # A number given is kept (stripped); one taken by hand is skipped by the series.
    assert [invoice["number"] for invoice in made] == [
        "INV-0001",
        "CUSTOM-7",
        "INV-0002",
        "INV-0003",
        "INV-0004",
    ]
    estimate = await data(
        http,
        tenant,
        "mutation($input: EstimateCreateInput!) { estimateCreate(input: $input) {"
        f" estimate {{ number }} {ERRORS} }} }}",
        {"input": {"clientId": client_id}},
    )
    assert ok(estimate["estimateCreate"])["estimate"]["number"] == "EST-0001"

    taken = await create(http, tenant, clientId=client_id, number="CUSTOM-7")
    assert taken["invoice"] is None and codes(taken) == [("DUPLICATE_NUMBER", "number")]
    renamed = await update(http, tenant, made[0]["id"], number="INV-0002")
    assert renamed["invoice"] is None and codes(renamed) == [("DUPLICATE_NUMBER", "number")]
    assert await counts(http, tenant) == (5, 5)
    stored = await read(http, tenant, made[0]["id"])
    assert stored is not None and stored["number"] == "INV-0001"


INVALID_INPUTS: list[tuple[Json, str]] = [
    ({"lineItems": [{**WORKED_LINE, "quantity": "-1"}]}, "lineItems[0].quantity"),
    (
        {"lineItems": [WORKED_LINE, {**WORKED_LINE, "unitPrice": "1.00001"}]},
        "lineItems[1].unitPrice",
    ),
    ({"lineItems": [{**WORKED_LINE, "taxRate": "100.5"}]}, "lineItems[0].taxRate"),
    ({"lineItems": [{**WORKED_LINE, "description": "  "}]}, "lineItems[0].description"),
    ({"lineItems": [{**WORKED_LINE, "quantity": "1e12"}]}, "lineItems[0].quantity"),
    ({"currency": "XXX"}, "currency"),
    ({"currency": "DEM"}, "currency"),
    ({"issueDate": "2026-03-10", "dueDate": "2026-03-09"}, "dueDate"),
    ({"issueDate": "1899-12-31"}, "issueDate"),
    ({"discountValue": "5"}, "discountType"),
    ({"discountType": "PERCENT", "discountValue": "150"}, "discountValue"),
    ({"discountType": "FLAT", "discountValue": "1.234"}, "discountValue"),
    ({"currency": "JPY", "discountType": "FLAT", "discountValue": "10.5"}, "discountValue"),
    ({"tax": "-1"}, "tax"),
    ({"tax2": "101"}, "tax2"),
    ({"number": "   "}, "number"),
    ({"number": "N" * 65}, "number"),
    ({"notes": "bell\u0007"}, "notes"),
]


async def test_create_refuses_invalid_input_and_stores_nothing(
    http: httpx.AsyncClient, tenant: Tenant, client_id: str
) -> None:
    payloads = await batch(
        http,
        tenant,
        "invoiceCreate",
        {"input": "InvoiceCreateInput!"},
        [{"input": {"clientId": client_id, **fields}} for fields, _ in INVALID_INPUTS],
        f"invoice {{ id }} {ERRORS}",
    )
    for (fields, field), payload in zip(INVALID_INPUTS, payloads, strict=True):
        assert (fields, payload["invoice"], codes(payload)) == (
            fields,
            None,
            [("VALIDATION", field)],
        )
    assert await counts(http, tenant) == (0, 1)


async def test_create_for_an_unknown_or_foreign_client_is_not_found(
    http: httpx.AsyncClient, tenant: Tenant, other_tenant: Tenant
) -> None:
    theirs = await seed_client(other_tenant, "Theirs")
    for client_id in (theirs, "cli_" + "0" * 26):
        payload = await create(http, tenant, clientId=client_id)
        assert payload["invoice"] is None
        assert codes(payload) == [("NOT_FOUND", "clientId")]
    assert await counts(http, tenant) == (0, 1)
    assert await counts(http, other_tenant) == (0, 1)


TYPE_ERRORS: list[Json] = [
    {"lineItems": [{**WORKED_LINE, "quantity": 1.5}]},
    {"lineItems": [{**WORKED_LINE, "unitPrice": "12,50"}]},
    {"lineItems": [{**WORKED_LINE, "taxRate": "NaN"}]},
    {"lineItems": [{"description": "x", "quantity": "1"}]},
    {"issueDate": "2026-02-30"},
    {"dueDate": "next week"},
    {"discountType": "HALF"},
    {"discountValue": True},
]


async def test_type_errors_are_top_level_and_store_nothing(
    http: httpx.AsyncClient, tenant: Tenant, client_id: str
) -> None:
    for fields in TYPE_ERRORS:
        body = await gql(http, tenant, CREATE_LIGHT, {"input": {"clientId": client_id, **fields}})
        assert (fields, top_errors(body)) == (fields, [("GRAPHQL_VALIDATION_FAILED", None)])
        assert body["data"] is None
    inline = await gql(
        http,
        tenant,
        'mutation($c: ID!) { invoiceCreate(input: {clientId: $c, lineItems: [{description: "x",'
        ' quantity: 1.5, unitPrice: "1"}]}) { errors { code } } }',
        {"c": client_id},
    )
    assert top_errors(inline) == [("GRAPHQL_VALIDATION_FAILED", None)]
    assert "exact" in inline["errors"][0]["message"]
    assert await counts(http, tenant) == (0, 1)


@pytest.mark.plans({"small": {"monthlyInvoiceLimit": 1}})
async def test_the_plans_monthly_invoice_limit_is_plan_limit(
    http: httpx.AsyncClient, tenant: Tenant, client_id: str, settings: Settings
) -> None:
    await on_plan(tenant.org, settings, "small")

    ok(await create(http, tenant, clientId=client_id))
    refused = await create(http, tenant, clientId=client_id)
    assert refused["invoice"] is None
    assert [error["code"] for error in refused["errors"]] == ["PLAN_LIMIT"]
    assert await counts(http, tenant) == (1, 2)
    # Estimates are not invoices: the limit does not apply to them.
    estimate = await data(
        http,
        tenant,
        "mutation($input: EstimateCreateInput!) { estimateCreate(input: $input) {"
        f" estimate {{ number }} {ERRORS} }} }}",
        {"input": {"clientId": client_id}},
    )
    ok(estimate["estimateCreate"])


# --- Update -----------------------------------------------------------------------------------


async def test_update_changes_the_given_fields_and_keeps_the_lines(
    http: httpx.AsyncClient, tenant: Tenant, client_id: str
) -> None:
    other = await seed_client(tenant, "Initech")
    invoice = await read(
        http, tenant, (await seed_document(tenant, client_id, due_date="2099-01-31")).id
    )
    assert invoice is not None and invoice["dueDate"] == "2099-01-31"
    changed = ok(
        await update(
            http,
            tenant,
            invoice["id"],
            clientId=other,
            currency="eur",
            notes="Thanks!",
            terms="Net 30",
            issueDate="2026-01-02",
            dueDate=None,
        )
    )["invoice"]
    assert changed["client"] == {"id": other, "name": "Initech"}
    assert (changed["currency"], changed["notes"], changed["terms"]) == ("EUR", "Thanks!", "Net 30")
    assert (changed["issueDate"], changed["dueDate"]) == ("2026-01-02", None)
    assert changed["lineItems"] == invoice["lineItems"] and changed["total"] == "5500.00"
    assert changed["number"] == invoice["number"]
    stored = await read(http, tenant, invoice["id"])
    assert stored is not None and {key: stored[key] for key in changed} == changed

    emptied = ok(await update(http, tenant, invoice["id"], lineItems=[]))["invoice"]
    assert emptied["lineItems"] == [] and emptied["total"] == "0.00"


async def test_update_refuses_invalid_input_and_changes_nothing(
    http: httpx.AsyncClient, tenant: Tenant, client_id: str
) -> None:
    invoice_id = (await seed_document(tenant, client_id, notes="Kept")).id
    before = await read(http, tenant, invoice_id)
    payloads = await batch(
        http,
        tenant,
        "invoiceUpdate",
        {"id": "ID!", "input": "InvoiceUpdateInput!"},
        [{"id": invoice_id, "input": fields} for fields, _ in INVALID_INPUTS],
        f"invoice {{ id }} {ERRORS}",
    )
    for (fields, field), payload in zip(INVALID_INPUTS, payloads, strict=True):
        assert (fields, payload["invoice"], codes(payload)) == (
            fields,
            None,
            [("VALIDATION", field)],
        )
    assert await read(http, tenant, invoice_id) == before


async def test_update_to_an_unknown_foreign_or_inactive_client_changes_nothing(
    http: httpx.AsyncClient, tenant: Tenant, other_tenant: Tenant, client_id: str
) -> None:
    invoice_id = (await seed_document(tenant, client_id)).id
    before = await read(http, tenant, invoice_id)
    theirs = await seed_client(other_tenant, "Theirs")
    gone = await seed_client(tenant, "Gone")
    await clients.deactivate_client(tenant.org, gone)
    for target, code in ((theirs, "NOT_FOUND"), ("cli_x", "NOT_FOUND"), (gone, "VALIDATION")):
        payload = await update(http, tenant, invoice_id, clientId=target, notes="changed")
        assert payload["invoice"] is None
        assert codes(payload) == [(code, "clientId")]
    assert await read(http, tenant, invoice_id) == before


async def test_only_drafts_are_editable(
    http: httpx.AsyncClient, tenant: Tenant, client_id: str
) -> None:
    ids = await in_states(tenant, client_id, list(STATES))
    before = await read_all(http, tenant, ids)
    assert [invoice and invoice["status"] for invoice in before] == list(STATES)
    changes = {"notes": "late edit", "lineItems": [{**WORKED_LINE, "quantity": "1"}]}
    payloads = await batch(
        http,
        tenant,
        "invoiceUpdate",
        {"id": "ID!", "input": "InvoiceUpdateInput!"},
        [{"id": invoice_id, "input": changes} for invoice_id in ids],
        f"invoice {{ id }} {ERRORS}",
    )
    for state, payload in zip(STATES, payloads, strict=True):
        assert (state, payload["invoice"], codes(payload)) == (
            state,
            None,
            [("NOT_EDITABLE", None)],
        )
        assert state in payload["errors"][0]["message"]
    assert await read_all(http, tenant, ids) == before


# --- Delete and the lifecycle -----------------------------------------------------------------


async def test_delete_removes_a_draft_or_void_invoice(
    http: httpx.AsyncClient, tenant: Tenant, client_id: str
) -> None:
    draft = (await seed_document(tenant, client_id)).id
    (voided,) = await in_states(tenant, client_id, ["VOID"])
    for invoice_id in (draft, voided):
        payload = (await data(http, tenant, DELETE, {"id": invoice_id}))["invoiceDelete"]
        assert ok(payload)["deletedId"] == invoice_id
    assert await read_all(http, tenant, [draft, voided]) == [None, None]
    assert (await counts(http, tenant))[0] == 0


async def test_delete_with_payments_is_has_payments(
    http: httpx.AsyncClient, tenant: Tenant, client_id: str
) -> None:
    ids = await in_states(tenant, client_id, ["PARTIALLY_PAID", "PAID"])
    before = await read_all(http, tenant, ids)
    payloads = await batch(
        http,
        tenant,
        "invoiceDelete",
        {"id": "ID!"},
        [{"id": invoice_id} for invoice_id in ids],
        f"deletedId {ERRORS}",
    )
    for payload in payloads:
        assert (payload["deletedId"], codes(payload)) == (None, [("HAS_PAYMENTS", "id")])
    assert await read_all(http, tenant, ids) == before


async def test_mark_sent_then_refuses_a_second_time(
    http: httpx.AsyncClient, tenant: Tenant, client_id: str
) -> None:
    invoice_id = (await seed_document(tenant, client_id)).id
    sent = ok(await act(http, tenant, "invoiceMarkSent", invoice_id))["document"]
    assert sent["status"] == "SENT" and sent["sentAt"]
    before = await read(http, tenant, invoice_id)
    assert before is not None and before["sentAt"] == sent["sentAt"]
    again = await act(http, tenant, "invoiceMarkSent", invoice_id)
    assert again["document"] is None
    assert codes(again) == [("INVALID_TRANSITION", "status")]
    assert await read(http, tenant, invoice_id) == before


async def test_void_is_final_and_refused_once_paid(
    http: httpx.AsyncClient, tenant: Tenant, client_id: str
) -> None:
    invoice_id = (await seed_document(tenant, client_id)).id
    voided = ok(await act(http, tenant, "invoiceVoid", invoice_id))["document"]
    assert voided["status"] == "VOID" and voided["voidedAt"]
    (paid,) = await in_states(tenant, client_id, ["PAID"])
    before = await read_all(http, tenant, [invoice_id, paid])
    for mutation in ("invoiceVoid", "invoiceMarkSent"):
        refused = await act(http, tenant, mutation, invoice_id)
        assert refused["document"] is None
        assert codes(refused) == [("INVALID_TRANSITION", "status")]
    refused = await act(http, tenant, "invoiceVoid", paid)
    assert refused["document"] is None
    assert codes(refused) == [("HAS_PAYMENTS", "status")]
    assert await read_all(http, tenant, [invoice_id, paid]) == before


async def test_mutations_on_unknown_foreign_or_estimate_ids_are_not_found(
    http: httpx.AsyncClient, tenant: Tenant, other_tenant: Tenant, client_id: str
) -> None:
    theirs = (await seed_document(other_tenant, await seed_client(other_tenant))).id
    before = await read(http, other_tenant, theirs)
    estimate = (await seed_document(tenant, client_id, estimate=True)).id
    ids = [theirs, estimate, "inv_" + "0" * 26, "nonsense"]
    id_only = {"id": "ID!"}
    calls = [{"id": invoice_id} for invoice_id in ids]
    for mutation, arguments, selection in (
        ("invoiceUpdate", {**id_only, "input": "InvoiceUpdateInput!"}, "invoice { id }"),
        ("invoiceDelete", id_only, "deletedId"),
        ("invoiceMarkSent", id_only, "invoice { id }"),
        ("invoiceVoid", id_only, "invoice { id }"),
    ):
        given = [{**call, "input": {"notes": "hijacked"}} for call in calls]
        payloads = await batch(http, tenant, mutation, arguments, given, f"{selection} {ERRORS}")
        for invoice_id, payload in zip(ids, payloads, strict=True):
            result = payload.get("invoice", payload.get("deletedId"))
            assert (mutation, invoice_id, result, codes(payload)) == (
                mutation,
                invoice_id,
                None,
                [("NOT_FOUND", "id")],
            )
    assert await read(http, other_tenant, theirs) == before
    estimate_status = await data(
        http, tenant, "query($id: ID!) { estimate(id: $id) { status notes } }", {"id": estimate}
    )
    assert estimate_status["estimate"] == {"status": "DRAFT", "notes": ""}


async def test_reading_unknown_foreign_or_estimate_ids_is_null(
    http: httpx.AsyncClient, tenant: Tenant, other_tenant: Tenant, client_id: str
) -> None:
    theirs = (await seed_document(other_tenant, await seed_client(other_tenant))).id
    estimate = (await seed_document(tenant, client_id, estimate=True)).id
    ids = [theirs, estimate, "inv_" + "0" * 26, ""]
    assert await read_all(http, tenant, ids) == [None] * len(ids)
    assert (await read(http, other_tenant, theirs) or {})["id"] == theirs


# --- OVERDUE ----------------------------------------------------------------------------------


async def test_overdue_is_derived_from_the_due_date_and_filterable(
    http: httpx.AsyncClient, tenant: Tenant, client_id: str
) -> None:
    past: Json = {"issue_date": "2020-01-01", "due_date": "2020-01-31"}
    late = (await seed_document(tenant, client_id, number="LATE", **past)).id
    assert (await read(http, tenant, late) or {})["status"] == "DRAFT"  # never overdue
    sent = ok(await act(http, tenant, "invoiceMarkSent", late))["document"]
    assert sent["status"] == "OVERDUE"

    await seed_document(tenant, client_id, number="ON-TIME", due_date="2999-01-01", sent=True)
    await seed_document(tenant, client_id, number="NO-DUE", sent=True)
    await seed_document(tenant, client_id, number="DRAFT-LATE", **past)
    partly = (await seed_document(tenant, client_id, number="PARTLY-LATE", sent=True, **past)).id
    await seed_payment(tenant, partly, "1.00")
    paid = (await seed_document(tenant, client_id, number="PAID-LATE", sent=True, **past)).id
    await seed_payment(tenant, paid, "5500.00")
    read_back = await read_all(http, tenant, [late, partly, paid])
    assert [(invoice or {})["status"] for invoice in read_back] == ["OVERDUE", "OVERDUE", "PAID"]

    statuses = ["OVERDUE", "SENT", "PARTIALLY_PAID", "DRAFT", "PAID"]
    by_number = {"field": "NUMBER", "direction": "ASC"}
    found = await batch(
        http,
        tenant,
        "invoices",
        {"filter": "DocumentFilterInput", "sort": "DocumentSortInput"},
        [{"filter": {"status": status}, "sort": by_number} for status in statuses],
        "totalCount edges { node { number status } }",
        operation="query",
    )
    assert {
        status: [edge["node"]["number"] for edge in connection["edges"]]
        for status, connection in zip(statuses, found, strict=True)
    } == {
        "OVERDUE": ["LATE", "PARTLY-LATE"],
        "SENT": ["NO-DUE", "ON-TIME"],
        "PARTIALLY_PAID": [],
        "DRAFT": ["DRAFT-LATE"],
        "PAID": ["PAID-LATE"],
    }
    assert {edge["node"]["status"] for edge in found[0]["edges"]} == {"OVERDUE"}


# --- Filters and sorts ------------------------------------------------------------------------


async def test_filters_narrow_and_combine(
    http: httpx.AsyncClient, tenant: Tenant, client_id: str
) -> None:
    initech = await seed_client(tenant, "Initech", email="billing@initech.example")
    a = await seed_document(tenant, client_id, issue_date="2026-01-05", due_date="2026-02-05")
    b = await seed_document(tenant, initech, issue_date="2026-01-15", due_date="2026-02-15")
    c = await seed_document(tenant, initech, issue_date="2026-01-25", sent=True)
    assert [a.number, b.number, c.number] == ["INV-0001", "INV-0002", "INV-0003"]

    cases: list[tuple[Json, list[str]]] = [
        ({}, ["INV-0003", "INV-0002", "INV-0001"]),
        ({"search": "0002"}, ["INV-0002"]),
        ({"search": "inv-000"}, ["INV-0003", "INV-0002", "INV-0001"]),
        ({"search": "INITECH"}, ["INV-0003", "INV-0002"]),
        ({"search": "ap@globex"}, ["INV-0001"]),
        ({"search": "nothing like it"}, []),
        ({"clientId": initech}, ["INV-0003", "INV-0002"]),
        ({"clientId": "cli_unknown"}, []),
        ({"status": "DRAFT"}, ["INV-0002", "INV-0001"]),
        ({"status": "SENT", "clientId": client_id}, []),
        ({"issueDateFrom": "2026-01-15"}, ["INV-0003", "INV-0002"]),
        ({"issueDateTo": "2026-01-15"}, ["INV-0002", "INV-0001"]),
        ({"issueDateFrom": "2026-01-06", "issueDateTo": "2026-01-24"}, ["INV-0002"]),
        ({"dueDateFrom": "2026-02-05", "dueDateTo": "2026-02-14"}, ["INV-0001"]),
        ({"dueDateFrom": "2026-01-01"}, ["INV-0002", "INV-0001"]),
        ({"search": "initech", "status": "DRAFT", "dueDateTo": "2026-12-31"}, ["INV-0002"]),
    ]
    found = await batch(
        http,
        tenant,
        "invoices",
        {"filter": "DocumentFilterInput"},
        [{"filter": where} for where, _ in cases],
        "totalCount edges { node { number } }",
        operation="query",
    )
    for (where, expected), connection in zip(cases, found, strict=True):
        listed = [edge["node"]["number"] for edge in connection["edges"]]
        assert (where, listed, connection["totalCount"]) == (where, expected, len(expected))


async def test_a_too_long_search_is_a_validation_error(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    body = await gql(http, tenant, LIST, {"filter": {"search": "x" * 256}})
    assert top_errors(body) == [("VALIDATION", "search")]
    assert "errors" not in await gql(http, tenant, LIST, {"filter": {"search": "x" * 255}})


SORTED = {
    # field: (ascending order, descending order) of the three invoices below.
    "CREATED_AT": ("ABC", "CBA"),
    "ISSUE_DATE": ("BAC", "CAB"),
    "DUE_DATE": ("CAB", "BAC"),  # B has no due date: last ascending, first descending
    "NUMBER": ("ABC", "CBA"),
    "TOTAL": ("ACB", "BCA"),  # 900 < 1000 < 5500, whatever their spelling as text
}


async def test_every_sort_in_both_directions_and_its_cursors(
    http: httpx.AsyncClient, tenant: Tenant, client_id: str
) -> None:
    def line(quantity: str) -> list[Json]:
        return [{"description": "Hours", "quantity": quantity, "unit_price": "100"}]

    made = {
        "A": await seed_document(
            tenant,
            client_id,
            number="A-1",
            issue_date="2026-01-10",
            due_date="2026-02-20",
            line_items=line("9"),
        ),
        "B": await seed_document(
            tenant, client_id, number="B-1", issue_date="2026-01-05", line_items=line("55")
        ),
        "C": await seed_document(
            tenant,
            client_id,
            number="C-1",
            issue_date="2026-01-20",
            due_date="2026-02-01",
            line_items=line("10"),
        ),
    }
    letter = {invoice.number: key for key, invoice in made.items()}
    sorts = [
        {"field": field, "direction": direction}
        for field in SORTED
        for direction in ("ASC", "DESC")
    ]
    expected = [SORTED[sort["field"]][sort["direction"] == "DESC"] for sort in sorts]
    cursors: list[list[str]] = []

    async def pages(calls: list[Json]) -> list[str]:
        """The letters of each page, in one request; their cursors go to `cursors`."""
        arguments = {"sort": "DocumentSortInput", "after": "String", "before": "String"}
        arguments |= {"first": "Int", "last": "Int"}
        connections = await batch(
            http,
            tenant,
            "invoices",
            arguments,
            [{"after": None, "before": None, "first": None, "last": None, **c} for c in calls],
            "edges { cursor node { number total } }",
            operation="query",
        )
        cursors.extend([edge["cursor"] for edge in c["edges"]] for c in connections)
        return ["".join(letter[e["node"]["number"]] for e in c["edges"]) for c in connections]

    assert await pages([{"sort": sort} for sort in sorts]) == expected
    full = cursors[:]
    # After the first and the second item, and before the last, with every sort.
    after_first = [{"sort": s, "after": c[0]} for s, c in zip(sorts, full, strict=True)]
    after_second = [
        {"sort": s, "after": c[1], "first": 5} for s, c in zip(sorts, full, strict=True)
    ]
    assert await pages(after_first + after_second) == [e[1:] for e in expected] + [
        e[2:] for e in expected
    ]
    before_last = [{"sort": s, "before": c[2], "last": 5} for s, c in zip(sorts, full, strict=True)]
    assert await pages(before_last) == [e[:2] for e in expected]

    default = await numbers(http, tenant)
    assert "".join(letter[n] for n in default) == "CBA"
    assert await numbers(http, tenant, sort={"field": "TOTAL"}) == ["B-1", "C-1", "A-1"]


async def test_a_cursor_of_another_sort_is_refused(
    http: httpx.AsyncClient, tenant: Tenant, client_id: str
) -> None:
    await seed_document(tenant, client_id)
    page = await data(http, tenant, LIST, {"sort": {"field": "TOTAL", "direction": "ASC"}})
    cursor = page["invoices"]["pageInfo"]["endCursor"]
    for sort in ({"field": "TOTAL", "direction": "DESC"}, {"field": "NUMBER"}, None):
        body = await gql(http, tenant, LIST, {"sort": sort, "after": cursor})
        assert top_errors(body) == [("VALIDATION", "after")]


# --- Discounts and decimals -------------------------------------------------------------------


async def test_percent_discount_with_a_document_tax(
    http: httpx.AsyncClient, tenant: Tenant, client_id: str
) -> None:
    invoice = await new_document(
        http,
        tenant,
        client_id,
        discountType="PERCENT",
        discountValue="10",
        tax="7.5",
        lineItems=[{"description": "Design work", "quantity": "40", "unitPrice": "125.00"}],
    )
    assert (invoice["discountType"], invoice["discountValue"], invoice["tax"]) == (
        "PERCENT",
        "10",
        "7.5",
    )
    assert [invoice[k] for k in ("subtotal", "discountTotal", "taxTotal", "total")] == [
        "5000.00",
        "500.00",
        "337.50",
        "4837.50",
    ]
    line = invoice["lineItems"][0]
    assert (line["discountAmount"], line["taxAmount"]) == ("500.00", "337.50")

    removed = ok(await update(http, tenant, invoice["id"], discountType=None, discountValue="0"))
    assert removed["invoice"]["discountType"] is None
    assert removed["invoice"]["total"] == "5375.00"


async def test_flat_discount_only_on_lines_that_take_it(
    http: httpx.AsyncClient, tenant: Tenant, client_id: str
) -> None:
    invoice = await new_document(
        http,
        tenant,
        client_id,
        discountType="FLAT",
        discountValue="100",
        tax="10",
        lineItems=[
            {"description": "Work", "quantity": "10", "unitPrice": "100"},
            {
                "description": "Expenses",
                "quantity": "1",
                "unitPrice": "500",
                "applyDiscount": False,
                "applyTax": False,
            },
        ],
    )
    assert (invoice["discountType"], invoice["discountValue"]) == ("FLAT", "100.00")
    work, expenses = invoice["lineItems"]
    assert (work["discountAmount"], work["taxAmount"]) == ("100.00", "90.00")
    assert (expenses["applyDiscount"], expenses["applyTax"]) == (False, False)
    assert (expenses["discountAmount"], expenses["taxAmount"]) == ("0.00", "0.00")
    assert [invoice[k] for k in ("subtotal", "discountTotal", "taxTotal", "total")] == [
        "1500.00",
        "100.00",
        "90.00",
        "1490.00",
    ]


DECIMAL_CASES: list[tuple[str, Json, dict[str, str]]] = [
    (
        "JPY",
        WORKED_LINE | {"unitPrice": "125"},
        {
            "unitPrice": "125",
            "amount": "5000",
            "subtotal": "5000",
            "taxTotal": "500",
            "discountTotal": "0",
            "total": "5500",
            "amountDue": "5500",
            "amountPaid": "0",
        },
    ),
    ("KWD", WORKED_LINE, {"unitPrice": "125.000", "amount": "5000.000", "total": "5500.000"}),
    # ISO 4217 gives IQD 3 decimals (CLDR, which Babel follows, 0).
    ("IQD", WORKED_LINE, {"unitPrice": "125.000", "amount": "5000.000", "total": "5500.000"}),
    ("AFN", WORKED_LINE, {"unitPrice": "125.00", "total": "5500.00"}),
    (
        "USD",
        {"description": "SMS", "quantity": "1.5000", "unitPrice": "0.0125", "taxRate": "7.50"},
        {
            "quantity": "1.5",
            "unitPrice": "0.0125",
            "taxRate": "7.5",
            "amount": "0.02",
            "taxAmount": "0.00",
            "total": "0.02",
        },
    ),
    (
        "USD",
        {"description": "Bulk", "quantity": "1E+2", "unitPrice": "3", "taxRate": "0.0"},
        {"quantity": "100", "unitPrice": "3.00", "taxRate": "0", "amount": "300.00"},
    ),
    (
        "JPY",
        {"description": "Half yen", "quantity": 3, "unitPrice": "0.5"},
        {"quantity": "3", "unitPrice": "0.5", "amount": "2", "total": "2"},
    ),
]


async def test_decimals_are_written_exactly(
    http: httpx.AsyncClient, tenant: Tenant, client_id: str
) -> None:
    payloads = await batch(
        http,
        tenant,
        "invoiceCreate",
        {"input": "InvoiceCreateInput!"},
        [
            {"input": {"clientId": client_id, "currency": currency, "lineItems": [line]}}
            for currency, line, _ in DECIMAL_CASES
        ],
        f"invoice {{ ...InvoiceFields }} {ERRORS}",
        fragments=INVOICE_FIELDS,
    )
    stored = await read_all(http, tenant, [ok(payload)["invoice"]["id"] for payload in payloads])
    for (currency, line, expected), payload, again in zip(
        DECIMAL_CASES, payloads, stored, strict=True
    ):
        invoice = payload["invoice"]
        assert again is not None and again["lineItems"] == invoice["lineItems"]
        shown = {**invoice, **invoice["lineItems"][0]}
        assert (currency, line, {key: shown[key] for key in expected}) == (
            currency,
            line,
            expected,
        )


async def test_each_mutation_of_an_operation_shows_its_own_result(
    http: httpx.AsyncClient, tenant: Tenant, client_id: str
) -> None:
    invoice_id = (await seed_document(tenant, client_id)).id
    result = await data(
        http,
        tenant,
        "mutation($id: ID!, $one: [LineItemInput!], $two: [LineItemInput!]) {"
        " a: invoiceUpdate(id: $id, input: {lineItems: $one}) {"
        " invoice { total lineItems { description } } }"
        " b: invoiceUpdate(id: $id, input: {lineItems: $two}) {"
        " invoice { total lineItems { description } } } }",
        {
            "id": invoice_id,
            "one": [{"description": "one", "quantity": "1", "unitPrice": "1"}],
            "two": [{"description": "two", "quantity": "2", "unitPrice": "1"}],
        },
    )
    assert result["a"]["invoice"] == {"total": "1.00", "lineItems": [{"description": "one"}]}
    assert result["b"]["invoice"] == {"total": "2.00", "lineItems": [{"description": "two"}]}
