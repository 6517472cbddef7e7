"""What a GraphQL operation costs, computed from its document before it runs.

An operation costs one for every object it can fetch: a field that returns objects counts
once per object it can return, plus what is selected on each; scalars come free with their
object. How many objects a list holds:

- a connection's `edges` hold its page: `first` or `last` (at most 100), 20 without either;
- any other list of objects (a document's `lineItems`, an invoice's `payments`) counts as
  `LIST_SIZE`: an estimate of a usual document, not the bound of 500 each may reach, so
  that a page of 100 invoices with their lines and payments stays affordable;
- introspection (`__schema`, `__type`) is free: it is answered from memory.

Fragments count where they are spread (both branches of a type condition, so the cost is an
upper bound), arguments at the values of the request's variables.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from graphql import (
    DocumentNode,
    ExecutionResult,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLField,
    GraphQLInterfaceType,
    GraphQLNamedType,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    NamedTypeNode,
    SelectionSetNode,
    get_named_type,
    get_nullable_type,
    get_operation_ast,
    is_list_type,
)
from graphql.execution.values import VariableValues, get_argument_values, get_variable_values
from strawberry.extensions import SchemaExtension

from billing.pagination import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE
from graph.errors import QUERY_TOO_COSTLY
from graph.memo import Memo

LIST_SIZE = 10


def operation_cost(
    schema: GraphQLSchema,
    document: DocumentNode,
    operation_name: str | None = None,
    variables: Mapping[str, Any] | None = None,
) -> int | None:
    """The cost of the named operation of a validated `document`; None when it cannot run
    (no such operation, or variables that do not fit it: execution says so itself)."""
    operation = get_operation_ast(document, operation_name)
    if operation is None:
        return None
    root = schema.get_root_type(operation.operation)
    values = get_variable_values(
        schema, operation.variable_definitions or (), {**(variables or {})}
    )
    if root is None or isinstance(values, list):
        return None
    fragments = {
        definition.name.value: definition
        for definition in document.definitions
        if isinstance(definition, FragmentDefinitionNode)
    }
    return _Counter(schema, fragments, values).selections(operation.selection_set, root, 0)


def _is_connection(kind: GraphQLNamedType) -> bool:
    return isinstance(kind, GraphQLObjectType) and {"edges", "pageInfo"} <= kind.fields.keys()


@dataclass(frozen=True, slots=True)
class _Counter:
    schema: GraphQLSchema
    fragments: Mapping[str, FragmentDefinitionNode]
    variables: VariableValues
    # A fragment spread twice in a fragment spread twice...: each counted once per page size,
    # or a small document would take exponential time to count.
    spread: dict[tuple[str, int], int] = field(default_factory=dict)

    def selections(
        self, selection_set: SelectionSetNode, parent: GraphQLNamedType, page: int
    ) -> int:
        """What the selections on `parent` cost; `page` is the size of its edges, if any."""
        total = 0
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                total += self.of_field(selection, parent, page)
            elif isinstance(selection, InlineFragmentNode):
                kind = self.condition(selection.type_condition, parent)
                total += self.selections(selection.selection_set, kind, page)
            elif isinstance(selection, FragmentSpreadNode):
                total += self.of_fragment(selection.name.value, parent, page)
        return total

    def of_fragment(self, name: str, parent: GraphQLNamedType, page: int) -> int:
        """What a named fragment's selections cost, counted once."""
        if (name, page) not in self.spread:
            fragment = self.fragments[name]
            kind = self.condition(fragment.type_condition, parent)
            self.spread[name, page] = self.selections(fragment.selection_set, kind, page)
        return self.spread[name, page]

    def of_field(self, node: FieldNode, parent: GraphQLNamedType, page: int) -> int:
        """What one field costs: each object it returns, and what is selected on each."""
        name = node.name.value
        if (
            node.selection_set is None
            or name.startswith("__")
            or not isinstance(parent, GraphQLObjectType | GraphQLInterfaceType)
        ):
            return 0
        definition = parent.fields[name]
        kind = get_named_type(definition.type)
        count = 1
        if is_list_type(get_nullable_type(definition.type)):
            count = page if _is_connection(parent) and name == "edges" else LIST_SIZE
        size = self.page_size(definition, node) if _is_connection(kind) else 0
        return count * (1 + self.selections(node.selection_set, kind, size))

    def page_size(self, definition: GraphQLField, node: FieldNode) -> int:
        """How many edges a connection field asks for, as its resolver will bound them."""
        arguments = get_argument_values(definition, node, self.variables)
        sizes = [arguments[name] for name in ("first", "last") if arguments.get(name) is not None]
        return max(0, min(max(sizes, default=DEFAULT_PAGE_SIZE), MAX_PAGE_SIZE))

    def condition(
        self, condition: NamedTypeNode | None, parent: GraphQLNamedType
    ) -> GraphQLNamedType:
        """The type a fragment's selections apply to."""
        if condition is None:
            return parent
        return self.schema.type_map[condition.name.value]


class QueryCost(SchemaExtension):
    """Refuses an operation costing more than the context's `max_cost` before it runs, with
    `QUERY_TOO_COSTLY`; reports the cost of every operation in `extensions.cost` and in the
    X-GraphQL-Cost header (beside X-GraphQL-Max-Cost).

    The cost of an operation sent without variables is counted once, by its document's
    text; with variables (which may set its page sizes) it is counted each time."""

    cost: int | None = None
    costs: Memo[int | None] = Memo()

    def on_execute(self) -> Iterator[None]:
        context = self.execution_context
        document = context.graphql_document
        assert document is not None, "validated before execution"
        schema = context.schema._schema

        def count() -> int | None:
            return operation_cost(schema, document, context.operation_name, context.variables)

        if context.variables or context.query is None:
            self.cost = count()
        else:
            self.cost = self.costs.get((schema, context.query, context.operation_name), count)
        max_cost: int = context.context.max_cost
        response = context.context.response
        if self.cost is not None and response is not None:
            response.headers["X-GraphQL-Cost"] = str(self.cost)
            response.headers["X-GraphQL-Max-Cost"] = str(max_cost)
        if self.cost is not None and self.cost > max_cost:
            # A result set before execution is the one Strawberry returns, without running.
            context.result = ExecutionResult(
                data=None,
                errors=[
                    GraphQLError(
                        f"This query costs {self.cost}, more than the maximum of {max_cost}: "
                        "ask for smaller pages (first/last) or fewer nested lists",
                        extensions={
                            "code": QUERY_TOO_COSTLY,
                            "cost": self.cost,
                            "maxCost": max_cost,
                        },
                    )
                ],
            )
        yield

    def get_results(self) -> dict[str, Any]:
        return {} if self.cost is None else {"cost": self.cost}
