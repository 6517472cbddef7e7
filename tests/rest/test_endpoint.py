"""What every v1 operation shares: the key, the plan, parameters, methods."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import httpx
import pytest

from app import create_app
from models import Organization
from pdf.renderer import Renderer
from rest import shapes
from rest.app import OPERATIONS, PREFIX
from rest.endpoint import Body, Operation
from settings import Settings
from tests.conftest import Tenant, on_plan, serve
from tests.rest.conftest import error_of, send

ROUTES = [(op.method, PREFIX + op.path.replace("{id}", "x1")) for op in OPERATIONS]


async def test_every_operation_needs_a_key(
    settings: Settings, renderer: Renderer, db: object
) -> None:
    # More routes than an address may call without a key in a minute: no such limit here.
    unlimited = replace(settings, rate_limit_unauthenticated_per_minute=10 * len(ROUTES))
    async with serve(create_app(unlimited, renderer=renderer)) as http:
        for method, path in ROUTES:
            response = await http.request(method, path)
            assert "Missing API key" in error_of(response, 401), (method, path)
            assert response.headers["www-authenticate"] == "Bearer"


@pytest.mark.plans({"free": {"features": ["email"]}})
async def test_every_operation_needs_the_plans_api_access(
    http: httpx.AsyncClient, tenant: Tenant, settings: Settings
) -> None:
    await on_plan(tenant.org, settings, "free")
    for method, path in ROUTES:
        body: dict[str, Any] | None = {} if method in ("POST", "PUT") else None
        response = await send(http, method, path, tenant, body)
        assert error_of(response, 403) == "The 'free' plan does not include api access", path


async def test_parameters_are_refused_where_none_are_taken(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    response = await send(http, "DELETE", "/api/v1/clients/x1?force=true", tenant)
    assert error_of(response, 400) == "Unknown parameter: force (this route takes none)"


async def test_a_wrong_method_lists_the_allowed_ones(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    response = await send(http, "PATCH", "/api/v1/invoices/x1", tenant)
    assert "not allowed" in error_of(response, 405)
    assert set(response.headers["allow"].split(", ")) == {"GET", "HEAD", "PUT", "DELETE"}


async def test_head_answers_like_get(http: httpx.AsyncClient, tenant: Tenant) -> None:
    response = await http.head("/api/v1/clients", headers=tenant.headers)
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"


async def _takes_a_cookie(org: Organization, cookie: str) -> None: ...


async def _takes_a_raw_body(org: Organization, body: dict[str, Any]) -> None: ...


async def _takes_pdfs_of_another_type(org: Organization, pdfs: object) -> None: ...


async def _answers_a_string(org: Organization) -> str:
    return ""


async def _answers_nothing(org: Organization) -> None: ...


async def _answers_a_client(
    org: Organization, body: Body[shapes.ClientCreate]
) -> shapes.One[shapes.Client]:
    raise NotImplementedError


@pytest.mark.parametrize(
    ("handler", "status", "problem"),
    [
        (_takes_a_cookie, 204, "unknown parameters ['cookie']"),
        (_takes_a_raw_body, 204, "body must be Body[shape]"),
        (_takes_pdfs_of_another_type, 204, "pdfs must be DocumentPdfs"),
        (_answers_a_string, 200, "must return a shape, a Download or None"),
        (_answers_nothing, 200, "204 if and only if it returns None"),
        (_answers_a_client, 204, "204 if and only if it returns None"),
    ],
)
def test_handlers_the_wrapper_cannot_serve_are_refused_at_startup(
    handler: Any, status: int, problem: str
) -> None:
    with pytest.raises(TypeError, match=problem.replace("[", r"\[").replace("]", r"\]")):
        Operation("POST", "/x", handler, status=status)


def test_the_signature_is_read_from_the_annotations() -> None:
    operation = Operation("POST", "/clients", _answers_a_client, status=201)
    assert operation.signature.body is shapes.ClientCreate
    assert operation.signature.response == shapes.One[shapes.Client]
    assert not operation.signature.takes_id and operation.signature.query is None
    # 409: a write's Idempotency-Key reused or in use.
    assert operation.error_statuses == [400, 401, 403, 409, 413, 415, 429]
