"""Bodies above MAX_BODY_BYTES are refused with 413 before parsing, declared or streamed."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from dataclasses import replace

import httpx
import pytest

from app import create_app
from settings import Settings
from tests.conftest import Tenant, serve

LIMIT = 2048
MESSAGE = f"Request body too large: at most {LIMIT} bytes"


def padded_query(size: int) -> bytes:
    """A valid GraphQL request body of exactly `size` bytes (a comment pads the query)."""
    empty = json.dumps({"query": "{ viewer { apiKeyId } }\n#"}).encode()
    body = json.dumps({"query": "{ viewer { apiKeyId } }\n#" + "x" * (size - len(empty))})
    assert len(body.encode()) == size
    return body.encode()


async def chunks(body: bytes, size: int = 500) -> AsyncIterator[bytes]:
    """`body` streamed in chunks, so that no Content-Length is sent."""
    for start in range(0, len(body), size):
        yield body[start : start + size]


def assert_too_large(response: httpx.Response, surface: str) -> None:
    assert response.status_code == 413, response.text
    if surface == "rest":
        assert response.json() == {"error": MESSAGE}
    else:
        assert response.json() == {
            "data": None,
            "errors": [{"message": MESSAGE, "extensions": {"code": "REQUEST_TOO_LARGE"}}],
        }


@pytest.fixture
def small(settings: Settings) -> Settings:
    return replace(settings, max_body_bytes=LIMIT)


@pytest.mark.parametrize("streamed", [False, True], ids=["content-length", "chunked"])
async def test_a_body_over_the_limit_is_refused_on_both_surfaces(
    small: Settings, tenant: Tenant, streamed: bool
) -> None:
    body = padded_query(LIMIT + 1)
    async with serve(create_app(small)) as client:
        for surface, path in (("graphql", "/graphql"), ("rest", "/api/v1/clients")):
            request = client.build_request(
                "POST",
                path,
                content=chunks(body) if streamed else body,
                headers={**tenant.headers, "Content-Type": "application/json"},
            )
            assert ("content-length" in request.headers) is not streamed
            response = await client.send(request)
            assert_too_large(response, surface)
            # Authenticated, so counted: the refusal carries the limiter's headers.
            assert "x-ratelimit-remaining" in response.headers


@pytest.mark.parametrize("streamed", [False, True], ids=["content-length", "chunked"])
async def test_a_body_at_the_limit_is_answered(
    small: Settings, tenant: Tenant, streamed: bool
) -> None:
    body = padded_query(LIMIT)
    async with serve(create_app(small)) as client:
        response = await client.post(
            "/graphql",
            content=chunks(body) if streamed else body,
            headers={**tenant.headers, "Content-Type": "application/json"},
        )
    assert response.status_code == 200
    assert response.json()["data"] == {"viewer": {"apiKeyId": tenant.key.id}}


async def test_a_declared_length_is_refused_before_the_body_is_read(
    small: Settings, tenant: Tenant
) -> None:
    sent: list[bytes] = []

    async def endless() -> AsyncIterator[bytes]:
        for _ in range(1000):
            sent.append(b"x" * 1024)
            yield sent[-1]

    async with serve(create_app(small)) as client:
        request = client.build_request("POST", "/graphql", content=endless())
        request.headers["Content-Length"] = str(1024 * 1000)
        response = await client.send(request)
    assert response.status_code == 413
    assert len(sent) <= 1


async def test_the_default_limit_is_a_mebibyte(settings: Settings, tenant: Tenant) -> None:
    assert settings.max_body_bytes == 1024 * 1024
    async with serve(create_app(settings)) as client:
        response = await client.post(
            "/graphql",
            content=padded_query(1024 * 1024 + 1),
            headers={**tenant.headers, "Content-Type": "application/json"},
        )
    assert response.status_code == 413
    assert "at most 1048576 bytes" in response.text
