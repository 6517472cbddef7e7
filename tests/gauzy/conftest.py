"""Requests to the Gauzy door and its answers, read with exact decimals."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import httpx

from tests.conftest import Tenant


async def send(
    http: httpx.AsyncClient,
    method: str,
    url: str,
    tenant: Tenant,
    body: dict[str, Any] | None = None,
) -> httpx.Response:
    """A request as `tenant`, with `body` as JSON."""
    headers = dict(tenant.headers)
    content = None
    if body is not None:
        headers["Content-Type"] = "application/json"
        content = json.dumps(body).encode()
    return await http.request(method, url, content=content, headers=headers)


def body_of(response: httpx.Response, status: int = 200) -> Any:
    """The JSON of an answer, numbers as exact decimals, after checking its status."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/json"
    return json.loads(response.text, parse_float=Decimal)


def gauzy_error(response: httpx.Response, status: int) -> str:
    """The message of an error in NestJS's shape, after checking the shape and status."""
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"statusCode", "message", "error"}, body
    assert body["statusCode"] == status and isinstance(body["message"], str)
    assert isinstance(body["error"], str) and body["error"]
    return str(body["message"])
