"""Webhooks: an organization's endpoints, and the deliveries of its events to them.

A delivery is written with its event, in the transaction of the change (`fan_out`, called by
`changes.writing()`), one per enabled endpoint that takes the event's type: an event that
committed is delivered at least once, and one rolled back never. Its id is the message's
`webhook-id`, the same at every attempt, so a receiver can tell a retry from a new event.

Workers (the `worker` package) claim due deliveries (`claim_due`): on PostgreSQL with
`SELECT ... FOR UPDATE SKIP LOCKED`, so that processes sharing the database never take the
same one, and every claim is a lease: a worker killed mid-attempt leaves the delivery to be
claimed again once its lease has run out. Deliveries of one object go to one endpoint in the
order of their events: one waits while an earlier one of the same object is still pending.
A failed attempt is retried with exponential backoff and jitter for up to `RETRY_FOR`; an
endpoint whose every attempt has failed for `DISABLE_AFTER` is disabled, with an event
saying so (`webhook_endpoint.disabled`). Every attempt is recorded: when, how long it took,
the status and the start of the response, or why no response came.
"""

from __future__ import annotations

import base64
import json
import random
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from ipaddress import ip_address
from typing import Any, Final, TypeVar
from urllib.parse import urlsplit

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.expressions import Q
from tortoise.transactions import in_transaction

from addresses import address_refusal
from billing import access, changes, display, events, validation
from billing.access import Permission
from billing.errors import NotFound, ValidationError, shown_id
from billing.pagination import (
    Joined,
    Listing,
    Ordering,
    Slice,
    Window,
    compare,
    keyset,
    one_of,
)
from models import Event, Organization, WebhookAttempt, WebhookDelivery, WebhookEndpoint
from models.ids import is_id
from models.rows import Statement, grouped, skip_locked, table

#: The most endpoints one organization has.
MAX_ENDPOINTS: Final = 20
#: How long a delivery is retried, from its first attempt (or the first after a replay).
RETRY_FOR: Final = timedelta(days=3)
#: How long an endpoint may fail every attempt before it is disabled.
DISABLE_AFTER: Final = timedelta(days=5)
#: The wait after a first failure, doubled after each one up to `LONGEST_WAIT`.
FIRST_RETRY: Final = timedelta(seconds=5)
LONGEST_WAIT: Final = timedelta(hours=6)
#: The longest a rotated secret keeps signing beside the new one.
MAX_OVERLAP: Final = timedelta(days=7)
#: The most attempts of one delivery GraphQL lists (the latest).
MAX_ATTEMPTS_SHOWN: Final = 50
MAX_URL_LENGTH: Final = 2048

_FIELDS: Final = {"url", "event_types", "description", "enabled"}
# Names that resolve to the machine itself or its network, whatever DNS says.
_LOCAL_SUFFIXES: Final = (".localhost", ".local", ".internal", ".home.arpa")


ENDPOINT: Final = "webhook endpoint"
M = TypeVar("M", WebhookEndpoint, WebhookDelivery)


class DeliveryState(StrEnum):
    PENDING = "PENDING"  # to be attempted (again)
    DELIVERED = "DELIVERED"  # an attempt got a 2xx
    FAILED = "FAILED"  # retried until RETRY_FOR ran out


class Trigger(StrEnum):
    SCHEDULED = "SCHEDULED"  # the delivery's own schedule
    REPLAY = "REPLAY"  # asked for again over the API


ENDPOINTS: Final = table(WebhookEndpoint, "w")
DELIVERIES: Final = table(WebhookDelivery, "d")
ATTEMPTS: Final = table(WebhookAttempt, "a")
EVENTS_JOINED: Final = Joined(table(Event, "ev"), "event")
OLDEST_FIRST: Final = Ordering("OLDEST_FIRST")
NEWEST_FIRST: Final = Ordering("NEWEST_FIRST", descending=True)


def new_secret() -> str:
    """A Standard Webhooks signing secret: `whsec_` and 24 random bytes in base64."""
    return "whsec_" + base64.b64encode(secrets.token_bytes(24)).decode()


# --- Endpoints ------------------------------------------------------------------------------


