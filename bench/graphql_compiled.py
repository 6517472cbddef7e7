"""A prototype, not served: a validated GraphQL query compiled into a plan that builds its
answer directly, measured against graphql-core's execution of the same document.

The plan of an operation is made once per cached document: for each selection set, its
fields in answer order, each either a `Leaf` (graph/resolvers.py: read from the object and
coerced by its type) or an object, or a list of objects, with its own plan. Running it calls
the root fields' resolvers as graphql-core does (with their resolve info, so that look-ahead
and the loaders work unchanged, all of them before any is awaited), then walks the plans,
writing each answer's dicts with no resolve info, path, awaitable check or completion chain
per field. Whatever the plan does not cover is left to graphql-core, for the whole operation:

- when compiling: directives, fragments with type conditions other than their parent,
  abstract types (interfaces, unions), lists of scalars, arguments below the root, a
  response key selected twice, a field below the root whose resolver is not a direct one
  (an async field, or one with arguments or extensions);
- when running (only queries, which read): a null where the schema says non-null, an
  exception, a value to await below the root (a field the look-ahead did not preload);
  graphql-core then runs the operation from the start, and answers with its own errors.

    .venv/bin/python -m bench.graphql_compiled [--requests 400]            # in-process
    .venv/bin/python -m bench.graphql_compiled --server [--rounds 3]       # through HTTP

In-process it checks that the plan answers exactly what graphql-core answers for the
bench's query and the look-ahead tests' queries, then times both per request (the whole
request through the ASGI app, and the execution alone). With `--server` it runs bench.api's
floor and GraphQL target against a server whose schema runs compiled plans.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import json
import os
import pstats
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, MutableMapping, Sequence
from dataclasses import dataclass
from pathlib import Path as FilePath
from typing import Any

from graphql import (
    DocumentNode,
    ExecutionResult,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLField,
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
from graphql.execution import execute as graphql_execute
from graphql.execution.values import get_argument_values
from graphql.language import parse
from graphql.pyutils import Path
from strawberry.execution.is_awaitable import optimized_is_awaitable

from graph.resolvers import Leaf


class Unplanned(Exception):
    """What the plan does not cover, met while running it: graphql-core answers instead."""


@dataclass(frozen=True, slots=True)
class Step:
    """One field of a selection set: how its value is got and completed."""

    key: str  # its response key
    name: str
    definition: GraphQLField
    parent: GraphQLObjectType
    nodes: list[FieldNode]
    non_null: bool
    leaf: Leaf | None  # a scalar or an enum, read directly
    many: bool  # a list of objects
    item_non_null: bool
    plan: Plan | None  # what is selected on its object(s)


Plan = tuple[Step, ...]


def _unwrap(kind: GraphQLOutputType) -> tuple[bool, GraphQLOutputType]:
    if isinstance(kind, GraphQLNonNull):
        return True, kind.of_type
    return False, kind


class _Compiler:
    def __init__(self, schema: GraphQLSchema, document: DocumentNode) -> None:
        self.schema = schema
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

    def plan(
        self, selection_set: SelectionSetNode, parent: GraphQLObjectType, root: bool
    ) -> Plan | None:
        nodes = self.fields(selection_set, parent)
        if nodes is None:
            return None
        keys = [(node.alias or node.name).value for node in nodes]
        if len(set(keys)) != len(keys):
            return None  # merging fields is graphql-core's
        steps = []
        for key, node in zip(keys, nodes, strict=True):
            step = self.step(key, node, parent, root)
            if step is None:
                return None
            steps.append(step)
        return tuple(steps)

    def step(self, key: str, node: FieldNode, parent: GraphQLObjectType, root: bool) -> Step | None:
        name = node.name.value
        if name.startswith("__"):
            return None
        definition = parent.fields[name]
        resolve = definition.resolve
        if not root and (
            node.arguments
            or resolve is None
            or getattr(resolve, "__module__", None) != "graph.resolvers"
        ):
            return None
        non_null, kind = _unwrap(definition.type)
        many, item_non_null = False, False
        if isinstance(kind, GraphQLList):
            many = True
            item_non_null, kind = _unwrap(kind.of_type)
        if isinstance(resolve, Leaf) and not many and not root:
            return Step(
                key, name, definition, parent, [node], non_null, resolve, False, False, None
            )
        if not isinstance(kind, GraphQLObjectType) or node.selection_set is None:
            return None  # lists of scalars, interfaces, unions
        plan = self.plan(node.selection_set, kind, False)
        if plan is None:
            return None
        return Step(
            key, name, definition, parent, [node], non_null, None, many, item_non_null, plan
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
    """The plan of the named query operation of a validated `document`, or None when the
    plan would not cover it (see the module's docstring)."""
    operation = get_operation_ast(document, operation_name)
    if operation is None or operation.operation is not OperationType.QUERY:
        return None
    if operation.directives:
        return None
    root = schema.query_type
    if root is None:
        return None
    plan = _Compiler(schema, document).plan(operation.selection_set, root, True)
    return None if plan is None else Compiled(operation, root, plan)


def _complete_object(plan: Plan, source: Any, executor: Any, path: Path | None) -> dict[str, Any]:
    answer: dict[str, Any] = {}
    for step in plan:
        leaf = step.leaf
        if leaf is not None:
            value = leaf.value(source)
            if value is None:
                if step.non_null:
                    raise Unplanned
                answer[step.key] = None
                continue
            coerced = leaf.kind.coerce_output_value(value)
            if coerced is None or coerced is Undefined:
                raise Unplanned
            answer[step.key] = coerced
            continue
        field_path = Path(path, step.key, step.parent.name)
        info = executor.build_resolve_info(step.definition, step.nodes, step.parent, field_path)
        assert step.definition.resolve is not None
        value = step.definition.resolve(source, info)
        answer[step.key] = _complete(step, value, executor, field_path)
    return answer


def _complete(step: Step, value: Any, executor: Any, path: Path) -> Any:
    if executor.is_awaitable(value):
        if hasattr(value, "close"):
            value.close()
        raise Unplanned
    if value is None:
        if step.non_null:
            raise Unplanned
        return None
    assert step.plan is not None
    if not step.many:
        return _complete_object(step.plan, value, executor, path)
    items: list[dict[str, Any] | None] = []
    for index, item in enumerate(value):
        if item is None:
            if step.item_non_null:
                raise Unplanned
            items.append(None)
        else:
            items.append(_complete_object(step.plan, item, executor, Path(path, index, None)))
    return items


async def run_compiled(compiled: Compiled, executor: Any) -> ExecutionResult:
    """The answer of `compiled`, with `executor` (graphql-core's, built for this request)
    giving the root fields their resolve info; Unplanned when the plan does not cover it."""
    root_value = executor.root_value
    pending: list[tuple[Step, Path, Any]] = []
    for step in compiled.plan:
        path = Path(None, step.key, compiled.root.name)
        info = executor.build_resolve_info(step.definition, step.nodes, compiled.root, path)
        arguments = get_argument_values(step.definition, step.nodes[0], executor.variable_values)
        resolve = step.definition.resolve
        assert resolve is not None
        pending.append((step, path, resolve(root_value, info, **arguments)))
    # All root fields asked for before any is awaited, as graphql-core gathers them.
    values = await asyncio.gather(
        *(_awaited(value, executor) for _, _, value in pending), return_exceptions=True
    )
    data: dict[str, Any] = {}
    for (step, path, _), value in zip(pending, values, strict=True):
        if isinstance(value, BaseException):
            raise Unplanned from value
        data[step.key] = _complete(step, value, executor, path)
    return ExecutionResult(data=data)


async def _awaited(value: Any, executor: Any) -> Any:
    return await value if executor.is_awaitable(value) else value


class CompiledExecution:
    """An execute function for Strawberry's schema (in place of graphql-core's) that runs
    compiled plans for the documents they cover, and graphql-core for everything else."""

    def __init__(self) -> None:
        self.plans: dict[tuple[int, str | None], tuple[DocumentNode, Compiled | None]] = {}
        self.compiled_runs = 0
        self.fallbacks = 0

    def plan_of(
        self, schema: GraphQLSchema, document: DocumentNode, operation_name: str | None
    ) -> Compiled | None:
        # By the document object, which the parse cache hands out again for the same text
        # (and which the entry keeps alive, so its id is not reused).
        key = (id(document), operation_name)
        entry = self.plans.get(key)
        if entry is None:
            entry = self.plans[key] = (
                document,
                compile_operation(schema, document, operation_name),
            )
        return entry[1]

    def __call__(self, schema: GraphQLSchema, document: DocumentNode, **kwargs: Any) -> Any:
        compiled = self.plan_of(schema, document, kwargs.get("operation_name"))
        if compiled is None:
            return graphql_execute(schema, document, **kwargs)
        return self._run(compiled, schema, document, kwargs)

    async def _run(
        self,
        compiled: Compiled,
        schema: GraphQLSchema,
        document: DocumentNode,
        kwargs: dict[str, Any],
    ) -> ExecutionResult:
        executor_class = kwargs["executor_class"]
        executor = executor_class.build(
            schema,
            document,
            kwargs.get("root_value"),
            kwargs.get("context_value"),
            kwargs.get("variable_values"),
            kwargs.get("operation_name"),
            middleware=kwargs.get("middleware"),
            is_awaitable=kwargs.get("is_awaitable"),
            operation_extensions=kwargs.get("operation_extensions"),
        )
        middleware = kwargs.get("middleware")
        if isinstance(executor, list) or (middleware is not None and middleware.middlewares):
            return await _maybe(graphql_execute(schema, document, **kwargs))
        try:
            result = await run_compiled(compiled, executor)
        except Unplanned:
            self.fallbacks += 1
            return await _maybe(graphql_execute(schema, document, **kwargs))
        self.compiled_runs += 1
        return result


async def _maybe(value: Any) -> ExecutionResult:
    result: ExecutionResult = await value if isinstance(value, Awaitable) else value
    return result


def install(execution: CompiledExecution | None = None) -> CompiledExecution:
    """Make graph.schema's schema run compiled plans (in this process only)."""
    from graph.schema import schema

    execution = execution or CompiledExecution()
    schema._get_execute_function = lambda: execution  # type: ignore[method-assign]
    return execution


def server_app() -> Any:
    """bench.api's server app, its schema running compiled plans."""
    from bench import api

    install()
    return api.server_app()


def lookahead_queries() -> list[str]:
    """What the look-ahead tests ask (tests/graph/test_lookahead.py), with an aliased page
    and the bench's own query."""
    from tests.graph.test_lookahead import NESTED, SHAPES

    aliased = """{ list: invoices(first: 20) {
        numbers: edges { node { n: number } }
        contents: edges { item: node { who: client { name } lines: lineItems { description } } }
    } }"""
    return [*SHAPES.values(), NESTED, aliased]


def _seeded() -> tuple[str, str]:
    """A database seeded as bench.api seeds it, and its API key, seeded in a process of its
    own: seeding opens and closes Tortoise, which the app then opens again."""
    folder = FilePath(tempfile.mkdtemp(prefix="invoicegraph-compiled-"))
    url = os.environ.get("DATABASE_URL") or f"sqlite://{folder / 'bench.sqlite3'}"
    seeded = subprocess.check_output(
        [
            sys.executable,
            "-c",
            f"import asyncio, json; from bench import api; "
            f"print(json.dumps(asyncio.run(api.seed({url!r}, 200))))",
        ],
        env={**os.environ, "PYTHONPATH": os.getcwd()},
    )
    _, _, secret = json.loads(seeded)
    return url, secret


async def _in_process(requests: int, url: str, secret: str) -> None:
    from bench import api

    os.environ.update({"DATABASE_URL": url, "RATE_LIMIT_ENABLED": "false"})
    app = api.server_app()
    from graph.schema import schema

    graphql_core = schema._get_execute_function
    execution = CompiledExecution()

    async def post(query: str) -> bytes:
        body = json.dumps({"query": query}).encode()
        scope = {
            "type": "http",
            "method": "POST",
            "path": "/graphql",
            "raw_path": b"/graphql",
            "query_string": b"",
            "http_version": "1.1",
            "scheme": "http",
            "server": ("127.0.0.1", 80),
            "client": ("127.0.0.1", 1),
            "root_path": "",
            "headers": [
                (b"authorization", f"Bearer {secret}".encode()),
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
            ],
        }
        sent = False
        chunks: list[bytes] = []

        async def receive() -> dict[str, Any]:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            await asyncio.Event().wait()
            raise AssertionError

        async def send(message: MutableMapping[str, Any]) -> None:
            if message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))

        await app(scope, receive, send)
        return b"".join(chunks)

    def use(compiled: bool) -> None:
        schema._get_execute_function = (lambda: execution) if compiled else graphql_core  # type: ignore[method-assign]

    async with app.router.lifespan_context(app):
        for query in (api.GRAPHQL_QUERY, *lookahead_queries()):
            use(False)
            expected = json.loads(await post(query))
            use(True)
            before = execution.compiled_runs
            answer = json.loads(await post(query))
            assert answer == expected, (query, answer, expected)
            how = "compiled" if execution.compiled_runs > before else "graphql-core"
            print(f"same answer ({how}): {' '.join(query.split())[:70]}")
        timings: dict[bool, list[float]] = {False: [], True: []}
        for block in range(16):
            for compiled in (False, True) if block % 2 else (True, False):
                use(compiled)
                started = time.process_time()
                for _ in range(requests // 16):
                    await post(api.GRAPHQL_QUERY)
                timings[compiled].append((time.process_time() - started) * 1000 / (requests // 16))
        calls: dict[bool, float] = {}
        for compiled in (False, True):
            use(compiled)
            profile = cProfile.Profile()
            profile.enable()
            for _ in range(10):
                await post(api.GRAPHQL_QUERY)
            profile.disable()
            calls[compiled] = pstats.Stats(profile).total_calls / 10  # type: ignore[attr-defined]
        execute_only = await _execute_only(schema, execution)
    for compiled, label in ((False, "graphql-core"), (True, "compiled plan")):
        print(
            f"{label:14} whole request {statistics.median(timings[compiled]):.2f} ms CPU "
            f"(min {min(timings[compiled]):.2f}); execution alone {execute_only[compiled]:.2f} ms; "
            f"{calls[compiled] / 1000:.1f}k Python calls a request"
        )


async def _execute_only(schema: Any, execution: CompiledExecution) -> dict[bool, float]:
    """CPU ms of one execution of the bench query (its root resolver's reads included), by
    graphql-core or the plan, outside HTTP and Strawberry's extensions."""
    from bench import api
    from billing.plans import Plans
    from gateway.auth import Principal
    from graph.context import Context
    from models import ApiKey
    from models.snapshot import read_snapshot

    document = parse(api.GRAPHQL_QUERY)
    key = await ApiKey.all().select_related("organization").first()
    assert key is not None
    options: dict[str, Any] = {
        "is_awaitable": optimized_is_awaitable,
        "executor_class": schema.execution_context_class,
    }

    times: dict[bool, list[float]] = {False: [], True: []}
    for turn in range(120):
        compiled = turn % 2 == 1
        context = Context(
            request=None,  # type: ignore[arg-type]
            response=None,
            caller=Principal(key.organization, api_key=key),
            max_cost=10_000,
            public_base_url="http://localhost",
            mailer=None,  # type: ignore[arg-type]
            plans=Plans.load(None),
            people=None,  # type: ignore[arg-type]
        )
        started = time.process_time()
        async with read_snapshot():
            run = execution if compiled else graphql_execute
            result = await _maybe(
                run(
                    schema._schema,
                    document,
                    context_value=context,
                    **options,
                )
            )
        times[compiled].append((time.process_time() - started) * 1000)
        assert not result.errors, result.errors
    return {compiled: statistics.median(spent) for compiled, spent in times.items()}


async def _through_server(rounds: int, seconds: float) -> None:
    from bench import api, wrk
    from bench.server import uvicorn

    with tempfile.TemporaryDirectory(prefix="invoicegraph-compiled-") as folder:
        workdir = FilePath(folder)
        url = os.environ.get("DATABASE_URL") or f"sqlite://{workdir / 'bench.sqlite3'}"
        org_id, timezone, secret = await api.seed(url, 200)
        env = {"DATABASE_URL": url, "RATE_LIMIT_ENABLED": "false"}
        pair = api.pairs(org_id, timezone, secret)[0]
        results: dict[str, list[api.Figures]] = {"floor": [], "target": []}
        async with uvicorn("bench.graphql_compiled:server_app", env) as server:
            await api.check_floors(server.base, [pair])
            scripts = {
                role: (target, wrk.script(target, workdir, role))
                for role, target in (("floor", pair.floor), ("target", pair.target))
            }
            for role in scripts:
                await api.measure(server, *scripts[role], seconds=1, connections=16)
            for number in range(rounds):
                for role in ("floor", "target") if number % 2 == 0 else ("target", "floor"):
                    results[role].append(
                        await api.measure(server, *scripts[role], seconds=seconds, connections=16)
                    )
    floors, targets = results["floor"], results["target"]
    ratios = [f.server_ms / t.server_ms for f, t in zip(floors, targets, strict=True)]
    floor_ms = statistics.median([f.server_ms for f in floors])
    target_ms = statistics.median([t.server_ms for t in targets])
    rounds_text = " ".join(f"{ratio:.2f}" for ratio in ratios)
    print(
        f"through HTTP ({url.split(':')[0]}): floor {floor_ms:.2f} ms/req, compiled GraphQL "
        f"{target_ms:.2f} ms/req, ratio CPU {statistics.median(ratios):.2f} (rounds: {rounds_text})"
    )


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--server", action="store_true", help="through HTTP, with wrk")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=3)
    args = parser.parse_args(argv)
    if args.server:
        asyncio.run(_through_server(args.rounds, args.seconds))
    else:
        asyncio.run(_in_process(args.requests, *_seeded()))


if __name__ == "__main__":
    main()
