"""The people and companies an organization bills."""

from __future__ import annotations

from tortoise import fields

from models.base import Party
from models.organization import Organization


class Client(Party):
    """A client. Deleting is soft (`is_active`); the database refuses to drop one with documents."""

    id_prefix = "cli"

    organization: fields.ForeignKeyRelation[Organization] = fields.ForeignKeyField(
        "models.Organization", related_name="clients", on_delete=fields.RESTRICT
    )
    organization_id: str
    name = fields.CharField(max_length=255)
    email = fields.CharField(max_length=254, default="")
    address = fields.TextField(default="")
    tax_id = fields.CharField(max_length=64, default="")
    phone = fields.CharField(max_length=64, default="")
    notes = fields.TextField(default="")
    is_active = fields.BooleanField(default=True)
    # What its documents quote as the buyer's reference unless they say otherwise (BT-10;
    # for a German public buyer, its Leitweg-ID).
    buyer_reference = fields.CharField(max_length=200, default="")

    class Meta:
        table = "client"
        indexes = (
            ("organization_id", "created_at"),
            ("organization_id", "is_active", "name"),
        )
