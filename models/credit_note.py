"""Credit notes: what corrects an issued invoice, with their lines and refunds."""

from __future__ import annotations

from typing import Any

from tortoise import fields

from models.base import Entity, StoredEInvoice, StoredFile, money_field
from models.client import Client
from models.document import Document
from models.enums import PaymentMethod
from models.organization import Organization
from models.taxes import AppliedTax


class CreditNote(Entity):
    """A credit note issued against an invoice: never edited once issued. Its amounts are
    positive (what it credits) and computed by `billing.totals` like a document's."""

    id_prefix = "cn"

    organization: fields.ForeignKeyRelation[Organization] = fields.ForeignKeyField(
        "models.Organization", related_name="credit_notes", on_delete=fields.RESTRICT
    )
    organization_id: str
    invoice: fields.ForeignKeyRelation[Document] = fields.ForeignKeyField(
        "models.Document", related_name="credit_notes", on_delete=fields.RESTRICT
    )
    invoice_id: str
    client: fields.ForeignKeyRelation[Client] = fields.ForeignKeyField(
        "models.Client", related_name="credit_notes", on_delete=fields.RESTRICT
    )
    client_id: str
    number = fields.CharField(max_length=64)
    currency = fields.CharField(max_length=3)
    minor_units = fields.SmallIntField()  # its invoice's
    issue_date = fields.DateField()
    reason = fields.TextField(default="")
    subtotal = money_field(default=0)  # the nets it credits
    tax_total = money_field(default=0)
    total = money_field(default=0)
    # One row per tax (models.taxes.TaxLine, as JSON), as for a document.
    tax_breakdown: fields.JSONField[list[dict[str, Any]]] = fields.JSONField(default=list)
    amount_refunded = money_field(default=0)
    public_token = fields.CharField(max_length=64, unique=True)
    # Who it was last e-mailed to, and when first; while `sending_until` is ahead, an e-mail
    # of it is being delivered (billing.credit_notes.claim_sending).
    sent_to: fields.JSONField[list[str]] = fields.JSONField(default=list)
    sent_at = fields.DatetimeField(null=True)
    sending_until = fields.DatetimeField(null=True)
    lines: fields.ReverseRelation[CreditNoteLine]
    refunds: fields.ReverseRelation[Refund]

    class Meta:
        table = "credit_note"
        unique_together = (("organization_id", "number"),)
        indexes = (("organization_id", "invoice_id"),)


class CreditNoteLine(Entity):
    """What a credit note credits of one line of its invoice: `amount` with its taxes (the
    gross), of which `net` and `tax`."""

    id_prefix = "cnl"

    credit_note: fields.ForeignKeyRelation[CreditNote] = fields.ForeignKeyField(
        "models.CreditNote", related_name="lines", on_delete=fields.CASCADE
    )
    credit_note_id: str
    position = fields.IntField()
    invoice_line = fields.IntField()  # the invoice line's position
    description = fields.TextField()
    quantity = money_field(null=True)  # the quantity credited, when given as one
    amount = money_field()
    net = money_field()
    tax = money_field()
    applied_taxes: fields.JSONField[list[dict[str, Any]]] = fields.JSONField(default=list)

    @property
    def taxes(self) -> tuple[AppliedTax, ...]:
        return tuple(AppliedTax.from_json(value) for value in self.applied_taxes)

    class Meta:
        table = "credit_note_line"
        unique_together = (("credit_note_id", "position"),)


class Refund(Entity):
    """Money paid back to the client out of a credit note's credit."""

    id_prefix = "rfd"

    organization: fields.ForeignKeyRelation[Organization] = fields.ForeignKeyField(
        "models.Organization", related_name="refunds", on_delete=fields.RESTRICT
    )
    organization_id: str
    credit_note: fields.ForeignKeyRelation[CreditNote] = fields.ForeignKeyField(
        "models.CreditNote", related_name="refunds", on_delete=fields.RESTRICT
    )
    credit_note_id: str
    amount = money_field()
    refund_date = fields.DateField()
    method = fields.CharEnumField(PaymentMethod, max_length=16)
    note = fields.TextField(default="")

    class Meta:
        table = "refund"
        indexes = (("credit_note_id", "refund_date"),)


class CreditNotePdf(StoredFile):
    """The stored PDF of a credit note; its version is the credit note's, its client's and its
    organization's update times."""

    id_prefix = "cnp"

    credit_note: fields.OneToOneRelation[CreditNote] = fields.OneToOneField(
        "models.CreditNote", related_name="pdf", on_delete=fields.CASCADE
    )
    credit_note_id: str

    class Meta:
        table = "credit_note_pdf"


class CreditNoteEInvoice(StoredEInvoice):
    """A stored e-invoice of a credit note in one format; its version is the credit note's
    PDF's."""

    id_prefix = "cne"

    credit_note: fields.ForeignKeyRelation[CreditNote] = fields.ForeignKeyField(
        "models.CreditNote", related_name="e_invoices", on_delete=fields.CASCADE
    )
    credit_note_id: str

    class Meta:
        table = "credit_note_einvoice"
        unique_together = (("credit_note_id", "format"),)
