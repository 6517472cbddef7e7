"""An organization's catalogue of tax rates: what its documents' lines are taxed with.

A rate has a name ("VAT 20%"), a percentage, its EN 16931 VAT category and, for the categories
that need one, the reason the tax is not charged. A line names rates by id and keeps a copy of
each as it was (`models.taxes.AppliedTax`), so a rate can be changed or deleted whatever
documents named it. The rules each category's rate and reason follow are EN 16931's
(BR-S-05, BR-Z-05, BR-E-05, BR-AE-05, BR-IC-05, BR-G-05, BR-O-05; BR-S-10, BR-Z-10; BR-E-10,
BR-AE-10, BR-IC-10, BR-G-10, BR-O-10): checked when a rate is written, not when an e-invoice
is made of a document already issued.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from billing import access, display, validation
from billing.access import Permission
from billing.errors import NotFound, ValidationError, shown_id
from billing.money import parse_rate
from billing.pagination import Listing, Ordering, Slice, Window, compare, keyset, one_of
from models import Organization, TaxRate
from models.enums import TaxCategory
from models.ids import is_id
from models.rows import table
from models.taxes import AppliedTax

#: The most tax rates one organization keeps.
MAX_TAX_RATES = 200

#: Categories whose rate is always 0 and which say why no tax is charged.
EXEMPT: frozenset[TaxCategory] = frozenset(
    {TaxCategory.E, TaxCategory.AE, TaxCategory.K, TaxCategory.G, TaxCategory.O}
)

_FIELDS = {
    "name",
    "rate",
    "category",
    "compound",
    "exemption_reason",
    "exemption_reason_code",
}

TAX_RATES = table(TaxRate, "t")
BY_NAME = Ordering("NAME:ASC", "name")


def applied(rate: TaxRate) -> AppliedTax:
    """What a line keeps of `rate`: a copy as it is now."""
    return AppliedTax(
        rate=display.plain(rate.rate),  # 20, not the column's 20.0000 (nor 2E+1)
        name=rate.name,
        category=rate.category,
        compound=rate.compound,
        exemption_reason=rate.exemption_reason,
        exemption_reason_code=rate.exemption_reason_code,
        tax_rate_id=rate.id,
    )


def _apply(rate: TaxRate, values: Mapping[str, Any]) -> list[str]:
    """Validate and set the fields present in `values`, then check the category's rules on
    the whole rate; the names of the fields set."""
    unknown = sorted(set(values) - _FIELDS)
    if unknown:
        raise ValidationError(f"Unknown tax rate field: {', '.join(unknown)}", field=unknown[0])
    if "name" in values:
        rate.name = validation.text(values["name"], field="name", max_length=100, required=True)
    if "rate" in values:
        rate.rate = parse_rate(values["rate"], field="rate")
    if "category" in values:
        rate.category = validation.choice(TaxCategory, values["category"], field="category")
    if "compound" in values:
        if not isinstance(values["compound"], bool):
            raise ValidationError("compound must be true or false", field="compound")
        rate.compound = values["compound"]
    if "exemption_reason" in values:
        rate.exemption_reason = validation.text(
            values["exemption_reason"], field="exemptionReason", max_length=300
        )
    if "exemption_reason_code" in values:
        code = validation.text(
            values["exemption_reason_code"], field="exemptionReasonCode", max_length=40
        )
        rate.exemption_reason_code = code.upper()
    _check_category(rate)
    return sorted(set(values) & _FIELDS)


def _check_category(rate: TaxRate) -> None:
    category = rate.category
    reason = rate.exemption_reason or rate.exemption_reason_code
    if category is TaxCategory.S and rate.rate <= 0:
        raise ValidationError("A standard-rated (S) tax has a rate above 0", field="rate")
    if category in EXEMPT | {TaxCategory.Z} and rate.rate != 0:
        raise ValidationError(
            f"A tax of category {category} has a rate of 0 (it charges no tax)", field="rate"
        )
    if category in EXEMPT and not reason:
        raise ValidationError(
            f"A tax of category {category} needs an exemptionReason or exemptionReasonCode "
            "saying why no tax is charged",
            field="exemptionReason",
        )
    if category in {TaxCategory.S, TaxCategory.Z} and reason:
        raise ValidationError(
            f"A tax of category {category} has no exemption reason", field="exemptionReason"
        )


def _listing(org: Organization) -> Listing[TaxRate]:
    return Listing(TAX_RATES, (compare(TAX_RATES, "organization_id", "=", org.id),))


async def window_tax_rates(org: Organization, *, window: Window | None = None) -> Slice[TaxRate]:
    """A keyset window of the organization's tax rates, by name."""
    access.require(Permission.ORGANIZATION_READ)
    return await keyset(_listing(org), BY_NAME, window or Window())


