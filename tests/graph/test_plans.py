"""Compiled plans (graph/plans.py) answer exactly what graphql-core's execution answers, errors
and nulls included, and send no more statements; what no plan covers runs as it did.

Two schemas: a small one whose fields fail in every way a field can (a raised error, a null
where the type says non-null, a value its type cannot coerce, an awaited value that fails), and
the API's own, asked over HTTP with plans and then with graphql-core alone."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import Enum
from typing import Any

import httpx
import pytest
import strawberry
from graphql import execute as graphql_execute
from strawberry.extensions import ParserCache
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

from bench.api import GRAPHQL_QUERY
from graph.execution import Executor
from graph.plans import PlannedExecution
from graph.resolvers import resolve_directly
from graph.schema import schema
from tests.conftest import Tenant
from tests.graph.helpers import (
    Json,
    emptied_with_delete,  # noqa: F401  (overrides conftest's `db`: see its docstring)
    gql,
)
from tests.graph.test_lookahead import DIRECTED, SHAPES, _seed
from tests.graph.test_query_count import NESTED, counting_queries

# --- a small schema, failing in every way ----------------------------------------------------


@strawberry.enum
class Mood(Enum):
    HAPPY = "happy"
    SAD = "sad"


@strawberry.type
class Tag:
    label: str


@strawberry.type
class Thing:
    name: str
    nickname: str | None
    tags: list[str]
    moods: list[Mood | None]

    @strawberry.field
    def shout(self) -> str:
        return self.name.upper()

    @strawberry.field
    def broken(self) -> str | None:
        raise ValueError("broken")

    @strawberry.field
    def missing(self) -> str:
        return None  # type: ignore[return-value]

    @strawberry.field
    def count(self) -> int:
        return "many"  # type: ignore[return-value]

    @strawberry.field
    def mood(self) -> Mood:
        return Mood.HAPPY if self.name == "a" else "grumpy"  # type: ignore[return-value]

    @strawberry.field
    def labels(self) -> list[Tag]:
        return [Tag(label=f"{self.name}{n}") for n in range(2)]

    @strawberry.field
    def later(self) -> Tag:
        return _later(Tag(label=f"later {self.name}"))  # type: ignore[return-value]

    @strawberry.field
    def failing_later(self) -> Tag:
        return _later(ValueError("failed later"))  # type: ignore[return-value]

    @strawberry.field
    def unwritten_tags(self) -> list[Tag | None]:
        return [Tag(label="one"), None]

    @strawberry.field
    def greeting(self, to: str) -> str:
        return f"{to}, {self.name}"


async def _later(value: Any) -> Any:
    await asyncio.sleep(0)
    if isinstance(value, Exception):
        raise value
    return value


@strawberry.type
class Query:
    @strawberry.field
    def things(self) -> list[Thing]:
        return [
            Thing(name="a", nickname=None, tags=["x", "y"], moods=[Mood.SAD, None]),
            Thing(name="b", nickname="bee", tags=[], moods=[]),
        ]

    @strawberry.field
    async def thing(self, name: str) -> Thing | None:
        await asyncio.sleep(0)
        return None if name == "nobody" else Thing(name=name, nickname=None, tags=[], moods=[])


class Planned(strawberry.Schema):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.planned = PlannedExecution()

    def _get_execute_function(self) -> Callable[..., Any]:
        return self.planned


def _small(kind: type[strawberry.Schema], executor: type[Any]) -> Any:
    made = kind(query=Query, execution_context_class=executor, extensions=[ParserCache])
    resolve_directly(made)
    return made


# (query, variables, whether a plan runs it to the end)
SMALL = [
    ("{ things { name nickname shout tags moods } }", None, True),
    ("{ things { __typename name } first: things { n: name } }", None, True),
    ("{ things { labels { label __typename } } }", None, True),
    ("query($n: String!) { thing(name: $n) { name shout } }", {"n": "c"}, True),
    ('{ thing(name: "nobody") { name } }', None, True),
    ("{ things { name later { label } } }", None, True),
    ("{ things { unwritten_tags: unwrittenTags { label } } }", None, True),
    ('{ things { greeting(to: "hi") } }', None, True),
    ("{ __typename things { name } }", None, True),
    # Met while running: graphql-core answers, with its errors.
    ("{ things { name broken } }", None, False),
    ("{ things { name missing } }", None, False),
    ("{ things { count } }", None, False),
    ("{ things { mood } }", None, False),
    ("{ things { name failingLater { label } } }", None, False),
    ("query($n: String!) { thing(name: $n) { name } }", {"n": 3}, False),  # bad variables
    # Not planned at all.
    ("query($yes: Boolean!) { things { name @include(if: $yes) } }", {"yes": False}, False),
    ("{ things { name } things { shout } }", None, False),  # merged
    ("{ __schema { queryType { name } } }", None, False),
]


def _answer(of: strawberry.Schema, query: str, variables: Any) -> tuple[Any, list[Any]]:
    result = asyncio.run(of.execute(query, variable_values=variables))
    errors = [(error.message, error.path, error.locations) for error in result.errors or []]
    return result.data, errors


@pytest.mark.parametrize(("query", "variables", "planned"), SMALL)
def test_a_plan_answers_what_graphql_core_answers(
    query: str, variables: Any, planned: bool
) -> None:
    ours = _small(Planned, Executor)
    core = _small(strawberry.Schema, StrawberryGraphQLCoreExecutionContext)
    assert _answer(ours, query, variables) == _answer(core, query, variables)
    assert ours.planned.runs["planned"] == (1 if planned else 0), ours.planned.runs


def test_a_plan_is_made_once_per_document() -> None:
    ours = _small(Planned, Executor)
    for _ in range(3):
        _answer(ours, "{ things { name } }", None)
    assert ours.planned.runs["planned"] == 3
    assert len(ours.planned.plans.values) == 1


def test_a_failed_run_leaves_nothing_to_await() -> None:
    """A plan stopped by one field's failure closes the coroutines its siblings left: no
    'coroutine was never awaited' warning, and graphql-core's answer."""
    ours = _small(Planned, Executor)
    query = "{ things { later { label } missing } }"
    with _no_unawaited_coroutines():
        data, errors = _answer(ours, query, None)
    assert data is None and "Cannot return null for non-nullable field" in errors[0][0]
    assert ours.planned.runs["again"] == 1


