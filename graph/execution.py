"""graphql-core's execution, with a short path for the commonest field of an answer.

Most fields of an answer are scalars read from their object (a page of 20 invoices with
their lines holds some 380 of them): graphql-core gives each one a path, a resolve info, a
look at its arguments and the middleware's resolver, and completes its value through the
non-null, list and leaf cases in turn. A `Leaf` (graph/resolvers.py) needs none of that when
its value is a plain one: it is read from the source and coerced by its type, in the loop
over its object's fields. Anything else (null, an error, an awaitable, a failed coercion)
takes graphql-core's own path from there, so that answers and errors are graphql-core's.
"""

from __future__ import annotations

from collections.abc import Awaitable
from typing import Any

from graphql import GraphQLField, GraphQLObjectType, Undefined
from graphql.execution.collect_fields import FieldDetailsList, GroupedFieldSet
from graphql.execution.executor import to_nodes
from graphql.pyutils import Path, gather_with_cancel
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

from graph.resolvers import Leaf


class Executor(StrawberryGraphQLCoreExecutionContext):
    """Strawberry's executor, completing `Leaf` fields directly (see the module's docstring);
    unless a middleware (an extension's `resolve`) wraps every field."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        manager = self.middleware_manager
        self.leaves_directly = manager is None or not manager.middlewares

    def execute_fields(
        self,
        parent_type: GraphQLObjectType,
        source_value: Any,
        path: Path | None,
        grouped_field_set: GroupedFieldSet,
        position_context: Any,
    ) -> Any:
        # graphql-core's loop (Executor.execute_fields), with leaves read in it.
        if not self.leaves_directly:
            return super().execute_fields(
                parent_type, source_value, path, grouped_field_set, position_context
            )
        results: dict[str, Any] = {}
        is_awaitable = self.is_awaitable
        fields = parent_type.fields
        awaitable_fields: list[str] = []
        try:
            for response_name, field_details_list in grouped_field_set.items():
                field_def = fields.get(field_details_list[0].node.name.value)
                leaf = field_def.resolve if field_def is not None else None
                if type(leaf) is Leaf:
                    assert field_def is not None
                    coerced: Any = None
                    try:
                        value = leaf.value(source_value)
                    except Exception as error:  # graphql-core's path locates it
                        value = error
                    else:
                        if (
                            value is not None
                            and not isinstance(value, Exception)
                            and not is_awaitable(value)
                        ):
                            try:
                                coerced = leaf.kind.coerce_output_value(value)
                            except Exception:  # graphql-core's completion raises it again
                                coerced = None
                    if coerced is not None and coerced is not Undefined:
                        results[response_name] = coerced
                        continue
                    result = self._complete_leaf(
                        field_def,
                        field_details_list,
                        parent_type,
                        Path(path, response_name, parent_type.name),
                        position_context,
                        value,
                    )
                else:
                    result = self.execute_field(
                        parent_type,
                        source_value,
                        field_details_list,
                        Path(path, response_name, parent_type.name),
                        position_context,
                    )
                if result is not Undefined:
                    results[response_name] = result
                    if is_awaitable(result):
                        awaitable_fields.append(response_name)
        except Exception:
            if awaitable_fields:
                self.settle_in_background([results[field] for field in awaitable_fields])
            raise
        if not awaitable_fields:
            return results
        return _gathered(results, awaitable_fields)

    def execute_field(
        self,
        parent_type: GraphQLObjectType,
        source: Any,
        field_details_list: FieldDetailsList,
        path: Path,
        position_context: Any,
    ) -> Any:
        # Called by graphql-core itself where execute_fields is not (a mutation's root).
        field_def = self.schema.get_field(parent_type, field_details_list[0].node.name.value)
        leaf = field_def.resolve if field_def is not None else None
        if type(leaf) is not Leaf or not self.leaves_directly:
            return super().execute_field(
                parent_type, source, field_details_list, path, position_context
            )
        assert field_def is not None
        try:
            value = leaf.value(source)
        except Exception as error:
            value = error
        return self._complete_leaf(
            field_def, field_details_list, parent_type, path, position_context, value
        )

    def _complete_leaf(
        self,
        field_def: GraphQLField,
        field_details_list: FieldDetailsList,
        parent_type: GraphQLObjectType,
        path: Path,
        position_context: Any,
        value: Any,
    ) -> Any:
        """What graphql-core's execute_field does with a resolver's `value` (an exception
        the resolver raised included)."""
        try:
            if isinstance(value, Exception):
                raise value
            info = self.build_resolve_info(
                field_def, to_nodes(field_details_list), parent_type, path
            )
            if self.is_awaitable(value):
                return self.complete_awaitable_value(
                    field_def.type, field_details_list, info, path, value, position_context
                )
            return self.complete_value(
                field_def.type, field_details_list, info, path, value, position_context
            )
        except Exception as raw_error:
            self.handle_field_error(raw_error, field_def.type, field_details_list, path)
            return None


async def _gathered(results: dict[str, Any], awaitable_fields: list[str]) -> dict[str, Any]:
    # graphql-core's (Executor.execute_fields' get_results).
    if len(awaitable_fields) == 1:
        field = awaitable_fields[0]
        results[field] = await results[field]
    else:
        awaited: list[Awaitable[Any]] = [results[field] for field in awaitable_fields]
        results.update(zip(awaitable_fields, await gather_with_cancel(*awaited), strict=True))
    return results
