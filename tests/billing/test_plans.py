"""billing.plans: parsing the plans file, features, and the client and monthly invoice limits."""

from __future__ import annotations

import asyncio
import json
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from tortoise.transactions import in_transaction

from app import create_app
from billing import clients, organizations, plans
from billing.errors import ErrorCode, PlanLimit, ValidationError
from billing.plans import DEFAULT_PLAN, UNLIMITED, Feature, Plan, Plans, parse_plans
from models import Client, Document, Organization
from settings import Settings
from tests.billing.factories import a_document_row
from tests.conftest import Backend, Tenant, make_tenant

README = Path(__file__).resolve().parents[2] / "README.md"

PLANS = {
    "two": {"clientLimit": 2},
    "three": {"clientLimit": 3},
    "capped": {"monthlyInvoiceLimit": 2, "features": ["api"]},
    "api-only": {"features": ["api"]},
}


@pytest.fixture
def configured() -> Plans:
    """PLANS as an installation's plans."""
    return Plans(parse_plans(PLANS))


def readme_plans_example() -> object:
    text = README.read_text()
    section = text[text.index("### Plans") :]
    match = re.search(r"```json\n(.*?)```", section, re.DOTALL)
    assert match, "the README's Plans section has a JSON example"
    return json.loads(match.group(1))


# --- Parsing ----------------------------------------------------------------------------------


def test_parse_plans_accepts_the_readme_example() -> None:
    parsed = parse_plans(readme_plans_example())
    assert parsed["starter"] == Plan(
        "starter", client_limit=10, monthly_invoice_limit=50, features=frozenset({Feature.API})
    )
    assert parsed["business"] == Plan("business", features=frozenset({Feature.API, Feature.EMAIL}))
    assert parsed["business"].client_limit is None
    assert parsed["business"].monthly_invoice_limit is None
    # The built-in default is always there, unlimited with every feature.
    assert parsed[DEFAULT_PLAN] == Plan(DEFAULT_PLAN, None, None, frozenset(Feature))