@contextmanager
def _no_unawaited_coroutines() -> Iterator[None]:
    import gc
    import warnings

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        yield
        gc.collect()
    assert not [w for w in caught if "never awaited" in str(w.message)], caught


# --- the API's schema, over HTTP -------------------------------------------------------------

VIEWER = """{ viewer { organization { name currency } apiKeyId } apiKeys(first: 5) {
    edges { node { __typename id name prefix fullAccess scopes createdAt revokedAt } } } }"""
NODES = """query($first: Int!) { invoices(first: $first, sort: {field: DUE_DATE}) {
    totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { __typename id number status issueDate dueDate subtotal taxTotal
        total amountPaid amountDue currency notes terms sentAt voidedAt paidAt
        client { id name email address outstandingBalance { amount currency } }
        lineItems { description quantity unitPrice taxRate amount }
        payments { id amount paymentDate paymentMethod invoice { id number } } } } } }"""
CLIENTS = """{ clients(first: 3) { edges { node { name email
    outstandingBalance { amount currency } } } } }"""
PAYMENTS = """{ payments(first: 10) { edges { node { id amount currency paymentDate
    invoice { number client { name } } } } } }"""
ESTIMATES = "{ estimates(first: 5) { totalCount edges { node { number status total } } } }"

# Fragments on an interface, fields merged from several selections.
UNPLANNED = {"interface and inline fragments", "fields merged from several selections"}
# (name, query, variables, how it runs: "planned", "unplanned" by any plan, or "again" by
# graphql-core after a plan met what it does not cover)
API = [
    ("bench", GRAPHQL_QUERY, None, "planned"),
    *(
        (f"lookahead {name}", query, None, "unplanned" if name in UNPLANNED else "planned")
        for name, query in SHAPES.items()
    ),
    ("directed", DIRECTED, {"yes": True}, "unplanned"),
    ("nested pages", NESTED, {"first": 5}, "planned"),
    ("viewer and keys", VIEWER, None, "planned"),
    ("every invoice field", NODES, {"first": 20}, "planned"),
    ("clients", CLIENTS, None, "planned"),
    ("payments", PAYMENTS, None, "planned"),
    ("estimates", ESTIMATES, None, "planned"),
    ("a node by id", "query($id: ID!) { node(id: $id) { id } }", {"id": "inv_x"}, "unplanned"),
    ("a missing invoice", '{ invoice(id: "inv_nope") { number } }', None, "planned"),
    ("a bad page size", "{ invoices(first: 5000) { edges { node { number } } } }", None, "again"),
]


@contextmanager
def _graphql_core_alone() -> Iterator[None]:
    planned = schema.planned
    schema.planned = graphql_execute  # type: ignore[assignment]
    try:
        yield
    finally:
        schema.planned = planned


async def _asked(
    http: httpx.AsyncClient, tenant: Tenant, query: str, variables: Json | None
) -> tuple[Json, int]:
    with counting_queries() as statements:
        body = await gql(http, tenant, query, variables)
    return body, len(statements)


@pytest.mark.parametrize(("name", "query", "variables", "runs_as"), API, ids=[a[0] for a in API])
async def test_the_api_answers_the_same_with_plans(
    http: httpx.AsyncClient,
    tenant: Tenant,
    name: str,
    query: str,
    variables: Json | None,
    runs_as: str,
) -> None:
    await _seed(tenant)
    with _graphql_core_alone():
        expected, expected_statements = await _asked(http, tenant, query, variables)
    runs = schema.planned.runs.copy()
    answer, statements = await _asked(http, tenant, query, variables)
    assert answer == expected
    assert statements == expected_statements
    assert schema.planned.runs - runs == {runs_as: 1}
    assert ("errors" in answer) is (runs_as == "again"), answer
