"""REST fixtures: JSON requests written as text, and the app served over a real socket."""

from __future__ import annotations

import json
import re
from collections.abc import AsyncIterator
from dataclasses import replace
from typing import Any

import httpx
import pytest

from app import create_app
from pdf.renderer import Renderer
from settings import Settings
from tests.conftest import Backend, Tenant
from tests.live import listening

TIMESTAMP = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z")
DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


async def send(
    http: httpx.AsyncClient,
    method: str,
    url: str,
    tenant: Tenant,
    body: str | bytes | dict[str, Any] | None = None,
) -> httpx.Response:
    """A request as `tenant`; a body given as text (or bytes) is sent exactly as written
    (125.00 stays 125.00), a dict as compact JSON."""
    headers = dict(tenant.headers)
    content = None
    if body is not None:
        headers["Content-Type"] = "application/json"
        if isinstance(body, bytes):
            content = body
        else:
            content = (body if isinstance(body, str) else json.dumps(body)).encode()
    return await http.request(method, url, content=content, headers=headers)


def data_of(response: httpx.Response, status: int = 200) -> Any:
    """The `data` of a single-resource response, after checking its status and envelope."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/json"
    body = response.json()
    assert list(body) == ["data"], body
    return body["data"]


def assert_no_content(response: httpx.Response) -> None:
    """A 204: no body, and no content type to describe one."""
    assert response.status_code == 204, response.text
    assert response.content == b""
    assert "content-type" not in response.headers


def error_of(response: httpx.Response, status: int) -> str:
    """The message of an error response, after checking its status and envelope."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/json"
    body = response.json()
    assert set(body) == {"error"} and isinstance(body["error"], str) and body["error"]
    return str(body["error"])


@pytest.fixture
async def live_server(db: Backend, settings: Settings, renderer: Renderer) -> AsyncIterator[str]:
    """The app listening on a free loopback port; yields its base URL."""
    # No rate limits: the property run sends far more bad keys a minute than an address may
    # (they have their tests).
    app = create_app(replace(settings, rate_limit_enabled=False), renderer=renderer)
    try:
        async with listening(app) as url:
            yield url
    finally:
        # The PDF refreshes the requests scheduled end within the test (see `http`), not in
        # the next one's emptied database.
        await app.state.einvoices.drain()
        await app.state.pdfs.drain()
