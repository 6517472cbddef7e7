"""billing.organizations: creating tenants, their settings and numbering, atomically."""

from __future__ import annotations

from typing import Any

import pytest

from billing import organizations
from billing.errors import ErrorCode, NotFound, ValidationError
from billing.numbering import DEFAULT_PATTERNS
from billing.plans import UNLIMITED
from models import NumberSequence, Organization
from models.enums import PaperSize, Series
from tests.conftest import Backend, Tenant, make_tenant


async def stored_state(org: Organization) -> tuple[dict[str, Any], dict[Series, tuple[str, int]]]:
    """The organization's stored row and its sequences, to prove a refused call changed nothing."""
    row = (await Organization.filter(id=org.id).values())[0]
    sequences = {
        s.series: (s.pattern, s.next_value)
        for s in await NumberSequence.filter(organization_id=org.id)
    }
    return row, sequences


# --- Create -----------------------------------------------------------------------------------


async def test_create_organization_with_defaults_and_sequences(db: Backend) -> None:
    org = await organizations.create_organization("  Acme Studio  ")
    stored = await Organization.get(id=org.id)
    assert stored.name == "Acme Studio"
    assert stored.plan == "unlimited"
    assert (stored.currency, stored.timezone, stored.locale) == ("USD", "UTC", "en_US")

    sequences = await organizations.sequences_of(org)
    assert set(sequences) == {Series.INVOICE, Series.ESTIMATE, Series.CREDIT_NOTE}
    assert sequences[Series.INVOICE].pattern == "INV-{seq:04}"
    assert sequences[Series.ESTIMATE].pattern == "EST-{seq:04}"
    assert sequences[Series.CREDIT_NOTE].pattern == "CN-{seq:04}"
    assert {s.pattern for s in sequences.values()} == set(DEFAULT_PATTERNS.values())
    assert all(s.next_value == 1 for s in sequences.values())


async def test_create_organization_normalizes_settings(db: Backend) -> None:
    org = await organizations.create_organization(
        "Atelier",
        currency=" eur ",
        timezone="Europe/Paris",
        locale="fr-FR",
        email="compta@atelier.example",
        paper_size="letter",
    )
    stored = await Organization.get(id=org.id)
    assert stored.currency == "EUR"
    assert stored.timezone == "Europe/Paris"
    assert stored.locale == "fr_FR"
    assert stored.email == "compta@atelier.example"
    assert stored.paper_size is PaperSize.LETTER


@pytest.mark.parametrize(
    ("name", "settings", "field"),
    [
        ("", {}, "name"),
        ("   ", {}, "name"),
        ("n" * 201, {}, "name"),
        ("Bad\x00name", {}, "name"),
        ("Acme", {"currency": "ABC"}, "currency"),
        ("Acme", {"currency": "DEM"}, "currency"),
        ("Acme", {"currency": ""}, "currency"),
        ("Acme", {"timezone": "Mars/Olympus_Mons"}, "timezone"),
        ("Acme", {"timezone": "../../etc/passwd"}, "timezone"),
        ("Acme", {"timezone": ""}, "timezone"),
        ("Acme", {"locale": "zz-ZZ"}, "locale"),
        ("Acme", {"locale": "not a locale"}, "locale"),
        ("Acme", {"email": "nope"}, "email"),
        ("Acme", {"paper_size": "A3"}, "paperSize"),
    ],
)
async def test_create_organization_refuses_bad_settings(
    db: Backend, name: str, settings: dict[str, str], field: str
) -> None:
    with pytest.raises(ValidationError) as info:
        await organizations.create_organization(name, plan=UNLIMITED, **settings)
    assert info.value.field == field
    assert info.value.code is ErrorCode.VALIDATION
    assert await Organization.all().count() == 0
    assert await NumberSequence.all().count() == 0


async def test_create_organization_refuses_unknown_settings(db: Backend) -> None:
    with pytest.raises(ValidationError, match="Unknown organization setting: colour"):
        await organizations.create_organization("Acme", colour="blue")
    assert await Organization.all().count() == 0


async def test_get_organization(tenant: Tenant) -> None:
    assert (await organizations.get_organization(tenant.org.id)).name == tenant.org.name
    with pytest.raises(NotFound):
        await organizations.get_organization("org_" + "0" * 26)


# --- Update -----------------------------------------------------------------------------------


async def test_update_changes_settings_patterns_and_next_numbers(tenant: Tenant) -> None:
    updated = await organizations.update_organization(
        tenant.org,
        {"name": "Renamed", "currency": "jpy", "timezone": "Asia/Tokyo", "locale": "ja-JP"},
        invoice_number_pattern="F{seq:06}",
        estimate_number_pattern="Q-{seq}",
        next_invoice_number=100,
        next_estimate_number=7,
    )
    assert (updated.name, updated.currency, updated.timezone, updated.locale) == (
        "Renamed",
        "JPY",
        "Asia/Tokyo",
        "ja_JP",
    )
    row, sequences = await stored_state(tenant.org)
    assert (row["name"], row["currency"], row["timezone"], row["locale"]) == (
        "Renamed",
        "JPY",
        "Asia/Tokyo",
        "ja_JP",
    )
    assert sequences == {
        Series.INVOICE: ("F{seq:06}", 100),
        Series.ESTIMATE: ("Q-{seq}", 7),
        Series.CREDIT_NOTE: ("CN-{seq:04}", 1),
    }


