"""`/api/invoices`: Gauzy's invoices and estimates (one resource, told apart by
`isEstimate`), translated to billing's documents and back."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from billing import documents
from billing.errors import NotFound, ValidationError, shown_id
from billing.lifecycle import Status, today_in
from billing.pagination import PageRequest
from billing.plans import Plan
from billing.sending import SendRequest
from gauzy import shapes
from gauzy.serializers import deleted, invoice_json, invoice_list
from mail.sending import Mailer
from models import Document, Organization
from models.enums import Series
from rest.endpoint import Body

# Gauzy's sortable fields, by billing's name for the order.
_ORDERS = {
    "order[createdAt]": documents.DocumentSort.CREATED_AT,
    "order[invoiceDate]": documents.DocumentSort.ISSUE_DATE,
    "order[dueDate]": documents.DocumentSort.DUE_DATE,
    "order[invoiceNumber]": documents.DocumentSort.NUMBER,
    "order[totalValue]": documents.DocumentSort.TOTAL,
}


def require_own(org: Organization, given: object, field: str) -> None:
    """An `organizationId` other than the caller's names nothing the caller may see."""
    if given is not None and given != org.id:
        raise NotFound(f"No organization with id {shown_id(given)}", field=field)


def calendar_day(org: Organization, value: object, field: str) -> str | None:
    """A date as billing takes it (YYYY-MM-DD) from Gauzy's date or moment; a moment counts
    as its date in the organization's time zone (a browser sends local midnight in UTC)."""
    if value is None or (isinstance(value, str) and len(value) == len("2024-01-15")):
        return value  # billing checks the date itself
    assert isinstance(value, str), "the shape allows text only"
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise ValidationError(
            f"{field} must be a date (YYYY-MM-DD) or an ISO-8601 moment", field=field
        ) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return today_in(org, moment).isoformat()


def _document_values(org: Organization, values: dict[str, Any]) -> dict[str, Any]:
    """billing's values from a checked body: the organization checked, dates made dates."""
    require_own(org, values.pop("organization_id", None), "organizationId")
    require_own(org, values.pop("from_organization_id", None), "fromOrganizationId")
    for key, field in (("issue_date", "invoiceDate"), ("due_date", "dueDate")):
        if key in values:
            values[key] = calendar_day(org, values[key], field)
    return values


def _relations(query: Mapping[str, Any]) -> frozenset[str]:
    return frozenset(query.get("relations[]", ()))


def _series(flag: str | None) -> Series | None:
    return {None: None, "true": Series.ESTIMATE, "false": Series.INVOICE}[flag]


def _sort(query: shapes.InvoiceQuery) -> tuple[documents.DocumentSort, bool]:
    given = [(name, direction) for name, direction in query.items() if name in _ORDERS]
    if len(given) > 1:
        raise ValidationError("order one field at a time", field=given[1][0])
    if not given:
        return documents.DocumentSort.CREATED_AT, True
    name, direction = given[0]
    return _ORDERS[name], str(direction).upper() == "DESC"


async def list_invoices(org: Organization, query: shapes.InvoiceQuery) -> shapes.InvoiceList:
    """List invoices and estimates, newest first.

    `take` (at most 100, 100 when absent) and `skip` cut the page; `where[isEstimate]`,
    `where[status]` (OVERDUE finds the sent, viewed or partly paid invoices past their due
    date) and `where[toContactId]` narrow it; `order[field]=ASC|DESC` orders it by one field;
    each `relations[]` asked for is nested in every item. `total` counts all that match.
    """
    require_own(org, query.get("where[organizationId]"), "where[organizationId]")
    status = query.get("where[status]")
    sort, descending = _sort(query)
    relations = _relations(query)
    now = datetime.now(UTC)
    page = await documents.list_documents(
        org,
        _series(query.get("where[isEstimate]")),
        documents.DocumentFilter(
            client_id=query.get("where[toContactId]"),
            status=Status(status) if status is not None else None,
        ),
        sort=sort,
        descending=descending,
        page=PageRequest(limit=query["take"], skip=query["skip"]),
        now=now,
        contents=bool(relations - {"toContact"}),
    )
    return invoice_list(page, today_in(org, now), relations)


async def get_invoice(org: Organization, id: str, query: shapes.OneInvoiceQuery) -> shapes.Invoice:
    """Get an invoice or estimate, with the relations asked for."""
    relations = _relations(query)
    document = await documents.get_document(org, id, None, with_payments="payments" in relations)
    return invoice_json(document, today_in(org), relations)


_ALL = frozenset(shapes.RELATIONS) - {"payments"}


def _written(org: Organization, document: Document) -> shapes.Invoice:
    return invoice_json(document, today_in(org), _ALL)


async def create_invoice(
    org: Organization, body: Body[shapes.InvoiceCreate], plan: Plan
) -> shapes.Invoice:
    """Create a DRAFT invoice, or estimate with `isEstimate: true`.

    Every amount is computed from the items: a `totalValue` sent is ignored, and the answer
    carries the computed one. `invoiceNumber` is the series' next (INV-0001, EST-0001)
    unless given; `organizationId` must be the caller's (404 otherwise). An invoice counts
    against the plan's monthly invoice limit (403 once reached).
    """
    values = _document_values(org, dict(body.values))
    series = Series.ESTIMATE if values.pop("is_estimate", False) else Series.INVOICE
    document = await documents.create_document(org, values, series, plan=plan)
    return _written(org, document)


async def update_invoice(
    org: Organization, id: str, body: Body[shapes.InvoiceUpdate]
) -> shapes.Invoice:
    """Change a DRAFT invoice or estimate.

    Absent fields keep their value; `invoiceItems`, when sent, replace every item and the
    totals are computed again. Any other status is refused with 400.
    """
    values = _document_values(org, dict(body.values))
    document = await documents.update_document(org, id, values, None)
    return _written(org, document)


async def delete_invoice(org: Organization, id: str) -> shapes.Deleted:
    """Delete a DRAFT-or-later invoice or estimate without payments, for good (as TypeORM
    answers: `{"raw": [], "affected": 1}`); one with payments must be voided instead (409)."""
    await documents.delete_document(org, id, None)
    return deleted()


async def email_invoice(
    org: Organization,
    id: str,
    mailer: Mailer,
    plan: Plan,
    body: Body[shapes.InvoiceEmail] | None,
) -> shapes.Invoice:
    """E-mail an invoice or estimate with its PDF and public link.

    To `email`, or the client's address when left out. Once the e-mail is accepted a DRAFT
    becomes SENT; a PAID, ACCEPTED or VOID document is refused (409); a plan without
    e-mail is 403; an e-mail the SMTP server refused or could not take is 502, and nothing
    changes.
    """
    email = body.values.get("email") if body is not None else None
    request = SendRequest(to=[email] if email is not None else None)
    document = await mailer.send_document(org, id, series=None, plan=plan, request=request)
    return _written(org, document)


async def convert_estimate(org: Organization, id: str, plan: Plan) -> shapes.Invoice:
    """Convert an estimate into a new DRAFT invoice, answered.

    The invoice takes the estimate's client, currency, items, discount, taxes and terms,
    and a number of its own; the estimate becomes ACCEPTED and stays. Converting twice is
    refused (409) with the invoice's number; the invoice counts against the plan's monthly
    invoice limit.
    """
    invoice = await documents.convert_estimate(org, id, plan=plan)
    return _written(org, invoice)
