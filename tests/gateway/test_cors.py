"""CORS on the API paths: preflights answered before the key and the limits, credentials only
for listed origins, `*` only without them, the limit and cost headers readable, refusals with
a code; the public pages untouched. And a real Chromium page on another loopback port calling
the API."""

from __future__ import annotations

import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import replace
from datetime import timedelta

import httpx
import pytest
from playwright.async_api import Browser
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse
from starlette.routing import Route

from app import create_app
from billing import people
from gateway.cors import MAX_AGE
from models.enums import MemberRole
from pdf.renderer import Renderer
from settings import Settings
from tests.billing.factories import a_sent_document
from tests.conftest import Tenant, serve
from tests.live import free_socket, listening, url_of

APP = "http://127.0.0.1:5173"
OTHER = "http://127.0.0.1:6006"
QUERY = {"query": "{ viewer { organization { name } } }"}


def preflight(origin: str, method: str = "POST") -> dict[str, str]:
    return {
        "Origin": origin,
        "Access-Control-Request-Method": method,
        "Access-Control-Request-Headers": "authorization, content-type, traceparent",
    }


@asynccontextmanager
async def api(
    settings: Settings, renderer: Renderer, *origins: str
) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(replace(settings, cors_allowed_origins=origins), renderer=renderer)
    async with serve(app) as http:
        yield http


@pytest.mark.parametrize("path", ["/graphql", "/api/v1/invoices", "/api/invoice"])
async def test_a_listed_origin_is_answered_with_credentials_and_cached(
    db: object, settings: Settings, renderer: Renderer, path: str
) -> None:
    async with api(settings, renderer, APP) as http:
        response = await http.options(path, headers=preflight(APP))
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == APP
    assert response.headers["access-control-allow-credentials"] == "true"
    assert response.headers["access-control-max-age"] == str(MAX_AGE)
    assert "POST" in response.headers["access-control-allow-methods"]
    allowed = response.headers["access-control-allow-headers"].lower()
    assert {"authorization", "content-type", "traceparent"} <= set(
        allowed.replace(" ", "").split(",")
    )
    assert "origin" in response.headers["vary"].lower()


async def test_the_wildcard_lets_any_origin_call_but_never_with_credentials(
    tenant: Tenant, settings: Settings, renderer: Renderer
) -> None:
    async with api(settings, renderer, APP, "*") as http:
        listed = await http.options("/graphql", headers=preflight(APP))
        anyone = await http.options("/graphql", headers=preflight(OTHER))
        call = await http.post("/graphql", json=QUERY, headers={**tenant.headers, "Origin": OTHER})
    assert listed.headers["access-control-allow-credentials"] == "true"
    assert anyone.status_code == 200
    assert anyone.headers["access-control-allow-origin"] == "*"
    assert "access-control-allow-credentials" not in anyone.headers
    assert call.status_code == 200 and call.headers["access-control-allow-origin"] == "*"
    assert "access-control-allow-credentials" not in call.headers


async def test_a_session_is_used_only_from_a_listed_origin(
    tenant: Tenant, settings: Settings, renderer: Renderer
) -> None:
    user = await people.create_user("ada@example.com", "a long password")
    await people.add_member(tenant.org, user, MemberRole.VIEWER)
    _, _, token = await people.sign_in(user.email, "a long password", ttl=timedelta(minutes=5))
    session = {"Authorization": f"Bearer {token}"}
    async with api(settings, renderer, APP, "*") as http:
        listed = await http.post("/graphql", json=QUERY, headers={**session, "Origin": APP})
        anyone = await http.post("/graphql", json=QUERY, headers={**session, "Origin": OTHER})
        by_key = await http.post(
            "/graphql", json=QUERY, headers={**tenant.headers, "Origin": OTHER}
        )
    assert listed.status_code == 200 and listed.headers["access-control-allow-origin"] == APP
    assert anyone.status_code == 403 and anyone.headers["access-control-allow-origin"] == "*"
    assert anyone.json()["errors"][0]["extensions"]["code"] == "ORIGIN_NOT_ALLOWED"
    assert by_key.status_code == 200


@pytest.mark.parametrize("origins", [(), (APP,)])
async def test_a_preflight_from_an_origin_not_allowed_is_refused_with_a_code(
    db: object, settings: Settings, renderer: Renderer, origins: tuple[str, ...]
) -> None:
    async with api(settings, renderer, *origins) as http:
        graphql = await http.options("/graphql", headers=preflight(OTHER))
        rest = await http.options("/api/v1/invoices", headers=preflight(OTHER))
    assert graphql.status_code == 403 and "access-control-allow-origin" not in graphql.headers
    (error,) = graphql.json()["errors"]
    assert error["extensions"]["code"] == "ORIGIN_NOT_ALLOWED"
    assert OTHER in error["message"] and "CORS_ALLOWED_ORIGINS" in error["message"]
    assert rest.status_code == 403 and "CORS_ALLOWED_ORIGINS" in rest.json()["error"]


async def test_a_call_from_an_origin_not_allowed_gets_no_cors_headers(
    tenant: Tenant, settings: Settings, renderer: Renderer
) -> None:
    async with api(settings, renderer, APP) as http:
        response = await http.post(
            "/graphql", json=QUERY, headers={**tenant.headers, "Origin": OTHER}
        )
    # Answered (the browser, not the server, keeps it from the page): no CORS header.
    assert response.status_code == 200
    assert not [name for name in response.headers if name.startswith("access-control-")]