def check_url(raw: object, *, allow_private: bool) -> str:
    """`raw` as an endpoint's URL: https (or http where private addresses are allowed, for
    development and internal receivers), a host, no credentials; a host that is an address
    or a local name must be public unless private ones are allowed. Where a name resolves
    to is checked at each attempt (the worker), so that DNS cannot point it inside later."""
    url = validation.text(raw, field="url", max_length=MAX_URL_LENGTH, required=True)
    parts = urlsplit(url)
    schemes = ("https", "http") if allow_private else ("https",)
    if parts.scheme not in schemes:
        raise ValidationError(
            "A webhook URL is https://"
            + (
                " or http://"
                if allow_private
                else " (http:// only where private addresses are allowed, WEBHOOKS_ALLOW_PRIVATE)"
            ),
            field="url",
        )
    try:
        host, _ = parts.hostname, parts.port
    except ValueError:
        raise ValidationError(
            "The URL's port is not a number from 1 to 65535", field="url"
        ) from None
    if not host:
        raise ValidationError("A webhook URL names a host", field="url")
    if parts.username is not None or parts.password is not None:
        raise ValidationError("A webhook URL carries no user name or password", field="url")
    if parts.fragment:
        raise ValidationError("A webhook URL has no #fragment", field="url")
    try:
        literal: str | None = str(ip_address(host))
    except ValueError:
        literal = None
    if literal is not None:
        refused = address_refusal(literal, allow_private)
        if refused:
            raise ValidationError(f"The URL's address {literal} {refused}", field="url")
    elif not allow_private and (host == "localhost" or host.endswith(_LOCAL_SUFFIXES)):
        raise ValidationError(f"The URL's host {host} is not a public name", field="url")
    return url


def _event_types(raw: object) -> list[str]:
    if not isinstance(raw, list) or not all(isinstance(item, str) for item in raw):
        raise ValidationError("eventTypes is a list of event types", field="eventTypes")
    unknown = sorted(set(raw) - set(events.TYPES))
    if unknown:
        raise ValidationError(
            f"Unknown event type {unknown[0]!r}: types are {', '.join(events.TYPES)}",
            field="eventTypes",
        )
    return sorted(set(raw))


def _apply(
    endpoint: WebhookEndpoint, values: Mapping[str, Any], *, allow_private: bool, now: datetime
) -> list[str]:
    unknown = sorted(set(values) - _FIELDS)
    if unknown:
        raise ValidationError(f"Unknown webhook endpoint field: {unknown[0]}", field=unknown[0])
    if "url" in values:
        endpoint.url = check_url(values["url"], allow_private=allow_private)
    if "event_types" in values:
        endpoint.event_types = _event_types(values["event_types"])
    if "description" in values:
        endpoint.description = validation.text(
            values["description"], field="description", max_length=200
        )
    changed = sorted(set(values) & _FIELDS)
    if "enabled" in values:
        if not isinstance(values["enabled"], bool):
            raise ValidationError("enabled must be true or false", field="enabled")
        if values["enabled"] and not endpoint.enabled:  # enabled again: a fresh start
            endpoint.consecutive_failures, endpoint.failing_since = 0, None
            endpoint.disabled_at, endpoint.disabled_reason = None, ""
            changed += ["consecutive_failures", "failing_since", "disabled_at", "disabled_reason"]
        elif not values["enabled"] and endpoint.enabled:
            endpoint.disabled_at, endpoint.disabled_reason = now, "Disabled over the API"
            changed += ["disabled_at", "disabled_reason"]
        endpoint.enabled = values["enabled"]
    return changed


def _listing(org: Organization) -> Listing[WebhookEndpoint]:
    return Listing(ENDPOINTS, (compare(ENDPOINTS, "organization_id", "=", org.id),))


async def window_endpoints(
    org: Organization, *, window: Window | None = None
) -> Slice[WebhookEndpoint]:
    """A keyset window of the organization's endpoints, oldest first."""
    access.require(Permission.WEBHOOKS_MANAGE)
    return await keyset(_listing(org), OLDEST_FIRST, window or Window())


