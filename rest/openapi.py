"""The OpenAPI 3.1 document of the shim, written from the operations themselves.

Paths, parameters, bodies and answers all come from each operation's handler signature
(see rest.endpoint) and the shapes it names (rest.shapes), so the document describes what
the code does; the test suite runs schemathesis against it to keep it that way.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from pdf.files import DISPOSITION_PATTERN
from rest import shapes
from rest.endpoint import Endpoint, Operation
from rest.jsonio import dumps
from rest.pdfs import Pdf
from rest.schema import json_schema, shape_fields

PATH = "/openapi.json"
SECURITY_SCHEME = "apiKey"

ERROR_MEANINGS = {
    400: "Invalid parameters or body; the message names the field",
    401: "Missing, malformed, unknown or revoked API key",
    403: "The plan lacks API access (or e-mail, to send), or one of its limits is reached",
    404: "No such resource in this organization",
    409: "The resource's state refuses the request; the message says why",
    413: "The body is larger than MAX_BODY_BYTES",
    415: "The body was not sent as application/json",
    429: "Rate limit exceeded: retry after the Retry-After header's seconds",
    502: "The e-mail was not sent (the SMTP server refused it or could not be reached, the "
    "message says why); nothing changed",
    503: "The PDF could not be rendered just now (the renderer failed or timed out): retry",
}

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
    shapes.DocumentSend: {
        "to": ["ap@globex.example"],
        "cc": ["finance@globex.example"],
        "subject": "Your invoice from Acme Studio",
        "message": "Thank you for your business.\nPayment details are in the PDF.",
    },
}


def operation_id(operation: Operation) -> str:
    """The operation's stable name: its handler's in camelCase (list_clients: listClients)."""
    return re.sub(r"_([a-z])", lambda m: m.group(1).upper(), operation.handler.__name__)


def _error(status: int, components: dict[str, Any]) -> dict[str, Any]:
    response: dict[str, Any] = {
        "description": ERROR_MEANINGS[status],
        "content": {"application/json": {"schema": json_schema(shapes.Error, components)}},
    }
    if status == 401:
        response["headers"] = {
            "WWW-Authenticate": {"required": True, "schema": {"type": "string", "const": "Bearer"}}
        }
    return response


def _parameters(operation: Operation, components: dict[str, Any]) -> list[dict[str, Any]]:
    parameters: list[dict[str, Any]] = []
    if operation.signature.takes_id:
        schema = json_schema(shapes.Id, components)
        parameters.append(
            {
                "name": "id",
                "in": "path",
                "required": True,
                "description": schema.pop("description"),
                "schema": schema,
            }
        )
    if operation.signature.query is not None:
        for name, hint, _ in shape_fields(operation.signature.query):
            schema = json_schema(hint, components)
            parameter = {"name": name, "in": "query", "required": False}
            if "description" in schema:
                parameter["description"] = schema.pop("description")
            parameters.append({**parameter, "schema": schema})
    return parameters


def _links(operation: Operation, operations: Sequence[Operation]) -> dict[str, dict[str, Any]]:
    """From a created resource to the operations on it, by the id the answer carries."""
    if operation.creates is None:
        return {}
    prefix = operation.creates + "/{id}"
    return {
        operation_id(target): {
            "operationId": operation_id(target),
            "parameters": {"id": "$response.body#/data/id"},
        }
        for target in operations
        if target.path == prefix or target.path.startswith(prefix + "/")
    }


def _operation(
    operation: Operation, operations: Sequence[Operation], components: dict[str, Any]
) -> dict[str, Any]:
    signature = operation.signature
    summary, _, description = inspect.cleandoc(operation.handler.__doc__ or "").partition("\n")
    spec: dict[str, Any] = {
        "operationId": operation_id(operation),
        "tags": [operation.path.split("/")[1]],
        "summary": summary.rstrip("."),
    }
    if description.strip():
        spec["description"] = description.strip()
    parameters = _parameters(operation, components)
    if parameters:
        spec["parameters"] = parameters
    if signature.body is not None:
        spec["requestBody"] = {
            "required": signature.body_required,
            "content": {
                "application/json": {
                    "schema": json_schema(signature.body, components),
                    "example": EXAMPLES[signature.body],
                }
            },
        }
    success: dict[str, Any]
    if signature.response is None:
        success = {"description": "Done; no content"}
    elif signature.response is Pdf:
        success = {
            "description": "The PDF, as an attachment named after the document's number",
            "headers": {
                "Content-Disposition": {
                    "required": True,
                    "description": (
                        'attachment; filename="<number>.pdf", with what a quoted name cannot '
                        "hold replaced by _; then the exact name in filename* (RFC 6266)"
                    ),
                    "schema": {"type": "string", "pattern": DISPOSITION_PATTERN},
                }
            },
            "content": {Pdf.media_type: {"schema": {"type": "string", "format": "binary"}}},
        }
    else:
        success = {
            "description": "Done",
            "content": {
                "application/json": {"schema": json_schema(signature.response, components)}
            },
        }
    links = _links(operation, operations)
    if links:
        success["links"] = links
    responses = {str(operation.status): success}
    for status in operation.error_statuses:
        responses[str(status)] = _error(status, components)
    spec["responses"] = responses
    return spec


def document(prefix: str, operations: Sequence[Operation]) -> dict[str, Any]:
    """The OpenAPI document of `operations`, mounted under `prefix`."""
    components: dict[str, Any] = {}
    paths: dict[str, dict[str, Any]] = {}
    for operation in operations:
        path = paths.setdefault(prefix + operation.path, {})
        path[operation.method.lower()] = _operation(operation, operations, components)
    paths[prefix + PATH] = {
        "get": {
            "operationId": "openapi",
            "tags": ["meta"],
            "summary": "This document",
            "security": [],
            "responses": {
                "200": {
                    "description": "The OpenAPI document",
                    "content": {"application/json": {"schema": {"type": "object"}}},
                }
            },
        }
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "invoicegraph REST v1",
            "version": "1",
            "description": (
                "The legacy v1 contract, served exactly, plus estimates, payments and voiding "
                'in its style. Errors are {"error": message}; money amounts are exact JSON '
                "numbers with the currency's decimals."
            ),
        },
        "paths": paths,
        "components": {
            "schemas": dict(sorted(components.items())),
            "securitySchemes": {
                SECURITY_SCHEME: {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "An API key: cinv_ followed by 40 letters and digits",
                }
            },
        },
        "security": [{SECURITY_SCHEME: []}],
    }


def endpoint(prefix: str, operations: Sequence[Operation]) -> Endpoint:
    """The endpoint serving the document; it needs no API key."""
    content = dumps(document(prefix, operations)).encode()

    async def openapi(request: Request) -> Response:
        return Response(content, media_type="application/json")

    return openapi
