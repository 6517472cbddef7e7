"""A query's cost grows with what it can fetch; above the maximum it is refused before it
runs, and every answer reports its cost."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import httpx
import pytest
from graphql import get_introspection_query, parse

from app import create_app
from graph.cost import LIST_SIZE, operation_cost
from graph.schema import schema
from settings import Settings
from tests.conftest import Tenant, serve

# A page of invoices with what a list screen shows of each.
INVOICES_PAGE = """
{ invoices(first: 100) { edges { node {
    number total client { name } lineItems { description amount } payments { amount }
} } } }
"""
# Every client's invoices with their lines: a hundred times a hundred documents.
CLIENTS_INVOICES_LINES = """
{ clients(first: 100) { edges { node {
    name invoices(first: 100) { edges { node { number lineItems { description } } } }
} } } }
"""


def cost(query: str, variables: dict[str, Any] | None = None, name: str | None = None) -> int:
    result = operation_cost(schema._schema, parse(query), name, variables)
    assert result is not None
    return result


def test_scalars_come_with_their_object() -> None:
    assert cost("{ viewer { apiKeyId } }") == 1
    assert cost("{ viewer { apiKeyId organization { name currency } } }") == 2


def test_connections_multiply_by_their_page_and_lists_by_the_estimate() -> None:
    # invoices (1) + edges: 100 x (edge 1 + node 1 + client 1 + lines 10 + payments 10)
    assert LIST_SIZE == 10
    assert cost(INVOICES_PAGE) == 1 + 100 * (1 + 1 + 1 + LIST_SIZE + LIST_SIZE)
    # clients (1) + 100 x (edge, node, invoices (1) + 100 x (edge, node, lines))
    assert cost(CLIENTS_INVOICES_LINES) == 1 + 100 * (2 + 1 + 100 * (2 + LIST_SIZE))


def test_the_default_maximum_allows_a_page_and_refuses_lists_of_lists() -> None:
    maximum = Settings().graphql_max_cost
    assert cost(INVOICES_PAGE) <= maximum < cost(CLIENTS_INVOICES_LINES)


def test_page_sizes_come_from_arguments_variables_and_defaults() -> None:
    page = "invoices{} {{ edges {{ node {{ number }} }} }}"
    assert cost(f"{{ {page.format('')} }}") == 1 + 20 * 2
    assert cost(f"{{ {page.format('(last: 5)')} }}") == 1 + 5 * 2
    # Above the maximum page size, the resolver refuses: it can fetch no more than 100.
    assert cost(f"{{ {page.format('(first: 1000)')} }}") == 1 + 100 * 2
    with_variable = f"query($n: Int = 7) {{ {page.format('(first: $n)')} }}"
    assert cost(with_variable) == 1 + 7 * 2
    assert cost(with_variable, {"n": 3}) == 1 + 3 * 2


def test_fragments_cost_what_they_select_where_they_are_spread() -> None:
    inline = "{ invoices(first: 10) { edges { node { number client { name } } } } }"
    named = """
        query Page { invoices(first: 10) { ...Edges } }
        fragment Edges on InvoiceConnection { edges { node { ... on Invoice { number } ...C } } }
        fragment C on Invoice { client { name } }
        query Other { viewer { apiKeyId } }
    """
    assert cost(named, name="Page") == cost(inline) == 1 + 10 * 3
    assert cost(named, name="Other") == 1


def test_introspection_is_free() -> None:
    assert cost(get_introspection_query(descriptions=True)) == 0


def test_an_operation_that_cannot_run_has_no_cost() -> None:
    document = parse("query($n: Int!) { invoices(first: $n) { totalCount } }")
    assert operation_cost(schema._schema, document, None, {"n": "many"}) is None
    assert operation_cost(schema._schema, document, "Missing", {"n": 1}) is None


async def _post(client: httpx.AsyncClient, tenant: Tenant, query: str) -> dict[str, Any]:
    response = await client.post("/graphql", json={"query": query}, headers=tenant.headers)
    assert response.status_code == 200
    body: dict[str, Any] = response.json()
    return body


async def test_a_query_over_the_maximum_is_refused_with_its_cost(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    body = await _post(http, tenant, CLIENTS_INVOICES_LINES)
    assert body["data"] is None
    (error,) = body["errors"]
    computed = cost(CLIENTS_INVOICES_LINES)
    assert error["extensions"] == {
        "code": "QUERY_TOO_COSTLY",
        "cost": computed,
        "maxCost": 10_000,
    }
    assert f"costs {computed}, more than the maximum of 10000" in error["message"]


async def test_every_answer_reports_its_cost(http: httpx.AsyncClient, tenant: Tenant) -> None:
    body = await _post(http, tenant, INVOICES_PAGE)
    assert "errors" not in body
    assert body["extensions"] == {"cost": cost(INVOICES_PAGE)}


async def test_the_maximum_is_a_setting(settings: Settings, tenant: Tenant) -> None:
    query = "{ viewer { organization { name } } }"
    async with serve(create_app(replace(settings, graphql_max_cost=1))) as client:
        (error,) = (await _post(client, tenant, query))["errors"]
        assert error["extensions"] == {"code": "QUERY_TOO_COSTLY", "cost": 2, "maxCost": 1}
        answered = await _post(client, tenant, "{ viewer { apiKeyId } }")
        assert answered == {
            "data": {"viewer": {"apiKeyId": tenant.key.id}},
            "extensions": {"cost": 1},
        }


async def test_a_refused_mutation_does_not_run(settings: Settings, tenant: Tenant) -> None:
    mutation = (
        'mutation { clientCreate(input: {name: "Globex"}) { client { id } errors { code } } }'
    )
    async with serve(create_app(replace(settings, graphql_max_cost=1))) as client:
        (error,) = (await _post(client, tenant, mutation))["errors"]
        assert error["extensions"]["code"] == "QUERY_TOO_COSTLY"
        listed = await _post(client, tenant, "{ clients { totalCount } }")
    assert listed["data"] == {"clients": {"totalCount": 0}}


async def test_depth_is_checked_before_cost(http: httpx.AsyncClient, tenant: Tenant) -> None:
    # Twelve levels deep, and 20 x 20 x 20 invoices: refused for its depth alone.
    query = (
        "{ clients { edges { node { invoices { edges { node { client { invoices "
        "{ edges { node { client { name } } } } } } } } } } } }"
    )
    assert cost(query) > Settings().graphql_max_cost
    (error,) = (await _post(http, tenant, query))["errors"]
    assert error["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
    assert "depth" in error["message"]


def test_fragments_spread_in_fragments_are_counted_in_linear_time() -> None:
    # Forty fragments, each spreading the next twice: 2^40 objects, and no time to count them.
    levels = 40
    query = "{ viewer { ...F0 } }\n" + "\n".join(
        f"fragment F{i} on Viewer {{ ...F{i + 1} ...F{i + 1} }}" for i in range(levels)
    )
    query += f"\nfragment F{levels} on Viewer {{ organization {{ name }} }}"
    assert cost(query) == 1 + 2**levels


async def test_a_document_sent_again_without_variables_is_costed_once(
    http: httpx.AsyncClient, tenant: Tenant, monkeypatch: pytest.MonkeyPatch
) -> None:
    counted: list[str | None] = []

    def counting(*args: Any) -> int | None:
        counted.append(args[2])
        return operation_cost(*args)

    monkeypatch.setattr("graph.cost.operation_cost", counting)
    query = f"{{ viewer {{ organization {{ name }} }} }}  # {tenant.key.id}"
    answers = [await _post(http, tenant, query) for _ in range(2)]
    assert answers[0] == answers[1] and answers[0]["extensions"] == {"cost": 2}
    assert len(counted) == 1
    # With variables, which may set page sizes, each request is costed.
    paged = "query($n: Int) { invoices(first: $n) { edges { node { number } } } }"
    for n in (1, 5):
        response = await http.post(
            "/graphql", json={"query": paged, "variables": {"n": n}}, headers=tenant.headers
        )
        assert response.json()["extensions"] == {"cost": 1 + n * 2}
    assert len(counted) == 3
