"""The schema, assembled from the per-domain pieces, and its protections."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

import strawberry
from graphql import GraphQLError
from strawberry.extensions import (
    AddValidationRules,
    MaxTokensLimiter,
    ParserCache,
    ValidationCache,
    max_aliases,
    query_depth_limiter,
)
from strawberry.printer import print_schema
from strawberry.schema.config import StrawberryConfig
from strawberry.schema.schema import StreamResult
from strawberry.types import ExecutionContext
from strawberry.types.graphql import OperationType

from graph.apikeys.mutations import ApiKeyMutations
from graph.apikeys.queries import ApiKeyQueries
from graph.apikeys.types import ApiKey
from graph.clients.mutations import ClientMutations
from graph.clients.queries import ClientQueries
from graph.cost import QueryCost
from graph.credit_notes.mutations import CreditNoteMutations
from graph.credit_notes.queries import CreditNoteQueries
from graph.documents.links import DocumentLinkMutations
from graph.documents.mutations import DocumentMutations
from graph.documents.queries import DocumentQueries
from graph.documents.sending import DocumentSendMutations
from graph.documents.types import Estimate, Invoice
from graph.einvoices.queries import EInvoiceQueries
from graph.errors import ErrorCodes, coded_stream
from graph.events.queries import EventQueries
from graph.events.subscriptions import Subscription
from graph.execution import Executor
from graph.expansion import MaxSpreadSelections
from graph.memo import CACHED_DOCUMENTS
from graph.nodes import NodeQueries
from graph.organizations.mutations import OrganizationMutations
from graph.organizations.queries import OrganizationQueries
from graph.payments.mutations import PaymentMutations
from graph.payments.queries import PaymentQueries
from graph.people.mutations import PeopleMutations
from graph.people.queries import PeopleQueries
from graph.plans import PlannedExecution
from graph.recurring.mutations import RecurringMutations
from graph.recurring.queries import RecurringQueries
from graph.reminders.mutations import ReminderMutations
from graph.reminders.queries import ReminderQueries
from graph.resolvers import resolve_directly
from graph.scalars import SCALAR_OVERRIDES
from graph.snapshot import ReadSnapshot
from graph.tax_rates.mutations import TaxRateMutations
from graph.tax_rates.queries import TaxRateQueries
from graph.webhooks.mutations import WebhookMutations
from graph.webhooks.queries import WebhookQueries

MAX_DEPTH = 10
MAX_ALIASES = 30
MAX_TOKENS = 5000


class Limits(AddValidationRules):
    """The depth and alias limits, as validation rules built once: Strawberry's limiters make
    a new rule class per request, which no validation cache would ever find again."""

    RULES = (
        query_depth_limiter.create_validator(MAX_DEPTH, None, None),
        max_aliases.create_validator(MAX_ALIASES),
    )

    def __init__(self) -> None:
        super().__init__(list(self.RULES))


class CachedParsing(ParserCache):
    """Strawberry's parser cache, except that a document that does not parse is left to
    Strawberry's own parsing, which answers the error as the caller's (a cache's exception
    would escape as ours)."""

    def __init__(self) -> None:
        super().__init__(maxsize=CACHED_DOCUMENTS)

    def on_parse(self) -> Iterator[None]:
        try:
            yield from super().on_parse()
        except GraphQLError:
            yield


class CachedValidation(ValidationCache):
    """Strawberry's validation cache, except for a document refused already before
    validation (MaxSpreadSelections): that refusal stands, and the document is not walked."""

    def __init__(self) -> None:
        super().__init__(maxsize=CACHED_DOCUMENTS)

    def on_validate(self) -> Iterator[None]:
        if self.execution_context.pre_execution_errors is None:
            yield from super().on_validate()
        else:
            yield


@strawberry.type(
    description="Everything a key or a signed-in member can read, all of it its organization's."
)
class Query(
    OrganizationQueries,
    ClientQueries,
    DocumentQueries,
    RecurringQueries,
    ReminderQueries,
    PaymentQueries,
    CreditNoteQueries,
    TaxRateQueries,
    EInvoiceQueries,
    EventQueries,
    WebhookQueries,
    ApiKeyQueries,
    PeopleQueries,
    NodeQueries,
):
    pass


@strawberry.type(description="Every change a caller can make, each with a payload of errors.")
class Mutation(
    OrganizationMutations,
    ClientMutations,
    DocumentMutations,
    DocumentLinkMutations,
    DocumentSendMutations,
    RecurringMutations,
    ReminderMutations,
    PaymentMutations,
    CreditNoteMutations,
    TaxRateMutations,
    ApiKeyMutations,
    PeopleMutations,
    WebhookMutations,
):
    pass


class Schema(strawberry.Schema):
    """Strawberry's schema, minus its logging of every error as a server error (most are
    the caller's: validation, not found; `ErrorCodes` logs those that are ours), and with
    its plain fields resolved directly (graph/resolvers.py, graph/execution.py) and the
    queries they cover run as compiled plans (graph/plans.py)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        resolve_directly(self)
        self.planned = PlannedExecution()

    def _get_execute_function(self) -> Callable[..., Any]:
        return self.planned

    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        return

    async def stream(
        self,
        query: str | None,
        variable_values: dict[str, Any] | None = None,
        context_value: Any | None = None,
        root_value: Any | None = None,
        operation_name: str | None = None,
        operation_extensions: dict[str, Any] | None = None,
        allowed_operation_types: Iterable[OperationType] | None = None,
    ) -> StreamResult:
        """What a WebSocket runs: subscriptions only (queries and mutations go over HTTP,
        through the rate limits and idempotency keys), each result's errors coded as over
        HTTP (`ErrorCodes` sees a subscription's start only)."""
        source = await super().stream(
            query,
            variable_values,
            context_value,
            root_value,
            operation_name,
            operation_extensions,
            allowed_operation_types=(OperationType.SUBSCRIPTION,),
        )
        return coded_stream(source)


schema = Schema(
    query=Query,
    mutation=Mutation,
    subscription=Subscription,
    # Reachable only through `node` (an interface), so named here to be in the schema.
    types=[Invoice, Estimate, ApiKey],
    scalar_overrides=SCALAR_OVERRIDES,
    config=StrawberryConfig(auto_camel_case=True),
    execution_context_class=Executor,
    extensions=[
        lambda: MaxTokensLimiter(max_token_count=MAX_TOKENS),
        CachedParsing,
        MaxSpreadSelections,
        Limits,
        CachedValidation,
        QueryCost,
        ReadSnapshot,
        ErrorCodes,
    ],
)


def sdl() -> str:
    """The schema in SDL, as committed in schema.graphql."""
    return print_schema(schema) + "\n"
