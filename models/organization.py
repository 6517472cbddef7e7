"""Tenants, their API keys and their number sequences."""

from __future__ import annotations

from tortoise import fields

from models.base import Entity, Party, rate_field
from models.enums import PaperSize, Series, TaxCategory, TaxRounding


class Organization(Party):
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
    # How new documents round their taxes; organizations made before it existed kept PER_LINE.
    tax_rounding = fields.CharEnumField(
        TaxRounding, max_length=16, default=TaxRounding.PER_DOCUMENT
    )
    # How it is paid, on its e-invoices (BG-16): {code, iban, bic, accountName}.
    payment_means: fields.JSONField[dict[str, str] | None] = fields.JSONField(null=True)
    # Whether its invoices and credit notes are e-mailed as Factur-X PDFs (their PDF/A-3 with
    # the EN 16931 XML attached) rather than plain PDFs.
    email_facturx = fields.BooleanField(default=False)

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


class NumberCounter(Entity):
    """The next value of a dated pattern's sequence in one period (`2026`, or `2026-03` for
    a pattern with the month): each year's or month's numbers count from 1 on their own."""

    id_prefix = "ctr"

    sequence: fields.ForeignKeyRelation[NumberSequence] = fields.ForeignKeyField(
        "models.NumberSequence", related_name="counters", on_delete=fields.CASCADE
    )
    sequence_id: str
    period = fields.CharField(max_length=7)
    next_value = fields.BigIntField(default=1)

    class Meta:
        table = "number_counter"
        unique_together = (("sequence_id", "period"),)


class TaxRate(Entity):
    """A tax of an organization's catalogue, which its documents' lines name. A line keeps a
    copy of it as it was (models.taxes.AppliedTax): changing or deleting a rate never changes
    a stored document."""

    id_prefix = "tax"

    organization: fields.ForeignKeyRelation[Organization] = fields.ForeignKeyField(
        "models.Organization", related_name="tax_rates", on_delete=fields.CASCADE
    )
    organization_id: str
    name = fields.CharField(max_length=100)
    rate = rate_field()
    category = fields.CharEnumField(TaxCategory, max_length=2, default=TaxCategory.S)
    compound = fields.BooleanField(default=False)
    exemption_reason = fields.CharField(max_length=300, default="")
    exemption_reason_code = fields.CharField(max_length=40, default="")

    class Meta:
        table = "tax_rate"
        unique_together = (("organization_id", "name"),)
        indexes = (("organization_id", "name", "id"),)
