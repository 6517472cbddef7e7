"""Mutations of webhooks: endpoints, their secrets, and replaying a delivery."""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated

import strawberry
from strawberry import UNSET

from billing import webhooks
from graph.context import Info
from graph.errors import Error, attempt
from graph.inputs import values_of
from graph.payloads import DeletePayload
from graph.webhooks.types import WebhookDelivery, WebhookEndpoint
from models import WebhookEndpoint as WebhookEndpointModel

Id = Annotated[strawberry.ID, strawberry.argument(description="Its id.")]


@strawberry.input(description="A new webhook endpoint.")
class WebhookEndpointCreateInput:
    url: str = strawberry.field(
        description="Where deliveries are POSTed: https:// (http:// and private addresses "
        "only where the server allows them, WEBHOOKS_ALLOW_PRIVATE)."
    )
    event_types: list[str] = strawberry.field(
        default_factory=list, description="The event types it receives; empty: every type."
    )
    description: str = strawberry.field(default="", description="A label.")
    enabled: bool = strawberry.field(default=True, description="Whether it receives any.")


@strawberry.input(description="Changes to a webhook endpoint.")
class WebhookEndpointUpdateInput:
    url: str | None = strawberry.field(default=UNSET, description="Its URL.")
    event_types: list[str] | None = strawberry.field(
        default=UNSET, description="The event types it receives; empty: every type."
    )
    description: str | None = strawberry.field(default=UNSET, description="Its label.")
    enabled: bool | None = strawberry.field(
        default=UNSET,
        description="Enable (its failure count starts afresh, and its pending deliveries go "
        "on) or disable it.",
    )


@strawberry.type(description="An endpoint and its new signing secret, shown this once.")
class WebhookEndpointSecretPayload:
    webhook_endpoint: WebhookEndpoint | None = strawberry.field(description="The endpoint.")
    secret: str | None = strawberry.field(
        description="The signing secret (`whsec_...`), for the receiver to verify deliveries "
        "with a Standard Webhooks library. Store it now: it is not shown again."
    )
    errors: list[Error] = strawberry.field(description="Why nothing changed, if so.")


@strawberry.type(description="The endpoint a mutation changed, or why it did not.")
class WebhookEndpointPayload:
    webhook_endpoint: WebhookEndpoint | None = strawberry.field(
        description="The endpoint, as it is now."
    )
    errors: list[Error] = strawberry.field(description="Why nothing changed, if so.")


@strawberry.type(description="The delivery replayed, or why it was not.")
class WebhookDeliveryPayload:
    webhook_delivery: WebhookDelivery | None = strawberry.field(
        description="The delivery, due again now."
    )
    errors: list[Error] = strawberry.field(description="Why nothing changed, if so.")


def _secret_payload(
    made: tuple[WebhookEndpointModel, str] | None, errors: list[Error]
) -> WebhookEndpointSecretPayload:
    if made is None:
        return WebhookEndpointSecretPayload(webhook_endpoint=None, secret=None, errors=errors)
    row, secret = made
    return WebhookEndpointSecretPayload(
        webhook_endpoint=WebhookEndpoint.from_model(row), secret=secret, errors=[]
    )


@strawberry.type
class WebhookMutations:
    @strawberry.mutation(
        description=f"Add a webhook endpoint (at most {webhooks.MAX_ENDPOINTS}); its signing "
        "secret is in the answer, and only there."
    )
    async def webhook_endpoint_create(
        self,
        info: Info,
        input: Annotated[
            WebhookEndpointCreateInput, strawberry.argument(description="The endpoint.")
        ],
    ) -> WebhookEndpointSecretPayload:
        org, values = info.context.organization, values_of(input)
        allow = info.context.webhooks_allow_private
        made, errors = await attempt(
            info, lambda: webhooks.create_endpoint(org, values, allow_private=allow)
        )
        return _secret_payload(made, errors)

    @strawberry.mutation(description="Change a webhook endpoint.")
    async def webhook_endpoint_update(
        self,
        info: Info,
        id: Id,
        input: Annotated[
            WebhookEndpointUpdateInput, strawberry.argument(description="The changes.")
        ],
    ) -> WebhookEndpointPayload:
        org, values = info.context.organization, values_of(input)
        allow = info.context.webhooks_allow_private
        row, errors = await attempt(
            info, lambda: webhooks.update_endpoint(org, id, values, allow_private=allow)
        )
        endpoint = None if row is None else WebhookEndpoint.from_model(row)
        return WebhookEndpointPayload(webhook_endpoint=endpoint, errors=errors)

    @strawberry.mutation(
        description="Remove a webhook endpoint with its deliveries (pending ones included)."
    )
    async def webhook_endpoint_delete(self, info: Info, id: Id) -> DeletePayload:
        org = info.context.organization
        _, errors = await attempt(info, lambda: webhooks.delete_endpoint(org, id))
        return DeletePayload(deleted_id=None if errors else id, errors=errors)

    @strawberry.mutation(
        description="Give an endpoint a new signing secret, in the answer and only there. "
        "The old one goes on signing beside it for `overlapHours`, so that the receiver "
        "can switch without rejecting a delivery."
    )
    async def webhook_endpoint_rotate_secret(
        self,
        info: Info,
        id: Id,
        overlap_hours: Annotated[
            int,
            strawberry.argument(
                description="How long the old secret still signs, 0 to "
                f"{webhooks.MAX_OVERLAP.days * 24} hours."
            ),
        ] = 24,
    ) -> WebhookEndpointSecretPayload:
        org = info.context.organization
        made, errors = await attempt(
            info,
            lambda: webhooks.rotate_secret(org, id, _hours(overlap_hours)),
        )
        return _secret_payload(made, errors)

    @strawberry.mutation(
        description="Deliver again now, with the same `webhook-id` and body, whatever came of "
        "it before; then retried as a new delivery is."
    )
    async def webhook_delivery_replay(self, info: Info, id: Id) -> WebhookDeliveryPayload:
        org = info.context.organization
        row, errors = await attempt(info, lambda: webhooks.replay(org, id))
        delivery = None if row is None else WebhookDelivery.from_model(row)
        return WebhookDeliveryPayload(webhook_delivery=delivery, errors=errors)


def _hours(hours: int) -> timedelta:
    # Out of range: a huge count would overflow timedelta before the domain could refuse it.
    return timedelta(hours=max(-1, min(hours, webhooks.MAX_OVERLAP.days * 24 + 1)))
