"""GraphQL types of webhooks: endpoints, their deliveries and the attempts of each."""

from __future__ import annotations

from datetime import datetime
from enum import Enum

import strawberry

from billing.webhooks import DeliveryState as DeliveryStateModel
from billing.webhooks import Trigger as TriggerModel
from graph.context import Info
from graph.events.types import Event
from graph.node import Node
from graph.webhooks.dataloaders import AttemptsByDeliveryLoader
from models import WebhookAttempt as WebhookAttemptModel
from models import WebhookDelivery as WebhookDeliveryModel
from models import WebhookEndpoint as WebhookEndpointModel


@strawberry.type(
    description="Where the organization's events are delivered, signed as Standard Webhooks "
    "says (`webhook-id`, `webhook-timestamp`, `webhook-signature`). Its secret is shown once, "
    "when it is created or rotated."
)
class WebhookEndpoint(Node):
    url: str = strawberry.field(description="Where deliveries are POSTed.")
    description: str = strawberry.field(description="A label.")
    event_types: list[str] = strawberry.field(
        description="The event types it receives; empty: every type."
    )
    enabled: bool = strawberry.field(
        description="Whether it receives deliveries. The server disables one whose every "
        "delivery has failed for five days."
    )
    disabled_at: datetime | None = strawberry.field(description="When it was disabled.")
    disabled_reason: str | None = strawberry.field(description="Why it was disabled.")
    consecutive_failures: int = strawberry.field(
        description="The failed attempts since its last success."
    )
    failing_since: datetime | None = strawberry.field(
        description="When the first of those failed; null while it succeeds."
    )
    secret_rotated_at: datetime | None = strawberry.field(
        description="When its secret was last rotated; null if never."
    )
    previous_secret_expires_at: datetime | None = strawberry.field(
        description="Until when the secret it had before also signs deliveries; null if none."
    )
    created_at: datetime = strawberry.field(description="When it was created.")
    updated_at: datetime = strawberry.field(description="When it last changed.")

    @classmethod
    def from_model(cls, row: WebhookEndpointModel) -> WebhookEndpoint:
        overlapping = row.previous_secret_expires_at if row.previous_secret else None
        return cls(
            id=strawberry.ID(row.id),
            url=row.url,
            description=row.description,
            event_types=list(row.event_types),
            enabled=row.enabled,
            disabled_at=row.disabled_at,
            disabled_reason=row.disabled_reason or None,
            consecutive_failures=row.consecutive_failures,
            failing_since=row.failing_since,
            secret_rotated_at=row.secret_rotated_at,
            previous_secret_expires_at=overlapping,
            created_at=row.created_at,
            updated_at=row.updated_at,
        )


@strawberry.enum(description="Where a delivery stands.")
class WebhookDeliveryState(Enum):
    PENDING = strawberry.enum_value(
        DeliveryStateModel.PENDING.value, description="To be attempted, or attempted again."
    )
    DELIVERED = strawberry.enum_value(
        DeliveryStateModel.DELIVERED.value, description="An attempt got a 2xx answer."
    )
    FAILED = strawberry.enum_value(
        DeliveryStateModel.FAILED.value,
        description="Every attempt failed for three days; it can still be replayed.",
    )


@strawberry.enum(description="Why an attempt was made.")
class WebhookAttemptTrigger(Enum):
    SCHEDULED = strawberry.enum_value(
        TriggerModel.SCHEDULED.value, description="The delivery's own schedule."
    )
    REPLAY = strawberry.enum_value(TriggerModel.REPLAY.value, description="A replay asked for.")


@strawberry.type(description="One request of a delivery and what came of it.")
class WebhookAttempt:
    number: int = strawberry.field(description="Its place among the delivery's attempts.")
    trigger: WebhookAttemptTrigger = strawberry.field(description="Why it was made.")
    started_at: datetime = strawberry.field(description="When it started.")
    duration_ms: int = strawberry.field(description="How long it took, in milliseconds.")
    status_code: int | None = strawberry.field(
        description="The receiver's HTTP status; null when no answer came."
    )
    succeeded: bool = strawberry.field(description="Whether the status was 2xx.")
    error: str | None = strawberry.field(
        description="Why it failed without an answer (timed out, refused, an address that "
        "is not public...), or that a redirect was not followed."
    )
    response_excerpt: str = strawberry.field(
        description="The start of the receiver's answer (up to 1 KB)."
    )

    @classmethod
    def from_model(cls, row: WebhookAttemptModel) -> WebhookAttempt:
        return cls(
            number=row.number,
            trigger=WebhookAttemptTrigger(row.trigger),
            started_at=row.started_at,
            duration_ms=row.duration_ms,
            status_code=row.status_code,
            succeeded=row.succeeded,
            error=row.error or None,
            response_excerpt=row.response_excerpt,
        )


@strawberry.type(
    description="One event for one endpoint. Its id is the `webhook-id` every attempt sends, "
    "so that a receiver can tell a retry from a new event."
)
class WebhookDelivery(Node):
    endpoint_id: strawberry.ID = strawberry.field(description="The endpoint's id.")
    event: Event = strawberry.field(description="The event delivered.")
    state: WebhookDeliveryState = strawberry.field(description="Where it stands.")
    attempt_count: int = strawberry.field(description="How many attempts were made.")
    next_attempt_at: datetime | None = strawberry.field(
        description="When it is attempted next; null once delivered or failed."
    )
    delivered_at: datetime | None = strawberry.field(description="When an attempt succeeded.")
    created_at: datetime = strawberry.field(description="When its event was written.")

    @strawberry.field(description="Its attempts, latest first (the latest 50).")
    async def attempts(self, info: Info) -> list[WebhookAttempt]:
        rows = await info.context.loader(AttemptsByDeliveryLoader).load(str(self.id))
        return [WebhookAttempt.from_model(row) for row in rows]

    @classmethod
    def from_model(cls, row: WebhookDeliveryModel) -> WebhookDelivery:
        return cls(
            id=strawberry.ID(row.id),
            endpoint_id=strawberry.ID(row.endpoint_id),
            event=Event.from_model(row.event),
            state=WebhookDeliveryState(row.state),
            attempt_count=row.attempt_count,
            next_attempt_at=row.next_attempt_at,
            delivered_at=row.delivered_at,
            created_at=row.created_at,
        )
