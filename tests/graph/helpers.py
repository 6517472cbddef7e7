"""Shared helpers of the GraphQL tests: one POST per operation, fragments and builders.

What a test is about goes through HTTP (POST /graphql with a JSON body), as a frontend
would send it. The state it starts from may be seeded through `billing` directly (the
`seed_*` builders), which costs a fraction of a request.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from typing import Any, Protocol

import httpx
import pytest
from tortoise import Tortoise

from billing import clients, documents, numbering, payments
from billing.plans import UNLIMITED
from models import Document
from tests.conftest import TABLES, Backend, Tenant

Json = dict[str, Any]


@pytest.fixture(name="db")
async def emptied_with_delete(backend: Backend) -> Backend:
    """conftest's `db` (an empty database per test, on each backend), emptied with DELETE.

    Import it into a test module to override `db` there: on PostgreSQL the TRUNCATE of
    conftest's `db` costs about 85 ms a test, a DELETE of these few rows about 1 ms.
    """
    conn = Tortoise.get_connection("default")
    await conn.execute_script("".join(f"DELETE FROM {table};" for table in TABLES))
    return backend


class Caller(Protocol):
    """Whoever sends requests: a `Tenant`, or a bare key."""

    @property
    def headers(self) -> dict[str, str]: ...


@dataclass(frozen=True)
class Bearer:
    """A caller holding only an API key's secret."""

    secret: str

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.secret}"}


WORKED_LINE: Json = {
    "description": "Design work",
    "quantity": "40",
    "unitPrice": "125.00",
    "taxRate": "10",
}

ERRORS = "errors { code field message }"

CLIENT_FIELDS = """
fragment ClientFields on Client {
  id name email address taxId phone notes isActive createdAt updatedAt
}
"""

PAGE_INFO = "pageInfo { hasNextPage hasPreviousPage startCursor endCursor }"

LINE_FIELDS = (
    "lineItems { description quantity unitPrice taxRate applyTax applyDiscount"
    " amount discountAmount taxAmount }"
)
_DOCUMENT = (
    "id number status currency issueDate dueDate discountType discountValue tax tax2"
    " subtotal discountTotal taxTotal total notes terms sentAt voidedAt client { id name } "
    + LINE_FIELDS
)
INVOICE_FIELDS = f"""
fragment InvoiceFields on Invoice {{ {_DOCUMENT} amountPaid amountDue paidAt }}
"""
ESTIMATE_FIELDS = f"""
fragment EstimateFields on Estimate {{ {_DOCUMENT} acceptedAt }}
"""


def fragment_of(kind: str) -> str:
    """The fragment of an "invoice" or an "estimate"."""
    return ESTIMATE_FIELDS if kind == "estimate" else INVOICE_FIELDS


PAYMENT_FIELDS = """
fragment PaymentFields on Payment {
  id amount currency paymentDate paymentMethod note createdAt invoice { id }
}
"""


async def gql(
    http: httpx.AsyncClient, tenant: Caller, query: str, variables: Json | None = None
) -> Json:
    """POST one operation as `tenant`; the response must be HTTP 200 with a JSON body."""
    response = await http.post(
        "/graphql",
        json={"query": query, "variables": variables or {}},
        headers=tenant.headers,
    )
    assert response.status_code == 200, response.text
    body: Json = response.json()
    return body


async def data(
    http: httpx.AsyncClient, tenant: Caller, query: str, variables: Json | None = None
) -> Json:
    """The `data` of an operation that must raise no top-level error."""
    body = await gql(http, tenant, query, variables)
    assert "errors" not in body, body
    result: Json = body["data"]
    return result


def top_errors(body: Json) -> list[tuple[str, str | None]]:
    """The (code, field) of each top-level error of a response."""
    assert body.get("errors"), body
    return [
        (error["extensions"]["code"], error["extensions"].get("field")) for error in body["errors"]
    ]


def codes(payload: Json) -> list[tuple[str, str | None]]:
    """The (code, field) of each payload error of a mutation's payload."""
    return [(error["code"], error["field"]) for error in payload["errors"]]


def ok(payload: Json) -> Json:
    """A mutation payload that must hold no errors."""
    assert payload["errors"] == [], payload["errors"]
    return payload


async def new_client(
    http: httpx.AsyncClient, tenant: Caller, name: str = "Globex", **fields: Any
) -> Json:
    """A client created through clientCreate: {id, name, email}."""
    result = await data(
        http,
        tenant,
        "mutation($input: ClientCreateInput!) {"
        f" clientCreate(input: $input) {{ client {{ id name email }} {ERRORS} }} }}",
        {"input": {"name": name, **fields}},
    )
    client: Json = ok(result["clientCreate"])["client"]
    return client


async def new_document(
    http: httpx.AsyncClient,
    tenant: Caller,
    client_id: str,
    *,
    estimate: bool = False,
    **fields: Any,
) -> Json:
    """An invoice (or estimate) through its create mutation, the worked line unless given."""
    kind = "estimate" if estimate else "invoice"
    kind_type = "Estimate" if estimate else "Invoice"
    fields.setdefault("lineItems", [WORKED_LINE])
    result = await data(
        http,
        tenant,
        f"mutation($input: {kind_type}CreateInput!) {{"
        f" {kind}Create(input: $input) {{ {kind} {{ ...{kind_type}Fields }} {ERRORS} }} }}"
        + fragment_of(kind),
        {"input": {"clientId": client_id, **fields}},
    )
    document: Json = ok(result[f"{kind}Create"])[kind]
    return document


