"""GraphQL types of API keys."""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import cast

import strawberry

from billing.access import KEY_SCOPES, Permission
from billing.apikeys import scopes_of
from graph.node import Node
from models import ApiKey as ApiKeyModel

# The scopes a key may be given, as GraphQL names them (DOCUMENTS_READ for documents:read).
ApiKeyScope = strawberry.enum(
    cast(
        "type[Enum]",
        Enum(
            "ApiKeyScope",
            {
                scope.name: strawberry.enum_value(scope.value, description=f"May {scope.action}.")
                for scope in sorted(KEY_SCOPES)
            },
        ),
    ),
    description="What an API key may do. A scope that writes includes the matching read.",
)


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
    full_access: bool = strawberry.field(
        description="True for a key made without scopes: it may do everything but make owners."
    )
    scopes: list[Permission] = strawberry.field(
        description="What the key may do (every scope, for a key with full access).",
        graphql_type=list[ApiKeyScope],  # type: ignore[valid-type]
    )

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
            full_access=row.scopes is None,
            scopes=sorted(scopes_of(row) or KEY_SCOPES),
        )
