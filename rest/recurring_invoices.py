"""`/api/v1/recurring-invoices`: invoices made again at each date of a rule, beyond the v1
contract, in its style. Each write answers with the recurring invoice as it wrote it, its
client read in the same transaction."""

from __future__ import annotations

from datetime import UTC, datetime

from billing import documents, recurring
from billing.lifecycle import today_in
from billing.pagination import PageRequest
from billing.plans import Plan
from models import Organization
from models.enums import Series
from rest import shapes
from rest.endpoint import Body
from rest.serializers import (
    calendar_date,
    invoice_list_item,
    many,
    one,
    recurring_invoice_json,
    recurring_run_json,
)


async def list_recurring_invoices(
    org: Organization, query: shapes.RecurringQuery
) -> shapes.Many[shapes.RecurringInvoice]:
    """List recurring invoices, newest first, each with its client."""
    status = query.get("status")
    page = await recurring.list_recurring(
        org,
        status=recurring.Status(status) if status is not None else None,
        client_id=query.get("clientId"),
        page=PageRequest(query["page"], query["limit"]),
    )
    return many(page, recurring_invoice_json)


async def create_recurring_invoice(
    org: Organization, body: Body[shapes.RecurringInvoiceCreate], plan: Plan
) -> shapes.One[shapes.RecurringInvoice]:
    """Create a recurring invoice.

    Its first run is the rule's first date on or after `startsOn` (today or later, in the
    organization's time zone): `nextRunOn`. It needs at least one line, and an active
    client of the organization (404 for an unknown one). Each invoice it makes counts against
    the plan's monthly invoice limit; `action: SEND` needs the documents:send scope and the
    plan's e-mail (403).
    """
    return one(
        recurring_invoice_json(await recurring.create_recurring(org, body.values, plan=plan))
    )


async def get_recurring_invoice(org: Organization, id: str) -> shapes.One[shapes.RecurringInvoice]:
    """Get a recurring invoice with its lines, schedule and client."""
    return one(recurring_invoice_json(await recurring.get_recurring(org, id, with_client=True)))


async def update_recurring_invoice(
    org: Organization, id: str, body: Body[shapes.RecurringInvoiceUpdate], plan: Plan
) -> shapes.One[shapes.RecurringInvoice]:
    """Update a recurring invoice.

    Absent fields keep their value; `lineItems`, when sent, replace all lines. A new rule,
    end or count sets its next run anew from today; `startsOn` changes only until its first
    run. The invoices it made stay as they are. 409 for a CANCELLED one.
    """
    return one(
        recurring_invoice_json(await recurring.update_recurring(org, id, body.values, plan=plan))
    )


async def pause_recurring_invoice(
    org: Organization, id: str
) -> shapes.One[shapes.RecurringInvoice]:
    """Pause an ACTIVE recurring invoice: no run until it is resumed (409 otherwise)."""
    return one(recurring_invoice_json(await recurring.pause_recurring(org, id)))


async def resume_recurring_invoice(
    org: Organization, id: str
) -> shapes.One[shapes.RecurringInvoice]:
    """Resume a PAUSED recurring invoice (409 otherwise).

    It runs again from its rule's first date on or after today: the dates of the pause are
    not run.
    """
    return one(recurring_invoice_json(await recurring.resume_recurring(org, id)))


async def cancel_recurring_invoice(
    org: Organization, id: str
) -> shapes.One[shapes.RecurringInvoice]:
    """Cancel a recurring invoice for good; the invoices it made stay (409 if cancelled)."""
    return one(recurring_invoice_json(await recurring.cancel_recurring(org, id)))


async def list_recurring_runs(
    org: Organization, id: str, query: shapes.Paging
) -> shapes.Many[shapes.RecurringRun]:
    """List a recurring invoice's runs, latest date first.

    One per date it ran (or skipped): the invoice it made, or why none (`error`).
    """
    page = await recurring.list_runs(org, id, page=PageRequest(query["page"], query["limit"]))
    return many(page, recurring_run_json)


async def list_recurring_invoice_invoices(
    org: Organization, id: str, query: shapes.Paging
) -> shapes.Many[shapes.InvoiceListItem]:
    """List the invoices a recurring invoice made, newest first, as `GET /invoices` does."""
    schedule = await recurring.get_recurring(org, id)
    now = datetime.now(UTC)
    page = await documents.list_documents(
        org,
        Series.INVOICE,
        documents.DocumentFilter(recurring_invoice_id=schedule.id),
        page=PageRequest(query["page"], query["limit"]),
        now=now,
    )
    today = today_in(org, now)
    return many(page, lambda document: invoice_list_item(document, today))


async def get_upcoming_runs(
    org: Organization, id: str, query: shapes.UpcomingQuery
) -> shapes.One[shapes.UpcomingRuns]:
    """Get the dates of a recurring invoice's next `count` runs, from its next one.

    Within its end date and count; empty unless it is ACTIVE.
    """
    schedule = await recurring.get_recurring(org, id)
    dates = recurring.upcoming(schedule, query["count"])
    return one({"id": schedule.id, "dates": [calendar_date(day) for day in dates]})