ACT_FIELDS = {
    "invoice": "id number status sentAt voidedAt",
    "estimate": "id number status sentAt voidedAt acceptedAt",
}


async def act(http: httpx.AsyncClient, tenant: Caller, mutation: str, document_id: str) -> Json:
    """Run a lifecycle mutation taking `id` (invoiceMarkSent, estimateAccept...): its payload.

    The payload carries the document under `document` and its `errors`.
    """
    kind = "estimate" if mutation.startswith("estimate") else "invoice"
    result = await data(
        http,
        tenant,
        f"mutation($id: ID!) {{ {mutation}(id: $id) {{"
        f" document: {kind} {{ {ACT_FIELDS[kind]} }} {ERRORS} }} }}",
        {"id": document_id},
    )
    payload: Json = result[mutation]
    return payload


async def pay(
    http: httpx.AsyncClient, tenant: Caller, invoice_id: str, amount: str, **fields: Any
) -> Json:
    """paymentCreate's payload: {payment, invoice {status amountPaid amountDue}, errors}."""
    fields.setdefault("paymentMethod", "BANK_TRANSFER")
    result = await data(
        http,
        tenant,
        "mutation($input: PaymentCreateInput!) { paymentCreate(input: $input) {"
        " payment { ...PaymentFields } invoice { id status amountPaid amountDue paidAt }"
        f" {ERRORS} }} }}" + PAYMENT_FIELDS,
        {"input": {"invoiceId": invoice_id, "amount": amount, **fields}},
    )
    payload: Json = result["paymentCreate"]
    return payload


async def batch(
    http: httpx.AsyncClient,
    tenant: Caller,
    field: str,
    arguments: dict[str, str],
    calls: list[Json],
    selection: str,
    *,
    fragments: str = "",
    operation: str = "mutation",
) -> list[Any]:
    """Call the root `field` once per entry of `calls`, all in one request (aliases c0, c1...).

    `arguments` names each argument with its GraphQL type; each call gives their values.
    Mutations run one after the other, as separate transactions. The results, in order.
    """
    params, fields, variables = [], [], {}
    for n, call in enumerate(calls):
        passed = []
        for name, kind in arguments.items():
            params.append(f"${name}{n}: {kind}")
            passed.append(f"{name}: ${name}{n}")
            variables[f"{name}{n}"] = call[name]
        fields.append(f"c{n}: {field}({', '.join(passed)}) {{ {selection} }}")
    document = f"{operation}({', '.join(params)}) {{ {' '.join(fields)} }}" + fragments
    result = await data(http, tenant, document, variables)
    return [result[f"c{n}"] for n in range(len(calls))]


# --- Seeds: state written through billing, not under test --------------------------------------


_last_seeded_ms = 0


async def next_millisecond() -> None:
    """Wait, if need be, until the millisecond of the last seed is over.

    Ids order by their creation time to the millisecond only (then by random bits), and
    lists shown newest first rely on that order; seeds made within one millisecond would
    list in a random order.
    """
    wait_ns = (_last_seeded_ms + 1) * 1_000_000 - time.time_ns()
    if wait_ns > 0:
        await asyncio.sleep(wait_ns / 1e9 + 0.0002)


def seeded() -> None:
    """Note the millisecond a seed was made in (after it was)."""
    global _last_seeded_ms
    _last_seeded_ms = time.time_ns() // 1_000_000


SEED_LINE: Json = {
    "description": "Design work",
    "quantity": "40",
    "unit_price": "125.00",
    "tax_rate": "10",
}


async def seed_client(tenant: Tenant, name: str = "Globex", **values: Any) -> str:
    """The id of a new active client of `tenant`."""
    return (await clients.create_client(tenant.org, {"name": name, **values}, UNLIMITED)).id


async def seed_document(
    tenant: Tenant, client_id: str, *, estimate: bool = False, sent: bool = False, **values: Any
) -> Document:
    """A DRAFT (or, with `sent`, SENT) invoice or estimate: the worked line unless given.

    `values` are billing's snake_case fields (`due_date`, `line_items`...).
    """
    values.setdefault("line_items", [SEED_LINE])
    await next_millisecond()
    row = await documents.create_document(
        tenant.org,
        {"client_id": client_id, **values},
        series=numbering.series_of(estimate),
        plan=UNLIMITED,
    )
    seeded()
    if sent:
        row = await documents.mark_sent(tenant.org, row.id, series=numbering.series_of(estimate))
    return row


async def seed_payment(tenant: Tenant, invoice_id: str, amount: str, **values: Any) -> str:
    """The id of a payment recorded on `invoice_id` (by bank transfer unless given)."""
    values.setdefault("payment_method", "BANK_TRANSFER")
    await next_millisecond()
    row = await payments.record_payment(
        tenant.org, {"invoice_id": invoice_id, "amount": amount, **values}
    )
    seeded()
    return row.id
