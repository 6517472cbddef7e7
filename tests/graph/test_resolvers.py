"""Plain fields are resolved by a direct call (graph/resolvers.py); any field Strawberry's
wrapping does something for keeps Strawberry's resolver."""

from __future__ import annotations

from typing import Any

import strawberry
from graphql import GraphQLObjectType
from strawberry.extensions import FieldExtension
from strawberry.permission import BasePermission, PermissionExtension

from graph.resolvers import resolve_directly
from graph.schema import schema


def _is_direct(type_name: str, field: str, of: strawberry.Schema = schema) -> bool:
    kind = of._schema.type_map[type_name]
    assert isinstance(kind, GraphQLObjectType)
    resolve = kind.fields[field].resolve
    assert resolve is not None
    module: str = resolve.__module__
    return module == "graph.resolvers"


def test_attributes_and_methods_taking_self_or_info_are_called_directly() -> None:
    assert _is_direct("Client", "name")  # an attribute
    assert _is_direct("LineItem", "amount")  # a method of self
    assert _is_direct("Invoice", "number")  # a method of the Document interface
    assert _is_direct("Invoice", "client")  # a method taking info
    assert _is_direct("InvoiceConnection", "edges")


def test_async_fields_and_fields_with_arguments_keep_strawberrys_resolver() -> None:
    assert not _is_direct("InvoiceConnection", "totalCount")  # async
    assert not _is_direct("Client", "invoices")  # arguments
    assert not _is_direct("Query", "invoices")


class Never(BasePermission):
    message = "never"

    def has_permission(self, source: Any, info: strawberry.Info, **kwargs: Any) -> bool:
        return False


GUARD: list[FieldExtension] = [PermissionExtension(permissions=[Never()])]


def _secret(self: Any) -> str:
    return "secret"


@strawberry.type
class Guarded:
    secret: str = strawberry.field(resolver=_secret, extensions=GUARD)

    @strawberry.field
    def open(self) -> str:
        return "open"


@strawberry.type
class GuardedQuery:
    @strawberry.field
    def guarded(self) -> Guarded:
        return Guarded()


def test_a_field_with_a_permission_class_keeps_it() -> None:
    guarded = strawberry.Schema(query=GuardedQuery)
    resolve_directly(guarded)
    assert _is_direct("Guarded", "open", guarded)
    assert not _is_direct("Guarded", "secret", guarded)
    result = guarded.execute_sync("{ guarded { open secret } }")
    assert result.errors and result.errors[0].message == "never"
