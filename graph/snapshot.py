"""One moment per query: a query operation reads in one snapshot of the database."""

from __future__ import annotations

from collections.abc import AsyncIterator

from strawberry.extensions import SchemaExtension
from strawberry.types.graphql import OperationType

from models.snapshot import read_snapshot


class ReadSnapshot(SchemaExtension):
    """Runs each query operation in one read snapshot (models.snapshot), so that its objects,
    their lines and payments and a connection's totalCount, read by separate batched queries,
    all show one committed state. Mutations are not wrapped: each writes in its own
    transaction and answers with what that transaction wrote."""

    async def on_execute(self) -> AsyncIterator[None]:
        if self.execution_context.operation_type is OperationType.QUERY:
            async with read_snapshot():
                yield
        else:
            yield