async def test_update_leaves_absent_settings_and_other_series_alone(tenant: Tenant) -> None:
    await organizations.update_organization(
        tenant.org, {"email": "a@acme.example"}, next_estimate_number=5
    )
    row, sequences = await stored_state(tenant.org)
    assert row["name"] == tenant.org.name
    assert row["email"] == "a@acme.example"
    assert sequences == {
        Series.INVOICE: ("INV-{seq:04}", 1),
        Series.ESTIMATE: ("EST-{seq:04}", 5),
        Series.CREDIT_NOTE: ("CN-{seq:04}", 1),
    }

    await organizations.update_organization(tenant.org, {}, invoice_number_pattern="I{seq}")
    _, sequences = await stored_state(tenant.org)
    assert sequences == {
        Series.INVOICE: ("I{seq}", 1),
        Series.ESTIMATE: ("EST-{seq:04}", 5),
        Series.CREDIT_NOTE: ("CN-{seq:04}", 1),
    }


@pytest.mark.parametrize(
    ("numbering", "field"),
    [
        ({"invoice_number_pattern": "INV-"}, "invoiceNumberPattern"),
        ({"invoice_number_pattern": "{seq}-{seq}"}, "invoiceNumberPattern"),
        ({"invoice_number_pattern": "INV-{seq}}"}, "invoiceNumberPattern"),
        ({"invoice_number_pattern": "{year}-{seq}"}, "invoiceNumberPattern"),
        ({"estimate_number_pattern": "EST-{MM}-{seq}"}, "estimateNumberPattern"),
        ({"estimate_number_pattern": "{EST-{seq}"}, "estimateNumberPattern"),
        ({"next_invoice_number": 0}, "nextInvoiceNumber"),
        ({"next_invoice_number": -3}, "nextInvoiceNumber"),
        ({"next_estimate_number": 0}, "nextEstimateNumber"),
        ({"next_estimate_number": 10**15 + 1}, "nextEstimateNumber"),
        # A good invoice change is undone with a bad estimate one.
        (
            {
                "invoice_number_pattern": "F{seq}",
                "next_invoice_number": 50,
                "estimate_number_pattern": "Q",
            },
            "estimateNumberPattern",
        ),
        (
            {"invoice_number_pattern": "F{seq}", "next_estimate_number": 0},
            "nextEstimateNumber",
        ),
    ],
)
async def test_a_bad_numbering_change_undoes_the_whole_update(
    tenant: Tenant, numbering: dict[str, Any], field: str
) -> None:
    before = await stored_state(tenant.org)
    with pytest.raises(ValidationError) as info:
        await organizations.update_organization(
            tenant.org, {"name": "Renamed", "currency": "EUR"}, **numbering
        )
    assert info.value.field == field
    assert await stored_state(tenant.org) == before


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"name": "  "}, "name"),
        ({"currency": "ABC"}, "currency"),
        ({"timezone": "Nowhere/City"}, "timezone"),
        ({"locale": "xx"}, "locale"),
        ({"plan": "unlimited"}, None),  # the plan is an operator's action, not a setting
    ],
)
async def test_a_bad_setting_undoes_the_whole_update(
    tenant: Tenant, changes: dict[str, Any], field: str | None
) -> None:
    before = await stored_state(tenant.org)
    with pytest.raises(ValidationError) as info:
        await organizations.update_organization(
            tenant.org, {"email": "new@acme.example", **changes}, next_invoice_number=9
        )
    assert info.value.field == field
    assert await stored_state(tenant.org) == before


# --- Tenancy ----------------------------------------------------------------------------------


async def test_an_organization_sees_only_its_own_sequences(
    tenant: Tenant, other_tenant: Tenant
) -> None:
    await organizations.update_organization(
        other_tenant.org, {}, invoice_number_pattern="OTHER-{seq}", next_invoice_number=77
    )
    mine = await organizations.sequences_of(tenant.org)
    theirs = await organizations.sequences_of(other_tenant.org)
    assert all(s.organization_id == tenant.org.id for s in mine.values())
    assert all(s.organization_id == other_tenant.org.id for s in theirs.values())
    assert {s.id for s in mine.values()}.isdisjoint({s.id for s in theirs.values()})
    assert (mine[Series.INVOICE].pattern, mine[Series.INVOICE].next_value) == ("INV-{seq:04}", 1)
    assert (theirs[Series.INVOICE].pattern, theirs[Series.INVOICE].next_value) == (
        "OTHER-{seq}",
        77,
    )


async def test_a_new_organization_gets_fresh_sequences(tenant: Tenant) -> None:
    await organizations.update_organization(tenant.org, {}, next_invoice_number=500)
    newcomer = await make_tenant("Newcomer")
    sequences = await organizations.sequences_of(newcomer.org)
    assert sequences[Series.INVOICE].next_value == 1
    assert await NumberSequence.all().count() == 6  # three series each
