"""GraphQL types of API keys."""

from __future__ import annotations

from datetime import datetime

import strawberry

from graph.node import Node
from models import ApiKey as ApiKeyModel


@strawberry.type(description="An API key of the organization. Its secret is never shown again.")
class ApiKey(Node):
    name: str = strawberry.field(description="A label to recognise it by.")
    prefix: str = strawberry.field(description="The first characters of the secret.")
    created_at: datetime = strawberry.field(description="When it was created.")
    last_used_at: datetime | None = strawberry.field(
        description="When it was last used (to the minute)."
    )
    revoked_at: datetime | None = strawberry.field(description="When it was revoked.")
    is_active: bool = strawberry.field(description="False once revoked.")

    @classmethod
    def from_model(cls, row: ApiKeyModel) -> ApiKey:
        """The GraphQL view of a key row (never its hash)."""
        return cls(
            id=strawberry.ID(row.id),
            name=row.name,
            prefix=row.prefix,
            created_at=row.created_at,
            last_used_at=row.last_used_at,
            revoked_at=row.revoked_at,
            is_active=row.revoked_at is None,
        )
