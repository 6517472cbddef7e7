"""Shapes read three ways: checking bodies, parsing query parameters, JSON Schema."""

from __future__ import annotations

from decimal import Decimal

import pytest
from starlette.datastructures import QueryParams

from billing.errors import ValidationError
from rest import shapes
from rest.schema import body_values, json_schema, query_values, snake_case


def test_bodies_come_out_with_billings_keys() -> None:
    body = {
        "clientId": "cli_1",
        "invoiceNumber": None,
        "dueDate": None,
        "lineItems": [
            {"description": "A", "quantity": 1, "unitPrice": Decimal("2.50"), "amount": 9}
        ],
        "total": Decimal("1"),
    }
    assert body_values(shapes.InvoiceCreate, body) == {
        "client_id": "cli_1",
        "number": None,
        "due_date": None,
        "line_items": [{"description": "A", "quantity": 1, "unit_price": Decimal("2.50")}],
    }


@pytest.mark.parametrize(
    ("body", "message", "field"),
    [
        ({"clientId": "c", "total": "1"}, "total must be a number", "total"),
        ({"clientId": "c", "lineItems": [1]}, "lineItems[0] must be an object", "lineItems[0]"),
        (
            {"clientId": "c", "lineItems": [{"quantity": True}]},
            "Missing required field: lineItems[0].description",
            "lineItems[0].description",
        ),
        ({"clientId": "c", "notes": 1}, "notes must be a string or null", "notes"),
        ({"clientId": "c", "b": 1, "a": 2}, "Unknown field: a, b (accepted: clientId,", "a"),
        ({"clientId": "c" * 33}, "clientId must be at most 32 characters", "clientId"),
    ],
)
def test_body_errors_name_the_field(body: object, message: str, field: str) -> None:
    with pytest.raises(ValidationError) as caught:
        body_values(shapes.InvoiceCreate, body)
    assert message in caught.value.message
    assert caught.value.field == field


def test_query_defaults_fill_in() -> None:
    assert query_values(shapes.InvoiceQuery, QueryParams("status=PAID")) == {
        "page": 1,
        "limit": 20,
        "status": "PAID",
    }
    assert query_values(shapes.PaymentQuery, QueryParams("page=+2&limit= 5 ")) == {
        "page": 2,
        "limit": 5,
    }


def test_json_schema_of_nullable_and_referenced_types() -> None:
    components: dict[str, object] = {}
    assert json_schema(shapes.CalendarDate | None, components) == {
        "type": ["string", "null"],
        "format": "date",
        "description": "A calendar date: YYYY-MM-DD",
    }
    assert json_schema(shapes.ClientSummary | None, components) == {
        "anyOf": [{"$ref": "#/components/schemas/ClientSummary"}, {"type": "null"}]
    }
    assert set(components) == {"ClientSummary"}
    assert json_schema(shapes.InvoiceStatus | None, {})["enum"][-1] is None


def test_snake_case() -> None:
    assert [snake_case(n) for n in ("taxId", "lineItems", "tax2", "name")] == [
        "tax_id",
        "line_items",
        "tax2",
        "name",
    ]
