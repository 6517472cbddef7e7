"""Payload types shared by several mutations."""

from __future__ import annotations

import strawberry

from graph.errors import Error


@strawberry.type(description="The result of deleting something.")
class DeletePayload:
    deleted_id: strawberry.ID | None = strawberry.field(
        description="The id of what was deleted; null when nothing was."
    )
    errors: list[Error] = strawberry.field(description="Why nothing was deleted, if so.")
