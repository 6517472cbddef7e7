"""Payments over GraphQL: recording them moves the invoice's status and amounts, deleting
them recomputes both; refusals; reads and the filtered list."""

from __future__ import annotations

import httpx
import pytest

from billing import documents
from models.enums import Series
from tests.conftest import Tenant
from tests.graph.helpers import (
    ERRORS,
    PAYMENT_FIELDS,
    SEED_LINE,
    Json,
    batch,
    codes,
    data,
    emptied_with_delete,  # noqa: F401  (overrides conftest's `db`: see its docstring)
    gql,
    ok,
    pay,
    seed_client,
    seed_document,
    seed_payment,
    top_errors,
)

DELETE = (
    "mutation($id: ID!) { paymentDelete(id: $id) { deletedId"
    f" invoice {{ id status amountPaid amountDue paidAt }} {ERRORS} }} }}"
)
READ = "query($id: ID!) { payment(id: $id) { ...PaymentFields } }" + PAYMENT_FIELDS
INVOICE = (
    "query($id: ID!) { invoice(id: $id) { status amountPaid amountDue paidAt"
    " payments { id amount paymentDate } } }"
)
LIST = (
    "query($filter: PaymentFilterInput, $first: Int, $after: String) {"
    " payments(filter: $filter, first: $first, after: $after) { totalCount"
    " pageInfo { hasNextPage endCursor } edges { node { note } } } }"
)


async def invoice_state(http: httpx.AsyncClient, tenant: Tenant, invoice_id: str) -> Json:
    invoice: Json = (await data(http, tenant, INVOICE, {"id": invoice_id}))["invoice"]
    return invoice


async def delete(http: httpx.AsyncClient, tenant: Tenant, payment_id: str) -> Json:
    payload: Json = (await data(http, tenant, DELETE, {"id": payment_id}))["paymentDelete"]
    return payload


async def notes(http: httpx.AsyncClient, tenant: Tenant, **variables: object) -> list[str]:
    result = (await data(http, tenant, LIST, variables))["payments"]
    found = [edge["node"]["note"] for edge in result["edges"]]
    assert result["totalCount"] == len(found)
    return found


@pytest.fixture
async def client_id(tenant: Tenant) -> str:
    return await seed_client(tenant)


@pytest.fixture
async def invoice_id(tenant: Tenant, client_id: str) -> str:
    """A sent invoice of 5500.00 USD."""
    return (await seed_document(tenant, client_id, sent=True)).id


async def test_payments_take_the_invoice_to_partially_paid_then_paid(
    http: httpx.AsyncClient, tenant: Tenant, invoice_id: str
) -> None:
    first = ok(
        await pay(
            http,
            tenant,
            invoice_id,
            "2000",
            paymentMethod="CASH",
            paymentDate="2026-03-01",
            note="Deposit",
            currency="usd",
        )
    )
    payment = first["payment"]
    assert payment["id"].startswith("pay_")
    assert {
        k: payment[k] for k in ("amount", "currency", "paymentDate", "paymentMethod", "note")
    } == {
        "amount": "2000.00",
        "currency": "USD",
        "paymentDate": "2026-03-01",
        "paymentMethod": "CASH",
        "note": "Deposit",
    }
    assert payment["invoice"] == {"id": invoice_id} and payment["createdAt"]
    assert first["invoice"] == {
        "id": invoice_id,
        "status": "PARTIALLY_PAID",
        "amountPaid": "2000.00",
        "amountDue": "3500.00",
        "paidAt": None,
    }
    assert (await data(http, tenant, READ, payment))["payment"] == payment

    rest = ok(await pay(http, tenant, invoice_id, "3500.00", paymentDate="2026-02-15"))
    assert rest["invoice"]["status"] == "PAID" and rest["invoice"]["paidAt"]
    assert (rest["invoice"]["amountPaid"], rest["invoice"]["amountDue"]) == ("5500.00", "0.00")
    assert rest["payment"]["paymentMethod"] == "BANK_TRANSFER"

    state = await invoice_state(http, tenant, invoice_id)
    assert state["status"] == "PAID"
    # Oldest payment date first, whatever the order they were recorded in.
    assert [(p["id"], p["paymentDate"]) for p in state["payments"]] == [
        (rest["payment"]["id"], "2026-02-15"),
        (payment["id"], "2026-03-01"),
    ]
    through = await data(
        http,
        tenant,
        "query($id: ID!) { payment(id: $id) { invoice { id number status amountDue } } }",
        payment,
    )
    assert through["payment"]["invoice"] == {
        "id": invoice_id,
        "number": "INV-0001",
        "status": "PAID",
        "amountDue": "0.00",
    }

    refused = await pay(http, tenant, invoice_id, "0.01")
    assert (refused["payment"], refused["invoice"]) == (None, None)
    assert codes(refused) == [("OVERPAYMENT", "amount")]
    assert await invoice_state(http, tenant, invoice_id) == state


