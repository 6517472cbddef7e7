"""Payments recorded against invoices."""

from __future__ import annotations

from tortoise import fields

from models.base import Entity, money_field
from models.document import Document
from models.enums import PaymentMethod
from models.organization import Organization


class Payment(Entity):
    """A payment. The database refuses to delete a document that has payments."""

    id_prefix = "pay"

    organization: fields.ForeignKeyRelation[Organization] = fields.ForeignKeyField(
        "models.Organization", related_name="payments", on_delete=fields.RESTRICT
    )
    organization_id: str
    document: fields.ForeignKeyRelation[Document] = fields.ForeignKeyField(
        "models.Document", related_name="payments", on_delete=fields.RESTRICT
    )
    document_id: str
    amount = money_field()
    currency = fields.CharField(max_length=3)
    minor_units = fields.SmallIntField()  # its invoice's (Document.minor_units)
    payment_date = fields.DateField()
    payment_method = fields.CharEnumField(PaymentMethod, max_length=16)
    note = fields.TextField(default="")

    class Meta:
        table = "payment"
        indexes = (
            ("organization_id", "payment_date"),
            ("organization_id", "created_at"),
            ("document_id", "payment_date"),
        )
