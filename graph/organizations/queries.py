"""Root query fields of organizations."""

from __future__ import annotations

import strawberry

from graph.context import Info
from graph.organizations.types import Organization, Viewer


@strawberry.type
class OrganizationQueries:
    @strawberry.field(description="The caller's organization and settings.")
    def viewer(self, info: Info) -> Viewer:
        return Viewer(
            organization=Organization.from_model(info.context.organization),
            api_key_id=strawberry.ID(info.context.api_key.id),
        )
