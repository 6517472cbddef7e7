"""Invoices and estimates (one model, told apart by `is_estimate`), their lines and PDFs."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tortoise import fields
from tortoise.models import Model

from models.base import Entity, StoredEInvoice, StoredFile, money_field, rate_field
from models.client import Client
from models.enums import DiscountType, DocumentStatus, TaxRounding
from models.ids import new_id
from models.organization import Organization
from models.taxes import AppliedTax

if TYPE_CHECKING:
    from models.credit_note import CreditNote
    from models.payment import Payment
    from models.recurring import RecurringInvoice


class Document(Entity):
    """An invoice or an estimate. Totals are stored as `billing.totals` computed them."""

    id_prefix = "inv"

    organization: fields.ForeignKeyRelation[Organization] = fields.ForeignKeyField(
        "models.Organization", related_name="documents", on_delete=fields.RESTRICT
    )
    organization_id: str
    client: fields.ForeignKeyRelation[Client] = fields.ForeignKeyField(
        "models.Client", related_name="documents", on_delete=fields.RESTRICT
    )
    client_id: str
    is_estimate = fields.BooleanField(default=False)
    number = fields.CharField(max_length=64)
    status = fields.CharEnumField(DocumentStatus, max_length=16, default=DocumentStatus.DRAFT)
    currency = fields.CharField(max_length=3)
    # The currency's decimals when the document was created (ISO 4217's then): its amounts are
    # rounded to these, so a later edition of the list never re-rounds a stored document.
    minor_units = fields.SmallIntField()
    issue_date = fields.DateField()
    due_date = fields.DateField(null=True)
    # Tortoise types enum fields as never null; this one may be.
    discount_type: fields.Field[DiscountType | None] = fields.CharEnumField(  # type: ignore[assignment]
        DiscountType, max_length=8, null=True
    )
    discount_value = money_field(default=0)
    tax = rate_field(default=0)
    tax2 = rate_field(default=0)
    prices_include_tax = fields.BooleanField(default=False)
    tax_rounding = fields.CharEnumField(TaxRounding, max_length=16, default=TaxRounding.PER_LINE)
    # One row per tax, as billing.totals computed them (models.taxes.TaxLine, as JSON).
    tax_breakdown: fields.JSONField[list[dict[str, Any]]] = fields.JSONField(default=list)
    subtotal = money_field(default=0)
    discount_total = money_field(default=0)
    tax_total = money_field(default=0)
    total = money_field(default=0)
    amount_paid = money_field(default=0)
    # What its credit notes credit, and what of that was refunded (billing.credit_notes).
    amount_credited = money_field(default=0)
    amount_refunded = money_field(default=0)
    notes = fields.TextField(default="")
    terms = fields.TextField(default="")
    buyer_reference = fields.CharField(max_length=200, default="")  # BT-10
    purchase_order_reference = fields.CharField(max_length=200, default="")  # BT-13
    delivery_date = fields.DateField(null=True)  # BT-72, the actual delivery date
    delivery_country = fields.CharField(max_length=2, default="")  # BT-80, deliver-to country
    sent_via_email = fields.BooleanField(default=False)
    sent_to: fields.JSONField[list[str]] = fields.JSONField(default=list)
    sent_at = fields.DatetimeField(null=True)
    viewed_at = fields.DatetimeField(null=True)
    accepted_at = fields.DatetimeField(null=True)
    paid_at = fields.DatetimeField(null=True)
    voided_at = fields.DatetimeField(null=True)
    # The due date whose passing its `invoice.overdue` event announced (billing.passes): one
    # event per invoice and due date, however many workers look.
    overdue_announced_for = fields.DateField(null=True)
    public_token = fields.CharField(max_length=64, unique=True)
    # While its e-mail is being delivered: edits and a second sending wait until then, so
    # that what is recorded as sent is what the e-mail carried (a dead process's claim ends
    # by itself).
    sending_until = fields.DatetimeField(null=True)
    # On the invoice: the estimate it was converted from. Unique, so the database itself
    # guarantees that one estimate converts into at most one invoice.
    source_estimate: fields.OneToOneNullableRelation[Document] = fields.OneToOneField(
        "models.Document",
        related_name="converted_invoice",
        null=True,
        on_delete=fields.SET_NULL,
    )
    source_estimate_id: str | None
    # On an invoice a recurring invoice made: which (its run says for which period).
    recurring_invoice: fields.ForeignKeyNullableRelation[RecurringInvoice] = fields.ForeignKeyField(
        "models.RecurringInvoice",
        related_name="invoices",
        null=True,
        on_delete=fields.SET_NULL,
    )
    recurring_invoice_id: str | None
    # Whether the organization's reminder rules leave it alone (billing.reminders).
    reminders_disabled = fields.BooleanField(default=False)
    # On a late fee invoice: the overdue invoice it charges the fee of.
    late_fee_for: fields.ForeignKeyNullableRelation[Document] = fields.ForeignKeyField(
        "models.Document", related_name="late_fees", null=True, on_delete=fields.SET_NULL
    )
    late_fee_for_id: str | None
    line_items: fields.ReverseRelation[LineItem]
    payments: fields.ReverseRelation[Payment]
    credit_notes: fields.ReverseRelation[CreditNote]

    class Meta:
        table = "document"
        unique_together = (("organization_id", "is_estimate", "number"),)
        indexes = (
            ("organization_id", "is_estimate", "created_at"),
            ("organization_id", "is_estimate", "status"),
            ("organization_id", "client_id"),
            ("organization_id", "due_date"),
        )

    def __init__(self, **kwargs: object) -> None:
        if not kwargs.get("id"):
            kwargs["id"] = new_id("est" if kwargs.get("is_estimate") else "inv")
        super().__init__(**kwargs)


class DocumentCount(Model):
    """How many documents an organization has in one series, counted by the database.

    Triggers (migration 4) count every insert and delete of a document in the transaction that
    makes it, so a list's total is one row read, not a count of a million index entries."""

    # The organization's id and `/inv` or `/est`, as the triggers write it.
    id = fields.CharField(primary_key=True, max_length=40)
    organization: fields.ForeignKeyRelation[Organization] = fields.ForeignKeyField(
        "models.Organization", related_name="document_counts", on_delete=fields.CASCADE
    )
    organization_id: str
    is_estimate = fields.BooleanField()
    documents = fields.BigIntField(default=0)

    class Meta:
        table = "document_count"


