"""The outbox's second half: each event written is also a delivery to every webhook endpoint
that takes it, in the same transaction (billing.webhooks delivers them), and on PostgreSQL a
notification to the other processes, for their live subscriptions (graph.live)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Final

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


#: The LISTEN/NOTIFY channel of committed events, one per schema (schemas share a database's
#: channels), as SQL computes it; graph.live listens on the same.
CHANNEL_SQL: Final = "left('ig_events_' || current_schema(), 63)"
#: The most a notification carries (PostgreSQL's limit is 8000 bytes).
MAX_PAYLOAD: Final = 7000


def notices(written: Sequence[Event]) -> list[str]:
    """The payloads telling other processes of `written`: `<organization id> <event id>...`,
    as many as their size needs."""
    found: list[str] = []
    by_org: dict[str, list[str]] = {}
    for event in written:
        by_org.setdefault(event.organization_id, []).append(event.id)
    for org_id, ids in by_org.items():
        chunk: list[str] = []
        for event_id in ids:
            if chunk and len(org_id) + sum(len(i) + 1 for i in chunk) + len(event_id) > MAX_PAYLOAD:
                found.append(" ".join([org_id, *chunk]))
                chunk = []
            chunk.append(event_id)
        found.append(" ".join([org_id, *chunk]))
    return found


async def notify(written: Sequence[Event], conn: BaseDBAsyncClient) -> None:
    """On PostgreSQL, tell every process listening (live subscriptions) of `written`, in their
    transaction: the notification goes out when it commits, and never if it rolls back."""
    if not written or conn.capabilities.dialect != "postgres":
        return
    for payload in notices(written):
        await conn.execute_query(f"SELECT pg_notify({CHANNEL_SQL}, $1)", [payload])
