"""A document's input as the surfaces pass it: plain values keyed by snake_case field
(`client_id`, `line_items`, ...) as they came from the wire, validated here into a
document's header fields and its lines. Errors name the API's camelCase field
(`lineItems[0].unitPrice`). Nothing here reads or writes the database.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from billing import numbering, parties, validation
from billing.errors import ValidationError
from billing.money import (
    minor_units,
    normalize_currency,
    parse_amount,
    parse_quantity,
    parse_rate,
    parse_unit_price,
)
from models import Document
from models.enums import DiscountType
from models.taxes import AppliedTax

MAX_LINE_ITEMS = 500
MAX_TAXES_PER_LINE = 5
MAX_DESCRIPTION_LENGTH = 5000
MAX_NOTES_LENGTH = 20000
EARLIEST_DATE = date(1900, 1, 1)
LATEST_DATE = date(2999, 12, 31)

_LINE_FIELDS = {
    "description": "description",
    "quantity": "quantity",
    "unit_price": "unitPrice",
    "tax_rate": "taxRate",
    "apply_tax": "applyTax",
    "apply_discount": "applyDiscount",
    "tax_rate_ids": "taxRateIds",
    "unit_code": "unitCode",
}
_DOCUMENT_FIELDS = {
    "client_id": "clientId",
    "number": "number",
    "currency": "currency",
    "issue_date": "issueDate",
    "due_date": "dueDate",
    "discount_type": "discountType",
    "discount_value": "discountValue",
    "tax": "tax",
    "tax2": "tax2",
    "prices_include_tax": "pricesIncludeTax",
    "notes": "notes",
    "terms": "terms",
    "buyer_reference": "buyerReference",
    "purchase_order_reference": "purchaseOrderReference",
    "delivery_date": "deliveryDate",
    "delivery_country": "deliveryCountry",
    "line_items": "lineItems",
}


@dataclass(frozen=True, slots=True)
class LineData:
    """A validated line item: what a request's line becomes before it is stored. It is
    priced as billing.totals reads lines, as a stored LineItem is."""

    description: str
    quantity: Decimal
    unit_price: Decimal
    tax_rate: Decimal = Decimal(0)
    apply_tax: bool = True
    apply_discount: bool = True
    unit_code: str = "C62"  # UN/ECE Recommendation 20
    tax_rate_ids: tuple[str, ...] = ()  # the catalogue's rates, as the request names them
    taxes: tuple[AppliedTax, ...] = ()  # those rates, once read from the catalogue


def refuse_unknown(values: Mapping[str, Any]) -> None:
    """Refuse a document's values naming a field a document does not have."""
    validation.known_fields(values, _DOCUMENT_FIELDS)


def parse_lines(raw: object) -> list[LineData]:
    """Validate the `lineItems` of a request."""
    if not isinstance(raw, Sequence) or isinstance(raw, str | bytes):
        raise ValidationError("lineItems must be a list", field="lineItems")
    if len(raw) > MAX_LINE_ITEMS:
        raise ValidationError(
            f"A document has at most {MAX_LINE_ITEMS} line items, got {len(raw)}",
            field="lineItems",
        )
    lines = []
    for index, item in enumerate(raw):
        path = f"lineItems[{index}]"
        if not isinstance(item, Mapping):
            raise ValidationError(f"{path} must be an object", field=path)
        validation.known_fields(item, _LINE_FIELDS, path)
        for required in ("description", "quantity", "unit_price"):
            if item.get(required) is None:
                name = _LINE_FIELDS[required]
                raise ValidationError(
                    f"Missing required field: {path}.{name}", field=f"{path}.{name}"
                )
        lines.append(
            LineData(
                description=validation.text(
                    item["description"],
                    field=f"{path}.description",
                    max_length=MAX_DESCRIPTION_LENGTH,
                    required=True,
                    multiline=True,
                ),
                quantity=parse_quantity(item["quantity"], field=f"{path}.quantity"),
                unit_price=parse_unit_price(item["unit_price"], field=f"{path}.unitPrice"),
                tax_rate=parse_rate(item.get("tax_rate", 0) or 0, field=f"{path}.taxRate"),
                apply_tax=validation.flag(item.get("apply_tax", True), field=f"{path}.applyTax"),
                apply_discount=validation.flag(
                    item.get("apply_discount", True), field=f"{path}.applyDiscount"
                ),
                tax_rate_ids=_ids(item.get("tax_rate_ids") or (), f"{path}.taxRateIds"),
                unit_code=parties.unit_code(item.get("unit_code"), field=f"{path}.unitCode"),
            )
        )
    return lines


