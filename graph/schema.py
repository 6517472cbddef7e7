"""The schema, assembled from the per-domain pieces, and its protections."""

from __future__ import annotations

import strawberry
from graphql import GraphQLError
from strawberry.extensions import MaxAliasesLimiter, MaxTokensLimiter, QueryDepthLimiter
from strawberry.printer import print_schema
from strawberry.schema.config import StrawberryConfig
from strawberry.types import ExecutionContext

from graph.apikeys.mutations import ApiKeyMutations
from graph.apikeys.queries import ApiKeyQueries
from graph.apikeys.types import ApiKey
from graph.clients.mutations import ClientMutations
from graph.clients.queries import ClientQueries
from graph.cost import QueryCost
from graph.documents.links import DocumentLinkMutations
from graph.documents.mutations import DocumentMutations
from graph.documents.queries import DocumentQueries
from graph.documents.sending import DocumentSendMutations
from graph.documents.types import Estimate, Invoice
from graph.errors import ErrorCodes
from graph.expansion import MaxSpreadSelections
from graph.nodes import NodeQueries
from graph.organizations.mutations import OrganizationMutations
from graph.organizations.queries import OrganizationQueries
from graph.payments.mutations import PaymentMutations
from graph.payments.queries import PaymentQueries
from graph.scalars import SCALAR_OVERRIDES
from graph.snapshot import ReadSnapshot

MAX_DEPTH = 10
MAX_ALIASES = 30
MAX_TOKENS = 5000


@strawberry.type(description="Everything an API key can read, all of it its organization's.")
class Query(
    OrganizationQueries,
    ClientQueries,
    DocumentQueries,
    PaymentQueries,
    ApiKeyQueries,
    NodeQueries,
):
    pass


@strawberry.type(description="Every change an API key can make, each with a payload of errors.")
class Mutation(
    OrganizationMutations,
    ClientMutations,
    DocumentMutations,
    DocumentLinkMutations,
    DocumentSendMutations,
    PaymentMutations,
    ApiKeyMutations,
):
    pass


class Schema(strawberry.Schema):
    """Strawberry's schema, minus its logging of every error as a server error: most are
    the caller's (validation, not found) and `ErrorCodes` logs those that are ours."""

    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        return


schema = Schema(
    query=Query,
    mutation=Mutation,
    # Reachable only through `node` (an interface), so named here to be in the schema.
    types=[Invoice, Estimate, ApiKey],
    scalar_overrides=SCALAR_OVERRIDES,
    config=StrawberryConfig(auto_camel_case=True),
    extensions=[
        MaxSpreadSelections,
        lambda: QueryDepthLimiter(max_depth=MAX_DEPTH),
        lambda: MaxAliasesLimiter(max_alias_count=MAX_ALIASES),
        lambda: MaxTokensLimiter(max_token_count=MAX_TOKENS),
        QueryCost,
        ReadSnapshot,
        ErrorCodes,
    ],
)


def sdl() -> str:
    """The schema in SDL, as committed in schema.graphql."""
    return print_schema(schema) + "\n"
