"""node(id): every type by its id, and null for whatever is not the caller's."""

from __future__ import annotations

import base64
import json

import httpx
import pytest

from billing import apikeys
from tests.conftest import Backend, Tenant
from tests.graph.helpers import (
    ERRORS,
    Json,
    act,
    batch,
    emptied_with_delete,  # noqa: F401  (overrides conftest's `db`: see its docstring)
    gql,
    seed_client,
    seed_document,
    seed_payment,
    top_errors,
)

NODE = """
__typename id
... on Invoice { number }
... on Estimate { number }
... on Client { name }
... on Payment { amount }
... on ApiKey { name }
... on Organization { name }
"""


async def nodes(http: httpx.AsyncClient, tenant: Tenant, ids: list[str]) -> list[Json | None]:
    """node(id) of each id, in one request."""
    return await batch(
        http, tenant, "node", {"id": "ID!"}, [{"id": i} for i in ids], NODE, operation="query"
    )


async def one_of_each(tenant: Tenant) -> dict[str, Json]:
    """An object of every type the organization owns, as `node` should show it."""
    client = await seed_client(tenant, "Globex")
    invoice = await seed_document(tenant, client)
    estimate = await seed_document(tenant, client, estimate=True)
    payment = await seed_payment(tenant, invoice.id, "10.00")
    key, _ = await apikeys.create_api_key(tenant.org, "node")
    return {
        "Invoice": {"id": invoice.id, "number": invoice.number},
        "Estimate": {"id": estimate.id, "number": estimate.number},
        "Client": {"id": client, "name": "Globex"},
        "Payment": {"id": payment, "amount": "10.00"},
        "ApiKey": {"id": key.id, "name": "node"},
        "Organization": {"id": tenant.org.id, "name": tenant.org.name},
    }


PREFIXES = {
    "Invoice": "inv_",
    "Estimate": "est_",
    "Client": "cli_",
    "Payment": "pay_",
    "ApiKey": "key_",
    "Organization": "org_",
}


async def test_node_resolves_every_type_by_its_id(http: httpx.AsyncClient, tenant: Tenant) -> None:
    made = await one_of_each(tenant)
    found = await nodes(http, tenant, [obj["id"] for obj in made.values()])
    for (typename, obj), node in zip(made.items(), found, strict=True):
        assert obj["id"].startswith(PREFIXES[typename])
        assert node == {"__typename": typename, **obj}

    # The ids are the ones the REST shim shows.
    rest = (await http.get("/api/v1/clients", headers=tenant.headers)).json()
    assert [item["id"] for item in rest["data"]] == [made["Client"]["id"]]


async def test_node_is_null_for_unknown_malformed_and_foreign_ids(
    http: httpx.AsyncClient, tenant: Tenant, other_tenant: Tenant
) -> None:
    mine = await one_of_each(tenant)
    theirs = await one_of_each(other_tenant)
    suffix = mine["Invoice"]["id"][4:]
    ids = [obj["id"] for obj in theirs.values()] + [
        "inv_" + "0" * 26,
        "est_" + suffix,  # an invoice's id under another type's prefix
        "INV_" + suffix,
        "inv" + suffix,
        "inv_",
        "_",
        "",
        "garbage",
        "li_" + suffix,
        "seq_" + suffix,
        "inv_' OR '1'='1",
    ]
    assert await nodes(http, tenant, ids) == [None] * len(ids)
    # What is theirs is still theirs.
    found = await nodes(http, other_tenant, [obj["id"] for obj in theirs.values()])
    assert [node and node["id"] for node in found] == [obj["id"] for obj in theirs.values()]


