"""Clients over GraphQL: create, update, soft delete and restore, reads, lists, pagination,
outstanding balances and the nested document connections."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from billing import clients, documents
from models.enums import Series
from settings import Settings
from tests.conftest import Tenant, on_plan
from tests.graph.helpers import (
    CLIENT_FIELDS,
    ERRORS,
    PAGE_INFO,
    SEED_LINE,
    Json,
    batch,
    codes,
    data,
    emptied_with_delete,  # noqa: F401  (overrides conftest's `db`: see its docstring)
    gql,
    new_client,
    new_document,
    ok,
    seed_client,
    seed_document,
    seed_payment,
    top_errors,
)

CREATE = (
    "mutation($input: ClientCreateInput!) { clientCreate(input: $input) {"
    f" client {{ ...ClientFields }} {ERRORS} }} }}" + CLIENT_FIELDS
)
UPDATE = (
    "mutation($id: ID!, $input: ClientUpdateInput!) { clientUpdate(id: $id, input: $input) {"
    f" client {{ ...ClientFields }} {ERRORS} }} }}" + CLIENT_FIELDS
)
READ = "query($id: ID!) { client(id: $id) { ...ClientFields } }" + CLIENT_FIELDS
LIST = (
    "query($filter: ClientFilterInput, $first: Int, $after: String, $last: Int,"
    " $before: String) { clients(filter: $filter, first: $first, after: $after, last: $last,"
    f" before: $before) {{ totalCount {PAGE_INFO} edges {{ cursor node {{ name isActive }} }} }} }}"
)


def by_id_mutation(name: str) -> str:
    """clientDelete / clientRestore, which take only an id."""
    return (
        f"mutation($id: ID!) {{ {name}(id: $id) {{ client {{ ...ClientFields }} {ERRORS} }} }}"
        + CLIENT_FIELDS
    )


async def read(http: httpx.AsyncClient, tenant: Tenant, client_id: str) -> Json | None:
    client: Json | None = (await data(http, tenant, READ, {"id": client_id}))["client"]
    return client


async def names(http: httpx.AsyncClient, tenant: Tenant, **variables: Any) -> list[str]:
    result = await data(http, tenant, LIST, variables)
    return [edge["node"]["name"] for edge in result["clients"]["edges"]]


async def count_all(http: httpx.AsyncClient, tenant: Tenant) -> int:
    result = await data(http, tenant, LIST, {"filter": {"isActive": None}})
    total: int = result["clients"]["totalCount"]
    return total


# --- Create and read -------------------------------------------------------------------------


async def test_create_returns_the_client_and_it_reads_back(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    given = {
        "name": "  Globex  ",
        "email": "ap@globex.test",
        "address": "1 Main St\nSpringfield",
        "taxId": "US-123",
        "phone": "+1 555 0100",
        "notes": "Pays late",
    }
    payload = ok((await data(http, tenant, CREATE, {"input": given}))["clientCreate"])
    client = payload["client"]
    assert client["id"].startswith("cli_")
    assert {key: client[key] for key in given} == {**given, "name": "Globex"}
    assert client["isActive"] is True
    assert client["createdAt"] and client["updatedAt"]
    assert await read(http, tenant, client["id"]) == client


async def test_optional_fields_default_to_empty_strings(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    payload = (await data(http, tenant, CREATE, {"input": {"name": "Solo"}}))["clientCreate"]
    client = ok(payload)["client"]
    assert [client[k] for k in ("email", "address", "taxId", "phone", "notes")] == [""] * 5


INVALID_CREATES: list[tuple[Json, str]] = [
    ({"name": ""}, "name"),
    ({"name": "   "}, "name"),
    ({"name": "x" * 256}, "name"),
    ({"name": "Bad\u0000name"}, "name"),
    ({"name": "Ok", "email": "not-an-email"}, "email"),
    ({"name": "Ok", "taxId": "x" * 65}, "taxId"),
    ({"name": "Ok", "phone": "555\n0100"}, "phone"),
]


async def test_create_refuses_invalid_input_and_stores_nothing(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    payloads = await batch(
        http,
        tenant,
        "clientCreate",
        {"input": "ClientCreateInput!"},
        [{"input": given} for given, _ in INVALID_CREATES],
        f"client {{ id }} {ERRORS}",
    )
    for (given, field), payload in zip(INVALID_CREATES, payloads, strict=True):
        assert (given, payload["client"], codes(payload)) == (given, None, [("VALIDATION", field)])
        assert payload["errors"][0]["message"]
    assert await count_all(http, tenant) == 0


async def test_a_missing_name_is_a_type_error(http: httpx.AsyncClient, tenant: Tenant) -> None:
    body = await gql(http, tenant, CREATE, {"input": {"email": "a@b.test"}})
    assert top_errors(body) == [("GRAPHQL_VALIDATION_FAILED", None)]
    assert body["data"] is None


@pytest.mark.plans({"small": {"clientLimit": 1}})
async def test_create_beyond_the_plans_client_limit_is_plan_limit(
    http: httpx.AsyncClient, tenant: Tenant, settings: Settings
) -> None:
    await on_plan(tenant.org, settings, "small")

    await new_client(http, tenant, "First")
    payload = (await data(http, tenant, CREATE, {"input": {"name": "Second"}}))["clientCreate"]
    assert payload["client"] is None
    assert [error["code"] for error in payload["errors"]] == ["PLAN_LIMIT"]
    assert await count_all(http, tenant) == 1


async def test_reading_an_unknown_or_foreign_client_is_null(
    http: httpx.AsyncClient, tenant: Tenant, other_tenant: Tenant
) -> None:
    theirs = await seed_client(other_tenant, "Theirs")
    for client_id in (theirs, "cli_" + "0" * 26, "nope", ""):
        assert await read(http, tenant, client_id) is None
    assert (await read(http, other_tenant, theirs)) is not None


# --- Update, delete, restore -----------------------------------------------------------------


async def test_update_changes_only_the_given_fields(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    client = {"id": await seed_client(tenant, "Globex", email="ap@globex.test", notes="VIP")}
    before = await read(http, tenant, client["id"])
    assert before is not None
    payload = (
        await data(
            http,
            tenant,
            UPDATE,
            {"id": client["id"], "input": {"name": "Globex Corp", "phone": "+1 555"}},
        )
    )["clientUpdate"]
    updated = ok(payload)["client"]
    assert updated["name"] == "Globex Corp" and updated["phone"] == "+1 555"
    assert updated["email"] == "ap@globex.test" and updated["notes"] == "VIP"
    assert updated["createdAt"] == before["createdAt"]
    assert updated["updatedAt"] >= before["updatedAt"]
    assert await read(http, tenant, client["id"]) == updated

    cleared = (await data(http, tenant, UPDATE, {"id": client["id"], "input": {"email": None}}))[
        "clientUpdate"
    ]
    assert ok(cleared)["client"]["email"] == ""


INVALID_UPDATES: list[tuple[Json, str]] = [
    ({"name": ""}, "name"),
    ({"name": None}, "name"),
    ({"name": "y" * 256}, "name"),
    ({"email": "nope"}, "email"),
    ({"name": "Fine", "email": "nope"}, "email"),
    ({"notes": "bell\u0007"}, "notes"),
]


async def test_update_refuses_invalid_input_and_changes_nothing(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    client = {"id": await seed_client(tenant, "Globex", email="ap@globex.test")}
    before = await read(http, tenant, client["id"])
    payloads = await batch(
        http,
        tenant,
        "clientUpdate",
        {"id": "ID!", "input": "ClientUpdateInput!"},
        [{"id": client["id"], "input": changes} for changes, _ in INVALID_UPDATES],
        f"client {{ id }} {ERRORS}",
    )
    for (changes, field), payload in zip(INVALID_UPDATES, payloads, strict=True):
        assert (changes, payload["client"], codes(payload)) == (
            changes,
            None,
            [("VALIDATION", field)],
        )
    assert await read(http, tenant, client["id"]) == before


async def test_soft_delete_hides_the_client_and_restore_brings_it_back(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    await seed_client(tenant, "Alpha")
    beta = {"id": await seed_client(tenant, "Beta")}
    invoice = {"id": (await seed_document(tenant, beta["id"])).id}

    deleted = ok((await data(http, tenant, by_id_mutation("clientDelete"), beta))["clientDelete"])
    assert deleted["client"]["id"] == beta["id"] and deleted["client"]["isActive"] is False
    stored = await read(http, tenant, beta["id"])
    assert stored is not None and stored["isActive"] is False
    assert await names(http, tenant) == ["Alpha"]
    assert await names(http, tenant, filter={"isActive": False}) == ["Beta"]
    assert await names(http, tenant, filter={"isActive": None}) == ["Alpha", "Beta"]

    # Its documents stay, and still name it; it takes no new ones until restored.
    kept = await data(
        http, tenant, "query($id: ID!) { invoice(id: $id) { client { id isActive } } }", invoice
    )
    assert kept["invoice"]["client"] == {"id": beta["id"], "isActive": False}
    refused = await data(
        http,
        tenant,
        f"mutation($input: InvoiceCreateInput!) {{ invoiceCreate(input: $input) {{ {ERRORS} }} }}",
        {"input": {"clientId": beta["id"]}},
    )
    assert codes(refused["invoiceCreate"]) == [("VALIDATION", "clientId")]

    restored = await data(http, tenant, by_id_mutation("clientRestore"), beta)
    assert ok(restored["clientRestore"])["client"]["isActive"] is True
    assert await names(http, tenant) == ["Alpha", "Beta"]
    assert (await new_document(http, tenant, beta["id"]))["client"]["id"] == beta["id"]


async def test_mutations_on_an_unknown_or_foreign_client_are_not_found(
    http: httpx.AsyncClient, tenant: Tenant, other_tenant: Tenant
) -> None:
    active = {"id": await seed_client(other_tenant, "Active")}
    inactive = {"id": await seed_client(other_tenant, "Inactive")}
    await clients.deactivate_client(other_tenant.org, inactive["id"])
    before = [await read(http, other_tenant, c["id"]) for c in (active, inactive)]
    ids = [active["id"], inactive["id"], "cli_" + "0" * 26, "garbage"]
    for mutation in ("clientUpdate", "clientDelete", "clientRestore"):
        arguments = {"id": "ID!"}
        calls: list[Json] = [{"id": client_id} for client_id in ids]
        if mutation == "clientUpdate":
            arguments["input"] = "ClientUpdateInput!"
            calls = [{**call, "input": {"name": "Hijacked"}} for call in calls]
        payloads = await batch(
            http, tenant, mutation, arguments, calls, f"client {{ id }} {ERRORS}"
        )
        for payload in payloads:
            assert (mutation, payload["client"], codes(payload)) == (
                mutation,
                None,
                [("NOT_FOUND", "id")],
            )
    assert [await read(http, other_tenant, c["id"]) for c in (active, inactive)] == before


# --- Lists: filters and pagination -----------------------------------------------------------


async def test_search_matches_name_or_email_case_insensitively(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    await seed_client(tenant, "Acme Corp", email="billing@acme.test")
    await seed_client(tenant, "Zeta", email="acme-ap@zeta.test")
    await seed_client(tenant, "Other", email="x@other.test")
    assert await names(http, tenant, filter={"search": "ACME"}) == ["Acme Corp", "Zeta"]
    assert await names(http, tenant, filter={"search": "ZETA.TEST"}) == ["Zeta"]
    assert await names(http, tenant, filter={"search": "  "}) == ["Acme Corp", "Other", "Zeta"]
    assert await names(http, tenant, filter={"search": "x" * 255}) == []


async def test_search_is_case_insensitive_beyond_ascii(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    await seed_client(tenant, "Émile Zola")
    await seed_client(tenant, "ΣΩΚΡΑΤΗΣ")
    assert await names(http, tenant, filter={"search": "émile"}) == ["Émile Zola"]
    assert await names(http, tenant, filter={"search": "σωκ"}) == ["ΣΩΚΡΑΤΗΣ"]


async def test_search_and_active_filters_combine(http: httpx.AsyncClient, tenant: Tenant) -> None:
    await seed_client(tenant, "Acme One")
    await clients.deactivate_client(tenant.org, await seed_client(tenant, "Acme Two"))
    assert await names(http, tenant, filter={"search": "acme"}) == ["Acme One"]
    assert await names(http, tenant, filter={"search": "acme", "isActive": False}) == ["Acme Two"]


async def test_a_too_long_search_is_a_validation_error(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    body = await gql(http, tenant, LIST, {"filter": {"search": "x" * 256}})
    assert top_errors(body) == [("VALIDATION", "search")]
    assert body["data"] is None


async def test_pages_forward_and_backward_with_cursors(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    for letter in "EDCBA":
        await seed_client(tenant, f"Client {letter}")

    async def page(**variables: Any) -> Json:
        connection: Json = (await data(http, tenant, LIST, variables))["clients"]
        assert connection["totalCount"] == 5
        return connection

    def shown(connection: Json) -> list[str]:
        return [edge["node"]["name"][-1] for edge in connection["edges"]]

    first = await page(first=2)
    assert shown(first) == ["A", "B"]
    info = first["pageInfo"]
    assert (info["hasNextPage"], info["hasPreviousPage"]) == (True, False)
    assert info["startCursor"] == first["edges"][0]["cursor"]
    assert info["endCursor"] == first["edges"][1]["cursor"]

    second = await page(first=2, after=info["endCursor"])
    assert shown(second) == ["C", "D"]
    assert second["pageInfo"]["hasPreviousPage"] is True
    assert second["pageInfo"]["hasNextPage"] is True
    third = await page(first=2, after=second["pageInfo"]["endCursor"])
    assert shown(third) == ["E"] and third["pageInfo"]["hasNextPage"] is False

    tail = await page(last=2)
    assert shown(tail) == ["D", "E"]
    assert (tail["pageInfo"]["hasPreviousPage"], tail["pageInfo"]["hasNextPage"]) == (True, False)
    before = await page(last=2, before=tail["pageInfo"]["startCursor"])
    assert shown(before) == ["B", "C"] and before["pageInfo"]["hasPreviousPage"] is True
    start = await page(last=5, before=before["pageInfo"]["startCursor"])
    assert shown(start) == ["A"] and start["pageInfo"]["hasPreviousPage"] is False

    default = await page()
    assert shown(default) == ["A", "B", "C", "D", "E"]
    empty = await page(first=2, after=third["pageInfo"]["endCursor"])
    assert empty["edges"] == [] and empty["pageInfo"]["startCursor"] is None


async def test_first_zero_still_says_more_follow(http: httpx.AsyncClient, tenant: Tenant) -> None:
    await seed_client(tenant, "Only")
    connection = (await data(http, tenant, LIST, {"first": 0}))["clients"]
    assert connection["edges"] == [] and connection["totalCount"] == 1
    assert connection["pageInfo"]["hasNextPage"] is True


LISTS = {
    "clients": "clients(first: $first, after: $after, last: $last, before: $before)",
    "invoices": "invoices(first: $first, after: $after, last: $last, before: $before)",
    "estimates": "estimates(first: $first, after: $after, last: $last, before: $before)",
    "payments": "payments(first: $first, after: $after, last: $last, before: $before)",
    "apiKeys": "apiKeys(first: $first, after: $after, last: $last, before: $before)",
}
BAD_WINDOWS: list[tuple[Json, str]] = [
    ({"first": 101}, "first"),
    ({"first": -1}, "first"),
    ({"last": 101}, "last"),
    ({"first": 1, "last": 1}, "last"),
    ({"after": "not-a-cursor"}, "after"),
    ({"before": "bm90IGpzb24"}, "before"),
]


async def test_bad_list_arguments_are_top_level_validation_errors(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    for listed, field_call in LISTS.items():
        query = (
            "query($first: Int, $after: String, $last: Int, $before: String) {"
            f" {field_call} {{ totalCount }} }}"
        )
        for variables, field in BAD_WINDOWS:
            body = await gql(http, tenant, query, variables)
            assert (listed, variables, top_errors(body)) == (
                listed,
                variables,
                [("VALIDATION", field)],
            )
            assert body["data"] is None
        assert "errors" not in await gql(http, tenant, query, {"first": 100})


async def test_a_cursor_of_another_list_is_refused(http: httpx.AsyncClient, tenant: Tenant) -> None:
    await seed_document(tenant, await seed_client(tenant))
    invoices = await data(http, tenant, "{ invoices { pageInfo { endCursor } } }")
    cursor = invoices["invoices"]["pageInfo"]["endCursor"]
    body = await gql(http, tenant, LIST, {"after": cursor})
    assert top_errors(body) == [("VALIDATION", "after")]


# --- Outstanding balance and nested documents ------------------------------------------------


async def test_outstanding_balance_is_per_currency_over_issued_unpaid_invoices(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    client = await seed_client(tenant)
    idle = await seed_client(tenant, "Idle")

    async def issued(**values: Any) -> str:
        return (await seed_document(tenant, client, sent=True, **values)).id

    await seed_document(tenant, client)  # a draft owes nothing yet
    await issued()
    await seed_payment(tenant, await issued(), "2000.00")
    await seed_payment(tenant, await issued(), "5500.00")
    await documents.void_document(tenant.org, await issued(), series=Series.INVOICE)
    await issued(currency="EUR")
    await issued(currency="JPY", line_items=[{**SEED_LINE, "unit_price": "125"}])

    result = await data(
        http,
        tenant,
        "query($a: ID!, $b: ID!) { a: client(id: $a) { outstandingBalance { amount currency } }"
        " b: client(id: $b) { outstandingBalance { amount currency } } }",
        {"a": client, "b": idle},
    )
    assert result["a"]["outstandingBalance"] == [
        {"amount": "5500.00", "currency": "EUR"},
        {"amount": "5500", "currency": "JPY"},
        {"amount": "9000.00", "currency": "USD"},
    ]
    assert result["b"]["outstandingBalance"] == []


async def test_a_clients_documents_are_nested_connections(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    mine = {"id": await seed_client(tenant, "Mine")}
    other = {"id": await seed_client(tenant, "Other")}
    numbers = [(await seed_document(tenant, mine["id"])).number for _ in range(3)]
    await seed_document(tenant, other["id"])
    estimate = {"id": (await seed_document(tenant, mine["id"], estimate=True)).id}
    await seed_document(tenant, other["id"], sent=True)

    result = await data(
        http,
        tenant,
        "query($id: ID!, $other: ID!) { client(id: $id) {"
        " invoices(first: 2) { totalCount pageInfo { hasNextPage } edges { node { number"
        " client { id } } } }"
        " ignored: invoices(filter: {clientId: $other}) { totalCount }"
        " sent: invoices(filter: {status: SENT}) { totalCount }"
        " estimates { totalCount edges { node { id } } } } }",
        {"id": mine["id"], "other": other["id"]},
    )
    client = result["client"]
    assert client["invoices"]["totalCount"] == 3
    assert client["invoices"]["pageInfo"]["hasNextPage"] is True
    edges = client["invoices"]["edges"]
    assert [edge["node"]["number"] for edge in edges] == numbers[::-1][:2]
    assert {edge["node"]["client"]["id"] for edge in edges} == {mine["id"]}
    assert client["ignored"]["totalCount"] == 3
    assert client["sent"]["totalCount"] == 0
    assert client["estimates"]["totalCount"] == 1
    assert client["estimates"]["edges"][0]["node"]["id"] == estimate["id"]

    listed = await data(
        http, tenant, "{ clients { edges { node { name invoices { totalCount } } } } }"
    )
    assert [
        (edge["node"]["name"], edge["node"]["invoices"]["totalCount"])
        for edge in listed["clients"]["edges"]
    ] == [("Mine", 3), ("Other", 2)]
