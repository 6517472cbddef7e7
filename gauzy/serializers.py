"""Gauzy's JSON shapes built from models, one serializer per resource.

Numbers are shown as billing.display shows them on every surface; calendar dates as
Gauzy writes them, the moment of that day's start in UTC (2024-01-15T00:00:00.000Z).
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import UTC, date, datetime, time

from billing import display, documents
from billing.lifecycle import amount_due, effective_status
from billing.pagination import Page
from gauzy import shapes
from models import Client, Document, LineItem, Organization, Payment
from models.enums import DocumentStatus
from rest.serializers import timestamp


def day(value: date) -> str:
    """A calendar date as Gauzy writes one: that day's start in UTC, with milliseconds."""
    return timestamp(datetime.combine(value, time(), tzinfo=UTC))


def contact_json(client: Client) -> shapes.Contact:
    """The client invoiced."""
    return {
        "id": client.id,
        "name": client.name,
        "primaryEmail": client.email or None,
        "primaryPhone": client.phone or None,
        "notes": client.notes,
        "isActive": client.is_active,
        "organizationId": client.organization_id,
        "createdAt": timestamp(client.created_at),
        "updatedAt": timestamp(client.updated_at),
    }


def organization_json(org: Organization) -> shapes.Organization:
    """The organization invoicing."""
    return {
        "id": org.id,
        "name": org.name,
        "currency": org.currency,
        "createdAt": timestamp(org.created_at),
        "updatedAt": timestamp(org.updated_at),
    }


def item_json(line: LineItem, document: Document) -> shapes.InvoiceItem:
    """A line of `document`."""
    places = document.minor_units
    return {
        "id": line.id,
        "description": line.description,
        "quantity": display.plain(line.quantity),
        "price": display.unit_price(line.unit_price, places),
        "totalValue": display.money(line.amount, places),
        "applyTax": line.apply_tax,
        "applyDiscount": line.apply_discount,
        "invoiceId": document.id,
    }


def payment_json(payment: Payment) -> shapes.Payment:
    """A payment."""
    return {
        "id": payment.id,
        "invoiceId": payment.document_id,
        "paymentDate": day(payment.payment_date),
        "amount": display.money(payment.amount, payment.minor_units),
        "currency": payment.currency,
        "paymentMethod": payment.payment_method.value,
        "note": payment.note,
        "organizationId": payment.organization_id,
        "createdAt": timestamp(payment.created_at),
        "updatedAt": timestamp(payment.updated_at),
    }


def invoice_json(
    document: Document, today: date, relations: Collection[str] = ()
) -> shapes.Invoice:
    """An invoice or estimate; each of `relations` nested, read with the document (the
    client, the organization, the lines, the payments)."""
    currency, places = document.currency, document.minor_units
    invoice = not document.is_estimate
    data: shapes.Invoice = {
        "id": document.id,
        "invoiceNumber": document.number,
        "invoiceDate": day(document.issue_date),
        "dueDate": day(document.due_date) if document.due_date is not None else None,
        "currency": currency,
        "discountValue": display.plain(document.discount_value),
        "discountType": document.discount_type.value if document.discount_type else None,
        "tax": display.plain(document.tax),
        "tax2": display.plain(document.tax2),
        "totalValue": display.money(document.total, places),
        "alreadyPaid": display.money(document.amount_paid, places),
        # An estimate is not owed: nothing is due on it.
        "amountDue": amount_due(document) if invoice else display.money(0, places),
        "paid": document.status is DocumentStatus.PAID,
        "status": effective_status(document, today).value,
        "sentTo": ", ".join(document.sent_to) or None,
        "isEstimate": document.is_estimate,
        "isAccepted": document.accepted_at is not None,
        "terms": document.terms,
        "organizationId": document.organization_id,
        "toContactId": document.client_id,
        "createdAt": timestamp(document.created_at),
        "updatedAt": timestamp(document.updated_at),
    }
    if "toContact" in relations:
        data["toContact"] = contact_json(document.client)
    if "fromOrganization" in relations:
        data["fromOrganization"] = organization_json(document.organization)
    if "invoiceItems" in relations:
        data["invoiceItems"] = [item_json(line, document) for line in documents.lines_of(document)]
    if "payments" in relations:
        payments = documents.payments_written(document)
        assert payments is not None, "read with its payments"
        data["payments"] = [payment_json(p) for p in payments]
    return data


def invoice_list(
    page: Page[Document], today: date, relations: Collection[str]
) -> shapes.InvoiceList:
    """A page of invoices and estimates."""
    return {"items": [invoice_json(d, today, relations) for d in page.items], "total": page.total}


def payment_list(page: Page[Payment]) -> shapes.PaymentList:
    """A page of payments."""
    return {"items": [payment_json(p) for p in page.items], "total": page.total}


def deleted() -> shapes.Deleted:
    """What a delete answers."""
    return {"raw": [], "affected": 1}
