"""Tenants, their API keys and their number sequences."""

from __future__ import annotations

from tortoise import fields

from models.base import Entity
from models.enums import PaperSize, Series


class Organization(Entity):
    """A tenant: owns clients, documents, payments, keys and sequences."""

    id_prefix = "org"

    name = fields.CharField(max_length=200)
    email = fields.CharField(max_length=254, default="")
    address = fields.TextField(default="")
    tax_id = fields.CharField(max_length=64, default="")
    phone = fields.CharField(max_length=64, default="")
    currency = fields.CharField(max_length=3, default="USD")
    timezone = fields.CharField(max_length=64, default="UTC")
    locale = fields.CharField(max_length=35, default="en_US")
    plan = fields.CharField(max_length=64, default="unlimited")
    paper_size = fields.CharEnumField(PaperSize, max_length=8, default=PaperSize.A4)

    class Meta:
        table = "organization"


class ApiKey(Entity):
    """An API key. Only a hash of the secret is stored, with a short prefix to recognise it."""

    id_prefix = "key"

    organization: fields.ForeignKeyRelation[Organization] = fields.ForeignKeyField(
        "models.Organization", related_name="api_keys", on_delete=fields.CASCADE
    )
    organization_id: str
    name = fields.CharField(max_length=100, default="")
    prefix = fields.CharField(max_length=16, db_index=True)
    key_hash = fields.CharField(max_length=64, unique=True)
    last_used_at = fields.DatetimeField(null=True)
    revoked_at = fields.DatetimeField(null=True)
    # The key's scopes (billing/access.py's permissions), space-separated; NULL for full
    # access, which every key made before scopes keeps.
    scopes = fields.CharField(max_length=400, null=True)

    class Meta:
        table = "api_key"
        indexes = (("organization_id", "created_at"),)


class NumberSequence(Entity):
    """The next number of one series of one organization, and the pattern that formats it."""

    id_prefix = "seq"

    organization: fields.ForeignKeyRelation[Organization] = fields.ForeignKeyField(
        "models.Organization", related_name="sequences", on_delete=fields.CASCADE
    )
    organization_id: str
    series = fields.CharEnumField(Series, max_length=16)
    pattern = fields.CharField(max_length=64)
    next_value = fields.BigIntField(default=1)

    class Meta:
        table = "number_sequence"
        unique_together = (("organization_id", "series"),)
