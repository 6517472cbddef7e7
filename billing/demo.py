"""`invoicegraph demo`: an organization with a key and realistic data to explore."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from billing import apikeys, clients, documents, organizations, payments
from billing.lifecycle import today_in
from billing.plans import UNLIMITED
from models import Organization
from models.enums import Series

DEMO_CLIENTS = (
    {"name": "Globex Corporation", "email": "ap@globex.example", "address": "1 Globex Way"},
    {"name": "Initech", "email": "billing@initech.example", "phone": "+1 555 0100"},
    {
        "name": "Umbrella Studio",
        "email": "hello@umbrella.example",
        "tax_id": "GB123456789",
        # What an e-invoice needs of a buyer (README, E-invoices).
        "postal_address": {
            "lines": ["5 Bankside"],
            "city": "London",
            "postal_code": "SE1 9PP",
            "country": "GB",
        },
        "peppol_id": {"scheme": "0088", "value": "4000001987658"},
        "buyer_reference": "UMB-2026",
    },
)
# What an e-invoice needs of the seller.
DEMO_SELLER: dict[str, Any] = {
    "tax_id": "US12-3456789",
    "phone": "+1 555 0199",
    "postal_address": {
        "lines": ["12 Market Street"],
        "city": "Springfield",
        "postal_code": "62701",
        "subdivision": "US-IL",
        "country": "US",
    },
    "peppol_id": {"scheme": "0088", "value": "4000001123452"},
    "legal_registration": {"scheme": "0060", "value": "081466849"},  # its D-U-N-S number
}
DESIGN = {
    "description": "Brand design, hours",
    "quantity": "40",
    "unit_price": "125.00",
    "tax_rate": "10",
}
HOSTING = {"description": "Hosting, 12 months", "quantity": "12", "unit_price": "49.90"}
WORKSHOP = {
    "description": "Discovery workshop",
    "quantity": "1",
    "unit_price": "1800",
    "tax_rate": "10",
}


async def create_demo(now: datetime | None = None) -> tuple[Organization, str]:
    """Create the demo organization and its data; return it with a new key's secret.

    Invoices in several statuses (draft, sent, partially paid, paid, overdue, void), an
    estimate converted into an invoice, another still open, and payments.
    """
    now = now or datetime.now(UTC)
    org = await organizations.create_organization(
        "Demo Design Co.",
        email="billing@demo.example",
        address="12 Market Street\nSpringfield",
        currency="USD",
        timezone="UTC",
        **DEMO_SELLER,
    )
    globex, initech, umbrella = [
        await clients.create_client(org, v, UNLIMITED) for v in DEMO_CLIENTS
    ]
    today = today_in(org, now)

    def dated(issued_days_ago: int, due_in_days: int) -> dict[str, str]:
        issued = today - timedelta(days=issued_days_ago)
        return {
            "issue_date": issued.isoformat(),
            "due_date": (issued + timedelta(days=due_in_days)).isoformat(),
        }

    async def invoice(client_id: str, lines: list[dict[str, str]], **extra: str) -> str:
        created = await documents.create_document(
            org,
            {"client_id": client_id, "line_items": lines, **extra},
            series=Series.INVOICE,
            plan=UNLIMITED,
        )
        return created.id

    await invoice(globex.id, [DESIGN], notes="Thank you for your business.", **dated(0, 30))
    sent = await invoice(initech.id, [HOSTING], terms="Net 30", **dated(5, 30))
    await documents.mark_sent(org, sent, series=Series.INVOICE, now=now)
    partial = await invoice(globex.id, [DESIGN, HOSTING], **dated(20, 30))
    await documents.mark_sent(org, partial, series=Series.INVOICE, now=now)
    await payments.record_payment(
        org,
        {"invoice_id": partial, "amount": "2000.00", "payment_method": "BANK_TRANSFER"},
        now=now,
    )
    paid = await invoice(umbrella.id, [WORKSHOP], **dated(40, 14))
    await documents.mark_sent(org, paid, series=Series.INVOICE, now=now)
    await payments.record_payment(
        org, {"invoice_id": paid, "amount": "1980.00", "payment_method": "CREDIT_CARD"}, now=now
    )
    overdue = await invoice(initech.id, [WORKSHOP], **dated(60, 14))
    await documents.mark_sent(org, overdue, series=Series.INVOICE, now=now)
    void = await invoice(umbrella.id, [HOSTING], **dated(10, 30))
    await documents.void_document(org, void, series=Series.INVOICE, now=now)

    accepted = await documents.create_document(
        org,
        {
            "client_id": globex.id,
            "line_items": [WORKSHOP, DESIGN],
            "discount_type": "PERCENT",
            "discount_value": "5",
            "notes": "Valid for 30 days.",
        },
        series=Series.ESTIMATE,
        plan=UNLIMITED,
    )
    await documents.convert_estimate(org, accepted.id, plan=UNLIMITED, now=now)
    open_estimate = await documents.create_document(
        org,
        {"client_id": umbrella.id, "line_items": [DESIGN]},
        series=Series.ESTIMATE,
        plan=UNLIMITED,
    )
    await documents.mark_sent(org, open_estimate.id, series=Series.ESTIMATE, now=now)

    _, secret = await apikeys.create_api_key(org, "demo")
    return org, secret
