"""What guards the endpoint: depth, alias and token limits with clear errors, masked
internal errors, codes on every top-level error, and the GraphiQL page."""

from __future__ import annotations

import logging
from typing import Any

import httpx
import pytest
from graphql import get_introspection_query
from strawberry.extensions import parser_cache, validation_cache

from billing import clients
from billing.plans import UNLIMITED
from graph.memo import CACHED_DOCUMENTS
from graph.schema import MAX_ALIASES, MAX_DEPTH, MAX_TOKENS
from tests.conftest import Tenant


async def _post(http: httpx.AsyncClient, tenant: Tenant, query: str) -> dict[str, Any]:
    response = await http.post("/graphql", json={"query": query}, headers=tenant.headers)
    body: dict[str, Any] = response.json()
    return body


def _nested(depth: int) -> str:
    """A valid query exactly `depth` fields deep: clients > invoices > client > invoices..."""
    path = (["clients", "edges", "node"] + ["invoices", "edges", "node", "client"] * depth)[:depth]
    assert path[-1] in ("node", "client"), "pick a depth that ends on an object with an id"
    query = "id"
    for field in reversed(path):
        # Small pages: at 20 a page, ten levels of lists cost more than the cost limit allows.
        arguments = "(first: 2)" if field in ("clients", "invoices") else ""
        query = f"{field}{arguments} {{ {query} }}"
    return f"{{ {query} }}"


