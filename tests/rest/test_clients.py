"""/api/v1/clients as the contract says: envelopes, statuses, errors, pagination, tenancy."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest

from billing import clients
from billing.plans import UNLIMITED
from models import Client
from settings import Settings
from tests.billing.factories import an_invoice
from tests.conftest import Tenant, on_plan
from tests.rest.conftest import TIMESTAMP, assert_no_content, data_of, error_of, send


async def test_list_envelope_and_client_shape(http: httpx.AsyncClient, tenant: Tenant) -> None:
    created = await clients.create_client(
        tenant.org, {"name": "Globex", "email": "ap@globex.test", "tax_id": "X1"}, UNLIMITED
    )
    response = await http.get("/api/v1/clients", headers=tenant.headers)
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    body = response.json()
    assert body["total"] == 1 and body["page"] == 1 and body["limit"] == 20
    assert body["totalPages"] == 1
    (item,) = body["data"]
    assert set(item) == {
        "id",
        "name",
        "email",
        "address",
        "taxId",
        "phone",
        "notes",
        "isActive",
        "createdAt",
        "updatedAt",
    }
    assert item["id"] == created.id
    assert item["name"] == "Globex" and item["taxId"] == "X1" and item["isActive"] is True
    assert TIMESTAMP.fullmatch(item["createdAt"]) and TIMESTAMP.fullmatch(item["updatedAt"])


async def test_pagination_and_search(http: httpx.AsyncClient, tenant: Tenant) -> None:
    for i in range(25):
        await clients.create_client(
            tenant.org, {"name": f"Client {i:02d}", "email": f"c{i}@example.test"}, UNLIMITED
        )
    await clients.create_client(
        tenant.org, {"name": "Acme Corp", "email": "billing@acme.test"}, UNLIMITED
    )
    await clients.create_client(
        tenant.org, {"name": "Zeta", "email": "acme-ap@zeta.test"}, UNLIMITED
    )

    page2 = (await http.get("/api/v1/clients?page=2&limit=10", headers=tenant.headers)).json()
    assert (page2["total"], page2["page"], page2["limit"], page2["totalPages"]) == (27, 2, 10, 3)
    assert len(page2["data"]) == 10

    found = (await http.get("/api/v1/clients?search=ACME", headers=tenant.headers)).json()
    assert sorted(c["name"] for c in found["data"]) == ["Acme Corp", "Zeta"]
    assert found["total"] == 2


async def test_search_treats_wildcards_literally(http: httpx.AsyncClient, tenant: Tenant) -> None:
    await clients.create_client(tenant.org, {"name": "100% Cotton"}, UNLIMITED)
    await clients.create_client(tenant.org, {"name": "Plain"}, UNLIMITED)
    found = (await http.get("/api/v1/clients?search=%25", headers=tenant.headers)).json()
    assert [c["name"] for c in found["data"]] == ["100% Cotton"]


async def test_inactive_clients_are_not_listed(http: httpx.AsyncClient, tenant: Tenant) -> None:
    gone = await clients.create_client(tenant.org, {"name": "Gone"}, UNLIMITED)
    await clients.create_client(tenant.org, {"name": "Here"}, UNLIMITED)
    await clients.deactivate_client(tenant.org, gone.id)
    body = (await http.get("/api/v1/clients", headers=tenant.headers)).json()
    assert [c["name"] for c in body["data"]] == ["Here"]


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("page=0", "page"),
        ("page=-1", "page"),
        ("page=abc", "page"),
        ("page=1.5", "page"),
        ("limit=0", "limit"),
        ("limit=101", "limit"),
        ("limit=ten", "limit"),
        ("page=99999999999999999999", "page"),
        ("search=" + "x" * 256, "search"),
    ],
)
async def test_bad_parameters_are_400_naming_the_parameter(
    http: httpx.AsyncClient, tenant: Tenant, query: str, parameter: str
) -> None:
    response = await http.get(f"/api/v1/clients?{query}", headers=tenant.headers)
    assert response.status_code == 400
    assert parameter in response.json()["error"]


async def test_organizations_cannot_see_each_others_clients(
    http: httpx.AsyncClient, tenant: Tenant, other_tenant: Tenant
) -> None:
    await clients.create_client(tenant.org, {"name": "Mine"}, UNLIMITED)
    await clients.create_client(other_tenant.org, {"name": "Theirs"}, UNLIMITED)
    mine = (await http.get("/api/v1/clients", headers=tenant.headers)).json()
    theirs = (await http.get("/api/v1/clients", headers=other_tenant.headers)).json()
    assert [c["name"] for c in mine["data"]] == ["Mine"]
    assert [c["name"] for c in theirs["data"]] == ["Theirs"]


CLIENT_FIELDS = {
    "id",
    "name",
    "email",
    "address",
    "taxId",
    "phone",
    "notes",
    "isActive",
    "createdAt",
    "updatedAt",
}


async def test_create_answers_201_with_the_whole_client(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    response = await send(
        http,
        "POST",
        "/api/v1/clients",
        tenant,
        {"name": " Globex ", "email": "ap@globex.test", "taxId": "X1", "address": "1 Way\nTown"},
    )
    client = data_of(response, 201)
    assert set(client) == CLIENT_FIELDS
    assert client["name"] == "Globex" and client["email"] == "ap@globex.test"
    assert (client["taxId"], client["address"], client["phone"]) == ("X1", "1 Way\nTown", "")
    assert client["isActive"] is True
    assert TIMESTAMP.fullmatch(client["createdAt"]) and TIMESTAMP.fullmatch(client["updatedAt"])
    stored = await clients.get_client(tenant.org, client["id"])
    assert stored.name == "Globex"


async def test_optional_text_may_be_null(http: httpx.AsyncClient, tenant: Tenant) -> None:
    response = await send(
        http, "POST", "/api/v1/clients", tenant, {"name": "Initech", "email": None, "notes": None}
    )
    assert response.status_code == 201
    assert response.json()["data"]["email"] == ""


BAD_BODIES: list[tuple[Any, str]] = [
    ({}, "Missing required field: name"),
    ({"email": "a@b.test"}, "Missing required field: name"),
    ({"name": 42}, "name must be a string"),
    ({"name": None}, "name must be a string"),
    ({"name": "   "}, "name is required"),
    ({"name": "X", "email": "not-an-address"}, "email is not a valid e-mail address"),
    ({"name": "X", "isActive": False}, "Unknown field: isActive (accepted: name, email,"),
    ({"name": "X", "id": "cli_1"}, "Unknown field: id"),
    ([{"name": "X"}], "The request body must be a JSON object"),
    ('{"name": "X",}', "Malformed JSON: Expecting property name"),
    ('{"name": "X"', "Malformed JSON"),
    ("", "The request body is empty"),
    ('{"name": NaN}', "Malformed JSON: NaN is not a JSON number"),
    ('{"name": "a\\u0000b"}', "name contains a NUL character"),
    ('{"name": "\\ud800"}', "name contains a NUL character or an unpaired surrogate"),
    ('{"\\udc00": 1}', "A field name contains a NUL character or an unpaired surrogate"),
    ("[" * 100_000 + "]" * 100_000, "nests arrays and objects more than 32 deep"),
    ('{"name": ' + '{"a": ' * 33 + "1" + "}" * 33 + "}", "more than 32 deep"),
    (b'{"name": "\xff"}', "not valid UTF-8"),
    ('{"name": 1' + "0" * 5000 + "}", "Malformed JSON"),
]


async def test_bad_bodies_are_400_and_create_nothing(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    for body, message in BAD_BODIES:
        text = body if isinstance(body, str | bytes) else json.dumps(body)
        response = await send(http, "POST", "/api/v1/clients", tenant, text)
        assert message in error_of(response, 400), body
    assert (await clients.list_clients(tenant.org, is_active=None)).total == 0


async def test_a_body_not_sent_as_json_is_415(http: httpx.AsyncClient, tenant: Tenant) -> None:
    for content_type in (None, "text/plain", "application/x-www-form-urlencoded"):
        headers = dict(tenant.headers)
        if content_type is not None:
            headers["Content-Type"] = content_type
        response = await http.post("/api/v1/clients", content=b'{"name": "X"}', headers=headers)
        assert "Content-Type must be application/json" in error_of(response, 415), content_type
    assert (await clients.list_clients(tenant.org)).total == 0


async def test_json_with_a_charset_is_json(http: httpx.AsyncClient, tenant: Tenant) -> None:
    headers = {**tenant.headers, "Content-Type": "Application/JSON; charset=utf-8"}
    response = await http.post("/api/v1/clients", content=b'{"name": "X"}', headers=headers)
    assert response.status_code == 201


@pytest.mark.plans({"small": {"clientLimit": 1, "features": ["api"]}})
async def test_the_plans_client_limit_is_403(
    http: httpx.AsyncClient, tenant: Tenant, settings: Settings
) -> None:
    await on_plan(tenant.org, settings, "small")
    assert (await send(http, "POST", "/api/v1/clients", tenant, {"name": "A"})).status_code == 201
    response = await send(http, "POST", "/api/v1/clients", tenant, {"name": "B"})
    assert "allows 1 clients" in error_of(response, 403)
    assert (await clients.list_clients(tenant.org)).total == 1


async def test_get_answers_one_client_active_or_not(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    created = await clients.create_client(tenant.org, {"name": "Globex"}, UNLIMITED)
    await clients.deactivate_client(tenant.org, created.id)
    client = data_of(await send(http, "GET", f"/api/v1/clients/{created.id}", tenant))
    assert set(client) == CLIENT_FIELDS
    assert client["id"] == created.id and client["isActive"] is False


async def test_update_is_partial_and_moves_updated_at(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    created = await clients.create_client(
        tenant.org, {"name": "Globex", "email": "old@globex.test", "phone": "555"}, UNLIMITED
    )
    long_ago = datetime(2024, 1, 15, tzinfo=UTC)
    await Client.filter(id=created.id).update(created_at=long_ago, updated_at=long_ago)

    response = await send(
        http, "PUT", f"/api/v1/clients/{created.id}", tenant, {"email": "new@globex.test"}
    )
    client = data_of(response)
    assert set(client) == CLIENT_FIELDS
    assert (client["name"], client["email"], client["phone"]) == (
        "Globex",
        "new@globex.test",
        "555",
    )
    assert client["createdAt"] == "2024-01-15T00:00:00.000Z"
    assert client["updatedAt"] > "2024-01-15T00:00:00.000Z"


async def test_a_refused_update_changes_nothing(http: httpx.AsyncClient, tenant: Tenant) -> None:
    created = await clients.create_client(
        tenant.org, {"name": "Globex", "email": "a@g.test"}, UNLIMITED
    )
    before = (await send(http, "GET", f"/api/v1/clients/{created.id}", tenant)).json()
    for body in (
        {"email": "b@g.test", "name": ""},
        {"email": "b@g.test", "colour": "red"},
        {"email": "b@g.test", "phone": 5},
    ):
        response = await send(http, "PUT", f"/api/v1/clients/{created.id}", tenant, body)
        error_of(response, 400)
    after = (await send(http, "GET", f"/api/v1/clients/{created.id}", tenant)).json()
    assert after == before


async def test_delete_is_soft_and_answers_204(http: httpx.AsyncClient, tenant: Tenant) -> None:
    created = await clients.create_client(tenant.org, {"name": "Globex"}, UNLIMITED)
    await an_invoice(tenant.org, created)
    assert_no_content(await send(http, "DELETE", f"/api/v1/clients/{created.id}", tenant))
    assert (await clients.get_client(tenant.org, created.id)).is_active is False
    listed = (await send(http, "GET", "/api/v1/clients", tenant)).json()
    assert listed["total"] == 0
    assert_no_content(await send(http, "DELETE", f"/api/v1/clients/{created.id}", tenant))


@pytest.mark.parametrize(
    ("method", "body"), [("GET", None), ("PUT", {"name": "Mine now"}), ("DELETE", None)]
)
async def test_another_organizations_client_is_404_and_untouched(
    http: httpx.AsyncClient,
    tenant: Tenant,
    other_tenant: Tenant,
    method: str,
    body: dict[str, Any] | None,
) -> None:
    theirs = await clients.create_client(other_tenant.org, {"name": "Theirs"}, UNLIMITED)
    response = await send(http, method, f"/api/v1/clients/{theirs.id}", tenant, body)
    assert error_of(response, 404) == f"No client with id {theirs.id!r}"
    stored = await clients.get_client(other_tenant.org, theirs.id)
    assert (stored.name, stored.is_active) == ("Theirs", True)


async def test_ids_that_cannot_exist_are_404(http: httpx.AsyncClient, tenant: Tenant) -> None:
    for client_id in ("nope", "x" * 33, "a%00b", "%F0%9F%98%80"):
        response = await send(http, "GET", f"/api/v1/clients/{client_id}", tenant)
        error_of(response, 404)
