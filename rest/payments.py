"""`/api/v1/payments`: recording what invoices were paid, beyond the v1 contract."""

from __future__ import annotations

from billing import payments
from billing.pagination import PageRequest
from models import Organization
from rest import shapes
from rest.endpoint import Body
from rest.serializers import many, one, payment_json


async def list_payments(
    org: Organization, query: shapes.PaymentQuery
) -> shapes.Many[shapes.Payment]:
    """List payments, latest payment date first, across the organization or for one invoice."""
    page = await payments.list_payments(
        org,
        payments.PaymentFilter(invoice_id=query.get("invoiceId")),
        page=PageRequest(query["page"], query["limit"]),
    )
    return many(page, payment_json)


async def create_payment(
    org: Organization, body: Body[shapes.PaymentCreate]
) -> shapes.One[shapes.Payment]:
    """Record a payment on an invoice.

    The invoice becomes PARTIALLY_PAID or PAID. Refused (400) above the amount due or in
    another currency than the invoice's, and (409) on a VOID invoice.
    """
    payment = await payments.record_payment(org, body.values)
    return one(payment_json(payment))


async def delete_payment(org: Organization, id: str) -> None:
    """Delete a payment; the invoice's status follows what remains paid."""
    await payments.delete_payment(org, id)
