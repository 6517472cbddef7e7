"""Compiled plans: a validated query turned, once, into a plan that writes its answer directly.

graphql-core executes a document field by field: each field of each object gets a path, a
resolve info, a look at its arguments, the middleware's resolver and a completion through the
non-null, list, abstract and leaf cases in turn, whatever the field. For the queries clients
send again and again (a page of invoices with their client and lines is some 400 fields) most
of that is the same every time. The plan of an operation is made once per cached document:
for each selection set, its fields in answer order, each a `Leaf` (graph/resolvers.py: read
from its object and coerced by its type, with no resolve info), `__typename`, a scalar (or a
list of them) from its resolver, or an object (or a list of them) with its own plan.

Running a plan calls every other field's resolver as graphql-core does, with its resolve info
and arguments (so the look-ahead and the loaders work unchanged), and completes what it gives
in the plan's loop; what is to be awaited keeps its place in the answer and is awaited with
every other value of its level, the root fields first, all of them asked for before any is
awaited, as graphql-core gathers them.

Whatever a plan does not cover is left to graphql-core, for the whole operation, so that every
answer and every error is graphql-core's own:

- when planning: mutations and subscriptions, directives, fragments with a type condition
  other than their parent, abstract types (interfaces, unions), introspection, a response key
  selected twice (merged fields), lists of lists, a middleware (which is to see every field);
- when running (only queries, which read, inside the request's snapshot: running them again
  changes nothing): a null where the schema says non-null, an exception, a value its type
  cannot coerce, a list item to await, variables that do not fit.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Awaitable
from dataclasses import dataclass
from typing import Any

from graphql import (
    DocumentNode,
    ExecutionResult,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLField,
    GraphQLLeafType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLSchema,
    InlineFragmentNode,
    NamedTypeNode,
    OperationDefinitionNode,
    OperationType,
    SelectionSetNode,
    Undefined,
    get_operation_ast,
)
from graphql import execute as graphql_execute
from graphql.execution.values import get_argument_values
from graphql.pyutils import Path

from graph.memo import Memo
from graph.resolvers import Leaf


class Unplanned(Exception):
    """What the plan does not cover, met while running it: graphql-core answers instead."""


@dataclass(frozen=True, slots=True)
class Step:
    """One field of a selection set: how its value is got and completed."""

    key: str  # its response key
    definition: GraphQLField | None  # None for __typename
    parent: GraphQLObjectType
    nodes: list[FieldNode]
    arguments: bool  # whether it takes any (given, or by their defaults)
    non_null: bool
    leaf: Leaf | None  # a scalar or an enum read directly from its object
    scalar: GraphQLLeafType | None  # a scalar or enum (or a list of them) from its resolver
    many: bool  # a list
    item_non_null: bool
    plan: Plan | None  # what is selected on its object(s)


Plan = tuple[Step, ...]


def _unwrap(kind: GraphQLOutputType) -> tuple[bool, GraphQLOutputType]:
    if isinstance(kind, GraphQLNonNull):
        return True, kind.of_type
    return False, kind


class _Planner:
    def __init__(self, document: DocumentNode) -> None:
        self.fragments = {
            definition.name.value: definition
            for definition in document.definitions
            if isinstance(definition, FragmentDefinitionNode)
        }

    def fields(
        self, selection_set: SelectionSetNode, parent: GraphQLObjectType
    ) -> list[FieldNode] | None:
        """The fields of `selection_set` with its fragments spread, in order; None when a
        directive or a type condition other than `parent` is met."""
        found: list[FieldNode] = []
        condition: NamedTypeNode | None
        for selection in selection_set.selections:
            if selection.directives:
                return None
            if isinstance(selection, FieldNode):
                found.append(selection)
                continue
            if isinstance(selection, FragmentSpreadNode):
                fragment = self.fragments[selection.name.value]
                if fragment.directives:
                    return None
                condition, inner = fragment.type_condition, fragment.selection_set
            else:
                assert isinstance(selection, InlineFragmentNode)
                condition, inner = selection.type_condition, selection.selection_set
            if condition is not None and condition.name.value != parent.name:
                return None
            spread = self.fields(inner, parent)
            if spread is None:
                return None
            found.extend(spread)
        return found

    def plan(self, selection_set: SelectionSetNode, parent: GraphQLObjectType) -> Plan | None:
        nodes = self.fields(selection_set, parent)
        if nodes is None:
            return None
        keys = [(node.alias or node.name).value for node in nodes]
        if len(set(keys)) != len(keys):
            return None  # merging fields is graphql-core's
        steps = []
        for key, node in zip(keys, nodes, strict=True):
            step = self.step(key, node, parent)
            if step is None:
                return None
            steps.append(step)
        return tuple(steps)

    def step(self, key: str, node: FieldNode, parent: GraphQLObjectType) -> Step | None:
        name = node.name.value
        if name == "__typename":
            return Step(key, None, parent, [node], False, True, None, None, False, False, None)
        if name.startswith("__"):
            return None  # introspection
        definition = parent.fields[name]
        resolve = definition.resolve
        if resolve is None:
            return None  # the schema's default resolver
        arguments = bool(definition.args)
        non_null, kind = _unwrap(definition.type)
        many, item_non_null = False, False
        if isinstance(kind, GraphQLList):
            many = True
            item_non_null, kind = _unwrap(kind.of_type)
        if isinstance(resolve, Leaf):  # never a list (graph/resolvers.py)
            return Step(
                key, definition, parent, [node], False, non_null, resolve, None, False, False, None
            )
        leaf_type = kind if isinstance(kind, GraphQLLeafType) else None
        plan: Plan | None = None
        if leaf_type is None:
            if not isinstance(kind, GraphQLObjectType) or node.selection_set is None:
                return None  # lists of lists, interfaces, unions
            plan = self.plan(node.selection_set, kind)
            if plan is None:
                return None
        return Step(
            key,
            definition,
            parent,
            [node],
            arguments,
            non_null,
            None,
            leaf_type,
            many,
            item_non_null,
            plan,
        )


@dataclass(frozen=True, slots=True)
class Compiled:
    """A query operation's plan."""

    operation: OperationDefinitionNode
    root: GraphQLObjectType
    plan: Plan


