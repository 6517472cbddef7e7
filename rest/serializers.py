"""The contract's JSON shapes built from models, one serializer per resource.

Numbers are shown as billing.display shows them on every surface, and stay `Decimal`s all the
way to the wire (see rest.jsonio).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any, TypeVar, cast

from billing import display
from billing.credit_notes import Shown
from billing.documents import tax_lines
from billing.lifecycle import amount_due, effective_status
from billing.money import minor_units
from billing.pagination import Page
from models import Client, Document, LineItem, Payment, RecurringInvoice, RecurringRun
from models.taxes import TaxLine
from rest import shapes

T = TypeVar("T")
R = TypeVar("R")


timestamp = display.timestamp


def optional_timestamp(value: datetime | None) -> str | None:
    """`timestamp`, or None for a moment that has not happened."""
    return timestamp(value) if value is not None else None


def calendar_date(value: date) -> str:
    """YYYY-MM-DD."""
    return value.isoformat()


def one(data: T) -> shapes.One[T]:
    """The single-resource envelope."""
    return {"data": data}


def many(page: Page[T], serialize: Callable[[T], R]) -> shapes.Many[R]:
    """The list envelope."""
    return {
        "data": [serialize(item) for item in page.items],
        "total": page.total,
        "page": page.request.page,
        "limit": page.request.limit,
        "totalPages": page.total_pages,
    }


def client_json(client: Client) -> shapes.Client:
    """The contract's client object."""
    return {
        "id": client.id,
        "name": client.name,
        "email": client.email,
        "address": client.address,
        "taxId": client.tax_id,
        "phone": client.phone,
        "notes": client.notes,
        "isActive": client.is_active,
        "createdAt": timestamp(client.created_at),
        "updatedAt": timestamp(client.updated_at),
    }


def client_party_json(client: Client) -> shapes.ClientParty:
    """Extension: what e-invoices need of a client, as stored (the API's shape already)."""
    return {
        "id": client.id,
        "postalAddress": cast(shapes.PostalAddress | None, client.postal_address),
        "vatId": client.vat_id,
        "legalRegistration": cast(shapes.PartyIdentifier | None, client.legal_registration),
        "peppolId": cast(shapes.PartyIdentifier | None, client.peppol_id),
        "buyerReference": client.buyer_reference,
    }


def _client_summary(document: Document) -> shapes.ClientSummary:
    return {"name": document.client.name, "email": document.client.email}


def balance_json(invoice: Document) -> shapes.Balance:
    """What an invoice is owed (an extension)."""
    places, due = invoice.minor_units, amount_due(invoice)
    return {
        "id": invoice.id,
        "total": display.money(invoice.total, places),
        "amountPaid": display.money(invoice.amount_paid, places),
        "amountCredited": display.money(invoice.amount_credited, places),
        "amountRefunded": display.money(invoice.amount_refunded, places),
        "amountDue": due,
        "creditBalance": max(-due, display.money(0, places)),
    }


def tax_breakdown_json(document: Document, lines: Sequence[LineItem]) -> shapes.TaxBreakdown:
    """A document's tax breakdown (an extension: the contract's shapes stay as they are)."""
    places = document.minor_units
    return {
        "id": document.id,
        "pricesIncludeTax": document.prices_include_tax,
        "taxRounding": document.tax_rounding.value,
        "taxTotal": display.money(document.tax_total, places),
        "taxLines": [tax_line_json(row, places) for row in tax_lines(document, lines)],
    }


def tax_line_json(row: TaxLine, places: int) -> shapes.TaxLine:
    """A row of a tax breakdown of amounts rounded to `places` decimals."""
    return {
        "rate": display.plain(row.tax.rate),
        "name": row.tax.name,
        "category": row.tax.category.value,
        "compound": row.tax.compound,
        "exemptionReason": row.tax.exemption_reason,
        "exemptionReasonCode": row.tax.exemption_reason_code,
        "taxableAmount": display.money(row.taxable_amount, places),
        "taxAmount": display.money(row.tax_amount, places),
    }