def _ids(raw: object, field: str) -> tuple[str, ...]:
    """A line's tax rate ids: a list of distinct strings, at most MAX_TAXES_PER_LINE."""
    if not isinstance(raw, Sequence) or isinstance(raw, str | bytes):
        raise ValidationError(f"{field} must be a list of tax rate ids", field=field)
    if len(raw) > MAX_TAXES_PER_LINE:
        raise ValidationError(
            f"A line has at most {MAX_TAXES_PER_LINE} taxes, got {len(raw)}", field=field
        )
    for index, value in enumerate(raw):
        if not isinstance(value, str):
            raise ValidationError(f"{field}[{index}] must be a tax rate id", field=field)
    if len(set(raw)) != len(raw):
        raise ValidationError(f"{field} names a tax rate twice", field=field)
    return tuple(raw)


def parse_number(value: object) -> str:
    """A document number given by hand."""
    number = validation.text(value, field="number", max_length=numbering.MAX_NUMBER_LENGTH)
    if not number:
        raise ValidationError(
            "number must not be empty; leave it out to get the next one", field="number"
        )
    return number


def _date(value: object, field: str) -> date:
    parsed = validation.iso_date(value, field=field)
    if not EARLIEST_DATE <= parsed <= LATEST_DATE:
        raise ValidationError(f"{field} must be between 1900 and 2999", field=field)
    return parsed


def apply_header(document: Document, values: Mapping[str, Any]) -> None:
    """Validate and set the header fields present in `values` (not client, number, lines)."""
    if "currency" in values:
        currency = normalize_currency(values["currency"])
        if currency != document.currency:
            document.currency = currency
            document.minor_units = minor_units(currency)
    if "issue_date" in values:
        document.issue_date = _date(values["issue_date"], "issueDate")
    if "due_date" in values:
        document.due_date = (
            None if values["due_date"] is None else _date(values["due_date"], "dueDate")
        )
    if "delivery_date" in values:
        raw_date = values["delivery_date"]
        document.delivery_date = None if raw_date is None else _date(raw_date, "deliveryDate")
    if "delivery_country" in values:
        raw_country = values["delivery_country"]
        document.delivery_country = (
            parties.country(raw_country, field="deliveryCountry") if raw_country else ""
        )
    if "discount_type" in values:
        raw = values["discount_type"]
        try:
            document.discount_type = None if raw is None else DiscountType(raw)
        except ValueError:
            raise ValidationError(
                "discountType must be PERCENT or FLAT", field="discountType"
            ) from None
    if "discount_value" in values:
        document.discount_value = values["discount_value"]
    for field in ("tax", "tax2"):
        if field in values:
            setattr(document, field, parse_rate(values[field] or 0, field=field))
    if "prices_include_tax" in values:
        document.prices_include_tax = validation.flag(
            values["prices_include_tax"], field="pricesIncludeTax"
        )
    for name, field in (
        ("buyer_reference", "buyerReference"),
        ("purchase_order_reference", "purchaseOrderReference"),
    ):
        if name in values:
            setattr(document, name, parties.reference(values[name], field=field))
    for field in ("notes", "terms"):
        if field in values:
            setattr(
                document,
                field,
                validation.text(
                    values[field], field=field, max_length=MAX_NOTES_LENGTH, multiline=True
                ),
            )
    # The discount value is read by its type (and currency), so it is checked once all are
    # known; a stored value carries the column's trailing zeros, which are not precision.
    raw_value: object = document.discount_value if document.discount_value is not None else 0
    if isinstance(raw_value, Decimal):
        raw_value = raw_value.normalize()
    if document.discount_type is DiscountType.PERCENT:
        document.discount_value = parse_rate(raw_value, field="discountValue")
    elif document.discount_type is DiscountType.FLAT:
        document.discount_value = parse_amount(
            raw_value,
            field="discountValue",
            currency=document.currency,
            places=document.minor_units,
        )
    else:
        if parse_amount(
            raw_value,
            field="discountValue",
            currency=document.currency,
            places=document.minor_units,
        ):
            raise ValidationError(
                "discountValue needs a discountType (PERCENT or FLAT)", field="discountType"
            )
        document.discount_value = Decimal(0)
    if document.due_date is not None and document.due_date < document.issue_date:
        raise ValidationError("dueDate must not be before issueDate", field="dueDate")
