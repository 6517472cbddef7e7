"""eInvoiceCheck: a received e-invoice parsed and validated by the official rules; nothing is
stored."""

from __future__ import annotations

import asyncio
import base64
import binascii
from enum import Enum
from typing import Annotated

import strawberry

from billing.errors import ValidationError
from einvoice import reading
from graph.context import Info
from graph.einvoices.types import ValidationFinding


@strawberry.enum(description="How a received document is given.")
class EInvoiceEncoding(Enum):
    XML = strawberry.enum_value("XML", description="The XML itself, as text.")
    BASE64 = strawberry.enum_value(
        "BASE64", description="Base64 of the file: XML, or a Factur-X / ZUGFeRD PDF."
    )


@strawberry.type(description="A received e-invoice: its syntax, findings and main values.")
class EInvoiceCheck:
    syntax: str | None = strawberry.field(
        description="UBL_INVOICE, UBL_CREDIT_NOTE or CII; null when it is none of them."
    )
    valid: bool = strawberry.field(
        description="Whether it passes the schema and the EN 16931 rules with no fatal finding."
    )
    findings: list[ValidationFinding] = strawberry.field(description="What the rules found.")
    number: str | None = strawberry.field(description="Its number (BT-1).")
    type_code: str | None = strawberry.field(description="380 invoice, 381 credit note, ...")
    issue_date: str | None = strawberry.field(description="Its date of issue, as written.")
    currency: str | None = strawberry.field(description="Its currency (BT-5).")
    seller_name: str | None = strawberry.field(description="The seller's name.")
    seller_vat_id: str | None = strawberry.field(description="The seller's VAT identifier.")
    buyer_name: str | None = strawberry.field(description="The buyer's name.")
    buyer_vat_id: str | None = strawberry.field(description="The buyer's VAT identifier.")
    total: str | None = strawberry.field(description="Its total with VAT (BT-112).")
    tax_total: str | None = strawberry.field(description="Its VAT total (BT-110).")
    due: str | None = strawberry.field(description="The amount due (BT-115).")


def _content(content: str, encoding: EInvoiceEncoding) -> bytes:
    if encoding is EInvoiceEncoding.XML:
        return content.encode("utf-8")
    try:
        return base64.b64decode(content, validate=True)
    except (binascii.Error, ValueError):
        raise ValidationError("content is not valid base64", field="content") from None


@strawberry.type
class EInvoiceQueries:
    @strawberry.field(
        description="Check an e-invoice received from a supplier: UBL 2.1 or CII, as XML or a "
        "Factur-X / ZUGFeRD PDF (base64), within the request body limit (REST's POST "
        "/api/v1/einvoices/check takes the file itself, up to 10 MB). It is parsed, validated "
        "by the XSD and CEN's EN 16931 rules, and its main values read back; nothing is stored."
    )
    async def e_invoice_check(
        self,
        info: Info,
        content: Annotated[str, strawberry.argument(description="The document.")],
        encoding: Annotated[
            EInvoiceEncoding, strawberry.argument(description="How `content` is given.")
        ] = EInvoiceEncoding.XML,
    ) -> EInvoiceCheck:
        received = await asyncio.to_thread(reading.read, _content(content, encoding))
        values = received.values
        return EInvoiceCheck(
            syntax=None if received.syntax is None else received.syntax.value,
            valid=received.valid,
            findings=[
                ValidationFinding(rule=f.rule, flag=f.flag, location=f.location, text=f.text)
                for f in received.findings
            ],
            number=values.get("number"),
            type_code=values.get("type_code"),
            issue_date=values.get("issue_date"),
            currency=values.get("currency"),
            seller_name=values.get("seller_name"),
            seller_vat_id=values.get("seller_vat_id"),
            buyer_name=values.get("buyer_name"),
            buyer_vat_id=values.get("buyer_vat_id"),
            total=values.get("total"),
            tax_total=values.get("tax_total"),
            due=values.get("due"),
        )
