"""`/api/payment` (the page's) and `/api/payments` (Gauzy's own): payments on invoices."""

from __future__ import annotations

from billing import payments
from billing.pagination import PageRequest
from gauzy import shapes
from gauzy.invoices import calendar_day, require_own
from gauzy.serializers import payment_json, payment_list
from models import Organization
from rest.endpoint import Body


async def list_payments(org: Organization, query: shapes.PaymentQuery) -> shapes.PaymentList:
    """List payments, the latest payment date first (`order[paymentDate]=ASC`: oldest).

    `where[invoiceId]` keeps one invoice's; `take` (at most 100, 100 when absent) and `skip`
    cut the page; `total` counts all that match.
    """
    require_own(org, query.get("where[organizationId]"), "where[organizationId]")
    page = await payments.list_payments(
        org,
        payments.PaymentFilter(invoice_id=query.get("where[invoiceId]")),
        page=PageRequest(limit=query["take"], skip=query["skip"]),
        oldest_first=str(query.get("order[paymentDate]", "DESC")).upper() == "ASC",
    )
    return payment_list(page)


async def create_payment(org: Organization, body: Body[shapes.PaymentCreate]) -> shapes.Payment:
    """Record a payment on an invoice.

    The invoice becomes PARTIALLY_PAID or PAID. Refused (400) above the amount due or in
    another currency than the invoice's, and (409) on a VOID invoice; `organizationId` must
    be the caller's (404 otherwise).
    """
    values = dict(body.values)
    require_own(org, values.pop("organization_id", None), "organizationId")
    if "payment_date" in values:
        values["payment_date"] = calendar_day(org, values["payment_date"], "paymentDate")
    return payment_json(await payments.record_payment(org, values))
