"""The v1 routes, mounted at /api/v1: the contract's, then the extensions in its style."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from starlette.routing import BaseRoute, Route

from rest import (
    clients,
    credit_notes,
    einvoices,
    estimates,
    invoices,
    openapi,
    payments,
    recurring_invoices,
    sending,
    shapes,
)
from rest.door import Door
from rest.endpoint import Operation, Services, routes_of
from rest.errors import error_response

PREFIX = "/api/v1"

OPERATIONS: tuple[Operation, ...] = (
    Operation("GET", "/clients", clients.list_clients),
    Operation("POST", "/clients", clients.create_client, status=201, creates="/clients"),
    Operation("GET", "/clients/{id}", clients.get_client),
    Operation("PUT", "/clients/{id}", clients.update_client),
    Operation("DELETE", "/clients/{id}", clients.delete_client, status=204),
    Operation("GET", "/clients/{id}/party", clients.get_client_party),
    Operation("GET", "/invoices", invoices.list_invoices),
    Operation(
        "POST",
        "/invoices",
        invoices.create_invoice,
        status=201,
        errors=(404, 409),
        creates="/invoices",
    ),
    Operation("GET", "/invoices/{id}", invoices.get_invoice),
    Operation("PUT", "/invoices/{id}", invoices.update_invoice, errors=(409,)),
    Operation("DELETE", "/invoices/{id}", invoices.delete_invoice, status=204, errors=(409,)),
    Operation("POST", "/invoices/{id}/void", invoices.void_invoice, errors=(409,)),
    Operation("GET", "/invoices/{id}/pdf", invoices.get_invoice_pdf, errors=(409, 503)),
    Operation("GET", "/invoices/{id}/taxes", invoices.get_invoice_taxes),
    Operation("GET", "/invoices/{id}/balance", invoices.get_invoice_balance),
    Operation("GET", "/invoices/{id}/einvoice", invoices.get_invoice_einvoice, errors=(409,)),
    Operation("POST", "/invoices/{id}/send", sending.send_invoice, errors=(409, 502)),
    Operation("GET", "/estimates", estimates.list_estimates),
    Operation(
        "POST",
        "/estimates",
        estimates.create_estimate,
        status=201,
        errors=(404, 409),
        creates="/estimates",
    ),
    Operation("GET", "/estimates/{id}", estimates.get_estimate),
    Operation("PUT", "/estimates/{id}", estimates.update_estimate, errors=(409,)),
    Operation("DELETE", "/estimates/{id}", estimates.delete_estimate, status=204),
    Operation(
        "POST",
        "/estimates/{id}/convert",
        estimates.convert_estimate,
        status=201,
        errors=(409,),
        creates="/invoices",
    ),
    Operation("POST", "/estimates/{id}/void", estimates.void_estimate, errors=(409,)),
    Operation("GET", "/estimates/{id}/pdf", estimates.get_estimate_pdf, errors=(503,)),
    Operation("GET", "/estimates/{id}/taxes", estimates.get_estimate_taxes),
    Operation("POST", "/estimates/{id}/send", sending.send_estimate, errors=(409, 502)),
    Operation("GET", "/payments", payments.list_payments),
    Operation(
        "POST",
        "/payments",
        payments.create_payment,
        status=201,
        errors=(404, 409),
        creates="/payments",
    ),
    Operation("DELETE", "/payments/{id}", payments.delete_payment, status=204),
    Operation("GET", "/credit-notes", credit_notes.list_credit_notes),
    Operation(
        "POST",
        "/credit-notes",
        credit_notes.create_credit_note,
        status=201,
        errors=(404, 409),
        creates="/credit-notes",
    ),
    Operation("GET", "/credit-notes/{id}", credit_notes.get_credit_note),
    Operation("POST", "/credit-notes/{id}/refunds", credit_notes.create_refund),
    Operation("GET", "/credit-notes/{id}/pdf", credit_notes.get_credit_note_pdf, errors=(503,)),
    Operation("GET", "/credit-notes/{id}/einvoice", credit_notes.get_credit_note_einvoice),
    Operation("POST", "/einvoices/check", einvoices.check_einvoice),
    Operation("POST", "/credit-notes/{id}/send", credit_notes.send_credit_note, errors=(409, 502)),
    Operation("GET", "/recurring-invoices", recurring_invoices.list_recurring_invoices),
    Operation(
        "POST",
        "/recurring-invoices",
        recurring_invoices.create_recurring_invoice,
        status=201,
        errors=(404,),
        creates="/recurring-invoices",
    ),
    Operation("GET", "/recurring-invoices/{id}", recurring_invoices.get_recurring_invoice),
    Operation(
        "PUT",
        "/recurring-invoices/{id}",
        recurring_invoices.update_recurring_invoice,
        errors=(409,),
    ),
    Operation(
        "POST",
        "/recurring-invoices/{id}/pause",
        recurring_invoices.pause_recurring_invoice,
        errors=(409,),
    ),
    Operation(
        "POST",
        "/recurring-invoices/{id}/resume",
        recurring_invoices.resume_recurring_invoice,
        errors=(409,),
    ),
    Operation(
        "POST",
        "/recurring-invoices/{id}/cancel",
        recurring_invoices.cancel_recurring_invoice,
        errors=(409,),
    ),
    Operation("GET", "/recurring-invoices/{id}/runs", recurring_invoices.list_recurring_runs),
    Operation(
        "GET",
        "/recurring-invoices/{id}/invoices",
        recurring_invoices.list_recurring_invoice_invoices,
    ),
    Operation("GET", "/recurring-invoices/{id}/upcoming", recurring_invoices.get_upcoming_runs),
)


_CLIENT = {
    "name": "Globex Corporation",
    "email": "ap@globex.example",
    "address": "1 Globex Way\nSpringfield",
    "taxId": "US12-3456789",
    "phone": "+1 555 0100",
    "notes": "Invoices to the accounts payable team",
}
# The contract's worked example: 40 x 125.00 at 10% tax is 5000.00 + 500.00 = 5500.00.
_LINES = [
    {
        "description": "Brand design, hours",
        "quantity": 40,
        "unitPrice": Decimal("125.00"),
        "taxRate": 10,
    }
]
_DOCUMENT = {
    "clientId": "cli_01jd8x3k2m4n5p6q7r8s9t0vwx",
    "currency": "USD",
    "issueDate": "2024-01-15",
    "dueDate": "2024-02-14",
    "lineItems": _LINES,
    "notes": "Thank you for your business.",
    "terms": "Net 30",
}
# Request examples, by body shape; the test suite sends each one and expects it accepted.
EXAMPLES: dict[Any, dict[str, Any]] = {
    shapes.ClientCreate: _CLIENT,
    shapes.ClientUpdate: {"email": "billing@globex.example", "phone": ""},
    shapes.InvoiceCreate: {**_DOCUMENT, "invoiceNumber": "INV-2024-001"},
    shapes.InvoiceUpdate: {"lineItems": [{**_LINES[0], "quantity": 50}]},
    shapes.EstimateCreate: {**_DOCUMENT, "estimateNumber": "EST-2024-001"},
    shapes.EstimateUpdate: {"notes": "Two review rounds included", "terms": "Valid for 45 days"},
    shapes.PaymentCreate: {
        "invoiceId": "inv_01jd8x3k2m4n5p6q7r8s9t0vwx",
        "amount": Decimal("1000.00"),
        "paymentMethod": "BANK_TRANSFER",
        "paymentDate": "2024-02-01",
        "note": "Wire ref 4711",
    },
    shapes.CreditNoteCreate: {
        "invoiceId": "inv_01jd8x3k2m4n5p6q7r8s9t0vwx",
        "lineItems": [{"lineIndex": 0, "quantity": 4}],
        "reason": "Four hours billed twice",
    },
    shapes.RefundCreate: {"amount": Decimal("550.00"), "method": "BANK_TRANSFER"},
    shapes.RecurringInvoiceCreate: {
        "clientId": "cli_01jd8x3k2m4n5p6q7r8s9t0vwx",
        "name": "Design retainer",
        "currency": "USD",
        "lineItems": _LINES,
        "notes": "Thank you for your business.",
        "terms": "Net 30",
        "paymentTermsDays": 30,
        "rule": "FREQ=MONTHLY;BYMONTHDAY=1",
        "startsOn": "2024-02-01",
        "count": 12,
        "action": "DRAFT",
        "missed": "CATCH_UP",
    },
    shapes.RecurringInvoiceUpdate: {
        "lineItems": [{**_LINES[0], "quantity": 50}],
        "rule": "FREQ=MONTHLY;BYMONTHDAY=-1",
        "paymentTermsDays": 14,
    },
    shapes.DocumentSend: {
        "to": ["ap@globex.example"],
        "cc": ["finance@globex.example"],
        "subject": "Your invoice from Acme Studio",
        "message": "Thank you for your business.\nPayment details are in the PDF.",
    },
}

V1 = Door(
    prefix=PREFIX,
    title="invoicegraph REST v1",
    version="1",
    description=(
        "The legacy v1 contract, served exactly, plus estimates, payments, voiding, credit "
        'notes and recurring invoices in its style. Errors are {"error": message}; money '
        "amounts are exact JSON numbers with the currency's decimals."
    ),
    error=error_response,
    error_shape=shapes.Error,
    examples=EXAMPLES,
    id_shape=shapes.Id,
    created_id="/data/id",
)


def routes(services: Services) -> list[BaseRoute]:
    """Every v1 route, and the OpenAPI document describing them."""
    return [
        *routes_of(OPERATIONS, services, V1),
        Route(openapi.PATH, openapi.endpoint(V1, OPERATIONS), methods=["GET"]),
    ]