def compile_operation(
    schema: GraphQLSchema, document: DocumentNode, operation_name: str | None
) -> Compiled | None:
    """The plan of the named query operation of a validated `document`, or None when a plan
    would not cover it (see the module's docstring)."""
    operation = get_operation_ast(document, operation_name)
    if operation is None or operation.operation is not OperationType.QUERY:
        return None
    root = schema.query_type
    if operation.directives or root is None:
        return None
    plan = _Planner(document).plan(operation.selection_set, root)
    return None if plan is None else Compiled(operation, root, plan)


class _Run:
    """One run of a plan: the answer written as its objects come, and the values still to
    await (the root fields', or a field's the look-ahead did not preload), each awaited with
    every other of its level and then completed into the place kept for it."""

    def __init__(self, executor: Any) -> None:
        self.executor = executor
        self.is_awaitable = executor.is_awaitable
        self.waiting: list[tuple[dict[str, Any], Step, Path, Any]] = []

    async def answer(self, compiled: Compiled) -> dict[str, Any]:
        data = self.object(compiled.plan, self.executor.root_value, None)
        # Every value to await is asked for before any is awaited, as graphql-core gathers
        # them: the root fields, then at each level what the one above left waiting.
        while self.waiting:
            waiting, self.waiting = self.waiting, []
            values = await asyncio.gather(
                *(value for _, _, _, value in waiting), return_exceptions=True
            )
            for (answer, step, path, _), value in zip(waiting, values, strict=True):
                if isinstance(value, BaseException):
                    raise value
                answer[step.key] = self.complete(step, value, path)
        return data

    def object(self, plan: Plan, source: Any, path: Path | None) -> dict[str, Any]:
        if self.is_awaitable(source):
            raise Unplanned  # an item of a list, to await: graphql-core's
        answer: dict[str, Any] = {}
        for step in plan:
            leaf = step.leaf
            if leaf is not None:
                value = leaf.value(source)
                if value is not None:
                    answer[step.key] = _coerced(leaf.kind, value)
                elif step.non_null:
                    raise Unplanned
                else:
                    answer[step.key] = None
                continue
            definition = step.definition
            if definition is None:
                answer[step.key] = step.parent.name  # __typename
                continue
            executor = self.executor
            field_path = Path(path, step.key, step.parent.name)
            info = executor.build_resolve_info(definition, step.nodes, step.parent, field_path)
            resolve = definition.resolve
            assert resolve is not None
            if step.arguments:
                arguments = get_argument_values(definition, step.nodes[0], executor.variable_values)
                value = resolve(source, info, **arguments)
            else:
                value = resolve(source, info)
            if self.is_awaitable(value):
                answer[step.key] = None  # its place in the answer's order, filled when awaited
                self.waiting.append((answer, step, field_path, value))
            else:
                answer[step.key] = self.complete(step, value, field_path)
        return answer

    def complete(self, step: Step, value: Any, path: Path) -> Any:
        if value is None:
            if step.non_null:
                raise Unplanned
            return None
        scalar = step.scalar
        if scalar is not None:
            return _leaves(step, scalar, value) if step.many else _coerced(scalar, value)
        plan = step.plan
        assert plan is not None
        if not step.many:
            return self.object(plan, value, path)
        items: list[dict[str, Any] | None] = []
        for index, item in enumerate(value):
            if item is not None:
                items.append(self.object(plan, item, Path(path, index, None)))
            elif step.item_non_null:
                raise Unplanned
            else:
                items.append(None)
        return items


