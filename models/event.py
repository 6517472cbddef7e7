"""The event log: what changed, when, by whom, with the object as it then was."""

from __future__ import annotations

from typing import Any

from tortoise import fields

from models.base import Entity
from models.organization import Organization


class Event(Entity):
    """One change of one object, written in the transaction that made it (billing.events): it
    exists exactly when its change committed. Its id orders it (time, then its place in its
    write)."""

    id_prefix = "evt"

    organization: fields.ForeignKeyRelation[Organization] = fields.ForeignKeyField(
        "models.Organization", related_name="events", on_delete=fields.CASCADE
    )
    organization_id: str
    type = fields.CharField(max_length=40)  # invoice.paid, client.created, ...
    object_type = fields.CharField(max_length=32)  # invoice, payment, recurring_invoice, ...
    object_id = fields.CharField(max_length=32)
    actor_kind = fields.CharField(max_length=8)  # API_KEY, USER, SYSTEM
    actor_id = fields.CharField(max_length=32, default="")
    occurred_at = fields.DatetimeField()
    # The object as GraphQL shows it, at the end of the write (billing.events).
    data: fields.JSONField[dict[str, Any]] = fields.JSONField()

    class Meta:
        table = "event"
        indexes = (
            ("organization_id", "id"),
            ("organization_id", "object_id", "id"),
            ("organization_id", "type", "id"),
            ("occurred_at",),
        )
