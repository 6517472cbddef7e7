"""billing.tax_rates: an organization's catalogue of tax rates, the rules of each category,
and lines taxed with them, which keep what they were taxed with."""

from __future__ import annotations

from decimal import Decimal

import pytest

from billing import documents, tax_rates
from billing.errors import ErrorCode, NotFound, ValidationError
from models import LineItem
from models.enums import TaxRounding
from tests.billing.factories import an_invoice
from tests.conftest import Tenant


async def test_a_line_taxed_from_the_catalogue_keeps_a_copy_of_the_rate(tenant: Tenant) -> None:
    vat = await tax_rates.create_tax_rate(tenant.org, {"name": "VAT 20%", "rate": "20"})
    assert tenant.org.tax_rounding is TaxRounding.PER_DOCUMENT  # what a new one rounds by
    lines = [
        {"description": "Part", "quantity": 1, "unit_price": price, "tax_rate_ids": [vat.id]}
        for price in ("0.33", "0.33", "0.34")
    ]
    invoice = await an_invoice(tenant.org, currency="EUR", line_items=lines)
    assert (invoice.tax_total, invoice.total) == (Decimal("0.20"), Decimal("1.20"))
    assert invoice.tax_rounding is TaxRounding.PER_DOCUMENT
    (row,) = invoice.tax_breakdown
    assert (row["name"], row["taxableAmount"], row["taxAmount"]) == ("VAT 20%", "1.00", "0.20")
    await tax_rates.update_tax_rate(tenant.org, vat.id, {"name": "VAT", "rate": "19"})
    await tax_rates.delete_tax_rate(tenant.org, vat.id)
    stored = await LineItem.filter(document_id=invoice.id).order_by("position")
    assert [line.taxes[0].name for line in stored] == ["VAT 20%"] * 3
    assert stored[0].applied_taxes[0]["rate"] == "20"
    assert stored[0].taxes[0].tax_rate_id == vat.id
    again = await documents.update_document(tenant.org, invoice.id, {"notes": "x"}, None)
    assert again.total == Decimal("1.20")  # its lines' copies, not the catalogue's rate


async def test_a_line_naming_a_rate_of_no_such_id_is_refused(
    tenant: Tenant, other_tenant: Tenant
) -> None:
    theirs = await tax_rates.create_tax_rate(other_tenant.org, {"name": "VAT", "rate": "20"})
    line = {"description": "x", "quantity": 1, "unit_price": 1, "tax_rate_ids": [theirs.id]}
    with pytest.raises(ValidationError) as caught:
        await an_invoice(tenant.org, line_items=[line])
    assert caught.value.field == "lineItems[0].taxRateIds[0]"
    with pytest.raises(NotFound):
        await tax_rates.get_tax_rate(tenant.org, theirs.id)


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"name": "VAT", "rate": "0"}, "rate"),  # S above 0
        ({"name": "Zero", "rate": "5", "category": "Z"}, "rate"),
        ({"name": "Exempt", "rate": "0", "category": "E"}, "exemptionReason"),
        ({"name": "Reverse", "rate": "20", "category": "AE", "exemption_reason": "x"}, "rate"),
        ({"name": "VAT", "rate": "20", "exemption_reason": "why"}, "exemptionReason"),
        ({"name": "VAT", "rate": "20", "category": "X"}, "category"),
        ({"name": "VAT", "rate": "101"}, "rate"),
        ({"name": "", "rate": "20"}, "name"),
        ({"rate": "20"}, "name"),
        ({"name": "VAT", "rate": "20", "colour": "red"}, "colour"),
    ],
)
async def test_each_category_has_its_rules(
    tenant: Tenant, values: dict[str, object], field: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        await tax_rates.create_tax_rate(tenant.org, values)
    assert (caught.value.code, caught.value.field) == (ErrorCode.VALIDATION, field)


async def test_exempt_and_reverse_charge_rates_say_why(tenant: Tenant) -> None:
    reverse = await tax_rates.create_tax_rate(
        tenant.org,
        {
            "name": "Reverse charge",
            "rate": "0",
            "category": "AE",
            "exemption_reason_code": "vatex-eu-ae",
        },
    )
    assert (reverse.exemption_reason_code, reverse.rate) == ("VATEX-EU-AE", Decimal(0))
    with pytest.raises(ValidationError) as caught:
        await tax_rates.create_tax_rate(tenant.org, {"name": "Reverse charge", "rate": "20"})
    assert "already exists" in caught.value.message
    listed = await tax_rates.window_tax_rates(tenant.org)
    assert [rate.name for _, rate in listed.edges] == ["Reverse charge"]
