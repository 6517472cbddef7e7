"""`invoicegraph demo`: an organization with a key and realistic data to explore."""

from __future__ import annotations

from billing import apikeys, clients, organizations
from models import Organization

DEMO_CLIENTS = (
    {"name": "Globex Corporation", "email": "ap@globex.example", "address": "1 Globex Way"},
    {"name": "Initech", "email": "billing@initech.example", "phone": "+1 555 0100"},
    {"name": "Umbrella Studio", "email": "hello@umbrella.example", "tax_id": "GB123456789"},
)


async def create_demo() -> tuple[Organization, str]:
    """Create the demo organization and its data; return it with a new key's secret."""
    org = await organizations.create_organization(
        "Demo Design Co.", email="billing@demo.example", currency="USD", timezone="UTC"
    )
    for values in DEMO_CLIENTS:
        await clients.create_client(org, values)
    _, secret = await apikeys.create_api_key(org, "demo")
    return org, secret