async def test_the_limit_and_cost_headers_are_exposed_and_refusals_carry_cors(
    tenant: Tenant, settings: Settings, renderer: Renderer
) -> None:
    async with api(settings, renderer, APP) as http:
        ok = await http.post("/graphql", json=QUERY, headers={**tenant.headers, "Origin": APP})
        refused = await http.post("/graphql", json=QUERY, headers={"Origin": APP})
    assert ok.headers["access-control-allow-origin"] == APP
    exposed = {h.strip().lower() for h in ok.headers["access-control-expose-headers"].split(",")}
    assert {"x-ratelimit-remaining", "retry-after", "x-graphql-cost"} <= exposed
    assert ok.headers["x-graphql-cost"] == str(ok.json()["extensions"]["cost"])
    assert ok.headers["x-graphql-max-cost"] == str(settings.graphql_max_cost)
    assert ok.headers["x-ratelimit-remaining"]
    # A 401 the page can read, and so show why.
    assert refused.status_code == 401 and refused.headers["access-control-allow-origin"] == APP


async def test_the_public_pages_and_health_are_not_opened_to_other_origins(
    tenant: Tenant, settings: Settings, renderer: Renderer
) -> None:
    invoice = await a_sent_document(tenant.org)
    async with api(settings, renderer, "*") as http:
        page = await http.get(f"/d/{invoice.public_token}", headers={"Origin": APP})
        health = await http.options("/healthz", headers=preflight(APP, "GET"))
    assert page.status_code == 200 and "access-control-allow-origin" not in page.headers
    assert "access-control-allow-origin" not in health.headers


SIGNED_IN_CALLER = """<!doctype html><meta charset="utf-8"><title>app</title>
<pre id="out">waiting</pre>
<script>
const api = %(api)r + "/graphql";
const post = (body, headers) => fetch(api, {
  method: "POST", headers: {"Content-Type": "application/json", ...headers},
  body: JSON.stringify(body),
}).then((r) => r.json());
post({query: "mutation ($e: String!, $p: String!) { userSignIn(input: {email: $e, password: $p}) "
      + "{ token } }", variables: {e: "ada@example.com", p: "a long password"}})
  .then((signed) => post({query: "{ viewer { role user { email } organization { name } } }"},
                         {"Authorization": "Bearer " + signed.data.userSignIn.token}))
  .then((body) => {
    const v = body.data.viewer;
    const shown = [v.role, v.user.email, v.organization.name];
    document.getElementById("out").textContent = shown.join(" ");
  }, (e) => { document.getElementById("out").textContent = "blocked " + e.name; });
</script>
"""

CALLER = """<!doctype html><meta charset="utf-8"><title>caller</title>
<pre id="out">waiting</pre>
<script>
fetch(%(api)r + "/graphql", {
  method: "POST",
  headers: {"Authorization": "Bearer " + %(key)r, "Content-Type": "application/json"},
  body: JSON.stringify({query: "{ viewer { organization { name } } }"}),
}).then(async (r) => {
  const body = await r.json();
  const remaining = r.headers.get("X-RateLimit-Remaining");
  document.getElementById("out").textContent =
    "ok " + body.data.viewer.organization.name + " remaining=" + remaining;
}, (e) => { document.getElementById("out").textContent = "blocked " + e.name; });
</script>
"""


async def _caller_says(
    browser: Browser, api_url: str, key: str, page_socket: socket.socket, page: str = ""
) -> str:
    """What a page served on another loopback port shows after calling the API."""

    async def caller(request: Request) -> HTMLResponse:
        return HTMLResponse((page or CALLER) % {"api": api_url, "key": key})

    async with listening(Starlette(routes=[Route("/", caller)]), page_socket) as origin:
        context = await browser.new_context()
        try:
            tab = await context.new_page()
            await tab.goto(origin + "/")
            out = tab.locator("#out")
            await out.filter(has_not_text="waiting").wait_for(timeout=10_000)
            return await out.inner_text()
        finally:
            await context.close()


async def test_a_page_on_another_origin_calls_the_api_in_chromium(
    tenant: Tenant, settings: Settings, renderer: Renderer, browser: Browser
) -> None:
    allowed_socket, refused_socket = free_socket(), free_socket()
    origins = (url_of(allowed_socket),)
    app = create_app(replace(settings, cors_allowed_origins=origins), renderer=renderer)
    try:
        async with listening(app) as api_url:
            allowed = await _caller_says(browser, api_url, tenant.secret, allowed_socket)
            refused = await _caller_says(browser, api_url, tenant.secret, refused_socket)
    finally:
        await app.state.pdfs.drain()
    assert allowed.startswith("ok Acme Studio remaining=") and not allowed.endswith("null")
    assert refused == "blocked TypeError"


async def test_a_person_signs_in_from_a_browser_app_on_another_origin(
    tenant: Tenant, settings: Settings, renderer: Renderer, browser: Browser
) -> None:
    user = await people.create_user("ada@example.com", "a long password")
    await people.add_member(tenant.org, user, MemberRole.ACCOUNTANT)
    page_socket = free_socket()
    origins = (url_of(page_socket),)
    app = create_app(replace(settings, cors_allowed_origins=origins), renderer=renderer)
    try:
        async with listening(app) as api_url:
            shown = await _caller_says(browser, api_url, "", page_socket, page=SIGNED_IN_CALLER)
    finally:
        await app.state.pdfs.drain()
    assert shown == "ACCOUNTANT ada@example.com Acme Studio"