async def rates_by_id(
    org: Organization, rate_ids: Collection[str], conn: BaseDBAsyncClient | None = None
) -> list[TaxRate]:
    """The organization's rates among `rate_ids` (for writing a line: no permission of its
    own, the write's is checked)."""
    wanted = [rate_id for rate_id in rate_ids if is_id(rate_id)]
    if not wanted:
        return []
    query = TaxRate.filter(organization_id=org.id, id__in=wanted)
    return await (query.using_db(conn) if conn is not None else query)


async def get_tax_rate(org: Organization, rate_id: str) -> TaxRate:
    """One of the organization's tax rates."""
    access.require(Permission.ORGANIZATION_READ)
    found = []
    if is_id(rate_id):
        found = await _listing(org).where(one_of(TAX_RATES, "id", [rate_id])).rows()
    if not found:
        raise NotFound(f"No tax rate with id {shown_id(rate_id)}", field="id")
    return found[0]


def _taken(name: str) -> ValidationError:
    return ValidationError(f"A tax rate named {name!r} already exists", field="name")


async def create_tax_rate(org: Organization, values: Mapping[str, Any]) -> TaxRate:
    """Add a rate to the organization's catalogue."""
    access.require(Permission.ORGANIZATION_WRITE)
    for required in ("name", "rate"):
        if values.get(required) is None:
            raise ValidationError(f"Missing required field: {required}", field=required)
    rate = TaxRate(organization_id=org.id)
    _apply(rate, values)
    try:
        async with in_transaction() as conn:
            count = await TaxRate.filter(organization_id=org.id).using_db(conn).count()
            if count >= MAX_TAX_RATES:
                raise ValidationError(
                    f"An organization keeps at most {MAX_TAX_RATES} tax rates", field="name"
                )
            await rate.save(using_db=conn, force_create=True)
    except IntegrityError:
        raise _taken(rate.name) from None
    return rate


async def _locked(org: Organization, rate_id: str, conn: BaseDBAsyncClient) -> TaxRate:
    rate = None
    if is_id(rate_id):
        query = TaxRate.filter(id=rate_id, organization_id=org.id).select_for_update()
        rate = await query.using_db(conn).first()
    if rate is None:
        raise NotFound(f"No tax rate with id {shown_id(rate_id)}", field="id")
    return rate


async def update_tax_rate(org: Organization, rate_id: str, changes: Mapping[str, Any]) -> TaxRate:
    """Change a rate: documents written before keep the copy they have."""
    access.require(Permission.ORGANIZATION_WRITE)
    try:
        async with in_transaction() as conn:
            rate = await _locked(org, rate_id, conn)
            changed = _apply(rate, changes)
            await rate.save(using_db=conn, update_fields=[*changed, "updated_at"])
    except IntegrityError:
        raise _taken(str(changes.get("name"))) from None
    return rate


async def delete_tax_rate(org: Organization, rate_id: str) -> None:
    """Take a rate out of the catalogue: documents written with it keep their copy."""
    access.require(Permission.ORGANIZATION_WRITE)
    async with in_transaction() as conn:
        rate = await _locked(org, rate_id, conn)
        await rate.delete(using_db=conn)
