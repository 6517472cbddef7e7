"""The schema, assembled from the per-domain pieces."""

from __future__ import annotations

import strawberry
from strawberry.printer import print_schema

from graph.organizations.queries import OrganizationQueries


@strawberry.type(description="Everything an API key can read.")
class Query(OrganizationQueries):
    pass


schema = strawberry.Schema(query=Query)


def sdl() -> str:
    """The schema in SDL, as committed in schema.graphql."""
    return print_schema(schema) + "\n"