def _coerced(kind: GraphQLLeafType, value: Any) -> Any:
    coerced = kind.coerce_output_value(value)
    if coerced is None or coerced is Undefined:
        raise Unplanned  # graphql-core's completion says why
    return coerced


def _leaves(step: Step, kind: GraphQLLeafType, values: Any) -> list[Any]:
    items: list[Any] = []
    for value in values:
        if value is not None:
            items.append(_coerced(kind, value))
        elif step.item_non_null:
            raise Unplanned
        else:
            items.append(None)
    return items


async def run_plan(compiled: Compiled, executor: Any) -> ExecutionResult:
    """The answer of `compiled`, with `executor` (graphql-core's, built for this request)
    giving the fields it resolves their resolve info and arguments. Raises whatever stops it
    (Unplanned, or a resolver's exception): graphql-core is then to answer."""
    run = _Run(executor)
    try:
        return ExecutionResult(data=await run.answer(compiled))
    finally:
        for _, _, _, value in run.waiting:  # left by an exception: never to be awaited
            if asyncio.iscoroutine(value):
                value.close()


# What graphql-core's execute takes that its executor's `build` does not, or by another name.
_NOT_BUILT = frozenset({"executor_class", "variable_values"})


class PlannedExecution:
    """An execute function for Strawberry (in place of graphql-core's) that runs compiled
    plans for the operations they cover, and graphql-core's execution for every other."""

    def __init__(self) -> None:
        # By the document object, which the parse cache hands out again for the same text;
        # the entry keeps the document alive, so its id is not reused while remembered.
        self.plans: Memo[tuple[DocumentNode, Compiled | None]] = Memo()
        # How operations ran: "planned", "unplanned" (no plan covers them) or "again" (a
        # plan met what it does not cover, and graphql-core ran the operation again).
        self.runs: Counter[str] = Counter()

    def plan_of(
        self, schema: GraphQLSchema, document: DocumentNode, operation_name: str | None
    ) -> Compiled | None:
        entry = self.plans.get(
            (id(document), operation_name),
            lambda: (document, compile_operation(schema, document, operation_name)),
        )
        return entry[1]

    def __call__(self, schema: GraphQLSchema, document: DocumentNode, **options: Any) -> Any:
        compiled = self.plan_of(schema, document, options.get("operation_name"))
        middleware = options.get("middleware")
        if (
            compiled is None
            or "executor_class" not in options
            or (middleware is not None and middleware.middlewares)  # it is to see every field
        ):
            self.runs["unplanned"] += 1
            return graphql_execute(schema, document, **options)
        return self._run(compiled, schema, document, options)

    async def _run(
        self,
        compiled: Compiled,
        schema: GraphQLSchema,
        document: DocumentNode,
        options: dict[str, Any],
    ) -> ExecutionResult:
        built = {key: value for key, value in options.items() if key not in _NOT_BUILT}
        executor = options["executor_class"].build(
            schema, document, raw_variable_values=options.get("variable_values"), **built
        )
        if isinstance(executor, list):  # the variables' errors, graphql-core's to answer
            self.runs["unplanned"] += 1
            return await _result(graphql_execute(schema, document, **options))
        try:
            result = await run_plan(compiled, executor)
        except Exception:  # graphql-core answers it, with its errors
            self.runs["again"] += 1
            return await _result(graphql_execute(schema, document, **options))
        self.runs["planned"] += 1
        return result


async def _result(value: Awaitable[ExecutionResult] | ExecutionResult) -> ExecutionResult:
    if isinstance(value, ExecutionResult):
        return value
    return await value