class LineItem(Entity):
    """One line of a document, with the amounts `billing.totals` computed for it."""

    id_prefix = "li"

    document: fields.ForeignKeyRelation[Document] = fields.ForeignKeyField(
        "models.Document", related_name="line_items", on_delete=fields.CASCADE
    )
    document_id: str
    position = fields.IntField()
    description = fields.TextField()
    quantity = money_field()
    unit_price = money_field()
    tax_rate = rate_field(default=0)
    apply_tax = fields.BooleanField(default=True)
    apply_discount = fields.BooleanField(default=True)
    unit_code = fields.CharField(max_length=3, default="C62")  # UN/ECE Rec 20 (BT-130)
    # The line's taxes from the organization's catalogue as they were when it was written
    # (models.taxes.AppliedTax, as JSON); its legacy rates are the columns above.
    applied_taxes: fields.JSONField[list[dict[str, Any]]] = fields.JSONField(default=list)
    amount = money_field(default=0)
    discount = money_field(default=0)
    tax = money_field(default=0)

    @property
    def taxes(self) -> tuple[AppliedTax, ...]:
        return tuple(AppliedTax.from_json(value) for value in self.applied_taxes)

    class Meta:
        table = "line_item"
        unique_together = (("document_id", "position"),)


class DocumentPdf(StoredFile):
    """The stored PDF of a document; its version is the document's, its client's and its
    organization's update times."""

    id_prefix = "pdf"

    document: fields.OneToOneRelation[Document] = fields.OneToOneField(
        "models.Document", related_name="pdf", on_delete=fields.CASCADE
    )
    document_id: str

    class Meta:
        table = "document_pdf"


class DocumentEInvoice(StoredEInvoice):
    """A stored e-invoice of an invoice in one format; its version is the PDF's (the invoice's,
    its client's and its organization's update times)."""

    id_prefix = "dei"

    document: fields.ForeignKeyRelation[Document] = fields.ForeignKeyField(
        "models.Document", related_name="e_invoices", on_delete=fields.CASCADE
    )
    document_id: str

    class Meta:
        table = "document_einvoice"
        unique_together = (("document_id", "format"),)
