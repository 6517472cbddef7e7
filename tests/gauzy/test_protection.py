"""The Gauzy door has v1's protections, each refusal in NestJS's shape: the key, the plan,
the rate limit, the body size, the media type, and no 500 for bad input."""

from __future__ import annotations

from dataclasses import replace

import httpx
import pytest

from app import create_app
from models import Document
from pdf.renderer import Renderer
from settings import Settings
from tests.billing.factories import a_client
from tests.conftest import Tenant, on_plan, serve
from tests.gauzy.conftest import gauzy_error, send


async def test_a_missing_or_wrong_key_is_401(http: httpx.AsyncClient) -> None:
    missing = await http.get("/api/invoices")
    assert gauzy_error(missing, 401).startswith("Missing API key")
    assert missing.headers["www-authenticate"] == "Bearer"
    wrong = await http.get("/api/payment", headers={"Authorization": "Bearer cinv_" + "x" * 40})
    assert gauzy_error(wrong, 401)


@pytest.mark.plans({"free": {"features": ["email"]}})
async def test_a_plan_without_api_access_is_403(
    http: httpx.AsyncClient, tenant: Tenant, settings: Settings
) -> None:
    await on_plan(tenant.org, settings, "free")
    response = await send(http, "GET", "/api/invoices", tenant)
    assert gauzy_error(response, 403) == "The 'free' plan does not include api access"


async def test_the_rate_limit_is_429(
    db: object, settings: Settings, renderer: Renderer, tenant: Tenant
) -> None:
    app = create_app(replace(settings, rate_limit_per_minute=2), renderer=renderer)
    async with serve(app) as http:
        statuses = [(await send(http, "GET", "/api/invoices", tenant)).status_code for _ in "abc"]
        assert statuses == [200, 200, 429]
        refused = await send(http, "GET", "/api/invoices", tenant)
        assert gauzy_error(refused, 429).startswith("Rate limit exceeded")
        assert int(refused.headers["retry-after"]) >= 1


async def test_a_body_too_large_or_not_json_is_refused(
    db: object, settings: Settings, renderer: Renderer, tenant: Tenant
) -> None:
    client = await a_client(tenant.org)
    app = create_app(replace(settings, max_body_bytes=1024), renderer=renderer)
    async with serve(app) as http:
        big = {"toContactId": client.id, "terms": "x" * 2000}
        assert gauzy_error(await send(http, "POST", "/api/invoices", tenant, big), 413)
        as_text = await http.post("/api/invoices", content=b"toContactId=x", headers=tenant.headers)
        assert gauzy_error(as_text, 415).startswith("Content-Type must be application/json")
        broken = await http.post(
            "/api/invoices",
            content=b'{"toContactId": ',
            headers={**tenant.headers, "Content-Type": "application/json"},
        )
        assert gauzy_error(broken, 400)
    assert await Document.all().count() == 0


async def test_a_wrong_method_is_405(http: httpx.AsyncClient, tenant: Tenant) -> None:
    response = await send(http, "PATCH", "/api/invoices", tenant)
    assert gauzy_error(response, 405) == "Method PATCH not allowed on /api/invoices"
