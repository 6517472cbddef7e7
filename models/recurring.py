"""Recurring invoices: a template and a recurrence rule, and the runs that made its invoices."""

from __future__ import annotations

from typing import Any

from tortoise import fields

from models.base import Entity
from models.client import Client
from models.document import Document
from models.organization import Organization


class RecurringInvoice(Entity):
    """An invoice made again each period of an RFC 5545 rule (billing.recurring): what each
    invoice holds (`template`, the document input of its header and lines), when (`rule`
    from `starts_on`, up to `ends_on` or `max_runs` periods), and what a run does with it.
    `next_run_on` is the next period not yet run, None once there is none."""

    id_prefix = "rec"

    organization: fields.ForeignKeyRelation[Organization] = fields.ForeignKeyField(
        "models.Organization", related_name="recurring_invoices", on_delete=fields.CASCADE
    )
    organization_id: str
    client: fields.ForeignKeyRelation[Client] = fields.ForeignKeyField(
        "models.Client", related_name="recurring_invoices", on_delete=fields.RESTRICT
    )
    client_id: str
    name = fields.CharField(max_length=200, default="")
    currency = fields.CharField(max_length=3)
    template: fields.JSONField[dict[str, Any]] = fields.JSONField(default=dict)
    payment_terms_days = fields.IntField(null=True)
    rule = fields.CharField(max_length=500)
    starts_on = fields.DateField()
    ends_on = fields.DateField(null=True)
    max_runs = fields.IntField(null=True)
    action = fields.CharField(max_length=16)  # billing.recurring.RunAction
    missed = fields.CharField(max_length=16)  # billing.recurring.Missed
    status = fields.CharField(max_length=16)  # billing.recurring.ScheduleStatus
    next_run_on = fields.DateField(null=True)
    # Periods taken so far, run or skipped: what `max_runs` counts.
    periods_done = fields.IntField(default=0)
    paused_at = fields.DatetimeField(null=True)
    cancelled_at = fields.DatetimeField(null=True)

    class Meta:
        table = "recurring_invoice"
        indexes = (("status", "next_run_on"), ("organization_id", "created_at"))


class RecurringRun(Entity):
    """One period of a recurring invoice, run once: unique by (recurring invoice, period), in
    the transaction that made its invoice, so that no retry, restart or second worker makes
    a second one. Its invoice, what came of sending it, or why there is none."""

    id_prefix = "rrn"

    recurring_invoice: fields.ForeignKeyRelation[RecurringInvoice] = fields.ForeignKeyField(
        "models.RecurringInvoice", related_name="runs", on_delete=fields.CASCADE
    )
    recurring_invoice_id: str
    organization: fields.ForeignKeyRelation[Organization] = fields.ForeignKeyField(
        "models.Organization", related_name="recurring_runs", on_delete=fields.CASCADE
    )
    organization_id: str
    period = fields.DateField()
    state = fields.CharField(max_length=16)  # billing.recurring.RunState
    document: fields.ForeignKeyNullableRelation[Document] = fields.ForeignKeyField(
        "models.Document", related_name="recurring_runs", null=True, on_delete=fields.SET_NULL
    )
    document_id: str | None
    error = fields.CharField(max_length=500, default="")
    # While its invoice is being e-mailed: another worker leaves it alone until then.
    sending_until = fields.DatetimeField(null=True)

    class Meta:
        table = "recurring_run"
        unique_together = (("recurring_invoice_id", "period"),)
        indexes = (("state", "sending_until"),)
