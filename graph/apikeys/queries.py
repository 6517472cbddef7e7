"""Root query fields of API keys."""

from __future__ import annotations

import strawberry

from billing import apikeys
from graph.apikeys.types import ApiKey
from graph.context import Info
from graph.pagination import After, Before, Connection, First, Last, window


@strawberry.type
class ApiKeyQueries:
    @strawberry.field(description="The organization's API keys, newest first, revoked included.")
    async def api_keys(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[ApiKey]:
        page = await apikeys.window_api_keys(
            info.context.organization, window(first, after, last, before)
        )
        return Connection.of(page, ApiKey.from_model)