async def get_endpoint(org: Organization, endpoint_id: str) -> WebhookEndpoint:
    """One of the organization's endpoints."""
    access.require(Permission.WEBHOOKS_MANAGE)
    found = []
    if is_id(endpoint_id):
        found = await _listing(org).where(one_of(ENDPOINTS, "id", [endpoint_id])).rows()
    if not found:
        raise NotFound(f"No webhook endpoint with id {shown_id(endpoint_id)}", field="id")
    return found[0]


async def _locked(
    model: type[M], org: Organization, row_id: str, conn: BaseDBAsyncClient, what: str
) -> M:
    """The organization's `model` row of `row_id`, locked for the write `conn` runs."""
    row = None
    if is_id(row_id):
        query = model.filter(id=row_id, organization_id=org.id)
        row = await query.select_for_update().using_db(conn).first()
    if row is None:
        raise NotFound(f"No {what} with id {shown_id(row_id)}", field="id")
    return row


async def create_endpoint(
    org: Organization, values: Mapping[str, Any], *, allow_private: bool
) -> tuple[WebhookEndpoint, str]:
    """Add an endpoint; the endpoint and its signing secret (shown this once)."""
    access.require(Permission.WEBHOOKS_MANAGE)
    if values.get("url") is None:
        raise ValidationError("Missing required field: url", field="url")
    async with changes.writing() as write:
        endpoint = WebhookEndpoint(organization_id=org.id, secret=new_secret())
        _apply(endpoint, values, allow_private=allow_private, now=write.at)
        count = await WebhookEndpoint.filter(organization_id=org.id).using_db(write.conn).count()
        if count >= MAX_ENDPOINTS:
            raise ValidationError(
                f"An organization has at most {MAX_ENDPOINTS} webhook endpoints", field="url"
            )
        await endpoint.save(using_db=write.conn, force_create=True)
        write.noted("webhook_endpoint.created", endpoint)
    return endpoint, endpoint.secret


async def update_endpoint(
    org: Organization, endpoint_id: str, values: Mapping[str, Any], *, allow_private: bool
) -> WebhookEndpoint:
    """Change an endpoint; enabling a disabled one starts its failure count afresh (and its
    deliveries still pending go on)."""
    access.require(Permission.WEBHOOKS_MANAGE)
    async with changes.writing() as write:
        endpoint = await _locked(WebhookEndpoint, org, endpoint_id, write.conn, ENDPOINT)
        changed = _apply(endpoint, values, allow_private=allow_private, now=write.at)
        await endpoint.save(using_db=write.conn, update_fields=[*changed, "updated_at"])
        write.noted("webhook_endpoint.updated", endpoint)
    return endpoint


async def delete_endpoint(org: Organization, endpoint_id: str) -> None:
    """Remove an endpoint with its deliveries (pending ones are not attempted any more)."""
    access.require(Permission.WEBHOOKS_MANAGE)
    async with changes.writing() as write:
        endpoint = await _locked(WebhookEndpoint, org, endpoint_id, write.conn, ENDPOINT)
        await endpoint.delete(using_db=write.conn)
        write.noted("webhook_endpoint.deleted", endpoint)


async def rotate_secret(
    org: Organization, endpoint_id: str, overlap: timedelta
) -> tuple[WebhookEndpoint, str]:
    """Give an endpoint a new secret (shown this once); the old one goes on signing beside
    it for `overlap` (up to MAX_OVERLAP; none: it stops at once), so that the receiver can
    switch to the new one without rejecting a delivery."""
    access.require(Permission.WEBHOOKS_MANAGE)
    if not timedelta(0) <= overlap <= MAX_OVERLAP:
        raise ValidationError(
            f"The overlap is from 0 to {MAX_OVERLAP.days * 24} hours", field="overlapHours"
        )
    async with changes.writing() as write:
        endpoint = await _locked(WebhookEndpoint, org, endpoint_id, write.conn, ENDPOINT)
        endpoint.previous_secret = endpoint.secret if overlap else ""
        endpoint.previous_secret_expires_at = write.at + overlap if overlap else None
        endpoint.secret, endpoint.secret_rotated_at = new_secret(), write.at
        await endpoint.save(
            using_db=write.conn,
            update_fields=[
                "secret",
                "previous_secret",
                "previous_secret_expires_at",
                "secret_rotated_at",
                "updated_at",
            ],
        )
        write.noted("webhook_endpoint.updated", endpoint)
    return endpoint, endpoint.secret


