"""The fields graphql-core calls directly, without Strawberry's wrapping of every resolver.

Strawberry calls each resolver through a chain built for what a field may have: argument
conversion, field extensions (permission classes among them), exception handlers. A field
with none of those, whose method takes only `self` (and perhaps `info`), or that reads an
attribute, pays that chain for nothing, once per field of every object of an answer: most of
ours (a page of 20 invoices with their lines resolves some 400 such fields). Those fields'
resolvers are replaced, once, by a direct call of the same method or attribute. Any field
that has arguments, extensions or an async method keeps Strawberry's resolver.

Those of them that return a scalar or an enum and need no `info` are `Leaf`s, which
graph/execution.py completes without the per-field machinery (no resolve info built) when
their value is a plain one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, cast

import strawberry
from graphql import (
    GraphQLField,
    GraphQLFieldResolver,
    GraphQLLeafType,
    GraphQLObjectType,
    get_nullable_type,
    is_leaf_type,
)
from strawberry.schema.schema_converter import GraphQLCoreConverter
from strawberry.types.field import StrawberryField


def resolve_directly(schema: strawberry.Schema) -> None:
    """Give every plain field of `schema`'s object types a resolver that calls its method (or
    reads its attribute) directly; see the module's docstring."""
    if schema.schema_converter.exception_handlers:
        return  # each field's resolver applies them
    info_class, reads = schema.config.info_class, schema.config.default_resolver is getattr
    for kind in schema._schema.type_map.values():
        if not isinstance(kind, GraphQLObjectType) or kind.name.startswith("__"):
            continue
        for graphql_field in kind.fields.values():
            field = (graphql_field.extensions or {}).get(GraphQLCoreConverter.DEFINITION_BACKREF)
            if isinstance(field, StrawberryField):
                direct = _direct(field, info_class, reads)
                if direct is not None:
                    graphql_field.resolve = _as_leaf(direct, graphql_field)


@dataclass(frozen=True, slots=True)
class Leaf:
    """The direct resolver of a scalar or enum field whose value comes from its source alone:
    `value(source)`, to be coerced by `kind`."""

    value: Callable[[Any], Any]
    kind: GraphQLLeafType

    def __call__(self, source: Any, info: Any) -> Any:
        return self.value(source)


def _as_leaf(direct: _Direct, graphql_field: GraphQLField) -> GraphQLFieldResolver:
    kind = get_nullable_type(graphql_field.type)
    if direct.value is None or not is_leaf_type(kind):
        return direct.resolve
    assert isinstance(kind, GraphQLLeafType)
    return Leaf(direct.value, kind)


@dataclass(frozen=True, slots=True)
class _Direct:
    resolve: GraphQLFieldResolver
    value: Callable[[Any], Any] | None  # when it needs no info


def _direct(field: StrawberryField, info_class: type[Any], reads: bool) -> _Direct | None:
    if field.extensions or field.arguments:
        return None
    resolver = field.base_resolver
    if resolver is None:
        if not reads:
            return None  # a default resolver of the schema's own
        name = field.python_name

        def attribute(source: Any) -> Any:
            return getattr(source, name)

        def read(source: Any, info: Any) -> Any:
            return getattr(source, name)

        return _Direct(read, attribute)
    if (
        resolver.is_async
        or resolver.self_parameter is None
        or resolver.root_parameter is not None
        or resolver.parent_parameter is not None
    ):
        return None
    method = cast("Callable[..., Any]", resolver.wrapped_func)
    info_parameter = resolver.info_parameter
    if info_parameter is None:

        def call(source: Any, info: Any) -> Any:
            return method(source)

        return _Direct(call, method)
    info_name = info_parameter.name

    def call_with_info(source: Any, info: Any) -> Any:
        return method(source, **{info_name: info_class(_raw_info=info, _field=field)})

    return _Direct(call_with_info, None)