def credit_note_json(shown: Shown) -> shapes.CreditNote:
    """A credit note with its lines, breakdown and refunds (an extension)."""
    note, places = shown.note, shown.note.minor_units
    return {
        "id": note.id,
        "creditNoteNumber": note.number,
        "invoiceId": note.invoice_id,
        "invoiceNumber": shown.invoice.number,
        "clientId": note.client_id,
        "currency": note.currency,
        "issueDate": calendar_date(note.issue_date),
        "reason": note.reason,
        "subtotal": display.money(note.subtotal, places),
        "taxTotal": display.money(note.tax_total, places),
        "total": display.money(note.total, places),
        "amountRefunded": display.money(note.amount_refunded, places),
        "taxLines": [tax_line_json(TaxLine.from_json(row), places) for row in note.tax_breakdown],
        "lineItems": [
            {
                "invoiceLineIndex": line.invoice_line,
                "description": line.description,
                "quantity": None if line.quantity is None else display.plain(line.quantity),
                "amount": display.money(line.amount, places),
                "netAmount": display.money(line.net, places),
                "taxAmount": display.money(line.tax, places),
            }
            for line in shown.lines
        ],
        "refunds": [
            {
                "id": refund.id,
                "amount": display.money(refund.amount, places),
                "method": refund.method.value,
                "refundDate": calendar_date(refund.refund_date),
                "note": refund.note,
                "createdAt": timestamp(refund.created_at),
            }
            for refund in shown.refunds
        ],
        "sentTo": list(note.sent_to),
        "sentAt": optional_timestamp(note.sent_at),
        "createdAt": timestamp(note.created_at),
    }


def line_item_json(line: LineItem, places: int) -> shapes.LineItem:
    """A document line, of a document rounded to `places` decimals."""
    return {
        "description": line.description,
        "quantity": display.plain(line.quantity),
        "unitPrice": display.unit_price(line.unit_price, places),
        "amount": display.money(line.amount, places),
        "taxRate": display.plain(line.tax_rate),
    }


def _lines(document: Document, lines: Sequence[LineItem]) -> list[shapes.LineItem]:
    return [line_item_json(line, document.minor_units) for line in lines]


def invoice_list_item(document: Document, today: date) -> shapes.InvoiceListItem:
    """An invoice as lists show it; the status is the one it reads as `today` (OVERDUE)."""
    currency, places = document.currency, document.minor_units
    return {
        "id": document.id,
        "clientId": document.client_id,
        "invoiceNumber": document.number,
        "currency": currency,
        "issueDate": calendar_date(document.issue_date),
        "dueDate": calendar_date(document.due_date) if document.due_date is not None else None,
        "subtotal": display.money(document.subtotal, places),
        "taxTotal": display.money(document.tax_total, places),
        "discountTotal": display.money(document.discount_total, places),
        "total": display.money(document.total, places),
        "status": effective_status(document, today).value,
        "createdAt": timestamp(document.created_at),
        "client": _client_summary(document),
    }


def invoice_json(document: Document, lines: Sequence[LineItem], today: date) -> shapes.Invoice:
    """The full invoice: the list fields, its lines and its history."""
    return {
        **invoice_list_item(document, today),
        "lineItems": _lines(document, lines),
        "notes": document.notes,
        "terms": document.terms,
        "sentViaEmail": document.sent_via_email,
        "sentAt": optional_timestamp(document.sent_at),
        "paidAt": optional_timestamp(document.paid_at),
    }


def invoice_summary(document: Document, today: date) -> shapes.InvoiceSummary:
    """What creating or changing an invoice answers."""
    return {
        "id": document.id,
        "invoiceNumber": document.number,
        "total": display.money(document.total, document.minor_units),
        "status": effective_status(document, today).value,
    }


def estimate_list_item(document: Document, today: date) -> shapes.EstimateListItem:
    """An estimate as lists show it."""
    currency, places = document.currency, document.minor_units
    return {
        "id": document.id,
        "clientId": document.client_id,
        "estimateNumber": document.number,
        "currency": currency,
        "issueDate": calendar_date(document.issue_date),
        "dueDate": calendar_date(document.due_date) if document.due_date is not None else None,
        "subtotal": display.money(document.subtotal, places),
        "taxTotal": display.money(document.tax_total, places),
        "discountTotal": display.money(document.discount_total, places),
        "total": display.money(document.total, places),
        "status": effective_status(document, today).value,
        "createdAt": timestamp(document.created_at),
        "client": _client_summary(document),
    }


