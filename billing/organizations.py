"""Organizations (tenants) and their settings."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from tortoise.transactions import in_transaction

from billing import access, apikeys, lifecycle, numbering, parties, plans, validation
from billing.access import Permission
from billing.errors import NotFound, ValidationError
from billing.money import normalize_currency
from billing.plans import Plan
from models import NumberSequence, Organization
from models.enums import PaperSize, Series, TaxRounding

# Settings an organization may change about itself, with their validators.
_SETTINGS: dict[str, Callable[[Any], Any]] = {
    "name": lambda v: validation.text(v, field="name", max_length=200, required=True),
    "email": lambda v: validation.email(v),
    "address": lambda v: validation.text(v, field="address", max_length=2000, multiline=True),
    "tax_id": lambda v: validation.text(v, field="taxId", max_length=64),
    "phone": lambda v: validation.text(v, field="phone", max_length=64),
    "currency": lambda v: normalize_currency(v),
    "timezone": lambda v: validation.timezone(v),
    "locale": lambda v: validation.locale(v),
    "paper_size": lambda v: _paper_size(v),
    "tax_rounding": lambda v: validation.choice(TaxRounding, v, field="taxRounding"),
    **parties.PARTY_FIELDS,
    "payment_means": lambda v: parties.payment_means(v),
    "email_facturx": lambda v: validation.flag(v, field="emailFacturX"),
}


def _paper_size(value: object) -> PaperSize:
    try:
        return PaperSize(str(value).upper())
    except ValueError:
        raise ValidationError("paperSize must be A4 or LETTER", field="paperSize") from None


def _clean(changes: Mapping[str, Any]) -> dict[str, Any]:
    unknown = set(changes) - set(_SETTINGS)
    if unknown:
        raise ValidationError(f"Unknown organization setting: {', '.join(sorted(unknown))}")
    return {key: _SETTINGS[key](value) for key, value in changes.items()}


async def create_organization(
    name: str, *, plan: Plan = plans.UNLIMITED, **settings: Any
) -> Organization:
    """Create an organization on `plan` (one of the configured plans), with its number
    sequences."""
    values = _clean({"name": name, **settings})
    async with in_transaction() as conn:
        org = await Organization.create(**values, plan=plan.name, using_db=conn)
        await numbering.create_sequences(org, conn)
    return org


async def get_organization(org_id: str) -> Organization:
    """An organization by id (for administration, not for API callers)."""
    org = await Organization.get_or_none(id=org_id)
    if org is None:
        raise NotFound(f"No organization with id {org_id!r}", field="organization")
    return org


async def update_organization(
    org: Organization,
    changes: Mapping[str, Any],
    *,
    invoice_number_pattern: str | None = None,
    estimate_number_pattern: str | None = None,
    next_invoice_number: int | None = None,
    next_estimate_number: int | None = None,
) -> Organization:
    """Change the organization's settings and numbering in one transaction."""
    access.require(Permission.ORGANIZATION_WRITE)
    values = _clean(changes)
    async with in_transaction() as conn:
        locked = await Organization.filter(id=org.id).select_for_update().using_db(conn).get()
        for key, value in values.items():
            setattr(locked, key, value)
        await locked.save(using_db=conn)
        for series, pattern, next_value in (
            (Series.INVOICE, invoice_number_pattern, next_invoice_number),
            (Series.ESTIMATE, estimate_number_pattern, next_estimate_number),
        ):
            if pattern is not None or next_value is not None:
                await numbering.configure_sequence(
                    locked,
                    series,
                    conn,
                    pattern=pattern,
                    next_value=next_value,
                    today=lifecycle.today_in(locked),
                )
    # Again once committed: a request between the save and the commit may have kept the
    # organization as it was.
    apikeys.forget_recent(organization_id=org.id)
    return locked


async def set_plan(org: Organization, plan: Plan) -> Organization:
    """Move an organization to another of the configured plans (an operator's action)."""
    org.plan = plan.name
    await org.save(update_fields=["plan", "updated_at"])
    return org


async def sequences_of(org: Organization) -> dict[Series, NumberSequence]:
    """The organization's number sequences by series."""
    access.require(Permission.ORGANIZATION_READ)
    rows = await NumberSequence.filter(organization_id=org.id)
    return {row.series: row for row in rows}
