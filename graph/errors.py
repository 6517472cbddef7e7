"""Errors as the API shows them: payload errors of mutations, and top-level errors with a
code in `extensions`. Unexpected exceptions reach no client: they are logged and masked."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Iterator
from contextlib import aclosing
from enum import Enum
from typing import TypeVar, cast

import strawberry
from graphql import GraphQLError, GraphQLSyntaxError
from strawberry.extensions import SchemaExtension
from strawberry.schema.schema import StreamResult
from strawberry.types import ExecutionResult

from billing.errors import DomainError
from billing.errors import ErrorCode as DomainCode
from graph.context import Info

log = logging.getLogger("invoicegraph.graphql")

T = TypeVar("T")


# GraphQL's enum of the domain's codes, derived from the one list of them (billing/errors.py):
# the same names and values, described by their descriptions. Payload errors hold the domain's
# codes themselves (graphql-core finds each by its value), so nothing converts between them.
# (The cast: mypy cannot type Enum's functional form unless its members are written out.)
ErrorCode = strawberry.enum(
    cast(
        "type[Enum]",
        Enum(
            "ErrorCode",
            {
                code.name: strawberry.enum_value(code.value, description=code.description)
                for code in DomainCode
            },
        ),
    ),
    description="Stable, machine-readable error codes, shared with REST.",
)


# Codes of top-level errors that only GraphQL makes. Like the refusals of a whole request
# (gateway/codes.py), they are not payload errors, so they are not values of `ErrorCode`.
PARSE_FAILED = "GRAPHQL_PARSE_FAILED"
VALIDATION_FAILED = "GRAPHQL_VALIDATION_FAILED"
INTERNAL = "INTERNAL_SERVER_ERROR"
QUERY_TOO_COSTLY = "QUERY_TOO_COSTLY"


@strawberry.type(description="Why a mutation did not happen.")
class Error:
    code: DomainCode = strawberry.field(
        description="A stable machine-readable code.", graphql_type=ErrorCode
    )
    message: str = strawberry.field(description="What went wrong, in words for a developer.")
    field: str | None = strawberry.field(
        description="The input field at fault (camelCase, with list indexes), if one is."
    )

    @classmethod
    def from_domain(cls, error: DomainError) -> Error:
        """The payload error for a domain error."""
        return cls(code=error.code, message=error.message, field=error.field)


async def attempt(info: Info, action: Callable[[], Awaitable[T]]) -> tuple[T | None, list[Error]]:
    """Run a mutation's action: its result, or the domain error it raised as payload errors.
    What the request's loaders hold may be stale afterwards, so they start afresh."""
    try:
        return await action(), []
    except DomainError as exc:
        return None, [Error.from_domain(exc)]
    finally:
        info.context.forget_loaded()


def _coded(error: GraphQLError) -> GraphQLError:
    original = error.original_error
    if isinstance(original, DomainError):
        extensions = {"code": original.code.value, "field": original.field}
        message = original.message
    elif error.path is None:
        # Parsing, validation, variable coercion and our own refusals (which carry their
        # code already): the message is about the request.
        code = (error.extensions or {}).get("code") or (
            PARSE_FAILED if isinstance(error, GraphQLSyntaxError) else VALIDATION_FAILED
        )
        extensions = {"code": code}
        message = error.message
    else:
        log.error("Unexpected error in %s", ".".join(map(str, error.path)), exc_info=original)
        extensions = {"code": INTERNAL}
        message = "Internal server error"
    return GraphQLError(
        message,
        nodes=error.nodes,
        source=error.source,
        positions=error.positions,
        path=error.path,
        extensions={**(error.extensions or {}), **extensions},
    )


async def coded_stream(source: StreamResult) -> StreamResult:
    """`source`'s results (a subscription's), each one's errors coded as ErrorCodes codes
    an operation's."""
    async with aclosing(source):
        async for result in source:
            if isinstance(result, ExecutionResult) and result.errors:
                result.errors = [_coded(error) for error in result.errors]
            yield result


class ErrorCodes(SchemaExtension):
    """Gives every top-level error a code, and masks unexpected ones (no trace, SQL or path)."""

    def on_operation(self) -> Iterator[None]:
        yield
        result = self.execution_context.result
        if result is not None and result.errors:
            result.errors = [_coded(error) for error in result.errors]
