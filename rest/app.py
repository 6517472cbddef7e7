"""The v1 routes, mounted at /api/v1: the contract's, then the extensions in its style."""

from __future__ import annotations

from starlette.routing import BaseRoute, Route

from rest import clients, estimates, invoices, openapi, payments, sending
from rest.endpoint import Operation, Services, routes_of

PREFIX = "/api/v1"

OPERATIONS: tuple[Operation, ...] = (
    Operation("GET", "/clients", clients.list_clients),
    Operation("POST", "/clients", clients.create_client, status=201, creates="/clients"),
    Operation("GET", "/clients/{id}", clients.get_client),
    Operation("PUT", "/clients/{id}", clients.update_client),
    Operation("DELETE", "/clients/{id}", clients.delete_client, status=204),
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
    Operation("GET", "/invoices/{id}/pdf", invoices.get_invoice_pdf, errors=(503,)),
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
)


def routes(services: Services) -> list[BaseRoute]:
    """Every v1 route, and the OpenAPI document describing them."""
    return [
        *routes_of(OPERATIONS, services),
        Route(openapi.PATH, openapi.endpoint(PREFIX, OPERATIONS), methods=["GET"]),
    ]
