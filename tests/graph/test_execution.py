"""Leaf fields completed directly (graph/execution.py) answer what graphql-core answers,
errors and nulls included."""

from __future__ import annotations

from typing import Any

import strawberry
from graphql import GraphQLObjectType
from strawberry.extensions import SchemaExtension
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

from graph.execution import Executor
from graph.resolvers import Leaf, resolve_directly
from graph.schema import schema


@strawberry.type
class Thing:
    name: str
    nickname: str | None

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


@strawberry.type
class Query:
    @strawberry.field
    def things(self) -> list[Thing]:
        return [Thing(name="a", nickname=None), Thing(name="b", nickname="bee")]


QUERIES = (
    "{ things { name nickname shout } }",
    "{ things { name broken } }",
    "{ things { name missing } }",
    "{ things { count } }",
)


def _schema(executor: type[Any], extensions: list[Any] | None = None) -> strawberry.Schema:
    made = strawberry.Schema(
        query=Query, execution_context_class=executor, extensions=extensions or []
    )
    resolve_directly(made)
    return made


def _answer(of: strawberry.Schema, query: str) -> tuple[Any, list[Any]]:
    result = of.execute_sync(query)
    errors = [(error.message, error.path, error.locations) for error in result.errors or []]
    return result.data, errors


def test_scalars_of_the_schema_are_leaves() -> None:
    kind = schema._schema.type_map["LineItem"]
    assert isinstance(kind, GraphQLObjectType)
    assert isinstance(kind.fields["amount"].resolve, Leaf)
    invoice = schema._schema.type_map["Invoice"]
    assert isinstance(invoice, GraphQLObjectType)
    assert not isinstance(invoice.fields["client"].resolve, Leaf)  # an object


def test_leaves_answer_what_graphql_core_answers() -> None:
    direct, core = _schema(Executor), _schema(StrawberryGraphQLCoreExecutionContext)
    for query in QUERIES:
        assert _answer(direct, query) == _answer(core, query), query
    data, errors = _answer(direct, QUERIES[2])
    assert data is None and "Cannot return null for non-nullable field" in errors[0][0]


class Upper(SchemaExtension):
    def resolve(self, _next: Any, root: Any, info: Any, *args: Any, **kwargs: Any) -> Any:
        value = _next(root, info, *args, **kwargs)
        return value.upper() if isinstance(value, str) else value


def test_a_middleware_sees_every_field() -> None:
    data, _ = _answer(_schema(Executor, [Upper]), QUERIES[0])
    assert data == {
        "things": [
            {"name": "A", "nickname": None, "shout": "A"},
            {"name": "B", "nickname": "BEE", "shout": "B"},
        ]
    }
