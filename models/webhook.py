"""Webhooks: the organization's endpoints, the deliveries of its events, and their attempts."""

from __future__ import annotations

from tortoise import fields

from models.base import Entity
from models.event import Event
from models.organization import Organization


class WebhookEndpoint(Entity):
    """Where an organization's events are delivered (billing.webhooks): a URL, the event types
    it takes (none: all), its signing secrets, and how its deliveries have been going."""

    id_prefix = "whe"

    organization: fields.ForeignKeyRelation[Organization] = fields.ForeignKeyField(
        "models.Organization", related_name="webhook_endpoints", on_delete=fields.CASCADE
    )
    organization_id: str
    url = fields.CharField(max_length=2048)
    description = fields.CharField(max_length=200, default="")
    event_types: fields.JSONField[list[str]] = fields.JSONField(default=list)
    enabled = fields.BooleanField(default=True)
    # Standard Webhooks secrets (`whsec_` and base64); the previous one signs beside the
    # current one until it expires, so that receivers can switch without missing a delivery.
    secret = fields.CharField(max_length=64)
    previous_secret = fields.CharField(max_length=64, default="")
    previous_secret_expires_at = fields.DatetimeField(null=True)
    secret_rotated_at = fields.DatetimeField(null=True)
    # The failures since its last success, and when the first of them was.
    consecutive_failures = fields.IntField(default=0)
    failing_since = fields.DatetimeField(null=True)
    disabled_at = fields.DatetimeField(null=True)
    disabled_reason = fields.CharField(max_length=300, default="")

    class Meta:
        table = "webhook_endpoint"
        indexes = (("organization_id", "enabled"),)


class WebhookDelivery(Entity):
    """One event for one endpoint: its id is the message's `webhook-id`, the same at every
    attempt. PENDING until an attempt succeeds (DELIVERED) or its retries run out (FAILED);
    a worker holds it while attempting (`lease_until`, `lease_token`)."""

    id_prefix = "msg"

    organization: fields.ForeignKeyRelation[Organization] = fields.ForeignKeyField(
        "models.Organization", related_name="webhook_deliveries", on_delete=fields.CASCADE
    )
    organization_id: str
    endpoint: fields.ForeignKeyRelation[WebhookEndpoint] = fields.ForeignKeyField(
        "models.WebhookEndpoint", related_name="deliveries", on_delete=fields.CASCADE
    )
    endpoint_id: str
    event: fields.ForeignKeyRelation[Event] = fields.ForeignKeyField(
        "models.Event", related_name="deliveries", on_delete=fields.CASCADE
    )
    event_id: str
    object_id = fields.CharField(max_length=32)  # the event's: deliveries of one go in order
    state = fields.CharField(max_length=12, default="PENDING")
    attempt_count = fields.IntField(default=0)
    next_attempt_at = fields.DatetimeField(null=True)
    # No attempt is scheduled after it: RETRY_FOR from its first attempt (or replay's).
    retry_until = fields.DatetimeField(null=True)
    lease_until = fields.DatetimeField(null=True)
    lease_token = fields.CharField(max_length=32, default="")
    delivered_at = fields.DatetimeField(null=True)
    replay_requested = fields.BooleanField(default=False)  # its next attempt was asked for

    class Meta:
        table = "webhook_delivery"
        indexes = (
            ("state", "next_attempt_at"),
            ("endpoint_id", "object_id", "state", "event_id"),
            ("organization_id", "id"),
            ("organization_id", "endpoint_id", "id"),
        )


class WebhookAttempt(Entity):
    """One request of a delivery and what came of it."""

    id_prefix = "wha"

    delivery: fields.ForeignKeyRelation[WebhookDelivery] = fields.ForeignKeyField(
        "models.WebhookDelivery", related_name="attempts", on_delete=fields.CASCADE
    )
    delivery_id: str
    number = fields.IntField()
    trigger = fields.CharField(max_length=12)  # SCHEDULED, or REPLAY when asked for
    started_at = fields.DatetimeField()
    duration_ms = fields.IntField()
    status_code = fields.SmallIntField(null=True)
    succeeded = fields.BooleanField()
    error = fields.CharField(max_length=300, default="")
    response_excerpt = fields.TextField(default="")

    class Meta:
        table = "webhook_attempt"
        indexes = (("delivery_id", "number"),)