def signing_secrets(endpoint: WebhookEndpoint, now: datetime) -> list[str]:
    """The secrets a delivery is signed with now: the current one, and the one it replaced
    while its overlap lasts."""
    expires = endpoint.previous_secret_expires_at
    if endpoint.previous_secret and expires is not None and now < expires:
        return [endpoint.secret, endpoint.previous_secret]
    return [endpoint.secret]


# --- Deliveries -----------------------------------------------------------------------------


def _delivery_listing(
    org: Organization,
    *,
    endpoint_id: str | None,
    event_id: str | None,
    object_id: str | None,
    state: DeliveryState | None,
) -> Listing[WebhookDelivery]:
    conditions = [compare(DELIVERIES, "organization_id", "=", org.id)]
    if endpoint_id is not None:
        conditions.append(compare(DELIVERIES, "endpoint_id", "=", endpoint_id))
    if event_id is not None:
        conditions.append(compare(DELIVERIES, "event_id", "=", event_id))
    if object_id is not None:
        conditions.append(compare(DELIVERIES, "object_id", "=", object_id))
    if state is not None:
        conditions.append(compare(DELIVERIES, "state", "=", state.value))
    return Listing(DELIVERIES, tuple(conditions), (EVENTS_JOINED,))


async def window_deliveries(
    org: Organization,
    *,
    endpoint_id: str | None = None,
    event_id: str | None = None,
    object_id: str | None = None,
    state: DeliveryState | None = None,
    window: Window | None = None,
) -> Slice[WebhookDelivery]:
    """A keyset window of the organization's deliveries, newest first, each with its event."""
    access.require(Permission.WEBHOOKS_MANAGE)
    listing = _delivery_listing(
        org, endpoint_id=endpoint_id, event_id=event_id, object_id=object_id, state=state
    )
    return await keyset(listing, NEWEST_FIRST, window or Window())


async def get_delivery(org: Organization, delivery_id: str) -> WebhookDelivery:
    """One of the organization's deliveries, with its event."""
    access.require(Permission.WEBHOOKS_MANAGE)
    found = []
    if is_id(delivery_id):
        listing = _delivery_listing(
            org, endpoint_id=None, event_id=None, object_id=None, state=None
        )
        found = await listing.where(one_of(DELIVERIES, "id", [delivery_id])).rows()
    if not found:
        raise NotFound(f"No webhook delivery with id {shown_id(delivery_id)}", field="id")
    return found[0]


async def attempts_by_delivery(
    org: Organization, delivery_ids: Sequence[str]
) -> dict[str, list[WebhookAttempt]]:
    """The attempts of each of the organization's deliveries among `delivery_ids`, latest
    first, at most MAX_ATTEMPTS_SHOWN of each, in one statement."""
    access.require(Permission.WEBHOOKS_MANAGE)
    statement = Statement()
    join = (
        f"JOIN {DELIVERIES.source} ON {DELIVERIES.column('id')} = {ATTEMPTS.column('delivery_id')}"
    )
    where = [f"{DELIVERIES.column('organization_id')} = {statement(org.id)}"]
    order = f"{ATTEMPTS.column('number')} DESC"
    found = await grouped(
        statement, ATTEMPTS, "delivery_id", delivery_ids, order, join=join, where=where
    )
    return {key: rows[:MAX_ATTEMPTS_SHOWN] for key, rows in found.items()}


async def replay(org: Organization, delivery_id: str) -> WebhookDelivery:
    """Have a delivery attempted again now, with the same `webhook-id` and body, whatever
    came of it before; it is then retried as a new one would be (for RETRY_FOR from that
    attempt). Its endpoint must be enabled."""
    access.require(Permission.WEBHOOKS_MANAGE)
    async with in_transaction() as conn:
        delivery = await _locked(WebhookDelivery, org, delivery_id, conn, "webhook delivery")
        endpoint = await WebhookEndpoint.filter(id=delivery.endpoint_id).using_db(conn).get()
        if not endpoint.enabled:
            raise ValidationError(
                "Its endpoint is disabled: enable it to replay its deliveries", field="id"
            )
        now = datetime.now(UTC)
        delivery.state, delivery.next_attempt_at = DeliveryState.PENDING.value, now
        delivery.retry_until, delivery.replay_requested = None, True
        await delivery.save(
            using_db=conn,
            update_fields=[
                "state",
                "next_attempt_at",
                "retry_until",
                "replay_requested",
                "updated_at",
            ],
        )
    return await get_delivery(org, delivery.id)


