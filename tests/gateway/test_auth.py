"""API keys resolve to their organization on both surfaces; every failure is a 401."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import httpx
import pytest

from billing import apikeys
from models import ApiKey
from settings import Settings
from tests.conftest import Tenant, on_plan

VIEWER = {"query": "{ viewer { organization { id name } } }"}
UNKNOWN_KEY = "cinv_" + "A" * 40

BAD_HEADERS = {
    "missing": {},
    "empty": {"Authorization": ""},
    "not bearer": {"Authorization": f"Basic {UNKNOWN_KEY}"},
    "bearer without key": {"Authorization": "Bearer "},
    "wrong prefix": {"Authorization": "Bearer sk_" + "A" * 40},
    "too short": {"Authorization": "Bearer cinv_abc"},
    "bad characters": {"Authorization": "Bearer cinv_" + "-" * 40},
    "unknown": {"Authorization": f"Bearer {UNKNOWN_KEY}"},
}


@pytest.mark.parametrize("case", BAD_HEADERS)
async def test_rest_refuses_without_a_valid_key(
    http: httpx.AsyncClient, tenant: Tenant, case: str
) -> None:
    response = await http.get("/api/v1/clients", headers=BAD_HEADERS[case])
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    body = response.json()
    assert set(body) == {"error"} and body["error"]


@pytest.mark.parametrize("case", BAD_HEADERS)
async def test_graphql_refuses_without_a_valid_key(
    http: httpx.AsyncClient, tenant: Tenant, case: str
) -> None:
    response = await http.post("/graphql", json=VIEWER, headers=BAD_HEADERS[case])
    assert response.status_code == 401
    body = response.json()
    assert body["data"] is None
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert body["errors"][0]["message"]


async def test_messages_say_what_is_wrong(http: httpx.AsyncClient, tenant: Tenant) -> None:
    missing = await http.get("/api/v1/clients")
    assert "Missing API key" in missing.json()["error"]
    malformed = await http.get("/api/v1/clients", headers=BAD_HEADERS["too short"])
    assert "Malformed API key" in malformed.json()["error"]
    unknown = await http.get("/api/v1/clients", headers=BAD_HEADERS["unknown"])
    assert unknown.json()["error"] == "Invalid API key"


async def test_a_valid_key_sees_its_organization(http: httpx.AsyncClient, tenant: Tenant) -> None:
    response = await http.post("/graphql", json=VIEWER, headers=tenant.headers)
    assert response.status_code == 200
    assert response.json()["data"] == {
        "viewer": {"organization": {"id": tenant.org.id, "name": "Acme Studio"}}
    }
    rest = await http.get("/api/v1/clients", headers=tenant.headers)
    assert rest.status_code == 200


async def test_a_revoked_key_is_refused_on_both_surfaces(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    assert (await http.get("/api/v1/clients", headers=tenant.headers)).status_code == 200
    await apikeys.revoke_api_key(tenant.org, tenant.key.id)

    rest = await http.get("/api/v1/clients", headers=tenant.headers)
    assert rest.status_code == 401
    assert rest.json() == {"error": "This API key has been revoked"}
    graphql = await http.post("/graphql", json=VIEWER, headers=tenant.headers)
    assert graphql.status_code == 401
    assert graphql.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_keys_are_stored_hashed_and_shown_once(tenant: Tenant) -> None:
    stored = await ApiKey.get(id=tenant.key.id)
    assert tenant.secret not in (stored.key_hash, stored.prefix, stored.name)
    assert stored.key_hash == apikeys.hash_key(tenant.secret)
    assert tenant.secret.startswith(stored.prefix)
    assert len(stored.prefix) == len("cinv_") + 8


async def test_last_used_moves_at_most_once_a_minute(tenant: Tenant) -> None:
    assert (await ApiKey.get(id=tenant.key.id)).last_used_at is None
    start = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
    await apikeys.authenticate(tenant.secret, now=start)
    assert (await ApiKey.get(id=tenant.key.id)).last_used_at == start
    await apikeys.authenticate(tenant.secret, now=start + timedelta(seconds=30))
    assert (await ApiKey.get(id=tenant.key.id)).last_used_at == start
    later = start + timedelta(minutes=2)
    await apikeys.authenticate(tenant.secret, now=later)
    assert (await ApiKey.get(id=tenant.key.id)).last_used_at == later


async def test_revoking_another_organizations_key_is_not_found(
    tenant: Tenant, other_tenant: Tenant
) -> None:
    from billing.errors import NotFound

    with pytest.raises(NotFound):
        await apikeys.revoke_api_key(other_tenant.org, tenant.key.id)
    assert (await ApiKey.get(id=tenant.key.id)).revoked_at is None


async def test_graphiql_page_loads_without_a_key(http: httpx.AsyncClient, db: object) -> None:
    response = await http.get("/graphql", headers={"Accept": "text/html"})
    assert response.status_code == 200
    assert "graphiql" in response.text.lower()


@pytest.mark.plans({"free": {"features": ["email"]}})
async def test_a_plan_without_api_access_is_refused_with_403(
    http: httpx.AsyncClient, tenant: Tenant, settings: Settings
) -> None:
    await on_plan(tenant.org, settings, "free")

    rest = await http.get("/api/v1/clients", headers=tenant.headers)
    assert rest.status_code == 403
    assert "api" in rest.json()["error"]
    graphql = await http.post("/graphql", json=VIEWER, headers=tenant.headers)
    assert graphql.status_code == 403
    assert graphql.json()["errors"][0]["extensions"]["code"] == "PLAN_LIMIT"