async def test_deleting_payments_recomputes_the_status(
    http: httpx.AsyncClient, tenant: Tenant, client_id: str, invoice_id: str
) -> None:
    a = {"id": await seed_payment(tenant, invoice_id, "5000.00")}
    b = {"id": await seed_payment(tenant, invoice_id, "500.00")}

    after_b = ok(await delete(http, tenant, b["id"]))
    assert after_b["deletedId"] == b["id"]
    assert after_b["invoice"] == {
        "id": invoice_id,
        "status": "PARTIALLY_PAID",
        "amountPaid": "5000.00",
        "amountDue": "500.00",
        "paidAt": None,
    }
    after_a = ok(await delete(http, tenant, a["id"]))
    assert (after_a["invoice"]["status"], after_a["invoice"]["amountPaid"]) == ("SENT", "0.00")
    state = await invoice_state(http, tenant, invoice_id)
    assert (state["status"], state["payments"]) == ("SENT", [])
    assert (await data(http, tenant, READ, b))["payment"] is None

    again = await delete(http, tenant, a["id"])
    assert (again["deletedId"], again["invoice"], codes(again)) == (
        None,
        None,
        [("NOT_FOUND", "id")],
    )

    # A payment takes a draft out of draft; deleting it puts the draft back.
    draft = (await seed_document(tenant, client_id)).id
    paid = ok(await pay(http, tenant, draft, "5500.00"))
    assert paid["invoice"]["status"] == "PAID"
    back = ok(await delete(http, tenant, paid["payment"]["id"]))
    assert back["invoice"]["status"] == "DRAFT"


async def test_refused_payments_record_nothing(
    http: httpx.AsyncClient,
    tenant: Tenant,
    other_tenant: Tenant,
    client_id: str,
    invoice_id: str,
) -> None:
    theirs = {"id": (await seed_document(other_tenant, await seed_client(other_tenant))).id}
    estimate = {"id": (await seed_document(tenant, client_id, estimate=True)).id}
    base = {"invoiceId": invoice_id, "amount": "10.00", "paymentMethod": "CASH"}
    cases: list[tuple[Json, tuple[str, str]]] = [
        ({"amount": "0"}, ("VALIDATION", "amount")),
        ({"amount": "-5.00"}, ("VALIDATION", "amount")),
        ({"amount": "10.001"}, ("VALIDATION", "amount")),
        ({"amount": "5500.01"}, ("OVERPAYMENT", "amount")),
        ({"currency": "EUR"}, ("CURRENCY_MISMATCH", "currency")),
        ({"currency": "XXX"}, ("VALIDATION", "currency")),
        ({"paymentDate": "1899-12-31"}, ("VALIDATION", "paymentDate")),
        ({"note": "bell\u0007"}, ("VALIDATION", "note")),
        ({"invoiceId": "inv_" + "0" * 26}, ("NOT_FOUND", "invoiceId")),
        ({"invoiceId": theirs["id"]}, ("NOT_FOUND", "invoiceId")),
        ({"invoiceId": estimate["id"]}, ("VALIDATION", "invoiceId")),
    ]
    payloads = await batch(
        http,
        tenant,
        "paymentCreate",
        {"input": "PaymentCreateInput!"},
        [{"input": {**base, **fields}} for fields, _ in cases],
        f"payment {{ id }} invoice {{ id }} {ERRORS}",
    )
    for (fields, expected), payload in zip(cases, payloads, strict=True):
        assert (fields, payload["payment"], payload["invoice"], codes(payload)) == (
            fields,
            None,
            None,
            [expected],
        )
    state = await invoice_state(http, tenant, invoice_id)
    assert (state["status"], state["amountPaid"], state["payments"]) == ("SENT", "0.00", [])
    assert await notes(http, tenant) == []
    assert (await invoice_state(http, other_tenant, theirs["id"]))["payments"] == []


async def test_type_errors_are_top_level(http: httpx.AsyncClient, tenant: Tenant) -> None:
    base = {"invoiceId": "inv_x", "amount": "10.00", "paymentMethod": "CASH"}
    query = (
        f"mutation($input: PaymentCreateInput!) {{ paymentCreate(input: $input) {{ {ERRORS} }} }}"
    )
    for fields in (
        {"amount": 10.5},
        {"amount": "ten"},
        {"paymentMethod": "BITCOIN"},
        {"paymentDate": "yesterday"},
        {"invoiceId": None},
    ):
        body = await gql(http, tenant, query, {"input": {**base, **fields}})
        assert (fields, top_errors(body)) == (fields, [("GRAPHQL_VALIDATION_FAILED", None)])
        assert body["data"] is None


async def test_a_void_invoice_takes_no_payment_and_jpy_has_no_decimals(
    http: httpx.AsyncClient, tenant: Tenant, client_id: str, invoice_id: str
) -> None:
    await documents.void_document(tenant.org, invoice_id, series=Series.INVOICE)
    refused = await pay(http, tenant, invoice_id, "10.00")
    assert (refused["payment"], codes(refused)) == (None, [("INVALID_TRANSITION", "invoiceId")])
    assert (await invoice_state(http, tenant, invoice_id))["status"] == "VOID"

    yen_line = {**SEED_LINE, "unit_price": "125"}
    yen = {"id": (await seed_document(tenant, client_id, currency="JPY", line_items=[yen_line])).id}
    assert codes(await pay(http, tenant, yen["id"], "10.5")) == [("VALIDATION", "amount")]
    paid = ok(await pay(http, tenant, yen["id"], "5000"))
    assert (paid["payment"]["amount"], paid["payment"]["currency"]) == ("5000", "JPY")
    assert (paid["invoice"]["amountPaid"], paid["invoice"]["amountDue"]) == ("5000", "500")


