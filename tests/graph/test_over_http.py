"""GraphQL over HTTP by the spec (the GraphQL-over-HTTP draft): the media type the client
accepts, 4xx for requests that fail to parse or validate in the new one, 200 in the legacy
one, JSON with a code for every refusal, GET for queries only."""

from __future__ import annotations

import httpx
import pytest

from billing import clients
from graph import media
from tests.conftest import Tenant

NEW = "application/graphql-response+json"
QUERY = "{ viewer { organization { name } } }"
MUTATION = 'mutation { clientCreate(input: {name: "Globex"}) { client { id } } }'


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        (None, media.JSON),
        ("", media.JSON),
        ("*/*", media.JSON),
        ("application/json", media.JSON),
        ("application/json, multipart/mixed", media.JSON),
        (NEW, NEW),
        (f"{NEW}, application/json;q=0.9", NEW),
        (f"application/json, {NEW}", NEW),
        (f"{NEW};q=0.5, application/json", media.JSON),
        (f"application/*, {NEW};q=0.8", media.JSON),
        (f"{NEW};q=0, */*", media.JSON),
        ("text/html", None),
        ("application/json;q=0", None),
        ("application/json;q=nonsense", None),
    ],
)
def test_the_response_type_follows_the_accept_header(accept: str | None, expected: str) -> None:
    assert media.response_type(accept) == expected


async def _post(http: httpx.AsyncClient, tenant: Tenant, query: str, accept: str) -> httpx.Response:
    return await http.post(
        "/graphql", json={"query": query}, headers={**tenant.headers, "Accept": accept}
    )


async def test_a_result_is_answered_in_the_media_type_asked_for(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    for accept, content_type in ((NEW, NEW), ("application/json", "application/json")):
        response = await _post(http, tenant, QUERY, accept)
        assert response.status_code == 200
        assert response.headers["content-type"] == content_type
        assert response.json()["data"] == {"viewer": {"organization": {"name": "Acme Studio"}}}


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("{ viewer { ", "GRAPHQL_PARSE_FAILED"),
        ("{ viewer { nonsense } }", "GRAPHQL_VALIDATION_FAILED"),
        # Variables that do not fit the operation are a request error too: nothing runs.
        ("query ($n: Int!) { viewer { apiKeyId } }", None),
    ],
)
async def test_a_request_that_fails_to_parse_or_validate_is_400_in_the_new_type_only(
    http: httpx.AsyncClient, tenant: Tenant, query: str, code: str | None
) -> None:
    new = await _post(http, tenant, query, NEW)
    assert new.status_code == 400, new.text
    assert new.headers["content-type"] == NEW
    body = new.json()
    assert "data" not in body and body["errors"][0]["message"]
    if code is not None:
        assert body["errors"][0]["extensions"]["code"] == code
    legacy = await _post(http, tenant, query, "application/json")
    assert legacy.status_code == 200 and legacy.json()["data"] is None


async def test_a_field_error_is_still_200_with_data_in_the_new_type(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    response = await _post(http, tenant, '{ viewer { apiKeyId } node(id: "inv_nope") { id } }', NEW)
    assert response.status_code == 200
    assert response.json()["data"]["viewer"]["apiKeyId"] == tenant.key.id


async def test_refusals_are_json_with_a_code_in_the_media_type_asked_for(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    unauthenticated = await http.post("/graphql", json={"query": QUERY}, headers={"Accept": NEW})
    assert unauthenticated.status_code == 401
    assert unauthenticated.headers["content-type"] == NEW
    assert "data" not in unauthenticated.json()
    assert unauthenticated.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"

    as_text = await http.post("/graphql", content=b"hello", headers=tenant.headers)
    assert as_text.status_code == 415
    assert as_text.headers["content-type"] == "application/json"
    assert as_text.json()["errors"][0]["extensions"]["code"] == "UNSUPPORTED_MEDIA_TYPE"

    unacceptable = await http.post(
        "/graphql", json={"query": QUERY}, headers={**tenant.headers, "Accept": "text/csv"}
    )
    assert unacceptable.status_code == 406
    assert unacceptable.headers["content-type"] == "application/json"
    assert unacceptable.json()["errors"][0]["extensions"]["code"] == "NOT_ACCEPTABLE"


async def test_get_runs_queries_and_refuses_mutations_in_json(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    query = await http.get(
        "/graphql", params={"query": QUERY}, headers={**tenant.headers, "Accept": NEW}
    )
    assert query.status_code == 200 and query.json()["data"]["viewer"]["organization"]
    for accept in (NEW, "application/json"):
        mutation = await http.get(
            "/graphql", params={"query": MUTATION}, headers={**tenant.headers, "Accept": accept}
        )
        assert mutation.status_code == 405, mutation.text
        assert mutation.headers["allow"] == "POST"
        assert mutation.headers["content-type"] == accept
        assert mutation.json()["errors"][0]["extensions"]["code"] == "METHOD_NOT_ALLOWED"
    assert (await clients.list_clients(tenant.org, is_active=None)).total == 0


async def test_other_methods_are_refused_in_json(http: httpx.AsyncClient, tenant: Tenant) -> None:
    response = await http.put("/graphql", json={"query": QUERY}, headers=tenant.headers)
    assert response.status_code == 405
    assert response.headers["content-type"] == "application/json"
    assert response.json()["error"]
