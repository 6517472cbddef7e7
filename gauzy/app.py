"""The Gauzy door's routes, mounted at /api, and what sets the door apart (see rest.door)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from starlette.datastructures import QueryParams
from starlette.routing import BaseRoute, Route

from gauzy import invoices, payments, shapes
from gauzy.errors import error_body
from rest import openapi
from rest.door import ERROR_MEANINGS, Door
from rest.endpoint import Operation, Services, routes_of
from rest.shapes import Id

PREFIX = "/api"

OPERATIONS: tuple[Operation, ...] = (
    # Lists answer 404 for another organization's where[organizationId].
    Operation("GET", "/invoices", invoices.list_invoices, errors=(404,)),
    Operation(
        "POST",
        "/invoices",
        invoices.create_invoice,
        status=201,
        errors=(404, 409),
        creates="/invoices",
    ),
    Operation("GET", "/invoices/{id}", invoices.get_invoice),
    Operation("PUT", "/invoices/{id}", invoices.update_invoice, status=202, errors=(409,)),
    Operation("DELETE", "/invoices/{id}", invoices.delete_invoice, status=202, errors=(409,)),
    Operation("PUT", "/invoices/{id}/email", invoices.email_invoice, status=202, errors=(409, 502)),
    Operation(
        "PUT", "/invoices/{id}/convert", invoices.convert_estimate, status=202, errors=(409,)
    ),
    # The page's spelling, then Gauzy's own (its controller is at /payments).
    Operation("GET", "/payment", payments.list_payments, errors=(404,)),
    Operation("POST", "/payment", payments.create_payment, status=201, errors=(404, 409)),
    Operation("GET", "/payments", payments.list_payments, errors=(404,)),
    Operation("POST", "/payments", payments.create_payment, status=201, errors=(404, 409)),
)

_ITEMS = [
    {
        "description": "Brand design, hours",
        "quantity": 40,
        "price": 125,
        "totalValue": 5000,
        "applyTax": True,
        "applyDiscount": True,
    }
]
# The seed page's example: 40 x 125 less 10 % is 4500.00, plus 7.5 % tax 337.50: 4837.50.
EXAMPLES: dict[Any, dict[str, Any]] = {
    shapes.InvoiceCreate: {
        "invoiceNumber": 1001,
        "invoiceDate": "2024-01-15T00:00:00.000Z",
        "dueDate": "2024-02-14T00:00:00.000Z",
        "currency": "USD",
        "discountValue": 10,
        "discountType": "PERCENT",
        "tax": Decimal("7.5"),
        "totalValue": Decimal("4837.50"),
        "toContactId": "cli_01jd8x3k2m4n5p6q7r8s9t0vwx",
        "invoiceItems": _ITEMS,
    },
    shapes.InvoiceUpdate: {"terms": "Net 30", "invoiceItems": [{**_ITEMS[0], "quantity": 50}]},
    shapes.InvoiceEmail: {"email": "ap@globex.example"},
    shapes.PaymentCreate: {
        "invoiceId": "inv_01jd8x3k2m4n5p6q7r8s9t0vwx",
        "paymentDate": "2024-02-01T00:00:00.000Z",
        "amount": Decimal("1000.00"),
        "currency": "USD",
        "paymentMethod": "BANK_TRANSFER",
        "note": "Wire ref 4711",
    },
}

_RELATIONS = re.compile(r"relations(\[\d*\])?")


def read_query(params: QueryParams) -> Mapping[str, str | list[str]]:
    """Gauzy's query string: `relations[]=a&relations[]=b` (or `relations[0]=a`, as Gauzy's
    own client writes it) is one list; any other name given twice is a list the shape
    refuses."""
    values: dict[str, str | list[str]] = {}
    relations: list[str] = []
    for name, value in params.multi_items():
        if _RELATIONS.fullmatch(name):
            relations.append(value)
        elif name in values:
            earlier = values[name]
            values[name] = [*(earlier if isinstance(earlier, list) else [earlier]), value]
        else:
            values[name] = value
    if relations:
        values["relations[]"] = relations
    return values


DOOR = Door(
    prefix=PREFIX,
    title="invoicegraph: Ever Gauzy's invoice endpoints",
    version="1",
    description=(
        "The invoice, estimate and payment endpoints of Ever Gauzy's documentation, onto the "
        "same organizations, ids, numbers, totals and statuses as GraphQL and REST v1. "
        'Errors are NestJS\'s {"statusCode", "message", "error"}; amounts are exact JSON '
        "numbers with the currency's decimals, computed by the server (totals sent are "
        "ignored); dates are moments in UTC (2024-01-15T00:00:00.000Z)."
    ),
    error=error_body,
    error_shape=shapes.Error,
    error_meanings={
        **ERROR_MEANINGS,
        404: "No such resource in this organization, or another organization's id",
    },
    examples=EXAMPLES,
    id_shape=Id,
    created_id="/id",
    query=read_query,
    field_names={
        "clientId": "toContactId",
        "issueDate": "invoiceDate",
        "lineItems": "invoiceItems",
        "unitPrice": "price",
    },
)


def routes(services: Services) -> list[BaseRoute]:
    """Every route of the door, and the OpenAPI document describing them."""
    return [
        *routes_of(OPERATIONS, services, DOOR),
        Route(openapi.PATH, openapi.endpoint(DOOR, OPERATIONS), methods=["GET"]),
    ]
