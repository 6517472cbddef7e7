"""What every model shares: an opaque primary key and timestamps."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, ClassVar

from tortoise import fields
from tortoise.models import Model

from models.ids import ID_LENGTH, new_id


def money_field(**kwargs: Any) -> fields.DecimalField[Decimal]:
    """An exact decimal column for amounts, quantities and prices (4 places covers every
    currency's minor unit and sub-unit unit prices)."""
    return fields.DecimalField(max_digits=20, decimal_places=4, **kwargs)


def rate_field(**kwargs: Any) -> fields.DecimalField[Decimal]:
    """An exact decimal column for a percentage from 0 to 100."""
    return fields.DecimalField(max_digits=9, decimal_places=4, **kwargs)


class Entity(Model):
    """A model with an opaque prefixed id and creation/update timestamps."""

    id_prefix: ClassVar[str] = ""

    id = fields.CharField(primary_key=True, max_length=ID_LENGTH)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        abstract = True

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)
        if not self.id:
            self.id = new_id(self.id_prefix)


class Party(Entity):
    """A seller or buyer of documents (an organization, a client): what the e-invoicing
    standards need of it besides its name, each composite value as JSON in the shape the APIs
    show (billing.parties validates them); empty or null when not given."""

    # {lines, city, postalCode, subdivision, country}: BT-35..40 / BT-50..55.
    postal_address: fields.JSONField[dict[str, Any] | None] = fields.JSONField(null=True)
    vat_id = fields.CharField(max_length=32, default="")  # BT-31 / BT-48, with its prefix
    # {scheme, value}: a legal registration (BT-30 / BT-47) and the Peppol address (BT-34 /
    # BT-49), their schemes ISO 6523 ICD and EAS codes.
    legal_registration: fields.JSONField[dict[str, str] | None] = fields.JSONField(null=True)
    peppol_id: fields.JSONField[dict[str, str] | None] = fields.JSONField(null=True)

    class Meta:
        abstract = True


class StoredFile(Entity):
    """A stored file made from rows (a PDF, pdf.store; an e-invoice, einvoice.store): the
    version of what it shows and the fingerprint of the code that made it, and its bytes."""

    # Three update times of what it shows, 19 digits each.
    version = fields.CharField(max_length=57)
    fingerprint = fields.CharField(max_length=64)
    content = fields.BinaryField()

    class Meta:
        abstract = True


class StoredEInvoice(StoredFile):
    """A stored e-invoice in one format (einvoice.store): the XML, or for FACTURX the PDF/A-3
    that carries it, with the findings of the rules run on that XML."""

    format = fields.CharField(max_length=16)
    # [{rule, flag, location, text}], as einvoice.validation reports them.
    findings: fields.JSONField[list[dict[str, str]]] = fields.JSONField(default=list)

    class Meta:
        abstract = True