async def test_foreign_or_unknown_payments_are_invisible_and_untouchable(
    http: httpx.AsyncClient, tenant: Tenant, other_tenant: Tenant
) -> None:
    their_invoice = {"id": (await seed_document(other_tenant, await seed_client(other_tenant))).id}
    theirs = {"id": await seed_payment(other_tenant, their_invoice["id"], "100.00")}
    for payment_id in (theirs["id"], "pay_" + "0" * 26, "nope"):
        assert (await data(http, tenant, READ, {"id": payment_id}))["payment"] is None
        payload = await delete(http, tenant, payment_id)
        assert (payload["deletedId"], payload["invoice"], codes(payload)) == (
            None,
            None,
            [("NOT_FOUND", "id")],
        )
    assert (await data(http, other_tenant, READ, theirs))["payment"]["id"] == theirs["id"]
    state = await invoice_state(http, other_tenant, their_invoice["id"])
    assert (state["status"], state["amountPaid"]) == ("PARTIALLY_PAID", "100.00")
    assert await notes(http, tenant) == []
    assert await notes(http, tenant, filter={"invoiceId": their_invoice["id"]}) == []


async def test_the_payment_list_filters_and_pages(
    http: httpx.AsyncClient, tenant: Tenant, client_id: str
) -> None:
    other_client = await seed_client(tenant, "Initech")
    one = (await seed_document(tenant, client_id)).id
    two = (await seed_document(tenant, client_id)).id
    three = (await seed_document(tenant, other_client)).id
    for invoice, note, method, day in (
        (one, "one-jan", "CASH", "2026-01-10"),
        (one, "one-mar", "CHEQUE", "2026-03-10"),
        (two, "two-feb", "CASH", "2026-02-10"),
        (three, "three-feb", "ONLINE", "2026-02-10"),
    ):
        await seed_payment(
            tenant, invoice, "1.00", note=note, payment_method=method, payment_date=day
        )

    cases: list[tuple[Json | None, list[str]]] = [
        # Latest payment date first (ties in reverse order of recording).
        (None, ["one-mar", "three-feb", "two-feb", "one-jan"]),
        ({"invoiceId": one}, ["one-mar", "one-jan"]),
        ({"clientId": other_client}, ["three-feb"]),
        ({"clientId": client_id, "paymentMethod": "CASH"}, ["two-feb", "one-jan"]),
        ({"dateFrom": "2026-02-10", "dateTo": "2026-02-28"}, ["three-feb", "two-feb"]),
        ({"dateTo": "2026-01-31"}, ["one-jan"]),
        ({"paymentMethod": "DEBIT"}, []),
        ({"invoiceId": "inv_unknown"}, []),
    ]
    found = await batch(
        http,
        tenant,
        "payments",
        {"filter": "PaymentFilterInput"},
        [{"filter": where} for where, _ in cases],
        "totalCount edges { node { note } }",
        operation="query",
    )
    for (where, expected), connection in zip(cases, found, strict=True):
        listed = [edge["node"]["note"] for edge in connection["edges"]]
        assert (where, listed, connection["totalCount"]) == (where, expected, len(expected))

    page = (await data(http, tenant, LIST, {"first": 2}))["payments"]
    assert [e["node"]["note"] for e in page["edges"]] == ["one-mar", "three-feb"]
    assert page["pageInfo"]["hasNextPage"] is True and page["totalCount"] == 4
    after = {"first": 2, "after": page["pageInfo"]["endCursor"]}
    rest = (await data(http, tenant, LIST, after))["payments"]
    assert [e["node"]["note"] for e in rest["edges"]] == ["two-feb", "one-jan"]
    assert rest["pageInfo"]["hasNextPage"] is False


async def test_two_payments_in_one_operation_each_show_their_invoice(
    http: httpx.AsyncClient, tenant: Tenant, invoice_id: str
) -> None:
    selection = "payment { invoice { amountPaid payments { amount } } } invoice { amountPaid }"
    payloads = await batch(
        http,
        tenant,
        "paymentCreate",
        {"input": "PaymentCreateInput!"},
        [
            {"input": {"invoiceId": invoice_id, "amount": amount, "paymentMethod": "CASH"}}
            for amount in ("100.00", "200.00")
        ],
        selection,
    )
    assert payloads[1]["invoice"] == {"amountPaid": "300.00"}
    assert payloads[1]["payment"]["invoice"] == {
        "amountPaid": "300.00",
        "payments": [{"amount": "100.00"}, {"amount": "200.00"}],
    }