def test_parse_plans_accepts_zero_null_limits_and_no_features() -> None:
    parsed = parse_plans(
        {"frozen": {"clientLimit": 0, "monthlyInvoiceLimit": None, "features": []}}
    )
    assert parsed["frozen"] == Plan("frozen", 0, None, frozenset())


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ([], "JSON object"),
        ("starter", "JSON object"),
        (None, "JSON object"),
        ({"starter": ["api"]}, "'starter' must be an object"),
        ({"starter": 10}, "'starter' must be an object"),
        ({"starter": {"clientLimit": 1, "seats": 3}}, "'starter' has unknown keys: seats"),
        ({"starter": {"client_limit": 1}}, "unknown keys: client_limit"),
        ({"starter": {"clientLimit": -1}}, "'starter' clientLimit"),
        ({"starter": {"monthlyInvoiceLimit": -5}}, "'starter' monthlyInvoiceLimit"),
        ({"starter": {"clientLimit": True}}, "clientLimit"),
        ({"starter": {"monthlyInvoiceLimit": False}}, "monthlyInvoiceLimit"),
        ({"starter": {"clientLimit": 2.5}}, "clientLimit"),
        ({"starter": {"clientLimit": "10"}}, "clientLimit"),
        ({"starter": {"features": ["api", "sms"]}}, "'starter': features"),
        ({"starter": {"features": "api"}}, "features"),
        ({"starter": {"features": None}}, "features"),
        ({"starter": {"features": [1]}}, "features"),
        ({"starter": {"features": {"api": True}}}, "features"),
    ],
)
def test_parse_plans_refuses_bad_shapes(document: object, message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        parse_plans(document)


def test_a_bad_plans_file_names_itself(tmp_path: Path) -> None:
    path = tmp_path / "plans.json"
    path.write_text('{"starter": {"clientLimit": -1}}')
    with pytest.raises(ValueError, match=re.escape(f"PLANS_FILE {path}")):
        Plans.load(path)
    missing = tmp_path / "missing.json"
    with pytest.raises(ValueError, match=re.escape(f"PLANS_FILE {missing}")):
        Plans.load(missing)


def test_a_plans_file_is_read(tmp_path: Path) -> None:
    path = tmp_path / "plans.json"
    path.write_text(json.dumps(PLANS))
    loaded = Plans.load(path)
    assert set(loaded.by_name) == {DEFAULT_PLAN, *PLANS}
    assert loaded.named("two").client_limit == 2


def test_the_app_refuses_to_start_with_a_bad_plans_file(tmp_path: Path) -> None:
    path = tmp_path / "plans.json"
    path.write_text("{")
    with pytest.raises(ValueError, match=re.escape(f"PLANS_FILE {path}")):
        create_app(Settings(plans_file=path))


def test_without_a_plans_file_only_the_unlimited_plan_exists() -> None:
    assert Plans.load(None).by_name == {DEFAULT_PLAN: UNLIMITED}
    with pytest.raises(ValidationError) as info:
        Plans.load(None).named("starter", field="plan")
    assert info.value.field == "plan"
    assert "unlimited" in info.value.message


# --- Features ---------------------------------------------------------------------------------


async def test_default_plan_has_every_feature_and_no_limit(
    tenant: Tenant, configured: Plans
) -> None:
    assert tenant.org.plan == DEFAULT_PLAN
    plan = configured.of(tenant.org)
    assert plan.client_limit is None
    assert plan.monthly_invoice_limit is None
    for feature in Feature:
        plans.require_feature(plan, feature)


async def test_a_removed_plan_gives_no_features(tenant: Tenant, configured: Plans) -> None:
    # An organization left on a plan the configuration no longer has.
    await Organization.filter(id=tenant.org.id).update(plan="retired")
    org = await Organization.get(id=tenant.org.id)
    plan = configured.of(org)
    assert plan.name == "retired"
    assert plan.features == frozenset()
    assert plan.client_limit == 0
    assert plan.monthly_invoice_limit == 0
    for feature in Feature:
        with pytest.raises(PlanLimit) as info:
            plans.require_feature(plan, feature)
        assert info.value.code is ErrorCode.PLAN_LIMIT
    with pytest.raises(PlanLimit):
        await clients.create_client(org, {"name": "Nope"}, plan)
    assert await Client.all().count() == 0


async def test_require_feature_follows_the_plan(tenant: Tenant, configured: Plans) -> None:
    org = await organizations.set_plan(tenant.org, configured.named("api-only"))
    assert (await Organization.get(id=org.id)).plan == "api-only"
    plans.require_feature(configured.of(org), Feature.API)
    with pytest.raises(PlanLimit, match="email"):
        plans.require_feature(configured.of(org), Feature.EMAIL)


async def test_an_unknown_plan_is_refused_by_name(tenant: Tenant, configured: Plans) -> None:
    with pytest.raises(ValidationError) as info:
        configured.named("platinum")
    assert info.value.field == "plan"
    assert "api-only" in info.value.message and "unlimited" in info.value.message


# --- Client limit -----------------------------------------------------------------------------


async def test_client_limit_refuses_the_one_too_many(
    tenant: Tenant, other_tenant: Tenant, configured: Plans
) -> None:
    # Another organization's clients do not count against this one's limit.
    for n in range(3):
        await clients.create_client(other_tenant.org, {"name": f"Theirs {n}"}, UNLIMITED)
    two = configured.named("two")
    org = await organizations.set_plan(tenant.org, two)
    await clients.create_client(org, {"name": "First"}, two)
    await clients.create_client(org, {"name": "Second"}, two)

    with pytest.raises(PlanLimit) as info:
        await clients.create_client(org, {"name": "Third"}, two)
    assert info.value.code is ErrorCode.PLAN_LIMIT
    assert "2 clients" in info.value.message

    assert await Client.filter(organization_id=org.id).count() == 2
    assert not await Client.exists(name="Third")
    # The unlimited organization is not affected.
    await clients.create_client(other_tenant.org, {"name": "Theirs 4"}, UNLIMITED)


async def test_client_limit_holds_under_concurrent_creation(
    tenant: Tenant, configured: Plans
) -> None:
    three = configured.named("three")
    org = await organizations.set_plan(tenant.org, three)
    results = await asyncio.gather(
        *(clients.create_client(org, {"name": f"Client {n}"}, three) for n in range(10)),
        return_exceptions=True,
    )
    created = [r for r in results if isinstance(r, Client)]
    refused = [r for r in results if isinstance(r, PlanLimit)]
    assert len(created) == 3, results
    assert len(refused) == 7, results
    assert await Client.filter(organization_id=org.id).count() == 3


# --- Monthly invoice limit --------------------------------------------------------------------


async def check_invoice_limit(org: Organization, plan: Plan, now: datetime | None = None) -> None:
    async with in_transaction() as conn:
        await plans.check_invoice_limit(org, plan, conn, now=now)


async def test_monthly_invoice_limit_counts_this_months_invoices_only(
    db: Backend, configured: Plans
) -> None:
    tenant = await make_tenant("Capped")
    other = await make_tenant("Neighbour")
    capped = configured.named("capped")
    org = await organizations.set_plan(tenant.org, capped)
    client = await clients.create_client(org, {"name": "Ada"}, capped)
    their_client = await clients.create_client(other.org, {"name": "Bob"}, UNLIMITED)
    month_start = datetime.now(UTC).replace(day=1, hour=0, minute=0, second=0, microsecond=0)

    # Last month's invoice, estimates and another organization's invoices do not count.
    old = await a_document_row(org, client, "INV-OLD")
    await Document.filter(id=old.id).update(created_at=month_start - timedelta(seconds=1))
    await a_document_row(org, client, "EST-1", is_estimate=True)
    await a_document_row(org, client, "EST-2", is_estimate=True)
    await a_document_row(other.org, their_client, "INV-A")
    await a_document_row(other.org, their_client, "INV-B")
    await a_document_row(org, client, "INV-1")
    await check_invoice_limit(org, capped)

    # One created at the very start of the month counts.
    second = await a_document_row(org, client, "INV-2")
    await Document.filter(id=second.id).update(created_at=month_start)
    with pytest.raises(PlanLimit) as info:
        await check_invoice_limit(org, capped)
    assert info.value.code is ErrorCode.PLAN_LIMIT
    assert "2 invoices a month" in info.value.message

    # Next month the count starts again.
    next_month = (month_start + timedelta(days=32)).replace(day=1)
    await check_invoice_limit(org, capped, now=next_month + timedelta(hours=5))


async def test_unlimited_plan_has_no_invoice_limit(tenant: Tenant) -> None:
    client = await clients.create_client(tenant.org, {"name": "Ada"}, UNLIMITED)
    for n in range(3):
        await a_document_row(tenant.org, client, f"INV-{n}")
    await check_invoice_limit(tenant.org, UNLIMITED)


async def test_create_organization_on_a_configured_plan(db: Backend, configured: Plans) -> None:
    org = await organizations.create_organization("Small Shop", plan=configured.named("two"))
    assert (await Organization.get(id=org.id)).plan == "two"
    assert configured.of(org).client_limit == 2
