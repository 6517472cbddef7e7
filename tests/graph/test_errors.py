"""GraphQL's ErrorCode is the domain's list of codes, each described."""

from __future__ import annotations

from graphql import GraphQLEnumType

from billing.errors import ErrorCode
from graph.errors import Error
from graph.schema import schema


def test_every_code_is_a_described_value_of_the_graphql_enum() -> None:
    enum = schema._schema.type_map["ErrorCode"]
    assert isinstance(enum, GraphQLEnumType)
    assert {name: (value.value, value.description) for name, value in enum.values.items()} == {
        code.name: (code.value, code.description) for code in ErrorCode
    }
    assert all(code.description for code in ErrorCode)


def test_a_payload_error_shows_its_domain_code_by_name() -> None:
    enum = schema._schema.type_map["ErrorCode"]
    assert isinstance(enum, GraphQLEnumType)
    for code in ErrorCode:
        error = Error(code=code, message="", field=None)
        assert enum.serialize(error.code) == code.name