async def test_the_typed_queries_are_null_for_ids_of_another_type(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    made = await one_of_each(tenant)
    queries = {
        "invoice": "Invoice",
        "estimate": "Estimate",
        "client": "Client",
        "payment": "Payment",
    }
    for field, typename in queries.items():
        others = [obj["id"] for name, obj in made.items() if name != typename]
        found = await batch(
            http, tenant, field, {"id": "ID!"}, [{"id": i} for i in others], "id", operation="query"
        )
        assert (field, found) == (field, [None] * len(others))


async def test_ids_longer_than_any_id_are_unknown(http: httpx.AsyncClient, tenant: Tenant) -> None:
    too_long = "0" * 29  # with a 4-character prefix: 33 characters, one more than any id
    for query, variables in (
        ("query($id: ID!) { node(id: $id) { id } }", {"id": "inv_" + too_long}),
        ("query($id: ID!) { client(id: $id) { id } }", {"id": "cli_" + too_long}),
        ("query($id: ID!) { payment(id: $id) { id } }", {"id": "pay_" + too_long}),
        ("query($id: ID!) { invoices(filter: {clientId: $id}) { totalCount } }", {"id": too_long}),
        ("query($id: ID!) { payments(filter: {invoiceId: $id}) { totalCount } }", {"id": too_long}),
        (f"mutation($id: ID!) {{ invoiceVoid(id: $id) {{ {ERRORS} }} }}", {"id": too_long}),
        (f"mutation($id: ID!) {{ apiKeyRevoke(id: $id) {{ {ERRORS} }} }}", {"id": too_long}),
    ):
        body = await gql(http, tenant, query, variables)
        assert "errors" not in body, (query, body["errors"])


NUL = "\u0000"


async def test_ids_with_a_nul_character_are_unknown(
    http: httpx.AsyncClient, tenant: Tenant, db: Backend, request: pytest.FixtureRequest
) -> None:
    invoice = await seed_document(tenant, await seed_client(tenant))
    bad = "inv_" + NUL
    for query in (
        "query($id: ID!) { node(id: $id) { id } }",
        "query($id: ID!) { invoice(id: $id) { id } }",
        "query($id: ID!) { client(id: $id) { id } }",
        "query($id: ID!) { payment(id: $id) { id } }",
    ):
        body = await gql(http, tenant, query, {"id": bad})
        assert "errors" not in body, (query, body)
        assert list(body["data"].values()) == [None]
    voided = await gql(
        http, tenant, f"mutation($id: ID!) {{ invoiceVoid(id: $id) {{ {ERRORS} }} }}", {"id": bad}
    )
    assert "errors" not in voided, voided
    assert voided["data"]["invoiceVoid"]["errors"][0]["code"] == "NOT_FOUND"
    assert (await act(http, tenant, "invoiceMarkSent", invoice.id))["errors"] == []


def cursor(*parts: object) -> str:
    """A cursor in the server's format, crafted by hand."""
    return base64.urlsafe_b64encode(json.dumps(list(parts)).encode()).decode().rstrip("=")


async def test_crafted_filters_and_cursors_are_refused_not_crashing(
    http: httpx.AsyncClient, tenant: Tenant, db: Backend, request: pytest.FixtureRequest
) -> None:
    await seed_document(tenant, await seed_client(tenant))
    query = (
        "query($filter: DocumentFilterInput, $sort: DocumentSortInput, $after: String) {"
        " invoices(filter: $filter, sort: $sort, after: $after) { totalCount } }"
    )
    for variables in (
        {"filter": {"search": "INV" + NUL}},
        {"filter": {"clientId": "cli_" + NUL}},
        {"sort": {"field": "NUMBER", "direction": "ASC"}, "after": cursor("NUMBER:ASC", NUL, "x")},
        {"after": cursor("CREATED_AT:DESC", None, "inv_" + NUL)},
        {
            "sort": {"field": "TOTAL", "direction": "ASC"},
            "after": cursor("TOTAL:ASC", "1e999999", "x"),
        },
    ):
        body = await gql(http, tenant, query, variables)
        codes = [error["extensions"]["code"] for error in body.get("errors", [])]
        assert set(codes) <= {"VALIDATION"}, (variables, body)
    searched = await gql(
        http,
        tenant,
        "query($s: String) { clients(filter: {search: $s}) { totalCount } }",
        {"s": "Glo" + NUL},
    )
    assert set(top_errors(searched) if "errors" in searched else []) <= {("VALIDATION", "search")}
