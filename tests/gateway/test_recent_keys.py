"""A process keeps the keys it authenticated for `API_KEY_CACHE_MS`: a caller's later requests
skip the look-up, what the process itself changes is seen at once, and what another process
changes is seen once that time has passed."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from tortoise import Tortoise

from billing import apikeys, organizations
from billing.apikeys import RecentKeys
from billing.errors import Unauthenticated
from models import ApiKey, Organization
from tests.conftest import Tenant

VIEWER = {"query": "{ viewer { organization { id name } } }"}


class _KeyLookups(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage().lstrip().upper()
        if message.startswith("SELECT") and '"API_KEY"' in message:
            self.count += 1


@contextmanager
def key_lookups() -> Iterator[_KeyLookups]:
    """Counts the statements that read the api_key table while the block runs."""
    logger = logging.getLogger("tortoise.db_client")
    counter, level = _KeyLookups(), logger.level
    logger.addHandler(counter)
    logger.setLevel(logging.DEBUG)
    try:
        yield counter
    finally:
        logger.removeHandler(counter)
        logger.setLevel(level)


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


async def _revoke_elsewhere(key_id: str) -> None:
    """What another server process's revocation leaves in the database (no signal here)."""
    await ApiKey.filter(id=key_id).update(revoked_at=datetime.now(UTC))


async def test_later_requests_skip_the_look_up(http: httpx.AsyncClient, tenant: Tenant) -> None:
    with key_lookups() as lookups:
        for _ in range(3):
            assert (await http.get("/api/v1/invoices", headers=tenant.headers)).status_code == 200
            graphql = await http.post("/graphql", json=VIEWER, headers=tenant.headers)
            assert graphql.json()["data"]["viewer"]["organization"]["id"] == tenant.org.id
    assert lookups.count == 1


async def test_a_revocation_here_is_seen_at_once(http: httpx.AsyncClient, tenant: Tenant) -> None:
    assert (await http.get("/api/v1/clients", headers=tenant.headers)).status_code == 200
    revoke = await http.post(
        "/graphql",
        json={
            "query": "mutation($id: ID!) { apiKeyRevoke(id: $id) { apiKey { id } } }",
            "variables": {"id": tenant.key.id},
        },
        headers=tenant.headers,
    )
    assert "errors" not in revoke.json(), revoke.json()
    refused = await http.get("/api/v1/clients", headers=tenant.headers)
    assert refused.status_code == 401
    assert refused.json() == {"error": "This API key has been revoked"}


async def test_an_organization_changed_here_is_seen_at_once(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    first = await http.post("/graphql", json=VIEWER, headers=tenant.headers)
    assert first.json()["data"]["viewer"]["organization"]["name"] == "Acme Studio"
    await organizations.update_organization(tenant.org, {"name": "Acme Renamed"})
    again = await http.post("/graphql", json=VIEWER, headers=tenant.headers)
    assert again.json()["data"]["viewer"]["organization"]["name"] == "Acme Renamed"


async def test_a_change_elsewhere_is_seen_once_the_time_has_passed(tenant: Tenant) -> None:
    clock = Clock()
    recent = RecentKeys(1.0, clock=clock)
    await apikeys.authenticate(tenant.secret, recent=recent)
    await _revoke_elsewhere(tenant.key.id)
    clock.now += 0.9
    org, _ = await apikeys.authenticate(tenant.secret, recent=recent)
    assert org.id == tenant.org.id
    clock.now += 0.1
    with pytest.raises(Unauthenticated, match="revoked"):
        await apikeys.authenticate(tenant.secret, recent=recent)
    # Refused keys are not kept: each attempt reads the database again.
    with key_lookups() as lookups, pytest.raises(Unauthenticated):
        await apikeys.authenticate(tenant.secret, recent=recent)
    assert lookups.count == 1


async def test_the_last_used_stamp_checks_a_cached_key_again(tenant: Tenant) -> None:
    # However long a key is trusted, the stamp written once a minute sees a revocation.
    recent = RecentKeys(3600, clock=Clock())
    start = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
    await apikeys.authenticate(tenant.secret, now=start, recent=recent)
    await _revoke_elsewhere(tenant.key.id)
    await apikeys.authenticate(tenant.secret, now=start + timedelta(seconds=30), recent=recent)
    with pytest.raises(Unauthenticated, match="revoked"):
        await apikeys.authenticate(tenant.secret, now=start + timedelta(minutes=2), recent=recent)
    assert len(recent) == 0


async def test_the_stamp_does_not_extend_the_trust(tenant: Tenant) -> None:
    clock = Clock()
    recent = RecentKeys(1.0, clock=clock)
    start = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
    await apikeys.authenticate(tenant.secret, now=start, recent=recent)
    clock.now += 0.9
    await apikeys.authenticate(tenant.secret, now=start + timedelta(minutes=2), recent=recent)
    assert (await ApiKey.get(id=tenant.key.id)).last_used_at == start + timedelta(minutes=2)
    clock.now += 0.1
    with key_lookups() as lookups:
        await apikeys.authenticate(tenant.secret, now=start + timedelta(minutes=2), recent=recent)
    assert lookups.count == 1


async def test_a_look_up_overtaken_by_a_revocation_is_not_kept(tenant: Tenant) -> None:
    # A request reads the key, the process revokes it, then the request would keep it.
    recent = RecentKeys(60)
    digest = apikeys.hash_key(tenant.secret)
    begun = recent.generation
    _, read = await apikeys.authenticate(tenant.secret)
    await apikeys.revoke_api_key(tenant.org, tenant.key.id)
    recent.put(digest, read, begun)
    assert len(recent) == 0
    with pytest.raises(Unauthenticated, match="revoked"):
        await apikeys.authenticate(tenant.secret, recent=recent)


async def test_no_time_means_no_cache(tenant: Tenant) -> None:
    recent = RecentKeys(0)
    with key_lookups() as lookups:
        for _ in range(3):
            await apikeys.authenticate(tenant.secret, recent=recent)
    assert lookups.count == 3 and len(recent) == 0


async def test_each_caller_gets_its_own_copies(tenant: Tenant) -> None:
    recent = RecentKeys(60)
    org, key = await apikeys.authenticate(tenant.secret, recent=recent)
    org.name = "Changed in memory by one request"
    key.name = "also changed"
    again_org, again_key = await apikeys.authenticate(tenant.secret, recent=recent)
    assert again_org is not org and again_org.name == "Acme Studio"
    assert again_key is not key and again_key.name == tenant.key.name
    assert again_key.organization is again_org
    assert isinstance(again_org, Organization)


async def test_the_cache_is_bounded(tenant: Tenant, other_tenant: Tenant) -> None:
    recent = RecentKeys(60, size=1)
    await apikeys.authenticate(tenant.secret, recent=recent)
    await apikeys.authenticate(other_tenant.secret, recent=recent)
    assert len(recent) == 1
    with key_lookups() as lookups:
        await apikeys.authenticate(other_tenant.secret, recent=recent)
        await apikeys.authenticate(tenant.secret, recent=recent)
    assert lookups.count == 1


async def test_a_deleted_organization_is_forgotten(tenant: Tenant) -> None:
    recent = RecentKeys(60)
    await apikeys.authenticate(tenant.secret, recent=recent)
    assert len(recent) == 1
    await tenant.org.delete()
    assert len(recent) == 0
    assert Tortoise.is_inited()