def estimate_json(document: Document, lines: Sequence[LineItem], today: date) -> shapes.Estimate:
    """The full estimate: the list fields, its lines and its history."""
    return {
        **estimate_list_item(document, today),
        "lineItems": _lines(document, lines),
        "notes": document.notes,
        "terms": document.terms,
        "sentViaEmail": document.sent_via_email,
        "sentAt": optional_timestamp(document.sent_at),
        "acceptedAt": optional_timestamp(document.accepted_at),
    }


def estimate_summary(document: Document, today: date) -> shapes.EstimateSummary:
    """What creating or changing an estimate answers."""
    return {
        "id": document.id,
        "estimateNumber": document.number,
        "total": display.money(document.total, document.minor_units),
        "status": effective_status(document, today).value,
    }


def payment_json(payment: Payment) -> shapes.Payment:
    """A payment."""
    return {
        "id": payment.id,
        "invoiceId": payment.document_id,
        "amount": display.money(payment.amount, payment.minor_units),
        "currency": payment.currency,
        "paymentDate": calendar_date(payment.payment_date),
        "paymentMethod": payment.payment_method.value,
        "note": payment.note,
        "createdAt": timestamp(payment.created_at),
    }


def optional_date(value: date | None) -> str | None:
    """`calendar_date`, or None for no date."""
    return calendar_date(value) if value is not None else None


def _recurring_line(line: dict[str, Any], places: int) -> shapes.RecurringLineItem:
    # The template keeps each amount as the exact decimal text it was given; shown as an
    # invoice's line shows it (a unit price with at least the currency's decimals).
    return {
        "description": line["description"],
        "quantity": display.plain(Decimal(line["quantity"])),
        "unitPrice": display.unit_price(Decimal(line["unit_price"]), places),
        "taxRate": display.plain(Decimal(line["tax_rate"])),
        "taxRateIds": list(line.get("tax_rate_ids", ())),
        "unitCode": line["unit_code"],
    }


def recurring_invoice_json(schedule: RecurringInvoice) -> shapes.RecurringInvoice:
    """A recurring invoice (an extension), read with its client (`.client`)."""
    template = schedule.template
    return {
        "id": schedule.id,
        "name": schedule.name,
        "clientId": schedule.client_id,
        "client": {"name": schedule.client.name, "email": schedule.client.email},
        "currency": schedule.currency,
        "lineItems": [
            _recurring_line(line, minor_units(schedule.currency))
            for line in template.get("line_items", ())
        ],
        "pricesIncludeTax": bool(template.get("prices_include_tax", False)),
        "buyerReference": template.get("buyer_reference") or None,
        "purchaseOrderReference": template.get("purchase_order_reference") or None,
        "notes": template.get("notes", ""),
        "terms": template.get("terms", ""),
        "paymentTermsDays": schedule.payment_terms_days,
        "rule": schedule.rule,
        "startsOn": calendar_date(schedule.starts_on),
        "endsOn": optional_date(schedule.ends_on),
        "count": schedule.max_runs,
        "action": schedule.action,
        "missed": schedule.missed,
        "status": schedule.status,
        "nextRunOn": optional_date(schedule.next_run_on),
        "periodsDone": schedule.periods_done,
        "pausedAt": optional_timestamp(schedule.paused_at),
        "cancelledAt": optional_timestamp(schedule.cancelled_at),
        "createdAt": timestamp(schedule.created_at),
        "updatedAt": timestamp(schedule.updated_at),
    }


def recurring_run_json(run: RecurringRun) -> shapes.RecurringRun:
    """One run of a recurring invoice (an extension)."""
    return {
        "id": run.id,
        "period": calendar_date(run.period),
        "state": run.state,
        "error": run.error or None,
        "invoiceId": run.document_id,
        "createdAt": timestamp(run.created_at),
        "updatedAt": timestamp(run.updated_at),
    }
