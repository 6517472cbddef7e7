"""Root query fields of webhooks."""

from __future__ import annotations

from typing import Annotated

import strawberry

from billing import webhooks
from billing.errors import NotFound
from billing.webhooks import DeliveryState
from graph.context import Info
from graph.pagination import After, Before, Connection, First, Last, window
from graph.webhooks.types import WebhookDelivery, WebhookDeliveryState, WebhookEndpoint

Id = Annotated[strawberry.ID, strawberry.argument(description="Its id.")]


@strawberry.input(description="Narrows the deliveries; conditions combine.")
class WebhookDeliveryFilterInput:
    endpoint_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only those to this endpoint."
    )
    event_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only those of this event."
    )
    object_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only those of this object's events."
    )
    state: WebhookDeliveryState | None = strawberry.field(
        default=None, description="Only those in this state."
    )


def _id(value: strawberry.ID | None) -> str | None:
    return None if value is None else str(value)


@strawberry.type
class WebhookQueries:
    @strawberry.field(description="The organization's webhook endpoints, oldest first.")
    async def webhook_endpoints(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[WebhookEndpoint]:
        page = await webhooks.window_endpoints(
            info.context.organization, window=window(first, after, last, before)
        )
        return Connection.of(page, WebhookEndpoint.from_model)

    @strawberry.field(description="A webhook endpoint by id; null when there is none.")
    async def webhook_endpoint(self, info: Info, id: Id) -> WebhookEndpoint | None:
        try:
            row = await webhooks.get_endpoint(info.context.organization, id)
        except NotFound:
            return None
        return WebhookEndpoint.from_model(row)

    @strawberry.field(
        description="The deliveries of the organization's events to its endpoints, newest "
        "first, each with its attempts."
    )
    async def webhook_deliveries(
        self,
        info: Info,
        filter: Annotated[
            WebhookDeliveryFilterInput | None,
            strawberry.argument(description="Which deliveries; all if left out."),
        ] = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[WebhookDelivery]:
        where = filter or WebhookDeliveryFilterInput()
        page = await webhooks.window_deliveries(
            info.context.organization,
            endpoint_id=_id(where.endpoint_id),
            event_id=_id(where.event_id),
            object_id=_id(where.object_id),
            state=None if where.state is None else DeliveryState[where.state.name],
            window=window(first, after, last, before),
        )
        return Connection.of(page, WebhookDelivery.from_model)

    @strawberry.field(description="A webhook delivery by id (its `webhook-id`); null if none.")
    async def webhook_delivery(self, info: Info, id: Id) -> WebhookDelivery | None:
        try:
            row = await webhooks.get_delivery(info.context.organization, id)
        except NotFound:
            return None
        return WebhookDelivery.from_model(row)
