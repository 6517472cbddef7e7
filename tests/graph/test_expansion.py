"""A short document whose fragments spread into an exponential one is refused at once."""

from __future__ import annotations

import httpx
import pytest
from graphql import DocumentNode, get_introspection_query, parse

from graph.expansion import MAX_SELECTIONS, spread_size
from tests.conftest import Tenant


def bomb(levels: int) -> str:
    """Fragments spreading the next one twice: 2^levels copies of the last one's fields."""
    query = "{ viewer { ...F0 } }\n" + "\n".join(
        f"fragment F{i} on Viewer {{ ...F{i + 1} ...F{i + 1} }}" for i in range(levels)
    )
    return query + f"\nfragment F{levels} on Viewer {{ apiKeyId }}"


def test_selections_are_counted_with_fragments_spread() -> None:
    # viewer, the spread, and apiKeyId with organization { name } in it.
    fragment = "fragment F on Viewer { apiKeyId organization { name } }"
    assert spread_size(parse("{ viewer { ...F } }\n" + fragment)) == 5
    assert spread_size(parse("{ viewer { ...F ...F } }\n" + fragment)) == 9
    # viewer and its spread, then each level: two spreads, each with the next level.
    assert spread_size(parse(bomb(3))) == 2 + 2 * (1 + 2 * (1 + 2 * (1 + 1)))


def test_cycles_and_unknown_fragments_end_the_count() -> None:
    cycle = (
        "{ viewer { ...A ...Nope } } fragment A on Viewer { ...B } fragment B on Viewer { ...A }"
    )
    assert spread_size(parse(cycle)) == 5


def test_graphiql_introspection_is_far_below_the_maximum() -> None:
    assert spread_size(parse(get_introspection_query(descriptions=True))) < MAX_SELECTIONS / 10


async def test_a_fragment_bomb_is_refused_without_walking_it(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    # 2^16 copies: few enough that without the guard this would fail on the answer, rather
    # than hang in a walk of 2^40.
    response = await http.post("/graphql", json={"query": bomb(16)}, headers=tenant.headers)
    (error,) = response.json()["errors"]
    assert error["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
    assert error["message"] == (
        f"The document holds {2 + 2 * (2**16 - 1) + 2**16} selections once its fragments "
        f"are spread, more than the maximum of {MAX_SELECTIONS}"
    )


async def test_reused_fragments_below_the_maximum_are_answered(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    response = await http.post("/graphql", json={"query": bomb(8)}, headers=tenant.headers)
    assert response.json()["data"] == {"viewer": {"apiKeyId": tenant.key.id}}


async def test_a_document_sent_again_is_counted_once(
    http: httpx.AsyncClient, tenant: Tenant, monkeypatch: pytest.MonkeyPatch
) -> None:
    counted: list[int] = []

    def counting(document: DocumentNode) -> int:
        counted.append(spread_size(document))
        return counted[-1]

    monkeypatch.setattr("graph.expansion.spread_size", counting)
    query = bomb(16) + f"  # {tenant.key.id}"
    for _ in range(2):
        response = await http.post("/graphql", json={"query": query}, headers=tenant.headers)
        (error,) = response.json()["errors"]
        assert "selections once its fragments are spread" in error["message"]
    assert len(counted) == 1
