"""Idempotency keys: a retried write answered with its first response."""

from __future__ import annotations

from tortoise import fields

from models.base import Entity


class IdempotencyKey(Entity):
    """The first request a caller sent with one `Idempotency-Key`, while it is kept: its
    fingerprint, whether its write committed, and once answered its response (billing.
    idempotency)."""

    id_prefix = "idk"

    caller = fields.CharField(max_length=80)  # <organization id>:<key or user id>
    key = fields.CharField(max_length=255)
    fingerprint = fields.CharField(max_length=64)  # SHA-256 of method, path, query and body
    lease_until = fields.DatetimeField()  # while unanswered, how long its request holds it
    committed_at = fields.DatetimeField(null=True)  # when a write of its request committed
    answered = fields.BooleanField(default=False)
    status = fields.SmallIntField(null=True)
    headers: fields.JSONField[list[list[str]]] = fields.JSONField(default=list)
    body = fields.BinaryField(null=True)
    expires_at = fields.DatetimeField()

    class Meta:
        table = "idempotency_key"
        unique_together = (("caller", "key"),)
        indexes = (("expires_at",),)
