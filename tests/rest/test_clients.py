"""GET /api/v1/clients as the contract says: envelope, pagination, search, tenancy."""

from __future__ import annotations

import re

import httpx
import pytest

from billing import clients
from tests.conftest import Tenant

TIMESTAMP = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z")


async def test_list_envelope_and_client_shape(http: httpx.AsyncClient, tenant: Tenant) -> None:
    created = await clients.create_client(
        tenant.org, {"name": "Globex", "email": "ap@globex.test", "tax_id": "X1"}
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
            tenant.org, {"name": f"Client {i:02d}", "email": f"c{i}@example.test"}
        )
    await clients.create_client(tenant.org, {"name": "Acme Corp", "email": "billing@acme.test"})
    await clients.create_client(tenant.org, {"name": "Zeta", "email": "acme-ap@zeta.test"})

    page2 = (await http.get("/api/v1/clients?page=2&limit=10", headers=tenant.headers)).json()
    assert (page2["total"], page2["page"], page2["limit"], page2["totalPages"]) == (27, 2, 10, 3)
    assert len(page2["data"]) == 10

    found = (await http.get("/api/v1/clients?search=ACME", headers=tenant.headers)).json()
    assert sorted(c["name"] for c in found["data"]) == ["Acme Corp", "Zeta"]
    assert found["total"] == 2


async def test_search_treats_wildcards_literally(http: httpx.AsyncClient, tenant: Tenant) -> None:
    await clients.create_client(tenant.org, {"name": "100% Cotton"})
    await clients.create_client(tenant.org, {"name": "Plain"})
    found = (await http.get("/api/v1/clients?search=%25", headers=tenant.headers)).json()
    assert [c["name"] for c in found["data"]] == ["100% Cotton"]


async def test_inactive_clients_are_not_listed(http: httpx.AsyncClient, tenant: Tenant) -> None:
    gone = await clients.create_client(tenant.org, {"name": "Gone"})
    await clients.create_client(tenant.org, {"name": "Here"})
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
    await clients.create_client(tenant.org, {"name": "Mine"})
    await clients.create_client(other_tenant.org, {"name": "Theirs"})
    mine = (await http.get("/api/v1/clients", headers=tenant.headers)).json()
    theirs = (await http.get("/api/v1/clients", headers=other_tenant.headers)).json()
    assert [c["name"] for c in mine["data"]] == ["Mine"]
    assert [c["name"] for c in theirs["data"]] == ["Theirs"]
