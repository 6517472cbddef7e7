"""The OpenAPI 3.1 document of a door, written from its operations themselves.

Paths, parameters, bodies and answers all come from each operation's handler signature
(see rest.endpoint) and the shapes it names, so the document describes what the code does;
the test suite runs schemathesis against each door's document to keep it that way. What is
particular to a door (its error body, its examples, its title) comes from its Door.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Sequence
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from gateway.idempotency import WRITES
from pdf.files import disposition_pattern
from rest.door import Door
from rest.endpoint import Endpoint, Operation
from rest.jsonio import dumps
from rest.pdfs import is_download
from rest.schema import json_schema, shape_fields

PATH = "/openapi.json"
SECURITY_SCHEME = "apiKey"


def operation_id(operation: Operation) -> str:
    """The operation's stable name: its handler's in camelCase (list_clients: listClients)."""
    return re.sub(r"_([a-z])", lambda m: m.group(1).upper(), operation.handler.__name__)


def _error(status: int, door: Door, components: dict[str, Any]) -> dict[str, Any]:
    response: dict[str, Any] = {
        "description": door.error_meanings[status],
        "content": {"application/json": {"schema": json_schema(door.error_shape, components)}},
    }
    if status == 401:
        response["headers"] = {
            "WWW-Authenticate": {"required": True, "schema": {"type": "string", "const": "Bearer"}}
        }
    return response


def _parameters(
    operation: Operation, door: Door, components: dict[str, Any]
) -> list[dict[str, Any]]:
    parameters: list[dict[str, Any]] = []
    if operation.signature.takes_id:
        schema = json_schema(door.id_shape, components)
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
    if operation.method in WRITES:
        parameters.append(IDEMPOTENCY_KEY)
    return parameters


#: Every write takes one (gateway.idempotency): its retry answers the first response.
IDEMPOTENCY_KEY: dict[str, Any] = {
    "name": "Idempotency-Key",
    "in": "header",
    "required": False,
    "description": (
        "Makes the request safe to retry: a retry with the same key and request, within 24 "
        "hours, answers the first response byte for byte with `Idempotent-Replayed: true` and "
        "runs nothing; the key with another request is a 409 (IDEMPOTENCY_KEY_REUSED), and "
        "while the first is still running a retry waits, then is a 409 "
        "(IDEMPOTENCY_KEY_IN_USE). Keys are per API key or user."
    ),
    "schema": {"type": "string", "minLength": 1, "maxLength": 255, "pattern": "^[ -~]+$"},
}


def _links(
    operation: Operation, operations: Sequence[Operation], door: Door
) -> dict[str, dict[str, Any]]:
    """From a created resource to the operations on it, by the id the answer carries."""
    if operation.creates is None:
        return {}
    prefix = operation.creates + "/{id}"
    return {
        operation_id(target): {
            "operationId": operation_id(target),
            "parameters": {"id": f"$response.body#{door.created_id}"},
        }
        for target in operations
        if target.path == prefix or target.path.startswith(prefix + "/")
    }


def _operation(
    operation: Operation, operations: Sequence[Operation], door: Door, components: dict[str, Any]
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
    parameters = _parameters(operation, door, components)
    if parameters:
        spec["parameters"] = parameters
    if signature.body is not None:
        spec["requestBody"] = {
            "required": signature.body_required,
            "content": {
                "application/json": {
                    "schema": json_schema(signature.body, components),
                    "example": door.examples[signature.body],
                }
            },
        }
    if signature.upload is not None:
        binary = {"schema": {"type": "string", "format": "binary"}}
        spec["requestBody"] = {
            "required": True,
            "description": signature.upload.what,
            "content": {media_type: binary for media_type in signature.upload.media_types},
        }
    success: dict[str, Any]
    if signature.response is None:
        success = {"description": "Done; no content"}
    elif is_download(signature.response):
        kind = signature.response
        success = {
            "description": f"{kind.what}, as an attachment named after the document's number",
            "headers": {
                "Content-Disposition": {
                    "required": True,
                    "description": (
                        f'attachment; filename="<number>{kind.suffix}", with what a quoted name '
                        "cannot hold replaced by _; then the exact name in filename* (RFC 6266)"
                    ),
                    "schema": {"type": "string", "pattern": disposition_pattern(kind.suffix)},
                }
            },
            "content": {kind.media_type: {"schema": {"type": "string", "format": "binary"}}},
        }
    else:
        success = {
            "description": "Done",
            "content": {
                "application/json": {"schema": json_schema(signature.response, components)}
            },
        }
    links = _links(operation, operations, door)
    if links:
        success["links"] = links
    responses = {str(operation.status): success}
    for status in operation.error_statuses:
        responses[str(status)] = _error(status, door, components)
    spec["responses"] = responses
    return spec


def document(door: Door, operations: Sequence[Operation]) -> dict[str, Any]:
    """The OpenAPI document of `door`'s `operations`."""
    components: dict[str, Any] = {}
    paths: dict[str, dict[str, Any]] = {}
    for operation in operations:
        path = paths.setdefault(door.prefix + operation.path, {})
        path[operation.method.lower()] = _operation(operation, operations, door, components)
    paths[door.prefix + PATH] = {
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
        "info": {"title": door.title, "version": door.version, "description": door.description},
        "paths": paths,
        "components": {
            "schemas": dict(sorted(components.items())),
            "securitySchemes": {
                SECURITY_SCHEME: {
                    "type": "http",
                    "scheme": "bearer",
                    "description": door.security_description,
                }
            },
        },
        "security": [{SECURITY_SCHEME: []}],
    }


def endpoint(door: Door, operations: Sequence[Operation]) -> Endpoint:
    """The endpoint serving the document; it needs no API key."""
    content = dumps(document(door, operations)).encode()

    async def openapi(request: Request) -> Response:
        return Response(content, media_type="application/json")

    return openapi