def payload(event: Event) -> bytes:
    """The body every attempt of a delivery of `event` sends: the Standard Webhooks shape
    (`type`, `timestamp`, `data`), `data` the event as GraphQL's `events` shows it."""
    message = {
        "type": event.type,
        "timestamp": display.timestamp(event.occurred_at),
        "data": {
            "id": event.id,
            "type": event.type,
            "occurredAt": display.timestamp(event.occurred_at),
            "objectType": event.object_type,
            "objectId": event.object_id,
            "actor": {"kind": event.actor_kind, "id": event.actor_id or None},
            "data": event.data,
        },
    }
    return json.dumps(message, ensure_ascii=False, separators=(",", ":")).encode()


@dataclass(frozen=True, slots=True)
class Claim:
    """A delivery a worker holds until `lease_until`, with its endpoint and its event."""

    delivery: WebhookDelivery
    endpoint: WebhookEndpoint
    event: Event
    token: str
    trigger: Trigger

    @property
    def number(self) -> int:
        """The number of the attempt about to be made."""
        return self.delivery.attempt_count + 1


async def claim_due(now: datetime, lease: timedelta, limit: int) -> list[Claim]:
    """Up to `limit` deliveries due at `now`, held for `lease` by this caller: none another
    worker holds, and none of an object whose earlier delivery to the same endpoint is still
    pending (deliveries of one object go in order)."""
    due = WebhookDelivery.filter(state=DeliveryState.PENDING.value, next_attempt_at__lte=now)
    if not await due.exists():  # the common case, and no write transaction for it
        return []
    token = secrets.token_hex(16)
    async with in_transaction() as conn:
        statement = Statement(conn)
        d, w = DELIVERIES.column, ENDPOINTS.column
        pending = statement(DeliveryState.PENDING.value)
        at = statement(now)
        sql = (
            f"SELECT {d('id')} FROM {DELIVERIES.source} "  # noqa: S608
            f"JOIN {ENDPOINTS.source} ON {w('id')} = {d('endpoint_id')} "
            f"WHERE {d('state')} = {pending} AND {d('next_attempt_at')} <= {at} "
            f"AND ({d('lease_until')} IS NULL OR {d('lease_until')} <= {at}) "
            f"AND {w('enabled')} "
            f'AND NOT EXISTS (SELECT 1 FROM "{DELIVERIES.name}" AS "e" '
            f'WHERE "e"."endpoint_id" = {d("endpoint_id")} '
            f'AND "e"."object_id" = {d("object_id")} AND "e"."state" = {pending} '
            f'AND "e"."event_id" < {d("event_id")}) '
            f"ORDER BY {d('next_attempt_at')}, {d('event_id')} LIMIT {statement(limit)}"
            + skip_locked(statement, DELIVERIES)
        )
        ids = [str(row[0]) for row in await statement.fetch(sql)]
        if not ids:
            return []
        # Only those still free: on SQLite, another process may have claimed them since
        # they were read (nothing there locks a row read), and this says which it has not.
        await (
            WebhookDelivery.filter(id__in=ids, state=DeliveryState.PENDING.value)
            .filter(Q(lease_until__isnull=True) | Q(lease_until__lte=now))
            .using_db(conn)
            .update(lease_until=now + lease, lease_token=token)
        )
        rows = (
            await WebhookDelivery.filter(id__in=ids, lease_token=token)
            .using_db(conn)
            .select_related("endpoint", "event")
            .order_by("next_attempt_at", "event_id")
        )
    return [
        Claim(
            row,
            row.endpoint,
            row.event,
            token,
            Trigger.REPLAY if row.replay_requested else Trigger.SCHEDULED,
        )
        for row in rows
    ]


