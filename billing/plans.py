"""Plans are configuration: limits and features per plan name, read from `PLANS_FILE`.

The file is JSON: `{"starter": {"clientLimit": 10, "monthlyInvoiceLimit": 50,
"features": ["api"]}}`. Absent limits mean unlimited. The built-in `unlimited` plan, the
default of a self-hosted organization, has no limits and every feature.

Billing reads no settings: whoever holds them (the app, the CLI) loads the `Plans` once and
hands each call the organization's `Plan`, which the limits and features are checked against.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path

from tortoise.backends.base.client import BaseDBAsyncClient

from billing.errors import PlanLimit, ValidationError
from models import Client, Document, Organization

DEFAULT_PLAN = "unlimited"


class Feature(StrEnum):
    """What a plan may include."""

    API = "api"
    EMAIL = "email"


@dataclass(frozen=True, slots=True)
class Plan:
    """A plan's limits (None is unlimited) and features."""

    name: str
    client_limit: int | None = None
    monthly_invoice_limit: int | None = None
    features: frozenset[Feature] = frozenset(Feature)


def _limit(raw: object, where: str) -> int | None:
    if raw is None:
        return None
    if isinstance(raw, bool) or not isinstance(raw, int) or raw < 0:
        raise ValueError(f"{where} must be a whole number of at least 0 or null")
    return raw


def parse_plans(document: object) -> dict[str, Plan]:
    """Plans from the parsed JSON of a plans file (raising ValueError naming what is wrong)."""
    if not isinstance(document, dict):
        raise ValueError("the plans file must hold a JSON object of plan names")
    plans = {DEFAULT_PLAN: Plan(DEFAULT_PLAN)}
    for name, spec in document.items():
        if not isinstance(spec, dict):
            raise ValueError(f"plan {name!r} must be an object")
        unknown = set(spec) - {"clientLimit", "monthlyInvoiceLimit", "features"}
        if unknown:
            raise ValueError(f"plan {name!r} has unknown keys: {', '.join(sorted(unknown))}")
        if name == DEFAULT_PLAN or not 1 <= len(name) <= 64:
            raise ValueError(f"plan name {name!r} is built in or not 1 to 64 characters long")
        raw_features = spec.get("features", list(Feature))
        try:
            if not isinstance(raw_features, list):
                raise TypeError
            features = frozenset(Feature(f) for f in raw_features)
        except (ValueError, TypeError):
            raise ValueError(
                f"plan {name!r}: features must be a list of {', '.join(Feature)}"
            ) from None
        plans[name] = Plan(
            name,
            client_limit=_limit(spec.get("clientLimit"), f"plan {name!r} clientLimit"),
            monthly_invoice_limit=_limit(
                spec.get("monthlyInvoiceLimit"), f"plan {name!r} monthlyInvoiceLimit"
            ),
            features=features,
        )
    return plans


UNLIMITED = Plan(DEFAULT_PLAN)


@dataclass(frozen=True, slots=True)
class Plans:
    """The plans an installation offers, by name: the built-in one and those of its file."""

    by_name: Mapping[str, Plan]

    @classmethod
    def load(cls, path: Path | None) -> Plans:
        """The plans of the file at `path` (None: only the built-in one); ValueError naming
        PLANS_FILE and what is wrong with it."""
        if path is None:
            return BUILT_IN
        try:
            return cls(parse_plans(json.loads(path.read_text())))
        except (OSError, ValueError) as exc:
            raise ValueError(f"PLANS_FILE {path}: {exc}") from exc

    def named(self, name: str, *, field: str = "plan") -> Plan:
        """The plan called `name`, or a validation error listing the known ones."""
        plan = self.by_name.get(name)
        if plan is None:
            raise ValidationError(
                f"Unknown plan {name!r}: one of {', '.join(sorted(self.by_name))}", field=field
            )
        return plan

    def of(self, org: Organization) -> Plan:
        """The organization's plan; an organization on a plan since removed gets no features
        and no room."""
        return self.by_name.get(org.plan) or Plan(org.plan, 0, 0, frozenset())


BUILT_IN = Plans({DEFAULT_PLAN: UNLIMITED})


def require_feature(plan: Plan, feature: Feature) -> None:
    """Refuse with `PLAN_LIMIT` when `plan` lacks `feature`."""
    if feature not in plan.features:
        raise PlanLimit(f"The {plan.name!r} plan does not include {feature.value} access")


async def check_client_limit(org: Organization, plan: Plan, conn: BaseDBAsyncClient) -> None:
    """Refuse a new client past the plan's limit. Call inside the creating transaction."""
    limit = plan.client_limit
    if limit is None:
        return
    await Organization.filter(id=org.id).select_for_update().using_db(conn).get()
    count = await Client.filter(organization_id=org.id).using_db(conn).count()
    if count >= limit:
        raise PlanLimit(f"The {plan.name!r} plan allows {limit} clients; upgrade to add more")


async def check_invoice_limit(
    org: Organization, plan: Plan, conn: BaseDBAsyncClient, *, now: datetime | None = None
) -> None:
    """Refuse a new invoice past the plan's monthly limit (calendar month, UTC)."""
    limit = plan.monthly_invoice_limit
    if limit is None:
        return
    now = now or datetime.now(UTC)
    month_start = now.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    await Organization.filter(id=org.id).select_for_update().using_db(conn).get()
    count = (
        await Document.filter(
            organization_id=org.id, is_estimate=False, created_at__gte=month_start
        )
        .using_db(conn)
        .count()
    )
    if count >= limit:
        raise PlanLimit(
            f"The {plan.name!r} plan allows {limit} invoices a month; upgrade to create more"
        )
