"""The schema, assembled from the per-domain pieces."""

from __future__ import annotations

import strawberry

from graph.organizations.queries import OrganizationQueries


@strawberry.type(description="Everything an API key can read.")
class Query(OrganizationQueries):
    pass


schema = strawberry.Schema(query=Query)
