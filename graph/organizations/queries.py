"""Root query fields of organizations."""

from __future__ import annotations

import strawberry

from graph.context import Info
from graph.organizations.types import Organization
from graph.people.types import MemberRole, User, Viewer


@strawberry.type
class OrganizationQueries:
    @strawberry.field(description="The caller's organization and settings.")
    def viewer(self, info: Info) -> Viewer:
        key, member = info.context.api_key, info.context.principal.membership
        return Viewer(
            organization=Organization.from_model(info.context.organization),
            api_key_id=None if key is None else strawberry.ID(key.id),
            user=None if member is None else User.from_model(member.user),
            role=None if member is None else MemberRole(member.role.value),
        )