def backoff(failures: int, rng: random.Random | None = None) -> timedelta:
    """The wait after the `failures`-th failure in a row: FIRST_RETRY doubled each time up to
    LONGEST_WAIT, then jittered down by up to a fifth (so that a receiver back up is not hit by
    every delivery in the same second)."""
    ceiling: timedelta = min(FIRST_RETRY * 2 ** min(failures - 1, 32), LONGEST_WAIT)
    jitter: float = (rng or random).random() / 5
    return ceiling * (1 - jitter)


@dataclass(frozen=True, slots=True)
class Attempted:
    """What came of one attempt (the worker's sender says)."""

    started_at: datetime
    duration_ms: int
    status: int | None
    succeeded: bool
    error: str
    excerpt: str


async def record_attempt(claim: Claim, attempted: Attempted, now: datetime) -> WebhookDelivery:
    """Record `attempted` and what follows from it: delivered, retried later, or given up; the
    endpoint's failure run, and its disabling once that has lasted DISABLE_AFTER. A claim
    whose lease another worker has taken since records its attempt and changes nothing
    else (the other's attempt decides)."""
    async with changes.writing(now) as write:
        conn = write.conn
        await WebhookAttempt.create(
            delivery_id=claim.delivery.id,
            number=claim.number,
            trigger=claim.trigger.value,
            started_at=attempted.started_at,
            duration_ms=attempted.duration_ms,
            status_code=attempted.status,
            succeeded=attempted.succeeded,
            error=attempted.error[:300],
            response_excerpt=attempted.excerpt,
            using_db=conn,
        )
        delivery = (
            await WebhookDelivery.filter(id=claim.delivery.id)
            .select_for_update()
            .using_db(conn)
            .first()
        )
        if delivery is None or delivery.lease_token != claim.token:
            return delivery or claim.delivery
        delivery.attempt_count += 1
        if delivery.retry_until is None:  # its first attempt (since a replay)
            delivery.retry_until = attempted.started_at + RETRY_FOR
        delivery.lease_until, delivery.lease_token = None, ""
        delivery.replay_requested = False
        if attempted.succeeded:
            delivery.state, delivery.delivered_at = DeliveryState.DELIVERED.value, now
            delivery.next_attempt_at = None
        else:
            following = now + backoff(delivery.attempt_count)
            if following > delivery.retry_until:
                delivery.state, delivery.next_attempt_at = DeliveryState.FAILED.value, None
            else:
                delivery.next_attempt_at = following
        await delivery.save(
            using_db=conn,
            update_fields=[
                "attempt_count",
                "lease_until",
                "lease_token",
                "replay_requested",
                "retry_until",
                "state",
                "delivered_at",
                "next_attempt_at",
                "updated_at",
            ],
        )
        await _endpoint_after(claim.endpoint.id, attempted, now, write)
    return delivery


async def _endpoint_after(
    endpoint_id: str, attempted: Attempted, now: datetime, write: changes.Write
) -> None:
    if attempted.succeeded:  # a run of failures ends; no lock when there was none
        await (
            WebhookEndpoint.filter(id=endpoint_id, consecutive_failures__gt=0)
            .using_db(write.conn)
            .update(consecutive_failures=0, failing_since=None)
        )
        return
    endpoint = (
        await WebhookEndpoint.filter(id=endpoint_id)
        .select_for_update()
        .using_db(write.conn)
        .first()
    )
    if endpoint is None:  # deleted meanwhile
        return
    endpoint.consecutive_failures += 1
    endpoint.failing_since = endpoint.failing_since or attempted.started_at
    fields = ["consecutive_failures", "failing_since"]
    if endpoint.enabled and now - endpoint.failing_since >= DISABLE_AFTER:
        endpoint.enabled, endpoint.disabled_at = False, now
        endpoint.disabled_reason = (
            f"Every delivery failed for {DISABLE_AFTER.days} days "
            f"({endpoint.consecutive_failures} attempts in a row); enable it again once the "
            "receiver answers"
        )
        fields += ["enabled", "disabled_at", "disabled_reason", "updated_at"]
        write.noted("webhook_endpoint.disabled", endpoint)
    await endpoint.save(using_db=write.conn, update_fields=fields)
