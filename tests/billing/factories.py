"""Small builders for billing tests."""

from __future__ import annotations

from datetime import date
from typing import Any

from billing import clients, documents
from billing.plans import UNLIMITED
from models import Client, Document, Organization
from models.enums import Series

WORKED_LINE = {
    "description": "Design work",
    "quantity": "40",
    "unit_price": "125.00",
    "tax_rate": "10",
}


async def a_document_row(
    org: Organization, client: Client, number: str, *, is_estimate: bool = False
) -> Document:
    """A document row written directly, bypassing billing's rules (to set up odd states)."""
    return await Document.create(
        organization=org,
        client=client,
        is_estimate=is_estimate,
        number=number,
        currency="USD",
        minor_units=2,
        issue_date=date(2026, 1, 1),
        public_token=f"token-{org.id}-{is_estimate}-{number}",
    )


async def a_client(org: Organization, name: str = "Globex", **values: Any) -> Client:
    """An active client of `org`."""
    return await clients.create_client(org, {"name": name, **values}, UNLIMITED)


async def an_invoice(
    org: Organization,
    client: Client | None = None,
    *,
    series: Series = Series.INVOICE,
    **values: Any,
) -> Document:
    """A draft invoice (or estimate) with the contract's worked-example line unless given."""
    client = client or await a_client(org)
    values.setdefault("line_items", [WORKED_LINE])
    return await documents.create_document(
        org, {"client_id": client.id, **values}, series, plan=UNLIMITED
    )


async def a_sent_document(org: Organization, *, series: Series = Series.INVOICE) -> Document:
    """A SENT invoice (or estimate) with the worked-example line."""
    draft = await an_invoice(org, series=series)
    return await documents.mark_sent(org, draft.id, series)


async def not_acceptable(org: Organization) -> list[tuple[Document, str]]:
    """Documents the lifecycle will not accept, each with the words of its refusal: a sent
    invoice, an accepted estimate and a void one."""
    invoice = await a_sent_document(org)
    accepted = await documents.accept_estimate(
        org, (await a_sent_document(org, series=Series.ESTIMATE)).id
    )
    void = await documents.void_document(
        org, (await a_sent_document(org, series=Series.ESTIMATE)).id, Series.ESTIMATE
    )
    return [
        (invoice, f"Invoice {invoice.number} is SENT and cannot become ACCEPTED"),
        (accepted, f"Estimate {accepted.number} is already ACCEPTED"),
        (void, f"Estimate {void.number} is VOID and cannot become ACCEPTED"),
    ]