async def test_a_query_too_deep_is_refused_before_it_runs(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    body = await _post(http, tenant, _nested(MAX_DEPTH + 1))
    (error,) = body["errors"]
    assert f"maximum operation depth of {MAX_DEPTH}" in error["message"]
    assert error["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
    assert body.get("data") is None


async def test_a_query_within_the_depth_limit_runs(http: httpx.AsyncClient, tenant: Tenant) -> None:
    body = await _post(http, tenant, _nested(MAX_DEPTH))
    assert "errors" not in body, body


async def test_too_many_aliases_are_refused(http: httpx.AsyncClient, tenant: Tenant) -> None:
    aliases = " ".join(f"a{i}: viewer {{ apiKeyId }}" for i in range(MAX_ALIASES + 1))
    (error,) = (await _post(http, tenant, f"{{ {aliases} }}"))["errors"]
    assert f"Allowed: {MAX_ALIASES}" in error["message"]
    assert error["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"


async def test_too_many_tokens_are_refused(http: httpx.AsyncClient, tenant: Tenant) -> None:
    fields = " ".join(["apiKeyId"] * MAX_TOKENS)
    (error,) = (await _post(http, tenant, f"{{ viewer {{ {fields} }} }}"))["errors"]
    assert f"more than {MAX_TOKENS} tokens" in error["message"]
    assert error["extensions"]["code"] == "GRAPHQL_PARSE_FAILED"


async def test_graphiql_introspection_fits_within_the_limits(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    body = await _post(http, tenant, get_introspection_query(descriptions=True))
    assert "errors" not in body
    assert body["data"]["__schema"]["queryType"]["name"] == "Query"


async def test_an_unexpected_exception_is_masked_and_logged(
    http: httpx.AsyncClient,
    tenant: Tenant,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    async def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError('SELECT "secret" FROM "client" failed in /srv/app/billing/clients.py')

    monkeypatch.setattr(clients, "get_client", broken)
    with caplog.at_level(logging.ERROR, logger="invoicegraph.graphql"):
        response = await http.post(
            "/graphql",
            json={"query": '{ viewer { apiKeyId } client(id: "cli_x") { name } }'},
            headers=tenant.headers,
        )
    body = response.json()
    (error,) = body["errors"]
    assert error["message"] == "Internal server error"
    assert error["extensions"] == {"code": "INTERNAL_SERVER_ERROR"}
    assert "SELECT" not in response.text and "/srv/app" not in response.text
    assert "Traceback" not in response.text
    # The rest of the query still answers.
    assert body["data"]["viewer"]["apiKeyId"] == tenant.key.id
    assert "SELECT" in caplog.text


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("{ viewer { nope } }", "GRAPHQL_VALIDATION_FAILED"),
        ("{ viewer { ", "GRAPHQL_PARSE_FAILED"),
        (
            '{ invoices(filter: {issueDateFrom: "yesterday"}) { totalCount } }',
            "GRAPHQL_VALIDATION_FAILED",
        ),
        ("{ invoices(first: 101) { totalCount } }", "VALIDATION"),
        ('{ invoices(filter: {search: "%s"}) { totalCount } }' % ("x" * 256), "VALIDATION"),
        ('{ payments(after: "bm90IGEgY3Vyc29y") { totalCount } }', "VALIDATION"),
    ],
)
async def test_every_top_level_error_has_a_code(
    http: httpx.AsyncClient, tenant: Tenant, query: str, code: str
) -> None:
    body = await _post(http, tenant, query)
    (error,) = body["errors"]
    assert error["extensions"]["code"] == code, error
    assert error["message"]


async def test_graphiql_requests_with_the_authorization_header_work(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    # What GraphiQL sends once a key is in its headers pane.
    response = await http.post(
        "/graphql",
        json={"query": "{ viewer { organization { name } } }", "operationName": None},
        headers={**tenant.headers, "Accept": "application/json, multipart/mixed"},
    )
    assert response.json()["data"] == {"viewer": {"organization": {"name": "Acme Studio"}}}


async def test_more_line_items_than_a_document_holds_are_refused_on_the_field(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    client = await clients.create_client(tenant.org, {"name": "Globex"}, UNLIMITED)
    line = {"description": "Design", "quantity": "1", "unitPrice": "10.00"}
    response = await http.post(
        "/graphql",
        json={
            "query": "mutation($input: InvoiceCreateInput!) { invoiceCreate(input: $input) "
            "{ invoice { id } errors { code message field } } }",
            "variables": {"input": {"clientId": client.id, "lineItems": [line] * 501}},
        },
        headers=tenant.headers,
    )
    payload = response.json()["data"]["invoiceCreate"]
    assert payload == {
        "invoice": None,
        "errors": [
            {
                "code": "VALIDATION",
                "message": "A document has at most 500 line items, got 501",
                "field": "lineItems",
            }
        ],
    }


CREATE = '{"query": "mutation { clientCreate(input: {name: \\"Sneaky\\"}) { client { id } } }"'
MALFORMED_POSTS: list[tuple[bytes, str | None, str]] = [
    (b"null", "application/json", "must be a JSON object"),
    (b'"x"', "application/json", "must be a JSON object"),
    (b"1", "application/json", "must be a JSON object"),
    (b"true", "application/json", "must be a JSON object"),
    (b"[" + CREATE.encode() + b"}]", "application/json", "must be a JSON object"),
    (b'{"query": "{ viewer { id } }\xff"}', "application/json", "not valid UTF-8"),
    (b"[" * 60_000 + b"]" * 60_000, "application/json", "more than 32 deep"),
    (
        CREATE.encode() + b', "variables": ' + b'{"a": ' * 40 + b"1" + b"}" * 41,
        "application/json",
        "more than 32 deep",
    ),
    (b"hello", "text/plain", "Content-Type must be application/json"),
    (CREATE.encode() + b"}", None, "Content-Type must be application/json"),
    (CREATE.encode() + b"}", "application/x-www-form-urlencoded", "must be application/json"),
    (b"", "application/json", "empty"),
    (b"{}", "application/json", "holds no GraphQL query"),
    (b'{"query": 1}', "application/json", "holds no GraphQL query"),
    (CREATE.encode() + b', "variables": "x"}', "application/json", "`variables` must be"),
    (CREATE.encode() + b', "operationName": 5}', "application/json", "`operationName` must"),
    (CREATE.encode() + b', "extensions": []}', "application/json", "`extensions` must be"),
    (CREATE.encode() + b",}", "application/json", "Malformed JSON"),
]


async def test_malformed_requests_are_refused_with_a_code_and_run_nothing(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    for body, content_type, message in MALFORMED_POSTS:
        headers = dict(tenant.headers)
        if content_type is not None:
            headers["Content-Type"] = content_type
        response = await http.post("/graphql", content=body, headers=headers)
        # A body not declared as JSON is of a media type the endpoint does not take.
        as_json = content_type == "application/json"
        status, code = (400, "BAD_REQUEST") if as_json else (415, "UNSUPPORTED_MEDIA_TYPE")
        assert response.status_code == status, (body[:80], response.text)
        assert response.headers["content-type"] == "application/json", body[:80]
        (error,) = response.json()["errors"]
        assert error["extensions"]["code"] == code, body[:80]
        assert message in error["message"], (body[:80], error)
        assert response.json()["data"] is None
    for params in ({"query": "{ viewer { id } }", "variables": "x"}, {"query": "", "x": "1"}):
        response = await http.get("/graphql", params=params, headers=tenant.headers)
        assert response.status_code == 400, response.text
        assert response.json()["errors"][0]["extensions"]["code"] == "BAD_REQUEST"
    assert (await clients.list_clients(tenant.org, is_active=None)).total == 0
    # A well-formed request still runs, its body read once by the check and once by Strawberry.
    response = await http.post(
        "/graphql",
        content=(CREATE + "}").encode(),
        headers={**tenant.headers, "Content-Type": "application/json"},
    )
    assert response.status_code == 200 and "errors" not in response.json(), response.text


async def test_a_query_sent_again_is_neither_parsed_nor_validated_again(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    query = "{ viewer { apiKeyId organization { name } } }  # cached"
    # Strawberry's caches are lru_caches shared by size (its documented behaviour).
    caches: list[Any] = [
        parser_cache._get_parse_cache(CACHED_DOCUMENTS),
        validation_cache._get_validate_cache(CACHED_DOCUMENTS),
    ]
    first = await _post(http, tenant, query)
    before = [cache.cache_info().hits for cache in caches]
    assert await _post(http, tenant, query) == first
    assert [cache.cache_info().hits for cache in caches] == [hits + 1 for hits in before]
    # The limits still hold for a document the caches have not seen (or have).
    for _ in range(2):
        body = await _post(http, tenant, _nested(MAX_DEPTH + 1))
        assert body["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
