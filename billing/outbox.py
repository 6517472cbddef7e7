"""The outbox's second half: each event written is also a delivery to every webhook endpoint
that takes it, in the same transaction (billing.webhooks delivers them)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from tortoise.backends.base.client import BaseDBAsyncClient

from models import Event, WebhookDelivery, WebhookEndpoint


async def fan_out(written: Sequence[Event], at: datetime, conn: BaseDBAsyncClient) -> int:
    """Write, in the transaction of `written` events, their deliveries to every enabled
    endpoint of their organization that takes their type; how many."""
    if not written:
        return 0
    orgs = sorted({event.organization_id for event in written})
    endpoints = await WebhookEndpoint.filter(organization_id__in=orgs, enabled=True).using_db(conn)
    if not endpoints:
        return 0
    deliveries = [
        WebhookDelivery(
            organization_id=event.organization_id,
            endpoint_id=endpoint.id,
            event_id=event.id,
            object_id=event.object_id,
            next_attempt_at=at,
        )
        for event in written
        for endpoint in endpoints
        if endpoint.organization_id == event.organization_id
        and (not endpoint.event_types or event.type in endpoint.event_types)
    ]
    if deliveries:
        await WebhookDelivery.bulk_create(deliveries, using_db=conn)
    return len(deliveries)
