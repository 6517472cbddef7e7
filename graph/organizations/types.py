"""GraphQL types of organizations."""

from __future__ import annotations

from datetime import datetime

import strawberry

from models import Organization as OrganizationModel


@strawberry.type(description="A tenant: it owns every client, document, payment and key.")
class Organization:
    id: strawberry.ID = strawberry.field(description="Opaque id, the same as in REST.")
    name: str = strawberry.field(description="Display name, shown on documents.")
    email: str = strawberry.field(description="Contact e-mail address.")
    address: str = strawberry.field(description="Postal address, free text.")
    tax_id: str = strawberry.field(description="Tax or VAT identifier.")
    phone: str = strawberry.field(description="Phone number.")
    currency: str = strawberry.field(description="Default ISO-4217 currency of new documents.")
    timezone: str = strawberry.field(
        description="IANA time zone; decides which day it is for due dates."
    )
    locale: str = strawberry.field(description="Locale for formatting amounts and dates.")
    plan: str = strawberry.field(description="Name of the plan setting limits and features.")
    created_at: datetime = strawberry.field(description="When the organization was created.")

    @classmethod
    def from_model(cls, org: OrganizationModel) -> Organization:
        """The GraphQL view of an organization row."""
        return cls(
            id=strawberry.ID(org.id),
            name=org.name,
            email=org.email,
            address=org.address,
            tax_id=org.tax_id,
            phone=org.phone,
            currency=org.currency,
            timezone=org.timezone,
            locale=org.locale,
            plan=org.plan,
            created_at=org.created_at,
        )


@strawberry.type(description="The caller: the organization its API key belongs to.")
class Viewer:
    organization: Organization = strawberry.field(description="The key's organization.")
