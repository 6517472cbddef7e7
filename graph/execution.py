"""graphql-core's execution, with a short path for the commonest field of an answer.

Most fields of an answer are scalars read from their object (a page of 20 invoices with
their lines holds some 380 of them): graphql-core builds each one a resolve info, looks at
its arguments, asks the middleware for a resolver and completes its value through the
non-null, list and leaf cases in turn. A `Leaf` (graph/resolvers.py) needs none of that when
its value is a plain one: it is read from the source and coerced by its type. Anything else
(null, an error, an awaitable, a failed coercion) takes graphql-core's own path from there,
so that answers and errors are graphql-core's.
"""

from __future__ import annotations

from typing import Any

from graphql import GraphQLObjectType, Undefined
from graphql.execution.collect_fields import FieldDetailsList
from graphql.execution.executor import to_nodes
from graphql.pyutils import Path
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

from graph.resolvers import Leaf


class Executor(StrawberryGraphQLCoreExecutionContext):
    """Strawberry's executor, completing `Leaf` fields directly (see the module's docstring);
    unless a middleware (an extension's `resolve`) wraps every field."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        manager = self.middleware_manager
        self.leaves_directly = manager is None or not manager.middlewares

    def execute_field(
        self,
        parent_type: GraphQLObjectType,
        source: Any,
        field_details_list: FieldDetailsList,
        path: Path,
        position_context: Any,
    ) -> Any:
        field_def = self.schema.get_field(parent_type, field_details_list[0].node.name.value)
        leaf = field_def.resolve if field_def is not None else None
        if type(leaf) is not Leaf or not self.leaves_directly:
            return super().execute_field(
                parent_type, source, field_details_list, path, position_context
            )
        assert field_def is not None
        try:
            result = leaf.value(source)
            if (
                result is not None
                and not isinstance(result, Exception)
                and not self.is_awaitable(result)
            ):
                coerced = leaf.kind.coerce_output_value(result)
                if coerced is not None and coerced is not Undefined:
                    return coerced
            # graphql-core's path from here: its null checks, its errors.
            info = self.build_resolve_info(
                field_def, to_nodes(field_details_list), parent_type, path
            )
            if self.is_awaitable(result):
                return self.complete_awaitable_value(
                    field_def.type, field_details_list, info, path, result, position_context
                )
            return self.complete_value(
                field_def.type, field_details_list, info, path, result, position_context
            )
        except Exception as raw_error:
            self.handle_field_error(raw_error, field_def.type, field_details_list, path)
            return None
