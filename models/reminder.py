"""Reminders of unpaid invoices: an organization's rules of when to send one, and each one
sent (or tried) for an invoice."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tortoise import fields

from models.base import Entity, money_field
from models.organization import Organization

if TYPE_CHECKING:
    from models.document import Document


class ReminderRule(Entity):
    """When an organization reminds its clients of an open invoice (billing.reminders):
    `offset_days` from its due date (negative before it, 0 on it), with what subject and
    message, and optionally a late fee (`late_fee_type` PERCENT of the amount due, or FLAT in
    `late_fee_currency`) issued as an invoice of its own. One rule per offset."""

    id_prefix = "rmr"

    organization: fields.ForeignKeyRelation[Organization] = fields.ForeignKeyField(
        "models.Organization", related_name="reminder_rules", on_delete=fields.CASCADE
    )
    organization_id: str
    name = fields.CharField(max_length=200, default="")
    offset_days = fields.IntField()
    subject = fields.CharField(max_length=200)
    message = fields.TextField()
    enabled = fields.BooleanField(default=True)
    late_fee_type = fields.CharField(max_length=8, null=True)  # billing.reminders.LateFeeType
    late_fee_value = money_field(null=True)
    late_fee_currency = fields.CharField(max_length=3, null=True)

    class Meta:
        table = "reminder_rule"
        unique_together = (("organization_id", "offset_days"),)


class Reminder(Entity):
    """One rule's reminder of one invoice: unique by (rule, invoice), written before its
    e-mail goes out, so that no second worker, retry or restart sends it twice. What came of
    it, and the late fee invoice it issued, if any."""

    id_prefix = "rem"

    organization: fields.ForeignKeyRelation[Organization] = fields.ForeignKeyField(
        "models.Organization", related_name="reminders", on_delete=fields.CASCADE
    )
    organization_id: str
    rule: fields.ForeignKeyNullableRelation[ReminderRule] = fields.ForeignKeyField(
        "models.ReminderRule", related_name="reminders", null=True, on_delete=fields.SET_NULL
    )
    rule_id: str | None
    document: fields.ForeignKeyRelation[Document] = fields.ForeignKeyField(
        "models.Document", related_name="reminders", on_delete=fields.CASCADE
    )
    document_id: str
    # The rule's offset when it was sent: the rule may change or go since.
    offset_days = fields.IntField()
    state = fields.CharField(max_length=16)  # billing.reminders.ReminderState
    sent_to: fields.JSONField[list[str]] = fields.JSONField(default=list)
    sent_at = fields.DatetimeField(null=True)
    error = fields.CharField(max_length=500, default="")
    # SENDING: until when its worker may take to deliver it (past it, that worker is gone);
    # RETRYING: when it is tried again.
    sending_until = fields.DatetimeField(null=True)
    # How many times its e-mail was tried.
    attempts = fields.IntField(default=0)
    late_fee_document: fields.ForeignKeyNullableRelation[Document] = fields.ForeignKeyField(
        "models.Document", related_name="late_fee_reminders", null=True, on_delete=fields.SET_NULL
    )
    late_fee_document_id: str | None

    class Meta:
        table = "reminder"
        unique_together = (("rule_id", "document_id"),)
        indexes = (("document_id", "created_at"), ("state", "sending_until"))
