"""Root query fields of people."""

from __future__ import annotations

import strawberry

from billing import people
from graph.context import Info
from graph.people.types import Membership


@strawberry.type
class PeopleQueries:
    @strawberry.field(description="The organization's members, oldest first (the first 100).")
    async def members(self, info: Info) -> list[Membership]:
        rows = await people.list_members(info.context.organization)
        return [Membership.from_model(row) for row in rows]
